"""Vectors in the database (SQLite or PostgreSQL: catalog.database), keyed by the caller's ids,
re-embedded only when their text changes.

Like llm's embeddings collections: each row keeps the content hash of the text it was made from,
so an unchanged item is never encoded twice, and each batch is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import sqlite_utils

from catalog.migrations import migrate

ProgressFn = Callable[[int, int], None]
TextsFn = Callable[[list[str]], list[str]]
EncodeFn = Callable[[list[str]], np.ndarray]


@dataclass
class SyncReport:
    embedded: int
    removed: int
    unchanged: int


def fingerprint(items: Iterable[tuple[str, str]]) -> str:
    """A hash of (key, content hash) pairs: what a set of vectors was made from."""
    digest = hashlib.sha256()
    for key, content_hash in sorted(items):
        digest.update(f"{key}\x1f{content_hash}\x1e".encode())
    return digest.hexdigest()[:32]


def _m001_saved_indexes(db) -> None:
    # A built FAISS index, for a database whose processes keep no file (PostgreSQL): the process that
    # builds it for a set of vectors saves it, the next ones load it instead of building it again.
    db.execute("CREATE TABLE saved_indexes (store TEXT PRIMARY KEY, meta TEXT NOT NULL, data BLOB NOT NULL, "
               "saved_at TEXT NOT NULL)")


MIGRATIONS = [(1, "saved_indexes", _m001_saved_indexes)]


def _chunks(values: list, size: int = 500):
    """(chunk, "?,?,…") pairs small enough for one IN (...) list."""
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        yield chunk, ",".join("?" * len(chunk))


class KeyMap:
    """The store's key <-> id mapping held in memory: what an index search answer needs, with no
    database read per question. A snapshot: build a new one after the store changes."""

    def __init__(self, pairs: Iterable[tuple[str, int]]):
        self._ids: dict[str, int] = dict(pairs)
        self._keys: dict[int, str] = {i: k for k, i in self._ids.items()}

    def ids_for(self, keys: Iterable[str]) -> dict[str, int]:
        """key -> id for the keys that have a vector."""
        found = {}
        for key in keys:
            i = self._ids.get(key)
            if i is not None:
                found[key] = i
        return found

    def keys_for(self, ids: Iterable[int]) -> dict[int, str]:
        found = {}
        for i in ids:
            key = self._keys.get(int(i))
            if key is not None:
                found[int(i)] = key
        return found


class VectorStore:
    def __init__(self, db: sqlite_utils.Database, *, table: str = "embeddings"):
        self.db = db
        self.table = table
        self.quoted = quoted = f'"{table}"'  # a quoted name: both engines read it
        if table not in db.table_names():
            db.execute(f"""CREATE TABLE IF NOT EXISTS {quoted} (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL,
                model TEXT NOT NULL,
                vector BLOB NOT NULL)""")
        migrate(db, MIGRATIONS, scope="vector_store")

    def saved_index_meta(self) -> dict | None:
        """The meta of the index last saved for this store's vectors, without its bytes (a stale one
        of 100k products is some 180 MB not worth reading)."""
        row = self.db.execute("SELECT meta FROM saved_indexes WHERE store = ?", [self.table]).fetchone()
        return json.loads(row[0]) if row else None

    def saved_index(self) -> tuple[dict, bytes] | None:
        """(meta, bytes) of the index last saved for this store's vectors, if any."""
        row = self.db.execute("SELECT meta, data FROM saved_indexes WHERE store = ?", [self.table]).fetchone()
        return (json.loads(row[0]), bytes(row[1])) if row else None

    def save_index(self, meta: dict, data: bytes) -> None:
        with self.db.atomic():
            self.db.execute("INSERT INTO saved_indexes (store, meta, data, saved_at) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT(store) DO UPDATE SET meta = excluded.meta, data = excluded.data, "
                            "saved_at = excluded.saved_at",
                            [self.table, json.dumps(meta), data, datetime.now(UTC).isoformat(timespec="seconds")])

    def clear(self) -> None:
        with self.db.atomic():
            self.db.execute(f"DELETE FROM {self.quoted}")

    def count(self) -> int:
        return self.db.count(self.table)

    def sync(self, hashes: dict[str, str], texts: TextsFn, encode: EncodeFn, *, model: str,
             batch_size: int = 64, progress: ProgressFn | None = None) -> SyncReport:
        """Make the store hold one vector per key in hashes (key -> content hash).

        Only keys whose hash (or model) changed are encoded; texts(keys) supplies their text.
        """
        known = {r["key"]: (r["content_hash"], r["model"])
                 for r in self.db.query(f"SELECT key, content_hash, model FROM {self.quoted}")}
        stale = [key for key in known if key not in hashes]
        todo = [key for key, h in hashes.items() if known.get(key) != (h, model)]
        with self.db.atomic():
            for chunk, marks in _chunks(stale):
                self.db.execute(f"DELETE FROM {self.quoted} WHERE key IN ({marks})", chunk)
        done = 0
        for start in range(0, len(todo), batch_size):
            batch = todo[start:start + batch_size]
            vectors = encode(texts(batch))
            with self.db.atomic():
                self.db.executemany(
                    f"INSERT INTO {self.quoted} (key, content_hash, model, vector) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                    "content_hash = excluded.content_hash, model = excluded.model, "
                    "vector = excluded.vector",
                    [(key, hashes[key], model, np.asarray(vector, np.float32).tobytes())
                     for key, vector in zip(batch, vectors, strict=True)])
            done += len(batch)
            if progress:
                progress(done, len(todo))
        return SyncReport(embedded=len(todo), removed=len(stale), unchanged=len(hashes) - len(todo))

    def ids_hash(self) -> str:
        """A hash of the id -> key mapping, so an index is never read against another store."""
        rows = self.db.query(f"SELECT id, key, content_hash FROM {self.quoted} ORDER BY id")
        return fingerprint((str(r["id"]), r["key"] + r["content_hash"]) for r in rows)

    def matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """All (ids, vectors) in id order, for building an index."""
        rows = list(self.db.query(f"SELECT id, vector FROM {self.quoted} ORDER BY id"))
        ids = np.fromiter((r["id"] for r in rows), dtype=np.int64, count=len(rows))
        if not rows:
            return ids, np.zeros((0, 0), dtype=np.float32)
        vectors = np.frombuffer(b"".join(r["vector"] for r in rows), dtype=np.float32)
        return ids, vectors.reshape(len(rows), -1).copy()

    def ids_for(self, keys: Iterable[str]) -> dict[str, int]:
        """key -> id (the id the FAISS index knows the vector by); unknown keys are left out."""
        found: dict[str, int] = {}
        for chunk, marks in _chunks(list(keys)):
            found.update(self.db.execute(
                f"SELECT key, id FROM {self.quoted} WHERE key IN ({marks})", chunk).fetchall())
        return found

    def key_map(self) -> KeyMap:
        return KeyMap(self.db.execute(f"SELECT key, id FROM {self.quoted}"))

    def keys_for(self, ids: Iterable[int]) -> dict[int, str]:
        ids = [int(i) for i in ids]
        if not ids:
            return {}
        rows = self.db.execute(f"SELECT id, key FROM {self.quoted} WHERE id IN "
                                    f"({','.join('?' * len(ids))})", ids).fetchall()
        return dict(rows)
