"""Follow messages to Discord users: a direct message through Discord's REST API (open the DM channel,
then post to it), the same for the gateway and the HTTP-interactions transports; 429 retried as Discord
asks (Retry-After)."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

from bot.discord import render

if TYPE_CHECKING:
    from bot.follow import Message

logger = logging.getLogger(__name__)
_ATTEMPTS = 4


class DiscordNotifier:
    def __init__(self, token: str, api_url: str) -> None:
        self._token = token
        self._api = api_url.rstrip("/")

    def send(self, user: str, message: Message) -> bool:
        channel = self._call("POST", "/users/@me/channels", {"recipient_id": user})
        if not isinstance(channel, dict) or "id" not in channel:
            return False
        return self._call("POST", f"/channels/{channel['id']}/messages", render.follow_payload(message)) is not None

    def _call(self, method: str, path: str, body: dict[str, Any]) -> Any:
        """The JSON Discord answered, or None when it refused (logged)."""
        data = json.dumps(body).encode()
        headers = {
            "Authorization": f"Bot {self._token}",
            "Content-Type": "application/json",
            "User-Agent": "DiscordBot (summitbot, 1)",
        }
        for attempt in range(_ATTEMPTS):
            request = urllib.request.Request(self._api + path, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as e:
                if e.code != 429 or attempt == _ATTEMPTS - 1:
                    logger.error("Discord %s %s answered %s", method, path.split("/")[1], e.code)
                    return None
                time.sleep(min(float(e.headers.get("Retry-After") or 1), 5))
            except (OSError, ValueError) as e:
                logger.error("Discord %s %s failed: %s", method, path.split("/")[1], e.__class__.__name__)
                return None
        return None
