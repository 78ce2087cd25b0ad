"""How reps name products: by SKU, by name, by a model token ("the R8", "the 470"), by a word
that sets one of the scenario's upgrades apart ("the Ultra"), or by the word for what an add-on
is ("a footrest"). One product per segment, the one the segment clearly names.
"""

from __future__ import annotations

import re

from bot.advisor import Advisor
from bot.advisor.words import STOP_WORDS, tokens
from bot.roleplay.grammar import MONEY, PERCENT, figures
from bot.roleplay.scenario import Scenario
from bot.roleplay.settling import offers_something
from catalog import Product, taxonomy

STOP = STOP_WORDS | {"gb", "tb", "wi", "fi", "usb", "black", "white", "silver", "grey", "gray", "for", "with",
                     "new", "edition", "pack", "set", "kit"}
NAME_COVERAGE = 0.45  # share of a product name (by word rarity) a clause must contain
FEW_NAMES = 6  # a word in at most this many product names names a product line
CLEAR_SCORE, CLEAR_LEAD = 0.45, 0.1  # or two of its words, with a search score that clearly leads


# How reps shorten what catalogs spell out: "ADP" is accidental damage (protection), "3-yr" and
# "2Y" are 3-year and 2-year, "w/" is with, "TB4" is Thunderbolt 4.
_SHORT = ((re.compile(r"\badp\b", re.I), "accidental damage"),
          (re.compile(r"\b(\d{1,2})\s?-?\s?(?:yrs?|y)\b", re.I), r"\1-year"),
          (re.compile(r"\bw/\s?", re.I), "with "),
          (re.compile(r"\btb\s?([345])\b", re.I), r"Thunderbolt \1"))


def spelled_out(clause: str) -> str:
    for pattern, replacement in _SHORT:
        clause = pattern.sub(replacement, clause)
    return clause


