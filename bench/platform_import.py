"""Import speed of a Shopify product export against our own CSV of the same products.

  .venv/bin/python bench/platform_import.py [--products 100000] [--runs 2]

The products are bench/synthetic.py's. Our CSV has one row per product; the Shopify export has
Shopify's full column set (53 columns, most of them empty as in real exports), an HTML body, and
one row per variant: a third of the products have one, a third two and a third three colours.
Each import goes into a fresh SQLite file (no embedding), alternating the two formats; the
figure is the Shopify import's speed as a share of our own format's, in products per second,
median of --runs. The target is at least 0.5x.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from catalog.importer import import_catalog  # noqa: E402
from catalog.store import Catalog, open_database  # noqa: E402

SHOPIFY = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
           "Option1 Name", "Option1 Value", "Option1 Linked To", "Option2 Name", "Option2 Value",
           "Option2 Linked To", "Option3 Name", "Option3 Value", "Option3 Linked To", "Variant SKU",
           "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
           "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
           "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
           "SEO Title", "SEO Description", "Google Shopping / Google Product Category", "Google Shopping / Gender",
           "Google Shopping / Age Group", "Google Shopping / MPN", "Google Shopping / Condition",
           "Google Shopping / Custom Product", "Google Shopping / Custom Label 0", "Google Shopping / Custom Label 1",
           "Google Shopping / Custom Label 2", "Google Shopping / Custom Label 3", "Google Shopping / Custom Label 4",
           "Variant Image", "Variant Weight Unit", "Variant Tax Code", "Cost per item", "Included / Netherlands",
           "Price / Netherlands", "Compare At Price / Netherlands", "Status"]
COLOURS = ["Black", "Silver", "Blue"]


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    rows = synthetic.generate(count)
    ours = folder / "ours.csv"
    with open(ours, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=synthetic.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    shopify = folder / "shopify.csv"
    with open(shopify, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(SHOPIFY)
        for n, row in enumerate(rows):
            features = "".join(f"<li>{feature}</li>" for feature in row["features"].split(";") if feature)
            body = f"<p>{row['description']}</p><ul>{features}</ul>"
            for v in range(n % 3 + 1):
                cells = dict.fromkeys(SHOPIFY, "")
                cells.update({"Handle": row["sku"], "Option1 Value": COLOURS[v], "Variant SKU": f"{row['sku']}-{v}",
                              "Variant Inventory Tracker": "shopify", "Variant Inventory Qty": row["stock"],
                              "Variant Inventory Policy": "deny", "Variant Fulfillment Service": "manual",
                              "Variant Price": f"{row['price'] + 10 * v:.2f}", "Variant Requires Shipping": "TRUE",
                              "Variant Taxable": "TRUE", "Variant Grams": "1200", "Variant Weight Unit": "kg"})
                if v == 0:
                    cells.update({"Title": row["name"], "Body (HTML)": body, "Vendor": row["brand"],
                                  "Type": row["category"], "Tags": row["category"].lower(), "Published": "TRUE",
                                  "Option1 Name": "Color", "Image Src": f"https://cdn.example/{row['sku']}.jpg",
                                  "Image Position": "1", "Gift Card": "FALSE", "Status": "active"})
                writer.writerow(cells[c] for c in SHOPIFY)
    return ours, shopify


def timed_import(path: Path, folder: Path, label: str) -> float:
    db_path = folder / f"{label}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = open_database(db_path)
    started = time.perf_counter()
    report = import_catalog(db, path)
    seconds = time.perf_counter() - started
    assert report.products == Catalog(db).count()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        ours, shopify = write_files(folder, args.products)
        print(f"{args.products:,} products: our CSV {ours.stat().st_size / 1e6:.0f} MB, Shopify export "
              f"{shopify.stat().st_size / 1e6:.0f} MB ({sum(1 for _ in open(shopify, encoding='utf-8')) - 1:,} "
              f"rows), written in {time.perf_counter() - started:.0f} s")
        times = {"ours": [], "shopify": []}
        for _ in range(args.runs):
            for label, path in (("ours", ours), ("shopify", shopify)):
                times[label].append(timed_import(path, folder, label))
        ours_s, shopify_s = statistics.median(times["ours"]), statistics.median(times["shopify"])
        print(f"our CSV:        {ours_s:6.1f} s  ({args.products / ours_s:,.0f} products/s)  runs "
              + ", ".join(f"{t:.1f}" for t in times["ours"]))
        print(f"Shopify export: {shopify_s:6.1f} s  ({args.products / shopify_s:,.0f} products/s)  runs "
              + ", ".join(f"{t:.1f}" for t in times["shopify"]))
        print(f"Shopify speed / our CSV speed: {ours_s / shopify_s:.2f}x (target >= 0.5x)")


if __name__ == "__main__":
    main()
