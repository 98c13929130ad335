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

from bot import messages
from bot.settings import Settings
from index.collection import Collection
from index.embedder import Embedder
from index.engine import Engine, EngineConfig
from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from index.handle import IndexHandle
from index.store import LoadedIndex, Progress, articles_fingerprint, open_index
from seeds_loader import TEXT_SUFFIXES, FetchPolicy, LoaderError, bundled_articles_dir, load_directory

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


def make_collection(settings: Settings, embedder: Embedder) -> Collection:
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
        dense_index=settings.dense_index,
    )


def build(settings: Settings, embedder: Embedder, progress: Progress | None = None) -> BuildReport:
    """Rebuild the index from the articles directory; the previous version serves until this completes."""
    started = time.perf_counter()
    index, errors = make_collection(settings, embedder).rebuild(progress)
    return BuildReport(index, time.perf_counter() - started, tuple(errors))


def ensure_index(
    settings: Settings, embedder: Embedder, *, rebuild_stale: bool, notify: Notify, progress: Progress | None = None
) -> IndexHandle:
    """Open the index, building it when missing. A mismatched or stale one is rebuilt when
    ``rebuild_stale`` (the `run` path), else a mismatch is refused and staleness is warned about."""
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
    return IndexHandle.of(index, embedder.name)


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


def make_engine(settings: Settings, handle: IndexHandle, embedder: Embedder) -> Engine:
    return Engine(handle, embedder, EngineConfig(min_confidence=settings.min_confidence))
