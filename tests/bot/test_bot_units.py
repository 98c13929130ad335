from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.commands import Command, Kind, parse
from bot.outcomes import Answered, Facts, Invalid, Limited, Notice, Refused
from bot.ratelimit import RateLimiter
from bot.records import Records
from bot.service import Service
from bot.settings import Settings
from bot.slack import blocks
from bot.slack.app import SlackBot
from index.engine import Engine


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_window() -> None:
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.allow("U1") and limiter.allow("U1") and not limiter.allow("U1")
    assert limiter.allow("U2")  # per user
    clock.now += 60
    assert limiter.allow("U1")


class RecordingBot(SlackBot):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[dict[str, Any]] = []

    def respond(self, url: str, payload: dict[str, Any]) -> bool:
        self.sent.append(payload)
        return True


def test_flood_gets_a_message_not_silence(hash_engine: Engine, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, rate_limit_per_minute=2, data_dir=tmp_path)
    service = Service(hash_engine, Records(tmp_path / "db"), rate_limit_per_minute=2, admins={})
    bot = RecordingBot(settings, service)
    for _ in range(3):
        bot.slash({"user_id": "U1", "response_url": "http://x", "text": "What did Yang Kee-ho say?"})
    assert len(bot.sent) == 3
    assert "asking faster than I can keep up (2 a minute)" in bot.sent[2]["text"]
    assert "Yang Kee-ho" in str(bot.sent[0]["blocks"])


def test_admin_failure_never_shows_the_exception_text(hash_engine: Engine, tmp_path: Path) -> None:
    class Exploding:
        def rebuild(self, progress=None):  # type: ignore[no-untyped-def]
            raise RuntimeError("secret internal detail /etc/passwd")

    settings = Settings(_env_file=None, admin_users="UADMIN", data_dir=tmp_path)
    service = Service(
        hash_engine,
        Records(tmp_path / "db"),
        rate_limit_per_minute=10,
        admins={"slack": frozenset({"UADMIN"})},
        collection=Exploding(),  # type: ignore[arg-type]
    )
    bot = RecordingBot(settings, service)
    bot.admin(Command(Kind.REINDEX), "UADMIN", "http://x")
    assert service._jobs is not None
    service._jobs.shutdown(wait=True)  # the job's report is sent from the service's job thread
    assert "Re-indexing" in bot.sent[0]["text"]  # "started" always comes before the report
    assert "secret internal detail" not in bot.sent[-1]["text"]
    assert "unexpected error" in bot.sent[-1]["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Command(Kind.HELP)),
        ("who Lee", Command(Kind.WHO, "Lee")),
        ("who", Command(Kind.HELP, "who")),
        ("timeline", Command(Kind.TIMELINE)),
        ("timeline of the talks?", Command(Kind.ASK, "timeline of the talks?")),
        ("add <https://example.org/a|example.org/a>", Command(Kind.ADD, "https://example.org/a")),
        ("What did Lee say?", Command(Kind.ASK, "What did Lee say?")),
        ("REINDEX", Command(Kind.REINDEX)),
    ],
)
def test_parse_slash_text(text: str, expected: Command) -> None:
    assert parse(text) == expected


