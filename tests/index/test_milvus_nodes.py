"""One writer and stateless readers over one Milvus (the real engine on 127.0.0.1): a node started with
only the backend settings and an empty data directory answers as the writer does, follows the writer's
changes within a question, never serves a removed article, and nothing FAISS exists on this backend."""

from __future__ import annotations

import itertools
import json
import sys
import time
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.wiring import ensure_index, is_reader, make_collection, make_engine
from index.encode.embedder import Embedder, HashEmbedder
from index.engine import Engine
from index.errors import ReaderNodeError
from index.evaluate import evaluate, load_qa
from index.search.milvus_local import LocalMilvus
from index.search.milvus_reader import MilvusIndexHandle
from index.store.handle import IndexHandle
from index.store.layout import current_version_dir
from index.store.versions import build_index
from seeds_loader import Article
from tests.conftest import DEV_COVERAGE, DEV_COVERAGE_2, DEV_QA, copy_seed_files

pytestmark = pytest.mark.integration

_names = itertools.count()
NEW_ARTICLE = DEV_COVERAGE / "articles" / "dc01_harbourline_lee_xi_beijing.html"
NEW_QUESTION = "What did Lee say about Xi in Beijing?"


def _settings(uri: str, collection: str, data: Path, model: str, articles: Path | None = None) -> Settings:
    values: dict[str, object] = {
        "data_dir": data,
        "embedding_model": model,
        "search_backend": "milvus",
        "milvus_uri": uri,
        "milvus_collection": collection,
        "milvus_timeout": 5,
    }
    if articles is not None:
        values["articles_dir"] = articles
    return Settings(**values)  # type: ignore[arg-type]


def _nodes(server: LocalMilvus, tmp_path: Path, embedder: Embedder) -> tuple[Settings, Settings]:
    collection = f"nodes_{next(_names)}"
    writer = _settings(server.uri, collection, tmp_path / "writer", embedder.name, copy_seed_files(tmp_path / "a"))
    reader = _settings(server.uri, collection, tmp_path / "reader", embedder.name)
    return writer, reader


def _engine(settings: Settings, embedder: Embedder) -> Engine:
    return make_engine(settings, ensure_index(settings, embedder, rebuild_stale=True, notify=lambda _: None), embedder)


def _questions() -> list[str]:
    return [json.loads(line)["q"] for line in DEV_QA.read_text().splitlines() if line.strip()]


def _answers(engine: Engine, question: str) -> list[tuple[str, int, str]]:
    return [(p.file, p.paragraph, p.highlight) for p in engine.ask(question).passages]


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def hash_embedder_64() -> HashEmbedder:
    return HashEmbedder(64)


def test_a_reader_with_an_empty_data_directory_answers_as_the_writer(
    milvus_server: LocalMilvus, hash_embedder_64: HashEmbedder, tmp_path: Path
):
    writer_settings, reader_settings = _nodes(milvus_server, tmp_path, hash_embedder_64)
    assert not is_reader(writer_settings)
    writer = _engine(writer_settings, hash_embedder_64)
    assert is_reader(reader_settings)  # nothing of its own, and Milvus serves a version
    reader = _engine(reader_settings, hash_embedder_64)
    assert isinstance(reader._handle, MilvusIndexHandle)
    for question in _questions():
        assert _answers(reader, question) == _answers(writer, question), question
    assert _files(reader_settings.data_dir) == []  # the reader wrote nothing: no index, no articles
    # No FAISS on this backend: the writer's version holds no vector index, and its manifest says so.
    version = current_version_dir(writer_settings.resolved_index_dir)
    assert version is not None and not list(version.glob("dense.*"))
    assert json.loads((version / "manifest.json").read_text())["dense_index"] == "external"
    with pytest.raises(ReaderNodeError, match="writer node"):
        make_collection(reader_settings, hash_embedder_64)


def test_a_change_on_the_writer_is_served_by_the_reader_and_a_removed_article_never(
    milvus_server: LocalMilvus, hash_embedder_64: HashEmbedder, tmp_path: Path
):
    writer_settings, reader_settings = _nodes(milvus_server, tmp_path, hash_embedder_64)
    writer = _engine(writer_settings, hash_embedder_64)
    reader = _engine(reader_settings, hash_embedder_64)
    before = reader._handle.current().version
    report = make_collection(writer_settings, hash_embedder_64).add([str(NEW_ARTICLE)])
    assert not report.failed
    # The very next question on the reader is answered from the new version (no restart, no wait).
    added = reader._handle.current()
    assert added.version != before and NEW_ARTICLE.stem in added.articles
    assert _answers(reader, NEW_QUESTION) == _answers(writer, NEW_QUESTION)
    assert any(f == NEW_ARTICLE.name for f, _, _ in _answers(reader, NEW_QUESTION))
    make_collection(writer_settings, hash_embedder_64).remove([NEW_ARTICLE.stem])
    for question in [NEW_QUESTION, *_questions()]:
        assert all(f != NEW_ARTICLE.name for f, _, _ in _answers(reader, question)), question
    assert NEW_ARTICLE.stem not in reader._handle.current().articles


