"""Magento 2's catalog product export (System → Data Transfer → Export, entity Products).

One row per product and store view: the default row has an empty `store_view_code`; rows for a
store view only override values (often translations) and are left out. A configurable product
lists its simple children in `configurable_variations` (`sku=MH01-XS-Black,size=XS,color=Black|…`)
and they are folded into it. `additional_attributes` holds `code=value` pairs (multi-select
values joined by `|`). Categories are paths under the root (`Default Category/Men/Tops`).
Magento defines cross-sells (shown in the cart) and related products (bought in addition, on
the product page) as complements, and up-sells as better alternatives: so `crosssell_skus` and
then `related_skus` become our cross-sells, `upsell_skus` our upsells.
"""

from __future__ import annotations

import re
from datetime import date

from catalog.errors import Problem
from catalog.formats.base import Draft, Mapped, Variant, sale
from catalog.formats.html import clean_text
from catalog.reader import RawRows

SIGNATURE = ("sku", "product_type", "attribute_set_code")
_WHERE = {
    "sku": "sku", "name": "name", "price": "regular_price / price", "special_price": "price (while on special)",
    "special_price_from_date": "whether the special price applies",
    "special_price_to_date": "whether the special price applies",
    "short_description": "description (HTML to text)", "description": "description (HTML to text, after the short one)",
    "categories": "category, categories (every path, root left out)", "qty": "stock",
    "is_in_stock": "stock (0 when out of stock)", "product_online": "status (disabled: discontinued)",
    "additional_attributes": "attributes", "configurable_variations": "variants (children folded in)",
    "crosssell_skus": "cross_sells", "related_skus": "cross_sells (after the cross-sells)", "upsell_skus": "upsells",
    "store_view_code": "store-view rows are left out", "product_type": "how the row is read",
    "weight": "attributes", "country_of_manufacture": "attributes",
}
_BRAND_CODES = ("manufacturer", "brand")


def matches(columns: list[str]) -> bool:
    return all(c in columns for c in SIGNATURE)


def split_links(value: str | None) -> list[str]:
    return [s.strip() for s in (value or "").split(",") if s.strip()]


def additional(value: str | None) -> dict[str, str]:
    """`color=Black,size=M,material=Cotton|Wool` into {code: value}; a comma inside a value
    (no `=` after it) stays in that value."""
    pairs: dict[str, str] = {}
    last = None
    for part in (value or "").split(","):
        if "=" in part and re.match(r"^\s*[A-Za-z0-9_]+\s*=", part):
            code, _, text = part.partition("=")
            last = code.strip()
            pairs[last] = text.strip()
        elif last is not None:
            pairs[last] += "," + part
    return {k: ", ".join(p.strip() for p in v.split("|") if p.strip()) for k, v in pairs.items() if v.strip()}


def read(raw: RawRows, path: str, *, today: date | None = None) -> Mapped:
    mapped = Mapped("magento")
    names, today = raw.names, today or date.today()
    rows, by_sku = [], {}
    for number, row in raw.rows:
        if (row.get("store_view_code") or "").strip():
            mapped.skip("store-view rows (values a store view overrides, such as translations)")
            continue
        rows.append((number, row))
        sku = (row.get("sku") or "").strip()
        if sku:
            by_sku[sku.lower()] = (number, row)
    children = {}  # child SKU -> (parent SKU, options)
    for _, row in rows:
        if (row.get("product_type") or "").strip().lower() == "configurable":
            for child, options in _variations(row.get("configurable_variations")):
                children[child.lower()] = (row["sku"].strip(), options)
    parents: dict[str, Draft] = {}
    for number, row in rows:
        kind = (row.get("product_type") or "simple").strip().lower()
        sku = (row.get("sku") or "").strip()
        if kind == "grouped":
            mapped.skip("grouped products (a page listing other products, which have rows of their own)")
            continue
        if sku.lower() in children:
            continue  # folded into its configurable parent below
        draft = _product(mapped, number, row, names, today)
        mapped.drafts.append(draft)
        if kind == "configurable":
            parents[sku.lower()] = draft
    for child, (parent_sku, options) in children.items():
        parent = parents.get(parent_sku.lower())
        found = by_sku.get(child)
        if parent is None:
            continue
        if found is None:
            mapped.warnings.append(f"{parent_sku}: configurable_variations names {child}, which has no row "
                                   "in the file; that variant is left out")
            continue
        number, row = found
        price, regular = _prices(mapped, number, row, names, today)
        if price is None:
            continue
        parent.variants.append(Variant(
            sku=row["sku"].strip(), row=number, price=price, regular_price=regular,
            stock=_stock(mapped, number, row, names), options=options,
            active=_online(row) and parent.fields.get("status") == "active"))
    for draft in mapped.drafts:
        if draft.fields.get("price") is None and not draft.variants:
            mapped.problems.append(Problem(
                "empty; a product needs a price (a configurable product, children with prices)",
                row=draft.row, column=names.get("price", "price")))
    mapped.mapping = {names[c]: _WHERE.get(c, "extra (kept, not used in talking points)") for c in raw.columns}
    return mapped


