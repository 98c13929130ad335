"""Stage 2: the candidate passages. A speaker's quotes or a person's introductions replace the general
search when the question asks for them; a name the coverage lacks is refused before any search."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from index.answer.needs import Needs, needs_of, speakers_of
from index.answer.question import Intent, Question, is_generic_speaker, looks_like_speaker, unknown_names
from index.answer.types import Refusal
from index.people.registry import Person
from index.search.retrieval import Hit, VectorRetriever
from index.store.versions import LoadedIndex


@dataclass(frozen=True)
class Retrieved:
    """The candidates, with the analysis they were found for (revised when a "speaker" turned out to be
    no one: "how did defence stocks react") and what the analysis already refuses."""

    parsed: Question
    needs: Needs
    hits: list[Hit]
    refusal: Refusal | None = None
    unknown: tuple[str, ...] = ()
    note: str | None = None  # which of several people a name was taken as


def retrieve(
    index: LoadedIndex,
    retriever: VectorRetriever,
    vector: np.ndarray,
    parsed: Question,
    k: int,
    within: frozenset[str] | None = None,
) -> Retrieved:
    question = parsed.text
    needs = needs_of(index, parsed)
    hits: list[Hit] | None = None
    refusal: Refusal | None = None
    unknown = tuple(unknown_names(question, index.knows))
    note = None
    if unknown:
        refusal = Refusal.UNKNOWN_NAME
    elif parsed.intent is Intent.QUOTE and parsed.target and parsed.person is None:
        # Not a person of the coverage: a group or a thing ("the ministry", "Northgate Wire") is searched
        # like any words; a name the coverage never mentions at all is refused.
        if not is_generic_speaker(parsed.target) and not mentioned(parsed.target, index):
            refusal, unknown = Refusal.UNKNOWN_SPEAKER, (parsed.target,)
        elif is_generic_speaker(parsed.target) or not looks_like_speaker(parsed.target):
            # "how did defence stocks react": no speaker at all, an ordinary question.
            parsed = replace(parsed, intent=Intent.FACT, target=None)
            needs = needs_of(index, parsed)
    elif parsed.intent is Intent.QUOTE and parsed.target:
        ids = [pid for person in speakers_of(parsed) for pid in index.passages_quoting.get(person.id, ())]
        spoken = retriever.score_passages(question, vector, ids) if ids else []
        note = _ambiguity_note(parsed)
        if spoken:
            hits = spoken
        else:
            # Mentioned, never quoted: the passages that mention them are what the coverage has.
            refusal, unknown = Refusal.NO_QUOTES, tuple(p.name for p in speakers_of(parsed))
            mentioning = [i for p in speakers_of(parsed) for i in _mention_ids(index, p)]
            hits = retriever.score_passages(question, vector, mentioning) if mentioning else None
    elif parsed.intent is Intent.PROFILE and parsed.target:
        if parsed.person is None:
            if not mentioned(parsed.target, index):
                refusal, unknown = Refusal.UNKNOWN_NAME, (parsed.target,)
        else:
            note = _ambiguity_note(parsed)
            hits = retriever.score_passages(question, vector, _mention_ids(index, parsed.person))
    if hits is not None and within is not None:
        hits = [h for h in hits if h.passage.article_id in within]
    if hits is None and within is not None:
        ids = [i for article in sorted(within) for i in index.passages.of_article(article)]
        hits = retriever.score_passages(question, vector, ids) if ids else []
    if hits is None:
        hits = retriever.search_with_vector(question, vector, max(4 * k, 20))
    return Retrieved(parsed, needs, hits, refusal, unknown, note)


def _mention_ids(index: LoadedIndex, person: Person) -> list[int]:
    """Passages naming the person in full, looked for only in the articles that mention them."""
    names = [v for v in person.variants if v]
    ids = [i for article in sorted(person.articles) for i in index.passages.of_article(article)]
    return [i for i, text in zip(ids, index.passages.texts(ids), strict=True) if any(n in text for n in names)]


def mentioned(name: str, index: LoadedIndex) -> bool:
    """True when some word of ``name`` occurs in the coverage (then it is searched for, never refused)."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in _ARTICLES]
    return any(index.knows(w) for w in words)


_ARTICLES = frozenset({"the", "a", "an"})


def _ambiguity_note(parsed: Question) -> str | None:
    if parsed.person is None or len(parsed.people) < 2 or parsed.target is None:
        return None
    if parsed.by_role and parsed.intent is Intent.QUOTE:
        return f"“{parsed.target}” matches {', '.join(p.name for p in parsed.people)}"
    others = ", ".join(p.name for p in parsed.people[1:])
    return f"“{parsed.target}” taken as {parsed.person.name}; also in the coverage: {others}"
