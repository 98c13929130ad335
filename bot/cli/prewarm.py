"""The cold start's head start: before the settings (and pydantic) are even imported, guess from the
environment which ONNX export an answering command will open and start opening its session. The guess is
only taken when nothing but the environment can set those settings (no .env file here); the encoder uses
the early session only if it opens that very file, so a wrong guess costs an idle session, never a
wrong vector."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from bot import defaults

_ANSWERING = {"ask", "run", "serve"}


def guess_export(argv: Sequence[str], environ: dict[str, str] | os._Environ[str], cwd: Path) -> Path | None:
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in _ANSWERING or (cwd / ".env").exists():
        return None
    if environ.get("SUMMITBOT_ENCODER", "onnx") != "onnx":
        return None
    model = environ.get("SUMMITBOT_EMBEDDING_MODEL", defaults.EMBEDDING_MODEL).strip()
    if not model or model.startswith("hash:"):
        return None
    from index.encode.onnx_session import export_dir

    cache = environ.get("SUMMITBOT_MODEL_CACHE_DIR") or str(
        Path(environ.get("SUMMITBOT_DATA_DIR") or defaults.DATA_DIR) / "models"
    )
    return export_dir(Path(cache).expanduser().resolve(), model)


def prewarm(argv: Sequence[str]) -> None:
    directory = guess_export(argv, os.environ, Path.cwd())
    if directory is not None:
        from index.encode.onnx_session import prewarm as start

        start(directory)
