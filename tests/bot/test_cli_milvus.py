"""The command line on SUMMITBOT_SEARCH_BACKEND=milvus, against the real Milvus engine on 127.0.0.1: build,
add, remove and ask go through the collection; a mismatch is refused before anything changes; a Milvus
that fails mid-change leaves the local index serving and the next build catches the collection up."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from index.search.milvus_local import LocalMilvus
from index.search.milvus_store import MilvusStore
from index.search.milvus_types import MilvusConfig, SearchFilter
from tests.conftest import DEV_COVERAGE, copy_seed_files

# Real processes, servers or disks (subprocesses, Milvus Lite, tmpfs): the integration tier.
pytestmark = pytest.mark.integration

runner = CliRunner()
_names = itertools.count()
NEW_ARTICLE = DEV_COVERAGE / "articles" / "dc01_harbourline_lee_xi_beijing.html"


def _configure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, uri: str) -> MilvusConfig:
    config = MilvusConfig(uri=uri, collection=f"cli_{next(_names)}")
    values = {
        "SUMMITBOT_DATA_DIR": str(tmp_path / "data"),
        "SUMMITBOT_ARTICLES_DIR": str(copy_seed_files(tmp_path / "articles")),
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
        "SUMMITBOT_SEARCH_BACKEND": "milvus",
        "SUMMITBOT_MILVUS_URI": uri,
        "SUMMITBOT_MILVUS_COLLECTION": config.collection,
        "SUMMITBOT_MILVUS_TIMEOUT": "3",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    return config


def _passages(output: str) -> int:
    return int(output.split(" passages")[0].rsplit(" ", 1)[-1].replace(",", ""))


@pytest.fixture
def collection(milvus_server: LocalMilvus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MilvusStore:
    return MilvusStore.connect(_configure(monkeypatch, tmp_path, milvus_server.uri))


def test_build_add_remove_and_ask_go_through_the_collection(collection: MilvusStore, tmp_path: Path) -> None:
    built = runner.invoke(app, ["index", "build"])
    assert built.exit_code == 0, built.output
    assert collection.count() == _passages(built.output)
    added = runner.invoke(app, ["index", "add", str(NEW_ARTICLE)])
    assert added.exit_code == 0, added.output
    new_id = NEW_ARTICLE.stem
    assert collection.count(SearchFilter(articles=(new_id,))) > 0
    assert collection.count() == _passages(added.output)
    asked = runner.invoke(app, ["ask", "What did Xi Jinping tell Lee in Beijing?", "--json"])
    assert asked.exit_code == 0, asked.output
    answer = json.loads(asked.stdout.strip().splitlines()[-1])
    assert answer["passages"] and answer["passages"][0]["article_id"] == new_id
    checked = runner.invoke(app, ["index", "check"])
    assert checked.exit_code == 0 and "in step with" in checked.output, checked.output
    # Rows deleted in Milvus behind the bot's back: check names the fix, and the start-up catch-up of the
    # next command writes them again (the recorded fingerprint is not trusted alone).
    expected = collection.count()
    collection._client.delete(collection.config.collection, filter=SearchFilter(articles=(new_id,)).expression())
    behind = runner.invoke(app, ["index", "check"])
    assert behind.exit_code == 1 and "bring it in step with: summitbot index build" in behind.output
    again = runner.invoke(app, ["ask", "What did Xi Jinping tell Lee in Beijing?", "--json"])
    assert json.loads(again.stdout.strip().splitlines()[-1])["passages"][0]["article_id"] == new_id
    assert collection.count() == expected and runner.invoke(app, ["index", "check"]).exit_code == 0
    removed = runner.invoke(app, ["index", "remove", new_id])
    assert removed.exit_code == 0, removed.output
    assert collection.count(SearchFilter(articles=(new_id,))) == 0
    assert collection.count() == _passages(removed.output)


def test_a_collection_of_another_model_is_refused_before_anything_changes(
    collection: MilvusStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["index", "build"]).exit_code == 0
    before = runner.invoke(app, ["index", "list", "--json"]).stdout
    monkeypatch.setenv("SUMMITBOT_EMBEDDING_MODEL", "hash:32")
    refused = runner.invoke(app, ["index", "build"])
    assert refused.exit_code == 1
    assert "model 'hash:64'" in refused.output and "summitbot index build --recreate" in refused.output
    assert "Traceback" not in refused.output
    monkeypatch.setenv("SUMMITBOT_EMBEDDING_MODEL", "hash:64")
    assert runner.invoke(app, ["index", "list", "--json"]).stdout == before
    monkeypatch.setenv("SUMMITBOT_EMBEDDING_MODEL", "hash:32")
    recreated = runner.invoke(app, ["index", "build", "--recreate"])
    assert recreated.exit_code == 0, recreated.output
    assert collection.check("hash:32", 32) is not None


def test_eval_on_milvus_uses_a_scratch_collection(collection: MilvusStore, tmp_path: Path) -> None:
    assert runner.invoke(app, ["index", "build"]).exit_code == 0
    count = collection.count()
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "Q1", "q": "Who is Sanae Takaichi?", "gold": [["000", "Takaichi"]]}) + "\n")
    result = runner.invoke(app, ["eval", str(qa), "--articles", str(DEV_COVERAGE / "articles"), "--json"])
    assert result.exit_code == 0, result.output
    assert collection.count() == count
    scratch = MilvusStore.connect(
        MilvusConfig(uri=collection.config.uri, collection=f"{collection.config.collection}_eval")
    )
    assert scratch.metadata() is None


def test_milvus_lost_mid_change_keeps_the_local_index_and_the_next_build_converges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = LocalMilvus(tmp_path / "milvus").start()
    try:
        config = _configure(monkeypatch, tmp_path, server.uri)
        assert runner.invoke(app, ["index", "build"]).exit_code == 0
    finally:
        server.stop()
    added = runner.invoke(app, ["index", "add", str(NEW_ARTICLE)])
    assert added.exit_code == 1
    assert "summitbot index build" in added.output and "Traceback" not in added.output
    listed = runner.invoke(app, ["index", "list", "--json"])
    assert NEW_ARTICLE.stem in listed.stdout  # the local index took the change and serves it
    server.start()  # the same data file, on a new port
    try:
        monkeypatch.setenv("SUMMITBOT_MILVUS_URI", server.uri)
        rebuilt = runner.invoke(app, ["index", "build"])
        assert rebuilt.exit_code == 0, rebuilt.output
        store = MilvusStore.connect(MilvusConfig(uri=server.uri, collection=config.collection))
        assert store.count() == _passages(rebuilt.output)
        assert store.count(SearchFilter(articles=(NEW_ARTICLE.stem,))) > 0
    finally:
        server.stop()


def test_without_a_uri_an_embedded_milvus_lite_keeps_the_collection_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    _configure(monkeypatch, tmp_path, "unused")
    monkeypatch.delenv("SUMMITBOT_MILVUS_URI")
    built = runner.invoke(app, ["index", "build"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "data" / "milvus.db").exists()
    checked = runner.invoke(app, ["index", "check"])
    assert checked.exit_code == 0 and f"{_passages(built.output):,} passages, in step" in checked.output
    asked = runner.invoke(app, ["ask", "What did Wi Sung-lac say?", "--json"])
    answer = json.loads(asked.stdout.strip().splitlines()[-1])
    assert answer["answered"] and answer["passages"][0]["speaker"] == "Wi Sung-lac"


def test_a_node_with_only_the_milvus_settings_answers_and_refuses_changes(
    collection: MilvusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["index", "build"]).exit_code == 0
    question = ["ask", "Where did Lee and Takaichi meet?", "--json"]
    on_writer = json.loads(runner.invoke(app, question).stdout.strip().splitlines()[-1])
    # Another machine: an empty data directory, no articles, the same Milvus settings.
    monkeypatch.delenv("SUMMITBOT_ARTICLES_DIR")
    monkeypatch.setenv("SUMMITBOT_DATA_DIR", str(tmp_path / "reader"))
    asked = runner.invoke(app, question)
    assert asked.exit_code == 0, asked.output
    assert json.loads(asked.stdout.strip().splitlines()[-1])["passages"] == on_writer["passages"]
    listed = runner.invoke(app, ["index", "list", "--json"])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 5
    checked = runner.invoke(app, ["index", "check"])
    assert checked.exit_code == 0 and "parts match their checksums" in checked.output, checked.output
    refused = runner.invoke(app, ["index", "add", str(NEW_ARTICLE)])
    assert refused.exit_code == 1 and "writer node" in refused.output and "Traceback" not in refused.output
    # Nothing of the index or the articles on this node: only its own records (feedback, follows).
    written = {p.name for p in (tmp_path / "reader").rglob("*") if p.is_file()}
    assert {name.split(".sqlite3")[0] for name in written} <= {"summitbot"}, written


def test_a_reader_with_nothing_served_says_where_to_build(
    collection: MilvusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUMMITBOT_ARTICLES_DIR")
    monkeypatch.setenv("SUMMITBOT_DATA_DIR", str(tmp_path / "reader"))
    monkeypatch.setenv("SUMMITBOT_NODE_ROLE", "reader")
    asked = runner.invoke(app, ["ask", "Where did Lee and Takaichi meet?"])
    assert asked.exit_code == 1 and "Traceback" not in asked.output
    assert "serves no index yet" in asked.output and "summitbot index build" in asked.output
