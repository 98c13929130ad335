"""Held-out check of the hand-set ranking weights (fusion: passage, sentence, BM25; the ranking's intent,
answer-type, focus-word and missing-word bonuses; the highlight margin): a random search over settings,
each fold choosing the best setting on two dev sets and scoring it on the third, against the shipped
weights (index/answer/config.py). Question vectors are embedded once and reused by every setting.

Run:   .venv/bin/python bench/rank_weights.py [--settings 1200] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.holdout import OPEN, dev_sets, engine_for  # noqa: E402
from index.encode.embedder import BUNDLED_MODEL, Embedder, make_embedder  # noqa: E402
from index.engine import Engine, EngineConfig  # noqa: E402
from index.evaluate import evaluate, load_qa  # noqa: E402

FUSION = ("passage", "sentence", "lexical")
CHOICES = {
    "intent_bonus": (0.04, 0.08, 0.12, 0.16, 0.24),
    "type_bonus": (0.08, 0.16, 0.24),
    "overlap_weight": (0.0, 0.15, 0.3),
    "meaning_weight": (0.25, 0.5, 1.0),
    "extend_margin": (0.02, 0.04, 0.06, 0.08),
}


class Remembered:
    """The encoder with every text's vector kept: settings differ in ranking, not in what is embedded."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._seen: dict[str, np.ndarray] = {}
        self.name = embedder.name

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._embedder, name)

    def encode(self, texts: list[str]) -> np.ndarray:
        new = [t for t in texts if t not in self._seen]
        if new:
            self._seen.update(zip(new, self._embedder.encode(new), strict=True))
        return np.stack([self._seen[t] for t in texts]) if texts else self._embedder.encode(texts)


def shipped() -> dict[str, float]:
    c = EngineConfig()
    return {**{f: getattr(c.weights, f) for f in FUSION}, **{k: getattr(c, k) for k in CHOICES}}


def settings(n: int, seed: int) -> list[dict[str, float]]:
    rng = random.Random(seed)
    out = [shipped()]
    while len(out) < n:
        passage, sentence = (
            rng.choice((0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)),
            rng.choice((0.05, 0.1, 0.15, 0.2, 0.3, 0.4)),
        )
        if (lexical := round(1 - passage - sentence, 2)) < 0.05:
            continue
        out.append({"passage": passage, "sentence": sentence, "lexical": lexical} | {
            k: rng.choice(v) for k, v in CHOICES.items()})  # fmt: skip
    return out


def config(setting: dict[str, float]) -> EngineConfig:
    base = EngineConfig(min_confidence=0.0)
    weights = replace(base.weights, **{f: setting[f] for f in FUSION})
    return replace(base, weights=weights, **{k: setting[k] for k in CHOICES})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "holdout")
    parser.add_argument("--settings", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    embedder = Remembered(make_embedder(BUNDLED_MODEL, cache_dir=ROOT / "data" / "models"))
    sets = {s.name: (engine_for(s.articles, embedder, args.cache).index, load_qa(s.qa)) for s in dev_sets(args.shared)}
    # rates[i][set] = (passage@1, highlight@1, passage@3) of setting i on that set's answerable questions
    rates: list[dict[str, np.ndarray]] = []
    tried = settings(args.settings, args.seed)
    for setting in tried:
        row = {}
        for name, (index, items) in sets.items():
            engine = Engine(_handle(index, embedder.name), embedder, config=config(setting), decision=OPEN)
            hits = [(r.passage_hit1, r.highlight_hit1, r.passage_hit3) for r in evaluate(engine, items).results
                    if r.item.answerable]  # fmt: skip
            row[name] = np.array(hits, dtype=float).mean(axis=0)
        rates.append(row)
    names = list(sets)
    print(f"{len(rates)} settings; passage@1 / highlight@1 / passage@3 of the set held out")
    for held in names:
        train = [n for n in names if n != held]

        def objective(i: int, train: list[str] = train) -> float:
            return sum(rates[i][n][0] + rates[i][n][1] + 0.5 * rates[i][n][2] for n in train) / len(train)

        best = max(range(len(rates)), key=objective)
        chosen, ours = (" / ".join(f"{v:.3f}" for v in rates[i][held]) for i in (best, 0))
        print(f"{held:<6} chosen on {'+'.join(train):<12} {chosen}   shipped {ours}")
        print(f"       the setting chosen: {tried[best]}")


def _handle(index, model: str):  # type: ignore[no-untyped-def]
    from index.store.handle import IndexHandle

    return IndexHandle.of(index, model)


if __name__ == "__main__":
    main()
