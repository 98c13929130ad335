"""Passages: the retrievable units (paragraphs, long ones split at sentence boundaries) and article metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from seeds_loader import Article, Paragraph
from seeds_loader.masthead import without_dateline

DEFAULT_MAX_WORDS = 120


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence of a passage; offsets are into the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A retrievable unit of one article; ``first_sentence`` indexes the sentence vector rows."""

    id: int
    article_id: str
    paragraph: int
    part: int
    kind: str
    text: str
    start: int
    end: int
    sentences: tuple[SentenceSpan, ...]
    first_sentence: int
    # What the paragraph leans on when read alone (the question it answers, a table's header): searched
    # with the passage, never shown as its text.
    context: str = ""
    # The live blog's day this passage's entry stands under (its clock stamp's day), if any.
    day: date | None = None

    @property
    def sentence_span(self) -> slice:
        """Its sentences' rows among the version's sentence vectors."""
        return slice(self.first_sentence, self.first_sentence + len(self.sentences))

    @property
    def row_headers(self) -> str | None:
        """A table row's cells under the table's headers, as its context gives them ("Year: 2019; ...: 3.27");
        None for any other passage."""
        return self.context if self.context and self.text.startswith("|") else None

    def embedded(self, sentence: str) -> str:
        """One of its sentences as it is embedded: a table row ("| 2019 | 5.58 | 3.27 |") under its headers,
        since its cells alone say nothing; any other sentence as it stands."""
        return f"{self.row_headers} {sentence}" if self.row_headers else sentence

    def read(self, sentence: str) -> str:
        """One of its sentences as it is read to check for the kind of answer asked for: as it is embedded,
        but a wire's lead without its dateline ("SEOUL, Nov. 21 (Pacific Wire) --" is no place or day the story
        tells of). (Embedded with it: embedded without, the missing-word test swung on wire leads of the probe sets.)"""
        return self.embedded(sentence) if self.row_headers else without_dateline(sentence)


@dataclass(frozen=True)
class ArticleMeta:
    """What a citation needs to know about an article."""

    id: str
    file: str
    content_hash: str
    title: str | None
    outlet: str | None
    byline: str | None
    published: date | None
    url: str | None
    rights: str | None
    ai_use_restricted: bool
    paragraphs: int
    published_partial: str | None = None
    # The words it prints capitalised and never in lower case, lower-cased ("samsung",
    # "keidanren"): a name typed in chat's lower case ("what did samsung say") is known for one.
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article) -> ArticleMeta:
        return cls(
            id=article.id,
            file=article.file,
            content_hash=article.content_hash,
            title=article.title,
            outlet=article.outlet,
            byline=article.byline,
            published=article.published,
            url=article.url,
            rights=article.rights,
            ai_use_restricted=article.ai_use_restricted,
            paragraphs=len(article.paragraphs),
            published_partial=article.published_partial,
            names=_names(article),
        )


_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _names(article: Article) -> tuple[str, ...]:
    """The words an article prints capitalised, and never in lower case ("Samsung", which may open the one
    sentence naming it; "Stocks rose" over "defence stocks" is no name)."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for paragraph in article.paragraphs:
        for word in _WORD.findall(paragraph.text):
            bare = re.split(r"['’]", word)[0]  # ("Japan's" is "Japan")
            (capitalised if bare[0].isupper() else lower).add(bare.lower())
    return tuple(sorted(capitalised - lower))


def build_passages(
    articles: list[Article], *, max_words: int = DEFAULT_MAX_WORDS, first_id: int = 0, first_sentence: int = 0
) -> list[Passage]:
    """Cut articles into passages, numbering passages and sentences from the given ids."""
    if max_words <= 0:
        raise ValueError(f"max_words must be > 0, got {max_words}")
    passages: list[Passage] = []
    next_sentence = first_sentence
    for article in articles:
        for paragraph in sorted(article.paragraphs + article.captions, key=lambda p: p.number):
            spans = [SentenceSpan(s.text, s.start, s.end) for s in paragraph.sentences] or [
                SentenceSpan(paragraph.text, paragraph.start, paragraph.end)
            ]
            for part, group in enumerate(_pack(spans, max_words)):
                start, end = group[0].start, group[-1].end
                passages.append(
                    Passage(
                        id=first_id + len(passages),
                        article_id=article.id,
                        paragraph=paragraph.number,
                        part=part,
                        kind=paragraph.kind,
                        text=article.text[start:end],
                        start=start,
                        end=end,
                        sentences=tuple(group),
                        first_sentence=next_sentence,
                        context=_context(paragraph),
                        day=paragraph.day,
                    )
                )
                next_sentence += len(group)
    return passages


def _context(paragraph: Paragraph) -> str:
    """What the paragraph is read with: the question it answers, a table's header; for a reporter's
    question, who asked it (its label, "Reporter (Outlet)"), which its words alone never say."""
    if paragraph.context:
        return paragraph.context
    if paragraph.kind == "question" and paragraph.speaker_label:
        return paragraph.speaker_label
    return ""


def _pack(spans: list[SentenceSpan], max_words: int) -> list[list[SentenceSpan]]:
    """Greedily group consecutive sentences so each group stays within ``max_words`` where it can."""
    groups: list[list[SentenceSpan]] = [[]]
    words = 0
    for span in spans:
        n = len(span.text.split())
        if groups[-1] and words + n > max_words:
            groups.append([])
            words = 0
        groups[-1].append(span)
        words += n
    return groups


def lexical_text(passage: Passage, article: ArticleMeta) -> str:
    """What BM25 indexes: the passage with its article's headline, so "the editorial" finds the editorial,
    and with its context (the question it answers, a table's header)."""
    return "\n".join(t for t in (article.title, passage.context, passage.text) if t)


_LEANS_BACK = re.compile(r"^(?:[“\"‘]|(?:He|She|They|It|This|That|These|Those|His|Her|Their)\b)")


def sentence_texts(passage: Passage) -> list[str]:
    """What each sentence vector embeds: the sentence as the passage embeds it (``Passage.embedded``).
    Measured and left (held out worse on pack 2): an answer's first sentence embedded after the question it
    answers; a sentence opening with a pronoun or a quote embedded after the sentence before it."""
    return [passage.embedded(s.text) for s in passage.sentences]


def dense_text(passage: Passage, previous: Passage | None, title: str | None = None) -> str:
    """What the passage vector embeds: a passage that opens with a quote or a pronoun leans on the
    sentence before it for its meaning ("...,” he told reporters), so that sentence is embedded with it;
    a photo caption stands apart from the story, so it is embedded under the article's headline; a
    paragraph with a context (the question it answers, a table's header) is embedded after it."""
    if passage.kind == "caption" and title:
        return f"{title}. {passage.text}"
    if passage.context:
        return f"{passage.context} {passage.text}"
    if previous is not None and previous.article_id == passage.article_id and _LEANS_BACK.match(passage.text):
        return f"{previous.sentences[-1].text} {passage.text}"
    return passage.text
