"""Fetching articles from http(s) URLs: timeout, size cap, content-type check, no private addresses."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from seeds_loader.decode import decode_bytes
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
        """The body as text: the declared charset (header, else an HTML meta tag) first; refused, not
        guessed, when the bytes are not text."""
        return decode_bytes(self.body, self.url, declared=self.charset)


def is_url(value: str) -> bool:
    return urllib.parse.urlsplit(value).scheme in ("http", "https")


def check_address(url: str, policy: FetchPolicy) -> None:
    """Refuse non-http(s) URLs, and hosts that resolve to private, loopback or link-local addresses."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port  # raises ValueError for a port that is no number or out of range
    except ValueError as e:
        raise FetchError(f"{url}: not a valid URL ({e})") from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be added")
    try:
        infos = socket.getaddrinfo(parts.hostname, port or (443 if parts.scheme == "https" else 80))
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
    """Download ``url`` within the policy's limits: ``timeout`` is a deadline for the whole download (a
    server trickling bytes cannot hold an add open), bodies are capped before and after decompression,
    and a body cut short of its Content-Length is refused."""
    check_address(url, policy)
    deadline = time.monotonic() + policy.timeout
    opener = urllib.request.build_opener(_CheckedRedirects(policy))
    opener.addheaders = [
        ("User-Agent", "summitbot/0.1 (newsroom article indexer)"),
        ("Accept-Encoding", "gzip, deflate"),
    ]
    try:
        with opener.open(url, timeout=policy.timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in ACCEPTED_TYPES:
                raise FetchError(f"{url}: content type {content_type} is not an article (expected HTML or text)")
            length = _content_length(headers.get("Content-Length"), url)
            if length is not None and length > policy.max_bytes:
                raise FetchError(f"{url}: {length:,} bytes is over the {policy.max_bytes:,}-byte limit")
            body = _read_within(response, url, policy, deadline)
            if length is not None and len(body) < length:
                raise FetchError(f"{url}: the download was cut short ({len(body):,} of {length:,} bytes)")
            body = _decompressed(body, headers.get("Content-Encoding", ""), url, policy)
            final = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        if e.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: too many redirects (a redirect loop?)") from e
        raise FetchError(f"{url}: the server answered {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        reason = getattr(e.reason, "strerror", None) or str(e.reason)
        raise FetchError(f"{url}: unreachable ({' '.join(reason.split())})") from e
    except TimeoutError as e:
        raise FetchError(f"{url}: no answer within {policy.timeout:g} s") from e
    except http.client.IncompleteRead as e:
        raise FetchError(f"{url}: the download was cut short ({len(e.partial):,} bytes arrived)") from e
    except (OSError, http.client.HTTPException) as e:
        raise FetchError(f"{url}: unreachable ({getattr(e, 'strerror', None) or e.__class__.__name__})") from e
    except ValueError as e:  # urllib's own parsing of a malformed URL or header
        raise FetchError(f"{url}: not a valid URL or response ({e.__class__.__name__})") from e
    return Fetched(final, content_type, headers.get_content_charset(), body)


_MAX_LENGTH_DIGITS = 15  # a petabyte; anything longer is not a real Content-Length


def _content_length(value: str | None, url: str) -> int | None:
    """The Content-Length header as a number: ASCII digits only ("²" is a digit to str.isdigit, not to
    int), and a bounded count of them (int() of thousands of digits is refused by Python itself)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= _MAX_LENGTH_DIGITS):
        raise FetchError(f"{url}: the server sent an invalid Content-Length ({value[:20]!r})")
    return int(value)


def _read_within(response, url: str, policy: FetchPolicy, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the download took longer than {policy.timeout:g} s")
        chunk = response.read1(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"{url}: over the {policy.max_bytes:,}-byte limit")


def _decompressed(body: bytes, encoding: str, url: str, policy: FetchPolicy) -> bytes:
    """A gzip- or deflate-encoded body, decompressed to at most ``max_bytes`` (a bomb stops there)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{url}: the page is sent with an encoding summitbot cannot read ({encoding})")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(body, policy.max_bytes + 1)
    except zlib.error as e:
        raise FetchError(f"{url}: the compressed page is damaged") from e
    if len(out) > policy.max_bytes or inflater.unconsumed_tail:
        raise FetchError(f"{url}: over the {policy.max_bytes:,}-byte limit once decompressed")
    return out
