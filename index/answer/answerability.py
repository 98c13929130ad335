"""Does a passage answer the question? The kind of answer asked for is in it (its focus words: focus.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from index.people.names import TITLE_WORDS
from index.store.references import names_coverage
from index.text.dates import MONTH, WEEKDAY_NAMES
from index.text.figures import (
    SPELLED_NUMBER,
    YEAR_LIKE,
    asks_how_often,
    bare_count,
    counted_head,
    counted_nouns,
    figure_stated,
    figures,
    head_of_figure,
    measured,
    number_of,
)
from index.text.nlp import (
    as_head,
    asks_who_did,
    lemmas,
    main_verb,
    only_bare,
    proper_nouns,
    which_head,
)
from index.text.temporal import CLOCK_TIME, CLOCK_TIME_PATTERN, temporal_weight
from index.text.tokens import token_set, tokenize
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import alternation, word_list


class AnswerType(StrEnum):
    """The kind of answer a question asks for."""

    COUNT = "count"  # how many, how much, how often
    DURATION = "duration"  # how long
    DATE = "date"  # when, what day
    TIME = "time"  # what time: a clock time or a time of day
    PLACE = "place"  # where
    NAMED = "named"  # which X: the passage must name an X
    AGENT = "agent"  # who did X (not who said): the answering sentence must name someone
    ADVICE = "advice"  # what should X do, what does X want done: the answer says what should be done
    REASON = "reason"  # why: a sentence giving a reason ("because of the typhoon") is preferred, none required
    ANY = "any"


_QUANTITY_NOUNS = "|".join(word_list("quantity_nouns", "index"))
# Measures asked with an adjective of their own, each answered in its units (``_MEASURED``): "how hot", "how
# fast", "how strong were the winds".
_HOW_HOT = r"hot|cold|warm"
_HOW_FAST = r"fast"
_HOW_STRONG_WINDS = r"strong\s(?:[\w’'-]+\s){0,3}winds?\b"
_TYPES = (
    (AnswerType.DURATION, re.compile(r"^\s*how long\b(?! ago)", re.I)),
    (AnswerType.TIME, re.compile(r"^\s*(?:at )?what time\b", re.I)),
    (
        AnswerType.COUNT,
        re.compile(
            rf"\bhow (?:many|much|often|tall|old|far|big|large|high|heavy|deep|wide|long ago|{_HOW_HOT}|{_HOW_FAST})\b|"
            rf"^\s*how\s{_HOW_STRONG_WINDS}|\bnumber of\b|"
            r"^\s*what\s(?:(?:did|does|do|will|would|could|might)\s(?:[\w’'-]+\s){1,6}?costs?|"
            r"(?:is|was|are|were)\s(?:[\w’'-]+\s){1,6}?worth)\b|"
            rf"^\s*what(?:'s|’s| is| was| are| were| will be)? (?:the |its |their )?(?:[a-z-]+ )?"
            rf"(?:{_QUANTITY_NOUNS})\b",
            re.I,
        ),
    ),
    (AnswerType.DATE, re.compile(r"^\s*(?:when\b|on what (?:day|date)|what (?:day|date|time|year|month)\b)", re.I)),
    (AnswerType.PLACE, re.compile(r"^\s*where\b", re.I)),
    (
        AnswerType.REASON,
        re.compile(
            r"^\s*(?:why\b|how come\b|what (?:made|makes|prompted|led|drove|caused|causes|sparked|triggered)\b)", re.I
        ),
    ),
    (AnswerType.AGENT, re.compile(r"^\s*who\s+(?!(?:is|was|are|were|'s|has been|have been|else)\b)\w+", re.I)),
    (
        AnswerType.ADVICE,
        re.compile(
            r"\b(?:should|ought to)\b|\b(?:want|wants|wanted|urge|urges|urged|ask|asks|asked)\s(?:[\w’'-]+\s){0,4}?"
            r"to do\b|\b(?:call|calls|called) (?:on|for)\b|\b(?:want|wants|wanted) (?:[\w’'-]+\s){0,3}?done\b",
            re.I,
        ),
    ),
    (AnswerType.NAMED, re.compile(r"^\s*(?:which|what)\s+(?!did|does|do|is|are|was|were|has|have|will)\w", re.I)),
)
# "What do the fishermen want?", "what did the protesters demand?", "what did Sato ask for?", "what does the
# columnist propose?": the whole question.
_WANTS_ASKED = LazyPattern(
    r"^\s*what\s+(?:do|does|did|will|would)\s+(?:[\w’'-]+\s){1,5}?(?:want|ask for|call for|demand|seek|hope for|"
    r"propose|suggest|recommend|advise|urge|advocate)"
    r"\s*[?.!]?\s*$",
    re.I,
)
# A sentence telling what someone wants, in any of the ways it is said (not "did not want", "never asked").
_WANTING = LazyPattern(
    r"(?<!not\s)(?<!n't\s)(?<!n’t\s)(?<!never\s)\b(?:wants?|wanted|wanting|ask|asks|asked|asking|demand\w*|seeks?|"
    r"seeking|sought|hopes?|hoped|hoping|wish|wishes|wished|would like|calls? for|called for|calling for|urg\w+|"
    r"request\w*|appeal\w*|press\w* for|push\w* for|plead\w*|propos\w*|suggest\w*|recommend\w*|advocat\w*)\b",
    re.I,
)
# A number in digits or spelled out ("ninety minutes", "thirty-one years"), or words that count loosely.
_NUMBER = rf"\d[\d,.]*|one|{SPELLED_NUMBER}|a hundred|hundreds|a dozen|dozens|half an?|a few|several"
_UNITS = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|generations?"
# A word that says which days are counted or that none is missed ("10 working days", "three full years").
_UNIT_QUALIFIER = r"(?:more|full|straight|working|business|calendar|consecutive|solid)\s"
_QUANTITY = LazyPattern(rf"\b(?:{_NUMBER})\b", re.I)
# ("How high" may ask a level, "43 percent": not a length.)
_HOW_LONG_A_WAY = LazyPattern(r"^\s*how\s(?:far|deep|tall|wide)\b", re.I)
# Measures asked with their adjective, and the units a figure of them is given in.
_MEASURED = {
    "temperature": (
        LazyPattern(rf"^\s*how\s(?:{_HOW_HOT})\b", re.I),
        LazyPattern(r"\b\d+(?:\.\d+)?\s?(?:degrees?|°\s?[CF]?|celsius|fahrenheit)\b|\d°", re.I),
    ),
    "speed": (
        LazyPattern(rf"^\s*how\s(?:{_HOW_FAST}\b|{_HOW_STRONG_WINDS})", re.I),
        LazyPattern(
            r"\b\d[\d,.]*\s?(?:km/h|kph|mph|knots?\b|(?:kilomet(?:re|er)s?|miles?)\s(?:an|per)\shour|"
            r"met(?:re|er)s?\s(?:a|per)\ssecond|m/s)",
            re.I,
        ),
    ),
}
_LENGTH = LazyPattern(
    rf"\b(?:{_NUMBER})[\s-]*(?:(?:kilo|centi|milli)?met(?:er|re)s?|km|m|cm|miles?|feet|foot|ft|yards?|inches|inch)\b"
    # ... or the time it takes to go ("three hours' drive from Seoul")
    rf"|\b(?:{_NUMBER}|an?)[\s-]*(?:hours?|minutes?)['’]?\s(?:drive|flight|walk|ride|journey|away|by)\b",
    re.I,
)
# "How long is the new road", "how long was the visit": no verb but the copula, so a thing's length or a
# stretch of time, whichever the thing has.
_HOW_LONG_IS = LazyPattern(r"^\s*how\s+long\s+(?:is|are|was|were|will\s+be)\s+(?:[\w’'-]+\s?){1,5}\??\s*$", re.I)
_MONTH_BEFORE = LazyPattern(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s$")
_UNIT_STEMS = frozenset(
    stem
    for unit in ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades")
    for stem in tokenize(unit)
)
# Words that bound or round a figure: "about", "more than", "up to a year", "at least six months".
_ABOUT = "about|nearly|almost|more than|less than|roughly|some|around|just|only|up to|at least|at most|no more than"
# A stretch of time: "for about six years", "lasted 41 minutes", "from 1926 until 1932"; a bare
# "100 years" may be an anniversary and counts half. After "last" the stretch needs its quantity ("will last
# two hours"): "last year" and "last week" are dates.
_DURATION = LazyPattern(
    rf"\b(?:for|lasted|lasting|over|spanning|spanned|take|takes|taking|took|within|after|during|spent|spend|spends|"
    rf"spending)\s"
    rf"(?:{_ABOUT}|an?|the)?\s*(?:an?\s)?"
    rf"(?:{_NUMBER})?\s*"
    rf"(?:{_UNIT_QUALIFIER})?(?:{_UNITS})\b|"
    rf"\blast\s(?:{_ABOUT})?\s*(?:{_NUMBER}|an?)\s+"
    rf"(?:{_UNIT_QUALIFIER})?(?:{_UNITS})\b|\bfrom \d{{4}} (?:until|to|through) \d{{4}}\b|\bhalf an hour\b|"
    rf"\bfrom (?:{_NUMBER}) (?:(?:{_UNITS}) )?to (?:{_NUMBER}|an?) (?:{_UNITS})\b|"
    r"\b(?:1[5-9]|20)\d\d\s?[-–]\s?(?:1[5-9]|20)\d\d\b",
    re.I,
)
_MONEY = LazyPattern(
    # ("350 US dollars", "2 million Hong Kong dollars": a country's name between the figure and its currency)
    r"[$€£¥₩]\s?\d|\b\d[\d,.]*\s?(?:million|billion|trillion)?\s?(?:(?:US|U\.S\.|Hong Kong|Singapore|Australian|"
    r"Canadian|New Taiwan)\s)?(?:yen|won|dollars?|euros?|pounds?|yuan|"
    r"renminbi|rupees?|usd|krw|jpy|cny|eur)\b",
    re.I,
)
# What costs nothing says how much it costs: "Admission is free", "free of charge", "at no cost".
_FREE = LazyPattern(
    r"\b(?:(?:is|are|was|were|be|remains?)\s(?:also\s)?free\b|free of charge|no charge|at no cost|"
    r"(?:costs?|pay|pays) nothing|for free)",
    re.I,
)
_HOW_MUCH_SUBJECT = LazyPattern(
    r"\bhow much (?:did|does|do|will|would|could|might|can|has|have|had|is|was|were|are)\s+(?:the\s|a\s|an\s|its\s)?"
    r"((?:[\w’'-]+\s){0,5}?[\w’'-]+)\s+(?:cost|costs|spend|spent|pay|paid|raise|raised|earn|earned|lose|lost|"
    r"save|saved|sell|sold|bring|brought|charge|charged|worth)\b"
    # ... and "what will the pipeline cost", "what is the order worth": the same sum, asked with "what".
    # ("what is the total cost" names the cost: a noun, asked as any quantity is)
    r"|^\s*what\s(?:(?:did|does|do|will|would|could|might)\s+(?:the\s|a\s|an\s|its\s)?"
    r"((?:[\w’'-]+\s){0,5}?[\w’'-]+)\s+costs?|(?:is|was|are|were)\s+(?:the\s|a\s|an\s|its\s)?"
    r"((?:[\w’'-]+\s){0,5}?[\w’'-]+)\s+worth)\b",
    re.I,
)
_HOW_MANY = LazyPattern(r"\bhow many\b|\bnumber of\b", re.I)
# "How much have sales risen", "how much did exports fall": the size of a change, which a figure or a share
# gives ("by about a third", "by more than half", "doubled"), never a sum of money alone.
_HOW_MUCH_CHANGE = LazyPattern(
    r"\bhow (?:much|far) (?:did|does|do|will|would|has|have|had|is|are|was|were)\s+(?:[\w’'-]+\s){1,5}?"
    r"(?:ris(?:e|en|es|ing)|rose|f[ae]ll(?:en|s|ing)?|gr[eo]wn?|grows|drop(?:ped|s)?|(?:in|de)creased?|"
    r"declined?|climb(?:ed)?|jump(?:ed)?|shr[iau]nk|gain(?:ed)?|slump(?:ed)?|surge[d]?|plunge[d]?|"
    # ... or by how far it stands "up" or "down": "how much are Fukuoka bookings up?"
    r"(?:up|down)(?=\s*[?.!]?\s*$|\s(?:from|since|this|last|compared)\b))\b",
    re.I,
)
_ONCE = LazyPattern(r"\b(?:once|twice|thrice|times)\b", re.I)
_MULTIPLE = LazyPattern(r"\b(?:doubl|tripl|quadrupl|halv)(?:e|ed|es|ing)\b|\b\w+fold\b", re.I)
# "How much funding does X get": an amount of a thing named, as "how many" counts one (not "how much did",
# "how much of", "how much more").
_HOW_MUCH_NOUN = LazyPattern(
    r"\bhow much\s+(?!(?:did|does|do|will|would|could|might|can|has|have|had|is|was|were|are|more|less|longer|"
    r"further|of|time|later|earlier|sooner)\b)([a-z][\w-]*)",
    re.I,
)
# A question that counts or measures ("How many samples have you taken?", "How much did it cost?").
_COUNTS = LazyPattern(r"\bhow (?:many|much)\b|\bnumber of\b|\bwhat (?:is|was) the (?:number|total|figure)\b", re.I)
_QUANTITY_QUESTION = LazyPattern(
    # ("the death toll", "the total cost": one word may say which)
    rf"^\s*what(?:'s|’s| is| was| are| were| will be)? (?:the |its |their )?(?:[a-z-]+ )?({_QUANTITY_NOUNS})\b",
    re.I,
)
_EVENT_COUNTS = frozenset(tokenize("toll tally turnout"))
# A share asked for ("what percentage", "what proportion") and a share given ("3 percent", "a quarter").
_SHARE_STEMS = frozenset(tokenize("percentage percent share proportion fraction"))
_SHARE = LazyPattern(
    # (the number in digits or, opening a sentence as house style spells it, in words: "Sixty-one percent")
    rf"(?:\d[\d.,]*|\b{SPELLED_NUMBER})\s?(?:%|percent\b|per cent\b|percentage points?\b)|"
    r"\b(?:a|one)[\s-](?:quarter|third|half|fifth|tenth)\b|\bhalf\b|\bone in (?:two|three|four|five|ten|\d+)\b",
    re.I,
)
# What should be done, said as a directive: "Seoul should commission a review", "I would urge the office to
# publish a calendar", "I want the government to say his name".
_DIRECTIVE = LazyPattern(
    r"\b(?:should|must|ought to|needs? to|has to|have to|had better|it is time to|let us|let's|recommend\w*|"
    r"(?:I|we) would (?!have\b|not\b|be\b|never\b)[a-z]+|"
    # ("I do not want to belittle it" wants nothing done)
    r"(?<!not\s)(?<!n't\s)(?<!n’t\s)(?<!never\s)"
    r"(?:urge|urges|urged|urging|want|wants|wanted|ask|asks|asked|asking|call on|calls on|called on)\s"
    r"(?:[\w’'-]+\s){0,4}?to\s\w+|(?:call|calls|called|calling) for)\b",
    re.I,
)
# "How long will it take": the answer says what something takes (or needs, or lasts).
_TAKES_ASKED = LazyPattern(r"\b(?:take|takes|took|taken|need|needs|require|requires)\b", re.I)
_TAKES = LazyPattern(
    r"\b(?:take|takes|taking|took|taken|need|needs|needed|last|lasts|lasted|require|requires|within)\b", re.I
)
_STATE_DURATION = LazyPattern(
    rf"\b(?:been|was|were|is|are|lain|lay|lived|stayed|remained)\b[^.;]{{0,60}}?\bfor\s"
    rf"(?:more than\s|about\s|nearly\s|almost\s|over\s|some\s)?(?:{_NUMBER})\s(?:{_UNITS})\b",
    re.I,
)
_BARE_DURATION = LazyPattern(rf"\b(?:{_NUMBER})[\s-]+(?:{_UNIT_QUALIFIER})?(?:{_UNITS})\b", re.I)
# "How long after his China trip": the time between two things, a stretch told as after or before the other
# ("just six days after his four-day state visit", "a week later"), not how long either lasted.
_GAP_ASKED = LazyPattern(r"^\s*how\slong\s(?:after|before)\b", re.I)
_GAP = LazyPattern(
    rf"\b(?:(?:{_ABOUT})\s)?(?:an?\s|{_NUMBER})[\s-]*(?:{_UNITS})\s(?:after|before|later|earlier|on)\b", re.I
)
# "What time": a clock time as "when" reads one (index.text.temporal), or "9 am", or a time of day.
_CLOCK = LazyPattern(
    rf"{CLOCK_TIME}|\b\d{{1,2}}(?::\d{{2}})?\s?(?:am|pm)\b|\b(?:morning|afternoon|evening|night|dawn|dusk)\b", re.I
)
# A sentence that gives a reason in so many words.
_REASON = LazyPattern(
    r"\b(?:because|due to|owing to|as a result of|the reason|so that|in order to|for fear|citing|cited|cites|"
    r"on account of|for the sake of|the cause|caused by|blamed on|triggered by|sparked by|"
    # ... or what stood in the way: "past efforts to join were stymied by the seafood ban"
    r"(?:stymied|blocked|hampered|hindered|held back|thwarted|obstructed) by|"
    # ... or the one looked into: "police are investigating whether the driver fell asleep"
    r"investigat(?:e|es|ed|ing) (?:whether|if))\b",
    re.I,
)
# A place described rather than named: "next to his mother, on a hill above the town".
_LOCATED = LazyPattern(
    r"\b(?:next\sto|beside|behind|above|below|beneath|under|opposite|near|in\sfront\sof|on\stop\sof)\s"
    r"(?:the|a|an|his|her|their|its|our|my)\s(?:[a-z]+\s)?[a-z]+"
)
# The part of a place a sentence may name before or after it ("the coast of Ube", "Jeju's south coast").
_PLACE_PART = r"coast|shore|outskirts|edge|border|banks?|north|south|east|west|centre|center|heart|suburbs?|foot|site"
# A place named after a preposition, or a table cell under a header that names places ("Place: Kyoto").
_PLACE = LazyPattern(
    # (a month or a day of the week is no place: "starting in October")
    # (the preposition in any case: "In Busan, ...", "At the embassy or a consulate" open a sentence)
    rf"\b(?i:in|at|from|near|outside|inside|off|to|into)\s(?:the\s)?(?!(?:{MONTH}|{WEEKDAY_NAMES})\b)[A-Z][\w’'-]+|"
    # "on the coast of Ube", "in the north of the country's capital": a place's part, then the place.
    rf"\b(?:on|in|at|near|off|along)\s(?:the\s)?(?:[a-z]+\s)?(?:{_PLACE_PART})\sof\s(?:the\s)?[A-Z]|"
    # ... or the place's own first: "on Jeju's south coast", "in Seoul's suburbs"
    rf"\b(?:on|in|at|near|off|along)\s[A-Z][\w-]*['’]s?\s(?:[a-z]+\s)?(?:{_PLACE_PART})\b|"
    r"\b(?:Place|Location|Venue|City|Town|Country|Site|Where)s?:\s[A-Z]"
)
# ... or a place told by what it is: "at convenience stores", "at the embassy or a consulate"
# (index/data/place_nouns.txt).
_PLACE_NOUN = LazyPattern(
    r"\b(?i:at|in|from|to|inside|outside)\s(?:(?:the|a|an|any|most|local|its|their|his|her)\s)?(?:[a-z-]+\s){0,2}?"
    rf"(?:{alternation(word_list('place_nouns', 'index'))})"
    r"(?:s|es)?\b"
)
# "How often will they meet": how often something happens, which a frequency says ("agreed to meet every year").
_FREQUENCY = LazyPattern(
    r"\b(?:every|each)\s+(?:other\s+|two\s+|few\s+)?(?:day|week|month|year|spring|summer|autumn|winter)s?\b|"
    r"\b(?:once|twice|\w+ times)\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b|"
    r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|regularly|biennial(?:ly)?)\b",
    re.I,
)
_HOW_OLD = LazyPattern(r"^\s*(?:how old|(?:at )?what age)\s(is|are|was|were)\b", re.I)
_AGE_WORD = rf"(?:\d{{1,3}}|{SPELLED_NUMBER})"
# An age now: "Choi Young-hee, 88,", "now 93", "who is 85", "aged 85", "an 85-year-old".
_AGE_NOW = LazyPattern(
    rf"[A-Z][\w’'-]+,\s(?:now\s)?\d{{1,3}},|\b(?i:now|aged)\s{_AGE_WORD}\b|\bwho\sis\s{_AGE_WORD}\b"
    rf"|\b(?:is|are)\s{_AGE_WORD}(?=\s*(?:[.,;]|years?\sold))|\b\d{{1,3}}-year-old\b"
    # an age by decade ("are in their fifties and sixties", "a woman in her 70s")
    r"|\b(?i:in\s(?:their|his|her)\s(?:early\s|mid-?\s?|late\s)?(?:\d0s|twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties))\b",
)
# An age by when someone or something came to be: "born in 1945", "made in the sixth century", "built in 607".
_ORIGIN = LazyPattern(
    r"\b(?:born|made|built|founded|established|created|carved|cast|painted|written|erected|dat(?:e|es|ed|ing)\s(?:back\s)?"
    r"(?:to|from))\s(?:(?:in|around|about|from)\s)?(?:the\s)?(?:(?:early|mid|late)[\s-])?"
    r"(?:\d{3,4}s?\b|\w+(?:-\w+)?\scentury\b)",
    re.I,
)
# An age then: "was 23 when he went into the mine", "His son was two."
_AGE_THEN = LazyPattern(
    rf"\b(?:was|were)\s(?:just\s|only\s|barely\s)?{_AGE_WORD}(?=\s*(?:[.,;]|when\b|at\sthe\stime|years?\sold))"
)
_WHICH_HEAD = LazyPattern(
    r"^\s*(?:which|what)\s+((?:[\w’'-]+\s){0,3}?[\w’'-]+?)\s+(?:did|does|do|is|are|was|were|has|have|had|will|would|"
    r"can|could|should|may|might)\b",
    re.I,
)


@dataclass(frozen=True)
class Expectation:
    """What kind of answer the question wants, with what a count counts and what a "which" names."""

    kind: AnswerType
    counted: frozenset[str] = frozenset()
    head: str | None = None  # "park" in "which park did Lee visit"
    # The question names what is counted ("how many workers", "the population"): a figure must be attached.
    strict: bool = False
    # "how much did the banquet cost": the figure must be given in a passage about the banquet (the sentence
    # giving the sum often names it otherwise: "He said his members had lost about 300 billion won").
    subject: frozenset[str] = frozenset()
    # "the population of Ube": the measure comes before its figure ("a population of 160,000").
    measure: bool = False
    # What a "how many" counts, its phrase's last word: a figure of other words of the phrase counts half
    # ("136 Korean forced laborers" does not say how many laborers' remains were identified).
    counted_head: frozenset[str] = frozenset()
    # The capitalised words a question asking for a name already gives ("the Chosei coal mine"): no answer.
    given: frozenset[str] = frozenset()
    # A "which X" question's words (lemmas): what an answer must add to the bare X (``only_bare``).
    asked: frozenset[str] = frozenset()
    # "How old is X" asks an age now ("now"), "how old was X when ..." one then ("then").
    age: str | None = None
    # "Who was the first victim identified": a person fitting a description, never an institution.
    person: bool = False
    # "How many were killed", "how many did the organisers say joined": nothing named is counted, so any
    # figure given answers.
    any_figure: bool = False
    # "How long might it take to get results": what something takes, not how long anything was.
    takes: bool = False
    # "How often will they meet": a frequency answers as a figure does.
    often: bool = False
    # "How much funding": a sum of money answers as a figure of what is named does.
    amount: bool = False
    # "How deep", "how far", "how tall": a length asked, which only a figure with a unit of length gives ("about
    # 40 metres below the surface"; "was 19 when he first dived" is no depth). Of a duration ("how long is the
    # road"), a length answers as well as a stretch of time.
    length: bool = False
    # "How hot was it", "how fast was the ferry", "how strong were the winds": a figure in units of that
    # measure ("33 degrees", "180 kilometres an hour"), nothing else (``_MEASURED``).
    unit: str | None = None
    # "What do the fishermen want?", "what did X ask for?": what someone wants, in whatever words they want it
    # ("have asked the government to include them", "We ask that ...", "want faster action").
    wants: bool = False
    # "How long after X did Y": the time between them ("six days after").
    gap: bool = False
    # "How much have sales risen": the size of a change (a figure, a share or a multiple).
    change: bool = False
    # "How many family members can attend": the verb counted with (its lemma), whose subject or object a bare
    # number may be ("up to five may attend").
    verb: str | None = None

    @property
    def typed(self) -> bool:
        """A kind of answer a sentence holds or lacks (a figure, a duration, a place ...): not any answer, and
        not a date, which the ranking weighs through the question's "when" instead."""
        return self.kind not in (AnswerType.ANY, AnswerType.DATE)

    def bare(self, sentences: list[str]) -> bool:
        """A "which X" (or "what ... as an X") is asked and the sentences hold X only bare ("exchanged gifts"
        for "what gift"), and no figure in the sentence after tells which ("had set a record. The KOSPI
        closed at 4,525.48")."""
        if not (
            self.kind in (AnswerType.NAMED, AnswerType.ANY)
            and not self.strict
            and bool(self.head)
            and only_bare(sentences, self.head or "", self.asked)
        ):
            return False
        stem = (self.head or "")[:4].lower()
        after = [sentences[i + 1] for i, s in enumerate(sentences[:-1]) if stem in s.lower()]
        return not any(re.search(r"\d", s) for s in after)

    @classmethod
    def of(cls, question: str) -> Expectation:
        kind = next((k for k, pattern in _TYPES if pattern.search(question)), AnswerType.ANY)
        if kind is AnswerType.ANY and asks_who_did(question):
            kind = AnswerType.AGENT  # "who is travelling with Lee": someone who does it, not who someone is
        elif kind is AnswerType.ANY and _WHO_DESCRIBED.search(question):
            return cls(AnswerType.AGENT, person=True)  # "who was the first victim identified": by name
        if kind is AnswerType.COUNT:
            if m := _HOW_OLD.search(question):
                return cls(kind, age="now" if m.group(1).lower() in ("is", "are") else "then")
            if _HOW_LONG_A_WAY.search(question):
                return cls(kind, length=True)
            if (unit := next((u for u, (asked, _) in _MEASURED.items() if asked.search(question)), None)) is not None:
                return cls(kind, unit=unit)
            if _HOW_MUCH_CHANGE.search(question):
                return cls(kind, change=True)
            if m := _HOW_MUCH_SUBJECT.search(question):
                # "how much is the centre going to cost": the thing, not the words of time before the verb
                phrase = re.sub(
                    r"\s(?:going|expected|likely|set|due|supposed|about|projected)\sto$",
                    "",
                    next(g for g in m.groups() if g),
                )
                head = re.split(r"\s(?:in|at|of|for|on|to|from|with|during)\s", phrase)[0].split()[-1]
                # ("how much does it cost": a pronoun names nothing a sentence must be about; any sum answers)
                return cls(kind, strict=True, subject=frozenset(tokenize(head)), amount=not tokenize(head))
            if m := _QUANTITY_QUESTION.search(question):
                counted = frozenset(tokenize(m.group(1)))
                # "What is the death toll", "what was the turnout": a count of what happened to people, which a
                # sentence gives as its figure ("183 laborers ... died"), never naming the toll.
                unnamed = counted <= _EVENT_COUNTS
                return cls(kind, counted=counted, strict=True, measure=True, any_figure=unnamed)
            if m := _HOW_MUCH_NOUN.search(question):
                # ... given by a figure of it ("funding of 5 billion won") or a sum of money
                return cls(kind, counted=frozenset(tokenize(m.group(1))), strict=True, measure=True, amount=True)
            counted = counted_nouns(question)
            return cls(
                kind,
                counted=counted,
                strict=_HOW_MANY.search(question) is not None,
                counted_head=counted_head(question),
                any_figure=not counted and _HOW_MANY.search(question) is not None,
                often=asks_how_often(question),
                verb=main_verb(question) if counted and _HOW_MANY.search(question) is not None else None,
            )
        if kind is AnswerType.DURATION:
            return cls(
                kind,
                takes=_TAKES_ASKED.search(question) is not None,
                gap=_GAP_ASKED.search(question) is not None,
                length=_HOW_LONG_IS.search(question) is not None,
            )
        if kind is AnswerType.ANY and _WANTS_ASKED.search(question):
            return cls(AnswerType.ADVICE, wants=True)
        if kind in (AnswerType.ANY, AnswerType.NAMED) and (named := _NAME_ASKED.search(question)) is not None:
            # "What is the name of the hotel", "what brand of drum kits": a name is what is asked for (but
            # "why were the names not released" asks why, "when were the names released" when).
            head = (named.group("head") or named.group("thing") or named.group("called")).lower()
            given = frozenset(w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", question))
            return cls(AnswerType.NAMED, head=head, strict=True, given=given)
        if kind is AnswerType.ANY and (head := as_head(question)) is not None:
            # "What did Takaichi give Lee as a gift": any passage may answer, but one holding only "gifts",
            # nothing telling which, does not (``bare``).
            return cls(kind, head=head.lower(), asked=lemmas(question))
        if kind is AnswerType.NAMED:
            m = _WHICH_HEAD.search(question)
            head = m.group(1).split()[-1] if m is not None else which_head(question)
            if head is None:
                return cls(AnswerType.ANY)
            return cls(kind, head=head.lower(), asked=lemmas(question))
        return cls(kind)

    def satisfied(self, sentences: Iterable[str], around: str = "", answers: str = "") -> bool:
        """Whether any of ``sentences`` holds the answer's kind; a named count needs its figure."""
        return self.satisfied_by([self.weight(s, around, answers) for s in sentences])

    def satisfied_by(self, weights: list[float]) -> bool:
        """The same, from the sentences' weights already computed."""
        if self.kind is AnswerType.REASON:
            return True  # a reason is often given without saying so ("The families have asked for a few days")
        if self.kind in (AnswerType.COUNT, AnswerType.NAMED) and self.strict:
            return max(weights, default=0.0) >= 1.0
        return max(weights, default=0.0) > 0.0

    def weight(self, sentence: str, around: str = "", answers: str = "") -> float:
        """1.0 when ``sentence`` holds the kind of answer asked for, 0.5 when it holds something like it,
        else 0 (always 1 when any answer will do). ``around``: the passage and the text just before it, where
        what a sum of money is about may be named; ``answers``: the question the passage answers (an
        interview's, an explainer's), which may name what its bare figure counts."""
        if self.kind is AnswerType.DURATION:
            if self.length and _LENGTH.search(sentence):
                return 1.0  # "how long is Summit Avenue": "The 800-metre road"
            if self.gap:
                return 1.0 if _GAP.search(sentence) else 0.0  # ("two days, shorter than his four-day trip")
            if self.takes and _DURATION.search(sentence) and not _TAKES.search(sentence):
                # "how long might it take": how long something takes, never how long a state has held
                # ("bones that have been under the sea for more than eighty years")
                return 0.0 if _STATE_DURATION.search(sentence) else 0.5
            return 1.0 if _DURATION.search(sentence) else 0.5 if _BARE_DURATION.search(sentence) else 0.0
        if self.kind is AnswerType.COUNT:
            if self.length:
                return 1.0 if _LENGTH.search(sentence) else 0.0
            if self.unit is not None:
                return 1.0 if _MEASURED[self.unit][1].search(sentence) else 0.0
            if self.age is not None:
                # "How old is Choi Dong-su": "Mr. Choi, now 93," or "who is 85"; "was eleven when his father
                # left" is an age then, which half answers (and the other way round for "how old was X when").
                now, then = bool(_AGE_NOW.search(sentence)), bool(_AGE_THEN.search(sentence))
                if (now, then)[self.age == "then"]:
                    return 1.0
                if self.age == "now" and _ORIGIN.search(sentence):
                    return 1.0  # "how old is the crown": "made in the sixth century"
                # (A year or a day of the month is no age: "opened his restaurant in 1987", "Correction, Jan. 23"
                # say nothing of how old he is.)
                # (Nor is a number in words: "At six every morning", "One of my lieutenants".)
                figure = any(
                    m.group(0)[:1].isdigit()
                    and not YEAR_LIKE.fullmatch(m.group(0))
                    and not _MONTH_BEFORE.search(sentence, 0, m.start())
                    for m in _QUANTITY.finditer(sentence)
                )
                return 0.5 if now or then or figure else 0.0
            if self.change:
                # (a clock time or a year is no size of a change: "16:30 — Shares of Korean airlines rose")
                untimed = CLOCK_TIME_PATTERN.sub(" ", sentence)
                sized = any(not YEAR_LIKE.fullmatch(m.group(0)) for m in _QUANTITY.finditer(untimed))
                return 1.0 if _SHARE.search(sentence) or _MULTIPLE.search(sentence) or sized else 0.0
            if self.often and _FREQUENCY.search(sentence):
                return 1.0
            if self.amount and (_MONEY.search(sentence) or (not self.counted and _FREE.search(sentence))):
                return 1.0
            if self.subject:
                # "how much did X cost": a sum of money, in a sentence about X.
                about = bool(self.subject & (token_set(sentence) | token_set(around)))
                return (1.0 if about else 0.5) if _MONEY.search(sentence) or _FREE.search(sentence) else 0.0
            if self.counted and (found := figures(sentence, self.counted | self.counted_head)):
                if not self.counted_head or any(self.counted_head & set(tokenize(f.phrase)) for f in found):
                    return 1.0
                if head_of_figure(sentence, self.counted_head):
                    return 1.0  # "the remains of some 130 Koreans"
                return 0.5
            if self.counted & _SHARE_STEMS and _SHARE.search(sentence):
                return 1.0  # "what percentage", "what share": "fell about 3 percent", "by about a quarter"
            if self.counted & _UNIT_STEMS and _DURATION.search(sentence):
                return 1.0  # "how many years" asks for a stretch of time: "from 1990 to 2021" answers it
            if self.measure and (_figure_after(sentence, self.counted) or figure_stated(sentence, self.counted)):
                return 1.0
            if self.amount and self.counted & token_set(f"{sentence} {around}") and measured(sentence):
                return 1.0  # "how much snow is forecast": "snow will continue ..., with up to 30 centimetres"
            if self.counted and number_of(sentence, self.counted):
                return 1.0  # "police now put the number of protesters at about 400"
            if self.verb and (_QUANTITY.search(sentence) or _ONCE.search(sentence)) and bare_count(sentence, self.verb):
                return 1.0  # "how many family members can attend": "up to five may attend"
            if not _QUANTITY.search(sentence):
                return 0.0
            if self.any_figure:
                return 1.0  # "how many were killed": "47 were killed"
            # "How many samples have you taken?" — "About two hundred.": the figure counts what its question does
            # (a question that counts: "How can relatives give a sample?" says nothing of "a few minutes").
            # (What it counts is the counted phrase's head, in any of its words: "staff" is "people" is "persons".)
            counts = bool((self.counted_head or self.counted) & token_set(answers)) and bool(_COUNTS.search(answers))
            return 1.0 if self.counted and counts else 0.5
        if self.kind is AnswerType.DATE:
            return temporal_weight(sentence)
        if self.kind is AnswerType.TIME:
            return 1.0 if _CLOCK.search(sentence) else 0.0
        if self.kind is AnswerType.PLACE:
            if _PLACE.search(sentence) or _PLACE_NOUN.search(sentence):
                return 1.0
            return 0.5 if _LOCATED.search(sentence) else 0.0
        if self.kind is AnswerType.REASON:
            return 1.0 if _REASON.search(sentence) else 0.0
        if self.kind is AnswerType.ADVICE:
            return 1.0 if _DIRECTIVE.search(sentence) or (self.wants and _WANTING.search(sentence)) else 0.0
        if self.kind is AnswerType.NAMED and self.head and self.strict:
            return 1.0 if _gives_name(sentence, self.head, self.given) else 0.0
        if self.kind is AnswerType.NAMED and self.head:
            return _names_head(sentence, self.head)
        return 1.0


# The word that names the answer's kind ("what date", "which year") and the quality asked of something ("what
# is special about Horyu Temple", "what was unusual about the dinner"): what the question asks for, never a
# word its answer holds ("died on Feb. 3, 1942" says what date without the word "date").
_ASKED_WORD = LazyPattern(
    r"^\s*(?:what|which)\s+(?P<kind>date|day|year|month|time|hour)s?\b|"
    r"^\s*what(?:'s|’s| is| was| are| were)\s+(?:so\s+|most\s+)?(?P<quality>[a-z]+)\s+about\b|"
    # "where did the ceremony take place": where it happened, in whatever words
    r"\b(?P<event>(?:take|takes|took|taken|taking)\s+place)\b|"
    # "how far is Andong from Seoul", "how old is Kim": the measure asked ("190 kilometers", "He is 71")
    rf"\bhow\s+(?P<measure>far|old|tall|high|deep|wide|big|large|heavy|soon|{_HOW_HOT}|{_HOW_FAST})\b|"
    r"^\s*how\s+(?P<strength>strong)\s(?=(?:[\w’'-]+\s){0,3}winds?\b)|"
    # "what is the death toll": the figure of those who died, in whatever words ("183 laborers ... died")
    r"^\s*what(?:'s|’s|\s+is|\s+was|\s+were)\s+(?:the\s+)?(?:[a-z-]+\s)?(?P<count>toll|tally|turnout)\b|"
    # "what did the protesters want?": what they asked for, in whatever words ("calling for ...")
    # (Not "what will the talks cover?": a sentence that says what the talks are, without the word, is as near
    # as one saying what they will take in, and shown as the answer; the missing word refuses it.)
    r"^\s*what\s+(?:do|does|did|will|would)\s+(?:[\w’'-]+\s){1,5}?(?P<desire>want)\s*[?.!]?\s*$|"
    # "what is Yoon planning next?": what they will do, in whatever words ("A cooking school in Busan, next spring")
    r"^\s*what(?:'s|’s|\s+is|\s+are)\s+(?:[\w’'-]+\s){1,5}?(?P<plan>planning)\b",
    re.I,
)


# "... according to the op-ed": which coverage is asked, not a word of the answer.
_PER_COVERAGE = LazyPattern(
    r"\b(?:according to|in|per)\s+((?:the|this|that|our|today's)\s+[\w’'-]+(?:\s[\w-]+)?)\s*[?.!]?\s*$", re.I
)


# "What does X want the governments to do?": whom X would have act is all the question names, and no word the
# answer must hold ("both countries should ..." answers it). (With "... to do about Y", Y is what is asked
# about, and the words of whom, when the answer holds them, only add to it.)
_ADVISED = LazyPattern(
    r"\b(?:want|wants|wanted|urge|urges|urged|ask|asks|asked|expect|expects|expected)\s+((?:[\w’'-]+\s){1,4}?)"
    r"to do\s*[?.!]?\s*$",
    re.I,
)


def asked_words(question: str) -> list[str]:
    """The words of ``question`` that ask rather than say what is asked about (``_ASKED_WORD``), and the
    piece of coverage it asks of ("according to the op-ed")."""
    m = _ASKED_WORD.search(question)
    groups = ("kind", "quality", "event", "measure", "strength", "count", "desire", "plan")
    words = [w for g in groups if (w := m.group(g))] if m else []
    if (c := _PER_COVERAGE.search(question)) and names_coverage(c.group(1)):
        words += c.group(1).split()
    if a := _ADVISED.search(question):
        words += a.group(1).split()
    return words


def _figure_after(sentence: str, nouns: frozenset[str]) -> bool:
    """A figure given after what it measures: "a population of 160,000", "the price was $3"."""
    words = sentence.split()
    for i, word in enumerate(words):
        if set(tokenize(word)) & nouns and any(_QUANTITY.fullmatch(w.strip(".,;:$€£¥%")) for w in words[i + 1 : i + 5]):
            return True
    return False


# A name asked for: "the (Korean) name of the hotel (where ...)", "the title of her novel", "what brand of drum kits",
# "what is the mine called in Korean".
_NAME_ASKED = LazyPattern(
    r"\b(?:names?|titles?) of (?:the |a |an |his |her |their |its )?(?:[\w’'-]+\s){0,3}?(?P<head>[\w-]+)"
    r"(?=\s(?:where|that|which|who|in|at|on|did|does|do|is|was)\b|\s*[?.]?$)|"
    r"\b(?:what|which) (?:brand|make|model)s? of (?:[\w’'-]+\s){0,2}?(?P<thing>[\w-]+)"
    r"(?=\s(?:did|does|do|is|are|was|were|has|have)\b)|"
    # "What is the Chosei mine called in Korean?", "what was the operation known as"
    r"^\s*what\s(?:is|are|was|were)\s(?:the\s|a\s|an\s)?(?:[\w’'-]+\s){0,3}?(?P<called>[\w-]+)\s(?:called|known as)\b",
    re.I,
)


# A name set beside the noun it names: in quotes, or capitalised words between commas.
_NAMED_AFTER = LazyPattern(
    # ... a word of naming may come between ('The exhibition, titled "Across the Strait",')
    r",?\s+(?:(?:titled|entitled|called|named|dubbed|known as)\s+)?"
    r"(?:[“\"‘'][A-Z][^”\"’']{0,60}[”\"’']|[A-Z][\w’'-]*(?:\s+(?:of|the|and|[A-Z][\w’'-]*)){0,5},)"
)


def _gives_name(sentence: str, head: str, given: frozenset[str]) -> bool:
    """The sentence names one: a capitalised word in the head's own phrase, the head itself capitalised within
    the sentence ("the Nara Hotel"), a capitalised word the question does not give just before it
    ("Jangsaeng coal mine" for "the Korean name of the Chosei coal mine", not "the Chosei mine") or a name
    set beside it ('her latest novel, "Salt Wind",')."""
    stem = tokenize(head)
    words = list(re.finditer(r"[\w’'-]+", sentence))
    names: frozenset[int] | None = None
    for i, w in enumerate(words):
        if tokenize(w.group(0)) != stem:
            continue
        if i > 0 and w.group(0)[:1].isupper():
            return True
        if _NAMED_AFTER.match(sentence, w.end()):
            return True  # given after it: 'her latest novel, "Salt Wind",', "the report, Lessons of Chosei,"
        before = [v for j, v in enumerate(words[max(0, i - 2) : i], max(0, i - 2)) if j > 0]
        capitalised = [v for v in before if v.group(0)[:1].isupper() and v.group(0).lower() not in given]
        if capitalised:
            # A capital is a name only where the tagger reads one: "Korean cosmetics" names no brand.
            names = proper_nouns(sentence) if names is None else names
            if names is None or any(v.start() in names for v in capitalised):
                return True
    return False


_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "His", "Her"})
_OF_NAME = LazyPattern(r"\s(?:of|for)\s(?:the\s)?[A-Z]")


