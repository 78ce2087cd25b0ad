"""`salesbot suggest --all --json` over the demo catalog: guardrails, grounding and coverage."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from bot import language as languages
from bot.advisor.guardrails import fit_targets
from bot.cli import main
from bot.language import speech
from bot.language.speech import speaking
from bot.offers import Deal, Offer
from bot.slack.blocks import answer_blocks, every_offer, to_dicts
from catalog import Product
from catalog.specs import better_version

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
LOCAL_NUMBER = re.compile(r"\d(?:[\d,.\u00a0\u202f]*\d)?")
RATING_SCALE = re.compile(r"/5\b")


def numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in NUMBER.findall(RATING_SCALE.sub("", text))}


def local_numbers(text: str, code: str) -> list[set[float]]:
    """Each number written in a language's way ("€ 1.099", "1 099 kr", "4,5/5"), with the values it
    can mean: as the language writes numbers, or as the catalog's own text does ("15.6-inch")."""
    with speaking(code):
        symbols = speech.locale().number_symbols["latn"]
    group, decimal = symbols["group"], symbols["decimal"]
    found = []
    for token in LOCAL_NUMBER.findall(RATING_SCALE.sub("", text)):
        readings = set()
        local = token.replace(group, "").replace("\u00a0", "").replace("\u202f", "").replace(decimal, ".")
        for reading in (local, token.replace(",", "")):
            try:
                readings.add(float(reading))
            except ValueError:
                pass
        found.append(readings)
    return found


def record_numbers(*products: Product, catalog=None) -> set[float]:
    """Numbers the records state; with a catalog, also those of the products they say they fit
    ("listed for the Samsung Galaxy A25 5G 128 GB")."""
    found = set()
    for product in products:
        found |= numbers(json.dumps(product.to_dict(), ensure_ascii=False))
        found.add(product.price)
        for target in product.compatible_with if catalog is not None else ():
            fitted = catalog.get(target)
            if fitted is not None:
                found |= numbers(fitted.name)
    return found


