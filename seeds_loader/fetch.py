"""Fetching articles from http(s) URLs: timeout, size cap, content-type check, no private addresses."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from seeds_loader.errors import LoaderError

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_MAX_REDIRECTS = 5


class FetchError(LoaderError):
    """A URL could not be fetched as an article; the message names the URL and the reason."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits on what a fetch may do."""

    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    allow_private: bool = False

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {self.timeout}")
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be > 0, got {self.max_bytes}")


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    charset: str | None
    body: bytes

    def text(self) -> str:
        return self.body.decode(self.charset or "utf-8", errors="replace")


def is_url(value: str) -> bool:
    return urllib.parse.urlsplit(value).scheme in ("http", "https")


def check_address(url: str, policy: FetchPolicy) -> None:
    """Refuse non-http(s) URLs, and hosts that resolve to private, loopback or link-local addresses."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be added")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"{url}: the host {parts.hostname!r} cannot be resolved") from e
    if policy.allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"{url}: refusing a private or local address ({address})")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target passes the same address check as the first URL."""

    max_redirections = _MAX_REDIRECTS

    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_address(newurl, self._policy)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    """Download ``url`` within the policy's limits."""
    check_address(url, policy)
    opener = urllib.request.build_opener(_CheckedRedirects(policy))
    opener.addheaders = [("User-Agent", "summitbot/0.1 (newsroom article indexer)")]
    try:
        with opener.open(url, timeout=policy.timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in ACCEPTED_TYPES:
                raise FetchError(f"{url}: content type {content_type} is not an article (expected HTML or text)")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > policy.max_bytes:
                raise FetchError(f"{url}: {int(length):,} bytes is over the {policy.max_bytes:,}-byte limit")
            body = response.read(policy.max_bytes + 1)
            final = response.geturl()
    except urllib.error.HTTPError as e:
        raise FetchError(f"{url}: the server answered {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        raise FetchError(f"{url}: unreachable ({getattr(e.reason, 'strerror', None) or e.reason})") from e
    except TimeoutError as e:
        raise FetchError(f"{url}: no answer within {policy.timeout:g} s") from e
    except OSError as e:
        raise FetchError(f"{url}: unreachable ({e.strerror or e.__class__.__name__})") from e
    if len(body) > policy.max_bytes:
        raise FetchError(f"{url}: over the {policy.max_bytes:,}-byte limit")
    return Fetched(final, content_type, headers.get_content_charset(), body)
