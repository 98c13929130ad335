"""The passage collection on Milvus: schema, build metadata check, article-level sync, and searches."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from index.errors import IndexStoreError
from index.search.milvus_types import (
    ANALYZER,
    MAX_TEXT,
    MILVUS_FORMAT,
    RECREATE_HINT,
    RRF_K,
    UNDATED,
    MilvusConfig,
    MilvusError,
    MilvusMismatchError,
    Scored,
    SearchFilter,
    SyncReport,
    day_number,
    pack_sentences,
    passage_key,
    quiet_milvus_lite,
)
from index.store.passages import lexical_text
from index.text.tokens import tokenize

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from index.store.loaded import LoadedIndex


logger = logging.getLogger(__name__)


_BATCH = 1_000


A = TypeVar("A")
B = TypeVar("B")


class MilvusStore:
    """The passages of one LoadedIndex, mirrored into a Milvus collection and searched there."""

    _OUTPUT = ("article", "ordinal", "content_hash")
    _STORED = ("dense", "sentences", "body", "context")  # what a reader node scores and shows a passage with

    def __init__(self, config: MilvusConfig, client: Any) -> None:
        self._config = config
        self._client = client
        self._name = config.collection
        self._meta = f"{config.collection}_meta"
        self._pool: Executor | None = None
        self._pool_lock = threading.Lock()
        self._dense_kind: str | None = None

    @classmethod
    def connect(cls, config: MilvusConfig) -> MilvusStore:
        try:
            from pymilvus import MilvusClient
        except ImportError as e:
            raise MilvusError(
                "SUMMITBOT_SEARCH_BACKEND=milvus needs pymilvus; install it with: pip install -e '.[milvus]'"
            ) from e
        # pymilvus logs every failed attempt of a retried request with its gRPC traceback, and a harmless
        # fallback (client-side timestamps) on every full read; our error names what failed, once.
        logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
        quiet_milvus_lite()
        # A server that is starting, or that drops a new channel (gRPC "too many pings"), is tried
        # again until the timeout runs out.
        if "://" not in config.uri:  # an embedded Milvus Lite file: its folder may not exist yet
            try:
                Path(config.uri).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise MilvusError(f"cannot create the folder of {config.uri} ({e.strerror or e})") from e
        deadline = time.monotonic() + config.timeout
        while True:
            try:
                client = MilvusClient(uri=config.uri, token=config.token or "", timeout=config.timeout)
                return cls(config, client)
            except Exception as e:  # pymilvus raises its own and gRPC's errors for an unreachable server
                if time.monotonic() + 0.5 > deadline or "://" not in config.uri:
                    reason = _reason(e)
                    raise MilvusError(
                        f"cannot reach Milvus at {config.uri} ({reason}); check SUMMITBOT_MILVUS_URI"
                    ) from e
                time.sleep(0.5)

    @property
    def config(self) -> MilvusConfig:
        return self._config

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False)
        self._client.close()

    # -- build metadata -------------------------------------------------------------------------------

    def metadata(self) -> dict[str, Any] | None:
        """The collection's build metadata, or None when there is no collection yet."""
        if not self._call("list collections", self._client.has_collection, self._name):
            return None
        if not self._call("list collections", self._client.has_collection, self._meta):
            raise MilvusMismatchError(
                f"the Milvus collection {self._name!r} has no summitbot metadata ({self._meta!r}); {RECREATE_HINT}"
            )
        rows = self._call(
            "read metadata", self._client.query, self._meta, filter='key == "build"', output_fields=["value"]
        )
        return json.loads(rows[0]["value"]) if rows else {}

    def check(self, model: str, dimension: int) -> dict[str, Any] | None:
        """Refuse a collection built with another model, dimension or format, naming the fix."""
        meta = self.metadata()
        if meta is None:
            return None
        expected = {"format": MILVUS_FORMAT, "model": model, "dimension": dimension}
        found = {k: meta.get(k) for k in expected}
        if found != expected:
            raise MilvusMismatchError(
                f"the Milvus collection {self._name!r} was built with model {found['model']!r}, dimension "
                f"{found['dimension']}, format {found['format']}; this summitbot uses model {model!r}, dimension "
                f"{dimension}, format {MILVUS_FORMAT}; {RECREATE_HINT}"
            )
        return meta

    def _write_metadata(self, meta: dict[str, Any]) -> None:
        row = {"key": "build", "value": json.dumps(meta), "vector": [0.0, 0.0]}
        self._call("write metadata", self._client.upsert, self._meta, [row])

    def create(self, model: str, dimension: int, *, recreate: bool = False, avgdl: float = 40.0) -> dict[str, Any]:
        """Create the collection (dropping an existing one when ``recreate``) with its indexes, and return
        its build metadata (an existing collection's, checked, when not ``recreate``); ``avgdl`` is the
        mean passage length in tokens, for a server that does not keep it itself (Milvus Lite)."""
        from pymilvus import DataType, Function, FunctionType

        client = self._client
        if recreate:
            self.drop()
        elif (existing := self.check(model, dimension)) is not None:
            return existing
        schema = client.create_schema(auto_id=False, description="summitbot passages")
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=1024)
        schema.add_field("article", DataType.VARCHAR, max_length=512)
        schema.add_field("ordinal", DataType.INT64)
        schema.add_field("content_hash", DataType.VARCHAR, max_length=128)
        schema.add_field("passages", DataType.INT64)  # the article's passage count (on ordinal 0)
        schema.add_field("paragraph", DataType.INT64)
        schema.add_field("kind", DataType.VARCHAR, max_length=32)
        schema.add_field("published", DataType.INT64)  # days since 1970-01-01, UNDATED when unknown
        schema.add_field("outlet", DataType.VARCHAR, max_length=256)
        schema.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT, enable_analyzer=True, analyzer_params=ANALYZER)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dimension)
        # The passage's sentence vectors (int8 codes and scales, base64), its own text and its context (a
        # reporter's question, a table's header): read with a hit by nodes that keep no passage table.
        schema.add_field("sentences", DataType.VARCHAR, max_length=MAX_TEXT)
        schema.add_field("body", DataType.VARCHAR, max_length=MAX_TEXT)
        schema.add_field("context", DataType.VARCHAR, max_length=MAX_TEXT)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            Function(
                name="bm25", function_type=FunctionType.BM25, input_field_names=["text"], output_field_names=["sparse"]
            )
        )
        kinds = ["HNSW", "FLAT"] if self._config.dense_index == "auto" else [self._config.dense_index]
        for kind in kinds:
            try:
                self._create_passages(schema, kind, avgdl)
                break
            except MilvusError as e:
                if kind == kinds[-1]:
                    raise
                # Milvus Lite serves FLAT, IVF_FLAT and AUTOINDEX only; exact search is its best recall.
                logger.info("Milvus refused a %s index (%s); using %s", kind, e, kinds[-1])
                if self._call("list collections", client.has_collection, self._name):
                    self._call("drop the collection", client.drop_collection, self._name)  # made, unindexed
        meta_schema = client.create_schema(auto_id=False, description="summitbot build metadata")
        meta_schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=64)
        meta_schema.add_field("value", DataType.VARCHAR, max_length=MAX_TEXT)
        meta_schema.add_field("vector", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector in every collection
        meta_params = client.prepare_index_params()
        meta_params.add_index("vector", index_type="FLAT", metric_type="L2")
        self._call(
            "create the collection",
            client.create_collection,
            self._meta,
            schema=meta_schema,
            index_params=meta_params,
            consistency_level="Strong",
        )
        meta = {"format": MILVUS_FORMAT, "model": model, "dimension": dimension, "fingerprint": None}
        self._write_metadata(meta)
        return meta

    def _create_passages(self, schema: Any, kind: str, avgdl: float) -> None:
        client = self._client
        params = client.prepare_index_params()
        # Index parameters nested under "params": some servers ignore them at the top level.
        params.add_index("dense", index_type=kind, metric_type="IP", params=_DENSE_BUILD.get(kind, {}))
        params.add_index(
            "sparse",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"bm25_k1": 1.5, "bm25_b": 0.75, "bm25_avgdl": round(avgdl, 2)},
        )
        for name in ("article", "ordinal", "published", "outlet"):
            params.add_index(name, index_type="INVERTED")
        # Strong consistency: a search right after an add sees it, and a replaced article has no twin.
        self._call(
            "create the collection",
            client.create_collection,
            self._name,
            schema=schema,
            index_params=params,
            consistency_level="Strong",
        )

    def drop(self) -> None:
        """Remove the collection, its metadata and its served versions."""
        for name in (self._name, self._meta, f"{self._name}_served"):
            if self._call("list collections", self._client.has_collection, name):
                self._call("drop the collection", self._client.drop_collection, name)

    def _search_params(self) -> dict[str, int]:
        """The search effort for the collection's dense index (read once from the server)."""
        if self._dense_kind is None:
            self._dense_kind = str(self.describe_dense_index().get("index_type", ""))
        return _DENSE_SEARCH.get(self._dense_kind, {})

    def describe_dense_index(self) -> dict[str, Any]:
        return dict(self._call("describe the index", self._client.describe_index, self._name, "dense"))

    # -- writing --------------------------------------------------------------------------------------

    def sync(self, index: LoadedIndex, vectors: np.ndarray, *, recreate: bool = False) -> SyncReport:
        """Make the collection hold exactly the index's passages: every article whose text changed is
        deleted by article id and upserted again; articles gone from the index are deleted. Re-running
        after an interruption converges (an article's first row is written last, so a half-written
        article never looks complete), and the fingerprint is recorded only when all is written."""
        started = time.perf_counter()
        model, dimension = index.manifest.model, int(vectors.shape[1])
        # The metadata is read once; the text is measured only when a collection is to be made.
        meta = None if recreate else self.check(model, dimension)
        if meta is None:
            meta = self.create(model, dimension, recreate=recreate, avgdl=_mean_length(index))
        # The recorded fingerprint alone is not trusted: rows deleted behind the bot's back leave it in
        # place. One count says whether the collection still holds every passage; if not, each article's
        # rows are counted and what is missing is written again.
        if meta.get("fingerprint") == index.manifest.articles_fingerprint and self.count() == len(index.passages):
            return SyncReport(0, 0, 0, time.perf_counter() - started)
        present = self._articles_present()
        changed = [
            a
            for a in index.articles.values()
            if present.get(a.id) != (a.content_hash, len(index.passages.of_article(a.id)))
        ]
        gone = [a for a in present if a not in index.articles]
        for chunk in _chunks([*[a.id for a in changed], *gone], 200):
            self._call(
                "delete passages",
                self._client.delete,
                self._name,
                filter=SearchFilter(articles=tuple(chunk)).expression(),
            )
        rows = list(self._rows(index, vectors, [a.id for a in changed]))
        # Every article's later rows before any first row: its first row marks it complete.
        rows.sort(key=lambda r: r["ordinal"] == 0)
        for chunk in _chunks(rows, _BATCH):
            self._call("write passages", self._client.upsert, self._name, chunk)
        self._write_metadata({**meta, "fingerprint": index.manifest.articles_fingerprint})
        report = SyncReport(len(changed), len(gone), len(rows), time.perf_counter() - started)
        logger.info("milvus sync of %s: %s", self._name, report)
        return report

    def _articles_present(self) -> dict[str, tuple[str, int]]:
        """Each complete article in the collection: its content hash and passage count, as its first row
        records them and only when that many rows of it are there (a lost row makes it incomplete)."""
        found: dict[str, tuple[str, int]] = {}
        rows: Counter[str] = Counter()
        for row in self.iterate("ordinal == 0", ["article", "content_hash", "passages"]):
            found[row["article"]] = (row["content_hash"], int(row["passages"]))
        for row in self.iterate("ordinal >= 0", ["article"]):
            rows[row["article"]] += 1
        return {article: seen for article, seen in found.items() if rows[article] == seen[1]}

    def iterate(
        self,
        where: str,
        fields: list[str],
        *,
        collection: str | None = None,
        action: str = "read articles",
        batch: int = 4000,
    ) -> Iterator[dict[str, Any]]:
        """Every row of the collection (this store's, unless named) matching ``where``, a batch at a time."""
        iterator = self._call(
            action, self._client.query_iterator, collection or self._name, batch_size=batch, filter=where,
            output_fields=fields,
        )  # fmt: skip
        try:
            while rows := self._call(action, iterator.next):
                yield from rows
        finally:
            iterator.close()

    @staticmethod
    def _rows(index: LoadedIndex, vectors: np.ndarray, article_ids: list[str]) -> Iterator[dict[str, Any]]:
        for article_id in article_ids:
            meta = index.articles[article_id]
            ids = index.passages.of_article(article_id)
            for ordinal, pid in enumerate(ids):
                passage = index.passages[pid]
                yield {
                    "key": passage_key(article_id, ordinal),
                    "article": article_id,
                    "ordinal": ordinal,
                    "content_hash": meta.content_hash,
                    "passages": len(ids),
                    "paragraph": passage.paragraph,
                    "kind": passage.kind,
                    "published": day_number(meta.published) if meta.published else UNDATED,
                    "outlet": (meta.outlet or "")[:256],
                    "text": _clip(lexical_text(passage, meta)),
                    "dense": vectors[pid].astype(np.float32).tolist(),
                    "sentences": pack_sentences(index.sentence_rows(passage)),
                    "body": _clip(passage.text),
                    "context": _clip(passage.context),
                }

    def count(self, where: SearchFilter | None = None) -> int:
        expression = where.expression() if where else ""
        rows = self._call(
            "count", self._client.query, self._name, filter=expression or "ordinal >= 0", output_fields=["count(*)"]
        )
        return int(rows[0]["count(*)"])

    def texts(self, where: SearchFilter) -> list[str]:
        rows = self._call(
            "read passages", self._client.query, self._name, filter=where.expression(), output_fields=["text"]
        )
        return [r["text"] for r in rows]

    # -- searching ------------------------------------------------------------------------------------

    def dense(
        self, vector: np.ndarray, limit: int, where: SearchFilter | None = None, *, vectors: bool = False
    ) -> list[Scored]:
        """Passages by inner product with ``vector`` (cosine: vectors are normalised), best first; with
        ``vectors``, each with its passage and sentence vectors (a reader node keeps none itself)."""
        search = {"metric_type": "IP", "params": self._search_params()}
        return self._search([np.asarray(vector, np.float32).tolist()], "dense", search, limit, where, vectors=vectors)

    def bm25(self, query: str, limit: int, where: SearchFilter | None = None, *, vectors: bool = False) -> list[Scored]:
        """Passages by Milvus's BM25 (tokenised as the local BM25 tokenises), best first; with
        ``vectors``, each with its passage and sentence vectors (what scoring it by the other signals needs)."""
        return self._search([query], "sparse", {"metric_type": "BM25"}, limit, where, vectors=vectors)

    def hybrid(
        self, query: str, vector: np.ndarray, limit: int, *, where: SearchFilter | None = None, pool: int = 50
    ) -> list[Scored]:
        """Dense and BM25 in one request, fused by Milvus with reciprocal rank fusion (k = 60). Weighted
        fusion is not offered: Milvus Lite 2.5 orders BM25 scores backwards inside it."""
        from pymilvus import AnnSearchRequest, RRFRanker

        expression = where.expression() if where else ""
        requests = [
            AnnSearchRequest(
                data=[np.asarray(vector, np.float32).tolist()],
                anns_field="dense",
                param={"metric_type": "IP", "params": self._search_params()},
                limit=max(pool, limit),
                expr=expression or None,
            ),
            AnnSearchRequest(
                data=[query],
                anns_field="sparse",
                param={"metric_type": "BM25"},
                limit=max(pool, limit),
                expr=expression or None,
            ),
        ]
        result = self._call(
            "search",
            self._client.hybrid_search,
            self._name,
            requests,
            RRFRanker(RRF_K),
            limit=limit,
            output_fields=list(self._OUTPUT),
        )
        return [_scored(hit) for hit in result[0]]

    def vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored passage vectors of ``keys`` (exact scoring of a given set, whatever the index type)."""
        found: dict[str, np.ndarray] = {}
        for chunk in _chunks(list(keys), _BATCH):
            for row in self._call(
                "read vectors", self._client.get, self._name, ids=list(chunk), output_fields=["dense"]
            ):
                found[str(row["key"])] = np.asarray(row["dense"], dtype=np.float32)
        return found

    def stored(self, keys: Sequence[str]) -> dict[str, Scored]:
        """The rows of ``keys`` with their content hash, passage vector and packed sentence vectors (what a
        reader node scores a given passage with); a key not in the collection is absent."""
        found: dict[str, Scored] = {}
        fields = [*self._OUTPUT, *self._STORED]
        for chunk in _chunks(list(keys), _BATCH):
            for row in self._call("read vectors", self._client.get, self._name, ids=list(chunk), output_fields=fields):
                found[str(row["key"])] = _scored({"id": row["key"], "distance": 0.0, "entity": row})
        return found

    def call(self, action: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """A client request with this store's timeout and error (for the served-version records)."""
        return self._call(action, getattr(self._client, method), *args, **kwargs)

    def both(self, first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
        """Two requests at once (each waits mostly on the server)."""
        with self._pool_lock:  # chat front ends answer from several threads at once
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="milvus")
        a, b = self._pool.submit(first), self._pool.submit(second)
        return a.result(), b.result()

    def _search(
        self,
        data: list[Any],
        field: str,
        params: dict[str, Any],
        limit: int,
        where: SearchFilter | None,
        *,
        vectors: bool = False,
    ) -> list[Scored]:
        if limit <= 0:
            return []
        expression = where.expression() if where else ""
        result = self._call(
            "search",
            self._client.search,
            self._name,
            data=data,
            anns_field=field,
            limit=limit,
            filter=expression,
            search_params=params,
            output_fields=[*self._OUTPUT, *self._STORED] if vectors else list(self._OUTPUT),
        )
        return [_scored(hit) for hit in result[0]]

    def _call(self, action: str, method: Any, *args: Any, **kwargs: Any) -> Any:
        # A bounded wait: pymilvus retries a failing request until its timeout runs out.
        if getattr(method, "__self__", None) is self._client:
            kwargs.setdefault("timeout", self._config.timeout)
        try:
            return method(*args, **kwargs)
        except IndexStoreError:
            raise
        except Exception as e:  # pymilvus and gRPC errors: one message naming the server and what failed
            raise MilvusError(f"Milvus at {self._config.uri} failed to {action} ({_reason(e)})") from e


