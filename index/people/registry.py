"""People in the coverage: names found by titles, appositives and reporting verbs, merged into one registry."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from index.text.nlp import person_spans
from seeds_loader import Article
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

# A capitalised word (with a hyphenated part: "Jae-myung"), a family name in capitals before the given name
# ("KIM Nam-joon", as Korean and Japanese copy often prints it), or an initial.
NAME_TOKEN = r"[A-Z][a-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*|[A-Z]{2,}(?=\s[A-Z][a-z])|[A-Z][a-z]?(?=\s[A-Z])"
NAME = rf"(?:{NAME_TOKEN})(?:\s(?:{NAME_TOKEN})){{0,2}}"
# A capitalised run long enough for a title of several words and a name of three ("Vice Interior Minister
# Kim Min-jae", "President Lee Jae Myung"): read whole, then its tails are tried as names.
LONG_NAME = rf"(?:{NAME_TOKEN})(?:\s(?:{NAME_TOKEN})){{0,5}}"


def _alternation(entries: Iterable[str], *, escape: bool = True) -> str:
    items = sorted(set(entries), key=len, reverse=True)
    return "|".join(re.escape(e) if escape else e for e in items)


_TITLE_WORDS = _alternation(word_list("titles", "index"))
ROLE_WORDS = _alternation(word_list("role_nouns", "index"))
_ROLE_SET = frozenset(w.lower() for w in word_list("role_nouns", "index"))
REPORTING_VERBS = _alternation(word_list("reporting_verbs", "index"), escape=False)
_NOT_NAMES = frozenset(word_list("non_names", "index"))
_PORTFOLIO = frozenset(word_list("portfolio_words", "index"))
_INSTITUTION_WORDS = frozenset(word_list("institution_words", "index"))
# Capitalised words before a title belong to the role: "U.S. Ambassador", "Samsung Electronics Chairman".
# ... but not the word that ends the sentence before ("... in Nara. President Lee"): only an abbreviation
# ("U.S.", "Dr.") may carry a full stop.
_ROLE_PREFIX = r"(?:(?:[A-Z][\w’'-]*|[A-Z](?:\.[A-Z])+\.|[A-Z][a-z]{0,2}\.)\s){0,3}"
_TITLED = LazyPattern(rf"(?<![\w-])({_ROLE_PREFIX}(?i:{_TITLE_WORDS}))(?:\s((?:to|of|for)\s[A-Z][\w.]*))?\s({NAME})")
# A lower-case role before the name: "presidential spokesperson Kang Yu-jung", "first lady Kim Hea Kyung".
_ROLE_BEFORE = LazyPattern(rf"(?<![\w’'-])((?:[a-z][\w-]*\s){{0,2}}(?:{ROLE_WORDS}))\s({NAME})")
_POSSESSOR = r"(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}[’']s\s)"
# Role after the name: "Xue Jian, China’s consul general in Osaka", "Peng Liyuan, the wife of ...".
_APPOSITIVE = LazyPattern(
    rf"({NAME}),\s(?:\d{{1,3}},\s)?((?:(?:a|an|the)\s|{_POSSESSOR})?(?:[\w’'-]+\s){{0,4}}?(?i:{ROLE_WORDS})\b[^.;“”\"]*?)"
    r"(?=[.;,“\"]|$)"
)
_WHO_CLAUSE = LazyPattern(rf"({NAME}),\swho\s([^,.;“”\"]+)")
# Role first, then one name or a list: "Japan’s ambassador, Kenji Kanasugi," "Two Korean divers, A and B,".
_ROLE_FIRST = LazyPattern(rf"(?<![\w’'-])((?i:{ROLE_WORDS})s?),\s({NAME}(?:,\s{NAME})*(?:,?\sand\s{NAME})?),")
# Words a role phrase may start with, walking back from its noun: "Two Korean divers", "Japan’s ambassador".
_ROLE_LEAD = LazyPattern(r"^(?:[a-z][\w-]*|[A-Z][\w.-]*[’']s|[A-Z][a-z]+(?:an|ese|ish|i)|\d+|[A-Z][a-z]+)$")
_FUNCTION_WORDS = frozenset(
    "a an the and or but by to of over with for from at on in into as than that which who whom "
    "his her their its my our two three four five six several some many other".split()
)
_CAPITALISED_RUN = LazyPattern(r"[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*)*")
_VERBISH = LazyPattern(r"\b(?:has|have|had|was|were|is|are|will|would|been)\b")
_TITLE_TOKENS = frozenset(
    w for entry in word_list("titles", "index") + word_list("role_nouns", "index") for w in entry.title().split()
)
_INVERTED_VERBS = r"said|says|added|adds|noted|notes|stated|wrote|writes|explained|recalled|replied|continued"
_SAID_NAME = LazyPattern(rf"\b(?:{_INVERTED_VERBS})\s((?:[a-z][\w-]*\s){{0,2}})?({NAME})")
_NAME_SAID = LazyPattern(rf"\b({NAME})\s(?:\w+ly\s)?(?:{REPORTING_VERBS})\b")
_NAME_RE = LazyPattern(LONG_NAME)
# "X heads the international exchange division of ...": the post is the person's role.
_HEADS = LazyPattern(rf"({NAME})\s(heads|leads|runs|chairs|directs)\s(the\s[^,.;]+?)(?=[,.;]|\sand\s|$)")
# A sentence that opens with a role ("A forensic geneticist at Sorim University ..., he knows ...")
# describes the one person the sentence before named.
# Beyond the role list, an agent noun (geneticist, researcher, director, librarian) in that place is one.
_DESCRIBED = LazyPattern(
    rf"^(?:An?)\s((?:[\w-]+\s){{0,3}}?(?:(?i:{ROLE_WORDS})|[a-z]+(?:ist|er|or|ian))"
    r"(?:\s(?:at|of|for|in|with)\s[A-Z][^,.;]*)?)(?=[\s,])"
)
_ACCORDING_TO = LazyPattern(rf"\baccording to\s((?:[a-z][\w-]*\s){{0,2}})?({NAME})")
# A quotation's credit line, set under it: "— Inoue Yoko, co-leader of the citizens' group that found it".
DASH_CREDIT = LazyPattern(
    # ... or an embedded post's: "— Some Lawmaker (@somelawmaker) January 13, 2026"
    rf"^[—–]{{1,2}}\s*({NAME})(?:,\s(.{{3,120}})|\s\(@[\w.]+\)(?:\s.{{0,40}})?)?$"
)


def name_key(name: str) -> str:
    """Spelling-insensitive key: "Lee Jae-myung" and "Lee Jae Myung" share "leejaemyung"; "Kōno Tarō" and
    "Kono Taro" share "konotaro" (accents and macrons are a romanisation's, not a different name)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-’'.]", "", folded).lower()


