"""Copy a whole salesbot database to another (SQLite to PostgreSQL, for a platform deploy): every
table the source has and the target's schema knows, in one transaction, then checked: the row
count of every table and a checksum of the offer log must come out the same on both sides.

The target is brought to the current schema first (every store's migrations), and must hold no
data yet: a copy never merges into, or overwrites, a database in use.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

# Parents before children (deals before offers, sessions before turns); tables not named here
# follow in name order. SQLite's own and full-text tables are rebuilt by the target, not copied.
ORDER = ("products", "product_links", "product_variants", "catalog_syncs", "embeddings", "deals", "offers",
         "offer_outcomes", "deliveries", "scheduled_posts", "roleplay_sessions", "roleplay_turns")
SKIPPED_PREFIXES = ("sqlite_", "products_fts", "_migrations")
HOLDS_DATA = ("products", "deals", "roleplay_sessions", "order_lines")
CHECKED = ("SELECT id, deal_id, kind, sku, price, price_delta, rank, presented_at, outcome, outcome_at, outcome_by "
           "FROM offers ORDER BY id")
BATCH = 2000
# A column pointing at a later row of its own table (a deal superseded by the one picked after it):
# copied empty, then filled in once every row is there.
LATER = {"deals": "superseded_by"}


class CopyError(RuntimeError):
    pass


@dataclass
class CopyReport:
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows copied (and found in the target)
    checksum: str = ""  # of the offer log, the same on both sides

    def summary(self) -> str:
        rows = sum(self.tables.values())
        return (f"{rows:,} rows in {len(self.tables)} tables copied and counted on both sides; "
                f"offer log checksum {self.checksum[:16]} on both")


def offer_log_checksum(db) -> str:
    digest = hashlib.sha256()
    for row in db.execute(CHECKED).fetchall():
        digest.update(json.dumps([None if v is None else (float(v) if isinstance(v, float) else v) for v in row],
                                 default=str).encode())
    return digest.hexdigest()


def _columns(db, table: str) -> list[str]:
    if db.dialect == "postgresql":
        return [r[0] for r in db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position", [table]).fetchall()]
    return [r[1] for r in db.execute(f'PRAGMA table_info("{table}")').fetchall()]


def copy_database(source, target) -> CopyReport:
    """Copy `source` into `target` (both catalog.database objects, migrated) and check it."""
    busy = [t for t in HOLDS_DATA if t in target.table_names() and target.count(t)]
    if busy:
        raise CopyError(f"the target already holds data ({', '.join(busy)}): copy into an empty database")
    known = set(target.table_names())
    tables = [t for t in source.table_names() if not t.startswith(SKIPPED_PREFIXES) and t in known]
    tables.sort(key=lambda t: (ORDER.index(t) if t in ORDER else len(ORDER), t))
    report = CopyReport()
    with target.writing() as tx:
        for table in tables:
            wanted = set(_columns(target, table))
            columns = [c for c in _columns(source, table) if c in wanted]
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            tx.execute(f'DELETE FROM "{table}"')  # what the target's migrations seeded (the catalog version)
            later = LATER.get(table) if LATER.get(table) in columns else None
            cursor = source.execute(f'SELECT {names} FROM "{table}"')
            while rows := cursor.fetchmany(BATCH):
                if later:
                    at = columns.index(later)
                    rows = [(*r[:at], None, *r[at + 1:]) for r in rows]
                tx.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
            if later:
                pointing = source.execute(f'SELECT "{later}", id FROM "{table}" WHERE "{later}" IS NOT NULL')
                while rows := pointing.fetchmany(BATCH):
                    tx.executemany(f'UPDATE "{table}" SET "{later}" = ? WHERE id = ?', rows)
            report.tables[table] = source.count(table)
            if target.dialect == "postgresql" and "id" in columns:  # identities continue after the copied ids
                tx.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)')
    for table, count in report.tables.items():
        found = target.count(table)
        if found != count:
            raise CopyError(f"{table}: {count} rows in the source but {found} in the target")
    report.checksum = offer_log_checksum(source)
    if offer_log_checksum(target) != report.checksum:
        raise CopyError("the offer log's checksum differs between the source and the target")
    return report
