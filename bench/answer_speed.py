"""Answer speed against floors measured in the same run (ratios, not absolute seconds: machines are noisy).

1. Warm: per-question `Engine.ask` time vs one query embedding + one flat FAISS search (goal <= 1.5x).
   Measured for the default ONNX encoder and for sentence-transformers (torch), which it replaced.
2. One-shot `summitbot ask`: bench/cold_start.py.

Run: make bench   (or .venv/bin/python bench/answer_speed.py)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.encode.embedder import BUNDLED_MODEL, SentenceTransformerEmbedder, make_embedder  # noqa: E402
from index.engine import Engine  # noqa: E402
from index.store.handle import IndexHandle  # noqa: E402
from index.store.versions import build_index  # noqa: E402
from seeds_loader import bundled_articles_dir, load_directory  # noqa: E402

ROUNDS = 5


def questions() -> list[str]:
    lines = (ROOT / "tests" / "dev_qa.jsonl").read_text().splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def warm(index_dir: Path, embedder) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    articles, _ = load_directory(bundled_articles_dir())
    index = build_index(articles, embedder, index_dir)
    engine = Engine(IndexHandle.of(index, embedder.name), embedder)
    flat = faiss.IndexFlatIP(index.dense.dimension)
    flat.add(index.dense.vectors(np.arange(index.dense.size)))
    qs = questions()
    for q in qs:  # warm-up: first calls pay for lazy initialisation
        engine.ask(q)
    floor, answer = [], []
    for _ in range(ROUNDS):
        for q in qs:
            floor.append(timed(lambda q=q: flat.search(embedder.encode([q]), 3)))
            answer.append(timed(lambda q=q: engine.ask(q)))
    return statistics.median(floor), statistics.median(answer)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for label, embedder in (
            ("onnx", make_embedder(BUNDLED_MODEL, cache_dir=Path(tmp) / "models")),
            ("torch", SentenceTransformerEmbedder()),
        ):
            floor, answer = warm(Path(tmp) / f"index-{label}", embedder)
            print(
                f"warm answer ({label:5}) median {answer * 1000:6.1f} ms  floor (embed + flat search) "
                f"{floor * 1000:6.1f} ms  ratio {answer / floor:.2f}x  (goal <= 1.5x)"
            )
    print("one-shot `summitbot ask`: see bench/cold_start.py")


if __name__ == "__main__":
    main()
