"""The weekly summary in words (Slack mrkdwn, which reads fine as plain text too)."""

from __future__ import annotations

from bot.advisor.money import money
from bot.reports.figures import DEFINITIONS, SMALL_SAMPLE, Figures, Rate
from bot.reports.weekly import WeeklyReport

TITLES = {
    "cross_sell_rate": "Deal-level cross-sell rate",
    "upsell_rate": "Deal-level upsell rate",
    "cross_sell_acceptance": "Cross-sell offer acceptance",
    "upsell_acceptance": "Upsell offer acceptance",
    "attach_rate": "Attach rate",
    "aov_uplift": "AOV uplift",
}
UNITS = {"cross_sell_rate": "deals", "upsell_rate": "deals", "cross_sell_acceptance": "offers",
         "upsell_acceptance": "offers", "attach_rate": "anchor units",
         "aov_uplift": "anchor revenue"}
EMPTY = {"cross_sell_rate": "no deals with a cross-sell presented",
         "upsell_rate": "no deals with an upsell presented",
         "cross_sell_acceptance": "no cross-sell offers presented",
         "upsell_acceptance": "no upsell offers presented",
         "attach_rate": "no anchor units", "aov_uplift": "no anchor revenue"}


def change(now: Rate, before: Rate) -> str:
    if now.value is None or before.value is None:
        return ""
    points = (now.value - before.value) * 100
    if abs(points) < 0.5:
        return " ＝ vs last week"
    rounded = round(abs(points))
    return f" {'▲' if points > 0 else '▼'} {rounded} pt{'s' if rounded != 1 else ''} vs last week"


def rate_line(name: str, now: Rate, before: Rate) -> str:
    title = f"*{TITLES[name]}*"
    if now.value is None:
        return f"{title}: {EMPTY[name]}"
    if name == "aov_uplift":
        amount = f"{money(now.numerator)} / {money(now.denominator)}"
    else:
        amount = f"{now.numerator:,.0f} / {now.denominator:,.0f} {UNITS[name]}"
    small = f" ⚠ small sample (n < {SMALL_SAMPLE})" if now.small else ""
    return f"{title}: {now.value:.0%} ({amount}){change(now, before)}{small}"


def summary_lines(report: WeeklyReport) -> list[str]:
    team, previous = report.team, report.previous
    who = f"<@{report.rep}>'s figures" if report.rep else "Team summary"
    lines = [f"*{who}, week {report.week.label}* ({report.timezone})"]
    if team.deals == 0:
        lines.append("No deals this week: nothing was logged, so there are no rates to show.")
        return lines
    lines.append(f"*Deals*: {team.deals:,} ({previous.deals:,} last week) · "
                 f"*add-on revenue* {money(team.addon_revenue)} "
                 f"({money(previous.addon_revenue)} last week)")
    now_rates, before_rates = team.rates, previous.rates
    lines += [rate_line(name, now_rates[name], before_rates[name]) for name in TITLES]
    lines.append(f"*Still open*: {team.open_offers:,} offers presented with no answer logged yet "
                 "(counted as presented, not as declined)")
    return lines


def table_lines(rows: dict[str, Figures], *, label: str, mention: bool = False) -> list[str]:
    lines = []
    for key, f in sorted(rows.items(), key=lambda kv: -kv[1].deals):
        name = f"<@{key}>" if mention else key
        cross, up = f.rates["cross_sell_rate"], f.rates["upsell_rate"]
        deals = f"{f.deals} deal{'s' if f.deals != 1 else ''}"
        lines.append(f"{name}: {deals} · cross-sell {_short(cross)} · upsell {_short(up)}"
                     f" · add-on {money(f.addon_revenue)}")
    return [f"*Per {label}*", *lines] if lines else []


def products_lines(report: WeeklyReport) -> list[str]:
    lines = []
    for title, items in (("Top accepted", report.top_accepted),
                         ("Most declined", report.most_declined)):
        if items:
            lines.append(f"*{title}*: " + ", ".join(
                f"{i['name']} ({i['count']}×)" for i in items[:5]))
    return lines


def definitions_line() -> str:
    return "Definitions: " + "; ".join(f"{TITLES[k]} = {v}" for k, v in DEFINITIONS.items())


def _short(rate: Rate) -> str:
    if rate.value is None:
        return "–"
    return f"{rate.value:.0%} (n={rate.denominator:,.0f}{', small' if rate.small else ''})"
