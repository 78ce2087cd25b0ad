"""Prices, price differences and specs a rep states, checked against the catalog records.

A figure is about the product the grammar attaches it to (bot/roleplay/grammar.py), in the
relation the rep put it: the price of that product, its difference to the product it is
compared with, a percentage, a total for the quantity. The customer's own budget is never a
claim. A spec (16 GB, 17.3-inch, 3 years, Core i7) is true when one of the records mentioned
states it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from bot.advisor.money import money, percent_more
from bot.advisor.question import parse_amount
from bot.language.speech import _, decimal
from bot.roleplay.grammar import Figure
from bot.roleplay.scenario import Scenario
from catalog import Product

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
    amount: float | None = None  # the figure as stated (euros, or points for a percentage)
    follows: bool = False  # a total that is wrong only because its unit price is (costs nothing more)


def close(a: float, b: float) -> bool:
    """The same figure, as a rep rounds it."""
    return abs(a - b) <= max(0.51, abs(b) * 0.005)



def figure_claims(figure: Figure, subject: Product | None, against: Product, known: list[Product],
                  scenario: Scenario) -> list[Claim]:
    """One figure, checked in the relation the rep put it: a price of the subject, its difference
    to `against`, a percentage, a total for the quantity. A figure with no subject (nothing named,
    nothing under discussion) is not checked: there is no record to hold it against."""
    qty = scenario.quantity
    if any(close(figure.amount, b) for b in (scenario.budget, scenario.budget * qty)):
        return []  # the customer's own budget, said back
    if subject is None:
        return []  # nothing named, nothing under discussion: no product to check it against
    cur = subject.currency
    per_period = figure.relation == "per_period"
    if per_period and not _priced_per_period(subject):
        return []  # "€12 a month" for a laptop: financing the catalog does not state
    others = [p for p in known if p.sku != subject.sku and p.price < subject.price]
    near = 5 if figure.approx else 1  # points a percentage may be off: "like 50% cheaper" for 54%
    if figure.relation == "percent_less":  # "the U6+ is 25% cheaper": the gap below what it is compared with
        if subject.sku == against.sku or subject.price >= against.price:
            return []
        real = round((against.price - subject.price) / against.price * 100)
        more = percent_more(against.price, subject.price) or -99  # "25% cheaper" said of the gap the other way round
        true = abs(figure.amount - real) <= near or abs(figure.amount - more) <= near
        said = _("{percent}% less for the {product} than the {other}").format(
            percent=decimal(figure.amount), product=subject.name, other=against.name)
        return [Claim(claim=said, kind="percent", sku=subject.sku, true=true, amount=figure.amount,
                      actual=None if true else f"−{real}%")]
    if figure.relation == "percent":
        if subject.sku == against.sku or subject.price <= against.price:
            return []
        real = percent_more(subject.price, against.price)
        # compared with the product it names, or with another it mentions ("…, so the Pro Max is 4% more")
        true = any(abs(figure.amount - (percent_more(subject.price, p.price) or -99)) <= near
                   for p in [against, *others])
        said = _("+{percent}% for the {product} over the {other}").format(
            percent=decimal(figure.amount), product=subject.name, other=against.name)
        return [Claim(claim=said, kind="percent", sku=subject.sku, true=true, actual=None if true else f"+{real}%",
                      amount=figure.amount)]
    is_upgrade = subject.sku != against.sku and subject.price > against.price
    delta = round(subject.price - against.price, 2)
    cheaper = figure.relation == "difference" and not is_upgrade and subject.sku != against.sku
    if figure.relation == "difference" and is_upgrade:
        truths = {delta} | {round(subject.price - p.price, 2) for p in others}
    elif cheaper:  # "the Ultra is €50 cheaper": the gap to what it is compared with, either way
        truths = {round(abs(subject.price - p.price), 2) for p in known if p.sku != subject.sku}
        if close(figure.amount, subject.price):  # "€350 per group of up to 6": a price after all
            cheaper, truths = False, {subject.price}
    else:  # a price; "just €36 extra" for an add-on is what it adds to the order: its price
        truths = {subject.price} | ({delta} if is_upgrade else set())  # "the 470 earns its €220"
    if per_period:  # a subscription: per user per month, or the year's bill
        truths |= {t * 12 for t in truths}
    if figure.relation in ("total", "per_period") or qty > 1:
        truths |= {t * qty for t in truths}
    if figure.relation == "total":
        truths |= {subject.price, subject.price * qty, delta, delta * qty} if is_upgrade else set()
        truths |= {round(sum(p.price for p in known if p.sku != against.sku) + against.price, 2) * n
                   for n in (1, qty)}
    true = any(close(figure.amount, t) or _rounded_to(figure, t) for t in truths)
    prices = dict(price=money(subject.price, cur), other_price=money(against.price, cur))
    if cheaper:
        said = _("{said} less for the {product} than the {other}").format(
            said=figure.said, product=subject.name, other=against.name)
        return [Claim(claim=said, kind="difference", sku=subject.sku, true=true, amount=figure.amount,
                      actual=None if true else _("{difference} less ({price} vs {other_price})").format(
                          difference=money(abs(delta), cur), **prices))]
    if figure.relation == "difference" and is_upgrade:
        said = _("{said} more for the {product} than the {other}").format(
            said=figure.said, product=subject.name, other=against.name)
        return [Claim(claim=said, kind="difference", sku=subject.sku, true=true, amount=figure.amount,
                      actual=None if true else _("{difference} more ({price} vs {other_price})").format(
                          difference=money(delta, cur), **prices))]
    said = _("{said} for the {product}").format(said=figure.said, product=subject.name)
    if figure.relation == "total" and qty > 1 and figure.amount > subject.price * 1.5:
        # "€827 for the 8": the order's total, said back as the count times the catalog's price
        return [Claim(claim=said, kind="total", sku=subject.sku, true=true, amount=figure.amount,
                      actual=None if true else _times(qty, subject.price, cur))]
    return [Claim(claim=said, kind="price", sku=subject.sku, true=true,
                  amount=figure.amount, actual=None if true else money(subject.price, cur))]


def stated(claim: Claim) -> str:
    """The figure as the rep said it: "€899" of "€899 for the HP ProBook 470 G10"."""
    return claim.claim.split(" for the ", 1)[0].split(" more for the ", 1)[0]


def running_total_claim(claim: Claim, base: Product, add_ons: list[Product], scenario: Scenario) -> Claim:
    """A figure on an add-on read as what one unit comes to ("628.90 with the screen", "that puts
    you at €1,021.90 per laptop"): the product bought plus some of the add-ons the reply names, or
    that for the order. True when some such sum holds; else wrong, with the sum of the product and
    every add-on named."""
    sums_ = {base.price + sum(p.price for p in chosen) for size in range(1, min(3, len(add_ons)) + 1)
             for chosen in itertools.combinations(add_ons, size)} or {base.price}
    true = any(close(claim.amount, t * n) for t in sums_ for n in (1, scenario.quantity))
    everything = [base, *add_ons]
    total = round(sum(p.price for p in everything), 2)
    said = _("{said} for the {product} with the {others}").format(
        said=stated(claim), product=base.name, others=", ".join(p.name for p in add_ons)) if add_ons else \
        _("{said} for the {product}").format(said=stated(claim), product=base.name)
    actual = None if true else " + ".join(money(p.price, base.currency) for p in everything) + \
        f" = {money(total, base.currency)}"
    return Claim(claim=said, kind="total", sku=base.sku, true=true, amount=claim.amount, actual=actual)


def _times(count: int, unit: float, currency: str) -> str:
    """"8 × €109 = €872"."""
    return f"{count} × {money(unit, currency)} = {money(round(count * unit, 2), currency)}"


def _rounded_to(figure: Figure, value: float) -> bool:
    """"~1.2k" for €1,189: the value rounded to the thousands the rep wrote."""
    written = re.search(r"(\d+)(?:[.,](\d))?\s*k", figure.said, re.IGNORECASE)
    if not written:
        return False
    places = 1 if written.group(2) else 0
    return round(value / 1000, places) == round(figure.amount / 1000, places)


def _priced_per_period(product: Product) -> bool:
    """A subscription: its catalog price is per month (per user)."""
    text = " ".join((product.name, product.description or "", *product.features)).lower()
    return bool(re.search(r"per\s+(?:user\s+)?(?:per\s+)?month|/\s*month|monthly|per\s+seat", text))


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
        claims.append(Claim(claim=_("{spec} on the {product}").format(spec=found.group(0), product=subject.name),
                            kind="spec", sku=subject.sku, true=False, actual=_actual(subject, unit_key)))
    for found in _CPU.finditer(clause):
        if found.group(1).lower() not in everything:
            claims.append(Claim(claim=_("{spec} in the {product}").format(spec=found.group(0), product=subject.name),
                                kind="spec", sku=subject.sku, true=False, actual=_actual(subject, "cpu")))
    return claims


def _actual(product: Product, unit_key: str) -> str:
    for attribute in SPEC_ATTRIBUTE.get(unit_key, ()):
        if attribute in product.attributes:
            return f"{attribute.replace('_', ' ')}: {product.attributes[attribute]}"
    return _("not in the catalog record")


_NUMBER = (r"(?:€\s?|eur\s?)?(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:\s\d{3})+(?:[.,]\d{1,2})?|"
           r"\d+(?:[.,]\d{1,2})?)(?:\s?(?:€|eur\b|euros?\b|,-))?")
# "12 x 42.90 = €514.80", "40 × 1,399 = €54,960", "€169 x 28 = €4,732", "14 stk à 479 € = 6 606 €"
_TIMES = re.compile(r"(?<![\w.,])(\d{1,4})\s*(?:stk|st|stuks|pcs)?\.?\s*(?:[x×*]|à)\s*" + _NUMBER
                    + r"\s*(?:=|makes|comes\s+to)\s*" + _NUMBER
                    + r"|" + _NUMBER + r"\s*[x×*]\s*(\d{1,4})(?![\w.,])\s*(?:=|makes|comes\s+to)\s*" + _NUMBER,
                    re.IGNORECASE)


@dataclass(frozen=True)
class Sum:
    """A multiplication the rep wrote out: count × unit price = total."""
    count: int
    unit: float
    total: float
    said: str

    @property
    def right(self) -> bool:
        """Worked out to the cent ("6 × 1,289 = 7,743" is not), or rounded where the rep rounds
        ("= 7,700", "= 7.7k")."""
        product = round(self.count * self.unit, 2)
        rounded = self.total % 100 == 0
        return abs(self.total - product) <= 0.51 or (rounded and close(self.total, product))


def sums(text: str) -> list[Sum]:
    found = []
    for match in _TIMES.finditer(text):
        if match.group(1):
            count, unit, total = match.group(1), match.group(2), match.group(3)
        else:
            unit, count, total = match.group(4), match.group(5), match.group(6)
        unit_value, total_value = parse_amount(unit), parse_amount(total)
        if unit_value and total_value and int(count) > 0:
            found.append(Sum(int(count), unit_value, total_value, match.group(0).strip()))
    return found


def sum_claims(text: str, products: list[Product], claims: list[Claim] = ()) -> list[Claim]:
    """A written-out multiplication that does not add up is a wrong total, whatever the catalog
    says; it is about the product whose price is the unit price (if one in play has it). One that
    adds up on a unit price already called wrong is wrong too, and says the catalog's total."""
    found_claims = []
    for found in sums(text):
        if found.right:
            wrong = next((c for c in claims if c.kind == "price" and not c.true and c.amount is not None
                          and close(c.amount, found.unit)), None)
            product = next((p for p in products if wrong and p.sku == wrong.sku), None)
            unit, follows = (product.price if product else 0.0), True
        else:
            product = next((p for p in products if close(found.unit, p.price)), None)
            unit, follows = found.unit, False
        if product is None:
            continue
        found_claims.append(Claim(claim=_("{said} for the {product}").format(said=found.said, product=product.name),
                                  kind="total", sku=product.sku, true=False, amount=found.total, follows=follows,
                                  actual=_times(found.count, unit, product.currency)))
    return found_claims


def with_sums(claims: list[Claim], text: str, products: list[Product]) -> list[Claim]:
    """A written-out multiplication's total is judged by its arithmetic, once: a total that adds up
    is no claim of its own (the unit price is checked as a price), one that does not is flagged."""
    totals = [s.total for s in sums(text)]
    if not totals:
        return claims
    kept = [c for c in claims if c.amount is None or c.kind == "spec" or not any(close(c.amount, t) for t in totals)]
    return kept + sum_claims(text, products, kept)
