"""Block Kit rendering of answers and quick facts: escaped, inert, and within Slack's limits."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot import messages
from bot.presentation import Cite, date_label, disagreements, follow_ask_more, follow_heading, refusal
from index.answer import Answer
from index.facts.quick import PersonQuotes, Profile, Source
from index.facts.timeline import TimelineEvent

if TYPE_CHECKING:
    from bot.follow import Message

Block = dict[str, Any]
MAX_SECTION = 3000
MAX_BLOCKS = 50
MAX_CONTEXT = 2000
_SAFE_URL = re.compile(r"^https?://[^\s<>|]+$")


def escape(text: str) -> str:
    """Slack's three control characters; with ``verbatim`` this keeps mentions and links inert."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> Block:
    # verbatim: Slack must not turn article text into links, @-mentions or #channels.
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text, MAX_SECTION), "verbatim": True}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(text, MAX_CONTEXT), "verbatim": True}]}


def _link(url: str | None, label: str) -> str:
    if url and _SAFE_URL.match(url):
        return f"<{url}|{escape(label).replace('|', '¦')}>"
    return escape(label)


def citation_line(number: int, cite: Cite) -> str:
    """ "[1] <url|Title> · Outlet · 2026-01-12 · ¶3 · file" (the file only when a title stands for it)."""
    parts = [f"*[{number}]* {_link(cite.url, cite.title or cite.file)}"]
    parts += [escape(p) for p in cite.where(file=bool(cite.title))]
    return " · ".join(parts) + (f"  ⚠️ {messages.RIGHTS_NOTICE}" if cite.rights_restricted else "")


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in escape(text).splitlines())


def answer_blocks(answer: Answer, *, ask_id: int | None, shareable: bool, shared_by: str | None = None) -> list[Block]:
    """The answer: highlights first (speaker named), numbered citations, then share and feedback buttons."""
    blocks: list[Block] = [section(f"*{escape(answer.question)}*")]
    if answer.speaker_note:
        blocks.append(context(escape(answer.speaker_note)))
    if not answer.answered:
        blocks.append(section(escape(refusal(answer))))
        if answer.passages:
            blocks.append(context(messages.NEAREST_HEADER))
    for i, p in enumerate(answer.passages, 1):
        speaker = f"\n{escape(messages.SLACK_SPEAKER.format(speaker=p.speaker))}" if p.speaker else ""
        blocks.append(section(f"{_quote(p.highlight)}{speaker}  *[{i}]*"))
        if p.row_read:
            blocks.append(context(escape(messages.TABLE_ROW.format(row=p.row_read))))
    if answer.passages:
        cites = [Cite.of_passage(p) for p in answer.passages]
        blocks.append(context("\n".join(citation_line(i, c) for i, c in enumerate(cites, 1))))
    for claims in disagreements(answer):
        lines = [f"*{messages.DISAGREEMENT_HEADER}*"]
        lines += [f"• “{escape(c.phrase)}” — {escape(' · '.join(c.cite.where()))}" for c in claims]
        blocks.append(section("\n".join(lines)))
    if shared_by:
        blocks.append(context(messages.SLACK_SHARED_BY.format(user=escape(shared_by))))
    if ask_id is not None:
        buttons = []
        if shareable:
            buttons.append(_button(messages.SLACK_SHARE, "share_answer", str(ask_id), style="primary"))
        buttons.append(_button(messages.SLACK_HELPFUL, "feedback_up", str(ask_id)))
        buttons.append(_button(messages.SLACK_NOT_HELPFUL, "feedback_down", str(ask_id)))
        blocks.append({"type": "actions", "block_id": f"answer-{ask_id}", "elements": buttons})
    return blocks[:MAX_BLOCKS]


def _button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {"type": "button", "text": {"type": "plain_text", "text": label}, "action_id": action_id}
    button["value"] = value
    if style:
        button["style"] = style
    return button


def answer_text(answer: Answer) -> str:
    """Plain-text fallback (notifications, screen readers): the top highlight and its source."""
    if not answer.answered or not answer.passages:
        return escape(refusal(answer))
    top = answer.passages[0]
    who = f" — {top.speaker}" if top.speaker else ""
    where = top.source or top.file
    return _clip(escape(f"{top.highlight}{who} ({where}, ¶{top.paragraph})"), MAX_SECTION)


def _cite(cite: Cite) -> str:
    return " · ".join([_link(cite.url, cite.title or cite.file), *(escape(p) for p in cite.where(file=False))])


