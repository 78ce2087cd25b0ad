"""Platform exports and feeds read into our products: Shopify, WooCommerce, Magento 2 and Google
Merchant Center, told apart by their own columns (or forced with `--format`).

Each platform module maps its columns onto ours (`base.Draft`); variants are folded and curated
links resolved the same way for all of them, and the importer validates and writes the result
exactly as it does our own files.
"""

from __future__ import annotations

from pathlib import Path

from catalog.errors import CatalogError, Problem
from catalog.formats import google, magento, shopify, woocommerce
from catalog.formats.base import Draft, Mapped, fold, resolve_links
from catalog.reader import RawRows, read_rows

PLATFORMS = {"shopify": shopify, "woocommerce": woocommerce, "magento": magento, "google": google}
NAMES = {"salesbot": "salesbot CSV/JSON", "shopify": "Shopify product CSV", "woocommerce": "WooCommerce product CSV",
         "magento": "Magento 2 product export", "google": "Google Merchant Center feed"}
FORMATS = ("auto", "salesbot", *PLATFORMS)
VARIANTS = ("fold", "keep")

__all__ = ["FORMATS", "NAMES", "VARIANTS", "Draft", "Mapped", "detect", "read_platform"]


def detect(raw: RawRows) -> str:
    """The format whose signature columns the file has; our own when none matches."""
    for name, module in PLATFORMS.items():
        if module.matches(raw.columns):
            return name
    return "salesbot"


def read_platform(path: str | Path, *, format: str = "auto",
                  variants: str = "fold") -> tuple[str, RawRows | Mapped]:
    """(format, what was read): our own rows as they are, or a platform's mapped into drafts with
    variants folded (or kept apart) and links resolved."""
    path = Path(path)
    if format not in FORMATS:
        raise CatalogError(path, Problem(f"unknown format {format!r}; use one of {', '.join(FORMATS)}"))
    if path.suffix.lower() == ".xml" or (format in ("auto", "google") and path.is_file()
                                          and path.suffix.lower() not in (".json", ".jsonl", ".ndjson")
                                          and google.looks_like_xml(path)):
        if format not in ("auto", "google"):
            raise CatalogError(path, Problem(f"an XML feed cannot be read as {NAMES[format]}; "
                                             "use --format google or auto"))
        raw, found = google.read_xml(path), "google"
    else:
        raw = read_rows(path)
        found = detect(raw) if format == "auto" else format
    if found == "salesbot":
        return found, raw
    module = PLATFORMS[found]
    if format != "auto" and not module.matches(raw.columns):
        missing = ", ".join(c for c in module.SIGNATURE if c not in {google.key(x) if found == "google" else x
                                                                         for x in raw.columns})
        raise CatalogError(path, Problem(f"this is not a {NAMES[found]}: it has no {missing} column; "
                                         "check the export, or leave --format out to detect it"))
    mapped = module.read(raw, str(path))
    drafts, aliases = [], {}
    for draft in mapped.drafts:
        folded = fold(draft, variants)
        if variants == "fold":
            for variant in draft.variants:
                aliases[variant.sku] = str(draft.fields.get("sku"))
        drafts += folded
    resolve_links(mapped, drafts, aliases)
    mapped.drafts = drafts
    return found, mapped
