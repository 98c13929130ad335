"""Crash safety across processes: SIGKILL during a build, and questions answered during a rebuild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synthetic import write_articles
from index.encode.embedder import HashEmbedder
from index.engine import Engine
from index.store.handle import IndexHandle
from index.store.layout import current_version_dir
from index.store.versions import build_index, open_index
from seeds_loader import load_directory
from tests.conftest import copy_seed_files

# Real processes, servers or disks (subprocesses, Milvus Lite, tmpfs): the integration tier.
pytestmark = pytest.mark.integration


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    articles = copy_seed_files(tmp_path / "articles")
    seeds, _ = load_directory(articles)
    build_index(seeds, HashEmbedder(64), tmp_path / "index")
    env = {
        **os.environ,
        "SUMMITBOT_ARTICLES_DIR": str(articles),
        "SUMMITBOT_INDEX_DIR": str(tmp_path / "index"),
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
    }
    return tmp_path, env


def summitbot(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def answers(index_dir: Path) -> bool:
    engine = Engine(IndexHandle(index_dir, "hash:64"), HashEmbedder(64))
    return engine.ask("What did Yang Kee-ho say?").passages[0].speaker == "Yang Kee-ho"


def test_sigkill_at_any_moment_of_a_build_leaves_the_previous_version_serving(workspace) -> None:
    root, env = workspace
    index_dir = root / "index"
    serving = current_version_dir(index_dir)
    # Different text everywhere, so the build has real embedding and writing to do.
    write_articles(Path(env["SUMMITBOT_ARTICLES_DIR"]), 300)
    killed_while_staging = False
    for delay in (0.05, 0.3, 0.6, 1.0, None):
        process = summitbot("index", "build", env=env)
        if delay is None:
            # Kill the moment the new version's files start appearing on disk.
            while process.poll() is None and not any((index_dir / "versions").glob(".staging-*")):
                time.sleep(0.002)
            killed_while_staging = process.poll() is None
        else:
            time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode == -signal.SIGKILL:
            assert current_version_dir(index_dir) == serving
            assert open_index(index_dir, model="hash:64").manifest.articles == 5
            assert answers(index_dir)
    assert killed_while_staging, "the build finished before it could be killed mid-write"
    # The next build cleans up whatever the killed ones left and completes.
    finished = subprocess.run([sys.executable, "-m", "bot.cli", "index", "build"], env=env, capture_output=True)
    assert finished.returncode == 0, finished.stderr
    assert not list((index_dir / "versions").glob(".staging-*"))
    assert open_index(index_dir, model="hash:64").manifest.articles == 305


def test_questions_are_answered_while_another_process_rebuilds(workspace) -> None:
    root, env = workspace
    index_dir = root / "index"
    handle = IndexHandle(index_dir, "hash:64")
    engine = Engine(handle, HashEmbedder(64))
    first = handle.current().version
    new = write_articles(root / "incoming", 400, seed=11)
    process = summitbot("index", "add", *map(str, new), env=env)
    asked = 0
    while process.poll() is None or asked < 5:
        answer = engine.ask("What did Yang Kee-ho say?")
        assert answer.passages and answer.passages[0].speaker == "Yang Kee-ho"
        asked += 1
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert asked > 5
    assert handle.current().version != first and handle.current().manifest.articles == 405
    assert engine.ask("What did Yang Kee-ho say?").passages[0].speaker == "Yang Kee-ho"
