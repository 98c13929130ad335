"""What the bot remembers in SQLite: who asked what, feedback on answers, events seen, threads it is in."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bot.follow_records import FollowRecords
from index.answer import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS asks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    user TEXT NOT NULL,
    channel TEXT,
    source TEXT NOT NULL,
    platform TEXT NOT NULL DEFAULT 'slack',
    question TEXT NOT NULL,
    answered INTEGER NOT NULL,
    confidence REAL NOT NULL,
    answer TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    ask_id INTEGER NOT NULL REFERENCES asks(id),
    user TEXT NOT NULL,
    vote INTEGER NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (ask_id, user)
);
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, PRIMARY KEY (channel, thread_ts));
"""


@dataclass(frozen=True)
class FeedbackRow:
    ask_id: int
    created: float
    user: str
    question: str
    answered: bool
    up: int
    down: int
    top_file: str | None


class Records:
    """A small SQLite database; safe to share between the listener threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._migrate()
        self._lock = threading.Lock()
        self.follows = FollowRecords(self._db, self._lock)

    def _migrate(self) -> None:
        """Bring a database made by an earlier summitbot up to this schema (idempotent)."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(asks)")}
        if "platform" not in columns:
            # Every earlier answer came from Slack, the only front end there was.
            self._db.execute("ALTER TABLE asks ADD COLUMN platform TEXT NOT NULL DEFAULT 'slack'")

    def close(self) -> None:
        self._db.close()

    def record_ask(
        self, user: str, channel: str | None, source: str, answer: Answer, *, platform: str = "slack"
    ) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO asks (created, user, channel, source, platform, question, answered, confidence, answer)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    time.time(),
                    user,
                    channel,
                    source,
                    platform,
                    answer.question,
                    int(answer.answered),
                    answer.confidence,
                    answer.model_dump_json(),
                ),
            )
            return int(cursor.lastrowid or 0)

    def platform_of(self, ask_id: int) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT platform FROM asks WHERE id = ?", (ask_id,)).fetchone()
        return str(row[0]) if row else None

    def answer(self, ask_id: int) -> Answer | None:
        with self._lock:
            row = self._db.execute("SELECT answer FROM asks WHERE id = ?", (ask_id,)).fetchone()
        return Answer.model_validate_json(row[0]) if row else None

    def record_feedback(self, ask_id: int, user: str, up: bool) -> bool:
        """Store (or change) a user's vote on an answer; False when the answer is unknown."""
        with self._lock:
            if self._db.execute("SELECT 1 FROM asks WHERE id = ?", (ask_id,)).fetchone() is None:
                return False
            self._db.execute(
                "INSERT INTO feedback (ask_id, user, vote, created) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (ask_id, user) DO UPDATE SET vote = excluded.vote, created = excluded.created",
                (ask_id, user, 1 if up else -1, time.time()),
            )
            return True

    def first_delivery(self, event_id: str) -> bool:
        """True the first time an event id is seen (Slack retries deliver the same id again)."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO events (event_id, created) VALUES (?, ?)", (event_id, time.time())
            )
            return cursor.rowcount == 1

    def remember_thread(self, channel: str, thread_ts: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO threads (channel, thread_ts) VALUES (?, ?)", (channel, thread_ts))

    def in_thread(self, channel: str, thread_ts: str) -> bool:
        with self._lock:
            found = self._db.execute(
                "SELECT 1 FROM threads WHERE channel = ? AND thread_ts = ?", (channel, thread_ts)
            ).fetchone()
        return found is not None

    def feedback(self, only_failed: bool = True, limit: int = 100) -> list[FeedbackRow]:
        """Answers with votes or refusals, newest first; ``only_failed`` keeps refusals and down-votes."""
        with self._lock:
            rows = self._db.execute(
                "SELECT a.id, a.created, a.user, a.question, a.answered, a.answer,"
                " COALESCE(SUM(f.vote = 1), 0), COALESCE(SUM(f.vote = -1), 0)"
                " FROM asks a LEFT JOIN feedback f ON f.ask_id = a.id GROUP BY a.id ORDER BY a.id DESC"
            ).fetchall()
        out = []
        for ask_id, created, user, question, answered, payload, up, down in rows:
            if only_failed and answered and not down:
                continue
            if not only_failed and not (up or down or not answered):
                continue
            passages = json.loads(payload).get("passages") or []
            top = passages[0]["file"] if passages else None
            out.append(FeedbackRow(ask_id, created, user, question, bool(answered), up, down, top))
        return out[:limit]
