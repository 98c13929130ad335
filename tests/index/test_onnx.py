"""The ONNX encoder: the same vectors as sentence-transformers, no torch to answer, a fallback that says why."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.encode.embedder import BUNDLED_MODEL, make_embedder, resolve_model_path
from index.encode.onnx_embedder import usable_export, verify_export
from index.encode.onnx_session import export_dir
from seeds_loader import Article

pytestmark = pytest.mark.slow


def varied_sentences(articles: list[Article]) -> list[str]:
    """Two hundred sentences of every shape: news sentences, questions, lower case, very short, very
    long (past the model's 256 tokens), accents and other scripts, numbers, quotes and odd spacing."""
    news = [s.text for a in articles for p in a.paragraphs + a.captions for s in p.sentences]
    extra = [
        "", "?", "Lee", "what did lee say about china-japan quarrels?", "HOW MANY MEMORANDUMS WERE SIGNED?",
        "Zürich, Genève and São Paulo", "이재명 대통령", "高市早苗首相", "“Quoted,” he said.", "  spaced   out  ",
        "1,005 items; 846 items; 23 MOUs", " ".join(news[:40]),
    ]  # fmt: skip
    return (extra + news + [s.lower() for s in news])[:200]


def test_onnx_and_sentence_transformers_give_the_same_vectors(
    real_embedder, torch_embedder, pack_articles: list[Article]
) -> None:
    texts = varied_sentences(pack_articles)
    assert len(texts) == 200
    onnx, reference = real_embedder.encode(texts), torch_embedder.encode(texts)
    cosines = (onnx * reference).sum(axis=1)
    assert cosines.min() >= 0.999, [texts[i][:60] for i in np.where(cosines < 0.999)[0]]
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-4)


def test_the_export_is_recorded_and_reused(model_cache: Path, real_embedder) -> None:
    target = export_dir(model_cache, BUNDLED_MODEL)
    source = Path(resolve_model_path(BUNDLED_MODEL))
    assert usable_export(target, source) and verify_export(target, source)
    before = (target / "model.onnx").stat().st_mtime_ns
    make_embedder(BUNDLED_MODEL, cache_dir=model_cache).encode(["again"])
    assert (target / "model.onnx").stat().st_mtime_ns == before  # not exported twice


def test_a_model_that_cannot_be_exported_falls_back_with_one_log_line(tmp_path: Path, caplog) -> None:
    broken = tmp_path / "model"
    shutil.copytree(resolve_model_path(BUNDLED_MODEL), broken)
    (broken / "tokenizer.json").unlink()  # the fast tokenizer the ONNX path needs
    with caplog.at_level(logging.WARNING, logger="index.encode.embedder"):
        embedder = make_embedder(str(broken), cache_dir=tmp_path / "cache")
    assert embedder.__class__.__name__ == "SentenceTransformerEmbedder"
    lines = [r.getMessage() for r in caplog.records if r.name == "index.encode.embedder"]
    assert len(lines) == 1 and "no ONNX export" in lines[0] and "tokenizer.json" in lines[0]


def test_ask_imports_no_torch(tmp_path: Path, model_cache: Path, real_embedder) -> None:
    probe = (
        "import sys, runpy; sys.argv = ['summitbot', 'ask', 'What did Yang Kee-ho say?']\n"
        "try:\n    runpy.run_module('bot.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print('HEAVY:' + ','.join(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))"
    )
    env = {"SUMMITBOT_DATA_DIR": str(tmp_path / "data"), "SUMMITBOT_MODEL_CACHE_DIR": str(model_cache)}
    build = subprocess.run(
        [sys.executable, "-m", "bot.cli", "index", "build"], env={**_env(), **env}, capture_output=True
    )
    assert build.returncode == 0, build.stderr
    done = subprocess.run([sys.executable, "-c", probe], env={**_env(), **env}, capture_output=True, text=True)
    assert "Yang Kee-ho" in done.stdout and done.stdout.strip().endswith("HEAVY:"), done.stdout[-300:] + done.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith(("SUMMITBOT_", "SLACK_", "DISCORD_"))}


@pytest.mark.slow
def test_a_session_opened_ahead_is_taken_only_for_the_same_unchanged_file(
    model_cache: Path, tmp_path: Path, real_embedder
) -> None:
    from index.encode.onnx_session import MODEL_FILE, prewarm, take_session

    real_embedder.encode(["make sure the export exists"])
    # A copy: this test touches the export, and the shared one is watched by tests in other workers.
    target = export_dir(tmp_path / "cache", BUNDLED_MODEL)
    shutil.copytree(export_dir(model_cache, BUNDLED_MODEL), target)
    assert prewarm(target)
    early = take_session(target / MODEL_FILE)
    assert prewarm(target)
    (target / MODEL_FILE).touch()  # the export replaced meanwhile: the early session is not used
    later = take_session(target / MODEL_FILE)
    assert later is not early
    assert take_session(target / MODEL_FILE) is not later  # each early session is taken once
    assert not prewarm(tmp_path / "no-such-export")
