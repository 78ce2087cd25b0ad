"""Google Merchant Center product feeds: tab-separated text, or RSS 2.0 / Atom XML with the
`g:` namespace (http://base.google.com/ns/1.0).

Prices carry their currency (`99.00 EUR`). Items that share an `item_group_id` are variants of
one product and are folded into it, their `color`/`size`/`material`/`pattern` becoming options.
`product_type` (the shop's own path, `Home > Kitchen`) comes before `google_product_category`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from catalog import values
from catalog.errors import CatalogError, Problem
from catalog.formats.base import Draft, Mapped, Variant, sale
from catalog.formats.html import clean_text
from catalog.reader import RawRows

NS = "http://base.google.com/ns/1.0"
SIGNATURE = ("id", "title", "price")
OPTION_FIELDS = ("color", "size", "material", "pattern")
ATTRIBUTE_FIELDS = ("gender", "age_group", "condition", "size_type", "size_system")
_WHERE = {"id": "sku", "title": "name", "description": "description (HTML to text)",
          "price": "price, currency", "sale_price": "price (while on sale)",
          "sale_price_effective_date": "whether the sale price applies",
          "availability": "stock (out_of_stock: 0)", "brand": "brand",
          "product_type": "category, categories", "google_product_category": "categories",
          "item_group_id": "variants (folded into one product)",
          **{f: "options (for variants) or attributes" for f in OPTION_FIELDS},
          **{f: "attributes" for f in ATTRIBUTE_FIELDS}}
# Google's documented feed attributes we do not read: kept on the product, never used as specs.
_KEPT = re.compile(r"^(link|mobile_link|image_link|additional_image_link|gtin|mpn|identifier_exists|"
                   r"shipping.*|tax.*|custom_label_\d|promotion_id|ads_.*|excluded_destination|"
                   r"included_destination|unit_pricing_.*|multipack|is_bundle|adult|energy_efficiency.*|"
                   r"availability_date|expiration_date|cost_of_goods_sold|product_highlight|product_detail|"
                   r"canonical_link|lifestyle_image_link|max_handling_time|min_handling_time|.*_label)$")
_PRICE = re.compile(r"^\s*(?:([A-Za-z]{3})\s+)?([\d][\d.,\s]*)\s*(?:([A-Za-z]{3}))?\s*$")


def key(column: str) -> str:
    """`g:Product Type` and `product type` are both product_type."""
    return re.sub(r"\s+", "_", column.strip().lower().removeprefix("g:"))


def matches(columns: list[str]) -> bool:
    keys = {key(c) for c in columns}
    return all(c in keys for c in SIGNATURE) and ("availability" in keys or "link" in keys)


def looks_like_xml(path: Path) -> bool:
    with open(path, "rb") as f:
        head = f.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def read_xml(path: Path) -> RawRows:
    """The feed's items as rows of {field: text}; repeated fields joined with ", "."""
    data = path.read_bytes()
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise CatalogError(path, Problem("the feed declares a DOCTYPE or entities, which a product feed does not "
                                         "need; remove them (they are refused for safety)"))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        line, column = e.position
        raise CatalogError(path, Problem(f"not well-formed XML ({str(e).split(':')[0]}, column {column}); "
                                         "the feed may be cut off or damaged", row=line, row_label="line")) from None
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        raise CatalogError(path, Problem("no <item> or <entry> elements; expected an RSS 2.0 or Atom product feed "
                                         f"with the g: namespace ({NS})"))
    rows, names = [], {}
    for number, item in enumerate(items, start=1):
        row: dict[str, str] = {}
        for child in item:
            name = key(_local(child.tag))
            names.setdefault(name, f"g:{name}" if child.tag.startswith(f"{{{NS}}}") else name)
            if len(child):
                text = ":".join((c.text or "").strip() for c in child)
            elif name == "link" and child.get("href"):
                text = child.get("href")
            else:
                text = (child.text or "").strip()
            if text:
                row[name] = f"{row[name]}, {text}" if name in row else text
        rows.append((number, row))
    columns = list(dict.fromkeys(c for _, row in rows for c in row))
    return RawRows(columns, rows, "item", names)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read(raw: RawRows, path: str) -> Mapped:
    mapped = Mapped("google", label=raw.row_label)
    names = {key(c): raw.names.get(c, c) for c in raw.columns}
    groups: dict[str, Draft] = {}
    for number, original in raw.rows:
        row = {key(c): v for c, v in original.items()}
        price, regular, currency = _prices(mapped, number, row, names)
        if price is None:
            continue
        if mapped.currency is None:
            mapped.currency = currency
        elif currency != mapped.currency:
            mapped.problems.append(Problem(f"price in {currency}, but the feed's first price is in {mapped.currency}; "
                                           "one feed, one currency", row=number, column=names.get("price", "price"),
                                           row_label=mapped.label))
            continue
        stock = 0 if (row.get("availability") or "").strip().lower().replace(" ", "_") == "out_of_stock" else None
        group = (row.get("item_group_id") or "").strip()
        sku = (row.get("id") or "").strip()
        if group:
            draft = groups.get(group.lower())
            if draft is None:
                draft = groups[group.lower()] = _product(number, row, names, group, grouped=True)
                mapped.drafts.append(draft)
            draft.fields["_titles"].append((row.get("title") or "").strip())
            draft.variants.append(Variant(sku=sku, row=number, price=price, regular_price=regular, stock=stock,
                                          options={f.replace("_", " ").capitalize(): row[f].strip()
                                                   for f in OPTION_FIELDS if (row.get(f) or "").strip()}))
        else:
            draft = _product(number, row, names, sku, grouped=False)
            draft.fields.update(price=price, regular_price=regular, stock=stock)
            mapped.drafts.append(draft)
    for draft in mapped.drafts:
        titles = draft.fields.pop("_titles", None)
        if titles:
            draft.fields["name"] = _common_name(titles)
    if mapped.currency:
        for draft in mapped.drafts:
            draft.fields["currency"] = mapped.currency
    mapped.mapping = {names[k]: _WHERE.get(k, "extra (kept, not used in talking points)" if _KEPT.match(k)
                                         else "attributes") for k in names}
    return mapped


