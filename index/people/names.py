"""How names and roles are written in news copy: the patterns that find a name, a title or a role before or after it,
and the evidence that a capitalised run is a person's full name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import alternation, word_list

# A capitalised word (with a hyphenated part: "Jae-myung"), a family name in capitals before the given name
# ("KIM Nam-joon", as Korean and Japanese copy often prints it), or an initial.
NAME_TOKEN = r"[A-Z][a-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*|[A-Z]{2,}(?=\s[A-Z][a-z])|[A-Z][a-z]?(?=\s[A-Z])"
NAME = rf"(?:{NAME_TOKEN})(?:\s(?:{NAME_TOKEN})){{0,2}}"
# A capitalised run long enough for a title of several words and a name of three ("Vice Interior Minister
# Kim Min-jae", "President Lee Jae Myung"): read whole, then its tails are tried as names.
LONG_NAME = rf"(?:{NAME_TOKEN})(?:\s(?:{NAME_TOKEN})){{0,5}}"


TITLE_WORDS = alternation(word_list("titles", "index"))


ROLE_WORDS = alternation(word_list("role_nouns", "index"))
_ROLE_SET = frozenset(w.lower() for w in word_list("role_nouns", "index"))


def is_role_word(word: str) -> bool:
    """A noun that names a person's role ("ambassador", "spokesperson"), also in the plural."""
    lowered = word.lower()
    return lowered in _ROLE_SET or (lowered.endswith("s") and lowered[:-1] in _ROLE_SET)


REPORTING_VERBS = alternation(word_list("reporting_verbs", "index"), escape=False)


NOT_NAMES = frozenset(word_list("non_names", "index"))


_PORTFOLIO = frozenset(word_list("portfolio_words", "index"))
_INSTITUTION_WORDS = frozenset(word_list("institution_words", "index"))
_INSTITUTION_LOWER = frozenset(w.lower() for w in _INSTITUTION_WORDS)


def is_institution_word(word: str) -> bool:
    """The head word of an institution ("ministry", "Agency"), in any case."""
    return word.lower() in _INSTITUTION_LOWER


# Capitalised words before a title belong to the role: "U.S. Ambassador", "Samsung Electronics Chairman".
# ... but not the word that ends the sentence before ("... in Nara. President Lee"): only an abbreviation
# ("U.S.", "Dr.") may carry a full stop.
_ROLE_PREFIX = r"(?:(?:[A-Z][\w’'-]*|[A-Z](?:\.[A-Z])+\.|[A-Z][a-z]{0,2}\.)\s){0,3}"
_TITLED = LazyPattern(rf"(?<![\w-])({_ROLE_PREFIX}(?i:{TITLE_WORDS}))(?:\s((?:to|of|for)\s[A-Z][\w.]*))?\s({NAME})")
# A lower-case role before the name: "presidential spokesperson Kang Yu-jung", "first lady Kim Hea Kyung".
_ROLE_BEFORE = LazyPattern(rf"(?<![\w’'-])((?:[a-z][\w-]*\s){{0,2}}(?:{ROLE_WORDS}))\s({NAME})")
_POSSESSOR = r"(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}[’']s\s)"
# Role after the name: "Xue Jian, China’s consul general in Osaka", "Peng Liyuan, the wife of ...".
_APPOSITIVE = LazyPattern(
    rf"({NAME}),\s(?:\d{{1,3}},\s)?((?:(?:a|an|the)\s|{_POSSESSOR})?(?:[\w’'-]+\s){{0,4}}?(?:[a-z]{{2,4}}-)?(?i:{ROLE_WORDS})\b[^.;“”\"]*?)"
    r"(?=[.;,“\"]|$)"
)
_WHO_CLAUSE = LazyPattern(rf"({NAME}),\swho\s([^,.;“”\"]+)")
# ... or a noun no role list holds, told as what the person is by the clause about them after it: "Ishikawa
# Rei, a music critic who has written about Korean pop" (the "who" says a person is described).
_DESCRIBED_WHO = LazyPattern(rf"({NAME}),\s((?:a|an)\s(?:[a-z][\w-]*\s){{0,3}}[a-z][\w-]*)\s(?:who|whose)\s")
# Role first, then one name or a list: "Japan’s ambassador, Kenji Kanasugi," "Two Korean divers, A and B,".
# ... also behind a prefix: "Its co-leader, Yoko Inoue, said".
_ROLE_FIRST = LazyPattern(
    rf"(?<![\w’'-])((?:[a-z]{{2,4}}-)?(?i:{ROLE_WORDS})s?),\s({NAME}(?:,\s{NAME})*(?:,?\sand\s{NAME})?),"
)
# Words a role phrase may start with, walking back from its noun: "Two Korean divers", "Japan’s ambassador".
_ROLE_LEAD = LazyPattern(r"^(?:[a-z][\w-]*|[A-Z][\w.-]*[’']s|[A-Z][a-z]+(?:an|ese|ish|i)|\d+|[A-Z][a-z]+)$")


