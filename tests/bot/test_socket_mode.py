"""Slack's default transport on the wire: Socket Mode against a fake WebSocket server on loopback."""

from __future__ import annotations

from typing import Any

import pytest

from bot.records import Records
from bot.settings import Settings
from bot.slack.app import create_app
from tests.bot.slack_harness import BOT_USER, FakeSlack, FakeSocketMode
from tests.conftest import seeded_collection

REPORTER = "UREPORTER"


@pytest.fixture
def socket_mode(tmp_path):  # type: ignore[no-untyped-def]
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    collection, engine = seeded_collection(tmp_path)
    fake = FakeSlack().start()
    socket = FakeSocketMode().start()
    fake.socket_url = socket.url
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test",
        slack_app_token="xapp-test",
        slack_mode="socket",
        slack_api_url=f"{fake.url}/api/",
        rate_limit_per_minute=100,
        data_dir=tmp_path,
    )
    app = create_app(settings, engine, records=Records(tmp_path / "db.sqlite3"), collection=collection)
    handler = SocketModeHandler(app, "xapp-test")
    handler.connect()
    yield {"fake": fake, "socket": socket}
    handler.close()
    socket.stop()
    fake.stop()


def slash(fake: FakeSlack, text: str, name: str) -> dict[str, Any]:
    return {
        "command": "/summit",
        "text": text,
        "user_id": REPORTER,
        "channel_id": "C1",
        "team_id": "T1",
        "response_url": f"{fake.url}/response/{name}",
        "trigger_id": "1.2.3",
    }


def test_envelopes_are_acknowledged_within_three_seconds_and_answered(socket_mode) -> None:
    fake, socket = socket_mode["fake"], socket_mode["socket"]
    socket.push("env-slash", "slash_commands", slash(fake, "What did Yang Kee-ho say?", "sm"))
    assert socket.acked_within("env-slash", 3.0)
    (answer,) = fake.wait_for("/response/sm")
    assert "Yang Kee-ho" in str(answer.data)
    ask_id = next(b for b in answer.data["blocks"] if b["type"] == "actions")["elements"][0]["value"]

    mention = {
        "type": "app_mention",
        "user": REPORTER,
        "text": f"<@{BOT_USER}> What did Wi Sung-lac say?",
        "channel": "C1",
        "ts": "1700000000.000100",
    }
    socket.push(
        "env-mention",
        "events_api",
        {"type": "event_callback", "team_id": "T1", "event_id": "EvSocket1", "event": mention},
    )
    assert socket.acked_within("env-mention", 3.0)
    (posted,) = fake.wait_for("chat.postMessage")
    assert posted.data["thread_ts"] == "1700000000.000100" and "Wi Sung-lac" in str(posted.data)

    button = {
        "type": "block_actions",
        "user": {"id": REPORTER},
        "team": {"id": "T1"},
        "channel": {"id": "C1"},
        "response_url": f"{fake.url}/response/sm-vote",
        "actions": [{"action_id": "feedback_up", "value": ask_id, "type": "button"}],
        "trigger_id": "1.2.3",
        "api_app_id": "A1",
        "token": "verification",
        "container": {"type": "message"},
    }
    socket.push("env-button", "interactive", button)
    assert socket.acked_within("env-button", 3.0)
    (thanks,) = fake.wait_for("/response/sm-vote")
    assert "feedback is recorded" in str(thanks.data)
