"""Turning settings into ready objects: the embedder, the articles collection, the index, the engine."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot import messages
from bot.settings import Settings
from index.encode.embedder import Embedder
from index.engine import Engine, EngineConfig
from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError, ReaderNodeError
from index.store.collection import Collection, Mirror
from index.store.handle import IndexHandle, IndexSource
from index.store.loaded import LoadedIndex, articles_fingerprint
from index.store.versions import Progress, open_index
from seeds_loader import TEXT_SUFFIXES, FetchPolicy, LoaderError, bundled_articles_dir, load_directory

if TYPE_CHECKING:
    from index.search.backend import SearchBackend
    from index.search.milvus_store import MilvusStore

logger = logging.getLogger(__name__)

Notify = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    index: LoadedIndex
    seconds: float
    skipped: tuple[LoaderError, ...]

    def summary(self) -> str:
        m = self.index.manifest
        return messages.BUILD_SUMMARY.format(
            articles=m.articles,
            passages=m.passages,
            sentences=m.sentences,
            seconds=self.seconds,
            version=self.index.version,
        )


def seed_articles(settings: Settings) -> None:
    """On first use, fill the default articles directory with a copy of the bundled demo articles."""
    target = settings.resolved_articles_dir
    if not settings.seeds_default_articles or target.exists():
        return
    target.mkdir(parents=True)
    for path in sorted(bundled_articles_dir().iterdir()):
        if path.suffix.lower() in TEXT_SUFFIXES:
            shutil.copy2(path, target / path.name)
    logger.info("seeded %s with the bundled demo articles", target)


def milvus_store(settings: Settings) -> MilvusStore | None:
    """The Milvus collection passages are searched in, when SUMMITBOT_SEARCH_BACKEND=milvus (one client
    per process and collection)."""
    if settings.search_backend != "milvus":
        return None
    from index.search.milvus_store import MilvusStore
    from index.search.milvus_types import MilvusConfig

    config = MilvusConfig(
        uri=settings.resolved_milvus_uri,
        collection=settings.milvus_collection,
        token=settings.milvus_token.get_secret_value() if settings.milvus_token else None,
        dense_index=settings.milvus_dense_index,
        timeout=settings.milvus_timeout,
    )
    if (store := _STORES.get(config)) is None:
        store = _STORES[config] = MilvusStore.connect(config)
    return store


_STORES: dict[object, MilvusStore] = {}


def search_backend(settings: Settings) -> SearchBackend:
    """The one place the backend's name is read: everything else asks the backend."""
    from index.search.backend import LocalBackend, MilvusBackend

    store = milvus_store(settings)
    return LocalBackend() if store is None else MilvusBackend(store)


def is_reader(settings: Settings) -> bool:
    """Whether this node serves from Milvus alone (SUMMITBOT_NODE_ROLE; auto: when it has no articles
    directory of its own and Milvus already serves a version, i.e. a node started with only the settings)."""
    if settings.search_backend != "milvus" or settings.node_role == "writer":
        return False
    if settings.node_role == "reader":
        return True
    key = (settings.resolved_milvus_uri, settings.milvus_collection, str(settings.resolved_articles_dir))
    if key not in _ROLES:
        has_articles = settings.resolved_articles_dir.exists()
        _ROLES[key] = not has_articles and search_backend(settings).served() is not None
    return _ROLES[key]


_ROLES: dict[tuple[str, str, str], bool] = {}


def make_mirror(settings: Settings, *, recreate: bool = False) -> Mirror | None:
    """What keeps Milvus in step with each new index version: the passages synced, then the version's
    other parts published and pointed at, so every reader node follows (None for the local backend)."""
    backend = search_backend(settings)
    if backend.name == "local":
        return None

    def follow(index: LoadedIndex) -> None:
        from index.search.milvus_types import MilvusError, MilvusMismatchError

        try:
            report = backend.follow(index, recreate=recreate)
        except MilvusMismatchError:
            raise
        except MilvusError as e:
            raise MilvusError(f"{e}; {messages.MILVUS_BEHIND}") from e
        if report is not None and (report.rows or report.removed):
            logger.info("%s: %d articles written, %d removed", backend.name, report.replaced, report.removed)

    return follow


def make_collection(settings: Settings, embedder: Embedder, *, recreate: bool = False) -> Collection:
    """The articles and the index this node changes; a reader node has none (ReaderNodeError)."""
    if is_reader(settings):
        raise ReaderNodeError(messages.READER_NODE)
    seed_articles(settings)
    return Collection(
        settings.resolved_articles_dir,
        settings.resolved_index_dir,
        embedder,
        max_words=settings.passage_max_words,
        fetch_policy=FetchPolicy(
            timeout=settings.fetch_timeout,
            max_bytes=settings.max_article_bytes,
            allow_private=settings.allow_private_urls,
        ),
        read_only=bundled_articles_dir(),
        dense_index=search_backend(settings).dense_index(settings.dense_index),
        mirror=make_mirror(settings, recreate=recreate),
    )


