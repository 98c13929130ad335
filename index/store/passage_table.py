"""Passages stored column-wise and memory-mapped: a Passage object exists only while someone uses it."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import overload

import numpy as np

from index.store.passages import Passage, SentenceSpan

_KINDS = ("body", "caption", "correction", "question", "update")
_COLUMNS = ("article", "paragraph", "part", "kind", "start", "end", "first_sentence", "n_sentences", "day")
_TEXT_ARRAYS = ("text", "text_offsets", "context", "context_offsets")
ARRAYS = (*_TEXT_ARRAYS, *_COLUMNS, "sentences")
_BUILT_KEPT = 8192  # passages; a few MB of text at most
_NO_DAY = 0  # the "day" column: a proleptic ordinal (datetime.date.toordinal), 0 for none


class PassageTable(Sequence[Passage]):
    """Read-only table of passages; the text is one UTF-8 blob with byte offsets, the rest numpy columns."""

    def __init__(self, arrays: Mapping[str, np.ndarray], article_ids: list[str]) -> None:
        self.article_ids = article_ids
        self._arrays = dict(arrays)
        # The text arrays may be left out by a table whose text lives elsewhere (a Milvus reader's).
        self._text = arrays.get("text")
        self._offsets = arrays.get("text_offsets")
        self._context = arrays.get("context")
        self._context_offsets = arrays.get("context_offsets")
        self._columns = {name: arrays[name] for name in _COLUMNS}
        self._sentences = arrays["sentences"]
        articles = self._columns["article"]
        # Passages of one article are contiguous: its range is found by binary search, not a scan.
        self._firsts = np.searchsorted(articles, np.arange(len(self.article_ids)), side="left")
        self._lasts = np.searchsorted(articles, np.arange(len(self.article_ids)), side="right")
        self._index_of = {a: i for i, a in enumerate(self.article_ids)}
        # Passages built before (the candidates of one question are mostly those of the last): immutable,
        # so kept, up to a bound.
        self._built: dict[int, Passage] = {}

    @classmethod
    def open(cls, directory: Path) -> PassageTable:
        """The table written in ``directory``, memory-mapped."""
        article_ids = json.loads((directory / "article_ids.json").read_text("utf-8"))
        return cls({name: _mapped(directory / f"{name}.npy") for name in ARRAYS}, article_ids)

    def to_bytes(self, *, text: bool = True) -> bytes:
        """The table as one .npz; without ``text``, only its columns and sentence bounds (what a Milvus
        reader keeps: the text comes with each passage's row)."""
        arrays = {k: v for k, v in self._arrays.items() if text or k not in _TEXT_ARRAYS}
        out = io.BytesIO()
        np.savez(out, article_ids=np.array(json.dumps(self.article_ids)), **arrays)
        return out.getvalue()

    @staticmethod
    def arrays_from_bytes(data: bytes) -> tuple[dict[str, np.ndarray], list[str]]:
        """The arrays and article ids of a table saved with ``to_bytes``."""
        with np.load(io.BytesIO(data), allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in saved.files if name != "article_ids"}
            return arrays, json.loads(str(saved["article_ids"]))

    @staticmethod
    def write(directory: Path, passages: list[Passage]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        article_ids = list(dict.fromkeys(p.article_id for p in passages))
        code = {a: i for i, a in enumerate(article_ids)}
        encoded = [p.text.encode("utf-8") for p in passages]
        offsets = np.zeros(len(passages) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        np.save(directory / "text.npy", np.frombuffer(b"".join(encoded), dtype=np.uint8))
        np.save(directory / "text_offsets.npy", offsets)
        contexts = [p.context.encode("utf-8") for p in passages]
        context_offsets = np.zeros(len(passages) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in contexts], out=context_offsets[1:])
        np.save(directory / "context.npy", np.frombuffer(b"".join(contexts), dtype=np.uint8))
        np.save(directory / "context_offsets.npy", context_offsets)
        columns = {
            "article": np.array([code[p.article_id] for p in passages], dtype=np.int32),
            "paragraph": np.array([p.paragraph for p in passages], dtype=np.int32),
            "part": np.array([p.part for p in passages], dtype=np.int16),
            "kind": np.array([_KINDS.index(p.kind) for p in passages], dtype=np.int8),
            "start": np.array([p.start for p in passages], dtype=np.int64),
            "end": np.array([p.end for p in passages], dtype=np.int64),
            "first_sentence": np.array([p.first_sentence for p in passages], dtype=np.int64),
            "n_sentences": np.array([len(p.sentences) for p in passages], dtype=np.int32),
            "day": np.array([p.day.toordinal() if p.day else _NO_DAY for p in passages], dtype=np.int32),
        }
        for name, values in columns.items():
            np.save(directory / f"{name}.npy", values)
        bounds = np.array([(s.start, s.end) for p in passages for s in p.sentences], dtype=np.int64)
        np.save(directory / "sentences.npy", bounds.reshape(-1, 2))
        (directory / "article_ids.json").write_text(json.dumps(article_ids), "utf-8")

    def __len__(self) -> int:
        return len(self._columns["article"])

    @overload
    def __getitem__(self, i: int) -> Passage: ...

    @overload
    def __getitem__(self, i: slice) -> list[Passage]: ...

    def __getitem__(self, i: int | slice) -> Passage | list[Passage]:
        if isinstance(i, slice):
            return [self._passage(j) for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(f"passage {i} out of range 0..{len(self) - 1}")
        return self._passage(i % len(self))

    def __iter__(self) -> Iterator[Passage]:
        for i in range(len(self)):
            yield self._passage(i)

    def _text_of(self, i: int) -> str:
        assert self._text is not None and self._offsets is not None
        return bytes(self._text[self._offsets[i] : self._offsets[i + 1]]).decode("utf-8")

    def _context_of(self, i: int) -> str:
        assert self._context is not None and self._context_offsets is not None
        return bytes(self._context[self._context_offsets[i] : self._context_offsets[i + 1]]).decode("utf-8")

    def kind_of(self, i: int) -> str:
        """The passage's kind (body, caption, correction, question, update), without its text."""
        return _KINDS[int(self._columns["kind"][i])]

    def texts(self, ids: Sequence[int]) -> list[str]:
        """The text of each passage id, without building Passage objects (one read for them all)."""
        return [self._text_of(int(i)) for i in ids]

    def _passage(self, i: int) -> Passage:
        if (passage := self._built.get(i)) is None:
            passage = self._build(i, self._text_of(i), self._context_of(i))
            if len(self._built) < _BUILT_KEPT:
                self._built[i] = passage
        return passage

    def _build(self, i: int, text: str, context: str) -> Passage:
        c = self._columns
        start, first, n = int(c["start"][i]), int(c["first_sentence"][i]), int(c["n_sentences"][i])
        bounds = self._sentences[first : first + n]
        return Passage(
            id=i,
            article_id=self.article_ids[int(c["article"][i])],
            paragraph=int(c["paragraph"][i]),
            part=int(c["part"][i]),
            kind=_KINDS[int(c["kind"][i])],
            text=text,
            start=start,
            end=int(c["end"][i]),
            sentences=tuple(SentenceSpan(text[s - start : e - start], int(s), int(e)) for s, e in bounds),
            first_sentence=first,
            day=date.fromordinal(int(c["day"][i])) if int(c["day"][i]) != _NO_DAY else None,
            context=context,
        )

    def sentence_ranges(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """First sentence row and sentence count of each passage id."""
        return self._columns["first_sentence"][ids], self._columns["n_sentences"][ids].astype(np.int64)

    @property
    def first_sentences(self) -> np.ndarray:
        """Each passage's first sentence row, ascending (a row's passage is found by binary search)."""
        return self._columns["first_sentence"]

    def locate(self, i: int) -> tuple[str, int]:
        """The passage's article id and its position among that article's passages (no text decoded)."""
        code = int(self._columns["article"][i])
        return self.article_ids[code], i - int(self._firsts[code])

    def of_article(self, article_id: str) -> range:
        """Ids of the article's passages (empty when it has none)."""
        code = self._index_of.get(article_id)
        return range(0) if code is None else range(int(self._firsts[code]), int(self._lasts[code]))

    def counts(self) -> dict[str, int]:
        """Passages per article id."""
        return {a: int(self._lasts[i] - self._firsts[i]) for i, a in enumerate(self.article_ids)}


def _mapped(path: Path) -> np.ndarray:
    # A plain ndarray view of the mapping: same pages, without np.memmap's per-access overhead.
    return np.asarray(np.load(path, mmap_mode="r"))
