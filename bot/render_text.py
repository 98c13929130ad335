"""Rendering answers for the terminal: highlight first, then a citation line per passage."""

from __future__ import annotations

import textwrap

from bot import messages
from bot.citation_parts import date_label, paragraph_label
from index.answer import Answer, AnswerPassage
from index.facts import Citation, PersonQuotes, Profile, Source
from index.timeline import TimelineEvent


def citation(passage: AnswerPassage) -> str:
    """ "Lee Jae Myung · The Hankyoreh · 2026-01-12 · ¶12 · 000_x.txt" with the parts the article has."""
    parts = [
        passage.speaker,
        passage.source,
        date_label(passage.published, passage.published_partial),
        paragraph_label(passage.paragraph, passage.kind),
        passage.file,
    ]
    line = " · ".join(p for p in parts if p)
    if passage.url:
        line += f"\n    {passage.url}"
    if passage.rights_restricted:
        line += f"\n    [{messages.RIGHTS_NOTICE}]"
    return line


def render_answer(answer: Answer, width: int = 100) -> str:
    """Plain text for the terminal."""
    lines: list[str] = []
    if not answer.answered:
        lines.append(messages.refusal_text(answer.refusal.value if answer.refusal else None, answer.unknown))
        if answer.passages:
            lines += ["", messages.NEAREST_HEADER]
    if answer.speaker_note:
        lines += [f"({answer.speaker_note})", ""]
    for i, passage in enumerate(answer.passages):
        if i:
            lines.append("")
        prefix = "" if answer.answered else f"{i + 1}. "
        lines.append(textwrap.fill(prefix + passage.highlight, width=width, subsequent_indent=" " * len(prefix)))
        lines.append(f"  — {citation(passage)}")
    if answer.disagreements:
        lines += ["", render_disagreements(answer)]
    return "\n".join(lines)


def _where(c: Citation) -> str:
    return " · ".join(
        p for p in (c.source, c.published.isoformat() if c.published else None, f"¶{c.paragraph}", c.file) if p
    )


def render_disagreements(answer: Answer) -> str:
    lines = []
    for d in answer.disagreements:
        lines.append(messages.DISAGREEMENT_HEADER)
        for claim in d.claims:
            where = " · ".join(p for p in (claim.source, f"¶{claim.paragraph}", claim.file) if p)
            lines.append(f"  • {claim.phrase} — {where}")
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
                lines.append(f"      — {_where(q.citation)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_timeline(events: list[TimelineEvent]) -> str:
    lines = []
    for e in events:
        sentence = textwrap.shorten(e.sentence, 110, placeholder=" …")
        lines.append(f"{e.label:<30} {e.expression}: {sentence}\n{'':<30} — {_where(e.citation)}")
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