def _names_head(sentence: str, head: str) -> float:
    """1.0 when a proper name ends with the head noun ("Lu Xun Park" for "which park") or the noun
    introduces a list ("eight prefectures: Aomori, ..."); 0.5 when the noun is merely there, 0.25 else."""
    stem = tokenize(head)
    if not stem:
        return 0.0
    if head in _GENERIC_INSTITUTIONS and _INSTITUTION_NAME.search(sentence):
        return 1.0  # "which agency": any named institution ("the National Forensic Service") is one
    # (the noun itself, singular or plural: "said Kim" is no saying named)
    if any(m.group(1).rstrip("s") == head.lower().rstrip("s") for m in _NAME_FOLLOWS.finditer(sentence)):
        return 1.0  # "sent its ship Onnuri", "the Korean ship will be the Tamgu 22": the noun, then its name
    if head[:1].upper() + head[1:] not in sentence and ":" not in sentence:
        # No capitalised "Park" and no list: the regular expressions below cannot match.
        return 0.5 if stem[0] in token_set(sentence) else 0.25
    for m in re.finditer(r"\b[A-Z][\w’'-]*", sentence):
        if tokenize(m.group(0)) != stem:
            continue
        # The head named: after a name ("the Foreign Ministry", "Sorim University") or before one ("the
        # Ministry of the Interior and Safety", "the University of Tokyo").
        before = re.search(r"([A-Z][\w’'.-]*)\s$", sentence[: m.start()])
        if (before and before.group(1) not in _DETERMINERS) or _OF_NAME.match(sentence, m.end()):
            return 1.0
    for m in re.finditer(r"\b([A-Za-z]+)\s?:\s[A-Z]", sentence):
        if tokenize(m.group(1)) == stem:
            return 1.0
    # "which security issues": the answer may name them otherwise ("concerns such as ..."): rank, never refuse.
    return 0.5 if stem[0] in token_set(sentence) else 0.25


