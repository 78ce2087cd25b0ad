"""Advice as a rep reads it in a terminal (rich). Pure: returns renderables, prints nothing."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.advisor import Advice, Suggestion
from bot.advisor.candidates import SOURCE_LABELS
from bot.advisor.money import money
from catalog import Product


def advice_view(advice: Advice) -> Group:
    parts = []
    if advice.question:
        parts.append(Text(f"❯ {advice.question.text}", style="bold"))
    if advice.anchor is None:
        parts.append(Text("I couldn't find that product in the catalog.", style="yellow"))
        if advice.alternatives:
            names = ", ".join(f"{m.product.name} ({m.product.sku})" for m in advice.alternatives)
            parts.append(Text(f"Did you mean: {names}?"))
        return Group(*parts)
    anchor = advice.anchor
    sure = "" if advice.confident else "  (not sure: see alternatives)"
    parts.append(Text.assemble(("Product: ", "bold"), f"{anchor.name} ({anchor.sku}) · ",
                               money(anchor.price, anchor.currency), (sure, "yellow")))
    if advice.alternatives:
        parts.append(Text("Also possible: " + ", ".join(
            f"{m.product.name} ({m.product.sku})" for m in advice.alternatives), style="dim"))
    if advice.question and advice.question.quantity > 1:
        parts.append(Text(f"Quantity: {advice.question.quantity}", style="dim"))
    for note in advice.notes:
        parts.append(Text(note, style="cyan"))
    for title, items, wanted in (
            ("Cross-sell (complements)", advice.cross_sell,
             not advice.question or advice.question.want_cross_sell),
            ("Upsell (better tier)", advice.upsell,
             not advice.question or advice.question.want_upsell)):
        if not wanted:
            continue
        if not items:
            parts.append(Text(f"{title}: nothing fits well enough to offer.", style="dim"))
            continue
        parts.append(Text(title, style="bold green"))
        parts += [suggestion_panel(s) for s in items]
    return Group(*parts)


def suggestion_panel(s: Suggestion) -> Panel:
    p = s.product
    price = money(p.price, p.currency)
    if s.price_delta is not None:
        price += f"  (+{money(s.price_delta, p.currency)})"
    lines = [Text(f"• {point}") for point in s.pitch.points]
    lines.append(Text(f"When: {s.pitch.when}", style="dim"))
    lines.append(Text(f"Objection: {s.pitch.objection}", style="dim"))
    why = s.why or ", ".join(SOURCE_LABELS.get(src, src) for src in s.sources)
    return Panel(Group(*lines), title=f"{s.rank}. {p.name} ({p.sku}) · {price}",
                 title_align="left", subtitle=f"why: {why}", subtitle_align="right")


def product_view(product: Product) -> Table:
    table = Table(show_header=False, box=None, title=f"{product.name} ({product.sku})",
                  title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("price", money(product.price, product.currency)),
        ("category", product.category), ("brand", product.brand),
        ("family / tier", " / ".join(str(v) for v in (product.family, product.tier) if v)),
        ("description", product.description),
        ("features", "; ".join(product.features)),
        ("compatible with", ", ".join(product.compatible_with)),
        ("stock", None if product.stock is None else str(product.stock)),
        ("status", product.status),
        ("rating", None if product.rating is None else
         f"{product.rating:g}/5 ({product.review_count or 0} reviews)"),
        ("upsells", ", ".join(product.upsells)), ("cross-sells", ", ".join(product.cross_sells)),
        *product.attributes.items(),
    ]
    for label, value in rows:
        if value:
            table.add_row(label, value)
    return table
