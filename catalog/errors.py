"""Named catalog errors: where the problem is (file, row, column) and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in an input file."""

    message: str
    row: int | None = None  # spreadsheet row (header = 1) or JSON item / line number
    column: str | None = None
    row_label: str = "row"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"{self.row_label} {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class CatalogError(Exception):
    """The input could not be imported. Nothing was written."""

    max_listed = 20

    def __init__(self, path: str, problems: list[Problem] | Problem):
        self.path = str(path)
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(self.render())

    def render(self) -> str:
        if len(self.problems) == 1:
            return f"{self.path}: {self.problems[0]}. Nothing was imported."
        lines = [f"{self.path}: {len(self.problems)} problems. Nothing was imported."]
        lines += [f"  - {p}" for p in self.problems[: self.max_listed]]
        if len(self.problems) > self.max_listed:
            lines.append(f"  ... and {len(self.problems) - self.max_listed} more")
        return "\n".join(lines)


class UnknownProduct(LookupError):
    """A SKU that is not in the catalog."""

    def __init__(self, sku: str, *, did_you_mean: list[str] | None = None):
        self.sku = sku
        self.did_you_mean = did_you_mean or []
        hint = f"; did you mean {', '.join(self.did_you_mean)}?" if self.did_you_mean else ""
        super().__init__(f"no product with SKU {sku!r} in the catalog{hint}")
