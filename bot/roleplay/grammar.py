"""The grammar of a rep's claims: which figure belongs to which product, and in what relation.

"The R8 is worth a look: it is only €350 more than the R10" has two products and one figure:
€350 is a *difference*, of the R8 (the subject, named before it or as "it") against the R10
(the reference after "than"). "X costs €89", "X is just €36" and "X at €89" are *prices* of X;
"only €220 extra for X" a difference; "25% more" a *percentage*; "€12 a month" a figure *per
period*; "15 × €220 = €3,300" and "€3,300 in total" *totals* for the order.

A reply is cut into segments: clauses, and within a clause the part that starts with a
reference word (than, versus, compared to, instead of, rather than, unlike). A product named
in a reference segment is the one a figure is compared against, never an offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.question import parse_amount
from bot.language import also, reply_fragments

CLAUSES = re.compile(r"[.!?](?:\s+|$)|[;:]\s+|(?<=\d\))\s+(?=[a-z])|\s+[—–·+]\s+|\s+-\s+|,\s+|"
                     r"\s+(?:and|plus|also|or|but" + also("and") + also("but") + r")\s+", re.I)
_REFERENCE = re.compile(r"\s+(?=(?:than|vs\.?|versus|compared\s+(?:to|with)|instead\s+of|rather\s+than|"
                        r"unlike|over\s+the|above\s+the" + also("than") + r")\b)", re.IGNORECASE)
_AMOUNT = r"(\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
MONEY = re.compile(
    r"(?:€|\beur\b\.?|\beuros?\b)\s*" + _AMOUNT + r"(k\b)?"  # €1,049 · EUR 1049 · €1k
    r"|(?<![\w.,])" + _AMOUNT + r"\s*(k\b)?\s*(?:€|eur\b|euros?\b|,-|:-)"  # 1049 euro · 1.049,- · 1k€
    r"|(?<![\w.,])(\d+(?:[.,]\d)?)((?-i:k))\b(?!\s*(?:video|tv|display|monitor|screen|resolution|hdr))",  # 1k
    re.IGNORECASE)
# A number without a currency, where a price goes: "the 3302 is 449", "care too, 129", "@ 449",
# "for 19.90" (three digits or cents, so "only 17 left" and "for 15 people" are no prices).
BARE = re.compile(r"(?:(?<=\bis\s)|(?<=\bat\s)|(?<=\bfor\s)|(?<=\bso\s)|(?<==\s)|(?<==)|(?<=\bcosts\s)|"
                  r"(?<=\bonly\s)|(?<=\bjust\s)|"
                  r"(?<=,\s)|(?<=@\s)|(?<=@)|(?<=\()|(?<=\bits\s)|(?<=\bit's\s)"
                  + "".join(rf"|(?<=\b{w}\s)" for w in reply_fragments("price_before")) + ")"
                  r"(\d{1,3}[.,]\d{3}(?:[.,]\d{2})?|\d{3,5}(?:[.,]\d{2})?|\d{1,2}[.,]\d{2})(?![.,]?\d*[a-z])(?!\d)"
                  r"(?![\d.,]*\+?\s*(?:%|x\b|×|gb|tb|mb|inch|in\b|\"|hz|mp|mm|cm|"
                  r"kg|g\b|w\b|users?|people|persons?|staff|seats?|licen[cs]es?|laptops?|phones?|units?|pcs|pieces|"
                  r"clients?|customers?|devices?|employees|desks?|screens?|monitors?|cameras?|tablets?|"
                  r"days?|weeks?|months?|years?|hours?|hrs?|min|minutes|times|left|in\s+stock|dpi|ppm|fps|mah|lumens"
                  + also("not_a_price") + "))", re.IGNORECASE)
# ... and a number that is all its segment holds ("Evolve2 65: 169, …"), or two digits in brackets
# after a name ("Phone Care 2Y (99)").
_BARE_ALONE = re.compile(r"^\s*(?!(?:19|20)\d\d\b(?![.,]))"  # not a year
                         r"(\d{1,3}[.,]\d{3}(?:[.,]\d{2})?|\d{3,5}(?:[.,]\d{2})?|\d{1,3}[.,]\d{2})"
                         r"(?=\s*(?:each|ea|apiece|per\s+\w+)?\s*(?:[.!?]?\s*$|(?:but|and|so|is|was|only|tops|max|with|"
                         r"all\s+in|in\s+total|total)\b))"
                         r"|(?<=\()(\d{2})(?=\))", re.IGNORECASE)
# ... and a number said per unit of something bought: "89 per camera", "~46/yr", "12 a user"
_BARE_PER = re.compile(r"(?<![\w.,€$£])(\d{2,5}(?:[.,]\d{2})?)(?=\s*(?:/\s*|per\s+|an?\s+|each\s+)"
                       r"(?:user|seat|licen[cs]e|month|mo|year|yr|camera|chair|printer|laptop|phone|tablet|head|person|device|desk|"
                       r"workstation|screen|monitor|ap|piece|unit|headset|stuk|st|styck|stykk" + also("per_seat")
                       + r")\b)", re.IGNORECASE)
# ... and two digits where a price goes, with nothing after them: "it's 59, so …", "only 49."
_BARE_TWO = re.compile(r"(?:(?<=\bit's\s)|(?<=\bits\s)|(?<=\bis\s)|(?<=\bat\s)|(?<=\bonly\s)|(?<=\bjust\s))"
                       r"(\d{2})(?![.,]\d)(?=\s*(?:[,.;!?)]|$|\s+(?:but|so|and|each|apiece)\b))", re.IGNORECASE)
# ... and a number said as a difference: "150 more than the 5440", "only 59 more", "40 billigere"
# ("2 more laptops" is a count: one digit, or a thing counted after it, is no difference).
_BARE_DIFF = re.compile(r"(?<![\w.,€$£+-])(\d{2,4}(?:[.,]\d{2})?)(?=\s+(?:more|extra|less|cheaper|on\s+top|above"
                        + also("more") + r")\b(?!\s+(?:of\s+)?(?:laptops?|people|users?|units?|seats?|staff|"
                        r"licen[cs]es?|phones?|pcs|pieces|devices?|days?|weeks?|months?|years?|hours?)\b))",
                        re.IGNORECASE)
PERCENT = re.compile(r"\+?(\d{1,3}(?:[.,]\d)?)\s?%|\b(\d{1,3})\s+percent\b", re.IGNORECASE)
_PERIOD = re.compile(r"^\s*(?:/|a\s+|an\s+|per\s+|each\s+|i\s+|in\s+de\s+)?(?:user\s+(?:a|per)\s+)?(?:day|week|"
                     r"month|year|mo|yr" + also("period") + r")\b|^\s*(?:monthly|yearly|daily|weekly|p/?m)\b",
                     re.IGNORECASE)
_PER_SEAT = re.compile(r"^\s*(?:/|a\s+|per\s+)(?:user|seat|licen[cs]e|person|head" + also("per_seat") + r")\b",
                       re.IGNORECASE)
_DIFF_AFTER = re.compile(r"^\W{0,3}(?:\s*\b(?:per|a|each)\s+\w+)*\s*\b(?:more|extra|on\s+top|above|difference|"
                         r"higher|up|over|premium|added|cheaper|less|lower|below|saved|saving|off" + also("more")
                         + r")\b", re.IGNORECASE)
_DIFF_BEFORE = re.compile(r"(?:an?\s+extra|another|difference\s+(?:of|is)|plus|(?<!\w)\+|upgrade\s+(?:is|of|for)|"
                          r"costs?\s+you\s+(?:just|only)?" + also("more_before") + r")\s*$", re.IGNORECASE)
_ROUGHLY = re.compile(r"\b(?:about|around|roughly|like|approx\w*|almost|nearly|ca|circa|ongeveer|ruim|ungefär|"
                      r"omkring|rundt|cirka)\W*$|~\s*$", re.IGNORECASE)
_LESS_AFTER = re.compile(r"^\W{0,3}\s*(?:cheaper|less|lower|below|off|goedkoper|minder|billigare|billigere|mindre)\b",
                         re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^\s*(?:in\s+total|total|altogether|overall|for\s+(?:all|the\s+(?:team|lot|order)|"
                          r"everyone|(?:all\s+|the\s+)?\d+)" + also("total") + r")\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"(?:=|total(?:\s+of|\s+is)?|altogether" + also("total_before")
                           + r"|(?:\d+\s*[x×*]|[x×*]\s*\d+)\s*)\s*$", re.IGNORECASE)
_TIMES_AFTER = re.compile(r"^\s*[x×*]\s*\d+", re.IGNORECASE)


_ANAPHOR = re.compile(r"\b(?:it|it's|its|that|that's|this|this\s+one|which|the\s+upgrade|the\s+extra"
                      + also("it") + r")\b", re.IGNORECASE)
_FIGURE_WORDS = re.compile(r"\b(?:each|per\s+\w+|per|a|an|unit|piece|pc|pcs|only|just|at|for|is|are|was|costs?|"
                           r"about|around|roughly|approx|incl|vat|ex|excl|ca|ong|ungefär|omkring|rundt|cirka"
                           + also("price_before") + also("per_seat") + r")\b", re.IGNORECASE)


def points_back(segment: str) -> bool:
    """"it is only €350 more", "that's €89": the segment is about the product before it."""
    return bool(_ANAPHOR.search(segment))


_FIGURE_LED = re.compile(r"^\W*(?:(?:so|only|just|it'?s|that'?s|at|for|about|around|ca\.?|~)\s*)*(?:€|eur\b|\d)",
                         re.IGNORECASE)


def figure_led(segment: str) -> bool:
    """The segment starts with its figure: "€129 a printer", "only €34.90", "89 per camera"."""
    return bool(_FIGURE_LED.match(segment)) and bool(figures(segment))


def only_figure(segment: str) -> bool:
    """No more than a figure: "— €1,199 each", "(€89)", "at 1.049,-"."""
    rest = PERCENT.sub(" ", MONEY.sub(" ", segment))
    rest = _FIGURE_WORDS.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) == 0


def versus_next(segment: str) -> bool:
    """A reference segment that starts with vs/versus: the right side of "(1,649 vs 1,289)"."""
    return bool(re.match(r"\s*(?:vs\.?|versus)\b", segment, re.IGNORECASE))


@dataclass(frozen=True)
class Segment:
    text: str
    reference: bool  # starts with than / versus / instead of …: names what a figure is compared with
    sentence: int = 0


@dataclass(frozen=True)
class Figure:
    amount: float
    said: str  # as written: "€350", "1.049,-", "25%"
    relation: str  # price | difference | percent | percent_less | per_period | total
    approx: bool = False  # said as roughly so: "like 50% cheaper", "about 20% more"


_SENTENCES = re.compile(r"(?<=[.!?])\s+")


_JOINER = re.compile(r"\s*(?:\+|plus)\s*", re.IGNORECASE)
_LAST_WORD, _FIRST_WORD = re.compile(r"([a-z0-9]+)\W*$", re.I), re.compile(r"^\W*([a-z0-9]+)", re.I)


def segments(text: str, *, joined: frozenset[str] = frozenset()) -> list[Segment]:
    """joined: words that stand beside "plus" or "+" inside a product name ("ergoseat" of
    "ErgoSeat Plus Task Chair", "site" of "On-Site NBD + Accidental Damage"): no clause ends there."""
    pieces = []
    for number, sentence in enumerate(_SENTENCES.split(text)):
        for clause in _clauses(sentence, joined):
            if not clause or not clause.strip():
                continue
            parts = _REFERENCE.split(clause)
            pieces.append(Segment(parts[0], False, number))
            pieces += [Segment(part, True, number) for part in parts[1:]]
    return [p for p in pieces if p.text.strip()]


def _clauses(sentence: str, joined: frozenset[str]) -> list[str]:
    clauses, start = [], 0
    for match in CLAUSES.finditer(sentence):
        if joined and _JOINER.fullmatch(match.group(0)):
            before = _LAST_WORD.search(sentence[:match.start()])
            after = _FIRST_WORD.search(sentence[match.end():])
            if (before and before.group(1).lower() in joined) or (after and after.group(1).lower() in joined):
                continue  # "the ErgoSeat Plus chair" is one name, not "the ErgoSeat" plus a chair
        clauses.append(sentence[start:match.start()])
        start = match.end()
    return [*clauses, sentence[start:]]


def figures(segment: str) -> list[Figure]:
    """The money and percentage figures of one segment, each with its relation."""
    found = []
    for match in MONEY.finditer(segment):
        raw = next(g for g in (match.group(1), match.group(3), match.group(5)) if g)
        thousands = bool(match.group(2) or match.group(4) or match.group(6))
        amount = parse_amount(raw.replace(" ", "") + ("k" if thousands else ""))
        if amount is None:
            continue
        before, after = segment[max(0, match.start() - 30):match.start()], segment[match.end():match.end() + 40]
        found.append(Figure(amount, match.group(0).strip(), _relation(before, after)))
    taken = [m.span() for m in MONEY.finditer(segment)]
    bare = [*BARE.finditer(segment), *_BARE_ALONE.finditer(segment), *_BARE_PER.finditer(segment),
            *_BARE_TWO.finditer(segment), *_BARE_DIFF.finditer(segment)]
    for match in sorted(bare, key=lambda m: m.start()):
        if any(a <= match.start() < b for a, b in taken):
            continue
        taken.append(match.span())
        amount = parse_amount(next(g for g in match.groups() if g))
        if amount is not None:
            before, after = segment[max(0, match.start() - 30):match.start()], segment[match.end():match.end() + 40]
            found.append(Figure(amount, match.group(0).strip(), _relation(before, after)))
    for match in PERCENT.finditer(segment):
        value = float((match.group(1) or match.group(2)).replace(",", "."))
        less = _LESS_AFTER.search(segment[match.end():match.end() + 20])  # "25% cheaper", "43% goedkoper"
        approx = bool(_ROUGHLY.search(segment[max(0, match.start() - 16):match.start()]))
        found.append(Figure(value, match.group(0).strip(), "percent_less" if less else "percent", approx))
    return found


def _relation(before: str, after: str) -> str:
    if _TOTAL_AFTER.search(after) or _TOTAL_BEFORE.search(before) or _TIMES_AFTER.search(after):
        return "total"
    if _DIFF_AFTER.search(after) or _DIFF_BEFORE.search(before):
        return "difference"
    if _PERIOD.search(_PER_SEAT.sub("", after, count=1)):  # "€12 a month", "€15 per user per month"
        return "per_period"
    return "price"
