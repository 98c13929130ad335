from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.encode.embedder import HashEmbedder
from index.store.dense import HNSW_FROM, IVF_FROM, TARGET_RECALL, DenseStore, choose_kind
from index.store.versions import build_index, open_index


def clustered(n: int, d: int = 64, seed: int = 3) -> np.ndarray:
    """Vectors with neighbour structure: noisy points around cluster centres, normalised."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(2, n // 100), d)).astype(np.float32)
    x = centres[rng.integers(0, len(centres), n)] + rng.normal(scale=0.6, size=(n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_kind_follows_corpus_size_and_can_be_forced() -> None:
    assert choose_kind(HNSW_FROM - 1) == "flat"
    assert choose_kind(HNSW_FROM) == "hnsw"
    assert choose_kind(IVF_FROM) == "ivf-sq8"
    assert choose_kind(10, "ivf-sq8") == "ivf-sq8"
    with pytest.raises(ValueError, match="dense index must be one of"):
        choose_kind(10, "annoy")


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf-sq8"])
def test_each_kind_meets_the_recall_target_and_round_trips(kind: str, tmp_path: Path) -> None:
    vectors = clustered(4000)
    store = DenseStore.build(vectors, kind)
    assert store.info.kind == kind and store.info.recall_at_10 >= TARGET_RECALL
    store.save(tmp_path)
    loaded = DenseStore.load(tmp_path)
    assert loaded.info == store.info
    query = vectors[17]
    np.testing.assert_array_equal(loaded.search(query, 5).ids, store.search(query, 5).ids)
    assert loaded.search(query, 5).ids[0] == 17
    tolerance = 0.02 if kind == "ivf-sq8" else 1e-6
    np.testing.assert_allclose(loaded.vectors(np.array([17, 3])), vectors[[17, 3]], atol=tolerance)


def test_ivf_holds_codes_not_float_vectors(tmp_path: Path) -> None:
    vectors = clustered(3000)
    DenseStore.build(vectors, "ivf-sq8").save(tmp_path)
    assert not (tmp_path / "dense_vectors.npy").exists()
    loaded = DenseStore.load(tmp_path)
    decoded = loaded.vectors(np.arange(100))
    assert np.max(np.abs(decoded - vectors[:100])) < 0.02  # 8-bit codes, close to the originals


def test_manifest_records_the_index_and_its_recall(seed_articles, tmp_path: Path) -> None:
    build_index(seed_articles, HashEmbedder(64), tmp_path, dense_index="hnsw")
    manifest = open_index(tmp_path, model="hash:64").manifest
    assert manifest.dense_index == "hnsw" and manifest.dense_params and "efSearch" in manifest.dense_params
    assert 0.0 < manifest.dense_recall_at_10 <= 1.0
