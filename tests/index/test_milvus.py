"""The milvus backend against the real Milvus engine on 127.0.0.1: conformance with the local backend
(BM25, hybrid, filters, id-restricted scoring), sync (no stale twin, convergence), the build check."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.encode.embedder import Embedder, HashEmbedder
from index.engine import Engine
from index.evaluate import evaluate, load_qa
from index.search.milvus_local import LocalMilvus
from index.search.milvus_retriever import MilvusRetriever
from index.search.milvus_store import MilvusStore
from index.search.milvus_types import RRF_K, MilvusConfig, MilvusError, MilvusMismatchError, SearchFilter
from index.search.retrieval import FusionWeights, HybridRetriever
from index.store.collection import Collection
from index.store.handle import IndexHandle
from index.store.layout import writer_lock
from index.store.loaded import LoadedIndex
from index.store.versions import build_index, exact_vectors
from seeds_loader import Article, bundled_articles_dir, parse_article
from tests.conftest import DEV_COVERAGE, DEV_QA, copy_seed_files

# Real processes, servers or disks (subprocesses, Milvus Lite, tmpfs): the integration tier.
pytestmark = pytest.mark.integration

_names = itertools.count()


def _store(server: LocalMilvus, **kwargs: object) -> MilvusStore:
    return MilvusStore.connect(MilvusConfig(uri=server.uri, collection=f"test_{next(_names)}", **kwargs))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def synced(milvus_server: LocalMilvus, hash_index: LoadedIndex) -> MilvusStore:
    store = _store(milvus_server)
    store.sync(hash_index, exact_vectors(hash_index))
    return store


def _questions() -> list[str]:
    return [json.loads(line)["q"] for line in DEV_QA.read_text().splitlines() if line.strip()]


def _local_ids(index: LoadedIndex, found: list) -> list[int]:  # type: ignore[type-arg]
    return [index.passages.of_article(s.article_id)[s.ordinal] for s in found]


def test_the_collection_holds_every_passage_with_the_index_asked_for(synced: MilvusStore, hash_index: LoadedIndex):
    assert synced.count() == len(hash_index.passages)
    described = synced.describe_dense_index()
    assert described["metric_type"] == "IP"
    # "auto" asks for HNSW; Milvus Lite builds no HNSW, so the collection falls back to exact search.
    assert described["index_type"] == "FLAT"
    # The BM25 constants were nested under "params" as the server needs them (else it keeps its own).
    sparse = synced._client.describe_index(synced.config.collection, "sparse")
    assert (sparse["metric_type"], float(sparse["bm25_k1"]), float(sparse["bm25_b"])) == ("BM25", 1.5, 0.75)


def test_dense_search_is_exact_inner_product(synced: MilvusStore, hash_index: LoadedIndex, hash_embedder: HashEmbedder):
    vectors = exact_vectors(hash_index)
    for question in _questions()[:6]:
        query = hash_embedder.encode([question])[0]
        found = synced.dense(query, 10)
        exact = np.argsort(-(vectors @ query), kind="stable")[:10]
        assert _local_ids(hash_index, found)[:5] == [int(i) for i in exact[:5]]
        assert found[0].score == pytest.approx(float(vectors[exact[0]] @ query), abs=1e-4)


def test_bm25_ranking_agrees_with_the_local_bm25(synced: MilvusStore, hash_index: LoadedIndex):
    """Different analyzers (Milvus's english one, ours with PyStemmer) and BM25 constants, same ranking
    in the main: the best passage mostly the same, most of the top ten shared."""
    first, overlap = [], []
    for question in _questions():
        local = [int(i) for i in hash_index.lexical.search(question, 10).ids]
        milvus = _local_ids(hash_index, synced.bm25(question, 10))
        first.append(local[0] == milvus[0])
        overlap.append(len(set(local) & set(milvus)) / 10)
    assert np.mean(first) >= 0.8, first
    assert np.mean(overlap) >= 0.6, overlap


def test_hybrid_ranking_is_reciprocal_rank_fusion_of_both_searches(
    synced: MilvusStore, hash_index: LoadedIndex, hash_embedder: HashEmbedder
):
    for question in _questions()[:8]:
        query = hash_embedder.encode([question])[0]
        dense = [s.key for s in synced.dense(query, 50)]
        lexical = [s.key for s in synced.bm25(question, 50)]
        expected: dict[str, float] = {}
        for ranking in (dense, lexical):
            for rank, key in enumerate(ranking, start=1):
                expected[key] = expected.get(key, 0.0) + 1.0 / (RRF_K + rank)
        fused = synced.hybrid(question, query, 10, pool=50)
        assert [s.score for s in fused] == pytest.approx(sorted(expected.values(), reverse=True)[:10], abs=1e-6)
        assert all(s.score == pytest.approx(expected[s.key], abs=1e-6) for s in fused)


def test_outlet_article_and_date_filters(synced: MilvusStore, hash_index: LoadedIndex, hash_embedder: HashEmbedder):
    query = hash_embedder.encode(["the summit"])[0]
    outlets = {m.outlet for m in hash_index.articles.values() if m.outlet}
    assert outlets
    for outlet in outlets:
        expected = {m.id for m in hash_index.articles.values() if m.outlet == outlet}
        found = synced.dense(query, 100, SearchFilter(outlet=outlet))
        assert found and {s.article_id for s in found} == expected
        assert synced.count(SearchFilter(outlet=outlet)) == sum(
            len(hash_index.passages.of_article(a)) for a in expected
        )
    dated = sorted((m.published, m.id) for m in hash_index.articles.values() if m.published)
    day = dated[len(dated) // 2][0]
    after = {s.article_id for s in synced.bm25("summit Lee Takaichi", 100, SearchFilter(published_from=day))}
    assert after == {a for d, a in dated if d >= day} & after and after
    assert all(hash_index.articles[a].published >= day for a in after)
    before = synced.dense(query, 100, SearchFilter(published_to=day))
    assert all(hash_index.articles[s.article_id].published <= day for s in before)
    one = dated[0][1]
    assert {s.article_id for s in synced.dense(query, 50, SearchFilter(articles=(one,)))} == {one}


def test_id_restricted_scoring_matches_the_local_backend(
    synced: MilvusStore, hash_index: LoadedIndex, hash_embedder: HashEmbedder
):
    local = HybridRetriever(hash_index, hash_embedder)
    milvus = MilvusRetriever(synced, hash_index, hash_embedder)
    ids = list(range(0, len(hash_index.passages), 3))
    question = "What did Takaichi say about the summit?"
    vector = hash_embedder.encode([question])[0]
    a = {h.passage.id: h for h in local.score_passages(question, vector, ids, k=len(ids))}
    b = {h.passage.id: h for h in milvus.score_passages(question, vector, ids, k=len(ids))}
    assert set(a) == set(b) == set(ids)
    for i in ids:
        assert b[i].dense == pytest.approx(a[i].dense, abs=1e-4)
        assert b[i].sentence_scores == pytest.approx(a[i].sentence_scores, abs=1e-4)
        assert (b[i].bm25 > 0) == (a[i].bm25 > 0)  # the same passages hold a query word


def test_search_finds_what_the_local_retriever_finds(
    synced: MilvusStore, hash_index: LoadedIndex, hash_embedder: HashEmbedder
):
    local = HybridRetriever(hash_index, hash_embedder, FusionWeights())
    milvus = MilvusRetriever(synced, hash_index, hash_embedder, FusionWeights())
    same_first = []
    for question in _questions():
        vector = hash_embedder.encode([question])[0]
        a = [h.passage.id for h in local.search_with_vector(question, vector, 5)]
        b = [h.passage.id for h in milvus.search_with_vector(question, vector, 5)]
        same_first.append(a[0] == b[0])
        assert len(set(a) & set(b)) >= 3
    assert np.mean(same_first) >= 0.8


def _opening(article: Article) -> str:
    """The first sentence of the article's longest paragraph."""
    return max(article.paragraphs, key=lambda p: len(p.text)).text.split(". ")[0]


def _edited(article: Article, old: str, new: str) -> Article:
    text = (bundled_articles_dir() / article.file).read_text("utf-8")
    assert old in text
    return parse_article(text.replace(old, new), article.file)


def _synced_then_edited(
    server: LocalMilvus, articles: list[Article], embedder: HashEmbedder, directory: Path
) -> tuple[MilvusStore, str, Article]:
    """A collection holding the seeds, and the first seed with its opening sentence rewritten."""
    store = _store(server)
    first = build_index(articles, embedder, directory)
    store.sync(first, exact_vectors(first))
    sentence = _opening(articles[0])
    changed = _edited(articles[0], sentence, "An entirely new opening about the harbour cranes")
    assert changed.content_hash != articles[0].content_hash
    return store, sentence, changed


def test_replacing_an_article_leaves_no_twin_and_removing_leaves_nothing(
    milvus_server: LocalMilvus, seed_articles: list[Article], hash_embedder: HashEmbedder, tmp_path: Path
):
    store, sentence, changed = _synced_then_edited(milvus_server, seed_articles, hash_embedder, tmp_path / "index")
    second = build_index([changed, *seed_articles[2:]], hash_embedder, tmp_path / "index")
    report = store.sync(second, exact_vectors(second))
    assert (report.replaced, report.removed) == (1, 1)
    assert store.count() == len(second.passages)
    rows = store.texts(SearchFilter(articles=(changed.id,)))
    assert len(rows) == len(second.passages.of_article(changed.id))
    assert not any(sentence in t for t in rows)
    assert any("harbour cranes" in t for t in rows)
    assert store.count(SearchFilter(articles=(seed_articles[1].id,))) == 0
    # The removed article's passages are searched no more.
    gone = {s.article_id for s in store.bm25(seed_articles[1].paragraphs[0].text, 50)}
    assert seed_articles[1].id not in gone


class _FailingUpserts:
    """The real client, whose upserts fail after ``allowed`` batches (a server lost mid-sync)."""

    def __init__(self, client: object, allowed: int) -> None:
        self._client, self._allowed = client, allowed

    def upsert(self, *args: object, **kwargs: object) -> object:
        if self._allowed <= 0:
            raise ConnectionError("server went away")
        self._allowed -= 1
        return self._client.upsert(*args, **kwargs)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._client, name)


