"""Cross-sell and upsell rates from the offer log, and the managers' weekly summary."""

from bot.reports.figures import DEFINITIONS, Figures, Rate, figures
from bot.reports.weekly import WeeklyReport, weekly_report
from bot.reports.weeks import BadWeek, Week

__all__ = ["DEFINITIONS", "BadWeek", "Figures", "Rate", "Week", "WeeklyReport", "figures",
           "weekly_report"]
