"""The Discord front end against a fake Discord on loopback (REST + gateway WebSocket)."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

discord = pytest.importorskip("discord")

from bot.discord.client import SummitClient, point_at  # noqa: E402
from bot.records import Records  # noqa: E402
from bot.service import Service  # noqa: E402
from tests.bot.discord_harness import FakeDiscord  # noqa: E402
from tests.conftest import seeded_collection  # noqa: E402

REPORTER = "1500000000000000001"


@pytest.fixture
def discord_bot(tmp_path) -> Any:  # type: ignore[no-untyped-def]
    collection, engine = seeded_collection(tmp_path)
    records = Records(tmp_path / "db.sqlite3")
    service = Service(
        engine, records, rate_limit_per_minute=100, admins={"discord": frozenset()}, collection=collection
    )
    fake = FakeDiscord().start()
    point_at(fake.api_url)
    loop = asyncio.new_event_loop()
    client: dict[str, SummitClient] = {}

    async def main() -> None:
        client["bot"] = SummitClient(service)
        await client["bot"].login("test-token")
        _, url, _ = await client["bot"].http.get_bot_gateway()
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = discord.gateway.yarl.URL(url)
        await client["bot"].connect(reconnect=False)

    thread = threading.Thread(target=lambda: loop.run_until_complete(main()), daemon=True)
    thread.start()
    assert fake.connected(), fake.calls
    yield {"fake": fake, "records": records, "service": service}
    asyncio.run_coroutine_threadsafe(client["bot"].close(), loop).result(10)
    thread.join(10)
    pending = asyncio.all_tasks(loop)  # discord.py's own waiters, cancelled before the loop closes
    for task in pending:
        task.cancel()
    loop.run_until_complete(_drain(pending))
    loop.close()
    fake.stop()


async def _drain(tasks: set[asyncio.Task[Any]]) -> None:
    await asyncio.gather(*tasks, return_exceptions=True)


def test_slash_ask_is_deferred_at_once_then_answered_with_the_quote(discord_bot) -> None:
    fake = discord_bot["fake"]
    sent = time.monotonic()
    token = fake.slash("ask", {"question": "What did Yang Kee-ho say?"}, user_id=REPORTER)
    (deferred,) = fake.wait_for("POST", f"/{token}/callback")
    assert deferred.at - sent < 3.0 and deferred.data["type"] == 5
    (answer,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert "Yang Kee" in str(answer.data["embeds"]) and answer.data["allowed_mentions"]["parse"] == []
    custom_ids = [c["custom_id"] for row in answer.data["components"] for c in row["components"]]
    assert custom_ids[0].startswith("summit:share:")


@pytest.mark.parametrize(("subcommand", "options", "expected"), [
    ("who", {"name": "Wi Sung-lack"}, "Wi Sung-lac"),
    ("quotes", {"name": "Yang Kee-ho"}, "Yang Kee-ho"),
    ("timeline", {}, "1942"),
    ("sources", {}, "Yonhap News Agency"),
])  # fmt: skip
def test_quick_facts(discord_bot, subcommand: str, options: dict[str, str], expected: str) -> None:
    fake = discord_bot["fake"]
    token = fake.slash(subcommand, options, user_id=REPORTER)
    (reply,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert expected in reply.data["content"].replace("\\", "")  # shown without the escapes


def test_a_mention_is_answered_as_a_reply(discord_bot) -> None:
    fake = discord_bot["fake"]
    asked = fake.say("<@1100000000000000001> What did Wi Sung-lac say?", user_id=REPORTER, mention_bot=True)
    (reply,) = fake.wait_for("POST", "/channels/1300000000000000001/messages")
    assert str(reply.data["message_reference"]["message_id"]) == asked
    assert "Wi Sung" in str(reply.data["embeds"]) and reply.data["allowed_mentions"]["parse"] == []


def test_a_direct_message_is_answered(discord_bot) -> None:
    fake = discord_bot["fake"]
    fake.say("What did Yang Kee-ho say?", user_id=REPORTER, guild=False, channel_id="1600000000000000001")
    (reply,) = fake.wait_for("POST", "/channels/1600000000000000001/messages")
    assert "Yang Kee" in str(reply.data["embeds"])


def test_messages_that_do_not_mention_the_bot_are_left_alone(discord_bot) -> None:
    fake = discord_bot["fake"]
    fake.say("What did Yang Kee-ho say?", user_id=REPORTER)
    time.sleep(1.0)
    assert not fake.of("POST", "/channels/1300000000000000001/messages")


def ask_and_get_ids(fake) -> list[str]:  # type: ignore[no-untyped-def]
    token = fake.slash("ask", {"question": "What did Yang Kee-ho say?"}, user_id=REPORTER)
    (answer,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    return [c["custom_id"] for row in answer.data["components"] for c in row["components"]]


def test_share_posts_the_answer_publicly_attributed(discord_bot) -> None:
    fake = discord_bot["fake"]
    share, _, _ = ask_and_get_ids(fake)
    token = fake.press(share, user_id=REPORTER)
    (posted,) = fake.wait_for("POST", f"/{token}/callback")
    data = posted.data["data"]
    assert posted.data["type"] == 4 and not (data.get("flags", 0) & 64)  # a public channel message
    assert "Shared by" in str(data["embeds"]) and "Yang Kee" in str(data["embeds"])


def test_votes_are_recorded_with_the_platform(discord_bot) -> None:
    fake, records = discord_bot["fake"], discord_bot["records"]
    _, up, _ = ask_and_get_ids(fake)
    token = fake.press(up, user_id=REPORTER)
    (reply,) = fake.wait_for("POST", f"/{token}/callback")
    assert "feedback is recorded" in reply.data["data"]["content"]
    ask_id = int(up.rsplit(":", 1)[1])
    assert records.platform_of(ask_id) == "discord"
    assert any(r.ask_id == ask_id and r.up == 1 for r in records.feedback(only_failed=False))


def test_a_429_is_retried_and_the_answer_delivered(discord_bot) -> None:
    fake = discord_bot["fake"]
    fake.throttle["PATCH /webhooks/"] = 1
    token = fake.slash("ask", {"question": "What did Wi Sung-lac say?"}, user_id=REPORTER)
    edits = fake.wait_for("PATCH", f"/{token}/messages/@original", count=2)
    assert len(edits) == 2 and "Wi Sung" in str(edits[-1].data["embeds"])


def test_admin_commands_are_refused_to_others_and_run_for_admins(discord_bot) -> None:
    fake, service = discord_bot["fake"], discord_bot["service"]
    token = fake.slash("reindex", {}, user_id=REPORTER, group="summit-admin")
    (refused,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert "admins" in refused.data["content"].lower()
    service._admins["discord"] = frozenset({REPORTER})
    token = fake.slash("reindex", {}, user_id=REPORTER, group="summit-admin")
    (done,) = fake.wait_for("PATCH", f"/{token}/messages/@original", timeout=60)
    assert "articles" in done.data["content"]


def test_the_heartbeat_keeps_going_while_a_long_admin_job_runs(discord_bot) -> None:
    fake, service = discord_bot["fake"], discord_bot["service"]
    service._admins["discord"] = frozenset({REPORTER})
    slow = service.collection.rebuild

    def slow_rebuild(progress=None):  # type: ignore[no-untyped-def]
        time.sleep(2.5)
        return slow(progress)

    service.collection.rebuild = slow_rebuild  # type: ignore[method-assign]
    before = len(fake.heartbeats)
    token = fake.slash("reindex", {}, user_id=REPORTER, group="summit-admin")
    fake.wait_for("PATCH", f"/{token}/messages/@original", timeout=60)
    assert len(fake.heartbeats) - before >= 3  # every 0.5 s, throughout the 2.5 s job


def test_article_text_is_inert_in_discord(discord_bot, tmp_path) -> None:
    fake, service = discord_bot["fake"], discord_bot["service"]
    story = tmp_path / "drill.txt"
    story.write_text(
        "Evacuation drill in Busan\n\nPark Ji-hoon, a city official, said the drill went well. "
        "“@everyone read <@1500000000000000009> and [this](https://evil.example) now,” Park said.\n"
    )
    service.collection.add([str(story)])
    token = fake.slash("ask", {"question": "What did Park Ji-hoon say about the evacuation drill?"}, user_id=REPORTER)
    (answer,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    shown = str(answer.data["embeds"])
    assert "@everyone" not in shown and "<@1500000000000000009>" not in shown and "](https://evil" not in shown
    assert answer.data["allowed_mentions"]["parse"] == []


@pytest.mark.integration
def test_the_real_summitbot_serve_answers_on_discord(tmp_path) -> None:
    import os
    import subprocess
    import sys

    fake = FakeDiscord().start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUMMITBOT_", "DISCORD_"))}
    env |= {
        "DISCORD_BOT_TOKEN": "MTEwMDAwMDAwMDAwMDAwMDAwMQ.test.token",
        "SUMMITBOT_DISCORD_API_URL": fake.api_url,
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
        "SUMMITBOT_DATA_DIR": str(tmp_path / "data"),
    }
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], env=env, stderr=subprocess.PIPE)
    try:
        assert fake.connected(timeout=60), (fake.calls, process.poll())
        token = fake.slash("ask", {"question": "What did Yang Kee-ho say?"}, user_id=REPORTER)
        assert fake.wait_for("POST", f"/{token}/callback")  # deferred first
        (answer,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
        assert "Yang Kee" in str(answer.data["embeds"])
    finally:
        process.terminate()
        process.wait(10)
        fake.stop()


def test_a_reply_to_an_answer_is_a_follow_up(discord_bot) -> None:
    fake = discord_bot["fake"]
    fake.say("What did Yang Kee-ho say?", user_id=REPORTER, reply_to="1400000000000009999")
    (reply,) = fake.wait_for("POST", "/channels/1300000000000000001/messages")
    assert "Yang Kee" in str(reply.data["embeds"])


def test_a_message_in_a_thread_it_answered_in_is_a_follow_up(discord_bot) -> None:
    fake, thread = discord_bot["fake"], "1300000000000000077"
    fake.open_thread(thread)
    fake.say("Who is Wi Sung-lac?", user_id=REPORTER, channel_id=thread)  # no mention, not yet answered here
    fake.say("<@1100000000000000001> What did Yang Kee-ho say?", user_id=REPORTER, channel_id=thread, mention_bot=True)
    fake.wait_for("POST", f"/channels/{thread}/messages")
    fake.say("What did Yang Kee-ho say?", user_id=REPORTER, channel_id=thread)  # the follow-up: no mention
    posted = fake.wait_for("POST", f"/channels/{thread}/messages", count=2)
    time.sleep(0.3)  # nothing else arrives: the first, unmentioned message before any answer was ignored
    posted = fake.of("POST", f"/channels/{thread}/messages")
    assert len(posted) == 2 and all("Yang Kee" in str(p.data["embeds"]) for p in posted)


def test_names_autocomplete_from_the_coverage(discord_bot) -> None:
    fake = discord_bot["fake"]
    token = fake.autocomplete("who", "name", "wi", user_id=REPORTER)
    (offered,) = fake.wait_for("POST", f"/{token}/callback")
    assert offered.data["type"] == 8
    assert "Wi Sung-lac" in [c["value"] for c in offered.data["data"]["choices"]]
