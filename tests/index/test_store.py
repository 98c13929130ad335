from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.encode.embedder import HashEmbedder
from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from index.store.handle import IndexHandle
from index.store.layout import current_version_dir
from index.store.loaded import FORMAT_VERSION
from index.store.passages import build_passages, dense_text, sentence_texts
from index.store.versions import build_index, open_index
from seeds_loader import Article, load_article


class ExplodingEmbedder(HashEmbedder):
    """Fails part-way through a build, like a process killed mid-embedding."""

    def __init__(self, fail_after: int) -> None:
        super().__init__(64)
        self.calls = 0
        self.fail_after = fail_after

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        if self.calls > self.fail_after:
            raise RuntimeError("killed")
        return super().encode(texts)


def test_manifest_records_the_build(hash_index, seed_articles: list[Article]) -> None:
    m = hash_index.manifest
    assert m.format_version == FORMAT_VERSION
    assert (m.model, m.dimension, m.articles) == ("hash:64", 64, len(seed_articles))
    assert m.passages == len(hash_index.passages) == hash_index.dense.size
    assert m.sentences == hash_index.sentence_vectors.shape[0]
    assert m.created.endswith("+00:00")


def test_passage_sentences_point_at_their_vectors(hash_index) -> None:
    embedder = HashEmbedder(64)
    for passage in hash_index.passages[:10]:
        rows = hash_index.sentence_rows(passage)
        # int8 storage: each component within half a quantisation step of the model's output
        np.testing.assert_allclose(rows, embedder.encode([s.text for s in passage.sentences]), atol=5e-3)


def test_missing_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="summitbot index build"):
        open_index(tmp_path, model="hash:64")


def test_other_model_is_refused_with_rebuild_hint(hash_index) -> None:
    index_dir = hash_index.path.parent.parent
    with pytest.raises(IndexMismatchError, match=r"built with model 'hash:64'.*summitbot index build"):
        open_index(index_dir, model="all-MiniLM-L6-v2")


def test_old_format_is_refused(seed_articles, tmp_path: Path) -> None:
    index = build_index(seed_articles[:1], HashEmbedder(64), tmp_path)
    manifest = index.path / "manifest.json"
    data = json.loads(manifest.read_text())
    data["format_version"] = 0
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexMismatchError, match="format version 0"):
        open_index(tmp_path, model="hash:64")


def test_inconsistent_version_is_refused(seed_articles, tmp_path: Path) -> None:
    index = build_index(seed_articles[:1], HashEmbedder(64), tmp_path)
    np.save(index.path / "passages" / "text_offsets.npy", np.zeros(3, dtype=np.int64))
    with pytest.raises(IndexCorruptError, match=r"wrong size|inconsistent"):
        open_index(tmp_path, model="hash:64")


def test_missing_file_is_refused(seed_articles, tmp_path: Path) -> None:
    index = build_index(seed_articles[:1], HashEmbedder(64), tmp_path)
    (index.path / "passages" / "sentences.npy").unlink()
    with pytest.raises(IndexCorruptError, match=r"sentences.npy .*missing.*summitbot index build"):
        open_index(tmp_path, model="hash:64")


def test_passage_table_round_trips(hash_index, seed_articles) -> None:
    table = hash_index.passages
    rebuilt = build_passages(seed_articles)
    assert len(table) == len(rebuilt) and list(table) == rebuilt
    assert table[-1] == rebuilt[-1] and table[2:4] == rebuilt[2:4]
    with pytest.raises(IndexError):
        table[len(table)]
    first = seed_articles[0].id
    assert [p.article_id for p in (table[i] for i in table.of_article(first))] == [first] * table.counts()[first]


def test_failed_build_leaves_previous_version_serving(seed_articles, tmp_path: Path) -> None:
    first = build_index(seed_articles[:2], HashEmbedder(64), tmp_path, max_words=40)
    with pytest.raises(RuntimeError, match="killed"):
        build_index(seed_articles, ExplodingEmbedder(fail_after=0), tmp_path)
    assert current_version_dir(tmp_path) == first.path
    assert open_index(tmp_path, model="hash:64").manifest.articles == 2


def test_rebuild_switches_and_prunes_old_versions_and_staging(seed_articles, tmp_path: Path) -> None:
    (tmp_path / "versions" / ".staging-dead").mkdir(parents=True)
    versions = [build_index(seed_articles[: i + 1], HashEmbedder(64), tmp_path).version for i in range(4)]
    remaining = sorted(p.name for p in (tmp_path / "versions").iterdir())
    assert versions[-1] in remaining and len(remaining) == 2
    assert open_index(tmp_path, model="hash:64").manifest.articles == 4


