"""The answer engine: one object that answers questions for every front end."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from index.answer import Answer, AnswerPassage, Claim, Disagreement, Refusal
from index.answerability import AnswerType, Focus, answer_type, type_weight
from index.attribution import Quote
from index.disagree import counted_nouns, figures, is_count_question
from index.embedder import Embedder
from index.handle import IndexHandle
from index.passages import ArticleMeta
from index.people import Person
from index.question import Intent, Question, analyse, is_generic_speaker, referenced_articles, unknown_names
from index.retrieval import FusionWeights, Hit, HybridRetriever, VectorRetriever
from index.store import LoadedIndex
from index.temporal import temporal_weight
from index.text import tokenize
from index.timeline import resolve_dates

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
MAX_K = 20


@dataclass(frozen=True)
class EngineConfig:
    """Tunable answering behaviour (defaults tuned on the dev questions; see README)."""

    weights: FusionWeights = field(default_factory=FusionWeights)
    min_confidence: float = 0.5
    # Fused score at which confidence is 0.5, and how sharply it rises around it.
    confidence_midpoint: float = 0.42
    confidence_slope: float = 14.0
    intent_bonus: float = 0.08
    duplicate_cosine: float = 0.92
    extend_margin: float = 0.04
    overlap_weight: float = 0.15
    disagreement_pool: int = 20
    # Answerability (README, "Answer or refuse"): share of the focus words the passage must hold, unless
    # its fused score alone shows a paraphrase; a quote question's topic words in the quote's passage.
    focus_support: float = 0.35
    paraphrase_score: float = 0.60
    quote_topic_support: float = 0.2
    speaker_support: float = 0.67

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {self.min_confidence}")


class Engine:
    """Answers questions from the current index version with cited, extractive passages."""

    def __init__(
        self,
        handle: IndexHandle,
        embedder: Embedder,
        config: EngineConfig | None = None,
        retriever: Callable[[LoadedIndex, Embedder, FusionWeights], VectorRetriever] = HybridRetriever,
    ) -> None:
        self._handle = handle
        self._embedder = embedder
        self._config = config or EngineConfig()
        self._retriever = retriever

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def index(self) -> LoadedIndex:
        return self._handle.current()

    def ask(self, question: str, k: int = 3) -> Answer:
        question = " ".join(question.split())
        if not question:
            raise ValueError("question must not be empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"question must be at most {MAX_QUESTION_CHARS} characters, got {len(question)}")
        if not 0 < k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}, got {k}")
        index = self._handle.current()
        retriever = self._retriever(index, self._embedder, self._config.weights)
        parsed = analyse(question, index.people)
        vector = retriever.embed(question)
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
        elif parsed.intent is Intent.QUOTE and parsed.target:
            spoken = self._quote_hits(index, retriever, question, vector, parsed)
            note = _ambiguity_note(parsed)
            if spoken:
                hits = spoken
            else:
                refusal, unknown = Refusal.NO_QUOTES, tuple(p.name for p in self._speakers(parsed))
        elif parsed.intent is Intent.PROFILE and parsed.target:
            if parsed.person is None:
                if not _mentioned(parsed.target, index):
                    refusal, unknown = Refusal.UNKNOWN_NAME, (parsed.target,)
            else:
                note = _ambiguity_note(parsed)
                hits = retriever.score_passages(question, vector, self._mention_ids(index, parsed.person))
        if hits is None:
            hits = retriever.search_with_vector(question, vector, max(4 * k, 20))
        ranked = self._rank(index, hits, parsed)
        confidence = self._confidence(ranked[0][0] if ranked else 0.0)
        whole_answer = parsed.intent is Intent.PROFILE or (parsed.intent is Intent.QUOTE and not parsed.has_topic)
        if refusal is None and parsed.person is not None and ranked and whole_answer:
            confidence = 1.0  # the person's introductions, or all their quotes, are the answer
        if refusal is None and confidence < self._config.min_confidence:
            refusal = Refusal.LOW_CONFIDENCE
        if refusal is None and ranked and not whole_answer and not self._supported(index, ranked[0], parsed):
            refusal = Refusal.NO_SUPPORT
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
        )

    @staticmethod
    def _focus(index: LoadedIndex, parsed: Question) -> Focus:
        """What the question asks about: a quote question's topic (after "say"/"tell"), else all its
        content words; the speaker's own names are not focus."""
        speaker_words = [v for p in parsed.people for v in p.variants]
        if parsed.intent is Intent.QUOTE and parsed.person is not None:
            m = re.search(r"\b(?:say|said|tell|told)\b", parsed.text, re.I)
            topic = parsed.text[m.end() :] if m else parsed.text
            return Focus.of(topic, index.lexical.idf, speaker_words)
        return Focus.of(parsed.text, index.lexical.idf, [*speaker_words, parsed.target or ""])

    def _supported(self, index: LoadedIndex, top: tuple[float, Hit, list[int]], parsed: Question) -> bool:
        """The best passage answers only if the question's focus words are in it (or in the paragraph
        before it, or its headline) and the kind of answer asked for is in it. A strong paraphrase match
        stands without the words; a quote question's topic must be in the quote's passage."""
        score, hit, _ = top
        passage = hit.passage
        kind = answer_type(parsed.text)
        if kind is not AnswerType.ANY and max(type_weight(kind, s.text) for s in passage.sentences) == 0:
            return False
        focus = self._focus(index, parsed)
        context = " ".join(
            [passage.text, self._previous_text(index, passage), index.articles[passage.article_id].title or ""]
        )
        meta = index.articles[passage.article_id]
        c = self._config
        if parsed.intent is Intent.QUOTE and parsed.person is None and parsed.target:
            # A speaker the coverage has no person for: the passage must name them (or be their outlet's).
            named = Focus.of(parsed.target, index.lexical.idf)
            if named.support(f"{context} {meta.outlet or ''}") < c.speaker_support:
                return False
        support = focus.support(context)
        if parsed.intent is Intent.QUOTE and parsed.person is not None:
            return support >= c.quote_topic_support or score >= c.paraphrase_score
        return support >= c.focus_support or score >= c.paraphrase_score

    @staticmethod
    def _previous_text(index: LoadedIndex, passage) -> str:  # type: ignore[no-untyped-def]
        ids = index.passages.of_article(passage.article_id)
        earlier = [i for i in ids if i < passage.id]
        return index.passages[earlier[-1]].text if earlier else ""

    @staticmethod
    def _speakers(parsed: Question) -> tuple[Person, ...]:
        """Whose words a quote question asks for: everyone holding a role, else the one person named."""
        return parsed.people if parsed.by_role else parsed.people[:1]

    @staticmethod
    def _mention_ids(index: LoadedIndex, person: Person) -> list[int]:
        """Passages naming the person in full, looked for only in the articles that mention them."""
        names = [v for v in person.variants if v]
        ids = (i for article in sorted(person.articles) for i in index.passages.of_article(article))
        return [i for i in ids if any(n in index.passages[i].text for n in names)]

    def _quote_hits(
        self, index: LoadedIndex, retriever: VectorRetriever, question: str, vector: np.ndarray, parsed: Question
    ) -> list[Hit]:
        ids = [pid for person in self._speakers(parsed) for pid in index.passages_quoting.get(person.id, ())]
        return retriever.score_passages(question, vector, ids) if ids else []

    def _rank(self, index: LoadedIndex, hits: list[Hit], parsed: Question) -> list[tuple[float, Hit, list[int]]]:
        """Re-rank with the question's intent; returns (score, hit, chosen sentence indexes)."""
        ranked = []
        terms = {t: index.lexical.idf(t) for t in set(tokenize(parsed.text))}
        referenced = referenced_articles(parsed.text, index.article_references)
        kind = answer_type(parsed.text)
        focus = self._focus(index, parsed)
        for hit in hits:
            feature = [
                self._sentence_feature(index, hit, i, parsed) + _type_feature(kind, hit.passage.sentences[i].text)
                for i in range(len(hit.passage.sentences))
            ]
            overlap = [_overlap(terms, s.text) for s in hit.passage.sentences]
            adjusted = [
                s + self._config.intent_bonus * f + self._config.overlap_weight * o
                for s, f, o in zip(hit.sentence_scores, feature, overlap, strict=True)
            ]
            best = int(np.argmax(adjusted)) if adjusted else 0
            bonus = self._config.intent_bonus * (feature[best] if feature else 0.0)
            chosen = self._extend(adjusted, best, hit, index)
            if hit.passage.article_id in referenced:
                bonus += self._config.intent_bonus
            # The passage that holds what is asked about (a quote's topic, the question's rare words) first.
            bonus += self._config.intent_bonus * focus.support(hit.passage.text)
            ranked.append((hit.score + bonus, hit, chosen))
        ranked.sort(key=lambda t: t[0], reverse=True)
        return ranked

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
            # The sentence that introduces the person by full name (with title or role) answers "who is".
            return 1.0 if any(v in sentence.text for v in parsed.person.variants) else 0.0
        return 0.0

    def _extend(self, scores: list[float], best: int, hit: Hit, index: LoadedIndex) -> list[int]:
        """The best sentence, plus a neighbour that scores nearly as well or continues the same quote."""
        chosen = [best]
        best_quote = index.quote_at(hit.passage.article_id, hit.passage.sentences[best].start)
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
        pool = ranked[: self._config.disagreement_pool] if kind == "figure" else ranked[:3]
        for _, hit, chosen in pool:
            passage = hit.passage
            if passage.article_id in claims:
                continue
            meta = index.articles[passage.article_id]
            # Counts may sit anywhere in a strong passage; dates must be in the answering sentence.
            sentences = passage.sentences if kind == "figure" else [passage.sentences[i] for i in chosen]
            for sentence in sentences:
                found = _figure_claim(sentence.text, nouns) if kind == "figure" else _date_claim(sentence.text, meta)
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
        if len({c.value for c in claims.values()}) < 2:
            return ()
        return (Disagreement(kind=kind, claims=tuple(claims.values())),)

    def _confidence(self, score: float) -> float:
        c = self._config
        return 1.0 / (1.0 + math.exp(-c.confidence_slope * (score - c.confidence_midpoint)))

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


