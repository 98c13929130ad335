"""Stage 3: score each candidate's sentences and rank the candidates. The answering sentence is the one
that holds the question's intent (a quote, a date), the kind of answer asked for and its focus words; a
missing focus word's meaning pulls toward the sentences it would have matched."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from index.answer.answerability import AnswerType, fills_who
from index.answer.context import Context, Probe
from index.answer.focus import Focus
from index.answer.needs import Needs, speakers_of
from index.answer.occasion import other_ordinal, other_side
from index.answer.question import Intent, interrogative, names_a_role
from index.answer.speech import spoken_by_body
from index.answer.superlative import extreme_rows
from index.answer.synonyms import WordVectors
from index.answer.updates import CORRECTION_WORDS, NOTICE_ONLY, revises, supersedes, updates_first, updates_raised
from index.people.attribution import referred_to
from index.people.names import REPORTING_VERBS
from index.people.registry import Person
from index.search.retrieval import Hit
from index.store.loaded import LoadedIndex
from index.store.passages import Passage
from index.text.dates import looks_ahead, months_printed, weekday_words, weekdays_named, years_named
from index.text.figures import past_verb
from index.text.motion import goes_only_against, only_origin
from index.text.nlp import described, in_apposition, passive_agent, subjects_of
from index.text.temporal import temporal_weight
from index.text.tokens import token_set, tokenize
from seeds_loader.lazy import LazyPattern

# A sentence this short says what comes rather than what is ("The opposition was cooler.", "He disagreed.").
_LEAD_WORDS = 6
_BARE_WORDS = 3  # a sentence this short is never shown alone
# A sentence that asks rather than tells: a question, or one reported ("a reader asks whether ...").
_ASKS = LazyPattern(
    r"\?[”\"’']?$|\b(?:asks?|asked|wonders?|wondered|wants? to know)\s+(?:us\s+)?(?:whether|if|about|how|why|what)\b"
    r"(?![^.]*,\s(?:he|she|they|[A-Z][\w’'-]+)\s(?:said|says|replied|answered))",
    re.I,
)


@dataclass(frozen=True)
class Meaning:
    """A focus word missing from the best candidates, and the question's vector without it."""

    crux: str
    without: np.ndarray


@dataclass(frozen=True)
class Ranked:
    """A candidate with its ranking score and the sentences that answer (indexes into its passage)."""

    score: float
    hit: Hit
    chosen: tuple[int, ...]
    best: int = -1  # the best of the chosen sentences (a neighbour may join it, before or after)
    # It stands under a question its article prints that is the one asked (``answers_as_asked``).
    as_asked: bool = False
    opens: bool = False  # ... and is the first passage under it
    # ... a question of fewer words, leaving out the article's subject ("Where do I apply?"), which its lead gives.
    leaves_out: bool = False
    # An update or correction set just above the passage it revises (``updates.updates_first``): what it
    # gives is of what that passage speaks of ("revised the figure to 9.46 million").
    revises_next: bool = False
    # What orders it beyond its score: it states the very act asked about (``_states``).
    lift: float = 0.0
    # A table row whose figure is the superlative asked ("the most visitors": ``superlative.extreme_rows``).
    extreme: bool = False

    @property
    def answering(self) -> int:
        """The sentence that answers best: the one the highlight was built around."""
        return self.best if self.best >= 0 else self.chosen[0]


def agent_weight(
    index: LoadedIndex,
    passage: Passage,
    sentence: str,
    asked: set[str],
    *,
    people_only: bool = False,
    verb: str | None = None,
    whom: bool = False,
) -> float:
    """How well a sentence says who did something: 1 when it gives the asked ``verb`` to someone the question
    does not name ("Hiroshi Tanabe has made taiko drums" for "who made the drums"), 0.5 when it only names
    someone else, or says who in words of its own ("a senior priest", an institution; only a person when
    ``people_only``), 0 when it says nobody else. Nought too when the one it gives the verb to is only a person
    the question names: "Lee is scheduled to travel to Nara ... for talks with Takaichi" does not say who is
    travelling with Lee."""
    subjects = subjects_of(sentence, verb) if verb is not None else []
    doers = [_people_in(index, passage, subject) for subject in subjects]
    if whom:
        # "Who did Lee meet": a sentence where Lee does it to someone else ("Lee visits Tokyo and meets Ishiba"),
        # not one where another does it, with or without Lee ("Lee and Takaichi meet in Nara").
        if not (_people_in(index, passage, sentence) - asked):
            return 0.0
        if doers and any(found and not found <= asked for found in doers):
            return 0.0
        return 1.0 if any(found and found <= asked for found in doers) else 0.5
    if asked and subjects and all(found and found <= asked for found in doers):
        return 0.0
    if not (
        bool(_people_in(index, passage, sentence) - asked)
        or (not people_only and fills_who(passage.read(sentence)))
        or _passive_doer(index, passage, sentence, asked, people_only=people_only)
    ):
        return 0.0
    if verb is None:
        return 1.0  # (the model is not installed: whoever is named may have done it)
    # ... a doer of the verb: someone else named, or someone in words of their own ("a senior priest")
    return 1.0 if any((found - asked) or (not found and not people_only) for found in doers) else 0.5


