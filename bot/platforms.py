"""Serving every chat platform whose credentials are set, in one process, on one engine and one service."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from bot import messages
from bot.discord.interactions import INTERACTIONS_PATH
from bot.follow import Notifier
from bot.records import Records
from bot.service import Service
from bot.settings import Settings
from index.engine import Engine
from index.store.collection import Collection
from index.store.loaded import LoadedIndex

logger = logging.getLogger(__name__)
WATCH_SECONDS = 5.0


def make_service(
    settings: Settings,
    engine: Engine | None,
    collection: Collection | None,
    *,
    index: Callable[[], LoadedIndex] | None = None,
) -> Service:
    service = Service(
        engine,
        Records(settings.database_path),
        rate_limit_per_minute=settings.rate_limit_per_minute,
        admins={"slack": settings.admin_ids, "discord": settings.discord_admin_ids},
        collection=collection,
        top_k=settings.top_k,
        index=index,
        follow_min_confidence=settings.follow_min_confidence,
    )
    on_change = getattr(engine.source, "on_change", None) if engine is not None else None
    if callable(on_change):
        # A reader node: the writer's changes arrive as new versions in Milvus; the follows made on this
        # node (kept in its own records) are delivered from here when one does.
        on_change(lambda old, new: service.changed_elsewhere(_hashes(old)))
    return service


def _hashes(index: LoadedIndex) -> dict[str, str]:
    return {aid: meta.content_hash for aid, meta in index.articles.items()}


def notifiers(settings: Settings) -> dict[str, Notifier]:
    """Who delivers follow messages: every platform whose bot token is set (direct messages need it)."""
    found: dict[str, Notifier] = {}
    if settings.slack_bot_token is not None and settings.slack_bot_token.get_secret_value():
        from bot.slack.app import web_client
        from bot.slack.notify import SlackNotifier

        found["slack"] = SlackNotifier(web_client(settings))
    if settings.discord_bot_token is not None and settings.discord_bot_token.get_secret_value():
        from bot.discord.notify import DiscordNotifier

        found["discord"] = DiscordNotifier(settings.discord_bot_token.get_secret_value(), settings.discord_api_url)
    return found


def serve_all(settings: Settings, service: Service) -> None:
    """Block serving Slack and/or Discord; with both, Discord's event loop runs in its own thread.

    Both HTTP transports share one server on SUMMITBOT_PORT, routed by path (/slack/events,
    /discord/interactions): one public port for the newsroom's proxy to forward.
    """
    service.notifiers.update(notifiers(settings))
    watch = getattr(service.engine.source, "watch", None) if service.engine is not None else None
    if callable(watch):
        watch(WATCH_SECONDS)  # a reader node notices the writer's changes without waiting for a question
    discord_http = settings.discord_configured and settings.discord_mode == "http"
    slack_http = settings.slack_configured and settings.slack_mode == "http"
    if discord_http and slack_http:
        from bot.http import http_server
        from bot.slack.app import create_app
        from bot.slack.serve import EVENTS_PATH, wsgi_app

        routes = {
            EVENTS_PATH: wsgi_app(create_app(settings, service=service)),
            INTERACTIONS_PATH: discord_interactions_app(settings, service),
        }
        logger.warning("serving Slack and Discord over HTTP on port %d", settings.port)
        http_server(PathRouter(routes), host="0.0.0.0", port=settings.port).run()
        return
    if settings.discord_configured and not settings.slack_configured:
        serve_discord(settings, service)  # in this thread: a wrong token or intent ends the command
        return
    if settings.discord_configured:
        # With Slack too, Discord runs in its own thread. A Discord that cannot start (wrong token, the
        # Message Content intent off) stops the whole process with one line and exit 1: a supervisor must
        # see it, and the newsroom must not go on believing Discord is served.
        threading.Thread(target=_discord_or_exit, args=(settings, service), name="discord", daemon=True).start()
    if settings.slack_configured:
        from bot.slack.app import create_app
        from bot.slack.serve import serve as serve_slack

        serve_slack(settings, create_app(settings, service=service))


class DiscordStartError(RuntimeError):
    """Discord refused to let the bot in; the message names why and the fix."""


def _discord_or_exit(settings: Settings, service: Service) -> None:
    try:
        serve_discord(settings, service)
    except DiscordStartError as e:
        sys.stderr.write(f"error: {e}\n")
        sys.stderr.flush()
        os._exit(1)  # the main thread is inside Slack's blocking handler: end the process from here


def serve_discord(settings: Settings, service: Service) -> None:
    assert settings.discord_bot_token is not None
    if settings.discord_mode == "http":
        from bot.http import http_server

        logger.warning("serving Discord over HTTP on port %d, path %s", settings.port, INTERACTIONS_PATH)
        http_server(discord_interactions_app(settings, service), host="0.0.0.0", port=settings.port).run()
        return
    import discord

    from bot.discord.client import SummitClient, run_gateway

    client = SummitClient(service, guild_id=settings.discord_guild_id)
    logger.warning("serving Discord over the gateway at %s", settings.discord_api_url)
    try:
        asyncio.run(run_gateway(client, settings.discord_bot_token.get_secret_value(), settings.discord_api_url))
    except discord.LoginFailure as e:
        raise DiscordStartError(messages.DISCORD_BAD_TOKEN) from e
    except discord.PrivilegedIntentsRequired as e:
        raise DiscordStartError(messages.DISCORD_NO_INTENT) from e


def discord_interactions_app(settings: Settings, service: Service):  # type: ignore[no-untyped-def]
    """The WSGI app of Discord's interactions endpoint, from the settings."""
    from bot.discord.client import application_id_from_token
    from bot.discord.interactions import InteractionsApp

    assert settings.discord_bot_token is not None and settings.discord_public_key is not None
    application_id = application_id_from_token(settings.discord_bot_token.get_secret_value())
    return InteractionsApp(
        service,
        public_key=settings.discord_public_key.get_secret_value(),
        api_url=settings.discord_api_url,
        application_id=str(application_id or ""),
    )


class PathRouter:
    """A WSGI app sending each request to the app registered for its exact path; others get 404."""

    def __init__(self, routes: dict[str, Any]) -> None:
        self._routes = routes

    def __call__(self, environ: dict[str, Any], start: Any) -> Any:
        app = self._routes.get(environ.get("PATH_INFO", ""))
        if app is None:
            start("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        return app(environ, start)
