"""The one presentation model every renderer formats: a citation (``Cite``), the refusal sentence and the
disagreement blocks are built here once; Slack, Discord and the terminal only format and escape them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot import messages

if TYPE_CHECKING:  # only their attributes are read here: the command line's --help stays fast
    from bot.follow import FollowMessage
    from index.answer import Answer, AnswerPassage, Claim
    from index.facts.quick import Citation

_MONTHS = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()


def date_label(published: date | None, partial: str | None = None) -> str | None:
    """ "2026-01-07", or "Jan. 7 (no year given)" for a wire date without its year, or None."""
    if published is not None:
        return published.isoformat()
    if partial and len(partial) == 7 and partial.startswith("--"):
        month, day = int(partial[2:4]), int(partial[5:7])
        if 1 <= month <= 12:
            return messages.PARTIAL_DATE.format(month=_MONTHS[month - 1], day=day)
    return None


def paragraph_label(paragraph: int, kind: str = "body", asked_by: str | None = None) -> str:
    """ "¶12", "¶2 (photo caption)", "¶10 (correction)" or "¶9 (a reporter's question: Reporter (Outlet))"."""
    extra = {
        "caption": messages.CAPTION,
        "correction": messages.CORRECTION,
        "update": messages.UPDATE,
        "question": messages.QUESTION,
    }.get(kind)
    if extra and asked_by:
        extra = f"{extra}: {asked_by}"
    return f"¶{paragraph}" + (f" ({extra})" if extra else "")


@dataclass(frozen=True)
class Cite:
    """Where a sentence was published, as every front end shows it (raw text: renderers escape it)."""

    file: str
    paragraph: str  # "¶12 (photo caption)"
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    speaker: str | None = None
    rights_restricted: bool = False

    @classmethod
    def of_passage(cls, p: AnswerPassage) -> Cite:
        return cls(
            file=p.file,
            paragraph=paragraph_label(p.paragraph, p.kind, p.asked_by),
            title=p.title,
            outlet=p.source,
            date=date_label(p.published, p.published_partial),
            url=p.url,
            speaker=p.speaker,
            rights_restricted=p.rights_restricted,
        )

    @classmethod
    def of_location(cls, c: Citation) -> Cite:
        """A quick fact's sentence (a quote, a timeline event)."""
        return cls(
            file=c.file,
            paragraph=paragraph_label(c.paragraph),
            title=c.title,
            outlet=c.source,
            date=date_label(c.published),
            url=c.url,
        )

    @classmethod
    def of_claim(cls, c: Claim) -> Cite:
        return cls(file=c.file, paragraph=paragraph_label(c.paragraph), outlet=c.source, date=date_label(c.published))

    def where(self, *, file: bool = True) -> list[str]:
        """Outlet, date, paragraph and (optionally) file: the parts the article has, in that order."""
        parts = [self.outlet, self.date, self.paragraph, self.file if file else None]
        return [p for p in parts if p]


def refusal(answer: Answer) -> str:
    """Why the answer is not one: the same sentence on every platform."""
    return messages.refusal_text(answer.refusal.value if answer.refusal else None, answer.unknown)


@dataclass(frozen=True)
class ClaimView:
    phrase: str
    cite: Cite


def disagreements(answer: Answer) -> list[tuple[ClaimView, ...]]:
    """Each disagreement of the answer as its claims, side by side, none picked."""
    return [tuple(ClaimView(c.phrase, Cite.of_claim(c)) for c in d.claims) for d in answer.disagreements]


def follow_heading(message: FollowMessage) -> str:
    """ "New coverage — Sanae Takaichi is quoted in “Title”" or "Correction — “Title” answers “topic”"."""
    label = messages.FOLLOW_CORRECTION if message.correction else messages.FOLLOW_NEW
    template = messages.FOLLOW_QUOTES if message.kind == "person" else messages.FOLLOW_ANSWERS
    return f"{label} — {template.format(subject=message.subject, title=message.title)}"


def follow_ask_more(message: FollowMessage, prefix: str) -> str:
    """The command that asks more about what is followed: "/summit quotes X" or "/summit <topic>"."""
    if message.kind == "person":
        return f"{prefix} {messages.FOLLOW_ASK_PERSON.format(subject=message.subject)}"
    return f"{prefix} {message.subject}"
