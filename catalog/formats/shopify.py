"""Shopify's product CSV export: one product per Handle, over one row per variant.

The first row of a handle carries the product (Title, Body (HTML), Vendor, ...); every row may
carry a variant (its options, Variant SKU, Variant Price, inventory); rows with only an image are
the product's other pictures. The handle is the product's SKU: it is what Shopify itself keys a
product by, and it stays the same when variants come and go. Variant SKUs still find it.
Shopify exports carry no currency (prices are in the store's currency), hence `--currency`.

Shopify's template since 2024 words the same columns differently ("URL handle", "Description", "SKU",
"Price", "Inventory quantity"); those files are read under the classic names, and every message still
quotes the column as the file writes it.
"""

from __future__ import annotations

import re

from catalog.errors import Problem
from catalog.formats.base import Draft, Mapped, Variant
from catalog.formats.html import clean_text
from catalog.reader import RawRows

SIGNATURE = ("handle", "variant price")
MODERN_SIGNATURE = ("url handle", "price")
# the 2024 template's column -> the classic export's
MODERN = {"url handle": "handle", "description": "body (html)", "published on online store": "published",
          "sku": "variant sku", "barcode": "variant barcode", "price": "variant price",
          "compare-at price": "variant compare at price", "charge tax": "variant taxable",
          "tax code": "variant tax code", "inventory tracker": "variant inventory tracker",
          "inventory quantity": "variant inventory qty",
          "continue selling when out of stock": "variant inventory policy",
          "weight value (grams)": "variant grams", "weight unit for display": "variant weight unit",
          "requires shipping": "variant requires shipping", "fulfillment service": "variant fulfillment service",
          "product image url": "image src", "variant image url": "variant image"}
_MODERN_MARKET = re.compile(r"^compare-at price / ")
OPTIONS = (1, 2, 3)
_PRODUCT = {"handle": "sku", "title": "name", "body (html)": "description", "vendor": "brand",
            "product category": "category", "type": "categories", "standard product type": "categories",
            "custom product type": "categories", "status": "status"}
_VARIANT = {"variant sku", "variant price", "variant compare at price", "variant inventory tracker",
            "variant inventory qty", "variant inventory policy", "variant image"}
# Shop housekeeping: kept on the product as it was, never read as a spec of it.
_KEPT = re.compile(r"^(tags|published|gift card|seo .*|image .*|google shopping / .*|variant (grams|fulfillment "
                   r"service|requires shipping|taxable|barcode|weight unit|tax code)|cost per item|"
                   r"(included|price|compare at price) / .*|option\d linked to)$")
_OPTION = re.compile(r"^option\d (name|value)$")
_METAFIELD = re.compile(r"\s*\((product|variant)\.metafields\.[^)]*\)\s*$")
STATUSES = {"active": "active", "draft": "discontinued", "archived": "discontinued", "unlisted": "active"}


def matches(columns: list[str]) -> bool:
    return all(c in columns for c in SIGNATURE) or all(c in columns for c in MODERN_SIGNATURE)


def classic(raw: RawRows) -> RawRows:
    """The file under the classic export's column names (a 2024-template file renamed; others as they are)."""
    if all(c in raw.columns for c in SIGNATURE):
        return raw
    rename = {c: MODERN.get(c) or _MODERN_MARKET.sub("compare at price / ", c) for c in raw.columns}
    rows = [(number, {rename[c]: v for c, v in row.items()}) for number, row in raw.rows]
    return RawRows([rename[c] for c in raw.columns], rows, raw.row_label,
                   {rename[c]: raw.names[c] for c in raw.columns})


def read(raw: RawRows, path: str) -> Mapped:
    raw = classic(raw)
    mapped = Mapped("shopify", currency=None)
    names = raw.names
    groups: dict[str, Draft] = {}
    option_names: dict[str, dict[int, str]] = {}  # Option1 Name is on a product's first row only
    columns = _Columns(raw.columns, names)
    for number, row in raw.rows:
        handle = (row.get("handle") or "").strip()
        if not handle:
            mapped.problems.append(_problem(mapped, number, names, "handle",
                                            "empty; every Shopify row belongs to a product Handle"))
            continue
        draft = groups.get(handle.lower())
        if draft is None:
            draft = groups[handle.lower()] = _product(mapped, number, row, names, handle, columns)
        elif (row.get("title") or "").strip() and not draft.fields.get("name"):
            draft.fields["name"] = row["title"].strip()
        variant = _variant(mapped, number, row, names, draft, option_names.setdefault(handle.lower(), {}))
        if variant is not None:
            draft.variants.append(variant)
        elif not (row.get("image src") or "").strip():
            mapped.skip("rows with neither a variant nor an image")
        else:
            mapped.skip("image rows (Shopify lists a product's extra pictures as rows of their own)")
    for draft in groups.values():
        if not draft.variants:
            mapped.problems.append(_problem(mapped, draft.row, names, "variant price",
                                            f"product {draft.fields['sku']!r} has no variant row with a "
                                            "price; add its Variant Price"))
    mapped.drafts = list(groups.values())
    mapped.mapping = _mapping(raw.columns, names)
    return mapped


