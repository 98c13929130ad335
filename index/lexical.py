"""The lexical store: BM25 (bm25s) over the same passages as the dense store."""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np

from index.errors import IndexCorruptError
from index.text import tokenize

logger = logging.getLogger(__name__)
# bm25s logs every index build at DEBUG on its own handler; keep our output clean.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalStore:
    """BM25 scores for every passage; queries are tokenised exactly as passages were."""

    def __init__(self, bm25: bm25s.BM25, size: int) -> None:
        self._bm25 = bm25
        self._size = size
        # The CSC score matrix: per token, the documents it occurs in and their BM25 weights.
        self._indptr = np.asarray(bm25.scores["indptr"])
        self._docs = np.asarray(bm25.scores["indices"])
        self._weights = np.asarray(bm25.scores["data"])
        self._df = np.diff(self._indptr)

    def idf(self, token: str) -> float:
        """Inverse document frequency of a (tokenised) word; unseen words weigh most."""
        tid = self._bm25.vocab_dict.get(token)
        df = int(self._df[tid]) if tid is not None and tid < len(self._df) else 0
        return float(np.log(1.0 + (self._size - df + 0.5) / (df + 0.5)))

    @classmethod
    def build(cls, texts: list[str]) -> LexicalStore:
        # An empty token list would make bm25s drop the document and shift ids: keep a placeholder.
        corpus = [tokenize(t) or ["\u2205"] for t in texts]
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        return cls(bm25, len(texts))

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalStore:
        try:
            # Memory-mapped: the score matrix stays on disk and in the page cache, not on the heap.
            bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False, verbosity=0)
        except (OSError, ValueError, KeyError) as e:
            raise IndexCorruptError(f"cannot read the BM25 index in {directory}") from e
        return cls(bm25, size)

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)

    def knows(self, word: str) -> bool:
        """True when every content word of ``word`` occurs somewhere in the indexed text."""
        vocab = self._bm25.vocab_dict
        return all(t in vocab for t in tokenize(word))

    @staticmethod
    def top(scores: np.ndarray, k: int) -> np.ndarray:
        """Ids of the ``k`` best-scoring passages with a positive score, best first, exactly, without
        sorting or partitioning every score of a large archive."""
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        candidates = _above_sampled_threshold(scores, k)
        if candidates is None:
            candidates = np.flatnonzero(scores)
        k = min(k, candidates.size)
        if k == 0:
            return np.zeros(0, dtype=np.int64)
        ids = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        return ids[np.argsort(-scores[ids], kind="stable")]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no query word is in the vocabulary)."""
        vocab = self._bm25.vocab_dict
        scores = np.zeros(self._size, dtype=np.float32)
        for token in tokenize(query):
            tid = vocab.get(token)
            if tid is None or tid >= len(self._df):
                continue
            start, end = self._indptr[tid], self._indptr[tid + 1]
            # A token's documents are distinct, so a plain indexed add is exact (np.add.at is not needed).
            scores[self._docs[start:end]] += self._weights[start:end]
        return scores


_SAMPLE = 16_384


def _above_sampled_threshold(scores: np.ndarray, k: int) -> np.ndarray | None:
    """Ids scoring at least a threshold read off a strided sample, chosen so that some 2k-4k documents
    pass; None when that cannot work (small or sparse arrays, or too few passing): the caller then uses
    every positive score. Exact either way: at least ``k`` candidates include the true top ``k``."""
    n = scores.size
    step = n // _SAMPLE
    if step < 4:
        return None
    sample = scores[::step]
    rank = min(sample.size, 2 * k // step + 2)
    threshold = np.partition(sample, sample.size - rank)[sample.size - rank]
    if threshold <= 0:
        return None
    candidates = np.flatnonzero(scores >= threshold)
    return candidates if candidates.size >= k else None
