"""People in the coverage: names found by titles, appositives and reporting verbs, merged into one registry."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from seeds_loader import Article

NAME_TOKEN = r"[A-Z][a-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*|[A-Z][a-z]?(?=\s[A-Z])"
NAME = rf"(?:{NAME_TOKEN})(?:\s(?:{NAME_TOKEN})){{0,2}}"
_TITLES = (
    r"Vice President|President|Deputy Prime Minister|Prime Minister|Chief Cabinet Secretary|"
    r"(?:Foreign|Defen[cs]e|Protection|Finance|Trade|Unification|Economy|Industry) Minister|Minister|"
    r"Secretary of State|Secretary|Ambassador|(?:national |nationwide )?(?:security|safety) advis[eo]r|"
    r"Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Chairman|Chairwoman|Governor|Senator|Spokesperson|"
    r"Spokesman|Spokeswoman|Emperor|Chancellor|Premier"
)
_NATIONALITY = r"South Korean|North Korean|Korean|Japanese|Chinese|Venezuelan|American|U\.S\.|Taiwanese|Russian"
_TITLED = re.compile(rf"(?:\b({_NATIONALITY})\s)?(?i:\b({_TITLES}))\s({NAME})")
_ROLE_NOUNS = (
    r"professor|expert|analyst|adviser|advisor|minister|official|spokesperson|spokesman|spokeswoman|"
    r"ambassador|researcher|fellow|lawmaker|director|chief|president|economist|scholar|diplomat|"
    r"reporter|correspondent|secretary|lecturer|envoy|head"
)
_APPOSITIVE = re.compile(rf"({NAME}),\s(?:a|an|the)\s([^.,;“”\"]*?\b(?:{_ROLE_NOUNS})\b[^.;“”\"]*?)(?=[.;,“\"]|$)")
_ROLE_FIRST = re.compile(rf"(?<![\w’'])((?:[a-z-]+\s){{0,3}}(?:{_ROLE_NOUNS})),\s({NAME}),")
REPORTING_VERBS = (
    r"said|says|stated|states|noted|notes|told|tells|added|adds|emphasi[sz]ed|emphasi[sz]es|stressed|"
    r"stresses|argued|argues|warned|warns|explained|explains|acknowledged|acknowledges|advised|insisted|"
    r"insists|claimed|claims|predicted|predicts|described|describes|calls|called|urged|urges|pledged|"
    r"vowed|announced|asserted|remarked|commented|wrote|writes|asked|asks|suggested|suggests|"
    r"reiterated|confirmed|noting|stating|adding|saying|calling on|according to|say|spoke|speaks|"
    r"specified|specify|made (?:the|a|an) (?:\w+ )?(?:claim|remarks?|comments?|statement|pledge)"
)
_SAID_NAME = re.compile(rf"\b(?:said|says|noted|added|stated|wrote|asked)\s({NAME})")
_NAME_SAID = re.compile(rf"\b({NAME})\s(?:said|says|noted|added|stated|told|emphasi[sz]ed|stressed|warned)\b")
_NOT_NAMES = frozenset(
    """
    The A An In On At For But And Or If As By To Of With From This That These Those It Its They He
    She We Our Korea Japan China South North Seoul Tokyo Beijing Nara Asia Pacific January February
    March April May June July August September October November December Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Prime Minister President Foreign Japanese Korean Chinese
    American U.S. United States Amid While During After Before Despite Against Since Under Blue
    House Home Security National Adviser Advisor Professor Ambassador Secretary Chairman Governor
    Senator Dr Mr Ms Mrs Spokesperson Spokesman Emperor Chancellor Premier Officials Analysts
    Experts Critics Observers Sources Diplomats Authorities Residents Lawmakers Police Prosecutors
    Witnesses Organisers Organizers
    """.split()
)


def name_key(name: str) -> str:
    """Spelling-insensitive key: "Lee Jae-myung" and "Lee Jae Myung" share "leejaemyung"."""
    return re.sub(r"[\s\-’'.]", "", name).lower()


@dataclass
class Person:
    """One person, under all the spellings the coverage uses."""

    id: str
    name: str
    variants: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    def answers_to(self, short: str) -> bool:
        """True when a one-word reference ("Lee", "Takaichi") can mean this person."""
        key = name_key(short)
        return any(name_key(t) == key for v in self.variants for t in (v.split()[0], v.split()[-1]))

    def titles(self) -> set[str]:
        """The formal titles among this person's roles ("President", "Prime Minister")."""
        return {m.group(0) for r in self.roles for m in re.finditer(rf"(?i:\b(?:{_TITLES})\b)", r)}

    def add_role(self, role: str) -> None:
        role = re.sub(r"\s+", " ", role).strip(" ,.")
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)


