"""The weekly summary in words (Slack mrkdwn, which reads fine as plain text too), in the language in force."""

from __future__ import annotations

from bot.advisor.money import money
from bot.language.speech import N_, _, ngettext, number, percent
from bot.reports.figures import DEFINITIONS, SMALL_SAMPLE, Figures, Rate
from bot.reports.weekly import WeeklyReport

# Marked for translation, said with _() (TITLES stay English in the JSON report).
TITLES = {
    "cross_sell_rate": N_("Deal-level cross-sell rate"),
    "upsell_rate": N_("Deal-level upsell rate"),
    "cross_sell_acceptance": N_("Cross-sell offer acceptance"),
    "upsell_acceptance": N_("Upsell offer acceptance"),
    "attach_rate": N_("Attach rate"),
    "aov_uplift": N_("AOV uplift"),
}
UNITS = {"cross_sell_rate": N_("deals"), "upsell_rate": N_("deals"), "cross_sell_acceptance": N_("offers"),
         "upsell_acceptance": N_("offers"), "attach_rate": N_("anchor units"),
         "aov_uplift": N_("anchor revenue")}
EMPTY = {"cross_sell_rate": N_("no deals with a cross-sell presented"),
         "upsell_rate": N_("no deals with an upsell presented"),
         "cross_sell_acceptance": N_("no cross-sell offers presented"),
         "upsell_acceptance": N_("no upsell offers presented"),
         "attach_rate": N_("no anchor units"), "aov_uplift": N_("no anchor revenue")}


def change(now: Rate, before: Rate) -> str:
    if now.value is None or before.value is None:
        return ""
    points = (now.value - before.value) * 100
    if abs(points) < 0.5:
        return " " + _("＝ vs last week")
    rounded = round(abs(points))
    return f" {'▲' if points > 0 else '▼'} " + ngettext("{points} pt vs last week", "{points} pts vs last week",
                                                        rounded).format(points=rounded)


def rate_line(name: str, now: Rate, before: Rate) -> str:
    title = f"*{_(TITLES[name])}*"
    if now.value is None:
        return f"{title}: {_(EMPTY[name])}"
    if name == "aov_uplift":
        amount = f"{money(now.numerator)} / {money(now.denominator)}"
    else:
        amount = f"{number(now.numerator)} / {number(now.denominator)} {_(UNITS[name])}"
    small = " ⚠ " + _("small sample (n < {n})").format(n=SMALL_SAMPLE) if now.small else ""
    return f"{title}: {percent(now.value)} ({amount}){change(now, before)}{small}"


def summary_lines(report: WeeklyReport) -> list[str]:
    team, previous = report.team, report.previous
    week = report.week.label
    title = (_("*<@{rep}>'s figures, week {week}*").format(rep=report.rep, week=week) if report.rep
             else _("*Team summary, week {week}*").format(week=week))
    lines = [f"{title} ({report.timezone})"]
    if team.deals == 0:
        lines.append(_("No deals this week: nothing was logged, so there are no rates to show."))
        return lines
    lines.append(_("*Deals*: {deals} ({before} last week) · *add-on revenue* {revenue} ({revenue_before} last week)")
                 .format(deals=number(team.deals), before=number(previous.deals), revenue=money(team.addon_revenue),
                         revenue_before=money(previous.addon_revenue)))
    now_rates, before_rates = team.rates, previous.rates
    lines += [rate_line(name, now_rates[name], before_rates[name]) for name in TITLES]
    lines.append(_("*Still open*: {count} offers presented with no answer logged yet "
                   "(counted as presented, not as declined)").format(count=number(team.open_offers)))
    return lines


def table_lines(rows: dict[str, Figures], *, label: str, mention: bool = False) -> list[str]:
    lines = []
    for key, f in sorted(rows.items(), key=lambda kv: -kv[1].deals):
        name = f"<@{key}>" if mention else key
        cross, up = f.rates["cross_sell_rate"], f.rates["upsell_rate"]
        deals = ngettext("{count} deal", "{count} deals", f.deals).format(count=number(f.deals))
        lines.append(f"{name}: {deals} · " + _("cross-sell {cross} · upsell {up} · add-on {revenue}").format(
            cross=_short(cross), up=_short(up), revenue=money(f.addon_revenue)))
    heading = _("*Per rep*") if label == "rep" else _("*Per category*") if label == "category" else f"*{label}*"
    return [heading, *lines] if lines else []


def products_lines(report: WeeklyReport) -> list[str]:
    lines = []
    for title, items in ((_("Top accepted"), report.top_accepted),
                         (_("Most declined"), report.most_declined)):
        if items:
            lines.append(f"*{title}*: " + ", ".join(
                f"{i['name']} ({i['count']}×)" for i in items[:5]))
    return lines


def definitions_line() -> str:
    return _("Definitions: {definitions}").format(definitions="; ".join(
        f"{_(TITLES[k])} = {_(v)}" for k, v in DEFINITIONS.items()))


def _short(rate: Rate) -> str:
    if rate.value is None:
        return "–"
    small = ", " + _("small") if rate.small else ""
    return f"{percent(rate.value)} (n={number(rate.denominator)}{small})"
