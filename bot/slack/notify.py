"""Follow messages to Slack users: a direct message in the user's IM channel (conversations.open, then
chat.postMessage), with the web client's retries on 429 and on connection errors."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks

if TYPE_CHECKING:
    from bot.follow import Message

logger = logging.getLogger(__name__)


class SlackNotifier:
    def __init__(self, client: WebClient) -> None:
        self._client = client

    def send(self, user: str, message: Message) -> bool:
        try:
            opened = self._client.conversations_open(users=user)
            channel = opened["channel"]["id"]
            self._client.chat_postMessage(
                channel=channel, text=blocks.follow_text(message), blocks=blocks.follow_blocks(message)
            )
        except SlackApiError as e:
            logger.error("a follow message to %s failed: %s", user, e.response.get("error"))
            return False
        return True
