"""Numbered migrations for the order history (scope "orders")."""

from __future__ import annotations

import sqlite_utils


def _m001_orders(db: sqlite_utils.Database) -> None:
    # One row per product per order: a product listed twice in an order is one line, quantities summed.
    db.execute("""
        CREATE TABLE order_lines (
            order_id TEXT NOT NULL,
            sku TEXT NOT NULL COLLATE NOCASE,
            quantity INTEGER NOT NULL DEFAULT 1,
            date TEXT,
            customer TEXT,
            PRIMARY KEY (order_id, sku)
        )""")
    db.execute("CREATE INDEX idx_order_lines_sku ON order_lines(sku)")
    # Counts derived from the lines, rebuilt in the same transaction as every import, so a
    # question reads one anchor's row set instead of scanning the history.
    db.execute("CREATE TABLE order_items (sku TEXT COLLATE NOCASE PRIMARY KEY, orders INTEGER NOT NULL)")
    db.execute("""
        CREATE TABLE order_pairs (
            sku TEXT NOT NULL COLLATE NOCASE,     -- bought ...
            other TEXT NOT NULL COLLATE NOCASE,   -- ... together with this, in `orders` orders
            orders INTEGER NOT NULL,
            PRIMARY KEY (sku, other)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_order_pairs_top ON order_pairs(sku, orders DESC)")
    db.execute("CREATE TABLE order_totals (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "orders INTEGER NOT NULL, lines INTEGER NOT NULL)")


def _m002_item_priors(db: sqlite_utils.Database) -> None:
    # Each product's prior strength, fitted to the history at every recount (bot/orders/priors.py);
    # NULL: too little history to fit, the default strength applies.
    db.execute("ALTER TABLE order_items ADD COLUMN prior_orders REAL")


MIGRATIONS = [
    (1, "orders", _m001_orders),
    (2, "orders", _m002_item_priors),
]
