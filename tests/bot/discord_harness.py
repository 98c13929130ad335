"""A fake Discord on loopback: the REST API and the gateway WebSocket (plain JSON text frames), enough for
discord.py to log in, identify, receive interactions and messages, and answer them."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

APP_ID = "1100000000000000001"
BOT_ID = APP_ID
GUILD_ID = "1200000000000000001"
CHANNEL_ID = "1300000000000000001"


@dataclass
class Call:
    method: str
    path: str
    data: Any
    at: float


def user(user_id: str, name: str, bot: bool = False) -> dict[str, Any]:
    return {"id": user_id, "username": name, "discriminator": "0", "global_name": name, "avatar": None, "bot": bot}


def message(
    message_id: str, content: str, author: dict[str, Any], channel_id: str = CHANNEL_ID, **extra: Any
) -> dict[str, Any]:
    return {
        "id": message_id, "channel_id": channel_id, "author": author, "content": content,
        "timestamp": "2026-01-07T00:00:00+00:00", "edited_timestamp": None, "tts": False, "mention_everyone": False,
        "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": False, "type": 0,
        "components": [],
        **extra,
    }  # fmt: skip


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """discord.py decodes a body only when Content-Type is exactly application/json (no charset)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={**(headers or {}), "Content-Type": "application/json"}
    )


def text_channel() -> dict[str, Any]:
    """The newsroom server's one text channel."""
    return {
        "id": CHANNEL_ID,
        "type": 0,
        "guild_id": GUILD_ID,
        "name": "newsroom",
        "position": 0,
        "permission_overwrites": [],
        "parent_id": None,
    }


def interaction(interaction_id: str, token: str, kind: int, data: dict[str, Any], user_id: str) -> dict[str, Any]:
    """An interaction in the guild channel, as the gateway delivers it."""
    channel = {**text_channel(), "nsfw": False, "flags": 0, "rate_limit_per_user": 0, "topic": None}
    channel["last_message_id"] = None
    member = {
        "user": user(user_id, f"user{user_id[-3:]}"),
        "roles": [],
        "permissions": "0",
        "joined_at": "2026-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "pending": False,
    }
    return {
        "id": interaction_id,
        "application_id": APP_ID,
        "type": kind,
        "token": token,
        "version": 1,
        "guild_id": GUILD_ID,
        "channel_id": CHANNEL_ID,
        "channel": channel,
        "member": member,
        "app_permissions": "0",
        "attachment_size_limit": 10485760,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {},
        "context": 0,
        "data": data,
    }


