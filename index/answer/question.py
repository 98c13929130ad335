"""Question analysis: what kind of answer is wanted, whom it is about, and what it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from index.people.names import ROLE_WORDS, is_institution_word, is_name_like, is_role_word
from index.people.registry import PeopleRegistry, Person
from index.store.references import names_coverage
from index.text.nlp import asks_who_did
from index.text.tokens import normalize_word
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import alternation, word_list

_SAY = (
    r"say|said|tell|told|think|argue|claim|describe|emphasi[sz]e|note|warn|mean|predict|promise|pledge|"
    r"stress|add|state|suggest|propose|call|announce|reveal|explain|insist|acknowledge|"
    # ... and what a columnist or a letter puts in writing: "what did Choi Min-ah write about the letters"
    r"write|wrote|"
    # verbs of view and wish: "what does X want", "what does X make of", "how does X suggest"
    r"want|make of|urge|recommend|believe|feel|hope|expect|advise|critici[sz]e|fear|worry|see|view|ask"
)
# "What is missing, according to the lawyer?": whose words, after what is asked of them.
_ACCORDING = re.compile(r"\baccording to (?P<name>.+?)(?:[,?]|$)", re.I)
_QUOTE_PATTERNS = (
    re.compile(rf"\b(?:what|how) (?:did|does|do|has|had|have|would) (?P<name>.+?) (?:{_SAY})\b", re.I),
    re.compile(r"\bhow did (?P<name>.+?) (?:describe|characteri[sz]e|explain|respond|react)\b", re.I),
    _ACCORDING,
    re.compile(
        r"\b(?P<name>[\w .’'-]+?)[’']s? (?:remarks|comments|words|quotes?|statement|view|position|reaction|response|"
        r"take)\b",
        re.I,
    ),
    # A newsroom's shorthand: "any word from Wi on the mine", "quotes from the foreign minister",
    # "did Takaichi say anything about Dokdo".
    re.compile(
        r"^\s*(?:any\s+)?(?:word|comments?|quotes?|remarks|reactions?|statements?|(?:any|some)thing(?:\s+new)?)\s+"
        r"(?:from|by)\s+(?P<name>.+?)(?:\s+(?:on|about|regarding)\b|\s*[?.]?\s*$)",
        re.I,
    ),
    re.compile(
        r"\b(?:did|has|have) (?P<name>.+?) (?:say|said|comment(?:ed)?|spoken|speak|spoke|talk(?:ed)?) "
        r"(?:anything|something|publicly)?\s*(?:on|about|regarding)\b",
        re.I,
    ),
)
# A person's opinion asked other ways: "why does Sato think ...", "does Motegi believe ...", "what is Yang thinking
# of". Read so only when the words before the verb are a person of the coverage. (Plans and wishes, "which region
# does Takaichi hope to visit", are as often told by others, "the sources said": those are searched everywhere.)
_VIEW = r"think|believe|feel"
# ... or how they feel about something: "what is the columnist afraid of", "what is Choi worried about".
_FEELING = (
    r"afraid|worried|concerned|anxious|nervous|scared|fearful|optimistic|pessimistic|hopeful|confident|angry|upset|"
    r"unhappy|happy|pleased|disappointed|frustrated|excited|proud"
)
_VIEW_ASKED = LazyPattern(
    r"(?:^\s*|\bwhy )(?:did|does|do|would) (?P<name>.+?) (?:" + _VIEW + r")\b"
    r"|\b(?:is|are|was|were) (?P<progressive>.+?) (?:thinking|feeling)\b"
    # (what they feel, or whether they do; not why: "why is Ko worried" is often told of them, not in their words)
    r"|^\s*(?:what )?(?:is|are|was|were) (?P<feeler>.+?) (?P<feeling>" + _FEELING + r")\b",
    re.I,
)
# "Takaichi on Dokdo?", "the foreign minister on the seafood ban": a newsroom's shorthand for what a person
# said about something; read so only when the words before "on" are a person of the coverage.
_PERSON_ON = LazyPattern(
    r"^\s*(?P<name>(?!(?:what|who|whom|whose|when|where|why|how|which|is|are|was|were|did|does|do|has|have|had|"
    r"can|could|will|would|should|any)\b)[\w .’'-]{2,60}?)\s+on\s+(?P<topic>\S.*?)\s*[?.!]?\s*$",
    re.I,
)
# "kim hae won quotes", "inoue remarks on the dives": a name and the words asked for, read so only when the
# name is someone's.
_PERSON_WORDS = LazyPattern(
    r"^\s*(?P<name>[\w .’'-]{2,60}?)\s+(?:quotes?|remarks|comments|statements?|words)"
    r"(?:\s+(?:on|about|regarding)\s+(?P<topic>\S.*?))?\s*[?.!]?\s*$",
    re.I,
)
_WHO = LazyPattern(
    rf"^\s*who (?:(?:has|had|have) )?(?:{_SAY}|says|said|told|argued|warned|noted|described|emphasi[sz]ed|"
    r"predicted|claimed|called|stressed|stated|thinks|believes|suggested)\b",
    re.I,
)
_PROFILE = LazyPattern(r"^\s*(?:who(?:'s| is| was)|tell me about|what do we know about) (?P<name>.+?)\s*\??$", re.I)
_POST_VERBS = {
    verb: tuple(nouns.split())
    for verbs, nouns in (line.split("=", 1) for line in word_list("post_verbs", "index"))
    for verb in verbs.split()
}
_HOLDS_POST = LazyPattern(
    rf"^\s*who\s+(?:now\s+|currently\s+)?(?P<verb>{alternation(_POST_VERBS)})\s+"
    r"(?P<org>.+?)\s*\??$",
    re.I,
)
_WHEN = LazyPattern(
    r"^\s*(?:when\b|on what (?:day|date)|what (?:day|date|time|year|month)\b|which (?:day|date)\b)", re.I
)
_ASKING = LazyPattern(r"\b(?:ask|asks|asked|asking|question|questions)\b", re.I)
_CAPITALISED = LazyPattern(r"(?<![\w’'])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_GENERIC_SPEAKERS = frozenset(word_list("generic_speakers", "index"))
_ROLE_STOPWORDS = frozenset(["the", "a", "an", "of", "to", "in", "at", "for", "on", "and", "s"])


# Words a speaker's name or description never holds: a pronoun, or a word of a clause the speaker pattern ran
# across ("Lee Soon-ok do when she got the" before "call").
# A name never ends with an article or a preposition.
_RUNS_ON = frozenset("the a an on of in at to for with about from by into over".split())
_NOT_A_SPEAKER = frozenset(
    "do does did when where why if while after before because since until she he they it we i you".split()
)


class Intent(StrEnum):
    """The kind of answer a question wants."""

    QUOTE = "quote"  # what did X say
    WHO = "who"  # who said ...
    PROFILE = "profile"  # who is X
    WHEN = "when"
    FACT = "fact"


@dataclass(frozen=True)
class Question:
    """A parsed question: its intent, the speaker it names (if any) and how that name resolved."""

    text: str
    intent: Intent
    target: str | None = None
    people: tuple[Person, ...] = ()
    by_role: bool = False
    has_topic: bool = True  # "what did X say?" alone has none: all of X's quotes are on topic
    # What is asked about X's words: the words after the verb ("... say about the mine?" -> "about the mine").
    topic: str = ""
    # The question asks what someone asked ("what did the reporter ask"): a question may answer it.
    about_asking: bool = False
    # Its interrogative ("who", "how", "count", "duration", "yesno" ...): ``interrogative``.
    asks: str | None = None

    @property
    def person(self) -> Person | None:
        return self.people[0] if self.people else None


_INTERROGATIVE = LazyPattern(
    r"^\W*(?:(?P<count>how\s(?:many|much))|(?P<why>how\scome|what\s(?:made|makes|prompted|led|drove)))\b|"
    # ... a measure, each its own ("How long does it take?" does not ask "how old is she")
    r"^\W*(?:(?P<duration>how\s(?:long|soon))|(?P<often>how\soften)|"
    r"(?P<measure>how\s(?:old|far|tall|high|deep|wide|big|large|heavy)))\b|"
    r"^\W*(?:(?P<how>how)|(?P<who>who|whom|whose)|(?P<what>what|which)|"
    r"(?P<when>when)|(?P<where>where)|(?P<why_>why)|"
    r"(?P<yesno>is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|shall|may|might))\b",
    re.I,
)


def interrogative(question: str) -> str | None:
    """What a question asks for, by its first word: "who", "what" ("which" too), "when", "where", "why"
    ("what made you ...", "how come" too), "how", "count" ("how many", "how much"), "duration" ("how long"),
    "often", "measure" ("how old", "how far") or "yesno" ("Is that enough?"); None when it opens otherwise."""
    m = _INTERROGATIVE.match(question)
    return m.lastgroup.rstrip("_") if m is not None and m.lastgroup else None


def analyse(text: str, registry: PeopleRegistry) -> Question:
    """Classify ``text`` and resolve the person a quote question is about."""
    return replace(_analysed(text, registry), asks=interrogative(text))


def _analysed(text: str, registry: PeopleRegistry) -> Question:
    asking = bool(_ASKING.search(text))
    for pattern in _QUOTE_PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        target = m.group("name").strip(" ,?")
        # A pronoun ("what did they say") or a clause the pattern ran across ("what did Lee do when she got
        # the call") is no speaker.
        if (
            not target
            or target.lower() in ("this", "that")
            or _NOT_A_SPEAKER.intersection(target.lower().split())
            # ... nor words that run on into what follows ("what did the leaders discuss on the call": "call" is
            # no verb of speech there, and "the leaders discuss on the" no one)
            or target.lower().split()[-1] in _RUNS_ON
        ):
            continue
        if names_coverage(target):
            continue  # "according to the op-ed": which coverage says it, not who
        people, by_role = resolve_speaker(target, registry)
        rest = text[m.end() :].strip(" ?.!")
        if pattern is _ACCORDING:
            # "What is missing, according to the lawyer?": what is asked comes before whose words answer it.
            rest = f"{text[: m.start()]} {rest}".strip(" ,?.!")
        return Question(
            text, Intent.QUOTE, target, tuple(people), by_role, has_topic=bool(rest), topic=rest, about_asking=asking
        )
    if (m := _VIEW_ASKED.search(text)) is not None:
        group = next(g for g in ("name", "progressive", "feeler") if m.group(g))
        target = m.group(group).strip(" ,?")
        clause = _NOT_A_SPEAKER.intersection(target.lower().split())
        found: tuple[list[Person], bool] = ([], False) if clause else resolve_speaker(target, registry)
        # ... a person by name, or by a role the words name ("the historian"); "South Korea" is no one's role
        if found[0] and (not found[1] or _ROLE_RE.search(target)):
            people, by_role = found
            # What is asked of their words is the rest of the question, before the name as after the verb (with
            # the feeling asked about, which their words tell in words of its family: "afraid" is "I worry that").
            rest = text[m.start("feeling") if m.group("feeling") else m.end() :]
            topic = f"{text[: m.start(group)]} {rest}".strip(" ?.!")
            return Question(text, Intent.QUOTE, target, tuple(people), by_role, topic=topic, about_asking=asking)
    if (m := _PERSON_ON.match(text)) and (found := resolve_speaker(m.group("name").strip(" ,"), registry))[0]:
        people, by_role = found
        name, topic = m.group("name").strip(" ,"), m.group("topic")
        return Question(text, Intent.QUOTE, name, tuple(people), by_role, topic=topic, about_asking=asking)
    if (m := _PERSON_WORDS.match(text)) and (found := resolve_speaker(m.group("name").strip(" ,"), registry))[0]:
        people, by_role = found
        topic = m.group("topic") or ""
        name = m.group("name").strip(" ,")
        return Question(
            text, Intent.QUOTE, name, tuple(people), by_role, has_topic=bool(topic), topic=topic, about_asking=asking
        )
    if (m := _HOLDS_POST.match(text)) is not None:
        # "Who chairs the association": who the chairman of the association is, if anyone of the coverage is.
        for noun in _POST_VERBS.get(m.group("verb").lower(), ()):
            if (found := resolve_speaker(f"the {noun} of {m.group('org')}", registry))[0]:
                return Question(text, Intent.PROFILE, f"the {noun} of {m.group('org')}", tuple(found[0]), found[1])
    if m := _PROFILE.search(text):
        target = m.group("name").strip(" ,?")
        people, by_role = resolve_speaker(target, registry)
        # "who is kwon tae-hyun": a name of the coverage, whatever a parse of lower-case words makes of it
        # ("who is travelling with Lee" asks who does something).
        if registry.lookup(target) is not None or not asks_who_did(text):
            return Question(text, Intent.PROFILE, target, tuple(people), by_role, about_asking=asking)
    if _WHO.search(text):
        return Question(text, Intent.WHO, about_asking=asking)
    if _WHEN.search(text):
        return Question(text, Intent.WHEN, about_asking=asking)
    return Question(text, Intent.FACT, about_asking=asking)


def resolve_speaker(target: str, registry: PeopleRegistry) -> tuple[list[Person], bool]:
    """People a name or role ("Lee", "the security adviser") may mean, most prominent first,
    and whether they were found by role (then all of them are meant) rather than by name."""
    if (relation := _RELATION.fullmatch(target.strip())) is not None:
        # "Jeon Sang-gu's daughter": the person of that relation in the stories that name the first.
        owners = registry.candidates(relation.group("owner"))
        noun = relation.group("noun").lower()
        related = [
            p
            for p in registry.people.values()
            if owners and p is not owners[0] and p.articles & owners[0].articles
            and any(noun in r.lower().split() for r in p.roles)
        ]  # fmt: skip
        if related:
            return related, True
    joined = re.search(r"\s(?:and|&)\s", target)  # "Lee, the president" alone is one person
    if joined and len(parts := [p for p in re.split(r"\s+(?:and|&)\s+|,\s*", target.strip()) if p]) > 1:
        # "Lee and Takaichi", "Wi, Kang and Lee": the words of each of them.
        each = [resolve_speaker(part, registry)[0] for part in parts]
        if all(each):
            people = {found[0].id: found[0] for found in each}  # the first each part resolves to, once
            return list(people.values()), True
    words = [w for w in re.split(r"[\s]+", target.strip()) if w]
    # "President Lee", "Prime Minister Takaichi": drop leading titles and articles, keep the name.
    for i in range(len(words)):
        if found := registry.candidates(" ".join(words[i:])):
            titled = [p for p in found if any(t.lower() in target.lower() for t in p.titles())]
            return titled + [p for p in found if p not in titled], False
    by_role = _by_role(target, registry)
    return by_role, bool(by_role)


def relations_named(text: str, registry: PeopleRegistry) -> frozenset[str]:
    """The relations of people of the coverage a question asks about ("Lee Mi-kyung's father" -> "father"):
    an answer must speak of that relation, not only of the person it is someone's relation to."""
    found = set()
    for m in _RELATION.finditer(text):
        words = m.group("owner").split()
        if any(registry.candidates(" ".join(words[i:])) for i in range(len(words))):
            found.add(m.group("noun").lower())
    return frozenset(found)


