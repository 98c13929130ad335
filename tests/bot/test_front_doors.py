"""One door for every front end (#20) and the hardening of round 2 (#21 items 7, 9-12), on the fakes:
Discord's HTTP endpoint and gateway, Slack's HTTP endpoint."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request

import pytest

from bot import messages
from bot.commands import SPECS
from bot.settings import SettingsError, load_settings
from tests.bot.discord_harness import interaction
from tests.bot.test_discord import REPORTER, discord_bot  # noqa: F401 - the gateway fixture
from tests.bot.test_discord_http import endpoint, post  # noqa: F401 - the HTTP fixture


def _slash(name: str, options: list[dict], *, group: str = "summit") -> dict:
    return {"id": "1", "name": group, "type": 1, "options": [{"type": 1, "name": name, "options": options}]}


def _raw(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


# --- Discord HTTP interactions ---------------------------------------------------------------------
def test_an_unknown_admin_subcommand_is_an_error_not_a_reindex(endpoint) -> None:  # noqa: F811
    body = interaction("30", "tok-adm", 2, _slash("purge", [], group="summit-admin"), REPORTER)
    assert post(endpoint["url"], body, endpoint["key"])[0] == 200
    (edit,) = endpoint["fake"].wait_for("PATCH", "/tok-adm/messages/@original")
    assert "no summitbot command" in edit.data["content"] and "purge" in edit.data["content"]


def test_help_is_discord_markdown(endpoint) -> None:  # noqa: F811
    post(endpoint["url"], interaction("31", "tok-help", 2, _slash("help", []), REPORTER), endpoint["key"])
    (edit,) = endpoint["fake"].wait_for("PATCH", "/tok-help/messages/@original")
    assert edit.data["content"] == messages.help_text("discord") and "/summit ask" in edit.data["content"]
    assert not edit.data["content"].startswith("*How to use")  # not Slack's mrkdwn


@pytest.mark.parametrize("stamp", ["²", "9" * 5000, "abc", ""])
def test_a_malformed_signature_timestamp_is_401(endpoint, stamp: str) -> None:  # noqa: F811
    body = json.dumps({"type": 1}).encode()
    signature = endpoint["key"].sign(stamp.encode() + body).signature.hex()
    assert _raw(endpoint["url"], body, {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": stamp}) == 401


def test_a_signed_body_that_is_not_an_object_is_400(endpoint) -> None:  # noqa: F811
    body = json.dumps([1, 2, 3]).encode()
    stamp = str(int(time.time()))
    signature = endpoint["key"].sign(stamp.encode() + body).signature.hex()
    assert _raw(endpoint["url"], body, {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": stamp}) == 400


def test_a_replayed_command_runs_once(endpoint) -> None:  # noqa: F811
    question = {"type": 3, "name": "question", "value": "What did Yang Kee-ho say?"}
    body = interaction("32", "tok-replay", 2, _slash("ask", [question]), REPORTER)
    assert post(endpoint["url"], body, endpoint["key"])[0] == 200
    assert post(endpoint["url"], body, endpoint["key"])[0] == 200  # the same signed request again
    endpoint["fake"].wait_for("PATCH", "/tok-replay/messages/@original")
    time.sleep(1.0)
    assert len(endpoint["fake"].of("PATCH", "/tok-replay/messages/@original")) == 1
    assert endpoint["records"].answer(1) is not None and endpoint["records"].answer(2) is None  # asked once


def test_autocomplete_is_answered_over_http(endpoint) -> None:  # noqa: F811
    focused = {"type": 3, "name": "name", "value": "yang", "focused": True}
    status, reply = post(endpoint["url"], interaction("33", "tok-ac", 4, _slash("who", [focused]), REPORTER),
                         endpoint["key"])  # fmt: skip
    assert status == 200 and reply["type"] == 8
    assert [c["name"] for c in reply["data"]["choices"]] == ["Yang Kee-ho", "Jo Yang-hyeon"]  # most mentioned first


def test_quick_facts_are_rate_limited_over_http(endpoint, monkeypatch) -> None:  # noqa: F811
    service = endpoint["service"]
    monkeypatch.setattr(service._limiter, "allow", lambda key: False)
    post(endpoint["url"], interaction("34", "tok-rl", 2, _slash("sources", []), REPORTER), endpoint["key"])
    (edit,) = endpoint["fake"].wait_for("PATCH", "/tok-rl/messages/@original")
    assert "faster than I can keep up" in edit.data["content"]


# --- Discord gateway ----------------------------------------------------------------------------------
def test_a_failing_service_still_ends_the_interaction(discord_bot, monkeypatch) -> None:  # noqa: F811
    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(discord_bot["service"], "ask", locked)
    fake = discord_bot["fake"]
    token = fake.slash("ask", {"question": "What did Yang Kee-ho say?"}, user_id=REPORTER)
    (edit,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert edit.data["content"] == messages.SLACK_FAILED
    fake.say("<@1100000000000000001> What did Wi Sung-lac say?", user_id=REPORTER, mention_bot=True)
    (reply,) = fake.wait_for("POST", "/channels/1300000000000000001/messages")
    assert reply.data["content"] == messages.SLACK_FAILED


def test_help_is_registered_on_the_gateway(discord_bot) -> None:  # noqa: F811
    fake = discord_bot["fake"]
    (registered,) = fake.of("PUT", "/commands")[-1:]
    summit = next(c for c in registered.data if c["name"] == "summit")
    assert {o["name"] for o in summit["options"]} >= {"ask", "who", "quotes", "timeline", "sources", "help"}
    token = fake.slash("help", {}, user_id=REPORTER)
    (edit,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert edit.data["content"] == messages.help_text("discord")


def test_the_gateway_registers_exactly_the_command_schema(discord_bot) -> None:  # noqa: F811
    """Both groups, every command with its one argument under the schema's name, suggestions where declared."""
    (registered,) = discord_bot["fake"].of("PUT", "/commands")[-1:]
    groups = {c["name"]: c for c in registered.data}
    for group, admin in (("summit", False), ("summit-admin", True)):
        declared = {s.name: s for s in SPECS if s.admin == admin}
        options = {o["name"]: o for o in groups[group]["options"]}
        assert set(options) == set(declared)
        for name, spec in declared.items():
            arguments = options[name].get("options") or []
            assert [a["name"] for a in arguments] == ([spec.argument.name] if spec.argument else [])
            if spec.argument:
                assert bool(arguments[0].get("autocomplete")) is (spec.argument.suggest is not None)
                assert arguments[0]["description"] == spec.argument.description


