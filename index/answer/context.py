"""What the stages share across questions (the encoder, the configuration, per-version caches) and within
one question (the question embedded without a focus word, computed at most once per word)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from index.answer.config import EngineConfig
from index.answer.synonyms import WordVectors
from index.encode.embedder import Embedder
from index.people.attribution import referred_to
from index.people.quotation import unquoted
from index.people.registry import Person
from index.store.loaded import LoadedIndex
from index.store.passages import Passage
from index.text.dates import DateMention, dates_in
from index.text.tokens import token_set, tokenize, with_twins

_NEARBY_CACHE = 20_000  # passages; about 20 MB of text at most
_ARTICLE_CACHE = 2_000  # articles' texts, read only for questions that name a place
# A third person's pronoun, and how many passages back whom it stands for is looked for.
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
_REFERENT_REACH = 4


@dataclass(frozen=True)
class Words:
    """A passage's stemmed words as the ranking reads them: each sentence's, its own (with its context and
    who speaks in it) and the paragraphs' just before it."""

    sentences: tuple[frozenset[str], ...]
    own: frozenset[str]
    nearby: frozenset[str]


class Context:
    """The encoder and configuration, and what is remembered per index version: the text just before a
    passage (every question that retrieves it asks again) and each article's recency."""

    def __init__(self, embedder: Embedder, config: EngineConfig) -> None:
        self.embedder = embedder
        self.config = config
        self._nearby: dict[int, str] = {}
        self._nearby_version: str | None = None
        self._recency: dict[str, float] = {}
        self._recency_version: str | None = None
        self._newest: date | None = None  # the coverage's newest date, with ``_recency``
        self._voices: dict[int, str] = {}
        self._dates: dict[int, tuple[tuple[DateMention, ...], ...]] = {}
        self._words: dict[int, Words] = {}
        self._articles: dict[str, str] = {}
        self._article_words: dict[str, frozenset[str]] = {}
        # Words encoded alone, to find a question's word said otherwise (``synonyms``): the encoder's, kept
        # across versions (a word means what it meant).
        self.words_alike = WordVectors(embedder)

    def voices(self, index: LoadedIndex, passage: Passage) -> str:
        """The names of who speaks in the passage, and their roles: what its "I", "she" or a transcript's
        label stand for, so "how many years was Ahn a diplomat" finds the columnist's own "I spent thirty-one
        years" and "what is the columnist worried about" the column's "My worry lies elsewhere"."""
        self._follow(index)
        if (names := self._voices.get(passage.id)) is None:
            quotes = [
                quote
                for sentence in passage.sentences
                if (quote := index.quote_at(passage.article_id, sentence.start)) is not None
            ]
            found = {quote.speaker for quote in quotes}
            # ... and the roles the coverage gives them: "the columnist" is the "I" of a column.
            found |= {
                role
                for quote in quotes
                if (person := index.people.people.get(quote.person_id))
                for role in person.roles
            }
            # ... and whom its "she" or "his" stands for, when it names nobody itself: "She started the exchange
            # in 2015" after a paragraph about Choi Eun-hee is about Choi.
            if (
                not quotes
                and _PRONOUN.search(unquoted(passage.text))
                and not index.people.named_in(passage.text)
                and (person := self._referent(index, passage)) is not None
            ):
                found |= {person.name, *person.roles}
            # ... and whom the question it answers asks about by their role ("When will the Prime Minister visit
            # Korea?" in a briefing that never names her): the one holder of that role in its article, else in the
            # coverage.
            if passage.context.rstrip().endswith("?"):
                asked = passage.context.lower()  # ("the Prime Minister", capitalised as a title)
                held = referred_to(asked, index.people, passage.article_id) or referred_to(asked, index.people, None)
                found |= {person.name for person in held}
            names = " ".join(sorted(found))
            if len(self._voices) < _NEARBY_CACHE:
                self._voices[passage.id] = names
        return names

    def _referent(self, index: LoadedIndex, passage: Passage) -> Person | None:
        """The one person the nearest earlier passage of the article that names or quotes anyone names or
        quotes (within _REFERENT_REACH passages); None when it names several."""
        first = index.passages.of_article(passage.article_id).start
        for i in reversed(range(max(first, passage.id - _REFERENT_REACH), passage.id)):
            before = index.passages[i]
            people = {p.id: p for p in index.people.named_in(before.text)}
            for sentence in before.sentences:
                if (quote := index.quote_at(before.article_id, sentence.start)) is not None and quote.person_id:
                    people.setdefault(quote.person_id, index.people.get(quote.person_id))
            if people:
                return next(iter(people.values())) if len(people) == 1 else None
        return None

    def dates(self, index: LoadedIndex, passage: Passage) -> tuple[tuple[DateMention, ...], ...]:
        """Each sentence's dates, resolved against its article's date ("last year" in 2026 is 2025,
        "tomorrow" in a Tuesday transcript is Wednesday): read once per passage and version, as every
        question naming a year, a day or a weekday asks again."""
        self._follow(index)
        if (dates := self._dates.get(passage.id)) is None:
            published = index.articles[passage.article_id].published
            # (A table row's as read under its headers: "Next step: Forensic teams meet in February" is to come.)
            dates = tuple(tuple(dates_in([passage.row_headers or s.text], published)) for s in passage.sentences)
            if len(self._dates) < _NEARBY_CACHE:
                self._dates[passage.id] = dates
        return dates

    def words(self, index: LoadedIndex, passage: Passage) -> Words:
        """The passage's words, read once per version: every question that retrieves it weighs them."""
        self._follow(index)
        if (found := self._words.get(passage.id)) is None:
            found = Words(
                tuple(with_twins(token_set(s.text)) for s in passage.sentences),
                with_twins(token_set(f"{passage.text} {passage.context} {self.voices(index, passage)}")),
                with_twins(token_set(self.nearby(index, passage))),
            )
            if len(self._words) < _NEARBY_CACHE:
                self._words[passage.id] = found
        return found

    def article_text(self, index: LoadedIndex, article_id: str) -> str:
        """The article's headline and passages, in lower case: where a place a question names is looked for."""
        self._follow(index)
        if (text := self._articles.get(article_id)) is None:
            meta = index.articles[article_id]
            text = " ".join([meta.title or "", *index.passages.texts(index.passages.of_article(article_id))]).lower()
            if len(self._articles) < _ARTICLE_CACHE:
                self._articles[article_id] = text
        return text

    def lead(self, index: LoadedIndex, article_id: str) -> str:
        """The article's first body passage: with its headline, what the article is about."""
        return next(
            (
                index.passages[i].text
                for i in index.passages.of_article(article_id)
                if index.passages.kind_of(i) == "body"
            ),
            "",
        )

    def article_words(self, index: LoadedIndex, article_id: str) -> frozenset[str]:
        """The stems of the article's headline, passages and the headings and questions they stand under."""
        self._follow(index)
        if (words := self._article_words.get(article_id)) is None:
            headings = dict.fromkeys(index.passages[i].context for i in index.passages.of_article(article_id))
            words = token_set(f"{self.article_text(index, article_id)} {' '.join(headings)}")
            if len(self._article_words) < _ARTICLE_CACHE:
                self._article_words[article_id] = words
        return words

    def years_resolved(self, index: LoadedIndex, passage: Passage) -> frozenset[str]:
        """The years the passage's dates resolve to."""
        return frozenset(str(m.when.year) for sentence in self.dates(index, passage) for m in sentence if m.when)

    def _follow(self, index: LoadedIndex) -> None:
        """What is remembered is of one version: a new one starts afresh."""
        if self._nearby_version != index.version:
            self._nearby.clear()
            self._voices.clear()
            self._dates.clear()
            self._words.clear()
            self._articles.clear()
            self._article_words.clear()
            self._nearby_version = index.version

    def nearby(self, index: LoadedIndex, passage: Passage) -> str:
        """The two body passages before ``passage`` in its article: what a quote or a pronoun leans on."""
        self._follow(index)
        if (text := self._nearby.get(passage.id)) is None:
            earlier = [i for i in index.passages.of_article(passage.article_id) if i < passage.id][-4:]
            body = [i for i in earlier if index.passages.kind_of(i) == "body"][-2:]
            text = " ".join(index.passages.texts(body))
            if len(self._nearby) < _NEARBY_CACHE:
                self._nearby[passage.id] = text
        return text

    def as_of(self, index: LoadedIndex, article_id: str) -> date | None:
        """When an article was written, for what its dates tell of past and future: its own date, or, for an
        undated one, the newest date of the coverage (it was written by then at the latest: "their summit held
        on Oct. 30, 2025" is past for anyone asking where the next one will be)."""
        if (published := index.articles[article_id].published) is not None:
            return published
        self.recency(index)
        return self._newest

    def recency(self, index: LoadedIndex) -> dict[str, float]:
        """Each dated article's place from oldest (0) to newest (1); undated ones are not placed."""
        if self._recency_version != index.version:
            dated = sorted({m.published for m in index.articles.values() if m.published is not None})
            place = {d: (i / (len(dated) - 1) if len(dated) > 1 else 1.0) for i, d in enumerate(dated)}
            self._recency = {m.id: place[m.published] for m in index.articles.values() if m.published}
            self._newest = dated[-1] if dated else None
            self._recency_version = index.version
        return self._recency


class Probe:
    """The question embedded without one focus word, to test what that word means (at most once a word)."""

    def __init__(self, embedder: Embedder, question: str) -> None:
        self._embedder = embedder
        self._question = question
        self._without: dict[str, np.ndarray] = {}

    def without(self, stem: str) -> np.ndarray:
        if stem not in self._without:
            self._without[stem] = self._embedder.encode([_without(self._question, stem)])[0]
        return self._without[stem]


def _without(question: str, stem: str) -> str:
    """The question with the words of one stem left out ("have the pandas arrived" -> "have the pandas")."""
    kept = [w for w in question.split() if tokenize(w.strip("?!.,;:")) != [stem]]
    return " ".join(kept)
