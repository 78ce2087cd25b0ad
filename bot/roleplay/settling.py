"""What a reply settles rather than offers: a sentence that confirms what the customer agreed
("Done: 6 × T14s Gen 4 at €1,649"), a clause that takes a product back ("so I'd skip it"), and
whether the rep still argues for the offer under discussion or gives it up ("otherwise I'd stay
with the 40"). The words come in English here and from each language file's [replies] table.
"""

from __future__ import annotations

import re

from bot.language import also
from bot.roleplay.grammar import Segment
from catalog import Product

# A sentence that confirms what was agreed ("Done: 6 × T14s Gen 4 at €1,649", "Added: 12 × Targus
# Cypress", "T14 it is (…)", "The order is now …") offers none of what it names.
_CONFIRMS = re.compile(r"^\W*(?:done|added|switched|swapped|amended|updated|confirmed|booked|noted|on\s+the\s+order|"
                       r"final" + also("confirms") + r")\b", re.IGNORECASE)  # the sentence's first clause
_CONFIRMS_ANYWHERE = re.compile(r"\border\s+(?:is\s+now|amended|updated|changed)\b|\bit\s+is(?:\s*\(|[\s.!]*$)",
                                re.IGNORECASE)
# ... unless a clause of it offers something after all ("Added. How about the dock too?")
_OFFER_PHRASE = re.compile(r"\b(?:also|too|as\s+well|how\s+about|what\s+about|worth\s+a\s+look|want|would\s+you|"
                           r"shall\s+i|could\s+add|(?:i'?d|i\s+would)\s+(?:add|suggest|recommend|go)|add\s+(?:the|a|an)|"
                           r"suggest|recommend|consider|(?:do\s+you|you'?ll|you\s+will|you)\s+(?:also\s+)?need"
                           + also("offer") + r")\b", re.IGNORECASE)
# A clause that takes back what it (or the clause before it) names: "the G5 dock would take you over,
# so I'd skip it", "Apple 20W: not compatible, remove it", "the Clear Case is S24+ only, so drop it".
_WITHDRAWS = re.compile(r"\b(?:skip\s+(?:it|that|them|the)|drop(?:ped)?\s+(?:it|that|them)|remove\s+(?:it|that|them)|"
                        r"scrap\s+(?:it|that)|leav(?:e|ing)\s+(?:it\s+|that\s+|them\s+)?out|doesn'?t\s+belong|"
                        r"isn'?t\s+needed|not\s+needed|(?:would|'d)\s+(?:take|put)\s+you\s+over|"
                        r"wouldn'?t\s+(?:add|bother|recommend)|buy\s+(?:that|it|them)\s+later|ignore\s+it|"
                        r"not\s+compatible|my\s+mistake" + also("withdraws") + r")\b", re.IGNORECASE)
# ... argues for it: "not overkill: one new hire and you'd have to move anyway", "only 15% more"
_ARGUES = re.compile(r"\b(?:more|better|worth|only|just|because|since|anyway|overkill|future|pays?\s+off|saves?|"
                     r"bigger|faster|longer|extra)\b", re.IGNORECASE)
# The rep withdraws what the customer questioned: "I'd stay with the 40", "the FE does it fine", "skip it".
_BACKS_OFF = re.compile(r"\b(?:(?:i'?d|i\s+would|we\s+can|you\s+can|just)\s+(?:stay|stick)\s+with|"
                        r"(?:stay|stick)\s+(?:with|on)\s+the|i'?d\s+keep|keep\s+(?:it|the)\b|(?:is|are|'s)\s+(?:just\s+)?"
                        r"fine|does\s+(?:it|the\s+job)\s+fine|would\s+do|skip\s+(?:it|that|the)|no\s+need|"
                        r"(?:don'?t|do\s+not|won'?t)\s+need|not\s+needed|(?:i'?ve\s+)?dropped|scrap\s+(?:it|that)|"
                        r"leave\s+(?:it|that)\s+out|leaving\s+out|i\s+wouldn'?t|ignore\s+it|not\s+worth|"
                        r"doesn'?t\s+apply|my\s+mistake|you'?re\s+right|later\s+on|comes\s+back\s+up|"
                        r"whenever\s+you'?re\s+ready|separately|compare\s+again" + also("backs_off") + r")\b",
                        re.IGNORECASE)


def settled(parts: list[Segment], named_in: list[Product | None]) -> set[str]:
    """SKUs the reply names only to confirm or to take back: every segment naming them is in a
    confirming sentence (and offers nothing) or withdraws them."""
    confirming = {p.sentence for i, p in enumerate(parts)
                  if (_CONFIRMS.search(p.text) and (i == 0 or parts[i - 1].sentence != p.sentence))
                  or _CONFIRMS_ANYWHERE.search(p.text)}
    withdrawn: set[int] = set()
    for i, part in enumerate(parts):
        if not _WITHDRAWS.search(part.text):
            continue
        j = i
        while j >= 0 and parts[j].sentence == part.sentence and named_in[j] is None:
            j -= 1  # "…, so I'd skip it": the clause before names what is taken back
        if j >= 0 and parts[j].sentence == part.sentence:
            withdrawn.add(j)
    offering = set()  # in a confirming sentence, the clauses from an offer phrase on still offer
    for i, part in enumerate(parts):
        if _OFFER_PHRASE.search(part.text) or (i and i - 1 in offering and parts[i - 1].sentence == part.sentence):
            offering.add(i)
    naming: dict[str, list[int]] = {}
    for i, product in enumerate(named_in):
        if product is not None:
            naming.setdefault(product.sku, []).append(i)
    return {sku for sku, where in naming.items()
            if all(i in withdrawn or (parts[i].sentence in confirming and i not in offering) for i in where)}


def offers_something(text: str) -> bool:
    """"How about …", "worth a look", "I'd add …": the words of an offer."""
    return _OFFER_PHRASE.search(text) is not None


def backs_off(text: str) -> bool:
    """The rep gives up the offer the customer asked about."""
    return _BACKS_OFF.search(text) is not None


def argues(text: str) -> bool:
    """The rep argues for something: a reason, a comparison, "only", "worth"."""
    return _ARGUES.search(text) is not None
