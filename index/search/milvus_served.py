"""The served index version, in Milvus: what a question reads besides the passages collection (article
metadata, people, quotes, the passage table, the vocabulary's statistics), written by the writer after
each sync, and one pointer naming the version every node serves. A reader node needs nothing else."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from index.search.milvus_store import MilvusStore
from index.search.milvus_types import MilvusError

if TYPE_CHECKING:
    from index.store.lexical import LexicalStore
    from index.store.loaded import LoadedIndex

logger = logging.getLogger(__name__)

_CHUNK = 60_000  # base64 characters per row: below Milvus's VARCHAR limit of 65,535 bytes
_POINTER = "pointer"
# The version's files a reader reads as they are (the rest is derived from the loaded index).
_FILES = ("manifest.json", "articles.json", "people.json", "quotes.json", "quote_passages.json")
PARTS = (*_FILES, "passages.npz", "terms.json")


class ServedVersionError(MilvusError):
    """Milvus serves no complete version (none written yet, or one being replaced while it was read)."""


@dataclass(frozen=True)
class Served:
    """The pointer: which version serves, built from which articles, and each part's checksum."""

    version: str
    fingerprint: str
    checksums: dict[str, str]


def version_parts(index: LoadedIndex) -> dict[str, bytes]:
    """A written version's parts, from the writer's own files (the same bytes a local reader opens)."""
    parts = {name: (index.path / name).read_bytes() for name in _FILES}
    parts["passages.npz"] = index.passages.to_bytes(text=False)  # the text is in the passage rows
    stats = cast("LexicalStore", index.lexical).stats()
    parts["terms.json"] = json.dumps({"size": stats.size, "df": stats.df}, ensure_ascii=False).encode("utf-8")
    return parts


class ServedVersions:
    """The ``<collection>_served`` collection: rows of (version, part, chunk) and the pointer row."""

    def __init__(self, store: MilvusStore) -> None:
        self._store = store
        self._name = f"{store.config.collection}_served"
        self._exists_seen = False  # once seen, only the pointer is read (one request per question)

    def current(self) -> Served | None:
        """The version every node should serve, or None when none was published."""
        if not self._exists_seen and not self._exists():
            return None
        self._exists_seen = True
        rows = self._store.call(
            "read the served version", "query", self._name, filter=f'key == "{_POINTER}"', output_fields=["data"]
        )
        if not rows:
            return None
        data = json.loads(rows[0]["data"])
        return Served(data["version"], data["fingerprint"], data["checksums"])

    def publish(self, index: LoadedIndex) -> bool:
        """Write ``index``'s parts, then point at it, then delete every older version but the one it
        replaces (a reader still loading that one finishes). False when it already serves."""
        previous = self.current()
        if previous is not None and previous.version == index.version:
            return False
        self._ensure()
        parts = version_parts(index)
        rows: list[dict[str, Any]] = []
        for name, data in parts.items():
            encoded = base64.b64encode(zlib.compress(data, 6)).decode("ascii")
            for n, start in enumerate(range(0, max(len(encoded), 1), _CHUNK)):
                piece = encoded[start : start + _CHUNK]
                rows.append(_row(f"{index.version}/{name}/{n:06d}", index.version, name, n, piece))
        for start in range(0, len(rows), 50):
            self._store.call("write the served version", "upsert", self._name, rows[start : start + 50])
        pointer = {
            "version": index.version,
            "fingerprint": index.manifest.articles_fingerprint,
            "checksums": {name: hashlib.sha256(data).hexdigest() for name, data in parts.items()},
        }
        self._store.call(
            "switch the served version", "upsert", self._name, [_row(_POINTER, "", _POINTER, 0, json.dumps(pointer))]
        )
        keep = [index.version, previous.version] if previous else [index.version]
        stale = " and ".join([f'part != "{_POINTER}"', *(f"version != {json.dumps(v)}" for v in keep)])
        self._store.call("delete old served versions", "delete", self._name, filter=stale)
        logger.info("Milvus serves %s (%d rows)", index.version, len(rows))
        return True

    def read(self, served: Served) -> dict[str, bytes]:
        """The parts of ``served``, checked against the pointer's checksums."""
        chunks: dict[str, dict[int, str]] = {}
        for row in self._store.iterate(
            f"version == {json.dumps(served.version)}",
            ["part", "chunk", "data"],
            collection=self._name,
            action="read the served version",
            batch=200,
        ):
            chunks.setdefault(row["part"], {})[int(row["chunk"])] = row["data"]
        parts: dict[str, bytes] = {}
        for name, checksum in served.checksums.items():
            pieces = chunks.get(name, {})
            try:
                data = zlib.decompress(base64.b64decode("".join(pieces[n] for n in range(len(pieces)))))
            except (KeyError, ValueError, zlib.error) as e:
                raise ServedVersionError(f"the served version {served.version} is incomplete in Milvus ({name})") from e
            if hashlib.sha256(data).hexdigest() != checksum:
                raise ServedVersionError(f"the served version {served.version} is damaged in Milvus ({name})")
            parts[name] = data
        return parts

    def _exists(self) -> bool:
        return bool(self._store.call("list collections", "has_collection", self._name))

    def _ensure(self) -> None:
        if self._exists():
            return
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, description="summitbot served index version")
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=512)
        schema.add_field("version", DataType.VARCHAR, max_length=256)
        schema.add_field("part", DataType.VARCHAR, max_length=64)
        schema.add_field("chunk", DataType.INT64)
        schema.add_field("data", DataType.VARCHAR, max_length=65_535)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector in every collection
        params = MilvusClient.prepare_index_params()
        params.add_index("vector", index_type="FLAT", metric_type="L2")
        params.add_index("version", index_type="INVERTED")
        self._store.call(
            "create the served collection",
            "create_collection",
            self._name,
            schema=schema,
            index_params=params,
            consistency_level="Strong",
        )


def _row(key: str, version: str, part: str, chunk: int, data: str) -> dict[str, Any]:
    return {"key": key, "version": version, "part": part, "chunk": chunk, "data": data, "vector": [0.0, 0.0]}
