"""Settings: every one documented in .env.example under its real variable name; the milvus ones validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import _PLATFORM_NAMES, Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_in_env_example() -> None:
    documented = (ROOT / ".env.example").read_text("utf-8")
    for field in Settings.model_fields:
        name = _PLATFORM_NAMES.get(field, f"SUMMITBOT_{field.upper()}")
        assert f"{name}=" in documented, name


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("SUMMITBOT_SEARCH_BACKEND", "opensearch", "SUMMITBOT_SEARCH_BACKEND='opensearch'"),
        ("SUMMITBOT_MILVUS_URI", "ftp://host", "must be a Milvus URL"),
        ("SUMMITBOT_MILVUS_URI", "/var/lib/milvus", "ending in .db"),
        ("SUMMITBOT_MILVUS_COLLECTION", "news-passages", "SUMMITBOT_MILVUS_COLLECTION='news-passages'"),
        ("SUMMITBOT_MILVUS_DENSE_INDEX", "DISKANN", "SUMMITBOT_MILVUS_DENSE_INDEX"),
    ],
)
def test_bad_milvus_settings_are_named(
    variable: str, value: str, named: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=named.replace("(", r"\(")):
        load_settings()


def test_milvus_uri_defaults_to_an_embedded_file_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, search_backend="milvus")
    assert settings.resolved_milvus_uri == str(tmp_path.resolve() / "milvus.db")
    remote = Settings(_env_file=None, milvus_uri="https://in01.example.cloud:443", milvus_token="user:pw")
    assert remote.resolved_milvus_uri == "https://in01.example.cloud:443"
    assert "user:pw" not in repr(remote)