class Namer:
    def __init__(self, advisor: Advisor):
        self.advisor = advisor
        self.catalog = advisor.catalog
        self._models: dict[str, list[tuple[str, frozenset[str]]]] | None = None
        self._distinct: dict[tuple, tuple[dict[str, str], dict[str, str]]] = {}
        self._rare: set[str] | None = None
        self._few: frozenset[str] | None = None
        self._joined: frozenset[str] | None = None
        self._plays: dict[tuple, tuple[list[str], list[str]]] = {}
        self._own: dict[str, str] | None = None
        self._counts: dict[str, int] | None = None

    def named(self, clause: str, words: set[str], scenario: Scenario, *,
              current: str | None = None) -> tuple[Product, str] | None:
        """The product a clause names by SKU, by name, or by a model number ("the R8", "the 470")."""
        named = self._by_name(clause, words, scenario, current)
        model = self._by_model(clause) or self._by_scenario_word(clause, scenario, current) or \
            (None if named else self._by_own_word(clause))
        if model is not None and (named is None or (named[1] != "sku" and model.sku != named[0].sku and
                                                    _covers(model, clause) > _covers(named[0], clause))):
            return model, "name"  # "Tab S9" is the Tab S9, not the Tab S9 FE they are buying
        return named

    def _by_model(self, clause: str) -> Product | None:
        """Short names reps use: a model token ("r8", "470", "s24+") and whatever else of the
        name the clause has; the product whose name it covers best, if one does clearly."""
        if self._models is None:
            self._models = {}
            for product in self.catalog.all():
                name = frozenset(tokens(product.name))
                for token in name:
                    if _model_token(token):
                        self._models.setdefault(token, []).append((product.sku, name))
                        glued = re.fullmatch(r"\d+([a-z]+\d+[a-z0-9]*)", token)  # "XM5" of "WH-1000XM5"
                        if glued:
                            self._models.setdefault(glued.group(1), []).append((product.sku, name | {glued.group(1)}))
        plain = PERCENT.sub(" ", MONEY.sub(" ", clause))  # "€3,300" is no Brio 300
        plain = re.sub(r"\b\d+(?:[.,]\d+)?\s?(?:-\s?)?(?:inch|in\b|\"|gb|tb|hz|mp|mm|cm|hours?|x\b)", " ", plain,
                       flags=re.IGNORECASE)
        said = set(tokens(plain))
        said |= {t[:-1] for t in said if t.endswith("s") and t not in self._models and t[:-1] in self._models}  # "S9s"
        best: dict[str, float] = {}
        for token in said:
            for sku, name in self._models.get(token, ()):
                best[sku] = max(best.get(sku, 0.0), len(name & said) / len(name))
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - 1e-9:
            return None  # "the 128 GB" names no one product
        return self.catalog.get(ranked[0][0])

    def _by_scenario_word(self, clause: str, scenario: Scenario, current: str | None = None) -> Product | None:
        """"The Ultra", "the Pro Max", "the 65", "the Plus": a word of the name that sets one of the
        upgrades that fit the scenario apart from the product being bought and from each other."""
        key = (scenario.anchor["sku"], scenario.seed, scenario.difficulty, current)
        if key not in self._distinct:
            self._distinct[key] = self._scenario_words(scenario, current)
        distinct, how = self._distinct[key]
        said = [t for t in tokens(PERCENT.sub(" ", MONEY.sub(" ", clause)))]
        # "footrests", "installation": an add-on's words in another form (an upgrade's "Team" is not "teams")
        said += [w for t in said for w in (taxonomy.singular(t),) if w != t and how.get(w, "any") != "any"]
        said += [w for t in said if len(t) >= 5 for w in distinct if w != t and how[w] != "any" and _same_stem(t, w)]
        hits = set()
        for word in dict.fromkeys(said):
            sku = distinct.get(word)
            if sku is None or (how[word] == "kind" and not _offered_near(word, clause)):
                continue  # "it's meant for part-time desks" says what it is for; "chair mat €44.90" offers
            if how[word] == "name" and not (self._more_of_name(sku, word, said) or offers_something(clause) or
                                            _written_as_name(word, clause, bool(figures(clause)))):
                continue  # "carry them around" is no Carry-In Warranty; "the Carry-In cover" is
            hits.add(sku)
        hits |= {sku for w in said if len(w) >= 3 and any(c.isdigit() for c in w)
                 for name_word, sku in distinct.items() if name_word != w and name_word.startswith(w)}
        if len(hits) > 1:  # "3-yr accidental damage": of the plans it could be, the 3-year one
            hits = {sku for sku in hits if not _numbers_differ(clause, self.catalog.get(sku).name)}
        return self.catalog.get(hits.pop()) if len(hits) == 1 else None

    def _play(self, scenario: Scenario, current: str | None) -> tuple[list[str], list[str]]:
        """What the conversation is about, besides the product being bought: its upgrades (those that
        fit, and the family's higher tiers over budget) and add-ons (those that fit, and once the
        customer took an upgrade, the accessories that state they fit it)."""
        key = (scenario.anchor["sku"], scenario.seed, scenario.difficulty, current)
        if key not in self._plays:
            anchor = self.catalog.get(scenario.anchor["sku"])
            ups = [*scenario.fitting_upsells, *(s["sku"] for s in scenario.upsells)]
            if anchor is not None and anchor.family:
                ups += [p.sku for p in self.catalog.family(anchor.family) if p.price > anchor.price]
            adds = [*scenario.fitting_cross_sells, *(s["sku"] for s in scenario.cross_sells)]
            if current and current != scenario.anchor["sku"]:
                adds += self.catalog.compatible_with([current], offerable=True)
            self._plays[key] = (list(dict.fromkeys(ups)), [a for a in dict.fromkeys(adds) if a not in ups])
        return self._plays[key]

    def in_play(self, scenario: Scenario, current: str | None = None) -> set[str]:
        ups, adds = self._play(scenario, current)
        return {scenario.anchor["sku"], *ups, *adds}

    def _more_of_name(self, sku: str, word: str, said: list[str]) -> bool:
        return bool((_name_forms(self.catalog.get(sku).name) - STOP - {word}) & set(said))

    def _scenario_words(self, scenario: Scenario, current: str | None = None
                        ) -> tuple[dict[str, str], dict[str, str]]:
        """Word -> SKU for the words that set one product in play apart, and how each names it:
        "any" (an upgrade's word, what a plan covers), "name" (a word few names have, such as
        "Defender": written as a name or beside another word of it) or "kind" (the noun for what it
        is, such as "tripod": in a clause that offers or prices it)."""
        ups, adds = self._play(scenario, current)
        products = self.catalog.many([*ups, *adds])
        anchor = self.catalog.get(scenario.anchor["sku"])
        anchor_words = set(tokens(scenario.anchor["name"])) | _spec_words(anchor)
        rare, few = self._rare_words(), self.rare_words()
        words: dict[str, set[str]] = {}
        how: dict[str, str] = {}
        for sku, product in products.items():
            for w in _name_forms(product.name) - anchor_words - STOP - _MEASURES:
                if sku in ups or _protection_word(w, product):
                    kind = "any"
                elif _names_its_kind(w, product) and w not in _GENERIC:
                    kind = "kind"
                elif w in rare or w in few:
                    kind = "name"
                else:
                    continue
                words.setdefault(sku, set()).add(w)
                how[w] = "any" if how.get(w) == "any" else kind
        counts: dict[str, int] = {}
        for ws in words.values():
            for w in ws:
                counts[w] = counts.get(w, 0) + 1
        distinct = {w: sku for sku, ws in words.items() for w in ws
                    if counts[w] == 1 and (len(w) >= 3 or any(c.isdigit() for c in w))}
        return distinct, how

    def _by_own_word(self, clause: str) -> Product | None:
        """"Get the UltraSharp 4K instead": a word only one product's name has, written as a name."""
        owners = self._own_words()
        hits = {owners[w] for w in set(tokens(clause)) if w in owners and w in self.rare_words() and w.isalpha()
                and (re.search(r"\b[A-Z][a-z]+[A-Z]\w*", _as_written(w, clause))  # "UltraSharp", "ErgoSeat"
                     or (offers_something(clause) and _written_as_name(w, clause, True)))}
        return self.catalog.get(hits.pop()) if len(hits) == 1 else None

    def _own_words(self) -> dict[str, str]:
        """Word -> SKU for the words only one product's name has."""
        if self._own is None:
            counts = self._name_counts()
            self._own = {w: product.sku for product in self.catalog.all() for w in set(tokens(product.name))
                         if counts.get(w) == 1}
        return self._own

    def _rare_words(self) -> set[str]:
        """Words found in at most two product names of the catalog ("footrest", "assembly")."""
        if self._rare is None:
            self._rare = {w for w, n in self._name_counts().items() if n <= 2 and len(w) >= 5}
        return self._rare

    def joined_words(self) -> frozenset[str]:
        """Words beside a "plus" or " + " inside a product name, where a reply's clause goes on."""
        if self._joined is None:
            joined = set()
            for name in self.catalog.product_names():
                words = re.findall(r"[a-z0-9]+|\s\+\s", name.lower())
                for i, word in enumerate(words):
                    if word.strip() in ("plus", "+"):
                        joined.update(w for w in words[max(i - 1, 0):i + 2:2] if w.strip() not in ("plus", "+"))
            self._joined = frozenset(joined)
        return self._joined

    def rare_words(self) -> frozenset[str]:
        """Words few product names share ("defender", "temperedglass"): one of them names a line."""
        if self._few is None:
            kinds = {w for category in self.catalog.categories() for w in tokens(category)}
            kinds |= {w.rstrip("s") for w in kinds}  # "camera" is a kind of product, not a name
            self._few = frozenset(w for w, n in self._name_counts().items()
                                  if n <= FEW_NAMES and len(w) >= 5 and w not in kinds and w.rstrip("s") not in kinds)
        return self._few

    def _name_counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = {}
            for name in self.catalog.product_names():
                for word in set(tokens(name)):
                    self._counts[word] = self._counts.get(word, 0) + 1
        return self._counts

    def _by_name(self, clause: str, words: set[str], scenario: Scenario,
                 current: str | None = None) -> tuple[Product, str] | None:
        """The product a clause names by SKU or by name, if it clearly names one."""
        matches = [m for m in self.advisor.search.find(clause, limit=3) if not _numbers_differ(clause, m.product.name)]
        if not matches:
            return None
        best = matches[0]
        in_play = self.in_play(scenario, current)
        if best.product.sku not in in_play:  # of close readings, the product in play
            best = next((m for m in matches[1:] if m.product.sku in in_play and m.score >= best.score - 0.1), best)
        if "sku" in best.signals:
            return best.product, "sku"
        said = set(self.advisor.search.vocabulary.corrected(list(words)))
        name_words = set(tokens(best.product.name))
        hit = {w for w in name_words & said if _informative(w)}
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        clear = len(hit) >= 2 and best.score >= CLEAR_SCORE and best.score - runner_up >= CLEAR_LEAD
        if best.signals.get("name", 0) < NAME_COVERAGE and not clear:
            return None  # "the Cypress backpack" is clear; "a Targus bag" is not
        # One plain word ("team", "displayport") is not a product name; a model number ("470") is.
        if len(hit) < 2 and not any(any(ch.isdigit() for ch in w) for w in hit):
            return None
        if _numbers_differ(clause, best.product.name):
            return None  # "3-year accidental damage" is not the 2-Year plan, "a 64 GB card" not the 128 GB
        anchor_words = set(tokens(scenario.anchor["name"]))
        if best.product.sku != scenario.anchor["sku"] and name_words - anchor_words and \
                not (name_words - anchor_words) & said:
            return None  # "ProBook ... G10" without "470" is the ProBook they are buying
        return best.product, "name"


