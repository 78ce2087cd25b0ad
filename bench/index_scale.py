"""The search index at catalog scale: exact vs HNSW, recall@10, search latency, memory.

  .venv/bin/python bench/index_scale.py [--sizes 100000,1000000] [--real 10000]

Encoding a million product texts on 2 cores takes hours, so the large sizes use synthetic
vectors drawn around 2,000 cluster centres (random vectors would be the worst case for an
approximate index and say nothing about a catalog). --real N also embeds N generated product
texts with the bundled model and measures recall on those real MiniLM vectors. Queries are
catalog vectors with noise, searched one at a time on 1 thread (as the bot does); the floor for
recall is exact search in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from embeddings.index import IndexMeta, VectorIndex, index_kind  # noqa: E402

QUERIES, K = 200, 10


def clustered(count: int, dim: int = 384, clusters: int = 2000, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = np.empty((count, dim), dtype=np.float32)
    for start in range(0, count, 100_000):
        n = min(100_000, count - start)
        picked = centres[rng.integers(0, clusters, n)]
        block = picked + rng.standard_normal((n, dim)).astype(np.float32) * 0.045
        vectors[start:start + n] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return vectors


def real_vectors(count: int) -> np.ndarray:
    import synthetic

    from bot.bootstrap import shared_encoder
    from bot.settings import BUNDLED_MODEL, offline_model_loading
    from catalog.product import Product

    offline_model_loading()
    texts = [Product(sku=r["sku"], name=r["name"], price=r["price"], category=r["category"],
                     description=r["description"],
                     features=tuple(r["features"].split(";"))).embedding_text
             for r in synthetic.generate(count)]
    return shared_encoder(BUNDLED_MODEL).encode(texts, batch_size=64)


def measure(label: str, vectors: np.ndarray, kind: str) -> dict:
    import faiss

    faiss.omp_set_num_threads(2)
    ids = np.arange(len(vectors), dtype=np.int64)
    meta = IndexMeta(model="bench", dimension=vectors.shape[1], count=len(vectors),
                     fingerprint="", kind=kind)
    started = time.perf_counter()
    index = VectorIndex.build(ids, vectors, meta=meta)
    built = time.perf_counter() - started
    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(7)
    queries = vectors[rng.integers(0, len(vectors), QUERIES)]
    queries = queries + rng.standard_normal(queries.shape).astype(np.float32) * 0.02
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    times, results = [], []
    for q in queries:
        t0 = time.perf_counter()
        results.append([i for i, _ in index.search(q, K)])
        times.append((time.perf_counter() - t0) * 1000)
    size = len(faiss.serialize_index(index.index))
    return dict(label=label, kind=kind, n=len(vectors), built=built, results=results,
                p50=statistics.median(times), p95=sorted(times)[int(0.95 * (len(times) - 1))],
                bytes=size / len(vectors))


def compare(label: str, vectors: np.ndarray) -> list[dict]:
    exact = measure(label, vectors, "flat-ip")
    graph = measure(label, vectors, "hnsw32-ip")
    graph["recall"] = statistics.mean(len(set(a) & set(b)) / K for a, b in
                                      zip(exact["results"], graph["results"], strict=True))
    exact["recall"] = 1.0
    return [exact, graph]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--real", type=int, default=10000, help="0 to skip real embeddings")
    args = parser.parse_args()
    rows = []
    if args.real:
        rows += compare(f"{args.real:,} real MiniLM vectors", real_vectors(args.real))
    for size in (int(s) for s in args.sizes.split(",") if s):
        rows += compare(f"{size:,} clustered synthetic vectors", clustered(size))
    print("| vectors | index | recall@10 vs exact | search p50 / p95 (1 thread) | build "
          "| bytes per product | chosen by default |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        chosen = "yes" if index_kind(r["n"]) == r["kind"] else ""
        print(f"| {r['label']} | {r['kind']} | {r['recall']:.3f} | {r['p50']:.2f} / "
              f"{r['p95']:.2f} ms | {r['built']:.1f} s | {r['bytes']:,.0f} | {chosen} |")


if __name__ == "__main__":
    main()
