"""Serving the Slack app: Socket Mode, or HTTP behind a production WSGI server (waitress)."""

from __future__ import annotations

import logging

from slack_bolt import App

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


# Platform requests are small and quick: slow or idle clients must not exhaust the server, nor a huge body
# be read before the signature check refuses it. poll() instead of select() lifts the 1,024-socket ceiling.
HTTP_OPTIONS: dict[str, object] = {
    "threads": 8,
    "connection_limit": 4000,
    "channel_timeout": 10,
    "cleanup_interval": 2,
    "max_request_body_size": 256 * 1024,
    "max_request_header_size": 64 * 1024,
    "asyncore_use_poll": True,
    "backlog": 2048,
    "ident": "summitbot",
}


def http_server(wsgi, *, host: str, port: int):  # type: ignore[no-untyped-def]
    """A waitress server with the limits above (``port=0`` picks a free one: see ``effective_port``)."""
    import waitress

    return waitress.create_server(wsgi, host=host, port=port, **HTTP_OPTIONS)
