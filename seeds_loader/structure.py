"""What a paragraph's place in the article says about it: who speaks it (a transcript's or interview's
speaker label) and what gives it its meaning when it is read alone (the reporter's question before an
answer, a question heading before the paragraphs that answer it, a table's header row, a list's lead-in).

General rules, not layouts: a label counts only when the article repeats the pattern (two labels at
least), so one "Lesson one: ..." sentence in prose is never a transcript."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from seeds_loader.lazy import LazyPattern
from seeds_loader.masthead import is_clock_stamp, is_date_line, parse_date
from seeds_loader.metadata import LABEL_ALONE, Block, BlockKind
from seeds_loader.wordlists import word_list

MIN_LABELS = 2  # labels an article must repeat before any of them counts
_MAX_LABEL_WORDS = 8
# A recording's time code may stand before a label: "[00:01:06] TAKAICHI: This is a humanitarian matter."
_TIME_CODE = r"(?:\[\d{1,2}:\d{2}(?::\d{2})?\]\s*|\(\d{1,2}:\d{2}(?::\d{2})?\)\s*)?"
_OWN_LINE = LazyPattern(rf"^\**\s*{_TIME_CODE}(?P<label>[^:\n*]{{1,80}}?)\s*:\s*\**$")
_INLINE = LazyPattern(rf"^\**\s*{_TIME_CODE}(?P<label>[^:\n*]{{1,60}}?)\s*:\s*\**\s+(?P<rest>\S.*)$", re.S)
# "Q. How did ...?" / "A. With relief.": an interview's labels with a full stop (counted only when both
# are there, so "A. Smith said" in prose is no label).
_DOTTED = LazyPattern(r"^\**\s*(?P<label>Q|A)\s*\.\s*\**\s+(?P<rest>\S.*)$", re.S)
# ... a programme's host asks too ("HOST (PARK JI-HOON):").
_QUESTION_LABELS = frozenset({"q", "question", "interviewer", "host", "anchor", "moderator", "presenter"})
_ANSWER_LABELS = frozenset({"a", "answer"})
_REPORTERS = frozenset({"reporter", "journalist", "correspondent"})
_PRESS_LABELS = _REPORTERS | {"press"}
_SMALL = frozenset({"of", "for", "and", "the", "on", "to", "at", "in", "de", "van", "von", "da"})
_PAREN = LazyPattern(r"\([^)]*\)")
_BULLET = LazyPattern(r"^(?:[-*•]|\d{1,2}[.)])\s+")
_TABLE_ROW = LazyPattern(r"^\|.*\|$")
_TABLE_RULE = LazyPattern(r"^\|[\s:|-]+\|$")
_EMPHASIS = LazyPattern(r"[*_]{1,3}")
# A paragraph that is one question and nothing else, numbered or not ("2. Who will receive them?").
_QUESTION_LINE = LazyPattern(r"^(?:(?:Q\d{0,2}|\d{1,2})[.):]\s+)?([^\"“”.!?]{3,150}\?)$")
# ... or set in bold at the head of the paragraph that answers it ("**What happened?** The institute sent ...",
# numbered or not: "1. **What is it?** A 24-hour phone line ...").
_LEADING_QUESTION = LazyPattern(
    r"^(?:\d{1,2}[.)]\s+)?(?:\*\*|__)\s*([^*_\"“”.!?]{3,150}\?)\s*(?:\*\*|__)\s+(?P<rest>\S.*)$", re.S
)
# A table's caption line as Markdown writes one ("Table: Matches announced so far").
_TABLE_CAPTION = LazyPattern(r"^Table:\s+(\S.*)$")
_LAST_SENTENCE = LazyPattern(r"(?:^|(?<=[.!?:]\s))[^.!?:]+[.!?:]?\s*$")
# The sentence before a table is its caption only when it introduces it ("The table lists ...", "...:");
# a paragraph that merely comes before it ("The pandemic then closed the route.") says nothing of its rows.
_INTRODUCES = LazyPattern(r"\b(?:table|chart|below|following|as follows)\b|:\s*$", re.I)


@dataclass(frozen=True)
class Placed:
    """One block as placed in the article: its text without a label, the label, and its context."""

    text: str
    label: str | None = None  # the speaker label as printed ("National Security Adviser Wi Sung-lac", "A")
    context: str | None = None  # what the block leans on for its meaning when read alone
    skip: bool = False  # a label on a line of its own: not a paragraph
    day: date | None = None  # the day heading above it (a live blog's "WEDNESDAY, JANUARY 14, 2026")
    asks: bool = False  # under an interviewer's or a reporter's label: a question, never an answer's words


def press_label(label: str) -> bool:
    """A label of the press ("Reporter (Channel Saebit)", "PRESS", "Correspondent Kim Ji-won"): its
    parentheses name an outlet, never a person, and whoever it labels asks. ("Press Secretary Kim" is no
    reporter: only the asking trades lead a longer label.)"""
    bare = _PAREN.sub("", label).strip().rstrip(".:").lower()
    return bare in _PRESS_LABELS or bare.split(" ", 1)[0] in _REPORTERS


def label_role(label: str) -> str:
    """ "question" (an interviewer or a reporter, never the speaker of an answer), "answer" (the
    interviewee of a Q/A interview), or "named" (the label names the speaker)."""
    bare = _PAREN.sub("", label).strip().rstrip(".").lower()
    if bare in _QUESTION_LABELS or press_label(bare):
        return "question"
    if bare in _ANSWER_LABELS:
        return "answer"
    return "named"


@cache
def _furniture() -> frozenset[str]:
    return frozenset(word_list("not_speaker_labels"))


def _is_label(label: str) -> bool:
    """A speaker label: a few capitalised words (a name with its title, a role, an outlet in parentheses),
    "Q"/"A", or the same in capitals; never newsroom furniture ("UPDATE", "Editor's note") or a time."""
    bare = _PAREN.sub("", label).strip()
    words = bare.split()
    if not words or len(words) > _MAX_LABEL_WORDS or any(c.isdigit() for c in label):
        return False
    lowered = [w.lower().strip(".,'’") for w in words]
    if bare.rstrip(".").lower() in _QUESTION_LABELS | _ANSWER_LABELS:
        return True
    if all(w in _furniture() or w in _SMALL for w in lowered):
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL for w in words)


# A speaker label on its own line, in capitals, without a colon: "KIM HA-EUN (Yonsei University)", "Q (NHK)".
_CAPS_LABEL = LazyPattern(r"^(?P<name>[A-Z][A-Z’'.-]*(?:\s[A-Z][A-Z’'.-]*){0,4})(?P<paren>\s\([^()]{1,60}\))?$")


# A speaker label printed in capitals on a line of its own, its turn on the lines under it, with a title before
# the name and an affiliation after a comma or in parentheses: "PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY",
# "AMBASSADOR (RET.) FUJISAKI ICHIRO", "MODERATOR". No lower-case letter, no digit, no sentence's end.
CAPS_LINE = LazyPattern(r"^(?=[^a-z\d]*$)[A-Z][A-Z’'.-]*(?:,?\s\(?[A-Z][A-Z’'.-]*\)?){0,9}$")


def caps_label(text: str) -> str | None:
    """The label a line in capitals is (see CAPS_LINE), or None."""
    line = _clean(text)
    if not CAPS_LINE.match(line) or (line.endswith(".") and not line.endswith(".)")):
        return None
    return line if _is_label(line.split(",")[0]) else None


def _heading_label(text: str) -> str | None:
    """The label a heading is, when it is a transcript's: in capitals, with who the speaker is with in
    parentheses, or a label that asks or answers ("MODERATOR", "Q"). (A heading in capitals alone,
    "BACKGROUND", is none.)"""
    line = _clean(text.lstrip("#")).strip()
    m = _CAPS_LABEL.match(line)
    if m is None or not _is_label(m.group(0)):
        # ... or with where the speaker is from after a comma, or a title's note inside parentheses
        # ("PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY", "AMBASSADOR (RET.) FUJISAKI ICHIRO")
        return line if (caps := caps_label(line)) is not None and ("," in caps or "(" in caps) else None
    return m.group(0) if m.group("paren") or label_role(m.group("name")) != "named" else None


def _askers(blocks: list[Block], labels: list[str | None], rests: list[str | None]) -> frozenset[str]:
    """Named labels that only ever ask ("HOLLIS:" over "Was that a mistake?", "And now?"), in a transcript with
    another speaker: an interviewer known by name, whose questions are context for the answers after them."""
    turns: dict[str, list[str]] = {}
    for i, (label, rest) in enumerate(zip(labels, rests, strict=True)):
        if label is None or label_role(label) != "named":
            continue
        said = (
            rest if rest is not None else next((b.text for b in blocks[i + 1 : i + 2] if b.kind is BlockKind.BODY), "")
        )
        turns.setdefault(label, []).append(said.strip().rstrip("*_ "))
    if len({label for label in labels if label is not None}) < 2:
        return frozenset()
    # A host named once in the label that says what they are ("HOST (PARK JI-HOON):") is then labelled by
    # name or surname ("PARK:").
    hosts = {
        word.lower()
        for label in labels
        if label is not None and label_role(label) == "question" and (m := _PAREN.search(label))
        for word in (m.group(0).strip("() "), m.group(0).strip("() ").split()[0], m.group(0).strip("() ").split()[-1])
    }
    return frozenset(
        label
        for label, said in turns.items()
        if (len(said) >= 2 and all(t.endswith("?") for t in said)) or label.strip().lower() in hosts
    )


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _row_context(row: str, header: str | None, lead: str | None) -> str | None:
    """A table row as a reader takes it in: the sentence that introduces the table, then each cell named
    by its column ("Year: 2019; Japanese visitors to Korea (millions): 3.27")."""
    last = _LAST_SENTENCE.search(lead).group(0).strip() if lead else ""
    caption = last if _INTRODUCES.search(last) else ""
    cells = _cells(row)
    names = _cells(header) if header else []
    if len(names) != len(cells):
        return caption or None
    pairs = "; ".join(f"{n}: {c}" for n, c in zip(names, cells, strict=True) if c)
    return f"{caption} {pairs}".strip()


def _clean(text: str) -> str:
    return text.strip().strip("*_ ").strip()


def _unlabelled(question: str) -> str:
    """A question heading without its "Q:" label ("**Q: Where is the mine?**" -> "Where is the mine?")."""
    m = _INLINE.match(question) or _DOTTED.match(question)
    return m.group("rest").strip(" *_") if m and label_role(m.group("label")) == "question" else question


def place(blocks: list[Block]) -> list[Placed]:
    """A Placed for every block, in order (non-body blocks keep their text and get no label)."""
    labels: list[str | None] = []
    rests: list[str | None] = []
    # ... a question set in bold is read as a heading ("**Q. Why so long?**"), its answer as a paragraph.
    dotted = {
        m.group("label")
        for b in blocks
        if b.kind in (BlockKind.BODY, BlockKind.HEADING) and (m := _DOTTED.match(b.text.strip()))
    }
    for block in blocks:
        label = rest = None
        if block.kind is BlockKind.HEADING:
            label = _heading_label(block.text)  # "KIM HA-EUN (Yonsei University)" over her turn
        elif block.kind is BlockKind.BODY:
            text = block.text.strip()
            if (m := _OWN_LINE.match(text) or LABEL_ALONE.match(text)) and _is_label(m.group("label")):
                label = m.group("label").strip()
            elif (caps := caps_label(text)) is not None:
                label = caps  # "PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY" over the lines of her turn
            elif (m := _INLINE.match(text)) and _is_label(m.group("label")):
                label, rest = m.group("label").strip(), m.group("rest")
            elif dotted == {"Q", "A"} and (m := _DOTTED.match(text)):
                label, rest = m.group("label"), m.group("rest")
        labels.append(label)
        rests.append(rest)
    transcript = sum(label is not None for label in labels) >= MIN_LABELS
    askers = _askers(blocks, labels, rests) if transcript else frozenset()

    def role(label: str) -> str:
        return "question" if label in askers else label_role(label)

    placed: list[Placed] = []
    speaker: str | None = None
    question: str | None = None  # the last question asked, for the answer that follows
    answerer: str | None = None  # who took that question
    heading: str | None = None  # a question heading, for the paragraphs under it
    header: str | None = None  # a table's header row, for its rows
    table_lead: str | None = None  # the paragraph before a table
    list_lead: str | None = None  # a paragraph ending in ":" that a list follows
    previous: str | None = None  # the last body paragraph
    day: date | None = None  # the last day heading
    stamp: str | None = None  # a clock stamp printed as a heading, for the entry under it
    for i, (block, label, rest) in enumerate(zip(blocks, labels, rests, strict=True)):
        text = block.text
        following = blocks[i + 1].text.strip() if i + 1 < len(blocks) else ""
        if block.kind is BlockKind.BODY and _TABLE_ROW.match(text.strip()) and _TABLE_RULE.match(following):
            # A table's header row (the rule follows it): what its rows' cells are, not a paragraph.
            header, table_lead = _clean(text), previous
            placed.append(Placed(text, skip=True))
            continue
        if block.kind in (BlockKind.HEADING, BlockKind.HEADER) and not (transcript and label is not None):
            cleaned = _clean(text.lstrip("#"))
            if _TABLE_ROW.match(cleaned):
                if not _TABLE_RULE.match(cleaned):
                    header, table_lead = cleaned, previous
            elif block.kind is BlockKind.HEADING and is_clock_stamp(cleaned):
                stamp = cleaned  # "### 11:30 a.m." over a live entry: it opens the entry, as a text blog prints it
            elif (caption := _TABLE_CAPTION.match(cleaned)) is not None:
                previous = f"{caption.group(1).rstrip('.:')}:"  # introduces the table below it
            else:
                heading = _unlabelled(cleaned) if cleaned.endswith("?") else None
                speaker = question = header = None
                list_lead = cleaned if cleaned.endswith(":") else None  # "**Key points:**" over a list
                if is_date_line(cleaned):
                    day = parse_date(cleaned)
            placed.append(Placed(text))
            continue
        if block.kind is not BlockKind.BODY and not (transcript and label is not None):
            placed.append(Placed(text))
            continue
        if transcript and label is not None:  # (a label set as a heading, without a colon, too)
            if answerer is not None and label != answerer and role(label) != "question":
                question = None  # a question is context for the one turn that answers it
            speaker = label
            if rest is None:
                placed.append(Placed(text, label=label, skip=True))
                continue
            # "**Q: Where is the mine?**": the emphasis around the labelled line is not part of its words.
            text = rest.rstrip("*_ ") if block.text.lstrip()[:1] in "*_" else rest
        if stamp is not None:
            text, stamp = f"{stamp} — {text.strip()}", None
        stripped = text.strip()
        printed_question = False
        if _TABLE_ROW.match(stripped):
            context = _row_context(stripped, header, table_lead)
        elif not transcript and (asked := _QUESTION_LINE.match(_EMPHASIS.sub("", stripped).strip())) is not None:
            # "1. When will the remains arrive?" (or "1. **What is proposed?**") on a line of its own: a
            # paragraph as printed, and what the paragraphs after it answer, as a question heading's are; a
            # question, never an answer itself
            context, heading, header, list_lead, previous = None, asked.group(1), None, None, stripped
            printed_question = True
        elif not transcript and (lead := _LEADING_QUESTION.match(stripped)) is not None:
            # "**Why did Japan object?** Japan says ...": the answer, under the question it opens with, as under a
            # question heading (and the paragraphs after it, until the next question, with it).
            text = stripped = lead.group("rest")
            context = heading = lead.group(1).strip()
            header, list_lead, previous = None, None, stripped
        elif _BULLET.match(stripped):
            context = list_lead
            previous = stripped  # a table after a list is introduced by no sentence of the list's lead
        else:
            header = None
            list_lead = stripped if stripped.endswith(":") else None
            # an answer: to the question before it; else the question heading it stands under
            answers = question is not None and (speaker is None or role(speaker) != "question")
            context = question if answers else heading
            previous = stripped
        if speaker is not None and role(speaker) == "question":
            question, answerer = stripped, None
        elif question is not None and speaker is not None:
            answerer = speaker
        asks = (transcript and speaker is not None and role(speaker) == "question") or printed_question
        placed.append(Placed(text, label=speaker if transcript else None, context=context, day=day, asks=asks))
        if transcript and rest is not None and label is not None and role(label) == "question":
            # A question printed on its own line with its label ("**Q: Where is the mine?**") is that line
            # alone: the paragraphs after it answer it, unlabelled, until the next label.
            speaker = None
    return placed
