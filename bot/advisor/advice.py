"""The advisor's answer, and its JSON form (a stable contract for `--json` and the Slack bot)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.advisor.glance import deal_totals
from bot.advisor.question import Question
from bot.advisor.search import Match
from bot.advisor.talking_points import Pitch
from catalog import Product
from catalog.specs import priced_per_order


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "cross_sell" or "upsell"
    product: Product
    score: float
    sources: tuple[str, ...]
    pitch: Pitch
    rank: int
    anchor_price: float
    why: str = ""  # the rule that made it a suggestion, in a rep's words

    @property
    def price_delta(self) -> float | None:
        return None if self.kind == "cross_sell" else round(self.product.price - self.anchor_price, 2)

    def to_dict(self) -> dict:
        data = {**self.product.summary(), "category": self.product.category}
        if self.kind == "upsell":
            data["price_delta"] = self.price_delta
        else:
            data["per_order"] = priced_per_order(self.product)  # one for the order, not one per unit
        data.update(score=round(self.score, 3), sources=list(self.sources), why=self.why,
                    talking_points=list(self.pitch.points), when=self.pitch.when,
                    objection=self.pitch.objection, reason=self.pitch.reason,
                    details=list(self.pitch.details))
        return data


@dataclass(frozen=True)
class Advice:
    question: Question | None
    anchor: Product | None
    confident: bool = True
    alternatives: tuple[Match, ...] = ()
    cross_sell: tuple[Suggestion, ...] = ()
    upsell: tuple[Suggestion, ...] = ()
    notes: tuple[str, ...] = field(default=())
    budget: float | None = None  # per unit in the catalog's currency, as compared (see Advisor.advise)
    language: str = "en"  # the language the answer is in: its talking points, notes and every view of it

    @property
    def found(self) -> bool:
        return self.anchor is not None

    def to_dict(self) -> dict:
        question = self.question
        data = {
            "question": question.text if question else None,
            "quantity": question.quantity if question else 1,
            "budget": self.budget if self.anchor is not None else (question.budget if question else None),
            "budget_stated": ({"amount": question.budget, "currency": question.budget_currency,
                               "text": question.budget_text} if question and question.budget else None),
            "mode": question.mode if question else "both",
            "language": self.language,
            "read_as": question.language if question else None,  # the question's language, as read
            "anchor": ({**self.anchor.summary(), "category": self.anchor.category,
                        "currency": self.anchor.currency, "confident": self.confident}
                       if self.anchor else None),
            "alternatives": [m.to_dict() for m in self.alternatives],
            "cross_sell": [s.to_dict() for s in self.cross_sell],
            "upsell": [s.to_dict() for s in self.upsell],
            "notes": list(self.notes),
        }
        if self.anchor is not None:  # nothing accepted yet: the order as asked
            totals = deal_totals(data)
            data.update(deal_total=totals.total, accepted_total=totals.accepted_total)
        return data