@dataclass
class Person:
    """One person, under all the spellings the coverage uses."""

    id: str
    name: str
    variants: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    # Proper nouns of the sentences that name the person (places, institutions: "Horyuji", "Nara"): what
    # "the Horyuji priest" can mean beyond the role's own words.
    context: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    def answers_to(self, short: str) -> bool:
        """True when a one-word reference ("Lee", "Takaichi") can mean this person."""
        key = name_key(short)
        return any(name_key(t) == key for v in self.variants for t in (v.split()[0], v.split()[-1]))

    def titles(self) -> set[str]:
        """The formal titles among this person's roles ("President", "Prime Minister")."""
        return {m.group(0) for r in self.roles for m in re.finditer(rf"(?i:\b(?:{_TITLE_WORDS})\b)", r)}

    def add_role(self, role: str) -> None:
        role = re.sub(r"\s+", " ", role).strip(" ,.")
        if role.lower() in _HONORIFICS:
            return  # "Dr. Han", "Ms. Inoue": a courtesy, not what the person is
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mx"})


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

    def named_in(self, text: str) -> list[Person]:
        """The people ``text`` names (full names in any spelling, or surnames: the most prominent)."""
        found: list[Person] = []
        words = re.findall(r"[\w’'-]+", text)
        i = 0
        while i < len(words):
            for n in (3, 2, 1):
                chunk = " ".join(words[i : i + n])
                person = self.lookup(chunk) if n > 1 else self.resolve_short(chunk) if len(chunk) > 1 else None
                if person is not None and (n > 1 or chunk[:1].isupper() or len(self.candidates(chunk)) > 0):
                    if person not in found:
                        found.append(person)
                    i += n
                    break
            else:
                i += 1
        return found

    def mentioned_in(self, person: Person, text: str) -> bool:
        """True when ``text`` names ``person`` (a spelling or surname) or one of their titles."""
        keys = {name_key(t) for v in person.variants for t in (v.split()[0], v.split()[-1])}
        if any(name_key(m.group(0)) in keys for m in re.finditer(NAME_TOKEN, text)):
            return True
        lowered = text.lower()
        return any(title.lower() in lowered for title in person.titles() if len(title.split()) > 1)

    def names_someone(self, text: str) -> bool:
        """True when ``text`` names a person of the coverage (any spelling, or a surname)."""
        return any(name_key(m.group(0)) in self._by_word for m in re.finditer(NAME_TOKEN, text))

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
            # Either order of the names: "Taro Kono" for the "Kōno Tarō" of family-name-first copy.
            keys = {
                name_key(name),
                name_key(" ".join([words[-1], *words[:-1]])),
                name_key(" ".join([*words[1:], words[0]])),
            }
            found = [p for p in self.people.values() if any(_close(name_key(v), k) for v in p.variants for k in keys)]
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
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


