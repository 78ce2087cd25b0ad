"""`salesbot report --json` over a generated offer log of 1,000,000 offers (or --offers N).

  .venv/bin/python bench/report_speed.py [--offers 1000000] [--weeks 12]

Deals of 1–4 offers spread evenly over --weeks weeks, a third of offers accepted, a third
declined, the rest open. The report of the latest week (team, per rep, per category, products,
the 8-week trend, as JSON) is timed against a floor measured in the same run: one bare
aggregate scan of that week's offers. Median of 5 runs each.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.offers import OfferLog  # noqa: E402
from bot.reports import Week, weekly_report  # noqa: E402
from catalog.store import open_database  # noqa: E402


def generate(db, offers: int, weeks: int, *, seed: int = 11) -> Week:
    rng = random.Random(seed)
    end = datetime(2026, 11, 22, 22, 0, tzinfo=UTC)
    start = end - timedelta(weeks=weeks)
    span = (end - start).total_seconds()
    deals, rows, deal_id = [], [], 0
    while len(rows) < offers:
        deal_id += 1
        at = (start + timedelta(seconds=rng.random() * span)).isoformat(timespec="seconds")
        quantity = rng.choice([1, 1, 1, 2, 5, 12])
        counts = {"cross_sell": [0, 0, 0], "upsell": [0, 0, 0]}
        revenue = 0.0
        for rank in range(1, rng.randint(1, 4) + 1):
            kind = "upsell" if rank == 4 or rng.random() < 0.3 else "cross_sell"
            price = round(rng.uniform(5, 500), 2)
            outcome = rng.choice(["accepted", "declined", None])
            rows.append((deal_id, kind, f"S-{rng.randint(1, 5000)}", "Offer", price,
                         round(price * 0.2, 2) if kind == "upsell" else None, rank, "[]", at,
                         outcome, at if outcome else None, "U001" if outcome else None))
            counts[kind][0] += 1
            counts[kind][1] += outcome == "accepted"
            counts[kind][2] += outcome == "declined"
            if outcome == "accepted":
                revenue += quantity * (price if kind == "cross_sell" else round(price * 0.2, 2))
        deals.append((deal_id, f"U{rng.randint(1, 40):03d}", f"SKU-{rng.randint(1, 5000)}",
                      "Product", round(rng.uniform(20, 2000), 2), rng.choice(
                          ["Laptops", "Phones", "Monitors", "Software", "Printers"]),
                      quantity, "{}", at, *counts["cross_sell"], *counts["upsell"], revenue))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO deals (id, rep, anchor_sku, anchor_name, anchor_price, anchor_category, "
            "quantity, advice, created_at, cross_presented, cross_accepted, cross_declined, "
            "up_presented, up_accepted, up_declined, addon_revenue) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deals)
        db.conn.executemany(
            "INSERT INTO offers (deal_id, kind, sku, name, price, price_delta, rank, sources, "
            "presented_at, outcome, outcome_at, outcome_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)", rows[:offers])
    db.execute("ANALYZE")
    return Week.containing(end, UTC)


def timed(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "log.db")
        OfferLog(db)
        started = time.perf_counter()
        week = generate(db, args.offers, args.weeks)
        built = time.perf_counter() - started
        start, end = week.bounds(UTC)
        in_week = db.execute("SELECT COUNT(*) FROM offers WHERE presented_at >= ? AND "
                             "presented_at < ?", [start, end]).fetchone()[0]
        floor = timed(lambda: db.execute(
            "SELECT kind, COUNT(*), SUM(outcome IS 'accepted'), SUM(price) FROM offers "
            "WHERE presented_at >= ? AND presented_at < ? GROUP BY kind", [start, end]).fetchall())
        report = timed(lambda: json.dumps(weekly_report(db, week, UTC).to_dict()))
    print(f"{args.offers:,} offers over {args.weeks} weeks (generated in {built:.0f} s); "
          f"report of {week} covers {in_week:,} offers in its week, 8 weeks in its trend\n")
    print("| what | median of 5 |")
    print("|---|---|")
    print(f"| `salesbot report --json` work (weekly_report + JSON) | {report:.0f} ms |")
    print(f"| floor: one aggregate scan of the week's offers | {floor:.0f} ms |")
    print(f"| ratio | {report / floor:.1f}× |")


if __name__ == "__main__":
    main()
