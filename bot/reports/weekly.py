"""The weekly summary: this week's figures, the change since last week, per rep and category,
the products customers took and refused, and an eight-week trend."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.reports.figures import DEFINITIONS, Figures, breakdown, deal_rates, figures, products
from bot.reports.weeks import Week

TREND_WEEKS = 8


@dataclass(frozen=True)
class WeeklyReport:
    week: Week
    timezone: str
    rep: str | None  # a rep's own figures only, or None for the team
    team: Figures
    previous: Figures
    per_rep: dict[str, Figures]
    per_category: dict[str, Figures]
    top_accepted: list[dict]
    most_declined: list[dict]
    trend: list[tuple[Week, Figures]]  # before last week: only the deal-level rates are filled

    def to_dict(self) -> dict:
        return {
            "week": self.week.label, "timezone": self.timezone, "rep": self.rep,
            "definitions": DEFINITIONS,
            "figures": self.team.to_dict(), "previous_week": self.previous.to_dict(),
            "per_rep": {k: v.to_dict() for k, v in sorted(self.per_rep.items())},
            "per_category": {k: v.to_dict() for k, v in sorted(self.per_category.items())},
            "top_accepted": self.top_accepted, "most_declined": self.most_declined,
            "trend": [{"week": w.label,
                       "cross_sell_rate": f.rates["cross_sell_rate"].to_dict(),
                       "upsell_rate": f.rates["upsell_rate"].to_dict()} for w, f in self.trend],
        }


def weekly_report(db, week: Week, tz: ZoneInfo, *, rep: str | None = None) -> WeeklyReport:
    start, end = week.bounds(tz)
    team, per_rep, per_category = breakdown(db, start, end, rep=rep)
    weeks = [week.shifted(-i) for i in range(TREND_WEEKS - 1, -1, -1)]
    previous = figures(db, *weeks[-2].bounds(tz), rep=rep).get("team", Figures())
    older = deal_rates(db, [w.bounds(tz) for w in weeks[:-2]], rep=rep)  # the trend's rates only
    answered = products(db, start, end, rep=rep)
    return WeeklyReport(
        week=week, timezone=str(tz), rep=rep, team=team, previous=previous,
        per_rep=per_rep, per_category=per_category,
        top_accepted=answered["accepted"], most_declined=answered["declined"],
        trend=[*zip(weeks[:-2], older, strict=True), (weeks[-2], previous), (week, team)],
    )
