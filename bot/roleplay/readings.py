"""Before a figure is called false: the other readings a careful trainer would try first.

The grammar attaches each figure to one product, and it can be wrong where a person would not
be: "the sleeve and the ADP cover (EUR 179)", "the Belkin TemperedGlass for iPhone 15 Plus / 15
Pro Max, same price: €24.90", "€1,600 extra for 20 screens", "that keeps you at €1,238.90 per
unit". A figure that does not hold for the product it was attached to is true all the same when:
- it is the price of another product the reply names (by a word of its name the attached
  product's name lacks), for one unit or for a count the reply or the scenario states;
- it is the difference between two products in play, or that times the count;
- it is a running total: the product bought plus some of the add-ons named, per unit or for
  the count.
Only then is it a wrong figure. A true claim flagged as false costs the trainer's trust; a
false figure that happens to equal another named product's price is rare by comparison.
"""

from __future__ import annotations

import itertools
import re

from bot.roleplay.claims import Claim, close, stated
from bot.roleplay.scenario import Scenario
from catalog import Product

_COUNT = re.compile(r"\b(\d{1,5})\s*(?:x|×|\*)\s|\s(?:x|×|\*)\s*(\d{1,5})\b|\bfor\s+(?:all\s+|the\s+)?(\d{1,5})\b"
                    r"|\b(\d{1,5})\s+(?:users?|people|persons?|staff|seats?|licen[cs]es?|laptops?|phones?|units?|"
                    r"pcs|pieces|screens?|monitors?|desks?|chairs?|cameras?|tablets?|headsets?|devices?|employees|"
                    r"colleagues|reps?|agents?|workstations?|printers?|access\s+points?|aps?|packs?|boxes|sets?|rolls?|reams?)\b",
                    re.IGNORECASE)
_WORD = re.compile(r"[\w+]+(?:-[\w+]+)*")
_PLAIN = {"the", "for", "and", "with", "from", "pro", "plus", "max", "case", "cable", "pack", "edition", "series"}
MAX_ADD_ONS = 3  # a running total sums the product and at most this many add-ons


def counts(text: str, scenario: Scenario) -> set[int]:
    """What the figures may be multiplied by: one, the scenario's quantity, counts the reply states
    ("for 20 screens", "6 x", "14 people"), a year of months."""
    found = {1, scenario.quantity}
    for match in _COUNT.finditer(f" {text} "):
        value = int(next(g for g in match.groups() if g))
        if 1 < value <= 10_000:
            found.add(value)
    return found


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def named_apart(product: Product, subject: Product, said: set[str], rare: frozenset[str] = frozenset()) -> bool:
    """The reply names this product clearly by words of its name that the subject's name lacks:
    two of them ("Belkin TemperedGlass"), one model token ("UHS-I", "S24+"), or one word few
    product names have ("Defender")."""
    own = {w for w in _words(product.name) - _words(subject.name) if len(w) >= 3 and not w.isdigit()} - _PLAIN
    hits = own & said
    return len(hits) >= 2 or any(re.search(r"\d", w) or "-" in w or "+" in w or w in rare for w in hits)


def second_reading(claim: Claim, subject: Product, text: str, found: list[Product], searched: list[Product],
                   in_play: list[Product], multipliers: set[int], rare: frozenset[str] = frozenset()) -> Claim | None:
    """The claim read another way that holds, or None when no reading does. `found`: the products
    the reply names, as the reader found them; `searched`: others its words find, which count only
    when named apart from the subject; `in_play`: what the customer buys (the upgrade first)."""
    if claim.true or claim.amount is None or claim.kind not in ("price", "difference", "total"):
        return None
    amount = claim.amount
    said = _words(text)

    def matches(value: float) -> bool:
        return value > 0 and any(close(amount, value * m) for m in multipliers)

    if claim.kind in ("price", "total") and any(close(amount, subject.price * m) for m in multipliers if m > 1):
        return _held(claim)  # "2 packs for 6 APs = €29.80": its price for a count the reply states
    named = list({p.sku: p for p in (*found, *(p for p in searched if named_apart(p, subject, said, rare)))}.values())
    for other in named:
        if other.sku != subject.sku and named_apart(other, subject, said, rare) and matches(other.price):
            return _price_of(claim, other)
    if claim.kind in ("price", "total"):  # "a €29.90 case is cheap insurance on a €1,189 machine": what they buy
        other = next((p for p in in_play if p.sku != subject.sku and close(amount, p.price)), None)
        if other is not None:
            return _price_of(claim, other)
    if claim.kind == "difference":  # between two other products in play: "the 65 is €50 more than the 40"
        pool = list({p.sku: p for p in (*in_play, *named, subject)}.values())
        for a, b in itertools.combinations(pool, 2):
            if matches(abs(a.price - b.price)):
                return _held(claim)
        return None
    # What the total is built on: the phone itself when the figure is about a phone ("with the
    # FE+ that's €628.90"); what they buy when it is about an add-on ("that keeps you at …").
    # (in_play holds what they buy, and the upgrades the scenario suggests: "that puts you at
    # €1,021.90 per laptop" may be on the upgrade they took a few turns ago)
    main_kind = any(subject.category == p.category for p in in_play)
    bases = [subject] if main_kind else list({p.sku: p for p in in_play}.values())
    if amount < min(b.price for b in bases):
        return None  # a running total is at least the product bought
    add_ons = [p for p in named if p.sku not in {b.sku for b in bases}]
    for base in bases:
        for size in range(1, min(MAX_ADD_ONS, len(add_ons)) + 1):
            for chosen in itertools.combinations(add_ons, size):
                if matches(base.price + sum(p.price for p in chosen)):
                    return _held(claim)
    return None


def _price_of(claim: Claim, other: Product) -> Claim:
    return Claim(claim=f"{stated(claim)} for the {other.name}", kind="price", sku=other.sku, true=True,
                 amount=claim.amount)


def _held(claim: Claim) -> Claim:
    return Claim(claim=claim.claim, kind=claim.kind, sku=claim.sku, true=True, amount=claim.amount)
