"""What a rep's reply says: products offered, prices and specs claimed, objections answered.

Products are found the way the advisor finds them (exact SKU, name words with typos, meaning),
clause by clause, plus a kind of product named in passing ("a dock") when the scenario has a
fitting one. Claims are checked against the catalog records. Which objection a reply answers
is the embedding similarity to the library's example answers, plus its keywords.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from bot.advisor import Advisor, parse_question
from bot.advisor.guardrails import incompatible
from bot.advisor.words import content_tokens, kind_words, tokens
from bot.language import DEFAULT as DEFAULT_LANGUAGE
from bot.language import detect as language_of
from bot.language import in_english, reply_fragments
from bot.roleplay import cues, settling
from bot.roleplay.claims import Claim, figure_claims, running_total_claim, spec_claims, with_sums
from bot.roleplay.grammar import Segment, figure_led, figures, only_figure, points_back, segments, versus_next
from bot.roleplay.library import KINDS, Library
from bot.roleplay.naming import Namer, spelled_out
from bot.roleplay.readings import counts, second_reading
from bot.roleplay.scenario import Scenario
from catalog import Product
from embeddings import Encoder

KEYWORD_BONUS, MAX_KEYWORDS = 0.08, 3
_ATTACHED = ("difference", "percent", "percent_less", "total")  # relations that belong to the sentence's product
ANY_KIND = "any"  # how likely the reply answers whatever the customer raised, when the library has no such kind
SEARCHED = 12  # products a reply's words find, for reading a figure another way
# Whether a reply answers an objection: a logistic model over what it says, fitted on our own
# labelled replies (tests/data/roleplay_objections_tuning.jsonl, roleplay_replies_tuning.jsonl, _tuning2
# and _tuning4: 260 replies; 0.83 accuracy in 5-fold cross-validation; on roleplay_replies_tuning3.jsonl,
# not fitted on, 46 of 71 against 42 with the weights fitted on 211 replies before).
# Features: bias, closeness to the library's answers of that kind (+ keywords; for a question the
# library has no kind for, such as "What's the catch?", the closest kind), closeness to the
# customer's own line, pressure, a new offer instead, length (words / 60, capped), reasons given
# (words like because, worth, only if, compared, quote, no rush; / 3).
ANSWER_WEIGHTS = (-1.401, 0.119, 0.498, -0.722, -0.462, 3.043, 1.257)  # bench/fit_objections.py


@dataclass(frozen=True)
class Offered:
    sku: str
    name: str
    price: float
    relation: str  # upsell | cross_sell | incompatible | irrelevant
    via: str  # sku | name | kind | focus (argued for, unnamed, while the customer asks about it)
    modelled: bool  # among the advisor's own suggestions for this scenario
    fits: str = ""  # what an accessory states it fits, when that is not this product


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
        """The reply takes the objection on: close to a good answer of its kind, or to what the
        customer said; pressure instead of an answer is no answer."""
        # a question the library has no answers for ("What's the catch?"): judged on the reply alone
        return not self.pressure and self.answered.get(kind, self.answered.get(ANY_KIND, 0.0)) >= 0.5

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
        self._suggested: dict[tuple[str, float], set[str]] = {}
        self._keywords: dict[str, set[str]] = {}
        for kind in KINDS:
            objections = [o for o in library.objections if o.kind == kind]
            self._answers[kind] = encoder.encode([a for o in objections for a in o.answers])
            self._keywords[kind] = {k for o in objections for k in o.keywords}
        self.namer = Namer(advisor)

    def read(self, text: str, scenario: Scenario, *, choice: str | None = None,
             focus: str | None = None, said_to: str = "", accepted: tuple[str, ...] = ()) -> Understanding:
        """focus: the SKU under discussion, which a clause naming no product is about; said_to:
        the customer's line the reply answers; accepted: add-ons the customer has agreed to (naming
        one again confirms it, it offers nothing)."""
        text = " ".join(text.split())
        anchor = self.catalog.get(scenario.anchor["sku"])
        if anchor is None or not text:
            return Understanding(text=text)
        parts = segments(text, joined=self.namer.joined_words())
        current = self.catalog.get(choice) if choice and choice != anchor.sku else anchor
        found, named = self._products(parts, scenario, current.sku, said_to)
        offers, seen = [], {anchor.sku.lower(), current.sku.lower(), *(a.lower() for a in accepted)}
        if scenario.competitor:
            seen.add(scenario.competitor["sku"].lower())
        pending = self.catalog.get(focus) if focus and focus.lower() not in seen else None
        settled = settling.settled(parts, named)
        gave_up = pending is not None and settling.backs_off(text)
        for product, via in found.values():
            if product.sku.lower() in seen or via == "reference" or product.sku in settled:
                continue
            if pending is not None and product.sku == pending.sku and gave_up:
                continue  # "the 65 is worth it only if …; otherwise I'd stay with the 40"
            if product.category == current.category and product.price < current.price \
                    and not cues.protection_plan(product) and cues.compared_down(text, product):
                continue  # "the U6+ (€139) would save you €30": a cheaper one for comparison, no upsell or add-on
            seen.add(product.sku.lower())
            offers.append(self._offered(product, via, anchor, current, scenario))
        if pending is not None and pending.sku.lower() not in seen and not found and not gave_up \
                and (settling.argues(text) or any(figures(p.text) for p in parts)):
            # the reply names nothing and argues for what the customer asked about: still offering it
            offers.append(self._offered(pending, "focus", anchor, current, scenario))
        products = {p.sku: p for p, _ in found.values()}
        if pending is not None:
            products.setdefault(pending.sku, pending)
        subject = self.catalog.get(focus) if focus else None
        if subject is not None and subject.sku == anchor.sku:
            subject = None  # nothing offered yet: a bare figure may mean any product in play
        if subject is None and not found and current.name.lower() in said_to.lower():
            subject = current  # "It's €239, right?" — "€249 actually": the customer named it, the reply names nothing
        claims = self._claims(parts, named, found, anchor, current, subject, scenario)
        claims = self._second_look(claims, text, found, anchor, current, scenario)
        claims = with_sums(claims, text, [current, anchor, *products.values()])
        claims += [Claim(claim=f"{o.name} offered with the {current.name}", kind="compatibility",
                         sku=o.sku, true=False,
                         actual="listed as compatible with " + self._fits(products[o.sku], limit=4))
                   for o in offers if o.relation == "incompatible"]
        lowered = text.lower()
        pressure = tuple(p for p in (*self.library.pressure_phrases, *reply_fragments("pressure"))
                         if cues.has_phrase(lowered, p))
        return Understanding(
            text=text, offers=tuple(offers), mentioned=tuple(products), claims=tuple(claims),
            answered=self._answered(text, said_to, pressure=bool(pressure),
                                    offered=any(o.via != "focus" for o in offers)),  # a new offer, not a defence
            pressure=pressure,
            price_framing=any(c.true and c.kind in ("price", "difference", "percent")
                              and c.sku not in (anchor.sku,) for c in claims),
            benefit=self._benefit(text, offers, products, anchor, scenario),
            closing=bool(cues.CLOSE.search(text)),
        )

    def _products(self, parts: list[Segment], scenario: Scenario, current: str, said_to: str = ""
                  ) -> tuple[dict[str, tuple[Product, str]], list[Product | None]]:
        """SKU -> (product, how it was named), in the order the reply names them, and the product
        each segment names (None where it names none)."""
        found: dict[str, tuple[Product, str]] = {}
        named_in: list[Product | None] = []
        suggested = self.catalog.many([s["sku"] for s in (*scenario.upsells, *scenario.cross_sells)])
        listing = False  # inside "compatible with A, B and C": a list of references
        recent: list[Product] | None = None  # what the customer's line named in full
        foreign = language_of(" ".join(p.text for p in parts)) not in (None, DEFAULT_LANGUAGE)
        for part in parts:
            clause = spelled_out(part.text)
            if foreign:  # "de Cypress-rugzak": the kind in the catalog's English, the name as it is
                clause = in_english(clause)
            words = set(content_tokens(clause))
            named = self.namer.named(clause, words, scenario, current=current) if words else None
            named_in.append(named[0] if named else None)
            if named is not None:
                bare = words <= set(tokens(named[0].name))
                if part.reference or cues.referenced(clause, named[0]) or (listing and bare):
                    named = (named[0], "reference")  # "compatible with the S24+", "than the R10"
                listing = named[1] == "reference"
                if named[0].sku in found and found[named[0].sku][1] == "reference" and named[1] != "reference":
                    del found[named[0].sku]  # named as a reference first, offered after
                found.setdefault(named[0].sku, named)
                continue
            listing = False
            offered_kinds = cues.offered_kinds(clause if foreign else in_english(clause)) if words else set()
            if offered_kinds and said_to and recent is None:
                recent = self._named_in_full(said_to)
            # "the adapter" after the customer named the Apple 20W USB-C Power Adapter is that one;
            # else a kind of product ("a dock", "the warranty") the scenario suggests
            kinds = [p for p in (recent or ()) if p.sku not in found and p.sku != scenario.anchor["sku"]
                     and offered_kinds & (kind_words(p.category) | cues.last_noun(p.name))]
            if len(kinds) != 1:
                kinds = [p for p in suggested.values()
                         if p.sku not in found and p.category != scenario.anchor["category"]
                         and offered_kinds & kind_words(p.category)]
            if len(kinds) == 1:  # "the adapter" names one product only when one fits
                found[kinds[0].sku] = (kinds[0], "kind")
                named_in[-1] = kinds[0]
        return found, named_in

    def _named_in_full(self, line: str) -> list[Product]:
        """Products whose whole name the customer's line says (the customer names them in full)."""
        lowered = line.lower()
        found = self.catalog.many([sku for sku, _ in self.catalog.full_text(line, limit=SEARCHED)])
        return [p for p in found.values() if p.name.lower() in lowered]

    def _offered(self, product: Product, via: str, anchor: Product, current: Product,
                 scenario: Scenario) -> Offered:
        """How an offer relates to what the customer buys: `current` is the upgrade once accepted."""
        modelled = product.sku in {s["sku"] for s in (*scenario.upsells, *scenario.cross_sells)} or \
            product.sku in self._suggested_for(current, scenario)
        same_line = product.category == anchor.category or (product.family and product.family == anchor.family)
        protection = bool(cues.PROTECTION.search(f"{product.category or ''} {product.name}"))
        if product.sku in scenario.fitting_upsells or (same_line and product.price > anchor.price
                                                        and product.sku not in scenario.fitting_cross_sells):
            relation = "upsell"
        elif protection and not incompatible(product, current):
            relation = "upsell"  # a longer warranty or protection plan upgrades the purchase (PRODUCT.md)
        elif incompatible(product, current):
            relation = "incompatible"  # an S24 case once the customer took the S24+
        elif product.sku in scenario.fitting_cross_sells or (current.sku != anchor.sku and product.compatible_with):
            relation = "cross_sell"
        else:
            relation = "irrelevant"
        fits = self._fits(product, limit=2) if relation == "incompatible" else ""
        return Offered(sku=product.sku, name=product.name, price=product.price, relation=relation,
                       via=via, modelled=modelled, fits=fits)

    def _claims(self, parts: list[Segment], named_in: list[Product | None], found: dict, anchor: Product,
                current: Product, focus: Product | None, scenario: Scenario) -> list[Claim]:
        """Each figure, attached by the grammar: to the product its segment names, else to the
        one named before it ("it is only €350 more") or under discussion; compared with the
        product of a reference segment that follows ("… than the R10"), else with what the
        customer is buying."""
        products = [p for p, _ in found.values()]
        known = [anchor, current, *products] + ([focus] if focus else [])
        claims: list[Claim] = []
        subject, subject_sentence = focus, 0
        for index, part in enumerate(parts):
            here = named_in[index]
            base = current if subject is None or subject.sku != current.sku else anchor
            following_versus = index + 1 < len(parts) and parts[index + 1].reference and \
                versus_next(parts[index + 1].text)
            if part.reference:  # "… than the R10", "vs €979": the figures are the reference's
                about = here or base
                found_figures = figures(part.text)
                for n, figure in enumerate(found_figures):
                    # "… than the T14 (1,649 vs 1,289)": the last figure before "vs" is the subject's
                    mine = following_versus and n == len(found_figures) - 1 and subject is not None
                    claims += figure_claims(figure, subject if mine else about, about if mine else subject or base,
                                            known, scenario)
                claims += spec_claims(part.text, about, known)
                continue
            same_sentence = subject_sentence == part.sentence
            # "Want the Dome Glass as well? Only €34.90.", "… Camera Care 2Y? 89 per camera": a sentence
            # that starts with a figure gives the price of what the sentence before named
            first = index == 0 or parts[index - 1].sentence != part.sentence
            next_sentence = first and subject_sentence == part.sentence - 1 and figure_led(part.text)
            if here is not None and not cues.referenced(part.text, here):  # "if you've got a PoE switch": not "it"
                subject, subject_sentence = here, part.sentence
            elif here is not None and points_back(part.text):  # "It's made for the Ultra": still about "it"
                subject_sentence = part.sentence
            found_figures = figures(part.text)
            about = here
            if about is None and (points_back(part.text) or next_sentence or
                                  (same_sentence and (only_figure(part.text) or figure_led(part.text) or
                                                      any(f.relation in _ATTACHED for f in found_figures)))):
                about = subject  # "it is only €350 more", "— €1,199 each" (not across a full stop)
                if next_sentence:  # "… an arm maybe? 59.90, 628.90 with the screen": the sentence goes on about it
                    subject_sentence = part.sentence
            base = current if about is None or about.sku != current.sku else anchor
            compared = index + 1 < len(parts) and parts[index + 1].reference
            following = named_in[index + 1] if compared else None
            if compared and following is None:  # "35% above the 40 SE": the one they are buying, by its number
                following = next((p for p in (current, anchor) if cues.model_named(parts[index + 1].text, p)), None)
            for figure in found_figures:
                if compared and following is None and figure.relation in ("difference", "percent", "percent_less"):
                    continue  # "… than the 3-year": compared with something not named: nothing to check
                if cues.model_number(figure, known):
                    continue  # "440 is gr8": a model, not a price
                claims += figure_claims(figure, about, following or base, known, scenario)
            claims += spec_claims(part.text, subject or current, known)
        return claims

    def _second_look(self, claims: list[Claim], text: str, found: dict, anchor: Product, current: Product,
                     scenario: Scenario) -> list[Claim]:
        """Each figure called false, read the other ways a trainer would first (bot/roleplay/readings.py)."""
        if all(c.true or c.kind not in ("price", "difference", "total") for c in claims):
            return claims
        named = [p for p, _ in found.values()]
        searched = list(self.catalog.many([sku for sku, _ in self.catalog.full_text(text, limit=SEARCHED)]).values())
        multipliers, rare = counts(text, scenario), self.namer.rare_words()
        upgrades = list(self.catalog.many([s["sku"] for s in scenario.upsells]).values())
        checked = []
        for claim in claims:
            subject = self.catalog.get(claim.sku) if not claim.true else None
            other = second_reading(claim, subject, text, named, searched, [current, anchor, *upgrades], multipliers,
                                   rare) if subject else None
            if other is None and subject is not None and claim.kind == "price" and claim.amount \
                    and found.get(subject.sku, (None, ""))[1] == "kind":
                other = self._of_its_kind(claim, subject)
            if other is None and subject is not None and cues.running(claim, subject, current):
                # "northwind single arm is 59.90, 628.90 with the screen": wrong as what the unit comes to
                add_ons = [p for p in named if p.sku not in (current.sku, anchor.sku) and p.price < current.price]
                other = running_total_claim(claim, current, add_ons, scenario)
            checked.append(other or claim)
        return checked

    def _of_its_kind(self, claim: Claim, subject: Product) -> Claim | None:
        """"I'll throw in a mouse for 34.90": named by its kind only, it is whichever mouse costs that."""
        amount = claim.amount
        same = self.catalog.in_category(subject.category, min_price=amount * 0.995 - 0.01,
                                        max_price=amount * 1.005 + 0.01, limit=1)
        return Claim(claim=claim.claim, kind=claim.kind, sku=same[0].sku, true=True, amount=amount) if same else None

    def _fits(self, product: Product, *, limit: int) -> str:
        """What an accessory states it fits, by name where it names a SKU."""
        targets = list(product.compatible_with)
        named = self.catalog.many(targets[:limit])
        shown = [named[t].name if t in named else t for t in targets[:limit]]
        return ", ".join(shown) + (f" and {len(targets) - limit} more" if len(targets) > limit else "")

    def _suggested_for(self, current: Product, scenario: Scenario) -> set[str]:
        """The advisor's cross-sells for the upgrade the customer took (the scenario has the anchor's)."""
        if current.sku == scenario.anchor["sku"]:
            return set()
        key = (current.sku, scenario.budget)
        if key not in self._suggested:
            question = parse_question(f"max {scenario.budget:.0f} each")
            self._suggested[key] = {s.product.sku for s in self.advisor.advise(current, question=question).cross_sell}
        return self._suggested[key]

    def _answered(self, text: str, said_to: str, *, pressure: bool, offered: bool) -> dict[str, float]:
        """Objection kind -> how likely the reply answers it (0–1; 0.5 and above: answered)."""
        vector = self.encoder.encode_query(text)
        to_line = float(self.encoder.encode_query(said_to) @ vector) if said_to else 0.0
        lowered = f" {text.lower()} "
        shared = (to_line, float(pressure), float(offered), min(len(text.split()), 60) / 60,
                  len(cues.REASONS.findall(text)) / 3)
        scores, closeness = {}, {}
        for kind in KINDS:
            similarity = float(np.max(self._answers[kind] @ vector)) if len(self._answers[kind]) else 0.0
            hits = sum(1 for k in self._keywords[kind] if cues.has_phrase(lowered, k))
            closeness[kind] = similarity + KEYWORD_BONUS * min(hits, MAX_KEYWORDS)
        closeness[ANY_KIND] = max(closeness.values(), default=0.0)
        for kind, close_to in closeness.items():
            logit = sum(w * x for w, x in zip(ANSWER_WEIGHTS, (1.0, close_to, *shared), strict=True))
            scores[kind] = round(1 / (1 + math.exp(-logit)), 3)
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
                differing = {k for k, v in product.spec_attributes.items() if anchor.spec_attributes.get(k) != v}
                facts = " ".join(product.attributes[k] for k in differing)
            else:
                facts = " ".join((*product.features, product.description or ""))
            if set(content_tokens(facts)) & said:
                return True
        return False
