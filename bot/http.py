"""The production WSGI server (waitress) every HTTP transport shares, with limits fit for platform webhooks."""

from __future__ import annotations

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
