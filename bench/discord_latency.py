"""Discord latency: /summit ask through the real client against a fake Discord on loopback (REST + gateway),
with the real model. Measures the acknowledgement (the deferral, Discord's 3-second rule) and the
answer posted (the edit of the original response), from the moment the interaction is dispatched.

Goals: ack <= 0.3 s, answer <= 1 s (medians). Run: .venv/bin/python bench/discord_latency.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.questions import QUESTIONS  # noqa: E402
from bot.discord.client import SummitClient, run_gateway  # noqa: E402
from bot.records import Records  # noqa: E402
from bot.service import Service  # noqa: E402
from index.encode.embedder import BUNDLED_MODEL, make_embedder  # noqa: E402
from index.engine import Engine  # noqa: E402
from index.store.handle import IndexHandle  # noqa: E402
from index.store.versions import build_index  # noqa: E402
from seeds_loader import bundled_articles_dir, load_directory  # noqa: E402
from tests.bot.discord_harness import FakeDiscord  # noqa: E402

ROUNDS = 10
USER = "1500000000000000001"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        articles, _ = load_directory(bundled_articles_dir())
        embedder = make_embedder(BUNDLED_MODEL, cache_dir=Path(tmp) / "models")
        index = build_index(articles, embedder, Path(tmp) / "index")
        engine = Engine(IndexHandle.of(index, embedder.name), embedder)
        service = Service(engine, Records(Path(tmp) / "db.sqlite3"), rate_limit_per_minute=600, admins={})
        fake = FakeDiscord().start()
        loop = asyncio.new_event_loop()
        client = SummitClient(service)
        threading.Thread(
            target=lambda: loop.run_until_complete(run_gateway(client, "bench-token", fake.api_url)), daemon=True
        ).start()
        assert fake.connected(timeout=60)
        for q in QUESTIONS:  # warm-up
            token = fake.slash("ask", {"question": q}, user_id=USER)
            fake.wait_for("PATCH", f"/{token}/messages/@original")
        acks, answers = [], []
        for _ in range(ROUNDS):
            for q in QUESTIONS:
                sent = time.monotonic()
                token = fake.slash("ask", {"question": q}, user_id=USER)
                (ack,) = fake.wait_for("POST", f"/{token}/callback")
                (answer,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
                acks.append(ack.at - sent)
                answers.append(answer.at - sent)
        report(acks, answers)
        asyncio.run_coroutine_threadsafe(client.close(), loop)
        fake.stop()


def report(acks: list[float], answers: list[float]) -> None:
    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * (len(values) - 1))]

    print(f"{len(acks)} /summit ask interactions over the gateway", flush=True)
    for label, values, goal in (("ack (deferred)", acks, "300 ms"), ("answer (edited)", answers, "1 s")):
        median, high = statistics.median(values) * 1000, p95(values) * 1000
        print(f"{label:<17} median {median:6.1f} ms  p95 {high:6.1f} ms  (goal <= {goal})", flush=True)


if __name__ == "__main__":
    main()
