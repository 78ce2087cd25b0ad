"""`salesbot eval links|baskets`: suggestion quality beside baselines measured in the same run."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.evaluation import CatalogQuality, evaluate_baskets, evaluate_links, measure_catalog
from bot.evaluation.questions import evaluate_questions
from bot.evaluation.replies import evaluate_replies, evaluate_scripts
from bot.language import codes as language_codes

K_OPTION = click.option("--k", "ks", type=click.IntRange(1, 20), multiple=True,
                        help="Cut-off for the ranking metrics; repeat for several (default 3 and 5).")


@main.group("eval")
def evaluate() -> None:
    """Measure suggestion quality against curated links or real baskets."""


@evaluate.command("links")
@click.option("--upsell", "upsell", type=click.Path(dir_okay=False), default=None,
              help="CSV of sku,linked_sku upsell pairs (default: the catalog's curated links).")
@click.option("--cross-sell", "cross_sell", type=click.Path(dir_okay=False), default=None,
              help="CSV of sku,linked_sku cross-sell pairs (default: the catalog's curated links).")
@K_OPTION
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the random baselines.")
@click.option("--json", "as_json", is_flag=True)
@db_option
def links_command(services: Services, upsell, cross_sell, ks, seed: int, as_json: bool) -> None:
    """Compare suggestions made without curated links with the given (or curated) pairs."""
    services.advisor()  # load the model and index before the clock of the evaluation starts
    report = evaluate_links(services, upsell=upsell, cross_sell=cross_sell, ks=list(ks or (3, 5)),
                            seed=seed)
    if as_json:
        emit_json(report.to_dict())
        return
    console = Console(width=max(Console().width, 130))
    for kind, methods in report.methods.items():
        table = Table(title=f"{kind.replace('_', '-')}: {report.sources[kind]} source products, "
                            f"{report.pairs[kind]} true pairs ({report.truth[kind]})")
        columns = ["coverage", "mrr"] + [f"{m}@{k}" for k in report.ks for m in ("precision", "recall")]
        table.add_column("method")
        for column in columns:
            table.add_column(column, justify="right")
        for name, figures in methods.items():
            table.add_row(name, *(f"{figures[c]:.3f}" for c in columns))
        console.print(table)
    console.print("precision@k: true links among the suggestions shown (at most k); recall@k: share of "
                  "a product's true links found in its top k; MRR over the top k.")
    if report.catalog:
        print_quality(console, report.catalog)


@evaluate.command("catalog")
@click.option("--labels", type=click.Path(dir_okay=False), default=None,
              help="CSV of sku,kind,audience[,specs] written by someone who knows the products; "
                   "it judges instead of the catalog's own fields.")
@click.option("--complements", type=click.Path(dir_okay=False), default=None,
              help="CSV of kind,complement_kind pairs (kinds from --labels): which kinds are add-ons "
                   "for which; adds the share of cross-sells that are.")
@click.option("--json", "as_json", is_flag=True)
@db_option
def catalog_command(services: Services, labels: str | None, complements: str | None, as_json: bool) -> None:
    """Substitutes among cross-sells, audience mismatches, upsells that lose on a spec, coverage."""
    quality = measure_catalog(services, labels=labels, complements=complements)
    if as_json:
        emit_json(quality.to_dict())
        return
    print_quality(Console(width=max(Console().width, 110)), quality)


def print_quality(console: Console, quality: CatalogQuality) -> None:
    rates = quality.rates
    table = Table(title=f"Suggestions for {quality.products:,} products ({quality.offerable:,} offerable), "
                        f"judged by {quality.judge}")
    for column in ("figure", "rate", "of"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    q = quality
    rows = [("cross-sells that substitute (the anchor's own kind)", "substitute_rate", q.substitutes,
             q.cross_sells, "cross-sells"),
            ("suggestions for another audience (men/women/kids)", "audience_mismatch_rate",
             q.audience_mismatches, q.cross_sells + q.upsells, "suggestions"),
            ("upsells worse on a spec both state", "upsells_losing_rate", q.upsells_losing, q.upsells, "upsells")]
    if q.complements is not None:
        rows.append(("cross-sells the labels call an add-on for the anchor", "complement_rate", q.complements,
                     q.cross_sells, "cross-sells"))
    rows += [("cross-sell coverage", "cross_sell_coverage", q.with_cross_sell, q.offerable, "offerable products"),
             ("upsell coverage", "upsell_coverage", q.with_upsell, q.offerable, "offerable products")]
    for label, rate, part, whole, noun in rows:
        table.add_row(label, f"{rates[rate]:.1%}", f"{part} of {whole} {noun}")
    console.print(table)
    if quality.kept_by_evidence:
        console.print(f"{quality.kept_by_evidence} same-kind cross-sells are kept because the team's orders "
                      "or a curated link pair them (allowed, not counted as substitutes).")
    if quality.losing_by_design:
        console.print(f"{quality.losing_by_design} of the upsells worse on a spec are the catalog's own next tier "
                      "or curated upgrade; their talking points name the trade-off.")
    print_examples(console, quality.examples)


def print_examples(console: Console, examples: dict[str, list[str]]) -> None:
    for kind, lines in examples.items():
        console.print(f"[bold]{kind.replace('_', ' ')}[/bold], for example:")
        for line in lines:
            console.print(f"  {line}", markup=False)


@evaluate.command("replies")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
@db_option
def replies_command(services: Services, path: str, as_json: bool) -> None:
    """Read labelled role-play replies (JSON Lines) and compare with the labels."""
    report = evaluate_replies(services.roleplay(), path)
    if as_json:
        emit_json(report.to_dict())
        return
    console = Console(width=max(Console().width, 110))
    f = report.figures
    console.print(f"{report.replies} replies: offers found precision {f['offer_precision']:.3f}, recall "
                  f"{f['offer_recall']:.3f} ({report.offers_right} of {report.offers_labelled}; classed as labelled "
                  f"{report.kind_right}); true claims flagged as false: {report.true_flagged} of {report.claims_true}; "
                  f"false claims caught {report.false_caught} of {report.claims_false} (naming the labelled product "
                  f"{report.caught_named_right}); flags on unlabelled figures {report.spurious_flags}; objections "
                  f"read right {report.objections_right} of {report.objections}.")
    print_examples(console, report.examples)


@evaluate.command("questions")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--language", type=click.Choice(language_codes()), default=None,
              help="Ask every question in this language (the rep's choice); default: detected per question.")
@click.option("--json", "as_json", is_flag=True)
@db_option
def questions_command(services: Services, path: str, language: str | None, as_json: bool) -> None:
    """Ask labelled rep questions (JSON Lines) and score, per language, the product found and the
    quantity, budget and mode read."""
    figures = evaluate_questions(services.advisor(), path, language=language)
    if as_json:
        emit_json({code: f.to_dict() for code, f in figures.items()})
        return
    table = Table(title=f"{path}: questions understood, per language")
    for column in ("language", "questions", "product", "named", "described", "quantity", "budget", "mode"):
        table.add_column(column, justify="left" if column == "language" else "right")
    for code, f in figures.items():
        data = f.to_dict()
        cell = lambda v: "–" if v is None else f"{v:.0%}"  # noqa: E731
        table.add_row(code, str(f.questions), cell(data["product"]), cell(data["product_when_named"]),
                      cell(data["product_when_described"]), cell(data["quantity"]), cell(data["budget"]),
                      cell(data["mode"]))
    console = Console(width=max(Console().width, 120))
    console.print(table)
    for code, f in figures.items():
        for name, misses in f.misses.items():
            for miss in misses[:3]:
                console.print(f"  {code} {name} missed: {miss}", highlight=False)


@evaluate.command("scripts")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
@db_option
def scripts_command(services: Services, path: str, as_json: bool) -> None:
    """Play good/poor role-play script pairs (JSON Lines) and compare their scores."""
    pairs = evaluate_scripts(services.roleplay(), path)
    if as_json:
        emit_json({"pairs": [{"scenario": p.scenario, "good": p.good, "poor": p.poor, "gap": p.gap,
                              "good_criteria": p.good_card["criteria"], "poor_criteria": p.poor_card["criteria"]}
                             for p in pairs]})
        return
    console = Console(width=max(Console().width, 110))
    table = Table(title=f"{len(pairs)} script pairs: the good rep should lead by 30 points or more")
    for column in ("scenario", "good", "poor", "lead"):
        table.add_column(column, justify="left" if column == "scenario" else "right")
    for p in pairs:
        table.add_row(p.scenario, str(p.good), str(p.poor), str(p.gap))
    console.print(table)
    if pairs:
        console.print(f"{sum(p.gap >= 30 for p in pairs)} of {len(pairs)} pairs lead by 30 or more; "
                      f"mean lead {sum(p.gap for p in pairs) / len(pairs):.1f}.")


@evaluate.command("baskets")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--holdout", type=click.FloatRange(0.05, 0.95), default=0.2, show_default=True,
              help="Share of orders held out.")
@click.option("--seed", "seeds", type=int, multiple=True,
              help="Split seed; repeat for several (default 1 2 3 4 5).")
@K_OPTION
@click.option("--removed", type=click.IntRange(0, 100), default=10, show_default=True,
              help="How many of the most popular products the second variant takes out.")
@click.option("--json", "as_json", is_flag=True)
@db_option
def baskets_command(services: Services, path: str, holdout: float, seeds, ks, removed: int,
                    as_json: bool) -> None:
    """Train on part of an order file, then test cross-sells on the held-out orders."""
    services.advisor()
    report = evaluate_baskets(services, path, holdout=holdout, seeds=list(seeds or (1, 2, 3, 4, 5)),
                              ks=list(ks or (3, 5)), removed=removed)
    if as_json:
        emit_json(report.to_dict())
        return
    console = Console(width=max(Console().width, 130))
    orders = report.orders
    for variant, methods in report.variants.items():
        table = Table(title=f"{variant}: {orders['training']:,} training orders, {orders['held_out']:,} held "
                            f"out, seeds {', '.join(map(str, report.seeds))} (mean ± sd)")
        columns = [f"hit@{k}" for k in report.ks] + ["mrr"]
        table.add_column("method")
        for column in columns:
            table.add_column(column, justify="right")
        table.add_column("cases", justify="right")
        for name, figures in methods.items():
            table.add_row(name, *(f"{figures[c]['mean']:.3f} ± {figures[c]['sd']:.3f}" for c in columns),
                          f"{figures['cases']['mean']:,.0f}")
        console.print(table)
        k = report.ks[0]
        for name, figures in report.differences[variant].items():
            d = figures[f"hit@{k}"]
            if name in ("most popular", "co-occurrence count"):
                console.print(f"  hit@{k}, salesbot minus {name}: {100 * d['mean']:+.2f} points "
                              f"(standard error {100 * d['se']:.2f}), ahead in {d['ahead']} of {d['runs']} "
                              f"seeds, behind in {d['behind']}")
    console.print("Each product of a held-out order is the anchor once; a hit is a suggestion among the "
                  "order's other products. MRR over the largest k.")
