from pathlib import Path

import numpy as np

from index.encode.quantized import Int8Vectors


def test_int8_dot_products_stay_close_and_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(500, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    q = Int8Vectors.quantize(vectors)
    query = vectors[0]
    assert np.max(np.abs(q.dot(np.arange(500), query) - vectors @ query)) < 2e-3
    q.save(tmp_path, "s")
    loaded = Int8Vectors.load(tmp_path, "s")
    assert loaded.shape == (500, 384)
    np.testing.assert_array_equal(loaded.take(slice(0, 500)), q.take(slice(0, 500)))
    # re-quantising decoded vectors gives the same codes (incremental builds reuse them exactly)
    again = Int8Vectors.quantize(q.take(slice(0, 500)))
    np.testing.assert_array_equal(again.take(slice(0, 500)), q.take(slice(0, 500)))
