"""A role-play scenario: a customer from the persona library, buying a product from the live catalog.

Everything random comes from `random.Random` seeded with the scenario's seed, so the same seed
(and catalog) gives the same customer, need, budget and objections, and so the same transcript.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import asdict, dataclass, field, replace

from bot.advisor import Advisor, parse_question
from bot.advisor.guardrails import cross_sell_rule, upsell_rule
from bot.advisor.money import money
from bot.language.speech import _
from bot.roleplay.library import Library, Persona
from catalog import Product
from catalog.errors import UnknownProduct

DIFFICULTIES = ("easy", "normal", "hard")
OBJECTIONS = {"easy": 1, "normal": 2, "hard": 3}  # how many objections the customer raises
PATIENCE = {"easy": 4, "normal": 3, "hard": 2}  # pushy moments tolerated before walking away
TEMPERAMENTS = {"easy": ("friendly", "analytical"), "normal": (),
                "hard": ("skeptical", "hurried", "analytical")}
PICK_TRIES = 40


class UnknownDifficulty(ValueError):
    def __init__(self, value: str):
        super().__init__(f"difficulty {value!r} is not one of {', '.join(DIFFICULTIES)}")


@dataclass(frozen=True)
class Scenario:
    seed: int
    difficulty: str
    persona: str  # persona id in the library
    customer: str
    company: str
    role: str
    temperament: str
    boss: str
    anchor: dict  # {sku, name, price, category, family}
    quantity: int
    budget: float  # per unit, everything included
    need: str  # "for office staff who want a full-size keyboard ..."
    need_short: str
    priorities: tuple[str, ...]
    competitor: dict | None  # a comparable product of another brand, from the catalog
    upsells: tuple[dict, ...]  # the advisor's suggestions for this anchor and budget (the model)
    cross_sells: tuple[dict, ...]
    fitting_upsells: tuple[str, ...]  # every upgrade the guardrails allow (not only the top ones)
    fitting_cross_sells: tuple[str, ...]
    objection_plan: tuple[str, ...]  # objection kinds, in the order they may come up
    patience: int
    notices_wrong_prices: bool
    currency: str = "EUR"
    notes: tuple[str, ...] = field(default=())

    def money(self, amount: float) -> str:
        return money(amount, self.currency)

    @property
    def goal(self) -> str:
        """What the rep should try, without giving the answer away (in the language in force)."""
        product, budget = self.anchor["name"], self.money(self.budget)
        if self.upsells and self.cross_sells:
            goal = _("Find the upgrade worth proposing at the decision point and then an add-on or two that fit "
                     "the {product}.")
        elif self.upsells:
            goal = _("Find the upgrade worth proposing at the decision point.")
        elif self.cross_sells:
            goal = _("Find an add-on or two that fit the {product}.")
        else:
            goal = _("Help the customer buy what fits.")
        return goal.format(product=product) + " " + _(
            "Stay within {budget} per unit, handle the objections, and don't push.").format(budget=budget)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["goal"] = self.goal
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("priorities", "upsells", "cross_sells", "fitting_upsells",
                    "fitting_cross_sells", "objection_plan", "notes"):
            known[key] = tuple(known.get(key) or ())
        return cls(**known)


def build_scenario(advisor: Advisor, library: Library, *, sku: str | None = None,
                   product: str | None = None, difficulty: str = "normal",
                   seed: int | None = None) -> Scenario:
    """A scenario for a SKU, a product named in words, or (neither) a product the seed picks."""
    if difficulty not in DIFFICULTIES:
        raise UnknownDifficulty(difficulty)
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    rng = random.Random(f"scenario:{seed}:{difficulty}")
    anchor = _anchor(advisor, rng, sku=sku, product=product)
    persona = _persona(library, rng, difficulty)
    quantity = rng.randint(*persona.team)
    plain = advisor.advise(anchor, question=None)
    budget = _budget(anchor, plain, difficulty, rng)
    model = advisor.advise(anchor, question=parse_question(f"max {budget:.0f} each"))
    upsells, crosses = _fitting(advisor, anchor)
    need, need_short = _need(anchor, persona)
    competitor = _competitor(advisor, anchor, model)
    return Scenario(
        seed=seed, difficulty=difficulty, persona=persona.id, customer=rng.choice(persona.names),
        company=rng.choice(persona.companies), role=persona.role, temperament=persona.temperament,
        boss=persona.boss, anchor=_summary(anchor), quantity=quantity, budget=budget, need=need,
        need_short=need_short, priorities=persona.priorities, competitor=competitor,
        upsells=tuple(s.to_dict() for s in model.upsell),
        cross_sells=tuple(s.to_dict() for s in model.cross_sell),
        fitting_upsells=upsells, fitting_cross_sells=crosses,
        objection_plan=_objection_plan(library, persona, rng, difficulty, competitor is not None),
        patience=PATIENCE[difficulty],
        notices_wrong_prices=persona.temperament in ("analytical", "skeptical") or difficulty == "hard",
        currency=anchor.currency, notes=model.notes,
    )


SAID = ("talking_points", "when", "objection", "reason", "details", "why")  # the words of a model pitch


def said_in_force(advisor: Advisor, scenario: Scenario) -> Scenario:
    """The scenario with its model pitch said again in the language in force: a trainer may have
    started it in theirs, and the rep reads the scorecard in their own. Only the words change; a
    product the advisor no longer suggests keeps the words it had."""
    anchor = advisor.catalog.get(scenario.anchor["sku"])
    if anchor is None:
        return scenario
    model = advisor.advise(anchor, question=parse_question(f"max {scenario.budget:.0f} each"))
    fresh = {s.product.sku: s.to_dict() for s in (*model.upsell, *model.cross_sell)}

    def again(suggestion: dict) -> dict:
        now = fresh.get(suggestion["sku"])
        return {**suggestion, **{k: now[k] for k in SAID if k in now}} if now else suggestion

    return replace(scenario, upsells=tuple(map(again, scenario.upsells)),
                   cross_sells=tuple(map(again, scenario.cross_sells)))


def _summary(product: Product) -> dict:
    return {**product.summary(), "category": product.category, "family": product.family,
            "brand": product.brand}


def _anchor(advisor: Advisor, rng: random.Random, *, sku: str | None,
            product: str | None) -> Product:
    if sku:
        return advisor.suggest(sku).anchor  # raises UnknownProduct with "did you mean"
    if product:
        advice = advisor.ask(product)
        if advice.anchor is None:
            raise UnknownProduct(product, did_you_mean=[m.product.sku for m in advice.alternatives])
        return advice.anchor
    # A product worth practising on: it has both an upgrade and an add-on to offer.
    families = [p for p in advisor.catalog.all() if p.available and p.family and p.tier]
    rng.shuffle(families)
    for anchor in families[:PICK_TRIES]:
        advice = advisor.advise(anchor, question=None)
        if advice.upsell and advice.cross_sell:
            return anchor
    if not families:
        raise UnknownProduct("(any product with a family and tier)")
    return families[0]


def _persona(library: Library, rng: random.Random, difficulty: str) -> Persona:
    wanted = TEMPERAMENTS[difficulty]
    pool = [p for p in library.personas if not wanted or p.temperament in wanted]
    return rng.choice(pool or list(library.personas))


def _budget(anchor: Product, advice, difficulty: str, rng: random.Random) -> float:
    """Per unit, all in. Easy: room for the upgrade and add-ons; hard: the upgrade only just fits."""
    ups = [s.product.price for s in advice.upsell]
    adds = sorted(s.product.price for s in advice.cross_sell)
    top = max(ups, default=anchor.price)
    if difficulty == "easy":
        budget = top + sum(adds[:2])
    elif difficulty == "normal":
        budget = (min(ups) if ups else anchor.price) + (adds[0] if adds else 0) * rng.uniform(1.0, 1.6)
    else:
        budget = (min(ups) if ups else anchor.price) * rng.uniform(1.0, 1.03)
    step = 50 if budget >= 500 else 10 if budget >= 50 else 1
    return float(math.ceil(budget / step) * step)


def _fitting(advisor: Advisor, anchor: Product) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every upgrade and add-on the advisor's guardrails would allow, ranked or not."""
    limits = advisor.limits
    ups = [c.product.sku for c in advisor.finder.upsells(anchor, floor=limits.relevance_floor,
                                                         max_jump=limits.max_price_jump)
           if upsell_rule(c.product, anchor, max_jump=limits.max_price_jump, budget=None) is None]
    adds = [c.product.sku for c in advisor.finder.cross_sells(anchor, floor=limits.relevance_floor)
            if cross_sell_rule(c.product, anchor, budget_left=None) is None]
    return tuple(ups), tuple(adds)


