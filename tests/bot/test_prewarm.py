"""The cold start's early guess at the encoder: taken only for answering commands and only when the
environment alone decides the settings."""

from __future__ import annotations

from pathlib import Path

from bot.cli.prewarm import guess_export
from index.encode.onnx_session import export_dir


def test_the_guess_follows_the_settings_defaults_and_variables(tmp_path: Path) -> None:
    assert guess_export(["ask", "q"], {}, tmp_path) == export_dir(Path("data/models").resolve(), "all-MiniLM-L6-v2")
    env = {"SUMMITBOT_DATA_DIR": str(tmp_path / "d"), "SUMMITBOT_EMBEDDING_MODEL": "my/model"}
    assert guess_export(["serve"], env, tmp_path) == export_dir(tmp_path / "d" / "models", "my/model")
    env["SUMMITBOT_MODEL_CACHE_DIR"] = str(tmp_path / "cache")
    assert guess_export(["run"], env, tmp_path) == export_dir(tmp_path / "cache", "my/model")


def test_no_guess_where_it_could_be_wrong_or_is_not_needed(tmp_path: Path) -> None:
    assert guess_export(["index", "build"], {}, tmp_path) is None
    assert guess_export(["--help"], {}, tmp_path) is None
    assert guess_export(["ask", "q"], {"SUMMITBOT_ENCODER": "torch"}, tmp_path) is None
    assert guess_export(["ask", "q"], {"SUMMITBOT_EMBEDDING_MODEL": "hash:64"}, tmp_path) is None
    (tmp_path / ".env").write_text("SUMMITBOT_EMBEDDING_MODEL=other\n")
    assert guess_export(["ask", "q"], {}, tmp_path) is None  # a .env file may set what the guess reads
