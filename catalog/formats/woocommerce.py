"""WooCommerce's product CSV export (Products → Export).

One row per product, and one per variation of a variable product: a variation names its product
in `Parent` (`id:44` or the parent's SKU) and is folded into it. Lists are comma-separated with
`\\,` for a comma inside a value; category paths are written `Clothing > Hoodies`. Curated
`Upsells` and `Cross-sells` name SKUs or `id:NN`, resolved here through the `ID` column.
A grouped product is a page that lists other products; those are imported on their own rows.
WooCommerce exports carry no currency (prices are in the store's currency), hence `--currency`.
"""

from __future__ import annotations

import re
from datetime import date

from catalog.errors import Problem
from catalog.formats.base import Draft, Mapped, Variant, sale
from catalog.formats.html import clean_text
from catalog.reader import RawRows

SIGNATURE = ("regular price", "sale price")
TYPES = ("simple", "variable", "variation", "grouped", "external")
_ATTRIBUTE = re.compile(r"^attribute (\d+) (name|value\(s\)|visible|global|default)$")
_WHERE = {
    "id": "ids (resolves id:NN links)", "type": "how the row is read", "sku": "sku", "name": "name",
    "published": "status (not published: discontinued)", "short description": "description (HTML to text)",
    "description": "description (HTML to text, after the short one)",
    "regular price": "regular_price / price", "sale price": "price (while on sale)",
    "date sale price starts": "whether the sale price applies",
    "date sale price ends": "whether the sale price applies",
    "in stock?": "stock (0 when out of stock)", "stock": "stock", "categories": "category, categories (every path)",
    "parent": "variants (folded into their parent)", "upsells": "upsells", "cross-sells": "cross_sells",
    "brands": "brand", "weight (kg)": "attributes", "length (cm)": "attributes", "width (cm)": "attributes",
    "height (cm)": "attributes",
}
_ATTRIBUTE_COLUMNS = ("weight (kg)", "length (cm)", "width (cm)", "height (cm)")
# Shop housekeeping from WooCommerce's documented column set, and hidden meta (`Meta: _x`):
# kept on the product as it was, never read as a spec of it. Other columns become attributes.
_KEPT = re.compile(r"^(published|is featured\?|visibility in catalog|tax (status|class)|low stock amount|"
                   r"backorders allowed\?|sold individually\?|allow customer reviews\?|purchase note|tags|"
                   r"shipping class|images|download .*|external url|button text|position|grouped products|"
                   r"gtin, upc, ean, or isbn|meta: _.*)$")


def matches(columns: list[str]) -> bool:
    return all(c in columns for c in SIGNATURE) and ("type" in columns or "parent" in columns)


def split(value: str | None) -> list[str]:
    """A WooCommerce list cell: commas separate, `\\,` is a comma inside a value."""
    if not value or not value.strip():
        return []
    parts = re.split(r"(?<!\\),", value)
    return [p.replace("\\,", ",").strip() for p in parts if p.replace("\\,", ",").strip()]


def read(raw: RawRows, path: str, *, today: date | None = None) -> Mapped:
    mapped = Mapped("woocommerce")
    names, today = raw.names, today or date.today()
    products: dict[str, Draft] = {}  # by "id:NN" and by SKU, lower-cased
    variations: list[tuple[int, dict]] = []
    order: list[Draft] = []
    for number, row in raw.rows:
        kinds = [k.strip().lower() for k in (row.get("type") or "simple").split(",")]
        kind = next((k for k in kinds if k in TYPES), None)
        if kind is None:
            mapped.problems.append(Problem(f"{row.get('type')!r} is not a WooCommerce product type; expected one "
                                           f"of {', '.join(TYPES)}", row=number, column=names.get("type", "Type")))
            continue
        if kind == "variation":
            variations.append((number, row))
            continue
        if kind == "grouped":
            mapped.skip("grouped products (a page listing other products, which have rows of their own)")
            continue
        draft = _product(mapped, number, row, names, kind, today)
        if draft is None:
            continue
        order.append(draft)
        if (row.get("id") or "").strip():
            mapped.ids[row["id"].strip()] = draft.fields["sku"]
            products[f"id:{row['id'].strip()}".lower()] = draft
        if draft.fields["sku"]:
            products[draft.fields["sku"].lower()] = draft
    for number, row in variations:
        parent = products.get((row.get("parent") or "").strip().lower())
        if parent is None:
            mapped.problems.append(Problem(
                f"variation of {row.get('parent') or '(no parent)'!r}, which is not a product in the file; "
                "export the variable product with its variations", row=number,
                column=names.get("parent", "Parent")))
            continue
        variant = _variation(mapped, number, row, names, parent, today)
        if variant is not None:
            parent.variants.append(variant)
            if (row.get("id") or "").strip():
                mapped.ids[row["id"].strip()] = variant.sku
    for draft in order:
        if draft.fields.get("price") is None and not draft.variants:
            column = names.get("regular price", "Regular price")
            mapped.problems.append(Problem(
                "empty; a product needs a Regular price (a variable product, variations with prices)",
                row=draft.row, column=column))
    mapped.drafts = order
    mapped.mapping = _mapping(raw.columns, names)
    return mapped


