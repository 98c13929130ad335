"""Voices an article's layout gives: a first-person author (a column, an op-ed, a statement) and the interviewee of a
Q/A interview, with the role the article gives them."""

from __future__ import annotations

import re

from index.people.names import NAME, ROLE_WORDS, clean_name, full_name_evidence, is_name_like, multiword_name, name_key
from index.people.quotation import unquoted
from seeds_loader import Article
from seeds_loader.lazy import LazyPattern

_SINGULAR_WORDS = r"I|[Mm]y|[Mm]e|I’m|I'm|I’ve|I've|[Mm]yself"
_PLURAL_WORDS = r"[Ww]e|[Oo]ur|[Uu]s|[Oo]urselves|[Ww]e’re|[Ww]e're|[Ww]e’ve|[Ww]e've"
_FIRST_PERSON = LazyPattern(rf"\b(?:{_SINGULAR_WORDS}|{_PLURAL_WORDS})\b")
_SINGULAR = LazyPattern(rf"\b(?:{_SINGULAR_WORDS})\b")
# "a former diplomat", "the Courier's diplomatic correspondent" (the outlet's possessive is not the role).
_ROLE_PHRASE = LazyPattern(rf"\b(?:[Aa]n?|[Tt]he)\s(?:[A-Z][\w-]*[’']s\s)?((?:[a-z][\w-]*\s){{0,2}}(?:{ROLE_WORDS}))\b")
MIN_FIRST_PERSON = 2
# Roles of the people who report, ask and edit: an interview's interviewer, never its interviewee.
_NEWSROOM_ROLE = LazyPattern(
    r"\b(?:reporter|correspondent|journalist|editor|writer|interviewer|columnist|producer|host|anchor)s?\b", re.I
)
# Whoever writes a piece in their own voice is, to a newsroom, its columnist.
AUTHOR_ROLE = "columnist"  # sentences in the author's own voice before a piece counts as first-person
# ... and what a reader calls them as readily ("what are the authors worried about").
AUTHOR_ROLES = (AUTHOR_ROLE, "author", "writer")  # "the columnist", "the author", "the letter writer"


def first_person_sentences(paragraph) -> list[bool]:  # type: ignore[no-untyped-def]
    """For each sentence of the paragraph: does it say "I"/"my" outside quotation marks?"""
    masked = unquoted(paragraph.text)
    return [
        bool(_FIRST_PERSON.search(masked[s.start - paragraph.start : s.end - paragraph.start]))
        for s in paragraph.sentences
    ]


def author_voice(article: Article) -> str | None:
    """The byline's author when the article is written in their own voice (a column, an op-ed, a
    statement): at least MIN_FIRST_PERSON unlabelled body sentences say "I"/"my" outside quotes (an
    interviewee's answers are not the author's), or a contributor's note calls the author a columnist."""
    if not article.byline:
        return None
    # The first of several authors ("Sato Akiko, Park Joon-young") speaks for their "we".
    name = _byline_names(article)[0]
    if name is None or not 2 <= len(name.split()) <= 4:
        return None
    answers = interview_answers(article)
    count = sum(
        sum(first_person_sentences(p))
        for p, answer in zip(article.paragraphs, answers, strict=True)
        if p.speaker_label is None and not answer
    )
    # (An opinion piece by its section needs but one: "I have sat with these families for six years".)
    enough = 1 if article.opinion else MIN_FIRST_PERSON
    return name if count >= enough or _signed_opinion(article, name) else None


# What a contributor's note calls the author of an opinion piece.
_OPINION_ROLE = LazyPattern(
    r"\b(?:columnist|commentator|opinion (?:writer|editor)|contributing (?:writer|editor|columnist)|essayist)\b", re.I
)


def _signed_opinion(article: Article, name: str) -> bool:
    """A contributor's note at the end names the byline's author a columnist or a commentator ("Seo Hanbit is
    a trade-policy columnist based in Busan."): an opinion piece, its author's voice throughout, whether or
    not it says "I"."""
    return any(p.text.startswith(name) and _OPINION_ROLE.search(p.text) for p in article.paragraphs[-2:])


def interview_answers(article: Article) -> list[bool]:
    """For each paragraph: is it an interviewee's answer in an interview printed without labels, its
    questions set apart on lines of their own ("*Do you expect the DNA tests to succeed?*") and the answers
    under them in the first person? (An explainer's question headings ask nobody: no "you", no "I".)"""
    none = [False] * len(article.paragraphs)
    if any(p.speaker_label for p in article.paragraphs):
        return none
    answers = [bool(p.context and p.context.rstrip().endswith("?")) for p in article.paragraphs]
    asked = {p.context for p, a in zip(article.paragraphs, answers, strict=True) if a}
    addressed = any(_ADDRESSED.search(q or "") for q in asked)
    spoken = sum(sum(first_person_sentences(p)) for p, a in zip(article.paragraphs, answers, strict=True) if a)
    if len(asked) >= 2 and article.interview:
        # The credit says it is an interview ("Interview by Ren Mizuno"): its questions are the interviewer's,
        # whether or not they say "you", and the answers someone's, whether or not they say "I".
        return answers
    return answers if len(asked) >= 2 and addressed and spoken >= MIN_FIRST_PERSON else none


_ADDRESSED = LazyPattern(r"\b(?:you|your|yours|yourself)\b", re.I)


