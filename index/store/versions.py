"""Building and opening index versions: a complete new version is embedded (reusing unchanged
articles' vectors), written, verified and switched to atomically; the current one is loaded with checks."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from index.checksum import file_sha256
from index.encode.embedder import Embedder
from index.encode.quantized import Int8Vectors
from index.errors import (
    REBUILD_HINT,
    IndexCorruptError,
    IndexMissingError,
    IndexStoreError,
    NoArticlesError,
)
from index.people.attribution import Quote, attribute
from index.people.recognition import Evidence, Recognised, read_evidence, recognise, rules_digest
from index.people.registry import find_people
from index.store.layout import (
    VERSIONS,
    clean_staging,
    current_version_dir,
    disk_full,
    fsync_tree,
    prune,
    switch_to,
    verify_version,
    write_json,
    writer_lock,
)
from index.store.lexical import LexicalStore
from index.store.loaded import (
    FORMAT_VERSION,
    JSON_PARTS,
    LoadedIndex,
    Manifest,
    articles_fingerprint,
    assemble_index,
    meta_from_json,
    meta_json,
    person_json,
)
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
from index.store.vectors import EXTERNAL, ExactVectors, PassageVectors
from seeds_loader import Article

if TYPE_CHECKING:
    from index.store.dense import DenseStore

logger = logging.getLogger(__name__)


# Exact passage vectors, kept for the next incremental build only (readers never open the file).
_EXACT_VECTORS = "passage_vectors.npy"


Progress = Callable[[int, int], None]


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
    clean_staging(index_dir)
    passages = build_passages(articles, max_words=max_words)
    metas = {a.id: ArticleMeta.of(a) for a in articles}
    previous = _reusable(index_dir, embedder.name, max_words) if reuse else None
    # The language model reads names while the encoder embeds (both release the interpreter lock in
    # their numeric code). On two cores the two contend, so a large build takes about as long as one after
    # the other (measured with bench/reindex.py); where a core is free, the reading hides behind the encoding.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recognise")
    try:
        people = pool.submit(_read_people, articles, index_dir if reuse else None)
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
        recognised, evidence = people.result()
    finally:
        pool.shutdown(wait=False)
    registry = find_people(articles, recognised, evidence)
    quotes = attribute(articles, registry)
    extras = {
        RECOGNISED_FILE: {h: recognised[h] for h in sorted(recognised)},
        EVIDENCE_FILE: {"rules": rules_digest(), "articles": {h: evidence[h] for h in sorted(evidence)}},
        "people.json": [person_json(p) for p in registry.people.values()],
        "quotes.json": [dict(vars(q)) for q in quotes],  # its fields, in order (asdict copies deeply, slowly)
        "quote_passages.json": _passages_quoting(passages, tuple(quotes)),
    }
    try:
        staging = _write_version(index_dir, manifest, metas, passages, dense, passage_vectors, sentence_vectors, extras)
        # Verified (every checksum, then loaded) before it is switched to: a bad version is never served.
        verify_version(staging, full=True)
        loaded = _load_version(staging, embedder.name)
        final = staging.with_name(staging.name.removeprefix(".staging-"))
        os.rename(staging, final)
        switch_to(index_dir, final.name)
    except (OSError, RuntimeError) as e:  # FAISS reports a failed write as a RuntimeError
        if isinstance(e, IndexStoreError):
            raise
        full = disk_full(e, index_dir)  # before the clean-up frees the space again
        clean_staging(index_dir)
        if full:
            raise IndexStoreError(
                f"no space left on the device of {index_dir}; free some space and run the command again "
                "(the previous index version keeps serving)"
            ) from e
        reason = getattr(e, "strerror", None) or e.__class__.__name__
        raise IndexStoreError(
            f"cannot write the index at {index_dir} ({reason}); the previous index version keeps serving"
        ) from e
    prune(index_dir, keep=final.name)
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


@dataclass(frozen=True)
class _Reusable:
    """What a build reuses of the current version: its articles, passages and vectors (not its search
    indexes, people or quotes, which every build makes anew)."""

    path: Path
    manifest: Manifest
    articles: dict[str, ArticleMeta]
    passages: PassageTable
    sentence_vectors: Int8Vectors

    def sentence_rows(self, passage: Passage) -> np.ndarray:
        return self.sentence_vectors.take(passage.sentence_span)


def _reusable(index_dir: Path, model: str, max_words: int) -> _Reusable | None:
    """The current version, if its vectors can be reused (same model, format and passage size) and every
    file still matches its checksum: damaged vectors are never carried into a new version."""
    try:
        path = current_version_dir(index_dir)
        if path is None:
            return None
        manifest = verify_version(path, full=True)
        manifest.check(model, f"the index at {index_dir}")
        metas = (meta_from_json(d) for d in json.loads((path / "articles.json").read_bytes()))
        current = _Reusable(
            path, manifest, {m.id: m for m in metas}, PassageTable.open(path / "passages"),
            Int8Vectors.load(path, "sentences"),
        )  # fmt: skip
    except IndexStoreError as e:
        logger.warning("not reusing the current index version: %s", e)
        return None
    except (OSError, ValueError, KeyError, TypeError) as e:  # a damaged part: build everything anew
        logger.warning("not reusing the current index version: %s", e.__class__.__name__)
        return None
    if current.manifest.max_words != max_words or not (current.path / _EXACT_VECTORS).exists():
        return None
    return current


def _vectors(
    embedder: Embedder,
    articles: list[Article],
    passages: list[Passage],
    previous: _Reusable | None,
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
                sentence_vectors[target.sentence_span] = previous.sentence_rows(source)
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
    versions = index_dir / VERSIONS
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
    write_json(staging / "articles.json", [meta_json(m) for m in metas.values()])
    PassageTable.write(staging / "passages", passages)
    for file_name, data in extras.items():
        write_json(staging / file_name, data)
    # The manifest is written last, with every file's size and checksum: a version without one is
    # incomplete by definition.
    files = {
        str(f.relative_to(staging)): [f.stat().st_size, file_sha256(f)]
        for f in sorted(staging.rglob("*"))
        if f.is_file()
    }
    write_json(staging / "manifest.json", asdict(replace(manifest, files=files)))
    fsync_tree(staging)
    return staging


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


def _read_people(articles: list[Article], index_dir: Path | None) -> tuple[Recognised, Evidence]:
    """What the rules read of each paragraph, then the recogniser's spans where the rules may have missed a
    name, each kept from the current version in ``index_dir`` for unchanged articles (None: all anew)."""
    kept = _known_evidence(index_dir) if index_dir is not None else None
    evidence = read_evidence(articles, kept)
    # The recogniser read where those rules may have missed a name: its spans are kept only with them.
    known = _known(index_dir, RECOGNISED_FILE, _spans) if index_dir is not None and kept is not None else None
    return recognise(articles, known, evidence), evidence


RECOGNISED_FILE = "recognised_people.json"
# What the rules read of each paragraph (names and roles), by article content: an add reads only new text.
EVIDENCE_FILE = "people_evidence.json"
T = TypeVar("T")


def _known(index_dir: Path, name: str, read: Callable[[object], T]) -> dict[str, T] | None:
    """A per-article file stored with the current version (the recogniser's spans, the rules' mentions),
    reused for unchanged articles (as their vectors are); None when there is none or it cannot be read
    (then everything is read again)."""
    try:
        current = current_version_dir(index_dir)
        if current is None:
            return None
        data = json.loads((current / name).read_text("utf-8"))
        return {str(h): read(paras) for h, paras in data.items()}
    except (OSError, ValueError, TypeError, AttributeError, IndexStoreError):  # damaged: read everything anew
        return None


def _known_evidence(index_dir: Path) -> dict[str, list[list[tuple[str, str | None]]]] | None:
    """What the rules read of each article, when the current version's was read under these rules."""
    stored = _known(index_dir, EVIDENCE_FILE, lambda value: value)
    if stored is None or stored.get("rules") != rules_digest() or not isinstance(stored.get("articles"), dict):
        return None
    try:
        return {str(h): _mentions(paras) for h, paras in stored["articles"].items()}  # type: ignore[union-attr]
    except (TypeError, ValueError, AttributeError):
        return None


def _spans(paragraphs: object) -> list[list[tuple[int, int]]]:
    return [[(int(s), int(e)) for s, e in spans] for spans in paragraphs]  # type: ignore[attr-defined]


def _mentions(paragraphs: object) -> list[list[tuple[str, str | None]]]:
    return [[(str(n), None if r is None else str(r)) for n, r in found] for found in paragraphs]  # type: ignore[attr-defined]
