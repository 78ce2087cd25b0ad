"""Numbered migrations for the offer log tables (scope "offers")."""

from __future__ import annotations

import sqlite_utils


def _m001_deals_and_offers(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE deals (
            id INTEGER PRIMARY KEY,
            source_key TEXT UNIQUE,        -- the delivery that created it: never twice
            team TEXT,
            rep TEXT NOT NULL,
            channel TEXT,
            anchor_sku TEXT NOT NULL,
            anchor_name TEXT NOT NULL,
            anchor_price REAL NOT NULL,
            quantity INTEGER NOT NULL DEFAULT 1,
            question TEXT,
            advice TEXT NOT NULL,          -- the answer as shown (JSON), to render it again
            created_at TEXT NOT NULL,
            superseded_by INTEGER REFERENCES deals(id)  -- the rep picked another product
        )""")
    db.execute("CREATE INDEX idx_deals_created ON deals(created_at)")
    db.execute("CREATE INDEX idx_deals_rep ON deals(rep, created_at)")
    db.execute("""
        CREATE TABLE offers (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id),
            kind TEXT NOT NULL CHECK (kind IN ('cross_sell', 'upsell')),
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            price REAL NOT NULL,
            price_delta REAL,
            rank INTEGER NOT NULL,
            sources TEXT NOT NULL,         -- JSON list
            presented_at TEXT NOT NULL,
            outcome TEXT CHECK (outcome IN ('accepted', 'declined')),
            outcome_at TEXT,
            outcome_by TEXT,
            UNIQUE (deal_id, kind, rank)
        )""")
    db.execute("CREATE INDEX idx_offers_deal ON offers(deal_id)")
    db.execute("CREATE INDEX idx_offers_presented ON offers(presented_at)")
    # Every change of an outcome, for audit ("declined, then accepted after all").
    db.execute("""
        CREATE TABLE offer_outcomes (
            id INTEGER PRIMARY KEY,
            offer_id INTEGER NOT NULL REFERENCES offers(id),
            outcome TEXT CHECK (outcome IN ('accepted', 'declined')),
            "by" TEXT,
            at TEXT NOT NULL
        )""")

    # Deliveries (Slack event ids, command trigger ids) already handled: a retry is dropped.
    db.execute("CREATE TABLE deliveries (key TEXT PRIMARY KEY, at TEXT NOT NULL)")


def _m002_report_columns(db: sqlite_utils.Database) -> None:
    # Per-category figures need the anchor's category as it was when the offer was made.
    db.execute("ALTER TABLE deals ADD COLUMN anchor_category TEXT")
    # Per deal: its offers presented / accepted / declined by kind and the add-on revenue they
    # brought, kept current by the offer log whenever an outcome changes. Every rate is a sum
    # over deals, so a week's report reads that week's deals, not every offer.
    for column in ("cross_presented", "cross_accepted", "cross_declined", "up_presented",
                   "up_accepted", "up_declined"):
        db.execute(f"ALTER TABLE deals ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE deals ADD COLUMN addon_revenue REAL NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX idx_deals_week ON deals(created_at, superseded_by, rep, "
               "anchor_category, quantity, anchor_price, cross_presented, cross_accepted, "
               "cross_declined, up_presented, up_accepted, up_declined, addon_revenue)")
    # The week's most accepted and most declined products.
    db.execute("CREATE INDEX idx_offers_week ON offers(presented_at, outcome, sku, kind, deal_id)")
    # The weekly summary is posted once per ISO week, whatever runs it and however often.
    db.execute("CREATE TABLE scheduled_posts (week TEXT PRIMARY KEY, channel TEXT, "
               "posted_at TEXT NOT NULL)")


def _m003_outcomes_by_anchor(db: sqlite_utils.Database) -> None:
    # The advisor reads one anchor's past offers per question (what was accepted, what declined).
    db.execute("CREATE INDEX idx_deals_anchor ON deals(anchor_sku COLLATE NOCASE, superseded_by)")


def _m004_covering_rep_index(db: sqlite_utils.Database) -> None:
    # A rep's own report (mystats) reads that rep's deals: from the index alone, like the team
    # report, instead of each deal's row, whose advice JSON of a few KB comes before the counts.
    db.execute("DROP INDEX IF EXISTS idx_deals_rep")
    db.execute("CREATE INDEX idx_deals_rep_week ON deals(rep, created_at, superseded_by, "
               "anchor_category, quantity, anchor_price, cross_presented, cross_accepted, "
               "cross_declined, up_presented, up_accepted, up_declined, addon_revenue)")
    # idx_offers_week (presented_at, …) serves every query this one served.
    db.execute("DROP INDEX IF EXISTS idx_offers_presented")


def _m005_claimed_by(db: sqlite_utils.Database) -> None:
    # Which delivery made a claim: the same request answered again after a crash may claim again.
    db.execute("ALTER TABLE deliveries ADD COLUMN claimed_by TEXT")



def _m006_last_click(db: sqlite_utils.Database) -> None:
    # When the click that last set an offer's outcome was made (Slack's action_ts): an older click
    # answered later (by another process, or again after a crash) does not undo a newer one.
    db.execute("ALTER TABLE offers ADD COLUMN last_click REAL")
    db.execute("ALTER TABLE offer_outcomes ADD COLUMN clicked REAL")  # the history, in the order clicked


MIGRATIONS = [
    (1, "deals_and_offers", _m001_deals_and_offers),
    (2, "report_columns", _m002_report_columns),
    (3, "outcomes_by_anchor", _m003_outcomes_by_anchor),
    (4, "covering_rep_index", _m004_covering_rep_index),
    (5, "claimed_by", _m005_claimed_by),
    (6, "last_click", _m006_last_click),
]
