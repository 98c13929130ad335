"""Serving every chat platform whose credentials are set, in one process, on one engine and one service."""

from __future__ import annotations

import asyncio
import logging
import threading

from bot.records import Records
from bot.service import Service
from bot.settings import Settings
from index.collection import Collection
from index.engine import Engine

logger = logging.getLogger(__name__)


def make_service(settings: Settings, engine: Engine, collection: Collection | None) -> Service:
    return Service(
        engine,
        Records(settings.database_path),
        rate_limit_per_minute=settings.rate_limit_per_minute,
        admins={"slack": settings.admin_ids, "discord": settings.discord_admin_ids},
        collection=collection,
        top_k=settings.top_k,
    )


def serve_all(settings: Settings, service: Service) -> None:
    """Block serving Slack and/or Discord; with both, Discord's event loop runs in its own thread."""
    threads = []
    if settings.discord_configured:
        thread = threading.Thread(target=serve_discord, args=(settings, service), name="discord", daemon=True)
        thread.start()
        threads.append(thread)
    if settings.slack_configured:
        from bot.app import create_app
        from bot.serve import serve as serve_slack

        serve_slack(settings, create_app(settings, service.engine, records=service.records, service=service))
        return
    for thread in threads:
        thread.join()


def serve_discord(settings: Settings, service: Service) -> None:
    assert settings.discord_bot_token is not None
    if settings.discord_mode == "http":
        _serve_discord_http(settings, service)
        return
    from bot.discord.client import SummitClient, run_gateway

    client = SummitClient(service, guild_id=settings.discord_guild_id)
    logger.warning("serving Discord over the gateway at %s", settings.discord_api_url)
    asyncio.run(run_gateway(client, settings.discord_bot_token.get_secret_value(), settings.discord_api_url))


def _serve_discord_http(settings: Settings, service: Service) -> None:
    from bot.discord.client import application_id_from_token
    from bot.discord.interactions import INTERACTIONS_PATH, InteractionsApp
    from bot.serve import http_server

    assert settings.discord_bot_token is not None and settings.discord_public_key is not None
    application_id = application_id_from_token(settings.discord_bot_token.get_secret_value())
    app = InteractionsApp(
        service,
        public_key=settings.discord_public_key.get_secret_value(),
        api_url=settings.discord_api_url,
        application_id=str(application_id or ""),
    )
    logger.warning("serving Discord over HTTP on port %d, path %s", settings.discord_port, INTERACTIONS_PATH)
    http_server(app, host="0.0.0.0", port=settings.discord_port).run()