def test_handle_follows_a_new_version(seed_articles, tmp_path: Path) -> None:
    build_index(seed_articles[:1], HashEmbedder(64), tmp_path)
    handle = IndexHandle(tmp_path, "hash:64")
    assert handle.current().manifest.articles == 1
    build_index(seed_articles[:3], HashEmbedder(64), tmp_path)
    assert handle.current().manifest.articles == 3


def test_handle_keeps_serving_when_a_new_version_is_broken(seed_articles, tmp_path: Path) -> None:
    build_index(seed_articles[:1], HashEmbedder(64), tmp_path)
    handle = IndexHandle(tmp_path, "hash:64")
    served = handle.current().version
    broken = build_index(seed_articles[:2], HashEmbedder(64), tmp_path)
    (broken.path / "manifest.json").write_text("{not json")
    assert handle.current().version == served


def test_long_paragraphs_are_split_at_sentence_boundaries(seed_articles, tmp_path: Path) -> None:
    index = build_index(seed_articles, HashEmbedder(64), tmp_path, max_words=30)
    parts = [p for p in index.passages if p.part > 0]
    assert parts
    for p in index.passages:
        assert p.text == p.text.strip() and p.sentences[0].start == p.start and p.sentences[-1].end == p.end


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__(64)
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().encode(texts)


def embedded_texts(article: Article) -> set[str]:
    """Every text embedding ``article`` needs: its passages (with any leaned-on sentence) and sentences."""
    passages = build_passages([article])
    return {dense_text(p, passages[i - 1] if i else None) for i, p in enumerate(passages)} | {
        t for p in passages for t in sentence_texts(p)
    }


def test_a_table_rows_sentence_is_embedded_under_its_headers(tmp_path: Path) -> None:
    """A row's cells ("| 2019 | 5.58 | 3.27 |") say nothing without their headers: its sentence vector
    embeds the row as its context gives it; a sentence of running text is embedded as it stands."""
    page = tmp_path / "numbers.md"
    page.write_text(
        "# Travel numbers\n\nVisitors kept coming.\n\n| Year | Visitors to Korea (millions) |\n| --- | --- |\n"
        "| 2019 | 3.27 |\n| 2020 | 0.43 |\n",
        "utf-8",
    )
    counting = CountingEmbedder()
    build_index([load_article(page)], counting, tmp_path / "index")
    row = next(t for t in counting.texts if "3.27" in t and "Visitors to Korea" in t)
    assert "Year: 2019" in row and "Visitors to Korea (millions): 3.27" in row
    assert "Visitors kept coming." in counting.texts
    assert not any(t.startswith("| 2019") for t in counting.texts)


def test_incremental_build_embeds_only_new_text_and_equals_a_full_build(seed_articles, tmp_path: Path) -> None:
    build_index(seed_articles[:4], HashEmbedder(64), tmp_path / "inc")
    counting = CountingEmbedder()
    incremental = build_index(seed_articles, counting, tmp_path / "inc")
    assert set(counting.texts) == embedded_texts(seed_articles[4])
    full = build_index(seed_articles, HashEmbedder(64), tmp_path / "full", reuse=False)
    ids = np.arange(full.dense.size)
    np.testing.assert_allclose(incremental.dense.vectors(ids), full.dense.vectors(ids), atol=1e-6)
    every = slice(0, len(full.sentence_vectors))
    np.testing.assert_array_equal(incremental.sentence_vectors.take(every), full.sentence_vectors.take(every))
    assert [p.text for p in incremental.passages] == [p.text for p in full.passages]


def test_changed_article_is_reembedded(seed_articles, tmp_path: Path) -> None:
    build_index(seed_articles, HashEmbedder(64), tmp_path)
    first = seed_articles[0]
    changed = first.model_copy(update={"content_hash": "changed", "paragraphs": first.paragraphs[:3]})
    counting = CountingEmbedder()
    index = build_index([changed, *seed_articles[1:]], counting, tmp_path)
    assert set(counting.texts) == embedded_texts(changed)
    assert sum(p.article_id == changed.id for p in index.passages) == len(changed.paragraphs) + len(changed.captions)


def test_incremental_adds_keep_exact_vectors_on_a_quantised_index(seed_articles, tmp_path: Path) -> None:
    """IVF-SQ8 decodes approximately; reuse must copy the exact vectors, or error grows with every add."""
    first = build_index(seed_articles[:4], HashEmbedder(64), tmp_path, dense_index="ivf-sq8")
    exact_before = np.load(first.path / "passage_vectors.npy")
    for _ in range(3):
        index = build_index(seed_articles, HashEmbedder(64), tmp_path, dense_index="ivf-sq8")
        build_index(seed_articles[:4], HashEmbedder(64), tmp_path, dense_index="ivf-sq8")
    latest = build_index(seed_articles[:4], HashEmbedder(64), tmp_path, dense_index="ivf-sq8")
    np.testing.assert_array_equal(np.load(latest.path / "passage_vectors.npy"), exact_before)
    assert index.manifest.dense_index == "ivf-sq8"
