"""Reading article files (.txt, .md) into Article models."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date, datetime
from functools import cache
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from seeds_loader.decode import decode_bytes
from seeds_loader.errors import (
    EmptyArticleError,
    FrontMatterError,
    IdCollisionError,
    LoaderError,
    UnsupportedFormatError,
)
from seeds_loader.html import html_to_markdown
from seeds_loader.lazy import LazyPattern
from seeds_loader.masthead import ENTRY_STAMP, parse_date
from seeds_loader.metadata import (
    MARKDOWN_LINK,
    Block,
    BlockKind,
    InferredMetadata,
    classify,
    complete_partial_date,
    is_metadata_line,
    opinion_section,
)
from seeds_loader.models import Article, Paragraph
from seeds_loader.sentences import split_sentences
from seeds_loader.structure import caps_label, place

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# HTML is stored and parsed as the Markdown it is turned into.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"}) | HTML_SUFFIXES
MAX_FILE_BYTES = 5 * 1024 * 1024
_FRONT_MATTER = LazyPattern(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_FRONT_MATTER_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "byline": "byline",
    "author": "byline",
    "published": "published",
    "date": "published",
    "url": "url",
    "rights": "rights",
    "copyright": "rights",
}


def article_id_for(file_name: str) -> str:
    """A stable, readable id from the file name: its stem, lower-cased, unsafe characters dashed."""
    stem = Path(file_name).stem.lower()
    return re.sub(r"[^a-z0-9_.-]+", "-", stem).strip("-") or "article"


def load_article(path: Path, *, max_bytes: int = MAX_FILE_BYTES, name: str | None = None) -> Article:
    """Read one article file; raises a LoaderError subclass naming the file and the problem. ``name`` is
    the file name the article will be stored under, when that is not the path's own."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UnsupportedFormatError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'!r}; "
            f"expected one of {', '.join(sorted(TEXT_SUFFIXES))}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoaderError(f"{path.name}: file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise LoaderError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise LoaderError(f"{path}: is a directory, not an article file") from e
    except OSError as e:
        raise LoaderError(f"{path}: cannot be read ({e.strerror})") from e
    name = name or path.name
    text = decode_bytes(data, name)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_markdown(text, name)
    return parse_article(text, name)


