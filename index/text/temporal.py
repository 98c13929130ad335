"""Temporal expressions in sentences: which sentences can answer "when" questions."""

from __future__ import annotations

import re
from functools import lru_cache

from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import alternation, word_list

_SPECIFIC = LazyPattern(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?|\b(?:19|20)\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\bthe \d{1,2}(?:st|nd|rd|th)\b|"
    # a year before 1900 after a word of time: "painted around 1711", "in 1592" ("about 1500" may count people)
    r"\b(?:[Ii]n|[Aa]round|circa|c\.|[Ss]ince|[Uu]ntil|till|[Bb]efore|[Aa]fter|[Dd]uring|year)\s1[0-8]\d{2}\b|"
    # a decade or a century: "in the 1990s", "at the start of the seventh century", "the 20th century"
    r"\b(?:1[0-9]|20)\d0s\b|\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|twenty-first)[- ]century\b"
)
_RELATIVE = LazyPattern(
    r"\b(?:yesterday|today|tomorrow|tonight)\b|\b(?:last|next|this|early|late) (?:week|month|year|weekend)\b|"
    r"\b(?:earlier|later) this (?:week|month|year)\b|\b\w+ (?:days|weeks|months) (?:ago|later|earlier)\b|"
    # seasons and deadlines: "by summer", "in the spring", "within the month", "by the end of the year"
    # ... and a school's ("from the autumn semester", "in the fall term")
    r"\b(?:by|in|from|this|next|last|early|late|until|before|after|during) (?:the )?"
    r"(?:spring|summer|autumn|winter|fall(?= (?:semester|term)))\b|"
    r"\b(?:within|by the end of|before the end of) (?:the |this |next )?(?:week|month|year)\b|"
    r"\b(?:within|in) (?:a few |\w+ )?(?:days|weeks|months|years)\b|"
    # ... or by someone's age then: "when she was ten", "when he was 19"
    r"\bwhen (?:he|she|they|I|we) (?:was|were) (?:\d{1,2}|[a-z]+teen|ten|eleven|twelve|five|six|seven|eight|nine|"
    r"twenty|thirty)\b",
    re.I,
)

# A clock time says when on a day its context gives (a live entry's "2:36 p.m. —", "at noon").
CLOCK_TIME = r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b"
CLOCK_TIME_PATTERN = LazyPattern(CLOCK_TIME, re.I)

# A sentence saying that when is not known answers "when" as well as the coverage can: "Yun did not say when
# the award would be presented", "no date has been set".
_UNSAID = LazyPattern(
    r"\b(?:did not|didn't|would not|wouldn't|could not|declined to|refused to)\s+(?:say|give|specify|disclose|reveal|"
    r"set|name)\s+(?:when|a date|a time|a timetable)\b|\bno (?:date|time|timetable|timeline|deadline)\b[^.;]{0,30}?\b"
    r"(?:has|had|have|was|were|is)\s+(?:yet\s+)?(?:been\s+)?(?:set|announced|given|fixed|agreed)\b",
    re.I,
)


# A holiday after a word of time dates as a month does: "returned before Chuseok", "after Golden Week".
_HOLIDAY = LazyPattern(
    r"\b(?:before|after|by|during|over|until|till|around|ahead of|in time for|since)\s+(?:the\s+)?"
    rf"(?:{alternation(word_list('holidays', 'index'))})"
    r"(?![\w’'-])",
    re.I,
)


@lru_cache(maxsize=20_000)
def temporal_weight(sentence: str) -> float:
    """1.0 for a specific date or weekday, 0.5 for a relative one ("last week"), a clock time or a saying that
    when is not known, else 0.
    Cached: a passage's sentences are weighed again by every "when" question that retrieves them."""
    if _SPECIFIC.search(sentence) or _HOLIDAY.search(sentence):
        return 1.0
    if _RELATIVE.search(sentence) or CLOCK_TIME_PATTERN.search(sentence) or _UNSAID.search(sentence):
        return 0.5
    return 0.0
