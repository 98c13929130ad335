"""Settings: read once by the entry points from the environment and .env, validated at start."""

from __future__ import annotations

import ipaddress
import logging
import re
import urllib.parse
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import defaults

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class Settings(BaseSettings):
    """Every setting is documented in .env.example."""

    model_config = SettingsConfigDict(env_prefix="SUMMITBOT_", env_file=".env", extra="ignore")

    data_dir: Path = Path(defaults.DATA_DIR)
    articles_dir: Path | None = None
    index_dir: Path | None = None
    embedding_model: str = defaults.EMBEDDING_MODEL
    encoder: Literal["onnx", "torch"] = "onnx"
    model_cache_dir: Path | None = None
    top_k: int = Field(3, ge=1, le=20)
    min_confidence: float = Field(0.5, ge=0.0, le=1.0)
    # A follow of a topic sends a passage only this sure: chosen on pack 2, held out on pack 1
    # (bench/follow_precision.py); a message nobody asked for just now must be surer than an answer.
    follow_min_confidence: float = Field(0.5, ge=0.0, le=1.0)
    passage_max_words: int = Field(120, ge=20, le=400)
    dense_index: Literal["auto", "flat", "hnsw", "ivf-sq8"] = "auto"
    log_level: str = "WARNING"
    # Where passages are searched: this machine's FAISS + BM25, or a Milvus collection (README, "Milvus").
    search_backend: Literal["local", "milvus"] = "local"
    milvus_uri: str | None = None
    milvus_token: SecretStr | None = None
    milvus_collection: str = "summitbot_passages"
    milvus_dense_index: Literal["auto", "AUTOINDEX", "FLAT", "IVF_FLAT", "HNSW"] = "auto"
    milvus_timeout: float = Field(10.0, gt=0, le=300)
    # milvus: a writer keeps the articles and the index and writes Milvus; a reader serves from Milvus alone.
    node_role: Literal["auto", "writer", "reader"] = "auto"
    fetch_timeout: float = Field(10.0, gt=0, le=120)
    max_article_bytes: int = Field(5 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    allow_private_urls: bool = False

    # Slack: its own variable names for the secrets, SUMMITBOT_* for ours.
    slack_bot_token: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_BOT_TOKEN"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_APP_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET"))
    slack_mode: Literal["socket", "http"] = "socket"
    port: int = Field(3000, ge=1, le=65535)
    slack_api_url: str = "https://slack.com/api/"
    admin_users: str = ""
    rate_limit_per_minute: int = Field(10, ge=1, le=600)

    # Discord: its own variable names for the secrets, SUMMITBOT_* for ours.
    discord_bot_token: SecretStr | None = Field(None, validation_alias=AliasChoices("DISCORD_BOT_TOKEN"))
    discord_public_key: SecretStr | None = Field(None, validation_alias=AliasChoices("DISCORD_PUBLIC_KEY"))
    discord_mode: Literal["gateway", "http"] = "gateway"
    discord_api_url: str = "https://discord.com/api/v10"
    discord_admin_users: str = ""
    discord_guild_id: int | None = Field(None, ge=1)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in _LEVELS:
            raise ValueError(f"must be one of {', '.join(_LEVELS)}")
        return value.upper()

    @field_validator("embedding_model")
    @classmethod
    def _model(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must name a model or a model directory")
        value = value.strip()
        if value.startswith("hash:"):
            size = value.removeprefix("hash:")
            if not (size.isascii() and size.isdigit() and 1 <= int(size) <= 4096):
                raise ValueError("hash:N needs a dimension N from 1 to 4096")
        return value

    @field_validator("admin_users")
    @classmethod
    def _admins(cls, value: str) -> str:
        ids = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in ids if not v.isalnum() or not v[0].isupper()]
        if bad:
            raise ValueError(f"must be comma-separated Slack user IDs like U012ABCDEF, got {', '.join(bad)}")
        return ",".join(ids)

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        return api_base_url(value)

    @field_validator("data_dir", "articles_dir", "index_dir", "model_cache_dir", mode="before")
    @classmethod
    def _folder(cls, value: object) -> object:
        # An empty value would silently mean the current directory.
        if isinstance(value, str) and not value.strip():
            raise ValueError("must name a folder (leave the variable unset for the default)")
        if (
            isinstance(value, str | Path)
            and Path(value).expanduser().exists()
            and not Path(value).expanduser().is_dir()
        ):
            raise ValueError("is a file, not a folder")
        return value

    @model_validator(mode="after")
    def _reader_needs_milvus(self) -> Settings:
        if self.node_role == "reader" and self.search_backend != "milvus":
            raise ValueError("SUMMITBOT_NODE_ROLE=reader needs SUMMITBOT_SEARCH_BACKEND=milvus")
        return self

    @field_validator("milvus_collection")
    @classmethod
    def _milvus_collection(cls, value: str) -> str:
        # Milvus's own rule for collection names (with room for the "_meta" companion).
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,249}", value):
            raise ValueError("must start with a letter or _ and hold only letters, digits and _ (at most 250)")
        return value

    @field_validator("milvus_uri")
    @classmethod
    def _milvus_uri(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        parts = urllib.parse.urlsplit(value)
        if parts.scheme in ("http", "https", "tcp", "grpc"):
            if not parts.hostname:
                raise ValueError("must be a Milvus URL with a host (http://host:19530) or a local .db path")
            return value
        if not value.endswith(".db"):
            raise ValueError("must be a Milvus URL (http://host:19530) or a local path ending in .db (Milvus Lite)")
        return value

    @property
    def resolved_milvus_uri(self) -> str:
        """The cluster URL, or the embedded Milvus Lite file (default: $SUMMITBOT_DATA_DIR/milvus.db)."""
        if self.milvus_uri is None:
            return str((self.data_dir / "milvus.db").expanduser().resolve())
        if "://" in self.milvus_uri:
            return self.milvus_uri
        return str(Path(self.milvus_uri).expanduser().resolve())

    @field_validator("discord_api_url")
    @classmethod
    def _discord_api_url(cls, value: str) -> str:
        return api_base_url(value).rstrip("/")

    @field_validator("discord_public_key")
    @classmethod
    def _discord_public_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value():
            text = value.get_secret_value()
            if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
                raise ValueError("must be the application's public key: 64 hexadecimal characters")
        return value

    @field_validator("discord_admin_users")
    @classmethod
    def _discord_admins(cls, value: str) -> str:
        ids = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in ids if not v.isdigit()]
        if bad:
            raise ValueError(f"must be comma-separated Discord user ids (numbers), got {', '.join(bad)}")
        return ",".join(ids)

    @property
    def discord_admin_ids(self) -> frozenset[str]:
        return frozenset(v for v in self.discord_admin_users.split(",") if v)

    @property
    def discord_configured(self) -> bool:
        """True when the secrets the chosen Discord mode needs are set (HTTP also needs the public key)."""
        if self.discord_bot_token is None or not self.discord_bot_token.get_secret_value():
            return False
        if self.discord_mode == "http":
            return self.discord_public_key is not None and bool(self.discord_public_key.get_secret_value())
        return True

    @property
    def admin_ids(self) -> frozenset[str]:
        return frozenset(v for v in self.admin_users.split(",") if v)

    @property
    def slack_configured(self) -> bool:
        """True when the tokens the chosen Slack mode needs are all set."""
        if self.slack_bot_token is None:
            return False
        needed = self.slack_app_token if self.slack_mode == "socket" else self.slack_signing_secret
        return needed is not None

    @property
    def database_path(self) -> Path:
        return (self.data_dir / "summitbot.sqlite3").expanduser().resolve()

    @property
    def resolved_articles_dir(self) -> Path:
        """The articles directory; by default a data directory seeded from the bundled demo articles."""
        return (self.articles_dir or self.data_dir / "articles").expanduser().resolve()

    @property
    def seeds_default_articles(self) -> bool:
        return self.articles_dir is None

    @property
    def resolved_model_cache_dir(self) -> Path:
        """Where the ONNX export of the embedding model is kept (made once, on first use or by make setup)."""
        return (self.model_cache_dir or self.data_dir / "models").expanduser().resolve()

    @property
    def resolved_index_dir(self) -> Path:
        return (self.index_dir or self.data_dir / "index").expanduser().resolve()


