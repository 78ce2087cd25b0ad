"""Numbered migrations for the role-play tables (scope "roleplay")."""

from __future__ import annotations

import sqlite_utils


def _m001_sessions_and_turns(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE roleplay_sessions (
            id INTEGER PRIMARY KEY,
            source_key TEXT UNIQUE,        -- the delivery that started it: never twice
            rep TEXT,                      -- who plays the rep (NULL until someone replies)
            trainer TEXT,                  -- who started it
            channel TEXT,
            thread_ts TEXT,                -- the Slack thread the session lives in
            seed INTEGER NOT NULL,
            difficulty TEXT NOT NULL,
            anchor_sku TEXT NOT NULL,
            scenario TEXT NOT NULL,        -- JSON, as generated (the catalog may change later)
            state TEXT NOT NULL,           -- JSON: the customer's state after the last turn
            status TEXT NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'scored')),
            score INTEGER,
            scorecard TEXT,                -- JSON
            created_at TEXT NOT NULL,
            finished_at TEXT
        )""")
    db.execute("CREATE UNIQUE INDEX idx_roleplay_thread ON roleplay_sessions(channel, thread_ts)")
    db.execute("CREATE INDEX idx_roleplay_rep ON roleplay_sessions(rep, created_at)")
    db.execute("""
        CREATE TABLE roleplay_turns (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES roleplay_sessions(id),
            number INTEGER NOT NULL,       -- 0: the customer's opening line
            rep_text TEXT,
            rep_user TEXT,
            understood TEXT,               -- JSON: what the reply offered, claimed and answered
            customer_text TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (session_id, number)
        )""")


MIGRATIONS = [
    (1, "sessions_and_turns", _m001_sessions_and_turns),
]
