"""`salesbot report` and `salesbot offers export`."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from rich.console import Console

from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.cli.offer_cmds import offers
from bot.reports import BadWeek, Week, weekly_report
from bot.reports.chart import save_trend
from bot.reports.export import export_offers
from bot.reports.wording import definitions_line, products_lines, summary_lines, table_lines


def chosen_week(services: Services, week: str | None, last_week: bool) -> Week:
    if week and last_week:
        raise click.UsageError("use --week or --last-week, not both")
    if week:
        try:
            return Week.parse(week)
        except BadWeek as e:
            raise click.BadParameter(str(e), param_hint="--week") from e
    current = Week.containing(datetime.now(UTC), services.settings.tz)
    return current.shifted(-1) if last_week else current


@main.command("report")
@click.option("--week", help="An ISO week, like 2026-W47 (default: this week so far).")
@click.option("--last-week", is_flag=True, help="Last week.")
@click.option("--rep", help="One rep's figures only.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--chart", type=click.Path(dir_okay=False), help="Write the 8-week trend PNG here.")
@db_option
def report_command(services: Services, week: str | None, last_week: bool, rep: str | None,
                   as_json: bool, chart: str | None) -> None:
    """Cross-sell and upsell rates for a week, with their definitions and denominators."""
    report = weekly_report(services.db, chosen_week(services, week, last_week),
                           services.settings.tz, rep=rep)
    if chart:
        save_trend(report, chart)
    if as_json:
        emit_json(report.to_dict())
        return
    console = Console()
    lines = summary_lines(report)
    if report.team.deals:
        lines += ["", *table_lines(report.per_rep, label="rep"),
                  "", *table_lines(report.per_category, label="category"),
                  "", *products_lines(report)]
    lines += ["", definitions_line()]
    for line in lines:
        console.print(line.replace("*", ""), highlight=False)
    if chart:
        console.print(f"Chart: {chart}")


@offers.command("export")
@click.option("--csv", "as_csv", is_flag=True, required=True, help="CSV (the only format).")
@click.option("--output", type=click.Path(dir_okay=False), help="A file (default: stdout).")
@db_option
def export_command(services: Services, as_csv: bool, output: str | None) -> None:
    """Every offer with its deal and outcome, spreadsheet-safe (formula cells neutralised)."""
    if output:
        with open(output, "w", newline="", encoding="utf-8") as out:
            count = export_offers(services.db, out)
        click.echo(f"{count} offers → {output}", err=True)
    else:
        export_offers(services.db, sys.stdout)