def _passive_doer(index: LoadedIndex, passage: Passage, sentence: str, asked: set[str], *, people_only: bool) -> bool:
    """A passive names who did it, however far its "by" stands from its verb ("were carried off the flight by
    an honour guard of the Navy"), and it is not one of the people asked about ("a dinner hosted by Takaichi"
    does not say who showed Takaichi round)."""
    if (doer := passive_agent(sentence)) is None:
        return False
    found = _people_in(index, passage, doer)
    return bool(found - asked) if found or people_only else True


def _people_in(index: LoadedIndex, passage: Passage, text: str) -> set[str]:
    """The people ``text`` names or refers to by role."""
    return {q.id for q in index.people.named_in(text)} | {
        q.id for q in referred_to(text, index.people, passage.article_id)
    }


def meaning(ctx: Context, hits: list[Hit], needs: Needs, probe: Probe) -> Meaning | None:
    """When the question's weightiest focus word is in none of the best candidates ("relics"), what it
    means is looked for instead: the question embedded without it, to see which sentences it pulls to."""
    c = ctx.config
    if needs.question.intent is Intent.QUOTE:
        return None  # a quote's topic is often its occasion ("after meeting her at APEC"), not its words
    crux = needs.focus.crux(" ".join(h.passage.text for h in hits[: c.meaning_pool]), c.crux_share)
    return None if crux is None else Meaning(crux, probe.without(crux))


