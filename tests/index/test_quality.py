"""Quality gates on the dev questions with the real model (slow: loads all-MiniLM-L6-v2)."""

from __future__ import annotations

import pytest

from index.engine import Engine
from index.evaluate import EvalReport, evaluate, load_qa
from tests.conftest import DEV_QA

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(real_engine: Engine) -> EvalReport:
    return evaluate(real_engine, load_qa(DEV_QA))


def test_passage_hit_at_1(report: EvalReport) -> None:
    assert report.metrics["passage_hit@1"] >= 0.90


def test_highlight_hit_at_1(report: EvalReport) -> None:
    assert report.metrics["highlight_hit@1"] >= 0.80


def test_speakers_of_quote_questions(report: EvalReport) -> None:
    assert report.metrics["speaker_accuracy"] == 1.0


def test_every_unanswerable_refused_and_no_answerable_refused(report: EvalReport) -> None:
    assert report.metrics["unanswerable_refused"] == 1.0
    assert report.metrics["answerable_refused"] == 0.0


def test_issue_example(real_engine: Engine) -> None:
    answer = real_engine.ask("what did Lee say about China-Japan quarrels?")
    top = answer.passages[0]
    assert answer.answered and "quarrel between adults" in top.highlight
    assert (top.speaker, top.source, top.paragraph, top.file) == (
        "Lee Jae Myung",
        "The Hankyoreh",
        12,
        "000_ce80a095a2018a15.txt",
    )


@pytest.mark.parametrize(
    "question",
    [
        "What is the recipe for kimchi stew?",
        "Who won the 2026 World Cup?",
        "What did Kishida say about the summit?",
        "How did the Nikkei index react to the summit?",
    ],
)
def test_off_topic_questions_are_refused(real_engine: Engine, question: str) -> None:
    assert not real_engine.ask(question).answered
