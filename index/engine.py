"""The answer engine: one object that answers questions for every front end."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import numpy as np

from index.answer import Answer, AnswerPassage, Claim, Disagreement, Refusal
from index.answerability import AnswerType, Expectation, Focus
from index.attribution import Quote
from index.decision import Decision, Signals, default_decision, speaker_missing
from index.disagree import counted_nouns, counted_terms, figures, is_count_question, is_ordinal
from index.embedder import Embedder
from index.errors import QuestionError
from index.handle import IndexSource
from index.passages import ArticleMeta, Passage
from index.people import Person
from index.question import (
    Intent,
    Question,
    analyse,
    is_generic_speaker,
    looks_like_speaker,
    referenced_articles,
    unknown_names,
)
from index.retrieval import FusionWeights, Hit, HybridRetriever, VectorRetriever
from index.store import LoadedIndex
from index.temporal import temporal_weight
from index.text import token_set, tokenize
from index.timeline import resolve_dates
from seeds_loader.lazy import LazyPattern

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
_UPDATE = LazyPattern(r"^(?:\[[^\]]{1,20}\]\s*)?(?:UPDATED?|CORRECTION|Update[sd]?|Correction)\b")
# Signals of closeness: a refusal they drive is "not close enough", any other "does not say it".
_CLOSENESS = frozenset({"fused", "ranked", "sentence", "margin"})
MAX_K = 20


@dataclass(frozen=True)
class EngineConfig:
    """Tunable answering behaviour (defaults tuned on the dev questions; see README)."""

    weights: FusionWeights = field(default_factory=FusionWeights)
    # The decision's probability below which the answer is refused; 0.5 is the fitted operating point.
    min_confidence: float = 0.5
    intent_bonus: float = 0.08
    # The sentence holding the kind of answer asked for (the counted figure, the duration) answers.
    type_bonus: float = 0.16
    duplicate_cosine: float = 0.92
    extend_margin: float = 0.04
    overlap_weight: float = 0.15
    disagreement_pool: int = 20
    claim_topic_support: float = 0.5
    # A missing focus word weighing at least this share of the question is checked for its meaning
    # (Signals.crux_drop); the answer-or-refuse decision itself is fitted (index/decision.py).
    crux_share: float = 0.2
    meaning_pool: int = 5  # the candidates a focus word is looked for in before its meaning is
    meaning_weight: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {self.min_confidence}")


class Engine:
    """Answers questions from the current index version with cited, extractive passages."""

    def __init__(
        self,
        handle: IndexSource,
        embedder: Embedder,
        config: EngineConfig | None = None,
        retriever: Callable[[LoadedIndex, Embedder, FusionWeights], VectorRetriever] = HybridRetriever,
        decision: Decision | None = None,
    ) -> None:
        self._handle = handle
        self._embedder = embedder
        self._config = config or EngineConfig()
        self._decision = decision or default_decision()
        self._retriever = retriever
        self._nearby_cache: dict[int, str] = {}
        self._nearby_version: str | None = None
        self._recency_cache: dict[str, float] = {}
        self._recency_version: str | None = None

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def index(self) -> LoadedIndex:
        return self._handle.current()

    def ask(self, question: str, k: int = 3, *, within: frozenset[str] | None = None) -> Answer:
        """Answer ``question`` from the coverage, or from the articles ``within`` (their ids) only: the same
        analysis and the same answer-or-refuse decision over their passages (a follow of a topic asks this
        of each new article)."""
        question = " ".join(question.split())
        if not question:
            raise QuestionError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(
                f"the question is {len(question):,} characters long; at most {MAX_QUESTION_CHARS:,} are read"
            )
        if not 0 < k <= MAX_K:
            raise QuestionError(f"k must be between 1 and {MAX_K}, got {k}")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in question):
            raise QuestionError("the question is not valid UTF-8 text")
        index = self._handle.current()
        retriever = self._retriever(index, self._embedder, self._config.weights)
        parsed = analyse(question, index.people)
        needs = self._needs(index, parsed)
        vector = retriever.embed(question)
        # The question without one focus word, embedded only when that word is missing where it is looked
        # for (to test what it means); most questions never need one.
        ablated: dict[str, np.ndarray] = {}
        # A speaker's quotes or a person's introductions replace the general search: run it only if needed.
        hits: list[Hit] | None = None
        refusal: Refusal | None = None
        unknown = tuple(unknown_names(question, index.knows))
        note = None
        if unknown:
            refusal = Refusal.UNKNOWN_NAME
        elif parsed.intent is Intent.QUOTE and parsed.target and parsed.person is None:
            # Not a person of the coverage: a group or a thing ("the ministry", "Northgate Wire") is searched
            # like any words; a name the coverage never mentions at all is refused.
            if not is_generic_speaker(parsed.target) and not _mentioned(parsed.target, index):
                refusal, unknown = Refusal.UNKNOWN_SPEAKER, (parsed.target,)
            elif is_generic_speaker(parsed.target) or not looks_like_speaker(parsed.target):
                # "how did defence stocks react": no speaker at all, an ordinary question.
                parsed = replace(parsed, intent=Intent.FACT, target=None)
                needs = self._needs(index, parsed)
        elif parsed.intent is Intent.QUOTE and parsed.target:
            spoken = self._quote_hits(index, retriever, question, vector, parsed)
            note = _ambiguity_note(parsed)
            if spoken:
                hits = spoken
            else:
                # Mentioned, never quoted: the passages that mention them are what the coverage has.
                refusal, unknown = Refusal.NO_QUOTES, tuple(p.name for p in self._speakers(parsed))
                mentioning = [i for p in self._speakers(parsed) for i in self._mention_ids(index, p)]
                hits = retriever.score_passages(question, vector, mentioning) if mentioning else None
        elif parsed.intent is Intent.PROFILE and parsed.target:
            if parsed.person is None:
                if not _mentioned(parsed.target, index):
                    refusal, unknown = Refusal.UNKNOWN_NAME, (parsed.target,)
            else:
                note = _ambiguity_note(parsed)
                hits = retriever.score_passages(question, vector, self._mention_ids(index, parsed.person))
        if hits is not None and within is not None:
            hits = [h for h in hits if h.passage.article_id in within]
        if hits is None and within is not None:
            ids = [i for article in sorted(within) for i in index.passages.of_article(article)]
            hits = retriever.score_passages(question, vector, ids) if ids else []
        if hits is None:
            hits = retriever.search_with_vector(question, vector, max(4 * k, 20))
        meaning = self._meaning(hits, parsed, needs, ablated)
        ranked = self._rank(index, hits, parsed, needs, meaning)
        # The person's introductions, or all their quotes, answer "who is X" and "what did X say" outright.
        whole_answer = parsed.person is not None and (
            parsed.intent is Intent.PROFILE or (parsed.intent is Intent.QUOTE and not parsed.has_topic)
        )
        signals = self._signals(index, ranked, parsed, needs, vector, ablated) if ranked else None
        confidence = self._decision.probability(signals) if signals is not None else 0.0
        if not math.isfinite(confidence):
            # A damaged encoder or index gives NaN scores: that is never an answer, whatever else holds.
            logger.error("non-finite answer score for %r; refusing", question[:80])
            refusal, confidence, ranked, signals = refusal or Refusal.LOW_CONFIDENCE, 0.0, [], None
        if refusal is None and ranked and whole_answer:
            confidence = 1.0
        if refusal is None and signals is not None and speaker_missing(signals):
            refusal = Refusal.NO_SUPPORT  # "what did the U.S. ambassador say" and the passage names no ambassador
        if refusal is None and confidence < self._config.min_confidence:
            # One decision; the reason named is the signal that pulled hardest toward refusing.
            weakest = self._decision.weakest(signals) if signals is not None else "fused"
            refusal = Refusal.LOW_CONFIDENCE if weakest in _CLOSENESS else Refusal.NO_SUPPORT
        passages = self._passages(index, ranked, k)
        disagreements = self._disagreements(index, ranked, parsed) if refusal is None else ()
        return Answer(
            question=question,
            answered=refusal is None,
            confidence=round(0.0 if unknown else confidence, 4),
            intent=parsed.intent.value,
            refusal=refusal,
            unknown=unknown,
            speaker_note=note,
            passages=tuple(passages),
            disagreements=disagreements,
            signals=signals.__dict__ if signals is not None else None,
        )

    @staticmethod
    def _needs(index: LoadedIndex, parsed: Question) -> _Needs:
        """What an answer to the question must hold: its kind, and the focus words (a quote question's
        topic after "say"/"tell", else all the question's content words; the speaker's names are not focus)."""
        speaker_words = [v for p in parsed.people for v in p.variants]
        if parsed.intent is Intent.QUOTE and parsed.person is not None:
            focus = Focus.of(parsed.topic or parsed.text, index.lexical.idf, speaker_words)
        else:
            # The person asked about is not what is asked about them; a name or role nobody holds is.
            named = [parsed.target or ""] if parsed.people else []
            focus = Focus.of(parsed.text, index.lexical.idf, [*speaker_words, *named])
        return _Needs(Expectation.of(parsed.text), focus)

    def _signals(
        self,
        index: LoadedIndex,
        ranked: list[tuple[float, Hit, list[int]]],
        parsed: Question,
        needs: _Needs,
        vector: np.ndarray,
        ablated: dict[str, np.ndarray],
    ) -> Signals:
        """What the answer-or-refuse decision weighs about the best passage (``index.decision.Signals``):
        - the kind of answer asked for is in it; "who did X" names someone;
        - the question's focus words: their idf-weighted share found in the passage, its headline or (at
          half weight) the paragraphs just before it;
        - what a missing weighty focus word means: how much closer the question comes to the answering
          sentence without it (a word that pulls away from the answer);
        - a speaker who is no person of the coverage must be named in the passage or be its outlet."""
        score, hit, chosen = ranked[0]
        passage = hit.passage
        meta = index.articles[passage.article_id]
        own = f"{passage.text} {passage.context} {meta.title or ''} {_voices(index, passage)}"
        nearby = self._nearby(index, passage)
        c = self._config
        # "who won the election": the answer names the one who did it ("who said" is the WHO intent).
        agent = needs.expectation.kind is AnswerType.AGENT and parsed.intent is not Intent.WHO
        agent_ok = not agent or any(index.people.names_someone(passage.sentences[i].text) for i in chosen)
        speaker_named = 1.0
        if parsed.intent is Intent.QUOTE and parsed.person is None and parsed.target:
            speaker_named = Focus.of(parsed.target, index.lexical.idf).support(f"{own} {nearby} {meta.outlet or ''}")
        crux_drop = 0.0
        crux = needs.focus.crux(f"{own} {nearby}", c.crux_share)
        if crux is not None:
            sentence = index.sentence_rows(passage)[chosen[0]]
            if crux not in ablated:
                ablated[crux] = self._embedder.encode([_without(parsed.text, crux)])[0]
            crux_drop = float(ablated[crux] @ sentence) - float(vector @ sentence)
        return Signals(
            fused=float(hit.score),
            ranked=float(score),
            sentence=float(max(hit.sentence_scores)) if hit.sentence_scores else 0.0,
            type_ok=float(needs.expectation.satisfied(_typed(passage, x.text) for x in passage.sentences)),
            agent_ok=float(agent_ok),
            speaker_named=float(speaker_named),
            focus=float(needs.focus.support(own, nearby)),
            crux_drop=crux_drop,
            quote=float(parsed.intent is Intent.QUOTE and parsed.person is not None),
            margin=float(score - ranked[1][0]) if len(ranked) > 1 else 0.0,
        )

    def _recency(self, index: LoadedIndex) -> dict[str, float]:
        """Each dated article's place from oldest (0) to newest (1); undated ones are not placed."""
        if self._recency_version != index.version:
            dated = sorted({m.published for m in index.articles.values() if m.published is not None})
            place = {d: (i / (len(dated) - 1) if len(dated) > 1 else 1.0) for i, d in enumerate(dated)}
            self._recency_cache = {m.id: place[m.published] for m in index.articles.values() if m.published}
            self._recency_version = index.version
        return self._recency_cache

    def _nearby(self, index: LoadedIndex, passage: Passage) -> str:
        """The two body passages before ``passage`` in its article: what a quote or a pronoun leans on
        (remembered per index version: every question that retrieves the passage asks again)."""
        if self._nearby_version != index.version:
            self._nearby_cache.clear()
            self._nearby_version = index.version
        if (text := self._nearby_cache.get(passage.id)) is None:
            earlier = [i for i in index.passages.of_article(passage.article_id) if i < passage.id][-4:]
            body = [i for i in earlier if index.passages.kind_of(i) == "body"][-2:]
            text = " ".join(index.passages.texts(body))
            if len(self._nearby_cache) < _NEARBY_CACHE:
                self._nearby_cache[passage.id] = text
        return text

    @staticmethod
    def _speakers(parsed: Question) -> tuple[Person, ...]:
        """Whose words a quote question asks for: everyone holding a role, else the one person named."""
        return parsed.people if parsed.by_role else parsed.people[:1]

    @staticmethod
    def _mention_ids(index: LoadedIndex, person: Person) -> list[int]:
        """Passages naming the person in full, looked for only in the articles that mention them."""
        names = [v for v in person.variants if v]
        ids = [i for article in sorted(person.articles) for i in index.passages.of_article(article)]
        return [i for i, text in zip(ids, index.passages.texts(ids), strict=True) if any(n in text for n in names)]

    def _quote_hits(
        self, index: LoadedIndex, retriever: VectorRetriever, question: str, vector: np.ndarray, parsed: Question
    ) -> list[Hit]:
        ids = [pid for person in self._speakers(parsed) for pid in index.passages_quoting.get(person.id, ())]
        return retriever.score_passages(question, vector, ids) if ids else []

    def _meaning(
        self, hits: list[Hit], parsed: Question, needs: _Needs, ablated: dict[str, np.ndarray]
    ) -> _Meaning | None:
        """When the question's weightiest focus word is in none of the best candidates ("relics"), what it
        means is looked for instead: the question embedded without it, to see which sentences it pulls to."""
        c = self._config
        if parsed.intent is Intent.QUOTE:
            return None  # a quote's topic is often its occasion ("after meeting her at APEC"), not its words
        crux = needs.focus.crux(" ".join(h.passage.text for h in hits[: c.meaning_pool]), c.crux_share)
        if crux is None:
            return None
        if crux not in ablated:
            ablated[crux] = self._embedder.encode([_without(parsed.text, crux)])[0]
        return _Meaning(crux, ablated[crux])

    def _rank(
        self, index: LoadedIndex, hits: list[Hit], parsed: Question, needs: _Needs, meaning: _Meaning | None = None
    ) -> list[tuple[float, Hit, list[int]]]:
        """Re-rank with the question's intent, the kind of answer it wants, its focus words and what a
        missing focus word means; returns (score, hit, chosen sentence indexes)."""
        ranked = []
        referenced = referenced_articles(parsed.text, index.article_references)
        recency = self._recency(index) if _WANTS_NEWEST.search(parsed.text) else None
        holds: dict[int, bool] = {}
        articles = Counter(h.passage.article_id for h in hits)
        # "What did X say": the highlight is X's words wherever the passage holds some.
        speakers = (
            {p.id for p in self._speakers(parsed)}
            if parsed.intent is Intent.QUOTE and parsed.person is not None
            else None
        )
        for hit in hits:
            c = self._config
            pull = [0.0] * len(hit.passage.sentences)
            if meaning is not None:
                without = index.sentence_rows(hit.passage) @ meaning.without
                pull = [c.meaning_weight * (s - float(w)) for s, w in zip(hit.sentence_scores, without, strict=True)]
            # The intent's feature (quotes, dates) and the answer type's (a duration, the counted figure).
            kinds = [needs.expectation.weight(_typed(hit.passage, x.text)) for x in hit.passage.sentences]
            holds[id(hit)] = needs.expectation.satisfied_by(kinds)
            typed = needs.expectation.kind not in (AnswerType.ANY, AnswerType.DATE)
            feature = [
                c.intent_bonus * self._sentence_feature(index, hit, i, parsed) + (c.type_bonus * w if typed else 0.0)
                for i, w in enumerate(kinds)
            ]
            overlap = [_overlap(needs.focus.terms, s.text) for s in hit.passage.sentences]
            adjusted = [
                s + f + c.overlap_weight * o + m
                for s, f, o, m in zip(hit.sentence_scores, feature, overlap, pull, strict=True)
            ]
            if speakers is not None:
                theirs = [self._spoken_by(index, hit, i, speakers) for i in range(len(adjusted))]
                if any(theirs):
                    adjusted = [a if mine else -math.inf for a, mine in zip(adjusted, theirs, strict=True)]
            best = int(np.argmax(adjusted)) if adjusted else 0
            bonus = (feature[best] + pull[best]) if feature else 0.0
            chosen = self._extend(adjusted, best, hit, index)
            if parsed.intent is Intent.PROFILE and parsed.person is not None:
                chosen = _with_role(chosen, hit.passage, parsed.person)
            if hit.passage.article_id in referenced:
                bonus += self._config.intent_bonus
            if recency is not None:  # "the latest", "today": the newest coverage first
                bonus += self._config.intent_bonus * recency.get(hit.passage.article_id, 0.0)
            # The passage that holds what is asked about (a quote's topic, the question's rare words) first.
            own = f"{hit.passage.text} {hit.passage.context} {_voices(index, hit.passage)}"
            bonus += self._config.intent_bonus * needs.focus.support(own, self._nearby(index, hit.passage))
            if _supersedes(hit.passage) and articles[hit.passage.article_id] > 1:
                # An update or correction beside what it revises: the revised figure is not the current one.
                bonus += self._config.intent_bonus
            ranked.append((hit.score + bonus, hit, chosen))
        # A reporter's question answers only "what was asked": after every other passage. Then passages
        # holding the kind of answer asked for (the counted figure, a duration) first.
        asked_only = {id(h) for h in hits if h.passage.kind == "question" and not parsed.about_asking}
        ranked.sort(key=lambda t: (id(t[1]) not in asked_only, holds[id(t[1])], t[0]), reverse=True)
        return _updates_first(ranked)

    @staticmethod
    def _spoken_by(index: LoadedIndex, hit: Hit, i: int, speakers: set[str]) -> bool:
        quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[i].start)
        return quote is not None and quote.person_id in speakers

    def _sentence_feature(self, index: LoadedIndex, hit: Hit, i: int, parsed: Question) -> float:
        sentence = hit.passage.sentences[i]
        if parsed.intent is Intent.WHEN:
            return temporal_weight(sentence.text)
        quote = index.quote_at(hit.passage.article_id, sentence.start)
        # Reporters asking what someone said want the exact words: direct quotes outrank paraphrase.
        weight = 0.0 if quote is None else (1.0 if quote.quoted and len(quote.quoted.split()) >= 4 else 0.25)
        if parsed.intent is Intent.WHO:
            return weight
        if parsed.intent is Intent.QUOTE and parsed.person is not None:
            speakers = {p.id for p in self._speakers(parsed)}
            return weight if quote is not None and quote.person_id in speakers else -1.0
        if parsed.intent is Intent.PROFILE and parsed.person is not None:
            # "Who is X" is answered by the sentence that says what X is (a role the coverage gives them),
            # else by one that names them in full: "A forensic geneticist at Sorim University …, he knows"
            # over "For Park Se-hoon, the agreement is the easy part."
            if _gives_role(sentence.text, parsed.person):
                return 1.0
            return 1.0 if any(v in sentence.text for v in parsed.person.variants) else 0.0
        return 0.0

    def _extend(self, scores: list[float], best: int, hit: Hit, index: LoadedIndex) -> list[int]:
        """The best sentence, plus a neighbour that scores nearly as well or continues the same quote; a
        short lead that only announces what follows ("The opposition was cooler.") comes with the quote
        after it, which says what it announces."""
        chosen = [best]
        best_quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[best].start)
        following = best + 1
        if (
            best_quote is None
            and following < len(scores)
            and len(hit.passage.sentences[best].text.split()) <= _LEAD_WORDS
            and index.quote_at(hit.passage.article_id, hit.passage.sentences[following].start) is not None
        ):
            return [best, following]
        for j in (best - 1, best + 1):
            if not 0 <= j < len(scores):
                continue
            quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[j].start)
            same_speaker = best_quote is not None and quote is not None and quote.person_id == best_quote.person_id
            if scores[j] >= scores[best] - self._config.extend_margin or (
                same_speaker and quote.resolved_by == "continuation"
            ):
                chosen.append(j)
                break
        return sorted(chosen)

    def _disagreements(
        self, index: LoadedIndex, ranked: list[tuple[float, Hit, list[int]]], parsed: Question
    ) -> tuple[Disagreement, ...]:
        """Different figures (count questions) or dates ("when" questions) from different articles."""
        claims: dict[str, Claim] = {}
        kind = "figure" if is_count_question(parsed.text) else "date" if parsed.intent is Intent.WHEN else None
        if kind is None:
            return ()
        nouns = counted_nouns(parsed.text)
        # A figure counts what was asked only in a passage about the people asked about ("meetings between
        # Lee and Takaichi", not Lee's with someone else) and about the rest of what was asked.
        people = index.people.named_in(parsed.text)
        topic = Focus.of(parsed.text, index.lexical.idf, [v for p in people for v in p.variants])
        counted = counted_terms(parsed.text)
        topic = Focus({t: w for t, w in topic.terms.items() if t not in counted})
        pool = ranked[: self._config.disagreement_pool] if kind == "figure" else ranked[:3]
        for _, hit, chosen in pool:
            passage = hit.passage
            if passage.article_id in claims:
                continue
            if kind == "figure" and (
                not all(index.people.mentioned_in(p, passage.text) for p in people)
                or topic.support(passage.text) < self._config.claim_topic_support
            ):
                continue
            meta = index.articles[passage.article_id]
            # Counts may sit anywhere in a strong passage; dates must be in the answering sentence.
            sentences = passage.sentences if kind == "figure" else [passage.sentences[i] for i in chosen]
            for sentence in sentences:
                found = (
                    _figure_claim(index, sentence.text, nouns, people)
                    if kind == "figure"
                    else _date_claim(sentence.text, meta)
                )
                if found is not None:
                    value, phrase = found
                    claims[passage.article_id] = Claim(
                        value=value,
                        phrase=phrase,
                        file=meta.file,
                        article_id=meta.id,
                        source=meta.outlet,
                        published=meta.published,
                        paragraph=passage.paragraph,
                        sentence=sentence.text,
                    )
                    break
        claims = {k: c for k, c in claims.items() if not _overtaken(c, claims.values())}
        if len({c.value for c in claims.values()}) < 2:
            return ()
        return (Disagreement(kind=kind, claims=tuple(claims.values())),)

    def _passages(self, index: LoadedIndex, ranked: list[tuple[float, Hit, list[int]]], k: int) -> list[AnswerPassage]:
        out: list[AnswerPassage] = []
        kept: list[np.ndarray] = []
        seen_highlights: set[str] = set()
        seen_passages: set[int] = set()
        for score, hit, chosen in ranked:
            passage = hit.passage
            if passage.id in seen_passages:
                continue  # one passage found twice (general search and a speaker's quotes) is cited once
            seen_passages.add(passage.id)
            sentences = [passage.sentences[i] for i in chosen]
            highlight = passage.text[sentences[0].start - passage.start : sentences[-1].end - passage.start]
            key = " ".join(highlight.lower().split())
            pvec = index.dense.vectors(np.array([passage.id]))[0]
            # Two passages that say the same thing (a caption repeating the lede, wire copy reused) count once.
            if key in seen_highlights or any(float(pvec @ v) >= self._config.duplicate_cosine for v in kept):
                continue
            seen_highlights.add(key)
            kept.append(pvec)
            meta = index.articles[passage.article_id]
            speaker = _speaker(index, passage.article_id, [s.start for s in sentences])
            out.append(
                AnswerPassage(
                    file=meta.file,
                    article_id=meta.id,
                    title=meta.title,
                    source=meta.outlet,
                    published=meta.published,
                    url=meta.url,
                    paragraph=passage.paragraph,
                    kind=passage.kind,
                    text=passage.text,
                    highlight=highlight,
                    highlight_start=sentences[0].start,
                    highlight_end=sentences[-1].end,
                    speaker=speaker.speaker if speaker else None,
                    score=round(float(score), 4),
                    rights_restricted=meta.ai_use_restricted,
                    published_partial=meta.published_partial,
                )
            )
            if len(out) == k:
                break
        return out


