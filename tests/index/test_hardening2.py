"""Hardening, round 2: one undecodable file never stops the others; a damaged ONNX export is found,
made again and never answers; NaN is never an answer; one bad source fails alone; dot-names are kept."""

from __future__ import annotations

import codecs
import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.encode.embedder import BUNDLED_MODEL, HashEmbedder, check_export, make_embedder, resolve_model_path
from index.encode.onnx_embedder import usable_export
from index.encode.onnx_session import MODEL_FILE, export_dir
from index.engine import Engine
from index.store.handle import IndexHandle
from index.store.versions import build_index
from seeds_loader import LoaderError, UndecodableFileError, load_article, load_directory
from seeds_loader.fetch import FetchError, FetchPolicy, fetch
from tests.conftest import copy_seed_files
from tests.index.test_damage import environment, run

UNDECODABLE = {
    "bom-then-invalid.txt": codecs.BOM_UTF8 + b"Headline\n\nBody text \xff\xfe\xfa of the story.\n",
    "utf16-odd.txt": codecs.BOM_UTF16_LE + "Headline\n\nBody text of the story.\n".encode("utf-16-le") + b"\x00",
    "punycode.html": b'<html><head><meta charset="punycode"></head><body><article><p>'
    + "Caf\u00e9 owners in Nara said the summit brought crowds to the old town. ".encode() * 5
    + b"</p></article></body></html>",
}


@pytest.mark.parametrize("name", sorted(UNDECODABLE))
def test_an_undecodable_file_is_a_loader_error_naming_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(UNDECODABLE[name])
    try:
        article = load_article(path)
    except LoaderError as e:
        assert name in str(e)
    else:  # a declaration that is no charset is ignored and the bytes read as what they are
        assert name == "punycode.html" and "Nara" in article.text


def test_the_bom_that_lies_is_named_as_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(UNDECODABLE["bom-then-invalid.txt"])
    with pytest.raises(UndecodableFileError, match=r"x\.txt: the text cannot be decoded"):
        load_article(path)


def test_one_undecodable_file_is_skipped_and_the_rest_load(tmp_path: Path) -> None:
    articles_dir = copy_seed_files(tmp_path / "articles")
    for name, data in UNDECODABLE.items():
        (articles_dir / name).write_bytes(data)
    articles, errors = load_directory(articles_dir)
    assert len(articles) >= 5
    assert {"bom-then-invalid.txt", "utf16-odd.txt"} <= {str(e).split(":")[0] for e in errors}


@pytest.mark.integration
def test_commands_work_beside_an_undecodable_file(tmp_path: Path) -> None:
    env = environment(copy_seed_files(tmp_path / "articles"), tmp_path / "index", tmp_path / "data")
    (tmp_path / "articles" / "broken.txt").write_bytes(UNDECODABLE["bom-then-invalid.txt"])
    build = run("index", "build", env=env)
    assert build.returncode == 0, build.stderr
    assert "broken.txt" in build.stderr and "UnicodeDecodeError" not in build.stderr + build.stdout
    listed = run("index", "list", env=env)
    assert listed.returncode == 0 and "unexpected error" not in listed.stderr
    asked = run("ask", "Who is Yang Kee-ho?", env=env)
    assert asked.returncode == 0 and "unexpected error" not in asked.stderr


@pytest.mark.integration
def test_a_dot_named_file_is_stored_under_its_visible_name(tmp_path: Path) -> None:
    env = environment(copy_seed_files(tmp_path / "articles"), tmp_path / "index", tmp_path / "data")
    hidden = tmp_path / ".late-story.txt"
    hidden.write_text("Late story\n\nThe Nara city office said the deer park stays open during the summit.\n")
    added = run("index", "add", str(hidden), env=env)
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "articles" / "late-story.txt").is_file()
    assert run("index", "build", env=env).returncode == 0
    assert "late-story" in run("index", "list", env=env).stdout
    removed = run("index", "remove", "late-story", env=env)
    assert removed.returncode == 0, removed.stderr


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:99999/x", "http://127.0.0.1:abc/x", "http://[::1/x"], ids=["port", "word", "bracket"]
)
def test_a_malformed_url_is_a_fetch_error(url: str) -> None:
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch(url, FetchPolicy(allow_private=True))


@pytest.mark.integration
def test_one_bad_url_does_not_stop_the_good_files_of_the_batch(tmp_path: Path) -> None:
    env = environment(copy_seed_files(tmp_path / "articles"), tmp_path / "index", tmp_path / "data")
    good = tmp_path / "good.txt"
    good.write_text("A good story\n\nThe Nara city office said the deer park stays open during the summit.\n")
    added = run("index", "add", "http://127.0.0.1:99999/x", str(good), env=env)
    assert "unexpected error" not in added.stderr, added.stderr
    assert "99999" in added.stdout + added.stderr
    assert (tmp_path / "articles" / "good.txt").is_file()


class NanEmbedder(HashEmbedder):
    """An encoder gone wrong after the index was built: every query vector NaN."""

    def encode(self, texts):  # type: ignore[no-untyped-def]
        out = super().encode(texts)
        return np.full_like(out, np.nan) if len(texts) == 1 else out


