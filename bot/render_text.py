"""Rendering answers for the terminal: highlight first, then a citation line per passage."""

from __future__ import annotations

import textwrap

from bot import messages
from index.answer import Answer, AnswerPassage


def citation(passage: AnswerPassage) -> str:
    """ "Lee Jae Myung · The Hankyoreh · 2026-01-12 · ¶12 · 000_x.txt" with the parts the article has."""
    parts = [
        passage.speaker,
        passage.source,
        passage.published.isoformat() if passage.published else None,
        f"¶{passage.paragraph}" + (f" ({messages.CAPTION})" if passage.kind == "caption" else ""),
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
    return "\n".join(lines)
