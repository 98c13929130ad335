"""The Discord gateway client: /summit slash commands and mentions, answered by the shared service.

Every answer is computed off the event loop (``asyncio.to_thread``): the engine is CPU-bound and the
gateway's heartbeat must never wait for it. Every send carries no allowed mentions.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

from bot import messages
from bot.commands import SPECS, Command, CommandSpec
from bot.discord import render
from bot.discord.render import ADMIN_GROUP, USER_GROUP
from bot.outcomes import Answered, Facts, Invalid, Outcome, Refused
from bot.service import Service

logger = logging.getLogger(__name__)
_MENTION = re.compile(r"<@!?\d+>")


def point_at(api_url: str) -> None:
    """Make discord.py talk to ``api_url`` (a proxy or a test server) instead of discord.com."""
    discord.http.Route.BASE = api_url.rstrip("/")


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=render.VOTE_ID):  # type: ignore[call-arg]
    """👍/👎 on an answer; the custom id carries the answer, so the button works after a restart."""

    def __init__(self, way: str, ask_id: int) -> None:
        label = messages.SLACK_HELPFUL if way == "up" else messages.SLACK_NOT_HELPFUL
        super().__init__(discord.ui.Button(label=label, custom_id=render.vote_id(way, ask_id)))
        self.way, self.ask_id = way, ask_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]) -> VoteButton:  # type: ignore[override]
        return cls(match["way"], int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        service: Service = interaction.client.service  # type: ignore[attr-defined]
        voted = await asyncio.to_thread(service.vote, self.ask_id, str(interaction.user.id), self.way == "up")
        none = discord.AllowedMentions.none()
        await interaction.response.send_message(voted.text, ephemeral=True, allowed_mentions=none)


class ShareButton(discord.ui.DynamicItem[discord.ui.Button], template=render.SHARE_ID):  # type: ignore[call-arg]
    """Posts the answer publicly, attributed to who shared it, after re-checking it against the coverage."""

    def __init__(self, ask_id: int) -> None:
        super().__init__(discord.ui.Button(label=messages.SLACK_SHARE, custom_id=render.share_id(ask_id)))
        self.ask_id = ask_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]) -> ShareButton:  # type: ignore[override]
        return cls(int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        service: Service = interaction.client.service  # type: ignore[attr-defined]
        outcome = await asyncio.to_thread(service.shareable, self.ask_id)
        none = discord.AllowedMentions.none()
        if isinstance(outcome, Invalid):
            await interaction.response.send_message(outcome.text, ephemeral=True, allowed_mentions=none)
            return
        embed = render.answer_embed(outcome.answer, shared_by=interaction.user.display_name)
        await interaction.response.send_message(
            embed=discord.Embed.from_dict(embed), view=answer_view(self.ask_id, shareable=False), allowed_mentions=none
        )


def answer_view(ask_id: int | None, *, shareable: bool) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    if ask_id is not None:
        if shareable:
            view.add_item(ShareButton(ask_id))
        view.add_item(VoteButton("up", ask_id))
        view.add_item(VoteButton("down", ask_id))
    return view


class SummitClient(discord.Client):
    """The bot: slash commands registered at start, mentions and DMs answered as replies."""

    def __init__(self, service: Service, *, guild_id: int | None = None) -> None:
        intents = discord.Intents.default()
        intents.message_content = True  # follow-ups in threads carry no mention; their text is needed
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none())
        self.service = service
        self.guild_id = guild_id
        self.tree = app_commands.CommandTree(self)
        self.tree.add_command(_group(admin=False))
        self.tree.add_command(_group(admin=True))

    async def setup_hook(self) -> None:
        self.add_dynamic_items(VoteButton, ShareButton)
        if self.guild_id:
            guild = discord.Object(id=self.guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.user is None:
            return
        direct = getattr(message.channel, "type", None) == discord.ChannelType.private
        mentioned = self.user in message.mentions
        # A reply to one of the bot's answers, or a message in a thread it answered in, is a follow-up.
        reply_to_bot = bool(
            message.reference
            and isinstance(message.reference.resolved, discord.Message)
            and message.reference.resolved.author.id == self.user.id
        )
        in_thread = self.service.in_thread(f"discord:{message.channel.id}", "thread")
        if not (direct or mentioned or reply_to_bot or in_thread):
            return
        question = _MENTION.sub("", message.content).strip()
        user = str(message.author.id)
        source = "dm" if direct else "mention" if mentioned else "thread"
        try:
            asked: Outcome = await asyncio.to_thread(
                self.service.ask, "discord", user, str(message.channel.id), source, question
            )
        except Exception:  # the records database locked, the index gone: say so, never fall silent
            logger.exception("answering a Discord message failed")
            await message.reply(content=messages.SLACK_FAILED, allowed_mentions=discord.AllowedMentions.none())
            return
        await message.reply(**_reply(asked, shareable=False))
        if isinstance(message.channel, discord.Thread):
            self.service.remember_thread(f"discord:{message.channel.id}", "thread")


def _reply(outcome: Outcome, *, shareable: bool) -> dict[str, Any]:
    """discord.py's keyword arguments for the service's outcome (an answer, a quick fact, a text)."""
    none = discord.AllowedMentions.none()
    if isinstance(outcome, Facts):
        return {"content": render.facts_text(outcome), "allowed_mentions": none}
    if isinstance(outcome, (Answered, Refused)):
        embed = discord.Embed.from_dict(render.answer_embed(outcome.answer))
        view = answer_view(outcome.ask_id, shareable=shareable)
        return {"embed": embed, "view": view, "allowed_mentions": none}
    return {"content": render.clip(outcome.text, render.MAX_CONTENT), "allowed_mentions": none}


async def _people(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Names of the people in the coverage that contain what has been typed, most mentioned first."""
    names = render.people_choices(interaction.client.service, current)  # type: ignore[attr-defined]
    return [app_commands.Choice(name=n, value=n) for n in names]


