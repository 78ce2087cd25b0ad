"""Slack deliveries the bot has acknowledged, kept in the database until they are answered.

Slack wants an ack within 3 seconds and never sends an acknowledged request again; the answer
comes after the ack. A process killed in between (a deploy, a crash, SIGKILL, a dyno restart)
would lose what it had acknowledged. So every delivery is written here *before* its ack, and
marked answered when its answer is done:

- `record` before the ack: one row per delivery key (an event id, a command's or a click's
  trigger id). A second delivery of the same key (Slack's retry, to this process or another) is
  refused by the primary key, and dropped: that is the exactly-once claim.
- the recording process holds a lease on its rows and renews it for the answers it still holds
  (`renew`, every few seconds); `finish` marks one answered.
- a row whose lease ran out belongs to a process that died: any process takes it (`take_expired`,
  one UPDATE that one process wins) and answers it again. Answering twice is safe where it
  counts: a deal is created once per delivery key and an outcome is set, not added.

Every write is one statement, atomic by itself (`db.alone()`): on PostgreSQL it does not wait for
the writers' turn, so keeping a request never holds up its ack behind other processes' writes.
Nothing here knows Slack: the bodies are dicts, the keys strings (bot/slack/redelivery.py).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass

import sqlite_utils

from catalog.migrations import migrate

LEASE = 30.0  # seconds a process's rows stay its own without a renewal
WITHIN = 25 * 60.0  # answered again only this long after arriving: Slack's response_url lasts 30 minutes
ATTEMPTS = 3  # answers started for one delivery before it is given up on
KEPT = 24 * 3600.0  # answered rows are kept a day: Slack retries an event for up to about an hour


def _m001_inbox(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE inbox (
            key TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            received_at REAL NOT NULL,
            owner TEXT NOT NULL,
            lease_until REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            finished_at REAL,
            outcome TEXT
        )""")
    # What a sweep looks for: unanswered rows by lease.
    db.execute("CREATE INDEX idx_inbox_open ON inbox(finished_at, lease_until)")


MIGRATIONS = [(1, "inbox", _m001_inbox)]


def delivery_key(body: dict) -> str | None:
    """Which delivery a Slack request body is: the same for Slack's retries of it, None for what
    needs no answer kept (a URL check, an unknown shape)."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("command") and body.get("trigger_id"):
        return f"command:{body['trigger_id']}"
    if body.get("type") == "block_actions" and body.get("trigger_id"):
        return f"action:{body['trigger_id']}"
    return None


@dataclass(frozen=True)
class Delivery:
    key: str
    body: dict
    attempts: int


class Inbox:
    def __init__(self, db, *, lease: float = LEASE, owner: str | None = None):
        self.db = db
        self.lease = lease
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self._held: set[str] = set()  # answers this process has started and not finished
        self._lock = threading.Lock()
        migrate(db, MIGRATIONS, scope="inbox")

    def record(self, key: str, body: dict) -> bool:
        """Keep a delivery before it is acknowledged. False: this key was delivered before."""
        now = time.time()
        with self.db.alone() as db:
            cursor = db.execute(
                "INSERT INTO inbox (key, body, received_at, owner, lease_until) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO NOTHING", [key, json.dumps(body), now, self.owner, now + self.lease])
        return cursor.rowcount == 1

    def hold(self, key: str) -> None:
        """An answer to this delivery is queued or running here: its lease is renewed until finished."""
        with self._lock:
            self._held.add(key)

    def finish(self, key: str, outcome: str = "answered") -> None:
        with self.db.alone() as db:
            db.execute("UPDATE inbox SET finished_at = ?, outcome = ? WHERE key = ? AND finished_at IS NULL",
                       [time.time(), outcome, key])
        with self._lock:
            self._held.discard(key)

    def held(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._held)

    def renew(self) -> int:
        """Extend this process's lease on the answers it holds; rows it recorded but never took
        up are left to expire (a request no listener answered is finished by the sweep)."""
        held = sorted(self.held())
        if not held:
            return 0
        marks = ", ".join("?" for _ in held)
        with self.db.alone() as db:
            cursor = db.execute(f"UPDATE inbox SET lease_until = ?, owner = ? WHERE finished_at IS NULL "
                                f"AND key IN ({marks})", [time.time() + self.lease, self.owner, *held])
        return cursor.rowcount

    def take_expired(self, *, within: float = WITHIN, attempts: int = ATTEMPTS,
                     limit: int = 100) -> list[Delivery]:
        """Unanswered deliveries whose owner stopped renewing them, now this process's, oldest
        first. Each is taken by one UPDATE, so of several processes sweeping at once one gets it."""
        now = time.time()
        rows = list(self.db.query(
            "SELECT key, body, received_at, attempts FROM inbox WHERE finished_at IS NULL AND lease_until < ? "
            "ORDER BY received_at LIMIT ?", [now, limit]))
        taken = []
        for row in rows:
            if row["received_at"] < now - within or row["attempts"] >= attempts:
                self._give_up(row, now, within)
                continue
            with self.db.alone() as db:
                cursor = db.execute(
                    "UPDATE inbox SET owner = ?, lease_until = ?, attempts = attempts + 1 "
                    "WHERE key = ? AND finished_at IS NULL AND lease_until < ?",
                    [self.owner, now + self.lease, row["key"], now])
            if cursor.rowcount == 1:
                self.hold(row["key"])
                taken.append(Delivery(row["key"], json.loads(row["body"]), row["attempts"] + 1))
        return taken

    def _give_up(self, row: dict, now: float, within: float) -> None:
        why = "too old" if row["received_at"] < now - within else f"failed {row['attempts']} times"
        with self.db.alone() as db:
            db.execute("UPDATE inbox SET finished_at = ?, outcome = ? WHERE key = ? AND finished_at IS NULL "
                       "AND lease_until < ?", [now, f"given up: {why}", row["key"], now])

    def prune(self, *, kept: float = KEPT) -> int:
        """Answered rows older than `kept` seconds: their retries can no longer come."""
        with self.db.alone() as db:
            cursor = db.execute("DELETE FROM inbox WHERE finished_at IS NOT NULL AND finished_at < ?",
                                [time.time() - kept])
        return cursor.rowcount

    def unanswered(self) -> list[dict]:
        """What is still waiting for an answer, oldest first (for `salesbot` tools and tests)."""
        return list(self.db.query("SELECT key, owner, received_at, lease_until, attempts FROM inbox "
                                  "WHERE finished_at IS NULL ORDER BY received_at"))
