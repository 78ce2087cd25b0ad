"""A figure is read the other ways a trainer would before it is called false."""

from __future__ import annotations

from bot.roleplay.claims import Claim
from bot.roleplay.readings import second_reading
from catalog import Product

PHONE = Product(sku="P1", name="Apple iPhone 15 Pro Max 256 GB", price=1449.0, category="Smartphones")
GLASS = Product(sku="G1", name="Belkin TemperedGlass Screen Protector for iPhone 15 Plus / 15 Pro Max",
                price=24.9, category="Screen Protectors")
CASE = Product(sku="C1", name="Spigen Tough Armor Case for iPhone 15 Pro Max", price=34.9, category="Cases")


def flagged(amount: float, product: Product, kind: str = "price") -> Claim:
    return Claim(claim=f"€{amount:g} for the {product.name}", kind=kind, sku=product.sku, true=False, amount=amount)


def test_a_price_named_with_another_product_is_that_products_price():
    text = "The correct one is the Belkin TemperedGlass for iPhone 15 Plus / 15 Pro Max, same price: €24.90."
    read = second_reading(flagged(24.9, PHONE), PHONE, text, [PHONE], [GLASS], [PHONE], {1})
    assert read is not None and read.true and read.sku == "G1"


def test_a_running_total_for_the_count_is_true():
    text = "With the case that keeps you at €1,483.90 each, €14,839 for 10."
    assert second_reading(flagged(14839, CASE), CASE, text, [CASE], [], [PHONE], {1, 10}).true


def test_a_wrong_price_with_no_other_reading_stays_false():
    text = "The Spigen Tough Armor case is €29.90."
    assert second_reading(flagged(29.9, CASE), CASE, text, [CASE], [GLASS], [PHONE], {1}) is None
    text = "The Pro Max is €1,399."  # the price of nothing named: a wrong figure
    assert second_reading(flagged(1399, PHONE), PHONE, text, [PHONE], [CASE, GLASS], [PHONE], {1}) is None
