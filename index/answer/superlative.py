"""A superlative asked of a table: "which month had the most Korean visitors" is answered by the row whose
figure, in the column the question names, is the largest, though no sentence says "most"."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from index.store.passages import Passage
from index.text.tokens import token_set, tokenize
from seeds_loader.lazy import LazyPattern

# The words that ask for the largest or the smallest figure.
# ("Most" and "least" only as "the most" or ending the question: "what do most Koreans think", "at least" ask
# no superlative.)
_SUPERLATIVE = LazyPattern(
    r"(?P<largest>\bthe\s+most\b|\bmost(?=\s*\??\s*$)|\b(?:highest|largest|biggest|greatest|busiest|peak)\b)|"
    r"(?P<smallest>\bthe\s+least\b|(?<!\bat\s)\bleast(?=\s*\??\s*$)|\b(?:fewest|lowest|smallest|quietest)\b)",
    re.I,
)
# Words of a change: a superlative of one asks of the column of changes, not of the figures changed.
_CHANGE_WORDS = frozenset(tokenize("grow grew growth rise rose increase jump climb fall fell drop decline change"))
# A column of changes, so named ("Change on 2025").
_CHANGE_HEADER = frozenset(tokenize("change growth rise increase fall drop decline"))
# A figure in a cell: "960,000", "+12%", "3.5 million" (its first number).
_NUMBER = LazyPattern(r"[-+−]?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Superlative:
    """The largest (or smallest) asked for, the question's words that may name its column, and the stems of
    the superlative's own word ("most") and of the change it asks of ("grew"), which no row holds."""

    largest: bool
    words: frozenset[str]
    # The words that may name the column the rows are told apart by ("month" of "which month"; of "when", any
    # word of time): the first.
    rows: frozenset[str]
    asked: frozenset[str] = frozenset()
    # A change asked of ("grew the most"): its column gives changes ("Change on 2025", "+15%").
    change: bool = False


def asked_superlative(question: str, focus: frozenset[str], rows: frozenset[str] | None) -> Superlative | None:
    """The superlative a question asks, with its focus stems other than the superlative's own word
    ("which month had the most Korean visitors": largest, {"korean", "visitor"}), when it asks which one
    (``rows``: the stems of what it asks which of; None when it asks no which: "why is January the peak")."""
    m = _SUPERLATIVE.search(question)
    if m is None or not rows:
        return None
    # (a change's verb, "grew", is no more in a row than "most" is: its column of changes says it)
    changed = token_set(question) & _CHANGE_WORDS
    asked = frozenset(tokenize(m.group(0))) | changed
    return Superlative(m.group("largest") is not None, focus - asked, rows, asked, bool(changed))


def extreme_rows(passages: list[Passage], asked: Superlative) -> frozenset[int]:
    """The ids of the table rows among ``passages`` whose figure is the largest (or smallest) of their table,
    in the column whose header shares most words with the question (at least one, and never the column the
    rows are told apart by: "Month"); rows of tables of two rows or more only."""
    tables: dict[tuple[str, tuple[str, ...]], list[tuple[Passage, dict[str, float]]]] = defaultdict(list)
    for passage in passages:
        if (cells := _cells(passage)) is None:
            continue
        tables[(passage.article_id, tuple(cells))].append((passage, _figures(cells)))
    found: set[int] = set()
    for (_, headers), rows in tables.items():
        if len(rows) < 2 or not token_set(headers[0]) & asked.rows:
            continue  # ("which nationality": not a table of years)
        column = _column(headers, rows, asked)
        if column is None:
            continue
        values = [(row[column], passage.id) for passage, row in rows if column in row]
        best = max(v for v, _ in values) if asked.largest else min(v for v, _ in values)
        found |= {i for v, i in values if v == best}
    return frozenset(found)


def _cells(passage: Passage) -> dict[str, str] | None:
    """A table row's cells by header ("Month" -> "January"), read from its headers' line; None for any other
    passage."""
    if (headers := passage.row_headers) is None:
        return None
    cells = [c.strip() for c in passage.text.strip().strip("|").split("|")]
    out = {}
    for value in cells:
        if not value:
            continue
        m = re.search(rf"(?:^|[;.)]\s)([^;:.]{{1,60}}?):\s{re.escape(value)}(?=;|$)", headers)
        if m is not None:
            out[m.group(1).strip()] = value
    return out or None


def _figures(cells: dict[str, str]) -> dict[str, float]:
    out = {}
    for header, value in cells.items():
        if (m := _NUMBER.search(value)) is not None:
            out[header] = float(m.group(0).replace(",", "").replace("−", "-"))
    return out


def _column(headers: tuple[str, ...], rows: list[tuple[Passage, dict[str, float]]], asked: Superlative) -> str | None:
    """The figures' column the question names most words of, if any does: of changes when a change is asked
    ("grew the most": "Change on 2025"), else of anything but changes."""
    numeric = [h for h in headers if all(h in figures for _, figures in rows)]
    kind = [h for h in numeric if bool(token_set(h) & _CHANGE_HEADER) == asked.change]
    if asked.change:
        return kind[0] if len(kind) == 1 else None  # (which of several changes, the question cannot say)
    scored = [(len(token_set(h) & asked.words), h) for h in kind]
    best = max(scored, default=(0, ""))
    return best[1] if best[0] > 0 else None
