"""What kind of product something is, and whom it is for, read from the catalog's own fields.

A category is a path (`Men/Tops/Jackets`, `Computers > Laptops`, `Home › Garden`): its last
level is the product's kind, the levels above it are context (department, audience). Two
products are the same kind when their leaves name the same thing, in whatever branch they sit:
`Men/Tops/Jackets` and `Women/Tops/Jackets` are both jackets, and `Wired & USB Keyboards` and
`Wireless & Bluetooth Keyboards` are both keyboards. One is an alternative to the other, never
an add-on.

The audience (men, women, kids) comes from the platform attributes (`gender`, `age_group`), the
path, the name and what the description says it is for. A product that names none, or says
unisex, fits everyone.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

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
software service services subscription subscriptions tool tools device devices system systems
solution solutions add-on add-ons addon addons
grocery groceries food foods furniture beauty decoration decor clothing apparel fashion electronics
household home garden kitchen toy toys sport sports outdoor outdoors office health wellness
personal care
""".split())

_IRREGULAR = {"mice": "mouse", "knives": "knife", "shelves": "shelf", "leaves": "leaf",
              "teeth": "tooth", "feet": "foot", "people": "person"}
KINDS_FOLDER = Path(__file__).parent / "kinds"


@functools.cache
def _glossary() -> dict[str, str]:
    """Word or phrase -> the kind it names, from every language file in catalog/kinds."""
    names: dict[str, str] = {}
    for path in sorted(KINDS_FOLDER.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            kind, others = line.split(":", 1)
            for word in [kind, *others.split(",")]:
                word = " ".join(singular(w) for w in word.split())
                if word:
                    names.setdefault(word, kind.strip())
    return names


def kind_words(kind: str) -> list[str]:
    """One-word names of a kind, singular and plural, for a full-text search: laptop, laptops,
    notebook, chromebook, … (the kind's last word when it has no one-word names)."""
    names = [w for w, k in _glossary().items() if k == kind and " " not in w] or [kind.split()[-1]]
    return list(dict.fromkeys(form for w in names for form in (w, _plural(w))))


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def canonical(words: list[str]) -> str:
    """The kind the last words of a phrase name: "usb flash drive" → flash drive, "chromebook" → laptop."""
    glossary = _glossary()
    for size in (3, 2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:])
            if phrase in glossary:
                return glossary[phrase]
    return words[-1]


