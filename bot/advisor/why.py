"""Why a product was suggested, in a rep's words: the rule that made it a suggestion."""

from __future__ import annotations

from bot.advisor.candidates import ACCEPTED, BOUGHT_TOGETHER, COMPATIBLE, CURATED, FAMILY, SIMILAR, USED_WITH, Candidate
from bot.language.speech import _
from catalog import Product
from catalog.specs import compare
from catalog.taxonomy import leaf, mentions_use_with


def cross_sell_why(anchor: Product, candidate: Candidate) -> str:
    sources = candidate.ranked_sources()
    first = sources[0] if sources else SIMILAR
    pair = candidate.pair
    if first == BOUGHT_TOGETHER and pair is not None:
        return _("bought together with the {product} in {count} orders").format(product=anchor.name,
                                                                                 count=pair.together)
    if first == ACCEPTED and pair is not None:
        return _("accepted in {accepted} of {offered} offers with the {product}").format(
            accepted=pair.accepted, offered=pair.offered, product=anchor.name)
    if first == CURATED:
        return _("a cross-sell the catalog links to the {product}").format(product=anchor.name)
    if first == COMPATIBLE and candidate.fits:
        fits = anchor.name if candidate.fits.lower() == anchor.sku.lower() else candidate.fits
        return _("stated compatible with {target}").format(target=fits)
    if USED_WITH in candidate.sources:
        kind = mentions_use_with(candidate.product, anchor)
        if kind:
            return _("used with a {kind}: its own description says so").format(kind=kind)
    own, theirs = leaf(candidate.product.category), leaf(anchor.category)
    if own and theirs:
        return _("close in use to {theirs}, another kind ({own})").format(theirs=theirs.lower(), own=own.lower())
    return _("close in use, another kind of product")


def upsell_why(anchor: Product, candidate: Candidate) -> str:
    sources = candidate.ranked_sources()
    first = sources[0] if sources else SIMILAR
    upgrade = candidate.product
    if first == CURATED:
        return _("an upgrade the catalog links to the {product}").format(product=anchor.name)
    if first == FAMILY:
        return (_("same line ({family}), next tier").format(family=upgrade.family) if upgrade.family
                else _("same line, next tier"))
    gains, _losses = compare(anchor, upgrade)
    if gains:
        return _("better on {specs}, no worse on any spec both state").format(specs=_and([g.label for g in gains[:3]]))
    return _("a pricier version of the same kind")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
