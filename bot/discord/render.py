"""Discord rendering of answers: embeds (as API JSON) within Discord's limits, with article text inert."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot import messages
from bot.presentation import Cite, disagreements, follow_ask_more, follow_heading, refusal
from index.answer import Answer

if TYPE_CHECKING:
    from bot.follow import Message

Payload = dict[str, Any]

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
MAX_CONTENT = 2000
MAX_DESCRIPTION = 4096
MAX_FIELD_VALUE = 1024
MAX_FIELD_NAME = 256
MAX_FIELDS = 25
MAX_EMBED_TOTAL = 6000
USER_GROUP, ADMIN_GROUP = "summit", "summit-admin"  # the slash commands: everyone's, and the admins'
# Nothing an article or a question says may ping anyone: every message is sent with this.
NO_MENTIONS: Payload = {"parse": [], "users": [], "roles": [], "replied_user": False}

_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()])")
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")
_LINK = re.compile(r"(https?)://", re.I)
_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]]+$")


def inert(text: str) -> str:
    """Article or user text as Discord shows it literally: markdown escaped, mentions and links broken
    with a zero-width space (allowed mentions are also empty on every send, so nothing pings either way)."""
    text = _MARKDOWN.sub(r"\\\1", text)
    text = _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<", "<\u200b"), text)
    return _LINK.sub("\\1\u200b://", text)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def citation_field(number: int, cite: Cite) -> Payload:
    """One numbered citation: outlet · date · ¶ · file, the title linked to the article's URL if it has one."""
    title = inert(cite.title or cite.file)
    if cite.url and _SAFE_URL.match(cite.url):
        title = f"[{title}]({cite.url})"
    value = " · ".join(inert(p) for p in cite.where())
    if cite.speaker:
        value = f"{inert(cite.speaker)} — {value}"
    if cite.rights_restricted:
        value += f"\n⚠️ {messages.RIGHTS_NOTICE}"
    return {"name": clip(f"[{number}]", MAX_FIELD_NAME), "value": clip(f"{title}\n{value}", MAX_FIELD_VALUE)}


def answer_embed(answer: Answer, *, shared_by: str | None = None) -> Payload:
    """The answer as one embed: the highlights first (with their speakers), then a field per citation,
    the disagreement and the refusal reason; always within Discord's per-embed limits."""
    lines: list[str] = []
    if answer.speaker_note:  # how the question was read comes first
        lines.append(f"*({inert(answer.speaker_note)})*")
    if not answer.answered:
        lines.append(refusal(answer))
        if answer.passages:
            lines.append(messages.NEAREST_HEADER)
    for number, passage in enumerate(answer.passages, 1):
        speaker = f" — {inert(passage.speaker)}" if passage.speaker else ""
        lines.append(f"> {inert(passage.highlight)}{speaker} **[{number}]**")
        if passage.row_read:
            lines.append(f"*{inert(messages.TABLE_ROW.format(row=passage.row_read))}*")
    fields = [citation_field(n, Cite.of_passage(p)) for n, p in enumerate(answer.passages, 1)]
    for disagreement in disagreements(answer):
        claims = "\n".join(f"• {inert(c.phrase)} — {inert(' · '.join(c.cite.where()))}" for c in disagreement)
        fields.append({"name": messages.DISAGREEMENT_HEADER[:MAX_FIELD_NAME], "value": clip(claims, MAX_FIELD_VALUE)})
    embed: Payload = {
        "title": clip(inert(answer.question), MAX_FIELD_NAME),
        "description": clip("\n\n".join(lines), MAX_DESCRIPTION),
        "fields": fields[:MAX_FIELDS],
    }
    if shared_by:
        embed["footer"] = {"text": messages.DISCORD_SHARED_BY.format(user=shared_by)}
    return fit(embed)


