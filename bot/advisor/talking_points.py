"""Talking points: one line each, every number and feature taken from the catalog records.

Nothing here invents a fact: prices, their difference, specs, compatibility and ratings all come
from the two products involved; "bought together" and "accepted" figures come from the team's own
order history and offer log, always with their n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.candidates import COMPATIBLE, CURATED, FAMILY, Candidate
from bot.advisor.evidence import MIN_OFFERS_QUOTED, MIN_ORDERS_QUOTED, MIN_PAIR_ORDERS
from bot.advisor.money import money, percent_more
from bot.language.speech import _, decimal, number
from catalog import Product
from catalog.specs import LOWER_IS_BETTER as SPEC_LOWER_IS_BETTER
from catalog.specs import specs_in

MAX_LINE = 160
MAX_ANSWER = 240  # an objection answer: two short sentences a rep can say


@dataclass(frozen=True)
class Pitch:
    points: tuple[str, ...]  # every grounded fact, for scripts and the model pitch
    when: str
    objection: str  # the customer's likely question, and an answer a rep can say to them
    reason: str = ""  # the single strongest point for this anchor: the headline's second line
    details: tuple[str, ...] = ()  # the points behind "Details", none repeating the reason or the answer


def upsell_pitch(anchor: Product, candidate: Candidate) -> Pitch:
    upgrade = candidate.product
    delta = upgrade.price - anchor.price
    pct = percent_more(upgrade.price, anchor.price)
    cur = anchor.currency
    price_line = _("{delta} more than the {product} ({price} vs {anchor_price}, +{percent}%)").format(
        delta=money(delta, cur), product=anchor.name, price=money(upgrade.price, cur),
        anchor_price=money(anchor.price, cur), percent=pct)
    evidence = evidence_points(anchor, candidate)
    gains, trade_offs = _attribute_changes(anchor, upgrade)
    gains.sort(key=lambda c: -c.ratio)  # the biggest improvement first
    added = new_features(anchor, upgrade, gains + trade_offs)
    differences = [_change_line(g) for g in gains] + added
    tier = None
    if FAMILY in candidate.sources and upgrade.tier is not None and anchor.tier is not None:
        tier = _("Next step up in the {family} line (tier {tier} vs {anchor_tier})").format(
            family=upgrade.family, tier=upgrade.tier, anchor_tier=anchor.tier)
    rating = rating_line(upgrade)
    if not (rating and (anchor.rating is None or (upgrade.rating or 0) >= anchor.rating)):
        rating = None
    losses = [_change_line(c) for c in trade_offs]
    points = [price_line, *evidence]
    if differences:
        points.append(_fitted(_("What the extra buys: "), differences))
    points += [p for p in (tier, rating) if p]
    if losses and len(points) < 4:  # say it before the customer finds out
        points.append(_fitted(_("Trade-off: "), losses))
    # Each gain as a headline says it, in a sentence, and in a list: the spec that improves most
    # leads, the next answers "too expensive?", the rest wait behind Details.
    items = [(_instead(g), _("the {spec} upgrade: {after} instead of {before}").format(
        spec=g.key.replace("_", " "), after=g.after, before=g.before), _change_line(g)) for g in gains]
    items += [(_("Adds {feature}").format(feature=f), _lower_first(f), f) for f in added]
    if evidence:
        reason, lead = evidence[0], []
    elif items:
        reason, lead = items[0][0], items[:1]
    else:
        reason, lead = tier or price_line, []
    answer = next((i for i in items if i not in lead), lead[0] if lead else None)
    if answer:
        objection = _("“Too expensive?” — “It's {delta} more (+{percent}%), and that buys {gain}.”").format(
            delta=money(delta, cur), percent=pct, gain=answer[1])
    else:
        objection = _("“Too expensive?” — “It's {delta} more (+{percent}%).”").format(delta=money(delta, cur),
                                                                                    percent=pct)
    rest = [i[2] for i in items if i not in lead and i is not answer]
    details = [price_line, *evidence[1:]]
    if rest:
        details.append(_fitted(_("What else the extra buys: "), rest))
    details += [p for p in (tier, rating) if p and p != reason]
    if losses:
        details.append(_fitted(_("Trade-off: "), losses))
    return Pitch(
        points=tuple(_line(p) for p in points[:4]),
        when=_("Now, at the decision point: before the order is confirmed"),
        objection=_line(objection, MAX_ANSWER),
        reason=_line(reason),
        details=tuple(_line(d) for d in details),
    )


def cross_sell_pitch(anchor: Product, candidate: Candidate) -> Pitch:
    addon = candidate.product
    cur = anchor.currency
    evidence = evidence_points(anchor, candidate)
    fits = _fits_line(anchor, candidate)
    points = list(evidence)
    if fits:
        points.append(fits)
    elif CURATED in candidate.sources:
        points.append(_("Our catalog pairs it with the {product}").format(product=anchor.name))
    summary = first_sentence(addon.description)
    if summary:
        points.append(summary)
    features = [f for f in addon.features[:2]]
    if features:
        points.append(_("Key features: {features}").format(features="; ".join(features)))
    rating = rating_line(addon)
    if rating:
        points.append(rating)
    if len(points) < 2:
        points.append(_("Adds {price} to the order").format(price=money(addon.price, cur)))
    # The headline's reason: the team's own evidence, else what the catalog says it fits, by name.
    target = (candidate.fits or "").lower()
    specific = fits if fits and target in (anchor.sku.lower(), (anchor.family or "").lower()) else None
    # Stated for this very product (or for the very phone an accessory fits), it leads; stated
    # for a whole line or category, what the add-on does says more.
    name = candidate.fits_name or ""
    named = bool(fits) and (target == anchor.sku.lower() or (name.startswith("the ") and not name.endswith(" line")))
    reason = (evidence[0] if evidence else fits if named else None) or _short(summary) or fits or \
        _benefit(addon) or addon.name
    # The answer to "do I need it?": what the description says it does, said to the customer.
    said = _what_it_does(summary) or _benefit(addon) or addon.name
    if specific:
        if summary and said != summary and said in summary:
            objection = _("“Do I need it?” — “It works with your {product}: {what}.”").format(
                product=anchor.name, what=_lower_first(said))
        else:
            objection = _("“Do I need it?” — “It works with your {product}. {what}.”").format(
                product=anchor.name, what=said)
    else:
        objection = _("“Do I need it?” — “{what}.”").format(what=said)
    used = summary if summary and said in summary else said  # not said again in the details
    return Pitch(
        points=tuple(_line(p) for p in points[:4]),
        when=_("Once the {product} is agreed: after the decision, before checkout").format(product=anchor.name),
        objection=_line(objection, MAX_ANSWER),
        reason=_line(reason),
        details=tuple(_line(p) for p in points if p not in (reason, used)),
    )


def _what_it_does(summary: str | None) -> str | None:
    """What a description's first sentence says the product does: after its colon ("Desk dock
    for hybrid workers: one USB-C cable … handles charging"), or all of it when short."""
    if not summary:
        return None
    head, _, after = summary.partition(":")
    said = after.strip() if after and len(head.split()) <= 6 else summary  # "Desk dock: …", a label
    return said if len(said.split()) <= 30 else _short(summary, 22)


