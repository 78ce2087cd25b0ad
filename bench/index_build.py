"""Indexing: a full build and an update after a 1% change, each against bare encoding.

  .venv/bin/python bench/index_build.py                     # 10,000 generated products, 3 runs
  .venv/bin/python bench/index_build.py --full-size 2000 --reuse bench/out/small/gen10000.db

Full build: products/s of `build_index(rebuild=True)` (read the catalog, embed, write vectors,
build FAISS, save index and sidecar) against bare `encoder.encode` on the same texts at the same
batch size, measured bare, build, bare (the faster bare run is the floor).

1% change: the descriptions of 1% of the products change and the catalog is re-imported; then
`build_index()` brings the index up to date (what `salesbot index` does after the model is
loaded). Its time is compared with bare encoding of just the changed texts and with the full
build. `salesbot index` as a whole process (start-up and model load included) is timed too.
Each run changes a different 1%; figures are the median of --runs, with min–max.

On a busy 2-core machine a full build of 10,000 products takes many minutes: --full-size
measures the full-build ratio on fewer products, and --reuse copies a generated catalog of
--size products that `bench/ask_latency.py --keep` already indexed, for the 1% updates.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402

from bot.bootstrap import Services, bootstrap, shared_encoder  # noqa: E402
from bot.settings import BUNDLED_MODEL, Settings  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402
from embeddings.index import sidecar_path  # noqa: E402


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def full_build(services: Services, batch: int) -> tuple[float, float]:
    """(build products/s, bare encode products/s) on the whole catalog."""
    texts = [p.embedding_text for p in services.catalog.all()]

    def bare() -> float:
        start = time.perf_counter()
        services.encoder.encode(texts, batch_size=batch)
        return len(texts) / (time.perf_counter() - start)

    first = bare()
    start = time.perf_counter()
    services.build_index(rebuild=True)
    build = len(texts) / (time.perf_counter() - start)
    return build, max(first, bare())


def change_one_percent(rows: list[dict], run: int, path: Path) -> list[str]:
    """Rewrite 1% of the descriptions (a different 1% each run); the changed SKUs."""
    changed = []
    for i, row in enumerate(rows):
        if i % 100 == run:
            row["description"] = f"{row['description']} Revised spec sheet {run}: now with a longer warranty."
            changed.append(row["sku"])
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=synthetic.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--encoder", default=Settings().encoder, help="onnx, torch or bf16")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full-size", type=int, help="products for the full-build ratio (default --size)")
    parser.add_argument("--reuse", type=Path, help="an indexed generated catalog of --size products")
    parser.add_argument("--batch", type=int, default=32, help="encode batch size (as the indexer)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = tmp / ".salesbot-cache"
        encoder = shared_encoder(BUNDLED_MODEL, backend=args.encoder, cache_dir=cache).load()
        full_size = args.full_size or args.size
        builder = bootstrap(Settings(db_path=tmp / "full.db"), encoder=encoder)
        import_catalog(builder.db, synthetic.write_csv(tmp / "full.csv", full_size))
        build, bare = full_build(builder, args.batch)
        print(f"full build of {full_size:,}: {build:.1f} products/s, bare encode {bare:.1f} "
              f"products/s, ratio {build / bare:.2f}", file=sys.stderr)
        db_path = tmp / "bench.db"
        if args.reuse:  # SQLite's backup: a consistent copy, whatever is still in the WAL
            with sqlite3.connect(args.reuse) as source, sqlite3.connect(db_path) as target:
                source.backup(target)
            shutil.copy(args.reuse.with_suffix(".faiss"), db_path.with_suffix(".faiss"))
            shutil.copy(sidecar_path(args.reuse.with_suffix(".faiss")),
                        sidecar_path(db_path.with_suffix(".faiss")))
        services = bootstrap(Settings(db_path=db_path), encoder=encoder)
        rows = synthetic.generate(args.size)
        if not args.reuse:
            import_catalog(services.db, synthetic.write_csv(tmp / "catalog.csv", args.size))
        services.build_index()
        assert services.catalog.count() == args.size
        update, update_bare, process = [], [], []
        env = {**os.environ, "SALESBOT_ENCODER": args.encoder, "SALESBOT_MODEL_CACHE": str(cache)}
        for run in range(args.runs * 2):
            changed = change_one_percent(rows, run, tmp / "changed.csv")
            import_catalog(services.db, tmp / "changed.csv")
            texts = [p.embedding_text for p in services.catalog.many(changed).values()]
            if run % 2 == 0:  # in this process, model loaded
                start = time.perf_counter()
                _, report = services.build_index()
                update.append(time.perf_counter() - start)
                assert report is not None and report.embedded == len(changed), report
                start = time.perf_counter()
                encoder.encode(texts, batch_size=args.batch)
                update_bare.append(time.perf_counter() - start)
            else:  # the whole `salesbot index` process
                start = time.perf_counter()
                subprocess.run([str(Path(sys.executable).parent / "salesbot"), "index",
                                "--db", str(db_path)], check=True, env=env, capture_output=True)
                process.append(time.perf_counter() - start)
            print(f"run {run}: {len(changed)} changed", file=sys.stderr)
        full_seconds = args.size / build
        print("| catalog | encoder | full build (products/s) | bare encode (products/s) | ratio |")
        print("|---|---|---|---|---|")
        print(f"| generated {full_size:,} | {args.encoder} | {build:.1f} | {bare:.1f} | {build / bare:.2f}× |")
        print()
        print("| 1% changed | update (model loaded), s | bare encode of the changed texts, s | ratio "
              "| full build, s | `salesbot index` process, s |")
        print("|---|---|---|---|---|---|")
        ratios = [u / b for u, b in zip(update, update_bare, strict=True)]
        print(f"| {len(changed)} of {args.size:,} | {spread(update)} | {spread(update_bare)} | "
              f"{spread(ratios, '{:.1f}×')} | {full_seconds:.0f} (estimated at the full-build rate) | "
              f"{spread(process)} |")


if __name__ == "__main__":
    main()
