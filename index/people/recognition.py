"""What is read of each article to find its people, kept per article between builds (an add reads only the
new text): the trained recogniser's PERSON spans, read only in the sentences where a name the rules miss
could be (a hyphenated given name, an age, a pronoun after), and the names and roles the rules read."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from index.people import names
from index.people.names import NAME_RE, full_name_evidence, is_role_word, multiword_name
from index.text.nlp import person_spans
from seeds_loader import Article
from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

_AGE_AFTER = LazyPattern(r",\s\d{1,3},")
_PRONOUN_AFTER = LazyPattern(r"[^.!?]{0,200}?[.!?]”?\s+(?:He|She|His|Her)\b")
# ... or, for a name that opens its sentence, later in the same sentence ("Yamada Hideo was 19 when he ...").
_PRONOUN_WITHIN = LazyPattern(r"[^.!?“\"]{0,200}?\b(?:he|she|his|her)\b")
_OPENS_SENTENCE = LazyPattern(r"(?:^|[.!?]”?\s+)$")
# "... is a trade-policy columnist": what the name is said to be, a role.
# "... is a trade-policy columnist", "..., 58, is president of Tsubasa Materials" (a post held by one person
# takes no article).
_IS_A = LazyPattern(r"(?:,\s\d{1,3},)?\s(?:is|was)\s(?:(?:a|an|the)\s)?((?:[\w’'-]+\s){0,3}[\w’'-]+)")
_PLACE_BEFORE = LazyPattern(r"\b(?:in|at|within|inside|outside|from|into|near|to)\s$", re.I)


def recognised_names(text: str, spans: list[tuple[int, int]], alone: frozenset[str] = frozenset()) -> Iterator[str]:
    """Full names the named-entity recogniser finds (names no title, role or reporting verb
    introduces: "For Park Se-hoon, the agreement ..."), each grown to the whole name the text spells
    at that place (the recogniser splits "Kang Hoon-sik" at its hyphen), when it has the look of a person's:
    a hyphenated given name, an age, a pronoun after it, or a role it is said to hold; or when its article
    uses one of its words alone as a person's (``alone``: ``alone_words`` of the article; "Matsuo Kenta walks
    down to the harbour" and, later, "Matsuo, 67, has worked ...", "Matsuo said")."""
    for start, _end in spans:
        if _PLACE_BEFORE.search(text[max(0, start - 12) : start]):
            continue  # "within Cheong Wa Dae", "at Horyuji": a place the recogniser took for a person
        m = NAME_RE.match(text, start)
        if m is None or (name := multiword_name(m.group(0), text, start)) is None:
            continue
        # The recogniser alone also takes institutions and places for people: a personal name needs the
        # look of one (a hyphenated given name) or a person's company in the text (an age, a pronoun).
        if (
            "-" in name
            or _AGE_AFTER.match(text, m.end())
            or _PRONOUN_AFTER.match(text, m.end())
            or (_OPENS_SENTENCE.search(text, 0, start) and _PRONOUN_WITHIN.match(text, m.end()))
            or _introduced(text, m.end())
            or bool(alone & {name.split()[0], name.split()[-1]})
        ):
            yield name


def _introduced(text: str, end: int) -> bool:
    """The name is said to be someone in a role: "Seo Hanbit is a trade-policy columnist based in Busan"."""
    m = _IS_A.match(text, end)
    return m is not None and any(is_role_word(w) for w in re.split(r"[\s-]+", m.group(1)))


def introduced_as(text: str, name: str) -> str | None:
    """What ``text`` says ``name`` is, when it introduces them by a role ("Seo Hanbit is a trade-policy
    columnist based in Busan." -> "a trade-policy columnist based in Busan")."""
    at = text.find(name)
    if at < 0 or not _introduced(text, at + len(name)):
        return None
    m = re.match(r"(?:,\s\d{1,3},)?\s(?:is|was)\s([^.;!?]+)", text[at + len(name) :])
    # ... up to an appositive of what the role names ("president of Tsubasa Materials, an Osaka maker of ...")
    return re.split(r",\s(?:a|an|the)\s", m.group(1))[0].strip() if m else None


Recognised = dict[str, list[list[tuple[int, int]]]]  # article content hash -> PERSON spans per paragraph


def recognise(articles: list[Article], known: Recognised | None = None, evidence: Evidence | None = None) -> Recognised:
    """The recogniser's PERSON spans of every paragraph (and caption) of the articles; an article whose
    content is unchanged keeps the spans found before (``known``), so an add reads only the new text."""
    known = known or {}
    out: Recognised = {
        a.content_hash: known[a.content_hash]
        for a in articles
        if len(known.get(a.content_hash, ())) == len(a.paragraphs) + len(a.captions)
    }
    todo = [a for a in articles if a.content_hash not in out]
    # Only sentences where a name the recogniser finds could count (see recognised_names): one with a
    # hyphenated given name or an age, or one before a sentence opening with he/she. The rest of the text
    # is never read by it, which keeps a build's cost close to what the rules alone cost.
    evidence = evidence or {}
    alone = {a.content_hash: alone_words(a.text) for a in todo}
    wanted = [(a.content_hash, i, p.start, s) for a in todo for i, p in enumerate(a.paragraphs + a.captions)
              for s in _worth_recognising(p, _found(evidence, a.content_hash, i), alone[a.content_hash])]  # fmt: skip
    for article in todo:
        out[article.content_hash] = [[] for _ in article.paragraphs + article.captions]
    for (key, i, start, sentence), spans in zip(wanted, person_spans(s.text for *_, s in wanted), strict=True):
        shift = sentence.start - start
        out[key][i].extend((shift + a, shift + b) for a, b in spans)
    return out