def _figure_claim(sentence: str, nouns: frozenset[str]) -> tuple[str, str] | None:
    found = figures(sentence, nouns)
    return (f"{found[0].value:g}", found[0].phrase) if found else None


def _date_claim(sentence: str, meta: ArticleMeta) -> tuple[str, str] | None:
    for mention in resolve_dates(sentence, meta.published):
        if mention.when is not None and mention.precision == "day":
            return mention.when.isoformat(), mention.expression
    return None


def _overlap(terms: dict[str, float], sentence: str) -> float:
    """Share of the question's content words (idf-weighted, stemmed) found in the sentence."""
    total = sum(terms.values())
    found = set(tokenize(sentence))
    return sum(w for t, w in terms.items() if t in found) / total if total else 0.0


def _speaker(index: LoadedIndex, article_id: str, starts: list[int]) -> Quote | None:
    for start in starts:
        if (quote := index.quote_at(article_id, start)) is not None:
            return quote
    return None


def _type_feature(kind: AnswerType, sentence: str) -> float:
    """A sentence holding the kind of answer asked for (a duration for "how long") is preferred; "when"
    questions already weigh dates through the intent."""
    if kind in (AnswerType.ANY, AnswerType.DATE):
        return 0.0
    return type_weight(kind, sentence)


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
