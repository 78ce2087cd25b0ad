"""Prices, price differences and specs a rep states, checked against the catalog records.

A claim is about the product its clause names (or the product under discussion). An amount is
true when it is a price, a total for the quantity, a difference to the product being bought, a
sum of the products mentioned, or the customer's own budget; a spec (16 GB, 17.3-inch, 3 years,
Core i7) is true when one of the records mentioned states it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from bot.advisor.money import money, percent_more
from bot.advisor.question import parse_amount
from bot.roleplay.scenario import Scenario
from catalog import Product

_MONEY = re.compile(r"(?:€|eur\b\s*|euros?\s+)\s*(\d[\d,.]*\d|\d)|(\d[\d,.]*\d|\d)\s*(?:€|eur\b|euros?\b)",
                    re.IGNORECASE)
_PERCENT = re.compile(r"\+?(\d{1,3})\s?%")
_DELTA_AFTER = re.compile(r"^\W*(?:\s*(?:per\s+\w+|each|a\s+unit|a\s+seat))?\s*"
                          r"(?:more|extra|on\s+top|above|difference|up|higher|over)\b", re.I)
_DELTA_BEFORE = re.compile(r"(?:just|only|another|extra|plus|difference\s+(?:of|is))\s*\+?\s*$", re.I)
_SPEC = re.compile(r"\b(\d+(?:\.\d+)?)\s?(?:-\s?)?(gb|tb|hours?|hrs?|years?|inch(?:es)?|hz|mp|w)\b",
                   re.IGNORECASE)
_CPU = re.compile(r"\b(?:core\s+)?(i[3579]|ultra\s+[579])\b", re.IGNORECASE)
SPEC_ATTRIBUTE = {"gb": ("memory", "storage"), "tb": ("storage",), "hour": ("battery_life",),
                  "hr": ("battery_life",), "year": ("coverage",), "inch": ("display",),
                  "cpu": ("processor",)}

@dataclass(frozen=True)
class Claim:
    claim: str  # as the rep put it, with the product: "€899 for the HP ProBook 470 G10"
    kind: str  # price | difference | percent | spec | compatibility
    sku: str
    true: bool
    actual: str | None = None  # the catalog's value, when the claim is wrong


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.51, abs(b) * 0.005)


def money_claims(clause: str, subject: Product, anchor: Product, current: Product, known: list[Product],
                  scenario: Scenario) -> list[Claim]:
    claims = []
    qty = scenario.quantity
    prices = {p.price for p in known}
    sums = {round(current.price + sum(c), 2) for n in range(1, 3)
            for c in itertools.combinations([p.price for p in known if p.sku != current.sku], n)}
    base = current if subject.sku != current.sku else anchor
    delta = round(subject.price - base.price, 2)
    for found in _MONEY.finditer(clause):
        amount = parse_amount(found.group(1) or found.group(2))
        if amount is None:
            continue
        after, before = clause[found.end():found.end() + 30], clause[max(0, found.start() - 25):found.start()]
        is_delta = bool(_DELTA_AFTER.search(after) or _DELTA_BEFORE.search(before)) and subject.sku != anchor.sku
        said = found.group(0).strip()
        truths = {subject.price, subject.price * qty, *prices, *sums, scenario.budget,
                  *(s * qty for s in sums)}
        if is_delta:
            truths |= {delta, delta * qty, subject.price}
        true = any(_close(amount, t) for t in truths)
        if is_delta:
            claims.append(Claim(claim=f"{said} more for the {subject.name}", kind="difference",
                                sku=subject.sku, true=true,
                                actual=None if true else f"{money(delta, subject.currency)} more "
                                                         f"({money(subject.price, subject.currency)} vs "
                                                         f"{money(base.price, base.currency)})"))
        else:
            claims.append(Claim(claim=f"{said} for the {subject.name}", kind="price", sku=subject.sku,
                                true=true, actual=None if true else money(subject.price, subject.currency)))
    if subject.sku != base.sku and subject.price > base.price:
        real = percent_more(subject.price, base.price)
        for found in _PERCENT.finditer(clause):
            stated = int(found.group(1))
            true = real is not None and abs(stated - real) <= 1
            claims.append(Claim(claim=f"{found.group(0)} for the {subject.name}", kind="percent",
                                sku=subject.sku, true=true, actual=None if true else f"+{real}%"))
    return claims


def _facts(product: Product) -> str:
    return " ".join((product.name, product.description or "", *product.features,
                     *product.attributes.values())).lower()


def spec_claims(clause: str, subject: Product, known: list[Product]) -> list[Claim]:
    claims = []
    everything = " ".join(_facts(p) for p in known)
    for found in _SPEC.finditer(clause):
        number, unit = found.group(1), found.group(2).lower()
        unit_key = unit.rstrip("s").replace("inche", "inch")
        pattern = re.escape(number) + r"\s?(?:-\s?)?" + re.escape(unit_key[:2])
        if re.search(r"(?<![\d.])" + pattern, everything):
            continue
        claims.append(Claim(claim=f"{found.group(0)} on the {subject.name}", kind="spec", sku=subject.sku,
                            true=False, actual=_actual(subject, unit_key)))
    for found in _CPU.finditer(clause):
        if found.group(1).lower() not in everything:
            claims.append(Claim(claim=f"{found.group(0)} in the {subject.name}", kind="spec", sku=subject.sku,
                                true=False, actual=_actual(subject, "cpu")))
    return claims


def _actual(product: Product, unit_key: str) -> str:
    for attribute in SPEC_ATTRIBUTE.get(unit_key, ()):
        if attribute in product.attributes:
            return f"{attribute.replace('_', ' ')}: {product.attributes[attribute]}"
    return "not in the catalog record"