def quotes_blocks(groups: list[PersonQuotes], name: str) -> list[Block]:
    if not groups:
        return [section(escape(messages.SLACK_NOBODY.format(name=name)))]
    blocks: list[Block] = []
    if len(groups) > 1:
        blocks.append(context(escape(messages.SEVERAL_PEOPLE.format(name=name, count=len(groups)))))
    for group in groups:
        roles = f" — {escape('; '.join(group.roles))}" if group.roles else ""
        blocks.append(section(f"*{escape(group.name)}*{roles}"))
        if not group.articles:
            blocks.append(context(messages.NEVER_QUOTED))
        for article in group.articles:
            for q in article.quotes:
                blocks.append(section(_quote(q.text)))
                blocks.append(context(_cite(Cite.of_location(q.citation))))
    return _fit(blocks)


def profile_blocks(profiles: list[Profile], name: str) -> list[Block]:
    if not profiles:
        return [section(escape(messages.SLACK_NOBODY.format(name=name)))]
    blocks: list[Block] = []
    for p in profiles:
        lines = [f"*{escape(p.name)}*"]
        if p.roles:
            lines.append(f"Roles: {escape('; '.join(p.roles))}")
        if len(p.variants) > 1:
            lines.append(f"Spellings seen: {escape(', '.join(p.variants))}")
        lines.append(f"Mentions: {p.mentions} in {len(p.articles)} article(s)")
        blocks.append(section("\n".join(lines)))
        for q in p.top_quotes:
            blocks.append(section(_quote(q.text)))
            blocks.append(context(_cite(Cite.of_location(q.citation))))
    return _fit(blocks)


def timeline_blocks(events: list[TimelineEvent], limit: int = 20) -> list[Block]:
    dated = [e for e in events if e.when is not None]
    blocks = [
        section(f"*{escape(e.label)}* — {escape(e.sentence)}\n_{_cite(Cite.of_location(e.citation))}_")
        for e in dated[:limit]
    ]
    if len(events) > limit:
        blocks.append(context(messages.SLACK_TIMELINE_MORE.format(count=len(events) - min(limit, len(dated)))))
    return _fit(blocks)


def sources_blocks(sources: list[Source]) -> list[Block]:
    blocks = []
    for s in sources:
        lines = [f"*{_link(s.url, s.title or s.file)}*"]
        meta = [s.outlet or messages.UNKNOWN_OUTLET, date_label(s.published, s.published_partial), s.file]
        lines.append(escape(" · ".join(x for x in meta if x)) + f" · {s.passages} passages")
        if s.byline:
            lines.append(f"By {escape(s.byline)}")
        if s.rights:
            flag = f"⚠️ *{messages.RIGHTS_NOTICE}*: " if s.ai_use_restricted else ""
            lines.append(f"{flag}_{escape(s.rights)}_")
        blocks.append(section("\n".join(lines)))
    return _fit(blocks)


def text_blocks(text: str) -> list[Block]:
    return [section(escape(text))]


def _fit(blocks: list[Block]) -> list[Block]:
    return blocks if len(blocks) <= MAX_BLOCKS else [*blocks[: MAX_BLOCKS - 1], context("…")]


def follow_blocks(message: Message) -> list[Block]:
    """A follow's direct message: what is new and why it came, the passages cited, how to ask more."""
    from bot.follow import MoreArticles

    if isinstance(message, MoreArticles):
        return [section(escape(messages.FOLLOW_MORE.format(count=message.count)))]
    blocks: list[Block] = [section(f"*{escape(follow_heading(message))}*")]
    for n, item in enumerate(message.items, 1):
        speaker = f"\n{escape(messages.SLACK_SPEAKER.format(speaker=item.speaker))}" if item.speaker else ""
        blocks.append(section(f"{_quote(item.highlight)}{speaker}"))
        if item.row_read:
            blocks.append(context(escape(messages.TABLE_ROW.format(row=item.row_read))))
        blocks.append(context(citation_line(n, item.cite)))
    blocks.append(context(f"`{escape(follow_ask_more(message, '/summit'))}`"))
    return _fit(blocks)


def follow_text(message: Message) -> str:
    """The notification's plain text."""
    from bot.follow import MoreArticles

    if isinstance(message, MoreArticles):
        return escape(messages.FOLLOW_MORE.format(count=message.count))
    return _clip(escape(follow_heading(message)), MAX_SECTION)