async def _articles(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Indexed articles whose file name or title contains what has been typed."""
    names = render.article_choices(interaction.client.service, current)  # type: ignore[attr-defined]
    return [app_commands.Choice(name=n, value=n) for n in names]


_SUGGEST = {"people": _people, "articles": _articles}


async def _finish(interaction: discord.Interaction, work: Callable[[], dict[str, Any]]) -> None:
    """Defer within Discord's 3 seconds, do the work off the event loop, and always end the interaction
    edited: with the reply, or with the failure message when the work raised."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        reply = await asyncio.to_thread(work)
    except Exception:
        logger.exception("a Discord command failed")
        reply = {"content": messages.SLACK_FAILED}
    await interaction.edit_original_response(**{"allowed_mentions": discord.AllowedMentions.none(), **reply})


async def _run(interaction: discord.Interaction, command: Command) -> None:
    """Every slash command: the service decides (limits, admin rights, the job), this only renders."""
    service: Service = interaction.client.service  # type: ignore[attr-defined]
    user, channel = str(interaction.user.id), str(interaction.channel_id)

    def work() -> dict[str, Any]:
        # Admin jobs take minutes: off the event loop, so that the gateway heartbeat keeps going.
        return _reply(service.handle("discord", user, channel, "slash", command), shareable=True)

    await _finish(interaction, work)


def _command(spec: CommandSpec, group: app_commands.Group) -> app_commands.Command[Any, ..., None]:
    """The app command for one entry of the schema: its name, description, argument and suggestions."""
    if spec.argument is None:

        async def bare(interaction: discord.Interaction) -> None:
            await _run(interaction, Command(spec.kind))

        return app_commands.Command(name=spec.name, description=spec.summary, callback=bare, parent=group)

    async def with_value(interaction: discord.Interaction, value: str) -> None:
        await _run(interaction, Command(spec.kind, value))

    # One callback for every argument: Discord sees the schema's name ("question", "name", "source"...).
    app_commands.rename(value=spec.argument.name)(with_value)
    app_commands.describe(value=spec.argument.description)(with_value)
    if spec.argument.suggest is not None:
        app_commands.autocomplete(value=_SUGGEST[spec.argument.suggest])(with_value)
    return app_commands.Command(name=spec.name, description=spec.summary, callback=with_value, parent=group)


def _group(*, admin: bool) -> app_commands.Group:
    """/summit (everyone) or /summit-admin (the admin commands), derived from the one command schema."""
    if admin:
        # Manage Server is only a hint to Discord's UI: the check that counts is the user id in the service.
        group = app_commands.Group(
            name=ADMIN_GROUP,
            description="Add, remove and re-index articles (admins only)",
            default_permissions=discord.Permissions(manage_guild=True),
        )
    else:
        group = app_commands.Group(name=USER_GROUP, description="Answers from the newsroom's coverage, with citations")
    for spec in SPECS:
        if spec.admin == admin:
            group.add_command(_command(spec, group))
    return group


async def run_gateway(client: SummitClient, token: str, api_url: str) -> None:
    """Log in at ``api_url`` and serve the gateway it names (GET /gateway/bot), until the client closes."""
    point_at(api_url)
    await client.login(token)
    _, url, _ = await client.http.get_bot_gateway()
    # discord.py's first connection goes to its built-in gateway unless told otherwise.
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = discord.gateway.yarl.URL(url)
    await client.connect(reconnect=True)


# What the bot does in a channel, and nothing more: view it, send messages and embeds (also in threads),
# read the history it replies to. Application commands need the applications.commands scope, no permission.
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(
        application_id, permissions=INVITE_PERMISSIONS, scopes=("bot", "applications.commands")
    )


def application_id_from_token(token: str) -> int | None:
    """The application (bot user) id is the first, base64-encoded part of a bot token."""
    import base64
    import binascii

    head = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if decoded.isdigit() else None
