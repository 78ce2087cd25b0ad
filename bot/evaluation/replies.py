"""`salesbot eval replies`: does role-play read rep replies the way a person labelled them?

Each line of the file is one rep reply to one customer line of a scenario (`sku seed N
difficulty`) and its `customer_line` (the product that line names is the one under discussion,
as a live session knows it), labelled by someone who knows the catalog: the products it offers (upsell or
cross-sell), every price figure it states and whether that figure is true, and the objection
the customer line raised with whether the reply answers it. The reply is read exactly as in a
session, and compared:
- offers: precision and recall over (reply, product) pairs, and how many are classed as the
  labeller did (upsell or cross-sell);
- claims: true figures flagged as false (must be none), false figures caught, and whether each
  flag names the labelled product;
- objections: accuracy of "answered" on replies to a customer line that raised one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.roleplay.grammar import MONEY, PERCENT, figures
from bot.roleplay.session import Roleplay, play, scorecard
from catalog.errors import CatalogError, Problem

MONEY_KINDS = ("price", "difference", "percent", "total")
EXAMPLES = 8


@dataclass
class ReplyReport:
    replies: int = 0
    offers_labelled: int = 0
    offers_found: int = 0
    offers_right: int = 0  # found and labelled
    kind_right: int = 0  # of those, classed as the labeller did
    claims_true: int = 0
    true_flagged: int = 0  # true claims flagged as false: must be 0
    claims_false: int = 0
    false_caught: int = 0
    caught_named_right: int = 0  # of those caught, the flag names the labelled product
    spurious_flags: int = 0  # flags on a figure nobody labelled
    objections: int = 0
    objections_right: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, line: str) -> None:
        shown = self.examples.setdefault(kind, [])
        if len(shown) < EXAMPLES:
            shown.append(line)

    @property
    def figures(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0
        return {"offer_precision": share(self.offers_right, self.offers_found),
                "offer_recall": share(self.offers_right, self.offers_labelled),
                "offer_kind_accuracy": share(self.kind_right, self.offers_right),
                "false_caught_rate": share(self.false_caught, self.claims_false),
                "objection_accuracy": share(self.objections_right, self.objections)}

    def to_dict(self) -> dict:
        counts = {k: v for k, v in self.__dict__.items() if k != "examples"}
        return {**counts, **self.figures, "examples": self.examples}


def read_labelled(path: str | Path) -> list[dict]:
    return _json_lines(path, ("scenario", "reply", "offers", "claims"))


def _json_lines(path: str | Path, required: tuple[str, ...]) -> list[dict]:
    """One JSON object per line, each with the required keys; every bad line named at once."""
    path = Path(path)
    if not path.is_file():
        raise CatalogError(path, Problem("file not found; check the path"))
    records, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(f"not valid JSON ({e.msg}, column {e.colno})", row=number, row_label="line"))
            continue
        missing = [k for k in required if k not in record]
        if missing:
            problems.append(Problem(f"missing {', '.join(missing)}", row=number, row_label="line"))
            continue
        records.append(record)
    if problems:
        raise CatalogError(path, problems)
    return records


def _scenario_key(text: str) -> tuple[str, int, str]:
    sku, _, seed, difficulty = text.split()
    return sku, int(seed), difficulty


def evaluate_replies(roleplay: Roleplay, path: str | Path) -> ReplyReport:
    report = ReplyReport()
    scenarios = {}
    for record in read_labelled(path):
        key = _scenario_key(record["scenario"])
        if key not in scenarios:
            scenarios[key] = roleplay.scenario(sku=key[0], seed=key[1], difficulty=key[2])
        scenario = scenarios[key]
        # What the customer just talked about, as a session knows it: the product their line names.
        line = record.get("customer_line") or ""
        said = roleplay.reader.read(line, scenario)
        focus = next((sku for sku in said.mentioned if sku != scenario.anchor["sku"]), None)
        # what the line agreed to, as the session's state would hold it: the upgrade, or an add-on
        agreed = roleplay.library.acceptance(line) if focus else None
        heard = roleplay.reader.read(record["reply"], scenario, focus=focus, said_to=line,
                                     choice=focus if agreed == "upsell" else None,
                                     accepted=(focus,) if agreed == "cross_sell" else ())
        report.replies += 1
        _offers(report, record, heard)
        _claims(report, record, heard)
        kind = record.get("objection")
        if kind and record.get("answers_objection") is not None:
            report.objections += 1
            right = heard.answers(kind) == record["answers_objection"]
            report.objections_right += right
            if not right:
                report.note("objections", f"{record['id']}: {kind} {'not ' if record['answers_objection'] else ''}"
                                          f"answered, read the other way: {record['reply']}")
    return report


def _offers(report: ReplyReport, record: dict, heard) -> None:
    labelled = {o["sku"].lower(): o["kind"] for o in record["offers"]}
    found = {o.sku.lower(): o.relation for o in heard.offers}
    report.offers_labelled += len(labelled)
    report.offers_found += len(found)
    for sku, kind in labelled.items():
        if sku in found:
            report.offers_right += 1
            report.kind_right += found[sku] == kind
            if found[sku] != kind:
                report.note("offer_kind", f"{record['id']}: {sku} labelled {kind}, read as {found[sku]}")
        else:
            report.note("offers_missed", f"{record['id']}: {sku} in: {record['reply']}")
    for sku in found.keys() - labelled.keys():
        report.note("offers_extra", f"{record['id']}: {sku} in: {record['reply']}")


def _amount(claim) -> float | None:
    """The figure a claim states (a reading from before claims carried it: from its wording)."""
    if getattr(claim, "amount", None) is not None:
        return claim.amount
    match = MONEY.search(claim.claim) or PERCENT.search(claim.claim)
    if not match:
        return None
    figure = next((f for f in figures(match.group(0))), None)
    return figure.amount if figure else None


def _claims(report: ReplyReport, record: dict, heard) -> None:
    flags = [c for c in heard.claims if not c.true and c.kind in MONEY_KINDS and _amount(c) is not None]
    labelled = [c for c in record["claims"] if c.get("stated") is not None]
    matched = set()
    for claim in labelled:
        stated = float(claim["stated"])
        hits = [i for i, f in enumerate(flags) if abs(_amount(f) - stated) < 0.51]
        matched.update(hits)
        if claim["true"]:
            report.claims_true += 1
            if hits:
                report.true_flagged += 1
                report.note("true_flagged", f"{record['id']}: {flags[hits[0]].claim} — flagged, "
                                            f"but true: {record['reply']}")
        else:
            report.claims_false += 1
            if hits:
                report.false_caught += 1
                named = any(flags[i].sku.lower() == claim["sku"].lower() for i in hits)
                report.caught_named_right += named
                if not named:
                    report.note("caught_wrong_product", f"{record['id']}: {flags[hits[0]].claim} "
                                                        f"(labelled {claim['sku']})")
            else:
                report.note("false_missed", f"{record['id']}: {claim['stated']} for {claim['sku']} in: "
                                            f"{record['reply']}")
    for i, flag in enumerate(flags):
        if i not in matched:
            report.spurious_flags += 1
            report.note("spurious_flags", f"{record['id']}: {flag.claim}: {record['reply']}")


@dataclass
class ScriptPair:
    scenario: str
    good: int
    poor: int
    good_card: dict
    poor_card: dict

    @property
    def gap(self) -> int:
        return self.good - self.poor


def read_scripts(path: str | Path) -> list[dict]:
    return _json_lines(path, ("scenario", "good", "poor"))


def play_script(roleplay: Roleplay, scenario_key: str, replies: list[str], *, rep: str = "eval") -> dict:
    """A whole scripted session, as `salesbot roleplay --replies` plays it: the scorecard."""
    sku, seed, difficulty = _scenario_key(scenario_key)
    scenario = roleplay.scenario(sku=sku, seed=seed, difficulty=difficulty)
    return scorecard(play(roleplay, roleplay.start(scenario, rep=rep), replies)).to_dict()


def evaluate_scripts(roleplay: Roleplay, path: str | Path) -> list[ScriptPair]:
    pairs = []
    for record in read_scripts(path):
        good = play_script(roleplay, record["scenario"], record["good"])
        poor = play_script(roleplay, record["scenario"], record["poor"])
        pairs.append(ScriptPair(record["scenario"], good["score"], poor["score"], good, poor))
    return pairs
