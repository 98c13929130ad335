from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import DEV_QA


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "SUMMITBOT_DATA_DIR": str(tmp_path / "data"),
        "SUMMITBOT_EMBEDDING_MODEL": "hash:64",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return values


runner = CliRunner()


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ask", "index", "eval", "run"):
        assert command in result.output


def test_ask_builds_a_missing_index_and_answers_json(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "What did Yang Kee-ho say?", "--json", "-k", "2"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(answer) >= {"question", "answered", "passages"}
    assert len(answer["passages"]) == 2
    passage = answer["passages"][0]
    assert set(passage) >= {"file", "article_id", "title", "source", "published", "url", "paragraph", "text"}
    assert set(passage) >= {"highlight", "speaker", "score"}
    assert passage["speaker"] == "Yang Kee-ho" and passage["highlight"] in passage["text"]
    assert (Path(env["SUMMITBOT_DATA_DIR"]) / "index" / "CURRENT").exists()


def test_ask_reads_questions_from_stdin(env: dict[str, str]) -> None:
    questions = "Which trade deal did Korea sign with Vietnam?\n\nWhat did Wi Sung-lac say?\n"
    result = runner.invoke(app, ["ask", "-", "--json"], input=questions)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [a["answered"] for a in answers] == [False, True]


def test_text_answer_shows_citation(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "What did Lee Chang-min say about Japan?"])
    assert result.exit_code == 0
    assert "— Lee Chang-min · ¶6 · 004_5c7eea8be5c86b75.txt" in result.stdout


def test_bad_k_is_a_usage_error(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "summit", "-k", "0"])
    assert result.exit_code == 2 and "-k must be between 1 and 20, got 0" in result.output