@pytest.fixture(scope="module")
def answers(demo_both):
    result = CliRunner().invoke(main, ["suggest", "--all", "--json", "--db",
                                       str(demo_both.settings.database)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_one_answer_per_product_in_the_documented_shape(answers, demo_both):
    assert len(answers) == demo_both.catalog.count()
    for answer in answers:
        assert set(answer["anchor"]) >= {"sku", "name", "price"}
        assert isinstance(answer["alternatives"], list)
        for s in answer["cross_sell"]:
            assert set(s) >= {"sku", "name", "price", "score", "sources", "talking_points"}
        for s in answer["upsell"]:
            assert set(s) >= {"sku", "name", "price", "price_delta", "score", "sources",
                              "talking_points"}


def fit_alike(anchor: Product, other: Product) -> bool:
    """An upgrade of an accessory must fit what the accessory fits."""
    if not (anchor.compatible_with and other.compatible_with):
        return True
    return bool({t.lower() for t in anchor.compatible_with} &
                {t.lower() for t in other.compatible_with})


def guardrail_violations(answer: dict, catalog) -> list[str]:
    anchor = catalog.get(answer["anchor"]["sku"])
    problems = []
    offered = [s["sku"] for s in answer["cross_sell"] + answer["upsell"]]
    if len(offered) != len(set(offered)):
        problems.append("the same product offered twice")
    if len(answer["cross_sell"]) > 3 or len(answer["upsell"]) > 2:
        problems.append("too many offers")
    for kind in ("cross_sell", "upsell"):
        for s in answer[kind]:
            product = catalog.get(s["sku"])
            where = f"{anchor.sku} → {kind} {product.sku}"
            if product.sku == anchor.sku:
                problems.append(f"{where}: the anchor itself")
            if not product.available:
                problems.append(f"{where}: out of stock or discontinued")
            fits_anchor = fit_targets(anchor) | {t.lower() for t in anchor.compatible_with}
            if kind == "cross_sell" and product.compatible_with and not (
                    {t.lower() for t in product.compatible_with} & fits_anchor):
                problems.append(f"{where}: fits neither the anchor nor what it fits")
            if kind == "upsell" and not fit_alike(anchor, product):
                problems.append(f"{where}: fits other products than the anchor")
            if not 2 <= len(s["talking_points"]) <= 4:
                problems.append(f"{where}: {len(s['talking_points'])} talking points")
            if kind == "upsell" and not anchor.price < product.price <= anchor.price * 1.5:
                problems.append(f"{where}: price {product.price} vs anchor {anchor.price}")
    return problems


def test_no_guardrail_is_ever_broken(answers, demo_both):
    problems = [p for answer in answers for p in guardrail_violations(answer, demo_both.catalog)]
    assert problems == []


@pytest.fixture(scope="module", params=languages.codes())
def spoken(demo_both, request):
    """Every product's answer in one language (SALESBOT_LANGUAGE): (the language, the answers)."""
    result = CliRunner().invoke(main, ["suggest", "--all", "--json", "--db", str(demo_both.settings.database)],
                                env={"SALESBOT_LANGUAGE": request.param})
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert {a["language"] for a in answers} == {request.param}
    return request.param, answers


def stray_numbers(text: str, code: str, allowed: set[float]) -> list[set[float]]:
    return [readings for readings in local_numbers(text, code) if not readings & allowed]


def test_every_number_in_a_talking_point_comes_from_the_records(spoken, demo_both):
    """In every language: the figures are the records', however the language writes them."""
    code, answers = spoken
    ungrounded = []
    for answer in answers:
        anchor = demo_both.catalog.get(answer["anchor"]["sku"])
        for s in answer["cross_sell"] + answer["upsell"]:
            product = demo_both.catalog.get(s["sku"])
            allowed = record_numbers(anchor, product, catalog=demo_both.catalog)
            delta = product.price - anchor.price
            allowed |= {round(abs(delta), 2), round(abs(delta)),
                        round(abs(delta) / anchor.price * 100) if anchor.price else 0}
            for line in [*s["talking_points"], s["when"], s["objection"], s["reason"], *s["details"]]:
                stray = stray_numbers(line, code, allowed)
                if stray:
                    ungrounded.append(f"{anchor.sku} → {product.sku}: {line!r} has {stray}")
    assert ungrounded == []


def test_most_products_get_a_cross_sell(answers, demo_both):
    available = [a for a in answers if demo_both.catalog.get(a["anchor"]["sku"]).available]
    covered = [a for a in available if a["cross_sell"]]
    share = len(covered) / len(available)
    missing = sorted(a["anchor"]["sku"] for a in available if not a["cross_sell"])
    print(f"cross-sell coverage {share:.1%} ({len(covered)}/{len(available)}); none for {missing}")
    assert share >= 0.90, missing


def upsell_exists(anchor: Product, catalog) -> bool:
    """A better version every guardrail would allow: a pricier tier of the same line, or a
    pricier product of the same category that is no worse on any spec both state."""
    pool = [p for p in catalog.family(anchor.family) if p.tier is None or anchor.tier is None
            or p.tier > anchor.tier] if anchor.family else []
    if anchor.category:
        pool += [p for p in catalog.in_category(anchor.category, min_price=anchor.price,
                                                max_price=anchor.price * 1.5)
                 if better_version(anchor, p)]
    for p in pool:
        if p.available and anchor.price < p.price <= anchor.price * 1.5 and fit_alike(anchor, p):
            return True
    return False


def test_every_product_with_a_better_tier_gets_an_upsell(answers, demo_both):
    missing = [a["anchor"]["sku"] for a in answers
               if not a["upsell"] and upsell_exists(demo_both.catalog.get(a["anchor"]["sku"]),
                                                    demo_both.catalog)]
    assert missing == []


def test_an_upgrade_never_sells_a_step_down_as_a_gain(demo_both):
    """The ProBook 470 has a bigger screen but a shorter battery life than the 450."""
    upsell = next(s for s in demo_both.advisor().suggest("LAP-PB450-G10").upsell if s.product.sku == "LAP-PB470-G10")
    gains = next(p for p in upsell.pitch.points if p.startswith("What the extra buys"))
    assert "display 15.6-inch Full HD → 17.3-inch Full HD" in gains and "battery" not in gains
    assert "Trade-off: battery life up to 10 hours → up to 9 hours" in upsell.pitch.points
    assert "battery" not in upsell.pitch.objection


def _deal(answer: dict, quantity: int, budget: float) -> Deal:
    advice = {**answer, "quantity": quantity, "budget": budget}
    offers = tuple(Offer(id=100 * rank + (kind == "upsell"), deal_id=1, kind=kind, sku=s["sku"], name=s["name"],
                         price=s["price"], price_delta=s.get("price_delta"), rank=rank, sources=(),
                         presented_at="", outcome=None, outcome_at=None, outcome_by=None)
                   for kind in ("cross_sell", "upsell") for rank, s in enumerate(answer[kind], start=1))
    anchor = answer["anchor"]
    return Deal(id=1, source_key=None, team=None, rep="U1", channel=None, anchor_sku=anchor["sku"],
                anchor_name=anchor["name"], anchor_price=anchor["price"], quantity=quantity, question=None,
                advice=advice, created_at="", offers=offers)


def test_every_number_in_the_slack_message_collapsed_or_expanded_is_grounded(spoken, demo_both):
    """The headline's reason, the deal line and each offer's effect on the deal, and everything
    behind Details: from the records, or worked out from them for this quantity and budget. In
    every language."""
    code, answers = spoken
    quantity = 12
    ungrounded = []
    for answer in answers:
        anchor = demo_both.catalog.get(answer["anchor"]["sku"])
        budget = round(anchor.price * 1.3)
        offered = [demo_both.catalog.get(s["sku"]) for s in answer["cross_sell"] + answer["upsell"]]
        allowed = record_numbers(anchor, *offered, catalog=demo_both.catalog)
        allowed |= {quantity, budget, round(budget - anchor.price, 2), round(anchor.price * quantity, 2),
                    round(demo_both.settings.max_price_jump * 100)}
        for product in offered:
            delta = round(product.price - anchor.price, 2)
            allowed |= {abs(delta), round(abs(delta)), round(product.price * quantity, 2),
                        round(delta * quantity, 2)}
            if anchor.price:
                allowed.add(round(abs(delta) / anchor.price * 100))
        deal = _deal(answer, quantity, budget)
        for expanded in (frozenset(), every_offer(deal)):
            text = "\n".join(block["text"]["text"] if "text" in block else
                             " ".join(e.get("text", "") if isinstance(e.get("text"), str) else e["text"]["text"]
                                      for e in block.get("elements", []))
                             for block in to_dicts(answer_blocks(deal, expanded=expanded)))
            stray = stray_numbers(text, code, allowed)
            if stray:
                ungrounded.append(f"{anchor.sku}: {stray} in {text!r}")
    assert ungrounded == []