# A common noun named by what follows it: "its ship Onnuri", "the vessel will be the Tamgu 22".
_NAME_FOLLOWS = LazyPattern(
    r"\b([a-z][a-z-]+)\s(?:(?:is|was|will\sbe|would\sbe)\s(?:the\s)?)?(?!(?:The|A|An|In|On|At|But|And|He|She|It|They)\b)"
    r"[A-Z][\w’'-]+"
)
# Heads that ask for an institution of any kind, and a capitalised name ending in an institution's word.
_GENERIC_INSTITUTIONS = frozenset(
    {"agency", "agencies", "body", "bodies", "organisation", "organization", "institution"}
)
# The head words of institutions, as one alternation (index/data/institution_words.txt).
_INSTITUTIONS = "|".join(word_list("institution_words", "index"))
_INSTITUTION_NAME = LazyPattern(rf"\b(?:[A-Z][\w’'-]*\s){{1,5}}(?:{_INSTITUTIONS})\b")


# "Who was the first victim identified", "who is the new ambassador": a description, not a name, whose
# answer names whoever fits it.
_WHO_DESCRIBED = LazyPattern(
    r"^\s*who(?:'s|\s(?:is|was|are|were))\s(?:the|a|an)\s(?:first|last|new|next|only|[a-z]+est)\b", re.I
)


