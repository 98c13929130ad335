"""Retrieval on Milvus behind the engine's retriever protocol: Milvus finds and scores the candidates,
the engine's own fusion (sentence cosines, BM25 share) ranks them."""

from __future__ import annotations

import numpy as np

from index.encode.embedder import Embedder
from index.search.milvus_reader import StoredPassageTable, StoredRows
from index.search.milvus_store import MilvusStore
from index.search.milvus_types import Scored, SearchFilter, passage_key
from index.search.retrieval import FusingRetriever, FusionWeights, Hit, fuse
from index.store.loaded import LoadedIndex


class MilvusRetriever(FusingRetriever):
    """The same candidates as the local retriever (dense top ``pool`` and BM25 top ``pool``), searched in
    Milvus; a candidate found by one search only is scored by the other on its key alone."""

    def __init__(
        self,
        store: MilvusStore,
        index: LoadedIndex,
        embedder: Embedder,
        weights: FusionWeights | None = None,
        *,
        pool: int = 50,
    ) -> None:
        super().__init__(index, embedder, weights, pool=pool)
        self._store = store

    def search_with_vector(self, query: str, vector: np.ndarray, k: int) -> list[Hit]:
        pool = self._pool_for(query, k)
        store = self._store
        # The BM25 candidates come with their vectors (their cosine is computed here); the dense
        # candidates the BM25 search did not return are scored by BM25 on their keys alone. On a reader
        # node, which keeps no vectors, the dense candidates bring theirs too.
        rows = self._stored_rows()
        dense_hits, lexical_hits = store.both(
            lambda: store.dense(vector, pool, vectors=rows is not None), lambda: store.bm25(query, pool, vectors=True)
        )
        if rows is not None:
            rows.remember([*dense_hits, *lexical_hits])
        dense = self._scores(dense_hits)
        bm25_max = lexical_hits[0].score if lexical_hits else 0.0
        lexical = self._fresh(lexical_hits)
        bm25 = {i: s.score for i, s in lexical}
        cosines = {**{i: float(s.vector @ vector) for i, s in lexical if s.vector is not None}, **dense}
        bm25.update(self._bm25_of(query, [i for i in dense if i not in bm25]))
        return self._fuse(sorted(cosines), cosines, bm25, vector, bm25_max, k)

    def score_passages(self, query: str, vector: np.ndarray, ids: list[int], k: int = 50) -> list[Hit]:
        """Fused scores of the given passages only, best ``k`` first (answers restricted to a speaker)."""
        candidates = sorted(set(ids))
        if not candidates:
            return []
        store = self._store
        best, bm25 = store.both(lambda: store.bm25(query, 1), lambda: self._bm25_of(query, candidates))
        cosines = self._cosines_of(vector, candidates)
        return self._fuse(candidates, cosines, bm25, vector, best[0].score if best else 0.0, k)

    def _cosines_of(self, vector: np.ndarray, ids: list[int]) -> dict[int, float]:
        if not ids:
            return {}
        if isinstance(table := self._index.passages, StoredPassageTable):
            # A reader node: the rows come whole (vectors and text, remembered for the passages shown).
            return {i: float(row.vector @ vector) for i, row in table.stored(ids).items()}
        keys = {self._key(i): i for i in ids}
        return {keys[key]: float(v @ vector) for key, v in self._store.vectors(list(keys)).items() if key in keys}

    def _bm25_of(self, query: str, ids: list[int]) -> dict[int, float]:
        if not ids:
            return {}
        scores: dict[int, float] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            where = SearchFilter(keys=tuple(self._key(i) for i in chunk))
            scores.update(self._scores(self._store.bm25(query, len(chunk), where)))
        return scores

    def _fuse(
        self,
        candidates: list[int],
        cosines: dict[int, float],
        bm25: dict[int, float],
        vector: np.ndarray,
        bm25_max: float,
        k: int,
    ) -> list[Hit]:
        # A candidate whose vector Milvus no longer has (removed meanwhile) cannot be scored: left out.
        kept = np.asarray([i for i in candidates if i in cosines], dtype=np.int64)
        passage_cos = np.asarray([cosines[int(i)] for i in kept], dtype=np.float32)
        lexical = np.asarray([bm25.get(int(i), 0.0) for i in kept], dtype=np.float32)
        return fuse(self._index, self._weights, kept, passage_cos, vector, lexical, bm25_max, k)

    def _scores(self, found: list[Scored]) -> dict[int, float]:
        return {i: s.score for i, s in self._fresh(found)}

    def _fresh(self, found: list[Scored]) -> list[tuple[int, Scored]]:
        """Milvus hits with the served index's passage ids; a hit for text the served index does not hold
        (an article changed or removed since) is left out, so no stale passage is ever shown."""
        out: list[tuple[int, Scored]] = []
        for s in found:
            meta = self._index.articles.get(s.article_id)
            ids = self._index.passages.of_article(s.article_id)
            if meta is not None and meta.content_hash == s.content_hash and s.ordinal < len(ids):
                out.append((ids[s.ordinal], s))
        return out

    def _stored_rows(self) -> StoredRows | None:
        """A reader node's rows (it keeps no vectors or text of its own), else None."""
        table = self._index.passages
        return table.rows if isinstance(table, StoredPassageTable) else None

    def _key(self, passage_id: int) -> str:
        return passage_key(*self._index.passages.locate(passage_id))
