"""Stage 0: the question as the coverage spells it. A staffer on deadline types "MOUs" where the articles
say "memorandums of understanding", or "Takiachi" for "Takaichi"; read literally, either is a name the
coverage lacks and the question is refused as not covered when the coverage does answer it. Before the
analysis, each capitalised word the coverage never uses is looked for in the passages nearest the question
(the vector search copes with both): an acronym's long form, or one name spelled within a letter or two
(a letter swapped, dropped or doubled). What is found replaces the typed word and is said in the answer;
what is not stays, and is refused as unknown as before. Questions without such a word (nearly all) cost
nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.search.retrieval import VectorRetriever
from index.store.lexical import english_frequency
from index.store.loaded import LoadedIndex
from index.text.acronyms import SMALL_WORDS, acronym_letters, long_form
from index.text.tokens import tokenize

# How many of the nearest passages the coverage's spelling is looked for in.
SPELL_POOL = 50
# Shorter words are too close to too many others to be corrected.
MIN_CORRECTED = 5

_CAPITALISED_WORD = re.compile(r"(?<![\w’'-])[A-Z][\w’']*(?:-[\w’']+)*")
_NAME_GROUP = re.compile(r"(?<![\w’'-])[A-Z][\w’']*(?:-[\w’']+)*(?:\s+[A-Z][\w’']*(?:-[\w’']+)*)*")
_POSSESSIVE = re.compile(r"[’']s?$")
# Capitalised words every story may use without the nearest passages holding them.
_CALENDAR = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


@dataclass(frozen=True)
class Spelled:
    """The question as read, and each word read otherwise than typed (typed, read)."""

    text: str
    read_as: tuple[tuple[str, str], ...] = ()

    def note(self) -> str | None:
        """What the answer says about it: "read “Takiachi” as “Takaichi”"."""
        if not self.read_as:
            return None
        return "read " + ", ".join(f"“{typed}” as “{read}”" for typed, read in self.read_as)


def spell_out(question: str, index: LoadedIndex, retriever: VectorRetriever, vector: np.ndarray) -> Spelled:
    opening = len(question) - len(question.lstrip())  # the question's first word is capitalised anyway
    unknown = [
        w
        for m in _CAPITALISED_WORD.finditer(question)
        if (acronym_letters(w := m.group(0)) or (len(w) >= MIN_CORRECTED and m.start() != opening))
        and not index.knows(w)
    ]
    # Chat is typed in lower case: "when did the jcs detect it" means the Joint Chiefs of Staff as surely as
    # "JCS" does. A short word the coverage never uses may be an acronym; it is read as one only where the
    # nearest passages spell it out in capitalised words.
    lowered = {w: _as_acronym(w) for w in _LOWER_WORD.findall(question) if not index.knows(w) and not _common(w)}
    unknown += [w for w in lowered if w not in unknown]
    if not unknown:
        return Spelled(question)
    texts = [hit.passage.text for hit in retriever.search_with_vector(question, vector, SPELL_POOL)]
    names: set[str] | None = None  # read only when a capitalised word is to be mended
    # A word of a longer name is mended only when the rest of that name is known: in "Kim Hea Kyung", where
    # "Hea" is unknown too, "Kyung" is someone else's name, not a slip for "Myung".
    strangers: set[str] = set()
    for group in _NAME_GROUP.finditer(question):
        words = _CAPITALISED_WORD.findall(group.group(0))
        if sum(not index.knows(w) for w in words) > 1:
            strangers.update(words)
    read_as = []
    for typed in dict.fromkeys(unknown):
        if typed in lowered:
            word, form = typed, lowered[typed]
            spelled = (long_form(form, text) for text in texts)
            found = next((f for f in spelled if f is not None and _capitalised(f)), None)
        elif acronym_letters(typed):
            word = typed
            found = next((form for text in texts if (form := long_form(word, text)) is not None), None)
        elif typed in strangers:
            continue
        else:
            word = _POSSESSIVE.sub("", typed)  # "Kroea's": the name is "Kroea"
            names = _names(texts, index) if names is None else names
            found = closest_name(word, names)
        if found is not None:
            question = re.sub(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", found, question)
            read_as.append((word, found))
    return Spelled(question, tuple(read_as))


# A word more frequent in English than this (one in ten thousand: "ask", "stop", "plan") is typed as a word;
# acronyms chat may type in lower case are rarer ("pm" is one in twenty thousand, "jcs" not listed).
COMMON_WORD = 1e-4
_LOWER_WORD = re.compile(r"(?<![\w’'.-])[a-z]{2,6}(?![\w’'-])")


def _as_acronym(word: str) -> str:
    """A word typed in lower case as its acronym would be printed: "jcs" -> "JCS", "mous" -> "MOUs"."""
    return word[:-1].upper() + "s" if len(word) > 3 and word.endswith("s") else word.upper()


def _common(word: str) -> bool:
    """An everyday English word ("ask", "plan"): a word typed in lower case, never an acronym."""
    return any(english_frequency(t) >= COMMON_WORD for t in tokenize(word))


def _capitalised(phrase: str) -> bool:
    """``phrase`` begins and ends with a capitalised word and every word between but the small ones is
    capitalised: a name's long form ("Joint Chiefs of Staff"), not running text ("and South Korean")."""
    words = re.findall(r"[A-Za-z][\w’'-]*", phrase)
    return (
        bool(words)
        and all(w[0].isupper() for w in (words[0], words[-1]))
        and all(w[0].isupper() for w in words if w.lower() not in SMALL_WORDS)
    )


def _names(texts: list[str], index: LoadedIndex) -> set[str]:
    """The capitalised words of the nearest passages, the words of the coverage's people's names, the calendar's."""
    names = {_POSSESSIVE.sub("", m.group(0)) for text in texts for m in _CAPITALISED_WORD.finditer(text)}
    return names | {w for p in index.people.people.values() for v in p.variants for w in v.split()} | _CALENDAR


def closest_name(word: str, names: set[str]) -> str | None:
    """The one name within the edits a typing slip makes: one for a word of up to seven letters, two for a
    longer one (a swap of two letters counts one). None when there is none, or two equally close."""
    from rapidfuzz.distance import DamerauLevenshtein

    allowed = 1 if len(word) < 8 else 2
    lowered = word.lower()
    scored = sorted(
        (d, name)
        for name in names
        if abs(len(name) - len(word)) <= allowed
        and (d := DamerauLevenshtein.distance(lowered, name.lower(), score_cutoff=allowed)) <= allowed
    )
    if not scored or (
        len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1].lower() != scored[0][1].lower()
    ):
        return None
    return scored[0][1]