_GIVEN_NAME = LazyPattern(r"^[A-Z][a-z]+-[a-z]+$")


def is_name_like(name: str) -> bool:
    """A capitalised phrase that could be a person's name: no institution or place head word in it
    ("Lu Xun Park", "Blue House"), except a family name that is also such a word before a hyphenated
    given name ("Park Se-hoon", "Park Yoon-joo")."""
    words = [re.sub(r"[’']s$", "", w) for w in name.split()]
    if len(words) == 2 and words[0] in _INSTITUTION_WORDS and _GIVEN_NAME.match(words[1]):
        return True
    return not any(w in _INSTITUTION_WORDS for w in words)


def _clean_name(name: str, text: str = "", start: int = -1) -> str | None:
    words = name.split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    # Leading function words and title words ("Minister Sanae Takaichi") are not the name, nor are the
    # words of a longer title before its last title word ("Foreign Minister Cho Hyun").
    titled = [i for i, w in enumerate(words[:-1]) if w in _TITLE_TOKENS]
    if titled:
        words = words[titled[-1] + 1 :]
    while words and (words[0] in _NOT_NAMES or words[0] in _TITLE_TOKENS or words[0] in _PORTFOLIO):
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
        if word.lower() in _FUNCTION_WORDS or not _ROLE_LEAD.match(word) or word.endswith("ed"):
            break
        kept.insert(0, word)
        if word.endswith(("’s", "'s")):
            break  # "Japan’s ambassador": the possessor opens the phrase
    return " ".join([*kept, noun])


def _appositive_role(role: str) -> str | None:
    """An appositive describes the person up to any relative clause; one that runs into another clause or
    names another person is not a description."""
    role = re.split(r"\s(?:who|which|whose|where)\s", role)[0]
    if _VERBISH.search(role) or len(role.split()) > 14:
        return None
    names = (_clean_name(m.group(0)) for m in _CAPITALISED_RUN.finditer(role))
    return None if any(n is not None and len(n.split()) > 1 for n in names) else role


def _names_in(listing: str) -> list[str]:
    return [n for n in re.split(r",\s|,?\sand\s", listing) if n]


