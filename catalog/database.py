"""The salesbot database: one SQLite file (the embedded default), or PostgreSQL for a platform
deploy (catalog/postgres.py), behind one interface: `execute`, `executemany`, `query`,
`writing`, `atomic`, `table_names`, `count`, and `dialect` ("sqlite" | "postgresql") for the few
places that must differ.

On SQLite, the Slack bot answers on worker threads and a sqlite3 connection belongs to the thread
that made it, so each thread gets its own (WAL mode: readers never wait for the one writer, and
writers wait their turn through busy_timeout). Everything else sees an ordinary
sqlite_utils.Database.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from catalog.migrations import migrate


class Database:
    """Forwards to this thread's sqlite_utils.Database for the file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()

    @property
    def current(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite_utils.Database(self.path)
            db.execute("PRAGMA busy_timeout=10000")
            _use_wal(db)
            self._local.db = db
        return db

    @contextlib.contextmanager
    def writing(self) -> Iterator[Database]:
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
                yield self
            return
        with self._write_lock:
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                db.conn.execute("ROLLBACK")
                raise
            db.conn.execute("COMMIT")

    def alone(self):
        """For one statement that is atomic by itself: on SQLite, a write transaction like any
        other (there is one writer at a time whatever we do; PostgreSQL's skips the writers' turn)."""
        return self.writing()

    def executemany(self, sql: str, rows) -> None:
        self.current.conn.executemany(sql, rows)

    def close(self) -> None:
        """This thread's connection (each thread's goes with its thread)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None

    def count(self, table: str) -> int:
        return self.current.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]

    def __getattr__(self, name: str):
        return getattr(self.current, name)

    def __getitem__(self, table: str):
        return self.current[table]


def _use_wal(db: sqlite_utils.Database, *, tries: int = 200) -> None:
    """WAL mode, kept in the file once set. Switching a new file to it fails at once, without the
    busy timeout, while another process does the same: wait and look again."""
    for _ in range(tries):
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal" or \
                    db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e):
                raise
        time.sleep(0.01)
    raise sqlite3.OperationalError(f"{db.conn}: could not switch to WAL mode: the file stays locked")


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def connect(target: str | Path):
    """The database at a path (SQLite) or a postgresql:// URL, as it is (no migration run)."""
    if is_postgres_url(target):
        from catalog.postgres import PostgresDatabase  # psycopg only where PostgreSQL is used

        return PostgresDatabase(str(target))
    return Database(target)


def open_database(target: str | Path):
    """Open (creating if needed) the salesbot database and bring its schema up to date."""
    db = connect(target)
    migrate(db)
    return db
