"""Serving the Slack app: Socket Mode, or HTTP behind the shared WSGI server (``bot.http``)."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.http import http_server
from bot.settings import Settings

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


def wsgi_app(app: App):  # type: ignore[no-untyped-def]
    """The WSGI callable that serves ``app`` at /slack/events."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    return SlackRequestHandler(app, path=EVENTS_PATH)


def serve(settings: Settings, app: App) -> None:
    """Block serving Slack in the configured mode until interrupted."""
    if settings.slack_mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        assert settings.slack_app_token is not None
        logger.warning("serving Slack over Socket Mode")
        SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
        return
    logger.warning("serving Slack over HTTP on port %d, path %s", settings.port, EVENTS_PATH)
    http_server(wsgi_app(app), host="0.0.0.0", port=settings.port).run()
