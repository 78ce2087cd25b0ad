"""Who a number belongs to: the claim grammar on the sentences reps really write."""

from __future__ import annotations

import pytest

from bot.roleplay.grammar import figures, segments


@pytest.mark.parametrize("text, expected", [
    ("it is only €350 more", [(350, "difference")]),
    ("X costs €89", [(89, "price")]),
    ("the SanDisk Extreme PRO is just €36", [(36, "price")]),  # "just" is not "more"
    ("only €220 extra for the 470", [(220, "difference")]),
    ("X at €89", [(89, "price")]),
    ("25% more", [(25, "percent")]),
    ("€12 a month", [(12, "per_period")]),
    ("€15 per user per month", [(15, "per_period")]),
    ("15 × €220 = €3,300 in total", [(220, "total"), (3300, "total")]),
    ("1.049,- each", [(1049, "price")]),
    ("1049 euro", [(1049, "price")]),
    ("EUR 1049", [(1049, "price")]),
    ("thats 1k", [(1000, "price")]),
    ("costs 1,099.00 eur", [(1099, "price")]),
    ("the S24+ €1,099", [(1099, "price")]),  # the plus of a name is no "+€…"
    ("upgrade +€220", [(220, "difference")]),
])
def test_figures_and_their_relation(text, expected):
    assert [(f.amount, f.relation) for f in figures(text)] == expected


def test_a_reference_segment_starts_at_than_versus_instead_of():
    parts = segments("The R8 is worth a look: it is only €350 more than the R10, or the 470 instead of the 450.")
    assert [(p.text, p.reference) for p in parts] == [
        ("The R8 is worth a look", False), ("it is only €350 more", False), ("than the R10", True),
        ("or the 470", False), ("instead of the 450", True)]


SCENARIO = {"sku": "CAM-CAN-R10", "seed": 11}


@pytest.mark.parametrize("text, offered, flags", [
    # the good rep: an offer and a true difference, not "no upsell" and "€350 for the R10"
    ("Since you mentioned performance, the Canon EOS R8 Body is worth a look: it is only €350 more than the "
     "Canon EOS R10 with RF-S 18-45mm Kit.", ["CAM-CAN-R8"], {}),
    ("The R8 is €300 more than the R10.", ["CAM-CAN-R8"],
     {"€300 more for the Canon EOS R8 Body than the Canon EOS R10 with RF-S 18-45mm Kit":
      "€350 more (€1,399 vs €1,049)"}),
    # the pushy rep: a wrong price, said as a price, with the catalog's price
    ("the SanDisk Extreme PRO SDXC UHS-II 128 GB is just €36", ["MEM-SDXP2-128"],
     {"€36 for the SanDisk Extreme PRO SDXC UHS-II 128 GB": "€89"}),
    ("have you considered the R8? 1399 euro", ["CAM-CAN-R8"], {}),
    ("What about a spare LP-E17 battery at 59,90 for long event days?", ["CACC-CAN-LPE17"], {}),
    ("For 5 cameras the upgrade is 5 × €350 = €1,750 in total.", [], {}),
])
def test_each_figure_is_attached_to_the_right_product(engine, text, offered, flags):
    scenario = engine.scenario(sku=SCENARIO["sku"], seed=SCENARIO["seed"])
    assert scenario.quantity == 5
    heard = engine.reader.read(text, scenario)
    assert [o.sku for o in heard.offers] == offered
    assert {c.claim: c.actual for c in heard.flagged if c.kind != "spec"} == flags


@pytest.mark.parametrize("text, amounts", [
    ("the 3302 is 449 right now", [449]),
    ("the 3yr on-site care too, 129", [129]),
    ("8x tab s9 fe @ 449", [449]),
    ("for 15 people", []),
    ("only 17 left", []),
    ("is 16 GB", []),
])
def test_a_bare_number_is_a_price_only_where_a_price_goes(text, amounts):
    assert [f.amount for f in figures(text)] == amounts


def test_the_left_side_of_a_versus_pair_is_the_subject_s(engine):
    scenario = engine.scenario(sku="LAP-PB450-G10", seed=7)
    heard = engine.reader.read("The 470 is about 22% more than the 450 (1199 vs 979) but has the i7.", scenario)
    assert [c for c in heard.claims if not c.true and c.kind != "spec"] == []
    wrong = engine.reader.read("The 470 is about 22% more than the 450 (1299 vs 979).", scenario)
    assert [c.claim for c in wrong.flagged] == ["1299 for the HP ProBook 470 G10"]


def test_a_figure_after_a_full_stop_is_not_the_last_sentence_s_product(engine):
    scenario = engine.scenario(sku="LAP-PB450-G10", seed=7)
    heard = engine.reader.read("I'd add the Targus Cypress backpack. Charger: 39,90 € per unit.", scenario)
    assert heard.flagged == ()


