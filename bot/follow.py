"""Follow the story: after every change to the coverage, the passages of new or corrected articles that
quote a followed person, or that answer a followed topic (the same answer-or-refuse decision as a
question), are sent to the follower as one message per article, on the platform the follow was made on.

What is owed is recorded before anything is sent (``FollowRecords.owe``, one row per follow and passage),
so a passage is never sent twice and a failed send is retried with the next change job."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Protocol

from bot.follow_records import Delivery, Follow, FollowRecords
from bot.presentation import Cite
from index.engine import Engine
from index.facts.quick import citation, people_named
from index.store.loaded import LoadedIndex

logger = logging.getLogger(__name__)

MAX_FOLLOWS = 50  # per user and platform
MAX_MESSAGES = 20  # per user and change job; the rest are summed up in one line


@dataclass(frozen=True)
class FollowItem:
    """One passage of a message: the words, who said them, where."""

    highlight: str
    speaker: str | None
    cite: Cite
    passage: str = ""  # the whole passage the highlight is from (kept for evaluation, not shown)
    confidence: float = 1.0  # the decision's, for a topic; a person's own quote is certain
    row_read: str | None = None  # a table row: its cells under the table's headers (AnswerPassage.row_read)

    @classmethod
    def of(cls, data: Mapping[str, object]) -> FollowItem:
        cite = Cite(**data["cite"])  # type: ignore[arg-type]
        speaker = data.get("speaker")
        return cls(
            str(data["highlight"]),
            str(speaker) if speaker is not None else None,
            cite,
            str(data.get("passage", "")),
            float(data.get("confidence", 1.0)),  # type: ignore[arg-type]
            str(row) if (row := data.get("row_read")) is not None else None,
        )


@dataclass(frozen=True)
class FollowMessage:
    """New coverage of one article for one follow."""

    kind: str  # "person" or "topic"
    subject: str
    title: str
    correction: bool
    items: tuple[FollowItem, ...]


@dataclass(frozen=True)
class MoreArticles:
    """The line that stands for the articles beyond a job's message limit."""

    count: int


Message = FollowMessage | MoreArticles


class Notifier(Protocol):
    """Delivers to one platform's users; False when the message could not be delivered (retried later)."""

    def send(self, user: str, message: Message) -> bool: ...


@dataclass(frozen=True)
class Delivered:
    """What one round of deliveries did."""

    sent: int  # messages
    failed: int  # messages, retried with the next change job


def changed_articles(before: Mapping[str, str], index: LoadedIndex) -> dict[str, bool]:
    """The articles of ``index`` that are new or whose text changed since ``before`` (article id -> its
    content hash); the value says whether it is a correction of an article served before."""
    return {aid: aid in before for aid, meta in index.articles.items() if before.get(aid) != meta.content_hash}


def _key(article_id: str, text: str) -> str:
    return f"{article_id}:{hashlib.sha256(text.encode()).hexdigest()[:20]}"


def person_items(index: LoadedIndex, name: str, articles: set[str]) -> list[tuple[str, str, FollowItem]]:
    """(passage key, article id, item) for every quote of the person called ``name`` in ``articles``."""
    people = [p for p in people_named(index, name) if p.name == name or name in p.variants]
    ids = {p.id for p in people[:1]}
    out = []
    for quote in index.quotes:
        if quote.person_id in ids and quote.article_id in articles:
            where = citation(index, quote.article_id, quote.paragraph, quote.start, quote.end)
            item = FollowItem(quote.text, people[0].name, Cite.of_location(where), quote.text)
            out.append((_key(quote.article_id, quote.text), quote.article_id, item))
    return out


# How many passages of the whole coverage's answer to a topic a new article's passage must be among.
WHOLE_COVERAGE_K = 5