def rank(ctx: Context, index: LoadedIndex, hits: list[Hit], needs: Needs, found: Meaning | None) -> list[Ranked]:
    """Re-rank with the question's intent, the kind of answer it wants, its focus words and what a missing
    focus word means."""
    c = ctx.config
    parsed = needs.question
    ranked = []
    referenced = needs.referenced
    recency = ctx.recency(index) if needs.wants_newest else None
    holds: dict[int, bool] = {}
    # "What did X say about Y": X's passages that touch Y at all come before those that do not (an answer
    # holding no word of Y is refused: decision.topic_missing).
    topical: dict[int, bool] = {}
    aside: dict[int, bool] = {}
    on_topic = parsed.intent is Intent.QUOTE and parsed.person is not None and parsed.has_topic
    articles = Counter(h.passage.article_id for h in hits)
    # "What did X say": the highlight is X's words wherever the passage holds some.
    speakers = (
        {p.id for p in speakers_of(parsed)} if parsed.intent is Intent.QUOTE and parsed.person is not None else None
    )
    # Only these intents weigh a sentence's kind (a date, a quote, a role); for the rest it is nought.
    weighs_intent = parsed.intent in (Intent.WHEN, Intent.WHO) or (
        parsed.intent in (Intent.QUOTE, Intent.PROFILE) and parsed.person is not None
    )
    is_typed = needs.expectation.typed
    profiled = parsed.person if parsed.intent is Intent.PROFILE and parsed.person else None
    asked = {q.id for q in needs.named}
    # "Which month had the most visitors": the table row with the largest figure in the column asked about.
    extreme = extreme_rows([h.passage for h in hits], needs.superlative) if needs.superlative else frozenset()
    # "What did Keidanren say", of a body or a country, not a person: passages where it speaks first.
    body = (
        Focus.of(parsed.target, index.lexical)
        if parsed.intent is Intent.QUOTE and parsed.person is None and parsed.target and not names_a_role(parsed.target)
        else None
    )
    spoken: dict[int, bool] = {}
    updating: list[int] = []  # updates and corrections beside a passage of their article
    for hit in hits:
        pull = [0.0] * len(hit.passage.sentences)
        if found is not None:
            without = index.sentence_rows(hit.passage) @ found.without
            pull = [c.meaning_weight * (s - float(w)) for s, w in zip(hit.sentence_scores, without, strict=True)]
        # The intent's feature (quotes, dates) and the answer type's (a duration, the counted figure).
        if needs.asks_agent and asked_by_label(hit.passage):
            kinds = [1.0] * len(hit.passage.sentences)  # "who asked about X": a reporter's question's label says
        elif needs.asks_agent:
            # "Who showed Lee and Takaichi around": the sentence naming someone else answers.
            only = needs.expectation.person
            kinds = [
                agent_weight(
                    index, hit.passage, x.text, asked, people_only=only, verb=needs.agent_verb, whom=needs.asks_whom
                )
                for x in hit.passage.sentences
            ]
        else:
            around = f"{hit.passage.text} {ctx.nearby(index, hit.passage)}" if needs.expectation.subject else ""
            asked_in = hit.passage.context  # the question the passage answers, which may say what it counts
            kinds = [
                needs.expectation.weight(hit.passage.read(x.text), around, asked_in) for x in hit.passage.sentences
            ]
        # A printed question all of whose words are asked leaves out what the asked one adds: the article's subject.
        printed = (m := _LAST_QUESTION.search(hit.passage.context)) is not None and needs.focus.holds_all_of(m.group(0))
        aid = hit.passage.article_id
        as_asked = answers_as_asked(
            needs,
            hit.passage,
            ctx.voices(index, hit.passage),
            f"{index.articles[aid].title or ''} {ctx.lead(index, aid) if printed else ''}",
            ctx.article_words(index, aid) if printed else None,
            ctx.words_alike,
        )
        # The first passage under the question its article prints opens its answer ("Nothing." under "What does
        # it cost participants?"); what follows under the same question (a table's lead-in) goes on with it.
        opens = as_asked and _opens_answer(index, hit.passage)
        if as_asked and asked_holds_kind(needs, hit.passage):
            # The article says this passage answers the very question ("Who is doing the DNA tests?" over
            # "Korea's National Forensic Service and ..."): it holds the kind of answer asked for.
            kinds = [max(k, 1.0) for k in kinds]
        # "When will they go back": a date on or before the article's own ("went back on Friday") is past,
        # unless the sentence tells of something to come ("... recovered last August will undergo").
        # (Only when a date is what is asked: a month alone is read as past unless something says it is to
        # come, a guess a "where will" question need not make; its decision weighs dates printed with a year.)
        # (A count to come as well: "how many students are going" is not said by "last year 40 took part".)
        dated_ahead = needs.ahead and (parsed.intent is Intent.WHEN or needs.expectation.kind is AnswerType.COUNT)
        past = [dated_ahead and _past_only(ctx, index, hit.passage, i) for i in range(len(kinds))]
        kinds = [0.0 if p else k for p, k in zip(past, kinds, strict=True)]
        holds[id(hit)] = needs.expectation.satisfied_by(kinds)
        if profiled is not None:
            # "Who is Kim Dong-won": a passage saying what he is ("With me is Kim Dong-won, who heads the
            # association of families") answers before one that only names him ("Kim Dong-won, thank you.").
            holds[id(hit)] = any(gives_role(x.text, profiled) for x in hit.passage.sentences)
        feature = [
            (c.intent_bonus * _sentence_feature(index, hit, i, needs, past[i]) if weighs_intent else 0.0)
            + (c.type_bonus * w if is_typed else 0.0)
            # "Which airport did Lee fly into": a sentence of his leaving cannot say.
            - (c.type_bonus if needs.direction and goes_only_against(x.text, needs.direction) else 0.0)
            # "Leave for Seoul": a sentence of leaving from Seoul tells of another journey.
            - (c.type_bonus if only_origin(x.text, needs.destination) else 0.0)
            # "After every summit": a sentence of what comes before one tells of another time.
            - (c.type_bonus if other_side(needs.timing, x.text) or other_ordinal(needs.ordinal, x.text) else 0.0)
            for i, (w, x) in enumerate(zip(kinds, hit.passage.sentences, strict=True))
        ]
        words = ctx.words(index, hit.passage)
        overlap = [
            _overlap(needs.focus.terms, _with_days(ctx, index, hit.passage, i, needs, words.sentences[i]))
            for i in range(len(hit.passage.sentences))
        ]
        adjusted = [
            s + f + c.overlap_weight * o + m
            for s, f, o, m in zip(hit.sentence_scores, feature, overlap, pull, strict=True)
        ]
        if speakers is not None:
            theirs = [_spoken_by(index, hit, i, speakers) for i in range(len(adjusted))]
            if any(theirs):
                adjusted = [a if mine else -math.inf for a, mine in zip(adjusted, theirs, strict=True)]
        elif needs.asks_agent and any(kinds):
            # "Who did it": a sentence that names no one else cannot say who; one that gives the very deed to
            # someone says it before one that only names someone.
            least = max(kinds)
            adjusted = [a if k >= least else -math.inf for a, k in zip(adjusted, kinds, strict=True)]
        best = max(range(len(adjusted)), key=adjusted.__getitem__) if adjusted else 0  # the first best
        bonus = (feature[best] + pull[best]) if feature else 0.0
        chosen = _extend(ctx, adjusted, best, hit, index)
        if opens and 0 < best <= _OPENING:
            # ... and its opening sentence is the answer's first word ("A friend asked me in 2023."), shown
            # with the sentence the question's words are closest to.
            chosen = list(range(0, max(chosen) + 1))
        if parsed.intent is Intent.PROFILE and parsed.person is not None:
            chosen = _with_role(chosen, hit.passage, parsed.person)
        if hit.passage.article_id in referenced:
            bonus += c.intent_bonus
        lift = 0.0
        if needs.predicate is not None and any(
            _states(needs, words.sentences[i])
            and (not is_typed or kinds[i] > 0.0)
            and not (needs.ahead and _done(needs.predicate, hit.passage.sentences[i].text))
            for i in chosen
        ):
            # "What did the leaders agree about AI": a sentence stating the very act asked about ("agreeing to
            # launch consultations on AI") answers before one that only shares its nouns ("would discuss AI"),
            # when it is about what is asked (another of its words) and, if a kind is asked, holds it. (An order
            # only: the score the decision weighs is that of the ranking it was fitted on.)
            lift = c.focus_weight
        if as_asked:  # ... and answers it before a passage that only shares its words
            bonus += c.intent_bonus
        if recency is not None:  # "the latest", "today": the newest coverage first
            bonus += c.intent_bonus * recency.get(hit.passage.article_id, 0.0)
        # The passage that holds what is asked about (a quote's topic, the question's rare words) first.
        support = needs.focus.support_in(words.own | called(index, needs, hit.passage.text), words.nearby)
        bonus += c.focus_weight * support
        # A passage of theirs holding the very kind of answer asked for ("what should relatives be warned
        # about": "Families should be told ...") touches the topic as surely as one of its words does.
        touches = support > 0.0 or (is_typed and holds[id(hit)])
        # "Where did Choi Min-ah find the letters": a passage naming her, or in her voice, that holds nothing
        # else asked ("Choi Min-ah is a novelist in Busan") comes after those that do.
        # Its own words only: the paragraphs before it name what they name ("relatives" two paragraphs up is
        # no answer to "is Park Ok-soon related to Park Se-hoon"); but a figure of what is counted holds the
        # counted word ("served from 1990 to 2021" for "how many years was Ahn a diplomat").
        aside[id(hit)] = (
            needs.beyond is not None
            and needs.beyond.support_in(words.own) == 0.0
            and not (needs.expectation.kind is AnswerType.COUNT and holds[id(hit)])
        )
        topical[id(hit)] = (
            (not on_topic or touches)
            and (not needs.days or _on_day(ctx, index, hit.passage, needs))
            # "on Thursday": a passage that speaks of that day of the week, or of an article or entry of it
            and (not needs.weekdays or _on_weekday(ctx, index, hit.passage, needs))
            # "in 2023": a passage that speaks of that year (the answer is refused without it)
            and (not needs.years or _speaks_of_years(ctx, index, hit.passage, needs.years))
            # "Choi's grandfather": a passage that speaks of a grandfather (the same)
            and needs.relations <= words.own
            # "after every summit": not a passage that speaks only of what comes before one
            and not other_side(needs.timing, hit.passage.text)
            # "the second meeting": not a passage that speaks only of the first
            and not other_ordinal(needs.ordinal, hit.passage.text)
            # "in April": a passage that speaks of that month, or of an article or entry of that month
            and (
                not needs.months
                or speaks_of_months(ctx, index, hit.passage, text_around(ctx, index, hit.passage), needs.months)
            )
        )
        if body is not None:
            spoken[id(hit)] = spoken_by_body(ctx, index, needs, body, hit.passage, words.sentences)
        if (
            not needs.earlier
            and supersedes(hit.passage)
            and revises(hit.passage)
            and articles[hit.passage.article_id] > 1
            and (not is_typed or max(kinds, default=0.0) > 0.0)
        ):
            # An update or correction beside what it revises: the revised figure is not the current one
            # (when what is asked is of a kind, only an update that gives that kind: "rescheduled for
            # September 27" says when, not why the dive was put off). Settled below, once every passage
            # of its article is read.
            updating.append(id(hit))
        ranked.append(
            Ranked(
                hit.score + bonus,
                hit,
                tuple(chosen),
                best,
                as_asked,
                opens,
                as_asked and printed,
                lift=lift,
                extreme=hit.passage.id in extreme,
            )
        )
    # (the focus words a passage's own words hold, read only when an update is among the passages)
    ranked = updates_raised(
        ranked, updating, lambda r: needs.focus.terms.keys() & ctx.words(index, r.hit.passage).own, c.intent_bonus
    )
    # A reporter's question answers only "what was asked": after every other passage. Then passages
    # holding the kind of answer asked for (the counted figure, a duration) first.
    # (A host's turn of several sentences that asks nothing introduces: "Welcome back. My guest is Professor Ogawa,
    # who has studied exchanges for twenty years." tells what it tells, as any passage does.)
    asked_only = {
        id(h) for h in hits if h.passage.kind == "question" and not parsed.about_asking and not _introduces(h.passage)
    }
    # ... and so does a list's lead-in alone ("The survey will include:"): its items, which carry it, answer.
    asked_only |= {id(h) for h in hits if _leads_in(index, h.passage)}
    # A notice that only says an earlier version was wrong answers only a question about corrections.
    if not CORRECTION_WORDS & needs.focus.terms.keys():
        # ... and "who is X" is answered by their introductions, not by a correction of X's name.
        profile = parsed.intent is Intent.PROFILE
        asked_only |= {id(h) for h in hits if supersedes(h.passage) and (profile or not revises(h.passage))}
    ranked.sort(
        key=lambda r: (
            id(r.hit) not in asked_only,
            topical[id(r.hit)],
            spoken.get(id(r.hit), True),
            r.extreme,
            not aside[id(r.hit)],
            holds[id(r.hit)],
            # The article says this passage answers the very question asked (an interview's, an FAQ's): before
            # passages that only share its words, as a reader of that article takes it.
            r.as_asked,
            r.opens,
            r.score + r.lift,
        ),
        reverse=True,
    )
    return updates_first(ranked, needs, lambda article_id: index.articles[article_id].published)