FUNCTION_WORDS = frozenset(
    "a an the and or but by to of over with for from at on in into as than that which who whom "
    "his her their its my our two three four five six several some many other".split()
)


_CAPITALISED_RUN = LazyPattern(r"[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*)*")
_VERBISH = LazyPattern(r"\b(?:has|have|had|was|were|is|are|will|would|been)\b")
_TITLE_TOKENS = frozenset(
    w for entry in word_list("titles", "index") + word_list("role_nouns", "index") for w in entry.title().split()
)
_INVERTED_VERBS = r"said|says|added|adds|noted|notes|stated|wrote|writes|explained|recalled|replied|continued"


# ... the role between may be in apposition: "said the group's co-leader, Yoko Inoue".
SAID_NAME = LazyPattern(
    rf"\b(?:{_INVERTED_VERBS})\s((?:[a-z][\w-]*\s){{0,2}}|the\s(?:[a-z][\w’'-]*\s){{0,3}}[a-z][\w-]*,\s)?({NAME})"
)


NAME_SAID = LazyPattern(rf"\b({NAME})\s(?:\w+ly\s)?(?:{REPORTING_VERBS})\b")


NAME_RE = LazyPattern(LONG_NAME)


# "X heads the international exchange division of ...": the post is the person's role.
_HEADS = LazyPattern(rf"({NAME})\s(heads|leads|runs|chairs|directs)\s(the\s[^,.;]+?)(?=[,.;]|\sand\s|$)")


# A sentence that opens with a role ("A forensic geneticist at Sorim University ..., he knows ...")
# describes the one person the sentence before named.
# Beyond the role list, an agent noun (geneticist, researcher, director, librarian) in that place is one.
DESCRIBED = LazyPattern(
    rf"^(?:An?)\s((?:[\w-]+\s){{0,3}}?(?:(?i:{ROLE_WORDS})|[a-z]+(?:ist|er|or|ian))"
    r"(?:\s(?:at|of|for|in|with)\s[A-Z][^,.;]*)?)(?=[\s,])"
)


_ACCORDING_TO = LazyPattern(rf"\baccording to\s((?:[a-z][\w-]*\s){{0,2}})?({NAME})")
# A quotation's credit line, set under it: "— Inoue Yoko, co-leader of the citizens' group that found it".
DASH_CREDIT = LazyPattern(
    # ... or an embedded post's: "— Some Lawmaker (@somelawmaker) January 13, 2026"
    rf"^[—–]{{1,2}}\s*({NAME})(?:,\s(.{{3,120}})|\s\(@[\w.]+\)(?:\s.{{0,40}})?)?$"
)


