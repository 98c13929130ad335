"""Where quotation marks open and close in a sentence: the spans of quoted words (a quotation left open runs on
into the next sentence), the text with the quoted words blanked, single marks read as double ones, and a work's
title in quotation marks, which nobody speaks."""

from __future__ import annotations

import re

from seeds_loader.lazy import LazyPattern

# A quotation of fewer words than this, opened and never closed in its sentence, is no quotation left open.
MIN_QUOTE_WORDS = 4
_QUOTED = LazyPattern(r"[“\"]([^”\"]+)[”\"]")


def quoted_spans(text: str, continuing: bool = False) -> list[tuple[int, int]]:
    """Spans of quoted words, quotation marks included; a quote left open runs to the end of the sentence
    (a quotation continued in the next paragraph opens it again). When the sentence before left a quote
    open, this one is quoted up to its first closing mark (that span starts at -1: its mark is before)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    if continuing and not opens_with_quote(text):
        close = re.search(r"[”\"]", text)
        if close is None:
            return [(-1, len(text) + 1)]
        spans.append((-1, close.end()))
        offset = close.end()
    spans += [(a + offset, b + offset) for a, b in (m.span() for m in _QUOTED.finditer(text[offset:]))]
    end = spans[-1][1] if spans else 0
    opening = re.search(r"[“\"]", text[end:])
    if opening is not None and len(text[end + opening.end() :].split()) >= MIN_QUOTE_WORDS:
        spans.append((end + opening.start(), len(text) + 1))
    return [span for span in spans if not _names_a_work(text, span)]


# A work's title in quotation marks ("the author of “Shafts in the Sea.”"): words in title case after a word
# that introduces a work, which nobody speaks.
_WORK_CUE = LazyPattern(
    r"\b(?:of|titled|entitled|book|books|novel|memoir|film|documentary|song|album|play|series|report|exhibition)"
    r"[\s,]*$",
    re.I,
)
_SMALL_WORDS = frozenset("a an the of in on at to for and or but with from by".split())


def _names_a_work(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    if start < 0 or end > len(text):
        return False
    words = re.findall(r"[\w’'-]+", text[start:end])
    capitalised = all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return 0 < len(words) <= 10 and capitalised and bool(_WORK_CUE.search(text[:start]))


_SINGLE_CLOSE = LazyPattern(r"(?<=\S)’(?=[\s,.;:!?)—–]|$)")


def as_double_quoted(text: str) -> str:
    """``text`` with single quotation marks as double ones, character for character (offsets stay): an
    apostrophe inside a word (Lee’s, don’t) is left alone."""
    return _SINGLE_CLOSE.sub("”", text.replace("‘", "“"))


def opens_with_quote(text: str) -> bool:
    return text.lstrip().startswith(("“", '"'))


def within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def unquoted(text: str) -> str:
    """``text`` with everything inside quotation marks blanked (a quotation left open runs to the end:
    a quote that goes on over sentences or into the next paragraph is still someone else's words), the
    marks too, and a closing mark with no opening one."""
    blanked = _QUOTED_OR_OPEN.sub(lambda m: " " * len(m.group(0)), text)
    return blanked.replace("”", " ")


# From an opening mark (“ or ") to the next closing one (” or "), or to the end when it never closes.
_QUOTED_OR_OPEN = re.compile(r'[“"][^”"]*[”"]?')