def test_long_text_is_clipped_to_slack_limits(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Yang Kee-ho say?")
    long = answer.model_copy(update={"question": "x" * 5000})
    rendered = blocks.answer_blocks(long, ask_id=1, shareable=True)
    assert all(len(b["text"]["text"]) <= blocks.MAX_SECTION for b in rendered if b["type"] == "section")


def test_feedback_cli_lists_failed_answers(hash_engine: Engine, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SUMMITBOT_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    records = Records(Settings(_env_file=None, data_dir=tmp_path).database_path)
    good = records.record_ask("U1", "C1", "slash", hash_engine.ask("What did Yang Kee-ho say?"))
    records.record_ask("U2", "C1", "slash", hash_engine.ask("Which trade deal did Korea sign with Vietnam?"))
    records.record_feedback(good, "U1", up=False)
    result = CliRunner().invoke(cli, ["feedback"])
    assert result.exit_code == 0
    assert "Vietnam" in result.stdout and "refused" in result.stdout and "👎1" in result.stdout


def test_rate_limits_are_kept_per_platform(hash_engine: Engine, tmp_path: Path) -> None:
    service = Service(hash_engine, Records(tmp_path / "db"), rate_limit_per_minute=1, admins={})
    assert isinstance(service.ask("slack", "U1", None, "slash", "Who is Yang Kee-ho?"), Answered)
    assert isinstance(service.ask("slack", "U1", None, "slash", "Who is Yang Kee-ho?"), Limited)
    assert isinstance(service.ask("discord", "U1", None, "slash", "Who is Yang Kee-ho?"), Answered)  # another person
    assert isinstance(service.facts(Command(Kind.SOURCES), "slack", "U1"), Limited)  # facts count too
    assert isinstance(service.facts(Command(Kind.SOURCES)), Facts)  # the command line is not limited
    assert isinstance(service.ask("cli", "", None, "argument", "   "), Invalid)
    refused = service.ask("cli", "", None, "argument", "Which trade deal did Korea sign with Vietnam?")
    assert isinstance(refused, Refused) and not refused.answer.answered


def test_admins_are_per_platform(hash_engine: Engine, tmp_path: Path) -> None:
    service = Service(
        hash_engine,
        Records(tmp_path / "db"),
        rate_limit_per_minute=5,
        admins={"slack": frozenset({"U1"})},
        collection=object(),  # type: ignore[arg-type]
    )
    assert service.is_admin("slack", "U1") and not service.is_admin("discord", "U1")


def test_an_admin_on_a_reader_node_is_told_where_changes_are_made(hash_engine: Engine, tmp_path: Path) -> None:
    from bot import messages

    admins = {"slack": frozenset({"U1"})}
    reader = Service(hash_engine, Records(tmp_path / "db"), rate_limit_per_minute=5, admins=admins, collection=None)
    assert reader.admit("slack", "U1", Command(Kind.REINDEX)) == messages.CHAT_READER_NODE
    assert reader.admit("slack", "U2", Command(Kind.REINDEX)) == messages.SLACK_NOT_ADMIN


def test_records_from_before_platforms_are_migrated(tmp_path: Path, hash_engine: Engine) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE asks (id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL, user TEXT NOT NULL,"
        " channel TEXT, source TEXT NOT NULL, question TEXT NOT NULL, answered INTEGER NOT NULL,"
        " confidence REAL NOT NULL, answer TEXT NOT NULL)"
    )
    db.execute("INSERT INTO asks VALUES (1, 0, 'U1', 'C1', 'slash', 'q', 1, 0.9, '{}')")
    db.commit()
    db.close()
    records = Records(path)
    assert records.platform_of(1) == "slack"
    answer = hash_engine.ask("What did Yang Kee-ho say?")
    assert records.platform_of(records.record_ask("U2", None, "dm", answer, platform="discord")) == "discord"
    Records(path)  # idempotent: opening it again changes nothing


def test_votes_and_shares_are_tagged_outcomes(hash_engine: Engine, tmp_path: Path) -> None:
    service = Service(hash_engine, Records(tmp_path / "db"), rate_limit_per_minute=10, admins={})
    asked = service.ask("slack", "U1", "C1", "slash", "Who is Yang Kee-ho?")
    assert isinstance(asked, Answered) and asked.ask_id is not None
    assert isinstance(service.vote(asked.ask_id, "U1", up=True), Notice)
    assert isinstance(service.vote(asked.ask_id + 99, "U1", up=True), Invalid)
    shared = service.shareable(asked.ask_id)
    assert isinstance(shared, Answered) and shared.answer.question == "Who is Yang Kee-ho?"
    assert isinstance(service.shareable(asked.ask_id + 99), Invalid)


def test_a_refusal_names_several_people_in_the_plural() -> None:
    from bot.messages import refusal_text

    assert refusal_text("no_quotes", ("Kim Kyung-soo",)).endswith(
        "Kim Kyung-soo appears in the coverage but is never quoted."
    )
    several = refusal_text("no_quotes", ("Kim Kyung-soo", "Kim Soo-eun"))
    assert several.endswith("Kim Kyung-soo and Kim Soo-eun appear in the coverage but are never quoted.")
