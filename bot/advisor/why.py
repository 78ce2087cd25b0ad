"""Why a product was suggested, in a rep's words: the rule that made it a suggestion."""

from __future__ import annotations

from bot.advisor.candidates import ACCEPTED, BOUGHT_TOGETHER, COMPATIBLE, CURATED, FAMILY, SIMILAR, USED_WITH, Candidate
from catalog import Product
from catalog.specs import compare
from catalog.taxonomy import leaf, mentions_use_with


def cross_sell_why(anchor: Product, candidate: Candidate) -> str:
    sources = candidate.ranked_sources()
    first = sources[0] if sources else SIMILAR
    pair = candidate.pair
    if first == BOUGHT_TOGETHER and pair is not None:
        return f"bought together with the {anchor.name} in {pair.together} orders"
    if first == ACCEPTED and pair is not None:
        return f"accepted in {pair.accepted} of {pair.offered} offers with the {anchor.name}"
    if first == CURATED:
        return f"a cross-sell the catalog links to the {anchor.name}"
    if first == COMPATIBLE and candidate.fits:
        fits = anchor.name if candidate.fits.lower() == anchor.sku.lower() else candidate.fits
        return f"stated compatible with {fits}"
    if USED_WITH in candidate.sources:
        kind = mentions_use_with(candidate.product, anchor)
        if kind:
            return f"used with a {kind}: its own description says so"
    own, theirs = leaf(candidate.product.category), leaf(anchor.category)
    if own and theirs:
        return f"close in use to {theirs.lower()}, another kind ({own.lower()})"
    return "close in use, another kind of product"


def upsell_why(anchor: Product, candidate: Candidate) -> str:
    sources = candidate.ranked_sources()
    first = sources[0] if sources else SIMILAR
    upgrade = candidate.product
    if first == CURATED:
        return f"an upgrade the catalog links to the {anchor.name}"
    if first == FAMILY:
        return f"same line ({upgrade.family}), next tier" if upgrade.family else "same line, next tier"
    gains, _ = compare(anchor, upgrade)
    if gains:
        return "better on " + _and([g.label for g in gains[:3]]) + ", no worse on any spec both state"
    return "a pricier version of the same kind"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
