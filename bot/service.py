"""The one service every front end shares: asking, quick facts, sharing, votes, admin jobs, rate limits and
records. A front end (command line, Slack, Discord) only parses its input and renders what this returns."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

from bot import messages
from bot.commands import Command, Kind
from bot.follow import MAX_FOLLOWS, Delivered, Notifier, changed_articles, deliver, owe_changes
from bot.outcomes import Answered, Asked, Denied, Facts, Invalid, Limited, Notice, Outcome, Refused, Started, answered
from bot.ratelimit import RateLimiter
from bot.records import Records
from index.answer.freshness import staleness
from index.engine import Engine
from index.errors import QuestionError
from index.facts.quick import people_named, profiles, quotes_of, sources
from index.facts.timeline import timeline
from index.people.registry import Person
from index.store.collection import ChangeReport, Collection
from index.store.loaded import LoadedIndex, Manifest
from index.store.passages import ArticleMeta
from seeds_loader import is_url

logger = logging.getLogger(__name__)

Platform = Literal["slack", "discord", "cli"]
MAX_FOLLOW_CHARS = 200


class Service:
    """Shared by every front end: one engine, one records database, one set of admin jobs."""

    def __init__(
        self,
        engine: Engine | None,
        records: Records,
        *,
        rate_limit_per_minute: int,
        admins: dict[str, frozenset[str]],
        collection: Collection | None = None,
        top_k: int = 3,
        index: Callable[[], LoadedIndex] | None = None,
        follow_min_confidence: float = 0.5,
    ) -> None:
        """``engine`` answers questions; without one (the command line's quick facts, which never load the
        model) ``index`` gives the coverage to read."""
        if engine is None and index is None:
            raise ValueError("a service needs an engine or an index to read")
        self.engine = engine
        self._index = index or (lambda: engine.index)  # type: ignore[union-attr]
        self.records = records
        self.collection = collection
        self._limiter = RateLimiter(rate_limit_per_minute)
        self._admins = admins
        self._top_k = top_k
        self.rate_limit_per_minute = rate_limit_per_minute
        # Who receives follow messages on each platform; set by the process that serves it.
        self.notifiers: dict[str, Notifier] = {}
        self._follow_min_confidence = follow_min_confidence
        # Admin jobs take minutes: one at a time, on a thread of their own (made when first needed).
        self._jobs: ThreadPoolExecutor | None = None

    # --- questions ----------------------------------------------------------------------------
    def _limited(self, platform: Platform, user: str) -> str | None:
        """The one rate-limit check of every front end: one request counted for this user of this platform
        (ids of two platforms never collide); the sentence that refuses it, or None. The command line is
        one person at a terminal (or a script of questions): never limited."""
        if platform == "cli" or self._limiter.allow(f"{platform}:{user}"):
            return None
        return messages.SLACK_RATE_LIMITED.format(limit=self.rate_limit_per_minute)

    def ask(
        self, platform: Platform, user: str, channel: str | None, source: str, question: str, *, k: int | None = None
    ) -> Asked:
        """A question, rate-limited per user and platform, answered and recorded (chat only: the command
        line's questions are a developer's or a script's, not the newsroom's feedback)."""
        if (limited := self._limited(platform, user)) is not None:
            return Limited(limited)
        if not question.strip():
            return Invalid(messages.SLACK_EMPTY_QUESTION)
        try:
            if self.engine is None:
                raise RuntimeError("this service reads quick facts only; it has no engine to answer with")
            answer = self.engine.ask(question, k=k or self._top_k)
        except QuestionError as e:
            return Invalid(messages.question_problem(e))
        if platform == "cli":
            return answered(answer)
        return answered(answer, self.records.record_ask(user, channel, source, answer, platform=platform))

    def facts(self, command: Command, platform: Platform | None = None, user: str = "") -> Facts | Limited:
        """A quick fact; counted against the same per-user limit as questions when a chat user asks."""
        if platform is not None and (limited := self._limited(platform, user)) is not None:
            return Limited(limited)
        index = self._index()
        if command.kind is Kind.WHO:
            return Facts(command.kind, command.argument, profiles=tuple(profiles(index, command.argument)))
        if command.kind is Kind.QUOTES:
            return Facts(command.kind, command.argument, quotes=tuple(quotes_of(index, command.argument)))
        if command.kind is Kind.TIMELINE:
            return Facts(command.kind, "", events=tuple(timeline(index)))
        return Facts(command.kind, "", sources=tuple(sources(index)))

    def handle(self, platform: Platform, user: str, channel: str | None, source: str, command: Command) -> Outcome:
        """Any command of the schema from any front end: the one door. Admin jobs run here, synchronously:
        call it off the event loop (a front end that acknowledges first checks ``admit`` before)."""
        spec = command.spec
        if spec.kind is Kind.HELP:
            return Notice(messages.help_text(platform))
        if spec.admin:
            if (refusal := self.admit(platform, user, command)) is not None:
                return Denied(refusal)
            return Notice(self.run_admin(command))
        if spec.facts:
            return self.facts(command, platform, user)
        if spec.kind is Kind.FOLLOW:
            return self.follow(platform, user, command.argument)
        if spec.kind is Kind.FOLLOWING:
            return self.following(platform, user)
        if spec.kind is Kind.UNFOLLOW:
            return self.unfollow(platform, user, command.argument)
        return self.ask(platform, user, channel, source, command.argument)

    # --- follows --------------------------------------------------------------------------------
    def follow(self, platform: Platform, user: str, subject: str) -> Notice | Invalid:
        """Follow a person (resolved as ``who`` resolves names) or else a topic (a question-like phrase)."""
        subject = " ".join(subject.split())
        if not subject:
            return Invalid(messages.FOLLOW_USAGE)
        if len(subject) > MAX_FOLLOW_CHARS:
            return Invalid(messages.FOLLOW_TOO_LONG.format(limit=MAX_FOLLOW_CHARS))
        records = self.records.follows
        if len(records.of_user(platform, user)) >= MAX_FOLLOWS:
            return Invalid(messages.FOLLOW_LIMIT.format(limit=MAX_FOLLOWS))
        people = people_named(self._index(), subject)
        if len(people) > 1:
            names = ", ".join(p.name for p in people[:5])
            return Invalid(messages.FOLLOW_WHICH.format(subject=subject, names=names))
        if people:
            kind, what = "person", people[0].name
        else:
            kind, what = "topic", subject
        if not records.add(platform, user, kind, what):  # type: ignore[arg-type]
            return Notice(messages.FOLLOW_ALREADY.format(subject=what))
        return Notice((messages.FOLLOW_PERSON if kind == "person" else messages.FOLLOW_TOPIC).format(subject=what))

    def following(self, platform: Platform, user: str) -> Notice:
        follows = self.records.follows.of_user(platform, user)
        if not follows:
            return Notice(messages.FOLLOWING_NONE)
        lines = [messages.FOLLOWING_HEADER]
        lines += [messages.FOLLOWING_LINE.format(n=n, kind=f.kind, subject=f.subject) for n, f in enumerate(follows, 1)]
        return Notice("\n".join(lines))

    def unfollow(self, platform: Platform, user: str, which: str) -> Notice | Invalid:
        """``which``: a number from ``following``, or "all"."""
        follows = self.records.follows.of_user(platform, user)
        which = which.strip().lower()
        if which == "all":
            chosen = follows
        elif which.isascii() and which.isdigit() and 1 <= int(which) <= len(follows):
            chosen = [follows[int(which) - 1]]
        else:
            return Invalid(messages.UNFOLLOW_BAD.format(which=which[:40], count=len(follows)))
        self.records.follows.remove([f.id for f in chosen])
        return Notice(messages.UNFOLLOWED.format(subjects="; ".join(f.subject for f in chosen) or "nothing"))

    def before_change(self) -> dict[str, str]:
        """What is served now (article id -> content hash): compared after a change job."""
        return {aid: meta.content_hash for aid, meta in self._index().articles.items()}

    def after_change(self, before: dict[str, str]) -> Delivered:
        """After a change job: what each follow is owed from the new or corrected articles, then every
        delivery still owed (this job's and earlier failed ones). Call it off the event loop."""
        index = self._index()
        changed = changed_articles(before, index)
        if self.engine is not None:
            owe_changes(self.records.follows, self.engine, index, changed, self._follow_min_confidence)
        return deliver(self.records.follows, index, self.notifiers)

    def changed_elsewhere(self, before: dict[str, str]) -> None:
        """A new version arrived that another node made (a reader of Milvus): what this node's follows are
        owed from it is worked out and delivered on the job thread, never on a question's."""

        def job() -> None:
            try:
                self.after_change(before)
            except Exception:  # retried with the next change: owed deliveries stay owed
                logger.exception("follow deliveries after a new version failed")

        self._job_thread().submit(job)

    def _job_thread(self) -> ThreadPoolExecutor:
        """The one thread change jobs and their deliveries run on, in order."""
        if self._jobs is None:
            self._jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summitbot-admin")
        return self._jobs

    def people(self) -> list[Person]:
        """Everyone in the coverage (for name suggestions)."""
        return list(self._index().people.people.values())

    def articles(self) -> list[ArticleMeta]:
        """The indexed articles (for suggestions of what to remove)."""
        return list(self._index().articles.values())

    def coverage(self) -> Manifest:
        """What is indexed now: articles, passages, when it was built (for a home tab or a banner)."""
        return self._index().manifest

    # --- conversations ----------------------------------------------------------------------------
    def remember_thread(self, channel: str, thread: str) -> None:
        """A thread the bot answered in: later messages there are follow-ups."""
        self.records.remember_thread(channel, thread)

    def in_thread(self, channel: str, thread: str) -> bool:
        return self.records.in_thread(channel, thread)

    def first_delivery(self, event_id: str) -> bool:
        """False when the platform delivers an event again (a retry): it is answered once."""
        return self.records.first_delivery(event_id)

    # --- buttons -------------------------------------------------------------------------------
    def shareable(self, ask_id: int) -> Answered | Refused | Invalid:
        """The stored answer, re-checked against the coverage now (a removed or corrected article is never
        re-published); or why it cannot be shared."""
        answer = self.records.answer(ask_id)
        if answer is None:
            return Invalid(messages.SLACK_FEEDBACK_UNKNOWN)
        check = staleness(self._index(), answer)
        return Invalid(messages.stale_answer(check.removed, check.changed)) if check.stale else answered(answer, ask_id)

    def vote(self, ask_id: int, user: str, up: bool) -> Notice | Invalid:
        """A 👍/👎 on a recorded answer (a second vote replaces the first)."""
        if self.records.record_feedback(ask_id, user, up):
            return Notice(messages.SLACK_FEEDBACK_THANKS)
        return Invalid(messages.SLACK_FEEDBACK_UNKNOWN)

    # --- admin ---------------------------------------------------------------------------------
    def is_admin(self, platform: Platform, user: str) -> bool:
        """Admin rights come from the platform's verified user id, never from message text."""
        return self.collection is not None and user in self._admins.get(platform, frozenset())

    def admit(self, platform: Platform, user: str, command: Command) -> str | None:
        """The one admin gate of every chat front end: None when this user may run the command now, else
        the sentence that refuses it (not an admin of this platform; a file path added from chat)."""
        if self.collection is None and user in self._admins.get(platform, frozenset()):
            return messages.CHAT_READER_NODE  # an admin, on a node that serves from Milvus alone
        if not self.is_admin(platform, user):
            return messages.SLACK_NOT_ADMIN
        return self.admin_refusal(command)

    def admin(
        self,
        platform: Platform,
        user: str,
        command: Command,
        done: Callable[[str], None],
        started: Callable[[], None] | None = None,
    ) -> Denied | Started:
        """An admin command for a front end that acknowledges first: refused now, or ``started`` told and
        the job run on the service's job thread (never a listener's or an event loop's), its report handed
        to ``done`` (always after ``started``)."""
        if (refusal := self.admit(platform, user, command)) is not None:
            return Denied(refusal)
        if started is not None:
            started()
        self._job_thread().submit(lambda: done(self.run_admin(command)))
        return Started()

    def admin_refusal(self, command: Command) -> str | None:
        """Why a chat admin command is refused before it runs, if it is."""
        if command.kind is Kind.ADD and not is_url(command.argument):
            # From chat only web pages: a path would publish a file of the bot's own server to everyone.
            return messages.SLACK_ADD_URL_ONLY
        return None

    def run_admin(self, command: Command) -> str:
        """Run an admin job (call it off the event loop or listener thread) and report it in one text."""
        assert self.collection is not None
        started = time.perf_counter()
        before = self.before_change()
        try:
            if command.kind is Kind.REINDEX:
                index, _ = self.collection.rebuild()
                text = messages.SLACK_REINDEX_DONE.format(
                    articles=index.manifest.articles,
                    passages=index.manifest.passages,
                    seconds=time.perf_counter() - started,
                )
            else:
                report = (
                    self.collection.add([command.argument])
                    if command.kind is Kind.ADD
                    else self.collection.remove([command.argument])
                )
                text = admin_report(report)
        except Exception as e:
            logger.exception("admin command %s failed", command.kind)
            return messages.SLACK_OPERATION_FAILED.format(problem=messages.admin_failure(e))
        try:
            self.after_change(before)
        except Exception:  # the change is made and served; followers get it with the next job
            logger.exception("delivering follows after %s failed", command.kind)
        return text


def admin_report(report: ChangeReport) -> str:
    """The lines an admin sees after an add or remove: each source's outcome, then the index's size."""
    lines = [
        messages.SLACK_ADD_RESULT.format(
            status=o.status, source=o.source, detail="" if o.status == "failed" else f" → {o.file}"
        )
        + (f" — {o.message}" if o.status == "failed" else "")
        for o in report.outcomes
    ]
    if report.index is not None:
        m = report.index.manifest
        lines.append(messages.SLACK_CHANGE_DONE.format(articles=m.articles, passages=m.passages))
    else:
        lines.append(messages.SLACK_NO_CHANGE)
    return "\n".join(lines)