_NAME_CLUE = LazyPattern(r"[A-Z][a-z]+-[a-z]+|,\s\d{1,3},")
_OPENS_WITH_PRONOUN = LazyPattern(r"^\W*(?:He|She|His|Her)\b")


def _worth_recognising(paragraph, found: str = "", alone: frozenset[str] = frozenset()) -> list:  # type: ignore[no-untyped-def]
    """The paragraph's sentences with a clue of a name the rules may miss: a hyphenated given name the
    rules did not read as part of a name (``found``: the names they read in the paragraph), an age, an
    introduction ("X Y is a columnist"), a next sentence opening with he/she, or two capitalised words the
    rules did not read, one of which the article uses alone as a person's (``alone``: "Matsuo Kenta walks
    down to the harbour" where "Matsuo, 67," comes later)."""
    sentences = paragraph.sentences
    return [
        s
        for i, s in enumerate(sentences)
        if _AGE_CLUE.search(s.text)
        or _INTRODUCED.match(s.text)
        or any(m.group(0) not in found for m in _HYPHENATED.finditer(s.text))
        or (i + 1 < len(sentences) and _OPENS_WITH_PRONOUN.match(sentences[i + 1].text))
        or _OWN_PRONOUN.match(s.text)
        or (alone and any(m.group(0) not in found and alone & set(m.group(0).split()) for m in _PAIR.finditer(s.text)))
    ]


# Two capitalised words side by side: a full name, or the start of one.
_PAIR = LazyPattern(r"\b[A-Z][a-z]+\s[A-Z][a-z]+\b")
# A word standing alone as a person's: with an age ("Matsuo, 67,") or as a speaker ("Matsuo said", "said Matsuo").
_ALONE = LazyPattern(r"\b([A-Z][a-z]+),\s\d{1,3},|\b([A-Z][a-z]+)\s(?:said|says|told|added)\b|\bsaid\s([A-Z][a-z]+)\b")


def alone_words(text: str) -> frozenset[str]:
    """The words ``text`` uses alone as a person's (see _ALONE)."""
    return frozenset(w for m in _ALONE.finditer(text) for w in m.groups() if w)


_HYPHENATED = LazyPattern(r"[A-Z][a-z]+-[a-z]+")
# A sentence opening with a name that it goes on to call "he" or "she": "Yamada Hideo was 19 when he first dived".
_OWN_PRONOUN = LazyPattern(r"^(?:[A-Z][\w’'-]+\s){2,3}[^.!?“\"]*?\b(?:he|she|his|her)\b")
# A sentence that introduces someone by what they are, as a contributor's note does: "Seo Hanbit is a
# trade-policy columnist based in Busan."
_INTRODUCED = LazyPattern(r"^(?:[A-Z][\w’'-]+\s){2,3}(?:is|was)\s(?:a|an|the)\s")
_AGE_CLUE = LazyPattern(r",\s\d{1,3},")


def _found(evidence: Evidence, key: str, paragraph: int) -> str:
    """The names the rules read in one paragraph, joined (empty when not read)."""
    paragraphs = evidence.get(key)
    return " ".join(name for name, _ in paragraphs[paragraph]) if paragraphs and paragraph < len(paragraphs) else ""


# Article content hash -> per paragraph (and caption): the (name, role) mentions the rules read in its text
# (``full_name_evidence``), kept with each version like the recogniser's spans.
Evidence = dict[str, list[list[tuple[str, str | None]]]]
_RULE_LISTS = ("titles", "role_nouns", "reporting_verbs", "non_names", "portfolio_words", "institution_words")


@cache
def rules_digest() -> str:
    """A digest of the rules that read names and roles (their code and word lists): what was read under
    other rules is read again, and so is what the recogniser read, which sentences it reads being this module's."""
    digest = hashlib.sha256(Path(names.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    for name in _RULE_LISTS:
        digest.update("\n".join(word_list(name, "index")).encode("utf-8"))
    return digest.hexdigest()[:16]


def read_evidence(articles: list[Article], known: Evidence | None = None) -> Evidence:
    """What the rules read of every paragraph of the articles (titles, appositives, reporting verbs); an
    article whose content is unchanged keeps what was read before (``known``), so an add reads only the
    new text. (A build runs this beside the encoder; it is most of what finding people costs.)"""
    known = known or {}
    out: Evidence = {}
    for article in articles:
        paragraphs = article.paragraphs + article.captions
        kept = known.get(article.content_hash)
        if kept is not None and len(kept) == len(paragraphs):
            out[article.content_hash] = kept
        else:
            out[article.content_hash] = [list(full_name_evidence(p.text)) for p in paragraphs]
    return out
