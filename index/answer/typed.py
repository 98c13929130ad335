"""The question as typed, read as the encoder and the rules read a question best: without a greeting, with
its chat shorthand spelled out, with its question mark. Done once, before the question is analysed."""

from __future__ import annotations

import re
from functools import cache

from seeds_loader.wordlists import alternation, word_list

_QUESTION_WORD = re.compile(
    r"^(?:what|what's|who|who's|whom|whose|when|where|why|how|which|did|does|do|is|are|was|were|has|have|had|"
    r"can|could|will|would|should|any)\b",
    re.I,
)


_GREETING = re.compile(r"^(?:(?:hey|hi|hello|ok|okay|so|um|quick question|question|q|please|pls)\b[,:;!.]?\s+)+", re.I)


@cache
def _shorthand_words() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in word_list("chat_shorthand", "index"))
    return {short.strip().lower(): words.strip() for short, words in pairs}


@cache
def _shorthand() -> re.Pattern[str]:
    """Chat shorthand ("wat did kihara say abt the families"), whole words in any case."""
    return re.compile(rf"(?<![\w’'])(?:{alternation(_shorthand_words())})(?![\w’'])", re.I)


def as_question(question: str) -> str:
    """The question as the encoder reads it best: without a greeting ("hey, what did ..."), its chat
    shorthand spelled out ("wat", "abt"), with its question mark. A staffer in a hurry types "how long did
    the talks last" and the encoder, trained on questions that end in one, ranks differently without it (two
    dev questions' best passages changed). Case needs nothing: the encoder is uncased."""
    question = _GREETING.sub("", question) or question
    question = _shorthand().sub(lambda m: _shorthand_words()[m.group(0).lower()], question)
    if question.endswith("?") or not _QUESTION_WORD.match(question):
        return question
    return question.rstrip(" .!") + "?"
