"""What a rep's reply says: products offered, prices and specs claimed, objections answered.

Products are found the way the advisor finds them (exact SKU, name words with typos, meaning),
clause by clause, plus a kind of product named in passing ("a dock") when the scenario has a
fitting one. Claims are checked against the catalog records. Which objection a reply answers
is the embedding similarity to the library's example answers, plus its keywords.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field

import numpy as np

from bot.advisor import Advisor
from bot.advisor.guardrails import incompatible
from bot.advisor.money import money, percent_more
from bot.advisor.question import parse_amount
from bot.advisor.words import content_tokens, kind_words, names_kind, tokens
from bot.roleplay.library import KINDS, Library
from bot.roleplay.scenario import Scenario
from catalog import Product
from embeddings import Encoder

NAME_COVERAGE = 0.45  # share of a product name (by word rarity) a clause must contain
ANSWERED = 0.50  # similarity + keyword bonus at which a reply answers an objection
KEYWORD_BONUS, MAX_KEYWORDS = 0.08, 3
_CLAUSES = re.compile(r"[.!?](?:\s+|$)|;\s*|\s+—\s+|\s+-\s+|,\s+|\s+(?:and|plus|also|or)\s+", re.I)
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
_CLOSE = re.compile(r"\b(?:shall\s+i|should\s+i|can\s+i|want\s+me\s+to|ready\s+to)\b.*\b(?:order|quote|"
                    r"add|book|go\s+ahead)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Offered:
    sku: str
    name: str
    price: float
    relation: str  # upsell | cross_sell | incompatible | irrelevant
    via: str  # sku | name | kind
    modelled: bool  # among the advisor's own suggestions for this scenario
    fits: str = ""  # what an accessory states it fits, when that is not this product


@dataclass(frozen=True)
class Claim:
    claim: str  # as the rep put it, with the product: "€899 for the HP ProBook 470 G10"
    kind: str  # price | difference | percent | spec | compatibility
    sku: str
    true: bool
    actual: str | None = None  # the catalog's value, when the claim is wrong


@dataclass(frozen=True)
class Understanding:
    text: str
    offers: tuple[Offered, ...] = ()
    mentioned: tuple[str, ...] = ()  # every product SKU named, offers or not
    claims: tuple[Claim, ...] = ()
    answered: dict[str, float] = field(default_factory=dict)  # objection kind -> strength
    pressure: tuple[str, ...] = ()
    price_framing: bool = False  # stated a true price or price difference for what they offer
    benefit: bool = False  # tied what they offer to the customer's need or a spec that differs
    closing: bool = False  # asked for the decision

    @property
    def flagged(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if not c.true)

    def answers(self, kind: str) -> bool:
        return self.answered.get(kind, 0.0) >= ANSWERED

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Understanding:
        return cls(text=data["text"], offers=tuple(Offered(**o) for o in data.get("offers", [])),
                   mentioned=tuple(data.get("mentioned", [])),
                   claims=tuple(Claim(**c) for c in data.get("claims", [])),
                   answered=dict(data.get("answered", {})), pressure=tuple(data.get("pressure", [])),
                   price_framing=data.get("price_framing", False), benefit=data.get("benefit", False),
                   closing=data.get("closing", False))


class Reader:
    """Reads rep replies for one catalog: the advisor's search, the encoder and the library."""

    def __init__(self, advisor: Advisor, encoder: Encoder, library: Library):
        self.advisor = advisor
        self.catalog = advisor.catalog
        self.encoder = encoder
        self.library = library
        self._answers: dict[str, np.ndarray] = {}
        self._keywords: dict[str, set[str]] = {}
        for kind in KINDS:
            objections = [o for o in library.objections if o.kind == kind]
            self._answers[kind] = encoder.encode([a for o in objections for a in o.answers])
            self._keywords[kind] = {k for o in objections for k in o.keywords}

    def read(self, text: str, scenario: Scenario, *, choice: str | None = None,
             focus: str | None = None) -> Understanding:
        """focus: the SKU under discussion, which a clause naming no product is about."""
        text = " ".join(text.split())
        anchor = self.catalog.get(scenario.anchor["sku"])
        if anchor is None or not text:
            return Understanding(text=text)
        clauses = [c for c in _CLAUSES.split(text) if c and c.strip()]
        found = self._products(clauses, scenario)
        current = self.catalog.get(choice) if choice and choice != anchor.sku else anchor
        offers, seen = [], {anchor.sku.lower(), current.sku.lower()}
        if scenario.competitor:
            seen.add(scenario.competitor["sku"].lower())
        for product, via in found.values():
            if product.sku.lower() in seen:
                continue
            seen.add(product.sku.lower())
            offers.append(self._offered(product, via, anchor, scenario))
        products = {p.sku: p for p, _ in found.values()}
        subject = self.catalog.get(focus) if focus else None
        claims = self._claims(clauses, found, anchor, current, subject or current, scenario)
        claims += [Claim(claim=f"{o.name} offered with the {anchor.name}", kind="compatibility",
                         sku=o.sku, true=False,
                         actual="listed as compatible with " + ", ".join(products[o.sku].compatible_with))
                   for o in offers if o.relation == "incompatible"]
        lowered = text.lower()
        return Understanding(
            text=text, offers=tuple(offers), mentioned=tuple(products), claims=tuple(claims),
            answered=self._answered(text),
            pressure=tuple(p for p in self.library.pressure_phrases if _has_phrase(lowered, p)),
            price_framing=any(c.true and c.kind in ("price", "difference", "percent")
                              and c.sku not in (anchor.sku,) for c in claims),
            benefit=self._benefit(text, offers, products, anchor, scenario),
            closing=bool(_CLOSE.search(text)),
        )

    def _products(self, clauses: list[str], scenario: Scenario) -> dict[str, tuple[Product, str]]:
        """SKU -> (product, how it was named), in the order the reply names them: one per clause."""
        found: dict[str, tuple[Product, str]] = {}
        suggested = self.catalog.many([s["sku"] for s in (*scenario.upsells, *scenario.cross_sells)])
        for clause in clauses:
            words = set(content_tokens(clause))
            if not words:
                continue
            named = self._named(clause, words, scenario)
            if named is not None:
                found.setdefault(named[0].sku, named)
                continue
            for product in suggested.values():  # "a dock", "the warranty": a kind of product
                if product.sku not in found and product.category != scenario.anchor["category"] and \
                        names_kind(words, kind_words(product.category)):
                    found[product.sku] = (product, "kind")
                    break
        return found

    def _named(self, clause: str, words: set[str], scenario: Scenario) -> tuple[Product, str] | None:
        """The product a clause names by SKU or by name, if it clearly names one."""
        matches = self.advisor.search.find(clause, limit=3)
        if not matches:
            return None
        best = matches[0]
        if "sku" in best.signals:
            return best.product, "sku"
        if best.signals.get("name", 0) < NAME_COVERAGE:
            return None
        said = set(self.advisor.search.vocabulary.corrected(list(words)))
        name_words = set(tokens(best.product.name))
        hit = {w for w in name_words & said if _informative(w)}
        # One plain word ("team", "displayport") is not a product name; a model number ("470") is.
        if len(hit) < 2 and not any(any(ch.isdigit() for ch in w) for w in hit):
            return None
        anchor_words = set(tokens(scenario.anchor["name"]))
        if best.product.sku != scenario.anchor["sku"] and name_words - anchor_words and \
                not (name_words - anchor_words) & said:
            return None  # "ProBook ... G10" without "470" is the ProBook they are buying
        return best.product, "name"

    def _offered(self, product: Product, via: str, anchor: Product, scenario: Scenario) -> Offered:
        modelled = product.sku in {s["sku"] for s in (*scenario.upsells, *scenario.cross_sells)}
        same_line = product.category == anchor.category or (product.family and product.family == anchor.family)
        if product.sku in scenario.fitting_upsells or (same_line and product.price > anchor.price
                                                        and product.sku not in scenario.fitting_cross_sells):
            relation = "upsell"
        elif product.sku in scenario.fitting_cross_sells:
            relation = "cross_sell"
        elif incompatible(product, anchor):
            relation = "incompatible"
        else:
            relation = "irrelevant"
        fits = ", ".join(product.compatible_with[:3]) if relation == "incompatible" else ""
        return Offered(sku=product.sku, name=product.name, price=product.price, relation=relation,
                       via=via, modelled=modelled, fits=fits)

    def _claims(self, clauses: list[str], found: dict, anchor: Product, current: Product, about_default: Product,
                scenario: Scenario) -> list[Claim]:
        products = [p for p, _ in found.values()]
        claims: list[Claim] = []
        known = [anchor, current, about_default, *products]
        for clause in clauses:
            subject = self._subject(clause, products) or about_default
            about_default = subject
            claims += _money_claims(clause, subject, anchor, current, known, scenario)
            claims += _spec_claims(clause, subject, known)
        return claims

    def _subject(self, clause: str, products: list[Product]) -> Product | None:
        """The product a clause is about: the one whose name it covers best."""
        words = set(tokens(clause))
        best, best_cover = None, 0.0
        for product in products:
            name_words = set(tokens(product.name)) | {product.sku.lower()}
            cover = len(name_words & words) / max(len(name_words), 1)
            if product.sku.lower() in clause.lower():
                cover = 1.0
            if cover > best_cover:
                best, best_cover = product, cover
        if best is None:
            kinds = [p for p in products if names_kind(words, kind_words(p.category))]
            return kinds[0] if kinds else None
        return best

    def _answered(self, text: str) -> dict[str, float]:
        vector = self.encoder.encode_query(text)
        lowered = f" {text.lower()} "
        scores = {}
        for kind in KINDS:
            similarity = float(np.max(self._answers[kind] @ vector)) if len(self._answers[kind]) else 0.0
            hits = sum(1 for k in self._keywords[kind] if _has_phrase(lowered, k))
            scores[kind] = round(similarity + KEYWORD_BONUS * min(hits, MAX_KEYWORDS), 3)
        return scores

    def _benefit(self, text: str, offers: list[Offered], products: dict[str, Product], anchor: Product,
                 scenario: Scenario) -> bool:
        """The reply ties an offer to the customer's need, priorities or a spec that differs."""
        offers = [o for o in offers if o.relation in ("upsell", "cross_sell")]
        if not offers:
            return False
        names = {w for p in products.values() for w in content_tokens(p.name)}
        said = {w for w in content_tokens(text) if len(w) > 2} - names
        need = set(content_tokens(scenario.need)) | {p.lower() for p in scenario.priorities}
        if said & need:
            return True
        for offer in offers:
            product = products[offer.sku]
            if offer.relation == "upsell":
                differing = {k for k, v in product.attributes.items() if anchor.attributes.get(k) != v}
                facts = " ".join(product.attributes[k] for k in differing)
            else:
                facts = " ".join((*product.features, product.description or ""))
            if set(content_tokens(facts)) & said:
                return True
        return False


def _informative(word: str) -> bool:
    """A word that can name a product: not "1" or "m" from "1.4" or "2 m", but "470", "s24", "dock"."""
    return len(word) >= 3 or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", text) is not None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.51, abs(b) * 0.005)


def _money_claims(clause: str, subject: Product, anchor: Product, current: Product, known: list[Product],
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


def _spec_claims(clause: str, subject: Product, known: list[Product]) -> list[Claim]:
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
