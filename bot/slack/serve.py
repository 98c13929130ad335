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

    return _timestamp_checked(SlackRequestHandler(app, path=EVENTS_PATH))


_MAX_STAMP_DIGITS = 12


def _timestamp_checked(handler):  # type: ignore[no-untyped-def]
    """Refuse a request whose X-Slack-Request-Timestamp is no number (``abc``, empty, ``²``) with 401 and
    one log line, before bolt's verifier, which raises on it (a 500 and a traceback)."""

    def app(environ, start_response):  # type: ignore[no-untyped-def]
        stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        if environ.get("PATH_INFO") == EVENTS_PATH and not (
            stamp and stamp.isascii() and stamp.isdigit() and len(stamp) <= _MAX_STAMP_DIGITS
        ):
            logger.warning("refused a Slack request with a malformed signature timestamp")
            body = b'{"error": "invalid request signature"}'
            start_response(
                "401 Unauthorized", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        return handler(environ, start_response)

    return app


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