def _figure_claim(
    index: LoadedIndex, sentence: str, nouns: frozenset[str], people: list[Person]
) -> tuple[str, str] | None:
    """The sentence's figure for what is counted; one that counts meetings "with" someone not asked
    about ("five meetings with the Japanese prime minister" for Lee and Xi) is not it."""
    for figure in figures(sentence, nouns):
        end = sentence.find(figure.phrase) + len(figure.phrase)
        tail = re.split(r"[,;.:]", sentence[end:], maxsplit=1)[0]
        partner = re.match(r"\s+(?:with|between|and)\s(.+)", tail)
        other = partner is not None and bool(people)
        if other and not any(index.people.mentioned_in(p, partner.group(1)) for p in people):  # type: ignore[union-attr]
            someone = partner.group(1)  # type: ignore[union-attr]
            if index.people.named_in(someone) or re.search(r"\b(?:minister|president|leader)\b", someone, re.I):
                continue
        return f"{figure.value:g}", figure.phrase
    return None


def _date_claim(sentence: str, meta: ArticleMeta) -> tuple[str, str] | None:
    for mention in resolve_dates(sentence, meta.published):
        if mention.when is not None and mention.precision == "day":
            return mention.when.isoformat(), mention.expression
    return None


def _overlap(terms: dict[str, float], sentence: str) -> float:
    """Share of the question's content words (idf-weighted, stemmed) found in the sentence."""
    total = sum(terms.values())
    found = token_set(sentence)
    return sum(w for t, w in terms.items() if t in found) / total if total else 0.0


