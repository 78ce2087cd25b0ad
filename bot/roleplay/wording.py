"""Role-play in words: the scenario card, the scorecard and results, as lines of Slack-style text,
in the language in force (the scenario's own text stays as the role-play library has it).

The CLI prints them (without the *bold* marks) and the Slack bot wraps them in blocks, so both
say the same thing. `esc` is applied to every catalog or user text (Slack passes its escaper).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.advisor.money import money
from bot.language.speech import N_, _, decimal, ngettext
from bot.roleplay.scenario import Scenario
from bot.roleplay.scoring import Scorecard

TEMPERAMENT = {"friendly": N_("friendly, open to advice"), "analytical": N_("analytical, checks every figure"),
               "hurried": N_("in a hurry, little patience"), "skeptical": N_("skeptical, hates being sold to")}
STATUS = {"accepted": N_("accepted"), "declined": N_("declined"), "open": N_("left open")}
ENDED = {"walked away": N_("the customer walked away"), "wrapped up": N_("the customer wrapped up")}
REASONS = {"too many at once": N_("too many at once"), "objection not answered": N_("objection not answered"),
           "does not fit the need": N_("does not fit the need"), "not compatible": N_("not compatible"),
           "over budget": N_("over budget")}  # why the customer declined (bot/roleplay/customer.py)
DIFFICULTY = {"easy": N_("easy"), "normal": N_("normal"), "hard": N_("hard")}
Escape = Callable[[str], str]


def _plain(text: str) -> str:
    return text


def scenario_lines(scenario: Scenario, esc: Escape = _plain) -> list[str]:
    anchor = scenario.anchor
    plan = len(scenario.objection_plan)
    temperament = scenario.temperament
    difficulty = _(DIFFICULTY.get(scenario.difficulty, scenario.difficulty))
    return [
        _("*Customer:* {customer}, {role} at {company}").format(
            customer=esc(scenario.customer), role=esc(scenario.role), company=esc(scenario.company)),
        _("*Temperament:* {temperament}").format(
            temperament=_(TEMPERAMENT[temperament]) if temperament in TEMPERAMENT else esc(temperament)),
        _("*Came to buy:* {quantity}× {product} (`{sku}`) at {price}").format(
            quantity=scenario.quantity, product=esc(anchor["name"]), sku=esc(anchor["sku"]),
            price=scenario.money(anchor["price"])),
        _("*Need:* {need}").format(need=esc(scenario.need)),
        _("*Budget:* {budget} per unit, all in").format(budget=scenario.money(scenario.budget)),
        _("*Your goal:* {goal}").format(goal=esc(scenario.goal)),
        "_" + ngettext("Difficulty {difficulty} · seed {seed} · up to {count} objection",
                       "Difficulty {difficulty} · seed {seed} · up to {count} objections", plan).format(
            difficulty=difficulty, seed=scenario.seed, count=plan) + "_",
    ]


def scorecard_lines(card: Scorecard, esc: Escape = _plain) -> list[str]:
    ended = ""
    if card.ended:
        ended = " · " + (_(ENDED[card.ended]) if card.ended in ENDED else
                         _("the customer {ended}").format(ended=card.ended))
    lines = [_("*Score: {score}/100*").format(score=card.score) + ended]
    for criterion in card.criteria.values():
        lines.append(f"• {_(criterion.label)}: *{criterion.points}/{criterion.max}*, {esc(criterion.note)}")
    if card.offers:
        lines.append(_("*What the customer did:* {offers}").format(offers="; ".join(
            f"{esc(o['name'])} {_(STATUS[o['status']]) if o['status'] in STATUS else o['status']}"
            + (f" ({_(REASONS[o['reason']]) if o['reason'] in REASONS else esc(o['reason'])})"
               if o.get("reason") else "") for o in card.offers)))
    return lines


def claims_lines(card: Scorecard, esc: Escape = _plain) -> list[str]:
    if not card.flagged_claims:
        return [_("*Claims:* every price and spec stated matches the catalog.")]
    return [_("*Claims that don't match the catalog:*")] + [
        "• " + _("“{claim}”: the catalog says *{actual}*").format(claim=esc(c["claim"]), actual=esc(c["actual"]))
        for c in card.flagged_claims]


def model_lines(card: Scorecard, esc: Escape = _plain) -> list[str]:
    lines = [_("*Model talking points for this scenario* (from the advisor):")]
    for pick in card.model_talking_points:
        kind = _("Upsell") if pick["kind"] == "upsell" else _("Cross-sell")
        lines.append(f"*{kind}: {esc(pick['name'])}* · {money(pick['price'])}")
        lines += [f"  • {esc(p)}" for p in pick["talking_points"]]
        lines.append("  " + _("_When:_ {when}").format(when=esc(pick["when"])))
        lines.append("  " + _("_Objection:_ {objection}").format(objection=esc(pick["objection"])))
    if len(lines) == 1:
        lines.append(_("_The advisor has nothing that fits this customer's budget: not offering was right._"))
    return lines


def results_lines(rows: list[dict], *, who: Callable[[str], str] = _plain) -> list[str]:
    """Per rep: sessions, average, first → latest score, and the last five sessions."""
    if not rows:
        return [_("No scored role-play sessions yet.")]
    lines = []
    by_rep: dict[str, list[dict]] = {}
    for row in rows:
        by_rep.setdefault(row["rep"] or "(nobody)", []).append(row)
    for rep, sessions in sorted(by_rep.items()):
        scores = [s["score"] for s in sessions]
        trend = f"{scores[0]} → {scores[-1]}" if len(scores) > 1 else f"{scores[0]}"
        lines.append(f"*{who(rep)}*: " + ngettext(
            "{count} session, average {average}/100, first → latest {trend}",
            "{count} sessions, average {average}/100, first → latest {trend}", len(sessions)).format(
            count=len(sessions), average=decimal(round(sum(scores) / len(scores))), trend=trend))
        for s in sessions[-5:]:
            difficulty = _(DIFFICULTY.get(s["difficulty"], s["difficulty"]))
            lines.append(f"  • {(s['at'] or '')[:10]} · {s['sku']} · {difficulty} · "
                         + _("seed {seed}").format(seed=s["seed"]) + f" · {s['score']}/100")
    return lines
