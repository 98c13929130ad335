"""Scale: synthetic indexes of 10k, 100k and 1M passages, built by the real index code (loader, passages,
BM25, people and quotes, the dense index tier its size selects, the versioned write); only the model is
bypassed. Vectors have neighbour structure: each article is about one of a few thousand topics and its
passages scatter around that topic's centre. Prints, per size: build time, on-disk size, resident memory
of a reader (a fresh process that opens the index and answers), the added query latency of
Engine.ask beyond the query embedding (median, p95) and recall@10 of the dense index against exact search.
The reader first answers 200 other questions (a running bot is warm), then times 200.

Goals at 1M passages: added latency <= 15 ms median, recall@10 >= 0.95, resident <= 1.5x raw vectors.
Run: .venv/bin/python bench/scale.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.store import build_index, current_version_dir  # noqa: E402
from seeds_loader import parse_article  # noqa: E402

DIM = 384
PARAGRAPHS = 5
TOPICS = 4000
VOCABULARY = 40_000


class TopicEmbedder:
    """Stands in for the model: a text's vector is its topic's centre plus noise (the topic is the
    paragraph's first word), so neighbours are real neighbours. Deterministic per text."""

    name = "synthetic-topics"
    dimension = DIM

    def __init__(self, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        centres = rng.normal(size=(TOPICS, DIM)).astype(np.float32)
        self.centres = centres / np.linalg.norm(centres, axis=1, keepdims=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            word = text.split(" ", 1)[0]
            topic = int(word[1:]) % TOPICS if word[:1] == "t" and word[1:].isdigit() else hash(word) % TOPICS
            rng = np.random.default_rng(abs(hash(text)) % (2**32))
            out[i] = self.centres[topic] + rng.normal(scale=0.045, size=DIM).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def words(rng: np.random.Generator, n: int) -> list[str]:
    # Zipf-distributed vocabulary, like real text: a few very common words, a long tail.
    ranks = np.minimum(rng.zipf(1.2, size=n), VOCABULARY)
    return [f"w{r:x}" for r in ranks]


def articles(count: int, seed: int = 1) -> list:  # type: ignore[type-arg]
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        topic = f"t{rng.integers(TOPICS)}"
        lines = [f"Synthetic report {i} on {topic}", ""]
        for _ in range(PARAGRAPHS):
            first, second = words(rng, 14), words(rng, 12)
            lines.append(f"{topic} {' '.join(first)}. Officials said {' '.join(second)}.")
        out.append(parse_article("\n".join(lines) + "\n", f"synthetic_{i:07d}.txt"))
    return out


READER = r"""
import json, sys, time, statistics
import numpy as np
sys.path.insert(0, sys.argv[1])
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
import faiss, bm25s, index.engine, index.store  # libraries loaded before the baseline
from index.handle import IndexHandle
from index.engine import Engine
before = rss()
queries = json.load(open(sys.argv[3]))
vectors = {q["text"]: np.array(q["vector"], dtype=np.float32) for q in queries}
class Lookup:
    name = "synthetic-topics"
    dimension = len(queries[0]["vector"])
    def encode(self, texts):
        return np.stack([vectors[t] for t in texts])
engine = Engine(IndexHandle(__import__("pathlib").Path(sys.argv[2]), Lookup.name), Lookup())
half = len(queries) // 2
for q in queries[:half]:  # warm up like a running bot, on other questions than the ones timed
    engine.ask(q["text"])
times = []
for q in queries[half:]:
    start = time.perf_counter()
    engine.ask(q["text"])
    times.append(time.perf_counter() - start)
times.sort()
p95 = times[int(0.95 * len(times)) - 1]
print(json.dumps({"resident": rss() - before, "median": statistics.median(times), "p95": p95}))
"""


def measure(size: int, workdir: Path) -> dict[str, float]:
    count = size // PARAGRAPHS
    generated = articles(count)
    embedder = TopicEmbedder()
    start = time.perf_counter()
    index = build_index(generated, embedder, workdir / "index", reuse=False)
    build = time.perf_counter() - start
    version = current_version_dir(workdir / "index")
    assert version is not None
    disk = sum(p.stat().st_size for p in version.rglob("*") if p.is_file())
    rng = np.random.default_rng(7)
    queries = []
    for pid in rng.choice(len(index.passages), size=400, replace=False):
        passage = index.passages[int(pid)]
        text = " ".join(passage.text.split()[1:7]) + "?"
        noisy = index.dense.vectors(np.array([int(pid)]))[0] + rng.normal(scale=0.02, size=DIM)
        queries.append({"text": text, "vector": (noisy / np.linalg.norm(noisy)).tolist()})
    query_file = workdir / "queries.json"
    query_file.write_text(json.dumps(queries))
    del generated, index
    os.sync()  # the build's gigabytes of writes must not be flushed while the reader is timed
    time.sleep(2)
    reader = subprocess.run(
        [sys.executable, "-c", READER, str(ROOT), str(workdir / "index"), str(query_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(reader.stdout.strip().splitlines()[-1])
    manifest = json.loads((version / "manifest.json").read_text())
    return {
        "passages": manifest["passages"],
        "kind": manifest["dense_index"],
        "params": manifest["dense_params"],
        "build": build,
        "disk": disk,
        "resident": result["resident"],
        "raw": manifest["passages"] * DIM * 4,
        "median": result["median"],
        "p95": result["p95"],
        "recall": manifest["dense_recall_at_10"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    header = f"{'passages':>9} {'index':>8} {'build s':>8} {'disk MB':>8} {'resident MB':>11} {'x raw':>6} "
    print(header + f"{'median ms':>9} {'p95 ms':>7} {'recall@10':>9}  params")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            r = measure(size, Path(tmp))
        print(
            f"{r['passages']:>9,} {r['kind']:>8} {r['build']:>8.1f} {r['disk'] / 2**20:>8.0f} "
            f"{r['resident'] / 2**20:>11.0f} {r['resident'] / r['raw']:>6.2f} {r['median'] * 1000:>9.1f} "
            f"{r['p95'] * 1000:>7.1f} {r['recall']:>9.3f}  {r['params']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
