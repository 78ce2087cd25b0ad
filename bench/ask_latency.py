"""Index build throughput and warm `ask` latency, each against a floor measured in the same run.

  .venv/bin/python bench/ask_latency.py                 # demo catalog and a generated 10k one
  .venv/bin/python bench/ask_latency.py --sizes demo    # just the demo catalog

Floors: bare `model.encode` on the same texts at the same batch size (indexing), and one query
encode plus one FAISS search (ask). Ratios, not absolute times, are what to compare across runs:
the machines are shared and noisy. Questions are all distinct, so the query cache never helps.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from bot.bootstrap import bootstrap, shared_encoder  # noqa: E402
from bot.settings import Settings  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "catalog" / "demo" / "products.csv"
PHRASES = ["customer is buying the {}, what else?", "cust getting {} for the team",
           "{} - anything to add?", "what goes with the {}", "{} for 5 people, budget max €5,000"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_catalog(label: str, path: Path, *, questions: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        services = bootstrap(Settings(db_path=Path(tmp) / "bench.db"),
                             encoder=shared_encoder(Settings().model))
        encoder = services.encoder.load()
        import_catalog(services.db, path)
        products = list(services.catalog.all())
        texts = [p.embedding_text for p in products]

        def bare_encode() -> float:
            start = time.perf_counter()
            encoder.encode(texts, batch_size=batch)
            return len(texts) / (time.perf_counter() - start)

        # bare, build, bare: the floor is the faster bare run, so warm-up cannot flatter us
        first = bare_encode()
        start = time.perf_counter()
        services.build_index(rebuild=True)
        build = len(texts) / (time.perf_counter() - start)
        bare = max(first, bare_encode())

        advisor = services.advisor()
        index = advisor.search.index
        rng = random.Random(3)
        asked = list(dict.fromkeys(
            rng.choice(PHRASES).format(rng.choice(products).name) for _ in range(questions * 2)))
        asked = asked[:questions]
        for q in ["warm-up one", "warm-up two", products[0].name]:
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
        return dict(label=label, products=len(texts), bare=bare, build=build,
                    floor50=statistics.median(floor), floor95=percentile(floor, 0.95),
                    ask50=statistics.median(ask), ask95=percentile(ask, 0.95), n=len(asked))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="demo,10000",
                        help="comma-separated: 'demo' and/or numbers of generated products")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--batch", type=int, default=64, help="encode batch size (as the indexer)")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            if size == "demo":
                results.append(bench_catalog("demo", DEMO, questions=args.questions,
                                             batch=args.batch))
            else:
                path = synthetic.write_csv(Path(tmp) / f"gen{size}.csv", int(size))
                results.append(bench_catalog(f"generated {int(size):,}", path,
                                             questions=args.questions, batch=args.batch))
    print("| catalog | products | index build (products/s) | bare encode (products/s) | ratio |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['label']} | {r['products']:,} | {r['build']:.1f} | {r['bare']:.1f} | "
              f"{r['build'] / r['bare']:.2f}× |")
    print()
    print("| catalog | questions | warm ask p50 / p95 (ms) | floor p50 / p95 (ms) | p50 ratio |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['label']} | {r['n']} | {r['ask50']:.1f} / {r['ask95']:.1f} | "
              f"{r['floor50']:.1f} / {r['floor95']:.1f} | {r['ask50'] / r['floor50']:.2f}× |")


if __name__ == "__main__":
    main()
