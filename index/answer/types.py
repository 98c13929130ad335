"""The Answer every front end renders: cited passages, highlights, speakers, and why nothing was answered."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Refusal(StrEnum):
    """Why a question was not answered."""

    LOW_CONFIDENCE = "low_confidence"  # the nearest passages are not close enough
    UNKNOWN_NAME = "unknown_name"  # the question names something the coverage never mentions
    UNKNOWN_SPEAKER = "unknown_speaker"  # "what did X say" for an X nobody quotes
    NO_QUOTES = "no_quotes"  # X is in the coverage but never quoted
    NO_SUPPORT = "no_support"  # the nearest passages lack what the question asks about, or its kind of answer


class AnswerPassage(BaseModel):
    """One cited passage; ``highlight`` is the sentence(s) of ``text`` that answer."""

    model_config = ConfigDict(frozen=True)

    file: str
    article_id: str
    title: str | None
    source: str | None
    published: date | None
    url: str | None
    paragraph: int
    kind: str = "body"  # "body", "caption", "correction" (a notice), "update" (a later entry) or "question"
    text: str
    highlight: str
    highlight_start: int
    highlight_end: int
    speaker: str | None
    score: float
    rights_restricted: bool = False
    published_partial: str | None = None  # "--MM-DD" when the article gives its date without a year
    asked_by: str | None = None  # a reporter's question: who asked, as its transcript label prints it
    # A table row ("| 2019 | 5.58 | 3.27 |"), whose cells say nothing alone: the same cells under the table's
    # headers, as the article prints them ("Year: 2019; Japanese visitors to Korea (millions): 3.27").
    row_read: str | None = None


class Claim(BaseModel):
    """What one source says about the disputed point, with its citation."""

    model_config = ConfigDict(frozen=True)

    value: str
    phrase: str
    file: str
    article_id: str
    source: str | None
    published: date | None
    paragraph: int
    sentence: str


class Disagreement(BaseModel):
    """Sources giving different figures or dates for what was asked; shown side by side, none picked."""

    model_config = ConfigDict(frozen=True)

    kind: str  # "figure" or "date"
    claims: tuple[Claim, ...]


class Answer(BaseModel):
    """What the engine says to a question; ``passages`` are the answer when ``answered``, else the nearest."""

    model_config = ConfigDict(frozen=True)

    question: str
    answered: bool
    confidence: float
    intent: str
    refusal: Refusal | None = None
    unknown: tuple[str, ...] = ()
    speaker_note: str | None = None
    passages: tuple[AnswerPassage, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    # What the answer-or-refuse decision weighed (index.decision.Signals), for evaluation and refitting.
    signals: dict[str, float] | None = None
