"""Follow the story on the fakes: follows made through Slack (signed HTTP) and the Discord gateway, change
jobs run as admins run them, and the direct messages that arrive (or must not)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.commands import Command, Kind
from bot.discord.notify import DiscordNotifier
from bot.follow import MAX_MESSAGES
from bot.http import http_server
from bot.records import Records
from bot.service import Service
from bot.settings import Settings
from bot.slack.app import create_app, web_client
from bot.slack.notify import SlackNotifier
from bot.slack.serve import EVENTS_PATH, wsgi_app
from tests.bot.slack_harness import FakeSlack, Sender
from tests.bot.test_discord import REPORTER, discord_bot  # noqa: F401 - the gateway fixture
from tests.bot.test_slack import texts
from tests.conftest import seeded_collection

SECRET = "test-signing-secret"
USER = "UFOLLOWER"


def article(path: Path, title: str, body: str) -> Path:
    path.write_text(f"---\ntitle: {title}\noutlet: Test Wire\npublished: 2026-01-20\n---\n{body}\n", "utf-8")
    return path


QUOTES_TAKAICHI = (
    "Prime Minister Sanae Takaichi met families of the Chosei mine victims in Tokyo on Tuesday.\n\n"
    '"We will open every record of the mine to the families this spring," Takaichi said.\n'
)
NEITHER = (
    "The Nara deer park reopened on Monday after the holiday closure.\n\n"
    "Park rangers counted more visitors than expected, the park office said.\n"
)


@pytest.fixture
def slack_follow(tmp_path: Path) -> Iterator[dict[str, Any]]:
    collection, engine = seeded_collection(tmp_path)
    fake = FakeSlack().start()
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_mode="http",
        slack_api_url=f"{fake.url}/api/",
        rate_limit_per_minute=100,
        data_dir=tmp_path,
    )
    app = create_app(settings, engine, records=Records(tmp_path / "db.sqlite3"), collection=collection)
    service = app.summitbot.service  # type: ignore[attr-defined]
    service.notifiers["slack"] = SlackNotifier(web_client(settings))
    server = http_server(wsgi_app(app), host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    send = Sender(f"http://127.0.0.1:{server.effective_port}{EVENTS_PATH}", SECRET)
    yield {"fake": fake, "send": send, "service": service, "incoming": tmp_path}
    server.close()
    fake.stop()


def slash(env: dict[str, Any], text: str, name: str) -> str:
    url = f"{env['fake'].url}/response/{name}"
    env["send"].slash(text, user=USER, response_url=url)
    (reply,) = env["fake"].wait_for(f"/response/{name}")
    return texts(reply.data)


def direct_messages(fake: FakeSlack) -> list[str]:
    """The direct messages Slack accepted."""
    calls = fake.of("chat.postMessage")
    return [texts(c.data) for c in calls if c.status == 200 and str(c.data.get("channel", "")).startswith("D")]


def test_a_followed_person_quoted_in_a_new_article_arrives_once_cited(slack_follow) -> None:
    env, service = slack_follow, slack_follow["service"]
    assert "Following Sanae Takaichi" in slash(env, "follow Takaichi", "f1")
    assert "1. Sanae Takaichi (person)" in slash(env, "following", "f2")
    quoting = article(env["incoming"] / "quotes.md", "Takaichi meets mine families", QUOTES_TAKAICHI)
    neither = article(env["incoming"] / "deer.md", "Deer park reopens", NEITHER)
    service.run_admin(Command(Kind.ADD, str(quoting)))
    service.run_admin(Command(Kind.ADD, str(neither)))
    (dm,) = direct_messages(env["fake"])
    opened = env["fake"].of("conversations.open")
    assert opened and opened[0].data["users"] == USER  # the follower's own IM channel
    assert "New coverage" in dm and "Sanae Takaichi is quoted in “Takaichi meets mine families”" in dm
    assert "every record of the mine" in dm and "Test Wire" in dm and "¶" in dm  # the words, cited
    assert "/summit quotes Sanae Takaichi" in dm  # how to ask more
    # The same article again, and a re-index: nothing changed, nothing sent.
    service.run_admin(Command(Kind.ADD, str(quoting)))
    service.run_admin(Command(Kind.REINDEX))
    assert len(direct_messages(env["fake"])) == 1


def test_a_correction_sends_one_message_marked_as_one(slack_follow) -> None:
    env, service = slack_follow, slack_follow["service"]
    slash(env, "follow Sanae Takaichi", "c1")
    path = article(env["incoming"] / "quotes.md", "Takaichi meets mine families", QUOTES_TAKAICHI)
    service.run_admin(Command(Kind.ADD, str(path)))
    corrected = QUOTES_TAKAICHI.replace("this spring", "by the end of March")
    service.run_admin(Command(Kind.ADD, str(article(path, "Takaichi meets mine families", corrected))))
    first, second = direct_messages(env["fake"])
    assert "New coverage" in first and "Correction" not in first
    assert second.startswith("Correction") or "*Correction" in second
    assert "by the end of March" in second and "this spring" not in second


def test_a_delivery_failing_with_500_is_retried_with_the_next_job_and_arrives_once(slack_follow) -> None:
    env, service = slack_follow, slack_follow["service"]
    slash(env, "follow Takaichi", "r1")
    env["fake"].broken["chat.postMessage"] = 1
    service.run_admin(Command(Kind.ADD, str(article(env["incoming"] / "q.md", "Mine records", QUOTES_TAKAICHI))))
    assert direct_messages(env["fake"]) == []  # the one attempt failed
    assert service.records.follows.summaries()[0].waiting == 1  # the quote still owed
    service.run_admin(Command(Kind.ADD, str(article(env["incoming"] / "d.md", "Deer", NEITHER))))
    assert len(direct_messages(env["fake"])) == 1  # delivered with the next job
    service.run_admin(Command(Kind.REINDEX))
    assert len(direct_messages(env["fake"])) == 1  # and never again


def test_a_removed_article_owed_but_undelivered_is_never_sent(slack_follow) -> None:
    env, service = slack_follow, slack_follow["service"]
    slash(env, "follow Takaichi", "w1")
    env["fake"].broken["chat.postMessage"] = 1
    service.run_admin(Command(Kind.ADD, str(article(env["incoming"] / "q.md", "Mine records", QUOTES_TAKAICHI))))
    service.run_admin(Command(Kind.REMOVE, "q.md"))
    assert direct_messages(env["fake"]) == []


def test_follow_commands_validate_and_limit(slack_follow) -> None:
    env, service = slack_follow, slack_follow["service"]
    assert "could be any of" in slash(env, "follow Lee", "v1")  # two Lees: which one
    assert "followed as a topic" in slash(env, "follow the DNA tests of the Chosei remains", "v2")
    assert "already follow" in slash(env, "follow the DNA tests of the Chosei remains", "v3")
    assert "not one of your follows" in slash(env, "unfollow 7", "v4")
    assert "No longer following" in slash(env, "unfollow 1", "v5")
    assert "follow nothing" in slash(env, "following", "v6")
    for n in range(50):
        service.follow("slack", USER, f"topic number {n}")
    assert "the most there can be" in service.follow("slack", USER, "one too many").text


def test_at_most_twenty_messages_per_user_per_job_the_rest_summed_up(slack_follow) -> None:
    env, service = slack_follow, slack_follow["service"]
    slash(env, "follow Takaichi", "m1")
    env["fake"].broken["conversations.open"] = MAX_MESSAGES + 5  # every send of the first job fails
    paths = [
        str(article(env["incoming"] / f"q{n}.md", f"Mine records {n}", QUOTES_TAKAICHI.replace("spring", f"year {n}")))
        for n in range(MAX_MESSAGES + 5)
    ]
    service.run_admin(Command(Kind.ADD, paths[0]))  # one message, failed
    env["fake"].broken.clear()
    before = service.before_change()
    service.collection.add(paths[1:])  # 24 more articles at once (as the command line adds them)
    service.after_change(before)  # the job's deliveries: 25 articles owed to one user
    sent = direct_messages(env["fake"])
    assert len(sent) == MAX_MESSAGES + 1 and "5 more articles" in sent[-1]


def test_a_followed_person_arrives_as_a_discord_dm(discord_bot, tmp_path: Path) -> None:  # noqa: F811
    fake, service = discord_bot["fake"], discord_bot["service"]
    service.notifiers["discord"] = DiscordNotifier("test-token", fake.api_url)
    token = fake.slash("follow", {"subject": "Takaichi"}, user_id=REPORTER)
    (edit,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert "Following Sanae Takaichi" in edit.data["content"]
    service.run_admin(Command(Kind.ADD, str(article(tmp_path / "q.md", "Mine records", QUOTES_TAKAICHI))))
    (opened,) = fake.of("POST", "/users/@me/channels")
    assert opened.data == {"recipient_id": REPORTER}
    dm_channel = f"9{REPORTER[1:]}"
    (dm,) = fake.of("POST", f"/channels/{dm_channel}/messages")
    embed = dm.data["embeds"][0]
    assert "Sanae Takaichi is quoted in" in embed["title"] and "every record of the mine" in embed["description"]
    assert any("Test Wire" in f["value"] for f in embed["fields"]) and dm.data["allowed_mentions"]["parse"] == []
    service.run_admin(Command(Kind.ADD, str(tmp_path / "q.md")))  # the same article: nothing more
    assert len(fake.of("POST", f"/channels/{dm_channel}/messages")) == 1


@pytest.mark.slow
def test_a_person_and_a_topic_with_the_real_model_exactly_the_right_dms(tmp_path: Path, real_embedder) -> None:
    """The acceptance on the Slack fake: a follow of a person and one of a topic; an article quoting the
    person, one answering the topic, two doing neither: one DM each for the first two, none else."""
    collection, engine = seeded_collection(tmp_path, real_embedder)
    fake = FakeSlack().start()
    try:
        settings = Settings(_env_file=None, slack_bot_token="xoxb-test", slack_api_url=f"{fake.url}/api/")
        service = Service(engine, Records(tmp_path / "db"), rate_limit_per_minute=100, admins={}, collection=collection)
        service.notifiers["slack"] = SlackNotifier(web_client(settings))
        assert "Following Sanae Takaichi" in service.follow("slack", USER, "Takaichi").text
        assert "as a topic" in service.follow("slack", USER, "the government award for the divers").text
        pack = Path(__file__).resolve().parents[1] / "dev_coverage" / "articles"
        answering = next(pack.glob("dc04_*"))  # the divers' government award
        unrelated = next(pack.glob("dc07_*"))  # seafood import rules
        for path in (
            article(tmp_path / "quotes.md", "Takaichi meets mine families", QUOTES_TAKAICHI),
            answering,
            unrelated,
            article(tmp_path / "deer.md", "Deer park reopens", NEITHER),
        ):
            service.run_admin(Command(Kind.ADD, str(path)))
        person, topic = direct_messages(fake)
        assert "Sanae Takaichi is quoted in “Takaichi meets mine families”" in person
        assert "answers “the government award for the divers”" in topic and "government award" in topic
    finally:
        fake.stop()
