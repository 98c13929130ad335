"""Where a model's ONNX export lives and how its session is opened, light enough to import first: a cold
process can start opening the session before it has read its settings (numpy and the index not loaded)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

MODEL_FILE = "model.onnx"

# Sessions being opened ahead of need, by (model file, size, modification time).
_early: dict[tuple[str, int, int], tuple[threading.Thread, dict[str, Any]]] = {}
_lock = threading.Lock()


def export_dir(cache_dir: Path, model_name: str) -> Path:
    return cache_dir / "onnx" / "".join(c if c.isalnum() or c in "-_." else "-" for c in model_name)


def open_session(path: Path) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _key(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def prewarm(directory: Path) -> bool:
    """Start opening the session of the export in ``directory`` in the background (onnxruntime builds it
    outside the GIL); False when there is no export there. Taken by the encoder that opens the same,
    unchanged file; a guess that turns out wrong costs one idle session."""
    key = _key(directory / MODEL_FILE)
    if key is None:
        return False
    with _lock:
        if key in _early:
            return True
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["session"] = open_session(Path(key[0]))
            except Exception:  # the encoder opens its own, and reports what fails
                box["session"] = None

        thread = threading.Thread(target=run, name="onnx-prewarm", daemon=True)
        _early[key] = (thread, box)
    thread.start()
    return True


def take_session(path: Path) -> Any:
    """The session of ``path``: the one opened ahead, if it was for this very file, else a new one."""
    key = _key(path)
    with _lock:
        early = _early.pop(key, None) if key is not None else None
    if early is not None:
        thread, box = early
        thread.join()
        if box.get("session") is not None:
            return box["session"]
    return open_session(path)
