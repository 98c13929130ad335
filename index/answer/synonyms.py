"""A question's word the passage says in other words ("what does the ambassador say is still hard" under the
printed "What is still difficult?"; "what papers do I need" over "What documents do I need?"): two words whose
embeddings, each encoded alone, lie close. No word list: the encoder already knows these."""

from __future__ import annotations

import re

import numpy as np

from index.encode.embedder import Embedder
from index.text.tokens import tokenize

# The cosine of two words encoded alone (all-MiniLM-L6-v2) at which one says the other: "hard"/"difficult"
# 0.83, "trust"/"trusted" 0.82, "cost"/"price" 0.74, "papers"/"documents" 0.69, "hurt"/"injured" 0.66; words
# merely of one subject lie lower ("fare"/"ticket" 0.54, "champions"/"won" 0.51, "hurt"/"collision" 0.33).
SIMILAR = 0.65
_CACHE = 50_000  # words (384 floats each: about 75 MB at most)
_WORD = re.compile(r"[A-Za-z][a-z’'-]+")


class WordVectors:
    """Words encoded alone, each once."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def said_otherwise(self, word: str, text: str) -> str | None:
        """The word of ``text`` (its content words) closest to ``word`` when at least SIMILAR, else None."""
        own = set(tokenize(word))
        candidates = [
            w
            for w in dict.fromkeys(m.group(0).lower() for m in _WORD.finditer(text))
            if (t := tokenize(w)) and set(t) != own
        ]
        if not candidates:
            return None
        vectors = self._encoded([word.lower(), *candidates])
        scores = np.stack([vectors[w] for w in candidates]) @ vectors[word.lower()]
        best = int(np.argmax(scores))
        return candidates[best] if float(scores[best]) >= SIMILAR else None

    def _encoded(self, words: list[str]) -> dict[str, np.ndarray]:
        missing = [w for w in words if w not in self._vectors]
        if missing:
            if len(self._vectors) + len(missing) > _CACHE:
                self._vectors.clear()
            self._vectors.update(zip(missing, self._embedder.encode(missing), strict=True))
        return {w: self._vectors[w] for w in words}
