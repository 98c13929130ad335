"""Sources that disagree: different figures (or dates) for what was asked, from different articles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from index.text.nlp import counted_phrase, parse
from index.text.tokens import irregular_form, token_set, tokenize
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
_CARDINALS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_TEENS = ["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spelled_numbers() -> dict[str, int]:
    """Every number a house style spells out, one to ninety-nine ("thirty-one"). ("Three hundred" is left
    out: read word by word it would be a three.)"""
    words = {w: i for i, w in enumerate(_CARDINALS + _TEENS, 1)}
    for t, tens in enumerate(_TENS, 2):
        words[tens] = 10 * t
        words |= {f"{tens}-{unit}": 10 * t + u for u, unit in enumerate(_CARDINALS[:9], 1)}
    return words


_NUMBER_WORDS = {w: i for i, w in enumerate(_ORDINALS, 1)} | _spelled_numbers()
# The numbers a house style spells out, two to ninety-nine, as a pattern (longest first): "one" is left out,
# as often a pronoun.
SPELLED_NUMBER = "(?:" + "|".join(sorted((w for w in _spelled_numbers() if w != "one"), key=len, reverse=True)) + ")"
# A number in digits or spelled out ("4,200", "twelve", "thirty-one").
_ANY_NUMBER = LazyPattern(rf"\d|\b{SPELLED_NUMBER}\b", re.I)


def measured(text: str) -> bool:
    """``text`` gives a figure in units ("up to 30 centimetres", "about 14 tons", "60,000 tonnes"): how much of
    something there is, whatever it is of."""
    words = [m.group(0).lower() for m in _WORD.finditer(text)]
    return any(
        (re.fullmatch(r"\d[\d,]*(?:\.\d+)?", w) or w in _NUMBER_WORDS) and nxt in _MEASURES
        for w, nxt in pairwise(words)
    )


def gives_number(text: str) -> bool:
    """``text`` gives a number, in digits or in words."""
    return bool(_ANY_NUMBER.search(text))


# A number standing alone (not a clock time "21:45", a date's day "Feb. 3" or a year).
_FIGURE = LazyPattern(rf"(?<![\w:])(?:\d[\d,.]*|{SPELLED_NUMBER})(?![\w:])", re.I)
_CONTEXT = 3
# A year: it dates, it counts nothing.
YEAR_LIKE = LazyPattern(r"(?:1[89]|20)\d\d")


def figures_given(text: str) -> frozenset[str]:
    """The figures in digits ``text`` gives, written without separators ("45,000" -> "45000"): no clock times,
    no years."""
    found = (m.group(0).rstrip(".,").replace(",", "") for m in _FIGURE.finditer(text) if m.group(0)[0].isdigit())
    return frozenset(f for f in found if f and not YEAR_LIKE.fullmatch(f))


def figure_context(text: str) -> frozenset[str]:
    """The words beside the figures ``text`` gives, three either side: what they count or measure ("injuring
    14 people" -> injure, people; "the number of injured to 17" -> number, injured)."""
    found: set[str] = set()
    for m in _FIGURE.finditer(text):
        if YEAR_LIKE.fullmatch(m.group(0)):
            continue  # a year dates; it counts nothing
        before = text[: m.start()].split()[-_CONTEXT:]
        after = text[m.end() :].split()[:_CONTEXT]
        found.update(tokenize(" ".join(w for w in (*before, *after) if not _FIGURE.fullmatch(w.strip(".,;:")))))
    return frozenset(found)


_ADVERBIAL = {"once": 1, "twice": 2, "thrice": 3}
_WORD = LazyPattern(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\w.-]+|[,;:()“”\"]")
_WINDOW = 4
# A figure's noun phrase ends where a preposition opens another ("nine relatives of the workers" counts
# relatives), unless the words before measure out what follows ("20 tonnes of rice", "four rounds of talks").
_PHRASE_ENDS = frozenset(
    "of from in at for with to on by about over under after before during since across into near among".split()
)
_MEASURES = frozenset(word_list("measure_words", "index"))
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# A number joined to its noun: "12-member", "four-day" (not "thirty-one", a number of its own).
_COMPOUND = LazyPattern(r"(\d{1,4}|[a-z]+)-([a-z]+)")
_COUNT_QUESTION = LazyPattern(r"\bhow (?:many|much|often)\b|\bnumber of\b|\bwhich (?:meeting|time|round)\b", re.I)
# Questions about how often people met count meetings, whatever noun the article uses for them.
_MEETING_WORDS = frozenset(tokenize("meetings summits talks engagements visits times"))
_MEETING_VERBS = frozenset(tokenize("met meet meetings summits talks visited times"))
# What an ordinal counts: occasions, each the next of a series ("the third round", "her second trip").
_OCCASIONS = _MEETING_WORDS | frozenset(t for w in word_list("occasion_nouns", "index") for t in tokenize(w))


@dataclass(frozen=True)
class Figure:
    """A number an article gives for the thing asked about, in the words it uses."""

    value: float
    phrase: str


def is_ordinal(phrase: str) -> bool:
    """True when a figure's phrase opens with an ordinal ("second meeting", "third high-level engagement")."""
    return phrase.split()[0].lower() in _ORDINALS if phrase.split() else False


def is_count_question(question: str) -> bool:
    return _COUNT_QUESTION.search(question) is not None


_HOW_OFTEN = LazyPattern(r"\bhow often\b", re.I)


def asks_how_often(question: str) -> bool:
    """The question asks how often something happens ("how often have Lee and Takaichi met")."""
    return bool(_HOW_OFTEN.search(question))


# Where the phrase a "how many" counts ends: its verb, a preposition, the question's end.
_COUNTED_END = r"(?= (?:have|has|had|did|do|does|were|was|are|is|will|would|could|died|killed|in|of|at|on)\b|\?|$)"
_COUNTED = LazyPattern(rf"\bhow many ((?:[\w-]+ ){{0,2}}?[\w-]+){_COUNTED_END}", re.I)
# "How many" with nothing counted after it: a verb follows at once.
_UNNAMED = LazyPattern(r"\bhow many (?:have|has|had|did|do|does|were|was|are|is|will|would|could|can|might)\b", re.I)


# People counted by what they do: the plain "people" or "persons" counts them too.
_PEOPLE_AT_WORK = frozenset(
    tokenize("staff staffers employees workers officials officers personnel members volunteers")
)
_PEOPLE = frozenset(tokenize("people persons"))
# ... and "how many people": any noun counting people (index/data/person_nouns.txt) counts them.
_PERSON_NOUNS = frozenset(tokenize(" ".join(word_list("person_nouns", "index"))))


def _with_people(stems: frozenset[str]) -> frozenset[str]:
    """What is counted with the nouns that count it too: people for staff ("how many staff": "eleven people in
    my division"), any noun counting people for people ("how many people were taken to hospital": "nine
    passengers were")."""
    if stems & _PEOPLE_AT_WORK:
        return stems | _PEOPLE
    if stems & _PEOPLE:
        return stems | _PERSON_NOUNS
    return stems


def counted_nouns(question: str) -> frozenset[str]:
    """Stems of what a count question counts: the phrase after "how many" (meetings, if it counts
    times people met), else every word of the question."""
    everything = frozenset(tokenize(question))
    if _UNNAMED.search(question):
        return frozenset()  # "how many were killed", "how many did the organisers say joined": any figure
    if (parsed := counted_phrase(question)) is not None:
        stems = frozenset(tokenize(parsed[0]))
    elif m := _COUNTED.search(question):
        stems = frozenset(tokenize(m.group(1)))
    elif asks_how_often(question):
        stems = frozenset(tokenize("times")) | (everything & _MEETING_VERBS)  # "how often" counts times
    else:
        stems = everything - {"often", "much"}
    stems = _with_people(stems)
    counts_meetings = (stems | everything) & _MEETING_VERBS and stems <= _MEETING_VERBS | _MEETING_WORDS
    return stems | _MEETING_WORDS if counts_meetings else stems


# "how many Korean forced laborers' remains have ...": the phrase counted, its last word the thing counted.
_COUNTED_PHRASE = LazyPattern(rf"\bhow many ((?:[\w’'-]+ ){{0,3}}?[\w’'-]+){_COUNTED_END}", re.I)


def counted_head(question: str) -> frozenset[str]:
    """Stems of the thing a "how many" question counts, the last word of its phrase ("remains" in "how
    many laborers' remains", "meetings" in "how many planning meetings"), with the words that count it too
    (people for staff, any meeting for meetings); empty when the question names no such phrase."""
    if (parsed := counted_phrase(question)) is not None:
        word = parsed[1]
    elif (m := _COUNTED_PHRASE.search(question)) is not None and not m.group(1).lower().startswith("of "):
        word = m.group(1).split()[-1]  # no parse: the pattern's phrase, its last word
    else:
        return frozenset()  # "how many of the victims were Japanese": "47 Japanese" counts them
    head = _with_people(frozenset(tokenize(word)))
    return head | _MEETING_WORDS if head & (_MEETING_WORDS | _MEETING_VERBS) else head


def counted_terms(question: str) -> frozenset[str]:
    """The counted nouns, and the verbs of meeting when meetings are counted ("met", "meet")."""
    nouns = counted_nouns(question)
    return nouns | _MEETING_VERBS if nouns & _MEETING_WORDS else nouns


def figures(text: str, nouns: frozenset[str]) -> list[Figure]:
    """Numbers in ``text`` attached to what is counted ("the third high-level engagement"), the one
    matching most of the counted words first ("136 Korean forced laborers" before "183 laborers")."""
    words = [m for m in _WORD.finditer(text)]
    found: list[tuple[int, Figure]] = []
    for i, m in enumerate(words):
        token = m.group(0).lower().rstrip(".")
        if token in _ADVERBIAL and nouns & _MEETING_WORDS:
            # "has met Xi twice": the count follows the verb of meeting.
            before = " ".join(w.group(0) for w in words[max(0, i - 8) : i])
            if set(tokenize(before)) & _MEETING_VERBS:
                found.append((1, 0, Figure(float(_ADVERBIAL[token]), text[words[max(0, i - 8)].start() : m.end()])))
            continue
        compound = _COMPOUND.fullmatch(token)
        if (
            token not in _NUMBER_WORDS
            and compound is not None
            and (compound.group(1).isdigit() or compound.group(1) in _NUMBER_WORDS)
        ):
            # "the 12-member pact", "a four-day visit": the number and what it counts in one word.
            number, noun = compound.groups()
            if set(tokenize(noun)) & nouns:
                value = float(number) if number.isdigit() else float(_NUMBER_WORDS[number])
                found.append((1, 0, Figure(value, m.group(0))))
            continue
        if token in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[token])
        elif re.fullmatch(r"\d[\d,]*(?:\.\d+)?", token):
            value = float(token.replace(",", ""))
            if 1800 <= value <= 2100 and "," not in token:
                continue  # a year, not a count ("2,000 students" is a count)
            if _clock_time(words, i):
                continue  # "[20:41] The presidential office ...": a live blog's time stamp, not a count
        else:
            continue
        if i + 1 < len(words) and (times := _MULTIPLIERS.get(words[i + 1].group(0).lower())) is not None:
            value *= times  # "Three hundred students", "1.2 million visitors": one figure, as "300" would be
        if token in _ORDINALS and not nouns & _OCCASIONS:
            continue  # "the first store would open in Tokyo" counts no stores; "their third summit" counts summits
        if token in _ORDINALS and _idiomatic_time(words, i):
            continue  # "the first time in years" is no count
        if token in _ORDINALS and i + 1 < len(words) and past_verb(words[i + 1].group(0)):
            continue  # "I first dived at Chosei in 2023" says when, not how many dives
        if (labelled := _under_label(text, words, i, nouns)) is not None:
            found.append((labelled[0], 0, Figure(value, labelled[1])))
            continue
        hits, last, distance = 0, None, _WINDOW
        for j, follower in enumerate(words[i + 1 : i + 1 + _WINDOW]):
            if not follower.group(0)[0].isalnum():
                break  # a figure's noun phrase does not cross punctuation
            word = follower.group(0).lower()
            if j > 0 and word in _PHRASE_ENDS and (word != "of" or words[i + j].group(0).lower() not in _MEASURES):
                break  # ... nor a preposition ("12 of the workers" counts workers: nothing stands before its "of")
            if set(tokenize(follower.group(0))) & nouns:
                hits, last, distance = hits + 1, follower, min(distance, j)
        if last is not None:
            found.append((hits, distance, Figure(value, text[m.start() : last.end()].rstrip("."))))
    # Most counted words first; then the number nearest its noun ("14 memorandums", not "two governments").
    return [f for _, _, f in sorted(found, key=lambda t: (-t[0], t[1]))]


