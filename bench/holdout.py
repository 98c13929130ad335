"""Held-out evaluation, the only way a fitted number is set: for each of the three dev sets (the seeds,
pack 1, pack 2), fit the answer-or-refuse decision on the other two and score the held-out one, each set
indexed together with the seeds. Also scores the forty hand-written lower-case questions of
tests/index/test_answerability.py, which no fit ever sees, with the decision fitted on all three sets.

Run:   .venv/bin/python bench/holdout.py            (the held-out table)
       .venv/bin/python bench/holdout.py --write    (also refit index/data/decision.json on all three sets)
Options: --shared DIR (default ../shared), --cache DIR (built indexes kept between runs), --json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.answer import Refusal  # noqa: E402
from index.answer.decision import (  # noqa: E402
    DECISION_FILE,
    FEATURES,
    Decision,
    Signals,
    fact_missing,
    fit,
    speaker_missing,
)
from index.encode.embedder import BUNDLED_MODEL, Embedder, make_embedder  # noqa: E402
from index.engine import Engine, EngineConfig  # noqa: E402
from index.evaluate import QAItem, QAResult, evaluate, load_qa  # noqa: E402
from index.store.handle import IndexHandle  # noqa: E402
from index.store.layout import current_version_dir  # noqa: E402
from index.store.versions import build_index, open_index  # noqa: E402
from seeds_loader import Article, load_directory  # noqa: E402

# Refusals the analysis makes (a name or speaker the coverage lacks, a person never quoted): facts about
# the coverage, not scores, so no fit decides them.
HARD = frozenset({Refusal.UNKNOWN_NAME, Refusal.UNKNOWN_SPEAKER, Refusal.NO_QUOTES})
# A decision that answers everything: the engine's ranking and signals are collected once, then every fold
# decides offline on the same signals.
OPEN = Decision(coef=(0.0,) * len(FEATURES), intercept=0.0, mean=(0.0,) * len(FEATURES), scale=(1.0,) * len(FEATURES))


@dataclass(frozen=True)
class DevSet:
    name: str
    qa: Path
    articles: tuple[Path, ...]


def dev_sets(shared: Path) -> list[DevSet]:
    seeds = shared / "seeds"
    return [
        DevSet("seeds", shared / "eval" / "dev_qa.jsonl", (seeds,)),
        DevSet("pack1", shared / "dev_coverage" / "qa.jsonl", (seeds, shared / "dev_coverage" / "articles")),
        DevSet("pack2", shared / "dev_coverage_2" / "qa.jsonl", (seeds, shared / "dev_coverage_2" / "articles")),
    ]


def engine_for(directories: tuple[Path, ...], embedder: Embedder, cache: Path) -> Engine:
    """An engine over the directories' articles, its index kept in ``cache`` by the articles' content
    and the code that builds it (rebuilt when either changes)."""
    articles: list[Article] = []
    for directory in directories:
        loaded, errors = load_directory(directory)
        if errors:
            raise SystemExit(f"{directory}: {errors[0]}")
        articles += loaded
    # Keyed by the articles and by the code and word lists that read them: a change to either rebuilds.
    code = sorted(
        p for package in ("index", "seeds_loader") for p in (ROOT / package).rglob("*") if p.suffix in (".py", ".txt")
    )
    digest = hashlib.sha256(
        "".join(sorted(a.content_hash for a in articles)).encode() + b"".join(p.read_bytes() for p in code)
    ).hexdigest()[:16]
    index_dir = cache / digest
    version = current_version_dir(index_dir) if index_dir.exists() else None
    try:
        index = open_index(index_dir, model=embedder.name) if version is not None else None
    except Exception:  # another format or model: build again
        index = None
    if index is None:
        index = build_index(articles, embedder, index_dir)
    config = EngineConfig(min_confidence=0.0)
    return Engine(IndexHandle.of(index, embedder.name), embedder, config=config, decision=OPEN)


@dataclass(frozen=True)
class Asked:
    """One question's outcome with the decision left open."""

    result: QAResult
    signals: Signals | None
    hard: bool  # refused by the analysis, whatever the decision says
    whole: bool  # a person's quotes or introductions: answered outright


def collect(engine: Engine, items: list[QAItem]) -> list[Asked]:
    out = []
    for result in evaluate(engine, items).results:
        answer = result.answer
        signals = Signals(**answer.signals) if answer.signals else None
        hard = answer.refusal in HARD or (signals is not None and speaker_missing(signals))
        out.append(Asked(result, signals, hard, answer.answered and answer.confidence == 1.0))
    return out


