"""Answer speed against floors measured in the same run (ratios, not absolute seconds: machines are noisy).

1. Warm: per-question `Engine.ask` time vs one query embedding + one flat FAISS search (goal <= 1.5x).
2. One-shot: `summitbot ask QUESTION` wall time vs a process that imports sentence-transformers and
   loads the model (goal <= 1.3x).

Run: make bench   (or .venv/bin/python bench/answer_speed.py)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.embedder import SentenceTransformerEmbedder, resolve_model_path  # noqa: E402
from index.engine import Engine  # noqa: E402
from index.handle import IndexHandle  # noqa: E402
from index.store import build_index  # noqa: E402
from seeds_loader import bundled_articles_dir, load_directory  # noqa: E402

ROUNDS = 5


def questions() -> list[str]:
    lines = (ROOT / "tests" / "dev_qa.jsonl").read_text().splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def warm(index_dir: Path) -> tuple[float, float]:
    articles, _ = load_directory(bundled_articles_dir())
    embedder = SentenceTransformerEmbedder()
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


def one_shot(data_dir: Path) -> tuple[float, float]:
    env = {**os.environ, "SUMMITBOT_DATA_DIR": str(data_dir)}
    cli = [str(Path(sys.executable).with_name("summitbot")), "ask", "what did Lee say about China-Japan quarrels?"]
    subprocess.run(cli, env=env, capture_output=True, check=True)  # builds the index once
    load = [
        sys.executable,
        "-c",
        "from sentence_transformers import SentenceTransformer;"
        f"SentenceTransformer({resolve_model_path('all-MiniLM-L6-v2')!r}, device='cpu')",
    ]
    floor, ask = [], []
    for _ in range(ROUNDS):
        floor.append(timed(lambda: subprocess.run(load, env=env, capture_output=True, check=True)))
        ask.append(timed(lambda: subprocess.run(cli, env=env, capture_output=True, check=True)))
    return statistics.median(floor), statistics.median(ask)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        floor, answer = warm(Path(tmp) / "index")
        print(
            f"warm answer     median {answer * 1000:7.1f} ms  floor (embed + flat search) {floor * 1000:7.1f} ms  "
            f"ratio {answer / floor:.2f}x  (goal <= 1.5x)"
        )
        floor, ask = one_shot(Path(tmp) / "data")
        print(
            f"one-shot ask    median {ask:7.2f} s   floor (import + load model)   {floor:7.2f} s   "
            f"ratio {ask / floor:.2f}x  (goal <= 1.3x)"
        )


if __name__ == "__main__":
    main()
