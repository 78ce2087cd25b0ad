"""Advice as a rep reads it in a terminal (rich). Pure: returns renderables, prints nothing."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from bot.advisor import Advice, glance
from bot.advisor.candidates import SOURCE_LABELS
from bot.advisor.money import money
from bot.language.speech import _, speaking
from catalog import Product
from catalog.formats import NAMES


def advice_view(advice: Advice, *, details: bool = False) -> Group:
    """The same shape as the Slack answer: the product and the deal, the upsell, then the
    cross-sells, one headline and one reason each; `details`: every point, as Details shows. In the
    language the answer was made in."""
    with speaking(advice.language):
        return _advice_view(advice, details=details)


def _advice_view(advice: Advice, *, details: bool) -> Group:
    parts = []
    if advice.question:
        parts.append(Text(f"❯ {advice.question.text}", style="bold"))
    if advice.anchor is None:
        parts.append(Text(_("I couldn't find that product in the catalog."), style="yellow"))
        if advice.alternatives:
            names = ", ".join(f"{m.product.name} ({m.product.sku})" for m in advice.alternatives)
            parts.append(Text(_("Did you mean: {products}?").format(products=names)))
        return Group(*parts)
    data = advice.to_dict()
    anchor, totals = advice.anchor, glance.deal_totals(data)
    sure = "" if advice.confident else "  " + _("(not sure: see alternatives)")
    parts.append(Text.assemble((_("Product: "), "bold"), f"{anchor.name} ({anchor.sku}) · ",
                               glance.deal_line(totals), (sure, "yellow")))
    if advice.alternatives:
        parts.append(Text(_("Also possible: {products}").format(products=", ".join(
            f"{m.product.name} ({m.product.sku})" for m in advice.alternatives)), style="dim"))
    for note in (glance.budget_line(totals), *advice.notes):
        if note:
            parts.append(Text(note, style="cyan"))
    for kind, title, timing in glance.sections():
        if data["mode"] not in ("both", kind):
            continue
        items = data[kind]
        parts.append(Text.assemble((title, "bold green"), f" · {timing}"))
        if not items:
            parts.append(Text("  " + _("Nothing fits well enough to offer."), style="dim"))
        for rank, s in enumerate(items, start=1):
            parts += offer_lines(s, kind, rank, totals, details=details)
    if not details and (data["upsell"] or data["cross_sell"]):
        parts.append(Text(_("--details: every talking point, the objection answer and why"), style="dim"))
    return Group(*parts)


def offer_lines(s: dict, kind: str, rank: int, totals: glance.DealTotals, *, details: bool) -> list[Text]:
    lines = [Text.assemble((f" {rank}. {s['name']}", "bold"), f" ({s['sku']}) · ",
                           glance.headline_price(s, kind, totals)),
             Text(f"    {glance.reason(s)}")]
    if details:
        lines += [Text(f"    • {point}") for point in glance.details(s)]
        lines.append(Text(f"    {s['objection']}", style="italic"))
        why = s.get("why") or ", ".join(_(SOURCE_LABELS.get(src, src)) for src in s["sources"])
        lines.append(Text("    " + _("why: {why}").format(why=why), style="dim"))
    return lines


def product_view(product: Product) -> Table:
    table = Table(show_header=False, box=None, title=f"{product.name} ({product.sku})",
                  title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("price", money(product.price, product.currency)),
        ("regular price", None if product.regular_price is None else
         money(product.regular_price, product.currency)),
        ("category", product.category),
        ("other categories", "; ".join(c for c in product.categories if c != product.category)),
        ("brand", product.brand),
        ("family / tier", " / ".join(str(v) for v in (product.family, product.tier) if v)),
        ("description", product.description),
        ("features", "; ".join(product.features)),
        ("compatible with", ", ".join(product.compatible_with)),
        ("stock", None if product.stock is None else str(product.stock)),
        ("status", product.status),
        ("rating", None if product.rating is None else
         f"{product.rating:g}/5 ({product.review_count or 0} reviews)"),
        ("upsells", ", ".join(product.upsells)), ("cross-sells", ", ".join(product.cross_sells)),
        *product.spec_attributes.items(),
        *((f"options: {name}", ", ".join(values)) for name, values in product.options.items()),
        ("variants", ", ".join(v["sku"] for v in product.variants)),
    ]
    for label, value in rows:
        if value:
            table.add_row(label, value)
    return table


def import_title(report) -> str:
    """The file and the format it was read as, on one line however long the path (never wrapped mid-name)."""
    return f"{report.path}: {NAMES.get(report.format, report.format)}"


def import_view(report) -> Table:
    """What an import found: the counts, rows left out and why, and where each column went."""
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    folded = f", {report.variants} variants folded in" if report.variants else ""
    currency = report.currency if report.currency_stated else (
        f"{report.currency} (assumed: the file does not say; use --currency)")
    table.add_row("products", f"{report.products}{folded}, prices in {currency}")
    for why, count in report.skipped.items():
        table.add_row("left out", f"{count} {why}")
    for column, target in report.mapping.items():
        table.add_row(f"  {column}", f"→ {target}")
    return table
