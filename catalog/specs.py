"""The specs a product states, as comparable numbers: from its attributes and its own text.

"16GB Memory - 512GB SSD", a `display` attribute of "15.6-inch Full HD" and "up to 10 hours"
all become numbers with a direction, so that an upgrade can be checked to be at least as good
on every spec both products state, and better on one. Only what the catalog says is read; a
spec one of the two does not state is not compared.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from catalog.product import Product

LOWER_IS_BETTER = frozenset({"weight"})
LABELS = {
    "memory": "memory", "storage": "storage", "capacity": "capacity", "screen": "screen size",
    "resolution": "resolution", "megapixels": "megapixels", "battery": "battery capacity",
    "battery_life": "battery life", "refresh_rate": "refresh rate", "clock": "clock speed",
    "processor": "processor", "zoom": "optical zoom", "brightness": "brightness",
    "speed": "speed", "volume": "volume", "weight": "weight",
}
_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"  # 4,900 is a thousands comma; 2,5 a decimal one
_MEMORY_WORDS = re.compile(r"^\W*(?:of\s+)?(?:\w+\s+)?(?:ram|memory|ddr\d?\w*|lpddr\w*|unified)\b", re.I)
_STORAGE_WORDS = re.compile(
    r"^\W*(?:of\s+)?(?:\w+\s+)?(?:ssd|storage|hard\s+drive|hdd|emmc|flash|solid|nvme|pcie|internal)\b", re.I)
_BYTES = re.compile(_NUM + r"\s*(TB|GB)\b", re.I)
_INCH = re.compile(_NUM + r"\s*(?:-|\s)?\s*(?:inch(?:es)?\b|in\.(?!\w)|\"|″|”|''|-in\b)", re.I)
_PIXELS = re.compile(r"\b(\d{3,4})\s*[x×]\s*(\d{3,4})\b")
_P_LINES = re.compile(r"\b(480|720|1080|1200|1440|2160|4320)\s*[pi]\b", re.I)
_NAMED_RESOLUTION = [
    (re.compile(r"\b8k\b", re.I), 4320), (re.compile(r"\b(?:4k|ultra\s*hd|uhd)\b", re.I), 2160),
    (re.compile(r"\b(?:qhd|wqhd|2k)\b", re.I), 1440), (re.compile(r"\bwuxga\b", re.I), 1200),
    (re.compile(r"\b(?:full\s*hd|fhd)\b", re.I), 1080),
]
_PATTERNS = [
    ("megapixels", re.compile(_NUM + r"\s*-?\s*(?:mp|megapixels?)\b", re.I), 1.0),
    ("battery", re.compile(_NUM + r"\s*mah\b", re.I), 1.0),
    ("battery_life", re.compile(r"(?:up\s+to\s+)?" + _NUM + r"\s*-?\s*(?:hours?|hrs?|h)\b(?=[^.;]{0,30}"
                                r"(?:battery|playback|play\s*time|runtime|use|charge))"
                                r"|\b(?:battery(?:\s+life)?\s+(?:of\s+)?(?:up\s+to\s+)?)" + _NUM
                                + r"\s*-?\s*(?:hours?|hrs?|h)\b", re.I), 1.0),
    ("refresh_rate", re.compile(_NUM + r"\s*hz\b", re.I), 1.0),
    ("clock", re.compile(_NUM + r"\s*ghz\b", re.I), 1.0),
    ("zoom", re.compile(_NUM + r"\s*x\s+(?:optical\s+)?zoom\b", re.I), 1.0),
    ("brightness", re.compile(_NUM + r"\s*(?:lumens|nits)\b", re.I), 1.0),
    ("speed", re.compile(_NUM + r"\s*(?:mb/s|mbps)\b", re.I), 1.0),
]
_PROCESSOR = re.compile(r"\b(?:core\s*(?:ultra\s*)?i?|ryzen\s*(?:ai\s*)?)([3579])\b|\bcore\s+i([3579])-", re.I)
# An attribute's name says which spec its number is: `memory` = "16 GB".
_ATTRIBUTE_KEYS = {
    "memory": "memory", "ram": "memory", "storage": "storage", "ssd": "storage", "capacity": "capacity",
    "display": "screen", "screen": "screen", "screen_size": "screen", "battery_life": "battery_life",
    "battery": "battery", "processor": "processor", "cpu": "processor", "resolution": "resolution",
    "weight": "weight", "megapixels": "megapixels", "refresh_rate": "refresh_rate",
}


@dataclass(frozen=True)
class SpecChange:
    key: str
    before: float
    after: float

    @property
    def label(self) -> str:
        return LABELS.get(self.key, self.key.replace("_", " "))


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _bytes(match: re.Match) -> float:
    return _number(match.group(1)) * (1024 if match.group(2).upper() == "TB" else 1)


def _resolution(text: str) -> float | None:
    found = [min(int(a), int(b)) for a, b in _PIXELS.findall(text)]
    found += [int(v) for v in _P_LINES.findall(text)]
    found += [lines for pattern, lines in _NAMED_RESOLUTION if pattern.search(text)]
    return float(max(found)) if found else None


def _processor(text: str) -> float | None:
    ranks = [int(a or b) for a, b in _PROCESSOR.findall(text)]
    return float(max(ranks)) if ranks else None


def _from_text(text: str) -> dict[str, float]:
    specs: dict[str, float] = {}

    def keep(key: str, value: float) -> None:
        specs[key] = max(value, specs.get(key, value))

    for match in _BYTES.finditer(text):
        after = text[match.end(): match.end() + 30]
        key = "memory" if _MEMORY_WORDS.match(after) else "storage" if _STORAGE_WORDS.match(after) \
            else "capacity"
        keep(key, _bytes(match))
    for match in _INCH.finditer(text):
        keep("screen", _number(match.group(1)))
    resolution = _resolution(text)
    if resolution:
        keep("resolution", resolution)
    processor = _processor(text)
    if processor:
        keep("processor", processor)
    for key, pattern, scale in _PATTERNS:
        for match in pattern.finditer(text):
            value = next(g for g in match.groups() if g)
            keep(key, _number(value) * scale)
    return specs


def _from_attribute(key: str, value: str) -> dict[str, float]:
    spec = _ATTRIBUTE_KEYS.get(key.lower())
    if spec is None:
        return {}
    found = _from_text(value)
    if spec in ("memory", "storage", "capacity"):
        match = _BYTES.search(value)
        return {spec: _bytes(match)} if match else {}
    if spec == "weight":
        match = re.search(_NUM + r"\s*(kg|g|lbs?)\b", value, re.I)
        if not match:
            return {}
        grams = _number(match.group(1)) * {"kg": 1000, "g": 1, "lb": 453.6, "lbs": 453.6}[match.group(2).lower()]
        return {"weight": grams}
    if spec == "screen":
        return {k: v for k, v in found.items() if k in ("screen", "resolution", "refresh_rate")}
    if spec in found:
        return {spec: found[spec]}
    match = re.search(_NUM, value)
    return {spec: _number(match.group(1))} if match and spec in ("megapixels", "refresh_rate") else {}


_PER_ORDER = re.compile(r"\b(?:one-?off|one[- ]time|flat\s+fee|per\s+(?:group|session|workspace|visit|order|company|"
                        r"site|team|project|account|installation|course|workshop))\b", re.I)


def priced_per_order(product: Product) -> bool:
    """The price is for the whole order, not per unit: "One-off fee per workspace", "Per group of
    up to 10 participants", "Priced per session"."""
    return bool(_PER_ORDER.search(" ; ".join([*product.features, product.description or ""])))


