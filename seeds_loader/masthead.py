"""Reading the lines of an article's masthead: date lines and their parts, wire datelines, credit lines that
name a reporter or an outlet beside the date. Pure readings of one line each; ``metadata.classify`` decides
which line is which and keeps what they say."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from seeds_loader.credits import capitalised_words, desk_outlet, names_outlet
from seeds_loader.lazy import LazyPattern

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# ... also with a time after it ("2026-06-05T10:00:00+09:00", as a CMS exports it).
_ISO_DATE = LazyPattern(r"\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:\b|(?=T\d))")
_LONG_DATE = LazyPattern(rf"\b((?i:{_MONTHS}))\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b")
# The day first, as British and many Asian English papers print it: "14 January 2026", "Wednesday 14 Jan 2026".
_DAY_FIRST_DATE = LazyPattern(rf"\b(\d{{1,2}})\s+((?i:{_MONTHS}))\.?,?\s+(\d{{4}})\b")
_WEEKDAY_ABBREVIATIONS = "Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
# A full date in words, the month first or the day first: "March 16, 2026", "16 March 2026".
_WORDED_DATE = rf"(?i:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?i:{_MONTHS})\.?,?\s+\d{{4}}"
DATE_LINE = LazyPattern(
    rf"^(?i:(?:{_WEEKDAYS}|{_WEEKDAY_ABBREVIATIONS})\.?,?\s+)?"
    rf"(?:{_WORDED_DATE}"
    rf"|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})"
    # what may follow the date on its line: a time, a zone, a place ("8:40 p.m. local time, press centre",
    # "at 9:30 AM EST", "09.30 GMT")
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\b[^!?]{0,60}|,\s+[^.!?]{0,40})?$"
)
# The day first with full stops, as European papers print it: "14.01.2026".
_DOTTED_DATE = LazyPattern(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# A few words, a comma, and the full date that ends the line: "Seoul, March 15, 2026", "Edited transcript,
# March 3, 2026".
_NAME_COMMA_DATE = LazyPattern(
    rf"^([A-Z][\w.'’&-]*(?:\s[\w.'’&-]+){{0,7}}),\s+"
    rf"((?i:(?:{_WEEKDAYS}),?\s+)?(?:{_WORDED_DATE}))$"
)
STAMP_LABEL = LazyPattern(
    r"^(?:originally |first )?(input|updated|published|posted|modified|last updated|date)\s*:?\s*(.*)$", re.I
)
_PERSON_LIKE = LazyPattern(r"^[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){1,3}$")
_NEWSROOM_ROLE = LazyPattern(r"\b(?:reporter|correspondent|writer|editor|journalist|columnist|staff)\b", re.I)
PUBLISHED_BY = LazyPattern(r"^by\s+(.+?)\s+on\s")
PUBLISH_LABELS = frozenset({"input", "published", "posted", "date"})
# A wire dateline: "SEOUL, Jan. 7 (Northgate Wire) --" or "TOKYO, Nov. 19, 2025 (Outlet) —" (two cities when
# reported from both: "TOKYO/SEOUL, Feb 9 (Reuters) -").
# ... also with a region or two between city and day ("IKARUGA, Nara Pref., Jan. 14 (Naniwa Press) —", "UBE,
# Yamaguchi, Japan, March 4 (Outlet) --"), without a day
# ("SEOUL (Outlet) —") or without an outlet ("SEOUL, Jan. 7 —"); one of the two at least.
_DATELINE = LazyPattern(
    rf"^([A-Z][A-Z .'’/-]+)(?:,\s+(?!(?:{_MONTHS})\b)[A-Z][\w.'’ -]{{1,30}}?){{0,2}}"
    rf"(?:,\s+((?:{_MONTHS})\.?\s+\d{{1,2}})(?:,\s+(\d{{4}}))?)?"
    # the outlet in parentheses, or between slashes as a press-release wire prints it ("/PRNewswire/")
    # ... or bare after the day, as Kyodo prints its name ("TOKYO, March 10 Kyodo -")
    r"(?:\s+\(([^)]{2,60})\)|\s+/([^/\s][^/]{1,40})/|(?<=\d)\s+([A-Z][a-z]+))?"
    r"\s*(?:--|—|–|(?<=\s)-)\s"
)


@dataclass(frozen=True)
class Dateline:
    """What a wire dateline says: the outlet, the day with its year, or the day alone ("--MM-DD")."""

    outlet: str | None
    published: date | None
    partial: str | None


def is_date_line(line: str) -> bool:
    """A line that is a date (with a weekday, a time or a place after it, as mastheads print them)."""
    return bool(DATE_LINE.match(line.strip()))


def parse_date(text: str) -> date | None:
    """Parse the first explicit calendar date in ``text`` (ISO or "January 13, 2026")."""
    if m := _ISO_DATE.search(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _LONG_DATE.search(text):
        y, d = int(m.group(3)), int(m.group(2))
        mo = datetime.strptime(m.group(1)[:3].title(), "%b").month
    elif m := _DAY_FIRST_DATE.search(text):
        y, d = int(m.group(3)), int(m.group(1))
        mo = datetime.strptime(m.group(2)[:3].title(), "%b").month
    elif m := _DOTTED_DATE.search(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


# What separates a masthead line's parts: "|", "·" or a spaced dash.
_PART_SEPARATOR = LazyPattern(r"\s[|·—–]\s")


def masthead_parts(text: str) -> list[str]:
    """A masthead line's parts, without their emphasis: split by "|", "·" or a spaced dash ("**Outlet live
    team** | Tuesday, January 13, 2026", "Tokyo, February 3, 2026 — Ministry of Foreign Affairs"), a place's
    or an outlet's name before a comma and the full date ("The Korea Bulletin, March 16, 2026") split
    in two."""
    out = []
    for part in _PART_SEPARATOR.split(text):
        part = part.strip().strip("*_").strip()
        if not DATE_LINE.match(part) and (m := _NAME_COMMA_DATE.match(part)) is not None:
            out += [m.group(1), m.group(2)]
        elif part:
            out.append(part)
    return out


def shared_date(text: str) -> date | None:
    """A date sharing its line with other masthead words."""
    parts = masthead_parts(text)
    if len(parts) < 2:
        return None
    # ... a part that only looks like a stamp ("Updated continuously") gives none, and the date may follow it.
    return next((d for p in parts if (DATE_LINE.match(p) or STAMP_LABEL.match(p)) and (d := parse_date(p))), None)


# The full date that ends a byline after a comma: "By Laura Méndez, The Harbour Post, October 10, 2026".
_TRAILING_DATE = LazyPattern(rf",\s+((?i:(?:{_WEEKDAYS}),?\s+)?(?:{_WORDED_DATE}))\s*$")


def byline_date(text: str) -> date | None:
    """The date a byline shares its line with: a masthead part, or the full date after its last comma."""
    if (shared := shared_date(text)) is not None:
        return shared
    return parse_date(m.group(1)) if (m := _TRAILING_DATE.search(text)) is not None else None


# A part of a masthead line set in bold or italics on its own ("**Harbourline Live** · Updated continuously ·
# Monday, ..."): a name, as an outlet sets its own.
_EMPHASISED_PART = LazyPattern(r"^([*_]{1,3})([A-Z][^*_]{0,60}?)\1$")


def emphasised_outlet(raw: str) -> str | None:
    """The outlet a masthead line sets apart in emphasis, a few capitalised words that are no date."""
    for part in _PART_SEPARATOR.split(raw.strip()):
        if (m := _EMPHASISED_PART.match(part.strip())) is None:
            continue
        name = m.group(2).strip()
        if DATE_LINE.match(name) or STAMP_LABEL.match(name) or _BYLINE_START.match(name):
            continue
        if capitalised_words(name):
            return name
    return None


_BYLINE_START = LazyPattern(r"^(?:by|reporting|written|story|words|text|report|interview(?:ed)?)\b", re.I)


def shared_outlet(text: str) -> str | None:
    """The outlet a masthead line shares with its date: a desk ("Harbour Post live desk | Tuesday, ...") or an
    outlet's name ("Bluefin News | March 6, 2026, 11:20 a.m."); a place there ("Seoul, March 15") is none."""
    parts = masthead_parts(text)
    if desk := next(filter(None, map(desk_outlet, parts)), None):
        return desk
    return next((p.strip(" *_") for p in parts if names_outlet(p)), None)