@pytest.mark.parametrize("text, expected", [
    # Dutch, Swedish and Norwegian reps: the words come from bot/language/*.toml ([replies])
    ("de 470 is maar €220 duurder", [(220, "difference")]),
    ("de Cypress-rugzak kost 42,90", [(42.9, "price")]),
    ("€12 per maand", [(12, "per_period")]),
    ("den är bara 220 € mer", [(220, "difference")]),
    ("väskan kostar 1.049,-", [(1049, "price")]),
    ("€14.685 totalt", [(14685, "total")]),
    ("er kun 220 euro dyrere", [(220, "difference")]),
    ("lisensen koster 15 euro per bruker per måned", [(15, "per_period")]),
    ("voor 120 medewerkers", []),  # a count, not a price
])
def test_figures_in_the_other_languages(text, expected):
    assert [(f.amount, f.relation) for f in figures(text)] == expected


@pytest.mark.parametrize("text", [
    "De ProBook 470 G10 is €220 duurder dan de 450",
    "ProBook 470 G10 är 220 € dyrare än 450 G10",
    "ProBook 470 G10 er 220 euro dyrere enn 450",
])
def test_than_starts_the_reference_in_every_language(text):
    parts = segments(text)
    assert [p.reference for p in parts] == [False, True] and "450" in parts[1].text


@pytest.mark.parametrize("text", ["bara 1 099 €", "maar 699 euro", "129 € per skriver", "kun 39,90 € per stk"])
def test_a_bare_figure_in_any_language_is_only_a_figure(text):
    from bot.roleplay.grammar import only_figure
    assert only_figure(text)


def test_written_out_sums_with_spaced_thousands_and_a_unit():
    from bot.roleplay.claims import sums
    assert [(s.count, s.unit, s.total, s.right) for s in sums("13 x 479 € = 6 227 €, 14 stk à 479 € = 6 606 €")] == [
        (13, 479.0, 6227.0, True), (14, 479.0, 6606.0, False)]


def test_a_plus_inside_a_product_name_ends_no_clause():
    joined = frozenset({"ergoseat", "task", "nbd", "accidental"})
    assert [p.text for p in segments("Add the ErgoSeat Plus chair - only €199 - to complete the desk.",
                                     joined=joined)] == ["Add the ErgoSeat Plus chair", "only €199",
                                                         "to complete the desk"]
    assert [p.text for p in segments("the 3-Year On-Site + Accidental Damage plan at €179", joined=joined)] == [
        "the 3-Year On-Site + Accidental Damage plan at €179"]
    assert [p.text for p in segments("Setup plus a spare black toner", joined=joined)] == [
        "Setup", "a spare black toner"]


@pytest.mark.parametrize("text, expected", [
    ("169", [(169, "price")]),  # "Evolve2 65: 169, …": the number is all the clause holds
    ("1,199 each", [(1199, "price")]),
    ("Phone Care 2Y (99)", [(99, "price")]),  # two digits in brackets after a name
    ("only 17 left", []),
    ("it's PoE-only (802.3af)", []),  # a standard's number, not a price
    ("12", []),
])
def test_a_bare_number_alone_or_in_brackets(text, expected):
    assert [(f.amount, f.relation) for f in figures(text)] == expected


def test_a_bracketed_figure_ends_its_clause():
    assert [p.text for p in segments("the ADP cover (EUR 179) each T14s stays within budget")] == [
        "the ADP cover (EUR 179)", "each T14s stays within budget"]


def test_a_glossary_rewrites_a_word_once():
    from bot.language import in_english
    assert in_english("The adapter is only 25 euro") == "the adapter is only 25 euro"
    assert "cable" in in_english("de kabel erbij")


def test_but_starts_a_clause_except_where_it_also_means_only():
    assert [p.text for p in segments("It's €579 but honestly get the Ergotron LX arm too, €179")] == [
        "It's €579", "honestly get the Ergotron LX arm too", "€179"]
    assert len(segments("Die is maar €150 duurder")) == 1  # Dutch "maar" is "only" here


@pytest.mark.parametrize("text, expected", [
    ("like 150 more than the 5440", [(150, "difference")]),
    ("so 70 more", [(70, "difference")]),
    ("2 more laptops", []),  # a count
    ("20 more people", []),
    ("15x U6 Pro = 2,553", [(2553, "total")]),
    ("so €827 for the 8", [(827, "total")]),
    ("dus voor 14 stuks kom je op € 14.586,-", [(14586, "total")]),
])
def test_differences_and_totals_written_bare(text, expected):
    assert [(f.amount, f.relation) for f in figures(text)] == expected


def test_a_percentage_less_and_a_rough_one():
    assert [(f.amount, f.relation, f.approx) for f in figures("The U6+ is 25% cheaper")] == [
        (25, "percent_less", False)]
    assert [(f.relation, f.approx) for f in figures("like 50% cheaper")] == [("percent_less", True)]
    assert [(f.relation, f.approx) for f in figures("about 20% more")] == [("percent", True)]