# "The number of protesters", "the total of fire engines": what a figure after it counts.
_NUMBER_OF = LazyPattern(r"\b(?:number|count|total|tally) of\s", re.I)
# A figure as a clause gives it after the noun: "at about 400", "to twelve", "was 47".
_FIGURE_GIVEN = LazyPattern(
    rf"^(?:[\w’'-]+\s){{0,3}}?(?:at|to|was|is|stood at|reached|of)\s(?:(?:about|around|some|nearly|almost|roughly|"
    rf"more than|fewer than|less than|just over|just under|over|under)\s)?(?:\d[\d,.]*|{SPELLED_NUMBER})\b",
    re.I,
)


def number_of(text: str, nouns: frozenset[str]) -> bool:
    """``text`` gives the number of what is counted after naming it: "police now put the number of protesters
    at about 400", "revised the number of fire engines sent to twelve"."""
    for m in _NUMBER_OF.finditer(text):
        rest = text[m.end() :].split()
        for i, word in enumerate(rest[:4]):
            if set(tokenize(word)) & nouns:
                return bool(_FIGURE_GIVEN.match(" ".join(rest[i + 1 : i + 8])))
    return False


def past_verb(word: str) -> bool:
    """A verb's past form: regular ("dived") or irregular ("met", "went")."""
    lowered = word.lower()
    return lowered.isalpha() and (lowered.endswith("ed") or irregular_form(lowered))


