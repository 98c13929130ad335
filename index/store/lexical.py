"""The lexical store: BM25 (bm25s) over the same passages as the dense store."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import IndexCorruptError
from index.text.tokens import tokenize

logger = logging.getLogger(__name__)

# From this many passages on, words found in more than half of them are handled by MaxScore pruning.
PRUNE_FROM = 100_000


class TermStatistics(Protocol):
    """What answering reads of the vocabulary: a word's weight, and whether the coverage has it."""

    def idf(self, token: str) -> float: ...

    def focus_idf(self, token: str) -> float: ...

    def knows(self, word: str) -> bool: ...


def _idf(size: float, df: float) -> float:
    return float(np.log(1.0 + (size - df + 0.5) / (df + 0.5)))


# A question's focus words are weighed by how rare they are; in a small coverage a word's document
# frequency is a small sample ("officially" in one passage of 150 weighs as much as a name), and the
# weights, hence the answer-or-refuse decision, swing as articles are added. So the coverage's passages are
# pooled with this many passages of ordinary English, where a word occurs as often as it does in English
# at large (index/data/english_stems.json): a large coverage's own counts outweigh it, a small one's do not.
PRIOR_PASSAGES = 200
# Words per passage of that ordinary English (a news paragraph or two).
PRIOR_PASSAGE_WORDS = 60
ENGLISH_STEMS = Path(__file__).parent.parent / "data" / "english_stems.json"


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    """Stem -> its frequency in English text (written by bench/english_stems.py)."""
    try:
        return dict(json.loads(ENGLISH_STEMS.read_text(encoding="utf-8"))["stems"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexCorruptError(f"{ENGLISH_STEMS} cannot be read ({e}); reinstall summitbot") from e


def english_frequency(token: str) -> float:
    """How often the stem ``token`` occurs in English text at large (0.0 for a word too rare to be listed)."""
    return _english().get(token, 0.0)


def steady_idf(size: int, df: int, token: str) -> float:
    """A word's idf over the coverage pooled with PRIOR_PASSAGES passages of ordinary English."""
    share = 1.0 - math.exp(-PRIOR_PASSAGE_WORDS * _english().get(token, 0.0))
    return _idf(size + PRIOR_PASSAGES, df + PRIOR_PASSAGES * share)


@dataclass(frozen=True)
class TermStats:
    """Document frequencies of every indexed token (what a Milvus reader keeps instead of a BM25 index:
    one entry per word, not per passage)."""

    size: int
    df: dict[str, int]

    def idf(self, token: str) -> float:
        return _idf(self.size, self.df.get(token, 0))

    def focus_idf(self, token: str) -> float:
        return steady_idf(self.size, self.df.get(token, 0), token)

    def knows(self, word: str) -> bool:
        return all(t in self.df for t in tokenize(word))


@dataclass(frozen=True)
class LexicalHits:
    """Passage ids and their exact BM25 scores, best first."""

    ids: np.ndarray
    scores: np.ndarray


class LexicalStore:
    """BM25 scores for every passage; queries are tokenised exactly as passages were. bm25s builds and
    saves the index; readers map its score matrix and vocabulary directly (no bm25s or SciPy import)."""

    def __init__(
        self,
        vocab: dict[str, int],
        scores: dict[str, np.ndarray],
        size: int,
        *,
        prune_from: int = PRUNE_FROM,
        bm25: object | None = None,
    ) -> None:
        self._vocab = vocab
        self._bm25 = bm25  # only a store just built keeps the bm25s object, to save it
        self._size = size
        self._prune_from = prune_from
        # The CSC score matrix: per token, the documents it occurs in and their BM25 weights.
        self._indptr = np.asarray(scores["indptr"])
        self._docs = np.asarray(scores["indices"])
        self._weights = np.asarray(scores["data"])
        self._df = np.diff(self._indptr)
        self._max_weight: np.ndarray | None = None  # per token, computed the first time pruning needs it

    def idf(self, token: str) -> float:
        """Inverse document frequency of a (tokenised) word; unseen words weigh most."""
        return _idf(self._size, self._count(token))

    def focus_idf(self, token: str) -> float:
        """A question's focus word's weight (``steady_idf``)."""
        return steady_idf(self._size, self._count(token), token)

    def _count(self, token: str) -> int:
        tid = self._vocab.get(token)
        return int(self._df[tid]) if tid is not None and tid < len(self._df) else 0

    def stats(self) -> TermStats:
        """The vocabulary's document frequencies, for a node that does not search locally."""
        return TermStats(self._size, {t: int(self._df[i]) for t, i in self._vocab.items() if i < len(self._df)})

    @classmethod
    def build(cls, texts: list[str]) -> LexicalStore:
        import bm25s  # heavy (SciPy): only writers need it

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        # An empty token list would make bm25s drop the document and shift ids: keep a placeholder.
        corpus = [tokenize(t) or ["\u2205"] for t in texts]
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        return cls(dict(bm25.vocab_dict), bm25.scores, len(texts), bm25=bm25)

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalStore:
        try:
            vocab = json.loads((directory / "vocab.index.json").read_text("utf-8"))
            # Memory-mapped: the score matrix stays on disk and in the page cache, not on the heap.
            scores = {
                part: np.load(directory / f"{part}.csc.index.npy", mmap_mode="r")
                for part in ("data", "indices", "indptr")
            }
        except (OSError, ValueError, KeyError) as e:
            raise IndexCorruptError(f"cannot read the BM25 index in {directory}") from e
        return cls(vocab, scores, size)

    def save(self, directory: Path) -> None:
        if self._bm25 is None:
            raise IndexCorruptError("a loaded BM25 index is saved by copying its version, not re-saved")
        self._bm25.save(str(directory), show_progress=False)  # type: ignore[attr-defined]

    def knows(self, word: str) -> bool:
        """True when every content word of ``word`` occurs somewhere in the indexed text."""
        vocab = self._vocab
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

    def _terms(self, query: str) -> list[int]:
        """Token ids of the query's words that are indexed; repeated words count again, as in BM25."""
        vocab = self._vocab
        return [tid for t in tokenize(query) if (tid := vocab.get(t)) is not None and tid < len(self._df)]

    def _accumulate(self, terms: list[int]) -> np.ndarray:
        scores = np.zeros(self._size, dtype=np.float32)
        for tid in terms:
            start, end = self._indptr[tid], self._indptr[tid + 1]
            # A token's documents are distinct, so a plain indexed add is exact (np.add.at is not needed).
            scores[self._docs[start:end]] += self._weights[start:end]
        return scores

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no query word is in the vocabulary)."""
        return self._accumulate(self._terms(query))

    def score_of(self, query: str, ids: np.ndarray) -> np.ndarray:
        """Exact BM25 scores of the given passages only, looked up in the postings."""
        return self._lookup(self._terms(query), np.asarray(ids, dtype=np.int64))

    def _lookup(self, terms: list[int], ids: np.ndarray) -> np.ndarray:
        # Sorted keys walk each (document-ordered) posting list forwards instead of jumping about it.
        order = np.argsort(ids, kind="stable")
        keys = ids[order]
        found_scores = np.zeros(len(ids), dtype=np.float32)
        for tid in terms:
            start, end = self._indptr[tid], self._indptr[tid + 1]
            if start == end:
                continue
            docs = self._docs[start:end]
            pos = np.minimum(np.searchsorted(docs, keys), end - start - 1)
            found = docs[pos] == keys
            found_scores[found] += self._weights[start:end][pos[found]]
        out = np.empty(len(ids), dtype=np.float32)
        out[order] = found_scores
        return out

    def search(self, query: str, k: int) -> LexicalHits:
        """The ``k`` best passages with their exact scores. On large archives, words in more than half of
        all passages are left out of the accumulation and added back only for the best candidates
        (MaxScore): exact, because the candidates are widened until nothing outside them can compete."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        terms = self._terms(query)
        common = [t for t in terms if self._size >= self._prune_from and self._df[t] > self._size // 2]
        rare = [t for t in terms if t not in common]
        if not common or not rare:
            scores = self._accumulate(terms)
            ids = self.top(scores, k)
            return LexicalHits(ids, scores[ids])
        partial = self._accumulate(rare)
        bound = float(sum(self._token_max(t) for t in common))
        want = 4 * k
        while want < self._size // 8:
            candidates = self.top(partial, want)
            full = partial[candidates] + self._lookup(common, candidates)
            order = np.argsort(-full, kind="stable")[:k]
            # Outside the candidates a passage has at most the last candidate's partial score (or 0 when
            # every passage with a partial score is a candidate), plus at most every common word's best.
            outside = float(partial[candidates[-1]]) if len(candidates) == want else 0.0
            if len(order) == k and float(full[order[-1]]) >= outside + bound:
                return LexicalHits(candidates[order], full[order])
            if len(candidates) < want:
                break  # every passage with a rare word is already a candidate: widening cannot help
            want *= 4
        scores = self._accumulate(terms)
        ids = self.top(scores, k)
        return LexicalHits(ids, scores[ids])

    def _token_max(self, tid: int) -> float:
        if self._max_weight is None:
            starts = self._indptr[:-1]
            nonempty = self._df > 0
            best = np.zeros(len(self._df), dtype=np.float32)
            best[nonempty] = np.maximum.reduceat(self._weights, starts[nonempty]) if self._weights.size else 0.0
            self._max_weight = best
        return float(self._max_weight[tid])


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
