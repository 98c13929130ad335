"""The dense vector store: a FAISS inner-product index over normalised passage vectors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexCorruptError


@dataclass(frozen=True)
class DenseHits:
    """Row ids (passage ids) and their cosine similarities, best first."""

    ids: np.ndarray
    scores: np.ndarray


class DenseStore:
    """Exact inner-product search; vectors are L2-normalised so scores are cosines."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseStore:
        if vectors.ndim != 2:
            raise ValueError(f"vectors must be a 2-D array, got shape {vectors.shape}")
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> DenseStore:
        try:
            return cls(faiss.read_index(str(path)))
        except RuntimeError as e:
            raise IndexCorruptError(f"cannot read the vector index {path}") from e

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int) -> DenseHits:
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        k = min(k, self.size)
        if k == 0:
            return DenseHits(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        scores, ids = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = ids[0] >= 0
        return DenseHits(ids[0][keep], scores[0][keep])

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of the given passage ids."""
        return self._index.reconstruct_batch(np.asarray(ids, dtype=np.int64))