_PROTECTION_WORDS = frozenset({"care", "warranty", "protection", "damage", "adp", "onsite", "on-site", "cover"})


def _protection_word(word: str, product: Product) -> bool:
    """"Phone Care", "the ADP cover", "on-site care": what reps call the plan in play (if one)."""
    return word in _PROTECTION_WORDS and bool(re.search(r"warrant|protect|care|damage", product.name, re.I))


def _name_forms(name: str) -> set[str]:
    """A name's words as written and in the singular ("Footrests" → footrests, footrest)."""
    words = tokens(name)
    return {*words, *map(taxonomy.singular, words)}


def _spec_words(product: Product | None) -> set[str]:
    """What a product's specs talk about ("screen", "battery"): a rep saying them means the product."""
    if product is None:
        return set()
    return {w for key in product.spec_attributes for w in tokens(key)}


def _as_written(word: str, clause: str) -> str:
    match = re.search(r"\b" + re.escape(word) + r"\w*", clause, re.IGNORECASE)
    return match.group(0) if match else ""


def _offered_near(word: str, clause: str) -> bool:
    """A figure or an offer phrase within a few words of the noun: "chair mat €44.90", "add a tripod"."""
    for match in re.finditer(r"\b" + re.escape(word), clause, re.IGNORECASE):
        around = clause[max(0, match.start() - 30):match.end() + 30]
        if figures(around) or offers_something(around) or re.match(r"\w*\W{0,3}\d", clause[match.end():]):
            return True
    return False


