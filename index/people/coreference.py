"""Who "he" and "she" are: the people an article has made subjects, most recent first, and the gender
the article itself gives each of them (the pronouns it uses of them), so that "she said" after a
sentence about her father is hers, not his."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from index.people.quotation import unquoted
from index.people.registry import PeopleRegistry, Person
from seeds_loader import Article
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

# What votes: the first pronoun of a sentence that names nobody, right after one naming a single person
# ("For Park Se-hoon, ... A geneticist ..., he knows"; "X intends ... His daughter ..."), and a reflexive
# in the naming sentence itself ("calls herself"). Pronouns beside another name ("her son, X") do not.
_FIRST_PRONOUN = LazyPattern(r"\b(she|he|her|his|him|She|He|Her|His)\b")
_REFLEXIVE = LazyPattern(r"\b(herself|himself)\b")
_NAME_TOKENS = LazyPattern(r"[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,2}")
_HISTORY = 8  # subjects remembered


def article_genders(article: Article, registry: PeopleRegistry) -> dict[str, str]:
    """ "f" or "m" for the people of the article whose pronouns it makes clear: a sentence that names
    exactly one person in full (outside quotation marks) votes with its pronouns, and so does the
    sentence after it when that one names nobody; a person needs a clear majority."""
    votes: dict[str, Counter[str]] = {}
    for paragraph in article.paragraphs:
        masked = unquoted(paragraph.text)
        texts = [masked[s.start - paragraph.start : s.end - paragraph.start] for s in paragraph.sentences]
        named = [_named(t, registry) for t in texts]
        for i, people in enumerate(named):
            if len(people) != 1:
                continue
            person = next(iter(people))
            found = [m.group(1) for m in _REFLEXIVE.finditer(texts[i])]
            if i + 1 < len(texts) and not named[i + 1] and (first := _FIRST_PRONOUN.search(texts[i + 1])):
                found.append(first.group(1))
            for word in found:
                votes.setdefault(person, Counter())["f" if word.lower() in ("she", "her", "herself") else "m"] += 1
        # "Jeon Mi-ra drove her father, Jeon Sang-gu, ...": a relative is the possession of the sentence's
        # first person named before it, whatever else the sentence names.
        for text in texts:
            if not any(word in text for word in _POSSESSIVES):
                continue  # most sentences hold no possessive: skip the pattern
            for m in _kin_pattern().finditer(text):
                if (owner := _first_named(text[: m.start()], registry)) is not None:
                    votes.setdefault(owner, Counter())["f" if m.group(1).lower() == "her" else "m"] += 1
    for person_id in {p for people in _article_people(article, registry) for p in people}:
        person = registry.get(person_id)
        for role in person.roles:
            words = role.lower().split()
            if (gender := next((g for noun, g in _gendered().items() if noun in words), None)) is not None:
                votes.setdefault(person_id, Counter())[gender] += 10  # a relation the text states outweighs pronouns
    out = {}
    for person, counts in votes.items():
        (top, n), *rest = [*counts.most_common(), ("", 0)]
        if n > 2 * rest[0][1]:
            out[person] = top
    return out


def _first_named(text: str, registry: PeopleRegistry) -> str | None:
    """The first person ``text`` names in full."""
    return next(_names_in(text, registry), None)


_POSSESSIVES = ("her ", "his ", "Her ", "His ")


@cache
def _kin_pattern() -> LazyPattern:
    nouns = "|".join(sorted(_gendered(), key=len, reverse=True))
    return LazyPattern(rf"\b(her|his)\s(?:(?:late|elder|older|younger|only|eldest|youngest)\s)?(?:{nouns})s?\b", re.I)


def _article_people(article: Article, registry: PeopleRegistry) -> list[set[str]]:
    return [_named(p.text, registry) for p in article.paragraphs]


@cache
def _gendered() -> dict[str, str]:
    entries = (line.split(maxsplit=1) for line in word_list("gendered_roles", "index"))
    return {noun: gender for gender, noun in entries}


def _named(text: str, registry: PeopleRegistry) -> set[str]:
    return set(_names_in(text, registry))


def _names_in(text: str, registry: PeopleRegistry) -> Iterator[str]:
    """The people ``text`` names in full, in order: each run of capitalised words by its longest tail that
    is someone's name."""
    for m in _NAME_TOKENS.finditer(text):
        words = m.group(0).split()
        for i in range(len(words) - 1):
            if (person := registry.lookup(" ".join(words[i:]))) is not None:
                yield person.id
                break


class Salience:
    """The people recently made subjects in an article, most recent last, with their genders."""

    def __init__(self, genders: dict[str, str]) -> None:
        self._genders = genders
        self._recent: list[Person] = []
        self._mentioned: list[Person] = []  # anyone named, subject or not, most recent last

    def push(self, person: Person) -> None:
        if self._recent and self._recent[-1] is person:
            return
        self._recent = [*[p for p in self._recent if p is not person][-(_HISTORY - 1) :], person]

    def mention(self, person: Person) -> None:
        self._mentioned = [*[p for p in self._mentioned if p is not person][-(_HISTORY - 1) :], person]

    def resolve(self, pronoun: str) -> Person | None:
        """The most recent subject "he" or "she" can mean: a person of the other gender is passed over.
        With none, the person last named at all whom the article gives that gender ("Jeon Mi-ra drove her
        father, Jeon Sang-gu, ..." then "he said": the father, named but never a subject)."""
        wanted = "f" if pronoun.lower() in ("she", "her") else "m"
        subject = next((p for p in reversed(self._recent) if self._genders.get(p.id, wanted) == wanted), None)
        if subject is not None:
            return subject
        named = next((p for p in reversed(self._mentioned) if self._genders.get(p.id) == wanted), None)
        if named is not None:
            return named
        # ... or, when nobody named is known to be of that gender, the one person named whom the article gives
        # no gender at all ("Choi Eun-hee's sixth-graders ..." then "she said": only Choi can be meant).
        open_ = [p for p in self._mentioned if p.id not in self._genders]
        return open_[0] if len(open_) == 1 else None
