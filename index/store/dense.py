"""The dense vector store: FAISS over normalised passage vectors, exact while small, approximate above a
threshold (HNSW, or IVF with 8-bit scalar quantisation where memory matters), with its recall against
exact search measured when it is built."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from index.errors import IndexCorruptError

logger = logging.getLogger(__name__)

Kind = Literal["flat", "hnsw", "ivf-sq8"]
KINDS: tuple[str, ...] = ("auto", "flat", "hnsw", "ivf-sq8")
HNSW_FROM = 50_000
IVF_FROM = 500_000
TARGET_RECALL = 0.95
RECALL_QUERIES = 200


@dataclass(frozen=True)
class DenseHits:
    """Row ids (passage ids) and their cosine similarities, best first."""

    ids: np.ndarray
    scores: np.ndarray


@dataclass(frozen=True)
class DenseInfo:
    """What the manifest records about the vector index."""

    kind: str
    recall_at_10: float
    params: dict[str, int] = field(default_factory=dict)


def choose_kind(n: int, requested: str = "auto") -> Kind:
    """The index type for ``n`` vectors: flat below HNSW_FROM, HNSW below IVF_FROM, else IVF-SQ8."""
    if requested not in KINDS:
        raise ValueError(f"dense index must be one of {', '.join(KINDS)}, got {requested!r}")
    if requested != "auto":
        return requested  # type: ignore[return-value]
    return "flat" if n < HNSW_FROM else "hnsw" if n < IVF_FROM else "ivf-sq8"


class DenseStore:
    """Inner-product search on L2-normalised vectors (scores are cosines)."""

    def __init__(self, index: faiss.Index, info: DenseInfo) -> None:
        self._index = index
        self.info = info
        if info.kind == "ivf-sq8":
            # Vectors are reconstructed from their 8-bit codes: no float32 copy is kept anywhere.
            index.make_direct_map()
        self._apply_params()

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto", *, seed: int = 0) -> DenseStore:
        if vectors.ndim != 2:
            raise ValueError(f"vectors must be a 2-D array, got shape {vectors.shape}")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, d = vectors.shape
        chosen = choose_kind(n, kind)
        if chosen == "flat":
            index: faiss.Index = faiss.IndexFlatIP(d)
            index.add(vectors)
        elif chosen == "hnsw":
            index = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.add(vectors)
        else:
            nlist = max(1, min(int(4 * np.sqrt(n)), n // 39))
            quantizer = faiss.IndexFlatIP(d)
            index = faiss.IndexIVFScalarQuantizer(
                quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
            sample = vectors[np.random.default_rng(seed).choice(n, size=min(n, 64 * nlist), replace=False)]
            index.train(sample)
            index.add(vectors)
        store = cls(index, DenseInfo(chosen, 1.0))
        store._tune(vectors, seed)
        return store

    def _tune(self, vectors: np.ndarray, seed: int) -> None:
        """Measure recall@10 against exact search; raise the search effort until it meets the target."""
        if self.info.kind == "flat":
            return
        queries = _sample_queries(vectors, seed)
        exact = _exact_top(vectors, queries, 10)
        name, steps = (
            ("efSearch", (16, 32, 64, 128, 256, 512))
            if self.info.kind == "hnsw"
            else ("nprobe", (4, 8, 16, 32, 64, 128, 256))
        )
        recall = 0.0
        for value in steps:
            self.info = DenseInfo(self.info.kind, 0.0, {name: value})
            self._apply_params()
            found = np.stack([self.search(q, 10).ids[:10] for q in queries]) if len(queries) else exact
            recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, exact, strict=True)]))
            if recall >= TARGET_RECALL:
                break
        self.info = DenseInfo(self.info.kind, round(recall, 4), {name: value})
        self._apply_params()
        logger.info("dense index %s: recall@10 %.3f with %s=%d", self.info.kind, recall, name, value)

    def _apply_params(self) -> None:
        if self.info.kind == "hnsw":
            self._index.hnsw.efSearch = self.info.params.get("efSearch", 64)
        elif self.info.kind == "ivf-sq8":
            self._index.nprobe = self.info.params.get("nprobe", 16)

    @classmethod
    def load(cls, directory: Path) -> DenseStore:
        try:
            info = DenseInfo(**json.loads((directory / "dense.json").read_text("utf-8")))
            index = faiss.read_index(str(directory / "dense.faiss"))
        except (OSError, RuntimeError, ValueError, TypeError) as e:
            raise IndexCorruptError(f"cannot read the vector index in {directory}") from e
        return cls(index, info)

    def save(self, directory: Path) -> None:
        faiss.write_index(self._index, str(directory / "dense.faiss"))
        (directory / "dense.json").write_text(json.dumps(asdict(self.info)), "utf-8")

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
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(q, k)
        keep = ids[0] >= 0
        return DenseHits(ids[0][keep], scores[0][keep])

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of the given passage ids (decoded from 8-bit codes for IVF-SQ8)."""
        return self._index.reconstruct_batch(np.asarray(ids, dtype=np.int64))


def _sample_queries(vectors: np.ndarray, seed: int) -> np.ndarray:
    """Queries near the data: stored vectors, perturbed and re-normalised."""
    rng = np.random.default_rng(seed + 1)
    picked = vectors[rng.choice(len(vectors), size=min(RECALL_QUERIES, len(vectors)), replace=False)]
    noisy = picked + rng.normal(scale=0.02, size=picked.shape).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def _exact_top(vectors: np.ndarray, queries: np.ndarray, k: int, chunk: int = 65_536) -> np.ndarray:
    """Exact top-k ids by brute force, a chunk of the matrix at a time."""
    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(vectors), chunk):
        scores = queries @ np.asarray(vectors[start : start + chunk]).T
        ids = np.broadcast_to(np.arange(start, start + scores.shape[1]), scores.shape)
        merged_scores = np.concatenate([best_scores, scores], axis=1)
        merged_ids = np.concatenate([best_ids, ids], axis=1)
        top = np.argpartition(-merged_scores, k - 1, axis=1)[:, :k]
        best_scores = np.take_along_axis(merged_scores, top, axis=1)
        best_ids = np.take_along_axis(merged_ids, top, axis=1)
    order = np.argsort(-best_scores, axis=1)
    return np.take_along_axis(best_ids, order, axis=1)
