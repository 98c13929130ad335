"""Updates and corrections: which passages revise an earlier one of their article, and the ranking's
last step, which puts a revision just above what it revises (the older figure or name is never shown as
the answer while its revision is at hand)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from index.answer.answerability import AnswerType
from index.answer.question import Intent
from index.people.names import REPORTING_VERBS
from index.store.passages import Passage
from index.text.figures import figure_context, figures_given, gives_number
from index.text.temporal import temporal_weight
from index.text.tokens import token_set
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

if TYPE_CHECKING:
    from index.answer.needs import Needs
    from index.answer.rank import Ranked

_UPDATE = LazyPattern(r"^(?:\[[^\]]{1,20}\]\s*)?(?:UPDATED?|CORRECTION|Update[sd]?|Correction)\b")
CORRECTION_WORDS = frozenset(token_set("correction corrected error errors wrong mistake mistaken erroneous"))
NOTICE_ONLY = LazyPattern(
    r"\b(?:earlier|previous|original|prior) (?:version|post|entry|update|report|story|article|edition)\b", re.I
)
# "How many officers did the police first say were deployed", "what was originally reported", "before the
# correction": what was said before an update or correction is asked for, not what revised it.
_ASKS_EARLIER = LazyPattern(
    r"\b(?:first|initially|originally|at first)\s+(?:say|said|report|reported|give|gave|given|announce|announced|"
    r"put|estimate|estimated|state|stated|tell|told|count|counted)\b|\bbefore (?:the|its|their|an?) "
    r"(?:update|correction|revision)\b",
    re.I,
)


def asks_earlier(question: str) -> bool:
    """The question asks what was said before an update or correction revised it."""
    return bool(_ASKS_EARLIER.search(question))


# An update's or correction's label and its time, up to the colon: "[12:26] CORRECTION to our 11:51 entry:".
_LABEL = LazyPattern(r"^(?:\[[^\]]{1,20}\]\s*)?[^:]{0,60}?\d[^:]{0,30}:(?:\d{2}[^:]{0,30}:)?\s")


def updates_first(
    ranked: list[Ranked], needs: Needs, published: Callable[[str], date | None] | None = None
) -> list[Ranked]:
    """An update or correction goes just above the earlier passage of its article that it revises: the
    earlier passage's answering sentences hold the figure or the name it replaces, or give a figure and
    share three words with it, so the older figure or name is never shown as the answer while its revision
    is at hand; only when the update speaks of something asked (an update of the
    return's date, none of whose words a count of the identified asks about, revises nothing of it), and
    not when who did something is asked (a corrected age does not say who else was identified). Passages
    of other articles keep their order, but for an update that says what it replaces ("will now take place in
    Busan, not Seoul"): it goes above an article of no later date (``published``: an article's date) whose answer
    gives the name or figure replaced, as it would above its own article's."""
    if needs.expectation.kind is AnswerType.AGENT or needs.question.intent is Intent.PROFILE or needs.earlier:
        # (nor is "who is X" answered by a correction of X's name: their introductions say who they are; nor
        # "what did the police first say" by what they said next)
        return ranked
    out = list(ranked)
    for entry in ranked:
        update = entry.hit.passage
        if not supersedes(update) or not revises(update):
            continue
        # (Without its label: the clock time it was posted at is no figure it revises, "[08:40]" of "[08:05]".)
        words = token_set(_LABEL.sub("", update.text, count=1))
        # ... about something asked; or, naming nothing asked, replacing a figure the answer gives ("Kihara's
        # figure was 380 million yen, not 480 million yen" of "spent about 480 million yen" on the summit).
        speaks = needs.focus.support_in(words) > 0
        if needs.expectation.typed and not any(needs.expectation.weight(s.text) > 0 for s in update.sentences):
            continue  # "why was the dive postponed": "rescheduled for September 27" says when, not why
        if needs.expectation.kind is AnswerType.DATE and temporal_weight(_LABEL.sub("", update.text, count=1)) < 1:
            continue  # "when will she visit Korea": a corrected quote ("'a day to remember', not ...") dates nothing
        at = out.index(entry)
        # What the update's first figure is of (its others explain it: "three passengers had gone on their own").
        revised_figure = figure_context(
            next((x.text for x in update.sentences if gives_number(_LABEL.sub("", x.text, count=1))), "")
        )
        # Its figure is the figure, the number or the toll: one given before, which it revises.
        refers = bool(revised_figure & _FIGURE_WORDS)
        # (What the update names and gives, read once for every earlier passage it is set against.)
        source, names, given = _source_words(update.text), _names_in(update.text), figures_given(update.text)
        replaced = _replaced(update.text)
        for i, candidate in enumerate(out[:at]):
            earlier = candidate.hit.passage
            if earlier.article_id != update.article_id:
                # ... or, in an article of no later date, the name or figure it says it replaces, in an answer of
                # what it speaks of ("| March 12 | Vice-ministerial strategic dialogue | Seoul |")
                if (
                    speaks
                    and replaced
                    and published is not None
                    and not supersedes(earlier)
                    and _no_later(published(earlier.article_id), published(update.article_id))
                    and (answering := _answering(candidate))
                    and any(_says(answering, r) for r in replaced)
                    and needs.focus.support_in(words & token_set(answering)) > 0
                ):
                    _swap(out, i, at, entry)
                    break
                continue
            if earlier.paragraph >= update.paragraph or supersedes(earlier):
                continue  # only an earlier entry of its own article, itself no update, is revised
            # What revises the earlier passage's answer, not another of its sentences: "Kim was 33, not 31"
            # revises "who was 31 when the mine flooded", not "confirmed through a sample given by his son".
            # ... the figure or the name it replaces ("not 31", "the 1,500 given earlier", "Kansai, not Itami"),
            # or, beside a figure, three words of what it is about.
            answering = _answering(candidate)
            if speaks:
                shared = words & token_set(answering)
                # ... and three words beside a figure are three of the sentence giving it, not of the others nor
                # the reporting verb every sentence has ("Nobody was hurt" is no figure an engine count revises).
                figured = words & token_set(
                    " ".join(t for j in candidate.chosen if gives_number(t := earlier.sentences[j].text))
                )
                revises_it = (
                    any(t[:1].isdigit() for t in shared)
                    or _same_name(names, _names_in(answering))
                    or len(figured - _REPORTING - source) >= 3
                    # ... or a figure of the same thing: "revised the number of injured to 17" of "injuring 14"
                    or _revises_answer(revised_figure, candidate)
                )
            else:  # (a year both give, or a clock time, is no figure one replaces)
                # ... the figure it gives, or any it says it revises: "JNTO revised the figure to 9.46 million"
                # replaces the "nearly 9.5 million" of the entry it follows, whose figure it does not repeat.
                revises_it = bool(given & figures_given(answering)) or (refers and bool(figures_given(answering)))
            if revises_it:
                _swap(out, i, at, entry)
                break
    return out


def updates_raised(
    ranked: list[Ranked], updating: list[int], held: Callable[[Ranked], frozenset[str]], bonus: float
) -> list[Ranked]:
    """An update goes above the passages of its article only when it speaks of all the question's words that
    the best of them speaks of (``held``: the question's words a passage holds): "Nobody was hurt." answers "was
    anyone hurt in the collision", not the update of the ministry's regret for the collision, which holds
    "collision" but not "hurt"."""
    if not updating:
        return ranked
    out = []
    for r in ranked:
        if id(r.hit) in updating:
            others = [o for o in ranked if o.hit.passage.article_id == r.hit.passage.article_id and o is not r]
            best = max(others, key=lambda o: o.hit.score)
            if held(best) <= held(r):
                r = replace(r, score=r.score + bonus)
        out.append(r)
    return out


def _revises_answer(revised_figure: frozenset[str], candidate: Ranked) -> bool:
    """An update's figure is of what the passage's answering sentence counts, and of nothing its other sentences
    count more like it: "nine passengers were taken to hospital" revises "Seven passengers were taken to
    hospital", not "There were 112 passengers and six crew on board" beside it."""
    shared = [len((revised_figure & figure_context(s.text)) - _REPORTING) for s in candidate.hit.passage.sentences]
    most = max(shared, default=0)
    return most > 0 and any(shared[j] == most for j in candidate.chosen)


def _answering(candidate: Ranked) -> str:
    """The sentences a ranked passage answers with."""
    return " ".join(candidate.hit.passage.sentences[j].text for j in candidate.chosen)


def _swap(out: list[Ranked], i: int, at: int, entry: Ranked) -> None:
    """Set the update ``entry`` (at ``at``) just above the passage it revises (at ``i``), with its score."""
    revised = out[i]
    out[i] = replace(entry, score=revised.score, revises_next=True)
    out[at] = replace(revised, score=entry.score)
    out.insert(i + 1, out.pop(at))


# What an update says it replaces: "Busan, not Seoul", "on Wednesday, not Thursday", "4,200, not 1,500".
_NOT_THIS = LazyPattern(r"\bnot\s+((?:[A-Z][\w’'-]+)(?:\s[A-Z][\w’'-]+)*|\d[\d,.]*)")


def _replaced(text: str) -> tuple[str, ...]:
    return tuple(m.group(1) for m in _NOT_THIS.finditer(text))


def _says(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text) is not None


def _no_later(earlier: date | None, update: date | None) -> bool:
    """The first article is of no later date than the update's (both dated)."""
    return earlier is not None and update is not None and earlier <= update


# Words for a figure given before ("revised the figure to", "the toll now stands at").
_FIGURE_WORDS = token_set("figure figures number total toll tally estimate count")
# The reporting verbs' stems (those of the list's plain words: "said", "told", "noted").
_REPORTING = token_set(" ".join(v for v in word_list("reporting_verbs", "index") if v.isalpha()))

# A name inside a sentence (not its first words): one an update may replace ("Kansai, not Itami"); a name of
# several words is one name ("North Korea" is not "South Korea").
_NAME_WORDS = LazyPattern(r"(?<![\w’'-])[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})*")
_INNER = LazyPattern(r"[a-z,;:]\s$")


# A name that says who reports, not what is reported: "The Joint Chiefs of Staff now say ...". Both the update and
# what it follows may cite the same source without one revising the other.
_SOURCE = LazyPattern(
    rf"((?:[A-Z][\w’'-]*\s(?:(?:of|the|and|for)\s)*)*[A-Z][a-z]{{2,}})"
    rf"(?=(?:\s(?:now|also|later|then|have|has|had))*\s(?:{REPORTING_VERBS})\b)"
)


def _names_in(text: str) -> frozenset[str]:
    inner = frozenset(m.group(0) for m in _NAME_WORDS.finditer(text) if _INNER.search(text[: m.start()]))
    return inner - _source_words(text, tokens=False)


def _same_name(ones: frozenset[str], others: frozenset[str]) -> bool:
    """A name of one is a name of the other, or part of one ("Itami" of "Itami Airport"); "North Korea" and
    "South Korea" are two names, however alike."""
    return any(f" {a} " in f" {b} " or f" {b} " in f" {a} " for a in ones for b in others)


def _source_words(text: str, *, tokens: bool = True) -> frozenset[str]:
    """Who reports in ``text``: the words of their names as tokens, or the names as printed."""
    sources = _SOURCE.findall(text)
    if tokens:
        return token_set(" ".join(sources))
    return frozenset(m.group(0) for s in sources for m in _NAME_WORDS.finditer(s))


def revises(passage: Passage) -> bool:
    """An update or correction that says what is so ("UPDATE, 3:40 p.m.: some 4,200 officers", "landed at
    Kansai, not Itami"); a notice that only says an earlier version was wrong ("Correction, Jan. 22: An
    earlier version gave the wrong year") says nothing of its own, and is no better an answer than what it
    corrects."""
    body = _LABEL.sub("", passage.text, count=1)
    # ... what is so may be a sentence of its own after the notice ("In an earlier post we said the delegation
    # had eleven members. It has twelve.").
    return gives_number(body) or any(not NOTICE_ONLY.search(s.text) for s in passage.sentences)


def supersedes(passage: Passage) -> bool:
    """A correction notice, or a live entry or brief marked as an update or correction of an earlier one."""
    return passage.kind in ("correction", "update") or bool(_UPDATE.match(passage.text))