def fit(embed: Payload) -> Payload:
    """Drop trailing fields, then shorten the description, until the embed is within 6,000 characters."""

    def size(e: Payload) -> int:
        return (
            len(e.get("title", ""))
            + len(e.get("description", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
            + len(e.get("footer", {}).get("text", ""))
        )

    while size(embed) > MAX_EMBED_TOTAL and embed["fields"]:
        embed["fields"] = embed["fields"][:-1]
    if size(embed) > MAX_EMBED_TOTAL:
        room = MAX_EMBED_TOTAL - (size(embed) - len(embed["description"]))
        embed["description"] = clip(embed["description"], max(1, room))
    return embed


# Button custom ids carry the answer's id, so buttons work after a restart; the gateway client and the
# HTTP endpoint both parse them with these patterns.
VOTE_ID = r"summit:vote:(?P<way>up|down):(?P<id>\d+)"
SHARE_ID = r"summit:share:(?P<id>\d+)"


def vote_id(way: str, ask_id: int) -> str:
    return f"summit:vote:{way}:{ask_id}"


def share_id(ask_id: int) -> str:
    return f"summit:share:{ask_id}"


def answer_components(ask_id: int | None, *, shareable: bool) -> list[Payload]:
    """Share and 👍/👎 buttons; their custom ids carry the answer's id, so they work after a restart."""
    if ask_id is None:
        return []
    buttons = [
        {"type": 2, "style": 2, "label": messages.SLACK_HELPFUL, "custom_id": vote_id("up", ask_id)},
        {"type": 2, "style": 2, "label": messages.SLACK_NOT_HELPFUL, "custom_id": vote_id("down", ask_id)},
    ]
    if shareable:
        buttons.insert(0, {"type": 2, "style": 1, "label": messages.SLACK_SHARE, "custom_id": share_id(ask_id)})
    return [{"type": 1, "components": buttons}]


def answer_message(answer: Answer, ask_id: int | None, *, shareable: bool, shared_by: str | None = None) -> Payload:
    """A whole message payload (content, embed, buttons, no mentions) for a reply or an edit."""
    return {
        "content": "",
        "embeds": [answer_embed(answer, shared_by=shared_by)],
        "components": answer_components(ask_id, shareable=shareable),
        "allowed_mentions": NO_MENTIONS,
    }


MAX_CHOICES = 25  # Discord shows at most 25 suggestions


def people_choices(service, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Names of the people in the coverage that contain what has been typed, most mentioned first."""
    people = sorted(service.people(), key=lambda p: -p.mentions)
    return [p.name[:100] for p in people if typed.lower() in p.name.lower()][:MAX_CHOICES]


def article_choices(service, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Indexed articles whose file name or title contains what has been typed."""
    typed = typed.lower()
    found = [m for m in service.articles() if typed in m.file.lower() or typed in (m.title or "").lower()]
    return [m.file[:100] for m in sorted(found, key=lambda m: m.file)][:MAX_CHOICES]


def text_message(text: str) -> Payload:
    return {"content": clip(text, MAX_CONTENT), "allowed_mentions": NO_MENTIONS}


def facts_text(facts) -> str:  # type: ignore[no-untyped-def]
    """A quick fact as inert message text within Discord's 2,000 characters."""
    from bot.render_text import render_profiles, render_quotes, render_sources, render_timeline

    kind = facts.kind.value
    if kind == "who":
        text = render_profiles(list(facts.profiles), facts.argument)
    elif kind == "quotes":
        text = render_quotes(list(facts.quotes), facts.argument)
    elif kind == "timeline":
        text = render_timeline(list(facts.events))
    else:
        text = render_sources(list(facts.sources))
    return clip(inert(text), MAX_CONTENT)


def follow_payload(message: Message) -> Payload:
    """A follow's direct message: the heading, the passages with their speakers, a field per citation,
    and the command that asks more; inert and within Discord's limits like every answer."""
    from bot.follow import MoreArticles

    if isinstance(message, MoreArticles):
        return text_message(messages.FOLLOW_MORE.format(count=message.count))
    lines = []
    for number, item in enumerate(message.items, 1):
        speaker = f" — {inert(item.speaker)}" if item.speaker else ""
        lines.append(f"> {inert(item.highlight)}{speaker} **[{number}]**")
        if item.row_read:
            lines.append(f"*{inert(messages.TABLE_ROW.format(row=item.row_read))}*")
    ask = follow_ask_more(message, "/summit") if message.kind == "person" else follow_ask_more(message, "/summit ask")
    embed: Payload = {
        "title": clip(inert(follow_heading(message)), MAX_FIELD_NAME),
        "description": clip("\n\n".join(lines), MAX_DESCRIPTION),
        "fields": [citation_field(n, item.cite) for n, item in enumerate(message.items, 1)][:MAX_FIELDS],
        "footer": {"text": clip(ask, MAX_FIELD_NAME)},
    }
    return {"content": "", "embeds": [fit(embed)], "allowed_mentions": NO_MENTIONS}