def _prices(mapped: Mapped, number: int, row: dict, names: dict, today: date) -> tuple[float | None, float | None]:
    regular = mapped.price(number, names.get("regular price", "Regular price"), row.get("regular price"),
                           required=False)
    offer = mapped.price(number, names.get("sale price", "Sale price"), row.get("sale price"), required=False)
    starts, ends = (_day(row.get(f"date sale price {w}")) for w in ("starts", "ends"))
    if offer is not None and ((starts and starts > today) or (ends and ends < today)):
        offer = None  # a sale that has not started or is over
    if regular is None:
        return offer, None
    return sale(offer, regular) if offer is not None else (regular, None)


def _day(value: str | None) -> date | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    return date(*map(int, match.groups())) if match else None


def _stock(mapped: Mapped, number: int, row: dict, names: dict) -> int | None:
    state = (row.get("in stock?") or "").strip().lower()
    if state in ("0", "outofstock", "no"):
        return 0
    if state in ("backorder", "onbackorder"):
        return None
    return mapped.whole(number, names.get("stock", "Stock"), row.get("stock"), "use the units in stock")


def _status(row: dict) -> str:
    return "discontinued" if (row.get("published") or "1").strip() in ("0", "-1") else "active"


def _attributes(row: dict) -> dict[str, list[str]]:
    found: dict[str, dict[str, str]] = {}
    for column, value in row.items():
        match = _ATTRIBUTE.match(column)
        if match and value and value.strip():
            found.setdefault(match.group(1), {})[match.group(2)] = value.strip()
    return {a["name"]: split(a.get("value(s)")) for _, a in sorted(found.items(), key=lambda kv: int(kv[0]))
            if a.get("name") and a.get("value(s)")}


def _product(mapped: Mapped, number: int, row: dict, names: dict, kind: str, today: date) -> Draft | None:
    sku = (row.get("sku") or "").strip()
    if not sku and (row.get("id") or "").strip():
        sku = f"wc-{row['id'].strip()}"
        mapped.warnings.append(f"row {number}: no SKU; the product is imported as {sku} (its WooCommerce ID)")
    elif not sku and (row.get("name") or "").strip():  # an export without the ID column
        sku = "wc-" + "-".join(re.findall(r"[a-z0-9]+", row["name"].lower()))[:60]
        mapped.warnings.append(f"row {number}: no SKU and no ID; the product is imported as {sku} (from its name)")
    price, regular = _prices(mapped, number, row, names, today)
    categories = [" > ".join(p.strip() for p in path.split(">")) for path in split(row.get("categories"))]
    described = [clean_text(row.get(c)) for c in ("short description", "description")]
    attributes = {name: ", ".join(vals) for name, vals in _attributes(row).items()}
    attributes.update({names[c]: row[c].strip() for c in _ATTRIBUTE_COLUMNS if (row.get(c) or "").strip()})
    attributes.update({names[c].removeprefix("Meta: ").removeprefix("meta: "): v.strip() for c, v in row.items()
                       if c not in _WHERE and not _KEPT.match(c) and not _ATTRIBUTE.match(c) and v and v.strip()})
    kept = {names[c]: v.strip() for c, v in row.items() if _KEPT.match(c) and v and v.strip()}
    fields = {
        "sku": sku or None, "name": (row.get("name") or "").strip() or None,
        "price": price, "regular_price": regular,
        "description": " ".join(dict.fromkeys(d for d in described if d)) or None,
        "brand": (split(row.get("brands")) or [None])[0],
        "category": categories[0] if categories else None, "categories": categories,
        "stock": _stock(mapped, number, row, names), "status": _status(row),
        "upsells": split(row.get("upsells")), "cross_sells": split(row.get("cross-sells")),
        "attributes": attributes, "extra": kept,
    }
    if kind == "external":
        fields["extra"]["sold on another site"] = (row.get("external url") or "").strip() or "yes"
    columns = {"sku": names.get("sku", "SKU"), "name": names.get("name", "Name"),
               "price": names.get("regular price", "Regular price"), "stock": names.get("stock", "Stock"),
               "upsells": names.get("upsells", "Upsells"), "cross_sells": names.get("cross-sells", "Cross-sells")}
    return Draft(number, fields, columns)


def _variation(mapped: Mapped, number: int, row: dict, names: dict, parent: Draft, today: date) -> Variant | None:
    price, regular = _prices(mapped, number, row, names, today)
    if price is None:
        if not mapped.problems or mapped.problems[-1].row != number:
            mapped.problems.append(Problem("empty; a variation needs a Regular price", row=number,
                                           column=names.get("regular price", "Regular price")))
        return None
    sku = (row.get("sku") or "").strip() or f"{parent.fields['sku']}-{len(parent.variants) + 1}"
    options = {name: vals[0] for name, vals in _attributes(row).items() if vals}
    return Variant(sku=sku, row=number, price=price, regular_price=regular,
                   stock=_stock(mapped, number, row, names), options=options,
                   active=_status(row) == "active" and parent.fields.get("status") == "active")


def _mapping(columns: list[str], names: dict) -> dict[str, str]:
    result = {}
    for c in columns:
        if c in _WHERE:
            result[names[c]] = _WHERE[c]
        elif _ATTRIBUTE.match(c):
            result[names[c]] = "attributes (options, for a variable product's variations)"
        elif _KEPT.match(c):
            result[names[c]] = "extra (kept, not used in talking points)"
        else:
            result[names[c]] = "attributes"
    return result

