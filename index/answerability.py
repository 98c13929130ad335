"""Does a passage answer the question? Its focus words are there, and the kind of answer asked for."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from index.temporal import temporal_weight
from index.text import tokenize
from seeds_loader.wordlists import word_list


class AnswerType(StrEnum):
    """The kind of answer a question asks for."""

    COUNT = "count"  # how many, how much, how often
    DURATION = "duration"  # how long
    DATE = "date"  # when, what day
    PLACE = "place"  # where
    NAMED = "named"  # which X: the passage must name one
    ANY = "any"


_TYPES = (
    (AnswerType.DURATION, re.compile(r"^\s*how long\b", re.I)),
    (AnswerType.COUNT, re.compile(r"\bhow (?:many|much|often)\b|\bnumber of\b", re.I)),
    (AnswerType.DATE, re.compile(r"^\s*(?:when\b|on what (?:day|date)|what (?:day|date|time|year|month)\b)", re.I)),
    (AnswerType.PLACE, re.compile(r"^\s*where\b", re.I)),
    (AnswerType.NAMED, re.compile(r"^\s*which\b", re.I)),
)
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|once|twice|half|several|first|second|third)\b",
    re.I,
)
_DURATION = re.compile(
    rf"(?:{_NUMBER.pattern})\s*(?:-\s*)?(?:\w+\s)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
    r"|\bhalf an hour\b|\bfrom \d{4} (?:until|to) \d{4}\b",
    re.I,
)
_PROPER = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+")


def answer_type(question: str) -> AnswerType:
    for kind, pattern in _TYPES:
        if pattern.search(question):
            return kind
    return AnswerType.ANY


def type_weight(kind: AnswerType, sentence: str) -> float:
    """1.0 when ``sentence`` holds the kind of answer asked for, else 0 (always 1 for ANY)."""
    if kind is AnswerType.DURATION:
        return 1.0 if _DURATION.search(sentence) else 0.0
    if kind is AnswerType.COUNT:
        return 1.0 if _NUMBER.search(sentence) else 0.0
    if kind is AnswerType.DATE:
        return temporal_weight(sentence)
    if kind in (AnswerType.PLACE, AnswerType.NAMED):
        return 1.0 if _PROPER.search(sentence) else 0.0
    return 1.0


def _filler() -> frozenset[str]:
    return frozenset(tokenize(" ".join(word_list("question_filler", "index"))))


_FILLER = _filler()


@dataclass(frozen=True)
class Focus:
    """The content words of a question (stemmed) with their weights: rarer words weigh more."""

    terms: dict[str, float]

    @classmethod
    def of(cls, question: str, idf: Callable[[str], float], exclude: Iterable[str] = ()) -> Focus:
        skip = _FILLER | set(tokenize(" ".join(exclude)))
        return cls({t: idf(t) for t in dict.fromkeys(tokenize(question)) if t not in skip})

    def support(self, text: str) -> float:
        """Weighted share of the focus words found in ``text`` (1.0 when the question has none)."""
        total = sum(self.terms.values())
        if not total:
            return 1.0
        found = set(tokenize(text))
        return sum(w for t, w in self.terms.items() if t in found) / total

    def missing(self, text: str) -> list[str]:
        found = set(tokenize(text))
        return [t for t in self.terms if t not in found]
