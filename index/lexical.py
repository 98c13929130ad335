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
        # Document frequency per token, from the column pointers of the CSC score matrix.
        indptr = np.asarray(bm25.scores["indptr"])
        self._df = np.diff(indptr)

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

    def top(self, scores: np.ndarray, k: int) -> np.ndarray:
        """Ids of the ``k`` best-scoring passages with a positive score, best first (no full sort)."""
        k = min(k, scores.size)
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        ids = np.argpartition(-scores, k - 1)[:k]
        ids = ids[scores[ids] > 0]
        return ids[np.argsort(-scores[ids])]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no query word is in the vocabulary)."""
        vocab = self._bm25.vocab_dict
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