MEN, WOMEN, KIDS = "men", "women", "kids"
_AUDIENCE_WORDS = {
    MEN: frozenset("men men's mens man man's male males gentlemen gents gent's boyfriend "
                   "herren heren herr".split()),
    WOMEN: frozenset("women women's womens woman woman's female females ladies lady lady's "
                     "girlfriend maternity damen dames".split()),
    KIDS: frozenset("kid kids kid's children children's child child's boy boys boy's girl "
                    "girls girl's junior juniors youth baby babies infant infants toddler "
                    "toddlers teen teens kinder".split()),
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
    levels = [_unslug(" ".join(p.split())) for p in parts if p and p.strip()]
    while len(levels) > 1 and levels[0].lower() in _ROOTS:
        levels.pop(0)
    return tuple(levels)


def _unslug(level: str) -> str:
    """`womens-dresses` or `home_decoration`, as exports and URLs write levels: words again."""
    if " " not in level and re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", level):
        return re.sub(r"[-_]", " ", level)
    return level


def leaf(category: str | None) -> str | None:
    """The product's kind as the catalog names it: the last level of its category."""
    levels = category_path(category)
    return levels[-1] if levels else None


@functools.lru_cache(maxsize=65536)
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


_QUALIFIER = re.compile(r"\s+(?:with|without|for|by|from|incl\.?|including)\s+.*$", re.IGNORECASE)
_BUNDLE = frozenset({"combo", "bundle", "kit", "set", "pack", "package"})


@functools.lru_cache(maxsize=8192)
def kind_keys(category: str | None) -> frozenset[str]:
    """The kinds a category's leaf names: the head noun of each of its parts, singular.

    `Hoodies & Sweatshirts` names {hoody, sweatshirt}; `Wired & USB Keyboards` {keyboard};
    `Cell Phones with Plans` {phone}; `Keyboard & Mouse Combos` {keyboard, mouse} (a combo
    stands in for each); a generic head keeps its modifier (`Camera Accessories` → {camera
    accessory}). Audience words are not kinds (`Men's Jackets` → {jacket}).
    """
    name = leaf(category)
    if not name:
        return frozenset()
    raw_parts = [p for p in _SPLIT.split(_QUALIFIER.sub("", name)) if _WORD.findall(p)]
    parts = [[w for w in map(singular, _WORD.findall(p)) if not _is_audience(w)] for p in raw_parts]
    kept = [(raw, words) for raw, words in zip(raw_parts, parts, strict=True) if words]
    if not kept:
        return frozenset()
    if kept[-1][1][-1] in _BUNDLE:  # "Keyboard & Mouse Combos": what the combo holds
        nouns = [w for _, words in kept for w in words if w not in _BUNDLE]
        return frozenset(nouns or [kept[-1][1][-1]])
    keys = set()
    for index, (raw, words) in enumerate(kept):
        last_is_phrase = len(kept[-1][1]) > 1
        if len(words) == 1 and index < len(kept) - 1 and last_is_phrase and not raw.strip().endswith("s"):
            continue  # "Wired" in "Wired & USB Keyboards" modifies the noun after it
        head = canonical(words)
        if head in _GENERIC and len(words) > 1:
            head = " ".join(words[-2:])
        keys.add(head)
    return frozenset(keys)


def _generic(category: str | None) -> bool:
    """The leaf names no kind of its own (`Accessories`, `Phone Accessories`, `Other`)."""
    keys = kind_keys(category)
    return not keys or all(k.split()[-1] in _GENERIC for k in keys)


_NAME_CUT = re.compile(r"\s+(?:for|with|to|fits|compatible|in|by|from|w/|-|–|—|\(|,|\||\+)\s+|\s+\(|,", re.I)
_NOT_A_HEAD = frozenset("""
black white grey gray silver gold blue red green pink purple yellow orange brown beige navy clear
rose space midnight starlight graphite titanium small medium large xl xxl edition version pro max
plus mini ultra lite new pack piece pieces pcs bundle kit set model series gen generation
""".split())


@functools.lru_cache(maxsize=65536)
def name_head(name: str) -> str | None:
    """The noun a product's name ends its first phrase on: "Galaxy S24 Clear Case" → case,
    "Spigen Screen Protector for Galaxy S24" → protector. None when there is none to trust."""
    segments = [s for s in re.split(r"\s+[-–—|]\s+", name) if s.strip()] or [name]
    # "Brand - What it is - Colour", "Brand - What it is", "What it is - Variant"
    what = segments[1] if len(segments) > 2 or (len(segments) == 2 and len(segments[0].split()) == 1) \
        else segments[0]
    phrase = _NAME_CUT.split(what)[0]
    words = [singular(w) for w in _WORD.findall(phrase) if w.isalpha() and len(w) > 2]
    words = [w for w in words if w not in _NOT_A_HEAD and not _is_audience(w)]
    return canonical(words) if words else None


def kinds_of(product: Product) -> frozenset[str]:
    """The kinds a product is, by its category's leaf and its name."""
    return _kinds_of(product.category, product.name)


@functools.lru_cache(maxsize=65536)
def _kinds_of(category: str | None, name: str) -> frozenset[str]:
    head = name_head(name)
    keys = set(kind_keys(category))
    if head and head not in _GENERIC:
        keys.add(head)
    return frozenset(k for k in keys if k.split()[-1] not in _GENERIC)


_USE_WORDS = re.compile(r"\b(?:for|with|fits?|compatible|works|under|over|into|inside|protects?|holds?|"
                        r"carr(?:y|ies)|pairs?|matches|connects?|charges?|plugs?|use[sd]?)\b", re.IGNORECASE)


def mentions_use_with(candidate: Product, anchor: Product) -> str | None:
    """The anchor's kind, when the candidate's own text says it is used with one: a sleeve "fits
    laptops up to 15.6 inches", a tee "to wear under a running jacket". One way only: a camera
    does not go with a memory card because the card's text names cameras."""
    named = _used_with(" ".join(filter(None, [candidate.name, *candidate.features, candidate.description or ""])))
    return next((kind for kind in named if kind in kinds_of(anchor)), None)


@functools.lru_cache(maxsize=16384)
def _used_with(text: str) -> tuple[str, ...]:
    """The kinds a text names within a few words after "for", "fits", "with", "under", …"""
    found = []
    for use in _USE_WORDS.finditer(text):
        words = [singular(w) for w in _WORD.findall(text[use.end(): use.end() + 60])][:5]
        found += [canonical(words[:end]) for end in range(1, len(words) + 1)]
    return tuple(dict.fromkeys(found))


def same_kind(a: Product, b: Product) -> bool:
    """Both products are the same kind of thing, in any branch of the catalog.

    A specific leaf decides: `Jackets` under Men and under Women, `Wired` and `Wireless &
    Bluetooth Keyboards`. Under a generic one (`Phone Accessories` holds cases and screen
    protectors) the names decide: a case is a case.
    """
    if not a.category or not b.category:
        return False
    if not (_generic(a.category) or _generic(b.category)):
        if a.category.strip().lower() == b.category.strip().lower() or \
                kind_keys(a.category) & kind_keys(b.category):
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

    The platform's own attribute wins, then the category path, then the name, then what the
    description says the product is for.
    """
    attrs = {k.lower(): v.strip().lower() for k, v in product.attributes.items()
             if k.lower() in ("gender", "age_group")}
    return _audience(product.category, product.name, product.description,
                     attrs.get("gender", ""), attrs.get("age_group", ""))


@functools.lru_cache(maxsize=65536)
def _audience(category: str | None, name: str, description: str | None, gender: str,
              age_group: str) -> str | None:
    if _GOOGLE_AGE.get(age_group):
        return _GOOGLE_AGE[age_group]
    if gender in _GOOGLE_GENDER:
        return _GOOGLE_GENDER[gender]
    found = [_audiences_in(text or "") for text in (" ".join(category_path(category)), name)]
    found.append(_stated_for(description or ""))
    if any("unisex" in f for f in found):
        return None
    for named in found:  # the path first, then the name, then what the description says it is for
        if KIDS in named:
            return KIDS
        if MEN in named and WOMEN in named:
            return None
        if named:
            return next(iter(named))
    return None


_MADE_FOR = re.compile(r"\b(?:this|our|a|the)\s+(men|women|ladies|kids|children|boys|girls)['’]s?\b"
                       r"|\b(?:for|designed\s+for|made\s+for)\s+(men|women|ladies|kids|children|boys|girls)\b",
                       re.IGNORECASE)


def _stated_for(description: str) -> set[str]:
    """`this women's watch`, `designed for kids`: what a description says, when it names one."""
    named = {_audiences_in(next(g for g in m.groups() if g)).pop() for m in _MADE_FOR.finditer(description)}
    return named if len(named) == 1 else set()


def audience_mismatch(candidate: Product, anchor: Product) -> bool:
    """Both name an audience, and not the same one: a women's top for a men's jacket."""
    a, c = audience(anchor), audience(candidate)
    return a is not None and c is not None and a != c
