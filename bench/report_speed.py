"""`salesbot report` over a generated offer log of 1,000,000 offers (or --offers N).

  .venv/bin/python bench/report_speed.py [--offers 1000000] [--weeks 52] [--runs 5] [--keep PATH]

The log is written by SQLite in two INSERT … SELECT statements (bench/offer_log_data.py: 10M
offers in a few minutes), in a temporary directory that is deleted afterwards (--keep PATH
keeps it, or reuses it when PATH exists). The report of the last week is timed end to end as
the CLI (`salesbot report` in a fresh process: text, --json, --chart) and piece by piece in
this process, each against the floor measured in the same run: a bare
`SELECT count(*)` of that week's deals (an index range scan). Median of --runs runs, with
min–max.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import offer_log_data  # noqa: E402

from bot.offers import OfferLog  # noqa: E402
from bot.reports import Week, weekly_report  # noqa: E402
from bot.reports.chart import trend_png  # noqa: E402
from bot.reports.figures import breakdown, deal_rates, figures, products  # noqa: E402
from bot.reports.weekly import TREND_WEEKS  # noqa: E402
from bot.reports.wording import products_lines, summary_lines, table_lines  # noqa: E402
from catalog.store import open_database  # noqa: E402

SALESBOT = Path(sys.executable).with_name("salesbot")


def timed(fn, runs: int) -> tuple[float, float, float]:
    """(median, min, max) in ms."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times), max(times)


def cli(*args: str):
    def run() -> None:
        subprocess.run([str(SALESBOT), *args], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "HF_HUB_OFFLINE": "1"})
    return run


def text_of(report) -> list[str]:
    return [*summary_lines(report), *table_lines(report.per_rep, label="rep"),
            *table_lines(report.per_category, label="category"), *products_lines(report)]


def prepared(path: Path, offers: int, weeks: int, reps: int):
    fresh = not path.exists()
    db = open_database(path)
    log = OfferLog(db)
    started = time.perf_counter()
    if fresh:
        offer_log_data.generate(db, offers=offers, weeks=weeks, reps=reps)
    built = time.perf_counter() - started
    offer_log_data.check_counts(db, log)
    return db, built if fresh else None


def measure(db, path: Path, week: Week, runs: int, tmp: Path) -> list[tuple[str, str, tuple]]:
    """(group, what, (median, min, max)) rows: "sql" rows are compared with the week's deal count,
    "cli" rows with the same command over an empty log (start-up, imports, migrations)."""
    tz = UTC
    start, end = week.bounds(tz)
    older = [w.bounds(tz) for w in (week.shifted(-i) for i in range(TREND_WEEKS - 1, 1, -1))]
    previous = week.shifted(-1).bounds(tz)
    report = weekly_report(db, week, tz)
    label = week.label
    empty = tmp / "empty.db"
    OfferLog(open_database(empty))
    rows = [
        ("floor", "floor: `SELECT count(*)` of the week's deals", lambda: db.execute(
            "SELECT COUNT(*) FROM deals WHERE created_at >= ? AND created_at < ?",
            [start, end]).fetchone()),
        ("sql", "team figures of the week (one range sum)", lambda: figures(db, start, end)),
        ("sql", "per rep and per category (one grouped scan)", lambda: breakdown(db, start, end)),
        ("sql", "last week's figures (the change)", lambda: figures(db, *previous)),
        ("sql", "trend: the 6 weeks before (deal-level rates)", lambda: deal_rates(db, older)),
        ("sql", "most accepted / declined products", lambda: products(db, start, end)),
        ("sql", "`weekly_report`: the team's, all of the above", lambda: weekly_report(db, week, tz)),
        ("sql", "`weekly_report` of one rep (mystats)", lambda: weekly_report(db, week, tz, rep="U001")),
        ("sql", "report → JSON", lambda: json.dumps(report.to_dict())),
        ("sql", "report → text lines", lambda: text_of(report)),
        ("sql", "report → chart PNG", lambda: trend_png(report)),
        ("cli floor", f"CLI floor: `salesbot report --week {label} --json` on an empty log",
         cli("report", "--week", label, "--json", "--db", str(empty))),
        ("cli", f"CLI `salesbot report --week {label}`",
         cli("report", "--week", label, "--db", str(path))),
        ("cli", f"CLI `salesbot report --week {label} --json`",
         cli("report", "--week", label, "--json", "--db", str(path))),
        ("cli", f"CLI `salesbot report --week {label} --rep U001 --json`",
         cli("report", "--week", label, "--rep", "U001", "--json", "--db", str(path))),
        ("cli", f"CLI `salesbot report --week {label} --chart PNG`",
         cli("report", "--week", label, "--chart", str(tmp / "trend.png"), "--db", str(path))),
    ]
    return [(group, what, timed(fn, runs)) for group, what, fn in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated log here (reused if it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "log.db"
        db, built = prepared(path, args.offers, args.weeks, args.reps)
        week = Week.containing(offer_log_data.END, UTC)
        start, end = week.bounds(UTC)
        total = db.execute("SELECT COUNT(*) FROM offers").fetchone()[0]
        deals_total = db.execute("SELECT COUNT(*) FROM deals").fetchone()[0]
        in_week = db.execute("SELECT COUNT(*), SUM(cross_presented + up_presented) FROM deals "
                             "WHERE created_at >= ? AND created_at < ?", [start, end]).fetchone()
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        rows = measure(db, path, week, args.runs, Path(tmp))
    floor = next(m for g, _, (m, _, _) in rows if g == "floor")
    cli_floor = next(m for g, _, (m, _, _) in rows if g == "cli floor")
    print(f"{total:,} offers in {deals_total:,} deals over {args.weeks} weeks, {args.reps} reps "
          f"({size / 1e9:.2f} GB; {f'generated in {built:.0f} s' if built else 'reused'}). Report of {week}: "
          f"{in_week[0]:,} deals, {in_week[1]:,} offers in its week; 8 weeks in its trend.\n")
    print(f"| what | median of {args.runs} (min–max) | ratio |")
    print("|---|---|---|")
    for group, what, (median, low, high) in rows:
        ratio = {"floor": "1.0× (floor)", "cli floor": "1.0× (CLI floor)",
                 "sql": f"{median / floor:.1f}× the count"}.get(
            group, f"{median / cli_floor:.2f}× the CLI floor (+{median - cli_floor:.0f} ms)")
        print(f"| {what} | {median:.1f} ms ({low:.1f}–{high:.1f}) | {ratio} |")

if __name__ == "__main__":
    main()