def api_base_url(value: str) -> str:
    """A platform API base URL: https with a host, or plain http only to this machine (a test server or a
    local proxy); a bot token is never sent unencrypted over the network."""
    parts = urllib.parse.urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http(s) URL with a host")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValueError(
            "must use https (plain http is allowed only to localhost, which would send the token unencrypted)"
        )
    value = value.strip()
    return value if value.endswith("/") else value + "/"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# Settings whose variable is the platform's own name, not SUMMITBOT_*.
_PLATFORM_NAMES = {
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "discord_bot_token": "DISCORD_BOT_TOKEN",
    "discord_public_key": "DISCORD_PUBLIC_KEY",
}


class SettingsError(ValueError):
    """A setting has a bad value; the message names the environment variable."""


def load_settings() -> Settings:
    """Read settings, turning validation errors into one message per bad variable."""
    try:
        settings = Settings()
    except ValidationError as e:
        problems = []
        for error in e.errors():
            field = str(error["loc"][0]) if error["loc"] else "settings"
            name = _PLATFORM_NAMES.get(
                field.lower(), field.upper() if field.isupper() else f"SUMMITBOT_{field.upper()}"
            )
            problems.append(f"{name}={error.get('input')!r}: {error['msg']}")
        raise SettingsError("invalid setting " + "; ".join(problems)) from e
    logging.getLogger().setLevel(settings.log_level)
    return settings
