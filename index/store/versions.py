"""The on-disk index: versioned directories, a manifest, an atomic switch, and loading with checks."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.checksum import file_sha256
from index.encode.embedder import Embedder
from index.encode.quantized import Int8Vectors
from index.errors import (
    REBUILD_HINT,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    IndexStoreError,
    NoArticlesError,
)
from index.people.attribution import Quote, attribute
from index.people.registry import PeopleRegistry, Person, Recognised, find_people, recognise
from index.store.lexical import LexicalStore, TermStatistics
from index.store.passage_table import PassageTable
from index.store.passages import (
    DEFAULT_MAX_WORDS,
    ArticleMeta,
    Passage,
    build_passages,
    dense_text,
    lexical_text,
    sentence_texts,
)
from index.store.references import article_references
from index.store.vectors import EXTERNAL, ExactVectors, PassageVectors, SentenceVectors
from index.text.tokens import normalize_word
from seeds_loader import Article

if TYPE_CHECKING:
    from index.store.dense import DenseStore

logger = logging.getLogger(__name__)

FORMAT_VERSION = 12  # 7: passages carry their context (the question they answer, a table's header); 8: their live day;
# 9: a reporter's question carries its label (who asked) as context; 10: a table row's sentence vector embeds
# the row under its headers; 11: an update ("UPDATE, 3:40 p.m.:") is a passage kind of its own, not a
# correction; a live blog's stamped entries are on its date when it prints no day headings; a table's caption
# only when it introduces it; 12: a quote names the others it reports at second hand ("Lee asked Xi ...,
# Kang said"), so that "what did Lee ask" finds it
# Exact passage vectors, kept for the next incremental build only (readers never open the file).
_EXACT_VECTORS = "passage_vectors.npy"
KEEP_VERSIONS = 2
CURRENT = "CURRENT"
_VERSIONS = "versions"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Manifest:
    """Build metadata saved beside the index."""

    format_version: int
    model: str
    dimension: int
    created: str
    articles: int
    passages: int
    sentences: int
    articles_fingerprint: str
    max_words: int
    dense_index: str = "flat"
    dense_recall_at_10: float = 1.0
    dense_params: dict[str, int] | None = None
    # Every file of the version: relative path -> [size in bytes, sha256], checked on open and before reuse.
    files: dict[str, list[object]] | None = None

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            return cls.parse(path.read_bytes())
        except (OSError, ValueError, TypeError) as e:
            raise IndexCorruptError(f"the index manifest {path} is unreadable; {REBUILD_HINT}") from e

    @classmethod
    def parse(cls, data: bytes) -> Manifest:
        """A manifest from its JSON (keys this summitbot does not know are left out)."""
        fields = json.loads(data)
        return cls(**{k: fields[k] for k in cls.__dataclass_fields__ if k in fields})

    def check(self, model: str, where: str) -> None:
        """Refuse a version of another format or model (``where`` names it: "the index at ...")."""
        if self.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"{where} has format version {self.format_version}, "
                f"this summitbot reads version {FORMAT_VERSION}; {REBUILD_HINT}"
            )
        if self.model != model:
            raise IndexMismatchError(
                f"{where} was built with model {self.model!r} "
                f"but SUMMITBOT_EMBEDDING_MODEL is {model!r}; {REBUILD_HINT}"
            )


@dataclass(frozen=True)
class LoadedIndex:
    """One index version, loaded for serving. Immutable: a new version is a new object."""

    version: str
    path: Path
    manifest: Manifest
    articles: dict[str, ArticleMeta]
    passages: PassageTable
    dense: PassageVectors  # FAISS locally; exact vectors or Milvus on the milvus backend
    lexical: TermStatistics  # the local BM25 index, or a Milvus reader's term statistics
    sentence_vectors: SentenceVectors
    people: PeopleRegistry
    quotes: tuple[Quote, ...]
    quotes_by_sentence: dict[tuple[str, int], Quote]
    passages_quoting: dict[str, tuple[int, ...]]
    outlet_words: frozenset[str]
    article_references: dict[str, frozenset[str]]

    def knows(self, word: str) -> bool:
        """True when ``word`` occurs anywhere in the coverage: passages, headlines or outlet names."""
        return self.lexical.knows(word) or normalize_word(word) in self.outlet_words

    def quote_at(self, article_id: str, start: int) -> Quote | None:
        """The attributed quote whose sentence starts at ``start`` in the article, if any."""
        return self.quotes_by_sentence.get((article_id, start))

    def sentence_rows(self, passage: Passage) -> np.ndarray:
        return self.sentence_vectors.take(
            slice(passage.first_sentence, passage.first_sentence + len(passage.sentences))
        )


def articles_fingerprint(articles: list[Article]) -> str:
    """A digest of which articles, with which content, an index was built from."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}:{article.content_hash}\n".encode())
    return digest.hexdigest()[:16]


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
    path = index_dir / _VERSIONS / name
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


