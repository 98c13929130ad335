"""Follows and their deliveries, in the records database: who follows what, and which passage went to
which follow. A delivery's key is (follow, passage): a passage is sent to a follow at most once, a failed
one stays pending and is sent with the next change job."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Literal

FollowKind = Literal["person", "topic"]
# summarised: beyond a job's message limit, counted in its "and N more" line; withdrawn: its article was
# removed before it could be delivered.
DeliveryState = Literal["pending", "sent", "failed", "summarised", "withdrawn"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    user TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    created REAL NOT NULL,
    UNIQUE (platform, user, kind, subject)
);
CREATE TABLE IF NOT EXISTS deliveries (
    follow_id INTEGER NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
    passage TEXT NOT NULL,
    article_id TEXT NOT NULL,
    correction INTEGER NOT NULL,
    item TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL,
    PRIMARY KEY (follow_id, passage)
);
"""


@dataclass(frozen=True)
class Follow:
    id: int
    platform: str
    user: str
    kind: FollowKind
    subject: str  # a person's canonical name, or the topic as typed
    created: float


@dataclass(frozen=True)
class Delivery:
    """One passage owed to one follow; ``item`` is what the message shows of it (JSON, see bot.follow)."""

    follow: Follow
    passage: str
    article_id: str
    correction: bool
    item: dict[str, object]
    state: DeliveryState
    attempts: int


@dataclass(frozen=True)
class FollowSummary:
    """A follow with its delivery counts, for ``summitbot follows``."""

    follow: Follow
    sent: int
    waiting: int  # pending or failed: sent with the next change job


class FollowRecords:
    """The follows tables on the records database's connection (shares its lock)."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db, self._lock = db, lock
        self._db.executescript(SCHEMA)

    def add(self, platform: str, user: str, kind: FollowKind, subject: str) -> bool:
        """False when this user already follows it."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO follows (platform, user, kind, subject, created) VALUES (?, ?, ?, ?, ?)",
                (platform, user, kind, subject, time.time()),
            )
            return cursor.rowcount == 1

    def of_user(self, platform: str, user: str) -> list[Follow]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, platform, user, kind, subject, created FROM follows WHERE platform = ? AND user = ?"
                " ORDER BY id",
                (platform, user),
            ).fetchall()
        return [Follow(*row) for row in rows]

    def all(self) -> list[Follow]:
        with self._lock:
            rows = self._db.execute("SELECT id, platform, user, kind, subject, created FROM follows ORDER BY id")
            return [Follow(*row) for row in rows.fetchall()]

    def remove(self, follow_ids: list[int]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM deliveries WHERE follow_id = ?", [(i,) for i in follow_ids])
            self._db.executemany("DELETE FROM follows WHERE id = ?", [(i,) for i in follow_ids])

    def owe(self, follow: Follow, passage: str, article_id: str, correction: bool, item: dict[str, object]) -> bool:
        """Record a passage owed to a follow; False when it was owed (or sent) before: never twice."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO deliveries (follow_id, passage, article_id, correction, item, state, updated)"
                " VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                (follow.id, passage, article_id, int(correction), json.dumps(item, ensure_ascii=False), time.time()),
            )
            return cursor.rowcount == 1

    def waiting(self) -> list[Delivery]:
        """Every passage not yet delivered (new, or failed before), oldest follow and article first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT f.id, f.platform, f.user, f.kind, f.subject, f.created,"
                " d.passage, d.article_id, d.correction, d.item, d.state, d.attempts"
                " FROM deliveries d JOIN follows f ON f.id = d.follow_id"
                " WHERE d.state IN ('pending', 'failed') ORDER BY f.id, d.article_id, d.rowid"
            ).fetchall()
        return [
            Delivery(Follow(*row[:6]), row[6], row[7], bool(row[8]), json.loads(row[9]), row[10], row[11])
            for row in rows
        ]

    def mark(self, deliveries: list[Delivery], state: DeliveryState) -> None:
        with self._lock:
            self._db.executemany(
                "UPDATE deliveries SET state = ?, attempts = attempts + ?, updated = ?"
                " WHERE follow_id = ? AND passage = ?",
                [(state, int(state in ("sent", "failed")), time.time(), d.follow.id, d.passage) for d in deliveries],
            )

    def summaries(self) -> list[FollowSummary]:
        with self._lock:
            counts = {
                (fid, state): n
                for fid, state, n in self._db.execute(
                    "SELECT follow_id, state, COUNT(*) FROM deliveries GROUP BY follow_id, state"
                ).fetchall()
            }
        return [
            FollowSummary(
                f, counts.get((f.id, "sent"), 0), counts.get((f.id, "pending"), 0) + counts.get((f.id, "failed"), 0)
            )
            for f in self.all()
        ]