def parse_article(text: str, file_name: str) -> Article:
    """Build an Article from decoded text; ``file_name`` names it in errors and citations.

    ``Article.text`` is the searchable text rebuilt from the classified blocks (soft line breaks and
    Markdown markup removed, blocks separated by blank lines); every offset points into it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    markdown = Path(file_name).suffix.lower() in MARKDOWN_SUFFIXES
    overrides, body_start = _front_matter(text, file_name)
    blocks = _joined_stamps(_split_blocks(text, body_start, markdown=markdown))
    given = overrides.get("title")
    labelled, meta = classify(blocks, markdown=markdown, title=given if isinstance(given, str) else None)
    _apply_overrides(meta, overrides, file_name)
    complete_partial_date(meta)
    pieces: list[str] = []
    offset = 0
    paragraphs: list[Paragraph] = []
    captions: list[Paragraph] = []
    number = 0
    for block, placed in zip(labelled, place(labelled), strict=True):
        if not block.kind.numbered or placed.skip:
            continue
        number += 1
        block_text = clean_block(placed.text, markdown=markdown)
        if not block_text:
            continue
        if pieces:
            pieces.append(_BLOCK_SEPARATOR)
            offset += len(_BLOCK_SEPARATOR)
        paragraph = Paragraph(
            number=number,
            # A reporter's or interviewer's question: searchable, cited as such, never an answer's words.
            kind="question" if placed.asks else _PARAGRAPH_KINDS[block.kind],
            text=block_text,
            start=offset,
            end=offset + len(block_text),
            sentences=split_sentences(block_text, offset=offset),
            speaker_label=placed.label,
            day=placed.day,
            context=clean_block(placed.context, markdown=markdown) if placed.context else None,
        )
        pieces.append(block_text)
        offset += len(block_text)
        (captions if block.kind is BlockKind.CAPTION else paragraphs).append(paragraph)
    if not any(p.kind == "body" for p in paragraphs):
        raise EmptyArticleError(f"{file_name}: no article text found (only headings, captions or notices)")
    paragraphs = _dated_entries(paragraphs, meta.published)
    return Article(
        id=article_id_for(file_name),
        file=file_name,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.title,
        outlet=meta.outlet,
        byline=meta.byline,
        published=meta.published,
        published_partial=meta.published_partial,
        url=meta.url,
        rights=meta.rights,
        interview=meta.interview,
        # ... an opinion piece by its section, or a headline that says so ("Opinion: Nara proved ...").
        opinion=meta.opinion or bool(meta.title and opinion_section(meta.title.split(":")[0])),
        captions=tuple(captions),
        text="".join(pieces),
        paragraphs=tuple(paragraphs),
    )


MIN_ENTRIES = 2  # stamped paragraphs that make a live blog (one paragraph opening with a time does not)


def _dated_entries(paragraphs: list[Paragraph], published: date | None) -> list[Paragraph]:
    """A live blog that prints no day headings: its stamped entries are on the day it is dated."""
    stamped = [p.day is None and bool(ENTRY_STAMP.match(p.text)) for p in paragraphs]
    if published is None or sum(stamped) < MIN_ENTRIES:
        return paragraphs
    return [p.model_copy(update={"day": published}) if s else p for p, s in zip(paragraphs, stamped, strict=True)]


_BLOCK_SEPARATOR = "\n\n"
_PARAGRAPH_KINDS = {
    BlockKind.BODY: "body",
    BlockKind.CAPTION: "caption",
    BlockKind.CORRECTION: "correction",
    BlockKind.UPDATE: "update",
}
_MD_HEADING = LazyPattern(r"^#{1,6}\s+")
_MD_QUOTE = LazyPattern(r"^>\s?", re.M)
_MD_IMAGE = LazyPattern(r"!\[[^\]]*\]\([^)]*\)")
_MD_STRONG = LazyPattern(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = LazyPattern(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def clean_block(text: str, *, markdown: bool) -> str:
    """A block as a reader sees it: one line, single spaces, and no Markdown markup in Markdown files."""
    if markdown:
        text = _MD_QUOTE.sub("", _MD_HEADING.sub("", text.strip()))
        text = MARKDOWN_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
        text = _MD_EMPHASIS.sub(r"\2", _MD_STRONG.sub(r"\2", text))
    return " ".join(text.split())


@cache
def _no_alias_loader() -> type:
    """YAML without anchors and aliases: front matter needs none, and aliases can expand exponentially.
    (PyYAML is imported on the first front matter read, not by every command that imports the loader.)"""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.AliasEvent):
                raise FrontMatterError("front matter may not use YAML aliases")
            return super().compose_node(parent, index)

    return NoAliasLoader


MAX_FRONT_MATTER = 16 * 1024
# Longest value each field may have; a longer one is a damaged or hostile file, not metadata.
_SECTION_KEYS = frozenset({"section", "category", "genre", "type"})
_FIELD_LIMITS = {"title": 500, "outlet": 200, "byline": 500, "url": 2048, "rights": 2000}


def _front_matter(text: str, file_name: str) -> tuple[dict[str, Any], int]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, 0
    if len(match.group(1)) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"{file_name}: front matter is over {MAX_FRONT_MATTER:,} characters")
    import yaml

    try:
        data = yaml.load(match.group(1), Loader=_no_alias_loader()) or {}
    except FrontMatterError as e:
        raise FrontMatterError(f"{file_name}: {e}") from e
    except yaml.YAMLError as e:
        raise FrontMatterError(f"{file_name}: front matter is not valid YAML ({e.__class__.__name__})") from e
    if not isinstance(data, dict):
        raise FrontMatterError(f"{file_name}: front matter must be a mapping of keys to values")
    return data, match.end()


def _apply_overrides(meta: InferredMetadata, data: dict[str, Any], file_name: str) -> None:
    for key, value in data.items():
        if str(key).lower() in _SECTION_KEYS and isinstance(value, str):
            # "section: Opinion" (as an HTML page's title gives it, or a CMS export): an opinion piece.
            meta.opinion = meta.opinion or opinion_section(value)
            continue
        field = _FRONT_MATTER_KEYS.get(str(key).lower())
        if field is None or value is None:
            continue
        if field == "published":
            if isinstance(value, datetime):
                value = value.date()  # an unquoted timestamp, which YAML reads as a datetime
            published = value if isinstance(value, date) else parse_date(str(value))
            if published is None:
                raise FrontMatterError(f"{file_name}: front matter {key}: {value!r} is not a date (use YYYY-MM-DD)")
            meta.published = published
        else:
            # A list ("author: [Mina Cho, Daniel Okafor]") is its items, as a byline prints them.
            value = ", ".join(map(str, value)) if isinstance(value, list) else str(value).strip()
            if len(value) > _FIELD_LIMITS[field]:
                raise FrontMatterError(
                    f"{file_name}: front matter {key} is {len(value):,} characters (at most {_FIELD_LIMITS[field]:,})"
                )
            setattr(meta, field, value)


def _split_blocks(text: str, start: int, *, markdown: bool = False) -> list[Block]:
    """Blocks are lines in one-paragraph-per-line copy; in hard-wrapped copy, runs of lines separated by
    blank lines or an indented first line, with bylines, date lines and trailers on their own."""
    lines: list[tuple[int, int]] = []
    pos = start
    for line in text[start:].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    if not nonblank:
        return []
    wrapped = _looks_wrapped(text, lines)
    blocks: list[Block] = []
    current: list[tuple[int, int]] = []
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            _close(blocks, text, current)
            current = []
        elif wrapped and not _stands_alone(line, markdown):
            if current and line[:1].isspace() and not text[current[-1][0] : current[-1][1]][:1].isspace():
                _close(blocks, text, current)  # an indented first line opens a paragraph
                current = []
            elif current and _LISTED.match(line):
                _close(blocks, text, current)  # ... and so does a list's item (its wrapped lines go on with it)
                current = []
            current.append((s, e))
        else:
            _close(blocks, text, current)
            current = []
            _close(blocks, text, [(s, e)])
    _close(blocks, text, current)
    return blocks


# A live entry's stamp on a line of its own: "Posted 7:10 p.m.", "Updated 10:20 p.m. JST", "11:05".
_STAMP_ALONE = LazyPattern(
    r"^(?:(?:Posted|Updated|Published|Last updated|UPDATED?)(?:\sat)?\s)?\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?"
    r"(?:\s?(?:JST|KST|GMT|UTC|BST|CET|EST|EDT|ET|PST|PDT|PT))?$",
    re.I,
)


def _joined_stamps(blocks: list[Block]) -> list[Block]:
    """A live entry's stamp printed on a line of its own opens the paragraph under it ("Posted 7:10 p.m." /
    "The show opened ..." is one entry, "Posted 7:10 p.m. — The show opened ..."), as "7:10 p.m. — ..." on one
    line is: its time, its label ("Updated") and its paragraph stay together."""
    out: list[Block] = []
    for block in blocks:
        if out and _STAMP_ALONE.match(out[-1].text.strip()) and not _STAMP_ALONE.match(block.text.strip()):
            stamp = out.pop()
            block = Block(f"{stamp.text.strip()} — {block.text.strip()}", stamp.start, block.end)
        out.append(block)
    return out


def _stands_alone(line: str, markdown: bool) -> bool:
    """Lines that are blocks of their own even in wrapped copy: metadata, and Markdown block syntax."""
    stripped = line.strip()
    return (
        is_metadata_line(stripped)
        or (markdown and stripped.startswith(("#", "![", "---", "***")))
        or caps_label(stripped) is not None  # a transcript's speaker over the lines of the turn
    )


def _looks_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped copy: most lines run on into the next; or, where paragraphs are short (two or three lines
    each, so that as many lines end a paragraph as run on), the lines that run on break sentences ("Kihara
    Minoru said" / "on Friday that ..."), which one paragraph per line never does."""
    lengths = [e - s for s, e in lines if text[s:e].strip()]
    runs = [
        (text[s1:e1].rstrip(), text[s2:e2].lstrip())
        for (s1, e1), (s2, e2) in pairwise(lines)
        if text[s1:e1].strip() and text[s2:e2].strip()
    ]
    broken = sum(
        1
        for a, b in runs
        if not _LISTED.match(a) and not _LISTED.match(b) and (not a.endswith(_SENTENCE_ENDS) or b[:1].islower())
    )
    return median(lengths) < 100 and (len(runs) > len(lengths) / 2 or (len(runs) >= 2 and broken > len(runs) / 2))


_SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "’", ")")
# A table row or a list item runs into the next line by its syntax, not by wrapping.
_LISTED = LazyPattern(r"^\s*(?:\||[-*+•]\s|\d{1,2}[.)]\s)")


def _close(blocks: list[Block], text: str, lines: list[tuple[int, int]]) -> None:
    if not lines:
        return
    s, e = lines[0][0], lines[-1][1]
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        blocks.append(Block(text[s:e], s, e))


def load_directory(directory: Path, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[list[Article], list[LoaderError]]:
    """Load every article file in ``directory`` (sorted by name); unreadable ones are returned as errors."""
    if not directory.is_dir():
        raise LoaderError(f"{directory}: articles directory does not exist")
    articles: list[Article] = []
    errors: list[LoaderError] = []
    owners: dict[str, str] = {}
    for path in sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() not in TEXT_SUFFIXES:
            logger.debug("skipping %s: not an article file type", path.name)
            continue
        try:
            article = load_article(path, max_bytes=max_bytes)
            if (owner := owners.get(article.id)) is not None:
                # Two names that fold alike ("Report 2026.txt", "report-2026.md"): the first keeps the id.
                raise IdCollisionError(
                    f"{path.name}: its article id {article.id!r} is already used by {owner}; "
                    "rename one of the two files"
                )
            owners[article.id] = path.name
            articles.append(article)
        except LoaderError as e:
            logger.warning("%s", e)
            errors.append(e)
    return articles, errors