def test_an_interrupted_sync_converges_on_the_next(
    milvus_server: LocalMilvus, pack_articles_hash_index: LoadedIndex, monkeypatch: pytest.MonkeyPatch
):
    index = pack_articles_hash_index
    store = _store(milvus_server)
    monkeypatch.setattr("index.search.milvus_store._BATCH", 20)
    real = store._client
    store._client = _FailingUpserts(real, allowed=2)
    with pytest.raises(MilvusError, match="failed to write passages"):
        store.sync(index, exact_vectors(index))
    # Nothing half-written looks complete: each article is present whole or not at all.
    store._client = real
    assert store._articles_present().keys() <= set(index.articles)
    report = store.sync(index, exact_vectors(index))
    assert report.replaced < len(index.articles) or report.rows == len(index.passages)
    assert store.count() == len(index.passages)
    assert store.sync(index, exact_vectors(index)).rows == 0


@pytest.fixture(scope="module")
def pack_articles_hash_index(
    pack_articles: list[Article], hash_embedder: HashEmbedder, tmp_path_factory
) -> LoadedIndex:
    return build_index(pack_articles, hash_embedder, tmp_path_factory.mktemp("pack-hash"))


def test_hits_for_text_the_index_no_longer_holds_are_dropped(
    milvus_server: LocalMilvus, seed_articles: list[Article], hash_embedder: HashEmbedder, tmp_path: Path
):
    store, sentence, changed = _synced_then_edited(milvus_server, seed_articles, hash_embedder, tmp_path / "old")
    new = build_index([changed, *seed_articles[1:]], hash_embedder, tmp_path / "new")  # never synced
    retriever = MilvusRetriever(store, new, hash_embedder)
    hits = retriever.search(sentence, 10)
    assert hits
    assert all(h.passage.article_id != changed.id for h in hits)