# Words before a past participle that make it no past: "will be held", "is to be held", "has been set".
_NOT_PAST_BEFORE = frozenset({"be", "been", "being", "to", "will", "would", "shall", "’ll", "'ll"})


def _done(predicate: str, sentence: str) -> bool:
    """The sentence tells the act asked about only as done ("Lee held summit talks with Xi"), which cannot say
    where or when the next one will be ("will be held in Seoul" can)."""
    words = sentence.split()
    bare = [w.strip(".,;:!?\"“”’'()") for w in words]
    forms = [i for i, w in enumerate(bare) if tokenize(w) == [predicate]]
    return bool(forms) and all(
        past_verb(bare[i]) and (i == 0 or words[i - 1].lower() not in _NOT_PAST_BEFORE) for i in forms
    )


def _states(needs: Needs, words: frozenset[str]) -> bool:
    """The sentence's words hold the verb the question asks about and another of its focus words."""
    return needs.predicate in words and any(t in words for t in needs.focus.terms if t != needs.predicate)


def _spoken_by(index: LoadedIndex, hit: Hit, i: int, speakers: set[str]) -> bool:
    """Their own words, or their words reported by someone else ("Lee asked Xi ..., Kang said")."""
    quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[i].start)
    # (``reports``: those the sentence has speak, by name or by role: ""The president asked me ...," Furuya said")
    return quote is not None and (quote.person_id in speakers or not speakers.isdisjoint(quote.reports))


