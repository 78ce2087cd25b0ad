"""Ranking metrics, and their mean and spread over several runs."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


def first_hit(ranked: Sequence[str], relevant: set[str], k: int) -> int | None:
    """1-based rank of the first relevant item among the top k, or None."""
    return next((i for i, sku in enumerate(ranked[:k], start=1) if sku in relevant), None)


@dataclass
class Tally:
    """Sums over the cases of one run of one method."""

    cases: int = 0
    answered: int = 0  # cases where the method suggested anything
    hits: dict[int, int] = field(default_factory=dict)  # k -> cases with a hit in the top k
    reciprocal: float = 0.0  # sum of 1/rank of the first hit within the largest k
    relevant_shown: dict[int, int] = field(default_factory=dict)  # k -> relevant among top k
    shown: dict[int, int] = field(default_factory=dict)  # k -> suggestions among top k
    recall: dict[int, float] = field(default_factory=dict)  # k -> sum of per-case recall

    def add(self, ranked: Sequence[str], relevant: set[str], ks: Sequence[int]) -> None:
        self.cases += 1
        self.answered += bool(ranked)
        for k in ks:
            top = ranked[:k]
            found = sum(sku in relevant for sku in top)
            self.hits[k] = self.hits.get(k, 0) + (found > 0)
            self.relevant_shown[k] = self.relevant_shown.get(k, 0) + found
            self.shown[k] = self.shown.get(k, 0) + len(top)
            self.recall[k] = self.recall.get(k, 0.0) + found / len(relevant)
        rank = first_hit(ranked, relevant, max(ks))
        self.reciprocal += 1 / rank if rank else 0.0

    def figures(self, ks: Sequence[int]) -> dict[str, float]:
        n = self.cases or 1
        data = {"cases": self.cases, "coverage": self.answered / n, "mrr": self.reciprocal / n}
        for k in ks:
            data[f"hit@{k}"] = self.hits.get(k, 0) / n
            data[f"precision@{k}"] = self.relevant_shown.get(k, 0) / (self.shown.get(k, 0) or 1)
            data[f"recall@{k}"] = self.recall.get(k, 0.0) / n
        return data


def spread(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per figure: mean, standard deviation, min and max over the runs."""
    out = {}
    for key in runs[0]:
        values = [run[key] for run in runs]
        out[key] = {"mean": statistics.fmean(values),
                    "sd": statistics.stdev(values) if len(values) > 1 else 0.0,
                    "min": min(values), "max": max(values)}
    return out


def paired(ours: list[dict[str, float]], theirs: list[dict[str, float]], key: str) -> dict[str, float]:
    """Our figure minus theirs, run by run (the same split for both): the mean difference, its
    standard error, and in how many runs we were ahead. Splits move both methods together, so
    this is far steadier than comparing the two means and their spreads."""
    diffs = [a[key] - b[key] for a, b in zip(ours, theirs, strict=True)]
    se = statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else 0.0
    return {"mean": statistics.fmean(diffs), "se": se, "ahead": sum(d > 0 for d in diffs),
            "behind": sum(d < 0 for d in diffs), "runs": len(diffs)}