_FOR = re.compile(r"\bfor\s+(.+)$", re.IGNORECASE)


def _need(anchor: Product, persona: Persona) -> tuple[str, str]:
    """The customer's need, in the catalog's own words: the "for ..." of the product description."""
    sentence = re.split(r"(?<=[.!?])\s+", (anchor.description or "").strip(), maxsplit=1)[0]
    found = _FOR.search(sentence.rstrip("."))
    if not found:
        return f"for our {persona.role}'s everyday work", "everyday work"
    need = "for " + found.group(1).strip()
    words = found.group(1).split()
    short = []
    for word in words:
        if word.lower() in {"who", "that", "which", "and", "with", "where", "to"} or len(short) >= 6:
            break
        short.append(word.strip(","))
    return need, " ".join(short) or "everyday work"


def _competitor(advisor: Advisor, anchor: Product, advice) -> dict | None:
    """A comparable product of another brand (or line) at a similar price, from the catalog."""
    if not anchor.category:
        return None
    target = advice.upsell[0].product.price if advice.upsell else anchor.price
    upgrades = {s.product.sku for s in advice.upsell}  # the rival is never the upgrade to propose
    rivals = [p for p in advisor.catalog.in_category(anchor.category, min_price=anchor.price * 0.7,
                                                     max_price=target * 1.25)
              if p.available and p.sku != anchor.sku and p.family != anchor.family
              and (p.brand or "") != (anchor.brand or "") and p.sku not in upgrades]
    if not rivals:
        return None
    best = min(rivals, key=lambda p: (abs(p.price - target), p.sku))
    return _summary(best)


def _objection_plan(library: Library, persona: Persona, rng: random.Random, difficulty: str,
                    has_competitor: bool) -> tuple[str, ...]:
    weights = {k: w for k, w in persona.objection_weights.items()
               if w > 0 and (k != "competitor" or has_competitor)
               and any(o.kind == k for o in library.objections)}
    plan = []
    for _turn in range(OBJECTIONS[difficulty]):
        if not weights:
            break
        kinds = sorted(weights)
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        plan.append(kind)
        weights.pop(kind)  # each kind of objection comes up once
    return tuple(plan)
