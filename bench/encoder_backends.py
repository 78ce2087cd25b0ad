"""Encoder backends against torch fp32, measured in the same run: speed and quality.

  .venv/bin/python bench/encoder_backends.py [--runs 3] [--backends torch,bf16,onnx,onnx-int8]

For each backend, on the demo catalog: one short question's encode (p50/p95 over distinct
questions), batch encoding of the product texts (products/s at batch 64), cosine agreement with
the torch fp32 vectors (min and mean over the 212 products), how many of each product's 10
nearest neighbours under torch fp32 it keeps, and anchor accuracy on both phrasing sets with a
full index built by that backend. Speed is the median of --runs runs, with min–max.

onnx-int8 is measured, not offered: onnxruntime's dynamic int8 quantisation of the same export.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import bootstrap  # noqa: E402
from bot.settings import BUNDLED_MODEL, Settings, offline_model_loading  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402
from embeddings import Encoder  # noqa: E402

DEMO = ROOT / "catalog" / "demo" / "products.csv"
SETS = [ROOT / "tests" / "data" / "anchor_phrasings.csv",
        ROOT / "tests" / "data" / "anchor_phrasings_holdout.csv"]


def int8_encoder(cache: Path) -> Encoder:
    """The onnx encoder with its session swapped for a dynamically quantised copy (bench only)."""
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    encoder = Encoder(BUNDLED_MODEL, backend="onnx", cache_dir=cache)
    backend = encoder.backend
    quantized = cache / "int8.onnx"
    if not quantized.exists():
        quantize_dynamic(str(backend.directory / "model.onnx"), str(quantized),
                         weight_type=QuantType.QInt8)
    backend.session = onnxruntime.InferenceSession(str(quantized),
                                                   providers=["CPUExecutionProvider"])
    return encoder


def make_encoder(name: str, cache: Path) -> Encoder:
    if name == "onnx-int8":
        return int8_encoder(cache)
    return Encoder(BUNDLED_MODEL, backend=name, cache_dir=cache)


def question_times(encoder: Encoder, questions: list[str]) -> list[float]:
    times = []
    for q in questions:
        start = time.perf_counter()
        encoder.encode([q])
        times.append((time.perf_counter() - start) * 1000)
    return times


def throughput(encoder: Encoder, texts: list[str]) -> float:
    start = time.perf_counter()
    encoder.encode(texts, batch_size=64)
    return len(texts) / (time.perf_counter() - start)


def neighbours(vectors: np.ndarray, k: int = 10) -> np.ndarray:
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -2)
    return np.argsort(-sims, axis=1)[:, :k]


def anchor_accuracy(encoder: Encoder, tmp: Path) -> list[str]:
    services = bootstrap(Settings(db_path=tmp / f"{encoder.backend_name}-{id(encoder)}.db"),
                         encoder=encoder)
    import_catalog(services.db, DEMO)
    advisor = services.advisor()
    results = []
    for path in SETS:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        hits = 0
        for row in rows:
            advice = advisor.ask(row["question"])
            accepted = {row["expected_sku"], *filter(None, row["also_ok"].split(";"))}
            hits += bool(advice.anchor and advice.anchor.sku in accepted)
        results.append(f"{hits}/{len(rows)}")
    return results


def spread(values: list[float], fmt: str = "{:.1f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="torch,bf16,onnx,onnx-int8")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    offline_model_loading()
    import faiss

    faiss.omp_set_num_threads(1)
    from bot.advisor.search import ProductSearch  # noqa: F401  (imported before timing)
    from catalog import Catalog
    from catalog.store import open_database

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = open_database(tmp / "texts.db")
        import_catalog(db, DEMO)
        products = list(Catalog(db).all())
        texts = [p.embedding_text for p in products]
        questions = [f"customer is buying the {p.name}, what else?" for p in products]
        questions = questions[:args.questions]
        names = args.backends.split(",")
        encoders = {name: make_encoder(name, tmp / "cache").load() for name in names}
        if "torch" not in encoders:
            encoders["torch"] = make_encoder("torch", tmp / "cache").load()
        reference = encoders["torch"].encode(texts)
        reference_nn = neighbours(reference)
        speed = {name: ([], []) for name in names}
        for _ in range(args.runs):  # interleaved, so a noisy minute hurts every backend alike
            for name in names:
                speed[name][0].append(statistics.median(question_times(encoders[name], questions)))
                speed[name][1].append(throughput(encoders[name], texts))
        print("| backend | question encode p50, ms | speed vs torch | batch products/s | vs torch "
              "| cosine vs torch fp32 min / mean | top-10 neighbours kept | anchor accuracy "
              "tuning / held-out |")
        print("|---|---|---|---|---|---|---|---|")
        torch_q = statistics.median(speed["torch"][0]) if "torch" in speed else float("nan")
        torch_b = statistics.median(speed["torch"][1]) if "torch" in speed else float("nan")
        for name in names:
            vectors = encoders[name].encode(texts)
            cosine = (vectors * reference).sum(axis=1)
            nn = neighbours(vectors)
            kept = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(nn, reference_nn, strict=True)])
            accuracy = anchor_accuracy(encoders[name], tmp)
            q, b = speed[name]
            print(f"| {name} | {spread(q, '{:.2f}')} | {torch_q / statistics.median(q):.2f}× | "
                  f"{spread(b)} | {statistics.median(b) / torch_b:.2f}× | {cosine.min():.5f} / "
                  f"{cosine.mean():.5f} | {kept:.1%} | {' / '.join(accuracy)} |")


if __name__ == "__main__":
    main()