# "Hanbit Ilbo reporter Kang Tae-woo", "Staff writer Jane Doe": the outlet and the role before the name, as
# Korean and Japanese outlets print it.
_ROLE_THEN_NAME = LazyPattern(
    r"^(?P<outlet>(?:[A-Z][\w.'’&-]*\s){1,4}?)?(?i:(?:staff\s)?(?:reporter|correspondent|writer))\s"
    r"(?P<name>[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){1,3})$"
)


def masthead_credit(text: str) -> tuple[str, str | None] | None:
    """(name, outlet or None) of a credit line that names a reporter without "By": the name, then their
    outlet or their newsroom role ("Jane Doe, The Harbour Post", "Jane Doe | Staff Reporter"), or the
    outlet and role first ("Hanbit Ilbo reporter Kang Tae-woo")."""
    if (m := _ROLE_THEN_NAME.match(text.strip())) is not None:
        outlet = (m.group("outlet") or "").strip()
        return m.group("name"), (outlet if outlet and outlet.lower() not in ("staff", "senior", "chief") else None)
    parts = [p.strip() for p in re.split(r"\s[|·/]\s|,\s", text)]
    if len(parts) != 2 or not _PERSON_LIKE.match(parts[0]) or names_outlet(parts[0]):
        return None
    if names_outlet(parts[1]):
        return parts[0], parts[1]
    return (parts[0], None) if _NEWSROOM_ROLE.search(parts[1]) else None


