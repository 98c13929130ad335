"""A reader's handle on the index directory: serves the current version and follows switches."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.store.layout import CURRENT, current_version_dir
from index.store.loaded import LoadedIndex
from index.store.versions import open_index

logger = logging.getLogger(__name__)


class IndexSource(Protocol):
    """Where the engine gets the version to answer from, once per question."""

    def current(self) -> LoadedIndex: ...


@dataclass(frozen=True)
class Swap:
    """What serving a named version did: the version served before (None at first) and the one now."""

    previous: LoadedIndex | None
    current: LoadedIndex


class Serving:
    """The version a process serves, swapped under a lock: a question in flight keeps the version it
    started with, and a version that fails to load leaves the previous one serving."""

    def __init__(self, loaded: LoadedIndex | None = None) -> None:
        self._lock = threading.Lock()
        self._loaded = loaded

    def _serve(self, version: str, load: Callable[[], LoadedIndex]) -> Swap:
        """Serve ``version`` (loading it with ``load`` unless it is already the one served)."""
        with self._lock:
            previous = self._loaded
            if previous is not None and previous.version == version:
                return Swap(previous, previous)
            try:
                self._loaded = load()
                logger.info("serving index version %s", self._loaded.version)
            except Exception:
                # Whatever is wrong with the new version, the one being served stays (if there is one).
                if previous is None:
                    raise
                logger.exception("index version %s failed to load; still serving %s", version, previous.version)
            current = self._loaded
            assert current is not None  # loaded just now, or the previous one kept
            return Swap(previous, current)


class IndexHandle(Serving):
    """Loads the current version and swaps to a newer one when the CURRENT pointer moves.

    A question in flight keeps the version it started with; a version that fails to load
    leaves the previous one serving.
    """

    def __init__(self, index_dir: Path, model: str, *, loaded: LoadedIndex | None = None) -> None:
        super().__init__(loaded)
        self._dir = index_dir
        self._model = model
        # The CURRENT pointer's identity when it last named the loaded version: a switch replaces the file
        # (a new inode), so an unchanged stat means an unchanged version, without reading the file.
        self._seen: tuple[int, int, int] | None = None

    @classmethod
    def of(cls, index: LoadedIndex, model: str) -> IndexHandle:
        """A handle serving an already-loaded index (its directory is the version's grandparent)."""
        return cls(index.path.parent.parent, model, loaded=index)

    def current(self) -> LoadedIndex:
        loaded = self._loaded
        stamp = _stamp(self._dir / CURRENT)
        if loaded is not None and stamp is not None and stamp == self._seen:
            return loaded
        path = current_version_dir(self._dir)
        if loaded is not None and (path is None or path.name == loaded.version):
            self._seen = stamp
            return loaded
        return self._serve(path.name if path else "", lambda: open_index(self._dir, model=self._model)).current


def _stamp(pointer: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(pointer)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)
