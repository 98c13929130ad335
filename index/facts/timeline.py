"""The timeline: dated events from the coverage, explicit dates as given, relative ones resolved
against the article's publication date (and marked inferred), the rest left undated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.facts.quick import Citation, citation
from index.store.loaded import LoadedIndex
from index.text.dates import resolve_dates
from seeds_loader.masthead import ENTRY_STAMP


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


def timeline(index: LoadedIndex) -> list[TimelineEvent]:
    """Every temporal mention in the coverage, dated ones in order, undated ones last."""
    events: list[TimelineEvent] = []
    for passage in index.passages:
        published = index.articles[passage.article_id].published
        if passage.day is not None and passage.part == 0 and (stamp := ENTRY_STAMP.match(passage.text)):
            # A live entry: its stamp's time on the day heading's day, the first sentence as what happened.
            first = passage.sentences[0]
            events.append(
                TimelineEvent(
                    passage.day,
                    "day",
                    False,
                    stamp.group(0).strip(" —–:-"),
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
