"""The timeline: dated events from the coverage, explicit dates as given, relative ones resolved
against the article's publication date (and marked inferred), the rest left undated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.facts import Citation, citation
from index.store import LoadedIndex
from seeds_loader.lazy import LazyPattern

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EXPRESSION = LazyPattern(
    rf"(?P<full>{_MONTH}\s\d{{1,2}},\s(?:19|20)\d{{2}})"
    rf"|(?P<iso>\b(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b)"
    rf"|(?P<monthday>(?:{_WEEKDAY},?\s)?{_MONTH}\s\d{{1,2}}\b)"
    rf"|(?P<ordinal>\bthe\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b)"
    rf"|(?P<monthrel>{_MONTH}\slast\syear|\blast\s{_MONTH})"
    rf"|(?P<month>\bin\s{_MONTH}(?!\s\d|\slast\syear))"
    rf"|(?P<weekday>\b{_WEEKDAY}\b)"
    rf"|(?P<rel>\blast\s(?:week|month|year)\b)"
    rf"|(?P<year>\b(?:19|20)\d{{2}}\b)"
)


# A live entry's clock stamp at its start: "[14:05]", "10:42 JST —", "9:12 a.m. —".
_STAMP = LazyPattern(
    r"^\[?(?P<h>\d{1,2}):(?P<m>\d{2})(?:\s?(?P<ampm>[ap]\.?m\.?))?\]?(?:\s?(?:JST|KST|GMT|UTC))?\s*(?:[—–-]\s)?",
    re.I,
)


@dataclass(frozen=True)
class TimelineEvent:
    """One dated (or undatable) mention of time, with its sentence and citation."""

    when: date | None
    precision: str  # "day", "week", "month", "year" or "unknown"
    inferred: bool
    expression: str
    sentence: str
    citation: Citation
    time: str | None = None  # a live entry's clock stamp ("14:05"), on its day heading's day

    @property
    def label(self) -> str:
        if self.when is None:
            return "undated"
        if self.time is not None:
            return f"{self.when.isoformat()} {self.time}"
        text = {
            "day": self.when.isoformat(),
            "week": f"week of {self.when.isoformat()}",
            "month": self.when.strftime("%Y-%m"),
            "year": str(self.when.year),
        }[self.precision]
        return f"{text} (inferred)" if self.inferred else text


def _clock(stamp: re.Match[str]) -> str:
    """A stamp as a 24-hour time ("9:12 p.m." -> "21:12")."""
    hour = int(stamp.group("h"))
    if (ampm := (stamp.group("ampm") or "").lower()).startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{stamp.group('m')}"


def _month(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:3]]


def _resolve(m: re.Match[str], published: date | None, future: bool) -> tuple[date | None, str, bool]:
    text = m.group(0)
    if m.group("full"):
        month_token, day, year = re.match(r"(\w+)\.?\s(\d+),\s(\d+)", text).groups()  # type: ignore[union-attr]
        return date(int(year), _month(month_token), int(day)), "day", False
    if m.group("iso"):
        return date.fromisoformat(text), "day", False
    if m.group("year"):
        return date(int(text), 1, 1), "year", False
    if published is None:
        return None, "unknown", False
    if m.group("monthday"):
        month_token, day = re.search(r"(\w+)\.?\s(\d+)$", text).groups()  # type: ignore[union-attr]
        return _nearest_year(published, _month(month_token), int(day)), "day", True
    if m.group("ordinal"):
        day = int(m.group("day"))
        candidate = published.replace(day=day) if day <= 28 or _valid(published.year, published.month, day) else None
        return candidate, "day" if candidate else "unknown", candidate is not None
    if m.group("monthrel") or m.group("month"):
        month = _month(re.search(_MONTH, text).group(0))  # type: ignore[union-attr]
        year = published.year - 1 if "last year" in text or month > published.month else published.year
        return date(year, month, 1), "month", True
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


def resolve_dates(sentence: str, published: date | None) -> list[DateMention]:
    """The time expressions of one sentence, resolved against the publication date where needed."""
    future = bool(re.search(r"\b(?:will|is scheduled to|plans to|is to)\b", sentence))
    return [DateMention(*_resolve(m, published, future), m.group(0)) for m in _EXPRESSION.finditer(sentence)]


def timeline(index: LoadedIndex) -> list[TimelineEvent]:
    """Every temporal mention in the coverage, dated ones in order, undated ones last."""
    events: list[TimelineEvent] = []
    for passage in index.passages:
        published = index.articles[passage.article_id].published
        if passage.day is not None and passage.part == 0 and (stamp := _STAMP.match(passage.text)):
            # A live entry: its stamp's time on the day heading's day, the first sentence as what happened.
            first = passage.sentences[0]
            events.append(
                TimelineEvent(
                    passage.day,
                    "day",
                    False,
                    stamp.group(0).strip(),
                    first.text,
                    citation(index, passage.article_id, passage.paragraph, first.start, first.end),
                    time=_clock(stamp),
                )
            )
        for sentence in passage.sentences:
            for mention in resolve_dates(sentence.text, published):
                events.append(
                    TimelineEvent(
                        mention.when,
                        mention.precision,
                        mention.inferred,
                        mention.expression,
                        sentence.text,
                        citation(index, passage.article_id, passage.paragraph, sentence.start, sentence.end),
                    )
                )
    dated = sorted(
        (e for e in events if e.when), key=lambda e: (e.when, e.time or "", e.citation.file, e.citation.start)
    )  # type: ignore[arg-type, return-value]
    return dated + [e for e in events if e.when is None]