def _variations(value: str | None) -> list[tuple[str, dict[str, str]]]:
    found = []
    for variation in (value or "").split("|"):
        pairs = dict(p.split("=", 1) for p in variation.split(",") if "=" in p)
        pairs = {k.strip(): v.strip() for k, v in pairs.items()}
        sku = pairs.pop("sku", None)
        if sku:
            found.append((sku, {k.replace("_", " ").capitalize(): v for k, v in pairs.items()}))
    return found


def _prices(mapped: Mapped, number: int, row: dict, names: dict, today: date) -> tuple[float | None, float | None]:
    regular = mapped.price(number, names.get("price", "price"), row.get("price"), required=False)
    special = mapped.price(number, names.get("special_price", "special_price"), row.get("special_price"),
                           required=False)
    starts, ends = (_day(row.get(f"special_price_{w}_date")) for w in ("from", "to"))
    if special is not None and ((starts and starts > today) or (ends and ends < today)):
        special = None
    if regular is None:
        return special, None
    return sale(special, regular) if special is not None else (regular, None)


def _day(value: str | None) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if match:
        return date(*map(int, match.groups()))
    match = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})", value or "")  # 1/31/24: the admin's own format
    if match:
        month, day, year = map(int, match.groups())
        return date(year + 2000 if year < 100 else year, month, day)
    return None


def _stock(mapped: Mapped, number: int, row: dict, names: dict) -> int | None:
    in_stock = (row.get("is_in_stock") or "").strip()
    if in_stock == "0":
        return 0
    qty = mapped.whole(number, names.get("qty", "qty"), row.get("qty"), "use the units in stock")
    if qty == 0 and in_stock == "1":  # bundles and configurables count no units of their own: in stock
        return None
    return qty


def _online(row: dict) -> bool:
    return (row.get("product_online") or "1").strip() not in ("0", "2")


def _product(mapped: Mapped, number: int, row: dict, names: dict, today: date) -> Draft:
    price, regular = _prices(mapped, number, row, names, today)
    categories = []
    for path in split_links(row.get("categories")):
        parts = [p.strip() for p in path.split("/") if p.strip()]
        if len(parts) > 1:
            parts = parts[1:]  # the root category ("Default Category") says nothing
        if parts and "/".join(parts) not in categories:
            categories.append("/".join(parts))
    attributes = additional(row.get("additional_attributes"))
    brand = next((attributes.pop(code) for code in _BRAND_CODES if code in attributes), None)
    for column in ("weight", "country_of_manufacture"):
        if (row.get(column) or "").strip():
            attributes[column] = row[column].strip()
    described = [clean_text(row.get(c)) for c in ("short_description", "description")]
    fields = {
        "sku": (row.get("sku") or "").strip() or None, "name": (row.get("name") or "").strip() or None,
        "price": price, "regular_price": regular, "brand": brand,
        "description": " ".join(dict.fromkeys(d for d in described if d)) or None,
        "category": categories[0] if categories else None, "categories": categories,
        "stock": _stock(mapped, number, row, names), "status": "active" if _online(row) else "discontinued",
        "upsells": split_links(row.get("upsell_skus")),
        "cross_sells": list(dict.fromkeys(split_links(row.get("crosssell_skus"))
                                          + split_links(row.get("related_skus")))),
        "attributes": attributes,
        "extra": {names[c]: v.strip() for c, v in row.items() if c not in _WHERE and v and v.strip()},
    }
    columns = {"sku": names.get("sku", "sku"), "name": names.get("name", "name"), "price": names.get("price", "price"),
               "stock": names.get("qty", "qty"), "upsells": names.get("upsell_skus", "upsell_skus"),
               "cross_sells": names.get("crosssell_skus", "crosssell_skus")}
    return Draft(number, fields, columns)
