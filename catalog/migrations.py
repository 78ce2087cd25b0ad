"""Numbered schema migrations for the catalog tables. Each runs once, in order, in a transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils  # the type the migrations are written against; PostgresDatabase has the same calls


def _m001_products(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE products (
            sku TEXT COLLATE NOCASE PRIMARY KEY,
            name TEXT NOT NULL,
            price REAL NOT NULL,
            category TEXT,
            description TEXT,
            brand TEXT,
            family TEXT,
            tier INTEGER,
            features TEXT NOT NULL DEFAULT '[]',
            compatible_with TEXT NOT NULL DEFAULT '[]',
            stock INTEGER,
            status TEXT NOT NULL DEFAULT 'active',
            rating REAL,
            review_count INTEGER,
            currency TEXT NOT NULL DEFAULT 'EUR',
            upsells TEXT NOT NULL DEFAULT '[]',
            cross_sells TEXT NOT NULL DEFAULT '[]',
            attributes TEXT NOT NULL DEFAULT '{}',
            content_hash TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX idx_products_family ON products(family COLLATE NOCASE, tier)")
    db.execute("CREATE INDEX idx_products_category ON products(category COLLATE NOCASE, price)")
    # Curated links and stated compatibility, one row per (product, kind, target), so that
    # "what is compatible with X" is an index lookup rather than a scan of the catalog.
    db.execute("""
        CREATE TABLE product_links (
            sku TEXT NOT NULL COLLATE NOCASE,
            kind TEXT NOT NULL CHECK (kind IN ('upsell', 'cross_sell', 'compatible')),
            target TEXT NOT NULL COLLATE NOCASE,
            position INTEGER NOT NULL,
            PRIMARY KEY (sku, kind, target)
        )""")
    db.execute("CREATE INDEX idx_links_target ON product_links(kind, target)")
    if db.dialect != "sqlite":
        return  # full-text search on PostgreSQL is its own migration
    db["products"].enable_fts(
        ["sku", "name", "brand", "family", "category", "description", "features"],
        create_triggers=True, tokenize="unicode61 remove_diacritics 2",
    )


def _m002_fts_terms(db: sqlite_utils.Database) -> None:
    # How many products each indexed word appears in: lets a search skip words that match
    # most of a large catalog (they cost the most and tell the least).
    if db.dialect != "sqlite":
        return
    db.execute("CREATE VIRTUAL TABLE products_fts_terms USING fts5vocab(products_fts, 'row')")


def _m003_platform_fields(db: sqlite_utils.Database) -> None:
    # What platform exports carry beyond our own columns: the list price behind a sale price,
    # every category path, variant options and the variants folded into a product, and the
    # platform columns kept as they were (images, SEO, ...), so that nothing is lost.
    for column, kind in (("regular_price", "REAL"), ("categories", "TEXT NOT NULL DEFAULT '[]'"),
                         ("options", "TEXT NOT NULL DEFAULT '{}'"), ("variants", "TEXT NOT NULL DEFAULT '[]'"),
                         ("extra", "TEXT NOT NULL DEFAULT '{}'")):
        db.execute(f"ALTER TABLE products ADD COLUMN {column} {kind}")
    # A variant SKU a rep types finds the product it was folded into.
    db.execute("""
        CREATE TABLE product_variants (
            sku TEXT COLLATE NOCASE PRIMARY KEY,
            product_sku TEXT NOT NULL COLLATE NOCASE
        )""")
    db.execute("CREATE INDEX idx_variants_product ON product_variants(product_sku)")


def _m004_catalog_syncs(db: sqlite_utils.Database) -> None:
    # One row per feed sync; a scheduled run claims its slot (unique) before it starts.
    db.execute("""
        CREATE TABLE catalog_syncs (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            slot TEXT UNIQUE,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            ok INTEGER,
            message TEXT,
            added INTEGER,
            updated INTEGER,
            unchanged INTEGER,
            discontinued INTEGER
        )""")


def _m005_postgres_search(db: sqlite_utils.Database) -> None:
    # PostgreSQL's full-text search (catalog/fulltext.py): a weighted document kept by the database
    # itself, and its index. SQLite has had FTS5 since the first migration.
    if db.dialect != "postgresql":
        return
    from catalog.fulltext import DOCUMENT

    db.execute(f"ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED")
    db.execute("CREATE INDEX idx_products_search ON products USING gin (search)")


def _m006_catalog_version(db: sqlite_utils.Database) -> None:
    # A number every change of the products raises (catalog.store.catalog_changed): a process that
    # built its index at another number builds it again, so every process answers from one catalog.
    db.execute("CREATE TABLE catalog_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, "
               "changed_at TEXT)")
    db.execute("INSERT INTO catalog_version (id, version) VALUES (1, 0)")


MIGRATIONS = [
    (1, "products", _m001_products),
    (2, "fts_terms", _m002_fts_terms),
    (3, "platform_fields", _m003_platform_fields),
    (4, "catalog_syncs", _m004_catalog_syncs),
    (5, "postgres_search", _m005_postgres_search),
    (6, "catalog_version", _m006_catalog_version),
]


Migration = tuple[int, str, Callable[[sqlite_utils.Database], None]]


def migrate(db, migrations: list[Migration] = MIGRATIONS, *, scope: str = "catalog") -> None:
    """Apply the scope's migrations that have not run yet, each in its own transaction. Several
    processes starting at once apply each migration once: the check is repeated inside the
    transaction, which writers take in turn."""
    with db.writing():  # PostgreSQL's IF NOT EXISTS is no guard against a process doing it at once
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (scope TEXT, id INTEGER, name TEXT, applied_at TEXT, "
                   "PRIMARY KEY (scope, id))")
    done = {row[0] for row in db.execute("SELECT id FROM _migrations WHERE scope = ?", [scope]).fetchall()}
    for number, name, apply in migrations:
        if number in done:
            continue
        with db.writing():
            if db.execute("SELECT 1 FROM _migrations WHERE scope = ? AND id = ?", [scope, number]).fetchone():
                continue  # another process got there first
            apply(db)
            db.execute("INSERT INTO _migrations (scope, id, name, applied_at) VALUES (?, ?, ?, ?)",
                       [scope, number, name, datetime.now(UTC).isoformat()])
