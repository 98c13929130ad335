"""Cold start: one-shot `summitbot ask` wall time against floors measured in the same run.

1. The ONNX path (default): `summitbot ask QUESTION` with the index built and the model exported.
2. Floor: a process that imports numpy, faiss, onnxruntime and tokenizers, creates one ONNX session and
   encodes one question: the bare cost of answering from a cold process (goal: ask <= 1.5x this).
3. Today's torch path for comparison: the same `summitbot ask` with SUMMITBOT_ENCODER=torch
   (goal: ask <= 0.3x this).

Run: .venv/bin/python bench/cold_start.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What did Lee say about China-Japan quarrels?"
ROUNDS = 5

FLOOR = """
import numpy, faiss, onnxruntime, tokenizers
options = onnxruntime.SessionOptions()
options.log_severity_level = 3
session = onnxruntime.InferenceSession(r"{model}", options, providers=["CPUExecutionProvider"])
tokenizer = tokenizers.Tokenizer.from_file(r"{tokenizer}")
tokenizer.enable_truncation(max_length=256)
encoded = tokenizer.encode_batch([{question!r}])
ids = numpy.array([e.ids for e in encoded], dtype=numpy.int64)
mask = numpy.array([e.attention_mask for e in encoded], dtype=numpy.int64)
session.run(None, {{"input_ids": ids, "attention_mask": mask, "token_type_ids": numpy.zeros_like(ids)}})
"""


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed: {done.stderr.strip()[-300:]}")
    return elapsed


def median_wall(command: list[str], env: dict[str, str], rounds: int = ROUNDS) -> float:
    return statistics.median(wall(command, env) for _ in range(rounds))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="summitbot-cold-") as scratch:
        env = {**os.environ, "SUMMITBOT_DATA_DIR": scratch, "SUMMITBOT_LOG_LEVEL": "ERROR"}
        # As on a user's machine, the project's bytecode is cached after its first run (some shells here
        # set PYTHONDONTWRITEBYTECODE, which would make every run compile the project from source).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cli = [sys.executable, "-m", "bot.cli"]
        subprocess.run([*cli, "index", "build"], env=env, check=True, capture_output=True, cwd=ROOT)
        wall([*cli, "ask", QUESTION], env)  # the first run writes the bytecode and the directory listing
        export = next(p for p in Path(scratch, "models", "onnx").iterdir() if p.is_dir() and not p.name.startswith("."))
        ask = median_wall([*cli, "ask", QUESTION], env)
        floor_code = FLOOR.format(model=export / "model.onnx", tokenizer=export / "tokenizer.json", question=QUESTION)
        floor = median_wall([sys.executable, "-c", floor_code], env)
        torch = median_wall([*cli, "ask", QUESTION], {**env, "SUMMITBOT_ENCODER": "torch"}, rounds=3)
    print(f"one-shot ask (onnx)  median {ask:6.2f} s")
    print(f"floor (imports + session + one encode) {floor:6.2f} s   ratio {ask / floor:4.2f}x  (goal <= 1.5x)")
    print(f"torch path (SUMMITBOT_ENCODER=torch)   {torch:6.2f} s   ratio {ask / torch:4.2f}x  (goal <= 0.3x)")


if __name__ == "__main__":
    main()