def _prices(mapped: Mapped, number: int, row: dict, names: dict) -> tuple[float | None, float | None, str | None]:
    price, currency = _money(mapped, number, names.get("price", "price"), row.get("price"), required=True)
    if price is None:
        return None, None, None
    offer, offer_currency = _money(mapped, number, names.get("sale_price", "sale_price"), row.get("sale_price"),
                                   required=False)
    if offer is not None and offer_currency not in (None, currency):
        offer = None
    if offer is not None and not _effective(row.get("sale_price_effective_date")):
        offer = None
    chosen, regular = sale(offer, price) if offer is not None else (price, None)
    return chosen, regular, currency


def _money(mapped: Mapped, number: int, column: str, raw: str | None, *, required: bool):
    if not (raw or "").strip():
        if required:
            mapped.problems.append(Problem("empty; every item needs a price, like 99.00 EUR", row=number,
                                           column=column, row_label=mapped.label))
        return None, None
    match = _PRICE.match(raw)
    if not match or not (match.group(1) or match.group(3)):
        mapped.problems.append(Problem(f"{raw!r} is not a price with its currency; write it like 99.00 EUR",
                                       row=number, column=column, row_label=mapped.label))
        return None, None
    amount = mapped.cell(number, column, values.price, match.group(2).replace(" ", ""))
    return amount, (match.group(1) or match.group(3)).upper()


def _effective(value: str | None) -> bool:
    """A sale_price_effective_date range (`start/end`, ISO 8601) that includes now; no range: always."""
    if not (value or "").strip() or "/" not in value:
        return True
    now = datetime.now(UTC)
    try:
        start, end = (datetime.fromisoformat(p.strip().replace("Z", "+00:00")) for p in value.split("/", 1))
    except ValueError:
        return True
    start, end = (d if d.tzinfo else d.replace(tzinfo=UTC) for d in (start, end))
    return start <= now <= end


def _product(number: int, row: dict, names: dict, sku: str, *, grouped: bool) -> Draft:
    types = [p.strip() for p in re.split(r",(?![^>]*$)|\|", row.get("product_type") or "") if p.strip()]
    google = (row.get("google_product_category") or "").strip()
    categories = list(dict.fromkeys([*types, *([google] if google and not google.isdigit() else [])]))
    attributes = {f: row[f].strip() for f in ATTRIBUTE_FIELDS if (row.get(f) or "").strip()}
    if not grouped:
        attributes.update({f: row[f].strip() for f in OPTION_FIELDS if (row.get(f) or "").strip()})
    attributes.update({names.get(k, k): v.strip() for k, v in row.items()
                       if k not in _WHERE and not _KEPT.match(k) and v and v.strip()})
    fields = {
        "sku": sku or None, "name": (row.get("title") or "").strip() or None,
        "description": clean_text(row.get("description")), "brand": (row.get("brand") or "").strip() or None,
        "category": categories[0] if categories else None, "categories": categories,
        "attributes": attributes,
        "extra": {names.get(k, k): v.strip() for k, v in row.items() if _KEPT.match(k) and v and v.strip()},
    }
    if google.isdigit():
        fields["extra"]["google_product_category"] = google
    if grouped:
        fields["_titles"] = []
    columns = {"sku": names.get("item_group_id" if grouped else "id", "id"), "name": names.get("title", "title"),
               "price": names.get("price", "price")}
    return Draft(number, fields, columns)


def _common_name(titles: list[str]) -> str:
    """The words every variant's title starts with ("Tee - Blue - M", "Tee - Red - S": "Tee")."""
    titles = [t for t in titles if t]
    if not titles:
        return ""
    words = [t.split() for t in titles]
    common = []
    for group in zip(*words, strict=False):
        if len(set(group)) != 1:
            break
        common.append(group[0])
    name = " ".join(common).rstrip(" -–—,/|(:")
    return titles[0] if len(titles) == 1 or len(name) < 3 else name
