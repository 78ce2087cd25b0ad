"""The salesbot database: one SQLite file, one connection per thread.

The Slack bot answers on worker threads and a sqlite3 connection belongs to the thread that
made it, so each thread gets its own (WAL mode: readers never wait for the one writer, and
writers wait their turn through busy_timeout). Everything else sees an ordinary
sqlite_utils.Database.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from catalog.migrations import migrate


class Database:
    """Forwards to this thread's sqlite_utils.Database for the file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()

    @property
    def current(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite_utils.Database(self.path)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA busy_timeout=10000")
            self._local.db = db
        return db

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction that takes the write lock first (BEGIN IMMEDIATE).

        A deferred transaction that reads and then writes fails at once with "database is
        locked" when another connection wrote in between; an immediate one waits its turn.
        This process's writers wait for it on a lock, in turn; SQLite's own wait (busy_timeout)
        polls with sleeps of up to 100 ms, which under a burst of clicks costs more than the
        writes themselves. Other processes still wait through busy_timeout.
        """
        db = self.current
        if db.conn.in_transaction:  # already inside one: nest as a savepoint
            with db.atomic():
                yield db
            return
        with self._write_lock:
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.conn.execute("ROLLBACK")
                raise
            db.conn.execute("COMMIT")

    def __getattr__(self, name: str):
        return getattr(self.current, name)

    def __getitem__(self, table: str):
        return self.current[table]


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the salesbot database and bring its schema up to date."""
    db = Database(path)
    migrate(db)
    return db
