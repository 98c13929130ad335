"""Which way a journey goes: coming in ("arrived", "landed at", "flew into") or going out ("left",
"took off for", "flew home"). Every visit has both, told in the same words but the verb, so "which airport
did Lee fly into" is easily answered with the airport he left from; a sentence that only goes the other
way cannot answer."""

from __future__ import annotations

import re
from typing import Literal

from index.text.nlp import noun_at
from index.text.tokens import tokenize
from seeds_loader.lazy import LazyPattern

Direction = Literal["arrive", "depart"]

_ARRIVE = LazyPattern(
    r"\b(?:arriv(?:e|es|ed|ing|al)|land(?:s|ed|ing)?\s+(?:at|in)|touch(?:es|ed)?\s+down|"
    r"(?:fly|flies|flew|flown|flying)\s+(?:in|into)|"
    # ... and a ship's coming in: "has docked at Hakata", "berthed in Busan"
    r"(?:dock|docks|docked|docking|berth|berths|berthed|moor|moored)\s+(?:at|in))\b",
    re.I,
)
# ("left" in a caption says where someone stands: "Lee, left, and Xi", "(left)", "from left to right".)
_DEPART = LazyPattern(
    r"\b(?:leav(?:e|es|ing)|(?<!\()left(?![,)]|\sto\sright)|depart(?:s|ed|ing|ure)?|t(?:ake|akes|ook|aken|aking)\s+off|"
    r"(?:fly|flies|flew|flown|flying)\s+(?:out|home|back)|head(?:s|ed)?\s+home|return(?:s|ed)?\s+home)\b",
    re.I,
)


# "Who will Lee meet before leaving Beijing": a journey that only says when is not the one asked about.
_WHEN_JOURNEY = LazyPattern(r"\b(?:before|after|while|since|until|upon|on)\s+\w+ing\b[^,;?]*", re.I)


def asked_direction(question: str) -> Direction | None:
    """The way the question's journey goes, when it says one way only."""
    question = _WHEN_JOURNEY.sub("", question)
    arrive, depart = bool(_ARRIVE.search(question)), bool(_DEPART.search(question))
    return "arrive" if arrive and not depart else "depart" if depart and not arrive else None


def goes(text: str, direction: Direction) -> bool:
    """True when ``text`` tells a journey going ``direction``."""
    return bool((_ARRIVE if direction == "arrive" else _DEPART).search(text))


def goes_only_against(sentence: str, direction: Direction) -> bool:
    """True when ``sentence`` tells a journey going only the other way."""
    return goes(sentence, "depart" if direction == "arrive" else "arrive") and not goes(sentence, direction)


# Where a journey asked about goes: "visit Seoul", "a trip to Washington", "arrived in Nara".
_DESTINATION = LazyPattern(
    r"\b(?:visit(?:s|ed|ing)?|(?:trip|travel(?:s|led|ed)?|go(?:es|ing)?|went|fly|flies|flew|head(?:s|ed)?|"
    r"return(?:s|ed)?|move[sd]?) to|arriv(?:e|es|ed|ing) in|"
    r"(?:leav(?:e|es|ing)|left|depart(?:s|ed|ing)?|set(?:s|ting)? off|t(?:ake|akes|ook|aking) off) for)"
    r"\s+(?:the\s)?([\w’'-]+)",
    re.I,
)
_NO_PLACE = frozenset(
    "each other one him her them us it there here a an this that his their our my its home back again".split()
)


def destination(question: str) -> str | None:
    """The place a journey asked about goes to ("when will Takaichi visit Seoul" -> "Seoul"), if it names one."""
    question = _WHEN_JOURNEY.sub("", question)
    m = _DESTINATION.search(question)
    if m is None or m.group(1).lower() in _NO_PLACE or not noun_at(question, m.start(1)):
        return None
    return m.group(1)


_FROM = LazyPattern(r"\bfrom\s+(?:the\s+)?$", re.I)


# Where a place is one a journey goes to or happens in: after "to", "in", "for", "visit" ... (a name or two
# between: "to South Korea"), not as a subject ("as Seoul seeks to balance ...") or an origin ("from").
_AS_PLACE = LazyPattern(
    r"\b(?:to|in|into|at|for|toward|towards|visit(?:s|ed|ing)?|reach(?:es|ed|ing)?)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'.-]*\s+){0,2}$",
    re.I,
)


def names_destination(text: str, place: frozenset[str]) -> bool:
    """``text`` names the place (its word stems) as where a journey goes or something happens: "took off
    for Seoul", "in Seoul", "a visit to South Korea" do; "taken off from Seoul Air Base" and "as Seoul seeks
    to balance its neighbours" do not."""
    if not place:
        return True
    for m in re.finditer(r"[\w’'-]+", text):
        if set(tokenize(m.group(0))) & place and _AS_PLACE.search(text[max(0, m.start() - 40) : m.start()]):
            return True
    return False


def only_origin(text: str, place: frozenset[str]) -> bool:
    """``text`` names the place only as where a journey starts ("taken off from Seoul Air Base"): it tells
    of another journey than one to that place."""
    if not place:
        return False
    named = [m for m in re.finditer(r"[\w’'-]+", text) if set(tokenize(m.group(0))) & place]
    return bool(named) and all(_FROM.search(text[max(0, m.start() - 12) : m.start()]) for m in named)
