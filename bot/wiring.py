"""Turning settings into a ready engine: the embedder, the index (built or checked), the engine."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot import messages
from bot.settings import Settings
from index.embedder import Embedder
from index.embedder import make_embedder as embedder_for
from index.engine import Engine, EngineConfig
from index.errors import IndexMismatchError, IndexMissingError, IndexStoreError
from index.handle import IndexHandle
from index.store import LoadedIndex, Progress, articles_fingerprint, build_index, open_index
from seeds_loader import Article, LoaderError, load_directory

logger = logging.getLogger(__name__)

Notify = Callable[[str], None]


class NothingToIndexError(IndexStoreError):
    """The articles directory has no readable article."""


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


def make_embedder(settings: Settings) -> Embedder:
    return embedder_for(settings.embedding_model)


def read_articles(directory: Path) -> tuple[list[Article], list[LoaderError]]:
    articles, errors = load_directory(directory)
    if not articles:
        raise NothingToIndexError(messages.NO_ARTICLES.format(path=directory))
    return articles, errors


def build(settings: Settings, embedder: Embedder, progress: Progress | None = None) -> BuildReport:
    """Rebuild the index from the articles directory; the previous version serves until this completes."""
    started = time.perf_counter()
    articles, errors = read_articles(settings.articles_dir)
    index = build_index(
        articles, embedder, settings.resolved_index_dir, max_words=settings.passage_max_words, progress=progress
    )
    return BuildReport(index, time.perf_counter() - started, tuple(errors))


def ensure_index(
    settings: Settings, embedder: Embedder, *, rebuild_stale: bool, notify: Notify, progress: Progress | None = None
) -> IndexHandle:
    """Open the index, building it when missing. A mismatched or stale one is rebuilt when
    ``rebuild_stale`` (the `run` path), else a mismatch is refused and staleness is warned about."""
    index_dir = settings.resolved_index_dir
    try:
        index = open_index(index_dir, model=embedder.name)
    except IndexMissingError:
        notify(messages.NO_INDEX_BUILDING.format(path=index_dir, articles=settings.articles_dir))
        report = build(settings, embedder, progress)
        notify(report.summary())
        return IndexHandle.of(report.index, embedder.name)
    except IndexMismatchError as e:
        if not rebuild_stale:
            raise
        notify(messages.MISMATCH_REBUILDING.format(problem=str(e).split(";")[0]))
        report = build(settings, embedder, progress)
        notify(report.summary())
        return IndexHandle.of(report.index, embedder.name)
    articles, _ = load_directory(settings.articles_dir) if settings.articles_dir.is_dir() else ([], [])
    if articles and articles_fingerprint(articles) != index.manifest.articles_fingerprint:
        if rebuild_stale:
            notify(messages.STALE_INDEX)
            report = build(settings, embedder, progress)
            notify(report.summary())
            return IndexHandle.of(report.index, embedder.name)
        notify(messages.STALE_WARNING)
    return IndexHandle.of(index, embedder.name)


def make_engine(settings: Settings, handle: IndexHandle, embedder: Embedder) -> Engine:
    return Engine(handle, embedder, EngineConfig(min_confidence=settings.min_confidence))
