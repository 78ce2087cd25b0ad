"""A week's report reads indexes only: never a table scan, never a deal's row (and its advice
JSON, kilobytes each) per offer. At 10M logged offers that is the difference between reading
the week and reading the year (bench/report_speed.py)."""

from __future__ import annotations

import pytest

from bot.offers import OfferLog
from bot.reports import Week, weekly_report
from catalog.store import open_database

W47 = Week(2026, 47)


class PlanRecorder:
    """Forwards to the database and keeps the query plan of every SELECT it runs."""

    def __init__(self, db):
        self.db = db
        self.plans: list[tuple[str, list[str]]] = []

    def execute(self, sql, params=()):
        plan = [row[3] for row in self.db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
        self.plans.append((sql, plan))
        return self.db.execute(sql, params)


@pytest.mark.parametrize("rep", [None, "anna"])
def test_report_queries_use_indexes_only(tmp_path, rep):
    from zoneinfo import ZoneInfo

    db = open_database(tmp_path / "log.db")
    OfferLog(db)
    db.execute("ANALYZE")
    recorder = PlanRecorder(db)
    weekly_report(recorder, W47, ZoneInfo("UTC"), rep=rep)
    assert len(recorder.plans) >= 8
    for sql, plan in recorder.plans:
        steps = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
        assert steps, sql
        for step in steps:
            assert not step.startswith("SCAN"), (step, sql)
            # a deal or offer row is read only by primary key (the few product names)
            assert "COVERING INDEX" in step or "PRIMARY KEY" in step or \
                   step.startswith("SEARCH o USING INDEX idx_offers_deal"), (step, sql)
