"""Parsing of single catalog cells. Each parser returns a value or raises ValueError(message).

The messages say what is wrong and how to write it instead; the importer adds file, row and column.
"""

from __future__ import annotations

import math
import re

from catalog.product import STATUSES

_CURRENCY = re.compile(r"^(?:€|\$|£|EUR|USD|GBP)\s*|\s*(?:€|\$|£|EUR|USD|GBP)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")


def text(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def price(value) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a price; write it like 899.00")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        raw = text(value)
        if raw is None:
            raise ValueError("empty; every product needs a price, like 899.00")
        cleaned = _CURRENCY.sub("", raw).replace(" ", "")
        if _THOUSANDS.match(cleaned):
            cleaned = cleaned.replace(",", "")
        elif _DECIMAL_COMMA.match(cleaned):
            raise ValueError(f"{raw!r} uses a decimal comma; write it with a point, like "
                             f"{cleaned.replace(',', '.')}")
        try:
            number = float(cleaned)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number; write it like 899.00") from None
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    if number < 0:
        raise ValueError(f"{value!r} is negative; prices must be 0 or more")
    return round(number, 2)


def whole(value, *, what: str, minimum: int | None = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    raw = value.strip() if isinstance(value, str) else value
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a whole number; {what}") from None
    if isinstance(raw, bool) or not number.is_integer():
        raise ValueError(f"{value!r} is not a whole number; {what}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{value!r} is below {minimum}; {what}")
    return int(number)


def rating(value) -> float | None:
    raw = text(value) if not isinstance(value, (int, float)) else value
    if raw is None:
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number; use a rating from 0 to 5, like 4.5") from None
    if not 0 <= number <= 5:
        raise ValueError(f"{value!r} is outside 0 to 5; use a rating from 0 to 5, like 4.5")
    return number


def status(value) -> str:
    raw = (text(value) or "active").lower()
    if raw not in STATUSES:
        raise ValueError(f"{value!r} is not a status; use 'active' or 'discontinued'")
    return raw


def currency(value) -> str:
    raw = (text(value) or "EUR").upper()
    if not re.fullmatch(r"[A-Z]{3}", raw):
        raise ValueError(f"{value!r} is not a currency code; use a 3-letter code like EUR")
    return raw


def items(value, *, separators: str) -> tuple[str, ...]:
    """A list cell: a JSON list, or text split on the given separators."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        parts = re.split(f"[{re.escape(separators)}]", str(value))
    return tuple(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def decimal_whole(value, *, what: str) -> int | None:
    """A count a platform may write as a decimal ("100.0000") or a negative (oversold): rounded down."""
    raw = text(value) if not isinstance(value, (int, float)) else value
    if raw is None:
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number; {what}") from None
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number; {what}")
    return math.floor(number)


def flag(value, *, what: str) -> bool | None:
    """A yes/no cell as platforms write it: 1/0, yes/no, true/false, y/n; None when empty."""
    raw = (text(value) or "").lower()
    if not raw:
        return None
    if raw in ("1", "yes", "true", "y", "on", "enabled"):
        return True
    if raw in ("0", "no", "false", "n", "off", "disabled"):
        return False
    raise ValueError(f"{value!r} is not yes or no; {what}")