def answered(asked: Asked, decision: Decision, min_confidence: float = 0.5) -> bool:
    if asked.hard or asked.signals is None:
        return False
    if fact_missing(asked.signals):
        # Checked before the decision, never fitted; the fit still sees these questions (they are what a
        # quote question that does not answer looks like), so they stay in its rows.
        return False
    return asked.whole or decision.probability(asked.signals) >= min_confidence


def fit_on(sets: dict[str, list[Asked]], names: list[str]) -> Decision:
    """Fitted on what the decision is for: best passages that answer (an answerable question whose top
    passage holds the gold) against questions the coverage does not answer. An answerable question whose
    top passage is wrong is left out: refusing it is right for the reader, answering it is not."""
    rows = [
        a
        for n in names
        for a in sets[n]
        if not a.hard
        and not a.whole
        and a.signals is not None
        and (a.result.passage_hit1 or not a.result.item.answerable)
    ]
    return fit([a.signals for a in rows], [a.result.item.answerable for a in rows], fitted_on=names)  # type: ignore[misc]


def metrics(asked: list[Asked], decision: Decision) -> dict[str, float | str]:
    answerable = [a for a in asked if a.result.item.answerable]
    unanswerable = [a for a in asked if not a.result.item.answerable]
    speakers = [a.result.speaker_ok for a in asked if a.result.speaker_ok is not None]

    def rate(values: list[bool]) -> float:
        return sum(values) / len(values) if values else float("nan")

    refused_answerable = sum(not answered(a, decision) for a in answerable)
    refused_unanswerable = sum(not answered(a, decision) for a in unanswerable)
    return {
        "passage@1": rate([a.result.passage_hit1 for a in answerable]),
        "passage@3": rate([a.result.passage_hit3 for a in answerable]),
        "highlight@1": rate([a.result.highlight_hit1 for a in answerable]),
        "speaker": rate([bool(s) for s in speakers]),
        "unanswerable refused": f"{refused_unanswerable}/{len(unanswerable)}",
        "answerable refused": f"{refused_answerable}/{len(answerable)}",
        "of them with the right passage": sum(not answered(a, decision) and a.result.passage_hit1 for a in answerable),
        "wrong answers shown": sum(
            answered(a, decision) and not a.result.passage_hit1 for a in asked if a.result.item.answerable
        )
        + sum(answered(a, decision) for a in unanswerable),
    }


def own_questions() -> list[QAItem]:
    """The forty lower-case questions of tests/index/test_answerability.py: twenty to refuse, twenty to
    answer (no gold passages: only the decision is scored)."""
    sys.path.insert(0, str(ROOT / "tests" / "index"))
    from test_answerability import ANSWERABLE, OFF_TOPIC

    refuse = [QAItem(f"off{i}", "offtopic", q, ()) for i, q in enumerate(OFF_TOPIC)]
    answer = [QAItem(f"own{i}", "own", q, (("", "\x00never"),)) for i, q in enumerate(ANSWERABLE)]
    return refuse + answer


def print_table(table: dict[str, dict[str, float | int | str]], width: int) -> None:
    """One line per row: its name, then each figure named (three decimals for fractions)."""
    for row, values in table.items():
        cells = "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in values.items())
        print(f"{row:<{width}} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "holdout")
    parser.add_argument("--write", action="store_true", help=f"refit {DECISION_FILE.name} on all three sets")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    embedder = make_embedder(BUNDLED_MODEL, cache_dir=ROOT / "data" / "models")
    sets = {s.name: collect(engine_for(s.articles, embedder, args.cache), load_qa(s.qa)) for s in dev_sets(args.shared)}
    names = list(sets)
    table: dict[str, dict[str, float | str]] = {}
    for held in names:
        decision = fit_on(sets, [n for n in names if n != held])
        table[f"{held} (held out)"] = metrics(sets[held], decision)
    everything = fit_on(sets, names)
    for name in names:
        table[f"{name} (fitted)"] = metrics(sets[name], everything)
    pack1 = next(s for s in dev_sets(args.shared) if s.name == "pack1")
    own = collect(engine_for(pack1.articles, embedder, args.cache), own_questions())
    own_refused = [not answered(a, everything) for a in own]
    table["own 40 (never fitted)"] = {
        "off-topic refused": f"{sum(own_refused[:20])}/20",
        "answerable refused": f"{sum(own_refused[20:])}/20",
    }
    if args.write:
        replace(everything, fitted_on=tuple(names)).save()
    if args.json:
        print(json.dumps(table, indent=1))
        return
    print_table(table, 22)
    print("decision weights (fitted on all three):")
    for name, w in zip(FEATURES, everything.coef, strict=True):
        print(f"  {name:<14} {w:+.3f}")


if __name__ == "__main__":
    main()
