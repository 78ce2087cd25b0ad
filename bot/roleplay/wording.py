"""Role-play in words: the scenario card, the scorecard and results, as lines of Slack-style text.

The CLI prints them (without the *bold* marks) and the Slack bot wraps them in blocks, so both
say the same thing. `esc` is applied to every catalog or user text (Slack passes its escaper).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.advisor.money import money
from bot.roleplay.scenario import Scenario
from bot.roleplay.scoring import Scorecard

TEMPERAMENT = {"friendly": "friendly, open to advice", "analytical": "analytical, checks every figure",
               "hurried": "in a hurry, little patience", "skeptical": "skeptical, hates being sold to"}
STATUS = {"accepted": "accepted", "declined": "declined", "open": "left open"}
Escape = Callable[[str], str]


def _plain(text: str) -> str:
    return text


def scenario_lines(scenario: Scenario, esc: Escape = _plain) -> list[str]:
    anchor = scenario.anchor
    plan = len(scenario.objection_plan)
    return [
        f"*Customer:* {esc(scenario.customer)}, {esc(scenario.role)} at {esc(scenario.company)}",
        f"*Temperament:* {TEMPERAMENT.get(scenario.temperament, esc(scenario.temperament))}",
        f"*Came to buy:* {scenario.quantity}× {esc(anchor['name'])} (`{esc(anchor['sku'])}`) at "
        f"{scenario.money(anchor['price'])}",
        f"*Need:* {esc(scenario.need)}",
        f"*Budget:* {scenario.money(scenario.budget)} per unit, all in",
        f"*Your goal:* {esc(scenario.goal)}",
        f"_Difficulty {scenario.difficulty} · seed {scenario.seed} · up to {plan} "
        f"objection{'s' if plan != 1 else ''}_",
    ]


def scorecard_lines(card: Scorecard, esc: Escape = _plain) -> list[str]:
    lines = [f"*Score: {card.score}/100*" + (f" · the customer {card.ended}" if card.ended else "")]
    for criterion in card.criteria.values():
        lines.append(f"• {criterion.label}: *{criterion.points}/{criterion.max}*, {esc(criterion.note)}")
    if card.offers:
        lines.append("*What the customer did:* " + "; ".join(
            f"{esc(o['name'])} {STATUS.get(o['status'], o['status'])}"
            + (f" ({esc(o['reason'])})" if o.get("reason") else "") for o in card.offers))
    return lines


def claims_lines(card: Scorecard, esc: Escape = _plain) -> list[str]:
    if not card.flagged_claims:
        return ["*Claims:* every price and spec stated matches the catalog."]
    return ["*Claims that don't match the catalog:*"] + [
        f"• “{esc(c['claim'])}”: the catalog says *{esc(c['actual'])}*" for c in card.flagged_claims]


def model_lines(card: Scorecard, esc: Escape = _plain) -> list[str]:
    lines = ["*Model talking points for this scenario* (from the advisor):"]
    for pick in card.model_talking_points:
        kind = "Upsell" if pick["kind"] == "upsell" else "Cross-sell"
        lines.append(f"*{kind}: {esc(pick['name'])}* · {money(pick['price'])}")
        lines += [f"  • {esc(p)}" for p in pick["talking_points"]]
        lines.append(f"  _When:_ {esc(pick['when'])}")
        lines.append(f"  _Objection:_ {esc(pick['objection'])}")
    if len(lines) == 1:
        lines.append("_The advisor has nothing that fits this customer's budget: not offering was right._")
    return lines


def results_lines(rows: list[dict], *, who: Callable[[str], str] = _plain) -> list[str]:
    """Per rep: sessions, average, first → latest score, and the last five sessions."""
    if not rows:
        return ["No scored role-play sessions yet."]
    lines = []
    by_rep: dict[str, list[dict]] = {}
    for row in rows:
        by_rep.setdefault(row["rep"] or "(nobody)", []).append(row)
    for rep, sessions in sorted(by_rep.items()):
        scores = [s["score"] for s in sessions]
        trend = f"{scores[0]} → {scores[-1]}" if len(scores) > 1 else f"{scores[0]}"
        lines.append(f"*{who(rep)}*: {len(sessions)} session{'s' if len(sessions) != 1 else ''}, "
                     f"average {sum(scores) / len(scores):.0f}/100, first → latest {trend}")
        for s in sessions[-5:]:
            lines.append(f"  • {(s['at'] or '')[:10]} · {s['sku']} · {s['difficulty']} · seed {s['seed']} · "
                         f"{s['score']}/100")
    return lines
