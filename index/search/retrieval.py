"""Hybrid retrieval: dense (passage and best-sentence cosine) and BM25 scores fused into one ranking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

import numpy as np

from index.encode.embedder import Embedder
from index.store.loaded import LoadedIndex
from index.store.passages import Passage

if TYPE_CHECKING:
    from index.store.dense import DenseStore
    from index.store.lexical import LexicalStore


@dataclass(frozen=True)
class FusionWeights:
    """Weights of the three signals in the fused score (see README, "How it works")."""

    passage: float = 0.66
    sentence: float = 0.17
    lexical: float = 0.17

    def __post_init__(self) -> None:
        for name in ("passage", "sentence", "lexical"):
            if getattr(self, name) < 0:
                raise ValueError(f"fusion weight {name} must be >= 0, got {getattr(self, name)}")


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with the signals that ranked it."""

    passage: Passage
    score: float
    dense: float
    lexical: float
    bm25: float
    sentence_scores: tuple[float, ...]

    @property
    def best_sentence(self) -> int:
        return int(np.argmax(self.sentence_scores)) if self.sentence_scores else 0


class Retriever(Protocol):
    """Anything that ranks passages for a question."""

    def search(self, query: str, k: int) -> list[Hit]: ...


class VectorRetriever(Retriever, Protocol):
    """What the engine needs: ranking with the question's vector computed once, and scoring a given set
    of passages (a speaker's quotes). A distributed search engine can stand in by implementing these."""

    def embed(self, query: str) -> np.ndarray: ...

    def search_with_vector(self, query: str, vector: np.ndarray, k: int) -> list[Hit]: ...

    def score_passages(self, query: str, vector: np.ndarray, ids: list[int], k: int = 50) -> list[Hit]: ...


class FusingRetriever:
    """What every retriever that ranks with the engine's fusion shares: the served index version, the
    encoder, the weights, the candidate pool and the checks of a query."""

    def __init__(
        self, index: LoadedIndex, embedder: Embedder, weights: FusionWeights | None = None, *, pool: int = 50
    ) -> None:
        if pool <= 0:
            raise ValueError(f"pool must be > 0, got {pool}")
        self._index = index
        self._embedder = embedder
        self._weights = weights or FusionWeights()
        self._pool = pool

    def embed(self, query: str) -> np.ndarray:
        return self._embedder.encode([query])[0]

    def search(self, query: str, k: int) -> list[Hit]:
        return self.search_with_vector(query, self.embed(query), k)

    def search_with_vector(self, query: str, vector: np.ndarray, k: int) -> list[Hit]:
        raise NotImplementedError

    def _pool_for(self, query: str, k: int) -> int:
        """The candidates each search returns for the best ``k`` (a query's checks first)."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        if not query.strip():
            raise ValueError("query must not be empty")
        return max(self._pool, 5 * k)


class HybridRetriever(FusingRetriever):
    """Dense candidates from FAISS plus BM25 candidates, rescored together (the local backend, whose
    version holds both indexes)."""

    def search_with_vector(self, query: str, vector: np.ndarray, k: int) -> list[Hit]:
        pool = self._pool_for(query, k)
        dense = cast("DenseStore", self._index.dense).search(vector, pool)
        lexical = self._lexical.search(query, pool)
        candidates = np.unique(np.concatenate([dense.ids, lexical.ids]))
        best = float(lexical.scores[0]) if lexical.ids.size else 0.0
        return self._score(candidates, vector, self._lexical.score_of(query, candidates), best, k)

    @property
    def _lexical(self) -> LexicalStore:
        return cast("LexicalStore", self._index.lexical)

    def score_passages(self, query: str, vector: np.ndarray, ids: list[int], k: int = 50) -> list[Hit]:
        """Fused scores of the given passages only, best ``k`` first (answers restricted to a speaker)."""
        candidates = np.asarray(sorted(set(ids)), dtype=np.int64)
        if candidates.size == 0:
            return []
        best = self._lexical.search(query, 1)
        bm25_max = float(best.scores[0]) if best.ids.size else 0.0
        return self._score(candidates, vector, self._lexical.score_of(query, candidates), bm25_max, k)

    def _score(
        self, candidates: np.ndarray, vector: np.ndarray, bm25: np.ndarray, bm25_max: float, k: int
    ) -> list[Hit]:
        if candidates.size == 0:
            return []
        passage_cos = self._index.dense.vectors(candidates) @ vector
        return fuse(self._index, self._weights, candidates, passage_cos, vector, bm25, bm25_max, k)


def fuse(
    index: LoadedIndex,
    weights: FusionWeights,
    candidates: np.ndarray,
    passage_cos: np.ndarray,
    vector: np.ndarray,
    bm25: np.ndarray,
    bm25_max: float,
    k: int,
) -> list[Hit]:
    """The engine's fusion, whatever searched: each candidate's passage cosine, its best sentence's cosine
    and its BM25 score over the best BM25 score of the whole collection (arrays in candidate order);
    Passage objects are built only for the best ``k``."""
    if candidates.size == 0:
        return []
    first, count = index.passages.sentence_ranges(candidates)
    # All candidates' sentence rows in one gather: row j of candidate i is first[i] + j.
    starts = np.concatenate([[0], np.cumsum(count)[:-1]])
    rows = np.repeat(first - starts, count) + np.arange(int(count.sum()))
    sentence_cos = index.sentence_vectors.dot(rows, vector)
    best_sentence = np.maximum.reduceat(sentence_cos, starts) if rows.size else passage_cos
    lexical = bm25 / bm25_max if bm25_max > 0 else np.zeros(len(candidates), dtype=np.float32)
    fused = weights.passage * passage_cos + weights.sentence * best_sentence + weights.lexical * lexical
    order = np.argsort(-fused, kind="stable")[:k].tolist()
    # Plain Python numbers, converted once per array rather than once per value.
    ids, fused_, cosines, lexical_, bm25_ = (a.tolist() for a in (candidates, fused, passage_cos, lexical, bm25))
    sentences, begins, counts = sentence_cos.tolist(), starts.tolist(), count.tolist()
    return [
        Hit(
            index.passages[ids[i]],
            fused_[i],
            cosines[i],
            lexical_[i],
            bm25_[i],
            tuple(sentences[begins[i] : begins[i] + counts[i]]),
        )
        for i in order
    ]