def test_nan_scores_are_never_an_answer(seed_articles, tmp_path: Path) -> None:
    embedder = NanEmbedder(64)
    index = build_index(seed_articles, embedder, tmp_path / "index")
    answer = Engine(IndexHandle.of(index, embedder.name), embedder).ask("Who is Yang Kee-ho?")
    assert not answer.answered and answer.confidence == 0.0
    json.dumps(
        answer.model_dump(mode="json") if hasattr(answer, "model_dump") else answer.__dict__,
        default=str,
        allow_nan=False,
    )


def _damaged_copy(model_cache: Path, tmp_path: Path, real_embedder) -> Path:
    real_embedder.encode(["make sure the export exists"])
    cache = tmp_path / "cache"
    shutil.copytree(export_dir(model_cache, BUNDLED_MODEL), export_dir(cache, BUNDLED_MODEL))
    return cache


def _overwrite_inside(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = bytes(4096)  # same size: only the checksum can tell
    path.write_bytes(bytes(data))


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["overwritten", "zeroed-header", "tokenizer-truncated"])
def test_a_damaged_export_is_made_again_and_answers_right(
    model_cache: Path, tmp_path: Path, real_embedder, caplog, damage: str
) -> None:
    cache = _damaged_copy(model_cache, tmp_path, real_embedder)
    target = export_dir(cache, BUNDLED_MODEL)
    if damage == "overwritten":
        _overwrite_inside(target / MODEL_FILE)
    elif damage == "zeroed-header":
        data = bytearray((target / MODEL_FILE).read_bytes())
        data[:1024] = bytes(1024)
        (target / MODEL_FILE).write_bytes(bytes(data))
    else:
        tokenizer = target / "tokenizer.json"
        tokenizer.write_bytes(tokenizer.read_bytes()[:1000])
    source = Path(resolve_model_path(BUNDLED_MODEL))
    assert not usable_export(target, source)
    assert check_export(BUNDLED_MODEL, cache) == "damaged"
    with caplog.at_level(logging.WARNING):
        embedder = make_embedder(BUNDLED_MODEL, cache_dir=cache)
    assert any("damaged" in r.getMessage() for r in caplog.records)
    texts = ["What did Lee say about the mine?", "Takaichi met Lee in Nara."]
    vectors, reference = embedder.encode(texts), real_embedder.encode(texts)
    assert np.isfinite(vectors).all() and (vectors * reference).sum(axis=1).min() > 0.999
    assert check_export(BUNDLED_MODEL, cache) == "ok"


@pytest.mark.slow
def test_a_verified_export_is_hashed_once_per_change(model_cache: Path, tmp_path: Path, real_embedder, monkeypatch):
    cache = _damaged_copy(model_cache, tmp_path, real_embedder)
    target = export_dir(cache, BUNDLED_MODEL)
    source = Path(resolve_model_path(BUNDLED_MODEL))
    import index.encode.onnx_embedder as module

    calls: list[Path] = []
    real = module.file_sha256
    monkeypatch.setattr(module, "file_sha256", lambda p: calls.append(p) or real(p))
    (target / MODEL_FILE).touch()  # changed on disk: verified once more
    assert usable_export(target, source) and len(calls) == 2
    assert usable_export(target, source) and len(calls) == 2  # unchanged since: no second read


@pytest.mark.slow
def test_index_check_names_a_damaged_export(model_cache: Path, tmp_path: Path, real_embedder) -> None:
    env = environment(copy_seed_files(tmp_path / "articles"), tmp_path / "index", tmp_path / "data")
    cache = _damaged_copy(model_cache, tmp_path, real_embedder)
    env = {**env, "SUMMITBOT_EMBEDDING_MODEL": BUNDLED_MODEL, "SUMMITBOT_MODEL_CACHE_DIR": str(cache)}
    assert run("index", "build", env=env).returncode == 0
    assert "every file matches" in run("index", "check", env=env).stdout
    _overwrite_inside(export_dir(cache, BUNDLED_MODEL) / MODEL_FILE)
    checked = run("index", "check", env=env)
    assert checked.returncode == 1 and "damaged" in checked.stderr, checked.stderr
    asked = run("ask", "--json", "Who is Yang Kee-ho?", env=env)  # made again, answers, valid JSON
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["answered"]


@pytest.mark.parametrize("length", ["²", "9" * 5000], ids=["superscript", "5000 digits"])
def test_a_malformed_content_length_fails_that_source_alone(length: str) -> None:
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html><body><article><p>" + b"Nara hosted the summit. " * 20 + b"</p></article></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", length)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(FetchError, match="invalid Content-Length"):
            fetch(f"http://127.0.0.1:{server.server_address[1]}/page", FetchPolicy(allow_private=True))
    finally:
        server.shutdown()


def test_a_page_served_with_an_unknown_charset_is_read(tmp_path) -> None:
    from seeds_loader.decode import decode_bytes

    assert decode_bytes("Caf\u00e9 in Nara".encode(), "page", declared="x-no-such-charset") == "Caf\u00e9 in Nara"
