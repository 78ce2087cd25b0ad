"""`salesbot orders import FILE`: bring a team's past sales, the ground for "bought together"."""

from __future__ import annotations

import click

from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.orders import import_orders


@main.group()
def orders() -> None:
    """Import order history (what customers bought together)."""


@orders.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--replace", is_flag=True, help="Forget every order not in this file.")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
@db_option
def import_command(services: Services, path: str, replace: bool, as_json: bool) -> None:
    """Import orders from CSV, JSON or JSON Lines: order_id, sku[, quantity, date, customer]."""
    report = import_orders(services.db, path, replace=replace)
    if as_json:
        emit_json({"path": report.path, "orders": report.orders, "lines": report.lines,
                   "replaced": report.replaced, "total_orders": report.total_orders,
                   "warnings": report.warnings})
    else:
        click.echo(report.summary())
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