class PeopleRegistry:
    """All people found in the coverage, with lookup by any spelling or by surname."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self.people: dict[str, Person] = {p.id: p for p in people}
        self._by_key: dict[str, str] = {}
        # One-word references ("Lee", "Takaichi") by the first or last word of any spelling.
        self._by_word: dict[str, list[Person]] = {}
        for person in self.people.values():
            for variant in person.variants:
                self._by_key[name_key(variant)] = person.id
                for word in {variant.split()[0], variant.split()[-1]}:
                    group = self._by_word.setdefault(name_key(word), [])
                    if person not in group:
                        group.append(person)

    def get(self, person_id: str) -> Person:
        return self.people[person_id]

    def lookup(self, name: str) -> Person | None:
        """The person with exactly this name (any known spelling), or None."""
        person_id = self._by_key.get(name_key(name))
        return self.people.get(person_id) if person_id else None

    def candidates(self, name: str) -> list[Person]:
        """Everyone ``name`` may refer to, most prominent first (full names, surnames, close spellings)."""
        exact = self.lookup(name)
        if exact is not None:
            return [exact]
        words = name.split()
        if len(words) == 1:
            found = list(self._by_word.get(name_key(name), ()))
        else:
            key = name_key(name)
            found = [p for p in self.people.values() if any(_close(name_key(v), key) for v in p.variants)]
        return sorted(found, key=lambda p: (-p.mentions, p.name))

    def resolve_short(self, short: str, article_id: str | None = None) -> Person | None:
        """A one-word reference, resolved to the most prominent match, preferring the same article."""
        found = self.candidates(short)
        local = [p for p in found if article_id in p.articles]
        return (local or found or [None])[0]


def _close(a: str, b: str) -> bool:
    """Spelling variants: same first three letters and at most one edit apart ("sunglac"/"sunglack")."""
    if a == b:
        return True
    if a[:3] != b[:3] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    return _edit_distance(a, b) <= 1


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    return " ".join(words) if words else None


def _full_name_evidence(text: str) -> Iterable[tuple[str, str | None]]:
    """(name, role or None) for every confirmed person mention in ``text``."""
    for m in _TITLED.finditer(text):
        title = " ".join(g for g in (m.group(1), m.group(2)) if g)
        if (name := _clean_name(m.group(3))) is not None:
            yield name, title
    for m in _APPOSITIVE.finditer(text):
        if (name := _clean_name(m.group(1))) is not None:
            yield name, m.group(2)
    for m in _ROLE_FIRST.finditer(text):
        if (name := _clean_name(m.group(2))) is not None:
            yield name, m.group(1)
    for pattern in (_SAID_NAME, _NAME_SAID):
        for m in pattern.finditer(text):
            # "Officials said" is not a person: a reporting verb alone only confirms a full name.
            if (name := _clean_name(m.group(1))) is not None and len(name.split()) > 1:
                yield name, None


def find_people(articles: list[Article]) -> PeopleRegistry:
    """Build the registry: multi-word names merge by spelling; one-word names join a full name if one fits."""
    people: list[Person] = []
    by_key: dict[str, Person] = {}

    def person_for(name: str) -> Person:
        key = name_key(name)
        if key in by_key:
            return by_key[key]
        found = next((p for p in people if any(_close(name_key(v), key) for v in p.variants)), None)
        if found is None:
            found = Person(id=key, name=name)
            people.append(found)
        by_key[key] = found
        return found

    singles: list[tuple[str, str | None, str]] = []
    for article in articles:
        for paragraph in article.paragraphs + article.captions:
            for name, role in _full_name_evidence(paragraph.text):
                if len(name.split()) == 1:
                    singles.append((name, role, article.id))
                    continue
                person = person_for(name)
                person.variants[name] += 0
                if role:
                    person.add_role(_role_text(role))
    for name, role, _ in singles:
        if not any(p.answers_to(name) for p in people):
            person = person_for(name)
            person.variants[name] += 0
            if role:
                person.add_role(_role_text(role))
    _count_mentions(people, articles)
    for person in people:
        person.name = max(person.variants, key=lambda v: (person.variants[v], len(v.split()), v))
    return PeopleRegistry(people)


def _role_text(role: str) -> str:
    # "Japanese Foreign Minister" is a role; so is "a professor at ...": drop leading articles only.
    return re.sub(r"^(?:a|an|the)\s", "", role.strip(), flags=re.I)


def _count_mentions(people: list[Person], articles: list[Article]) -> None:
    """Mentions per spelling, plus titled short references ("President Lee" counts for the Lee who is
    a president, not for every Lee); one combined pattern each, one pass per article."""
    variants: dict[str, list[Person]] = {}
    titled: dict[tuple[str, str], list[Person]] = {}
    for person in people:
        for variant in person.variants:
            variants.setdefault(variant, []).append(person)
        if len(person.tokens) > 1:
            for title in person.titles():
                for token in {person.tokens[0], person.tokens[-1]}:
                    titled.setdefault((title.lower(), token), []).append(person)
    if not variants:
        return
    by_length = sorted(variants, key=len, reverse=True)
    variant_re = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, by_length)) + r")(?![\w-])")
    titled_re = (
        re.compile(
            r"(?i:\b(" + "|".join(sorted({re.escape(t) for t, _ in titled}, key=len, reverse=True)) + r"))"
            r"\s(" + "|".join(sorted({re.escape(w) for _, w in titled}, key=len, reverse=True)) + r")(?![\w-])"
        )
        if titled
        else None
    )
    for article in articles:
        text = " ".join(p.text for p in article.paragraphs + article.captions)
        counts: Counter[str] = Counter()
        for m in variant_re.finditer(text):
            for person in variants[m.group(1)]:
                person.variants[m.group(1)] += 1
                counts[person.id] += 1
        if titled_re is not None:
            for m in titled_re.finditer(text):
                for person in titled.get((m.group(1).lower(), m.group(2)), ()):
                    counts[person.id] += 1
        for person in people:
            if counts[person.id]:
                person.mentions += counts[person.id]
                person.articles.add(article.id)