def relation_of(target: str) -> str | None:
    """The relation a speaker is asked by ("Lee Mi-kyung's son" -> "son"), None for a name or a role."""
    m = _RELATION.fullmatch(target.strip())
    return m.group("noun").lower() if m is not None else None


def is_generic_speaker(target: str) -> bool:
    """Institutions and groups ("analysts", "the Blue House") are not people; their words are searched
    normally. Whole phrases from the data file, or any name with an institution's head word in it."""
    phrase = " ".join(target.lower().split())
    if phrase in _GENERIC_SPEAKERS or phrase.removeprefix("the ") in _GENERIC_SPEAKERS:
        return True
    return not is_name_like(target)


def looks_like_speaker(target: str) -> bool:
    """A name (capitalised) or a role ("the ambassador") can speak; "defence stocks" cannot."""
    return bool(re.search(r"(?<![\w’'])[A-Z]", target) or _ROLE_RE.search(target))


def names_a_role(target: str) -> bool:
    """The speaker asked for is named by a role ("the fisheries agency official", "the divers"): a person or
    people, not a body or a country."""
    return _ROLE_RE.search(target) is not None


_ROLE_RE = LazyPattern(rf"(?i:\b(?:{ROLE_WORDS})s?\b)")
# "Jeon Sang-gu's daughter", also typed in lower case: the owner is looked up as a name, in any case.
_RELATION = LazyPattern(rf"(?P<owner>[\w-]+(?:\s[\w-]+){{0,2}})[’']s\s(?P<noun>(?i:{ROLE_WORDS}))")


