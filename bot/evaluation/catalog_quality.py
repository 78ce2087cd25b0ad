"""`salesbot eval catalog`: are the suggestions right for this catalog, by its own fields?

For every product the advisor answers as `salesbot suggest` does, and each answer is checked:
- a cross-sell is a **substitute** when it is the anchor's own kind: both leaves of the category
  path name the same thing (`Men/Tops/Jackets` and `Women/Tops/Jackets`), whatever the branch,
  or, under a generic leaf (`Accessories`), both names end on the same noun. This is the rule
  the advisor itself follows, so without labels the figure counts only what orders or curated
  links kept; a labels file is the independent judge;
- an **audience mismatch** pairs products for different audiences (men, women, kids), as the
  path, the name or the platform's gender and age attributes say;
- an upsell **loses on a spec** when it states a worse figure than the anchor on a spec both
  state (less storage, a smaller screen);
- **coverage** is the share of offerable products that get at least one cross-sell (upsell).

A labels file (`sku,kind,audience[,specs]`, written by a person who knows the products) replaces
the catalog's fields as the judge: same `kind` = substitute, `audience` men/women/kids (empty or
unisex fits all), `specs` a JSON object of numbers where higher is better except for keys
starting with `weight`. Same-kind pairs that the team's orders or a curated link keep are
counted apart: they are allowed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.advisor.advice import Advice
from bot.bootstrap import Services
from catalog import Product
from catalog.errors import CatalogError, Problem
from catalog.reader import read_rows
from catalog.specs import compare
from catalog.taxonomy import audience, same_kind

KEPT_SOURCES = ("bought_together", "offer_outcomes", "curated")
EXAMPLES = 5


@dataclass(frozen=True)
class Label:
    kind: str
    audience: str | None
    specs: dict[str, float]


class Judge:
    """Substitute, audience and spec verdicts: from labels when given, else the catalog's fields."""

    def __init__(self, labels: dict[str, Label] | None = None,
                 complements: set[tuple[str, str]] | None = None):
        self.labels = labels
        self.complements = complements

    def complementary(self, anchor: Product, candidate: Product) -> bool | None:
        """Whether the labels say the candidate's kind is an add-on for the anchor's (None: unjudged)."""
        if self.labels is None or self.complements is None:
            return None
        a, c = self.labels.get(anchor.sku.lower()), self.labels.get(candidate.sku.lower())
        return bool(a and c and (a.kind, c.kind) in self.complements)

    def substitute(self, anchor: Product, candidate: Product) -> bool:
        if self.labels is not None:
            a, c = self.labels.get(anchor.sku.lower()), self.labels.get(candidate.sku.lower())
            return bool(a and c and a.kind == c.kind)
        return same_kind(anchor, candidate)

    def audience_mismatch(self, anchor: Product, candidate: Product) -> bool:
        if self.labels is not None:
            a, c = self.labels.get(anchor.sku.lower()), self.labels.get(candidate.sku.lower())
            first, second = (a.audience if a else None), (c.audience if c else None)
        else:
            first, second = audience(anchor), audience(candidate)
        return first is not None and second is not None and first != second

    def losses(self, anchor: Product, candidate: Product) -> list[str]:
        if self.labels is not None:
            a, c = self.labels.get(anchor.sku.lower()), self.labels.get(candidate.sku.lower())
            if not a or not c:
                return []
            return [key for key in sorted(a.specs.keys() & c.specs.keys())
                    if (c.specs[key] > a.specs[key] if key.startswith("weight") else c.specs[key] < a.specs[key])]
        return [change.label for change in compare(anchor, candidate)[1]]


@dataclass
class CatalogQuality:
    judge: str
    products: int = 0
    offerable: int = 0
    with_cross_sell: int = 0
    with_upsell: int = 0
    cross_sells: int = 0
    substitutes: int = 0
    kept_by_evidence: int = 0  # same-kind pairs that orders or curated links keep (allowed)
    audience_mismatches: int = 0
    complements: int | None = None  # cross-sells of a kind the labels call an add-on for the anchor's
    upsells: int = 0
    upsells_losing: int = 0
    losing_by_design: int = 0  # of those, the catalog's own next tier or curated upgrade (allowed)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def rates(self) -> dict[str, float]:
        return {
            "substitute_rate": self._share(self.substitutes, self.cross_sells),
            "audience_mismatch_rate": self._share(self.audience_mismatches, self.cross_sells + self.upsells),
            "upsells_losing_rate": self._share(self.upsells_losing, self.upsells),
            **({"complement_rate": self._share(self.complements, self.cross_sells)}
               if self.complements is not None else {}),
            "cross_sell_coverage": self._share(self.with_cross_sell, self.offerable),
            "upsell_coverage": self._share(self.with_upsell, self.offerable),
        }

    def to_dict(self) -> dict:
        counts = {k: v for k, v in self.__dict__.items() if k not in ("examples", "judge")}
        return {"judge": self.judge, **counts, **{k: round(v, 4) for k, v in self.rates.items()},
                "examples": self.examples}

    def note(self, kind: str, line: str) -> None:
        shown = self.examples.setdefault(kind, [])
        if len(shown) < EXAMPLES:
            shown.append(line)