def _speaker(index: LoadedIndex, article_id: str, starts: list[int]) -> Quote | None:
    for start in starts:
        if (quote := index.quote_at(article_id, start)) is not None:
            return quote
    return None


@dataclass(frozen=True)
class _Meaning:
    """A focus word missing from the best candidates, and the question's vector without it."""

    crux: str
    without: np.ndarray


@dataclass(frozen=True)
class _Needs:
    """What an answer must hold, worked out once per question."""

    expectation: Expectation
    focus: Focus


_NEARBY_CACHE = 20_000  # passages; about 20 MB of text at most
_WANTS_NEWEST = LazyPattern(r"\b(?:latest|most recent|newest|recently|today|currently|now|this week)\b", re.I)


def _overtaken(claim: Claim, claims: Iterable[Claim]) -> bool:
    """An ordinal count ("his first meeting with her") is true as of its article's date: a later article
    counting more ("their second meeting") has moved on from it; that is no disagreement."""
    if not claim.published or not is_ordinal(claim.phrase):
        return False
    return any(
        other.published is not None and other.published > claim.published and float(other.value) > float(claim.value)
        for other in claims
    )


def _gives_role(text: str, person: Person) -> bool:
    """The sentence says what the person is: one of the roles the coverage gives them."""
    lowered = text.lower()
    return any(role.lower() in lowered for role in person.roles)


