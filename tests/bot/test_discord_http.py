"""Discord's HTTP interactions endpoint on loopback: Ed25519 signatures, PING, deferral then the answer."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from nacl.signing import SigningKey

from bot.discord.interactions import INTERACTIONS_PATH, InteractionsApp
from bot.http import http_server
from bot.records import Records
from bot.service import Service
from bot.settings import Settings, SettingsError, load_settings
from index.encode.embedder import HashEmbedder
from index.engine import Engine
from index.store.handle import IndexHandle
from index.store.versions import build_index
from tests.bot.discord_harness import APP_ID, FakeDiscord, interaction

REPORTER = "1500000000000000001"


@pytest.fixture
def endpoint(tmp_path, seed_articles):  # type: ignore[no-untyped-def]
    key = SigningKey.generate()
    embedder = HashEmbedder(64)
    engine = Engine(IndexHandle.of(build_index(seed_articles, embedder, tmp_path / "index"), embedder.name), embedder)
    service = Service(engine, Records(tmp_path / "db.sqlite3"), rate_limit_per_minute=100, admins={})
    fake = FakeDiscord().start()
    app = InteractionsApp(
        service, public_key=key.verify_key.encode().hex(), api_url=fake.api_url, application_id=APP_ID
    )
    server = http_server(app, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}{INTERACTIONS_PATH}"
    yield {"url": url, "key": key, "fake": fake, "records": service.records, "service": service}
    server.close()
    fake.stop()


def post(url: str, body: dict[str, Any], key: Any = None, *, age: float = 0, forge: bool = False) -> tuple[int, Any]:
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if key is not None:
        stamp = str(int(time.time() - age))
        signature = key.sign(stamp.encode() + data).signature.hex()
        if forge:
            signature = ("0" if signature[0] != "0" else "1") + signature[1:]
        headers |= {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": stamp}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def test_a_signed_ping_is_answered(endpoint) -> None:
    assert post(endpoint["url"], {"type": 1}, endpoint["key"]) == (200, {"type": 1})


@pytest.mark.parametrize("how", ["forged", "unsigned", "ten minutes old"])
def test_bad_signatures_are_refused(endpoint, how: str) -> None:
    key = None if how == "unsigned" else endpoint["key"]
    status, _ = post(endpoint["url"], {"type": 1}, key, forge=how == "forged", age=600 if "old" in how else 0)
    assert status == 401


def test_a_signed_slash_command_is_deferred_then_answered_through_the_webhook(endpoint) -> None:
    question = {"type": 3, "name": "question", "value": "What did Yang Kee-ho say?"}
    command = {"id": "1", "name": "summit", "type": 1, "options": [{"type": 1, "name": "ask", "options": [question]}]}
    started = time.monotonic()
    status, deferred = post(endpoint["url"], interaction("9", "tok-http", 2, command, REPORTER), endpoint["key"])
    assert status == 200 and deferred["type"] == 5 and time.monotonic() - started < 3
    (edit,) = endpoint["fake"].wait_for("PATCH", "/webhooks/1100000000000000001/tok-http/messages/@original")
    assert "Yang Kee" in str(edit.data["embeds"]) and edit.data["allowed_mentions"]["parse"] == []


def test_buttons_vote_share_and_unknown_ids_over_http(endpoint) -> None:
    question = {"type": 3, "name": "question", "value": "What did Yang Kee-ho say?"}
    command = {"id": "1", "name": "summit", "type": 1, "options": [{"type": 1, "name": "ask", "options": [question]}]}
    post(endpoint["url"], interaction("9", "tok-b", 2, command, REPORTER), endpoint["key"])
    (edit,) = endpoint["fake"].wait_for("PATCH", "/tok-b/messages/@original")
    ids = [b["custom_id"] for row in edit.data["components"] for b in row["components"]]
    share, up = ids[0], ids[1]
    ask_id = int(up.rsplit(":", 1)[1])

    presses = iter(range(10, 100))

    def press(custom_id: str) -> Any:  # every press is a new interaction, with its own id
        pressed = interaction(str(next(presses)), "tok-p", 3, {"custom_id": custom_id}, REPORTER)
        status, reply = post(endpoint["url"], pressed, endpoint["key"])
        assert status == 200 and reply["type"] == 4
        return reply["data"]

    assert "feedback is recorded" in press(up)["content"] and press(up)["flags"] == 64
    assert any(r.ask_id == ask_id and r.up == 1 for r in endpoint["records"].feedback(only_failed=False))
    shared = press(share)
    assert "flags" not in shared and "Yang Kee" in str(shared["embeds"])
    assert press("summit:vote:sideways:1")["flags"] == 64  # not one of ours: an ephemeral refusal


def test_http_mode_needs_the_public_key_and_names_a_bad_one(monkeypatch, tmp_path) -> None:
    token = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.x.y"
    base = {"_env_file": None, "data_dir": tmp_path, "discord_bot_token": token, "discord_mode": "http"}
    assert not Settings(**base).discord_configured
    assert Settings(**base, discord_public_key="ab" * 32).discord_configured
    assert Settings(**{**base, "discord_mode": "gateway"}).discord_configured
    monkeypatch.setenv("DISCORD_PUBLIC_KEY", "not-a-key")
    with pytest.raises(SettingsError, match="DISCORD_PUBLIC_KEY"):
        load_settings()


def test_serve_in_http_mode_without_the_public_key_says_so(monkeypatch, tmp_path) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_PUBLIC_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISCORD_BOT_TOKEN", "MTEwMDAwMDAwMDAwMDAwMDAwMQ.test.token")
    monkeypatch.setenv("SUMMITBOT_DISCORD_MODE", "http")
    monkeypatch.setenv("SUMMITBOT_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2 and "DISCORD_PUBLIC_KEY" in result.output


@pytest.mark.integration
def test_the_real_summitbot_serve_shares_one_port_between_slack_and_discord_http(tmp_path) -> None:
    import os
    import socket
    import subprocess
    import sys

    key = SigningKey.generate()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUMMITBOT_", "DISCORD_"))}
    env |= {
        "DISCORD_BOT_TOKEN": "MTEwMDAwMDAwMDAwMDAwMDAwMQ.test.token",
        "DISCORD_PUBLIC_KEY": key.verify_key.encode().hex(),
        "SUMMITBOT_DISCORD_MODE": "http",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SUMMITBOT_SLACK_MODE": "http",
        "SUMMITBOT_PORT": str(port),
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
        "SUMMITBOT_DATA_DIR": str(tmp_path / "data"),
    }
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status = post(base + INTERACTIONS_PATH, {"type": 1}, key)
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "summitbot serve did not listen"
                time.sleep(0.2)
        assert status == (200, {"type": 1})
        assert post(base + INTERACTIONS_PATH, {"type": 1}, key, forge=True)[0] == 401
        assert post(base + "/slack/events", {"type": "url_verification"})[0] == 401  # Slack's own check
        assert post(base + "/elsewhere", {})[0] == 404
    finally:
        process.terminate()
        process.wait(10)
