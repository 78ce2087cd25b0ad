"""Fit the weights role-play uses to tell whether a rep's reply answers an objection.

  .venv/bin/python bench/fit_objections.py [FILE.jsonl ...]

Reads labelled replies (default: our own tuning sets in tests/data, never the held-out one),
computes the features `bot/roleplay/understanding.py` uses, fits a logistic regression, prints
the 5-fold cross-validated accuracy and the weights to paste into ANSWER_WEIGHTS.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import bootstrap  # noqa: E402
from bot.roleplay import cues, understanding  # noqa: E402
from bot.settings import Settings  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402
from tests.conftest import DEMO_CATALOG  # noqa: E402

DEFAULT = [ROOT / "tests" / "data" / name for name in (
    "roleplay_objections_tuning.jsonl", "roleplay_replies_tuning2.jsonl", "roleplay_replies_tuning.jsonl",
    "roleplay_replies_tuning4.jsonl")]


def features(reader, scenario, reply: str, line: str, kind: str) -> list[float]:
    vector = reader.encoder.encode_query(reply)
    lowered = f" {reply.lower()} "
    def close_to(of: str) -> float:
        hits = sum(1 for k in reader._keywords[of] if cues.has_phrase(lowered, k))
        return float(np.max(reader._answers[of] @ vector)) + understanding.KEYWORD_BONUS * min(
            hits, understanding.MAX_KEYWORDS)
    # a kind the library has no answers for ("What's the catch?") is judged as the reader does: the closest kind
    closeness = close_to(kind) if kind in reader._answers else max(close_to(k) for k in reader._answers)
    heard = reader.read(reply, scenario)
    return [1.0, closeness,
            float(reader.encoder.encode_query(line) @ vector) if line else 0.0, float(bool(heard.pressure)),
            float(bool(heard.offers)), min(len(reply.split()), 60) / 60,
            len(cues.REASONS.findall(reply)) / 3]


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 0.01, steps: int = 20000, rate: float = 1.0) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]])
    return w


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        services = bootstrap(Settings(db_path=Path(folder) / "fit.db"))
        import_catalog(services.db, DEMO_CATALOG)
        roleplay = services.roleplay()
        rows, scenarios = [], {}
        for path in files:
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        x, y = [], []
        for row in rows:
            if not row.get("objection") or row.get("answers_objection") is None:
                continue
            sku, _, seed, difficulty = row["scenario"].split()
            key = (sku, int(seed), difficulty)
            if key not in scenarios:
                scenarios[key] = roleplay.scenario(sku=sku, seed=int(seed), difficulty=difficulty)
            x.append(features(roleplay.reader, scenarios[key], row["reply"], row.get("customer_line", ""),
                              row["objection"]))
            y.append(1.0 if row["answers_objection"] else 0.0)
    x, y = np.array(x), np.array(y)
    order = np.random.default_rng(0).permutation(len(y))
    accuracy = [float(((x[f] @ fit(x[np.setdiff1d(order, f)], y[np.setdiff1d(order, f)]) > 0) == (y[f] > 0.5)).mean())
                for f in np.array_split(order, 5)]
    folds = ", ".join(f"{a:.2f}" for a in accuracy)
    print(f"{len(y)} labelled replies; 5-fold accuracy {np.mean(accuracy):.3f} ({folds})")
    print("ANSWER_WEIGHTS =", tuple(round(float(w), 3) for w in fit(x, y)))


if __name__ == "__main__":
    main()
