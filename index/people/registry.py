"""People in the coverage: names found by titles, appositives and reporting verbs, merged into one registry."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from index.people.names import (
    DESCRIBED,
    FUNCTION_WORDS,
    NAME_RE,
    NAME_SAID,
    NAME_TOKEN,
    NOT_NAMES,
    ROLE_WORDS,
    SAID_NAME,
    TITLE_WORDS,
    appositive_role,
    from_capitals,
    full_name_evidence,
    is_name_like,
    is_role_word,
    multiword_name,
    name_key,
)
from index.people.recognition import (
    Evidence,
    Recognised,
    alone_words,
    introduced_as,
    read_evidence,
    recognise,
    recognised_names,
)
from index.people.voices import implied_voices
from seeds_loader import Article
from seeds_loader.lazy import LazyPattern
from seeds_loader.structure import label_role, press_label


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
        return {m.group(0) for r in self.roles for m in re.finditer(rf"(?i:\b(?:{TITLE_WORDS})\b)", r)}

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
        # Every word of every spelling, lower-cased: what a question may name them by.
        self.name_words: frozenset[str] = frozenset(
            w.lower() for p in self.people.values() for v in p.variants for w in re.findall(r"\w+", v)
        )

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

    def called_in(self, person: Person, text: str) -> bool:
        """True when ``text`` calls ``person`` by a name of theirs standing alone ("Ko, 58," or "Ko said" of Ko
        Yong-nam), not as part of another's full name ("his daughter, Ko Ha-eun")."""
        if len(person.tokens) < 2:
            return False
        keys = {name_key(person.tokens[0]), name_key(person.tokens[-1])}
        return any(
            name_key(m.group(0)) in keys and _NEXT_NAME.match(text, m.end()) is None
            for m in re.finditer(NAME_TOKEN, text)
        )

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


# A name word after another: the two are one full name.
_NEXT_NAME = re.compile(r"\s[A-Z][a-z]")


