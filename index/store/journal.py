"""The change journal: an add or remove that is killed half-way is finished or rolled back by the next command.

A change writes its intent (which article files it writes and deletes, the fingerprint the index will have
when it is done) and copies of the files it overwrites or deletes, before touching the articles directory.
When it completes, the journal is removed. If it is found later, the change was interrupted: when the
current index already has the target fingerprint the change is complete and only the journal goes;
otherwise the directory is put back as it was, matching the index that kept serving. Either way, running
the same command again converges.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

_DIR = ".change"
_JOURNAL = "journal.json"


@dataclass(frozen=True)
class Recovery:
    """What was found and done about an interrupted change."""

    action: str  # "completed" or "rolled back"
    files: tuple[str, ...]


def begin(index_dir: Path, articles_dir: Path, writes: list[str], deletes: list[str], target: str) -> None:
    """Record a change before it touches ``articles_dir``: the journal and a copy of every file it replaces."""
    root = index_dir / _DIR
    shutil.rmtree(root, ignore_errors=True)
    backup = root / "backup"
    backup.mkdir(parents=True)
    saved = []
    for name in dict.fromkeys([*writes, *deletes]):
        source = articles_dir / name
        if source.is_file():
            shutil.copy2(source, backup / name)
            _fsync(backup / name)
            saved.append(name)
    entry = {"articles_dir": str(articles_dir), "writes": writes, "deletes": deletes, "saved": saved, "target": target}
    tmp = root / f".{_JOURNAL}.tmp"
    tmp.write_text(json.dumps(entry), "utf-8")
    _fsync(tmp)
    os.replace(tmp, root / _JOURNAL)
    _fsync_dir(root)


def finish(index_dir: Path) -> None:
    """The change is complete (or undone): forget it."""
    shutil.rmtree(index_dir / _DIR, ignore_errors=True)


def roll_back(index_dir: Path) -> tuple[str, ...]:
    """Put every file the recorded change wrote or deleted back as it was; returns their names."""
    entry = _read(index_dir)
    if entry is None:
        return ()
    articles_dir = Path(entry["articles_dir"])
    backup = index_dir / _DIR / "backup"
    touched = tuple(dict.fromkeys([*entry["writes"], *entry["deletes"]]))
    for name in touched:
        target = articles_dir / name
        if name in entry["saved"]:
            tmp = target.with_name(f".{name}.restore")
            shutil.copy2(backup / name, tmp)
            _fsync(tmp)
            os.replace(tmp, target)
        else:
            target.unlink(missing_ok=True)
    finish(index_dir)
    return touched


def recover(index_dir: Path, current_fingerprint: str | None) -> Recovery | None:
    """Finish or roll back an interrupted change, given the fingerprint of the index now serving.
    The caller holds the writer lock."""
    entry = _read(index_dir)
    if entry is None:
        return None
    touched = tuple(dict.fromkeys([*entry["writes"], *entry["deletes"]]))
    if current_fingerprint is not None and current_fingerprint == entry["target"]:
        finish(index_dir)
        logger.warning("an interrupted change to %s had completed; its journal is cleared", ", ".join(touched))
        return Recovery("completed", touched)
    roll_back(index_dir)
    logger.warning("an interrupted change to %s was rolled back", ", ".join(touched))
    return Recovery("rolled back", touched)


def pending(index_dir: Path) -> bool:
    return (index_dir / _DIR / _JOURNAL).is_file()


def _read(index_dir: Path) -> dict | None:  # type: ignore[type-arg]
    try:
        return json.loads((index_dir / _DIR / _JOURNAL).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        # A journal that cannot be read was never completed (it is renamed into place): nothing to undo.
        logger.warning("discarding an unreadable change journal in %s: %s", index_dir, e)
        finish(index_dir)
        return None


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
