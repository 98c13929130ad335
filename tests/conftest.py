"""Shared fixtures: the real seed articles, a hash-embedder index over them, and the real model's index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.encode.embedder import BUNDLED_MODEL, Embedder, HashEmbedder, SentenceTransformerEmbedder, make_embedder
from index.engine import Engine
from index.search.milvus_local import LocalMilvus
from index.store.collection import Collection
from index.store.handle import IndexHandle
from index.store.loaded import LoadedIndex
from index.store.versions import build_index, open_index
from seeds_loader import Article, bundled_articles_dir, load_directory

TESTS = Path(__file__).parent
DEV_QA = TESTS / "dev_qa.jsonl"
ATTRIBUTION_GOLD = TESTS / "attribution_gold.jsonl"
ATTRIBUTION_GOLD_PACK = TESTS / "attribution_gold_pack.jsonl"
ATTRIBUTION_GOLD_PACK2 = TESTS / "attribution_gold_pack2.jsonl"
# The development pack (eight articles in newsroom formats + 40 questions), a copy of shared/dev_coverage.
DEV_COVERAGE = TESTS / "dev_coverage"
# The second development pack (ten articles in other formats + 73 questions), a copy of shared/dev_coverage_2.
DEV_COVERAGE_2 = TESTS / "dev_coverage_2"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return bundled_articles_dir()


@pytest.fixture(scope="session")
def seed_articles(seed_dir: Path) -> list[Article]:
    articles, errors = load_directory(seed_dir)
    assert not errors
    return articles


def copy_seed_files(target: Path) -> Path:
    """A writable articles directory holding the bundled demo articles."""
    target.mkdir(parents=True, exist_ok=True)
    for path in bundled_articles_dir().iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target


def seeded_collection(root: Path, embedder: Embedder | None = None) -> tuple[Collection, Engine]:
    """A writable copy of the demo articles under ``root``, indexed (a hash embedder unless one is given),
    and an engine following that index directory: what the chat front ends' tests serve from."""
    embedder = embedder or HashEmbedder(64)
    collection = Collection(copy_seed_files(root / "articles"), root / "index", embedder)
    collection.rebuild()
    return collection, Engine(IndexHandle(root / "index", embedder.name), embedder)


def article(articles: list[Article], prefix: str) -> Article:
    return next(a for a in articles if a.file.startswith(prefix))


@pytest.fixture(scope="session")
def hash_embedder() -> HashEmbedder:
    return HashEmbedder(64)


@pytest.fixture(scope="session")
def hash_index(seed_articles: list[Article], hash_embedder: HashEmbedder, tmp_path_factory) -> LoadedIndex:
    return build_index(seed_articles, hash_embedder, tmp_path_factory.mktemp("hash-index"))


@pytest.fixture(scope="session")
def hash_engine(hash_index: LoadedIndex, hash_embedder: HashEmbedder) -> Engine:
    return Engine(IndexHandle.of(hash_index, hash_embedder.name), hash_embedder)


@pytest.fixture
def made_up_engine(hash_embedder: HashEmbedder, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An engine over one made-up article (its text, its file name), with the hash encoder: for rules that
    hold whatever the encoder scores. ``config`` as ``Engine`` takes it."""
    from index.engine import EngineConfig
    from seeds_loader import parse_article

    def make(text: str, name: str, config: EngineConfig | None = None) -> Engine:
        index = build_index([parse_article(text, name)], hash_embedder, tmp_path / name / "index")
        return Engine(IndexHandle.of(index, hash_embedder.name), hash_embedder, config=config)

    return make


def _shared(tmp_path_factory, worker_id: str, name: str) -> Path:
    """A folder every pytest-xdist worker of this run shares (one worker builds, the others open what it
    built, under ``_built``'s lock); a run without workers has it to itself."""
    if worker_id == "master":
        return tmp_path_factory.mktemp(name)
    return tmp_path_factory.getbasetemp().parent / name


def _built(folder: Path, build) -> None:  # type: ignore[no-untyped-def]
    """Run ``build`` into ``folder`` once per run, whichever worker comes first."""
    from filelock import FileLock

    with FileLock(str(folder) + ".lock"):
        done = folder / ".built"
        if not done.exists():
            folder.mkdir(parents=True, exist_ok=True)
            build()
            done.touch()


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory, worker_id: str) -> Path:
    """One ONNX export of the bundled model for the whole test run (shared by the workers)."""
    folder = _shared(tmp_path_factory, worker_id, "models")
    _built(folder, lambda: make_embedder(BUNDLED_MODEL, cache_dir=folder))
    return folder


@pytest.fixture(scope="session")
def real_embedder(model_cache: Path) -> Embedder:
    """The bundled model as summitbot runs it: through its ONNX export (the quality floors hold there)."""
    embedder = make_embedder(BUNDLED_MODEL, cache_dir=model_cache)
    assert embedder.__class__.__name__ == "OnnxEmbedder"
    return embedder


def _shared_engine(articles: list[Article], embedder: Embedder, tmp_path_factory, worker_id: str, name: str) -> Engine:
    """An engine over an index of ``articles`` built once per run and opened by every worker."""
    folder = _shared(tmp_path_factory, worker_id, name)
    _built(folder, lambda: build_index(articles, embedder, folder / "index"))
    index = open_index(folder / "index", model=embedder.name)
    return Engine(IndexHandle.of(index, embedder.name), embedder)


@pytest.fixture(scope="session")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_engine(seed_articles: list[Article], real_embedder: Embedder, tmp_path_factory, worker_id: str) -> Engine:
    return _shared_engine(seed_articles, real_embedder, tmp_path_factory, worker_id, "real-index")


@pytest.fixture(scope="session")
def pack_articles(seed_articles: list[Article]) -> list[Article]:
    """The seeds and the development pack together, as its README says to index them."""
    pack, errors = load_directory(DEV_COVERAGE / "articles")
    assert not errors
    return seed_articles + pack


@pytest.fixture(scope="session")
def pack2_articles(pack_articles: list[Article]) -> list[Article]:
    """The seeds, pack 1 and pack 2 together."""
    pack2, errors = load_directory(DEV_COVERAGE_2 / "articles")
    assert not errors
    return pack_articles + pack2


@pytest.fixture(scope="session")
def pack_engine(pack_articles: list[Article], real_embedder: Embedder, tmp_path_factory, worker_id: str) -> Engine:
    return _shared_engine(pack_articles, real_embedder, tmp_path_factory, worker_id, "pack-index")


@pytest.fixture(scope="session")
def all_engine(pack2_articles: list[Article], real_embedder: Embedder, tmp_path_factory, worker_id: str) -> Engine:
    """The seeds and both packs indexed together: the whole coverage a newsroom would have."""
    return _shared_engine(pack2_articles, real_embedder, tmp_path_factory, worker_id, "all-index")


@pytest.fixture(scope="session")
def pack2_engine(seed_articles: list[Article], real_embedder: Embedder, tmp_path_factory, worker_id: str) -> Engine:
    """The seeds and pack 2 together, as its README says to index them."""
    pack2, errors = load_directory(DEV_COVERAGE_2 / "articles")
    assert not errors
    return _shared_engine(seed_articles + pack2, real_embedder, tmp_path_factory, worker_id, "pack2-index")


@pytest.fixture(scope="session")
def milvus_server(tmp_path_factory) -> Iterator[LocalMilvus]:
    """The real Milvus engine (milvus-lite 2.5's C++ core) on 127.0.0.1, for the whole session."""
    with LocalMilvus(tmp_path_factory.mktemp("milvus")) as server:
        yield server
