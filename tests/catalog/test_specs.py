"""Specs read from attributes and text, and the "better version" test upsells must pass."""

from __future__ import annotations

from catalog import Product
from catalog.specs import better_version, compare, stated_specs


def product(name: str, description: str = "", **attributes) -> Product:
    return Product(sku=name[:20].replace(" ", "-"), name=name, price=100.0, description=description,
                   attributes=attributes)


def test_specs_from_a_retailer_name():
    specs = stated_specs(product("CybertronPC - Desktop - Intel Core i7 - 16GB Memory - 2TB Hard Drive - Red"))
    assert specs == {"processor": 7, "memory": 16, "storage": 2048}


def test_specs_from_text_with_units_and_thousands():
    specs = stated_specs(product("Phone X", "6.1-inch OLED, 120 Hz; 4,900 mAh battery; 50 MP camera, "
                                           "up to 20 hours video playback; 1920 x 1080"))
    assert specs == {"screen": 6.1, "refresh_rate": 120, "battery": 4900, "megapixels": 50,
                     "battery_life": 20, "resolution": 1080}


def test_an_attribute_beats_the_text():
    laptop = product("Laptop 16GB", "8 GB RAM", memory="32 GB", display="15.6-inch Full HD")
    assert stated_specs(laptop)["memory"] == 32
    assert stated_specs(laptop)["screen"] == 15.6 and stated_specs(laptop)["resolution"] == 1080


def test_a_better_version_is_no_worse_anywhere_and_better_somewhere():
    base = product("Laptop A", memory="16 GB", storage="512 GB SSD", display="15.6-inch Full HD")
    smaller = product("Laptop B", memory="16 GB", storage="256 GB SSD", display="14-inch Full HD")
    better = product("Laptop C", memory="32 GB", storage="512 GB SSD", display="15.6-inch Full HD")
    same = product("Laptop D", memory="16 GB", storage="512 GB SSD", display="15.6-inch Full HD")
    assert not better_version(base, smaller)  # +€70 for a smaller screen and half the storage
    assert better_version(base, better)
    assert not better_version(base, same)  # sideways: nothing is better
    gains, losses = compare(base, smaller)
    assert gains == [] and {c.key for c in losses} == {"screen", "storage"}


def test_lower_weight_is_better():
    assert better_version(product("Heavy", weight="2.1 kg"), product("Light", weight="1.4 kg"))
