"""Which occasion a question asks about, when the coverage tells of several: the side of an event ("after every
summit", not before one) and one of a series by its ordinal ("the second working group meeting", not the first).
A sentence that tells only of another occasion is no answer."""

from __future__ import annotations

import re

from index.answer.question import interrogative
from index.text.tokens import tokenize
from seeds_loader.lazy import LazyPattern

# "after every summit", "before the vote": a side of an event, and the event.
_SIDE = LazyPattern(
    r"\b(after|before)\s+(?:(?:the|a|an|every|each|his|her|their|its|this|that|next|last)\s+)?([a-z][\w-]+)", re.I
)


def asked_side(text: str) -> tuple[str, frozenset[str]] | None:
    """The side of an event a question asks about ("after", {"summit"}), or None."""
    m = _SIDE.search(text)
    return (m.group(1).lower(), frozenset(tokenize(m.group(2)))) if m else None


_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|1st|2nd|3rd|[4-9]th|1[0-9]th"
)
# "the second DNA working group meeting": an ordinal and the words after it, to the end of its noun phrase.
_ORDINAL = LazyPattern(rf"\b({_ORDINALS})\s+((?:[a-z][\w-]*\s+){{0,3}}[a-z][\w-]*)", re.I)


def asked_ordinal(text: str) -> tuple[str, frozenset[str]] | None:
    """The ordinal a question asks about and the stems of what it counts ("second", {"work", "group", "meet"})."""
    m = _ORDINAL.search(text)
    if m is None or interrogative(text) == "yesno":
        return None  # ("Is this the leaders' first meeting?" is answered by "the third engagement")
    words = re.split(r"\s+(?:be|is|was|were|will|held|take|took|in|at|on|of|for|to)\b", m.group(2), maxsplit=1)[0]
    return m.group(1).lower(), frozenset(tokenize(words))


def other_ordinal(ordinal: tuple[str, frozenset[str]] | None, sentence: str) -> bool:
    """The sentence tells of another of what the question counts ("the first DNA working group meeting" for "the
    second ..."), by an ordinal of its own, and never of the one asked."""
    if ordinal is None:
        return False
    asked, counted = ordinal
    said = {m.group(1).lower() for m in _ORDINAL.finditer(sentence) if set(tokenize(m.group(2))) & counted}
    # (... nor bare: "the first episode lasted three minutes; the second, from 6:37 p.m., half an hour")
    return bool(said) and asked not in said and not re.search(rf"\b{asked}\b", sentence, re.I)


def other_side(timing: tuple[str, frozenset[str]] | None, sentence: str) -> bool:
    """The sentence tells of the other side of the event asked about ("before a summit" for "after every
    summit"), and never of the side asked."""
    if timing is None:
        return False
    side, event = timing
    sides = {m.group(1).lower() for m in _SIDE.finditer(sentence) if set(tokenize(m.group(2))) & event}
    return bool(sides) and side not in sides