def _sentence_feature(index: LoadedIndex, hit: Hit, i: int, needs: Needs, past: bool) -> float:
    """``past``: the sentence dates only what was done before its article, when a "when will" is asked."""
    parsed = needs.question
    sentence = hit.passage.sentences[i]
    if parsed.intent is Intent.WHEN:
        weight = temporal_weight(sentence.text)
        if past:
            return 0.0  # "When will they go back": "went back on Friday", in Friday's paper, was before
        # ... and a date told with nothing to come ("the talks opened on Feb. 5") half counts.
        return weight * (0.5 if needs.ahead and not looks_ahead(sentence.text) else 1.0)
    quote = index.quote_at(hit.passage.article_id, sentence.start)
    # Reporters asking what someone said want the exact words: direct quotes outrank paraphrase.
    weight = 0.0 if quote is None else (1.0 if quote.quoted and len(quote.quoted.split()) >= 4 else 0.25)
    if parsed.intent is Intent.WHO:
        return weight
    if parsed.intent is Intent.QUOTE and parsed.person is not None:
        speakers = {p.id for p in speakers_of(parsed)}
        if quote is not None and quote.person_id in speakers:
            return weight
        # Their words at second hand come after their own, before anyone else's.
        return 0.0 if quote is not None and not speakers.isdisjoint(quote.reports) else -1.0
    if parsed.intent is Intent.PROFILE and parsed.person is not None:
        # "Who is X" is answered by the sentence that says what X is (a role the coverage gives them),
        # else by one that names them in full: "A forensic geneticist at Sorim University …, he knows"
        # over "For Park Se-hoon, the agreement is the easy part."
        if gives_role(sentence.text, parsed.person):
            return 1.0
        return 0.5 if any(v in sentence.text for v in parsed.person.variants) else 0.0
    return 0.0


