"""Scoring the engine on a QA file (the format of tests/dev_qa.jsonl)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.answer import Answer, AnswerPassage
from index.engine import Engine


class QAFileError(ValueError):
    """The QA file is malformed; the message names the line."""


@dataclass(frozen=True)
class QAItem:
    """One question with its gold evidence: (file prefix, substring) pairs; empty when unanswerable."""

    id: str
    type: str
    question: str
    gold: tuple[tuple[str, str], ...]
    speaker: str | None = None
    disagreement: bool = False  # the sources differ: the answer must show them side by side

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


@dataclass(frozen=True)
class QAResult:
    item: QAItem
    answer: Answer
    passage_hit1: bool
    passage_hit3: bool
    highlight_hit1: bool
    speaker_ok: bool | None


@dataclass(frozen=True)
class EvalReport:
    """Scores over a QA file; rates are over the questions they apply to."""

    results: tuple[QAResult, ...] = field(default_factory=tuple)

    def _rate(self, values: list[bool], empty: float | None = 0.0) -> float | None:
        return sum(values) / len(values) if values else empty

    @property
    def answerable(self) -> list[QAResult]:
        return [r for r in self.results if r.item.answerable]

    @property
    def metrics(self) -> dict[str, float]:
        return {k: v or 0.0 for k, v in self._metrics(self.results).items()}

    def by_kind(self) -> dict[str, dict[str, float | None]]:
        """The metrics per question type (quote, who, date, caption, unanswerable ...), with counts."""
        kinds = sorted({r.item.type for r in self.results})
        out = {}
        for kind in kinds:
            results = tuple(r for r in self.results if r.item.type == kind)
            out[kind] = {"questions": float(len(results)), **self._metrics(results, empty=None)}
        return out

    def _metrics(self, results: tuple[QAResult, ...], empty: float | None = 0.0) -> dict[str, float | None]:
        """Rates over the questions each applies to; ``empty`` where none does."""
        answerable = [r for r in results if r.item.answerable]
        unanswerable = [r for r in results if not r.item.answerable]
        speakers = [r.speaker_ok for r in results if r.speaker_ok is not None]
        disputed = [bool(r.answer.disagreements) for r in results if r.item.disagreement]
        return {
            "passage_hit@1": self._rate([r.passage_hit1 for r in answerable], empty),
            "passage_hit@3": self._rate([r.passage_hit3 for r in answerable], empty),
            "highlight_hit@1": self._rate([r.highlight_hit1 for r in answerable], empty),
            "speaker_accuracy": self._rate([bool(s) for s in speakers], empty),
            "unanswerable_refused": self._rate([not r.answer.answered for r in unanswerable], empty),
            "answerable_refused": self._rate([not r.answer.answered for r in answerable], empty),
            "disagreement_shown": self._rate(disputed, empty),
        }


def load_qa(path: Path) -> list[QAItem]:
    """Read a QA JSONL file; raises QAFileError naming the bad line."""
    items = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as e:
        raise QAFileError(f"{path}: cannot be read ({e.strerror})") from e
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            items.append(
                QAItem(
                    id=str(data.get("id", number)),
                    type=str(data.get("type", "fact")),
                    question=str(data["q"]),
                    gold=tuple((str(f), str(s)) for f, s in data.get("gold", [])),
                    speaker=data.get("speaker"),
                    disagreement=bool(data.get("disagreement", False)),
                )
            )
        except (ValueError, KeyError, TypeError) as e:
            raise QAFileError(f"{path}:{number}: not a QA record ({e.__class__.__name__}: {e})") from e
    if not items:
        raise QAFileError(f"{path}: no questions found")
    return items


def _hit(passage: AnswerPassage, gold: tuple[tuple[str, str], ...], attr: str) -> bool:
    return any(passage.file.startswith(f) and s in getattr(passage, attr) for f, s in gold)


def evaluate(engine: Engine, items: list[QAItem], k: int = 3) -> EvalReport:
    """Ask every question and score the answers against the gold evidence."""
    results = []
    for item in items:
        answer = engine.ask(item.question, k=k)
        top = answer.passages[:1]
        results.append(
            QAResult(
                item=item,
                answer=answer,
                passage_hit1=bool(top) and _hit(top[0], item.gold, "text"),
                passage_hit3=any(_hit(p, item.gold, "text") for p in answer.passages[:3]),
                highlight_hit1=bool(top) and _hit(top[0], item.gold, "highlight"),
                speaker_ok=None if item.speaker is None else bool(top) and top[0].speaker == item.speaker,
            )
        )
    return EvalReport(tuple(results))