def _full_name_evidence(text: str) -> Iterable[tuple[str, str | None]]:
    """(name, role or None) for every confirmed person mention in ``text``; names of one word only
    after a title ("President Lee"), since one capitalised word alone is as often a place."""
    for m in _TITLED.finditer(text):
        role = " ".join(g for g in (m.group(1), m.group(2)) if g)
        if (name := _clean_name(m.group(3), text, m.start(3))) is not None:
            # The words of the title the name pattern took in ("for Public | Communication Lee Kyu-yeon").
            portfolio = m.group(3)[: m.group(3).rfind(name)].strip()
            yield name, f"{role} {portfolio}" if portfolio and m.group(2) else role
    for m in _ROLE_BEFORE.finditer(text):
        if (name := _full(m.group(2), text, m.start(2))) is not None:
            yield (
                name,
                _role_before(text, m.start(1) + len(m.group(1)) - len(m.group(1).split()[-1]), m.group(1).split()[-1]),
            )
    for m in _APPOSITIVE.finditer(text):
        name = _full(m.group(1), text, m.start(1))
        if name is not None and (role := _appositive_role(m.group(2))) is not None:
            yield name, role
    for m in _WHO_CLAUSE.finditer(text):
        name = _full(m.group(1), text, m.start(1))
        if name is not None and (role := _appositive_role(m.group(2))) is not None:
            yield name, role
    for m in _ROLE_FIRST.finditer(text):
        noun = m.group(1)
        # "Two Korean divers, A and B": each of them is a Korean diver.
        singular = noun[:-1] if noun.lower().endswith("s") and noun[:-1].lower() in _ROLE_SET else noun
        role = _role_before(text, m.start(1), singular)
        for listed in _names_in(m.group(2)):
            if (name := _full(listed)) is not None:
                yield name, role
    for m in _HEADS.finditer(text):
        if (name := _full(m.group(1), text, m.start(1))) is not None:
            yield name, f"head of {m.group(3)}"
    if (m := DASH_CREDIT.match(text.strip())) is not None and (name := _full(m.group(1))) is not None:
        role = re.split(r"\s(?:who|which|that|whose|where)\s", m.group(2))[0].strip(" .") if m.group(2) else None
        yield name, role if role and not _VERBISH.search(role) else None
    for pattern, group in ((_SAID_NAME, 2), (_NAME_SAID, 1), (_ACCORDING_TO, 2)):
        for m in pattern.finditer(text):
            # "Officials said" is not a person: a reporting verb alone only confirms a full name.
            if (name := _full(m.group(group), text, m.start(group))) is not None:
                role = m.group(1) if group == 2 and m.group(1) else None
                yield name, role.strip() if role else None


def _described(paragraph, by_key: dict[str, Person]) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, role) where a sentence opening with a role follows a sentence naming exactly one known person."""
    sentences = paragraph.sentences
    for previous, sentence in pairwise(sentences):
        m = _DESCRIBED.match(sentence.text)
        if m is None:
            continue
        named = _named_people(previous.text, by_key)
        if len(named) == 1 and (role := _appositive_role(m.group(1))) is not None:
            yield next(iter(named.values())).name, role


_ROLE_OPENING = LazyPattern(rf"^(?:His|Her|Their)\s((?i:{ROLE_WORDS}))\b")


def _introduced(paragraph, by_key: dict[str, Person]) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, role) where a sentence opening with a relation ("His daughter drove him ...") is followed by
    one that names exactly one known person ("Jeon Mi-ra, 52, teaches ...")."""
    for previous, sentence in pairwise(paragraph.sentences):
        m = _ROLE_OPENING.match(previous.text)
        if m is None or _named_people(previous.text, by_key):
            continue
        named = _named_people(sentence.text, by_key)
        if len(named) == 1:
            yield next(iter(named.values())).name, m.group(1).lower()


def _named_people(text: str, by_key: dict[str, Person]) -> dict[str, Person]:
    """The known people ``text`` names in full (a title or a word before a name is skipped)."""
    named: dict[str, Person] = {}
    for n in _NAME_RE.finditer(text):
        words = n.group(0).split()
        keys = (name_key(" ".join(words[i:])) for i in range(len(words) - 1))
        if (key := next((k for k in keys if k in by_key), None)) is not None:
            named[by_key[key].id] = by_key[key]
    return named


_AGE_AFTER = LazyPattern(r",\s\d{1,3},")
_PRONOUN_AFTER = LazyPattern(r"[^.!?]{0,200}?[.!?]”?\s+(?:He|She|His|Her)\b")
_PLACE_BEFORE = LazyPattern(r"\b(?:in|at|within|inside|outside|from|into|near|to)\s$", re.I)