def _fits_line(anchor: Product, candidate: Candidate) -> str | None:
    """What the catalog states the add-on fits, said of this product where it can be."""
    if COMPATIBLE not in candidate.sources or not candidate.fits:
        return None
    target = candidate.fits.lower()
    if target == anchor.sku.lower():
        return _("Listed as compatible with the {product}").format(product=anchor.name)
    if anchor.family and target == anchor.family.lower():
        return _("Fits the {product}: listed for the {family} line").format(product=anchor.name, family=anchor.family)
    name = candidate.fits_name or candidate.fits
    if anchor.category and target == anchor.category.lower():
        return _("Listed for {target}").format(target=name)  # a whole category: "Listed for laptops"
    # an accessory's sibling: same phone, same line
    return _("Listed for {target}, like the {product}").format(target=name, product=anchor.name)


def _short(summary: str | None, words: int = 14) -> str | None:
    """A description's first sentence, short enough for a headline: cut at a colon or a
    relative clause ("… mouse for desk work that connects …"), or not used."""
    if not summary:
        return None
    if len(summary.split()) <= words:
        return summary
    if _SUBORDINATE.match(summary):
        return None  # "If a covered monitor fails, …": no head stands alone
    for cut in (":", ";", " that ", " which ", " – ", " — "):
        head = summary.split(cut, 1)[0]
        if 3 <= len(head.split()) <= words and head != summary:
            return head
    return None


_SUBORDINATE = re.compile(r"^(?:if|when|whenever|while|because|since|although|though|unless|as|once|after|"
                          r"before|until|where)\b", re.IGNORECASE)


