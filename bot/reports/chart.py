"""The eight-week trend of both deal-level rates, as a PNG readable at Slack's preview size, labelled in
the language in force."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from bot.language.speech import _
from bot.reports.figures import DEFINITIONS
from bot.reports.weekly import WeeklyReport

CAPTION_WIDTH = 120  # characters of the 7.5-point caption that fit across the 8-inch figure


def trend_png(report: WeeklyReport) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import PercentFormatter

    weeks = [w.label.split("-")[1] for w, _ in report.trend]
    positions = list(range(len(weeks)))  # every week keeps its place, data or not
    fig, ax = plt.subplots(figsize=(8, 4.6), dpi=110)
    for name, label, color, offset in (
            ("cross_sell_rate", _("Deal-level cross-sell rate"), "#1d6fb8", 8),
            ("upsell_rate", _("Deal-level upsell rate"), "#e07a1f", -13)):
        rates = [f.rates[name] for _, f in report.trend]
        values = [r.value * 100 if r.value is not None else float("nan") for r in rates]
        ax.plot(positions, values, marker="o", linewidth=2.2, color=color, label=label)
        for x, value, rate in zip(positions, values, rates, strict=True):
            if rate.value is not None:
                ax.annotate(f"n={rate.denominator:g}", (x, value), textcoords="offset points",
                            xytext=(0, offset), ha="center", fontsize=7, color=color)
    ax.set_xticks(positions, weeks)
    ax.set_xlim(-0.5, len(weeks) - 0.5)
    ax.set_ylim(-5, 108)
    ax.yaxis.set_major_formatter(PercentFormatter())
    ax.set_xlabel(_("ISO week ({timezone}), ending {week}").format(timezone=report.timezone, week=report.week.label))
    ax.set_ylabel(_("Share of deals"))
    who = _("rep {rep}").format(rep=report.rep) if report.rep else _("team")
    ax.set_title(_("Cross-sell and upsell rates, last 8 weeks ({who})").format(who=who), fontsize=12)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    caption = _("Cross-sell rate = {cross}.\nUpsell rate = {up}. n = the denominator; weeks with no such deals are "
                "gaps.").format(cross=_(DEFINITIONS["cross_sell_rate"]), up=_(DEFINITIONS["upsell_rate"]))
    # wrapped to the figure's width: a translation may run longer than the English
    lines = [wrapped for line in caption.splitlines() for wrapped in textwrap.wrap(line, CAPTION_WIDTH)]
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=7.5, color="#444444", va="bottom")
    fig.tight_layout(rect=(0, 0.025 + 0.027 * len(lines), 1, 1))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def save_trend(report: WeeklyReport, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(trend_png(report))
    return path