def _past_only(ctx: Context, index: LoadedIndex, passage: Passage, i: int) -> bool:
    """Sentence ``i`` tells of nothing to come, and every date it gives falls on or before its article's own."""
    if looks_ahead(passage.sentences[i].text):
        return False
    published = index.articles[passage.article_id].published
    dated = [m.when for m in ctx.dates(index, passage)[i] if m.when is not None]
    return published is not None and bool(dated) and all(d <= published for d in dated)


def _extend(ctx: Context, scores: list[float], best: int, hit: Hit, index: LoadedIndex) -> list[int]:
    """The best sentence, plus a neighbour that scores nearly as well or continues the same quote; a
    short lead that only announces what follows ("The opposition was cooler.") comes with the quote
    after it, which says what it announces, and a notice that an earlier version was wrong with the
    sentence that corrects it."""
    chosen = [best]
    best_quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[best].start)
    following = best + 1
    if following < len(scores) and NOTICE_ONLY.search(hit.passage.sentences[best].text):
        # "An earlier version misstated where the stones were made." says what was wrong; the sentence
        # after it says what is right ("They were made in Kamakura, not Kyoto.").
        return [best, following]
    if following < len(scores) and _ASKS.search(hit.passage.sentences[best].text):
        # "A reader asks whether the ferry takes cars." restates the question; the next sentence answers it.
        return [best, following]
    if following < len(scores) and len(hit.passage.sentences[best].text.split()) <= _BARE_WORDS:
        # "Once." or "I doubt it." answers only with what follows it ("On Tuesday night the Japanese side ...").
        return [best, following]
    if following < len(scores) and len(hit.passage.sentences[best].text.split()) <= _LEAD_WORDS:
        after = index.quote_at(hit.passage.article_id, hit.passage.sentences[following].start)
        if after is not None and (best_quote is None or after.person_id == best_quote.person_id):
            # "My worry lies elsewhere." in a column: the same voice says what it is next.
            return [best, following]
    for j in (best - 1, best + 1):
        if not 0 <= j < len(scores):
            continue
        quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[j].start)
        same_speaker = best_quote is not None and quote is not None and quote.person_id == best_quote.person_id
        if scores[j] >= scores[best] - ctx.config.extend_margin or (
            same_speaker and quote.resolved_by == "continuation"
        ):
            chosen.append(j)
            break
    return sorted(chosen)


def _with_days(
    ctx: Context, index: LoadedIndex, passage: Passage, i: int, needs: Needs, words: frozenset[str]
) -> frozenset[str]:
    """The words of sentence ``i`` with the days of the week it speaks of, when the question names one ("on
    Wednesday")."""
    if not needs.weekdays:
        return words
    return words | token_set(weekday_words(ctx.dates(index, passage)[i]))


def _overlap(terms: dict[str, float], found: frozenset[str]) -> float:
    """Share of the question's content words (idf-weighted, stemmed) found in the sentence's words."""
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in found) / total if total else 0.0


def gives_role(text: str, person: Person) -> bool:
    """The sentence says what the person is: one of the roles the coverage gives them, or a definition of
    them ("Park Soon-ja, 79, is the daughter of a Chosei victim")."""
    lowered = text.lower()
    if any(role.lower() in lowered for role in person.roles):
        return True
    return any(
        re.search(rf"\b{re.escape(v)}(?:,\s[^,]{{1,40}},)?\s(?:is|was)\s(?:a|an|the)\b", text)
        # ... or an appositive: "My guest today is Ishikawa Rei, a music critic who ..." (a role no list holds;
        # not "For Park Se-hoon, the agreement is the easy part")
        or (re.search(rf"\b{re.escape(v)},\s(?:\d{{1,3}},\s)?(?:a|an|the)\s[a-z]", text) and in_apposition(text, v))
        # ... or what they do: "Ikuko Sato, 58, has led the volunteer divers" (not "X said", nor "X, thank you.")
        or described(text, v, _REPORTING)
        for v in person.variants
        if len(v.split()) > 1
    )


