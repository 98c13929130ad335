"""Queries encoded without torch: a sentence-transformers model exported once to ONNX, run with onnxruntime
and the `tokenizers` package, pooled and normalised as the model's own configuration says."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.checksum import file_sha256
from index.encode.onnx_session import MODEL_FILE, take_session
from index.errors import EmbedderError

logger = logging.getLogger(__name__)

# 2: the export records a checksum of every file it holds (model and tokenizer), checked once per change.
EXPORT_FORMAT = 2
BULK_TORCH_FROM = 2500  # texts; see OnnxEmbedder.for_bulk
_META_FILE = "export.json"
_VERIFIED_FILE = "verified.json"
_EXPORT_FILES = (MODEL_FILE, "tokenizer.json")
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class ModelConfig:
    """What sentence-transformers does after the transformer: read from the model directory."""

    max_length: int
    pooling: str  # "mean", "cls" or "max"
    normalize: bool
    dimension: int

    @classmethod
    def read(cls, model_dir: Path) -> ModelConfig:
        try:
            modules = json.loads((model_dir / "modules.json").read_text("utf-8"))
            types = [m["type"].rsplit(".", 1)[-1] for m in modules]
            pooling_dir = next(model_dir / m["path"] for m in modules if m["type"].endswith("Pooling"))
            pooling = json.loads((pooling_dir / "config.json").read_text("utf-8"))
            bert = json.loads((model_dir / "sentence_bert_config.json").read_text("utf-8"))
        except (OSError, ValueError, KeyError, StopIteration) as e:
            raise EmbedderError(f"{model_dir} is not a sentence-transformers model directory") from e
        if set(types) - {"Transformer", "Pooling", "Normalize"}:
            raise EmbedderError(f"{model_dir} has modules beyond transformer, pooling and normalisation: {types}")
        modes = [k for k in ("cls_token", "mean_tokens", "max_tokens") if pooling.get(f"pooling_mode_{k}")]
        if len(modes) != 1:
            raise EmbedderError(f"{model_dir} uses a pooling this encoder does not implement: {pooling}")
        return cls(
            max_length=int(bert.get("max_seq_length", 256)),
            pooling={"cls_token": "cls", "mean_tokens": "mean", "max_tokens": "max"}[modes[0]],
            normalize="Normalize" in types,
            dimension=int(pooling["word_embedding_dimension"]),
        )


def weights_checksum(model_dir: Path) -> str:
    """A digest of the source model's weights and configuration, so a changed model is exported again."""
    digest = hashlib.sha256()
    for name in (*_WEIGHTS, "config.json", "tokenizer.json", "modules.json"):
        path = model_dir / name
        if path.is_file():
            digest.update(name.encode())
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def export(model_dir: Path, target: Path, model_name: str) -> Path:
    """Export the model's transformer to ONNX in ``target`` (atomically: a temporary directory renamed
    into place), with its tokenizer and an export record (source name, weights checksum). Needs torch."""
    import torch
    from transformers import AutoModel

    config = ModelConfig.read(model_dir)
    if not (model_dir / "tokenizer.json").is_file():
        raise EmbedderError(f"{model_dir} has no tokenizer.json (a fast tokenizer is needed)")
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)

    class _Hidden(torch.nn.Module):
        """The transformer's token states, called by keyword (positional order differs between versions)."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    model = _Hidden(AutoModel.from_pretrained(str(model_dir)).eval()).eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    inputs = (ids, torch.ones_like(ids), torch.zeros_like(ids))
    axes = {0: "batch", 1: "tokens"}
    # The tracer's warnings are about code paths the export does not take; they are not the user's concern.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            inputs,
            str(staging / MODEL_FILE),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
            opset_version=17,
            dynamo=False,
        )
    shutil.copy2(model_dir / "tokenizer.json", staging / "tokenizer.json")
    record = {
        "format": EXPORT_FORMAT,
        "model": model_name,
        "source": str(model_dir),
        "weights_sha256": weights_checksum(model_dir),
        "onnx_sha256": file_sha256(staging / MODEL_FILE),
        "onnx_size": (staging / MODEL_FILE).stat().st_size,
        "files_sha256": {name: file_sha256(staging / name) for name in _EXPORT_FILES},
        "source_stat": _source_stat(model_dir),
        "max_length": config.max_length,
        "pooling": config.pooling,
        "normalize": config.normalize,
        "dimension": config.dimension,
    }
    (staging / _META_FILE).write_text(json.dumps(record, indent=1), "utf-8")
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staging, target)
    _write_verified(target)  # just hashed: the files as they now stand need no second read
    logger.info("exported %s to ONNX at %s", model_name, target)
    return target


def usable_export(target: Path, model_dir: Path) -> bool:
    """True when ``target`` holds a complete, undamaged export of the model now in ``model_dir``. Cheap,
    for every start: the source files' sizes and modification times are compared with the record, and
    the export's own files are hashed only when their size or modification time changed since they were
    last verified (once per change: bytes overwritten in place give garbage vectors, not an error)."""
    record = _record(target)
    if record is None:
        return False
    if record.get("format") != EXPORT_FORMAT or record.get("source_stat") != _source_stat(model_dir):
        return False
    if record.get("onnx_size") != _size(target / MODEL_FILE):
        return False
    if _read_json(target / _VERIFIED_FILE) == _export_stat(target):
        return True
    if not _files_intact(target, record):
        logger.warning("the ONNX export at %s is damaged (its checksum does not match); exporting it again", target)
        return False
    _write_verified(target)
    return True


def verify_export(target: Path, model_dir: Path) -> bool:
    """The thorough check: the source weights and every exported file match their recorded checksums."""
    record = _record(target)
    if record is None or record.get("format") != EXPORT_FORMAT:
        return False
    return record.get("weights_sha256") == weights_checksum(model_dir) and _files_intact(target, record)


def _record(target: Path) -> dict | None:
    record = _read_json(target / _META_FILE)
    return record if isinstance(record, dict) else None


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _files_intact(target: Path, record: dict) -> bool:
    expected = record.get("files_sha256")
    if not isinstance(expected, dict) or set(expected) != set(_EXPORT_FILES):
        return False
    try:
        return all(file_sha256(target / name) == digest for name, digest in expected.items())
    except OSError:
        return False


def _export_stat(target: Path) -> dict[str, list[int]] | None:
    try:
        return {name: [(st := (target / name).stat()).st_size, st.st_mtime_ns] for name in _EXPORT_FILES}
    except OSError:
        return None


def _write_verified(target: Path) -> None:
    """Record the sizes and modification times the export's files had when their checksums matched."""
    stamp = _export_stat(target)
    if stamp is None:
        return
    tmp = target / f".{_VERIFIED_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(stamp), "utf-8")
        os.replace(tmp, target / _VERIFIED_FILE)
    except OSError:  # a read-only cache: the check is repeated next time, nothing worse
        tmp.unlink(missing_ok=True)


