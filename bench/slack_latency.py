"""Slack latency over HTTP on loopback, with the real model: ack latency of /summit, and the time from
sending the question to the answer arriving at the response URL (median and p95).

Goals: ack <= 0.3 s, answer posted <= 1 s. Run: .venv/bin/python bench/slack_latency.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import waitress

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.questions import QUESTIONS  # noqa: E402
from bot.records import Records  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.app import create_app  # noqa: E402
from bot.slack.serve import EVENTS_PATH, wsgi_app  # noqa: E402
from index.encode.embedder import SentenceTransformerEmbedder  # noqa: E402
from index.engine import Engine  # noqa: E402
from index.store.handle import IndexHandle  # noqa: E402
from index.store.versions import build_index  # noqa: E402
from seeds_loader import bundled_articles_dir, load_directory  # noqa: E402
from tests.bot.slack_harness import FakeSlack, Sender  # noqa: E402


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        embedder = SentenceTransformerEmbedder()
        articles, _ = load_directory(bundled_articles_dir())
        index = build_index(articles, embedder, root / "index")
        engine = Engine(IndexHandle.of(index, embedder.name), embedder)
        engine.ask("warm up")
        fake = FakeSlack().start()
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-bench",
            slack_signing_secret="bench-secret",
            slack_mode="http",
            slack_api_url=f"{fake.url}/api/",
            rate_limit_per_minute=600,
            data_dir=root,
        )
        app = create_app(settings, engine, records=Records(root / "db.sqlite3"))
        server = waitress.create_server(wsgi_app(app), host="127.0.0.1", port=0, threads=8)
        threading.Thread(target=server.run, daemon=True).start()
        sender = Sender(f"http://127.0.0.1:{server.effective_port}{EVENTS_PATH}", "bench-secret")
        acks, posted = [], []
        for i in range(args.rounds * len(QUESTIONS)):
            name = f"r{i}"
            started = time.monotonic()
            status, _, ack = sender.slash(
                QUESTIONS[i % len(QUESTIONS)], user="UBENCH", response_url=f"{fake.url}/response/{name}"
            )
            assert status == 200
            (call,) = fake.wait_for(f"/response/{name}")
            acks.append(ack)
            posted.append(call.at - started)
        server.close()
        fake.stop()
    n = len(acks)
    print(f"{n} slash-command questions over HTTP on loopback, real model")
    print(
        f"ack             median {statistics.median(acks) * 1000:6.1f} ms   p95 {p95(acks) * 1000:6.1f} ms"
        "  (goal <= 300 ms)"
    )
    print(
        f"answer posted   median {statistics.median(posted) * 1000:6.1f} ms   p95 {p95(posted) * 1000:6.1f} ms"
        "  (goal <= 1000 ms)"
    )


if __name__ == "__main__":
    main()
