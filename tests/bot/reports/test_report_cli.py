"""`salesbot report` (text, JSON, chart) and `salesbot offers export --csv`."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from bot.cli import main
from bot.offers import OfferLog
from catalog.store import open_database
from tests.bot.reports.test_rates import log_deal


def run(*args):
    return CliRunner().invoke(main, list(args))


def seeded(store):
    """A small offer log, on each backend (the `store` fixture: a SQLite path or a PostgreSQL address)."""
    path = store
    log = OfferLog(open_database(path))
    log_deal(log, rep="anna", at="2026-11-17T10:00:00+00:00", quantity=2,
             offers=[("cross_sell", 10.0, None, "accepted"), ("upsell", 130.0, 30.0, None)])
    log_deal(log, rep="ben", at="2026-11-10T10:00:00+00:00",
             offers=[("cross_sell", 10.0, None, "declined")])
    log.db.close()
    return path


def test_report_text_json_and_chart(store, tmp_path):
    db = str(seeded(store))
    text = run("report", "--week", "2026-W47", "--db", db)
    assert text.exit_code == 0, text.output
    assert "Team summary, week 2026-W47 (UTC)" in text.output
    assert "Deal-level cross-sell rate: 100% (1 / 1 deals) ▲ 100 pts vs last week" in text.output
    assert "Definitions: Deal-level cross-sell rate = deals with ≥1 accepted" in text.output
    data = json.loads(run("report", "--week", "2026-W47", "--json", "--db", db).output)
    assert data["figures"]["rates"]["attach_rate"]["numerator"] == 2
    assert data["figures"]["open_offers"] == 1 and data["previous_week"]["deals"] == 1
    mine = json.loads(run("report", "--week", "2026-W46", "--rep", "ben", "--json", "--db",
                          db).output)
    assert mine["figures"]["deals"] == 1 and list(mine["per_rep"]) == ["ben"]
    chart = tmp_path / "trend.png"
    assert run("report", "--week", "2026-W47", "--chart", str(chart), "--db", db).exit_code == 0
    png = chart.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (880, 506)


def test_bad_week_is_named(store, tmp_path):
    result = run("report", "--week", "2026-47", "--db", str(seeded(store)))
    assert result.exit_code == 2 and "'2026-47' is not an ISO week" in result.output
    both = run("report", "--week", "2026-W47", "--last-week", "--db", str(tmp_path / "x.db"))
    assert both.exit_code == 2


def test_export_is_spreadsheet_safe(store):
    path = seeded(store)
    db = open_database(path)
    with db.writing():
        db.execute("UPDATE deals SET question = '=HYPERLINK(\"http://x\")', rep = '+anna' WHERE id = 1")
    db.close()
    result = run("offers", "export", "--csv", "--db", str(path))
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3
    first = next(r for r in rows if r["deal_id"] == "1")
    assert first["question"].startswith("'=") and first["rep"] == "'+anna"
    assert {r["outcome"] for r in rows} == {"accepted", "declined", ""}