def read_labels(path: str | Path, known: dict[str, str]) -> dict[str, Label]:
    raw = read_rows(path, noun="label", header="sku,kind,audience,specs")
    missing = [c for c in ("sku", "kind") if c not in raw.columns]
    if missing:
        raise CatalogError(path, Problem(f"missing column {', '.join(map(repr, missing))} (found: "
                                         f"{', '.join(raw.columns)}); the header must be sku,kind,audience,specs"))
    labels, problems = {}, []
    for number, row in raw.rows:
        sku = str(row.get("sku") or "").strip()
        kind = str(row.get("kind") or "").strip().lower()
        where = {"row": number, "row_label": raw.row_label}
        if sku.lower() not in known:
            problems.append(Problem(f"{sku!r} is not in the catalog" if sku else "empty", column="sku", **where))
            continue
        if not kind:
            problems.append(Problem("empty; name the product's kind, like 'jacket'", column="kind", **where))
            continue
        who = str(row.get("audience") or "").strip().lower()
        specs = row.get("specs") or {}
        if isinstance(specs, str):
            try:
                specs = json.loads(specs) if specs.strip() else {}
            except json.JSONDecodeError as e:
                problems.append(Problem(f"not a JSON object ({e.msg}); write it like "
                                        '{"storage_gb": 512}', column="specs", **where))
                continue
        if not isinstance(specs, dict) or not all(isinstance(v, (int, float)) for v in specs.values()):
            problems.append(Problem('expected a JSON object of numbers, like {"storage_gb": 512}',
                                    column="specs", **where))
            continue
        labels[sku.lower()] = Label(kind, None if who in ("", "unisex", "all", "none") else who,
                                    {str(k): float(v) for k, v in specs.items()})
    if problems:
        raise CatalogError(path, problems)
    return labels


def read_complements(path: str | Path, kinds: set[str]) -> set[tuple[str, str]]:
    raw = read_rows(path, noun="pair", header="kind,complement_kind")
    missing = [c for c in ("kind", "complement_kind") if c not in raw.columns]
    if missing:
        raise CatalogError(path, Problem(f"missing column {', '.join(map(repr, missing))} (found: "
                                         f"{', '.join(raw.columns)}); the header must be kind,complement_kind"))
    pairs, problems = set(), []
    for number, row in raw.rows:
        pair = tuple(str(row.get(c) or "").strip().lower() for c in ("kind", "complement_kind"))
        for column, kind in zip(("kind", "complement_kind"), pair, strict=True):
            if kind not in kinds:
                problems.append(Problem(f"{kind!r} is no kind in the labels file" if kind else "empty",
                                        row=number, column=column, row_label=raw.row_label))
        pairs.add(pair)
    if problems:
        raise CatalogError(path, problems)
    return pairs


def measure_catalog(services: Services, *, labels: str | Path | None = None,
                    complements: str | Path | None = None,
                    answers: list[Advice] | None = None) -> CatalogQuality:
    """Check every product's suggestions (or the given answers) against the judge."""
    products = {p.sku: p for p in services.catalog.all()}
    if complements and not labels:
        raise CatalogError(complements, Problem("a complements file needs a labels file (--labels) "
                                                "that gives each product its kind"))
    judged = read_labels(labels, {s.lower(): s for s in products}) if labels else None
    pairs = read_complements(complements, {label.kind for label in judged.values()}) if complements else None
    judge = Judge(judged, pairs)
    quality = CatalogQuality(judge=str(labels) if labels else "the catalog's own fields",
                             complements=0 if pairs is not None else None)
    if answers is None:
        advisor = services.advisor()
        answers = [advisor.suggest(sku) for sku in products]
    for advice in answers:
        anchor = advice.anchor
        quality.products += 1
        if not anchor.available:
            continue
        quality.offerable += 1
        quality.with_cross_sell += bool(advice.cross_sell)
        quality.with_upsell += bool(advice.upsell)
        for s in advice.cross_sell:
            quality.cross_sells += 1
            if judge.complementary(anchor, s.product):
                quality.complements += 1
            if judge.substitute(anchor, s.product):
                if any(source in KEPT_SOURCES for source in s.sources):
                    quality.kept_by_evidence += 1
                else:
                    quality.substitutes += 1
                    quality.note("substitutes", f"{anchor.name} → {s.product.name}")
            if judge.audience_mismatch(anchor, s.product):
                quality.audience_mismatches += 1
                quality.note("audience_mismatches", f"{anchor.name} → {s.product.name}")
        for s in advice.upsell:
            quality.upsells += 1
            if judge.audience_mismatch(anchor, s.product):
                quality.audience_mismatches += 1
                quality.note("audience_mismatches", f"{anchor.name} ⇒ {s.product.name}")
            lost = judge.losses(anchor, s.product)
            if lost:
                quality.upsells_losing += 1
                quality.losing_by_design += bool(s.sources and s.sources[0] in ("family_tier", "curated"))
                quality.note("upsells_losing", f"{anchor.name} ⇒ {s.product.name}: worse on {', '.join(lost)}")
    return quality