_REPORTING = LazyPattern(REPORTING_VERBS)


def _with_role(chosen: list[int], passage: Passage, person: Person) -> list[int]:
    """For "who is X": the highlight names X, and says what X is when the next or previous sentence does
    ("For Park Se-hoon, the agreement is the easy part. A forensic geneticist at …, he knows …")."""
    sentences = passage.sentences
    if any(gives_role(sentences[i].text, person) for i in chosen):
        return chosen
    for j in (max(chosen) + 1, min(chosen) - 1):
        if 0 <= j < len(sentences) and gives_role(sentences[j].text, person):
            return sorted([*chosen, j])
    return chosen


def _on_day(ctx: Context, index: LoadedIndex, passage: Passage, needs: Needs) -> bool:
    """The passage speaks of a day the question names ("on the 14th"): a live entry under that day, or a
    date in it that resolves to that day against its article's date."""
    days = {(m.when.month, m.when.day) for sentence in ctx.dates(index, passage) for m in sentence
            if m.when and m.precision == "day"}  # fmt: skip
    if passage.day:
        days.add((passage.day.month, passage.day.day))
    return any((month or d_month, day) == (d_month, d_day) for month, day in needs.days for d_month, d_day in days)


def _on_weekday(ctx: Context, index: LoadedIndex, passage: Passage, needs: Needs) -> bool:
    """The passage speaks of a day of the week the question names ("earlier on Thursday"): it or its context
    names it, a date in it falls on it ("tomorrow" in a transcript of Tuesday), or its live entry's day or
    its article's date is one."""
    said = weekdays_named(f"{passage.context} {passage.text}")
    said |= weekdays_named(weekday_words(m for sentence in ctx.dates(index, passage) for m in sentence))
    for day in (passage.day, index.articles[passage.article_id].published):
        if day is not None:
            said |= {day.strftime("%A").lower()}
    return bool(needs.weekdays & said)


# The last question of a passage's context: the one it answers.
_LAST_QUESTION = LazyPattern(r"[^.?!]*\?\s*$")
# Of the question's focus weight, the share an explainer's question must hold to be the question asked.
_AS_ASKED = 0.8


def called(index: LoadedIndex, needs: Needs, text: str) -> frozenset[str]:
    """The name words of the people a question of fact is about whom ``text`` calls by a name alone ("Ko, 58,
    sells kimchi" holds "Ko Yong-nam" of "how old is Ko Yong-nam")."""
    return frozenset(
        t for p in needs.about if index.people.called_in(p, text) for v in p.variants for t in token_set(v)
    )


def answers_as_asked(
    needs: Needs,
    passage: Passage,
    voices: str = "",
    title: str = "",
    article: frozenset[str] | None = None,
    alike: WordVectors | None = None,
) -> bool:
    """The passage answers a question its article prints (an FAQ's, an explainer's, an interviewer's) that
    holds nearly all of what is asked. ``voices``: who answers it, whom an interviewer's "you" means ("How
    did you hear ...?" asked of Ikuko Sato is "How did Ikuko Sato hear ...?"). ``title``: the article's
    headline, whose subject an explainer's short questions ask about ("Who proposed it?" under "Five things
    to know about the Chosei memorial plan"), with its lead, which says what the article is about.
    ``article``: the stems of the whole article, whose subject a short question leaves out ("Where do I apply?"
    in an explainer on the working holiday visa): a word asked found only there counts for half its weight
    (``NEARBY_WEIGHT``). ``alike``: words encoded alone, to find a word asked that the printed question says
    otherwise."""
    if passage.row_headers:
        # A table's row, read with its header and caption ("Place: Gyeongju (APEC); ... Main result: First meeting
        # with Takaichi"), holding nearly all of what is asked: the table was made to answer just that.
        return needs.focus.support_in(token_set(f"{passage.text} {passage.row_headers} {title}")) >= _AS_ASKED
    if not passage.context.rstrip().endswith("?"):
        return False
    # ... and asks what is asked: "Who can give a sample?" is not "How can relatives give a DNA sample?", nor
    # "Who will pay for the funeral?" a host's "The government says it will pay for the funeral. Is that enough?"
    asked = needs.question.asks
    last = _LAST_QUESTION.search(passage.context)
    if asked is not None and last is not None and interrogative(last.group(0)) not in (asked, None):
        return False
    found = token_set(f"{passage.context} {voices} {title}")
    said: frozenset[str] = frozenset()
    if alike is not None and needs.focus.support_in(found, article or frozenset()) < _AS_ASKED:
        said = said_otherwise(needs, passage.context, found, alike)
    # ... and asks something of it itself: who answers and the headline complete a question ("How did you
    # hear?"), but "And the young officers?" asked of the commander is no "how old is the commander".
    if needs.focus.foreign_to(passage.context) and not said:  # (all of it: "... go to Horyuji. Why that temple?")
        return False
    return needs.focus.support_in(found | said, article or frozenset()) >= _AS_ASKED


