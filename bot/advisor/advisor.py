"""The advisor: a rep's question (or anchor SKUs) in, cross-sells and upsells with pitches out."""

from __future__ import annotations

from dataclasses import dataclass

from bot.advisor.advice import Advice, Suggestion
from bot.advisor.candidates import CURATED, FAMILY, Candidate, CandidateFinder
from bot.advisor.coverage import complement
from bot.advisor.guardrails import cross_sell_rule, fit_targets, upsell_rule
from bot.advisor.money import money
from bot.advisor.question import Question, parse_question
from bot.advisor.search import Match, ProductSearch
from bot.advisor.talking_points import cross_sell_pitch, upsell_pitch
from bot.advisor.why import cross_sell_why, upsell_why
from bot.language import speech
from bot.language.speech import _
from catalog import Catalog, Product
from catalog.errors import UnknownProduct
from catalog.taxonomy import same_kind

MIN_ANCHOR_SCORE = 0.35  # below this the bot says it did not find the product
CONFIDENT_MARGIN = 0.08  # the best match must lead the next by this much to be "sure"


@dataclass(frozen=True)
class Limits:
    max_cross_sells: int = 3
    max_upsells: int = 2
    max_price_jump: float = 0.5
    relevance_floor: float = 0.30
    fx: tuple[tuple[str, str, float], ...] = ()  # (from, to, rate): 1 from = rate to