_ROLE_SHORT = {
    short.strip(): long.strip()
    for short, long in (line.split("=", 1) for line in word_list("role_abbreviations", "index"))
}


def _proper_name(target: str) -> bool:
    """One word that is no role noun ("Japan", "Seoul", typed in lower case too) names a place or a body, never
    a role: "what does Japan call the islets" is no question for the head of a Japan desk, nor "what did japan
    say" for a Japan expert. (A longer name may be spoken for: "the People Power Party" by its spokesperson.)"""
    found = re.findall(r"[\w’'.-]+", target)
    words = [w for w in found if w.lower() not in _ROLE_STOPWORDS]
    # (typed in lower case, a name stands bare: "the critic" describes someone a role list may not name)
    described = any(w.lower() in _DETERMINERS for w in found)
    return len(words) == 1 and _ROLE_RE.search(target) is None and (words[0][:1].isupper() or not described)


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "their", "its", "his", "her"})


def _by_role(target: str, registry: PeopleRegistry) -> list[Person]:
    """People whose roles share most of the asked role's words (spelling slips allowed), best match first:
    every word matched before most, then the role with fewest other words ("Interior Minister" before
    "Vice Interior Minister" for "the interior minister")."""
    from rapidfuzz import fuzz

    if (of := _ROLE_OF.fullmatch(target.strip())) is not None:
        target = f"{of.group(2)} {of.group(1)}"  # "the mayor of Ube" is "the Ube mayor": the post's noun last
    # (a short form may be written with a hyphen, "co-op"; any other hyphenated word is its parts)
    found = re.findall(r"[a-z]+(?:-[a-z]+)*", target.lower().replace("u.s.", "us"))
    words = [p for w in found for p in ([w.replace("-", "")] if w.replace("-", "") in _ROLE_SHORT else w.split("-"))]
    wanted = [w for word in words for w in _ROLE_SHORT.get(word, word).split() if w not in _ROLE_STOPWORDS]
    if not wanted or _proper_name(target) or (len(wanted) == 1 and is_institution_word(wanted[0])):
        # ("the ministry" alone is no one's role, however like "minister" it is spelled: its words are
        # searched; "the People Power Party" is, in its spokesperson's role, "... of the People Power Party")
        return []
    # (the asked post's noun, unless it names only that the post is a public one, "the Nara official", or is
    # no post at all, "the People Power Party", whose spokesperson speaks for it)
    asked_head = _role_head(target)
    asked_head = _ROLE_SHORT.get(asked_head, asked_head).split()[-1] if asked_head is not None else None
    if asked_head is not None and (asked_head in _GENERIC_POSTS or not is_role_word(asked_head)):
        asked_head = None
    scored = []
    for person in registry.people.values():
        best = (0.0, 0.0)
        for role in person.roles:
            words = [w for w in re.findall(r"[a-z]+", role.lower().replace("u.s.", "us")) if w not in _ROLE_STOPWORDS]
            if not words:
                continue
            # The asked post's noun is the role's own, not a word qualifying it: "Japan" is no "Japan expert at
            # Hankuk University" ("what did Japan say" asks its government), "the curator" is "co-curator".
            head = _role_head(role)
            if asked_head is not None and head is not None and fuzz.ratio(asked_head, head) < _ROLE_WORD_SIMILARITY:
                continue
            hits = [any(fuzz.ratio(w, r) >= _ROLE_WORD_SIMILARITY for r in words) for w in wanted]
            if wanted[-1] in _GENERIC_POSTS and not hits[-1] and _GOVERNMENT & set(words):
                hits[-1] = True  # "the Nara official": any public post ("... of the Nara Prefectural Government")
            matched = sum(hits)
            # The role's head noun held, a qualifier found beside the person's name instead ("the Horyuji
            # priest": a senior priest named in sentences about Horyuji) counts half.
            near = sum(0.5 for w, hit in zip(wanted, hits, strict=True) if not hit and w in person.context)
            coverage = (matched + near) / len(wanted) if hits[-1] else matched / len(wanted)
            best = max(best, (coverage, matched / len(set(words) | set(wanted))))
        if best[0] >= _ROLE_COVERAGE:
            scored.append((best, person.mentions, person))
    if not scored:
        return []
    top = max(c for (c, _), _, _ in scored)
    scored = [t for t in scored if t[0][0] == top]
    scored.sort(key=lambda t: (-t[0][1], -t[1]))
    return [p for _, _, p in scored]