def said_otherwise(needs: Needs, printed: str, found: frozenset[str], alike: WordVectors) -> frozenset[str]:
    """The focus words a printed question says in words of its own: "What documents do I need?" of "what
    papers do I need", "Has Japan agreed?" of "has Tokyo agreed" (the two weightiest words ``found`` lacks,
    each looked for once: ``synonyms``)."""
    missing = sorted(((w, t) for t, w in needs.focus.terms.items() if t not in found), reverse=True)
    return frozenset(
        t
        for _, t in missing[:_SAID_OTHERWISE]
        if (typed := needs.focus.as_typed(t)) is not None and alike.said_otherwise(typed, printed)
    )


_SAID_OTHERWISE = 2


def asked_holds_kind(needs: Needs, passage: Passage) -> bool:
    """A passage answering the very question asked (``answers_as_asked``) holds the kind of answer asked for,
    but for a table's row asked how many: a row is one of what the table lists (a row of a table of identified
    victims does not say how many)."""
    return not (passage.row_headers and needs.expectation.kind is AnswerType.COUNT)


# How far into an answer its opening sentence is still shown with the best one.
_OPENING = 2


def _introduces(passage: Passage) -> bool:
    """A question's passage that asks nothing and runs to more than one sentence: an introduction."""
    return len(passage.sentences) > 1 and "?" not in passage.text


def _opens_answer(index: LoadedIndex, passage: Passage) -> bool:
    """The passage is the first under the question its article prints (the one before it in the article
    stands under another question, or none)."""
    if passage.part > 0:
        return False
    first = index.passages.of_article(passage.article_id).start
    return passage.id == first or index.passages[passage.id - 1].context != passage.context


def _leads_in(index: LoadedIndex, passage: Passage) -> bool:
    """A list's lead-in and nothing else ("The survey will include:"): one sentence ending with a colon, which
    the passage after it carries as its context. (One that says something first, "The families will be told
    first. Then:", may answer.)"""
    if len(passage.sentences) > 1 or not passage.text.rstrip().endswith(":"):
        return False
    following = passage.id + 1
    return following < index.passages.of_article(passage.article_id).stop and (
        index.passages[following].context == passage.text
    )


def asked_by_label(passage: Passage) -> bool:
    """A reporter's question whose label names who asked ("Reporter (Seoul Evening)")."""
    return passage.kind == "question" and bool(passage.context)


def text_around(ctx: Context, index: LoadedIndex, passage: Passage) -> str:
    """The passage with its context, who speaks in it, its headline and the paragraphs before it."""
    meta = index.articles[passage.article_id]
    own = f"{passage.text} {passage.context} {ctx.voices(index, passage)}"
    return f"{own} {meta.title or ''} {ctx.nearby(index, passage)}"


def _speaks_of_years(ctx: Context, index: LoadedIndex, passage: Passage, years: frozenset[str]) -> bool:
    return speaks_of(ctx, index, passage, text_around(ctx, index, passage), years)


def speaks_of_months(ctx: Context, index: LoadedIndex, passage: Passage, text: str, months: frozenset[int]) -> bool:
    """The passage speaks of one of the months: printed in ``text``, resolved from its dates ("last month",
    "on the 14th"), or, when it names none itself, the month its article was published in or its live entry
    stands under (a table's row "| February | 870,000 |" in an article of June speaks of February only)."""
    found = set(months_printed(text))
    found |= {m.when.month for sentence in ctx.dates(index, passage) for m in sentence if m.when is not None}
    if not months_printed(f"{passage.context} {passage.text}"):
        published = index.articles[passage.article_id].published
        found |= {d.month for d in (published, passage.day) if d is not None}
    return bool(months & found)


def speaks_of(ctx: Context, index: LoadedIndex, passage: Passage, text: str, years: frozenset[str]) -> bool:
    """The passage speaks of every one of the years: printed in ``text`` (it, its context, headline, the
    paragraphs before), the year its article was published in ("what did Lee say in 2026" is answered by
    his words in an article of 2026), or resolved from its dates ("last year" in an article of 2026 is
    2025)."""
    published = index.articles[passage.article_id].published
    found = years_named(text) | ({str(published.year)} if published else set())
    return years <= found or years <= found | ctx.years_resolved(index, passage)