_WRITTEN_FOR = LazyPattern(r"\sfor\s((?:The\s)?[A-Z][\w&.’'-]*(?:\s[A-Z][\w&.’'-]*){0,4})")


def byline_outlet(text: str) -> str | None:
    """The outlet a byline shares its line with: a part after the names that is neither a date nor a
    stamp, a few capitalised words ("By Sora Lindqvist · Harbourlight · March 8, 2026"), or an outlet's
    name after a comma ("By Jane Doe and John Roe, The Harbour Post")."""
    if (named := next((p for p in re.split(r",\s|\s/\s", text)[1:] if names_outlet(p.strip())), None)) is not None:
        return named.strip()
    # ... or between the names and the date closing the line: "By Helen Park, The Quayside, December 14, 2026"
    parts = [p.strip() for p in re.split(r",\s", _TRAILING_DATE.sub("", text))]
    if _TRAILING_DATE.search(text) and len(parts) == 2 and capitalised_words(parts[1], most=6):
        return parts[1]
    # ... or the outlet it was written for: "Interview by Sophie Marchand for The Coastline Review, ..."
    if (m := _WRITTEN_FOR.search(text)) is not None and names_outlet(m.group(1)):
        return m.group(1)
    for part in masthead_parts(text)[1:]:
        if not DATE_LINE.match(part) and not STAMP_LABEL.match(part) and capitalised_words(part):
            return part
    return None


def without_dateline(text: str) -> str:
    """``text`` without the wire dateline it opens with ("SEOUL, Nov. 21 (Pacific Wire) -- Korean Air said ..."
    -> "Korean Air said ..."): where and when the story was filed, which says nothing of what it tells."""
    m = _DATELINE.match(text)
    # ("OSAKA -- A fire broke out": a city alone is a dateline too, where its capitals name more than "US")
    return text[m.end() :] if m is not None and (len(m.group(1).strip()) >= 3 or m.group(2) or m.group(4)) else text


def dateline(text: str) -> Dateline | None:
    """The outlet and the day a wire dateline gives ("SEOUL, Jan. 7 (Northgate Wire) --"); None when the
    text opens with none."""
    m = _DATELINE.match(text)
    if m is None or not (m.group(2) or m.group(4) or m.group(5)):
        return None
    outlet = (m.group(4) or m.group(5) or m.group(6) or "").strip() or None
    if not m.group(2):
        return Dateline(outlet, None, None)
    try:
        when = datetime.strptime(m.group(2).replace(".", "")[:3] + " " + m.group(2).split()[-1], "%b %d")
    except ValueError:
        return Dateline(outlet, None, None)
    if m.group(3):
        return Dateline(outlet, date(int(m.group(3)), when.month, when.day), None)
    return Dateline(outlet, None, f"--{when.month:02d}-{when.day:02d}")


_YEAR = LazyPattern(r"\b(?:19|20)\d{2}\b")  # a date stamp ("Input 2026.03.04 18:12") is no entry's stamp
_CLOCK = LazyPattern(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)


def clock_in(text: str) -> bool:
    """A clock time somewhere in ``text`` ("11:52 a.m.", "14:05", "9 pm")."""
    return bool(_CLOCK.search(text))


def is_clock_stamp(text: str) -> bool:
    """A clock time alone, as a live entry prints it over its paragraph ("4:40 p.m. JST", "[14:05]")."""
    return bool(text) and len(text.split()) <= 4 and bool(_CLOCK.search(text)) and not _YEAR.search(text)


# A live entry's clock stamp at the start of its paragraph: "[14:05]", "10:42 JST —", "9:12 a.m. —", "3:45 PM
# KST:", also after the entry's label ("UPDATE 4:10 p.m. KST —"). The stamp ends at its bracket or at a dash
# or colon, so a sentence opening with a time ("10:42 is when ...") is none.
ENTRY_STAMP = LazyPattern(
    r"^(?:(?:UPDATE[SD]?|CORRECTION|CORRECTED),?\s)?\[?(?P<h>\d{1,2}):(?P<m>\d{2})(?:\s?(?P<ampm>[ap]\.?m\.?))?"
    r"(?:\s?(?:JST|KST|GMT|UTC|BST|CET|CEST|EST|EDT|ET|PST|PDT|PT)\b)?(?:\]\s?|\s*[—–:-]\s)",
    re.I,
)
