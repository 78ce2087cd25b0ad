"""Talking points: one line each, every number and feature taken from the catalog records.

Nothing here invents a fact: prices, their difference, specs, compatibility and ratings all come
from the two products involved; "bought together" and "accepted" figures come from the team's own
order history and offer log, always with their n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.candidates import COMPATIBLE, CURATED, FAMILY, Candidate
from bot.advisor.evidence import MIN_OFFERS_QUOTED, MIN_ORDERS_QUOTED, MIN_PAIR_ORDERS
from bot.advisor.money import money, percent_more
from catalog import Product

MAX_LINE = 160


@dataclass(frozen=True)
class Pitch:
    points: tuple[str, ...]
    when: str
    objection: str


def upsell_pitch(anchor: Product, candidate: Candidate) -> Pitch:
    upgrade = candidate.product
    delta = upgrade.price - anchor.price
    pct = percent_more(upgrade.price, anchor.price)
    cur = anchor.currency
    points = [f"{money(delta, cur)} more than the {anchor.name} "
              f"({money(upgrade.price, cur)} vs {money(anchor.price, cur)}, +{pct}%)"]
    points += evidence_points(anchor, candidate)
    differences = spec_differences(anchor, upgrade)
    if differences:
        points.append(_fitted("What the extra buys: ", differences))
    if FAMILY in candidate.sources and upgrade.tier is not None and anchor.tier is not None:
        points.append(f"Next step up in the {upgrade.family} line "
                      f"(tier {upgrade.tier} vs {anchor.tier})")
    rating = rating_line(upgrade)
    if rating and (anchor.rating is None or (upgrade.rating or 0) >= anchor.rating):
        points.append(rating)
    losses = trade_offs(anchor, upgrade)
    if losses and len(points) < 4:  # say it before the customer finds out
        points.append(_fitted("Trade-off: ", losses))
    benefit = differences[0] if differences else _first_feature(upgrade)
    objection = f"“Too expensive?” — it is {money(delta, cur)} more (+{pct}%)"
    objection += f" for {benefit}" if benefit else ""
    return Pitch(
        points=tuple(_line(p) for p in points[:4]),
        when="Now, at the decision point: before the order is confirmed",
        objection=_line(objection),
    )


def cross_sell_pitch(anchor: Product, candidate: Candidate) -> Pitch:
    addon = candidate.product
    cur = anchor.currency
    points = evidence_points(anchor, candidate)
    if COMPATIBLE in candidate.sources and candidate.fits:
        fits = anchor.name if candidate.fits.lower() == anchor.sku.lower() else candidate.fits
        points.append(f"Listed as compatible with {fits}")
    elif CURATED in candidate.sources:
        points.append(f"Our catalog pairs it with the {anchor.name}")
    summary = first_sentence(addon.description)
    if summary:
        points.append(summary)
    features = [f for f in addon.features[:2]]
    if features:
        points.append("Key features: " + "; ".join(features))
    points.append(f"Adds {money(addon.price, cur)} to the order")
    rating = rating_line(addon)
    if rating:
        points.append(rating)
    feature = _benefit(addon)
    if COMPATIBLE in candidate.sources and candidate.fits and feature:
        fits = anchor.name if candidate.fits.lower() == anchor.sku.lower() else candidate.fits
        objection = f"“Do I need it?” — {feature}, and it is listed as compatible with {fits}"
    elif summary:
        objection = f"“Do I need it?” — {summary}"
    else:
        objection = f"“Do I need it?” — {feature or addon.name}"
    return Pitch(
        points=tuple(_line(p) for p in points[:4]),
        when=f"Once the {anchor.name} is agreed: after the decision, before checkout",
        objection=_line(objection),
    )


def evidence_points(anchor: Product, candidate: Candidate) -> list[str]:
    """Social proof from the team's own data, only where there is enough of it to quote."""
    pair, evidence = candidate.pair, candidate.evidence
    if pair is None:
        return []
    points = []
    if evidence.anchor_orders >= MIN_ORDERS_QUOTED and pair.together >= MIN_PAIR_ORDERS:
        share = round(100 * pair.together / evidence.anchor_orders)
        line = (f"Bought with the {anchor.name} in {share}% of its orders "
                f"({pair.together} of {evidence.anchor_orders})")
        overall = round(100 * pair.item_orders / evidence.total_orders)
        if overall and share < 1.25 * overall:  # a staple: say so, rather than oversell the pairing
            line += f"; it is in {overall}% of all orders"
        points.append(line)
    if pair.offered >= MIN_OFFERS_QUOTED:
        points.append(f"Accepted in {pair.accepted} of {pair.offered} offers with the {anchor.name}")
    return points


def spec_differences(anchor: Product, upgrade: Product) -> list[str]:
    """What the upgrade has that the anchor does not: better attributes, then new features."""
    gains, _ = _attribute_changes(anchor, upgrade)
    have = {f.lower() for f in anchor.features}
    said = " ".join(gains).lower()  # a feature that repeats a changed spec adds nothing
    gains += [f for f in upgrade.features if f.lower() not in have and f.lower() not in said]
    return list(dict.fromkeys(gains))


def trade_offs(anchor: Product, upgrade: Product) -> list[str]:
    """Attributes the upgrade has less of (a bigger screen, but a shorter battery life)."""
    return _attribute_changes(anchor, upgrade)[1]


_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z\"]*)", re.IGNORECASE)
LOWER_IS_BETTER = ("weight", "noise", "latency", "power_draw")


def _attribute_changes(anchor: Product, upgrade: Product) -> tuple[list[str], list[str]]:
    """Changed attributes split into gains and trade-offs. A change counts as a trade-off only
    when both values state a number in the same unit and the upgrade's is worse."""
    gains, losses = [], []
    for key, value in upgrade.attributes.items():
        before = anchor.attributes.get(key)
        if before is None or before == value:
            continue
        line = f"{key.replace('_', ' ')} {before} → {value}"
        old, new = _NUMBER.search(before), _NUMBER.search(value)
        worse = False
        if old and new and old.group(2).lower() == new.group(2).lower():
            delta = float(new.group(1).replace(",", ".")) - float(old.group(1).replace(",", "."))
            worse = delta > 0 if key.lower() in LOWER_IS_BETTER else delta < 0
        (losses if worse else gains).append(line)
    return gains, losses


def rating_line(product: Product) -> str | None:
    if product.rating is None:
        return None
    if product.review_count:
        return f"Rated {product.rating:g}/5 by {product.review_count:,} customers"
    return f"Rated {product.rating:g}/5"


def first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    sentence = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    return sentence.rstrip(".")


def _first_feature(product: Product) -> str | None:
    return product.features[0] if product.features else None


_NOT_A_BENEFIT = re.compile(r"^(?:per|fits|compatible|works\s+with|for)\b", re.IGNORECASE)


def _benefit(product: Product) -> str | None:
    """The first feature that says what the product does, not how it is priced or what it fits."""
    return next((f for f in product.features if not _NOT_A_BENEFIT.match(f)), None)


def _fitted(prefix: str, items: list[str]) -> str:
    """As many whole items as fit on one line (at least one)."""
    line = prefix + items[0]
    for item in items[1:3]:
        if len(line) + 2 + len(item) > MAX_LINE:
            break
        line += "; " + item
    return line


def _line(text: str) -> str:
    """One line, short enough for a glance; cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= MAX_LINE:
        return text
    return text[: MAX_LINE - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
