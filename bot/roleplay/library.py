"""The personas, objections and customer lines that ship as data (bot/roleplay/data/*.json).

A trainer's team extends them by editing the JSON files. They are checked on load, and a mistake
is reported with the file, the entry and the field, e.g.
`personas.json: personas[2] ("it-lead"), field temperament: "grumpy" is not one of ...`.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
TEMPERAMENTS = ("friendly", "analytical", "hurried", "skeptical")
KINDS = ("price", "need", "timing", "competitor", "boss")
OFFER_KINDS = ("upsell", "cross_sell")
SITUATIONS = ("opening", "probe", "accept_upsell", "accept_cross", "handled", "decline_budget",
              "decline_unconvinced", "irrelevant", "incompatible", "wrong_price", "too_many",
              "pressure", "walk_away", "late_upsell", "unanswered", "decision", "idle", "already",
              "wrap")
PLACEHOLDERS = frozenset("""name company role anchor anchor_price offer offer_price offer_kind delta
budget quantity need need_for need_short need_short_cap competitor competitor_price boss boss_cap
claimed actual choice fits order repeat""".split())


class RoleplayDataError(ValueError):
    """A persona, objection or line file cannot be used. Says where and what to fix."""

    def __init__(self, path: Path | str, where: str, problem: str):
        self.path, self.where, self.problem = Path(path), where, problem
        location = f"{self.path.name}: {where}: " if where else f"{self.path.name}: "
        super().__init__(f"{location}{problem} (file {self.path})")


@dataclass(frozen=True)
class Persona:
    id: str
    role: str
    names: tuple[str, ...]
    companies: tuple[str, ...]
    temperament: str
    team: tuple[int, int]
    boss: str
    priorities: tuple[str, ...]
    objection_weights: dict[str, float]
    lines: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Objection:
    id: str
    kind: str
    on: tuple[str, ...]
    lines: tuple[str, ...]
    repeat: str
    keywords: tuple[str, ...]
    answers: tuple[str, ...]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Library:
    personas: tuple[Persona, ...]
    objections: tuple[Objection, ...]
    reactions: dict[str, tuple[str, ...]]
    pressure_phrases: tuple[str, ...]

    def persona(self, persona_id: str) -> Persona:
        return next(p for p in self.personas if p.id == persona_id)

    def objection(self, objection_id: str) -> Objection:
        return next(o for o in self.objections if o.id == objection_id)

    def lines(self, persona: Persona, situation: str) -> tuple[str, ...]:
        """The persona's own lines for a situation first, then the shared ones."""
        return persona.lines.get(situation, ()) + self.reactions[situation]

    def acceptance(self, line: str) -> str | None:
        """Which kind of offer one of our customer lines accepts ("upsell" or "cross_sell"), if it
        accepts one: how a labelled reply's customer line tells what the session had agreed."""
        for relation, pattern in self._acceptances.items():
            if pattern.search(line):
                return relation
        return None

    @cached_property
    def _acceptances(self) -> dict[str, re.Pattern]:
        situations = {"upsell": "accept_upsell", "cross_sell": "accept_cross"}
        patterns = {}
        for relation, situation in situations.items():
            lines = {t for p in self.personas for t in p.lines.get(situation, ())} | set(self.reactions[situation])
            alternatives = sorted(re.sub(r"\\\{\w+\\\}", ".+?", re.escape(t)) for t in lines)
            patterns[relation] = re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)
        return patterns


