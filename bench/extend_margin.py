"""Held-out choice of the highlight's extension margin (EngineConfig.extend_margin: how close a neighbouring
sentence must score to the best one to join the highlight). For each dev set, the margin with the most
highlight hits on the other two sets is chosen (a tie goes to the smaller margin: less text shown) and
scored on the held-out set; the shipped value is the one chosen on all three.

Run:   .venv/bin/python bench/extend_margin.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.holdout import OPEN, collect, dev_sets, engine_for  # noqa: E402
from index.encode.embedder import BUNDLED_MODEL, make_embedder  # noqa: E402
from index.engine import Engine, EngineConfig  # noqa: E402
from index.evaluate import load_qa  # noqa: E402

MARGINS = (0.02, 0.04, 0.06, 0.08, 0.10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "holdout")
    args = parser.parse_args()
    embedder = make_embedder(BUNDLED_MODEL, cache_dir=ROOT / "data" / "models")
    hits: dict[tuple[str, float], int] = {}
    sizes: dict[str, int] = {}
    for dev in dev_sets(args.shared):
        base = engine_for(dev.articles, embedder, args.cache)
        items = load_qa(dev.qa)
        for margin in MARGINS:
            config = EngineConfig(min_confidence=0.0, extend_margin=margin)
            asked = collect(Engine(base.source, embedder, config=config, decision=OPEN), items)
            answerable = [a for a in asked if a.result.item.answerable]
            hits[dev.name, margin] = sum(a.result.highlight_hit1 for a in answerable)
            sizes[dev.name] = len(answerable)
    names = list(sizes)

    def chosen(on: list[str]) -> float:
        return max(MARGINS, key=lambda m: (sum(hits[n, m] for n in on), -m))

    for held in names:
        margin = chosen([n for n in names if n != held])
        print(
            f"{held:<6} held out: margin {margin:.2f} chosen on the others, highlight@1 "
            f"{hits[held, margin] / sizes[held]:.3f}"
        )
    print(f"chosen on all three (ship this): {chosen(names):.2f}")


if __name__ == "__main__":
    main()
