"""Acronyms a question uses where the coverage spells the words out: "How many MOUs were signed?" against
"23 memorandums of understanding were signed", "what did the PPP say" against "the People Power Party".
Read from the passages retrieved for the question, so a name the coverage never uses in either form is
still refused as unknown."""

from __future__ import annotations

import re
from itertools import pairwise

from seeds_loader.lazy import LazyPattern

# An acronym as typed: two to six capitals, perhaps plural ("MOUs").
_ACRONYM = LazyPattern(r"^([A-Z]{2,6})s?$")
# Words a long form may pass over without a letter of their own ("Comprehensive and Progressive ...").
SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "to", "a", "an", "&"})
_WORD = LazyPattern(r"[A-Za-z][A-Za-z’']*")


def acronym_letters(word: str) -> str | None:
    """The letters of ``word`` when it is an acronym ("MOUs" -> "mou"), else None."""
    m = _ACRONYM.match(word)
    return m.group(1).lower() if m else None


def long_form(word: str, text: str) -> str | None:
    """The words in ``text`` that ``word`` abbreviates, taken in order by their first letters: each letter
    starts a word, and small words between may be passed over. Capitalised words may also pass over one
    other word ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership" for CPTPP); words in
    lower case must hold a small word and pass over nothing else ("memorandums of understanding" for MOU,
    never "interior ministry fears" for IMF); two letters only stand for two capitalised words."""
    letters = acronym_letters(word)
    if letters is None:
        return None
    words = list(_WORD.finditer(text))  # hyphenated parts are words of their own ("Trans-Pacific")
    for i, first in enumerate(words):
        if first.group(0)[0].lower() != letters[0]:
            continue
        taken = _match(words, i + 1, letters[1:], skips=1 if len(letters) > 2 else 0)
        if taken is None:
            continue
        span = words[i : taken[-1] + 1]  # an acronym has two letters or more: a word is always taken
        content = [w.group(0) for w in span if w.group(0).lower() not in SMALL_WORDS]
        capitalised = all(w[0].isupper() for w in content)
        # Words passed over that are no small words.
        skipped = sum(
            1 for j, w in enumerate(span[1:], i + 1) if j not in taken and w.group(0).lower() not in SMALL_WORDS
        )
        if not capitalised and (len(letters) == 2 or skipped or len(content) == len(span)):
            continue
        if _contiguous(text, span):
            return text[first.start() : span[-1].end()]
    return None


def _match(words: list[re.Match[str]], j: int, letters: str, skips: int) -> list[int] | None:
    """The indexes of the words from ``words[j:]`` on that take ``letters`` one each, or None."""
    if not letters:
        return []
    if j >= len(words):
        return None
    word = words[j].group(0)
    if word[0].lower() == letters[0] and (rest := _match(words, j + 1, letters[1:], skips)) is not None:
        return [j, *rest]
    if word.lower() in SMALL_WORDS:
        return _match(words, j + 1, letters, skips)
    if skips:
        return _match(words, j + 1, letters, skips - 1)
    return None


def _contiguous(text: str, span: list[re.Match[str]]) -> bool:
    """The words are one phrase: only spaces and hyphens between them, no sentence or clause break."""
    return all(re.fullmatch(r"[\s-]+", text[a.end() : b.start()]) for a, b in pairwise(span))