def _idiomatic_time(words: list[re.Match[str]], i: int) -> bool:
    """An ordinal is no count in "the first time" (only "for the Nth time" counts) or in "the first
    visit in 11 years", "the first ... since"."""
    following = [w.group(0).lower() for w in words[i + 1 : i + 1 + _WINDOW + 4]]
    preceding = " ".join(w.group(0).lower() for w in words[max(0, i - 2) : i])
    if following[:1] in (["time"], ["times"]):
        return preceding != "for the"
    rest = " ".join(following)
    return (
        re.search(
            r"\b(?:in|since)\b(?:\s(?:more than|over|nearly|almost|about))?(?:\s[\w,]+)?\s(?:years?|decades?|"
            r"months?|history)\b|\bsince\b",
            rest,
        )
        is not None
    )


def _clock_time(words: list[re.Match[str]], i: int) -> bool:
    """True when the number at ``words[i]`` is an hour or minutes of a time of day ("20:41", "3:40 p.m."):
    a colon joins it, with no space, to another number."""
    m = words[i]
    before = i >= 2 and words[i - 1].group(0) == ":" and words[i - 2].group(0).isdigit()
    after = i + 2 < len(words) and words[i + 1].group(0) == ":" and words[i + 2].group(0).isdigit()
    return (before and words[i - 2].end() + 1 == m.start()) or (after and m.end() + 1 == words[i + 2].start())


