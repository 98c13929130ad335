"""Bad input and hostile environments get one clear line and the rest of the work done, never a traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

# Real processes, servers or disks (subprocesses, Milvus Lite, tmpfs): the integration tier.
pytestmark = pytest.mark.integration


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {**os.environ, "SUMMITBOT_DATA_DIR": str(tmp_path / "data"), "SUMMITBOT_EMBEDDING_MODEL": "hash:64"}
    for key in [k for k in values if k.startswith(("SLACK_", "DISCORD_"))]:
        del values[key]
    return values


def summitbot(*args: str | bytes, env: dict[str, str], stdin: bytes = b"", cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], env=env, input=stdin, capture_output=True, cwd=cwd, timeout=120
    )


def one_line(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    err = result.stderr.decode()
    lines = [
        line for line in err.splitlines() if line.strip() and not line.startswith(("WARNING", "No index", "Indexed"))
    ]
    assert result.returncode != 0 and "Traceback" not in err and len(lines) == 1, err
    assert all(w in lines[0] for w in words), lines[0]


BATCH = (
    b"What did Yang Kee-ho say?\n" + b"why " * 300 + b"\nWhat did Wi Sung-lac say?\n\xff\xfe bad bytes\nWho is Lee?\n"
)


def test_one_bad_line_does_not_stop_a_batch(env, tmp_path) -> None:
    result = summitbot("ask", "-", env=env, stdin=BATCH, cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    assert "line 2: That question is too long: 1,199 characters long" in err
    assert "line 4: the question is not valid UTF-8" in err
    assert result.stdout.decode().count("—") >= 3  # three answers, each with citations


def test_one_bad_line_is_a_json_error_object(env, tmp_path) -> None:
    result = summitbot("ask", "--json", "-", env=env, stdin=BATCH, cwd=tmp_path)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == 5 and [("error" in r) for r in rows] == [False, True, False, True, False]
    assert rows[1]["line"] == 2 and rows[3]["line"] == 4


def test_run_answers_the_lines_around_a_bad_one(env, tmp_path) -> None:
    result = summitbot("run", env=env, stdin=BATCH, cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr.decode()
    assert (
        "Yang Kee-ho" in result.stdout.decode() and "line 4: the question is not valid UTF-8" in result.stderr.decode()
    )


def test_invalid_utf8_in_an_argument(env, tmp_path) -> None:
    one_line(summitbot("ask", b"What did \xff say?", env=env, cwd=tmp_path), "not valid UTF-8")


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("SUMMITBOT_INDEX_DIR", "", ("SUMMITBOT_INDEX_DIR", "must name a folder")),
        ("SUMMITBOT_INDEX_DIR", "/etc/passwd", ("SUMMITBOT_INDEX_DIR", "is a file, not a folder")),
        ("SUMMITBOT_SLACK_MODE", "sockets", ("SUMMITBOT_SLACK_MODE",)),
        ("SUMMITBOT_SLACK_API_URL", "http://", ("SUMMITBOT_SLACK_API_URL", "with a host")),
        ("SUMMITBOT_SLACK_API_URL", "http://slack.example/api/", ("SUMMITBOT_SLACK_API_URL", "https")),
    ],
)
def test_bad_settings_are_named(env, tmp_path, name: str, value: str, words: tuple[str, ...]) -> None:
    one_line(summitbot("ask", "hello?", env={**env, name: value}, cwd=tmp_path), *words)


def test_plain_http_to_this_machine_is_allowed(env, tmp_path) -> None:
    done = summitbot(
        "ask", "What did Yang Kee-ho say?", env={**env, "SUMMITBOT_SLACK_API_URL": "http://127.0.0.1:9/"}, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def read_only(tmp_path: Path):  # type: ignore[no-untyped-def]
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this machine cannot mount a read-only tmpfs: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_data_folder_is_one_line(env, tmp_path, read_only: Path) -> None:
    one_line(summitbot("ask", "hello?", env={**env, "SUMMITBOT_DATA_DIR": str(read_only)}, cwd=tmp_path), "read-only")


def test_a_port_in_use_is_one_line(env, tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = {
            **env,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": "secret",
            "SUMMITBOT_SLACK_MODE": "http",
            "SUMMITBOT_PORT": str(port),
        }
        one_line(summitbot("serve", env=settings, cwd=tmp_path), "port is in use")