def _with_role(chosen: list[int], passage: Passage, person: Person) -> list[int]:
    """For "who is X": the highlight names X, and says what X is when the next or previous sentence does
    ("For Park Se-hoon, the agreement is the easy part. A forensic geneticist at …, he knows …")."""
    sentences = passage.sentences
    if any(_gives_role(sentences[i].text, person) for i in chosen):
        return chosen
    for j in (max(chosen) + 1, min(chosen) - 1):
        if 0 <= j < len(sentences) and _gives_role(sentences[j].text, person):
            return sorted([*chosen, j])
    return chosen


def _typed(passage: Passage, sentence: str) -> str:
    """What a sentence says for the answer-type check: a table row's cells only under its header (the
    passage's context), any other sentence as it stands."""
    return f"{passage.context} {sentence}".strip() if passage.text.startswith("|") else sentence


_FIGURE = LazyPattern(r"\d")
# A sentence this short says what comes rather than what is ("The opposition was cooler.", "He disagreed.").
_LEAD_WORDS = 6


def _updates_first(ranked: list[tuple[float, Hit, list[int]]]) -> list[tuple[float, Hit, list[int]]]:
    """An update or correction goes just above the earlier passage of its article that it revises: both
    give a figure about the same thing (two or more words in common), so the older figure is never shown
    as the answer while its revision is at hand. Passages of other articles keep their order."""
    out = list(ranked)
    for entry in ranked:
        update = entry[1].passage
        if not _supersedes(update) or not _FIGURE.search(update.text):
            continue
        words = token_set(update.text)
        at = out.index(entry)
        for i, (_, hit, _) in enumerate(out[:at]):
            earlier = hit.passage
            if (
                earlier.article_id == update.article_id
                and earlier.paragraph < update.paragraph
                and not _supersedes(earlier)
                and _FIGURE.search(earlier.text)
                and len(words & token_set(earlier.text)) >= 2
            ):
                revised = out[i]
                out[i] = (revised[0], *entry[1:])
                out[at] = (entry[0], *revised[1:])
                out.insert(i + 1, out.pop(at))
                break
    return out