def _source_stat(model_dir: Path) -> dict[str, list[int]]:
    stats = {}
    for name in (*_WEIGHTS, "config.json", "tokenizer.json", "modules.json"):
        path = model_dir / name
        if path.is_file():
            st = path.stat()
            stats[name] = [st.st_size, st.st_mtime_ns]
    return stats


class OnnxEmbedder:
    """The same vectors as sentence-transformers (cosine ≥ 0.999), from an export made by ``export``."""

    def __init__(self, export_path: Path, name: str, *, batch_size: int = 64) -> None:
        try:
            record = json.loads((export_path / _META_FILE).read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise EmbedderError(f"no usable ONNX export at {export_path}") from e
        self.name = name
        self.dimension = int(record["dimension"])
        self._path = export_path
        self._max_length = int(record["max_length"])
        self._pooling = str(record["pooling"])
        self._normalize = bool(record["normalize"])
        self._batch_size = batch_size
        self._session = None
        self._tokenizer = None
        self._loading = threading.Lock()
        self._source = str(record.get("model", name))
        self._bulk: object | None = None
        self._warming: threading.Thread | None = None

    def for_bulk(self, texts: int) -> object:
        """The encoder for a build of ``texts`` texts: batched, sentence-transformers encodes passages about
        a fifth faster here, which repays importing torch (about 5 s) from some 2,500 texts on; below
        that, or without torch, this one."""
        if texts < BULK_TORCH_FROM:
            return self
        try:
            import sentence_transformers  # noqa: F401
        except ImportError:
            return self
        from index.encode.embedder import SentenceTransformerEmbedder

        if self._bulk is None:
            self._bulk = SentenceTransformerEmbedder(self._source, batch_size=self._batch_size)
        return self._bulk

    def warm(self) -> None:
        """Start loading the ONNX session and tokenizer in the background (onnxruntime builds the session
        outside the GIL), so that a cold process overlaps it with opening the index."""
        if self._session is None and self._warming is None:
            self._warming = threading.Thread(target=self._load, name="onnx-warm", daemon=True)
            self._warming.start()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._loading:
            return self._load_locked()

    def _load_locked(self):  # type: ignore[no-untyped-def]
        if self._session is None:
            from tokenizers import Tokenizer

            try:
                session = take_session(self._path / MODEL_FILE)
                tokenizer = Tokenizer.from_file(str(self._path / "tokenizer.json"))
            except Exception as e:  # onnxruntime and tokenizers raise their own types for a damaged file
                raise EmbedderError(
                    f"the ONNX export at {self._path} cannot be read; run `summitbot index check`"
                ) from e
            tokenizer.enable_truncation(max_length=self._max_length)
            tokenizer.enable_padding()
            self._session, self._tokenizer = session, tokenizer
        return self._session, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        session, tokenizer = self._load()
        out = []
        # Like sentence-transformers: sorted by length so that each batch pads little, then put back.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self._batch_size):
            chunk = [texts[i] for i in order[start : start + self._batch_size]]
            encoded = tokenizer.encode_batch(chunk)
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            types = np.array([e.type_ids for e in encoded], dtype=np.int64)
            (hidden,) = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
            out.append(self._pool(hidden, mask))
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        vectors[order] = np.concatenate(out)
        if not np.isfinite(vectors).all():
            # A damaged export that still runs: never let NaN reach a score.
            raise EmbedderError(f"the ONNX export at {self._path} gives invalid vectors; run `summitbot index check`")
        return vectors

    def _pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self._pooling == "cls":
            pooled = hidden[:, 0]
        elif self._pooling == "max":
            pooled = np.where(mask[..., None] > 0, hidden, -1e9).max(axis=1)
        else:
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        if self._normalize:
            pooled = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return np.ascontiguousarray(pooled, dtype=np.float32)
