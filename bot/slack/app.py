"""The Slack app: create_app builds a bolt App whose listeners parse input and render the engine's answers."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot import messages
from bot.commands import Command, Kind, parse
from bot.outcomes import Answered, Denied, Facts, Invalid, Refused
from bot.records import Records
from bot.service import Service
from bot.settings import Settings
from bot.slack import blocks
from index.engine import Engine
from index.store.collection import Collection

logger = logging.getLogger(__name__)

_MENTION = re.compile(r"<@[A-Z0-9]+>")
Payload = dict[str, Any]


def retry_handlers() -> list[Any]:
    """Retry on 429 (honouring Retry-After) and on connection errors."""
    return [ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=3)]


def web_client(settings: Settings) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(token=token, base_url=settings.slack_api_url, retry_handlers=retry_handlers())


class SlackBot:
    """The listeners' logic, kept apart from bolt's wiring so each piece is small and testable."""

    def __init__(self, settings: Settings, service: Service) -> None:
        self.settings = settings
        self.service = service

    # --- delivery -------------------------------------------------------------------------------
    def respond(self, url: str, payload: Payload) -> bool:
        """Post to a response_url with retries; failures are logged, never raised into a listener."""
        try:
            response = WebhookClient(url, retry_handlers=retry_handlers(), timeout=10).send_dict(payload)
        except Exception:
            logger.exception("posting to the response URL failed")
            return False
        if response.status_code != 200:
            logger.error("response URL answered %s: %s", response.status_code, response.body)
            return False
        return True

    def post(self, client: WebClient, channel: str, thread_ts: str, user: str, text: str, blocks_: list[Any]) -> bool:
        try:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text, blocks=blocks_)
            return True
        except SlackApiError as e:
            logger.error("chat.postMessage to %s failed: %s", channel, e.response.get("error"))
            error = str(e.response.get("error"))
        except Exception as e:
            logger.exception("chat.postMessage to %s failed", channel)
            error = e.__class__.__name__
        try:  # tell the asker, privately, rather than fail in silence
            client.chat_postEphemeral(channel=channel, user=user, text=messages.SLACK_POST_FAILED.format(error=error))
        except Exception:
            logger.exception("could not report the failure to %s either", user)
        return False

    # --- answering ------------------------------------------------------------------------------
    def slash(self, body: Payload) -> None:
        user, url = body["user_id"], body["response_url"]
        command = parse(body.get("text", ""))
        if command.spec.admin:
            self.admin(command, user, url)
            return
        try:
            payload = self.quick(command, user, body.get("channel_id"))
        except Exception:
            logger.exception("/summit %s failed", command.kind)
            payload = _ephemeral(messages.SLACK_FAILED)
        self.respond(url, payload)

    def quick(self, command: Command, user: str, channel: str | None) -> Payload:
        """Every command but the admin jobs: the service decides, this renders its outcome."""
        outcome = self.service.handle("slack", user, channel, "slash", command)
        if isinstance(outcome, Facts):
            return _facts(outcome)
        if isinstance(outcome, (Answered, Refused)):
            return {
                "response_type": "ephemeral",
                "text": blocks.answer_text(outcome.answer),
                "blocks": blocks.answer_blocks(outcome.answer, ask_id=outcome.ask_id, shareable=True),
            }
        return _ephemeral(outcome.text)

    def conversation(self, client: WebClient, event: Payload, source: str) -> None:
        """A mention, a DM, or a follow-up in a thread the bot is in: answered in that thread."""
        channel, user = event["channel"], event.get("user", "")
        thread_ts = event.get("thread_ts") or event["ts"]
        question = _MENTION.sub("", event.get("text", "")).strip()
        self.service.remember_thread(channel, thread_ts)
        asked = self.service.ask("slack", user, channel, source, question)
        if not isinstance(asked, (Answered, Refused)):
            self.post(client, channel, thread_ts, user, asked.text, blocks.text_blocks(asked.text))
            return
        answer, ask_id = asked.answer, asked.ask_id
        blocks_ = blocks.answer_blocks(answer, ask_id=ask_id, shareable=False)
        self.post(client, channel, thread_ts, user, blocks.answer_text(answer), blocks_)

    # --- buttons --------------------------------------------------------------------------------
    def share(self, body: Payload) -> None:
        user = body["user"]["id"]
        ask_id = int(body["actions"][0]["value"])
        # Re-checked against the coverage as it is now: a removed or corrected article is never re-published.
        outcome = self.service.shareable(ask_id)
        if isinstance(outcome, Invalid):
            self.respond(body["response_url"], {**_ephemeral(outcome.text), "replace_original": False})
            return
        answer = outcome.answer
        shared = blocks.answer_blocks(answer, ask_id=ask_id, shareable=False, shared_by=user)
        payload = {"response_type": "in_channel", "delete_original": True, "text": blocks.answer_text(answer)}
        self.respond(body["response_url"], {**payload, "blocks": shared})

    def feedback(self, body: Payload, up: bool) -> None:
        ask_id = int(body["actions"][0]["value"])
        text = self.service.vote(ask_id, body["user"]["id"], up).text
        self.respond(body["response_url"], {"response_type": "ephemeral", "replace_original": False, "text": text})

    # --- admin ----------------------------------------------------------------------------------
    def admin(self, command: Command, user: str, url: str) -> None:
        # The user id comes from Slack's signed request body, never from the message text.
        outcome = self.service.admin(
            "slack",
            user,
            command,
            done=lambda report: self._report(url, report),
            started=lambda: self._report(url, messages.SLACK_REINDEX_STARTED),
        )
        if isinstance(outcome, Denied):
            self.respond(url, _ephemeral(outcome.text))

    def _report(self, url: str, report: str) -> None:
        self.respond(url, _ephemeral(report))

    # --- home -----------------------------------------------------------------------------------
    def home(self, client: WebClient, user: str) -> None:
        m = self.service.coverage()
        view = {
            "type": "home",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": messages.SLACK_HOME_TITLE}},
                blocks.section(messages.SLACK_HOME_INTRO),
                blocks.section(
                    messages.SLACK_HOME_STATS.format(articles=m.articles, passages=m.passages, created=m.created)
                ),
                {"type": "divider"},
                blocks.section(messages.help_text("slack")),
            ],
        }
        try:
            client.views_publish(user_id=user, view=view)
        except SlackApiError as e:
            logger.error("views.publish for %s failed: %s", user, e.response.get("error"))


def _ephemeral(text: str) -> Payload:
    return {"response_type": "ephemeral", "text": blocks.escape(text), "blocks": [blocks.section(text)]}


def _facts(facts: Facts) -> Payload:
    if facts.kind is Kind.WHO:
        return _blocks(blocks.profile_blocks(list(facts.profiles), facts.argument), facts.argument)
    if facts.kind is Kind.QUOTES:
        return _blocks(blocks.quotes_blocks(list(facts.quotes), facts.argument), facts.argument)
    if facts.kind is Kind.TIMELINE:
        return _blocks(blocks.timeline_blocks(list(facts.events)), "timeline")
    return _blocks(blocks.sources_blocks(list(facts.sources)), "sources")


def _blocks(blocks_: list[Any], fallback: str) -> Payload:
    return {"response_type": "ephemeral", "text": blocks.escape(fallback), "blocks": blocks_}


def _text(body: Payload, key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) and value.strip() else None


def create_app(
    settings: Settings,
    engine: Engine | None = None,
    *,
    records: Records | None = None,
    collection: Collection | None = None,
    client: WebClient | None = None,
    service: Service | None = None,
) -> App:
    """The bolt App for ``settings`` (tokens, mode, API URL), answering through ``service`` (or a service
    made here over ``engine``, for tests that have no other front end)."""
    if service is None:
        if engine is None:
            raise ValueError("create_app needs a service or an engine")
        service = Service(
            engine,
            records or Records(settings.database_path),
            rate_limit_per_minute=settings.rate_limit_per_minute,
            admins={"slack": settings.admin_ids},
            collection=collection,
            top_k=settings.top_k,
        )
    bot = SlackBot(settings, service)
    app = App(
        client=client or web_client(settings),
        signing_secret=settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None,
        token_verification_enabled=False,
        logger=logging.getLogger("slack_bolt"),
    )
    app.summitbot = bot  # type: ignore[attr-defined]

    def first(body: Payload) -> bool:
        event_id = body.get("event_id")
        return event_id is None or service.first_delivery(event_id)

    @app.command("/summit")
    def _slash(ack: Any, body: Payload) -> None:
        # Validated before anything else: without these there is nobody to answer, nowhere to answer.
        if not _text(body, "user_id") or not _text(body, "response_url"):
            logger.warning("a /summit request without user_id or response_url was refused")
            ack(messages.SLACK_BAD_REQUEST)
            return
        ack()  # within Slack's 3 seconds; the answer follows through the response URL
        bot.slash(body)

    @app.event("app_mention")
    def _mention(body: Payload, event: Payload, client: WebClient) -> None:
        if first(body):
            bot.conversation(client, event, "mention")

    @app.event("message")
    def _message(body: Payload, event: Payload, client: WebClient, context: Any) -> None:
        if event.get("subtype") or event.get("bot_id") or not first(body):
            return
        if event.get("channel_type") == "im":
            bot.conversation(client, event, "dm")
            return
        mentions_bot = context.bot_user_id and f"<@{context.bot_user_id}>" in event.get("text", "")
        thread = event.get("thread_ts")
        # A mention is answered by the app_mention listener; other messages only in the bot's threads.
        if thread and not mentions_bot and service.in_thread(event["channel"], thread):
            bot.conversation(client, event, "thread")

    def valid_button(body: Payload) -> bool:
        """A button press needs who pressed it, where to answer, and the answer it belongs to."""
        url = _text(body, "response_url")
        user = (body.get("user") or {}).get("id") if isinstance(body.get("user"), dict) else None
        actions = body.get("actions") if isinstance(body.get("actions"), list) else []
        value = actions[0].get("value") if actions and isinstance(actions[0], dict) else None
        if url and user and isinstance(value, str) and value.isdigit():
            return True
        logger.warning("a malformed button press was refused")
        if url:
            bot.respond(url, {**_ephemeral(messages.SLACK_BAD_BUTTON), "replace_original": False})
        return False

    @app.action("share_answer")
    def _share(ack: Any, body: Payload) -> None:
        ack()
        if valid_button(body):
            bot.share(body)

    @app.action("feedback_up")
    def _up(ack: Any, body: Payload) -> None:
        ack()
        if valid_button(body):
            bot.feedback(body, up=True)

    @app.action("feedback_down")
    def _down(ack: Any, body: Payload) -> None:
        ack()
        if valid_button(body):
            bot.feedback(body, up=False)

    @app.event("app_home_opened")
    def _home(event: Payload, client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            bot.home(client, event["user"])

    return app
