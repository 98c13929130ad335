"""The lexical top-k shortcut must be exact: same ids as sorting every score."""

from __future__ import annotations

import numpy as np
import pytest

from index.lexical import LexicalStore


def exact_top(scores: np.ndarray, k: int) -> list[int]:
    positive = np.flatnonzero(scores > 0)
    return positive[np.argsort(-scores[positive], kind="stable")][:k].tolist()


@pytest.mark.parametrize("density", [0.0005, 0.05, 0.6, 1.0])
@pytest.mark.parametrize("n", [1_000, 300_000])
def test_top_matches_a_full_sort(n: int, density: float) -> None:
    rng = np.random.default_rng(n)
    scores = np.zeros(n, dtype=np.float32)
    hit = rng.random(n) < density
    scores[hit] = rng.random(int(hit.sum())).astype(np.float32) * 10
    top = LexicalStore.top(scores, 50)
    assert set(top.tolist()) == set(exact_top(scores, 50))
    assert np.all(np.diff(scores[top]) <= 0)


def test_top_of_nothing() -> None:
    assert LexicalStore.top(np.zeros(100_000, dtype=np.float32), 10).size == 0
