"""Stage 4: answer or refuse, as one calibrated decision over the best candidate's signals
(``index.decision``): what the analysis already refused stays refused; a person's quotes or introductions
answer "what did X say" and "who is X" outright; anything else is answered when the fitted probability
reaches the operating point."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from index.answer.context import Context, Probe
from index.answer.decision import SPEAKER_NAMED, Decision, Signals, fact_missing, speaker_missing
from index.answer.focus import Focus
from index.answer.needs import Needs
from index.answer.occasion import other_ordinal
from index.answer.question import Intent
from index.answer.rank import (
    Ranked,
    agent_weight,
    asked_by_label,
    asked_holds_kind,
    called,
    said_otherwise,
    speaks_of,
    speaks_of_months,
    text_around,
)
from index.answer.retrieve import Retrieved
from index.answer.speech import reports_speech
from index.answer.types import Refusal
from index.store.loaded import LoadedIndex
from index.store.passages import Passage
from index.text.dates import gives_start, told_as_past, weekday_words
from index.text.motion import goes, names_destination, only_origin
from index.text.nlp import modifies
from index.text.tokens import token_set, tokenize

logger = logging.getLogger(__name__)

SUBJECT_SHARE = 0.5
# Signals of closeness: a refusal they drive is "not close enough", any other "does not say it".
_CLOSENESS = frozenset({"fused", "ranked", "sentence", "margin"})


@dataclass(frozen=True)
class Decided:
    """The decision: refused (and why) or not, its confidence, and the signals it weighed."""

    refusal: Refusal | None
    confidence: float
    signals: Signals | None
    ranked: list[Ranked]


def decide(
    ctx: Context,
    decision: Decision,
    index: LoadedIndex,
    needs: Needs,
    found: Retrieved,
    ranked: list[Ranked],
    vector: np.ndarray,
    probe: Probe,
) -> Decided:
    parsed, refusal = needs.question, found.refusal
    # The person's introductions, or all their quotes, answer "who is X" and "what did X say" outright.
    whole_answer = parsed.person is not None and (
        parsed.intent is Intent.PROFILE or (parsed.intent is Intent.QUOTE and not parsed.has_topic)
    )
    settled = refusal is not None or whole_answer
    signals = _signals(ctx, index, ranked, needs, vector, probe, settled=settled) if ranked else None
    confidence = decision.probability(signals) if signals is not None else 0.0
    if not math.isfinite(confidence):
        # A damaged encoder or index gives NaN scores: that is never an answer, whatever else holds.
        logger.error("non-finite answer score for %r; refusing", parsed.text[:80])
        return Decided(refusal or Refusal.LOW_CONFIDENCE, 0.0, None, [])
    if refusal is None and ranked and whole_answer:
        confidence = 1.0
    if (
        refusal is None
        and signals is not None
        and not whole_answer
        and (speaker_missing(signals) or fact_missing(signals))
    ):
        # "what did the U.S. ambassador say" and the passage names no ambassador; "what did X say about Y"
        # and X's best passage holds no word of Y; "how much ... in 2012" and the passage has no 2012. (A
        # whole answer asks about nothing: "quotes from Kim Hae-won" has no topic its words could miss.)
        refusal = Refusal.NO_SUPPORT
    if refusal is None and confidence < ctx.config.min_confidence:
        # One decision; the reason named is the signal that pulled hardest toward refusing.
        weakest = decision.weakest(signals) if signals is not None else "fused"
        refusal = Refusal.LOW_CONFIDENCE if weakest in _CLOSENESS else Refusal.NO_SUPPORT
    return Decided(refusal, confidence, signals, ranked)


def _holds_kind(ctx: Context, index: LoadedIndex, needs: Needs, passage: Passage) -> bool:
    """The passage holds the kind of answer asked for, read as the decision reads its best passage's."""
    read = [passage.read(x.text) for x in passage.sentences]
    return needs.expectation.satisfied(read, text_around(ctx, index, passage), passage.context)


def _names_place(text: str, place: str) -> bool:
    """``text`` (lower case) names the place, or the first word of a name of several ("Hakata" of "Hakata
    Port")."""
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in dict.fromkeys((place, place.split()[0])))


