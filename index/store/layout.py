"""Where index versions live on disk: the CURRENT pointer, the writer lock, checking a version's files
against its manifest, and the atomic switch and pruning that a build ends with."""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.checksum import file_sha256
from index.errors import (
    REBUILD_HINT,
    IndexCorruptError,
    IndexStoreError,
)
from index.store.loaded import Manifest

logger = logging.getLogger(__name__)

KEEP_VERSIONS = 2
CURRENT = "CURRENT"
VERSIONS = "versions"


_VERSION_NAME = re.compile(r"^v\d{8}T\d{6}-\d+-\d{6}$")


def current_version_dir(index_dir: Path) -> Path | None:
    """The directory of the version being served, or None when nothing was ever built.
    A damaged pointer (a directory, garbage, a name that is no version) is refused by name."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text("utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise IndexCorruptError(f"the index pointer {pointer} is unreadable; {REBUILD_HINT}") from e
    if not _VERSION_NAME.match(name):
        raise IndexCorruptError(f"the index pointer {pointer} names no index version; {REBUILD_HINT}")
    path = index_dir / VERSIONS / name
    if not path.is_dir():
        raise IndexCorruptError(f"the index pointer {pointer} names a missing version {name}; {REBUILD_HINT}")
    return path


class WriterBusyError(IndexStoreError):
    """Another process holds the writer lock (asked for without waiting)."""


@contextmanager
def writer_lock(index_dir: Path, *, wait: bool = True) -> Iterator[None]:
    """Serialise writers (builds, adds) across processes; readers never take it (they may try, without
    waiting, to repair an interrupted change)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise WriterBusyError(f"another summitbot process is changing the index at {index_dir}") from e
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def verify_version(path: Path, *, full: bool = False) -> Manifest:
    """Check every file of a version against its manifest: sizes always; checksums of all files when
    ``full`` (before reuse, `summitbot index check`), else of the files up to _HASH_ON_OPEN bytes (so a
    reader's open stays cheap at any archive size). Raises IndexCorruptError naming the first bad file."""
    manifest = Manifest.read(path / "manifest.json")
    if not manifest.files:
        raise IndexCorruptError(f"the index version {path.name} has no file checksums; {REBUILD_HINT}")
    for name, (size, digest) in manifest.files.items():
        file = path / name
        try:
            actual = file.stat().st_size
        except OSError as e:
            raise IndexCorruptError(f"the index file {name} of {path.name} is missing; {REBUILD_HINT}") from e
        if actual != size:
            raise IndexCorruptError(f"the index file {name} of {path.name} has the wrong size; {REBUILD_HINT}")
        if (full or actual <= _HASH_ON_OPEN) and file_sha256(file) != digest:
            raise IndexCorruptError(f"the index file {name} of {path.name} is damaged; {REBUILD_HINT}")
    return manifest


_HASH_ON_OPEN = 16 * 1024 * 1024


def current_fingerprint(index_dir: Path) -> str | None:
    """The articles fingerprint of the version being served, or None when there is none readable."""
    try:
        path = current_version_dir(index_dir)
        return Manifest.read(path / "manifest.json").articles_fingerprint if path is not None else None
    except IndexStoreError:
        return None


def disk_full(error: BaseException, index_dir: Path) -> bool:
    """Whether a failed write ran out of space (libraries do not always keep the errno)."""
    seen: BaseException | None = error
    while seen is not None:
        if getattr(seen, "errno", None) == errno.ENOSPC or "No space left" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    try:
        return shutil.disk_usage(index_dir).free < 1024 * 1024
    except OSError:
        return False


def clean_staging(index_dir: Path) -> None:
    """Leftovers of killed or failed builds are garbage; no live build exists while the writer lock is held."""
    versions = index_dir / VERSIONS
    if versions.is_dir():
        for path in versions.iterdir():
            if path.name.startswith(".staging-"):
                shutil.rmtree(path, ignore_errors=True)


def switch_to(index_dir: Path, version: str) -> None:
    pointer = index_dir / CURRENT
    if pointer.is_dir() and not pointer.is_symlink():
        shutil.rmtree(pointer)  # a damaged pointer: the new version replaces it
    tmp = index_dir / f".{CURRENT}.tmp"
    tmp.write_text(version + "\n", "utf-8")
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / CURRENT)
    dir_fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    logger.info("index version %s is now current", version)


def prune(index_dir: Path, keep: str) -> None:
    versions = index_dir / VERSIONS
    finished = sorted((p for p in versions.iterdir() if p.name.startswith("v")), key=lambda p: p.name)
    old = [p for p in finished if p.name != keep][: max(0, len(finished) - KEEP_VERSIONS)]
    # Leftovers of killed builds are garbage; no live build can exist while we hold the lock.
    old += [p for p in versions.iterdir() if p.name.startswith(".staging-")]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