def test_a_collection_built_with_another_model_is_refused_with_the_fix(
    milvus_server: LocalMilvus, hash_index: LoadedIndex
):
    store = _store(milvus_server)
    store.sync(hash_index, exact_vectors(hash_index))
    other = replace(hash_index, manifest=replace(hash_index.manifest, model="another-model"))
    with pytest.raises(MilvusMismatchError, match="summitbot index build --recreate") as error:
        store.sync(other, exact_vectors(other))
    assert "'another-model'" in str(error.value) and repr(hash_index.manifest.model) in str(error.value)
    assert store.sync(other, exact_vectors(other), recreate=True).rows == len(hash_index.passages)
    assert store.check("another-model", 64) is not None


def test_an_unreachable_server_is_one_clear_error():
    with pytest.raises(MilvusError, match=r"127\.0\.0\.1:9"):
        MilvusStore.connect(MilvusConfig(uri="http://127.0.0.1:9", timeout=1)).metadata()


@pytest.mark.slow
def test_dev_questions_score_within_003_of_the_local_backend(
    milvus_server: LocalMilvus, pack_articles: list[Article], real_embedder: Embedder, tmp_path: Path
):
    index = build_index(pack_articles, real_embedder, tmp_path / "index")
    store = _store(milvus_server)
    store.sync(index, exact_vectors(index))
    local = Engine(IndexHandle.of(index, real_embedder.name), real_embedder)
    milvus = Engine(
        IndexHandle.of(index, real_embedder.name),
        real_embedder,
        retriever=lambda i, e, w: MilvusRetriever(store, i, e, w),
    )
    for qa in (DEV_QA, DEV_COVERAGE / "qa.jsonl"):
        items = load_qa(qa)
        a, b = evaluate(local, items).metrics, evaluate(milvus, items).metrics
        for name in a:
            assert abs(a[name] - b[name]) <= 0.03 + 1e-9, (qa.name, name, a[name], b[name])


