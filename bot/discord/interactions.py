"""Discord's HTTP interactions endpoint (`POST /discord/interactions`): slash commands and buttons only.

Requests are verified with Ed25519 against DISCORD_PUBLIC_KEY and refused when stale; a PING is
answered; a slash command is deferred in the HTTP response (Discord's 3 seconds) and answered by editing
the original response through the webhook API once the shared service has answered, off the request thread.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from bot import messages
from bot.commands import Command, find
from bot.discord import render
from bot.outcomes import Answered, Facts, Invalid, Refused
from bot.service import Service

logger = logging.getLogger(__name__)

INTERACTIONS_PATH = "/discord/interactions"
MAX_AGE = 5 * 60  # seconds: an older signed request is a replay
_PING, _COMMAND, _COMPONENT, _AUTOCOMPLETE = 1, 2, 3, 4
_PONG, _MESSAGE, _DEFERRED, _DEFERRED_UPDATE, _CHOICES = 1, 4, 5, 6, 8
_MAX_STAMP_DIGITS = 12
_EPHEMERAL = 64

Start = Callable[[str, list[tuple[str, str]]], Any]


class InteractionsApp:
    """A WSGI application; serve it with ``bot.http.http_server`` (the same limits as Slack's endpoint)."""

    def __init__(self, service: Service, *, public_key: str, api_url: str, application_id: str) -> None:
        from nacl.signing import VerifyKey

        self._verify = VerifyKey(bytes.fromhex(public_key))
        self._service = service
        self._api = api_url.rstrip("/")
        self._application_id = application_id
        # Interaction ids seen within MAX_AGE: a signed request replayed in that window runs once.
        self._seen: dict[str, float] = {}
        self._seen_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != INTERACTIONS_PATH or environ.get("REQUEST_METHOD") != "POST":
            return _reply(start, "404 Not Found", {"error": "not found"})
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        if not self._signed(environ, body):
            return _reply(start, "401 Unauthorized", {"error": "invalid request signature"})
        try:
            interaction = json.loads(body)
        except ValueError:
            return _reply(start, "400 Bad Request", {"error": "the body is not JSON"})
        if not isinstance(interaction, dict):
            return _reply(start, "400 Bad Request", {"error": "the body is not an interaction object"})
        kind = interaction.get("type")
        if kind == _PING:
            return _reply(start, "200 OK", {"type": _PONG})
        if kind == _AUTOCOMPLETE:
            return _reply(start, "200 OK", {"type": _CHOICES, "data": {"choices": self._choices(interaction)}})
        replay = self._replayed(str(interaction.get("id", "")))
        if kind == _COMMAND:
            deferred = _reply(start, "200 OK", {"type": _DEFERRED, "data": {"flags": _EPHEMERAL}})
            if replay:
                return deferred
            # The answer's edit must not reach Discord before the deferral does: the work starts when the
            # server closes the response, i.e. after it was sent.
            return _AfterSent(
                deferred, lambda: threading.Thread(target=self._answer, args=(interaction,), daemon=True).start()
            )
        if kind == _COMPONENT:
            if replay:
                return _reply(start, "200 OK", {"type": _DEFERRED_UPDATE})
            return _reply(start, "200 OK", self._button(interaction))
        return _reply(start, "400 Bad Request", {"error": "unsupported interaction type"})

    def _replayed(self, interaction_id: str) -> bool:
        """True when this interaction id was already handled within MAX_AGE (then it is not run again)."""
        now = time.monotonic()
        with self._seen_lock:
            self._seen = {i: t for i, t in self._seen.items() if now - t < MAX_AGE}
            if not interaction_id or interaction_id not in self._seen:
                if interaction_id:
                    self._seen[interaction_id] = now
                return False
            return True

    def _choices(self, interaction: dict[str, Any]) -> list[dict[str, str]]:
        """Autocomplete as the gateway answers it: people's names, or article files for remove."""
        data = interaction.get("data") or {}
        sub = (data.get("options") or [{}])[0]
        focused = next((o for o in sub.get("options") or [] if o.get("focused")), {})
        typed = str(focused.get("value", ""))
        group = data.get("name")
        spec = find(str(sub.get("name", "")), admin=group == render.ADMIN_GROUP)
        suggest = spec.argument.suggest if spec is not None and spec.argument is not None else None
        if suggest == "articles":
            names = render.article_choices(self._service, typed)
        elif suggest == "people":
            names = render.people_choices(self._service, typed)
        else:
            names = []
        return [{"name": n, "value": n} for n in names]

    def _signed(self, environ: dict[str, Any], body: bytes) -> bool:
        signature = environ.get("HTTP_X_SIGNATURE_ED25519", "")
        stamp = environ.get("HTTP_X_SIGNATURE_TIMESTAMP", "")
        # ASCII digits of a sensible length only: "²" is a digit to str.isdigit(), not to int().
        if not signature or not (stamp.isascii() and stamp.isdigit() and len(stamp) <= _MAX_STAMP_DIGITS):
            return False
        if abs(time.time() - int(stamp)) > MAX_AGE:
            return False
        from nacl.exceptions import BadSignatureError

        try:
            self._verify.verify(stamp.encode() + body, bytes.fromhex(signature))
        except (BadSignatureError, ValueError):
            return False
        return True

    # --- slash commands, answered after the deferral --------------------------------------------
    def _answer(self, interaction: dict[str, Any]) -> None:
        try:
            payload = self._command(interaction)
        except Exception:
            logger.exception("a Discord interaction failed")
            payload = render.text_message(messages.SLACK_FAILED)
        application_id = str(interaction.get("application_id") or self._application_id)
        self._edit_original(application_id, interaction["token"], payload)

    def _command(self, interaction: dict[str, Any]) -> dict[str, Any]:
        user = str(_user(interaction).get("id", ""))
        data = interaction.get("data") or {}
        sub = (data.get("options") or [{}])[0]
        name = str(sub.get("name", ""))
        # The same schema registered the commands: an unknown group or subcommand is never run as another.
        group = data.get("name")
        spec = (
            find(name, admin=group == render.ADMIN_GROUP) if group in (render.USER_GROUP, render.ADMIN_GROUP) else None
        )
        if spec is None:
            return render.text_message(messages.DISCORD_UNKNOWN_COMMAND.format(name=name or "(none)"))
        values = {o.get("name"): str(o.get("value", "")) for o in sub.get("options") or []}
        argument = values.get(spec.argument.name, "") if spec.argument else ""
        outcome = self._service.handle(
            "discord", user, interaction.get("channel_id"), "slash", Command(spec.kind, argument)
        )
        if isinstance(outcome, Facts):
            return render.text_message(render.facts_text(outcome))
        if isinstance(outcome, (Answered, Refused)):
            return render.answer_message(outcome.answer, outcome.ask_id, shareable=True)
        return render.text_message(outcome.text)

    def _button(self, interaction: dict[str, Any]) -> dict[str, Any]:
        custom_id = str((interaction.get("data") or {}).get("custom_id", ""))
        user = _user(interaction)
        if vote := re.fullmatch(render.VOTE_ID, custom_id):
            return _ephemeral(self._service.vote(int(vote["id"]), str(user.get("id", "")), vote["way"] == "up").text)
        if share := re.fullmatch(render.SHARE_ID, custom_id):
            outcome = self._service.shareable(int(share["id"]))
            if isinstance(outcome, Invalid):
                return _ephemeral(outcome.text)
            shared_by = str(user.get("global_name") or user.get("username") or "")
            return {
                "type": _MESSAGE,
                "data": render.answer_message(outcome.answer, int(share["id"]), shareable=False, shared_by=shared_by),
            }
        return _ephemeral(messages.SLACK_BAD_BUTTON)

    def _edit_original(self, application_id: str, token: str, payload: dict[str, Any]) -> None:
        # Every interaction names its application; the configured id is only the fallback.
        url = f"{self._api}/webhooks/{application_id}/{token}/messages/@original"
        body = json.dumps(payload).encode()
        for attempt in range(4):  # Discord's 429s are retried, honouring Retry-After
            request = urllib.request.Request(
                url, data=body, method="PATCH", headers={"Content-Type": "application/json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=10):
                    return
            except urllib.error.HTTPError as e:
                if e.code not in (404, 429) or attempt == 3:
                    logger.error("editing the Discord response failed: %s", e.code)
                    return
                # 429: Discord's Retry-After; 404: the deferral not yet known to Discord, a short backoff.
                wait = float(e.headers.get("Retry-After") or 1) if e.code == 429 else 0.25 * 2**attempt
                time.sleep(min(wait, 5))
            except OSError:
                logger.exception("editing the Discord response failed")
                return


class _AfterSent:
    """A WSGI response body that runs ``then`` once the server has sent it (PEP 3333: ``close()``)."""

    def __init__(self, body: list[bytes], then: Callable[[], None]) -> None:
        self._body, self._then = body, then

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._body)

    def close(self) -> None:
        self._then()


def _user(interaction: dict[str, Any]) -> dict[str, Any]:
    """Who acted: the member's user in a server, the user in a DM."""
    return (interaction.get("member") or {}).get("user") or interaction.get("user") or {}


def _ephemeral(text: str) -> dict[str, Any]:
    return {"type": _MESSAGE, "data": {**render.text_message(text), "flags": _EPHEMERAL}}


def _reply(start: Start, status: str, data: dict[str, Any]) -> list[bytes]:
    body = json.dumps(data).encode()
    start(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