def evidence_points(anchor: Product, candidate: Candidate) -> list[str]:
    """Social proof from the team's own data, only where there is enough of it to quote."""
    pair, evidence = candidate.pair, candidate.evidence
    if pair is None:
        return []
    points = []
    if evidence.anchor_orders >= MIN_ORDERS_QUOTED and pair.together >= MIN_PAIR_ORDERS:
        share = round(100 * pair.together / evidence.anchor_orders)
        line = _("Bought with the {product} in {share}% of its orders ({together} of {orders})").format(
            product=anchor.name, share=share, together=pair.together, orders=evidence.anchor_orders)
        overall = round(100 * pair.item_orders / evidence.total_orders)
        if overall and share < 1.25 * overall:  # a staple: say so, rather than oversell the pairing
            line += _("; it is in {share}% of all orders").format(share=overall)
        points.append(line)
    if pair.offered >= MIN_OFFERS_QUOTED:
        points.append(_("Accepted in {accepted} of {offered} offers with the {product}").format(
            accepted=pair.accepted, offered=pair.offered, product=anchor.name))
    return points


@dataclass(frozen=True)
class Change:
    key: str
    before: str
    after: str
    ratio: float = 1.0  # how much better, as the two values' stated numbers compare (gains only)


def new_features(anchor: Product, upgrade: Product, changes: list[Change]) -> list[str]:
    """Features the anchor does not list, leaving out those that repeat a changed spec
    ("17.3-inch Full HD IPS display" once the display change is said)."""
    have = {f.lower() for f in anchor.features}
    changed = {k for c in changes for k in specs_in(c.key, c.after)}
    said = " ".join(c.after for c in changes).lower()
    return [f for f in dict.fromkeys(upgrade.features) if f.lower() not in have and f.lower() not in said
            and not (set(specs_in("", f)) & changed)]


def _change_line(change: Change) -> str:
    return f"{change.key.replace('_', ' ')} {change.before} → {change.after}"


def _instead(change: Change) -> str:
    """"Processor: Intel Core i7-1355U instead of Intel Core i5-1335U"."""
    return _("{spec}: {after} instead of {before}").format(spec=change.key.replace("_", " ").capitalize(),
                                                          after=change.after, before=change.before)


_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z\"]*)", re.IGNORECASE)
LOWER_IS_BETTER = ("weight", "noise", "latency", "power_draw")


def _attribute_changes(anchor: Product, upgrade: Product) -> tuple[list[Change], list[Change]]:
    """Changed attributes split into gains and trade-offs. A change counts as a trade-off only
    when both values state a number in the same unit and the upgrade's is worse."""
    gains, losses = [], []
    for key, value in upgrade.spec_attributes.items():
        before = anchor.spec_attributes.get(key)
        if before is None or before == value:
            continue
        old, new = _NUMBER.search(before), _NUMBER.search(value)
        worse = False
        if old and new and old.group(2).lower() == new.group(2).lower():
            delta = float(new.group(1).replace(",", ".")) - float(old.group(1).replace(",", "."))
            worse = delta > 0 if key.lower() in LOWER_IS_BETTER else delta < 0
        if worse:
            losses.append(Change(key, before, value))
        else:
            gains.append(Change(key, before, value, _ratio(key, before, value)))
    return gains, losses


def _ratio(key: str, before: str, after: str) -> float:
    """after / before on the spec both values state (inverted where lower is better), else 1."""
    old, new = specs_in(key, before), specs_in(key, after)
    shared = [k for k in old if k in new and old[k] > 0 and new[k] > 0]
    if not shared:
        return 1.0
    k = shared[0]
    ratio = new[k] / old[k]
    return 1 / ratio if k in SPEC_LOWER_IS_BETTER or key.lower() in LOWER_IS_BETTER else ratio


def rating_line(product: Product) -> str | None:
    if product.rating is None:
        return None
    if product.review_count:
        return _("Rated {rating}/5 by {count} customers").format(rating=decimal(product.rating),
                                                                  count=number(product.review_count))
    return _("Rated {rating}/5").format(rating=decimal(product.rating))


def first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    sentence = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    return sentence.rstrip(".")


_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_NOT_A_BENEFIT = re.compile(r"^(?:per|fits|compatible|works\s+with|for)\b", re.IGNORECASE)


def _benefit(product: Product) -> str | None:
    """The first feature that says what the product does, not how it is priced or what it fits."""
    return next((f for f in product.features if not _NOT_A_BENEFIT.match(f)), None)


def _lower_first(text: str) -> str:
    """"Processor: …" inside a sentence; a word in capitals (an acronym, a brand) stays."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() or any(c.isupper() for c in first[1:]) else text[:1].lower() + text[1:]


def _fitted(prefix: str, items: list[str]) -> str:
    """As many whole items as fit on one line (at least one)."""
    line = prefix + items[0]
    for item in items[1:3]:
        if len(line) + 2 + len(item) > MAX_LINE:
            break
        line += "; " + item
    return line


def _line(text: str, limit: int = MAX_LINE) -> str:
    """One line, short enough for a glance; cut at a word boundary. A no-break space stays: it holds
    "1 099 kr" together."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