class _Columns:
    """Which of the file's columns are attributes and which are kept as they are: worked out once
    per file, not once per row."""

    def __init__(self, columns: list[str], names: dict[str, str]):
        self.attributes = [(c, _METAFIELD.sub("", names[c]) or names[c]) for c in columns
                           if c not in _PRODUCT and c not in _VARIANT and not _KEPT.match(c) and not _OPTION.match(c)]
        self.kept = [c for c in columns if _KEPT.match(c)]


def _product(mapped: Mapped, number: int, row: dict, names: dict, handle: str, columns: _Columns) -> Draft:
    categories = [row.get(c, "").strip() for c in ("product category", "type", "standard product type",
                                                   "custom product type")]
    categories = list(dict.fromkeys(c for c in categories if c))
    status = (row.get("status") or "active").strip().lower()
    fields = {
        "sku": handle, "name": (row.get("title") or "").strip() or None,
        "description": clean_text(row.get("body (html)")), "brand": (row.get("vendor") or "").strip() or None,
        "category": categories[0] if categories else None, "categories": categories,
        "status": STATUSES.get(status, "active"),
        "attributes": {name: row[c].strip() for c, name in columns.attributes if row.get(c, "").strip()},
        "extra": {names[c]: row[c].strip() for c in columns.kept if row.get(c, "").strip()},
    }
    if status not in STATUSES and status:
        mapped.warnings.append(f"row {number}: Status {row['status']!r} is not active, draft or archived; "
                               "the product is imported as active")
    origin = {"sku": names["handle"], "name": names.get("title", "Title"), "price": names["variant price"],
              "status": names.get("status", "Status")}
    return Draft(number, fields, origin)


def _variant(mapped: Mapped, number: int, row: dict, names: dict, draft: Draft,
             option_names: dict[int, str]) -> Variant | None:
    options = {}
    for n in OPTIONS:
        if (row.get(f"option{n} name") or "").strip():
            option_names[n] = row[f"option{n} name"].strip()
        value = (row.get(f"option{n} value") or "").strip()
        if not value:
            continue
        name = option_names.get(n, "")
        if not (name == "Title" and value == "Default Title"):  # a product with no options
            options[name or f"Option {n}"] = value
    if not ((row.get("variant sku") or "").strip() or (row.get("variant price") or "").strip() or options):
        return None
    price = mapped.price(number, names["variant price"], row.get("variant price"))
    compare = mapped.price(number, names.get("variant compare at price", "Variant Compare At Price"),
                           row.get("variant compare at price"), required=False)
    if price is None:
        return None
    # Variant Price is what is charged; a Compare At Price above it is the regular price, one at or below
    # it means nothing (Shopify's own template has a €95 pair of jeans compared at €64.95)
    regular = compare if compare is not None and compare > price else None
    tracked = (row.get("variant inventory tracker") or "").strip() != ""
    backorders = (row.get("variant inventory policy") or "").strip().lower() == "continue"
    stock = None
    if tracked and not backorders:
        stock = mapped.whole(number, names.get("variant inventory qty", "Variant Inventory Qty"),
                             row.get("variant inventory qty") or "0", "use the units in stock")
    sku = (row.get("variant sku") or "").strip() or f"{draft.fields['sku']}-{len(draft.variants) + 1}"
    return Variant(sku=sku, row=number, price=price, regular_price=regular, stock=stock, options=options,
                   active=draft.fields.get("status") == "active")


def _problem(mapped: Mapped, number: int, names: dict, column: str, message: str):
    return Problem(message, row=number, column=names.get(column, column), row_label=mapped.label)


def _mapping(columns: list[str], names: dict) -> dict[str, str]:
    where = {"handle": "sku (rows are grouped into one product by it)", "title": "name",
             "body (html)": "description (HTML to text)", "vendor": "brand",
             "product category": "category (its path)", "type": "categories", "status": "status",
             "variant sku": "variants: sku", "variant price": "price (the lowest offerable variant's)",
             "variant compare at price": "regular_price (when above the price)",
             "variant inventory qty": "stock (summed over variants)",
             "variant inventory tracker": "stock (untracked: always available)",
             "variant inventory policy": "stock (continue: sold when out of stock)"}
    result = {}
    for c in columns:
        if c in where:
            result[names[c]] = where[c]
        elif _OPTION.match(c):
            result[names[c]] = "options (one per variant)"
        elif _KEPT.match(c) or c in _VARIANT:
            result[names[c]] = "extra (kept, not used in talking points)"
        elif c in _PRODUCT:
            result[names[c]] = _PRODUCT[c]
        else:
            result[names[c]] = "attributes"
    return result
