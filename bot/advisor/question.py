"""What a rep's question says besides the product: quantity, budget, and which offers they want."""

from __future__ import annotations

import re
from dataclasses import dataclass

_AMOUNT = r"(?:€|eur\b|euros?\b|\$|usd\b|£)?\s*(\d[\d,.]*\s*k?)\b\s*(?:€|eur\b|euros?\b|\$|usd\b|£)?"
_BUDGET_BEFORE = re.compile(
    r"\b(?:max(?:imum)?|budget(?:\s+(?:of|is|at))?|under|below|up\s+to|upto|at\s+most|"
    r"less\s+than|no\s+more\s+than|within|cap(?:ped)?\s+at|spend(?:ing)?(?:\s+up\s+to)?)\s*:?\s*"
    + _AMOUNT, re.IGNORECASE)
_BUDGET_AFTER = re.compile(
    _AMOUNT + r"\s*(?:max(?:imum)?|tops|or\s+less|budget|in\s+total|total)\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"\b(?:each|per\s+(?:unit|seat|user|device|person|piece|license|licence)|"
                       r"a\s+piece|apiece|per\s+laptop|per\s+phone)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:in\s+total|total|overall|for\s+all(?:\s+of\s+them)?|altogether)\b",
                    re.IGNORECASE)
_UNITS = (r"(?:x|×|units?|pcs|pieces|seats?|licen[cs]es?|users?|people|persons?|employees|staff|"
          r"devices|laptops|notebooks|phones|monitors|screens|desks|chairs|reps|agents|workers)")
_QUANTITY = [
    re.compile(r"\b(\d{1,5})\s*" + _UNITS + r"(?![\w-])", re.IGNORECASE),
    re.compile(r"\b(\d{1,5})-(?:person|people|seat|user|man|head)\b", re.IGNORECASE),
    re.compile(r"\b(?:buying|getting|ordering|orders?|order\s+of|takes?|taking|wants?|needs?|"
               r"purchasing|buys?)\s+(\d{1,4})\s+(?!(?:gb|tb|mb|inch|in|hours?|years?|months?|"
               r"days?|%|eur|euros?)\b)(?=[a-z])", re.IGNORECASE),
]
_UPSELL_ONLY = re.compile(
    r"\b(?:only|just)\s+(?:an?\s+|the\s+)?(?:upsells?|upgrades?)\b|\b(?:upsells?|upgrades?)\s+only\b|"
    r"\bno\s+(?:cross[- ]?sells?|accessories|add[- ]?ons)\b", re.IGNORECASE)
_CROSS_ONLY = re.compile(
    r"\b(?:only|just)\s+(?:the\s+)?(?:cross[- ]?sells?|accessories|add[- ]?ons|extras)\b|"
    r"\b(?:cross[- ]?sells?|accessories|add[- ]?ons)\s+only\b|\bno\s+(?:upsells?|upgrades?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    text: str
    search_text: str  # the text with budget and mode phrases taken out, for finding the product
    quantity: int = 1
    budget: float | None = None  # per unit
    budget_text: str | None = None  # how the rep said it
    want_cross_sell: bool = True
    want_upsell: bool = True

    @property
    def mode(self) -> str:
        if self.want_cross_sell and self.want_upsell:
            return "both"
        return "cross_sell" if self.want_cross_sell else "upsell"


def parse_amount(raw: str) -> float | None:
    raw = raw.strip().lower().replace(" ", "")
    thousands = raw.endswith("k")
    raw = raw.rstrip("k").rstrip(".,")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):  # 1.100 written the European way
        raw = raw.replace(".", "")
    elif re.fullmatch(r"\d+,\d{1,2}", raw):  # 1,5k or 899,50
        raw = raw.replace(",", ".")
    else:
        raw = raw.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value * 1000 if thousands else value


def parse_question(text: str) -> Question:
    text = " ".join(text.split())
    search = text
    quantity = 1
    for pattern in _QUANTITY:
        match = pattern.search(text)
        if match and 0 < int(match.group(1)) <= 100_000:
            quantity = int(match.group(1))
            break
    budget = budget_text = None
    match = _BUDGET_BEFORE.search(text) or _BUDGET_AFTER.search(text)
    if match:
        budget = parse_amount(match.group(1))
        if budget:
            budget_text = match.group(0).strip()
            search = search.replace(match.group(0), " ")
            if quantity > 1 and _TOTAL.search(text) and not _PER_UNIT.search(text):
                budget = round(budget / quantity, 2)
    want_upsell = want_cross = True
    if _UPSELL_ONLY.search(text):
        want_cross = False
        search = _UPSELL_ONLY.sub(" ", search)
    elif _CROSS_ONLY.search(text):
        want_upsell = False
        search = _CROSS_ONLY.sub(" ", search)
    return Question(text=text, search_text=" ".join(search.split()), quantity=quantity,
                    budget=budget, budget_text=budget_text, want_cross_sell=want_cross,
                    want_upsell=want_upsell)