def _scored(hit: dict[str, Any]) -> Scored:
    entity = hit.get("entity", {})
    return Scored(
        key=str(hit["id"]),
        article_id=entity["article"],
        ordinal=int(entity["ordinal"]),
        content_hash=entity["content_hash"],
        score=float(hit["distance"]),
        vector=np.asarray(entity["dense"], dtype=np.float32) if "dense" in entity else None,
        sentences=entity.get("sentences"),
        body=entity.get("body"),
        context=entity.get("context"),
    )


def _mean_length(index: LoadedIndex, sample: int = 2000) -> float:
    """Mean token count of the indexed text, from an even sample of the passages."""
    n = len(index.passages)
    if n == 0:
        return 40.0
    ids = np.linspace(0, n - 1, num=min(n, sample), dtype=np.int64)
    lengths = [
        len(tokenize(lexical_text(p, index.articles[p.article_id])))
        for p in (index.passages[int(i)] for i in np.unique(ids))
    ]
    return max(1.0, float(np.mean(lengths)))


_DENSE_BUILD = {"HNSW": {"M": 16, "efConstruction": 200}, "IVF_FLAT": {"nlist": 1024}}
_DENSE_SEARCH = {"HNSW": {"ef": 128}, "IVF_FLAT": {"nprobe": 32}}


def _clip(text: str) -> str:
    encoded = text.encode("utf-8")
    return text if len(encoded) <= MAX_TEXT else encoded[:MAX_TEXT].decode("utf-8", "ignore")


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _reason(error: BaseException) -> str:
    message = getattr(error, "message", None) or str(error) or error.__class__.__name__
    return " ".join(str(message).split())[:200]
