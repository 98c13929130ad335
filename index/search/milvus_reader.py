"""A reader node on the milvus backend: it serves the version Milvus names, with no local files. The
version's small parts (articles, people, quotes, the passage table's columns, term statistics) are read
from Milvus when it changes; passage text and vectors are never copied: each question's candidates bring
their rows with the search hits, and a bounded cache keeps the recent ones."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from index.encode.quantized import Int8Vectors
from index.search.milvus_served import Served, ServedVersionError, ServedVersions
from index.search.milvus_store import MilvusStore
from index.search.milvus_types import Scored, passage_key, unpack_sentences
from index.store.handle import Serving
from index.store.lexical import TermStats
from index.store.loaded import LoadedIndex, Manifest, assemble_index
from index.store.passage_table import PassageTable
from index.store.passages import Passage

logger = logging.getLogger(__name__)

# About 2.3 KB a passage at 384 dimensions (float32 passage vector, int8 sentence codes): some 10 MB, a
# bound whatever the archive's size (a question reads about 100 candidates).
CACHE_PASSAGES = 4096


@dataclass(frozen=True)
class StoredPassage:
    """One passage's row as Milvus holds it (vectors, text, context), for the text version ``content_hash``."""

    content_hash: str
    vector: np.ndarray
    packed: str = field(repr=False)
    text: str
    context: str
    dimension: int

    @cached_property
    def sentences(self) -> Int8Vectors:
        # Decoded when first scored: most rows a search brings are never read sentence by sentence.
        return unpack_sentences(self.packed, self.dimension)


class StoredRows:
    """Passage rows (vectors and text) by passage key: kept from search hits, fetched for the rest, at most
    ``capacity`` of them (least recently used go first). Shared by a node's successive versions: a row is
    only used for the text it was written for."""

    def __init__(self, store: MilvusStore, dimension: int, capacity: int = CACHE_PASSAGES) -> None:
        self._store = store
        self._dimension = dimension
        self._capacity = capacity
        self._rows: OrderedDict[str, StoredPassage] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, hits: Iterable[Scored]) -> None:
        with self._lock:
            for hit in hits:
                if hit.vector is not None and hit.sentences is not None:
                    self._put(hit.key, self._decoded(hit))

    def get(self, wanted: dict[str, str]) -> dict[str, StoredPassage]:
        """The rows of ``wanted`` (key -> the content hash the caller serves); a row written for other
        text (the article changed since) or gone from Milvus is absent."""
        found: dict[str, StoredPassage] = {}
        with self._lock:
            for key in wanted:
                if (row := self._rows.get(key)) is not None and row.content_hash == wanted[key]:
                    self._rows.move_to_end(key)
                    found[key] = row
        missing = [key for key in wanted if key not in found]
        if missing:
            fetched = {key: self._decoded(s) for key, s in self._store.stored(missing).items()}
            with self._lock:
                for key, row in fetched.items():
                    self._put(key, row)
                    if row.content_hash == wanted[key]:
                        found[key] = row
        return found

    def _decoded(self, hit: Scored) -> StoredPassage:
        assert hit.vector is not None and hit.sentences is not None
        return StoredPassage(
            hit.content_hash, hit.vector, hit.sentences, hit.body or "", hit.context or "", self._dimension
        )

    def _put(self, key: str, row: StoredPassage) -> None:
        self._rows[key] = row
        self._rows.move_to_end(key)
        while len(self._rows) > self._capacity:
            self._rows.popitem(last=False)


