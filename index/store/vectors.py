"""What the engine reads of vectors, whatever holds them: a local FAISS index, plain exact vectors (the
milvus backend's writer keeps no FAISS), or Milvus itself (a reader node keeps no vectors at all)."""

from __future__ import annotations

from typing import Protocol

import numpy as np

# The manifest's dense_index of a version built without a local vector index (the milvus backend: Milvus
# searches, the writer keeps only the exact vectors its next incremental build reuses).
EXTERNAL = "external"


class PassageVectors(Protocol):
    """Passage vectors by passage id (scoring a given set exactly); searching is the backend's."""

    @property
    def size(self) -> int: ...

    @property
    def dimension(self) -> int: ...

    def vectors(self, ids: np.ndarray) -> np.ndarray: ...


class SentenceVectors(Protocol):
    """Sentence vectors by global sentence row (a passage's rows are first_sentence ... + n)."""

    def __len__(self) -> int: ...

    def dot(self, rows: np.ndarray, vector: np.ndarray) -> np.ndarray: ...

    def take(self, rows: np.ndarray | slice) -> np.ndarray: ...


class ExactVectors:
    """Exact passage vectors in an array (memory-mapped from the version): no index, no FAISS."""

    def __init__(self, vectors: np.ndarray) -> None:
        if vectors.ndim != 2:
            raise ValueError(f"vectors must be (n, d), got shape {vectors.shape}")
        self._vectors = vectors

    @property
    def size(self) -> int:
        return int(self._vectors.shape[0])

    @property
    def dimension(self) -> int:
        return int(self._vectors.shape[1])

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return np.asarray(self._vectors[np.asarray(ids, dtype=np.int64)], dtype=np.float32)
