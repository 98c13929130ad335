"""Stage 1 (with ``question.analyse``): what the question needs, worked out once against the coverage.
Every later stage reads this, never the question's text: the kind of answer and the focus words, the
names the coverage lacks, the articles it points at, whether it wants the newest, and what sources would
disagree about (a count's figure, a date)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from index.answer.answerability import AnswerType, Expectation, asked_words
from index.answer.focus import Focus
from index.answer.occasion import asked_ordinal, asked_side
from index.answer.question import (
    Intent,
    Question,
    is_generic_speaker,
    looks_like_speaker,
    relation_of,
    relations_named,
    unknown_names,
)
from index.answer.superlative import Superlative, asked_superlative
from index.answer.types import Refusal
from index.answer.updates import asks_earlier
from index.people.names import TITLE_WORDS, is_role_word
from index.people.registry import Person
from index.store.loaded import LoadedIndex
from index.store.references import outlets_named, referenced_articles
from index.text.dates import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    asks_ahead,
    days_named,
    months_asked,
    weekdays_named,
    years_named,
)
from index.text.figures import counted_nouns, counted_terms, is_count_question
from index.text.motion import Direction, asked_direction, destination
from index.text.nlp import asks_whom, completes_before, main_verb
from index.text.tokens import tokenize
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

# "about North Korea at the briefing": the subject, then the occasion it was said on.
_ABOUT_AT = LazyPattern(
    r"^\s*(?:about|on|regarding|of)\s+(.+?)\s+(?P<occasion>(?:at|during|in|after|before|while|when)\s+\S.*)$", re.I
)
_WANTS_NEWEST = LazyPattern(r"\b(?:latest|most recent|newest|recently|today|currently|now|this week)\b", re.I)


@dataclass(frozen=True)
class Needs:
    """What an answer must hold and what the analysis already knows, once per question."""

    question: Question  # as analysed; a "speaker" who is no one ("how did stocks react") made a FACT question
    expectation: Expectation
    focus: Focus
    refusal: Refusal | None = None  # what the analysis alone refuses: a name or speaker the coverage lacks
    unknown: tuple[str, ...] = ()
    referenced: frozenset[str] = frozenset()  # articles named by type or outlet ("the editorial", "Yonhap")
    wants_newest: bool = False  # "the latest", "today"
    claims: Literal["figure", "date"] | None = None  # what sources may disagree about
    counted: frozenset[str] = frozenset()  # what a count counts (stems)
    named: tuple[Person, ...] = ()  # the people the question names (for a count or a "who did it")
    # "Who won the election", "who showed them around": the answer names who did it ("who said" is WHO).
    asks_agent: bool = False
    # ... and the verb it asks who did ("travel" of "who is travelling with Lee").
    agent_verb: str | None = None
    # "Who did Lee meet": whom it was done to, by the people the question names (``nlp.asks_whom``).
    asks_whom: bool = False
    claim_topic: Focus | None = None  # the rest of what a count asks about (not its people, not what it counts)
    years: frozenset[str] = frozenset()  # the years the question names ("in 2012")
    months: frozenset[int] = frozenset()  # the months it is about ("where did they meet in April")
    # Where what is asked about happened ("what did Lee give Takaichi in Gyeongju"), in lower case: the
    # answering article speaks of it somewhere.
    places: frozenset[str] = frozenset()
    # The days it names: (month or 0, day) for "on the 14th", "on Jan. 14", "on 14 January".
    days: frozenset[tuple[int, int]] = frozenset()
    # The days of the week it names ("on Wednesday"): a passage's "tomorrow" may be one of them.
    weekdays: frozenset[str] = frozenset()
    direction: Direction | None = None  # a journey asked about one way: "fly into" (arrive), "leave" (depart)
    # "What did X say about Y at Z": Y's words alone (Z is the occasion), when the question names both.
    subject: Focus | None = None
    # Where a journey asked about goes ("when will Takaichi visit Seoul": the stems of "Seoul").
    destination: frozenset[str] = frozenset()
    # "Lee Mi-kyung's father": the relations of people of the coverage the question asks about (stems).
    relations: frozenset[str] = frozenset()
    # "When will ...": something to come, which a sentence of what was done ("went back on Friday") does not date.
    ahead: bool = False
    # "What did the police first say": what an update or correction revised is asked for, not the revision.
    earlier: bool = False
    # "Where did Choi Min-ah find the letters": the people a question of fact is about, and the rest of its
    # focus ("find", "letter"), which a passage that only names them ("Choi Min-ah is a novelist") lacks.
    about: tuple[Person, ...] = ()
    beyond: Focus | None = None
    # "What did Lee Mi-kyung's son tell her": the relation a speaker nobody names is asked by ("son").
    speaker_relation: str | None = None
    # "What will the survey use": the stem of the verb a question of fact asks about, when it is one of its
    # focus words; a sentence stating that very act answers before one that only shares its nouns.
    predicate: str | None = None
    # "What does Jang do after every summit": the side of an event asked about, and the event's stems; a
    # sentence of the other side ("prepares for weeks before a summit") tells of another time.
    timing: tuple[str, frozenset[str]] | None = None
    # "When will the second working group meeting be held": the ordinal asked and the stems of what it counts; a
    # sentence of the first meeting tells of another one.
    ordinal: tuple[str, frozenset[str]] | None = None
    # Focus words a passage may say in other words (``event_verbs``): "run" of "when does the survey run"
    # always; "start" of "when do the fares start" in a sentence giving the start ("from April 1").
    occurring: frozenset[str] = frozenset()
    onset: frozenset[str] = frozenset()
    # "What do Korean researchers hope to find": the verb of view or wish asked of a group (its stem), which a
    # sentence telling their view holds ("Korean researchers hope to find ...").
    view_verb: str | None = None
    # "Which month had the most Korean visitors": the superlative asked, answered by a table's extreme row.
    superlative: Superlative | None = None


# A title a person holds ("minister", "ambassador", "chairman"), which "who is the X" asks the holder of.
_TITLED = LazyPattern(rf"\b(?i:{TITLE_WORDS})\b")


def _completes(text: str, topic: str, about: re.Match[str]) -> bool:
    """The occasion's preposition completes a word of the subject ("getting involved in a quarrel"): no
    occasion, one subject."""
    at = text.find(topic)
    return at >= 0 and completes_before(text, at + about.start(1), at + about.start("occasion"))


def understand(index: LoadedIndex, parsed: Question) -> Needs:
    """The question's needs against this coverage (its words' weights, its people, its articles)."""
    text = parsed.text
    refusal: Refusal | None = None
    unknown = tuple(unknown_names(text, index.knows))
    if unknown:
        refusal = Refusal.UNKNOWN_NAME
    elif parsed.intent is Intent.QUOTE and parsed.target and parsed.person is None:
        # Not a person of the coverage: a group or a thing ("the ministry", "Northgate Wire") is searched
        # like any words; a name the coverage never mentions at all is refused.
        if not is_generic_speaker(parsed.target) and not mentioned(parsed.target, index):
            refusal, unknown = Refusal.UNKNOWN_SPEAKER, (parsed.target,)
        elif is_generic_speaker(parsed.target) or not (
            looks_like_speaker(parsed.target) or _printed_as_name(parsed.target, index)
        ):
            # "how did defence stocks react": no speaker at all, an ordinary question.
            parsed = replace(parsed, intent=Intent.FACT, target=None)
    elif (
        parsed.intent is Intent.PROFILE
        and parsed.target
        and parsed.person is None
        # ... or asks who holds a title nobody in the coverage holds ("who is Japan's trade minister"; the
        # coverage's people with a title are found by it, as "who is the spokesperson" finds hers)
        and (not mentioned(parsed.target, index) or _TITLED.search(parsed.target) is not None)
    ):
        refusal, unknown = Refusal.UNKNOWN_NAME, (parsed.target,)
    if parsed.intent is Intent.QUOTE and not parsed.by_role and len(parsed.people) > 1:
        # "What did Matsuo say": of the people a surname may mean (a father and his son), one the coverage
        # quotes before one it only names, however often it names him; of several quoted, the one it quotes
        # most ("Ko said" three times of the father, "she said" once of his daughter Ko Ha-eun).
        quoted = sorted(
            (p for p in parsed.people if index.passages_quoting.get(p.id)),
            key=lambda p: -len(index.passages_quoting[p.id]),
        )
        parsed = replace(parsed, people=tuple([*quoted, *(p for p in parsed.people if p not in quoted)]))
    # Neither the person asked about nor the outlet whose coverage is asked for is what is asked about.
    speaker_words = [v for p in parsed.people for v in p.variants] + outlets_named(text, index.article_references)
    subject = None
    if parsed.intent is Intent.QUOTE and parsed.person is not None:
        focus = Focus.of(parsed.topic or text, index.lexical, [*speaker_words, *asked_words(text)])
        if (about := _ABOUT_AT.match(parsed.topic)) is not None and not _completes(text, parsed.topic, about):
            subject = Focus.of(about.group(1), index.lexical, speaker_words)
    else:
        # The person asked about is not what is asked about them; a name or role nobody holds is.
        named_target = [parsed.target or ""] if parsed.people else []
        focus = Focus.of(text, index.lexical, [*speaker_words, *named_target, *asked_words(text)])
    claims: Literal["figure", "date"] | None = (
        "figure" if is_count_question(text) else "date" if parsed.intent is Intent.WHEN else None
    )
    expectation = Expectation.of(text)
    # Used to count what they did (a figure's claim) or to find who did it (someone other than them).
    asks_agent = expectation.kind is AnswerType.AGENT and parsed.intent is not Intent.WHO
    # Read only where a stage uses them: to count what they did (a figure's claim), or to find who did it.
    named = tuple(index.people.named_in(text)) if claims == "figure" or asks_agent else ()
    claim_topic = None
    if claims == "figure":
        # A figure counts what was asked only in a passage about the people asked about ("meetings between
        # Lee and Takaichi", not Lee's with someone else) and about the rest of what was asked.
        topic = Focus.of(text, index.lexical, [v for p in named for v in p.variants])
        counted = counted_terms(text)
        claim_topic = Focus({t: w for t, w in topic.terms.items() if t not in counted})
    about: tuple[Person, ...] = ()
    beyond = None
    if parsed.intent not in (Intent.QUOTE, Intent.PROFILE, Intent.WHO):
        about = tuple(index.people.named_in(text))
        names = {t for p in about for v in p.variants for t in tokenize(v)}
        if about and (rest := {t: w for t, w in focus.terms.items() if t not in names}):
            steady = {t: w for t, w in (focus.steady or {}).items() if t in rest}
            beyond = Focus(rest, steady)
    return Needs(
        question=parsed,
        expectation=expectation,
        asks_agent=asks_agent,
        agent_verb=main_verb(text) if asks_agent else None,
        asks_whom=asks_agent and asks_whom(text),
        focus=focus,
        refusal=refusal,
        unknown=unknown,
        referenced=frozenset(referenced_articles(text, index.article_references)),
        wants_newest=_WANTS_NEWEST.search(text) is not None,
        claims=claims,
        counted=counted_nouns(text) if claims == "figure" else frozenset(),
        named=named,
        claim_topic=claim_topic,
        years=years_named(text),
        months=months_asked(text),
        places=_places(text, index),
        days=days_named(text),
        weekdays=weekdays_named(text),
        direction=asked_direction(text),
        subject=subject,
        # A count of what went somewhere ("what share of exports went to China") is answered by the figure,
        # however the passage words the flow ("China ... taking more than a fifth of the exports").
        destination=(
            frozenset(tokenize(place))
            if expectation.kind is not AnswerType.COUNT and (place := destination(text))
            else frozenset()
        ),
        ahead=(parsed.intent is Intent.WHEN or expectation.kind in (AnswerType.PLACE, AnswerType.COUNT))
        and asks_ahead(text),
        earlier=asks_earlier(text),
        relations=frozenset(t for r in relations_named(text, index.people) for t in tokenize(r)),
        about=about,
        beyond=beyond,
        speaker_relation=relation_of(parsed.target)
        if parsed.intent is Intent.QUOTE and parsed.person is None and parsed.target
        else None,
        predicate=_predicate(text, focus) if parsed.intent not in (Intent.QUOTE, Intent.PROFILE) else None,
        timing=asked_side(text),
        ordinal=asked_ordinal(text),
        **_event_verbs(text, expectation, focus),
        view_verb=next((t for t in tokenize(text) if t in _VIEW_VERBS), None)
        if parsed.intent is Intent.QUOTE and parsed.person is None
        else None,
        # (the column's words: not "month" of "which month", which tells the rows apart)
        superlative=asked_superlative(
            text,
            frozenset(focus.terms) - frozenset(tokenize(expectation.head or "")),
            frozenset(tokenize(expectation.head))
            if expectation.head
            else _WHEN_ROWS
            if parsed.intent is Intent.WHEN
            else None,
        ),
    )


def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(tokenize(entry)) for entry in word_list(name, "index"))


# Verbs of view and wish, which tell what a group holds without a verb of speech.
_VIEW_VERBS = frozenset(tokenize("want wants hope hopes expect expects fear fears worry worries believe believes"))
_OCCURRING = _phrases("occurrence_verbs")
_GOING = _phrases("going_verbs")
# The rows a "when" superlative picks among ("when did visitors peak": the month, the year ...).
_WHEN_ROWS = frozenset(tokenize("year month date day week quarter period time season"))
_ONSET = _phrases("onset_verbs")
_TAKING_PART = _phrases("participation_verbs")


def _event_verbs(text: str, expectation: Expectation, focus: Focus) -> dict[str, frozenset[str]]:
    """A "when" or "where" question's verb that says only that its thing happens ("when does the survey run":
    the passage dates the survey) or starts ("when do the fares start": "from April 1"), a "where" question's
    that it moves ("where is the trawler going"); a count's that says only that what it counts took part ("how
    many teams took part"), as focus stems."""
    counts = expectation.kind is AnswerType.COUNT and bool(expectation.counted)
    if expectation.kind not in (AnswerType.DATE, AnswerType.TIME, AnswerType.PLACE) and not counts:
        return {}
    verb = main_verb(text)
    stem = tokenize(verb)[:1] if verb else []
    tokens = tokenize(text)
    words = set(tokens)

    def spared(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
        # The parse's verb, or the phrase the question ends with: in lower case the small model often reads
        # the verb as a noun ("when will the korean air charter flights to kansai run").
        hit = next(
            (p for p in phrases if (stem[:1] == [p[0]] and set(p) <= words) or tuple(tokens[-len(p) :]) == p), ()
        )
        return frozenset(t for t in hit if t in focus.terms)

    if counts:  # "how many teams took part": a figure of the teams at the festival
        return {"occurring": spared(_TAKING_PART)}
    going = _GOING if expectation.kind is AnswerType.PLACE else ()
    return {"occurring": spared(_OCCURRING + going), "onset": spared(_ONSET)}


def _predicate(text: str, focus: Focus) -> str | None:
    """The stem of the verb the question asks about, when it is one of its focus words."""
    verb = main_verb(text)
    stem = tokenize(verb)[:1] if verb else []
    return stem[0] if stem and stem[0] in focus.terms else None


# "in Gyeongju", "at Hakata Port": capitalised words after "in" or "at" (not someone's: "in Kawabata's division").
_LOCATED = LazyPattern(r"\b(?:in|at)\s(?:the\s)?([A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2})(?![\w’'-])")
_NOT_PLACES = LazyPattern(rf"^(?:{MONTH_NAMES}|{WEEKDAY_NAMES})\b|(?:ese|ish)$")


def _places(text: str, index: LoadedIndex) -> frozenset[str]:
    """The places a question locates what it asks about at, in lower case: never a month, a language or
    nationality ("in Japanese"), a person or an outlet of the coverage."""
    found = set()
    for m in _LOCATED.finditer(text):
        place = m.group(1)
        if _NOT_PLACES.search(place) or index.people.named_in(place) or outlets_named(place, index.article_references):
            continue
        found.add(place.lower())
    return frozenset(found)


def speakers_of(parsed: Question) -> tuple[Person, ...]:
    """Whose words a quote question asks for: everyone holding a role, else the one person named."""
    return parsed.people if parsed.by_role else parsed.people[:1]


def _printed_as_name(target: str, index: LoadedIndex) -> bool:
    """A speaker typed in lower case ("what did samsung say") that the coverage prints only as a name
    ("Samsung Electronics", "Japan's Foreign Ministry"): a body that can speak, whose words are asked for, not
    any sentence naming it. (Words it also prints in lower case, "defence stocks", name nothing.)"""
    words = [w.lower() for w in re.findall(r"[\w’'-]+", target) if w.lower() not in _ARTICLES]
    return bool(words) and len(words) <= 3 and all(w in index.names for w in words)


def mentioned(name: str, index: LoadedIndex) -> bool:
    """True when some word of ``name`` occurs in the coverage (then it is searched for, never refused); for
    a role ("the Japanese ambassador to Korea"), some word of the role itself: its qualifiers ("Japanese",
    "Korea") are in every story, and nobody is called what the coverage never calls anyone."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in _ARTICLES]
    roles = [w for w in words if is_role_word(w)]
    return any(index.knows(w) for w in roles or words)


_ARTICLES = frozenset({"the", "a", "an"})
