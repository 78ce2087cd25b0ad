"""What a rep's words signal about the products and figures a reply names: a reference point
rather than an offer ("compatible with the S24+", "do you already have a PoE switch?"), a cheaper
one named to compare, a model number rather than a price, a running total, a protection plan,
the kind of product an article introduces ("a dock"), and the reasons and closing words the
objection model weighs.
"""

from __future__ import annotations

import re

from bot.advisor.words import IRREGULAR, singular, tokens
from bot.language import also
from bot.roleplay.claims import Claim
from catalog import Product

REASONS = re.compile(r"\b(?:because|since|so\s+that|so|which\s+means|that\s+means|means|worth|only\s+if|if\s+they|"
                     r"if\s+your|would\s+do|fair|you\s+may\s+not|you\s+might\s+not|depends|honestly|instead|"
                     r"compared|vs|versus|than|quote|summary|send|approve|sign\s+off|no\s+rush|later|whenever|now|"
                     r"today|per\s+day|per\s+month|over\s+\d|years?|pays?|every\s+day|each\s+day|per\s+unit|saves?|"
                     r"helps?|so\s+you|for\s+your)\b", re.IGNORECASE)
CLOSE = re.compile(r"\b(?:shall\s+i|should\s+i|can\s+i|want\s+me\s+to|ready\s+to)\b.*\b(?:order|quote|"
                   r"add|book|go\s+ahead)\b", re.IGNORECASE)


PROTECTION = re.compile(r"\b(?:warrant(?:y|ies)|protection|care\s+(?:pack|plan|\d)|\d[\s-]*(?:year|yr)s?\s+"
                        r"(?:on-site|care|cover|support))", re.IGNORECASE)
REFERENCE = re.compile(r"(?:(?:compatible\s+with|works\s+with|fits|made\s+for|designed\s+for|instead\s+of|"
                       r"compared\s+(?:with|to)|unlike|vs\.?|versus|rather\s+than)\s+"
                       r"(?:the\s+|a\s+|an\s+|your\s+|their\s+)?"
                       # what the customer may have already: "do you already have a PoE switch?", "on your switch"
                       r"|(?:(?:do|does|did)\s+(?:you|they|we|your\s+\w+)\s+(?:already\s+)?(?:have|own|use|run)|"
                       r"have\s+(?:you|they)\s+(?:already\s+)?got|(?:you|they)(?:'ve|\s+have)\s+(?:already\s+)?got|"
                       r"if\s+(?:you|they)\s+(?:already\s+)?have)\s+"
                       r"(?:a\s+|an\s+|any\s+|the\s+|some\s+)?(?:[\w-]+\s+){0,2}"
                       r"|\b(?:your|their)\s+(?:own\s+|existing\s+|current\s+|old\s+)?)$", re.IGNORECASE)


CHEAPER = re.compile(r"\b(?:cheaper|less|save[sd]?|saving|instead|if\s+(?:the\s+)?budget|alternatively|"
                     r"stick\s+with|stay\s+with|goedkoper|minder|billigere|billigare|mindre|spar\w*|alternativt?|"
                     r"budget\s+gets\s+tight|downgrade)\b", re.IGNORECASE)
ALSO = re.compile(r"\b(?:too|also|as\s+well|next\s+to|add|ook|också|også|extra)\b", re.IGNORECASE)


def compared_down(text: str, product: Product) -> bool:
    """The sentence naming a cheaper one of the same kind compares ("€30 less", "if budget gets tight"),
    rather than adding it ("a 3102fdw next to each one too")."""
    words = [w for w in tokens(product.name) if len(w) >= 3]
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        lowered = sentence.lower()
        if any(w in lowered for w in words):
            return bool(CHEAPER.search(sentence)) and not ALSO.search(sentence)
    return False


def protection_plan(product: Product) -> bool:
    return bool(PROTECTION.search(f"{product.category or ''} {product.name}"))


def model_number(figure, known: list[Product]) -> bool:
    """A bare number that is a model number of a product in play ("the 440", "5440 is a solid pick")."""
    said = figure.said.strip()
    return said.isdigit() and any(said in tokens(p.name) for p in known)


def running(claim: Claim, about: Product, current: Product) -> bool:
    """A wrong price on an add-on that is more than the product bought: a running total per unit."""
    return not claim.true and claim.kind == "price" and claim.amount is not None and about.sku != current.sku \
        and about.price < current.price and claim.amount > current.price and claim.amount > 2 * about.price


def model_named(text: str, product: Product) -> bool:
    """The text says a number of the product's name ("the 40 SE", "the 450")."""
    said = set(tokens(text))
    return any(any(c.isdigit() for c in w) and w in said for w in tokens(product.name))


def referenced(clause: str, product: Product) -> bool:
    """The clause names the product only as a reference point, not as an offer."""
    lowered = clause.lower()
    starts = [m.start() for w in tokens(product.name) if len(w) >= 3
              for m in [re.search(r"\b" + re.escape(w), lowered)] if m]
    return bool(starts) and REFERENCE.search(clause[:min(starts)]) is not None


OFFERED_KIND = re.compile(r"\b(?:a|an|the|some|add|plus|with" + also("article") + r")\s+((?:[\w-]+\s+){0,2}[\w-]+)",
                          re.IGNORECASE)


def last_noun(name: str) -> set[str]:
    """"adapter" of "Apple 20W USB-C Power Adapter": the word a name ends on, what reps call it."""
    words = [w for w in tokens(name) if w.isalpha() and len(w) > 2]
    return {singular(words[-1])} if words else set()


def offered_kinds(clause: str) -> set[str]:
    """Words that may name a kind of product being offered: up to three words after an article
    ("a docking station", "the 3-year warranty"), not any noun ("bump protection")."""
    return {IRREGULAR.get(w, singular(w)) for found in OFFERED_KIND.finditer(clause)
            for w in tokens(found.group(1))}


def has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", text) is not None
