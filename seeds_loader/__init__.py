"""Reading article files into typed Article models."""

from pathlib import Path

from seeds_loader.errors import (
    BinaryFileError,
    EmptyArticleError,
    FrontMatterError,
    IdCollisionError,
    LoaderError,
    UndecodableFileError,
    UnsupportedFormatError,
)
from seeds_loader.fetch import FetchError, FetchPolicy, fetch, is_url
from seeds_loader.html import html_to_markdown, with_front_matter
from seeds_loader.loader import (
    MAX_FILE_BYTES,
    TEXT_SUFFIXES,
    article_id_for,
    load_article,
    load_directory,
    parse_article,
)
from seeds_loader.models import Article, Paragraph, Sentence


def bundled_articles_dir() -> Path:
    """The demo articles shipped with the project (read-only)."""
    return Path(__file__).parent / "demo_articles"


__all__ = [
    "MAX_FILE_BYTES",
    "TEXT_SUFFIXES",
    "Article",
    "BinaryFileError",
    "EmptyArticleError",
    "FetchError",
    "FetchPolicy",
    "FrontMatterError",
    "IdCollisionError",
    "LoaderError",
    "Paragraph",
    "Sentence",
    "UndecodableFileError",
    "UnsupportedFormatError",
    "article_id_for",
    "bundled_articles_dir",
    "fetch",
    "html_to_markdown",
    "is_url",
    "load_article",
    "load_directory",
    "parse_article",
    "with_front_matter",
]