class _Checker:
    """Reads one file and checks its entries, naming the file, entry and field on any problem."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str):
        raise RoleplayDataError(self.path, where, problem)

    def load(self, top: str) -> object:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.fail("", "the file is missing")
        except json.JSONDecodeError as e:
            self.fail(f"line {e.lineno}, column {e.colno}", f"not valid JSON ({e.msg})")
        if not isinstance(data, dict) or top not in data:
            self.fail("", f'expected an object with a "{top}" key')
        return data

    def text(self, item: dict, key: str, where: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}, field {key}", "must be a non-empty text")
        return value

    def texts(self, item: dict, key: str, where: str, *, lines: bool = False,
              required: bool = True) -> tuple[str, ...]:
        value = item.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value) or \
                not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"{where}, field {key}", "must be a non-empty list of texts")
        if lines:
            for number, line in enumerate(value):
                self.placeholders(line, f"{where}, field {key}[{number}]")
        return tuple(value)

    def placeholders(self, line: str, where: str) -> None:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(line) if name is not None}
        except ValueError as e:
            self.fail(where, f"broken {{placeholder}} ({e}) in {line!r}")
        unknown = sorted(names - PLACEHOLDERS)
        if unknown:
            self.fail(where, f"unknown placeholder {{{unknown[0]}}} in {line!r}; known: "
                             + ", ".join(sorted(PLACEHOLDERS)))

    def one_of(self, item: dict, key: str, where: str, allowed: tuple[str, ...]) -> str:
        value = item.get(key)
        if value not in allowed:
            self.fail(f"{where}, field {key}", f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def situations(self, lines: object, where: str, *, complete: bool) -> dict[str, tuple[str, ...]]:
        if not isinstance(lines, dict):
            self.fail(where, "must be an object of situation -> list of lines")
        unknown = sorted(set(lines) - set(SITUATIONS))
        if unknown:
            self.fail(f"{where}, situation {unknown[0]}",
                      f"unknown situation; use one of {', '.join(SITUATIONS)}")
        missing = [s for s in SITUATIONS if s not in lines] if complete else []
        if missing:
            self.fail(where, f"situation {missing[0]} has no lines")
        return {s: self.texts(lines, s, f"{where}", lines=True) for s in lines}


def _persona(check: _Checker, item: object, where: str) -> Persona:
    if not isinstance(item, dict):
        check.fail(where, "must be an object")
    team = item.get("team")
    if not (isinstance(team, list) and len(team) == 2 and all(isinstance(n, int) for n in team)
            and 1 <= team[0] <= team[1]):
        check.fail(f"{where}, field team", "must be [smallest, largest] whole numbers of units, "
                                           "like [4, 15]")
    weights = item.get("objection_weights")
    if not isinstance(weights, dict) or not weights or any(
            k not in KINDS or not isinstance(v, int | float) or v < 0 for k, v in weights.items()):
        check.fail(f"{where}, field objection_weights",
                   f"must map objection kinds ({', '.join(KINDS)}) to weights of 0 or more")
    return Persona(
        id=check.text(item, "id", where), role=check.text(item, "role", where),
        names=check.texts(item, "names", where), companies=check.texts(item, "companies", where),
        temperament=check.one_of(item, "temperament", where, TEMPERAMENTS),
        team=(team[0], team[1]), boss=check.text(item, "boss", where),
        priorities=check.texts(item, "priorities", where, required=False),
        objection_weights={k: float(v) for k, v in weights.items()},
        lines=check.situations(item.get("lines", {}), f"{where}, field lines", complete=False),
    )


def _objection(check: _Checker, item: object, where: str) -> Objection:
    if not isinstance(item, dict):
        check.fail(where, "must be an object")
    on = check.texts(item, "on", where)
    if not set(on) <= set(OFFER_KINDS):
        check.fail(f"{where}, field on", f"must list offer kinds from {', '.join(OFFER_KINDS)}")
    repeat = check.text(item, "repeat", where)
    check.placeholders(repeat, f"{where}, field repeat")
    return Objection(
        id=check.text(item, "id", where), kind=check.one_of(item, "kind", where, KINDS), on=on,
        lines=check.texts(item, "lines", where, lines=True), repeat=repeat,
        keywords=tuple(k.lower() for k in check.texts(item, "keywords", where)),
        answers=check.texts(item, "answers", where),
        needs=check.texts(item, "needs", where, required=False),
    )


def _entries(check: _Checker, data: dict, top: str, build) -> tuple:
    items = data[top]
    if not isinstance(items, list) or not items:
        check.fail(top, "must be a non-empty list")
    built, seen = [], set()
    for number, item in enumerate(items):
        label = item.get("id") if isinstance(item, dict) else None
        where = f'{top}[{number}]' + (f' ("{label}")' if isinstance(label, str) else "")
        entry = build(check, item, where)
        if entry.id in seen:
            check.fail(f"{where}, field id", f"{entry.id!r} is used twice; ids must be unique")
        seen.add(entry.id)
        built.append(entry)
    return tuple(built)


def load_library(folder: Path | str | None = None) -> Library:
    """Read and check personas.json, objections.json and reactions.json from a folder."""
    if folder is None:
        return _default_library()
    folder = Path(folder)
    personas_file = _Checker(folder / "personas.json")
    personas = _entries(personas_file, personas_file.load("personas"), "personas", _persona)
    objections_file = _Checker(folder / "objections.json")
    objections = _entries(objections_file, objections_file.load("objections"), "objections",
                          _objection)
    kinds = {o.kind for o in objections}
    for kind in KINDS:
        if kind not in kinds:
            objections_file.fail("objections", f"no objection of kind {kind!r}; each kind needs one")
    reactions_file = _Checker(folder / "reactions.json")
    data = reactions_file.load("reactions")
    reactions = reactions_file.situations(data["reactions"], "reactions", complete=True)
    pressure = reactions_file.texts(data, "pressure_phrases", "pressure_phrases")
    return Library(personas=personas, objections=objections, reactions=reactions,
                   pressure_phrases=tuple(p.lower() for p in pressure))


@lru_cache(maxsize=1)
def _default_library() -> Library:
    return load_library(DATA_DIR)