def build(
    settings: Settings, embedder: Embedder, progress: Progress | None = None, *, recreate: bool = False
) -> BuildReport:
    """Rebuild the index from the articles directory; the previous version serves until this completes.
    With ``recreate``, the Milvus collection is dropped and written afresh."""
    started = time.perf_counter()
    if not recreate:
        search_backend(settings).check(embedder.name, embedder.dimension)  # refused before anything is rebuilt
    index, errors = make_collection(settings, embedder, recreate=recreate).rebuild(progress)
    return BuildReport(index, time.perf_counter() - started, tuple(errors))


def ensure_index(
    settings: Settings, embedder: Embedder, *, rebuild_stale: bool, notify: Notify, progress: Progress | None = None
) -> IndexSource:
    """Open the index, building it when missing. A mismatched or stale one is rebuilt when
    ``rebuild_stale`` (the `run` path), else a mismatch is refused and staleness is warned about. A reader
    node opens the version Milvus serves instead, and builds nothing."""
    if is_reader(settings):
        return _milvus_handle(settings, embedder, notify)
    seed_articles(settings)
    index_dir = settings.resolved_index_dir
    recovered = make_collection(settings, embedder).recover()
    if recovered is not None:
        notify(messages.RECOVERED.format(action=recovered.action, files=", ".join(recovered.files)))
    try:
        index = open_index(index_dir, model=embedder.name)
    except IndexMissingError:
        notify(messages.NO_INDEX_BUILDING.format(path=index_dir, articles=settings.resolved_articles_dir))
        return _rebuilt(settings, embedder, notify, progress)
    except (IndexMismatchError, IndexCorruptError) as e:
        if not rebuild_stale:
            raise
        notify(messages.MISMATCH_REBUILDING.format(problem=str(e).split(";")[0]))
        return _rebuilt(settings, embedder, notify, progress)
    if not _up_to_date(settings.resolved_articles_dir, index_dir, index.manifest.articles_fingerprint):
        if rebuild_stale:
            notify(messages.STALE_INDEX)
            return _rebuilt(settings, embedder, notify, progress)
        notify(messages.STALE_WARNING)
    # A change whose Milvus write failed is caught up here (a no-op when in step, and on the local
    # backend); a Milvus that is down is said once, and only searching needs it.
    from index.search.milvus_types import MilvusError, MilvusMismatchError

    try:
        make_collection(settings, embedder).catch_up(index)
    except MilvusMismatchError:
        raise
    except MilvusError as e:
        notify(f"warning: {e}")
    return IndexHandle.of(index, embedder.name)


def _milvus_handle(settings: Settings, embedder: Embedder, notify: Notify) -> IndexSource:
    handle = search_backend(settings).reader(embedder.name, embedder.dimension)
    index = handle.current()
    notify(
        messages.SERVING_FROM_MILVUS.format(
            version=index.version,
            collection=settings.milvus_collection,
            articles=len(index.articles),
            passages=len(index.passages),
        )
    )
    return handle


def serving_collection(settings: Settings, embedder: Embedder) -> Collection | None:
    """What a serving process's admins change: none on a reader node (their changes are refused)."""
    return None if is_reader(settings) else make_collection(settings, embedder)


_STAT_CACHE = ".articles-stat.json"


def _up_to_date(articles_dir: Path, index_dir: Path, fingerprint: str) -> bool:
    """Whether the index was built from the articles now in the directory. Parsing every article is the
    proof, but costs a cold start about 0.7 s per 1,000 articles: the directory's file names, sizes and
    modification times, remembered once they were proven to match this fingerprint, stand in for it."""
    if not articles_dir.is_dir():
        return True
    listing = {
        entry.name: [entry.stat().st_size, entry.stat().st_mtime_ns]
        for entry in os.scandir(articles_dir)
        if entry.is_file() and not entry.name.startswith(".") and Path(entry.name).suffix.lower() in TEXT_SUFFIXES
    }
    cache = index_dir / _STAT_CACHE
    try:
        saved = json.loads(cache.read_text("utf-8"))
        if saved == {"fingerprint": fingerprint, "files": listing}:
            return True
    except (OSError, ValueError):
        pass
    articles, _ = load_directory(articles_dir)
    if articles and articles_fingerprint(articles) != fingerprint:
        return False
    try:
        tmp = cache.with_name(f"{_STAT_CACHE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"fingerprint": fingerprint, "files": listing}), "utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only index directory: the proof is simply taken again next time
    return True


def _rebuilt(settings: Settings, embedder: Embedder, notify: Notify, progress: Progress | None) -> IndexHandle:
    report = build(settings, embedder, progress)
    notify(report.summary())
    return IndexHandle.of(report.index, embedder.name)


def make_engine(settings: Settings, handle: IndexSource, embedder: Embedder) -> Engine:
    config = EngineConfig(min_confidence=settings.min_confidence)
    return Engine(handle, embedder, config, retriever=search_backend(settings).retriever)
