"""How well reps' questions are understood, per language: labelled questions (JSON Lines) asked
as the bot would ask them, compared field by field.

Each line: `id`, `language`, `question`, `sku` (the product meant) with `also_ok` (others that
fit the need as well), `quantity`, `budget` (null, or `amount` as stated, `currency`, `per`
unit|total) and `mode` (both|upsell|cross_sell). Figures per language:
- product: the product found is the one meant or an acceptable one (a question the bot could
  not place counts as missed);
- quantity, mode: exactly right;
- budget: found when stated (and not when not), with the amount per unit (a total divided by
  the quantity) within a cent and the currency right (none stated means the catalog's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.evaluation.replies import _json_lines

REQUIRED = ("id", "language", "question", "sku", "quantity", "budget", "mode")
FIELDS = ("product", "quantity", "budget", "mode")


@dataclass
class LanguageFigures:
    questions: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    named: list[int] = field(default_factory=lambda: [0, 0])  # product right, questions: naming it
    described: list[int] = field(default_factory=lambda: [0, 0])  # only describing the need
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def rates(self) -> dict[str, float]:
        return {f: round(self.right[f] / self.questions, 3) if self.questions else 0.0 for f in FIELDS}

    def to_dict(self) -> dict:
        share = lambda pair: round(pair[0] / pair[1], 3) if pair[1] else None  # noqa: E731
        return {"questions": self.questions, **self.rates(), "product_when_named": share(self.named),
                "product_when_described": share(self.described),
                "misses": {k: v[:10] for k, v in self.misses.items()}}


def load_questions(path: str | Path) -> list[dict]:
    return _json_lines(path, REQUIRED)


def evaluate_questions(advisor, path: str | Path, *, language: str | None = None) -> dict[str, LanguageFigures]:
    """language forces one for every question (the rep's choice); default: detected per question."""
    figures: dict[str, LanguageFigures] = defaultdict(LanguageFigures)
    for record in load_questions(path):
        advice = advisor.ask(record["question"], language=language)
        question = advice.question
        result = figures[record["language"]]
        result.questions += 1
        found = advice.anchor.sku if advice.anchor is not None else None
        wanted = {record["sku"].lower(), *(s.lower() for s in record.get("also_ok") or ())}
        checks = {
            "product": found is not None and found.lower() in wanted,
            "quantity": question.quantity == int(record["quantity"]),
            "budget": _budget_right(record, question),
            "mode": question.mode == record["mode"],
        }
        for name, ok in checks.items():
            result.right[name] += ok
            if not ok:
                got = {"product": found, "quantity": question.quantity, "mode": question.mode,
                       "budget": (question.budget, question.budget_currency)}[name]
                result.misses[name].append(f"{record['id']}: {record['question']!r} → {got}")
        tally = result.named if record.get("names_product", True) else result.described
        tally[0] += checks["product"]
        tally[1] += 1
    return dict(sorted(figures.items()))


def _budget_right(record: dict, question) -> bool:
    stated = record["budget"]
    if not stated:
        return question.budget is None
    if question.budget is None:
        return False
    amount = float(stated["amount"])
    quantity = max(int(record["quantity"]), 1)
    per_unit = amount / quantity if stated.get("per") == "total" else amount
    currency = (stated.get("currency") or "EUR").upper()
    return abs(question.budget - round(per_unit, 2)) <= 0.01 and (question.budget_currency or "EUR") == currency