class Advisor:
    def __init__(self, *, catalog: Catalog, search: ProductSearch, finder: CandidateFinder,
                 limits: Limits = Limits()):
        self.catalog = catalog
        self.currency = catalog.main_currency()
        self.search = search
        self.finder = finder
        self.limits = limits

    def ask(self, text: str, *, language: str | None = None) -> Advice:
        """language: the rep's own, when known; else it is detected from the question."""
        with self.catalog.snapshot():  # one look at the catalog's version; its reads kept until it moves
            return self._ask(text, language=language)

    def _ask(self, text: str, *, language: str | None) -> Advice:
        question = parse_question(text, language=language)
        same_money = question.budget_currency in (None, self.currency)
        matches = self.search.find(question.search_text or question.text, limit=5,
                                   budget=question.budget if same_money else None)
        if not matches or matches[0].score < MIN_ANCHOR_SCORE:
            return Advice(question=question, anchor=None, confident=False,
                          alternatives=tuple(matches[:3]), language=speech.current())
        best = matches[0]
        runner_up = matches[1] if len(matches) > 1 else None
        confident = "sku" in best.signals or runner_up is None or \
            best.score - runner_up.score >= CONFIDENT_MARGIN
        # Alternatives are other readings of the question, not accessories of the product found.
        alternatives = tuple(m for m in matches[1:4] if m.score >= best.score * 0.6
                             and not fit_targets(best.product) & {
                                 t.lower() for t in m.product.compatible_with})
        return self.advise(best.product, question=question, confident=confident,
                           alternatives=alternatives)

    def suggest(self, sku: str) -> Advice:
        with self.catalog.snapshot():
            return self._suggest(sku)

    def _suggest(self, sku: str) -> Advice:
        anchor = self.catalog.get(sku)
        if anchor is None:
            close = [m.product.sku for m in self.search.find(sku, limit=3)]
            raise UnknownProduct(sku, did_you_mean=close)
        return self.advise(anchor, question=None)

    def advise(self, anchor: Product, *, question: Question | None, confident: bool = True,
               alternatives: tuple[Match, ...] = ()) -> Advice:
        with self.catalog.snapshot():
            return self._advise(anchor, question=question, confident=confident, alternatives=alternatives)

    def _advise(self, anchor: Product, *, question: Question | None, confident: bool,
                alternatives: tuple[Match, ...]) -> Advice:
        notes = []  # what the budget leaves is the views' budget line (bot.advisor.glance)
        budget = self._budget(question, anchor, notes)
        if not anchor.available:
            notes.append((_("The {product} itself is discontinued.") if anchor.status != "active"
                          else _("The {product} itself is out of stock.")).format(product=anchor.name))
        want_cross = question.want_cross_sell if question else True
        want_up = question.want_upsell if question else True
        upsell, over_budget = self._upsells(anchor, budget) if want_up else ((), [])
        if over_budget and not upsell:
            notes.append(_("Over the budget, so not offered: {products}.").format(products=", ".join(
                f"{p.name} ({money(p.price, p.currency)})" for p in over_budget[:2])))
        elif want_up and not upsell:
            jump = speech.percent(self.limits.max_price_jump)
            notes.append((_("No upsell: no better version of the {product} within +{jump} and the budget.")
                          if budget else _("No upsell: no better version of the {product} within +{jump}."))
                         .format(product=anchor.name, jump=jump))
        taken = {s.product.sku for s in upsell}
        return Advice(
            question=question, anchor=anchor, confident=confident, alternatives=alternatives,
            cross_sell=self._cross_sells(anchor, budget, taken) if want_cross else (),
            upsell=upsell, notes=tuple(notes), budget=budget, language=speech.current(),
        )

    def _budget(self, question: Question | None, anchor: Product, notes: list[str]) -> float | None:
        """The budget per unit in the catalog's currency. A budget in another currency is converted
        when SALESBOT_FX gives a rate, and otherwise not compared at all (said in a note)."""
        if question is None or question.budget is None:
            return None
        stated = question.budget_currency
        if stated is None or stated == anchor.currency:
            return question.budget
        rate = next((r for source, target, r in self.limits.fx if (source, target) == (stated, anchor.currency)), None)
        if rate is None:
            notes.append(_("The budget ({budget}) is in {stated} and the catalog's prices are in {currency}, so it "
                           "was not compared; set SALESBOT_FX (e.g. {stated}/{currency}=0.09) to convert.").format(
                budget=question.budget_text, stated=stated, currency=anchor.currency))
            return None
        converted = round(question.budget * rate, 2)
        notes.append(_("The budget ({budget}) is about {converted} per unit at {stated}/{currency} {rate}.").format(
            budget=question.budget_text, converted=money(converted, anchor.currency), stated=stated,
            currency=anchor.currency, rate=speech.decimal(rate)))
        return converted

    def _cross_sells(self, anchor: Product, budget: float | None,
                     taken: set[str]) -> tuple[Suggestion, ...]:
        left = None if budget is None else budget - anchor.price
        allowed = [c for c in self.finder.cross_sells(anchor, floor=self.limits.relevance_floor)
                   if c.product.sku not in taken
                   and cross_sell_rule(c.product, anchor, budget_left=left) is None]
        chosen = []
        ranked = _ranked(allowed)
        while len(chosen) < self.limits.max_cross_sells:
            # One offer per kind of product (variety, not a pile of cases, nor a men's and a
            # women's jacket for a bag), unless the team's orders show customers take this one too.
            ranked = [c for c in ranked if c.led_by_history
                      or not any(same_kind(c.product, other.product) for other in chosen)]
            if not ranked:
                break
            candidate = complement(ranked, chosen)
            ranked.remove(candidate)
            chosen.append(candidate)
        return tuple(_suggestion("cross_sell", anchor, c, rank, cross_sell_pitch(anchor, c),
                                 cross_sell_why(anchor, c))
                     for rank, c in enumerate(chosen, start=1))

    def _upsells(self, anchor: Product,
                 budget: float | None) -> tuple[tuple[Suggestion, ...], list[Product]]:
        """The upsells, and the upgrades that only the stated budget kept out (to say so)."""
        found = _ranked(self.finder.upsells(anchor, floor=self.limits.relevance_floor,
                                            max_jump=self.limits.max_price_jump))
        allowed = [c for c in found if upsell_rule(
            c.product, anchor, max_jump=self.limits.max_price_jump, budget=budget) is None]
        over_budget = [c.product for c in found if budget is not None and upsell_rule(
            c.product, anchor, max_jump=self.limits.max_price_jump, budget=None) is None
            and c not in allowed]
        # The catalog's own upgrade path (curated links, the next tier) is the upsell when it
        # has an offerable one; similar pricier products (another brand or line) stand in only
        # without it.
        structural = [c for c in allowed if CURATED in c.sources or FAMILY in c.sources]
        chosen = (structural or allowed)[: self.limits.max_upsells]
        return tuple(_suggestion("upsell", anchor, c, rank, upsell_pitch(anchor, c), upsell_why(anchor, c))
                     for rank, c in enumerate(chosen, start=1)), over_budget


def _ranked(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, -(c.product.rating or 0), c.product.sku))


def _suggestion(kind: str, anchor: Product, candidate: Candidate, rank: int, pitch,
                why: str) -> Suggestion:
    return Suggestion(kind=kind, product=candidate.product, score=candidate.score,
                      sources=candidate.ranked_sources(),
                      pitch=pitch, rank=rank, anchor_price=anchor.price, why=why)
