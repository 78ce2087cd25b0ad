"""Warm `ask` latency against its floor (one query encode + one index search), in the same run.

  .venv/bin/python bench/ask_latency.py                       # demo, 1k, 10k; onnx and torch
  .venv/bin/python bench/ask_latency.py --sizes 100000 --keep bench/out   # reuse the 100k index

For each catalog and each encoder backend, the same distinct questions are asked (so the query
cache never helps); each question is timed twice: the floor (encode it, search the index once)
and the answer (`advisor.ask`; the questions are distinct, so its own vector is never cached,
while a phrase that recurs, such as "for the team", is, as in a running bot). The ratio of the p50s is the
figure; with --runs N the questions are asked N times and the median p50 is printed with min–max.
Both backends share one index: onnx fp32 reproduces the torch vectors (see
bench/encoder_backends.py). At 100k, take the torch rows in a run of their own (--encoders torch):
after the onnx rows in the same process its floor came out several times slower, unexplained.
--keep DIR keeps generated catalogs, indexed, for the next run.
--questions-from FILE asks a labelled question set's "question" lines instead (JSON Lines, e.g.
tests/data/rep_questions_tuning2.jsonl: English, Dutch, Swedish and Norwegian), so the
multilingual setting is timed on the questions it is for (e5 in a run of its own: its vectors are
not MiniLM's, so it cannot share the index):
  .venv/bin/python bench/ask_latency.py --sizes demo --encoders e5 \
      --questions-from tests/data/rep_questions_tuning2.jsonl
Embedding 100,000 texts takes half an hour or more on 2 shared cores; --borrow gives the products
beyond an encoded smaller catalog real vectors of their category plus noise instead (questions
are still encoded for real, so the floor and the answer are measured as they would be).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from bot.bootstrap import Services, bootstrap, shared_encoder  # noqa: E402
from bot.settings import BUNDLED_MODEL, Settings  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "catalog" / "demo" / "products.csv"
PHRASES = ["customer is buying the {}, what else?", "cust getting {} for the team",
           "{} - anything to add?", "what goes with the {}", "{} for 5 people, budget max €5,000"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def borrow_vectors(services: Services, real: Path, *, noise: float = 0.03, seed: int = 5) -> int:
    """Store a vector for every product that has none, without encoding (see --borrow).

    A product with the same SKU and text in the real, encoded catalog gets its real vector;
    any other gets a random real vector of its category plus noise (cosine ~0.85 to it).
    """
    import sqlite3

    import numpy as np

    rng = np.random.default_rng(seed)
    source = sqlite3.connect(real)
    exact, by_category = {}, {}
    for sku, content_hash, category, blob in source.execute(
            "SELECT e.key, e.content_hash, p.category, e.vector FROM embeddings e "
            "JOIN products p ON p.sku = e.key"):
        vector = np.frombuffer(blob, dtype=np.float32)
        exact[sku] = (content_hash, vector)
        by_category.setdefault(category, []).append(vector)
    have = {r[0] for r in services.db.conn.execute("SELECT key FROM embeddings")}
    rows = []
    for sku, content_hash, category in services.db.conn.execute(
            "SELECT sku, content_hash, category FROM products"):
        if sku in have:
            continue
        if exact.get(sku, ("",))[0] == content_hash:
            vector = exact[sku][1]
        else:
            pool = by_category[category]
            vector = pool[rng.integers(len(pool))] + rng.standard_normal(384).astype(np.float32) * noise
            vector = vector / np.linalg.norm(vector)
        rows.append((sku, content_hash, services.encoder.identity, np.asarray(vector, np.float32).tobytes()))
    with services.db.atomic():
        services.db.conn.executemany("INSERT INTO embeddings (key, content_hash, model, vector) "
                                     "VALUES (?, ?, ?, ?)", rows)
    return len(rows)


def prepared(size: str, folder: Path, backend: str, borrow: Path | None = None) -> tuple[str, Services]:
    """The catalog imported and indexed in folder (kept there for the next run)."""
    label = "demo" if size == "demo" else f"generated {int(size):,}"
    db_path = folder / ("demo.db" if size == "demo" else f"gen{int(size)}.db")
    encoder = shared_encoder(BUNDLED_MODEL, backend=backend, cache_dir=folder / ".salesbot-cache")
    services = bootstrap(Settings(db_path=db_path), encoder=encoder.load())
    expected = None if size == "demo" else int(size)
    start = time.perf_counter()
    if services.catalog.count() == 0 or (expected and services.catalog.count() != expected):
        source = DEMO if size == "demo" else synthetic.write_csv(folder / f"gen{size}.csv", int(size))
        import_catalog(services.db, source, missing="delete")
    if borrow:
        print(f"{label}: {borrow_vectors(services, borrow):,} vectors borrowed", file=sys.stderr)
    _, report = services.build_index()
    if report is not None:
        print(f"{label}: imported and indexed with {backend} in {time.perf_counter() - start:.0f} s",
              file=sys.stderr)
    return label, services


def questions_for(services: Services, count: int) -> list[str]:
    skus = services.catalog.skus()
    rng = random.Random(3)
    picked = services.catalog.many(rng.sample(skus, min(len(skus), count * 2)))
    asked = dict.fromkeys(rng.choice(PHRASES).format(p.name) for p in picked.values())
    return list(asked)[:count]


def measure(services: Services, asked: list[str]) -> tuple[list[float], list[float]]:
    advisor = services.advisor()
    encoder, index = services.encoder, advisor.search.index
    encoder.clear_cache()  # an earlier run asked the same questions
    for q in ["warm-up one for the team", "warm-up two"]:  # caches "team", as a running bot has
        advisor.ask(q)
    floor, ask = [], []
    for q in asked:
        t0 = time.perf_counter()
        index.search(encoder.encode([q])[0], 20)
        t1 = time.perf_counter()
        advisor.ask(q)
        t2 = time.perf_counter()
        floor.append((t1 - t0) * 1000)
        ask.append((t2 - t1) * 1000)
    return floor, ask


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="demo,1000,10000",
                        help="comma-separated: 'demo' and/or numbers of generated products")
    parser.add_argument("--encoders", default="onnx,torch", help="backends to measure")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--questions-from", type=Path, help="JSON Lines with a \"question\" per line")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep generated, indexed catalogs in this folder")
    parser.add_argument("--borrow", type=Path,
                        help="an encoded generated catalog (e.g. bench/out/gen10000.db): products "
                             "it has keep their real vectors, the others borrow a real vector of "
                             "their category plus noise instead of being encoded")
    args = parser.parse_args()
    backends = args.encoders.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes.split(","):
            label, services = prepared(size, folder, backends[0], args.borrow)
            asked = questions_for(services, args.questions) if not args.questions_from else \
                list(dict.fromkeys(json.loads(line)["question"] for line in
                                   args.questions_from.read_text(encoding="utf-8").splitlines() if line.strip()))
            asked = asked[:args.questions]
            for backend in backends:
                encoder = shared_encoder(BUNDLED_MODEL, backend=backend,
                                         cache_dir=folder / ".salesbot-cache").load()
                runs = bootstrap(services.settings, encoder=encoder)
                floor50, ask50, floor95, ask95, ratio = [], [], [], [], []
                for _ in range(args.runs):
                    floor, ask = measure(runs, asked)
                    floor50.append(statistics.median(floor))
                    ask50.append(statistics.median(ask))
                    floor95.append(percentile(floor, 0.95))
                    ask95.append(percentile(ask, 0.95))
                    ratio.append(ask50[-1] / floor50[-1])
                rows.append((label, backend, len(asked), floor50, ask50, floor95, ask95, ratio))
                print(f"{label} {backend}: ask p50 {statistics.median(ask50):.1f} ms, floor p50 "
                      f"{statistics.median(floor50):.1f} ms, ratio {statistics.median(ratio):.2f}",
                      file=sys.stderr)

    def spread(values: list[float], fmt: str = "{:.1f}") -> str:
        return (f"{fmt.format(statistics.median(values))} "
                f"({fmt.format(min(values))}–{fmt.format(max(values))})")

    print("| catalog | encoder | questions × runs | warm ask p50 (ms) | ask p95 | floor p50 (ms) "
          "| floor p95 | p50 ratio (target ≤ 1.3×) |")
    print("|---|---|---|---|---|---|---|---|")
    for label, backend, n, floor50, ask50, floor95, ask95, ratio in rows:
        print(f"| {label} | {backend} | {n} × {len(ratio)} | {spread(ask50)} | "
              f"{statistics.median(ask95):.1f} | {spread(floor50)} | {statistics.median(floor95):.1f} | "
              f"{spread(ratio, '{:.2f}×')} |")


if __name__ == "__main__":
    main()
