"""Changes killed half-way (SIGKILL of real `summitbot` processes): the next command finishes or rolls
them back, and running the same command again converges."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from index.store.versions import open_index
from tests.index.test_crash import workspace  # noqa: F401  (the fixture)

# Real processes, servers or disks (subprocesses, Milvus Lite, tmpfs): the integration tier.
pytestmark = pytest.mark.integration

# The real command line, with one step made to hang at the moment under test so that the kill lands there.
_STALLED = """
import sys, time
import {module} as target
setattr({owner}, "{name}", lambda *a, **k: time.sleep(3600))
from bot.cli import main

sys.argv = ["summitbot", *sys.argv[1:]]
main()
"""


def stalled(module: str, owner: str, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    code = _STALLED.format(module=module, owner=owner, name=name)
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, stderr=subprocess.PIPE)


def kill_when(process: subprocess.Popen[bytes], condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the change never reached the moment under test"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=env, capture_output=True, text=True)


def indexed_files(env: dict[str, str]) -> set[str]:
    listing = run("index", "list", "--json", env=env)
    assert listing.returncode == 0, listing.stderr
    return {row["file"] for row in json.loads(listing.stdout)}


STORY = "Ferry strike in Mokpo\n\nFerry crews in Mokpo walked out over pay, union leader Choi Min-ho said.\n"


def test_add_killed_after_writing_the_file_is_rolled_back_and_rerunning_it_adds(workspace, tmp_path) -> None:  # noqa: F811
    _root, env = workspace
    articles = Path(env["SUMMITBOT_ARTICLES_DIR"])
    story = tmp_path / "ferry.txt"
    story.write_text(STORY)
    process = stalled("index.store.collection", "target.Collection", "_build", ["index", "add", str(story)], env)
    kill_when(process, lambda: (articles / "ferry.txt").exists())
    # The next command that opens the index repairs the disagreement: the half-added file goes.
    assert "ferry.txt" not in indexed_files(env) and not (articles / "ferry.txt").exists()
    again = run("index", "add", str(story), env=env)
    assert again.returncode == 0 and "added" in again.stdout, again.stdout + again.stderr
    assert "ferry.txt" in indexed_files(env)


def test_remove_killed_after_deleting_the_file_is_rolled_back_and_rerunning_it_removes(workspace) -> None:  # noqa: F811
    _root, env = workspace
    articles = Path(env["SUMMITBOT_ARTICLES_DIR"])
    target = "004_5c7eea8be5c86b75.txt"
    process = stalled("index.store.collection", "target.Collection", "_build", ["index", "remove", target], env)
    kill_when(process, lambda: not (articles / target).exists())
    asked = run("ask", "What did Yang Kee-ho say?", env=env)  # any command that opens the index
    assert asked.returncode == 0 and "interrupted change" in asked.stderr
    assert (articles / target).exists() and target in indexed_files(env)
    again = run("index", "remove", target, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not (articles / target).exists() and target not in indexed_files(env)


def test_a_change_killed_after_it_switched_the_index_is_completed_not_undone(workspace, tmp_path) -> None:  # noqa: F811
    root, env = workspace
    story = tmp_path / "ferry.txt"
    story.write_text(STORY)
    process = stalled("index.store.journal", "target", "finish", ["index", "add", str(story)], env)
    index_dir = root / "index"
    kill_when(process, lambda: open_index(index_dir, model="hash:64").manifest.articles == 6)
    assert "ferry.txt" in indexed_files(env)
    assert (Path(env["SUMMITBOT_ARTICLES_DIR"]) / "ferry.txt").exists()
    assert not (index_dir / ".change").exists()


def test_leftover_staging_folders_are_cleaned(workspace) -> None:  # noqa: F811
    root, env = workspace
    leftover = root / "index" / "versions" / ".staging-v20260101T000000-1-000000"
    leftover.mkdir()
    (leftover / "junk.npy").write_bytes(b"\0" * 1024)
    assert run("index", "build", env=env).returncode == 0
    assert not leftover.exists()
