"""Sentence splitting with character offsets, aware of news abbreviations and closing quotes."""

from __future__ import annotations

import re

from seeds_loader.lazy import LazyPattern
from seeds_loader.models import Sentence

# Tokens that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
        "dept",
        "univ",
        "fig",
        "est",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "e.u",
        "d.c",
    ]
)
_CLOSERS = "\"'”’)]»"
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = LazyPattern(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s+)")
_LAST_WORD = LazyPattern(r"([\w.]+)$")
_WORD_WINDOW = 64
_NEXT_START = LazyPattern(r"\s+([\"'“‘(\[«]?)([A-Z0-9])")


def split_sentences(text: str, offset: int = 0) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences whose offsets are shifted by ``offset``."""
    sentences: list[Sentence] = []
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end <= start or not _is_boundary(text, match):
            continue
        _append(sentences, text, start, end, offset)
        start = _skip_space(text, end)
    if start < len(text):
        _append(sentences, text, start, len(text.rstrip()), offset)
    return tuple(sentences)


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    following = _NEXT_START.match(text, match.end())
    if following is None:
        return False
    punct = match.group(0)
    if punct.startswith("…") or punct.startswith("..."):
        # An ellipsis inside a quote ("livelihoods … such as") rarely ends a sentence.
        return punct[-1] in _CLOSERS
    if punct[0] != ".":
        return True
    # The word before the period, read from a short window: slicing the text up to here for every
    # candidate boundary made splitting quadratic in the paragraph's length.
    word = _LAST_WORD.search(text, max(0, match.start() - _WORD_WINDOW), match.start())
    if word is None:
        return True
    token = word.group(1).lower().rstrip(".")
    if token in _ABBREVIATIONS:
        return False
    # A single capital initial ("J. Smith") does not end a sentence.
    return not (len(token) == 1 and token.isalpha())


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    if end > start:
        out.append(Sentence(text=text[start:end], start=start + offset, end=end + offset))