# A table cell under a header that names who did something ("Who: National Forensic Service").
_WHO_CELL = LazyPattern(r"\b(?:Who|Name|Person|People|Agency|Organi[sz]ation|Body|By)s?:\s[A-Z]")


# A passive's agent, named: "A third match was confirmed by the National Forensic Service".
_PASSIVE_AGENT = LazyPattern(
    r"\b(?:was|were|been|being|is|are|be)\s(?:[a-z]+ly\s)?[a-z]+(?:ed|en|wn|ght|id|ung|ut)\sby\s(?:the\s)?[A-Z]"
)


# An institution that opens a sentence or clause and does what its verb says: "Korea's National Forensic
# Service compares the profiles", "The Interior Ministry will collect them".
_INSTITUTION_SUBJECT = LazyPattern(
    r"(?:^|[;:]\s|,\s(?:and|but)\s)(?:[Tt]he\s)?"
    rf"(?:(?:[A-Z][\w’'-]*['’]s\s)?(?:[A-Z][\w’'-]*\s){{0,5}}(?:{_INSTITUTIONS})"
    # ... or named in lower case after its country ("The Korean foreign ministry", "Japan's health ministry")
    rf"|(?:[A-Z][\w’'-]*\s|[A-Z][\w’'-]*['’]s\s){{1,3}}(?:[a-z]+\s)?(?i:{_INSTITUTIONS})"
    # ... or with what it is of after it ("The city of Busan will pay", "The Ministry of Foreign Affairs said")
    rf"|(?i:{_INSTITUTIONS})\sof\s(?:the\s)?[A-Z][\w’'-]*(?:\s(?:and\s)?[A-Z][\w’'-]*){{0,3}})\s(?:[a-z]+ly\s)?"
    r"(?:will|would|(?:has|have|had)\s[a-z]+ed|(?!(?:was|is|has|as|does)\b)[a-z]+(?:s|ed))\b"
)


