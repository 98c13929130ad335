"""Where passages are searched, behind one protocol: this machine's FAISS and BM25, or Milvus. The rest of
the program asks the backend (what to build, how to retrieve, how to follow a new version, what a reader
node serves) instead of branching on its name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from index.search.retrieval import FusionWeights, HybridRetriever, VectorRetriever
from index.store.vectors import EXTERNAL

if TYPE_CHECKING:
    from index.encode.embedder import Embedder
    from index.search.milvus_store import MilvusStore
    from index.search.milvus_types import SyncReport
    from index.store.handle import IndexSource
    from index.store.loaded import LoadedIndex


class SearchBackend(Protocol):
    """What answering and indexing need of a search backend."""

    name: str

    def dense_index(self, requested: str) -> str:
        """The local vector index a version is built with (EXTERNAL: none, the backend searches)."""
        ...

    def retriever(self, index: LoadedIndex, embedder: Embedder, weights: FusionWeights) -> VectorRetriever:
        """Candidates and fused scores for questions on ``index`` (search, BM25, scoring given ids)."""
        ...

    def check(self, model: str, dimension: int) -> None:
        """Refuse a backend built with another model, dimension or format, naming the fix."""
        ...

    def follow(self, index: LoadedIndex, *, recreate: bool = False) -> SyncReport | None:
        """Bring the backend in step with a version now serving locally, and serve it to every node."""
        ...

    def served(self) -> str | None:
        """The version the backend serves to nodes without an index of their own (None: none, or local)."""
        ...

    def reader(self, model: str, dimension: int) -> IndexSource:
        """What a node without local files serves from (only a shared backend has one)."""
        ...

    def drop(self) -> None:
        """Remove everything the backend holds (a scratch evaluation's collection)."""
        ...


class LocalBackend:
    """FAISS and BM25 in the version's own directory: nothing to follow, nothing served to other nodes."""

    name = "local"

    def dense_index(self, requested: str) -> str:
        return requested

    def retriever(self, index: LoadedIndex, embedder: Embedder, weights: FusionWeights) -> VectorRetriever:
        return HybridRetriever(index, embedder, weights)

    def check(self, model: str, dimension: int) -> None:
        return None

    def follow(self, index: LoadedIndex, *, recreate: bool = False) -> SyncReport | None:
        return None

    def served(self) -> str | None:
        return None

    def reader(self, model: str, dimension: int) -> IndexSource:
        raise NotImplementedError("the local backend has no reader nodes: every node builds its own index")

    def drop(self) -> None:
        return None


class MilvusBackend:
    """One Milvus for every node: passages, their vectors and BM25 in one collection, the served version's
    other parts beside it. The writer follows each new version into it; reader nodes serve from it."""

    name = "milvus"

    def __init__(self, store: MilvusStore) -> None:
        self.store = store

    def dense_index(self, requested: str) -> str:
        return EXTERNAL  # Milvus searches: no FAISS is built or loaded on this backend

    def retriever(self, index: LoadedIndex, embedder: Embedder, weights: FusionWeights) -> VectorRetriever:
        from index.search.milvus_retriever import MilvusRetriever

        return MilvusRetriever(self.store, index, embedder, weights)

    def check(self, model: str, dimension: int) -> None:
        self.store.check(model, dimension)

    def follow(self, index: LoadedIndex, *, recreate: bool = False) -> SyncReport | None:
        from index.search.milvus_served import ServedVersions
        from index.store.versions import exact_vectors

        # The passages first, then the served pointer: a reader that moves to the new version finds its
        # rows there, and one still on the old version finds none of a removed article.
        report = self.store.sync(index, exact_vectors(index), recreate=recreate)
        ServedVersions(self.store).publish(index)
        return report

    def served(self) -> str | None:
        from index.search.milvus_served import ServedVersions

        current = ServedVersions(self.store).current()
        return current.version if current else None

    def reader(self, model: str, dimension: int) -> IndexSource:
        from index.search.milvus_reader import MilvusIndexHandle

        self.store.check(model, dimension)
        return MilvusIndexHandle(self.store, model, dimension)

    def drop(self) -> None:
        self.store.drop()