@lru_cache(maxsize=50_000)
def name_key(name: str) -> str:
    """Spelling-insensitive key: "Lee Jae-myung" and "Lee Jae Myung" share "leejaemyung"; "Kōno Tarō" and
    "Kono Taro" share "konotaro" (accents and macrons are a romanisation's, not a different name)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-’'.]", "", folded).lower()


_GIVEN_NAME = LazyPattern(r"^[A-Z][a-z]+-[a-z]+$")


def is_name_like(name: str) -> bool:
    """A capitalised phrase that could be a person's name: no institution or place head word in it
    ("Lu Xun Park", "Blue House"), except a family name that is also such a word before a hyphenated
    given name ("Park Se-hoon", "Park Yoon-joo")."""
    words = [re.sub(r"[’']s$", "", w) for w in name.split()]
    if len(words) == 2 and words[0] in _INSTITUTION_WORDS and _GIVEN_NAME.match(words[1]):
        return True
    return not any(w in _INSTITUTION_WORDS for w in words)


def clean_name(name: str, text: str = "", start: int = -1) -> str | None:
    words = name.split()
    while words and words[-1] in NOT_NAMES:
        words.pop()
    # Leading function words and title words ("Minister Sanae Takaichi") are not the name, nor are the
    # words of a longer title before its last title word ("Foreign Minister Cho Hyun").
    titled = [i for i, w in enumerate(words[:-1]) if w in _TITLE_TOKENS]
    if titled:
        words = words[titled[-1] + 1 :]
    while words and (words[0] in NOT_NAMES or words[0] in _TITLE_TOKENS or words[0] in _PORTFOLIO):
        words.pop(0)
    if not words or not is_name_like(" ".join(words)):
        return None
    # "the Blue House", "the Korea Herald": a determiner before a name marks a thing, not a person.
    if start > 0 and re.search(r"\b(?:the|a|an)\s$", text[max(0, start - 5) : start], re.I):
        return None
    return " ".join(words)


def _role_before(text: str, start: int, noun: str) -> str:
    """The role phrase ending in ``noun`` that starts at ``start``, grown back over up to three modifiers."""
    words = text[:start].split()[-3:]
    kept: list[str] = []
    for word in reversed(words):
        if word.lower() in FUNCTION_WORDS or not _ROLE_LEAD.match(word) or word.endswith("ed"):
            break
        kept.insert(0, word)
        if word.endswith(("’s", "'s")):
            break  # "Japan’s ambassador": the possessor opens the phrase
    return " ".join([*kept, noun])


# Words that open a sentence or clause, capitalised there, before a title: "When President Lee took office".
_OPENERS = FUNCTION_WORDS | frozenset(
    "when after before while since although though because if as once until unless then so yet also "
    "today yesterday tomorrow meanwhile later earlier".split()
)


def _without_opening(role: str) -> str:
    """A title without the words a sentence opened with before it ("When President" -> "President")."""
    words = role.split()
    while len(words) > 1 and words[0].lower() in _OPENERS:
        words.pop(0)
    return " ".join(words)


# A post held at a body: the capitalised words after it name the body ("president of Tsubasa Materials",
# "a professor at Doshisha University"), where those after "the wife of" name a person.
_POST_AT = LazyPattern(
    r"\b(?:president|chairman|chairwoman|chair|head|director|founder|chief|owner|manager|professor|lecturer|"
    r"researcher|member|secretary|spokesperson|spokesman|spokeswoman|editor|mayor|governor)\s(?:of|at)\s(?:the\s)?$",
    re.I,
)


def appositive_role(role: str) -> str | None:
    """An appositive describes the person up to any relative clause; one that runs into another clause or
    names another person is not a description."""
    role = re.split(r"\s(?:who|which|that|whose|where)\s", role)[0]
    if _VERBISH.search(role) or len(role.split()) > 14:
        return None
    names = (
        clean_name(m.group(0))
        for m in _CAPITALISED_RUN.finditer(role)
        if not _POST_AT.search(role[: m.start()])  # "president of Tsubasa Materials": a body, not a person
    )
    return None if any(n is not None and len(n.split()) > 1 for n in names) else role


def _names_in(listing: str) -> list[str]:
    return [n for n in re.split(r",\s|,?\sand\s", listing) if n]


def full_name_evidence(text: str) -> Iterable[tuple[str, str | None]]:
    """(name, role or None) for every confirmed person mention in ``text``; names of one word only
    after a title ("President Lee"), since one capitalised word alone is as often a place."""
    for m in _TITLED.finditer(text):
        if m.group(2) and m.group(1).split()[-1].islower():
            # "president of Tsubasa Materials": a post described, not a title before a name ("Minister for
            # Trade Ahn Duk-geun"); the capitalised words after "of" are the body's name, not a person's.
            continue
        role = " ".join(g for g in (_without_opening(m.group(1)), m.group(2)) if g)
        if (name := clean_name(m.group(3), text, m.start(3))) is not None:
            # The words of the title the name pattern took in ("for Public | Communication Lee Kyu-yeon").
            portfolio = m.group(3)[: m.group(3).rfind(name)].strip()
            yield name, f"{role} {portfolio}" if portfolio and m.group(2) else role
    for m in _ROLE_BEFORE.finditer(text):
        if (name := multiword_name(m.group(2), text, m.start(2))) is not None:
            yield (
                name,
                _role_before(text, m.start(1) + len(m.group(1)) - len(m.group(1).split()[-1]), m.group(1).split()[-1]),
            )
    for m in _APPOSITIVE.finditer(text):
        name = multiword_name(m.group(1), text, m.start(1))
        if name is not None and (role := appositive_role(m.group(2))) is not None:
            yield name, role
    for m in _WHO_CLAUSE.finditer(text):
        name = multiword_name(m.group(1), text, m.start(1))
        if name is not None and (role := appositive_role(m.group(2))) is not None:
            yield name, role
    for m in _DESCRIBED_WHO.finditer(text):
        name = multiword_name(m.group(1), text, m.start(1))
        if name is not None and not _APPOSITIVE.match(text, m.start()) and (role := appositive_role(m.group(2))):
            yield name, role
    for m in _ROLE_FIRST.finditer(text):
        noun = m.group(1)
        # "Two Korean divers, A and B": each of them is a Korean diver.
        singular = noun[:-1] if noun.lower().endswith("s") and noun[:-1].lower() in _ROLE_SET else noun
        role = _role_before(text, m.start(1), singular)
        for listed in _names_in(m.group(2)):
            if (name := multiword_name(listed)) is not None:
                yield name, role
    for m in _HEADS.finditer(text):
        if (name := multiword_name(m.group(1), text, m.start(1))) is not None:
            yield name, f"head of {m.group(3)}"
    for m in _APPOINTED.finditer(text):
        if (name := multiword_name(m.group(1), text, m.start(1))) is not None:
            yield name, m.group(2)
    if (m := DASH_CREDIT.match(text.strip())) is not None and (name := multiword_name(m.group(1))) is not None:
        role = re.split(r"\s(?:who|which|that|whose|where)\s", m.group(2))[0].strip(" .") if m.group(2) else None
        yield name, role if role and not _VERBISH.search(role) else None
    for pattern, group in ((SAID_NAME, 2), (NAME_SAID, 1), (_ACCORDING_TO, 2)):
        for m in pattern.finditer(text):
            # "Officials said" is not a person: a reporting verb alone only confirms a full name.
            if (name := multiword_name(m.group(group), text, m.start(group))) is not None:
                role = m.group(1) if group == 2 and m.group(1) else None
                yield name, role.strip() if role else None


# A post someone is given: "named Cho Tae-yong, a former national security adviser, as South Korea's new
# ambassador to Japan", "appointed Kim Min-ji to be the ministry's spokesperson".
_APPOINTED = LazyPattern(
    rf"\b(?:named|appointed|nominated|picked|chose|tapped|elected)\s({NAME})(?:,\s[^,;.]{{1,80}},)?\s(?:as|to\sbe)\s"
    rf"((?:(?:a|an|the)\s|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?[’']s\s)?(?:[\w-]+\s){{0,3}}?(?i:{ROLE_WORDS})"
    rf"(?:\s(?:to|of|for|at)\s(?:the\s)?[A-Z][\w-]*(?:\s[A-Z][\w-]*){{0,3}})?)\b"
)


def multiword_name(name: str, text: str = "", start: int = -1) -> str | None:
    cleaned = clean_name(name, text, start)
    return cleaned if cleaned is not None and len(cleaned.split()) > 1 else None


def from_capitals(text: str) -> str:
    """A label or name printed in capitals as names are written: "PARK JI-HOON" -> "Park Ji-hoon" (a
    hyphenated given name, as Korean names are romanised, continues in lower case)."""
    words = []
    for word in text.split():
        first, *rest = word.split("-")
        first = re.sub(r"[^\W\d_]", lambda m: m.group(0).upper(), first.lower(), count=1)  # "(PARK" -> "(Park"
        words.append("-".join([first, *(r.lower() for r in rest)]))
    return " ".join(words)