def topic_items(
    engine: Engine, topic: str, articles: set[str], min_confidence: float = 0.0
) -> list[tuple[str, str, FollowItem]]:
    """The passage of each article that answers ``topic``: the best passage of the article asked alone,
    sent only when the decision answers (as a question would be answered), at least ``min_confidence``
    sure (a message nobody asked for just now must be surer than an answer to a question), and when asking
    the whole coverage also shows it among its answer's passages — a passage that answers only because
    its article was asked alone is not what the coverage says on the topic. Only the best passage: the
    others of an answer are context, not answers."""
    whole = engine.ask(topic, k=WHOLE_COVERAGE_K)
    if not whole.answered:
        return []
    shown = {(p.article_id, p.text) for p in whole.passages}
    out = []
    for article in sorted(articles):
        answer = engine.ask(topic, k=1, within=frozenset({article}))
        if not answer.answered or answer.confidence < min_confidence:
            continue
        for p in answer.passages:
            if (p.article_id, p.text) not in shown:
                continue
            item = FollowItem(p.highlight, p.speaker, Cite.of_passage(p), p.text, answer.confidence, p.row_read)
            out.append((_key(p.article_id, p.text), p.article_id, item))
    return out


def owe_changes(
    records: FollowRecords,
    engine: Engine,
    index: LoadedIndex,
    changed: Mapping[str, bool],
    min_confidence: float = 0.0,
) -> int:
    """Record what every follow is owed from the changed articles; returns how many passages are new."""
    if not changed:
        return 0
    owed = 0
    articles = set(changed)
    for follow in records.all():
        try:
            items = (
                person_items(index, follow.subject, articles)
                if follow.kind == "person"
                else topic_items(engine, follow.subject, articles, min_confidence)
            )
        except Exception:  # one follow that cannot be read must not stop the others
            logger.exception("follow %s could not be matched", follow.id)
            continue
        for key, article_id, item in items:
            owed += records.owe(follow, key, article_id, changed[article_id], asdict(item))
    return owed


def deliver(records: FollowRecords, index: LoadedIndex, notifiers: Mapping[str, Notifier]) -> Delivered:
    """Send everything owed (new, or failed before) as one message per follow and article, at most
    ``MAX_MESSAGES`` per user (the rest summed up in one line and not sent later)."""
    groups: dict[tuple[int, str], list[Delivery]] = {}
    for d in records.waiting():
        groups.setdefault((d.follow.id, d.article_id), []).append(d)
    per_user: dict[tuple[str, str], int] = {}
    skipped: dict[tuple[str, str], list[Delivery]] = {}
    sent = failed = 0
    for (_, article_id), deliveries in groups.items():
        follow = deliveries[0].follow
        if article_id not in index.articles:
            records.mark(deliveries, "withdrawn")  # removed since: its text is never sent
            continue
        notifier = notifiers.get(follow.platform)
        if notifier is None:
            continue  # that platform is not served by this process: kept for one that is
        who = (follow.platform, follow.user)
        if per_user.get(who, 0) >= MAX_MESSAGES:
            skipped.setdefault(who, []).extend(deliveries)
            continue
        per_user[who] = per_user.get(who, 0) + 1
        if _send(notifier, follow, _message(follow, article_id, deliveries, index)):
            records.mark(deliveries, "sent")
            sent += 1
        else:
            records.mark(deliveries, "failed")
            failed += 1
    for (platform, _user), deliveries in skipped.items():
        count = len({d.article_id for d in deliveries})
        if _send(notifiers[platform], deliveries[0].follow, MoreArticles(count)):
            records.mark(deliveries, "summarised")
    return Delivered(sent, failed)


def _send(notifier: Notifier, follow: Follow, message: Message) -> bool:
    try:
        return notifier.send(follow.user, message)
    except Exception:  # a platform's failure is a failed delivery, retried with the next job
        logger.exception("delivering to %s:%s failed", follow.platform, follow.user)
        return False


def _message(follow: Follow, article_id: str, deliveries: list[Delivery], index: LoadedIndex) -> FollowMessage:
    items = tuple(FollowItem.of(d.item) for d in deliveries)
    meta = index.articles.get(article_id)
    title = (meta.title or meta.file) if meta is not None else (items[0].cite.title or items[0].cite.file)
    return FollowMessage(follow.kind, follow.subject, title, any(d.correction for d in deliveries), items)
