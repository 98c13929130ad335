"""Settings: read once by the entry points from the environment and .env, validated at start."""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class Settings(BaseSettings):
    """Every setting is documented in .env.example."""

    model_config = SettingsConfigDict(env_prefix="SUMMITBOT_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    articles_dir: Path | None = None
    index_dir: Path | None = None
    embedding_model: str = "all-MiniLM-L6-v2"
    top_k: int = Field(3, ge=1, le=20)
    min_confidence: float = Field(0.5, ge=0.0, le=1.0)
    passage_max_words: int = Field(120, ge=20, le=400)
    log_level: str = "WARNING"
    fetch_timeout: float = Field(10.0, gt=0, le=120)
    max_article_bytes: int = Field(5 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    allow_private_urls: bool = False

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
        return value.strip()

    @property
    def resolved_articles_dir(self) -> Path:
        """The articles directory; by default a data directory seeded from the bundled demo articles."""
        return (self.articles_dir or self.data_dir / "articles").expanduser().resolve()

    @property
    def seeds_default_articles(self) -> bool:
        return self.articles_dir is None

    @property
    def resolved_index_dir(self) -> Path:
        return (self.index_dir or self.data_dir / "index").expanduser().resolve()


class SettingsError(ValueError):
    """A setting has a bad value; the message names the environment variable."""


def load_settings() -> Settings:
    """Read settings, turning validation errors into one message per bad variable."""
    try:
        settings = Settings()
    except ValidationError as e:
        problems = []
        for error in e.errors():
            name = "SUMMITBOT_" + str(error["loc"][0]).upper() if error["loc"] else "settings"
            problems.append(f"{name}={error.get('input')!r}: {error['msg']}")
        raise SettingsError("invalid setting " + "; ".join(problems)) from e
    logging.getLogger().setLevel(settings.log_level)
    return settings
