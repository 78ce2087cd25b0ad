"""The rates of PRODUCT.md, computed in SQL over the offer log for one window of time.

Every rate keeps its numerator and denominator: reports print the definition, the denominator
and n with every figure, and "no deals" rather than a 0% nobody earned.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, fields

from bot.language.speech import N_

SMALL_SAMPLE = 10

DEFINITIONS = {
    "cross_sell_rate": N_("deals with ≥1 accepted cross-sell ÷ deals with ≥1 cross-sell presented"),
    "upsell_rate": N_("deals with ≥1 accepted upsell ÷ deals with ≥1 upsell presented"),
    "cross_sell_acceptance": N_("cross-sell offers accepted ÷ cross-sell offers presented"),
    "upsell_acceptance": N_("upsell offers accepted ÷ upsell offers presented"),
    "attach_rate": N_("accepted add-on units ÷ anchor units"),
    "aov_uplift": N_("add-on revenue ÷ anchor revenue"),
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

    def __add__(self, other: Figures) -> Figures:
        """Figures of disjoint groups (each deal is in one) add up field by field."""
        return Figures(*(getattr(self, n) + getattr(other, n) for n in _NAMES))

    def to_dict(self) -> dict:
        return {**asdict(self), "addon_revenue": round(self.addon_revenue, 2),
                "anchor_revenue": round(self.anchor_revenue, 2),
                "rates": {name: rate.to_dict() for name, rate in self.rates.items()}}


GROUPS = {"team": "'team'", "rep": "d.rep", "category": "COALESCE(d.anchor_category, '—')",
          "rep_category": "d.rep || '\x1f' || COALESCE(d.anchor_category, '—')"}  # the unit separator

# Every figure is a sum over deals: each deal row carries its offers' counts and add-on revenue.
_FIGURES = """
SELECT {key} AS key, COUNT(*), SUM(d.quantity), SUM(d.anchor_price * d.quantity),
       COUNT(*) FILTER (WHERE d.cross_presented > 0), COUNT(*) FILTER (WHERE d.cross_accepted > 0),
       COUNT(*) FILTER (WHERE d.up_presented > 0), COUNT(*) FILTER (WHERE d.up_accepted > 0),
       SUM(d.cross_presented), SUM(d.cross_accepted), SUM(d.cross_declined),
       SUM(d.up_presented), SUM(d.up_accepted), SUM(d.up_declined),
       SUM(d.cross_presented + d.up_presented - d.cross_accepted - d.cross_declined
           - d.up_accepted - d.up_declined),
       SUM(d.quantity * d.cross_accepted), SUM(d.addon_revenue)
FROM deals d
WHERE d.created_at >= :start AND d.created_at < :end AND d.superseded_by IS NULL {rep}
{group}"""
_NAMES = tuple(f.name for f in fields(Figures))  # asdict() would cost a deep copy per addition
_FIELDS = ("deals", "anchor_units", "anchor_revenue", "cross_deals_presented",
           "cross_deals_accepted", "up_deals_presented", "up_deals_accepted", "cross_presented",
           "cross_accepted", "cross_declined", "up_presented", "up_accepted", "up_declined",
           "open_offers", "addon_units", "addon_revenue")


def figures(db, start: str, end: str, *, by: str = "team",
            rep: str | None = None, key: str | None = None) -> dict[str, Figures]:
    """Figures per group ("team", "rep", "category") for deals presented in [start, end)."""
    team = key is None and by == "team"  # no GROUP BY: a constant key would still sort rows
    sql = _FIGURES.format(key=key or GROUPS[by], rep="AND d.rep = :rep" if rep else "",
                          group="" if team else "GROUP BY key")
    rows = db.execute(sql, {"start": start, "end": end, "rep": rep}).fetchall()
    return {row[0]: Figures(**dict(zip(_FIELDS, row[1:], strict=True))) for row in rows
            if row[1]}  # an ungrouped aggregate of nothing is one row of zero deals


def breakdown(db, start: str, end: str, *,
              rep: str | None = None) -> tuple[Figures, dict[str, Figures], dict[str, Figures]]:
    """(team, per rep, per category) from one pass grouped by rep and category."""
    team, per_rep, per_category = Figures(), {}, {}
    for key, f in figures(db, start, end, by="rep_category", rep=rep).items():
        who, category = key.split("\x1f", 1)
        team = team + f
        per_rep[who] = per_rep.get(who, Figures()) + f
        per_category[category] = per_category.get(category, Figures()) + f
    return team, per_rep, per_category


def by_window(db, bounds: list[tuple[str, str]], *, rep: str | None = None) -> list[Figures]:
    """Figures of each window (week): one index range scan each."""
    return [figures(db, start, end, rep=rep).get("team", Figures()) for start, end in bounds]


# The trend needs the two deal-level rates only: four sums per deal instead of sixteen.
_DEAL_RATES = """
SELECT COUNT(*), COUNT(*) FILTER (WHERE d.cross_presented > 0), COUNT(*) FILTER (WHERE d.cross_accepted > 0),
       COUNT(*) FILTER (WHERE d.up_presented > 0), COUNT(*) FILTER (WHERE d.up_accepted > 0)
