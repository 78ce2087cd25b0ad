"""The languages reps ask in: one TOML file each (en.toml, nl.toml, ...), found at import.

A file holds the words a question is read with: quantity units and verbs, numbers as words,
budget and per-unit phrases, "only upgrades" / "only accessories", currency words, the words
that tell the language apart, and a glossary from local product kinds to the English words a
catalog uses. The lists are regular-expression fragments. Adding Danish or German means adding
da.toml or de.toml; no code names a language.

Reps type without their keyboard's accents ("kjoper", "barbara"), so the text and the patterns
are both folded (ø → o, ä → a, ...) before matching; folding keeps every character in place, so
a match's span is the same in the original text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = "en"
_FOLD = str.maketrans({c: base for base, chars in {"a": "äæåáàâã", "o": "öøóòôõ", "e": "éèêë", "u": "üúùû",
                                                  "i": "íìïî", "c": "ç", "n": "ñ"}.items() for c in chars})
# Letters that point to one language when a rep does type them.
_LETTERS = {"ä": "sv", "ö": "sv", "æ": "no", "ø": "no", "ij": "nl"}


def fold(text: str) -> str:
    """Lower case without accents, the same length as the text."""
    return text.lower().translate(_FOLD)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    locale: str
    detect: tuple[str, ...]
    pieces: tuple[str, ...]
    units: tuple[str, ...]
    quantity_verbs: tuple[str, ...]
    numbers: dict[str, int]
    budget_before: tuple[str, ...]
    budget_after: tuple[str, ...]
    per_unit: tuple[str, ...]
    total: tuple[str, ...]
    upsell_only: tuple[str, ...]
    cross_only: tuple[str, ...]
    for_target: tuple[str, ...]
    currencies: dict[str, str]
    glossary: dict[str, str]
    stopwords: frozenset[str] = frozenset()  # words that say nothing about the product ("klant", "som", "og")
    count_before: tuple[str, ...] = ()  # right before a count: "qty 18", "team of 9"
    measures: tuple[str, ...] = ()  # "3 year warranty": after a number, not a count
    capacity: tuple[str, ...] = ()  # "up to 8 people": a count of what the product is for
    budget_around: tuple[str, ...] = ()  # "around €900", "rond de €230": a budget when a currency is said
    replies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role-play grammar words, by role

    @classmethod
    def load(cls, path: Path) -> Language:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        lists = {k: tuple(fold(p) for p in v) for k, v in data.items() if isinstance(v, list)}
        lists.setdefault("for_target", ())
        stopwords = frozenset(lists.pop("stopwords", ()))
        return cls(code=data["code"], name=data["name"], locale=data["locale"], **lists, stopwords=stopwords,
                   numbers={fold(k): int(v) for k, v in data.get("numbers", {}).items()},
                   currencies={fold(k): v for k, v in data.get("currencies", {}).items()},
                   glossary={fold(k): v for k, v in data.get("glossary", {}).items()},
                   replies={k: tuple(v) for k, v in data.get("replies", {}).items()})

    @functools.cached_property
    def _detector(self) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + "|".join(self.detect) + r")(?!\w)")

    def hits(self, folded: str) -> int:
        return len(self._detector.findall(folded))


@functools.cache
def languages() -> dict[str, Language]:
    found = {}
    for path in sorted(HERE.glob("*.toml")):
        language = Language.load(path)
        found[language.code] = language
    return found


@functools.cache
def reply_fragments(role: str) -> tuple[str, ...]:
    """The fragments every language gives for one role of a reply's grammar ("than", "more", ...),
    accents kept and also folded where that makes no short English word ("jämfört" and "jamfort",
    but "än" never as "an")."""
    fragments = []
    for language in languages().values():
        for fragment in language.replies.get(role, ()):
            folded = fold(fragment)
            fragments += [fragment] + ([folded] if folded != fragment.lower() and len(folded) >= 4 else [])
    return tuple(dict.fromkeys(fragments))


def reply_words(role: str) -> str:
    """reply_fragments(role) as one alternation; "" when no language gives any."""
    return "|".join(reply_fragments(role))


def also(role: str) -> str:
    """reply_words(role) ready to join an English alternation: "|dan|än|enn", or ""."""
    words = reply_words(role)
    return f"|{words}" if words else ""


@functools.cache
def _glossaries() -> tuple[tuple[re.Pattern, str], ...]:
    # a definite or plural ending may follow ("ryggsäcken", "sekken", "rugzakken"); a key as short as
    # "år" is left out, since folded it is "är" too
    return tuple((re.compile(rf"(?<!\w)(?:{k})(?:en|et|n|na|ne|ene|arna)?(?!\w)"), v)
                 for language in languages().values() if language.code != DEFAULT
                 for k, v in language.glossary.items() if len(re.sub(r"\W", "", k)) > 2)


def in_english(text: str) -> str:
    """The text folded, with every language's product kinds put in the English words a catalog
    uses ("de rugzak" -> "de backpack"): how a reply in any language names a kind of product."""
    folded = fold(text)
    found = sorted(((m.start(), -len(m.group(0)), english) for pattern, english in _glossaries()
                    for m in pattern.finditer(folded)))
    out, at = [], 0
    for start, length, english in found:  # one pass: what one glossary wrote, no other rewrites
        if start < at:
            continue
        end = start - length
        said = folded[start:end]
        out += [folded[at:start], said if said in english.split() else english]  # "adapter" stays "adapter"
        at = end
    return "".join(out) + folded[at:]


def codes() -> tuple[str, ...]:
    return tuple(languages())


def get(code: str | None) -> Language:
    return languages().get((code or DEFAULT).lower()) or languages()[DEFAULT]


def detect(text: str) -> str | None:
    """The language a question is written in, from its words; None when nothing tells."""
    lowered = text.lower()
    folded = fold(text)
    scores = {code: language.hits(folded) for code, language in languages().items()}
    for letters, code in _LETTERS.items():
        if letters in lowered and code in scores:
            scores[code] += 2
    best = max(scores, key=lambda c: (scores[c], c == DEFAULT))
    if scores[best] == 0:
        return None
    if sum(1 for s in scores.values() if s == scores[best]) > 1 and scores.get(DEFAULT) == scores[best]:
        return DEFAULT
    return best
