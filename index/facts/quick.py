"""Quick facts over the index: who someone is, what they said, and which sources we have."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from index.answer.question import resolve_speaker
from index.errors import QuestionError
from index.people.attribution import Quote
from index.people.registry import Person
from index.store.loaded import LoadedIndex


@dataclass(frozen=True)
class Citation:
    """Where a sentence is: article, file, paragraph and character offsets in the article text."""

    article_id: str
    file: str
    title: str | None
    source: str | None
    published: date | None
    url: str | None
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class CitedQuote:
    text: str
    quoted: str | None
    verb: str | None
    resolved_by: str
    citation: Citation


@dataclass(frozen=True)
class ArticleQuotes:
    article_id: str
    file: str
    title: str | None
    quotes: tuple[CitedQuote, ...]


@dataclass(frozen=True)
class PersonQuotes:
    """Everything one person said, grouped by article in reading order."""

    name: str
    roles: tuple[str, ...]
    articles: tuple[ArticleQuotes, ...]


@dataclass(frozen=True)
class Profile:
    name: str
    roles: tuple[str, ...]
    variants: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]
    top_quotes: tuple[CitedQuote, ...]


@dataclass(frozen=True)
class Source:
    article_id: str
    file: str
    title: str | None
    outlet: str | None
    byline: str | None
    published: date | None
    url: str | None
    passages: int
    rights: str | None
    ai_use_restricted: bool
    published_partial: str | None = None


def citation(index: LoadedIndex, article_id: str, paragraph: int, start: int, end: int) -> Citation:
    meta = index.articles[article_id]
    return Citation(article_id, meta.file, meta.title, meta.outlet, meta.published, meta.url, paragraph, start, end)


def _cited(index: LoadedIndex, quote: Quote) -> CitedQuote:
    return CitedQuote(
        quote.text,
        quote.quoted,
        quote.verb,
        quote.resolved_by,
        citation(index, quote.article_id, quote.paragraph, quote.start, quote.end),
    )


def people_named(index: LoadedIndex, name: str) -> list[Person]:
    """Everyone ``name`` may mean (name, surname, spelling variant or role), most prominent first."""
    if not name.strip():
        raise QuestionError("the name is empty")
    people, _ = resolve_speaker(name.strip(), index.people)
    return people


def quotes_of(index: LoadedIndex, name: str) -> list[PersonQuotes]:
    """One group per person ``name`` could mean, each with that person's quotes by article."""
    out = []
    for person in people_named(index, name):
        by_article: dict[str, list[CitedQuote]] = {}
        for quote in index.quotes:
            if quote.person_id == person.id:
                by_article.setdefault(quote.article_id, []).append(_cited(index, quote))
        groups = tuple(
            ArticleQuotes(aid, index.articles[aid].file, index.articles[aid].title, tuple(qs))
            for aid, qs in by_article.items()
        )
        out.append(PersonQuotes(person.name, tuple(person.roles), groups))
    return out


def profiles(index: LoadedIndex, name: str, top: int = 3) -> list[Profile]:
    """Who ``name`` is: canonical name, roles, spellings seen, mentions, articles, most quotable lines."""
    out = []
    for person in people_named(index, name):
        quotes = [q for q in index.quotes if q.person_id == person.id]
        # Direct quotes first (a reporter wants the exact words), longest first among them.
        quotes.sort(key=lambda q: (q.quoted is None, -len(q.quoted or "")))
        out.append(
            Profile(
                name=person.name,
                roles=tuple(person.roles),
                variants=tuple(sorted(person.variants)),
                mentions=person.mentions,
                # ... where they are named, and where they speak (a transcript's label may be all that names them)
                articles=tuple(
                    index.articles[a].file
                    for a in sorted(person.articles | {q.article_id for q in quotes})
                    if a in index.articles
                ),
                top_quotes=tuple(_cited(index, q) for q in quotes[:top]),
            )
        )
    return out


def sources(index: LoadedIndex) -> list[Source]:
    """Every indexed article with its metadata, passage count and rights notice."""
    counts = index.passages.counts()
    return [
        Source(
            article_id=m.id,
            file=m.file,
            title=m.title,
            outlet=m.outlet,
            byline=m.byline,
            published=m.published,
            url=m.url,
            passages=counts.get(m.id, 0),
            rights=m.rights,
            ai_use_restricted=m.ai_use_restricted,
            published_partial=m.published_partial,
        )
        for m in sorted(index.articles.values(), key=lambda m: m.file)
    ]