def build_index(
    articles: list[Article],
    embedder: Embedder,
    index_dir: Path,
    *,
    max_words: int = DEFAULT_MAX_WORDS,
    progress: Progress | None = None,
    reuse: bool = True,
    dense_index: str = "auto",
) -> LoadedIndex:
    """Build a complete new version from ``articles`` and switch to it atomically, holding the writer lock."""
    with writer_lock(index_dir):
        return build_locked(
            articles,
            embedder,
            index_dir,
            max_words=max_words,
            progress=progress,
            reuse=reuse,
            dense_index=dense_index,
        )


def build_locked(
    articles: list[Article],
    embedder: Embedder,
    index_dir: Path,
    *,
    max_words: int = DEFAULT_MAX_WORDS,
    progress: Progress | None = None,
    reuse: bool = True,
    dense_index: str = "auto",
) -> LoadedIndex:
    """The same, for a caller that already holds the writer lock. With ``reuse``, articles whose id and
    content are unchanged since the current version keep their vectors: only new text is embedded."""
    if not articles:
        raise NoArticlesError("cannot build an index from zero articles")
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        shared = sorted({i for i in ids if ids.count(i) > 1})
        files = [a.file for a in articles if a.id in shared]
        raise IndexStoreError(f"two articles share an id {shared}: {', '.join(files)}; rename one of them")
    _clean_staging(index_dir)
    passages = build_passages(articles, max_words=max_words)
    metas = {a.id: ArticleMeta.of(a) for a in articles}
    previous = _reusable(index_dir, embedder.name, max_words) if reuse else None
    # The language model reads names while the encoder embeds (both release the interpreter lock in
    # their numeric code): on two cores its cost hides behind the embedding's.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recognise")
    try:
        people = pool.submit(lambda: recognise(articles, _known_people_spans(index_dir) if reuse else None))
        passage_vectors, sentence_vectors = _vectors(embedder, articles, passages, previous, progress)
        dense = _dense(passage_vectors, dense_index)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            model=embedder.name,
            dimension=int(passage_vectors.shape[1]),
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            articles=len(articles),
            passages=len(passages),
            sentences=int(sentence_vectors.shape[0]),
            articles_fingerprint=articles_fingerprint(articles),
            max_words=max_words,
            dense_index=dense.info.kind if dense else EXTERNAL,
            dense_recall_at_10=dense.info.recall_at_10 if dense else 1.0,
            dense_params=dense.info.params if dense else None,
        )
        recognised = people.result()
    finally:
        pool.shutdown(wait=False)
    registry = find_people(articles, recognised)
    quotes = attribute(articles, registry)
    extras = {
        RECOGNISED_FILE: {h: recognised[h] for h in sorted(recognised)},
        "people.json": [_person_json(p) for p in registry.people.values()],
        "quotes.json": [asdict(q) for q in quotes],
        "quote_passages.json": _passages_quoting(passages, tuple(quotes)),
    }
    try:
        staging = _write_version(index_dir, manifest, metas, passages, dense, passage_vectors, sentence_vectors, extras)
        # Verified (every checksum, then loaded) before it is switched to: a bad version is never served.
        verify_version(staging, full=True)
        loaded = _load_version(staging, embedder.name)
        final = staging.with_name(staging.name.removeprefix(".staging-"))
        os.rename(staging, final)
        _switch(index_dir, final.name)
    except (OSError, RuntimeError) as e:  # FAISS reports a failed write as a RuntimeError
        if isinstance(e, IndexStoreError):
            raise
        full = _disk_full(e, index_dir)  # before the clean-up frees the space again
        _clean_staging(index_dir)
        if full:
            raise IndexStoreError(
                f"no space left on the device of {index_dir}; free some space and run the command again "
                "(the previous index version keeps serving)"
            ) from e
        reason = getattr(e, "strerror", None) or e.__class__.__name__
        raise IndexStoreError(
            f"cannot write the index at {index_dir} ({reason}); the previous index version keeps serving"
        ) from e
    _prune(index_dir, keep=final.name)
    return replace(loaded, version=final.name, path=final)


def _dense(vectors: np.ndarray, kind: str) -> DenseStore | None:
    """The local vector index, or None on the milvus backend (``kind`` EXTERNAL): Milvus searches there, and
    no FAISS is built or loaded."""
    if kind == EXTERNAL:
        return None
    from index.store.dense import DenseStore  # FAISS: only where it searches

    return DenseStore.build(vectors, kind)


