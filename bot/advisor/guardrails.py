"""The rules no suggestion may break (PRODUCT.md, "Guardrails").

Each check returns None when the candidate may be offered, or the reason it may not.
"""

from __future__ import annotations

from catalog import Product
from catalog.taxonomy import audience, audience_mismatch


def fit_targets(product: Product) -> set[str]:
    """What a compatibility statement may name to mean this product: its SKU, family, category."""
    return {t.lower() for t in (product.sku, product.family, product.category) if t}


def incompatible(candidate: Product, anchor: Product) -> bool:
    """The candidate states what it fits, and neither the anchor nor what the anchor fits is in it.

    A screen protector for the Galaxy S24 goes with the S24 itself and with an S24 case; an
    iPhone case goes with neither.
    """
    if not candidate.compatible_with:
        return False
    fits = {t.lower() for t in candidate.compatible_with}
    return not (fits & (fit_targets(anchor) | {t.lower() for t in anchor.compatible_with}))


def common_rules(candidate: Product, anchor: Product) -> str | None:
    if candidate.sku.lower() == anchor.sku.lower():
        return "is the product being bought"
    if candidate.status != "active":
        return "is discontinued"
    if candidate.stock is not None and candidate.stock <= 0:
        return "is out of stock"
    if audience_mismatch(candidate, anchor):
        return f"is for {audience(candidate)}, the {anchor.name} for {audience(anchor)}"
    return None


def cross_sell_rule(candidate: Product, anchor: Product, *,
                    budget_left: float | None) -> str | None:
    reason = common_rules(candidate, anchor)
    if reason:
        return reason
    if incompatible(candidate, anchor):
        return f"does not state compatibility with the {anchor.name}"
    if budget_left is not None and candidate.price > budget_left + 1e-9:
        return "does not fit in the budget left after the main product"
    return None


def upsell_rule(candidate: Product, anchor: Product, *, max_jump: float,
                budget: float | None) -> str | None:
    reason = common_rules(candidate, anchor)
    if reason:
        return reason
    if candidate.price <= anchor.price:
        return "is not pricier than the product being bought"
    if candidate.price > anchor.price * (1 + max_jump) + 1e-9:
        return f"costs more than {max_jump:.0%} above the product being bought"
    if budget is not None and candidate.price > budget + 1e-9:
        return "is over the stated budget"
    if anchor.compatible_with and candidate.compatible_with and not (
            {t.lower() for t in anchor.compatible_with} & {t.lower() for t in candidate.compatible_with}):
        return "fits different products than the one being bought"
    return None