def _recognised_names(text: str, spans: list[tuple[int, int]]) -> Iterator[str]:
    """Full names the named-entity recogniser finds (names no title, role or reporting verb
    introduces: "For Park Se-hoon, the agreement ..."), each grown to the whole name the text spells
    at that place (the recogniser splits "Kang Hoon-sik" at its hyphen)."""
    for start, _end in spans:
        if _PLACE_BEFORE.search(text[max(0, start - 12) : start]):
            continue  # "within Cheong Wa Dae", "at Horyuji": a place the recogniser took for a person
        m = _NAME_RE.match(text, start)
        if m is None or (name := _full(m.group(0), text, start)) is None:
            continue
        # The recogniser alone also takes institutions and places for people: a personal name needs the
        # look of one (a hyphenated given name) or a person's company in the text (an age, a pronoun).
        if "-" in name or _AGE_AFTER.match(text, m.end()) or _PRONOUN_AFTER.match(text, m.end()):
            yield name


def _full(name: str, text: str = "", start: int = -1) -> str | None:
    cleaned = _clean_name(name, text, start)
    return cleaned if cleaned is not None and len(cleaned.split()) > 1 else None


Recognised = dict[str, list[list[tuple[int, int]]]]  # article content hash -> PERSON spans per paragraph


def recognise(articles: list[Article], known: Recognised | None = None) -> Recognised:
    """The recogniser's PERSON spans of every paragraph (and caption) of the articles; an article whose
    content is unchanged keeps the spans found before (``known``), so an add reads only the new text."""
    known = known or {}
    out: Recognised = {
        a.content_hash: known[a.content_hash]
        for a in articles
        if len(known.get(a.content_hash, ())) == len(a.paragraphs) + len(a.captions)
    }
    todo = [a for a in articles if a.content_hash not in out]
    # Only sentences where a name the recogniser finds could count (see _recognised_names): one with a
    # hyphenated given name or an age, or one before a sentence opening with he/she. The rest of the text
    # is never read by it, which keeps a build's cost close to what the rules alone cost.
    wanted = [(a.content_hash, i, p.start, s) for a in todo for i, p in enumerate(a.paragraphs + a.captions)
              for s in _worth_recognising(p)]  # fmt: skip
    for article in todo:
        out[article.content_hash] = [[] for _ in article.paragraphs + article.captions]
    for (key, i, start, sentence), spans in zip(wanted, person_spans(s.text for *_, s in wanted), strict=True):
        shift = sentence.start - start
        out[key][i].extend((shift + a, shift + b) for a, b in spans)
    return out


_NAME_CLUE = LazyPattern(r"[A-Z][a-z]+-[a-z]+|,\s\d{1,3},")
_OPENS_WITH_PRONOUN = LazyPattern(r"^\W*(?:He|She|His|Her)\b")


def _worth_recognising(paragraph) -> list:  # type: ignore[no-untyped-def]
    sentences = paragraph.sentences
    return [
        s
        for i, s in enumerate(sentences)
        if _NAME_CLUE.search(s.text) or (i + 1 < len(sentences) and _OPENS_WITH_PRONOUN.match(sentences[i + 1].text))
    ]


