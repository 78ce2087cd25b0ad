"""The basket evaluation on real grocery baskets (../shared/data/groceries), end to end.

  .venv/bin/python bench/groceries_eval.py [--data DIR] [--seeds 20] [--json]

The data has no SKUs or prices, so each of the 169 items becomes one product (its sub-category
as category, its category in the description) with the same placeholder price, 1.00: price
guardrails cannot bind, and nothing here claims a price. The baskets become an order file
(order_id = basket, quantity = count in the source). Then, as a team would:

  salesbot catalog import groceries_catalog.csv
  salesbot index
  salesbot eval baskets groceries_orders.csv --holdout 0.2 --seed 1 ... --seed 5 --k 3 --k 5

which imports the training orders of each split exactly as `salesbot orders import` does and
asks for the cross-sells exactly as `salesbot suggest` returns them. Files go to bench/out/groceries.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "groceries"


def write_inputs(data: Path, out: Path) -> tuple[Path, Path]:
    items = list(csv.DictReader(open(data / "groceries_items.csv", encoding="utf-8")))
    sku = {row["item"]: f"GRO-{row['item_id']}" for row in items}
    catalog = out / "groceries_catalog.csv"
    with open(catalog, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["sku", "name", "category", "price", "description"])
        for row in items:
            writer.writerow([sku[row["item"]], row["item"], row["level2"], "1.00",
                             f"{row['item']}: {row['level2']}, from the {row['level1']} department"])
    orders = out / "groceries_orders.csv"
    with open(data / "groceries_baskets_long.csv", encoding="utf-8") as src, \
            open(orders, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["order_id", "sku", "quantity"])
        for row in csv.DictReader(src):
            writer.writerow([row["basket_id"], sku[row["item"]], row["count_in_source"]])
    return catalog, orders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / "groceries"
    out.mkdir(parents=True, exist_ok=True)
    db = out / "groceries.db"
    for stale in out.glob("groceries.*"):
        stale.unlink()
    catalog, orders = write_inputs(args.data, out)
    salesbot = [sys.executable, "-m", "bot"]
    subprocess.run([*salesbot, "catalog", "import", str(catalog), "--db", str(db)], check=True, stdout=sys.stderr)
    subprocess.run([*salesbot, "index", "--db", str(db)], check=True, stdout=sys.stderr)
    seeds = [arg for n in range(1, args.seeds + 1) for arg in ("--seed", str(n))]
    started = time.perf_counter()
    subprocess.run([*salesbot, "eval", "baskets", str(orders), "--db", str(db), "--holdout", "0.2",
                    *seeds, "--k", "3", "--k", "5", *(["--json"] if args.json else [])], check=True)
    print(f"evaluation: {time.perf_counter() - started:.1f} s (model load included)", file=sys.stderr)


if __name__ == "__main__":
    main()