def interviewee(article: Article) -> str | None:
    """Who answers in an interview: the first full name the introduction (the paragraphs before the first
    labelled one, or before the first answer of an interview printed without labels) gives, other than the
    byline's, else the one its headline gives ("Yuko Inoue on the dives"); None when nobody answers under
    "A:" or under an interviewer's questions."""
    labelled = any(
        p.speaker_label and p.speaker_label.rstrip(".").lower() in ("a", "answer") for p in article.paragraphs
    )
    answers = [] if labelled else interview_answers(article)
    if not labelled and not any(answers):
        return None
    byline = name_key(article.byline or "")
    intro = []
    for i, paragraph in enumerate(article.paragraphs):
        if paragraph.speaker_label is not None or (answers and (answers[i] or _is_question(paragraph.text))):
            break
        intro.append(paragraph.text)
    for text in [*intro, article.title or ""]:
        if (named := _first_named(text, byline)) is not None:
            return named
    return None


# A text printed as someone delivered it: "The following is the full text of the remarks President Lee
# delivered ...", "Full text of Kihara's statement", "remarks as prepared for delivery".
_DELIVERED = LazyPattern(
    r"\b(?:full|complete|prepared)\s+(?:text|transcript)\s+of\b|\bthe following (?:(?:is|are)\s+(?:the\s+)?)?"
    r"(?:text|remarks|statement|speech|address)\b|\bas (?:prepared for delivery|delivered)\b",
    re.I,
)


def delivered_text(article: Article) -> tuple[str, int] | None:
    """(speaker, paragraph) when the article prints someone's speech or statement as delivered: the first of
    its opening paragraphs that says so, and the full name it (or else the headline) gives; every unlabelled
    paragraph after that one is the speaker's words. None for any other article."""
    byline = name_key(article.byline or "")
    for i, paragraph in enumerate(article.paragraphs[:3]):
        if paragraph.speaker_label is None and _DELIVERED.search(paragraph.text):
            name = _first_named(paragraph.text, byline) or _first_named(article.title or "", byline)
            return (name, i) if name is not None else None
    if article.title and _DELIVERED.search(article.title) and (name := _first_named(article.title, byline)):
        return name, -1
    return None


def _is_question(text: str) -> bool:
    return text.rstrip(" *_").endswith("?") and len(text.split()) <= 40


def _first_named(text: str, byline: str) -> str | None:
    """The first full name ``text`` gives that is neither the byline's nor a newsroom's own person's."""
    # Names after a title or role too ("remarks by Foreign Minister Cho Hyun"), the earliest first.
    evidence = list(full_name_evidence(text))
    # The newsroom's own people ("Ledger reporter Mina Hollis spoke with ...") ask; they never answer.
    asking = {name_key(n) for n, role in evidence if role and _NEWSROOM_ROLE.search(role)}
    found = [name for name, _ in evidence]
    found += [
        n for m in LazyPattern(NAME).finditer(text) if (n := multiword_name(m.group(0), text, m.start())) is not None
    ]
    named = [
        n for n in found if name_key(n) not in byline and name_key(n) not in asking and is_name_like(n) and n in text
    ]
    return min(named, key=text.index) if named else None


def implied_voices(article: Article) -> list[tuple[str, str | None]]:
    """(name, role) of the people an article's layout makes speak: its first-person author, with the
    role the article gives them ("A former diplomat on ..."), and the interviewee of a Q/A interview."""
    out: list[tuple[str, str | None]] = []
    if (author := author_voice(article)) is not None:
        out.append((author, _author_role(article, author)))
        # A signer speaking for a body ("We welcome ...") is no columnist; the "we" of those who sign a piece
        # together is its authors'.
        if _speaks_as_self(article):
            out += [(author, role) for role in AUTHOR_ROLES]
        elif len(authors := [n for n in _byline_names(article) if n is not None and len(n.split()) >= 2]) > 1:
            out += [(name, "author") for name in authors]
    if (name := interviewee(article)) is not None:
        out.append((name, None))
    if (delivered := delivered_text(article)) is not None:
        out.append((delivered[0], None))
    return out


def _byline_names(article: Article) -> list[str | None]:
    """Each name a byline lists, read as a name on its own ("Sato Akiko, Park Joon-young"; "By A and B"; "Park"
    alone is also a park), None where a part is no name."""
    listed = re.split(r",\s*|\s+(?:and|&)\s+", re.sub(r"^[Bb]y\s+", "", article.byline or "").strip())
    return [clean_name(part.strip()) for part in listed]


def _speaks_as_self(article: Article) -> bool:
    """The author writes "I" or "my" somewhere outside quotation marks (a column), not only "we"."""
    return any(_SINGULAR.search(unquoted(p.text)) for p in article.paragraphs if p.speaker_label is None)


def _author_role(article: Article, author: str) -> str | None:
    """The role the article gives its author: a role phrase in a paragraph naming the author (a contributor
    note), else in the standfirst (first paragraph) when it speaks of the author rather than as them: "I
    did not expect to see a single victim named" gives no role."""
    surname = author.split()[0 if len(author.split()[0]) <= 3 else -1]
    texts = [p.text for p in article.paragraphs if surname in p.text]
    if not _FIRST_PERSON.search(unquoted(article.paragraphs[0].text)):
        texts.append(article.paragraphs[0].text)
    for text in texts:
        if (m := _ROLE_PHRASE.search(text)) is not None:
            return m.group(1)
    return None
