"""A product and the columns a catalog file may have."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

REQUIRED_COLUMNS = ("sku", "name", "price")
OPTIONAL_COLUMNS = (
    "category", "description", "brand", "family", "tier", "features", "compatible_with",
    "stock", "status", "rating", "review_count", "currency", "upsells", "cross_sells",
    "regular_price", "categories",
)
KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
LIST_COLUMNS = ("features", "compatible_with", "upsells", "cross_sells", "categories")
# Stored as JSON objects: a platform's variant options, its variants, and the columns kept from it.
MAPPING_COLUMNS = ("options", "variants", "extra")
STATUSES = ("active", "discontinued")


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: float
    category: str | None = None
    description: str | None = None
    brand: str | None = None
    family: str | None = None
    tier: int | None = None
    features: tuple[str, ...] = ()
    compatible_with: tuple[str, ...] = ()
    stock: int | None = None  # None: not tracked, treated as available
    status: str = "active"
    rating: float | None = None
    review_count: int | None = None
    currency: str = "EUR"
    upsells: tuple[str, ...] = ()
    cross_sells: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    regular_price: float | None = None  # the list price when `price` is a sale price
    categories: tuple[str, ...] = ()  # every category path the source gives; `category` is the first
    options: dict[str, list[str]] = field(default_factory=dict)  # variant options: {"Color": ["Black", …]}
    variants: tuple[dict, ...] = ()  # folded variants: sku, price, stock, options
    extra: dict[str, str] = field(default_factory=dict)  # platform columns kept, never used as specs

    @property
    def available(self) -> bool:
        """Offerable: not discontinued and not out of stock."""
        return self.status == "active" and (self.stock is None or self.stock > 0)

    @property
    def spec_attributes(self) -> dict[str, str]:
        """The attributes that describe this product, without its variant options ("Color: Black,
        Blue" says what can be chosen, not how it differs from another product)."""
        return {k: v for k, v in self.attributes.items() if k not in self.options}

    @property
    def embedding_text(self) -> str:
        """What the encoder sees: the words a rep would use for this product."""
        parts = [self.name]
        line = " ".join(p for p in (self.brand, self.family) if p and p not in self.name)
        if line:
            parts.append(line)
        if self.category:
            parts.append(f"Category: {self.category}")
        if self.description:
            parts.append(self.description)
        if self.features:
            parts.append("Features: " + ", ".join(self.features))
        if self.options:
            parts.append("Options: " + "; ".join(f"{k} {', '.join(v)}" for k, v in self.options.items()))
        return ". ".join(p.rstrip(". ") for p in parts)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.embedding_text.encode("utf-8")).hexdigest()[:32]

    def to_dict(self) -> dict:
        data = asdict(self)
        for name in LIST_COLUMNS:
            data[name] = list(data[name])
        data["variants"] = list(data["variants"])
        return data

    def to_row(self) -> dict:
        row = self.to_dict()
        for name in LIST_COLUMNS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        row["attributes"] = json.dumps(self.attributes, ensure_ascii=False, sort_keys=True)
        for name in MAPPING_COLUMNS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        row["content_hash"] = self.content_hash
        return row

    @classmethod
    def from_row(cls, row: dict) -> Product:
        values = {k: row[k] for k in KNOWN_COLUMNS if k in row}
        for name in LIST_COLUMNS:
            raw = values.get(name)
            values[name] = tuple(json.loads(raw)) if raw and raw != "[]" else ()
        raw = row.get("attributes")
        values["attributes"] = json.loads(raw) if raw and raw != "{}" else {}
        for name in MAPPING_COLUMNS:
            raw = row.get(name)
            if raw and raw not in ("{}", "[]"):
                values[name] = tuple(json.loads(raw)) if name == "variants" else json.loads(raw)
        values["status"] = values.get("status") or "active"
        values["currency"] = values.get("currency") or "EUR"
        return cls(**values)

    def summary(self) -> dict:
        """The small, stable JSON shape used wherever a product is referenced."""
        return {"sku": self.sku, "name": self.name, "price": self.price}
