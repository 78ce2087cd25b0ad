"""Money and percentages as reps read them: €1,099 / € 1.099 / 1 099 kr / +12%, in the language in
force (bot/language/speech.py)."""

from __future__ import annotations

from bot.language.speech import money

__all__ = ["money", "percent_more"]


def percent_more(new: float, old: float) -> int | None:
    """How much more new costs than old, in whole percent (None when old is 0)."""
    return round((new - old) / old * 100) if old else None
