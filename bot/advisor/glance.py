"""An answer at a glance: the deal's totals and each offer's headline, as every view says them.

The Slack message, the terminal chat and the CLI's human output all take their order and their
words from here: the product understood with the deal line, the upsell ("now, before they
confirm"), then the cross-sells ("once agreed"); one headline and one reason per offer; what is
accepted so far and what it does to the order. Pure: the advice as stored (its JSON form) and
the offers' outcomes in, text out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.advisor.money import money
from bot.language.speech import N_, _

# Upsell first: it belongs at the decision point, before the add-ons (PRODUCT.md, "timing").
_SECTIONS = (("upsell", N_("Upsell"), N_("now, before they confirm")),
             ("cross_sell", N_("Cross-sell"), N_("once agreed")))


def sections() -> tuple[tuple[str, str, str], ...]:
    """(kind, title, timing) in the order they are offered, in the language in force."""
    return tuple((kind, _(title), _(timing)) for kind, title, timing in _SECTIONS)


@dataclass(frozen=True)
class DealTotals:
    quantity: int
    currency: str
    base_unit: float  # the product the customer is buying, one unit
    unit: float  # one unit with the accepted upgrade and add-ons
    budget: float | None  # per unit
    once: float = 0.0  # accepted add-ons priced for the whole order, not per unit
    accepted: tuple[str, ...] = ()  # names of the accepted offers, upgrade first

    @property
    def base_total(self) -> float:
        return round(self.base_unit * self.quantity, 2)

    @property
    def total(self) -> float:
        return round(self.unit * self.quantity + self.once, 2)

    @property
    def accepted_total(self) -> float:
        """What the accepted upgrade and add-ons add to the order, for the whole quantity."""
        return round(self.total - self.base_total, 2)

    def money(self, amount: float) -> str:
        return money(amount, self.currency)


def deal_totals(advice: Mapping, outcomes: Mapping[tuple[str, int], str | None] | None = None) -> DealTotals:
    """The order as it stands: an accepted upgrade replaces the product (the best-ranked one, if
    several were accepted), each accepted add-on is one per unit."""
    anchor = advice["anchor"]
    outcomes = outcomes or {}
    quantity = max(int(advice.get("quantity") or 1), 1)
    unit, accepted = float(anchor["price"]), []
    upgrades = [s for rank, s in enumerate(advice.get("upsell", []), start=1)
                if outcomes.get(("upsell", rank)) == "accepted"]
    if upgrades:
        unit = float(upgrades[0]["price"])
        accepted.append(upgrades[0]["name"])
    once = 0.0  # add-ons priced for the whole order: a one-off service, a training per group
    for rank, s in enumerate(advice.get("cross_sell", []), start=1):
        if outcomes.get(("cross_sell", rank)) == "accepted":
            if s.get("per_order"):
                once += float(s["price"])
            else:
                unit += float(s["price"])
            accepted.append(s["name"])
    return DealTotals(quantity=quantity, currency=anchor.get("currency") or "EUR",
                      base_unit=float(anchor["price"]), unit=round(unit, 2), once=round(once, 2),
                      budget=advice.get("budget"), accepted=tuple(accepted))


def deal_line(totals: DealTotals) -> str:
    """"12 × €979 = €11,748", or the price alone for one."""
    if totals.quantity == 1:
        return totals.money(totals.base_unit)
    return f"{totals.quantity} × {totals.money(totals.base_unit)} = {totals.money(totals.base_total)}"


def budget_line(totals: DealTotals) -> str | None:
    """What the budget leaves, per unit, with whatever is accepted so far."""
    if not totals.budget:
        return None
    left = round(totals.budget - totals.unit, 2)
    budget, rest = totals.money(totals.budget), totals.money(abs(left))
    if totals.quantity > 1:
        line = _("Budget {budget} each: {left} left each") if left >= 0 else _("Budget {budget} each: {left} over each")
    else:
        line = _("Budget {budget}: {left} left") if left >= 0 else _("Budget {budget}: {left} over")
    return line.format(budget=budget, left=rest)


def accepted_line(totals: DealTotals) -> str | None:
    """"Accepted: HP USB-C Dock G5 · order now 12 × €1,168 = €14,016 (+€2,268)"."""
    if not totals.accepted:
        return None
    once = f" + {totals.money(totals.once)}" if totals.once else ""
    order = totals.money(totals.total) if totals.quantity == 1 else \
        f"{totals.quantity} × {totals.money(totals.unit)}{once} = {totals.money(totals.total)}"
    return _("Accepted: {offers} · order now {order} (+{added})").format(
        offers=", ".join(totals.accepted), order=order, added=totals.money(totals.accepted_total))


def headline_price(suggestion: Mapping, kind: str, totals: DealTotals) -> str:
    """The offer's price and what it adds to this deal: "€1,199 · +€220 each, +€2,640 for 12"."""
    price = totals.money(float(suggestion["price"]))
    adds = float(suggestion.get("price_delta") or 0) if kind == "upsell" else float(suggestion["price"])
    if kind == "cross_sell" and suggestion.get("per_order"):
        return _("{price} once for the order").format(price=price) if totals.quantity > 1 else price
    if totals.quantity == 1:
        return f"{price} · +{totals.money(adds)}" if kind == "upsell" else price
    whole, count = totals.money(adds * totals.quantity), totals.quantity
    if kind == "upsell":
        return _("{price} · +{adds} each, +{whole} for {count}").format(price=price, adds=totals.money(adds),
                                                                        whole=whole, count=count)
    return _("{price} each, +{whole} for {count}").format(price=price, whole=whole, count=count)


def reason(suggestion: Mapping) -> str:
    """The headline's second line (an answer stored before reasons existed: its first point)."""
    points = suggestion.get("talking_points") or [""]
    return suggestion.get("reason") or points[0]


def details(suggestion: Mapping) -> list[str]:
    """The points behind Details (for an answer stored before: all but the first)."""
    if "details" in suggestion:
        return list(suggestion["details"])
    return list((suggestion.get("talking_points") or [])[1:])