def test_a_reader_still_on_the_old_version_never_shows_a_removed_article(
    milvus_server: LocalMilvus, hash_embedder_64: HashEmbedder, tmp_path: Path
):
    """Between the writer's sync of the passages and its switch of the served version, a reader still
    holds the old version: the removed article's rows are gone from Milvus, so nothing of it is shown."""
    from bot.wiring import milvus_store
    from index.search.milvus_reader import MilvusIndexHandle

    writer_settings, reader_settings = _nodes(milvus_server, tmp_path, hash_embedder_64)
    make_collection(writer_settings, hash_embedder_64).add([str(NEW_ARTICLE)])
    store = milvus_store(reader_settings)
    assert store is not None
    handle = MilvusIndexHandle(store, hash_embedder_64.name, hash_embedder_64.dimension)
    old = handle.current()
    assert NEW_ARTICLE.stem in old.articles
    # The writer removes the article locally and syncs the passages only (as if it stopped right there).
    removed = make_collection(writer_settings.model_copy(update={"search_backend": "local"}), hash_embedder_64)
    index = removed.remove([NEW_ARTICLE.stem]).index
    assert index is not None
    from index.store.versions import exact_vectors

    store.sync(index, exact_vectors(index))
    frozen = Engine(_Frozen(old), hash_embedder_64, retriever=_milvus_retriever(store))
    assert all(p.file != NEW_ARTICLE.name for p in frozen.ask(NEW_QUESTION).passages)


class _Frozen:
    """A reader that has not looked at the pointer yet: it keeps answering from the version it holds."""

    def __init__(self, index) -> None:  # type: ignore[no-untyped-def]
        self._index = index

    def current(self):  # type: ignore[no-untyped-def]
        return self._index


def _milvus_retriever(store):  # type: ignore[no-untyped-def]
    from index.search.milvus_retriever import MilvusRetriever

    return lambda i, e, w: MilvusRetriever(store, i, e, w)


@pytest.mark.slow
def test_a_reader_scores_the_three_dev_sets_as_the_local_backend(
    milvus_server: LocalMilvus,
    seed_articles: list[Article],
    pack_articles: list[Article],
    real_embedder: Embedder,
    tmp_path: Path,
):
    from seeds_loader import load_directory

    pack2, _ = load_directory(DEV_COVERAGE_2 / "articles")
    for name, articles, qa in (
        ("seeds", seed_articles, DEV_QA),
        ("pack1", pack_articles, DEV_COVERAGE / "qa.jsonl"),
        ("pack2", seed_articles + pack2, DEV_COVERAGE_2 / "qa.jsonl"),
    ):
        index = build_index(articles, real_embedder, tmp_path / name / "index")
        local = Engine(IndexHandle.of(index, real_embedder.name), real_embedder)
        collection = f"devsets_{next(_names)}"
        writer = _settings(milvus_server.uri, collection, tmp_path / name / "w", real_embedder.name)
        from bot.wiring import make_mirror

        mirror = make_mirror(writer)
        assert mirror is not None
        mirror(index)
        reader_settings = _settings(milvus_server.uri, collection, tmp_path / name / "r", real_embedder.name)
        reader = _engine(reader_settings, real_embedder)
        items = load_qa(qa)
        started = time.perf_counter()
        a, b = evaluate(local, items).metrics, evaluate(reader, items).metrics
        for metric in a:
            assert abs(a[metric] - b[metric]) <= 0.03 + 1e-9, (name, metric, a[metric], b[metric])
        print(name, a, b, f"{time.perf_counter() - started:.1f}s", file=sys.stderr)


class _Inbox:
    """A platform's direct messages, kept (a Notifier)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, object]] = []

    def send(self, user: str, message: object) -> bool:
        self.sent.append((user, message))
        return True


def test_a_follow_made_on_a_reader_is_delivered_from_the_reader_when_the_writer_adds(
    milvus_server: LocalMilvus, hash_embedder_64: HashEmbedder, tmp_path: Path
):
    from bot.follow import FollowMessage
    from bot.platforms import make_service

    writer_settings, reader_settings = _nodes(milvus_server, tmp_path, hash_embedder_64)
    _engine(writer_settings, hash_embedder_64)
    reader = _engine(reader_settings, hash_embedder_64)
    service = make_service(reader_settings, reader, None)
    inbox = _Inbox()
    service.notifiers["slack"] = inbox
    assert "Following Lee Jae Myung" in service.follow("slack", "U1", "Lee Jae Myung").text
    make_collection(writer_settings, hash_embedder_64).add([str(NEW_ARTICLE)])
    reader.source.current()  # what the reader's watcher does every few seconds
    deadline = time.monotonic() + 20
    while not inbox.sent and time.monotonic() < deadline:
        time.sleep(0.1)
    assert inbox.sent, "nothing delivered"
    messages = [m for _, m in inbox.sent if isinstance(m, FollowMessage)]
    assert messages and all(m.items[0].cite.file == NEW_ARTICLE.name for m in messages)
    delivered = len(inbox.sent)
    reader.source.current()  # the same version again: nothing more
    time.sleep(0.5)
    assert len(inbox.sent) == delivered