def _under_label(text: str, words: list[re.Match[str]], i: int, nouns: frozenset[str]) -> tuple[int, str] | None:
    """A figure given under its label, as a table row is read under its headers ("Japanese visitors to Korea
    (millions): 3.27") or a fact box prints it ("Population: 160,000"): the label's counted words and the
    label with the figure; None when no counted word is in the label."""
    if i < 2 or words[i - 1].group(0) != ":":
        return None
    start = i - 1
    while start > 0 and words[start - 1].group(0) not in (";", ":") and i - start < 12:
        start -= 1
    label = [w.group(0) for w in words[start : i - 1]]
    hits = sum(1 for w in label if set(tokenize(w)) & nouns)
    return (hits, text[words[start].start() : words[i].end()]) if hits else None


_OF_FIGURE = LazyPattern(
    r"([\w’'-]+) of (?:the |some |about |around |nearly |almost |more than |over |at least |up to )?"
    r"(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b",
    re.I,
)


def head_of_figure(sentence: str, head: frozenset[str]) -> bool:
    """The thing counted stands before "of" and a figure: "the remains of some 130 Koreans" says how many
    Koreans' remains there are, as "130 Koreans' remains" would."""
    for m in _OF_FIGURE.finditer(sentence):
        number = m.group(2).lower()
        if set(tokenize(m.group(1))) & head and (number[0].isdigit() or number in _NUMBER_WORDS):
            return True
    return False


