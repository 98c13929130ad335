"""The question's focus: its content words, weighted by how rare they are, and how much of them a passage
holds (the ranking's focus bonus, the decision's ``focus`` signal, the missing-word test)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.text.tokens import token_set, tokenize
from seeds_loader.wordlists import word_list

if TYPE_CHECKING:
    from index.store.lexical import TermStatistics


def _filler() -> frozenset[str]:
    return frozenset(tokenize(" ".join(word_list("question_filler", "index"))))


_FILLER = _filler()
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

    @classmethod
    def of(cls, question: str, stats: TermStatistics, exclude: Iterable[str] = ()) -> Focus:
        skip = _FILLER | set(tokenize(" ".join(exclude)))
        words = [t for t in dict.fromkeys(tokenize(question)) if t not in skip]
        return cls({t: stats.idf(t) for t in words}, {t: stats.focus_idf(t) for t in words})

    def support(self, text: str, nearby: str = "", *, steady: bool = False) -> float:
        """Weighted share of the focus words found in ``text`` (1.0 when the question has none); a word
        found only in ``nearby`` text (the paragraphs before) counts for NEARBY_WEIGHT of its weight.
        ``steady``: weighed as the answer-or-refuse decision weighs them."""
        return self.support_in(token_set(text), token_set(nearby) if nearby else frozenset(), steady=steady)

    def support_in(self, found: frozenset[str], near: frozenset[str] = frozenset(), *, steady: bool = False) -> float:
        """``support`` over words already read."""
        terms = self.steady if steady and self.steady is not None else self.terms
        total = sum(terms.values())
        if not total:
            return 1.0
        score = sum(w if t in found else NEARBY_WEIGHT * w if t in near else 0.0 for t, w in terms.items())
        return score / total

    def crux(self, text: str, share: float) -> str | None:
        """The weightiest focus word missing from ``text``, if it carries at least ``share`` of the weight."""
        total = sum(self.terms.values())
        found = token_set(text)
        missing = [(w, t) for t, w in self.terms.items() if t not in found]
        if not total or not missing:
            return None
        weight, term = max(missing)
        return term if weight / total >= share else None