def specs_in(key: str, text: str) -> dict[str, float]:
    """The specs one value states: an attribute's (`display` = "15.6-inch Full HD"), or any
    text's when the key names no spec."""
    return _from_attribute(key, text) if key.lower() in _ATTRIBUTE_KEYS else _from_text(text)


@functools.lru_cache(maxsize=4096)
def _specs(name: str, description: str, features: tuple[str, ...],
           attributes: tuple[tuple[str, str], ...]) -> dict[str, float]:
    specs = _from_text(" ; ".join([name, *features, description]))
    for key, value in attributes:
        specs.update(_from_attribute(key, value))  # the catalog's own column beats free text
    if "capacity" in specs and specs["capacity"] in (specs.get("storage"), specs.get("memory")):
        del specs["capacity"]  # "256 GB" in the name is the storage the features name
    return specs


def stated_specs(product: Product) -> dict[str, float]:
    """Spec key -> number, for what the product's fields state."""
    return dict(_specs(product.name, product.description or "", product.features,
                       tuple(sorted(product.attributes.items()))))


def compare(anchor: Product, candidate: Product) -> tuple[list[SpecChange], list[SpecChange]]:
    """(gains, losses) of the candidate against the anchor, on the specs both state."""
    mine, theirs = stated_specs(anchor), stated_specs(candidate)
    gains, losses = [], []
    for key in sorted(mine.keys() & theirs.keys()):
        before, after = mine[key], theirs[key]
        if abs(after - before) <= 1e-9 * max(1.0, abs(before)):
            continue
        better = (after < before) if key in LOWER_IS_BETTER else (after > before)
        (gains if better else losses).append(SpecChange(key, before, after))
    return gains, losses


def better_version(anchor: Product, candidate: Product) -> bool:
    """At least as good on every spec both state, and better on one."""
    gains, losses = compare(anchor, candidate)
    return bool(gains) and not losses