def _signals(
    ctx: Context,
    index: LoadedIndex,
    ranked: list[Ranked],
    needs: Needs,
    vector: np.ndarray,
    probe: Probe,
    *,
    settled: bool = False,
) -> Signals:
    """What the answer-or-refuse decision weighs about the best passage (``index.decision.Signals``):
    - the kind of answer asked for is in it; "who did X" names someone;
    - the question's focus words: their idf-weighted share found in the passage, its headline or (at
      half weight) the paragraphs just before it;
    - what a missing weighty focus word means: how much closer the question comes to the answering
      sentence without it (a word that pulls away from the answer);
    - a speaker who is no person of the coverage must be named in the passage or be its outlet."""
    parsed = needs.question
    best = ranked[0]
    hit, chosen = best.hit, best.chosen
    passage = hit.passage
    meta = index.articles[passage.article_id]
    own = f"{passage.text} {passage.context} {meta.title or ''} {ctx.voices(index, passage)}"
    if needs.weekdays:  # "on Wednesday": the passage's "tomorrow", in an article of Tuesday, says it
        own = f"{own} {weekday_words(m for sentence in ctx.dates(index, passage) for m in sentence)}"
    nearby = ctx.nearby(index, passage)
    elsewhere: frozenset[str] = frozenset()
    if best.leaves_out:
        # The article prints the question asked over this passage; what its short question leaves out is the
        # article's subject ("Where do I apply?" in an explainer on the working holiday visa): its lead, and
        # (at half weight, as the paragraphs before) the rest of it.
        own = f"{own} {ctx.lead(index, passage.article_id)}"
        elsewhere = ctx.article_words(index, passage.article_id)
    asked = {q.id for q in needs.named}
    agent_ok = (
        not needs.asks_agent
        or asked_by_label(passage)
        or best.as_asked
        or any(
            agent_weight(
                index,
                passage,
                passage.sentences[i].text,
                asked,
                people_only=needs.expectation.person,
                verb=needs.agent_verb,
                whom=needs.asks_whom,
            )
            > 0.0
            for i in chosen
        )
    )
    speaker_named = 1.0
    if parsed.intent is Intent.QUOTE and parsed.person is None and parsed.target:
        around = f"{own} {nearby} {meta.outlet or ''}"
        target = Focus.of(parsed.target, index.lexical)
        speaker_named = target.support(around, steady=True)
        if (relation := needs.speaker_relation) is not None and not set(tokenize(relation)) <= token_set(around):
            speaker_named = 0.0  # "what did Lee Mi-kyung's son tell her": a passage of hers, no son in it
        # "What did Koizumi's US counterpart say": "Koizumi's dispatch to the US to meet his US counterpart"
        # names him, but nobody says anything there. (A reporter's printed question is the reporter's words; an
        # outlet's own article, "what does the Busan Courier urge", is the outlet's.)
        own_words = passage.kind == "question" or target.support(meta.outlet or "", steady=True) >= SPEAKER_NAMED
        # ... and a sentence telling their view with the very verb asked reports it: "what do Korean researchers
        # hope to find" over "Korean researchers hope to find evidence of the trade in iron".
        told = needs.view_verb is not None and any(
            needs.view_verb in token_set(passage.sentences[i].text) for i in chosen
        )
        if not own_words and not told and not any(reports_speech(index, passage, i) for i in chosen):
            speaker_named = 0.0
    year_ok = (not needs.years or speaks_of(ctx, index, passage, f"{own} {nearby}", needs.years)) and (
        not needs.months or speaks_of_months(ctx, index, passage, f"{own} {nearby}", needs.months)
    )
    # The subject's weightiest word, when it carries most of its weight ("north" of "North Korea"), must be
    # there: "Korea" alone is in nearly every passage.
    subject_ok = needs.subject is None or needs.subject.crux(f"{own} {nearby}", SUBJECT_SHARE) is None
    # The destination named, and not named as where the answering sentence's journey starts.
    destination_ok = names_destination(f"{own} {nearby}", needs.destination) and not any(
        only_origin(passage.sentences[i].text, needs.destination) for i in chosen
    )
    # The journey told in the passage or in the question it answers ("When will the remains arrive?" over
    # "On March 28, on a chartered flight to Incheon").
    direction_ok = needs.direction is None or goes(f"{passage.context} {passage.text}", needs.direction)
    crux_drop = 0.0
    # The missing word's pull costs a second encoder pass: not measured when nothing it could say changes
    # the outcome (a refusal already made, a whole answer, a speaker the passage does not name).
    settled = settled or speaker_named < SPEAKER_NAMED
    # "When do the fares start": "from April 1" says it without the verb; "when does the survey run": any date.
    spared = needs.occurring
    if best.as_asked and passage.context:
        # The question its article prints over it is the one asked, in words of its own ("What documents do I
        # need?" of "what papers do I need"): what it says otherwise is not missing.
        said = token_set(f"{passage.context} {ctx.voices(index, passage)} {meta.title or ''}")
        spared = spared | said_otherwise(needs, passage.context, said, ctx.words_alike)
    if best.extreme and needs.superlative is not None:
        spared = spared | needs.superlative.asked  # its figure is the most: no row says "most"
    if needs.onset and any(gives_start(passage.sentences[i].text) for i in chosen):
        spared = spared | needs.onset
    crux = None if settled else needs.focus.crux(f"{own} {nearby}", ctx.config.crux_share, spared)
    if crux is not None and (
        heads := [h for h in needs.focus.narrowed(crux, token_set(f"{own} {nearby}")) if modifies(parsed.text, crux, h)]
    ):
        # "How long does it take to make a taiko drum": "a drum of that size" in an article of taiko drums is
        # one; a word qualifying what the passage holds is missing only if its article never says the two
        # together ("their summit on Jan. 5" in an article that names Nara Prefecture is no Nara summit).
        together = set(pairwise(tokenize(ctx.article_text(index, passage.article_id))))
        if any((crux, h) in together for h in heads):
            crux = None
    if crux is not None:
        sentence = index.sentence_rows(passage)[best.answering]
        crux_drop = float(probe.without(crux) @ sentence) - float(vector @ sentence)
    return Signals(
        fused=float(hit.score),
        ranked=float(best.score),
        sentence=float(max(hit.sentence_scores)) if hit.sentence_scores else 0.0,
        type_ok=float(
            needs.expectation.satisfied(
                read := [passage.read(x.text) for x in passage.sentences], f"{own} {nearby}", passage.context
            )
            # An update revising the passage after it gives the kind asked of what that passage speaks of: "JNTO
            # revised the figure to 9.46 million" counts the visitors "nearly 9.5 million" counted.
            or (best.revises_next and _holds_kind(ctx, index, needs, ranked[1].hit.passage))
            # The article says it answers the very question asked ("When will the Prime Minister visit Korea?" —
            # "Nothing has been decided about the timing."), as the ranking reads it.
            or (best.as_asked and asked_holds_kind(needs, passage))
        ),
        agent_ok=float(agent_ok),
        speaker_named=float(speaker_named),
        # A word the passage may say otherwise is not missing from it.
        focus=float(
            needs.focus.support_in(
                needs.focus.found_in(own) | spared | called(index, needs, passage.text),
                needs.focus.found_in(nearby) | elsewhere,
                steady=True,
            )
        ),
        crux_drop=crux_drop,
        quote=float(parsed.intent is Intent.QUOTE and parsed.person is not None),
        margin=float(best.score - ranked[1].score) if len(ranked) > 1 else 0.0,
        year_ok=float(year_ok),
        subject_ok=float(subject_ok),
        destination_ok=float(destination_ok),
        direction_ok=float(direction_ok),
        specific_ok=float(not needs.expectation.bare(read)),
        relation_ok=float(needs.relations <= token_set(own)),
        place_ok=float(all(_names_place(ctx.article_text(index, passage.article_id), p) for p in needs.places)),
        ordinal_ok=float(not all(other_ordinal(needs.ordinal, passage.sentences[i].text) for i in chosen)),
        ahead_ok=float(
            not needs.ahead
            or not all(
                told_as_past(
                    passage.sentences[i].text, ctx.dates(index, passage)[i], ctx.as_of(index, passage.article_id)
                )
                for i in chosen
            )
        ),
    )
