"""A fake Slack on loopback: Web API methods and response URLs, recorded; plus request signing."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_USER = "UBOT"


@dataclass
class Call:
    path: str
    data: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class FakeSlack:
    """Records every call; ``throttle[method] = n`` answers the next n calls of a method with 429."""

    calls: list[Call] = field(default_factory=list)
    throttle: dict[str, int] = field(default_factory=dict)
    broken: dict[str, int] = field(default_factory=dict)  # answer the next n calls of a method with 500
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    socket_url: str | None = None  # what apps.connections.open answers (a FakeSocketMode server)

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    data = json.loads(raw or "{}")
                else:
                    data = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                    for key in ("blocks", "view"):
                        if isinstance(data.get(key), str):
                            data[key] = json.loads(data[key])
                method = self.path.rsplit("/", 1)[-1]
                with fake.lock:
                    throttled = fake.throttle.get(method, 0)
                    if throttled:
                        fake.throttle[method] = throttled - 1
                    broken = fake.broken.get(method, 0)
                    if broken:
                        fake.broken[method] = broken - 1
                    status = 500 if broken else 429 if throttled else 200
                    fake.calls.append(Call(self.path, data, time.monotonic(), status))
                if broken:
                    self._reply(500, {"ok": False, "error": "internal_error"})
                elif throttled:
                    self._reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
                elif self.path.startswith("/response/"):
                    self._reply(200, None)
                elif method == "apps.connections.open":
                    self._reply(200, {"ok": True, "url": fake.socket_url})
                elif method == "conversations.open":
                    self._reply(200, {"ok": True, "channel": {"id": "D" + str(data.get("users", ""))}})
                elif method == "auth.test":
                    self._reply(200, {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1"})
                else:
                    self._reply(200, {"ok": True, "ts": f"{time.time():.6f}", "channel": data.get("channel")})

            def _reply(self, status: int, body: dict[str, Any] | None, headers: dict[str, str] | None = None) -> None:
                payload = b"ok" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if body is None else "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()

    def of(self, path_end: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.path.endswith(path_end)]

    def wait_for(self, path_end: str, count: int = 1, timeout: float = 20.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(path_end)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} call(s) to {path_end}, got {len(self.of(path_end))}: {self.calls}")


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 request signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Sender:
    """Sends signed (or deliberately mis-signed) requests to the bot's /slack/events."""

    url: str
    secret: str

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signer: Callable[[bytes], dict[str, str]] | None = None,
    ) -> tuple[int, bytes, float]:
        signed = (signer or (lambda b: sign(self.secret, b)))(body)
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": content_type, **signed, **(headers or {})}
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read(), time.monotonic() - started
        except urllib.error.HTTPError as e:
            return e.code, e.read(), time.monotonic() - started

    def slash(
        self, text: str, *, user: str, response_url: str, fields: dict[str, str] | None = None, **kwargs: Any
    ) -> tuple[int, bytes, float]:
        form = {
            "command": "/summit",
            "text": text,
            "user_id": user,
            "user_name": user.lower(),
            "channel_id": "C1",
            "team_id": "T1",
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
        form = {k: v for k, v in {**form, **(fields or {})}.items() if v}  # an empty override drops the field
        return self.post(urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded", **kwargs)

    def event(self, event: dict[str, Any], *, event_id: str, **kwargs: Any) -> tuple[int, bytes, float]:
        body = {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
        }
        return self.post(json.dumps(body).encode(), "application/json", **kwargs)

    def action(self, action_id: str, value: str, *, user: str, response_url: str) -> tuple[int, bytes, float]:
        payload = {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": user},
            "api_app_id": "A1",
            "channel": {"id": "C1"},
            "response_url": response_url,
            "trigger_id": "1.2.3",
            "actions": [{"action_id": action_id, "value": value, "block_id": "b", "type": "button"}],
        }
        form = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(form, "application/x-www-form-urlencoded")


class FakeSocketMode:
    """Slack's Socket Mode on loopback: a WebSocket server that says hello, sends the envelopes a test
    pushes, and records every acknowledgement (envelope id, when it arrived)."""

    def __init__(self) -> None:
        import queue

        self.outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.sent: dict[str, float] = {}
        self.acks: dict[str, float] = {}
        self._server: Any = None

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link"

    def start(self) -> FakeSocketMode:
        import queue

        from websockets.sync.server import serve

        def session(connection: Any) -> None:
            connection.send(json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}}))
            while True:
                try:
                    envelope = self.outbox.get(timeout=0.05)
                    self.sent[envelope["envelope_id"]] = time.monotonic()
                    connection.send(json.dumps(envelope))
                except queue.Empty:
                    pass
                try:
                    message = connection.recv(timeout=0.05)
                except TimeoutError:
                    continue
                except Exception:
                    return
                data = json.loads(message)
                if "envelope_id" in data:
                    self.acks[data["envelope_id"]] = time.monotonic()

        self._server = serve(session, "127.0.0.1", 0)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def push(self, envelope_id: str, kind: str, payload: dict[str, Any]) -> None:
        self.outbox.put(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
            }
        )

    def acked_within(self, envelope_id: str, seconds: float, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while envelope_id not in self.acks and time.monotonic() < deadline:
            time.sleep(0.02)
        return envelope_id in self.acks and self.acks[envelope_id] - self.sent[envelope_id] < seconds

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
