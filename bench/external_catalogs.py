"""Suggestion quality on real third-party catalogs, judged by labels written without the code.

  .venv/bin/python bench/external_catalogs.py [--ref REV] [--json]

For each catalog in tests/data/catalogs/ (sku,name,category,price,description only; sources and
licences in its LICENSE file) with a frozen `<name>.labels_holdout.csv`, as a team would:

  salesbot catalog import tests/data/catalogs/NAME.csv
  salesbot index
  salesbot eval catalog --labels NAME.labels_holdout.csv --complements NAME.complements_holdout.csv

With --ref, the suggestions come from another revision of the code (`salesbot suggest --all
--json` run from a git worktree of REV, e.g. the commit before a change) and are judged by this
revision's `eval catalog` with the same labels: the before/after rows of the README's table.
Files go to bench/out/catalogs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.advisor.advice import Advice, Suggestion  # noqa: E402
from bot.advisor.talking_points import Pitch  # noqa: E402
from bot.bootstrap import bootstrap  # noqa: E402
from bot.evaluation import measure_catalog  # noqa: E402
from bot.settings import Settings  # noqa: E402

DATA = ROOT / "tests" / "data" / "catalogs"


def run(argv: list[str], *, cwd: Path = ROOT, env: dict | None = None) -> str:
    return subprocess.run([sys.executable, "-m", "bot", *argv], cwd=cwd, env=env, check=True,
                          capture_output=True, text=True).stdout


def answers_from(lines: str, services) -> list[Advice]:
    """`suggest --all --json` output as answers the judge can read."""
    answers = []
    for line in lines.splitlines():
        data = json.loads(line)
        anchor = services.catalog.get(data["anchor"]["sku"])
        answers.append(Advice(question=None, anchor=anchor,
                              cross_sell=_suggestions(services, anchor, "cross_sell", data["cross_sell"]),
                              upsell=_suggestions(services, anchor, "upsell", data["upsell"])))
    return answers


def _suggestions(services, anchor, kind: str, items: list[dict]) -> tuple[Suggestion, ...]:
    return tuple(Suggestion(kind=kind, product=services.catalog.get(s["sku"]), score=s["score"],
                            sources=tuple(s["sources"]), pitch=Pitch((), "", ""), rank=rank,
                            anchor_price=anchor.price)
                 for rank, s in enumerate(items, start=1))


def evaluate(name: str, out: Path, ref_tree: Path | None) -> dict:
    db = out / f"{name}.db"
    for stale in out.glob(f"{name}.*"):
        stale.unlink()
    run(["catalog", "import", str(DATA / f"{name}.csv"), "--db", str(db)])
    run(["index", "--db", str(db)])
    labels = DATA / f"{name}.labels_holdout.csv"
    complements = DATA / f"{name}.complements_holdout.csv"
    services = bootstrap(Settings(db_path=db))
    answers = None
    if ref_tree is not None:
        env = {**os.environ, "PYTHONPATH": str(ref_tree)}
        answers = answers_from(run(["suggest", "--all", "--json", "--db", str(db)], cwd=ref_tree, env=env),
                               services)
    started = time.perf_counter()
    quality = measure_catalog(services, labels=labels, complements=complements if complements.exists() else None,
                              answers=answers)
    return {"catalog": name, "seconds": round(time.perf_counter() - started, 2), **quality.to_dict()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", help="judge the suggestions of this git revision instead of the working tree")
    parser.add_argument("--catalog", action="append", help="only this catalog (repeat for several)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / "catalogs"
    out.mkdir(parents=True, exist_ok=True)
    names = args.catalog or sorted(p.name.removesuffix(".labels_holdout.csv")
                                   for p in DATA.glob("*.labels_holdout.csv"))
    with tempfile.TemporaryDirectory(prefix="salesbot-ref-") as folder:
        tree = None
        if args.ref:
            tree = Path(folder) / "tree"
            subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.ref], cwd=ROOT, check=True,
                           capture_output=True)
        try:
            results = [evaluate(name, out, tree) for name in names]
        finally:
            if tree is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    head = f"{'catalog':<20}{'substitutes':>14}{'audience':>12}{'up. losing':>12}{'complement':>12}" \
           f"{'cross cov.':>12}{'up. cov.':>10}"
    print(f"suggestions of {args.ref or 'the working tree'}, judged by the frozen holdout labels")
    print(head)
    for r in results:
        print(f"{r['catalog']:<20}{r['substitute_rate']:>14.1%}{r['audience_mismatch_rate']:>12.1%}"
              f"{r['upsells_losing_rate']:>12.1%}{r.get('complement_rate', 0):>12.1%}"
              f"{r['cross_sell_coverage']:>12.1%}{r['upsell_coverage']:>10.1%}")
        print(f"{'':<20}{r['substitutes']:>7} of {r['cross_sells']:<4}{r['audience_mismatches']:>5} of "
              f"{r['cross_sells'] + r['upsells']:<4}{r['upsells_losing']:>4} of {r['upsells']:<4}"
              f"{(r['complements'] or 0):>5} of {r['cross_sells']:<4}{r['with_cross_sell']:>5} of {r['offerable']:<4}"
              f"{r['with_upsell']:>4} of {r['offerable']}")


if __name__ == "__main__":
    main()
