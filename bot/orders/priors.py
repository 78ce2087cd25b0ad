"""How far a pair's share is trusted: each product's prior strength, fitted to the order history.

A pair's share (orders with both ÷ the anchor's orders) is smoothed towards the product's share
of all orders with `m` pseudo-orders. One `m` for every product would be a guess. A staple such as
milk is in about the same share of every anchor's orders, so a pair with it says little beyond
its overall share: a large `m`. An accessory is in most of one anchor's orders and in almost none
of the others, so its pairs say a lot: a small `m`.

Empirical Bayes by the method of moments: across the anchors with enough orders, the spread of
the product's share beyond what sampling noise explains is the spread of the true shares, and a
Beta prior with that mean and variance has strength m = mean × (1 − mean) ÷ variance − 1.
Measured on the grocery baskets (README "Quality"), half that strength predicts best.
"""

from __future__ import annotations

MIN_ANCHOR_ORDERS = 10  # an anchor with fewer orders says too little about the spread
MIN_ANCHORS = 5  # with fewer such anchors, the default strength is used instead
PRIOR_SCALE = 0.5  # measured: 0.5 and 1.0 of the fitted strength, 0.5 steadier (README "Quality")
STRENGTH_LIMITS = (1.0, 2000.0)  # fitted strengths are clipped to this, before the scale


def prior_strength(*, weight: float, together: float, squares: float, anchors: int) -> float:
    """The strength fitted from one product's moments over the qualifying anchors:
    weight = Σ anchor orders, together = Σ orders with both, squares = Σ together² ÷ anchor orders."""
    low, high = STRENGTH_LIMITS
    if weight <= 0:
        return low * PRIOR_SCALE
    mean = together / weight
    spread = squares / weight - mean * mean
    noise = anchors * mean * (1 - mean) / weight  # what binomial sampling alone would spread
    variance = max(spread - noise, 1e-6)
    fitted = mean * (1 - mean) / variance - 1
    return min(max(fitted, low), high) * PRIOR_SCALE


def fit_strengths(item_orders: dict[str, int],
                  moments: dict[str, tuple[float, float]]) -> dict[str, float] | None:
    """Every product's strength from its orders and its moments over the qualifying anchors
    (together, squares: see `prior_strength`; none for a product never bought with one); None
    when too few anchors qualify. Each product's own orders are left out of its fit."""
    anchors = {sku: n for sku, n in item_orders.items() if n >= MIN_ANCHOR_ORDERS}
    if len(anchors) < MIN_ANCHORS:
        return None
    weight = sum(anchors.values())
    strengths = {}
    for sku in item_orders:
        together, squares = moments.get(sku, (0, 0.0))
        strengths[sku] = prior_strength(weight=weight - anchors.get(sku, 0), together=together,
                                        squares=squares, anchors=len(anchors) - (sku in anchors))
    return strengths


def fit_priors(tx) -> int:
    """Set `order_items.prior_orders` for every product from the counts just rebuilt (NULL, the
    default strength, when too few anchors qualify)."""
    # Keys in lower case: the SKU columns compare without case, and their spellings may differ.
    item_orders = {sku.lower(): n for sku, n in tx.execute("SELECT sku, orders FROM order_items")}
    moments = {sku.lower(): (together, squares) for sku, together, squares in tx.execute("""
        SELECT p.other, SUM(p.orders), SUM(1.0 * p.orders * p.orders / a.orders)
        FROM order_pairs p JOIN order_items a ON a.sku = p.sku
        WHERE a.orders >= ? GROUP BY p.other""", [MIN_ANCHOR_ORDERS])}
    strengths = fit_strengths(item_orders, moments)
    if strengths is None:
        tx.execute("UPDATE order_items SET prior_orders = NULL")
    else:
        tx.executemany("UPDATE order_items SET prior_orders = ? WHERE sku = ?",
                            ((strength, sku) for sku, strength in strengths.items()))
