"""What a rep's question says besides the product: quantity, budget, and which offers they want.

In any language there is a file for (bot/language): the question's language is detected from
its words, and it is read with that language's words plus English ones (reps mix in "max",
"only upgrades", "pcs"). Matching runs on the folded text (no accents, lower case), whose
character positions are the original's, so what is taken out for the product search is cut
from the text as the rep typed it. Local words for product kinds ("bärbara datorer") add the
English words a catalog uses ("laptop") to the search text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot import language as languages
from bot.language import Language, fold


@dataclass(frozen=True)
class Question:
    text: str
    search_text: str  # the text with budget and mode phrases taken out, for finding the product
    quantity: int = 1
    budget: float | None = None  # per unit, in budget_currency (the catalog's when None)
    budget_text: str | None = None  # how the rep said it
    want_cross_sell: bool = True
    want_upsell: bool = True
    budget_currency: str | None = None  # as stated: "högst 1 000 kr" is SEK
    language: str | None = None  # detected from the words; None when nothing tells

    @property
    def mode(self) -> str:
        if self.want_cross_sell and self.want_upsell:
            return "both"
        return "cross_sell" if self.want_cross_sell else "upsell"


def _any(parts) -> str:
    return "(?:" + "|".join(sorted(set(parts), key=len, reverse=True)) + ")"


class Reading:
    """The patterns for one set of languages, compiled once."""

    def __init__(self, langs: tuple[Language, ...]):
        pick = lambda name: [p for lang in langs for p in getattr(lang, name)]  # noqa: E731
        self.currencies = {k: v for lang in reversed(langs) for k, v in lang.currencies.items()}
        self.numbers = {k: v for lang in reversed(langs) for k, v in lang.numbers.items()}
        self.glossary = [(re.compile(rf"(?<!\w)(?:{k})(?!\w)"), v) for lang in langs for k, v in lang.glossary.items()]
        # "deksel til galaxy s24": the word for "for" stays, the product search reads what is for what
        # only for a language known to be the question's: a word of one is a product word in another
        self.stopwords = frozenset(w for w in langs[0].stopwords
                                   if not any(re.fullmatch(p, w) for p in pick("for_target")))
        currency = _any(self.currencies)
        pieces = _any(pick("pieces"))
        number = r"(?P<n>\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d{1,2}|,-)?|\d[\d,.]*(?:,-)?\s*k?)"
        amount = rf"(?:(?P<c1>{currency})\s*)?{number}(?![\w])\s*(?:(?P<c2>{currency})(?![\w]))?"
        # "iPhone 15 Pro Max 256" is a name, not a budget of 256
        around = rf"(?:{_any(pick('budget_around'))}\s*)?" if pick("budget_around") else ""
        self.before = re.compile(rf"(?<!\w)(?<!pro\s){_any(pick('budget_before'))}\s*:?\s*{around}{amount}")
        self.unit_after = re.compile(rf"\s*(?:{pieces}|{_any(pick('per_unit'))})(?!\w)")
        # a count is a count in any of our languages: "multi device, 20 st", "max 6 personen" in an English reading
        every = languages.languages().values()
        any_pieces = _any([p for lang in every for p in lang.pieces])
        self.count_after = re.compile(rf"\s*(?:{any_pieces}|{_any([u for lang in every for u in lang.units])})(?!\w)")
        self.after = re.compile(rf"{amount}\s*(?:{_any(pick('per_unit'))}\s*)?{_any(pick('budget_after'))}(?!\w)")
        # "around €900", "about 280 each": approximate, so a budget only with its currency or per unit said
        self.around_words = re.compile(rf"(?:(?<!\w)|(?<=~)){_any(pick('budget_around'))}\s*{amount}") \
            if pick("budget_around") else None
        self.priced = re.compile(rf"(?<![\w.,]){amount}")  # "1 100 kr st": a price per unit, no word before
        self.per_unit = re.compile(rf"(?<!\w){_any(pick('per_unit'))}(?!\w)")
        self.total = re.compile(rf"(?<!\w){_any(pick('total'))}(?!\w)")
        units, verbs = _any(pick("units")), _any(pick("quantity_verbs"))
        words = _any(self.numbers)
        measures = _any(["gb", "tb", "mb", "%", "eur", "euros?", "kr", "sek", "nok", "dkk", "mm", "cm", "w", "hz",
                         *pick("measures")])
        not_a_count = rf"(?!{measures}(?!\w))"  # "16 GB", "3 year warranty", "5 jaar garantie"
        self.quantity = [
            re.compile(r"(?<![\w.,])[x×]\s?(\d{1,5})(?!\w)"),  # "x4", "t14 gen 4 x 6"
            re.compile(rf"(?<!\w)(\d{{1,5}})\s*{pieces}(?![\w-])"),  # "15 stuks", "3x", "3 of them"
            re.compile(rf"(?<!\w)(\d{{1,5}})\s*{any_pieces}(?![\w-])"),  # "20 st" in a question read as English
            re.compile(rf"^(\d{{1,4}})\s+{not_a_count}(?=[a-z])"),  # "12 ProBook 450 for the office"
            re.compile(rf"(?<!\w)(\d{{1,5}})\s*{units}(?![\w-])"),  # "25 users", "2 screens"
            re.compile(r"(?<!\w)(\d{1,5})-(?:person|people|seat|user|man|head)(?!\w)"),
            re.compile(rf"(?<!\w){verbs}\s+(\d{{1,4}})(?:\s+{not_a_count}(?=[a-z])|\s*[?.!]?\s*$)"),
            re.compile(rf"(?<!\w)({words})\s+{units}(?![\w-])"),
            re.compile(rf"(?<!\w){verbs}\s+({words})\s+(?=[a-z])"),
            re.compile(rf"^({words})\s+{not_a_count}(?=[a-z])"),  # "ten hp 149a toners"
            re.compile(rf"(?<!\w){_any(pick('count_before'))}\s*(\d{{1,5}})(?!\w)"),  # "qty 18", "team of 9"
            re.compile(rf"(?<!\w)({words})\s*{pieces}(?![\w-])"),  # "seven of them"
            re.compile(r"(?:^|,)\s*(\d{1,4})\s*(?=,(?!\d)|$)"),  # "webcam for hybrid staff, 15, max 60 each"
        ]
        # "rooms for up to 8 people": what a product is for, not how many are bought
        self.capacity = re.compile(rf"(?<!\w){_any(pick('capacity'))}\s*$") if pick("capacity") else None
        self.upsell_only = re.compile(rf"(?<!\w){_any(pick('upsell_only'))}(?!\w)")
        self.cross_only = re.compile(rf"(?<!\w){_any(pick('cross_only'))}(?!\w)")

    def budget(self, folded: str) -> re.Match | None:
        """Where the question states a budget, the first way that holds: "max €1,100", "1k max",
        "around €900" or "about 280 each" (approximate: its currency or a per-unit word said), a
        price with its currency and per unit ("1 100 kr st"). A count is not money: "up to 8
        people", "max 6 personen per ruimte"."""
        def money(m: re.Match) -> bool:
            return bool(m.group("c1") or m.group("c2"))

        def per_unit(m: re.Match) -> bool:
            return bool(self.unit_after.match(folded, m.end()))

        for pattern, holds in ((self.before, None), (self.after, None), (self.around_words, "approximate"),
                               (self.priced, "priced")):
            for m in pattern.finditer(folded) if pattern is not None else ():
                if not money(m) and self.count_after.match(folded, m.end()):
                    continue  # a count of people, rooms, users
                if holds == "approximate" and not (money(m) or per_unit(m)):
                    continue  # "about 5 laptops" is a count
                if holds == "priced" and not (money(m) and per_unit(m)):
                    continue
                return m
        return None

    def for_capacity(self, folded: str, match: re.Match) -> bool:
        """The count says what the product is for ("up to 8 people"), not how many are bought."""
        return bool(self.capacity and self.capacity.search(folded, max(0, match.start() - 20), match.start()))

    def article(self, raw: str) -> bool:
        """"een", "ett", "en", "one": a word for 1 is as often "a" ("een stuk of 20", "till ett kontor")."""
        return not raw.isdigit() and self.count(raw) == 1

    def count(self, raw: str) -> int | None:
        if raw.isdigit():
            return int(raw)
        for word, value in self.numbers.items():
            if re.fullmatch(word, raw):
                return value
        return None

    def currency(self, raw: str | None) -> str | None:
        if not raw:
            return None
        for word, code in self.currencies.items():
            if re.fullmatch(word, raw):
                return code
        return None


