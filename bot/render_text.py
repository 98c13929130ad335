"""Rendering answers for the terminal: highlight first, then a citation line per passage."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from bot import messages
from bot.presentation import Cite, date_label, disagreements, follow_ask_more, follow_heading, refusal
from index.answer import Answer, AnswerPassage
from index.facts.quick import PersonQuotes, Profile, Source
from index.facts.timeline import TimelineEvent

if TYPE_CHECKING:
    from bot.follow import Message


def citation(passage: AnswerPassage) -> str:
    """ "Lee Jae Myung · The Hankyoreh · 2026-01-12 · ¶12 · 000_x.txt" with the parts the article has."""
    cite = Cite.of_passage(passage)
    line = " · ".join(([cite.speaker] if cite.speaker else []) + cite.where())
    if cite.url:
        line += f"\n    {cite.url}"
    if cite.rights_restricted:
        line += f"\n    [{messages.RIGHTS_NOTICE}]"
    return line


def render_answer(answer: Answer, width: int = 100) -> str:
    """Plain text for the terminal."""
    lines: list[str] = []
    if answer.speaker_note:  # how the question was read comes first: which "Lee", a name's slip mended
        lines += [f"({answer.speaker_note})", ""]
    if not answer.answered:
        lines.append(refusal(answer))
        if answer.passages:
            lines += ["", messages.NEAREST_HEADER]
    for i, passage in enumerate(answer.passages):
        if i:
            lines.append("")
        prefix = "" if answer.answered else f"{i + 1}. "
        lines.append(textwrap.fill(prefix + passage.highlight, width=width, subsequent_indent=" " * len(prefix)))
        if passage.row_read:
            row = messages.TABLE_ROW.format(row=passage.row_read)
            lines.append(textwrap.fill(row, width=width, initial_indent="  ", subsequent_indent="  "))
        lines.append(f"  — {citation(passage)}")
    if answer.disagreements:
        lines += ["", render_disagreements(answer)]
    return "\n".join(lines)


def _where(cite: Cite) -> str:
    return " · ".join(cite.where())


def render_disagreements(answer: Answer) -> str:
    lines = []
    for claims in disagreements(answer):
        lines.append(messages.DISAGREEMENT_HEADER)
        lines += [f"  • {c.phrase} — {_where(c.cite)}" for c in claims]
    return "\n".join(lines)


def render_quotes(groups: list[PersonQuotes], name: str) -> str:
    if not groups:
        return messages.NOBODY_NAMED.format(name=name)
    lines: list[str] = []
    if len(groups) > 1:
        lines.append(messages.SEVERAL_PEOPLE.format(name=name, count=len(groups)))
    for group in groups:
        lines += ["", f"{group.name}" + (f" — {'; '.join(group.roles)}" if group.roles else "")]
        if not group.articles:
            lines.append(f"  {messages.NEVER_QUOTED}")
        for article in group.articles:
            lines.append(f"  {article.title} ({article.file})" if article.title else f"  {article.file}")
            for q in article.quotes:
                lines.append(
                    textwrap.fill(
                        q.text, 100, initial_indent=f"    ¶{q.citation.paragraph}  ", subsequent_indent="        "
                    )
                )
    return "\n".join(lines).strip("\n")


def render_profiles(profiles: list[Profile], name: str) -> str:
    if not profiles:
        return messages.NOBODY_NAMED.format(name=name)
    blocks = []
    for p in profiles:
        lines = [p.name]
        if p.roles:
            lines.append(f"  roles: {'; '.join(p.roles)}")
        if len(p.variants) > 1:
            lines.append(f"  spellings seen: {', '.join(p.variants)}")
        lines.append(f"  mentions: {p.mentions} in {len(p.articles)} article(s): {', '.join(p.articles)}")
        if p.top_quotes:
            lines.append("  most quoted:")
            for q in p.top_quotes:
                lines.append(textwrap.fill(q.text, 100, initial_indent="    ", subsequent_indent="    "))
                lines.append(f"      — {_where(Cite.of_location(q.citation))}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_timeline(events: list[TimelineEvent]) -> str:
    lines = []
    for e in events:
        sentence = textwrap.shorten(e.sentence, 110, placeholder=" …")
        lines.append(f"{e.label:<30} {e.expression}: {sentence}\n{'':<30} — {_where(Cite.of_location(e.citation))}")
    return "\n".join(lines)


def render_sources(sources: list[Source]) -> str:
    blocks = []
    for s in sources:
        head = " · ".join(
            x for x in (s.outlet or messages.UNKNOWN_OUTLET, date_label(s.published, s.published_partial)) if x
        )
        lines = [f"{s.file}  ({s.passages} passages)", f"  {s.title or messages.NO_TITLE}", f"  {head}"]
        if s.byline:
            lines.append(f"  by {s.byline}")
        if s.url:
            lines.append(f"  {s.url}")
        if s.rights:
            flag = f"  [{messages.RIGHTS_NOTICE}]" if s.ai_use_restricted else ""
            lines.append(f"  rights: {s.rights}{flag}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_follow(message: Message) -> str:
    """A follow message for the terminal: heading, the passages with their citations, how to ask more."""
    from bot.follow import MoreArticles

    if isinstance(message, MoreArticles):
        return messages.FOLLOW_MORE.format(count=message.count)
    lines = [follow_heading(message)]
    for item in message.items:
        lines.append(textwrap.fill(item.highlight, 100, initial_indent="  ", subsequent_indent="  "))
        if item.row_read:
            row = messages.TABLE_ROW.format(row=item.row_read)
            lines.append(textwrap.fill(row, 100, initial_indent="  ", subsequent_indent="  "))
        lines.append(f"    — {' · '.join(([item.speaker] if item.speaker else []) + item.cite.where())}")
    lines.append(f"  {follow_ask_more(message, 'summitbot ask' if message.kind == 'topic' else 'summitbot')}")
    return "\n".join(lines)
