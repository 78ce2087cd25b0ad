"""Money and percentages as reps read them: €1,099 / €29.90 / +12%."""

from __future__ import annotations

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def money(amount: float, currency: str = "EUR") -> str:
    text = f"{amount:,.0f}" if round(amount, 2) == round(amount) else f"{amount:,.2f}"
    symbol = SYMBOLS.get(currency.upper())
    return f"{symbol}{text}" if symbol else f"{text} {currency.upper()}"


def percent_more(new: float, old: float) -> int | None:
    """How much more new costs than old, in whole percent (None when old is 0)."""
    return round((new - old) / old * 100) if old else None
