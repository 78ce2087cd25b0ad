"""The offer log as CSV that is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from typing import TextIO

COLUMNS = ["offer_id", "deal_id", "presented_at", "rep", "channel", "anchor_sku", "anchor_name",
           "anchor_price", "quantity", "kind", "rank", "sku", "name", "price", "price_delta",
           "sources", "outcome", "outcome_at", "outcome_by", "question"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_offers(db, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    rows = db.execute("""
        SELECT o.id, o.deal_id, o.presented_at, d.rep, d.channel, d.anchor_sku, d.anchor_name,
               d.anchor_price, d.quantity, o.kind, o.rank, o.sku, o.name, o.price,
               o.price_delta, o.sources, o.outcome, o.outcome_at, o.outcome_by, d.question
        FROM offers o JOIN deals d ON d.id = o.deal_id ORDER BY o.id""")
    count = 0
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
        count += 1
    return count