def exact_vectors(index: LoadedIndex) -> np.ndarray:
    """The version's exact passage vectors, in passage order (memory-mapped; what a mirror copies)."""
    try:
        return np.load(index.path / _EXACT_VECTORS, mmap_mode="r")
    except (OSError, ValueError) as e:
        raise IndexCorruptError(f"the index version {index.version} has no readable vectors; {REBUILD_HINT}") from e


def _reusable(index_dir: Path, model: str, max_words: int) -> LoadedIndex | None:
    """The current version, if its vectors can be reused (same model, format and passage size) and every
    file still matches its checksum: damaged vectors are never carried into a new version."""
    try:
        current = open_index(index_dir, model=model)
        verify_version(current.path, full=True)
    except IndexMissingError:
        return None
    except IndexStoreError as e:
        logger.warning("not reusing the current index version: %s", e)
        return None
    if current.manifest.max_words != max_words or not (current.path / _EXACT_VECTORS).exists():
        return None
    return current


def _vectors(
    embedder: Embedder,
    articles: list[Article],
    passages: list[Passage],
    previous: LoadedIndex | None,
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Passage and sentence vectors in passage order: reused where unchanged, embedded where new."""
    old: dict[str, list[Passage]] = {}
    if previous is not None:
        unchanged = {
            a.id
            for a in articles
            if (m := previous.articles.get(a.id)) is not None and m.content_hash == a.content_hash
        }
        for p in previous.passages:
            if p.article_id in unchanged:
                old.setdefault(p.article_id, []).append(p)
    fresh: dict[str, list[Passage]] = {}
    for p in passages:
        fresh.setdefault(p.article_id, []).append(p)
    reused = {
        aid: olds
        for aid, olds in old.items()
        if [(q.text, len(q.sentences)) for q in olds] == [(q.text, len(q.sentences)) for q in fresh[aid]]
    }
    todo = [i for i, p in enumerate(passages) if p.article_id not in reused]
    titles = {a.id: a.title for a in articles}
    new_passages, new_sentences = _embed(
        embedder,
        [dense_text(passages[i], passages[i - 1] if i else None, titles.get(passages[i].article_id)) for i in todo],
        [t for i in todo for t in sentence_texts(passages[i])],
        progress,
    )
    dimension = new_passages.shape[1] if todo else previous.manifest.dimension  # type: ignore[union-attr]
    passage_vectors = np.zeros((len(passages), dimension), dtype=np.float32)
    sentence_vectors = np.zeros((sum(len(p.sentences) for p in passages), dimension), dtype=np.float32)
    passage_vectors[todo] = new_passages
    rows = [passages[i].first_sentence + j for i in todo for j in range(len(passages[i].sentences))]
    sentence_vectors[rows] = new_sentences
    if reused:
        assert previous is not None
        exact = np.load(previous.path / _EXACT_VECTORS, mmap_mode="r")
        for aid, olds in reused.items():
            targets = fresh[aid]
            passage_vectors[[p.id for p in targets]] = exact[[p.id for p in olds]]
            for target, source in zip(targets, olds, strict=True):
                sentence_vectors[target.first_sentence : target.first_sentence + len(target.sentences)] = (
                    previous.sentence_rows(source)
                )
    return passage_vectors, sentence_vectors


def _embed(
    embedder: Embedder, passage_texts: list[str], sentence_texts: list[str], progress: Progress | None
) -> tuple[np.ndarray, np.ndarray]:
    # One-sentence passages are common: embed each distinct text once. Texts of similar length share a
    # chunk, so the model pads little (it sorts within a call, but our chunks are its calls).
    unique = sorted(dict.fromkeys(passage_texts + sentence_texts), key=len)
    # An encoder may hand a large build to a faster batch encoder giving the same vectors (ONNX -> torch).
    bulk = getattr(embedder, "for_bulk", None)
    embedder = bulk(len(unique)) if callable(bulk) else embedder  # type: ignore[assignment]
    batch = 512
    chunks = []
    for i in range(0, len(unique), batch):
        chunks.append(embedder.encode(unique[i : i + batch]))
        if progress is not None:
            progress(min(i + batch, len(unique)), len(unique))
    vectors = np.concatenate(chunks) if chunks else np.zeros((0, embedder.dimension), np.float32)
    row = {text: i for i, text in enumerate(unique)}
    return (
        vectors[[row[t] for t in passage_texts]],
        vectors[[row[t] for t in sentence_texts]] if sentence_texts else vectors[:0],
    )


def _write_version(
    index_dir: Path,
    manifest: Manifest,
    metas: dict[str, ArticleMeta],
    passages: list[Passage],
    dense: DenseStore | None,
    passage_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    extras: dict[str, object],
) -> Path:
    versions = index_dir / _VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    name = f"v{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    staging = versions / f".staging-{name}"
    staging.mkdir()
    if dense is not None:
        dense.save(staging)
    # The exact vectors, for the next incremental build only (readers never open this file): reusing
    # vectors decoded from IVF-SQ8 codes would add quantisation error at every add.
    np.save(staging / _EXACT_VECTORS, passage_vectors)
    LexicalStore.build([lexical_text(p, metas[p.article_id]) for p in passages]).save(staging / "bm25")
    Int8Vectors.quantize(sentence_vectors).save(staging, "sentences")
    _write_json(staging / "articles.json", [_meta_json(m) for m in metas.values()])
    PassageTable.write(staging / "passages", passages)
    for file_name, data in extras.items():
        _write_json(staging / file_name, data)
    # The manifest is written last, with every file's size and checksum: a version without one is
    # incomplete by definition.
    files = {
        str(f.relative_to(staging)): [f.stat().st_size, file_sha256(f)]
        for f in sorted(staging.rglob("*"))
        if f.is_file()
    }
    _write_json(staging / "manifest.json", asdict(replace(manifest, files=files)))
    _fsync_tree(staging)
    return staging


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


def _disk_full(error: BaseException, index_dir: Path) -> bool:
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


def _clean_staging(index_dir: Path) -> None:
    """Leftovers of killed or failed builds are garbage; no live build exists while the writer lock is held."""
    versions = index_dir / _VERSIONS
    if versions.is_dir():
        for path in versions.iterdir():
            if path.name.startswith(".staging-"):
                shutil.rmtree(path, ignore_errors=True)


def _switch(index_dir: Path, version: str) -> None:
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


def _prune(index_dir: Path, keep: str) -> None:
    versions = index_dir / _VERSIONS
    finished = sorted((p for p in versions.iterdir() if p.name.startswith("v")), key=lambda p: p.name)
    old = [p for p in finished if p.name != keep][: max(0, len(finished) - KEEP_VERSIONS)]
    # Leftovers of killed builds are garbage; no live build can exist while we hold the lock.
    old += [p for p in versions.iterdir() if p.name.startswith(".staging-")]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)


def current_fingerprint(index_dir: Path) -> str | None:
    """The articles fingerprint of the version being served, or None when there is none readable."""
    try:
        path = current_version_dir(index_dir)
        return Manifest.read(path / "manifest.json").articles_fingerprint if path is not None else None
    except IndexStoreError:
        return None


def open_index(index_dir: Path, *, model: str) -> LoadedIndex:
    """Load the current version, refusing one built with another model or format."""
    path = current_version_dir(index_dir)
    if path is None:
        raise IndexMissingError(f"no index at {index_dir}; build it with: summitbot index build")
    return _load_version(path, model)


def _load_version(path: Path, model: str) -> LoadedIndex:
    """Load one version for serving; any damage is an IndexCorruptError naming the fix, never a crash."""
    try:
        return _read_version(path, model)
    except IndexStoreError:
        raise
    except Exception as e:  # numpy, FAISS and bm25s raise many kinds on truncated or foreign files
        raise IndexCorruptError(f"the index version {path.name} is unreadable; {REBUILD_HINT}") from e


def _read_version(path: Path, model: str) -> LoadedIndex:
    index_dir = path.parent.parent
    manifest = Manifest.read(path / "manifest.json")
    manifest.check(model, f"the index at {index_dir}")
    verify_version(path)
    try:
        parts = {name: (path / name).read_bytes() for name in JSON_PARTS}
        passages = PassageTable.open(path / "passages")
        sentence_vectors = Int8Vectors.load(path, "sentences")
    except OSError as e:
        raise IndexCorruptError(f"the index version {path.name} is unreadable; {REBUILD_HINT}") from e
    dense = _load_dense(path, manifest)
    counts = (len(passages), dense.size, manifest.passages)
    if len(set(counts)) != 1 or dense.dimension != manifest.dimension:
        raise IndexCorruptError(f"the index version {path.name} is inconsistent {counts}; {REBUILD_HINT}")
    lexical = LexicalStore.load(path / "bm25", size=len(passages))
    return assemble_index(path.name, path, manifest, parts, passages, dense, lexical, sentence_vectors)


# The version's JSON files every reader loads whole (a Milvus reader gets the same bytes from Milvus).
JSON_PARTS = ("articles.json", "people.json", "quotes.json", "quote_passages.json")


def assemble_index(
    version: str,
    path: Path,
    manifest: Manifest,
    parts: dict[str, bytes],
    passages: PassageTable,
    dense: PassageVectors,
    lexical: TermStatistics,
    sentence_vectors: SentenceVectors,
) -> LoadedIndex:
    """A LoadedIndex from a version's JSON parts and its stores, wherever they were read from."""
    try:
        metas = [_meta_from_json(d) for d in json.loads(parts["articles.json"])]
        quoting = {k: tuple(v) for k, v in json.loads(parts["quote_passages.json"]).items()}
        people = PeopleRegistry(_person_from_json(d) for d in json.loads(parts["people.json"]))
        quotes = tuple(Quote(**d) for d in json.loads(parts["quotes.json"]))
    except (ValueError, KeyError, TypeError) as e:
        raise IndexCorruptError(f"the index version {version} is unreadable; {REBUILD_HINT}") from e
    return LoadedIndex(
        version=version,
        path=path,
        manifest=manifest,
        articles={m.id: m for m in metas},
        passages=passages,
        dense=dense,
        lexical=lexical,
        sentence_vectors=sentence_vectors,
        people=people,
        quotes=quotes,
        quotes_by_sentence={(q.article_id, q.start): q for q in quotes},
        passages_quoting=quoting,
        article_references=article_references({m.id: m for m in metas}),
        outlet_words=frozenset(normalize_word(w) for m in metas for w in _WORDS.findall(m.outlet or "")),
    )


_WORDS = re.compile(r"\w+")


def _load_dense(path: Path, manifest: Manifest) -> PassageVectors:
    if manifest.dense_index == EXTERNAL:
        return ExactVectors(np.asarray(np.load(path / _EXACT_VECTORS, mmap_mode="r")))
    from index.store.dense import DenseStore

    return DenseStore.load(path)


def _passages_quoting(passages: list[Passage], quotes: tuple[Quote, ...]) -> dict[str, tuple[int, ...]]:
    """Person id -> the passages holding their quotes, so "what did X say" costs no scan per question."""
    # Also the passages reporting their words at second hand ("Lee asked Xi ..., Kang said" is found for Lee).
    voices_at = {(q.article_id, q.start): (q.person_id, *q.reports) for q in quotes}
    found: dict[str, list[int]] = {}
    for p in passages:
        voices = (v for s in p.sentences if (k := (p.article_id, s.start)) in voices_at for v in voices_at[k])
        for person in dict.fromkeys(voices):
            found.setdefault(person, []).append(p.id)
    return {person: tuple(ids) for person, ids in found.items()}


RECOGNISED_FILE = "recognised_people.json"


def _known_people_spans(index_dir: Path) -> Recognised | None:
    """The recogniser's spans stored with the current version, reused for unchanged articles (as their
    vectors are); None when there is none or it cannot be read (then everything is read again)."""
    try:
        current = current_version_dir(index_dir)
        if current is None:
            return None
        data = json.loads((current / RECOGNISED_FILE).read_text("utf-8"))
    except (OSError, ValueError, IndexStoreError):  # a damaged pointer or file: read everything anew
        return None
    try:
        return {str(h): [[(int(s), int(e)) for s, e in spans] for spans in paras] for h, paras in data.items()}
    except (TypeError, ValueError, AttributeError):
        return None


def _person_json(p: Person) -> dict[str, object]:
    return {
        "id": p.id,
        "name": p.name,
        "variants": dict(p.variants),
        "roles": p.roles,
        "articles": sorted(p.articles),
        "mentions": p.mentions,
        "context": sorted(p.context),
    }


def _person_from_json(d: dict[str, object]) -> Person:
    return Person(
        id=str(d["id"]),
        name=str(d["name"]),
        variants=Counter(d["variants"]),  # type: ignore[arg-type]
        roles=list(d["roles"]),  # type: ignore[call-overload]
        articles=set(d["articles"]),  # type: ignore[call-overload]
        mentions=int(d["mentions"]),  # type: ignore[call-overload]
        context=set(d.get("context", ())),  # type: ignore[call-overload]
    )


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _meta_json(meta: ArticleMeta) -> dict[str, object]:
    data = asdict(meta)
    data["published"] = meta.published.isoformat() if meta.published else None
    return data


def _meta_from_json(data: dict[str, object]) -> ArticleMeta:
    published = data.get("published")
    return ArticleMeta(**{**data, "published": date.fromisoformat(published) if published else None})  # type: ignore[arg-type]