def find_people(articles: list[Article], recognised: Recognised | None = None) -> PeopleRegistry:
    """Build the registry: multi-word names merge by spelling; one-word names join a full name if one fits.
    ``recognised`` is the recogniser's output for these articles (computed here when not given)."""
    if recognised is None or any(a.content_hash not in recognised for a in articles):
        recognised = recognise(articles, recognised)
    people: list[Person] = []
    by_key: dict[str, Person] = {}

    def person_for(name: str) -> Person:
        key = name_key(name)
        if key in by_key:
            return by_key[key]
        words = name.split()
        if len(words) == 2 and (flipped := by_key.get(name_key(f"{words[1]} {words[0]}"))) is not None:
            # Family name first or given name first ("Kihara Minoru", "Minoru Kihara"): one person.
            by_key[key] = flipped
            return flipped
        found = next((p for p in people if any(_close(name_key(v), key) for v in p.variants)), None)
        if found is None:
            found = Person(id=key, name=name)
            people.append(found)
        by_key[key] = found
        return found

    singles: list[tuple[str, str | None, str]] = []
    for article in articles:
        paragraphs = article.paragraphs + article.captions
        for paragraph, spans in zip(paragraphs, recognised[article.content_hash], strict=True):
            for name in _recognised_names(paragraph.text, spans):
                person_for(name).variants[name] += 0
            for name, role in _introduced(paragraph, by_key):
                person_for(name).add_role(role)
            for name, role in _described(paragraph, by_key):
                person_for(name).add_role(_role_text(role))
            for name, role in _full_name_evidence(paragraph.text):
                if len(name.split()) == 1:
                    singles.append((name, role, article.id))
                    continue
                person = person_for(name)
                person.variants[name] += 0
                if role:
                    person.add_role(_role_text(role))
    for article in articles:
        # Speaker labels name people too ("National Security Adviser Wi Sung-lac:"), and so do the
        # voices a layout implies: the interviewee of a Q/A interview, the author of a first-person piece.
        for label in dict.fromkeys(p.speaker_label for p in article.paragraphs if p.speaker_label):
            for name, role in _full_name_evidence(label):
                if len(name.split()) > 1:
                    person = person_for(name)
                    person.variants[name] += 0
                    if role:
                        person.add_role(_role_text(role))
        for name, role in implied_voices(article):
            person = person_for(name)
            person.variants[name] += 0
            if role:
                person.add_role(role)
    for article in articles:
        found = list(_speakers_by_surname(article, people))
        for full in found:
            person_for(full).variants[full] += 0
        if found:  # now known, they can be described ("For Yuki Tanabe, … A marine engineer at …, she …")
            for paragraph in article.paragraphs:
                for name, role in _described(paragraph, by_key):
                    person_for(name).add_role(_role_text(role))
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


def _speakers_by_surname(article: Article, people: list[Person]) -> Iterator[str]:
    """Full names the article gives to a speaker it quotes by surname alone ("…," Tanabe said), when no
    known person answers to that surname: the full name is in the article ("For Yuki Tanabe, …"), just in
    no sentence that introduces a person."""
    by_surname: dict[str, str] | None = None  # the article's first full name for each surname, read once
    for paragraph in article.paragraphs:
        for pattern, group in ((_SAID_NAME, 2), (_NAME_SAID, 1)):
            for m in pattern.finditer(paragraph.text):
                surname = m.group(group)
                if " " in surname or any(p.answers_to(surname) for p in people):
                    continue
                if by_surname is None:
                    by_surname = {}
                    for n in _NAME_RE.finditer(article.text):
                        full = _full(n.group(0), article.text, n.start())
                        if full is not None and is_name_like(full):
                            by_surname.setdefault(full.split()[-1], full)
                if (full := by_surname.get(surname)) is not None:
                    yield full


def _role_text(role: str) -> str:
    # "Japanese Foreign Minister" is a role; so is "a professor at ...": drop leading function words only.
    words = role.strip().split()
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words)


_PROPER = LazyPattern(r"(?<![\w’'-])[A-Z][a-z][\w-]+")
_MAX_CONTEXT = 200


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
        for paragraph in article.paragraphs + article.captions:
            for sentence in paragraph.sentences:
                named = {id(p): p for m in variant_re.finditer(sentence.text) for p in variants[m.group(1)]}
                for m in variant_re.finditer(sentence.text):
                    for person in variants[m.group(1)]:
                        person.variants[m.group(1)] += 1
                        counts[person.id] += 1
                if named:
                    proper = {w.lower() for w in _PROPER.findall(sentence.text) if w not in _NOT_NAMES}
                    for person in named.values():
                        if len(person.context) < _MAX_CONTEXT:
                            person.context |= proper - {name_key(t) for v in person.variants for t in v.split()}
        if titled_re is not None:
            for m in titled_re.finditer(text):
                for person in titled.get((m.group(1).lower(), m.group(2)), ()):
                    counts[person.id] += 1
        headline = {w.lower() for w in _PROPER.findall(article.title or "") if w not in _NOT_NAMES}
        for person in people:
            if counts[person.id]:
                person.mentions += counts[person.id]
                person.articles.add(article.id)
                if len(person.context) < _MAX_CONTEXT:  # the story they appear in ("... tour Horyuji ...")
                    person.context |= headline - {name_key(t) for v in person.variants for t in v.split()}


