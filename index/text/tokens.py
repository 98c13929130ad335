"""Lexical normalisation shared by BM25 indexing and queries: tokens, stop words, stems."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Small on purpose: BM25's idf handles the rest, and words like "said" or "who" matter for quotes.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "do",
        "does",
        "did",
        "what",
        "which",
        "when",
        "where",
        "how",
        "why",
        "whom",
        "whose",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "shall",
        "has",
        "have",
        "had",
        "not",
        "no",
        "nor",
        "so",
        "than",
        "too",
        "very",
        "about",
        "into",
        "over",
        "under",
        "between",
        "after",
        "before",
        "during",
        "also",
        "just",
    ]
)


# News copy abbreviates months ("Oct. 30"); questions spell them out.
_MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december",
}  # fmt: skip


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


# Irregular verb forms read as their base before stemming ("began" as "begin", "flew" as "fly"): a stemmer
# leaves them apart (written by bench/irregular_forms.py from the spaCy lemmatiser's exceptions).
IRREGULAR_VERBS = Path(__file__).parent.parent / "data" / "irregular_verbs.txt"


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    pairs = (line.split() for line in IRREGULAR_VERBS.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2 and not p[0].startswith("#")}


def irregular_form(word: str) -> bool:
    """``word`` (lower case) is an irregular verb form the spaCy lemmatiser lists ("met", "went", "flew")."""
    return word in _irregular()


def normalize_word(word: str) -> str:
    """A lower-cased word with month abbreviations spelled out ("Oct" -> "october")."""
    word = word.lower()
    return _MONTHS.get(word, word)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed content tokens; possessives and hyphenated names split into words."""
    words = [w.split("'")[0].split("’")[0] for w in _TOKEN.findall(text.lower())]
    irregular = _irregular()
    # A form of a stopword is one too ("done" is "do", "am" is "be"): looked up before and after.
    words = [
        w
        for w in (irregular.get(w, _MONTHS.get(w, w)) for w in words if w and w not in STOPWORDS)
        if w not in STOPWORDS
    ]
    return list(_stemmer().stemWords(words))


@lru_cache(maxsize=20_000)
def token_set(text: str) -> frozenset[str]:
    """The distinct tokens of ``text``, cached: passages and sentences are read again by every question
    that retrieves them, and an index version never changes its text (bounded: some tens of MB)."""
    return frozenset(tokenize(text))


# A verb and its noun a stemmer leaves apart, "collide" and "collision" ("collid", "collis"), "decide" and
# "decision", "explode" and "explosion", "conclude" and "conclusion": a stem of five letters or more ending in a
# vowel and "d" or "s" has the other for its twin. (Where the twin is no word, "period" and "perios", nothing
# holds it; shorter stems, "lead" and "leas" of "lease", are left alone.)
_TWINNED = re.compile(r"^(\w{3,}[aeiou])([ds])$")


# ... and a noun in "-ery" the stemmer keeps whole beside its verb's: "deliveries" and "delivered" ("deliveri",
# "deliv"), "recovery" and "recover", "machinery" and "machine".
_ERY = re.compile(r"^(\w{4,})eri$")


@lru_cache(maxsize=50_000)
def derivation_twin(stem: str) -> str | None:
    """The stem of the same word as verb or noun ("collis" -> "collid", "deliveri" -> "deliv"), or None."""
    if (ery := _ERY.match(stem)) is not None:
        return ery.group(1)
    m = _TWINNED.match(stem)
    return None if m is None else m.group(1) + ("s" if m.group(2) == "d" else "d")


# A word negated by its prefix speaks of what the word does: "Kim disagrees" answers "does Kim agree", "Japan is
# unhappy" "is Japan happy". "un-" and "non-" before a stem of four letters or more ("unless" is no negated
# "less"); "dis-" only where it negates ("discount", "display", "dismiss" are words of their own).
_NEGATED = re.compile(
    r"^(?:(?:un|non)(?!less$)(\w{4,})|dis(agre|approv|lik|trust|satisfi|honest|allow|continu|believ|obey|appear|"
    r"connect|qualifi|loyal|respect|regard|similar|advantag|favor|favour|pleas|prov|arm|courag|credit|abl))$"
)


@lru_cache(maxsize=1)
def _feelings() -> dict[str, frozenset[str]]:
    """Each stem of a word of feeling, with the stems of its family (index/data/feeling_words.txt)."""
    from seeds_loader.wordlists import word_list

    families = [frozenset(tokenize(line)) for line in word_list("feeling_words", "index")]
    return {stem: family for family in families for stem in family}


def with_twins(stems: frozenset[str]) -> frozenset[str]:
    """The stems with their twins: a text saying "collided" holds the question's "collision", one saying
    "disagrees" the question's "agree", one saying "I worry" the question's "afraid"."""
    feelings = _feelings()
    return (
        stems
        | frozenset(t for s in stems if (t := derivation_twin(s)) is not None)
        | frozenset(m.group(1) or m.group(2) for s in stems if (m := _NEGATED.match(s)) is not None)
        | frozenset(t for s in stems & feelings.keys() for t in feelings[s])
    )
