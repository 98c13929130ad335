"""Tunable answering behaviour, read by every stage."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.search.retrieval import FusionWeights


@dataclass(frozen=True)
class EngineConfig:
    """Tunable answering behaviour (defaults tuned on the dev questions; see README)."""

    weights: FusionWeights = field(default_factory=FusionWeights)
    # The decision's probability below which the answer is refused; 0.5 is the fitted operating point.
    min_confidence: float = 0.5
    intent_bonus: float = 0.08
    # How much a passage holding the question's focus words (their idf-weighted share) is preferred.
    focus_weight: float = 0.08
    # The sentence holding the kind of answer asked for (the counted figure, the duration) answers.
    type_bonus: float = 0.16
    duplicate_cosine: float = 0.92
    # A neighbouring sentence this close to the best joins the highlight (chosen held out: bench/extend_margin.py).
    extend_margin: float = 0.08
    overlap_weight: float = 0.15
    disagreement_pool: int = 20
    claim_topic_support: float = 0.5
    # A missing focus word weighing at least this share of the question is checked for its meaning
    # (Signals.crux_drop); the answer-or-refuse decision itself is fitted (index/answer/decision.py).
    crux_share: float = 0.2
    meaning_pool: int = 5  # the candidates a focus word is looked for in before its meaning is
    meaning_weight: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {self.min_confidence}")
