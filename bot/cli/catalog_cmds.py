"""`salesbot catalog import|show` and `salesbot index`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import Progress

from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.cli.render import import_title, import_view, product_view
from catalog.download import fetched, shown
from catalog.errors import UnknownProduct
from catalog.formats import FORMATS, VARIANTS
from catalog.importer import import_catalog
from catalog.sync import sync


@main.group()
def catalog() -> None:
    """Load and inspect the product catalog."""


@catalog.command("import")
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="The file's format; auto tells Shopify, WooCommerce, Magento, Google Merchant and our own "
                   "CSV/JSON apart by their columns.")
@click.option("--variants", type=click.Choice(VARIANTS), default="fold", show_default=True,
              help="fold: one product per platform product, its variants as options; keep: one per variant.")
@click.option("--currency", default=None, metavar="CODE",
              help="The prices' currency when the file does not say (Shopify, WooCommerce, Magento exports).")
@click.option("--replace", is_flag=True,
              help="Mark products that are not in the file discontinued (never deleted: the offer log refers "
                   "to them).")
@click.option("--dry-run", is_flag=True, help="Show what would be imported, how columns map, and warnings; "
                                              "write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
@db_option
def import_command(services: Services, source: str, fmt: str, variants: str, currency: str | None,
                   replace: bool, dry_run: bool, as_json: bool) -> None:
    """Import products from a file or an https:// URL: our CSV/JSON/JSON Lines, or a Shopify, WooCommerce or
    Magento 2 export, or a Google Merchant Center feed (TSV or XML). One transaction: all or nothing."""
    with fetched(source) as path:
        report = import_catalog(services.db, path, missing="discontinue" if replace else "keep", format=fmt,
                                variants=variants, currency=currency, dry_run=dry_run)
    report.path = shown(source)
    if not dry_run:
        services.catalog_changed()
    if as_json:
        emit_json(report.to_dict())
        return
    if dry_run or report.format != "salesbot":
        click.echo(import_title(report))
        Console().print(import_view(report))
    click.echo(report.summary())
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if dry_run:
        click.echo("Dry run: nothing was written.")
    else:
        click.echo("Run `salesbot index` to update the search index (or just ask: it updates itself).")


@catalog.command("sync")
@click.argument("url", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@db_option
def sync_command(services: Services, url: str | None, as_json: bool) -> None:
    """Re-import the shop's feed now (URL or $SALESBOT_CATALOG_URL): products gone from it are marked
    discontinued, only changed products are re-embedded, and a failed download changes nothing."""
    url = url or services.settings.catalog_url
    if not url:
        raise click.UsageError("no feed to sync: give its URL or set SALESBOT_CATALOG_URL")
    run = sync(services.db, url)
    embedded = None
    if run.ok:  # only what changed is embedded again
        _, index_report = services.build_index()
        embedded = index_report.embedded if index_report else 0
    if as_json:
        emit_json({**run.to_dict(), "embedded": embedded})
    else:
        click.echo(run.message)
        if embedded is not None:
            click.echo(f"Index updated: {embedded} products re-embedded.")
    if not run.ok:
        raise SystemExit(1)


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
    meta, path = index.meta, services.settings.index_path
    stored = "" if path else (" (the vectors and the index are saved in the database; each bot process "
                              "loads the index from there)")
    if report is None or (path is None and not report.embedded and not report.removed):
        click.echo(f"Index is current: {meta.count} products, model {meta.model}{stored}.")
    else:
        click.echo(f"Index built: {meta.count} products ({report.embedded} embedded, "
                   f"{report.unchanged} unchanged, {report.removed} removed), model {meta.model}, "
                   f"{meta.dimension} dimensions → {path or 'the database'}{stored}")