_FIRST_PERSON = LazyPattern(r"\b(?:I|[Mm]y|[Mm]e|I’m|I'm|I’ve|I've|[Mm]yself)\b")
# "a former diplomat", "the Courier's diplomatic correspondent" (the outlet's possessive is not the role).
_ROLE_PHRASE = LazyPattern(rf"\b(?:[Aa]n?|[Tt]he)\s(?:[A-Z][\w-]*[’']s\s)?((?:[a-z][\w-]*\s){{0,2}}(?:{ROLE_WORDS}))\b")
MIN_FIRST_PERSON = 2
# Whoever writes a piece in their own voice is, to a newsroom, its columnist.
AUTHOR_ROLE = "columnist"  # sentences in the author's own voice before a piece counts as first-person


def unquoted(text: str) -> str:
    """``text`` with everything inside quotation marks blanked (a quotation left open runs to the end:
    a quote that goes on over sentences or into the next paragraph is still someone else's words)."""
    out = []
    inside = False
    for c in text:
        if c == "“" or (c == '"' and not inside):
            inside = True
            out.append(" ")
        elif c == "”" or (c == '"' and inside):
            inside = False
            out.append(" ")
        else:
            out.append(" " if inside else c)
    return "".join(out)


def first_person_sentences(paragraph) -> list[bool]:  # type: ignore[no-untyped-def]
    """For each sentence of the paragraph: does it say "I"/"my" outside quotation marks?"""
    masked = unquoted(paragraph.text)
    return [
        bool(_FIRST_PERSON.search(masked[s.start - paragraph.start : s.end - paragraph.start]))
        for s in paragraph.sentences
    ]


def author_voice(article: Article) -> str | None:
    """The byline's author when the article is written in their own voice (a column, an op-ed, a
    statement): at least MIN_FIRST_PERSON unlabelled body sentences say "I"/"my" outside quotes."""
    if not article.byline or not is_name_like(article.byline):
        return None
    name = _clean_name(re.sub(r"^[Bb]y\s+", "", article.byline).split(",")[0].strip())
    if name is None or not 2 <= len(name.split()) <= 4:
        return None
    count = sum(sum(first_person_sentences(p)) for p in article.paragraphs if p.speaker_label is None)
    return name if count >= MIN_FIRST_PERSON else None


def interviewee(article: Article) -> str | None:
    """Who answers in a Q/A interview: the first full name the introduction (the paragraphs before the
    first labelled one) gives, other than the byline's; None when nobody answers under "A:"."""
    if not any(p.speaker_label and p.speaker_label.rstrip(".").lower() in ("a", "answer") for p in article.paragraphs):
        return None
    byline = name_key(article.byline or "")
    for paragraph in article.paragraphs:
        if paragraph.speaker_label is not None:
            return None
        text = paragraph.text
        # Names after a title or role too ("remarks by Foreign Minister Cho Hyun"), the earliest first.
        found = [name for name, _ in _full_name_evidence(text)]
        found += [n for m in LazyPattern(NAME).finditer(text) if (n := _full(m.group(0), text, m.start())) is not None]
        named = [n for n in found if name_key(n) not in byline and is_name_like(n) and n in text]
        if named:
            return min(named, key=text.index)
    return None


def implied_voices(article: Article) -> list[tuple[str, str | None]]:
    """(name, role) of the people an article's layout makes speak: its first-person author, with the
    role the article gives them ("A former diplomat on ..."), and the interviewee of a Q/A interview."""
    out: list[tuple[str, str | None]] = []
    if (author := author_voice(article)) is not None:
        out.append((author, _author_role(article, author)))
        out.append((author, AUTHOR_ROLE))
    if (name := interviewee(article)) is not None:
        out.append((name, None))
    return out


def _author_role(article: Article, author: str) -> str | None:
    """The role the article gives its author: a role phrase in the standfirst (first paragraph) or in a
    paragraph naming the author (a contributor note)."""
    surname = author.split()[0 if len(author.split()[0]) <= 3 else -1]
    texts = [article.paragraphs[0].text] + [p.text for p in article.paragraphs if surname in p.text]
    for text in texts:
        if (m := _ROLE_PHRASE.search(text)) is not None:
            return m.group(1)
    return None
