"""End to end over real HTTP on loopback: create_app behind waitress, signed requests, a fake Slack."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.http import http_server
from bot.records import Records
from bot.settings import Settings
from bot.slack.app import create_app
from bot.slack.serve import EVENTS_PATH, wsgi_app
from index.encode.embedder import HashEmbedder
from index.engine import Engine
from index.store.collection import Collection
from index.store.handle import IndexHandle
from seeds_loader import bundled_articles_dir
from tests.bot.slack_harness import BOT_USER, FakeSlack, Sender, sign

SECRET = "test-signing-secret"
ADMIN, REPORTER = "UADMIN", "UREPORTER"
INJECTION = (
    "Evacuation drill in Busan\n\n"
    "Park Ji-hoon, a city official, said the drill went well. "
    "“<!channel> please read <http://evil.example|this notice> & act now,” Park said.\n"
)


@pytest.fixture(scope="module")
def slack(tmp_path_factory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("slack")
    articles = root / "articles"
    articles.mkdir()
    for path in bundled_articles_dir().iterdir():
        (articles / path.name).write_bytes(path.read_bytes())
    (articles / "injection.txt").write_text(INJECTION)
    embedder = HashEmbedder(64)
    collection = Collection(articles, root / "index", embedder)
    collection.rebuild()
    engine = Engine(IndexHandle(root / "index", embedder.name), embedder)
    fake = FakeSlack().start()
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_mode="http",
        slack_api_url=f"{fake.url}/api/",
        admin_users=ADMIN,
        rate_limit_per_minute=100,
        data_dir=root,
    )
    records = Records(root / "db.sqlite3")
    app = create_app(settings, engine, records=records, collection=collection)
    server = http_server(wsgi_app(app), host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}{EVENTS_PATH}"
    yield {"fake": fake, "send": Sender(url, SECRET), "records": records, "root": root, "collection": collection}
    server.close()
    fake.stop()


def response_url(slack: dict[str, Any], name: str) -> str:
    return f"{slack['fake'].url}/response/{name}"


def texts(payload: dict[str, Any]) -> str:
    """All the text a user would see in a message payload."""
    out = [payload.get("text", "")]
    for block in payload.get("blocks", []):
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            text = element.get("text")
            out.append(text["text"] if isinstance(text, dict) else text or "")
    return "\n".join(out)


def test_slash_question_is_acked_at_once_and_answered_with_a_citation(slack) -> None:
    status, _, seconds = slack["send"].slash(
        "What did Yang Kee-ho say?", user=REPORTER, response_url=response_url(slack, "q1")
    )
    assert status == 200 and seconds < 3
    (call,) = slack["fake"].wait_for("/response/q1")
    payload = call.data
    assert payload["response_type"] == "ephemeral"
    shown = texts(payload)
    assert "Yang Kee-ho" in shown and "004_5c7eea8be5c86b75.txt" in shown and "¶4" in shown
    actions = next(b for b in payload["blocks"] if b["type"] == "actions")["elements"]
    assert [a["action_id"] for a in actions] == ["share_answer", "feedback_up", "feedback_down"]
    assert len(payload["blocks"]) <= 50 and all(
        len(b.get("text", {}).get("text", "")) <= 3000 for b in payload["blocks"]
    )


@pytest.mark.parametrize(
    "signer",
    [
        lambda body: sign("wrong-secret", body),
        lambda body: {},
        lambda body: sign(SECRET, body, timestamp=int(time.time()) - 360),
    ],
    ids=["forged", "unsigned", "six-minutes-old"],
)
def test_bad_signatures_are_refused(slack, signer) -> None:
    status, _, _ = slack["send"].slash("hello", user=REPORTER, response_url=response_url(slack, "x"), signer=signer)
    assert status == 401


def test_mention_is_answered_in_its_thread_and_a_follow_up_too(slack) -> None:
    fake, send = slack["fake"], slack["send"]
    before = len(fake.of("chat.postMessage"))
    event = {
        "type": "app_mention",
        "user": REPORTER,
        "text": f"<@{BOT_USER}> What did Wi Sung-lac say?",
        "ts": "1700000000.000100",
        "channel": "CNEWS",
        "event_ts": "1700000000.000100",
    }
    assert send.event(event, event_id="EvMention1")[0] == 200
    posts = fake.wait_for("chat.postMessage", before + 1)
    post = posts[-1].data
    assert post["channel"] == "CNEWS" and post["thread_ts"] == "1700000000.000100"
    assert "Wi Sung-lac" in texts(post)
    follow = {
        "type": "message",
        "channel_type": "channel",
        "user": REPORTER,
        "text": "And what did Yang Kee-ho say?",
        "ts": "1700000001.000200",
        "thread_ts": "1700000000.000100",
        "channel": "CNEWS",
    }
    send.event(follow, event_id="EvFollow1")
    reply = fake.wait_for("chat.postMessage", before + 2)[-1].data
    assert reply["thread_ts"] == "1700000000.000100" and "Yang Kee-ho" in texts(reply)


def test_message_in_a_thread_the_bot_is_not_in_is_ignored(slack) -> None:
    fake = slack["fake"]
    before = len(fake.of("chat.postMessage"))
    other = {"type": "message", "channel_type": "channel", "user": REPORTER, "text": "lunch?", "ts": "5.1",
             "thread_ts": "4.1", "channel": "CNEWS"}  # fmt: skip
    slack["send"].event(other, event_id="EvOther1")
    time.sleep(0.5)
    assert len(fake.of("chat.postMessage")) == before


def test_dm_and_its_follow_up_are_answered_in_a_thread(slack) -> None:
    fake, send = slack["fake"], slack["send"]
    before = len(fake.of("chat.postMessage"))
    dm = {"type": "message", "channel_type": "im", "user": REPORTER, "text": "What did Takaichi say?",
          "ts": "1700000100.000100", "channel": "DREPORTER"}  # fmt: skip
    send.event(dm, event_id="EvDm1")
    post = fake.wait_for("chat.postMessage", before + 1)[-1].data
    assert post["channel"] == "DREPORTER" and post["thread_ts"] == "1700000100.000100"
    follow = {**dm, "text": "Who is Yang Kee-ho?", "ts": "1700000101.000100", "thread_ts": "1700000100.000100"}
    send.event(follow, event_id="EvDm2")
    reply = fake.wait_for("chat.postMessage", before + 2)[-1].data
    assert reply["thread_ts"] == "1700000100.000100" and "Sungkonghoe" in texts(reply)


def test_retried_delivery_is_answered_once(slack) -> None:
    fake, send = slack["fake"], slack["send"]
    before = len(fake.of("chat.postMessage"))
    event = {"type": "app_mention", "user": REPORTER, "text": f"<@{BOT_USER}> What did Lee Chang-min say?",
             "ts": "1700000200.000100", "channel": "CNEWS"}  # fmt: skip
    send.event(event, event_id="EvDup1")
    send.event(event, event_id="EvDup1", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    fake.wait_for("chat.postMessage", before + 1)
    time.sleep(0.7)
    assert len(fake.of("chat.postMessage")) == before + 1


def test_rate_limited_web_api_call_is_retried(slack) -> None:
    fake, send = slack["fake"], slack["send"]
    before = len(fake.of("chat.postMessage"))
    fake.throttle["chat.postMessage"] = 1
    event = {"type": "app_mention", "user": REPORTER, "text": f"<@{BOT_USER}> What did Motegi say?",
             "ts": "1700000300.000100", "channel": "CNEWS"}  # fmt: skip
    send.event(event, event_id="Ev429")
    calls = fake.wait_for("chat.postMessage", before + 2, timeout=30)
    assert calls[-1].at - calls[-2].at >= 0.9  # waited for Retry-After
    assert "Toshimitsu Motegi" in texts(calls[-1].data)


def test_admin_command_refused_to_non_admin(slack) -> None:
    slack["send"].slash("reindex", user=REPORTER, response_url=response_url(slack, "nonadmin"))
    (call,) = slack["fake"].wait_for("/response/nonadmin")
    assert "only summitbot admins" in texts(call.data)


def test_admin_command_runs_for_an_admin(slack, tmp_path: Path) -> None:
    slack["send"].slash("reindex", user=ADMIN, response_url=response_url(slack, "admin"))
    calls = slack["fake"].wait_for("/response/admin", 2, timeout=60)
    assert "Re-indexing" in texts(calls[0].data)
    assert "Re-indexed: 6 articles" in texts(calls[1].data)


def test_admin_remove_of_an_unknown_article_reports_it(slack) -> None:
    slack["send"].slash("remove nothing-here", user=ADMIN, response_url=response_url(slack, "rm"))
    calls = slack["fake"].wait_for("/response/rm", 2, timeout=30)
    assert "no article with that id or file name" in texts(calls[1].data)


def test_injection_article_is_rendered_inert(slack) -> None:
    slack["send"].slash("What did Park Ji-hoon say?", user=REPORTER, response_url=response_url(slack, "inj"))
    (call,) = slack["fake"].wait_for("/response/inj")
    shown = texts(call.data)
    assert "evil.example" in shown  # the passage is there ...
    assert "<!channel>" not in shown and "<http://evil.example" not in shown  # ... but cannot ping or link
    assert "&lt;!channel&gt;" in shown and "&amp; act now" in shown
    assert all(b["text"].get("verbatim") for b in call.data["blocks"] if b["type"] == "section")


def test_user_input_is_escaped_too(slack) -> None:
    slack["send"].slash("<!here> what did <@U999> say?", user=REPORTER, response_url=response_url(slack, "esc"))
    (call,) = slack["fake"].wait_for("/response/esc")
    assert "<!here>" not in texts(call.data)


def test_share_and_feedback_buttons(slack) -> None:
    fake, send = slack["fake"], slack["send"]
    send.slash("What did Yang Kee-ho say?", user=REPORTER, response_url=response_url(slack, "sh"))
    (answer,) = fake.wait_for("/response/sh")
    actions = next(b for b in answer.data["blocks"] if b["type"] == "actions")["elements"]
    ask_id = actions[0]["value"]
    send.action("share_answer", ask_id, user=REPORTER, response_url=response_url(slack, "share"))
    (shared,) = fake.wait_for("/response/share")
    assert shared.data["response_type"] == "in_channel" and shared.data["delete_original"] is True
    assert "Yang Kee-ho" in texts(shared.data) and f"<@{REPORTER}>" in texts(shared.data)
    send.action("feedback_down", ask_id, user=REPORTER, response_url=response_url(slack, "fb"))
    (thanks,) = fake.wait_for("/response/fb")
    assert "feedback is recorded" in texts(thanks.data)
    rows = slack["records"].feedback()
    assert any(r.ask_id == int(ask_id) and r.down == 1 for r in rows)


def test_app_home_shows_help_and_index_stats(slack) -> None:
    slack["send"].event(
        {"type": "app_home_opened", "user": REPORTER, "tab": "home", "channel": "D1"}, event_id="EvHome"
    )
    (call,) = slack["fake"].wait_for("views.publish")
    shown = texts(call.data["view"])
    assert "6 articles" in shown and "/summit who" in shown


def test_quick_facts_commands(slack) -> None:
    slack["send"].slash("who Wi Sung-lack", user=REPORTER, response_url=response_url(slack, "who"))
    slack["send"].slash("sources", user=REPORTER, response_url=response_url(slack, "src"))
    assert "Wi Sung-lac" in texts(slack["fake"].wait_for("/response/who")[0].data)
    assert "restricts AI use" in texts(slack["fake"].wait_for("/response/src")[0].data)


def test_share_refuses_an_answer_whose_article_was_removed(slack, tmp_path) -> None:
    fake, send, collection = slack["fake"], slack["send"], slack["collection"]
    story = tmp_path / "ferry-strike.txt"
    story.write_text(
        "Ferry strike in Mokpo\n\nFerry crews in Mokpo walked out over pay, union leader Choi Min-ho said.\n"
    )
    collection.add([str(story)])
    send.slash("Why did the ferry crews in Mokpo walk out?", user=REPORTER, response_url=response_url(slack, "fe"))
    (answer,) = fake.wait_for("/response/fe")
    assert "Mokpo" in texts(answer.data)
    ask_id = next(b for b in answer.data["blocks"] if b["type"] == "actions")["elements"][0]["value"]
    collection.remove(["ferry-strike.txt"])
    send.action("share_answer", ask_id, user=REPORTER, response_url=response_url(slack, "fe-share"))
    (reply,) = fake.wait_for("/response/fe-share")
    assert (
        reply.data["response_type"] == "ephemeral" and "ferry-strike.txt has since been removed" in reply.data["text"]
    )
    assert "in_channel" not in str(reply.data)


def test_a_thousand_slow_clients_do_not_starve_signed_requests(slack) -> None:
    import socket

    host, port = slack["send"].url.split("//")[1].split("/")[0].split(":")
    idle = []
    try:
        for _ in range(1000):  # slowloris: connections that send half a request and wait
            conn = socket.create_connection((host, int(port)), timeout=5)
            conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")
            idle.append(conn)
        started = time.monotonic()
        status, _, _ = slack["send"].slash(
            "What did Yang Kee-ho say?", user=REPORTER, response_url=response_url(slack, "slow")
        )
        assert status == 200 and time.monotonic() - started < 1.0
        slack["fake"].wait_for("/response/slow")
    finally:
        for conn in idle:
            conn.close()


def test_a_huge_unsigned_body_is_refused_before_it_is_read(slack) -> None:
    import socket

    host, port = slack["send"].url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: 314572800\r\n\r\n" + b"x" * 65536)  # fmt: skip
        reply = conn.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize(
    "fields",
    [{"user_id": ""}, {"response_url": ""}],
)
def test_slash_commands_missing_fields_get_a_clear_answer(slack, fields) -> None:
    status, body, _ = slack["send"].slash("hello", user=REPORTER, response_url=response_url(slack, "x"), fields=fields)
    assert status == 200 and b"incomplete" in body


def test_a_button_with_a_bad_value_is_answered(slack) -> None:
    slack["send"].action("feedback_up", "not-a-number", user=REPORTER, response_url=response_url(slack, "badbtn"))
    (reply,) = slack["fake"].wait_for("/response/badbtn")
    assert "no longer belongs to an answer" in reply.data["text"]


def test_a_too_long_question_is_told_so(slack) -> None:
    slack["send"].slash("why " * 400, user=REPORTER, response_url=response_url(slack, "long"))
    (reply,) = slack["fake"].wait_for("/response/long")
    assert "too long" in texts(reply.data)


def test_add_from_chat_takes_urls_only(slack, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The admin password is hunter2, officials said in a statement today.\n")
    slack["send"].slash(f"add {secret}", user=ADMIN, response_url=response_url(slack, "addpath"))
    (reply,) = slack["fake"].wait_for("/response/addpath")
    assert "web pages only" in texts(reply.data)
    assert not (slack["root"] / "articles" / "secret.txt").exists()
