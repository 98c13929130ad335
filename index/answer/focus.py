"""The question's focus: its content words, weighted by how rare they are, and how much of them a passage
holds (the ranking's focus bonus, the decision's ``focus`` signal, the missing-word test)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from index.text.acronyms import acronym_letters, long_form
from index.text.tokens import token_set, tokenize, with_twins
from seeds_loader.wordlists import word_list

if TYPE_CHECKING:
    from index.store.lexical import TermStatistics


def _filler() -> frozenset[str]:
    return frozenset(tokenize(" ".join(word_list("question_filler", "index"))))


_FILLER = _filler()
# Words whose absence from a passage says nothing of whether it is about what is asked: never the crux.
_NEVER_CRUX = frozenset(tokenize(" ".join(word_list("version_words", "index"))))
# A word found only in the paragraphs just before the passage counts for this much of its weight.
NEARBY_WEIGHT = 0.5


@dataclass(frozen=True)
class Focus:
    """The content words of a question (stemmed) with their weights: rarer words weigh more. ``terms``
    weigh by the coverage's own counts (what tells its passages apart, for ranking); ``steady`` by those
    counts pooled with ordinary English (``TermStatistics.focus_idf``), for how much of the question a
    passage holds, a measure that must not swing with how many articles are indexed."""

    terms: dict[str, float]
    steady: dict[str, float] | None = None
    # Acronyms as the question typed them ("CPTPP"): a text that spells one out holds it.
    acronyms: tuple[str, ...] = ()
    # The question as typed, read again only when a missing word may qualify another ("taiko drum": ``narrowed``).
    typed: str = ""

    @classmethod
    def of(cls, question: str, stats: TermStatistics, exclude: Iterable[str] = ()) -> Focus:
        skip = _FILLER | set(tokenize(" ".join(exclude)))
        words = [t for t in dict.fromkeys(tokenize(question)) if t not in skip]
        acronyms = tuple(w for w in question.replace("?", " ").split() if acronym_letters(w.strip(".,;:!'’\"")))
        return cls({t: stats.idf(t) for t in words}, {t: stats.focus_idf(t) for t in words}, acronyms, question)

    def holds_all_of(self, text: str) -> bool:
        """Every content word of ``text`` is a focus word: "Where do I apply?" is all in "where do I apply for a
        working holiday visa" (which names what the short one leaves out)."""
        return set(tokenize(text)) - _FILLER <= self.terms.keys()

    def foreign_to(self, text: str) -> bool:
        """``text`` has content words, and none is a focus word: "And the young officers?" of "how old is
        the commander" ("What is it for?" has none: it leaves all out)."""
        words = set(tokenize(text)) - _FILLER
        return bool(words) and not words & self.terms.keys()

    def found_in(self, text: str) -> frozenset[str]:
        """The words of ``text``, with the acronyms of the question it spells out ("the Comprehensive and
        Progressive Agreement for Trans-Pacific Partnership" holds "CPTPP")."""
        found = with_twins(token_set(text))
        spelled = [a for a in self.acronyms if not set(tokenize(a)) <= found and long_form(a, text) is not None]
        return found | frozenset(t for a in spelled for t in tokenize(a))

    def support(self, text: str, nearby: str = "", *, steady: bool = False) -> float:
        """Weighted share of the focus words found in ``text`` (1.0 when the question has none); a word
        found only in ``nearby`` text (the paragraphs before) counts for NEARBY_WEIGHT of its weight.
        ``steady``: weighed as the answer-or-refuse decision weighs them."""
        return self.support_in(self.found_in(text), self.found_in(nearby) if nearby else frozenset(), steady=steady)

    def support_in(self, found: frozenset[str], near: frozenset[str] = frozenset(), *, steady: bool = False) -> float:
        """``support`` over words already read."""
        terms = self.steady if steady and self.steady is not None else self.terms
        total = sum(terms.values())
        if not total:
            return 1.0
        score = sum(w if t in found else NEARBY_WEIGHT * w if t in near else 0.0 for t, w in terms.items())
        return score / total

    def as_typed(self, term: str) -> str | None:
        """The question's word whose stem is ``term``, as typed ("papers" of "paper"): what the encoder reads
        alone to find the word said otherwise (``synonyms``)."""
        return next((w for w in re.findall(r"[\w’'-]+", self.typed) if tokenize(w) == [term]), None)

    def narrowed(self, term: str, found: frozenset[str]) -> list[str]:
        """The focus words ``found`` holds that ``term`` is typed just before: "drum" for "taiko" of "taiko drum"
        where the text says "drum" (read from the question only here: few questions ever ask)."""
        return [
            b[0]
            for x, y in pairwise(self.typed.replace("?", " ").split())
            if x[-1:].isalnum()  # a comma ends a phrase
            and (a := tokenize(x))
            and a[-1] == term
            and (b := tokenize(y))
            and b[0] in self.terms
            and b[0] in found
        ]

    def crux(self, text: str, share: float, spared: frozenset[str] = frozenset()) -> str | None:
        """The weightiest focus word missing from ``text``, if it carries at least ``share`` of the weight (a
        word asking which version, "the old cap", never: the passage answers it in words of time; nor the
        ``spared`` words the passage may say otherwise)."""
        total = sum(self.terms.values())
        found = self.found_in(text)
        missing = [(w, t) for t, w in self.terms.items() if t not in found and t not in _NEVER_CRUX | spared]
        if not total or not missing:
            return None
        weight, term = max(missing)
        return term if weight / total >= share else None
