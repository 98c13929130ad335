"""Stage 5: the Answer's passages (each cited once, duplicates of another's words left out) and, for a
count or a date, the sources that disagree."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from index.answer.config import EngineConfig
from index.answer.needs import Needs
from index.answer.rank import Ranked
from index.answer.types import AnswerPassage, Claim, Disagreement
from index.people.attribution import Quote, speaks_last
from index.people.registry import Person
from index.store.loaded import LoadedIndex
from index.store.passages import ArticleMeta
from index.text.dates import resolve_dates
from index.text.figures import figures, is_ordinal


def passages(
    config: EngineConfig, index: LoadedIndex, ranked: list[Ranked], k: int, asked: tuple[Person, ...] = ()
) -> list[AnswerPassage]:
    """The passages shown, each cited; ``asked``: the people whose words the question asks for, shown as the
    speaker of a sentence whose last clause is theirs ("..., and Lund said he hoped to return")."""
    out: list[AnswerPassage] = []
    kept: list[np.ndarray] = []
    seen_highlights: set[str] = set()
    seen_passages: set[int] = set()
    for entry in ranked:
        passage = entry.hit.passage
        if passage.id in seen_passages:
            continue  # one passage found twice (general search and a speaker's quotes) is cited once
        seen_passages.add(passage.id)
        sentences = [passage.sentences[i] for i in entry.chosen]
        highlight = passage.text[sentences[0].start - passage.start : sentences[-1].end - passage.start]
        key = " ".join(highlight.lower().split())
        pvec = index.dense.vectors(np.array([passage.id]))[0]
        # Two passages that say the same thing (a caption repeating the lede, wire copy reused) count once.
        if key in seen_highlights or any(float(pvec @ v) >= config.duplicate_cosine for v in kept):
            continue
        seen_highlights.add(key)
        kept.append(pvec)
        meta = index.articles[passage.article_id]
        speaker = _speaker(index, passage.article_id, [s.start for s in sentences])
        name = speaker.speaker if speaker else None
        if speaker is not None and (own := _own_clause(speaker, asked, sentences[0].text)) is not None:
            name = own.name
        out.append(
            AnswerPassage(
                file=meta.file,
                article_id=meta.id,
                title=meta.title,
                source=meta.outlet,
                published=meta.published,
                url=meta.url,
                paragraph=passage.paragraph,
                kind=passage.kind,
                text=passage.text,
                highlight=highlight,
                highlight_start=sentences[0].start,
                highlight_end=sentences[-1].end,
                speaker=name,
                score=round(float(entry.score), 4),
                rights_restricted=meta.ai_use_restricted,
                published_partial=meta.published_partial,
                asked_by=passage.context if passage.kind == "question" and passage.context else None,
                row_read=passage.row_headers,
            )
        )
        if len(out) == k:
            break
    return out


def disagreements(
    config: EngineConfig, index: LoadedIndex, ranked: list[Ranked], needs: Needs
) -> tuple[Disagreement, ...]:
    """Different figures (count questions) or dates ("when" questions) from different articles."""
    claims: dict[str, Claim] = {}
    kind = needs.claims
    if kind is None:
        return ()
    nouns, people, topic = needs.counted, list(needs.named), needs.claim_topic
    pool = ranked[: config.disagreement_pool] if kind == "figure" else ranked[:3]
    for entry in pool:
        passage = entry.hit.passage
        if passage.article_id in claims:
            continue
        if kind == "figure" and (
            not all(index.people.mentioned_in(p, passage.text) for p in people)
            or (topic is not None and topic.support(passage.text) < config.claim_topic_support)
        ):
            continue
        meta = index.articles[passage.article_id]
        # Counts may sit anywhere in a strong passage; dates must be in the answering sentence.
        sentences = passage.sentences if kind == "figure" else [passage.sentences[i] for i in entry.chosen]
        for sentence in sentences:
            found = (
                _figure_claim(index, sentence.text, nouns, people)
                if kind == "figure"
                else _date_claim(sentence.text, meta)
            )
            if found is not None:
                value, phrase = found
                claims[passage.article_id] = Claim(
                    value=value,
                    phrase=phrase,
                    file=meta.file,
                    article_id=meta.id,
                    source=meta.outlet,
                    published=meta.published,
                    paragraph=passage.paragraph,
                    sentence=sentence.text,
                )
                break
    claims = {k: c for k, c in claims.items() if not _overtaken(c, claims.values())}
    if len({c.value for c in claims.values()}) < 2:
        return ()
    return (Disagreement(kind=kind, claims=tuple(claims.values())),)


def _figure_claim(
    index: LoadedIndex, sentence: str, nouns: frozenset[str], people: list[Person]
) -> tuple[str, str] | None:
    """The sentence's figure for what is counted; one that counts meetings "with" someone not asked
    about ("five meetings with the Japanese prime minister" for Lee and Xi) is not it."""
    for figure in figures(sentence, nouns):
        end = sentence.find(figure.phrase) + len(figure.phrase)
        tail = re.split(r"[,;.:]", sentence[end:], maxsplit=1)[0]
        partner = re.match(r"\s+(?:with|between|and)\s(.+)", tail)
        other = partner is not None and bool(people)
        if other and not any(index.people.mentioned_in(p, partner.group(1)) for p in people):  # type: ignore[union-attr]
            someone = partner.group(1)  # type: ignore[union-attr]
            if index.people.named_in(someone) or re.search(r"\b(?:minister|president|leader)\b", someone, re.I):
                continue
        return f"{figure.value:g}", figure.phrase
    return None


def _date_claim(sentence: str, meta: ArticleMeta) -> tuple[str, str] | None:
    for mention in resolve_dates(sentence, meta.published):
        if mention.when is not None and mention.precision == "day":
            return mention.when.isoformat(), mention.expression
    return None


def _own_clause(quote: Quote, asked: tuple[Person, ...], text: str) -> Person | None:
    """The person asked about, when the sentence credited to someone else reports them speaking and its
    last clause is in their own voice ("Berg said ..., and Lund said he hoped to return", asked of Lund)."""
    return next((p for p in asked if p.id != quote.person_id and p.id in quote.reports and speaks_last(text, p)), None)


def _speaker(index: LoadedIndex, article_id: str, starts: list[int]) -> Quote | None:
    for start in starts:
        if (quote := index.quote_at(article_id, start)) is not None:
            return quote
    return None


def _overtaken(claim: Claim, claims: Iterable[Claim]) -> bool:
    """An ordinal count ("his first meeting with her") is true as of its article's date: a later article
    counting more ("their second meeting") has moved on from it; that is no disagreement."""
    if not claim.published or not is_ordinal(claim.phrase):
        return False
    return any(
        other.published is not None and other.published > claim.published and float(other.value) > float(claim.value)
        for other in claims
    )
