"""Category paths as a hierarchy; kinds and audiences read from the catalog's own fields."""

from __future__ import annotations

import pytest

from catalog import Product
from catalog.taxonomy import audience, audience_mismatch, category_path, kind_keys, name_head, same_kind


def product(name: str, category: str | None, **attributes) -> Product:
    return Product(sku=name.replace(" ", "-"), name=name, price=10.0, category=category,
                   attributes=attributes)


@pytest.mark.parametrize("text, levels", [
    ("Men/Tops/Jackets", ("Men", "Tops", "Jackets")),
    ("Default Category/Gear/Bags", ("Gear", "Bags")),
    ("Computers & Tablets > Laptops > PC Laptops", ("Computers & Tablets", "Laptops", "PC Laptops")),
    ("Home › Garden › Pots", ("Garden", "Pots")),
    ("Electronics >> Audio | Headphones", ("Electronics", "Audio", "Headphones")),
    ("TV/Video > Projectors", ("TV/Video", "Projectors")),  # "/" inside a level when ">" splits
    ("Laptops", ("Laptops",)),
    ("womens-dresses", ("womens dresses",)),  # a slug, as exports and URLs write it
    ("home_decoration", ("home decoration",)),
    ("", ()),
    (None, ()),
])
def test_category_paths_split_into_levels(text, levels):
    assert category_path(text) == levels


@pytest.mark.parametrize("category, keys", [
    ("Men/Tops/Jackets", {"jacket"}),
    ("Women/Tops/Hoodies & Sweatshirts", {"hoody"}),  # one kind, by the glossary
    ("Computers & Tablets > MacBooks", {"laptop"}),
    ("Keyboard & Mouse Combos", {"keyboard", "mouse"}),
    ("Cell Phones with Plans", {"phone"}),
    ("Computer Keyboards > Wired & USB Keyboards", {"keyboard"}),
    ("Mice & Keyboards", {"mouse", "keyboard"}),
    ("Camera Accessories", {"camera accessory"}),
    ("Men's Shoes", {"shoe"}),
])
def test_the_leaf_names_the_kind(category, keys):
    assert kind_keys(category) == keys


def test_the_same_kind_in_another_branch_is_the_same_kind():
    mens = product("Proteus Jacket", "Men/Tops/Jackets")
    assert same_kind(mens, product("Olivia Jacket", "Women/Tops/Jackets"))
    assert same_kind(product("Adesso Keyboard", "Keyboards > Wired & USB Keyboards"),
                     product("Logitech K380", "Keyboards > Wireless & Bluetooth Keyboards"))
    assert not same_kind(mens, product("Aim Analog Watch", "Gear/Watches"))
    assert not same_kind(mens, product("Argus All-Weather Tank", "Men/Tops/Tanks"))


def test_a_generic_leaf_leaves_the_kind_to_the_names():
    case = product("Galaxy S24 Clear Case", "Phone Accessories")
    assert not same_kind(case, product("Spigen Screen Protector for Galaxy S24", "Phone Accessories"))
    assert same_kind(case, product("Galaxy S24 Leather Case", "Phone Accessories"))
    assert name_head("Adesso - Tru-Form Media Contoured Ergonomic Keyboard - Black") == "keyboard"


@pytest.mark.parametrize("name, category, attributes, expected", [
    ("Proteus Jacket", "Men/Tops/Jackets", {}, "men"),
    ("Olivia Jacket", "Women/Tops/Jackets", {}, "women"),
    ("Men's Trail Shoe", "Shoes", {}, "men"),
    ("Womens Running Tee", None, {}, "women"),
    ("Kids' Rain Boot", "Footwear", {}, "kids"),
    ("Unisex Beanie", "Women/Accessories", {}, None),
    ("Overnight Duffle", "Gear/Bags", {}, None),
    ("Trail Tee", "Apparel", {"gender": "female"}, "women"),
    ("Trail Tee", "Apparel", {"gender": "male", "age_group": "kids"}, "kids"),
    ("Hoodie for men and women", "Apparel", {}, None),
])

def test_the_audience_comes_from_attributes_path_and_name(name, category, attributes, expected):
    assert audience(product(name, category, **attributes)) == expected


def test_only_two_named_different_audiences_mismatch():
    mens, womens = product("Jacket", "Men/Tops/Jackets"), product("Tee", "Women/Tops/Tees")
    bag = product("Duffle", "Gear/Bags")
    assert audience_mismatch(womens, mens)
    assert not audience_mismatch(bag, mens) and not audience_mismatch(mens, bag)


def test_a_lower_case_slash_is_not_a_level():
    assert category_path("canned fruit/vegetables") == ("canned fruit/vegetables",)
    assert kind_keys("canned fruit/vegetables") == {"fruit", "vegetable"}


def test_a_description_that_says_whom_it_is_for_counts():
    watch = Product(sku="W", name="Luma Analog Watch", price=43.0, category="Gear/Watches",
                    description="Designed for an active lifestyle, this women's Luma Analog Watch has a chrome finish.")
    assert audience(watch) == "women"
    both = Product(sku="B", name="Sports Watch", price=43.0, category="Gear/Watches",
                   description="Made for men and for women who train outdoors.")
    assert audience(both) is None


def test_a_text_that_says_what_it_is_used_with_names_that_kind():
    from catalog.taxonomy import mentions_use_with
    laptop = product("Toshiba - Satellite 15.6\" Laptop - Intel Core i3", "PC Laptops")
    sleeve = Product(sku="S", name="Neoprene Sleeve", price=20.0, category="Laptop Bags",
                     description="Slim sleeve that fits notebooks up to 15.6 inches.")
    assert mentions_use_with(sleeve, laptop) == "laptop"  # a notebook is a laptop
    assert mentions_use_with(laptop, sleeve) is None  # one way only
    assert mentions_use_with(product("Mouse", "Mice"), laptop) is None
