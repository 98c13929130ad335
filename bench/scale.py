"""Scale: synthetic indexes of 10k, 100k and 1M passages, built by the real index code (loader, passages,
BM25, people and quotes, the dense index tier its size selects, the versioned write); only the model is
bypassed. Vectors have neighbour structure: each article is about one of a few thousand topics and its
passages scatter around that topic's centre. Prints, per size: build time, on-disk size, resident memory
of a reader (a fresh process that opens the index and answers), the added query latency of
Engine.ask beyond the query embedding (median, p95) and recall@10 of the dense index against exact search.
The reader first answers 200 other questions (a running bot is warm), then times 200.

Goals at 1M passages: added latency <= 15 ms median, recall@10 >= 0.95, resident <= 1.5x raw vectors.

With --backend milvus, each size is measured twice in the same run, on the same articles and questions:
the local backend, then the milvus backend (the real Milvus engine, milvus-lite 2.5's C++ core, started on
127.0.0.1): its build time is the local build plus writing the collection ("sync s"), its latency is
Engine.ask with retrieval in Milvus, and both recalls are of the dense search against exact search over
the same 200 query vectors.
Run: .venv/bin/python bench/scale.py [--sizes 10000 100000 1000000] [--backend local|milvus]
     .venv/bin/python bench/scale.py --backend milvus --sizes 100000
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

from index.search.milvus_local import LocalMilvus  # noqa: E402
from index.search.milvus_served import ServedVersions  # noqa: E402
from index.search.milvus_store import MilvusStore  # noqa: E402
from index.search.milvus_types import MilvusConfig  # noqa: E402
from index.store.layout import current_version_dir  # noqa: E402
from index.store.versions import build_index, exact_vectors  # noqa: E402
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
milvus = len(sys.argv) > 4
if milvus:  # a reader node: no FAISS, no BM25 index, no local files
    # loaded before the baseline
    import index.engine, index.search.milvus_reader, index.search.milvus_retriever, pymilvus
else:
    import faiss, bm25s, index.engine, index.store.versions  # libraries loaded before the baseline
from index.store.handle import IndexHandle
from index.engine import Engine
before = rss()
queries = json.load(open(sys.argv[3]))
vectors = {q["text"]: np.array(q["vector"], dtype=np.float32) for q in queries}
class Lookup:
    name = "synthetic-topics"
    dimension = len(queries[0]["vector"])
    def encode(self, texts):
        return np.stack([vectors[t] for t in texts])
if milvus:  # uri, collection, dense index type; everything is read from Milvus
    from index.search.milvus_reader import MilvusIndexHandle
    from index.search.milvus_retriever import MilvusRetriever
    from index.search.milvus_store import MilvusConfig, MilvusStore
    store = MilvusStore.connect(MilvusConfig(uri=sys.argv[4], collection=sys.argv[5], dense_index=sys.argv[6]))
    handle = MilvusIndexHandle(store, Lookup.name, Lookup.dimension)
    engine = Engine(handle, Lookup(), retriever=lambda i, e, w: MilvusRetriever(store, i, e, w))
else:
    handle = IndexHandle(__import__("pathlib").Path(sys.argv[2]), Lookup.name)
    engine = Engine(handle, Lookup())
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


def _read(workdir: Path, query_file: Path, *milvus: str) -> dict[str, float]:
    os.sync()  # the build's gigabytes of writes must not be flushed while the reader is timed
    time.sleep(2)
    reader = subprocess.run(
        [sys.executable, "-c", READER, str(ROOT), str(workdir / "index"), str(query_file), *milvus],
        capture_output=True,
        text=True,
    )
    if reader.returncode != 0:
        raise SystemExit(f"the reader failed:\n{reader.stderr[-3000:]}")
    return json.loads(reader.stdout.strip().splitlines()[-1])


def _recall(found: list[list[int]], exact: np.ndarray) -> float:
    return float(np.mean([len(set(f[:10]) & set(e.tolist())) / 10 for f, e in zip(found, exact, strict=True)]))


def measure(size: int, workdir: Path, backend: str, milvus_index: str) -> list[dict[str, object]]:
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
    probe = np.asarray([q["vector"] for q in queries[200:]], dtype=np.float32)
    exact_top = np.argsort(-(probe @ np.asarray(exact_vectors(index)).T), axis=1, kind="stable")[:, :10]
    local_recall = _recall([index.dense.search(v, 10).ids.tolist() for v in probe], exact_top)
    manifest = json.loads((version / "manifest.json").read_text())
    rows: list[dict[str, object]] = []
    common = {"passages": manifest["passages"], "disk": disk, "raw": manifest["passages"] * DIM * 4}
    if backend == "milvus":
        with LocalMilvus(workdir / "milvus") as server:
            store = MilvusStore.connect(MilvusConfig(uri=server.uri, collection="bench", dense_index=milvus_index))
            start = time.perf_counter()
            store.sync(index, exact_vectors(index))
            ServedVersions(store).publish(index)
            sync = time.perf_counter() - start
            found = [[index.passages.of_article(s.article_id)[s.ordinal] for s in store.dense(v, 10)] for v in probe]
            milvus_recall = _recall(found, exact_top)
            kind = str(store.describe_dense_index().get("index_type"))
            del generated, index
            result = _read(workdir, query_file, server.uri, "bench", milvus_index)
            store.close()
        rows.append(  # the reader node: its local disk holds nothing of the index
            {**common, "disk": 0, "backend": "milvus", "kind": kind, "params": {}, "build": build + sync, "sync": sync,
             "resident": result["resident"], "median": result["median"], "p95": result["p95"],
             "recall": milvus_recall}
        )  # fmt: skip
    else:
        del generated, index
    result = _read(workdir, query_file)
    rows.insert(
        0,
        {**common, "backend": "local", "kind": manifest["dense_index"], "params": manifest["dense_params"],
         "build": build, "sync": 0.0, "resident": result["resident"], "median": result["median"],
         "p95": result["p95"], "recall": local_recall},
    )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--backend", choices=["local", "milvus"], default="local")
    parser.add_argument("--milvus-index", default="auto", choices=["auto", "AUTOINDEX", "FLAT", "IVF_FLAT", "HNSW"])
    args = parser.parse_args()
    sizes = args.sizes or ([100_000] if args.backend == "milvus" else [10_000, 100_000, 1_000_000])
    header = f"{'passages':>9} {'backend':>7} {'index':>9} {'build s':>8} {'sync s':>7} {'disk MB':>8} "
    header += f"{'resident MB':>11} {'B/passage':>9} {'x raw':>6} {'median ms':>9} {'p95 ms':>7} {'recall@10':>9}"
    print(f"{header}  params")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            rows = measure(size, Path(tmp), args.backend, args.milvus_index)
        for r in rows:
            print(
                f"{r['passages']:>9,} {r['backend']:>7} {r['kind']:>9} {r['build']:>8.1f} {r['sync']:>7.1f} "
                f"{r['disk'] / 2**20:>8.0f} {r['resident'] / 2**20:>11.0f} {r['resident'] / r['passages']:>9.0f} "
                f"{r['resident'] / r['raw']:>6.2f} "
                f"{r['median'] * 1000:>9.1f} {r['p95'] * 1000:>7.1f} {r['recall']:>9.3f}  {r['params']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
