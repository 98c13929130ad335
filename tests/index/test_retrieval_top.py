"""The lexical top-k shortcut must be exact: same ids as sorting every score."""

from __future__ import annotations

import numpy as np
import pytest

from index.store.lexical import LexicalStore


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


def test_maxscore_search_is_exact(tmp_path) -> None:
    """With pruning forced on, search() returns exactly the top of a full accumulation."""
    import random

    words = [f"w{i}" for i in range(300)]
    rng = random.Random(5)
    # Zipf-like: the first words are in nearly every passage, so they are pruned.
    texts = [" ".join(rng.choices(words, weights=[1 / (i + 1) for i in range(300)], k=25)) for _ in range(3000)]
    store = LexicalStore.build(texts)
    store.save(tmp_path)
    pruned = LexicalStore.load(tmp_path, len(texts))
    pruned._prune_from = 0
    for i in range(40):
        query = " ".join(rng.sample(words[:5], 2) + rng.sample(words[5:], 3)) if i % 2 else texts[i][:60]
        full = pruned.scores(query)
        hits = pruned.search(query, 20)
        expected = np.sort(full[LexicalStore.top(full, 20)])[::-1]
        np.testing.assert_allclose(hits.scores, expected, atol=1e-5)
        np.testing.assert_allclose(full[hits.ids], hits.scores, atol=1e-5)
        np.testing.assert_allclose(pruned.score_of(query, hits.ids), hits.scores, atol=1e-5)