# Verbs that give their subject's figure: "the budget is 120 million yen", "the toll stood at 47", "spending
# reached 3 billion won".
_GIVES_FIGURE = frozenset({"be", "stand", "reach", "total", "amount", "come", "top", "exceed", "hit"})


def figure_stated(sentence: str, nouns: frozenset[str]) -> bool:
    """A noun of ``nouns`` (stems) is the subject of a verb giving its figure, however far the figure stands
    from it: "The budget for this fiscal year is 120 million yen" says what the budget is. A year is no
    figure ("the plan was 2026's"). Parsed only when the sentence holds such a noun and a digit or number."""
    if not (token_set(sentence) & nouns) or (doc := parse(sentence)) is None:
        return False
    for token in doc:
        verb = token.head
        if token.dep_ not in ("nsubj", "nsubjpass") or not set(tokenize(token.text)) & nouns:
            continue
        if verb.lemma_.lower() not in _GIVES_FIGURE:
            continue
        after = (w for child in verb.children if child.i > token.i and child.dep_ != "punct" for w in child.subtree)
        if any(w.like_num and not YEAR_LIKE.fullmatch(w.text) for w in after):
            return True
    return False


def bare_count(sentence: str, verb: str) -> bool:
    """A number stands alone for what is counted, as the subject or object of the verb asked about: "up to
    five may attend" answers "how many family members can attend" (``verb``: the question's verb's lemma);
    and how many times it was done: "has left Korea only once", "has visited Seoul three times"."""
    if (doc := parse(sentence)) is None:
        return False
    for token in doc:
        if token.like_num and not YEAR_LIKE.fullmatch(token.text) and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if token.head.lemma_.lower() == verb:
                return True
        elif token.lower_ in ("once", "twice", "thrice") or (
            token.lemma_.lower() == "time" and any(c.like_num for c in token.children)
        ):
            # ... the verb it counts, through the adverb it qualifies ("only once before")
            head = token.head
            if head.dep_ in ("advmod", "npadvmod") and head.head is not head:
                head = head if head.lemma_.lower() == verb else head.head
            if head.lemma_.lower() == verb:
                return True
    return False
