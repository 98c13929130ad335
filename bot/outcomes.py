"""What the service answers a front end: tagged results, one class per case, which the front end only
renders. A question is ``Answered``, ``Refused`` (not in our coverage, the nearest passages labelled as
not answers), ``Limited`` (the per-user rate limit) or ``Invalid`` (empty, too long, not text); a quick
fact is ``Facts`` (or ``Limited``); an admin command is ``Denied`` or its report as a ``Notice``; help
and follows are a ``Notice`` (or ``Invalid`` when the argument is wrong)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.commands import Kind

if TYPE_CHECKING:  # annotations only: the command line imports this and its --help stays fast
    from index.answer import Answer
    from index.facts.quick import PersonQuotes, Profile, Source
    from index.facts.timeline import TimelineEvent


@dataclass(frozen=True)
class Answered:
    answer: Answer
    ask_id: int | None = None  # recorded (chat only): what the share and vote buttons carry


@dataclass(frozen=True)
class Refused:
    answer: Answer  # answered False: the refusal's reason and the nearest passages
    ask_id: int | None = None


@dataclass(frozen=True)
class Limited:
    text: str


@dataclass(frozen=True)
class Invalid:
    text: str


@dataclass(frozen=True)
class Denied:
    """An admin command from someone who may not run it (or a file path from chat)."""

    text: str


@dataclass(frozen=True)
class Started:
    """An admin job accepted and running; its report goes to the callback it was given."""


@dataclass(frozen=True)
class Notice:
    """A reply that is one sentence or a few lines of text: help, an admin report, a follow."""

    text: str


@dataclass(frozen=True)
class Facts:
    """A quick fact's data, for the front end to render."""

    kind: Kind
    argument: str
    profiles: tuple[Profile, ...] = ()
    quotes: tuple[PersonQuotes, ...] = ()
    events: tuple[TimelineEvent, ...] = ()
    sources: tuple[Source, ...] = ()


Asked = Answered | Refused | Limited | Invalid
Outcome = Answered | Refused | Limited | Invalid | Denied | Notice | Facts
Text = Limited | Invalid | Denied | Notice


def answered(answer: Answer, ask_id: int | None = None) -> Answered | Refused:
    return Answered(answer, ask_id) if answer.answered else Refused(answer, ask_id)