def test_invalid_setting_names_the_variable(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMITBOT_TOP_K", "50")
    result = runner.invoke(app, ["ask", "summit"])
    assert result.exit_code == 2 and "SUMMITBOT_TOP_K='50'" in result.output
    assert "Traceback" not in result.output


def test_other_model_index_is_refused_with_how_to_rebuild(env: dict[str, str], monkeypatch) -> None:
    assert runner.invoke(app, ["index", "build"]).exit_code == 0
    monkeypatch.setenv("SUMMITBOT_EMBEDDING_MODEL", "hash:32")
    result = runner.invoke(app, ["ask", "summit"])
    assert result.exit_code == 1 and "summitbot index build" in result.output


def test_index_build_reports_and_skips_bad_files(env: dict[str, str], tmp_path: Path, monkeypatch) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text("President Lee Jae Myung met Prime Minister Sanae Takaichi in Nara.")
    (articles / "empty.txt").write_text("")
    monkeypatch.setenv("SUMMITBOT_ARTICLES_DIR", str(articles))
    result = runner.invoke(app, ["index", "build"])
    assert result.exit_code == 0
    assert "Indexed 1 articles" in result.stdout and "empty.txt: the file is empty" in result.output


def test_index_build_with_no_articles_fails_clearly(env: dict[str, str], tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "none").mkdir()
    monkeypatch.setenv("SUMMITBOT_ARTICLES_DIR", str(tmp_path / "none"))
    result = runner.invoke(app, ["index", "build"])
    assert result.exit_code == 1 and "no readable articles" in result.output


def test_eval_prints_every_metric(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["eval", str(DEV_QA), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout[result.stdout.index("{") :])
    assert set(metrics) == {
        "passage_hit@1",
        "passage_hit@3",
        "highlight_hit@1",
        "speaker_accuracy",
        "unanswerable_refused",
        "answerable_refused",
        "disagreement_shown",
        "by_kind",
    }
    assert metrics["by_kind"]["unanswerable"]["questions"] == 2
    assert metrics["by_kind"]["unanswerable"]["passage_hit@1"] is None  # not applicable, not zero


def test_eval_on_any_corpus_indexes_it_apart(env: dict[str, str], tmp_path) -> None:
    from tests.conftest import DEV_COVERAGE

    result = runner.invoke(
        app, ["eval", str(DEV_COVERAGE / "qa.jsonl"), "--articles", str(DEV_COVERAGE / "articles"), "--json"]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout[result.stdout.index("{") :])
    assert metrics["by_kind"]["caption"]["questions"] == 2 and "who" in metrics["by_kind"]


def test_eval_refuses_an_empty_articles_directory(env: dict[str, str], tmp_path) -> None:
    result = runner.invoke(app, ["eval", str(DEV_QA), "--articles", str(tmp_path)])
    assert result.exit_code == 2 and "no article files found" in result.output


def test_eval_rejects_a_malformed_file(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "fine"}\n{not json}\n')
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:2" in result.output


def test_run_answers_stdin_and_rebuilds_a_stale_index(env: dict[str, str], tmp_path: Path, monkeypatch) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Wi Sung-lac said the leaders would discuss supply chains and AI.")
    monkeypatch.setenv("SUMMITBOT_ARTICLES_DIR", str(articles))
    assert runner.invoke(app, ["index", "build"]).exit_code == 0
    (articles / "b.txt").write_text("Takaichi said she would work closely with Lee on regional stability.")
    result = runner.invoke(app, ["run"], input="What did Takaichi say?\n")
    assert result.exit_code == 0, result.output
    assert "rebuilding" in result.output and "work closely with Lee" in result.stdout


@pytest.mark.slow
def test_make_run_example_with_the_real_model(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMITBOT_")}
    env["SUMMITBOT_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        input="what did Lee say about China-Japan quarrels?\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "quarrel between adults" in done.stdout
    assert "— Lee Jae Myung · The Hankyoreh · ¶12 · 000_ce80a095a2018a15.txt" in done.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["quotes", "Lee"], "“Lee” could mean 2 people"),
        (["who", "Yang Kee-ho"], "Sungkonghoe University"),
        (["timeline"], "2025-10-30"),
        (["sources"], "rights notice: restricts AI use"),
        (["who", "Kim Jong Un"], "Nobody in the coverage"),
    ],
)
def test_quick_facts_commands(env: dict[str, str], args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_quick_facts_json(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["who", "Wi Sung-lac", "--json"])
    data = json.loads(result.stdout[result.stdout.index("[") :])
    assert data[0]["name"] == "Wi Sung-lac" and "Wi Sung-lack" in data[0]["variants"]


def test_discord_invite_url_has_exactly_the_permissions_used(env: dict[str, str], monkeypatch) -> None:
    monkeypatch.setenv("DISCORD_BOT_TOKEN", "MTEwMDAwMDAwMDAwMDAwMDAwMQ.x.y")
    result = runner.invoke(app, ["discord", "invite-url"])
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert "client_id=1100000000000000001" in url and "scope=bot+applications.commands" in url
    # View Channels, Send Messages, Embed Links, Read Message History, Send Messages in Threads.
    assert f"permissions={1024 + 2048 + 16384 + 65536 + (1 << 38)}" in url


def test_follow_on_the_command_line_then_an_add_shows_what_is_new(env: dict[str, str], tmp_path: Path) -> None:
    assert "Following Sanae Takaichi" in runner.invoke(app, ["follow", "Takaichi"]).output
    assert "1. Sanae Takaichi (person)" in runner.invoke(app, ["following"]).output
    new = tmp_path / "mine.md"
    new.write_text(
        "---\ntitle: Takaichi meets mine families\noutlet: Test Wire\n---\n"
        'Prime Minister Sanae Takaichi met the families on Tuesday.\n\n"We will open every record of the mine '
        'to the families this spring," Takaichi said.\n'
    )
    added = runner.invoke(app, ["index", "add", str(new)])
    assert added.exit_code == 0, added.output
    assert "Sanae Takaichi is quoted in “Takaichi meets mine families”" in added.stdout
    assert "every record of the mine" in added.stdout and "Test Wire" in added.stdout
    again = runner.invoke(app, ["index", "add", str(new)])
    assert again.exit_code == 0 and "quoted in" not in again.stdout  # nothing new: nothing shown
    listing = runner.invoke(app, ["follows"]).output
    assert "person" in listing and "sent   1" in listing and "Sanae Takaichi" in listing
    bad = runner.invoke(app, ["unfollow", "9"])
    assert bad.exit_code == 2 and "not one of your follows" in bad.output
    assert "No longer following: Sanae Takaichi" in runner.invoke(app, ["unfollow", "all"]).output
