"""`salesbot eval catalog` on a small apparel catalog with known substitutes and audiences."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.advisor.advice import Advice, Suggestion
from bot.advisor.talking_points import Pitch
from bot.cli import main
from bot.evaluation import evaluate_links, measure_catalog
from bot.orders import import_orders
from catalog import CatalogError
from catalog.importer import import_catalog
from tests.conftest import make_services

CATALOG = """sku,name,category,price,description
MJ-1,Proteus Fitness Jacket,Men/Tops/Jackets,64.00,"Water-resistant running jacket with a zip chest pocket."
MJ-2,Typhon Performance Jacket,Men/Tops/Jackets,72.00,"Insulated jacket for cold-weather training runs."
WJ-1,Olivia Light Jacket,Women/Tops/Jackets,62.00,"Light women's running jacket, packs into its own pocket."
WJ-2,Nadia Elements Jacket,Women/Tops/Jackets,70.00,"Windproof women's jacket for training in wind and rain."
MT-1,Aero Daily Fitness Tee,Men/Tops/Tees,24.00,"Breathable short-sleeve tee to wear under a running jacket."
WT-1,Gabrielle Micro Sleeve Tee,Women/Tops/Tees,28.00,"Soft women's tee to layer under a light jacket."
MP-1,Cronus Yoga Pant,Men/Bottoms/Pants,45.00,"Stretch pants for yoga and training, with a drawstring waist."
WP-1,Karmen Yoga Pant,Women/Bottoms/Pants,39.00,"High-rise women's yoga pants for training."
GB-1,Overnight Duffle,Gear/Bags,45.00,"Gym duffle bag with a shoe compartment, room for a jacket and a change."
GB-2,Fusion Backpack,Gear/Bags,59.00,"Backpack for the gym and the commute, with a padded laptop sleeve."
GW-1,Endurance Watch,Gear/Watches,49.00,"Sports watch with a stopwatch and lap timer for training runs."
GF-1,Sprite Foam Roller,Gear/Fitness Equipment,19.00,"Foam roller for recovery after a run or a workout."
"""
LABELS = """sku,kind,audience,specs
MJ-1,jacket,men,
MJ-2,jacket,men,
WJ-1,jacket,women,
WJ-2,jacket,women,
MT-1,tee,men,
WT-1,tee,women,
MP-1,pants,men,
WP-1,pants,women,
GB-1,bag,,
GB-2,bag,,
GW-1,watch,unisex,
GF-1,foam roller,,
"""


@pytest.fixture(scope="module")
def apparel(tmp_path_factory, encoder):
    folder = tmp_path_factory.mktemp("apparel")
    (folder / "catalog.csv").write_text(CATALOG, encoding="utf-8")
    (folder / "labels.csv").write_text(LABELS, encoding="utf-8")
    services = make_services(folder / "salesbot.db", encoder)
    import_catalog(services.db, folder / "catalog.csv")
    return services, folder


def test_no_cross_sell_is_the_anchors_own_kind_or_for_another_audience(apparel):
    services, folder = apparel
    quality = measure_catalog(services, labels=folder / "labels.csv")
    assert quality.products == quality.offerable == 12
    assert quality.cross_sells > 0
    assert quality.substitutes == 0, quality.examples
    assert quality.audience_mismatches == 0, quality.examples
    assert quality.rates["cross_sell_coverage"] >= 0.85
    # No jacket here is better than another on a stated spec: no upsell, and the answer says why.
    advice = services.advisor().suggest("MJ-1")
    assert advice.upsell == ()
    assert "No upsell: no better version of the Proteus Fitness Jacket within +50%." in advice.notes


def test_the_judge_catches_a_substitute_and_a_mismatch(apparel):
    services, folder = apparel
    mens, womens = services.catalog.get("MJ-1"), services.catalog.get("WJ-1")
    wrong = Suggestion(kind="cross_sell", product=womens, score=0.5, sources=("similarity",),
                       pitch=Pitch((), "", ""), rank=1, anchor_price=mens.price)
    answers = [Advice(question=None, anchor=mens, cross_sell=(wrong,))]
    for labels in (folder / "labels.csv", None):  # the labels, and the catalog's own fields
        quality = measure_catalog(services, labels=labels, answers=answers)
        assert (quality.substitutes, quality.audience_mismatches, quality.cross_sells) == (1, 1, 1)
        assert quality.rates["substitute_rate"] == 1.0
        assert quality.examples["substitutes"] == ["Proteus Fitness Jacket → Olivia Light Jacket"]


def test_the_cli_prints_and_emits_the_figures(apparel):
    services, folder = apparel
    db = str(services.settings.db_path)
    result = CliRunner().invoke(main, ["eval", "catalog", "--db", db, "--labels", str(folder / "labels.csv"),
                                       "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["substitute_rate"] == 0 and data["products"] == 12
    assert data["judge"].endswith("labels.csv")
    text = CliRunner().invoke(main, ["eval", "catalog", "--db", db])
    assert text.exit_code == 0 and "cross-sells that substitute" in text.output


def test_a_bad_labels_file_is_refused_with_row_and_column(apparel, tmp_path):
    services, _ = apparel
    (tmp_path / "bad.csv").write_text('sku,kind,audience,specs\nMJ-1,jacket,men,{"storage": "big"}\n'
                                      "NOPE,jacket,men,\nMJ-2,,men,\n")
    with pytest.raises(CatalogError) as error:
        measure_catalog(services, labels=tmp_path / "bad.csv")
    message = str(error.value)
    assert "row 2, column specs: expected a JSON object of numbers" in message
    assert "row 3, column sku: 'NOPE' is not in the catalog" in message
    assert "row 4, column kind: empty; name the product's kind" in message


COMPLEMENTS = """kind,complement_kind
jacket,tee
jacket,pants
jacket,bag
pants,tee
pants,jacket
tee,pants
tee,jacket
bag,foam roller
"""


def test_a_complements_file_adds_the_add_on_share(apparel, tmp_path):
    services, folder = apparel
    (tmp_path / "pairs.csv").write_text(COMPLEMENTS)
    quality = measure_catalog(services, labels=folder / "labels.csv", complements=tmp_path / "pairs.csv")
    assert 0 < quality.complements <= quality.cross_sells
    assert quality.rates["complement_rate"] == quality.complements / quality.cross_sells
    (tmp_path / "bad.csv").write_text("kind,complement_kind\njacket,umbrella\n")
    with pytest.raises(CatalogError, match=r"row 2, column complement_kind: 'umbrella' is no kind in the labels"):
        measure_catalog(services, labels=folder / "labels.csv", complements=tmp_path / "bad.csv")


def test_the_team_s_orders_may_keep_a_same_kind_pair(apparel, tmp_path, encoder):
    """Two jackets bought together in most orders: allowed, and labelled as bought together."""
    services, folder = apparel
    team = make_services(tmp_path / "team.db", encoder)
    import_catalog(team.db, folder / "catalog.csv")
    lines = ["order_id,sku"] + [f"{n},{sku}" for n in range(12) for sku in ("MJ-1", "MJ-2")]
    (tmp_path / "orders.csv").write_text("\n".join(lines) + "\n")
    import_orders(team.db, tmp_path / "orders.csv")
    advice = team.advisor().suggest("MJ-1")
    kept = next(s for s in advice.cross_sell if s.product.sku == "MJ-2")
    assert kept.sources[0] == "bought_together"
    assert kept.why == "bought together with the Proteus Fitness Jacket in 12 orders"
    assert measure_catalog(team, labels=folder / "labels.csv").kept_by_evidence >= 1
    # Without the orders, the catalog alone never pairs the two jackets.
    assert "MJ-2" not in [s.product.sku for s in services.advisor().suggest("MJ-1").cross_sell]


def test_every_suggestion_says_which_rule_made_it(apparel):
    services, _ = apparel
    advice = services.advisor().suggest("MJ-1")
    tee = next(s for s in advice.cross_sell if s.product.sku == "MT-1")
    # The tee's own text says it is worn under a running jacket.
    assert tee.why == "used with a jacket: its own description says so"
    assert "used_with" in tee.sources
    for s in advice.cross_sell:
        assert s.why and s.to_dict()["why"] == s.why


def test_eval_links_reports_the_same_figures(demo):
    report = evaluate_links(demo, ks=[3])
    figures = report.to_dict()["catalog"]
    assert figures["substitute_rate"] == 0 and figures["audience_mismatch_rate"] == 0
    assert figures["cross_sell_coverage"] >= 0.9