def test_catching_up_writes_the_version_now_serving_and_never_while_a_writer_works(
    milvus_server: LocalMilvus, hash_embedder: HashEmbedder, tmp_path: Path
):
    store = _store(milvus_server)
    articles, index_dir = copy_seed_files(tmp_path / "articles"), tmp_path / "index"
    mirrored = Collection(articles, index_dir, hash_embedder, mirror=lambda i: store.sync(i, exact_vectors(i)))
    first, _ = mirrored.rebuild()
    assert store.count() == len(first.passages)
    # A change made without the backend (its write failed, say) leaves the collection one version behind.
    report = Collection(articles, index_dir, hash_embedder).add([str(DEV_COVERAGE / "articles" / _PACK_FILE)])
    assert report.index is not None and store.count() == len(first.passages)
    with writer_lock(index_dir):
        assert mirrored.catch_up() is None  # a writer is busy: it brings the backend in step itself
    assert store.count() == len(first.passages)
    # Handed the older version it loaded, a process still writes the one now serving.
    caught = mirrored.catch_up(first)
    assert caught is not None and caught.version == report.index.version
    assert store.count() == len(report.index.passages)
    assert mirrored.catch_up(caught) is caught  # the version it holds is current: not loaded again


_PACK_FILE = "dc01_harbourline_lee_xi_beijing.html"


def test_answers_from_many_threads_at_once_are_the_answers_asked_one_by_one(
    synced: MilvusStore, hash_index: LoadedIndex, hash_embedder: HashEmbedder
):
    from concurrent.futures import ThreadPoolExecutor

    engine = Engine(
        IndexHandle.of(hash_index, hash_embedder.name),
        hash_embedder,
        retriever=lambda i, e, w: MilvusRetriever(synced, i, e, w),
    )
    questions = _questions()

    def top(question: str) -> list[tuple[str, int]]:
        return [(p.file, p.paragraph) for p in engine.ask(question).passages]

    alone = [top(q) for q in questions]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(top, questions * 3))
    assert together == alone * 3


def test_rows_lost_behind_the_bots_back_are_written_again(
    milvus_server: LocalMilvus, pack_articles_hash_index: LoadedIndex
):

    index = pack_articles_hash_index
    store = _store(milvus_server)
    store.sync(index, exact_vectors(index))
    victim = next(a for a in index.articles if len(index.passages.of_article(a)) > 2)
    # Someone deletes a later row of one article directly in Milvus: the recorded fingerprint still matches.
    store._client.delete(store.config.collection, filter=f'key == "{victim}#1"')
    assert store.count() == len(index.passages) - 1
    report = store.sync(index, exact_vectors(index))
    assert report.replaced == 1 and store.count() == len(index.passages)
    assert store.sync(index, exact_vectors(index)).rows == 0