FROM deals d
WHERE d.created_at >= :start AND d.created_at < :end AND d.superseded_by IS NULL {rep}"""


def deal_rates(db, bounds: list[tuple[str, str]], *, rep: str | None = None) -> list[Figures]:
    """For each window, Figures holding only `deals` and the deal-level rates' numerators and
    denominators (the trend's two lines), at a third of the cost of full figures."""
    sql = _DEAL_RATES.format(rep="AND d.rep = :rep" if rep else "")
    found = []
    for start, end in bounds:
        deals, cp, ca, up, ua = db.execute(sql, {"start": start, "end": end, "rep": rep}).fetchone()
        found.append(Figures(deals=deals, cross_deals_presented=cp or 0, cross_deals_accepted=ca or 0,
                             up_deals_presented=up or 0, up_deals_accepted=ua or 0))
    return found


def products(db, start: str, end: str, *, limit: int = 5,
             rep: str | None = None) -> dict[str, list[dict]]:
    """For "accepted" and "declined": the products most often given that answer in the window
    (superseded deals left out), with the name of the latest such offer.

    One grouped scan of the week's answered offers, read from an index alone, less the answers
    in the week's superseded deals (rare, found through their deals): checking each offer's
    deal instead would cost a lookup per offer.
    """
    params = {"start": start, "end": end, "rep": rep}
    rep_deals = ("AND o.deal_id IN (SELECT id FROM deals WHERE rep = :rep "
                 "AND created_at >= :start AND created_at < :end)") if rep else ""
    counts: Counter = Counter()
    latest: dict[tuple, int] = {}
    for outcome, sku, kind, n, last in db.execute(f"""
            SELECT o.outcome, o.sku, o.kind, COUNT(*), MAX(o.id) FROM offers o
            WHERE o.presented_at >= :start AND o.presented_at < :end
              AND o.outcome IN ('accepted', 'declined') {rep_deals}
            GROUP BY o.outcome, o.sku, o.kind""", params).fetchall():
        counts[outcome, sku, kind] = n
        latest[outcome, sku, kind] = last
    for outcome, sku, kind, n in db.execute(f"""
            SELECT o.outcome, o.sku, o.kind, COUNT(*) FROM deals d JOIN offers o ON o.deal_id = d.id
            WHERE d.created_at >= :start AND d.created_at < :end AND d.superseded_by IS NOT NULL
              AND o.outcome IN ('accepted', 'declined') {rep_deals.replace("o.deal_id", "d.id")}
            GROUP BY o.outcome, o.sku, o.kind""", params).fetchall():
        counts[outcome, sku, kind] -= n
    found: dict[str, list[dict]] = {"accepted": [], "declined": []}
    for (outcome, sku, kind), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1])):
        if n > 0 and len(found[outcome]) < limit:
            found[outcome].append({"sku": sku, "kind": kind, "count": n,
                                   "offer": latest[outcome, sku, kind]})
    ids = [entry["offer"] for entries in found.values() for entry in entries]
    names = dict(db.execute(f"SELECT id, name FROM offers WHERE id IN ({','.join('?' * len(ids))})",
                            ids).fetchall()) if ids else {}
    return {outcome: [{"sku": e["sku"], "name": names[e["offer"]], "kind": e["kind"],
                       "count": e["count"]} for e in entries] for outcome, entries in found.items()}