def _written_as_name(word: str, clause: str, offering: bool) -> bool:
    """The rep writes the word as a name: capitalised inside the clause ("the Defender case"),
    or at its start where the clause offers or prices it ("Onboarding is €490")."""
    for match in re.finditer(r"\b" + re.escape(word), clause, re.IGNORECASE):
        if clause[match.start()].isupper() and (offering or clause[:match.start()].strip()):
            return True
    return False


_GENERIC = frozenset({"service", "package", "plan", "kit", "bundle", "accessory", "product", "option", "set"})
_MEASURES = frozenset({"year", "years", "month", "months", "day", "days", "hour", "hours", "inch", "pack"})
_ENDINGS = ("ation", "ion", "ing", "ment", "er", "ers", "ed", "s", "es")


def _same_stem(said: str, word: str) -> bool:
    """"install" for "installation", "onboard" for "onboarding": one is the other plus an ending."""
    short, long = sorted((said, word), key=len)
    return len(short) >= 5 and long.startswith(short) and long[len(short):] in _ENDINGS


def _names_its_kind(word: str, product: Product) -> bool:
    """The word says what the product is ("footrest" for a footrest), not a detail ("years")."""
    word = taxonomy.singular(word)
    return word == taxonomy.name_head(product.name) or word in taxonomy.kind_keys(product.category)


_MEASURE = re.compile(r"(\d+(?:[.,]\d+)?)\s?-?\s?(year|month|gb|tb|inch|in\b|\"|m\b|w\b|port|pack)", re.IGNORECASE)
_UNIT = {"in": "inch", '"': "inch"}


def _numbers_differ(clause: str, name: str) -> bool:
    """The clause gives a measure the name also gives, with another number ("3-year" vs "2-Year")."""
    def measures(text: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for number, unit in _MEASURE.findall(text):
            found.setdefault(_UNIT.get(unit.lower(), unit.lower()), set()).add(number.replace(",", "."))
        return found
    said, named = measures(clause), measures(name)
    return any(unit in named and not numbers & named[unit] for unit, numbers in said.items())


def _covers(product: Product, clause: str) -> float:
    """Share of the product's name tokens the clause says (in any form: "install" for "Installation")."""
    name, said = set(tokens(product.name)), set(tokens(clause))
    said |= {taxonomy.singular(w) for w in said}
    return sum(1 for w in name if w in said or any(_same_stem(s, w) for s in said)) / max(len(name), 1)


def _model_token(token: str) -> bool:
    """A token that names a model: letters and digits ("r8", "s24+", "m650") or a 3–4 digit number."""
    has_digit = any(c.isdigit() for c in token)
    return has_digit and (any(c.isalpha() for c in token) or 3 <= len(token) <= 4) and \
        not re.fullmatch(r"\d+(?:gb|tb|mm|cm|m|w|hz|mp|k)|\d+(?:st|nd|rd|th)|20\d\d|i[3579]|\d+x", token)


def _informative(word: str) -> bool:
    """A word that can name a product: not "1" or "m" from "1.4" or "2 m", but "470", "s24", "dock"."""
    return len(word) >= 3 or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))