def _voices(index: LoadedIndex, passage: Passage) -> str:
    """The names of who speaks in the passage: what its "I", "she" or a transcript's label stand for, so
    "how many years was Ahn a diplomat" finds the columnist's own "I spent thirty-one years"."""
    names = {
        quote.speaker
        for sentence in passage.sentences
        if (quote := index.quote_at(passage.article_id, sentence.start)) is not None
    }
    return " ".join(sorted(names))


def _supersedes(passage: Passage) -> bool:
    """A correction notice, or a live entry or brief marked as an update or correction of an earlier one."""
    return passage.kind == "correction" or bool(_UPDATE.match(passage.text))


def _without(question: str, stem: str) -> str:
    """The question with the words of one stem left out ("have the pandas arrived" -> "have the pandas")."""
    kept = [w for w in question.split() if tokenize(w.strip("?!.,;:")) != [stem]]
    return " ".join(kept)


def _mentioned(name: str, index: LoadedIndex) -> bool:
    """True when some word of ``name`` occurs in the coverage (then it is searched for, never refused)."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in _ARTICLES]
    return any(index.knows(w) for w in words)


_ARTICLES = frozenset({"the", "a", "an"})


def _ambiguity_note(parsed: Question) -> str | None:
    if parsed.person is None or len(parsed.people) < 2 or parsed.target is None:
        return None
    if parsed.by_role and parsed.intent is Intent.QUOTE:
        return f"“{parsed.target}” matches {', '.join(p.name for p in parsed.people)}"
    others = ", ".join(p.name for p in parsed.people[1:])
    return f"“{parsed.target}” taken as {parsed.person.name}; also in the coverage: {others}"
