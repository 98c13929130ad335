"""Re-indexing cost against floors measured in the same run.

1. Adding one article to an index of the seeds + 1,000 generated articles, against a full rebuild of
   the same (goal: add <= 5% of rebuild).
2. Indexing throughput against the bare model's `encode` on the same texts (goal >= 0.9x). The index
   embeds every passage and every sentence (so highlighting costs nothing at query time); the floor
   encodes exactly those texts. For reference the ratio against encoding passages alone is printed too.

Run: .venv/bin/python bench/reindex.py [--articles N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_articles  # noqa: E402
from index.encode.embedder import SentenceTransformerEmbedder  # noqa: E402
from index.store.collection import Collection  # noqa: E402
from index.store.passages import build_passages, dense_text  # noqa: E402
from index.store.versions import build_index  # noqa: E402
from seeds_loader import bundled_articles_dir, load_directory  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    embedder.encode(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        articles_dir = root / "articles"
        shutil.copytree(bundled_articles_dir(), articles_dir)
        write_articles(articles_dir, args.articles)
        articles, _ = load_directory(articles_dir)

        start = time.perf_counter()
        index = build_index(articles, embedder, root / "index", reuse=False)
        rebuild = time.perf_counter() - start
        m = index.manifest
        print(f"corpus: {m.articles} articles, {m.passages} passages, {m.sentences} sentences")

        passages = build_passages(articles)
        texts = [dense_text(p, passages[i - 1] if i else None) for i, p in enumerate(passages)]
        unique = list(dict.fromkeys(texts + [s.text for p in passages for s in p.sentences]))
        start = time.perf_counter()
        embedder.encode(unique)
        bare_same = time.perf_counter() - start
        start = time.perf_counter()
        embedder.encode(texts)
        bare_passages = time.perf_counter() - start

        new = write_articles(root / "incoming", 1, seed=99)
        collection = Collection(articles_dir, root / "index", embedder)
        start = time.perf_counter()
        report = collection.add([str(new[0])])
        add = time.perf_counter() - start
        assert report.index is not None and report.index.manifest.articles == m.articles + 1

    print(f"full rebuild            {rebuild:8.2f} s")
    print(f"add one article         {add:8.2f} s   {100 * add / rebuild:5.1f}% of rebuild  (goal <= 5%)")
    print(
        f"indexing throughput     {m.passages / rebuild:8.1f} passages/s; bare encode of the same "
        f"{len(unique)} texts {m.passages / bare_same:.1f} passages/s -> ratio {bare_same / rebuild:.2f}x"
        "  (goal >= 0.9x)"
    )
    print(
        f"                        bare encode of passages alone {m.passages / bare_passages:.1f} passages/s "
        f"-> ratio {bare_passages / rebuild:.2f}x (the price of sentence vectors)"
    )


if __name__ == "__main__":
    main()