# ... or two of them together, with the plural verb they share: "The Korean embassy and the Japan Automobile
# Federation both issue translations".
_INSTITUTIONS_SUBJECT = LazyPattern(
    rf"(?:^|[;:]\s)(?:[Tt]he\s)?(?:[A-Z][\w’'-]*['’]?s?\s){{0,3}}(?:[a-z]+\s)?(?i:{_INSTITUTIONS})"
    rf"\s(?:and|or)\s(?:the\s)?(?:[A-Z][\w’'-]*['’]?s?\s){{0,5}}(?:[a-z]+\s)?(?i:{_INSTITUTIONS})"
    r"\s(?:both\s|also\s|jointly\s|together\s|each\s)?(?:[a-z]+ly\s)?"
    r"(?!(?:of|in|at|on|for|to|and|or|with|from|by|as|is|was|were|are|has|had|have)\b)[a-z]+\b"
)


# ... or a holder of a title, unnamed, as the subject of its clause: "10:15 — The trade minister is asked to report".
_TITLE_SUBJECT = LazyPattern(
    rf"(?:^|[;:—–]\s|,\s(?:and|but)\s)[Tt]he\s(?:[a-z]+\s){{0,2}}(?i:{TITLE_WORDS})\s"
    r"(?:[a-z]+ly\s)?(?:is|was|will|would|must|has|had|(?!(?:as|does)\b)[a-z]+(?:s|ed))\b"
)


def fills_who(text: str) -> bool:
    """``text`` says who in words other than a person's name: a table row read under its headers with a "who"
    column filled ("Who: National Forensic Service"), a passive naming its agent ("was confirmed by the
    National Forensic Service"), or an institution as the subject of its clause ("Korea's National Forensic
    Service compares the profiles"). (A capitalised institution elsewhere in prose is not taken for an
    agent: "Lee will visit Horyu Temple" says nobody showed him round.)"""
    return bool(
        _WHO_CELL.search(text)
        or _PASSIVE_AGENT.search(text)
        or _INSTITUTION_SUBJECT.search(text)
        or _INSTITUTIONS_SUBJECT.search(text)
        or _TITLE_SUBJECT.search(text)
    )
