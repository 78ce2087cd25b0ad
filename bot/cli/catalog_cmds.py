"""`salesbot catalog import|show` and `salesbot index`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import Progress

from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.cli.render import product_view
from catalog.errors import UnknownProduct
from catalog.importer import import_catalog


@main.group()
def catalog() -> None:
    """Load and inspect the product catalog."""


@catalog.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--replace", is_flag=True, help="Also remove products that are not in the file.")
@db_option
def import_command(services: Services, path: str, replace: bool) -> None:
    """Import products from a CSV, JSON or JSON Lines file (one transaction)."""
    report = import_catalog(services.db, path, replace=replace)
    services.catalog_changed()
    click.echo(report.summary())
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo("Run `salesbot index` to update the search index (or just ask: it updates itself).")


@catalog.command("show")
@click.argument("sku")
@click.option("--json", "as_json", is_flag=True, help="Print the product as JSON.")
@db_option
def show_command(services: Services, sku: str, as_json: bool) -> None:
    """Show one product as the advisor sees it."""
    product = services.catalog.get(sku)
    if product is None:
        raise UnknownProduct(sku)
    if as_json:
        emit_json({**product.to_dict(), "available": product.available})
    else:
        Console().print(product_view(product))


@main.command("index")
@click.option("--rebuild", is_flag=True, help="Re-embed every product, not only changed ones.")
@db_option
def index_command(services: Services, rebuild: bool) -> None:
    """Build or update the search index (only changed products are re-embedded)."""
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("Embedding products", total=None)
        index, report = services.build_index(
            rebuild=rebuild, progress=lambda done, total: progress.update(task, completed=done,
                                                                          total=total))
    meta = index.meta
    if report is None:
        click.echo(f"Index is current: {meta.count} products, model {meta.model}.")
    else:
        click.echo(f"Index built: {meta.count} products ({report.embedded} embedded, "
                   f"{report.unchanged} unchanged, {report.removed} removed), model {meta.model}, "
                   f"{meta.dimension} dimensions → {services.settings.index_path}")
