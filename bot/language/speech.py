"""Speaking the rep's language: every sentence the bot says goes through gettext, money and
numbers through Babel, in the language in force.

The messages live in gettext catalogs, the Python convention: `bot/locales/salesbot.pot` is
extracted from the code (`make messages`), and `bot/locales/<code>/LC_MESSAGES/salesbot.po`
translates it. The catalogs are read with Babel straight from the .po files, so there is no
compiled file to forget. English is the source language and needs no catalog; a language with
a .toml file but no catalog yet speaks English.

The language in force is held in a context variable, as Django's `translation.override` does:
an entry point (a Slack request, a CLI command) says `with speaking("nl"):` and everything said
inside, on that thread or task, is Dutch. A sentence defined at import is marked `N_("…")` for
the extractor and translated where it is used, `_(TITLES[name])`, the classic gettext way.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, format_decimal, format_percent, get_currency_symbol, parse_pattern

from bot import language as languages

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "salesbot"
_current: ContextVar[str] = ContextVar("salesbot_speaking", default=languages.DEFAULT)


def catalog_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(code: str) -> _gettext.NullTranslations:
    """The language's messages; English (and a language without a catalog) says the source text."""
    path = catalog_path(code)
    if code == languages.DEFAULT or not path.exists():
        return _gettext.NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=languages.get(code).locale, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def current() -> str:
    """The code of the language in force ("en" unless someone said otherwise)."""
    return _current.get()


@contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Say everything inside in this language (None or an unknown code: the default)."""
    chosen = code if code in languages.codes() else languages.DEFAULT
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def _(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "marked, translated later")
    """Marks a sentence for the extractor; `_()` translates it where it is said."""
    return message


def locale() -> Locale:
    return _locale(languages.get(current()).locale)


@functools.cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def number(value: float, digits: int = 0) -> str:
    """12,345 / 12.345 / 12 345, as the language writes it."""
    return format_decimal(round(value, digits), format=f"#,##0{'.' + '0' * digits if digits else ''}",
                          locale=locale())


def decimal(value: float) -> str:
    """4.5 / 4,5: a figure with the decimals it has (up to three)."""
    return format_decimal(value, locale=locale())


def percent(value: float) -> str:
    """A share (0.12) as 12% / 12 %."""
    return format_percent(value, locale=locale())


@functools.cache
def _figures(whole: bool) -> NumberPattern:
    return parse_pattern("#,##0" if whole else "#,##0.00")


@functools.cache
def _money_form(name: str, currency: str) -> str:
    """The language's way of writing this currency, "{}" for the figure: "€{}", "€ {}", "{} kr",
    "{} CHF" (a currency it has no sign for)."""
    loc = _locale(name)
    symbol = get_currency_symbol(currency, locale=loc)
    if symbol == currency:
        return "{}\u00a0" + currency  # a no-break space, as the language's own signs have
    pattern = loc.currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace("#,##0.00", "{}").replace("¤", symbol)


def money(amount: float, currency: str = "EUR") -> str:
    """€1,099 / € 1.099 / 1 099 kr, and the cents only when there are any (€29.90). A currency the
    language has no sign for is written after the figure ("1,099 CHF")."""
    loc = locale()
    whole = round(amount, 2) == round(amount)
    figure = _figures(whole).apply(abs(amount), loc)
    sign = "-" if round(amount, 2) < 0 else ""
    return sign + _money_form(str(loc), currency.upper()).format(figure)
