"""Damaged index data is refused by name, never served and never carried into a rebuild; `index build`
always starts from scratch; a full disk leaves the previous version serving with one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bench.synthetic import write_articles
from index.encode.embedder import HashEmbedder
from index.errors import IndexCorruptError
from index.store.handle import IndexHandle
from index.store.layout import current_version_dir
from index.store.versions import build_index, open_index
from seeds_loader import bundled_articles_dir, load_directory
from tests.conftest import copy_seed_files

# Real processes, servers or disks (subprocesses, Milvus Lite, tmpfs): the integration tier.
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The demo articles indexed by `summitbot index build`, once for the module (each test damages a copy)."""
    root = tmp_path_factory.mktemp("built")
    env = environment(copy_seed_files(root / "articles"), root / "index", root / "data")
    assert run("index", "build", env=env).returncode == 0
    return root


@pytest.fixture
def workspace(built: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    for name in ("articles", "index", "data"):
        shutil.copytree(built / name, tmp_path / name, symlinks=True)
    return tmp_path / "index", environment(tmp_path / "articles", tmp_path / "index", tmp_path / "data")


def environment(articles: Path, index_dir: Path, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SUMMITBOT_ARTICLES_DIR": str(articles),
        "SUMMITBOT_INDEX_DIR": str(index_dir),
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
        "SUMMITBOT_DATA_DIR": str(data_dir),
    }


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=env, capture_output=True, text=True)


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("WARNING")]
    assert result.returncode != 0 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(w in lines[0] for w in words), lines[0]


def scramble(path: Path) -> None:
    """Random values of the same shape and type: a well-formed file with the wrong content."""
    data = np.load(path)
    np.save(path, np.random.default_rng(1).permutation(data.ravel()).reshape(data.shape).astype(data.dtype) + 7)


@pytest.mark.parametrize("name", ["passage_vectors.npy", "sentences.codes.npy", "passages/paragraph.npy"])
def test_damaged_files_are_refused_by_name(workspace, name: str) -> None:
    index_dir, env = workspace
    scramble(current_version_dir(index_dir) / name)
    with pytest.raises(IndexCorruptError, match=rf"{name} .*damaged.*summitbot index build"):
        open_index(index_dir, model="hash:64")
    one_line_error(run("ask", "What did Yang Kee-ho say?", env=env), "damaged", "summitbot index build")
    one_line_error(run("index", "check", env=env), name, "damaged")


def test_a_rebuild_never_reuses_damaged_vectors(workspace) -> None:
    index_dir, env = workspace
    clean = np.load(current_version_dir(index_dir) / "passage_vectors.npy")
    scramble(current_version_dir(index_dir) / "passage_vectors.npy")
    rebuilt = run("index", "build", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert np.allclose(np.load(current_version_dir(index_dir) / "passage_vectors.npy"), clean)
    assert run("index", "check", env=env).returncode == 0


@pytest.mark.parametrize("damage", ["empty npy", "garbage pointer", "pointer is a directory", "missing version"])
def test_index_build_always_starts_from_scratch(workspace, damage: str) -> None:
    index_dir, env = workspace
    version = current_version_dir(index_dir)
    if damage == "empty npy":
        (version / "sentences.scales.npy").write_bytes(b"")
    elif damage == "garbage pointer":
        (index_dir / "CURRENT").write_bytes(b"\x00\xffnot a version")
    elif damage == "pointer is a directory":
        (index_dir / "CURRENT").unlink()
        (index_dir / "CURRENT").mkdir()
    else:
        (index_dir / "CURRENT").write_text("v20200101T000000-1-000000\n")
    for command in (["ask", "What did Yang Kee-ho say?"], ["index", "list"]):
        one_line_error(run(*command, env=env), "summitbot index build")
    rebuilt = run("index", "build", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert run("ask", "What did Yang Kee-ho say?", env=env).returncode == 0


def test_run_rebuilds_a_damaged_index(workspace) -> None:
    index_dir, env = workspace
    (current_version_dir(index_dir) / "sentences.scales.npy").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"], env=env, input="What did Yang Kee-ho say?\n", capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0 and "Yang Kee-ho" in result.stdout, result.stderr


def test_a_running_reader_keeps_serving_when_the_new_version_is_damaged(tmp_path: Path) -> None:
    seeds, _ = load_directory(bundled_articles_dir())
    embedder = HashEmbedder(64)
    first = build_index(seeds, embedder, tmp_path)
    handle = IndexHandle(tmp_path, embedder.name)
    assert handle.current().version == first.version
    second = build_index(seeds[:3], embedder, tmp_path)
    (second.path / "sentences.scales.npy").write_bytes(b"")  # damaged after it was switched to
    assert handle.current().version == first.version


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this machine cannot mount a small tmpfs: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_says_so_in_one_line_and_leaves_the_previous_version(small_disk: Path, tmp_path: Path) -> None:
    articles = copy_seed_files(tmp_path / "articles")
    env = environment(articles, small_disk / "index", tmp_path / "data")
    assert run("index", "build", env=env).returncode == 0
    serving = current_version_dir(small_disk / "index")
    write_articles(articles, 120)
    for _ in range(2):  # a repeated attempt must not pile up staging folders
        one_line_error(run("index", "build", env=env), "no space left")
    assert not list((small_disk / "index" / "versions").glob(".staging-*"))
    assert current_version_dir(small_disk / "index") == serving
    assert run("ask", "What did Yang Kee-ho say?", env=env).returncode == 0
