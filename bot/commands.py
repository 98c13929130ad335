"""Parsing the /summit slash command's text into a command and its argument."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    ASK = "ask"
    WHO = "who"
    QUOTES = "quotes"
    TIMELINE = "timeline"
    SOURCES = "sources"
    HELP = "help"
    REINDEX = "reindex"
    ADD = "add"
    REMOVE = "remove"


ADMIN_KINDS = frozenset({Kind.REINDEX, Kind.ADD, Kind.REMOVE})
_NEEDS_ARGUMENT = frozenset({Kind.WHO, Kind.QUOTES, Kind.ADD, Kind.REMOVE})
_NO_ARGUMENT = frozenset({Kind.TIMELINE, Kind.SOURCES, Kind.HELP, Kind.REINDEX})


@dataclass(frozen=True)
class Command:
    kind: Kind
    argument: str = ""


def parse(text: str) -> Command:
    """``/summit who Lee`` -> Command(WHO, "Lee"); anything that is not a keyword is a question."""
    text = " ".join(text.split())
    if not text:
        return Command(Kind.HELP)
    head, _, rest = text.partition(" ")
    try:
        kind = Kind(head.lower())
    except ValueError:
        return Command(Kind.ASK, text)
    if kind is Kind.ASK:
        return Command(Kind.ASK, rest)
    if kind in _NEEDS_ARGUMENT and not rest:
        return Command(Kind.HELP, kind.value)  # "/summit who" alone: show how to use it
    if kind in _NO_ARGUMENT and rest:
        return Command(Kind.ASK, text)  # "timeline of the talks?" reads as a question
    if kind is Kind.ADD and rest.startswith("<") and rest.endswith(">"):
        rest = rest[1:-1].split("|", 1)[0]  # Slack wraps URLs as <https://…|label>
    return Command(kind, rest)
