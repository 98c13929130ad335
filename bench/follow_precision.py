"""How well topic follows pick what new coverage sends: each answerable dev question whose gold is in a pack's
own articles is followed as a topic (one follower each), the pack's articles are added one by one to an
index of the seeds (as admins add them), and every passage the follows are sent is checked against the
question's gold.

- precision: of the passages sent, how many hold the gold of the question followed;
- recall: of the gold passages in the pack's articles, how many were sent to that question's follower;
- recall by article: of the (question, article holding its gold) pairs, how many had a gold passage of that
  article sent (a follow sends one passage per article, and the gold's alternatives in one article are
  alternatives: any one answers).

The follows' own threshold (SUMMITBOT_FOLLOW_MIN_CONFIDENCE) is chosen held out: on one pack, the lowest
threshold whose precision is at least 0.8 (the most recall at that precision), reported on the other pack.

Run:   .venv/bin/python bench/follow_precision.py [--shared ../shared] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.holdout import print_table  # noqa: E402
from bot.follow import FollowItem, Message  # noqa: E402
from bot.records import Records  # noqa: E402
from bot.service import Service  # noqa: E402
from index.encode.embedder import BUNDLED_MODEL, make_embedder  # noqa: E402
from index.engine import Engine  # noqa: E402
from index.evaluate import QAItem, load_qa  # noqa: E402
from index.store.collection import Collection  # noqa: E402
from index.store.handle import IndexHandle  # noqa: E402


@dataclass
class Inbox:
    """A notifier that keeps what each follower is sent."""

    received: dict[str, list[FollowItem]]

    def send(self, user: str, message: Message) -> bool:
        self.received.setdefault(user, []).extend(getattr(message, "items", ()))
        return True


def holds(item: FollowItem, gold: tuple[tuple[str, str], ...]) -> bool:
    return any(item.cite.file.startswith(prefix) and text in item.passage for prefix, text in gold)


THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
MIN_PRECISION = 0.8


@dataclass(frozen=True)
class Sent:
    question: QAItem
    item: FollowItem


def run_pack(shared: Path, pack: str, embedder) -> tuple[list[QAItem], list[Sent]]:  # type: ignore[no-untyped-def]
    """Follow every question, add the pack's articles one by one; what was sent (at the decision's own
    operating point, so that every higher threshold can be scored offline)."""
    articles_dir = shared / pack / "articles"
    items = [q for q in load_qa(shared / pack / "qa.jsonl") if q.answerable]
    new_files = sorted(p for p in articles_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    names = {p.name for p in new_files}
    followed: list[QAItem] = []
    for q in items:
        gold = tuple((f, t) for f, t in q.gold if any(n.startswith(f) for n in names))
        if gold:
            followed.append(QAItem(q.id, q.type, q.question, gold, q.speaker))
    with tempfile.TemporaryDirectory(prefix="summitbot-follow-") as scratch:
        root = Path(scratch)
        shutil.copytree(shared / "seeds", root / "articles")
        collection = Collection(root / "articles", root / "index", embedder)
        collection.rebuild()
        engine = Engine(IndexHandle(root / "index", embedder.name), embedder)
        service = Service(
            engine, Records(root / "db.sqlite3"), rate_limit_per_minute=1000, admins={}, follow_min_confidence=0.0
        )
        inbox = Inbox({})
        service.notifiers["cli"] = inbox
        for q in followed:
            # As a topic whatever it names: a question about a person's words is followed as a question.
            service.records.follows.add("cli", q.id, "topic", q.question)
        for path in new_files:
            before = service.before_change()
            collection.add([str(path)])
            service.after_change(before)
    return followed, [Sent(q, item) for q in followed for item in inbox.received.get(q.id, [])]


def score(followed: list[QAItem], sent: list[Sent], threshold: float) -> dict[str, float | int]:
    kept = [s for s in sent if s.item.confidence >= threshold]

    def sent_to(q: QAItem, gold: tuple[tuple[str, str], ...]) -> bool:
        return any(s.question.id == q.id and holds(s.item, gold) for s in kept)

    def share(hits: int, of: int) -> float:
        return hits / of if of else float("nan")

    gold_pairs = [(q, (pair,)) for q in followed for pair in q.gold]
    # One message per article, one passage in it: gold alternatives within one article ("any of them is a
    # hit") can be sent only once, so recall is also counted per question and gold article.
    gold_articles = [
        (q, tuple(g for g in q.gold if g[0] == f)) for q in followed for f in dict.fromkeys(f for f, _ in q.gold)
    ]
    return {
        "follows": len(followed),
        "passages sent": len(kept),
        "precision": share(sum(holds(s.item, s.question.gold) for s in kept), len(kept)),
        "gold passages": len(gold_pairs),
        "recall": share(sum(sent_to(q, gold) for q, gold in gold_pairs), len(gold_pairs)),
        "gold articles": len(gold_articles),
        "recall by article": share(sum(sent_to(q, gold) for q, gold in gold_articles), len(gold_articles)),
    }


def choose(followed: list[QAItem], sent: list[Sent]) -> float:
    """The lowest threshold with precision >= MIN_PRECISION (the most recall at that precision)."""
    for threshold in THRESHOLDS:
        if score(followed, sent, threshold)["precision"] >= MIN_PRECISION:
            return threshold
    return THRESHOLDS[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    embedder = make_embedder(BUNDLED_MODEL, cache_dir=ROOT / "data" / "models")
    packs = {pack: run_pack(args.shared, pack, embedder) for pack in ("dev_coverage", "dev_coverage_2")}
    table: dict[str, dict[str, float | int]] = {}
    for pack, other in (("dev_coverage", "dev_coverage_2"), ("dev_coverage_2", "dev_coverage")):
        chosen = choose(*packs[other])
        table[f"{pack} held out (threshold {chosen} chosen on {other})"] = score(*packs[pack], chosen)
    for threshold in THRESHOLDS:
        for pack, result in packs.items():
            table[f"{pack} at {threshold}"] = score(*result, threshold)
    if args.json:
        print(json.dumps(table, indent=1))
        return
    print_table(table, 58)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
