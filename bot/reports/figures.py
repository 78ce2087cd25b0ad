"""The rates of PRODUCT.md, computed in SQL over the offer log for one window of time.

Every rate keeps its numerator and denominator: reports print the definition, the denominator
and n with every figure, and "no deals" rather than a 0% nobody earned.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

SMALL_SAMPLE = 10

DEFINITIONS = {
    "cross_sell_rate": "deals with ≥1 accepted cross-sell ÷ deals with ≥1 cross-sell presented",
    "upsell_rate": "deals with ≥1 accepted upsell ÷ deals with ≥1 upsell presented",
    "cross_sell_acceptance": "cross-sell offers accepted ÷ cross-sell offers presented",
    "upsell_acceptance": "upsell offers accepted ÷ upsell offers presented",
    "attach_rate": "accepted add-on units ÷ anchor units",
    "aov_uplift": "add-on revenue ÷ anchor revenue",
}


@dataclass(frozen=True)
class Rate:
    numerator: float
    denominator: float

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def small(self) -> bool:
        return 0 < self.denominator < SMALL_SAMPLE

    def to_dict(self) -> dict:
        return {"value": None if self.value is None else round(self.value, 4),
                "numerator": self.numerator, "denominator": self.denominator,
                "small_sample": self.small}


@dataclass(frozen=True)
class Figures:
    deals: int = 0
    anchor_units: int = 0
    anchor_revenue: float = 0.0
    cross_deals_presented: int = 0
    cross_deals_accepted: int = 0
    up_deals_presented: int = 0
    up_deals_accepted: int = 0
    cross_presented: int = 0
    cross_accepted: int = 0
    cross_declined: int = 0
    up_presented: int = 0
    up_accepted: int = 0
    up_declined: int = 0
    open_offers: int = 0
    addon_units: int = 0
    addon_revenue: float = 0.0

    @property
    def rates(self) -> dict[str, Rate]:
        return {
            "cross_sell_rate": Rate(self.cross_deals_accepted, self.cross_deals_presented),
            "upsell_rate": Rate(self.up_deals_accepted, self.up_deals_presented),
            "cross_sell_acceptance": Rate(self.cross_accepted, self.cross_presented),
            "upsell_acceptance": Rate(self.up_accepted, self.up_presented),
            "attach_rate": Rate(self.addon_units, self.anchor_units),
            "aov_uplift": Rate(round(self.addon_revenue, 2), round(self.anchor_revenue, 2)),
        }

    def to_dict(self) -> dict:
        return {**asdict(self), "addon_revenue": round(self.addon_revenue, 2),
                "anchor_revenue": round(self.anchor_revenue, 2),
                "rates": {name: rate.to_dict() for name, rate in self.rates.items()}}


GROUPS = {"team": "'team'", "rep": "d.rep", "category": "COALESCE(d.anchor_category, '—')"}

_DEALS = """
SELECT {key} AS key, COUNT(*) AS deals, SUM(d.quantity) AS anchor_units,
       SUM(d.anchor_price * d.quantity) AS anchor_revenue
FROM deals d
WHERE d.created_at >= :start AND d.created_at < :end AND d.superseded_by IS NULL {rep}
GROUP BY key"""

_OFFERS = """
SELECT {key} AS key, o.kind AS kind,
       COUNT(*) AS presented,
       SUM(o.outcome IS 'accepted') AS accepted,
       SUM(o.outcome IS 'declined') AS declined,
       SUM(o.outcome IS NULL) AS open,
       COUNT(DISTINCT o.deal_id) AS deals_presented,
       COUNT(DISTINCT CASE WHEN o.outcome = 'accepted' THEN o.deal_id END) AS deals_accepted,
       SUM(CASE WHEN o.outcome = 'accepted' AND o.kind = 'cross_sell' THEN d.quantity ELSE 0 END)
           AS addon_units,
       SUM(CASE WHEN o.outcome = 'accepted' THEN d.quantity *
           (CASE o.kind WHEN 'cross_sell' THEN o.price ELSE COALESCE(o.price_delta, 0) END)
           ELSE 0 END) AS addon_revenue
FROM offers o JOIN deals d ON d.id = o.deal_id
WHERE o.presented_at >= :start AND o.presented_at < :end AND d.superseded_by IS NULL {rep}
GROUP BY key, o.kind"""


def figures(db, start: str, end: str, *, by: str = "team",
            rep: str | None = None) -> dict[str, Figures]:
    """Figures per group ("team", "rep" or "category") for offers presented in [start, end)."""
    params = {"start": start, "end": end, "rep": rep}
    rep_filter = "AND d.rep = :rep" if rep else ""
    rows: dict[str, dict] = {}
    for row in db.execute(_DEALS.format(key=GROUPS[by], rep=rep_filter), params).fetchall():
        key, deals, units, revenue = row
        rows[key] = {"deals": deals, "anchor_units": units or 0, "anchor_revenue": revenue or 0.0}
    for row in db.execute(_OFFERS.format(key=GROUPS[by], rep=rep_filter), params).fetchall():
        (key, kind, presented, accepted, declined, open_, deals_presented, deals_accepted,
         addon_units, addon_revenue) = row
        entry = rows.setdefault(key, {})
        prefix = "cross" if kind == "cross_sell" else "up"
        entry.update({f"{prefix}_presented": presented, f"{prefix}_accepted": accepted,
                      f"{prefix}_declined": declined,
                      f"{prefix}_deals_presented": deals_presented,
                      f"{prefix}_deals_accepted": deals_accepted})
        entry["open_offers"] = entry.get("open_offers", 0) + open_
        entry["addon_units"] = entry.get("addon_units", 0) + addon_units
        entry["addon_revenue"] = entry.get("addon_revenue", 0.0) + addon_revenue
    return {key: Figures(**values) for key, values in rows.items()}


def products(db, start: str, end: str, *, outcome: str, limit: int = 5,
             rep: str | None = None) -> list[dict]:
    """The products most often given this outcome in the window."""
    rep_filter = "AND d.rep = :rep" if rep else ""
    rows = db.execute(f"""
        SELECT o.sku, o.name, o.kind, COUNT(*) AS n
        FROM offers o JOIN deals d ON d.id = o.deal_id
        WHERE o.presented_at >= :start AND o.presented_at < :end AND o.outcome = :outcome
          AND d.superseded_by IS NULL {rep_filter}
        GROUP BY o.sku, o.kind ORDER BY n DESC, o.sku LIMIT :limit""",
                      {"start": start, "end": end, "outcome": outcome, "limit": limit,
                       "rep": rep}).fetchall()
    return [{"sku": sku, "name": name, "kind": kind, "count": n} for sku, name, kind, n in rows]
