"""Quote and reported-speech attribution: who said each sentence, resolved as a careful reader would."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.people import NAME, REPORTING_VERBS, PeopleRegistry, Person
from seeds_loader import Article

_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")
_VERB = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
_PRONOUN_VERB = re.compile(rf"\b(he|she)\s(?:\w+ly\s)?(?:{REPORTING_VERBS})\b", re.I)
_WHAT_PRONOUN = re.compile(r"\bwhat (he|she) (?:calls|called|describes|described)\b", re.I)
_NAME_RE = re.compile(NAME)
_SUBJECT_BLOCKERS = frozenset(
    [
        "on",
        "with",
        "to",
        "for",
        "by",
        "of",
        "from",
        "about",
        "against",
        "at",
        "toward",
        "towards",
        "between",
        "under",
        "after",
        "before",
        "into",
        "over",
    ]
)
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Quote:
    """A sentence of direct quotation or reported speech and the person it is attributed to."""

    person_id: str
    speaker: str
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    quoted: str | None
    verb: str | None
    resolved_by: str  # "named", "surname", "pronoun" or "continuation"


@dataclass(frozen=True)
class _Mention:
    person: Person
    start: int
    end: int
    subject: bool


def attribute(articles: list[Article], registry: PeopleRegistry) -> list[Quote]:
    """Every attributed quote and reported-speech sentence of the articles, in reading order."""
    quotes: list[Quote] = []
    for article in articles:
        quotes.extend(_attribute_article(article, registry))
    return quotes


def _attribute_article(article: Article, registry: PeopleRegistry) -> list[Quote]:
    out: list[Quote] = []
    last_subject: Person | None = None
    last_speaker: Quote | None = None
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            text = sentence.text
            quoted_spans = [m.span() for m in _QUOTED.finditer(text)]
            mentions = _mentions(text, article.id, registry, quoted_spans)
            quoted = " … ".join(m.group(1).strip(" ,") for m in _QUOTED.finditer(text)) or None
            long_quote = quoted is not None and len(quoted.split()) >= MIN_QUOTE_WORDS
            found = _speaker(text, mentions, quoted_spans, last_subject)
            if found is None and long_quote and _opens_with_quote(text) and not mentions and last_speaker:
                # A quote with no cue continues the previous speaker's words.
                found = (registry.get(last_speaker.person_id), None, "continuation")
            if found is None and long_quote and (subjects := [m for m in mentions if m.subject]):
                found = (subjects[0].person, None, "named")
            if found is not None:
                person, verb, how = found
                quote = Quote(
                    person_id=person.id,
                    speaker=person.name,
                    article_id=article.id,
                    paragraph=paragraph.number,
                    start=sentence.start,
                    end=sentence.end,
                    text=text,
                    quoted=quoted,
                    verb=verb,
                    resolved_by=how,
                )
                out.append(quote)
                last_speaker, last_subject = quote, person
            else:
                subjects = [m for m in mentions if m.subject]
                if subjects:
                    last_subject = subjects[-1].person
                if quoted is None or not long_quote:
                    last_speaker = last_speaker if quoted is None and not mentions else None
    return out


def _opens_with_quote(text: str) -> bool:
    return text.lstrip().startswith(("“", '"'))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _mentions(text: str, article_id: str, registry: PeopleRegistry, quoted: list[tuple[int, int]]) -> list[_Mention]:
    """Person mentions outside quotation marks, each marked as a possible grammatical subject or not."""
    found: list[_Mention] = []
    for m in _NAME_RE.finditer(text):
        if _inside(m.start(), quoted):
            continue
        words = m.group(0).split()
        # Try the longest name first, then shorter tails ("Adviser Wi Sung-lac" -> "Wi Sung-lac").
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            person = registry.lookup(candidate) if len(words) - i > 1 else registry.resolve_short(candidate, article_id)
            if person is not None:
                start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                before = text[:start].split()
                after = text[m.end() : m.end() + 2]
                possessive = after.startswith(("’s", "'s"))
                blocked = bool(before) and before[-1].lower() in _SUBJECT_BLOCKERS
                found.append(_Mention(person, start, m.end(), subject=not possessive and not blocked))
                break
    return found


def _speaker(
    text: str, mentions: list[_Mention], quoted: list[tuple[int, int]], last_subject: Person | None
) -> tuple[Person, str | None, str] | None:
    """The person a reporting verb in ``text`` attributes speech to, if any."""
    for m in _WHAT_PRONOUN.finditer(text):
        if last_subject is not None and not _inside(m.start(), quoted):
            own = [x for x in mentions if x.start < m.start() and x.subject]
            return (own[-1].person if own else last_subject), m.group(0).split()[-1], "pronoun"
    for verb in _VERB.finditer(text):
        if _inside(verb.start(), quoted):
            continue
        word = verb.group(0)
        after = [x for x in mentions if 0 <= x.start - verb.end() <= 2]
        if after and word != "calls":
            return after[0].person, word, _how(text, after[0])
        pronoun = _PRONOUN_VERB.search(text, max(0, verb.start() - 20), verb.end())
        if pronoun is not None and pronoun.end() == verb.end() and last_subject is not None:
            return last_subject, word, "pronoun"
        if word == "according to":
            continue
        before = [x for x in mentions if x.end <= verb.start() and not _possessive(text, x)]
        # The subject speaks: "Xi put pressure on Lee by calling on Seoul to ..." is Xi's.
        chosen = [x for x in before if x.subject] or before
        if chosen:
            return chosen[-1].person, word, _how(text, chosen[-1])
    return None


def _possessive(text: str, mention: _Mention) -> bool:
    return text[mention.end : mention.end + 2] in ("’s", "'s")


def _how(text: str, mention: _Mention) -> str:
    return "surname" if " " not in text[mention.start : mention.end] else "named"
