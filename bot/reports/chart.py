"""The eight-week trend of both deal-level rates, as a PNG readable at Slack's preview size."""

from __future__ import annotations

import io
from pathlib import Path

from bot.reports.figures import DEFINITIONS
from bot.reports.weekly import WeeklyReport


def trend_png(report: WeeklyReport) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import PercentFormatter

    weeks = [w.label.split("-")[1] for w, _ in report.trend]
    positions = list(range(len(weeks)))  # every week keeps its place, data or not
    fig, ax = plt.subplots(figsize=(8, 4.6), dpi=110)
    for name, label, color, offset in (
            ("cross_sell_rate", "Deal-level cross-sell rate", "#1d6fb8", 8),
            ("upsell_rate", "Deal-level upsell rate", "#e07a1f", -13)):
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
    ax.set_xlabel(f"ISO week ({report.timezone}), ending {report.week.label}")
    ax.set_ylabel("Share of deals")
    who = f"rep {report.rep}" if report.rep else "team"
    ax.set_title(f"Cross-sell and upsell rates, last 8 weeks ({who})", fontsize=12)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    caption = (f"Cross-sell rate = {DEFINITIONS['cross_sell_rate']}.\n"
               f"Upsell rate = {DEFINITIONS['upsell_rate']}. n = the denominator; "
               "weeks with no such deals are gaps.")
    fig.text(0.01, 0.01, caption, fontsize=7.5, color="#444444", va="bottom")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def save_trend(report: WeeklyReport, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(trend_png(report))
    return path
