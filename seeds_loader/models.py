"""Typed article models: an article, its paragraphs and sentences, located by character offsets."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict


class Sentence(BaseModel):
    """One sentence; ``article.text[start:end] == text``."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int


class Paragraph(BaseModel):
    """One searchable paragraph: body text, or a photo caption (kept apart from the body, still citable).

    ``number`` is the paragraph's position in the article as published (photo captions and
    other printed blocks count, headline and metadata lines do not), so a reader can find it.
    """

    model_config = ConfigDict(frozen=True)

    number: int
    kind: Literal["body", "caption", "correction", "question", "update"] = "body"
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    # A transcript's or interview's speaker label over this paragraph ("Spokesperson Kang Yu-jung", "A").
    speaker_label: str | None = None
    # What the paragraph leans on for its meaning when read alone: the question it answers, the question
    # heading above it, a table's header row, a list's lead-in. Searched with it, never shown as it.
    context: str | None = None
    # The day heading a live blog's entry stands under ("TUESDAY, JANUARY 13, 2026"): its clock stamps'
    # day. None outside such a blog.
    day: date | None = None


class Article(BaseModel):
    """An article read from a file: metadata, its full text, and the searchable paragraphs."""

    model_config = ConfigDict(frozen=True)

    id: str
    file: str
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: date | None = None
    # A publication date the text gives without its year ("Jan. 7" in a wire dateline): "--MM-DD".
    published_partial: str | None = None
    url: str | None = None
    rights: str | None = None
    # Its credit calls it an interview ("Interview by Ren Mizuno"): the questions it prints are an interviewer's.
    interview: bool = False
    # Its section or headline calls it an opinion piece ("Opinion | ...", "section: Column").
    opinion: bool = False
    captions: tuple[Paragraph, ...] = ()
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def ai_use_restricted(self) -> bool:
        """True when the rights notice forbids use by AI systems (editors must see this)."""
        if not self.rights:
            return False
        notice = self.rights.lower()
        mentions_ai = "artificial intelligence" in notice or " ai " in f" {notice} "
        forbids = any(w in notice for w in ("forbid", "prohibit", "not be used", "may not"))
        return mentions_ai and forbids