def _close(a: str, b: str) -> bool:
    """Spelling variants: same first three letters and at most one edit apart ("sunglac"/"sunglack")."""
    if a == b:
        return True
    if a[:3] != b[:3] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def _described(paragraph, by_key: dict[str, Person]) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, role) where a sentence opening with a role follows a sentence naming exactly one known person."""
    sentences = paragraph.sentences
    for previous, sentence in pairwise(sentences):
        m = DESCRIBED.match(sentence.text)
        if m is None:
            continue
        named = _named_people(previous.text, by_key)
        if len(named) == 1 and (role := appositive_role(m.group(1))) is not None:
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
    for n in NAME_RE.finditer(text):
        words = n.group(0).split()
        keys = (name_key(" ".join(words[i:])) for i in range(len(words) - 1))
        if (key := next((k for k in keys if k in by_key), None)) is not None:
            named[by_key[key].id] = by_key[key]
    return named


def find_people(
    articles: list[Article], recognised: Recognised | None = None, evidence: Evidence | None = None
) -> PeopleRegistry:
    """Build the registry: multi-word names merge by spelling; one-word names join a full name if one fits.
    ``recognised`` is the recogniser's output for these articles and ``evidence`` what the rules read of
    them (each computed here when not given)."""
    if recognised is None or any(a.content_hash not in recognised for a in articles):
        recognised = recognise(articles, recognised)
    if evidence is None or any(a.content_hash not in evidence for a in articles):
        evidence = read_evidence(articles, evidence)
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

    def take(name: str, role: str | None, article_id: str) -> None:
        """A name the rules read: a full name is a person; a surname alone waits until all are known."""
        if len(name.split()) == 1:
            singles.append((name, role, article_id))
            return
        person = person_for(name)
        person.variants[name] += 0
        if role:
            person.add_role(_role_text(role))

    for article in articles:
        paragraphs = article.paragraphs + article.captions
        read = zip(paragraphs, recognised[article.content_hash], evidence[article.content_hash], strict=True)
        alone = alone_words(article.text)
        for paragraph, spans, mentions in read:
            for name in recognised_names(paragraph.text, spans, alone):
                person_for(name).variants[name] += 0
                if (role := _introduced_role(paragraph.text, name)) is not None:
                    person_for(name).add_role(role)  # "Seo Hanbit is a trade-policy columnist"
            for name, role in _introduced(paragraph, by_key):
                person_for(name).add_role(role)
            for name, role in _described(paragraph, by_key):
                person_for(name).add_role(_role_text(role))
            for name, role in mentions:
                take(name, role, article.id)
    for article in articles:
        # Speaker labels name people too ("National Security Adviser Wi Sung-lac:"), and so do the
        # voices a layout implies: the interviewee of a Q/A interview, the author of a first-person piece.
        for label in dict.fromkeys(p.speaker_label for p in article.paragraphs if p.speaker_label):
            # A label in capitals ("PRIME MINISTER TAKAICHI:") read as the words are written; a title and a
            # surname alone name someone as "Prime Minister Takaichi" does in a sentence.
            read = from_capitals(label) if label.isupper() else label
            # ... without a note on the title inside it ("Ambassador (Ret.) Fujisaki Ichiro")
            read = _TITLE_NOTE.sub("", read)
            # ... and where the speaker is from after a comma ("Professor Lee Won-deok, Kookmin University")
            named_part, _, where = read.partition(", ") if "(" not in read else (read, "", "")
            for name, role in full_name_evidence(named_part):
                take(name, ", ".join(r for r in (role, where) if r) or None, article.id)
            # A name with its role after it in parentheses ("Shin Hye-won (Co-chair, Korean delegation)").
            if (named := _NAMED_LABEL.match(read)) and (name := multiword_name(named.group(1))) is not None:
                take(name, named.group(2).split(",")[0].strip() if named.group(2) else None, article.id)
            # ... or a role with the name in parentheses ("HOST (PARK JI-HOON)").
            # ("Reporter (Channel Saebit)" names the reporter's outlet, not a person).
            elif (
                (held := _ROLE_LABEL.match(read))
                and not press_label(held.group(1))
                and not held.group(1).lower().startswith("question")
                and (name := multiword_name(held.group(2))) is not None
            ):
                take(name, held.group(1), article.id)
                person_for(name).articles.add(article.id)  # named in no sentence, only in the label
            # A surname alone ("KIHARA:") is someone even when no text gives a full name for it (the full
            # name, where one is given, is found below).
            elif _SURNAME_LABEL.match(read) and label_role(label) == "named" and not is_role_word(read):
                take(read, None, article.id)
        for name, role in implied_voices(article):
            person = person_for(name)
            person.variants[name] += 0
            person.articles.add(article.id)  # their voice is the article's, named in its text or only signed
            if role:
                person.add_role(role)
            # ... and the note that says who they are, wherever it stands ("Nam Ji-ho is a former professional
            # baseball player and coaches ...", closing an op-ed), which no recogniser need have read as a name.
            for paragraph in article.paragraphs:
                if (noted := _introduced_role(paragraph.text, name)) is not None:
                    person.add_role(noted)
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
        # The spelling seen most, then one not set in capitals ("Sanae Takaichi" over "TAKAICHI Sanae", a family
        # name some papers print in capitals), then the fullest.
        person.name = max(
            person.variants,
            key=lambda v: (
                person.variants[v],
                not any(len(w) > 1 and w.isupper() for w in v.split()),
                len(v.split()),
                v,
            ),
        )
        if any(len(w) > 1 and w.isupper() for w in person.name.split()):
            # Only ever printed with its family name in capitals ("INOUE Yoko"): shown as a name is written.
            shown = " ".join(from_capitals(w) if len(w) > 1 and w.isupper() else w for w in person.name.split())
            person.variants[shown] += 0
            person.name = shown
    return PeopleRegistry(people)


_SURNAME_LABEL = LazyPattern(r"^[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?$")
# A role, then the name of who holds it in parentheses: "Host (Park Ji-Hoon)".
_ROLE_LABEL = LazyPattern(r"^([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\s\(([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3})\)$")
# A parenthetical inside a label, words after it: a note on the title before the name ("(Ret.)", "(acting)").
_TITLE_NOTE = LazyPattern(r"\s\([^()]{1,20}\)(?=\s\w)")
# A transcript's label that is a full name, with a role in parentheses after it or none.
_NAMED_LABEL = LazyPattern(r"^([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3})(?:\s\(([^)]{2,80})\))?$")


def _speakers_by_surname(article: Article, people: list[Person]) -> Iterator[str]:
    """Full names the article gives to a speaker it quotes by surname alone ("…," Tanabe said) or labels so
    ("ISA:"), when no known person answers to that surname: the full name is in the article or its headline
    ("For Yuki Tanabe, …", "Interview: Ikuo Isa on the last dive"), just in no sentence that introduces a
    person."""
    said = [
        m.group(group)
        for paragraph in article.paragraphs
        for pattern, group in ((SAID_NAME, 2), (NAME_SAID, 1))
        for m in pattern.finditer(paragraph.text)
    ]
    labels = [
        from_capitals(label) if label.isupper() else label
        for label in dict.fromkeys(p.speaker_label for p in article.paragraphs if p.speaker_label)
        if " " not in label.strip() and label_role(label) == "named"
    ]
    by_surname: dict[str, str] | None = None  # the article's first full name for each surname, read once
    for surname in [*said, *labels]:
        if " " in surname or any(p.answers_to(surname) for p in people):
            continue
        if by_surname is None:
            text = f"{article.title or ''}\n\n{article.text}"
            fulls = [
                full
                for n in NAME_RE.finditer(text)
                if (full := multiword_name(n.group(0), text, n.start())) is not None and is_name_like(full)
            ]
            by_surname = {}
            for full in fulls:
                by_surname.setdefault(full.split()[-1], full)
            for full in fulls:  # ... or the first word, for a name written family name first ("Tanaka Koji")
                by_surname.setdefault(full.split()[0], full)
        if (full := by_surname.get(surname)) is not None:
            yield full


def _introduced_role(text: str, name: str) -> str | None:
    """The role ``text`` introduces ``name`` by ("Seo Hanbit is a trade-policy columnist"), or None."""
    if (said := introduced_as(text, name)) is None or not (role := appositive_role(said)):
        return None
    return _role_text(role)


def _role_text(role: str) -> str:
    # "Japanese Foreign Minister" is a role; so is "a professor at ...": drop leading function words only.
    words = role.strip().split()
    while words and words[0].lower() in FUNCTION_WORDS:
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
                    proper = {w.lower() for w in _PROPER.findall(sentence.text) if w not in NOT_NAMES}
                    for person in named.values():
                        if len(person.context) < _MAX_CONTEXT:
                            person.context |= proper - {name_key(t) for v in person.variants for t in v.split()}
        if titled_re is not None:
            for m in titled_re.finditer(text):
                for person in titled.get((m.group(1).lower(), m.group(2)), ()):
                    counts[person.id] += 1
        # A transcript's speaker may be named only in its labels ("SPOKESPERSON KANG YU-JUNG:"): the article is
        # theirs too, and its headline says where they spoke ("Presidential Office briefing ...").
        labels = " | ".join(
            from_capitals(label) if label.isupper() else label
            for label in dict.fromkeys(p.speaker_label for p in article.paragraphs if p.speaker_label)
        )
        labelled = {id(p) for m in variant_re.finditer(labels) for p in variants[m.group(1)]}
        headline = {w.lower() for w in _PROPER.findall(article.title or "") if w not in NOT_NAMES}
        for person in people:
            if counts[person.id] or id(person) in labelled:
                person.mentions += counts[person.id]
                person.articles.add(article.id)
                if len(person.context) < _MAX_CONTEXT:  # the story they appear in ("... tour Horyuji ...")
                    person.context |= headline - {name_key(t) for v in person.variants for t in v.split()}
