"""Dates in text: explicit ones as given, relative ones ("last Tuesday", "in March") resolved against a
publication date and marked inferred."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from index.text.temporal import CLOCK_TIME
from seeds_loader.lazy import LazyPattern

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
# The names of the months and the days of the week, as a text capitalises them (for other patterns to use).
MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A month in full or abbreviated ("Sept.", "Jan").
MONTH = rf"(?:{MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
_EXPRESSION = LazyPattern(
    rf"(?P<full>{MONTH}\s\d{{1,2}},\s(?:19|20)\d{{2}})"
    # the day first, as British and many Asian English papers print it: "14 January 2026", "28 Jan."
    rf"|(?P<dayfull>\b\d{{1,2}}\s{MONTH},?\s(?:19|20)\d{{2}}\b)"
    rf"|(?P<dayfirst>\b\d{{1,2}}\s{MONTH}(?!\w))"
    rf"|(?P<iso>\b(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b)"
    rf"|(?P<monthday>(?:{WEEKDAY_NAMES},?\s)?{MONTH}\s\d{{1,2}}\b)"
    rf"|(?P<ordinal>\bthe\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b)"
    # ("Last year 40 students took part": the sentence's first word is capitalised)
    rf"|(?P<monthrel>{MONTH}\slast\syear|\b(?i:last)\s{MONTH})"
    rf"|(?P<month>\b(?i:in)\s{MONTH}(?!\s\d|\slast\syear))"
    rf"|(?P<weekday>\b{WEEKDAY_NAMES}\b)"
    # "tomorrow morning", "yesterday": a day from the article's own ("today" is too often "nowadays")
    r"|(?P<nextday>\b(?i:tomorrow|yesterday)\b)"
    rf"|(?P<rel>\b(?i:last)\s(?:week|month|year)\b)"
    rf"|(?P<year>\b(?:19|20)\d{{2}}\b)"
)


# What makes a sentence's bare day or month one still to come: a future or a plan ("will", "is due to",
# "plans to"), a request or deadline ("urged the governments to ...", "called for ... by"), or a future
# reported ("said ... would").
_FUTURE = LazyPattern(
    r"\b(?:will|won't|shall|(?:is|are|was|were)\s(?:scheduled|expected|due|set|going|to)\b|"
    r"(?:plans?|planned|aims?|intends?|hopes?)\sto|hope|hopes|expects?\b|urged|urges|called\son|calls\son|"
    r"called\sfor|calls\sfor|"
    r"next|upcoming)\b"
    # ... or what someone said would happen: "Officials said the first drill would take place in November".
    r"|\b(?:said|says|told|announced|added|promised|agreed)\b[^.;]*?\bwould\b",
    re.I,  # ("Next week, ...", a table's "Next step" header, open a sentence as well)
)


# A start given in words of time: "from April 1", "as of Monday", "starting in June", "beginning next month",
# "effective January 2027", "from the autumn semester", "from 9 a.m.".
_START = LazyPattern(
    r"\b(?:from|as of|starting|beginning|effective|commencing)\s+(?:on\s+|in\s+|at\s+)?"
    r"(?:(?:the|this|next|early|late|mid)[\s-]+)?"
    rf"(?:{MONTH}|{WEEKDAY_NAMES}|\d{{1,2}}\s{MONTH}|(?:19|20)\d{{2}}\b|\d{{1,2}}(?:st|nd|rd|th)\b|{CLOCK_TIME}|"
    r"spring|summer|autumn|fall|winter|week|month|year|today|tomorrow|tonight)",
    re.I,
)


def gives_start(sentence: str) -> bool:
    """The sentence dates when something starts, in words of time rather than a verb of starting."""
    return _START.search(sentence) is not None


def _month(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:3]]


def _resolve(m: re.Match[str], published: date | None, future: bool) -> tuple[date | None, str, bool]:
    text = m.group(0)
    if m.group("full"):
        month_token, day, year = re.match(r"(\w+)\.?\s(\d+),\s(\d+)", text).groups()  # type: ignore[union-attr]
        return date(int(year), _month(month_token), int(day)), "day", False
    if m.group("iso"):
        return date.fromisoformat(text), "day", False
    if m.group("dayfull"):
        day, month_token, year = re.match(r"(\d+)\s(\w+)\.?,?\s(\d+)", text).groups()  # type: ignore[union-attr]
        return date(int(year), _month(month_token), int(day)), "day", False
    if m.group("year"):
        return date(int(text), 1, 1), "year", False
    if published is None:
        return None, "unknown", False
    if m.group("monthday"):
        month_token, day = re.search(r"(\w+)\.?\s(\d+)$", text).groups()  # type: ignore[union-attr]
        return _nearest_year(published, _month(month_token), int(day)), "day", True
    if m.group("dayfirst"):
        day, month_token = re.match(r"(\d+)\s(\w+)", text).groups()  # type: ignore[union-attr]
        return _nearest_year(published, _month(month_token), int(day)), "day", True
    if m.group("ordinal"):
        day = int(m.group("day"))
        candidate = published.replace(day=day) if day <= 28 or _valid(published.year, published.month, day) else None
        return candidate, "day" if candidate else "unknown", candidate is not None
    if m.group("monthrel") or m.group("month"):
        month = _month(re.search(MONTH, text).group(0))  # type: ignore[union-attr]
        if "last year" in text or "last" in text.split():
            year = published.year - 1 if month >= published.month or "last year" in text else published.year
        elif future:  # "urged them to bring the remains home before the holiday in September": ahead
            year = published.year if month >= published.month else published.year + 1
        else:  # "in March" without a future word, in a story of January: the March that has been
            year = published.year - 1 if month > published.month else published.year
        return date(year, month, 1), "month", True
    if m.group("nextday"):
        return published + timedelta(days=1 if text.lower() == "tomorrow" else -1), "day", True
    if m.group("weekday"):
        target = _WEEKDAYS[text.lower()]
        delta = (target - published.weekday()) % 7
        when = published + timedelta(days=delta) if future else published - timedelta(days=(7 - delta) % 7)
        return when, "day", True
    unit = text.split()[-1]
    if unit == "week":
        start = published - timedelta(days=published.weekday() + 7)
        return start, "week", True
    if unit == "month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month", True
    return date(published.year - 1, 1, 1), "year", True


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _nearest_year(published: date, month: int, day: int) -> date | None:
    options = [
        date(y, month, day) for y in (published.year - 1, published.year, published.year + 1) if _valid(y, month, day)
    ]
    return min(options, key=lambda d: abs((d - published).days)) if options else None


@dataclass(frozen=True)
class DateMention:
    when: date | None
    precision: str
    inferred: bool
    expression: str


def looks_ahead(sentence: str) -> bool:
    """The sentence tells of something to come (a future, a plan, a request): "We will go again in March"."""
    return bool(_FUTURE.search(sentence))


# A "when" question about something to come: "when will the divers go back", "when is the panel due to meet".
# "When will they meet", "where will the next summit be held", "where could the next meeting take place": something
# to come, which a sentence of what was done ("their summit held on Oct. 30, 2025, in Gyeongju") does not place;
# nor count ("how many students are going": not "last year 40 students took part").
_ASKS_AHEAD = LazyPattern(
    r"\b(?:when|where|how many|how much)\b[^?]*?\b(?:will|shall|could|might|(?:is|are)\s(?:going|due|set|expected|"
    r"scheduled|to)\b)|"
    r"\bwhere\b[^?]*?\bnext\b",
    re.I,
)


def asks_ahead(question: str) -> bool:
    return bool(_ASKS_AHEAD.search(question))


def told_as_past(sentence: str, mentions: Sequence[DateMention], published: date | None) -> bool:
    """The sentence dates what it tells to before its article was written, by a date printed with its year
    ("their summit held on Oct. 30, 2025"), and tells of nothing to come: it cannot say when something will
    happen. A date resolved from a weekday or a month alone is not evidence: its year is a guess."""
    if published is None or looks_ahead(sentence):
        return False
    printed = [m for m in mentions if m.when is not None and not m.inferred]
    return bool(printed) and all(_before(m, published) for m in printed)


def _before(mention: DateMention, published: date) -> bool:
    assert mention.when is not None
    return mention.when.year < published.year if mention.precision == "year" else mention.when < published


def resolve_dates(sentence: str, published: date | None) -> list[DateMention]:
    """The time expressions of one sentence, resolved against the publication date where needed."""
    future = looks_ahead(sentence)
    return [DateMention(*_resolve(m, published, future), m.group(0)) for m in _EXPRESSION.finditer(sentence)]


def dates_in(sentences: Iterable[str], published: date | None) -> list[DateMention]:
    """The dated mentions of several sentences (a passage's), each resolved against the publication date."""
    return [m for sentence in sentences for m in resolve_dates(sentence, published) if m.when is not None]


_YEAR = LazyPattern(r"\b(?:19|20)\d{2}\b")
# A day a question names: "on the 14th" (no month), "on Jan. 14", "on 14 January".
_DAY = LazyPattern(
    rf"\bthe (?P<nth>\d{{1,2}})(?:st|nd|rd|th)\b|\b(?P<m1>{MONTH})\.?\s(?P<d1>\d{{1,2}})\b|"
    rf"\b(?P<d2>\d{{1,2}})\s(?P<m2>{MONTH})\b",
    re.I,
)


@lru_cache(maxsize=20_000)
def years_named(text: str) -> frozenset[str]:
    """The years ``text`` prints ("in 2012"). Cached: a passage with its context is read for the years a
    question names by every such question that retrieves it."""
    return frozenset(_YEAR.findall(text))


# A month a question is about: "in April", "during March", "in early May", "last November", "since April" (a day
# after it is a day: "in April 3" is not read here); in lower case too, but for "may", as often a verb.
_MONTH_ASKED = LazyPattern(
    rf"\b(?i:in|during|early|late|mid-?|last|this|next|since|until|before|after)\s(?:(?i:early|late|mid-?)\s?)?"
    rf"(?P<m>{MONTH}|(?i:january|february|march|april|june|july|august|september|october|november|december)"
    # ... "may" where no verb can follow: the question's end ("how many went to Korea in may?")
    r"|(?i:may)(?=\s*[?.!]?\s*$))"
    rf"(?!\s?\d)"
)
_MONTH_PRINTED = LazyPattern(rf"\b{MONTH}(?!\w)")  # (not "Mayor", "Marching")


def months_asked(text: str) -> frozenset[int]:
    """The months a question is about ("where did they meet in April" -> {4})."""
    return frozenset(_month(m.group("m")) for m in _MONTH_ASKED.finditer(text))


@lru_cache(maxsize=20_000)
def months_printed(text: str) -> frozenset[int]:
    """The months ``text`` prints by name ("on April 11", "in March")."""
    return frozenset(_month(m.group(0)) for m in _MONTH_PRINTED.finditer(text))


def days_named(text: str) -> frozenset[tuple[int, int]]:
    """The days ``text`` names, (month, day) with month 0 when not given ("on the 14th")."""
    out = set()
    for m in _DAY.finditer(text):
        if m.group("nth"):
            out.add((0, int(m.group("nth"))))
        else:
            out.add((_month(m.group("m1") or m.group("m2")), int(m.group("d1") or m.group("d2"))))
    return frozenset(d for d in out if 1 <= d[1] <= 31)


def weekdays_named(text: str) -> frozenset[str]:
    """The days of the week ``text`` names, in lower case ("on Wednesday morning" -> {"wednesday"})."""
    return frozenset(w.lower() for w in re.findall(WEEKDAY_NAMES, text, re.I))


def weekday_words(mentions: Iterable[DateMention]) -> str:
    """The days of the week resolved dates fall on, as words, when a text says them otherwise: "Tomorrow
    morning the president will visit Horyuji", in a transcript of Tuesday, speaks of "Wednesday"."""
    return " ".join(sorted({m.when.strftime("%A") for m in mentions if m.when and m.precision == "day"}))
