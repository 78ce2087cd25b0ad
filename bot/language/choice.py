"""Which language a rep works in: their own choice, else their Slack locale, else the question's
words, else SALESBOT_LANGUAGE.

The choice and the Slack locale are stored per user (table `rep_languages`), the locale with the
time it was read so that `users.info` is asked at most once a day per rep. Nothing here knows
Slack: the locale is handed in by whoever can read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot import language as languages
from bot.language.speech import N_, _
from catalog.migrations import migrate

LOCALE_KEPT = timedelta(days=1)
# Slack and CLDR locales whose language has another code than ours: Norwegian bokmål and nynorsk.
_ALIASES = {"nb": "no", "nn": "no"}
WHY = {"chosen": N_("chosen by the rep"), "locale": N_("their Slack language"), "question": N_("the question's words"),
       "default": "SALESBOT_LANGUAGE"}  # said with _()


def _m001_rep_languages(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE rep_languages (
            "user" TEXT PRIMARY KEY,
            chosen TEXT,
            locale TEXT,
            locale_read_at TEXT
        )""")


MIGRATIONS = [(1, "rep_languages", _m001_rep_languages)]


def from_locale(locale: str | None) -> str | None:
    """"nl-NL" -> "nl", "nb-NO" -> "no"; None for a language we have no file for ("de-DE")."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-")[0].lower()
    code = _ALIASES.get(code, code)
    return code if code in languages.codes() else None


def parse_code(raw: str) -> str | None:
    """A rep's "nl", "NL", "nederlands", "svenska", "norsk", "nb": our code; "auto" is None (no choice)."""
    word = raw.strip().lower()
    if word in {"auto", "automatic", "default", "reset"}:
        return None
    for code, lang in languages.languages().items():
        if word in {code, lang.name.lower(), languages.fold(lang.name)}:
            return code
    code = from_locale(word)
    if code is None:
        raise ValueError(_("{raw} is not a language salesbot speaks: use one of {codes}, or auto").format(
            raw=repr(raw), codes=", ".join(sorted(languages.codes()))))
    return code


@dataclass(frozen=True)
class Choice:
    code: str  # the language to answer in
    why: str  # chosen | locale | question | default
    reading: str | None = None  # the language to read the question in: its own words first, then the rep's


class RepLanguages:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        migrate(db, MIGRATIONS, scope="languages")

    def _row(self, user: str) -> dict:
        rows = list(self.db.query('SELECT * FROM rep_languages WHERE "user" = ?', [user]))
        return rows[0] if rows else {}

    def choose(self, user: str, code: str | None) -> None:
        """The rep's own choice; None goes back to automatic."""
        with self.db.writing() as db:
            db.execute('INSERT INTO rep_languages ("user", chosen) VALUES (?, ?) '
                       'ON CONFLICT ("user") DO UPDATE SET chosen = excluded.chosen', [user, code])

    def chosen(self, user: str) -> str | None:
        return self._row(user).get("chosen")

    def remember_locale(self, user: str, locale: str | None, *, at: datetime | None = None) -> None:
        at = (at or datetime.now(UTC)).isoformat()
        with self.db.writing() as db:
            db.execute('INSERT INTO rep_languages ("user", locale, locale_read_at) VALUES (?, ?, ?) '
                       'ON CONFLICT ("user") DO UPDATE SET locale = excluded.locale, '
                       "locale_read_at = excluded.locale_read_at", [user, locale or "", at])

    @staticmethod
    def _known_locale(row: dict) -> tuple[bool, str | None]:
        """(read within the day, the locale then); ("", not set in Slack) counts as read."""
        if not row.get("locale_read_at"):
            return False, None
        fresh = datetime.fromisoformat(row["locale_read_at"]) > datetime.now(UTC) - LOCALE_KEPT
        return fresh, row["locale"] or None

    def resolve(self, user: str | None, text: str, *, default: str,
                read_locale: Callable[[str], str | None] | None = None) -> Choice:
        """read_locale(user): the Slack locale, asked only when the stored one is older than a day. A question
        is read in the language its words are in (reps write Dutch with an en-US Slack), else the rep's."""
        detected = languages.detect(text) if text else None
        if user:
            row = self._row(user)  # one read per question: the choice and the stored locale
            code = row.get("chosen")
            if code in languages.codes():
                return Choice(code, "chosen", detected or code)
            fresh, locale = self._known_locale(row)
            if not fresh and read_locale is not None:
                locale = read_locale(user)
                self.remember_locale(user, locale)
            code = from_locale(locale)
            if code:
                return Choice(code, "locale", detected or code)
        if detected:
            return Choice(detected, "question", detected)
        return Choice(default, "default", None)
