"""What kind of product something is, and whom it is for, read from the catalog's own fields.

A category is a path (`Men/Tops/Jackets`, `Computers > Laptops`, `Home › Garden`): its last
level is the product's kind, the levels above it are context (department, audience). Two
products are the same kind when their leaves name the same thing, in whatever branch they sit:
`Men/Tops/Jackets` and `Women/Tops/Jackets` are both jackets, and `Wired & USB Keyboards` and
`Wireless & Bluetooth Keyboards` are both keyboards. One is an alternative to the other, never
an add-on.

The audience (men, women, kids) comes from the path, the name and the platform attributes
(`gender`, `age_group`). A product that names none, or says unisex, fits everyone.
"""

from __future__ import annotations

import functools
import re

from catalog.product import Product

# Separators platforms put between levels; "/" only counts when none of the others is present
# (names like "TV/Video" use it inside a level) and every level it splits starts with a capital.
_STRONG_SEPARATORS = re.compile(r"\s*(?:>>|>|›|»|\||::)\s*")
_ROOTS = frozenset({"default category", "root catalog", "root", "home", "all", "all products",
                    "catalog", "shop", "products"})
# Words that say how a level is split, not what it holds.
_SPLIT = re.compile(r"\s*(?:&|,|\+|/|\band\b|\bor\b)\s*", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
# Heads that name no kind on their own: "Camera Accessories" and "Phone Accessories" differ.
_GENERIC = frozenset("""
accessory accessories equipment gear item items product products supply supplies part parts
other others more misc miscellaneous essential essentials collection collections set sets kit kits
bundle bundles deal deals sale new best seller sellers top featured general basic basics
food foods care software service services subscription subscriptions tool tools device devices system systems
solution solutions add-on add-ons addon addons
""".split())

_IRREGULAR = {"mice": "mouse", "knives": "knife", "shelves": "shelf", "leaves": "leaf",
              "teeth": "tooth", "feet": "foot", "people": "person"}
MEN, WOMEN, KIDS = "men", "women", "kids"
_AUDIENCE_WORDS = {
    MEN: frozenset("men men's mens man man's male males gentlemen gents gent's boyfriend "
                   "herren heren herr".split()),
    WOMEN: frozenset("women women's womens woman woman's female females ladies lady lady's "
                     "girlfriend maternity damen dames dam".split()),
    KIDS: frozenset("kid kids kid's children children's child child's boy boys boy's girl "
                    "girls girl's junior juniors youth baby babies infant infants toddler "
                    "toddlers teen teens kinder barn".split()),
}
_UNISEX = frozenset("unisex gender-neutral everyone adult adults".split())
_GOOGLE_GENDER = {"male": MEN, "female": WOMEN, "unisex": None}
_GOOGLE_AGE = {"kids": KIDS, "toddler": KIDS, "infant": KIDS, "newborn": KIDS}


def category_path(category: str | None) -> tuple[str, ...]:
    """The levels of a category, top first, without platform roots like `Default Category`."""
    if not category or not category.strip():
        return ()
    text = category.strip()
    if _STRONG_SEPARATORS.search(text):
        parts = _STRONG_SEPARATORS.split(text)
    else:  # Magento's `Men/Tops/Jackets`, but not a flat `canned fruit/vegetables`
        parts = text.split("/")
        if not all(p.strip()[:1].isupper() or p.strip()[:1].isdigit() for p in parts if p.strip()):
            parts = [text]
    levels = [" ".join(p.split()) for p in parts if p and p.strip()]
    while len(levels) > 1 and levels[0].lower() in _ROOTS:
        levels.pop(0)
    return tuple(levels)


def leaf(category: str | None) -> str | None:
    """The product's kind as the catalog names it: the last level of its category."""
    levels = category_path(category)
    return levels[-1] if levels else None


def department(category: str | None) -> str | None:
    """The top level of the path, when there is more than one level."""
    levels = category_path(category)
    return levels[0] if len(levels) > 1 else None


def singular(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s"):
        word = word[:-1]
    return word[:-2] + "y" if word.endswith("ie") else word  # hoodie and hoodies alike


@functools.lru_cache(maxsize=8192)
def kind_keys(category: str | None) -> frozenset[str]:
    """The kinds a category's leaf names: the head noun of each of its parts, singular.

    `Hoodies & Sweatshirts` names {hoodie, sweatshirt}; `Wired & USB Keyboards` {keyboard}; a
    generic head keeps its modifiers (`Camera Accessories` → {camera accessory}). Audience words
    are not kinds (`Men's Jackets` → {jacket}).
    """
    name = leaf(category)
    if not name:
        return frozenset()
    keys = set()
    for part in _SPLIT.split(name):
        words = [singular(w) for w in _WORD.findall(part)]
        words = [w for w in words if not _is_audience(w)]
        if not words:
            continue
        head = words[-1]
        if head in _GENERIC and len(words) > 1:
            head = " ".join(words[-2:])
        if len(words) == 1 and len(name.split()) > 1 and _is_modifier_part(part, name):
            continue  # "Wired" in "Wired & USB Keyboards" modifies the noun after it
        keys.add(head)
    return frozenset(keys)


def _is_modifier_part(part: str, name: str) -> bool:
    """A one-word part before the last part, when the last part ends in the same kind of noun:
    `Wired & USB Keyboards` (wired keyboards and USB keyboards), not `Mice & Keyboards`."""
    parts = [p for p in _SPLIT.split(name) if p.strip()]
    if len(parts) < 2 or part.strip() == parts[-1].strip():
        return False
    last = _WORD.findall(parts[-1])
    word = part.strip().lower()
    return len(last) > 1 and not word.endswith("s")


def _generic(category: str | None) -> bool:
    """The leaf names no kind of its own (`Accessories`, `Phone Accessories`, `Other`)."""
    keys = kind_keys(category)
    return not keys or all(k.split()[-1] in _GENERIC for k in keys)


_NAME_CUT = re.compile(r"\s+(?:for|with|to|fits|compatible|in|by|from|w/|-|–|—|\(|,|\|)\s+|\s+\(|,", re.I)
_NOT_A_HEAD = frozenset("""
black white grey gray silver gold blue red green pink purple yellow orange brown beige navy clear
rose space midnight starlight graphite titanium small medium large xl xxl edition version pro max
plus mini ultra lite new pack piece pieces pcs bundle kit set model series gen generation
""".split())


@functools.lru_cache(maxsize=65536)
def name_head(name: str) -> str | None:
    """The noun a product's name ends its first phrase on: "Galaxy S24 Clear Case" → case,
    "Spigen Screen Protector for Galaxy S24" → protector. None when there is none to trust."""
    segments = [s for s in re.split(r"\s+[-–—|]\s+", name) if s.strip()]
    if len(segments) > 1:  # "Brand - What it is - Colour": the longest segment says what
        segments = [max(segments[1:] if len(segments) > 2 else segments, key=len)]
    phrase = _NAME_CUT.split(segments[0] if segments else name)[0]
    words = [singular(w) for w in _WORD.findall(phrase) if w.isalpha() and len(w) > 2]
    words = [w for w in words if w not in _NOT_A_HEAD and not _is_audience(w)]
    return words[-1] if words else None


def same_kind(a: Product, b: Product) -> bool:
    """Both products are the same kind of thing, in any branch of the catalog.

    A specific leaf decides (`Jackets` is `Jackets` under Men and under Women); under a generic
    one (`Phone Accessories` holds cases and screen protectors) the names decide.
    """
    if not a.category or not b.category:
        return False
    generic = _generic(a.category) or _generic(b.category)
    if not generic and kind_keys(a.category) & kind_keys(b.category):
        return True
    head = name_head(a.name)
    return head is not None and head not in _GENERIC and head == name_head(b.name)


def _is_audience(word: str) -> bool:
    return any(word in words for words in _AUDIENCE_WORDS.values())


def _audiences_in(text: str) -> set[str]:
    words = {w.lower().replace("’", "'") for w in _WORD.findall(text)}
    if words & _UNISEX:
        return {"unisex"}
    return {audience for audience, names in _AUDIENCE_WORDS.items() if words & names}


def audience(product: Product) -> str | None:
    """men, women or kids when the product says so; None for unisex, gear and anything unsaid.

    The platform's own attribute wins, then the category path, then the name.
    """
    attrs = {k.lower(): v.strip().lower() for k, v in product.attributes.items()}
    age = _GOOGLE_AGE.get(attrs.get("age_group", ""))
    if age:
        return age
    if attrs.get("gender") in _GOOGLE_GENDER:
        return _GOOGLE_GENDER[attrs["gender"]]
    found = [_audiences_in(text or "") for text in (" ".join(category_path(product.category)), product.name)]
    if any("unisex" in f for f in found):
        return None
    for named in found:  # the path first, then the name
        if KIDS in named:
            return KIDS
        if MEN in named and WOMEN in named:
            return None
        if named:
            return named.pop()
    return None


def audience_mismatch(candidate: Product, anchor: Product) -> bool:
    """Both name an audience, and not the same one: a women's top for a men's jacket."""
    a, c = audience(anchor), audience(candidate)
    return a is not None and c is not None and a != c