class StoredPassageTable(PassageTable):
    """The served version's passage table without its text: columns and sentence bounds in memory (about
    70 bytes a passage), each passage's text and context from its Milvus row (with the search hits, or
    read for the passages asked for)."""

    def __init__(self, data: bytes, rows: StoredRows, hashes: dict[str, str]) -> None:
        arrays, article_ids = PassageTable.arrays_from_bytes(data)
        super().__init__(arrays, article_ids)
        self.rows = rows
        self._hashes = hashes

    def stored(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """The Milvus rows of the given passages, for the text this version holds (absent: gone)."""
        keys = {}
        for i in dict.fromkeys(int(i) for i in ids):
            article, ordinal = self.locate(i)
            keys[passage_key(article, ordinal)] = (i, self._hashes[article])
        found = self.rows.get({key: h for key, (_, h) in keys.items()})
        return {keys[key][0]: row for key, row in found.items()}

    def texts(self, ids: Sequence[int]) -> list[str]:
        found = self.stored(ids)
        return [found[int(i)].text if int(i) in found else "" for i in ids]

    def _passage(self, i: int) -> Passage:
        row = self.stored([i]).get(i)
        return self._build(i, row.text if row else "", row.context if row else "")

    def __iter__(self) -> Iterator[Passage]:
        # A chunk's rows are read together (the timeline reads every passage): never one request each.
        for start in range(0, len(self), 500):
            chunk = range(start, min(start + 500, len(self)))
            found = self.stored(chunk)
            for i in chunk:
                row = found.get(i)
                yield self._build(i, row.text if row else "", row.context if row else "")


class _Rows:
    """What the two vector views share: one version's passage table and its stored rows."""

    def __init__(self, passages: StoredPassageTable, dimension: int) -> None:
        self._passages = passages
        self._dimension = dimension

    def of(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        return self._passages.stored(ids)


class MilvusPassageVectors(_Rows):
    """Passage vectors by id, from Milvus (a passage whose row is gone scores 0)."""

    @property
    def size(self) -> int:
        return len(self._passages)

    @property
    def dimension(self) -> int:
        return self._dimension

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        found = self.of(ids)
        out = np.zeros((len(ids), self._dimension), dtype=np.float32)
        for n, i in enumerate(ids):
            if (row := found.get(int(i))) is not None:
                out[n] = row.vector
        return out


class MilvusSentenceVectors(_Rows):
    """Sentence vectors by global row, from the rows of the passages holding them."""

    def __init__(self, passages: StoredPassageTable, dimension: int, total: int) -> None:
        super().__init__(passages, dimension)
        self._firsts = passages.first_sentences
        self._total = total

    def __len__(self) -> int:
        return self._total

    def take(self, rows: np.ndarray | slice) -> np.ndarray:
        wanted = np.arange(*rows.indices(self._total)) if isinstance(rows, slice) else np.asarray(rows, np.int64)
        owners = np.searchsorted(self._firsts, wanted, side="right") - 1
        found = self.of(owners.tolist())
        out = np.zeros((len(wanted), self._dimension), dtype=np.float32)
        for owner, stored in found.items():
            at = np.flatnonzero(owners == owner)
            within = wanted[at] - int(self._firsts[owner])
            ok = within < len(stored.sentences)  # a row written for other text is absent, never misread
            out[at[ok]] = stored.sentences.take(within[ok])
        return out

    def dot(self, rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
        return self.take(rows) @ vector


class MilvusIndexHandle(Serving):
    """Serves the version Milvus names: checked on every question (one small read), loaded when it
    moved; a version that fails to load leaves the previous one serving."""

    def __init__(self, store: MilvusStore, model: str, dimension: int) -> None:
        super().__init__()
        self._store = store
        self._served = ServedVersions(store)
        self._model = model
        self._rows = StoredRows(store, dimension)
        self._dimension = dimension
        self._listeners: list[Callable[[LoadedIndex, LoadedIndex], None]] = []
        self._watcher: threading.Thread | None = None

    def on_change(self, listener: Callable[[LoadedIndex, LoadedIndex], None]) -> None:
        """Call ``listener(old, new)`` whenever this node moves to a new version (on the thread that saw
        it: keep it short, hand the work on)."""
        self._listeners.append(listener)

    def watch(self, every: float = 5.0) -> None:
        """Look at the served version every ``every`` seconds in the background, so that a change made on
        the writer reaches this node's listeners without waiting for a question."""
        if self._watcher is not None:
            return

        def loop() -> None:
            while True:
                time.sleep(every)
                try:
                    self.current()
                except Exception:  # Milvus away for a while: the next look tries again
                    logger.warning("cannot read the served version from Milvus", exc_info=True)

        self._watcher = threading.Thread(target=loop, name="summitbot-milvus-watch", daemon=True)
        self._watcher.start()

    def current(self) -> LoadedIndex:
        loaded = self._loaded
        try:
            served = self._served.current()
        except Exception:
            if loaded is None:
                raise
            logger.exception("cannot read the served version; still serving %s", loaded.version)
            return loaded
        if served is None:
            if loaded is not None:
                return loaded
            raise ServedVersionError(
                f"Milvus ({self._store.config.collection}) serves no index yet; build it on the writer node with: "
                "summitbot index build"
            )
        if loaded is not None and served.version == loaded.version:
            return loaded
        swap = self._serve(served.version, lambda: self._load(served))
        if swap.previous is not None and swap.current is not swap.previous:
            for listener in self._listeners:
                try:
                    listener(swap.previous, swap.current)
                except Exception:  # a listener's failure never stops serving
                    logger.exception("a listener of version %s failed", swap.current.version)
        return swap.current

    def _load(self, served: Served) -> LoadedIndex:
        parts = self._served.read(served)
        manifest = Manifest.parse(parts["manifest.json"])
        manifest.check(self._model, f"the version Milvus serves ({served.version})")
        hashes = {m["id"]: m["content_hash"] for m in json.loads(parts["articles.json"])}
        passages = StoredPassageTable(parts["passages.npz"], self._rows, hashes)
        terms = json.loads(parts["terms.json"])
        return assemble_index(
            served.version,
            Path("milvus") / self._store.config.collection / served.version,
            manifest,
            parts,
            passages,
            MilvusPassageVectors(passages, self._dimension),
            TermStats(int(terms["size"]), {str(k): int(v) for k, v in terms["df"].items()}),
            MilvusSentenceVectors(passages, self._dimension, manifest.sentences),
        )
