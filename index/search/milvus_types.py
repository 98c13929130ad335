"""What the Milvus backend speaks in: its configuration, errors, the collection's format and analyser, search filters
and scored rows, and the packing of a passage's sentence vectors into one field."""

from __future__ import annotations

import base64
import json
import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.errors import IndexMismatchError, IndexStoreError
from index.text.tokens import STOPWORDS

if TYPE_CHECKING:
    from index.encode.quantized import Int8Vectors


# Bumped whenever the collection's schema or what its fields hold changes.
MILVUS_FORMAT = 2  # 2: each passage row holds its sentence vectors; the served version's data beside it
RECREATE_HINT = "recreate it with: summitbot index build --recreate"
# "auto": HNSW where the server builds it, else (Milvus Lite) exact FLAT search.
DenseIndex = Literal["auto", "AUTOINDEX", "FLAT", "IVF_FLAT", "HNSW"]


MAX_TEXT = 65_535  # Milvus VARCHAR limit, in bytes


RRF_K = 60
_EPOCH = date(1970, 1, 1).toordinal()
UNDATED = -1


# Tokenised as the local BM25 tokenises (index/text/tokens.py): lower case, the same stop words, the English
# Snowball stemmer; and scored with bm25s's constants (k1 1.5, b 0.75), so the two rank alike.
# The standard tokenizer splits "Japan’s" into "japan" and "s"; ours drops what follows an apostrophe.
_CLITICS = ("s", "t", "d", "ll", "re", "ve", "m")
ANALYZER = {
    "tokenizer": "standard",
    "filter": [
        "lowercase",
        {"type": "stop", "stop_words": sorted(STOPWORDS | set(_CLITICS))},
        {"type": "stemmer", "language": "english"},
    ],
}


class MilvusError(IndexStoreError):
    """Milvus could not be reached or refused a request; the message names the server and the fix."""


class MilvusMismatchError(MilvusError, IndexMismatchError):
    """The collection was built with another model, dimension or format than is configured."""


@dataclass(frozen=True)
class MilvusConfig:
    """Where the collection lives: a cluster URL (http://host:19530, a managed endpoint) or a local
    ``.db`` path, which pymilvus serves with an embedded Milvus Lite."""

    uri: str
    collection: str = "summitbot_passages"
    token: str | None = field(default=None, repr=False)
    dense_index: DenseIndex = "auto"
    timeout: float = 10.0


@dataclass(frozen=True)
class SearchFilter:
    """Indexed restrictions of a search: passage keys, articles, outlet, publication dates (inclusive)."""

    keys: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    outlet: str | None = None
    published_from: date | None = None
    published_to: date | None = None

    def expression(self) -> str:
        parts = []
        if self.keys:
            parts.append(f"key in [{', '.join(_literal(k) for k in self.keys)}]")
        if self.articles:
            parts.append(f"article in [{', '.join(_literal(a) for a in self.articles)}]")
        if self.outlet is not None:
            parts.append(f"outlet == {_literal(self.outlet)}")
        if self.published_from is not None:
            parts.append(f"published >= {day_number(self.published_from)}")
        if self.published_to is not None:  # undated passages (UNDATED) are not "before" any day
            parts.append(f"published >= 0 and published <= {day_number(self.published_to)}")
        return " and ".join(parts)


@dataclass(frozen=True)
class Scored:
    """One passage of the collection with a score (inner product, BM25 or fused)."""

    key: str
    article_id: str
    ordinal: int
    content_hash: str
    score: float
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # when asked for
    sentences: str | None = field(default=None, compare=False, repr=False)  # packed, when asked for
    body: str | None = field(default=None, compare=False, repr=False)  # the passage's text, when asked for
    context: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class SyncReport:
    """What a sync changed: articles replaced (deleted, then upserted) and removed, rows written."""

    replaced: int
    removed: int
    rows: int
    seconds: float


def passage_key(article_id: str, ordinal: int) -> str:
    """The primary key: stable while the article's text is, whatever else the archive holds."""
    return f"{article_id}#{ordinal}"


def quiet_milvus_lite() -> None:
    """milvus-lite 2.5 imports pkg_resources, which warns on every start; the warning is not the user's."""
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)


def day_number(day: date) -> int:
    return day.toordinal() - _EPOCH


def _literal(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def pack_sentences(vectors: np.ndarray) -> str:
    """A passage's sentence vectors as int8 codes with per-row scales, base64 (about 520 characters per
    sentence; a passage of at most a few hundred words stays far below the field's limit)."""
    from index.encode.quantized import Int8Vectors

    packed = base64.b64encode(Int8Vectors.quantize(vectors).to_bytes()).decode("ascii")
    if len(packed) > MAX_TEXT:
        raise MilvusError(f"a passage of {len(vectors)} sentences is too long for a Milvus row")
    return packed


def unpack_sentences(packed: str, dimension: int) -> Int8Vectors:
    from index.encode.quantized import Int8Vectors

    return Int8Vectors.from_bytes(base64.b64decode(packed), dimension)