@dataclass
class FakeDiscord:
    calls: list[Call] = field(default_factory=list)
    heartbeats: list[float] = field(default_factory=list)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _sequence: int = 0
    _next_id: int = 1_400_000_000_000_000_000
    throttle: dict[str, int] = field(default_factory=dict)
    identified: int = 0
    missing: dict[str, int] = field(default_factory=dict)  # answer this many matching calls with 404
    reject_token: bool = False  # answer the login (GET /users/@me) with 401, as Discord does a wrong token
    broken: dict[str, int] = field(default_factory=dict)  # answer this many matching calls with 500

    def start(self) -> FakeDiscord:
        ready = threading.Event()

        def run() -> None:
            self.loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
            app.router.add_get("/gateway", self._gateway)
            self._runner = web.AppRunner(app)
            self.loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self.loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()
            self.loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        ready.wait(10)
        return self

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    def stop(self) -> None:
        async def shutdown() -> None:
            for ws in list(self._sockets):
                await ws.close()
            await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    def new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    # --- REST ------------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body = await request.read()
        data = json.loads(body) if body and request.content_type == "application/json" else None
        self.calls.append(Call(request.method, path, data, time.monotonic()))
        key = f"{request.method} {path.split('?')[0]}"
        for pattern, count in list(self.throttle.items()):
            if count and pattern in key:
                self.throttle[pattern] = count - 1
                return _json(
                    {"message": "You are being rate limited.", "retry_after": 0.2, "global": False},
                    status=429,
                    headers={"Retry-After": "0.2", "Via": "1.1 google", "X-RateLimit-Scope": "user"},
                )
        for pattern, count in list(self.missing.items()):
            if count and pattern in key:
                self.missing[pattern] = count - 1
                return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        for pattern, count in list(self.broken.items()):
            if count and pattern in key:
                self.broken[pattern] = count - 1
                return _json({"message": "500: Internal Server Error", "code": 0}, status=500)
        if path == "/users/@me/channels" and request.method == "POST":
            recipient = str((data or {}).get("recipient_id", ""))
            return _json({"id": f"9{recipient[1:]}", "type": 1, "recipients": [user(recipient, "someone")]})
        if path == "/users/@me":
            if self.reject_token:
                return _json({"message": "401: Unauthorized", "code": 0}, status=401)
            return _json(user(BOT_ID, "summitbot", bot=True))
        if path == "/oauth2/applications/@me":
            return _json({
                "id": APP_ID, "name": "summitbot", "icon": None, "description": "", "summary": "", "bot_public": True,
                "bot_require_code_grant": False, "owner": user("1000000000000000009", "owner"), "verify_key": "00" * 32,
                "flags": 0, "team": None, "rpc_origins": [],
            })  # fmt: skip
        if path == "/gateway/bot":
            return _json(
                {"url": f"ws://127.0.0.1:{self.port}/gateway", "shards": 1,
                 "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}
            )  # fmt: skip
        if path.startswith("/applications/") and "/commands" in path and request.method == "PUT":
            return _json([{**c, "id": self.new_id(), "application_id": APP_ID} for c in data or []])
        if path.startswith("/interactions/") and path.endswith("/callback"):
            return _json(
                {
                    "interaction": {"id": path.split("/")[2], "type": 2},
                    "resource": {"type": (data or {}).get("type", 5)},
                }
            )
        if path.startswith("/webhooks/"):
            return _json(
                message(
                    self.new_id(),
                    (data or {}).get("content") or "",
                    user(BOT_ID, "summitbot", True),
                    embeds=(data or {}).get("embeds") or [],
                )
            )
        if path.startswith("/channels/") and path.endswith("/messages") and request.method == "POST":
            channel = path.split("/")[2]
            return _json(
                message(
                    self.new_id(),
                    (data or {}).get("content") or "",
                    user(BOT_ID, "summitbot", True),
                    channel,
                    embeds=(data or {}).get("embeds") or [],
                )
            )
        return _json({})

    def of(self, method: str, contains: str) -> list[Call]:
        return [c for c in list(self.calls) if c.method == method and contains in c.path]

    def wait_for(self, method: str, contains: str, count: int = 1, timeout: float = 20.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method, contains)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} {method} {contains}; got {[(c.method, c.path) for c in self.calls]}")

    # --- gateway ---------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 500}, "s": None, "t": None}))
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                continue
            payload = json.loads(frame.data)
            if payload["op"] == 1:
                self.heartbeats.append(time.monotonic())
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif payload["op"] == 2:
                self.identified += 1
                ready = {
                    "v": 10,
                    "user": user(BOT_ID, "summitbot", bot=True),
                    "guilds": [],
                    "session_id": "session",
                    "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
                    "application": {"id": APP_ID, "flags": 0},
                }
                await self._dispatch(ws, "READY", ready)
        return ws

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self._sequence += 1
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._sequence, "d": data}))

    def dispatch(self, event: str, data: dict[str, Any]) -> None:
        for ws in list(self._sockets):
            asyncio.run_coroutine_threadsafe(self._dispatch(ws, event, data), self.loop).result(5)

    def open_thread(self, thread_id: str) -> None:
        """A GUILD_CREATE for the newsroom server with one public thread under its channel, so the client
        knows the thread as a thread (as Discord sends it on connect)."""
        text = text_channel()
        thread = {
            "id": thread_id,
            "type": 11,
            "guild_id": GUILD_ID,
            "parent_id": CHANNEL_ID,
            "name": "summit",
            "owner_id": "1500000000000000001",
            "message_count": 0,
            "member_count": 1,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": "2026-01-07T00:00:00+00:00",
                "locked": False,
            },
        }
        guild = {"id": GUILD_ID, "name": "Newsroom", "owner_id": "1500000000000000001", "member_count": 2,
                 "roles": [], "emojis": [], "stickers": [], "features": [], "members": [], "voice_states": [],
                 "presences": [], "channels": [text], "threads": [thread], "unavailable": False,
                 "large": False, "premium_tier": 0, "preferred_locale": "en-US", "verification_level": 0}  # fmt: skip
        self.dispatch("GUILD_CREATE", guild)
        time.sleep(0.3)  # processed

    def connected(self, timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (self.identified and self.of("PUT", "/commands")):
            time.sleep(0.05)
        time.sleep(0.3)  # READY processed
        return bool(self.identified and self.of("PUT", "/commands"))

    def slash(self, subcommand: str, options: dict[str, str], *, user_id: str, group: str = "summit") -> str:
        """An INTERACTION_CREATE for /group subcommand option:value; returns the interaction token."""
        token = f"token-{self.new_id()}"
        command = {
            "id": self.new_id(),
            "name": group,
            "type": 1,
            "options": [
                {
                    "type": 1,
                    "name": subcommand,
                    "options": [{"type": 3, "name": k, "value": v} for k, v in options.items()],
                }
            ],
        }
        self.dispatch("INTERACTION_CREATE", interaction(self.new_id(), token, 2, command, user_id))
        return token

    def press(self, custom_id: str, *, user_id: str) -> str:
        """A button press (a component interaction) on one of the bot's messages; returns its token."""
        token = f"token-{self.new_id()}"
        data = interaction(self.new_id(), token, 3, {"custom_id": custom_id, "component_type": 2}, user_id)
        # Discord sends the message the button is on, with its components.
        button = {"type": 2, "style": 2, "label": "button", "custom_id": custom_id}
        data["message"] = message(
            self.new_id(), "", user(BOT_ID, "summitbot", bot=True), components=[{"type": 1, "components": [button]}]
        )
        self.dispatch("INTERACTION_CREATE", data)
        return token

    def say(
        self,
        content: str,
        *,
        user_id: str,
        guild: bool = True,
        mention_bot: bool = False,
        channel_id: str = CHANNEL_ID,
        reply_to: str | None = None,
    ) -> str:
        """A MESSAGE_CREATE in a guild channel (or a DM); returns the message id."""
        message_id = self.new_id()
        data = message(message_id, content, user(user_id, f"user{user_id[-3:]}"), channel_id)
        if mention_bot:
            data["mentions"] = [user(BOT_ID, "summitbot", bot=True)]
        if reply_to is not None:  # a reply to one of the bot's messages
            data["message_reference"] = {"message_id": reply_to, "channel_id": channel_id}
            data["referenced_message"] = message(reply_to, "", user(BOT_ID, "summitbot", bot=True), channel_id)
        if guild:
            data["guild_id"] = GUILD_ID
            data["member"] = {
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        self.dispatch("MESSAGE_CREATE", data)
        return message_id

    def autocomplete(self, subcommand: str, option: str, typed: str, *, user_id: str, group: str = "summit") -> str:
        """An autocomplete interaction for one option of a slash command; returns its token."""
        token = f"token-{self.new_id()}"
        focused = {"type": 3, "name": option, "value": typed, "focused": True}
        command = {"id": self.new_id(), "name": group, "type": 1,
                   "options": [{"type": 1, "name": subcommand, "options": [focused]}]}  # fmt: skip
        self.dispatch("INTERACTION_CREATE", interaction(self.new_id(), token, 4, command, user_id))
        return token