def test_quick_facts_are_rate_limited_on_the_gateway(discord_bot, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setattr(discord_bot["service"]._limiter, "allow", lambda key: False)
    fake = discord_bot["fake"]
    token = fake.slash("sources", {}, user_id=REPORTER)
    (edit,) = fake.wait_for("PATCH", f"/{token}/messages/@original")
    assert "faster than I can keep up" in edit.data["content"]


# --- settings ---------------------------------------------------------------------------------------
def test_a_hash_model_of_no_dimension_is_named(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SUMMITBOT_EMBEDDING_MODEL", "hash:0")
    monkeypatch.setenv("SUMMITBOT_DATA_DIR", str(tmp_path))
    with pytest.raises(SettingsError, match="SUMMITBOT_EMBEDDING_MODEL"):
        load_settings()


# --- serving ------------------------------------------------------------------------------------------
def _serve_env(tmp_path, api_url: str, **extra: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUMMITBOT_", "DISCORD_"))}
    return env | {
        "DISCORD_BOT_TOKEN": "MTEwMDAwMDAwMDAwMDAwMDAwMQ.wrong.token",
        "SUMMITBOT_DISCORD_API_URL": api_url,
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
        "SUMMITBOT_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


@pytest.mark.integration
@pytest.mark.parametrize("with_slack", [False, True], ids=["discord alone", "with slack"])
def test_serve_with_a_wrong_discord_token_exits_1_with_one_line(tmp_path, with_slack: bool) -> None:
    import socket
    import subprocess
    import sys

    from tests.bot.discord_harness import FakeDiscord

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    fake = FakeDiscord(reject_token=True).start()
    try:
        extra = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s", "SUMMITBOT_SLACK_MODE": "http",
                 "SUMMITBOT_PORT": port} if with_slack else {}  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "serve"], env=_serve_env(tmp_path, fake.api_url, **extra),
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        fake.stop()
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert done.returncode == 1, done.stderr[-500:]
    assert len(errors) == 1 and "DISCORD_BOT_TOKEN" in errors[0] and "Traceback" not in done.stderr


# --- Slack HTTP -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("stamp", ["abc", "", "²"])
def test_slack_refuses_a_malformed_timestamp_with_401(tmp_path, stamp: str) -> None:
    import threading

    from bot.http import http_server
    from bot.settings import Settings
    from bot.slack.app import create_app
    from bot.slack.serve import EVENTS_PATH, wsgi_app
    from index.encode.embedder import HashEmbedder
    from index.engine import Engine
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import load_directory
    from tests.conftest import copy_seed_files

    articles, _ = load_directory(copy_seed_files(tmp_path / "articles"))
    embedder = HashEmbedder(64)
    engine = Engine(IndexHandle.of(build_index(articles, embedder, tmp_path / "index"), embedder.name), embedder)
    settings = Settings(_env_file=None, slack_bot_token="xoxb-test", slack_signing_secret="secret",
                        slack_mode="http", data_dir=tmp_path)  # fmt: skip
    server = http_server(wsgi_app(create_app(settings, engine)), host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.effective_port}{EVENTS_PATH}"
        headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=00"}
        assert _raw(url, b'{"type": "url_verification"}', headers) == 401
    finally:
        server.close()


def test_an_edit_that_reaches_discord_before_the_deferral_is_retried(endpoint) -> None:  # noqa: F811
    endpoint["fake"].missing["PATCH /webhooks/1100000000000000001/tok-early"] = 2  # Discord does not know it yet
    question = {"type": 3, "name": "question", "value": "What did Yang Kee-ho say?"}
    post(endpoint["url"], interaction("35", "tok-early", 2, _slash("ask", [question]), REPORTER), endpoint["key"])
    calls = endpoint["fake"].wait_for("PATCH", "/tok-early/messages/@original", count=3)
    assert "Yang Kee" in str(calls[-1].data["embeds"])


def test_help_on_each_platform_lists_every_command_of_the_schema() -> None:
    for platform, admin_prefix in (("slack", "/summit "), ("discord", "/summit-admin ")):
        text = messages.help_text(platform)
        for spec in SPECS:
            if spec.kind.value == "help":
                continue
            usage = spec.usage(admin_prefix.strip()) if spec.admin else spec.summary
            assert usage in text, (platform, spec.name)
    assert messages.help_text("slack").startswith("*How to use") and "**" not in messages.help_text("slack")
    assert messages.help_text("discord").startswith("**How to use")


def test_the_slack_parser_follows_the_schema() -> None:
    from bot.commands import Kind, parse

    for spec in SPECS:
        if spec.kind in (Kind.ASK, Kind.HELP):
            continue
        if spec.argument is None:
            assert parse(spec.name) == parse(spec.name.upper()) and parse(spec.name).kind is spec.kind
            assert parse(f"{spec.name} of the talks?").kind is Kind.ASK  # a question that starts with the word
        else:
            assert parse(f"{spec.name} x y").argument == "x y" and parse(f"{spec.name} x").kind is spec.kind
            assert parse(spec.name).kind is Kind.HELP  # the command alone: how to use it


def test_front_ends_reach_only_the_service() -> None:
    """No front end reads the engine, the records or the index behind the service's back, and none
    limits rates, checks admin rights or answers a question itself."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "bot"
    sources = {p: p.read_text("utf-8") for d in ("slack", "discord", "cli") for p in (root / d).glob("*.py")}
    for path, text in sources.items():
        for reach in ("service.engine", "service.records", "engine.index", "engine.ask(", "_limiter", "is_admin("):
            assert reach not in text, f"{path.name} reaches {reach}"