def _role_head(role: str) -> str | None:
    """The noun a role is a post of: its last word before what it is of or at ("expert" of "Japan expert at
    Hankuk University", "minister" of "Minister for Foreign Affairs", "curator" of "the Korean co-curator")."""
    before = re.split(r"\s(?:of|at|in|for|to|with|from|on|who|which|that)\s|,", role.lower().replace("u.s.", "us"))[0]
    words = [p for w in re.findall(r"[a-z]+(?:-[a-z]+)*", before) for p in w.split("-")]
    return words[-1] if words else None


_ROLE_OF = LazyPattern(r"(?:the\s+)?(.+?)\s+of\s+(?:the\s+)?(.+)", re.I)
# A head noun that names no post of its own, only that it is a public one.
_GENERIC_POSTS = frozenset({"official", "officials"})
_GOVERNMENT = frozenset(word_list("government_words", "index"))
_ROLE_WORD_SIMILARITY = 85  # "secretery" is "secretary"
_ROLE_COVERAGE = 0.67  # "most of its words": two of three


def unknown_names(text: str, knows: Callable[[str], bool]) -> list[str]:
    """Capitalised names in the question of which no word occurs anywhere in the coverage, or, for a name of
    three words or more, most words do not ("Kim Hea Kyung" when only "Kim" is known: someone else)."""
    missing = []
    for m in _CAPITALISED.finditer(text):
        if m.start() == len(text) - len(text.lstrip()):
            continue  # the question's first word is capitalised anyway
        words = [normalize_word(w) for w in re.findall(r"\w+", m.group(0))]
        known = sum(knows(w) for w in words)
        if words and (not known or (len(words) >= 3 and 2 * known < len(words))):
            missing.append(m.group(0))
    return missing
