"""Read a catalog file (CSV, JSON list, JSON Lines) into numbered raw rows.

Only the shape of the file is checked here; the values are checked by the importer.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import CatalogError, Problem

FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass
class RawRows:
    columns: list[str]  # lower-cased
    rows: list[tuple[int, dict]]  # (row number as the user sees it, values by lower-cased column)
    row_label: str
    names: dict[str, str] = field(default_factory=dict)  # lower-cased column -> as the file writes it

    def __post_init__(self):
        for column in self.columns:
            self.names.setdefault(column, column)


def read_rows(path: str | Path, *, noun: str = "product",
              header: str = "sku,name,price,...") -> RawRows:
    """The file's rows; `noun` and `header` only word the messages (orders use them too)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CatalogError(path, Problem(
            f"unsupported file type {path.suffix or '(none)'!r}; use .csv, .tsv, .json, .jsonl or .xml"))
    if not path.is_file():
        raise CatalogError(path, Problem("file not found; check the path"))
    text = decode(path)
    if not text.strip():
        raise CatalogError(path, Problem(
            f"the file is empty; expected a header row ({header}) and at least one {noun}"
            if fmt == "csv" else f"the file is empty; expected a list of {noun}s"))
    rows = {"csv": _csv_rows, "json": _json_rows, "jsonl": _jsonl_rows}[fmt](path, text, noun)
    if not rows.rows:
        raise CatalogError(path, Problem(f"the file has no {noun}s; add at least one"))
    return rows


def decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CatalogError(path, Problem(
            f"byte 0x{data[e.start]:02x} is not valid UTF-8; save the file as UTF-8 and import again",
            row=line, row_label="line")) from None


def _csv_rows(path: Path, text: str, noun: str) -> RawRows:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    normalized = [h.lower() for h in header]
    problems = [Problem(f"column {h!r} appears more than once; keep one", row=1)
                for i, h in enumerate(normalized) if h and h in normalized[:i]]
    if "" in normalized:
        problems.append(Problem(f"column {normalized.index('') + 1} has no name; name it or delete it",
                                row=1))
    if problems:
        raise CatalogError(path, problems)
    rows, problems = [], []
    for values in reader:
        number = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            problems.append(Problem(
                f"{len(values)} values but the header has {len(header)} columns; "
                "quote values that contain the delimiter", row=number))
            continue
        rows.append((number, dict(zip(normalized, values, strict=False))))
    if problems:
        raise CatalogError(path, problems)
    return RawRows(normalized, rows, "row", dict(zip(normalized, header, strict=True)))


def _json_rows(path: Path, text: str, noun: str) -> RawRows:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CatalogError(path, Problem(f"not valid JSON ({e.msg}, column {e.colno})",
                                         row=e.lineno, row_label="line")) from None
    if isinstance(data, dict) and isinstance(data.get(f"{noun}s"), list):
        data = data[f"{noun}s"]
    if not isinstance(data, list):
        raise CatalogError(path, Problem(
            f"expected a list of {noun} objects, found a JSON {type(data).__name__}"))
    return _objects(path, list(enumerate(data, start=1)), "item", noun)


def _jsonl_rows(path: Path, text: str, noun: str) -> RawRows:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line)))
        except json.JSONDecodeError as e:
            raise CatalogError(path, Problem(f"not valid JSON ({e.msg}, column {e.colno})",
                                             row=number, row_label="line")) from None
    return _objects(path, items, "line", noun)


def _objects(path: Path, items: list[tuple[int, object]], label: str, noun: str) -> RawRows:
    problems = [Problem(f"expected a {noun} object, found {type(item).__name__}",
                        row=n, row_label=label) for n, item in items if not isinstance(item, dict)]
    if problems:
        raise CatalogError(path, problems)
    rows = [(n, {str(k).strip().lower(): v for k, v in item.items()}) for n, item in items]
    columns = list(dict.fromkeys(k for _, row in rows for k in row))
    return RawRows(columns, rows, label)
