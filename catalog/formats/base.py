"""What every platform mapping produces: drafts of our products, with where each value came from.

A mapping reads the platform's columns into our fields (`Draft.fields`, by our column names) and
remembers which of the file's columns each came from (`Draft.columns`), so that a bad value is
reported in the file's own terms: "row 7, column Variant Price". Variants are gathered on the
draft and folded (or kept apart) in one place, the same way for every platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog import values
from catalog.errors import Problem


@dataclass
class Variant:
    sku: str
    row: int
    price: float
    regular_price: float | None = None
    stock: int | None = None  # None: not tracked (or sold when out of stock), treated as available
    options: dict[str, str] = field(default_factory=dict)
    active: bool = True

    @property
    def available(self) -> bool:
        return self.active and (self.stock is None or self.stock > 0)

    def to_dict(self) -> dict:
        data = {"sku": self.sku, "price": self.price, "stock": self.stock, "options": self.options}
        if self.regular_price is not None:
            data["regular_price"] = self.regular_price
        return data


@dataclass
class Draft:
    row: int  # where the product starts in the file
    fields: dict  # our column -> value
    columns: dict[str, str] = field(default_factory=dict)  # our column -> the file's column
    variants: list[Variant] = field(default_factory=list)


@dataclass
class Mapped:
    """A platform file read into drafts, with what the dry run reports."""

    format: str
    label: str = "row"
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # why -> how many rows
    mapping: dict[str, str] = field(default_factory=dict)  # the file's column -> where it went
    ids: dict[str, str] = field(default_factory=dict)  # the platform's own ids -> SKU
    currency: str | None = None  # as the file states it; None when the format does not carry one

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def cell(self, row: int, column: str, parse, raw, **kwargs):
        """raw parsed by one of catalog.values' parsers; a problem (and None) when it fails."""
        try:
            return parse(raw, **kwargs)
        except ValueError as e:
            self.problems.append(Problem(str(e), row=row, column=column, row_label=self.label))
            return None

    def price(self, row: int, column: str, raw, *, required: bool = True) -> float | None:
        if not required and values.text(raw) is None:
            return None
        return self.cell(row, column, values.price, raw)

    def whole(self, row: int, column: str, raw, what: str) -> int | None:
        number = self.cell(row, column, values.decimal_whole, raw, what=what)
        return None if number is None else max(number, 0)


def sale(price: float | None, regular: float | None) -> tuple[float | None, float | None]:
    """(price charged, regular price kept): a sale price below the regular one is used."""
    if price is not None and regular is not None and price < regular:
        return price, regular
    return (regular if regular is not None else price), None


def fold(draft: Draft, mode: str = "fold") -> list[Draft]:
    """One product with its variants (the lowest offerable price, in stock if any variant is), or
    with mode "keep" one product per variant."""
    variants = draft.variants
    if not variants:
        return [draft]
    if mode == "keep":
        return [_variant_draft(draft, v) for v in variants]
    offerable = [v for v in variants if v.available] or variants
    cheapest = min(offerable, key=lambda v: v.price)
    options: dict[str, list[str]] = {}
    for v in variants:
        for name, value in v.options.items():
            if value and value not in options.setdefault(name, []):
                options[name].append(value)
    stocks = [v.stock for v in variants if v.active]
    fields = dict(draft.fields)
    fields.update(
        price=cheapest.price, regular_price=cheapest.regular_price,
        stock=None if not stocks or any(s is None for s in stocks) else sum(stocks),
        options={k: v for k, v in options.items() if v},
        variants=[v.to_dict() for v in variants],
        attributes={**fields.get("attributes", {}), **{k: ", ".join(v) for k, v in options.items() if v}},
    )
    if not any(v.active for v in variants):
        fields["status"] = "discontinued"
    return [Draft(draft.row, fields, draft.columns)]


def _variant_draft(parent: Draft, variant: Variant) -> Draft:
    fields = dict(parent.fields)
    chosen = [value for value in variant.options.values() if value]
    fields.update(
        sku=variant.sku, price=variant.price, regular_price=variant.regular_price, stock=variant.stock,
        name=f"{fields.get('name')} ({' / '.join(chosen)})" if chosen else fields.get("name"),
        attributes={**fields.get("attributes", {}), **{k: v for k, v in variant.options.items() if v}},
        extra={**fields.get("extra", {}), "variant of": str(parent.fields.get("sku"))},
    )
    if not variant.active:
        fields["status"] = "discontinued"
    return Draft(variant.row, fields, parent.columns)


def resolve_links(mapped: Mapped, drafts: list[Draft], aliases: dict[str, str]) -> None:
    """Curated links point at our SKUs: a platform id (`id:12`) or a folded variant's SKU becomes
    the product's SKU. A link to an id the file does not have is dropped, with a warning."""
    ids = {k.lower(): v for k, v in mapped.ids.items()}
    aliases = {k.lower(): v for k, v in aliases.items()}
    for draft in drafts:
        for column in ("upsells", "cross_sells"):
            targets = []
            for target in draft.fields.get(column) or ():
                key = target.strip().lower()
                if key.startswith("id:"):
                    sku = ids.get(key[3:].strip())
                    if sku is None:
                        mapped.warnings.append(
                            f"{mapped.label} {draft.row}: {draft.columns.get(column, column)} links to {target}, "
                            "which is not in the file; the link is left out")
                        continue
                    key = sku.lower()
                    target = sku
                target = aliases.get(key, target)
                if target.lower() != str(draft.fields.get("sku", "")).lower() and target not in targets:
                    targets.append(target)
            draft.fields[column] = targets
