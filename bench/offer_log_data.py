"""A generated offer log of any size, written by SQLite itself in two INSERT … SELECT statements.

Used by bench/report_speed.py (never shipped as data). Deals are spread evenly over the last
`weeks` weeks before END, in id order as the bot writes them; each has 1–4 offers (a fifth
upsells), a third accepted, a third declined, a third open; 1% of deals are superseded by the
next one (the rep picked another product). Every choice comes from a multiplicative hash of the
deal or offer number, so the same arguments always give the same log. The per-deal counts are
computed from the offers in SQL, like the offer log's own refresh; check_counts() recomputes a
sample with the offer log's statement to prove it.

What differs from a real log: a deal's `advice` JSON (a few KB in the bot) is "{}", so 10M
offers fit in a few GB; reports never read it (their queries are answered from indexes alone,
see tests/bot/reports/test_query_plans.py). The audit table (offer_outcomes) is left empty.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

END = datetime(2026, 11, 22, 22, 0, tzinfo=UTC)  # a Sunday evening: the last week is full
CATEGORIES = 32


def _hash(expr: str, salt: int, modulo: int) -> str:
    """A deterministic pseudo-random integer in [0, modulo) from an integer SQL expression
    (Knuth's multiplicative hash, high bits kept; no 64-bit overflow below 10^9 inputs)."""
    return f"(((({expr}) * 8 + {salt}) * 2654435761 % 4294967296) / 65536 % {modulo})"


def _offers_sql() -> str:
    kind = f"CASE WHEN r.rank = 4 OR {_hash('d.i * 4 + r.rank', 1, 10)} < 2 " \
           "THEN 'upsell' ELSE 'cross_sell' END"
    price = f"(5 + {_hash('d.i * 4 + r.rank', 2, 49500)} / 100.0)"
    outcome = f"{_hash('d.i * 4 + r.rank', 3, 3)}"
    at = "strftime('%Y-%m-%dT%H:%M:%S+00:00', :start + d.i * :step, 'unixepoch')"
    return f"""
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < :deals),
r(rank) AS (VALUES (1), (2), (3), (4))
INSERT INTO offers (deal_id, kind, sku, name, price, price_delta, rank, sources, presented_at,
                    outcome, outcome_at, outcome_by)
SELECT deal_id, kind, sku, 'Offer ' || sku, price,
       CASE kind WHEN 'upsell' THEN round(price * 0.2, 2) END, rank, '["similarity"]', at,
       CASE o WHEN 0 THEN 'accepted' WHEN 1 THEN 'declined' END,
       CASE WHEN o < 2 THEN at END, CASE WHEN o < 2 THEN 'U001' END
FROM (SELECT d.i AS deal_id, r.rank AS rank, {kind} AS kind, {price} AS price, {outcome} AS o,
             'S-' || (1 + {_hash('d.i * 4 + r.rank', 4, 5000)}) AS sku, {at} AS at
      FROM d CROSS JOIN r WHERE r.rank <= 1 + {_hash('d.i', 0, 4)})
LIMIT :offers"""


def _deals_sql() -> str:
    quantity = f"(CASE {_hash('a.deal_id', 5, 6)} WHEN 3 THEN 2 WHEN 4 THEN 5 WHEN 5 THEN 12 " \
               "ELSE 1 END)"
    return f"""
INSERT INTO deals (id, source_key, rep, channel, anchor_sku, anchor_name, anchor_price,
                   anchor_category, quantity, question, advice, created_at, superseded_by,
                   cross_presented, cross_accepted, cross_declined, up_presented, up_accepted,
                   up_declined, addon_revenue)
SELECT a.deal_id, 'bench:' || a.deal_id, printf('U%03d', 1 + {_hash('a.deal_id', 6, 1000)} % :reps),
       'C0001', 'SKU-' || (1 + {_hash('a.deal_id', 7, 5000)}), 'Product',
       20 + {_hash('a.deal_id', 8, 198000)} / 100.0,
       printf('Category %02d', 1 + {_hash('a.deal_id', 9, CATEGORIES)}), {quantity},
       'generated', '{{}}', a.at,
       CASE WHEN {_hash('a.deal_id', 10, 100)} = 0 AND a.deal_id < :deals THEN a.deal_id + 1 END,
       a.cp, a.ca, a.cd, a.up, a.ua, a.ud, {quantity} * a.revenue
FROM (SELECT deal_id, MIN(presented_at) AS at,
             SUM(kind = 'cross_sell') AS cp, SUM(kind = 'cross_sell' AND outcome IS 'accepted') AS ca,
             SUM(kind = 'cross_sell' AND outcome IS 'declined') AS cd,
             SUM(kind = 'upsell') AS up, SUM(kind = 'upsell' AND outcome IS 'accepted') AS ua,
             SUM(kind = 'upsell' AND outcome IS 'declined') AS ud,
             COALESCE(SUM(CASE WHEN outcome = 'accepted' THEN CASE kind WHEN 'cross_sell'
                          THEN price ELSE COALESCE(price_delta, 0) END END), 0) AS revenue
      FROM offers GROUP BY deal_id) a"""


def generate(db, *, offers: int, weeks: int, reps: int = 40) -> None:
    """Fill an empty offer log (tables already migrated) with `offers` offers."""
    deals = offers * 2 // 5 + 10  # 2.5 offers per deal on average; LIMIT cuts the surplus
    start = END - timedelta(weeks=weeks)
    params = {"deals": deals, "offers": offers, "reps": reps,
              "start": int(start.timestamp()), "step": weeks * 7 * 86400 / deals}
    conn = db.conn
    conn.execute("PRAGMA journal_mode=OFF")  # a throw-away file: no journal while loading
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")  # 256 MB while the indexes are written
    conn.execute("BEGIN")
    conn.execute(_offers_sql(), params)
    conn.execute(_deals_sql(), params)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA cache_size=-2000")
    conn.execute("PRAGMA journal_mode=WAL")


def check_counts(db, log, *, sample: int = 200) -> None:
    """The generated per-deal counts equal the offer log's own recount, on a sample of deals."""
    columns = ("cross_presented, cross_accepted, cross_declined, up_presented, up_accepted, "
               "up_declined, round(addon_revenue, 2)")
    total = db.execute("SELECT MAX(id) FROM deals").fetchone()[0]
    for deal_id in range(1, total + 1, max(1, total // sample)):
        before = db.execute(f"SELECT {columns} FROM deals WHERE id = ?", [deal_id]).fetchone()
        log.refresh_counts(deal_id)
        after = db.execute(f"SELECT {columns} FROM deals WHERE id = ?", [deal_id]).fetchone()
        if before != after:
            raise AssertionError(f"deal {deal_id}: generated {before}, recounted {after}")