@functools.cache
def reading(code: str | None) -> Reading:
    """A language's words plus English ones; every language's when none is known ("hp e27q 12st")."""
    english = languages.get(languages.DEFAULT)
    if code is None:
        return Reading((english, *(lang for lang in languages.languages().values() if lang is not english)))
    main = languages.get(code)
    return Reading((main,) if main is english else (main, english))


def parse_amount(raw: str) -> float | None:
    raw = raw.strip().lower().replace(" ", "").replace("\u00a0", "").removesuffix(",-")
    thousands = raw.endswith("k")
    raw = raw.rstrip("k").rstrip(".,")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", raw):  # 1.100 or 1.049,50 written the European way
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", raw):  # 1,5k or 899,50
        raw = raw.replace(",", ".")
    else:
        raw = raw.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value * 1000 if thousands else value


def parse_question(text: str, *, language: str | None = None) -> Question:
    """language: the rep's own (else detected from the words, else English)."""
    text = " ".join(text.split())
    detected = languages.detect(text)
    read = reading(language or detected)
    folded = fold(text)
    cut: list[tuple[int, int]] = []  # spans taken out of the search text
    quantity = 1
    for pattern in read.quantity:
        counts = (read.count(m.group(1)) for m in pattern.finditer(folded) if not read.for_capacity(folded, m)
                  and not read.article(m.group(1)))
        count = next((c for c in counts if c and 0 < c <= 100_000), None)
        if count:
            quantity = count
            break
    budget = budget_text = currency = None
    match = read.budget(folded)
    if match:
        budget = parse_amount(match.group("n"))
        if budget:
            budget_text = text[match.start():match.end()].strip()
            currency = read.currency(match.group("c1") or match.group("c2"))
            cut.append(match.span())
            near = folded[max(0, match.start() - 15):match.end() + 20]  # "each gets 2 monitors" is no price per unit
            each = read.per_unit.search(near) or read.unit_after.match(folded, match.end())
            if quantity > 1 and read.total.search(folded) and not each:
                budget = round(budget / quantity, 2)
    want_upsell = want_cross = True
    for pattern, which in ((read.upsell_only, "upsell"), (read.cross_only, "cross_sell")):
        found = list(pattern.finditer(folded))
        if found:
            want_cross, want_upsell = which == "cross_sell", which == "upsell"
            cut += [m.span() for m in found]
            break
    search = _translated(_without(text, cut), read)
    return Question(text=text, search_text=" ".join(search.split()), quantity=quantity, budget=budget,
                    budget_text=budget_text, want_cross_sell=want_cross, want_upsell=want_upsell,
                    budget_currency=currency, language=language or detected)


def _translated(search: str, read: Reading) -> str:
    """Each local word for a kind of product followed by the catalog's English words for it, in
    place ("deksel til galaxy s24" -> "deksel case til galaxy s24"): what the rep wants stays
    apart from what it is for."""
    folded = fold(search)
    inserts: dict[int, list[str]] = {}
    for pattern, english in read.glossary:
        for match in pattern.finditer(folded):
            if english not in inserts.get(match.end(), []):
                inserts.setdefault(match.end(), []).append(english)
    for end in sorted(inserts, reverse=True):
        search = f"{search[:end]} {' '.join(inserts[end])}{search[end:]}"
    if read.stopwords:  # "klant zoekt een laptop voor de boekhouding": the model reads "laptop boekhouding"
        search = " ".join(w for w in search.split() if fold(w).strip(".,;:!?()") not in read.stopwords)
    return search


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text
