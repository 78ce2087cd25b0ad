"""Reading a rep's reply: which products they offered, which claims are wrong, what they answered."""

from __future__ import annotations

import pytest

from tests.bot.roleplay.conftest import SEED, SKU


@pytest.fixture
def scenario(engine):
    return engine.scenario(sku=SKU, seed=SEED)


def read(engine, scenario, text, **kwargs):
    return engine.reader.read(text, scenario, choice=SKU, **kwargs)


@pytest.mark.parametrize("text, sku, relation", [
    ("You could take the ProBook 470 instead.", "LAP-PB470-G10", "upsell"),
    ("What about the LAP-PB470-G10?", "LAP-PB470-G10", "upsell"),
    ("I'd add the HP USB-C Dock G5 for the desk.", "DCK-HP-G5", "cross_sell"),
    ("And a docking station, so one cable does everything.", "DCK-HP-G5", "cross_sell"),
    ("Take the Targus Cypress backpak too.", "BAG-156-CYP", "cross_sell"),  # a typo
    ("And the Cypress backpack for the commute.", "BAG-156-CYP", "cross_sell"),  # part of a long name
    ("Add the Targus 14-inch MultiFit Sleeve.", "BAG-14-SLV", "incompatible"),
    ("Also the Northwind ErgoSeat Basic Task Chair.", "CHAIR-NW-ERGO-B", "irrelevant"),
])
def test_offers_are_found_and_classified(engine, scenario, text, sku, relation):
    offers = read(engine, scenario, text).offers
    assert [(o.sku, o.relation) for o in offers] == [(sku, relation)]


def test_the_product_being_bought_and_plain_words_are_not_offers(engine, scenario):
    heard = read(engine, scenario, "The HP ProBook 450 G10 is a great pick for your team, over three years.")
    assert heard.offers == ()


def test_true_claims_pass_and_wrong_ones_carry_the_catalog_value(engine, scenario):
    heard = read(engine, scenario, "The ProBook 470 G10 is €220 more (€1,199 vs €979, +22%), with a 17.3-inch "
                                   "screen and an i7.")
    assert heard.claims and heard.flagged == () and heard.price_framing
    wrong = read(engine, scenario, "The ProBook 470 G10 is only €150 more, +15%, and has 32 GB of RAM.")
    flagged = {c.claim: c.actual for c in wrong.flagged}
    # each figure with the product it belongs to and the one it is compared with
    assert flagged == {"€150 more for the HP ProBook 470 G10 than the HP ProBook 450 G10": "€220 more (€1,199 vs €979)",
                       "+15% for the HP ProBook 470 G10 over the HP ProBook 450 G10": "+22%",
                       "32 GB on the HP ProBook 470 G10": "memory: 16 GB"}


def test_an_incompatible_accessory_is_a_flagged_claim(engine, scenario):
    heard = read(engine, scenario, "Add the Targus 14-inch MultiFit Sleeve.")
    assert [(c.kind, c.actual) for c in heard.flagged] == [
        ("compatibility", "listed as compatible with HP ProBook 440 G10, Lenovo ThinkPad E14 Gen 5, "
                          "Lenovo ThinkPad T14 Gen 4, Lenovo ThinkPad T14s Gen 4 and 1 more")]


def test_a_price_without_a_product_is_about_the_offer_under_discussion(engine, scenario):
    heard = read(engine, scenario, "It's only €220 more per unit.", focus="LAP-PB470-G10")
    assert [(c.kind, c.sku, c.true) for c in heard.claims] == [("difference", "LAP-PB470-G10", True)]


@pytest.mark.parametrize("kind, text", [
    ("price", "It's only €220 more per unit, and your team gets a faster processor every day."),
    ("boss", "I'll email you a written quote with both options so you can show your director."),
    ("timing", "If we order it now it comes in the same delivery and is set up in one go."),
    ("need", "Because your staff move between desks every day, it saves them plugging in five cables."),
])
def test_which_objection_a_reply_answers(engine, scenario, kind, text):
    heard = read(engine, scenario, text)
    assert heard.answers(kind), heard.answered
    assert max(heard.answered, key=heard.answered.get) == kind


def test_small_talk_answers_nothing_and_pressure_is_heard(engine, scenario):
    heard = read(engine, scenario, "Lovely weather today. Buy now, it's the last chance!")
    assert not any(heard.answers(k) for k in heard.answered)
    assert set(heard.pressure) == {"buy now", "last chance"}


def test_a_confirmation_offers_nothing_unless_it_goes_on_to_offer(engine, scenario):
    assert read(engine, scenario, "Done: 12 × Targus Cypress backpack at €42.90 = €514.80.").offers == ()
    assert read(engine, scenario, "The order is now 12 × HP ProBook 450 G10 plus the Cypress backpacks.").offers == ()
    heard = read(engine, scenario, "Added. How about the HP USB-C Dock G5 too?")
    assert [o.sku for o in heard.offers] == ["DCK-HP-G5"]


def test_what_the_rep_takes_back_is_not_offered(engine, scenario):
    heard = read(engine, scenario, "The HP USB-C Dock G5 would take you over budget, so I'd skip it. "
                                   "The Cypress backpack fits, though.")
    assert [o.sku for o in heard.offers] == ["BAG-156-CYP"]


def test_the_offer_under_discussion_argued_for_or_given_up(engine, scenario):
    focus = {"focus": "LAP-PB470-G10"}
    # argued for without a name: still on offer
    assert [(o.sku, o.via) for o in read(engine, scenario, "It's only €220 more and the screen is bigger.",
                                         **focus).offers] == [("LAP-PB470-G10", "focus")]
    # given up: named or not, it is no longer offered
    assert read(engine, scenario, "The 470 is worth it only for the big screen; otherwise I'd stay with the 450.",
                **focus).offers == ()
    assert read(engine, scenario, "Honestly, if they only do Office the 450 is fine.", **focus).offers == ()
    assert read(engine, scenario, "Understood, thanks!", **focus).offers == ()


def test_an_add_on_the_customer_took_is_confirmed_not_offered_again(engine, scenario):
    heard = read(engine, scenario, "Great, the Cypress backpack goes on the order for all 12.",
                 accepted=("BAG-156-CYP",))
    assert heard.offers == ()


def test_reps_shorthand_is_spelled_out():
    from bot.roleplay.naming import spelled_out
    assert spelled_out("3-yr on-site + ADP, Phone Care 2Y w/ cable") == \
        "3-year on-site + accidental damage, Phone Care 2-year with cable"
    assert spelled_out("the TB4 dock") == "the Thunderbolt 4 dock"


def test_a_multiplication_is_judged_by_its_arithmetic(engine, scenario):
    wrong = read(engine, scenario, "Add the Cypress backpack: 12 x 42.90 = €524.80 for the team.")
    assert [(c.kind, c.sku, c.amount, c.actual) for c in wrong.flagged] == [
        ("total", "BAG-156-CYP", 524.8, "12 × €42.90 = €514.80")]
    # a count that is not the order's still adds up: no flag on the total, the unit price is checked
    right = read(engine, scenario, "For the 7 people who travel, the Cypress backpack: 7 × €42.90 = €300.30.")
    assert right.flagged == () and any(c.kind == "price" and c.true for c in right.claims)


@pytest.mark.parametrize("text", [
    "Misschien de ProBook 470 G10? Die is maar €150 duurder dan de 450, en voeg de Cypress-rugzak toe.",
    "Kolla in ProBook 470 G10, den är bara 150 € dyrare än 450. Lägg också till Cypress-ryggsäcken.",
    "Hva med ProBook 470 G10? Den er kun 150 euro dyrere enn 450, og legg til Cypress-sekken.",
])
def test_a_reply_in_dutch_swedish_or_norwegian_is_read_for_offers_and_prices(engine, scenario, text):
    heard = read(engine, scenario, text)
    assert [(o.sku, o.relation) for o in heard.offers] == [("LAP-PB470-G10", "upsell"), ("BAG-156-CYP", "cross_sell")]
    [flag] = heard.flagged  # the false difference, in the trainer's terms
    assert flag.amount == 150 and flag.actual == "€220 more (€1,199 vs €979)"
    assert flag.claim.endswith("more for the HP ProBook 470 G10 than the HP ProBook 450 G10")


def test_pressure_is_heard_in_every_language(engine, scenario):
    for text in ("Alleen vandaag deze prijs!", "Bara idag, bestäm dig nu.", "Kun i dag, slå til!"):
        assert read(engine, scenario, text).pressure, text


@pytest.mark.parametrize("scenario_key, text, offered", [
    # a name written as one ("Plus" is part of it), with the price it is said at
    (("DESK-NW-SS160", 34, "easy"), "Add the ErgoSeat Plus chair - only €199 - to complete the desk.",
     ["CHAIR-NW-ERGO-P"]),
    # the noun for what an add-on is, beside its price or an offer
    (("DESK-NW-SS160", 34, "easy"), "Shall I add assembly at €59?", ["SVC-ASSEMBLY"]),
    (("DESK-NW-SS160", 34, "easy"), "it's meant for part-time desks", []),
    # a word few names have names the add-on when written as a name, not as a plain word
    (("LAP-PB440-G10", 21, "normal"), "If your people carry them around all day, the 14-inch is lighter.", []),
    (("LAP-PB440-G10", 21, "normal"), "For the commute I'd add the Cypress, it takes a tablet too.",
     ["BAG-156-CYP"]),
    # what the customer may have already is asked about, not offered
    (("NET-U6-PLUS", 32, "hard"), "One practical question: do you already have a PoE switch?", []),
])
def test_add_ons_named_in_passing(engine, scenario_key, text, offered):
    heard = read_in(engine, " ".join(map(str, scenario_key)), text)
    assert [o.sku for o in heard.offers] == offered


def read_in(engine, scenario_key: str, text: str, **kwargs):
    """A reply read in a scenario given as "SKU seed difficulty"."""
    sku, seed, difficulty = scenario_key.split()
    return engine.reader.read(text, engine.scenario(sku=sku, seed=int(seed), difficulty=difficulty), **kwargs)


@pytest.mark.parametrize("text, flagged", [
    # an add-on named in passing, its wrong price in the same sentence
    ("Add the ErgoSeat Plus chair - only €199 - to complete the desk.",
     [("€199 for the Northwind ErgoSeat Plus Task Chair", "€239")]),
    # a sentence that is only a figure is its predecessor's price
    ("Want the Northwind Dual Monitor Arm as well? Only €74.90.",
     [("€74.90 for the Northwind Dual Monitor Arm", "€84.90")]),
])
def test_a_wrong_price_is_flagged_on_the_product_it_belongs_to(engine, text, flagged):
    heard = read_in(engine, "DESK-NW-SS160 34 easy", text)
    assert [(c.claim, c.actual) for c in heard.flagged] == flagged


def test_the_kind_the_customer_just_named_in_full_is_that_product(engine):
    scenario = engine.scenario(sku="MON-DELL-P2423D", seed=26, difficulty="normal")
    line = ("Wait, does the Apple 20W USB-C Power Adapter even work with the Dell 24 Monitor P2423D? "
            "The listing says it fits iPhone 15, iPad.")
    heard = engine.reader.read("The adapter is only 25 euro, no harm in adding it.", scenario, said_to=line)
    # its €25 is true; what is wrong is offering a phone charger with a monitor
    assert [(o.sku, o.relation) for o in heard.offers] == [("CHR-APL-20W", "incompatible")]
    assert [c.kind for c in heard.flagged] == ["compatibility"]


def test_a_written_sum_is_checked_to_the_cent_and_on_its_unit_price(engine):
    from bot.roleplay.scoring import _truth
    tmp = engine.scenario(sku="LAP-TPT14-G4", seed=22, difficulty="easy")
    slip = engine.reader.read("T14 it is: 6 x 1,289 = 7,743.", tmp)
    assert [(c.kind, c.actual) for c in slip.flagged] == [("total", "6 × €1,289 = €7,734")]
    assert engine.reader.read("T14 it is: 6 x 1,289 = 7,700 or so.", tmp).flagged == ()  # rounded, as reps do
    camera = engine.scenario(sku="CAM-CAN-R8", seed=25, difficulty="easy")
    heard = engine.reader.read("grab 8 of the SanDisk Extreme PRO UHS-II 128 GB cards too, €79 each, 8 x 79 = 632",
                               camera)
    assert [(c.kind, c.actual, c.follows) for c in heard.flagged] == [
        ("price", "€89", False), ("total", "8 × €89 = €712", True)]
    flagged = [{"claim": c.claim, "actual": c.actual, "turn": 1, **({"follows": True} if c.follows else {})}
               for c in heard.flagged]
    truth = _truth(list(heard.claims), flagged)
    assert truth.points == 12 and "no extra cost" in truth.note  # one wrong price, told twice, costs once


@pytest.mark.parametrize("text", [
    "Want Camera Care 2-Year with it? 89 per camera",
    "Do you want the Camera Care 2-Year? €89 a camera, good for shoots on location.",
])
def test_a_sentence_led_by_a_figure_prices_what_the_sentence_before_offered(engine, text):
    camera = engine.scenario(sku="CAM-CAN-R8", seed=25, difficulty="easy")
    heard = engine.reader.read(text, camera)
    assert [(c.sku, c.actual) for c in heard.claims if c.kind == "price"] == [("SVC-CAM-2Y", "€99")]


def test_a_running_total_names_what_it_adds_up(engine):
    scenario = engine.scenario(sku="MON-DELL-U2723QE", seed=44, difficulty="normal")
    right = engine.reader.read("A Northwind Single Monitor Arm at €59.90 would still fit, that puts you at €638.90.",
                               scenario)
    assert right.flagged == ()
    wrong = engine.reader.read("northwind single arm is 59.90, 628.90 with the screen", scenario)
    assert [(c.kind, c.sku, c.actual) for c in wrong.flagged] == [
        ("total", "MON-DELL-U2723QE", "€579 + €59.90 = €638.90")]


def test_rounded_thousands_and_model_numbers(engine):
    scenario = engine.scenario(sku="LAP-LAT5440", seed=41, difficulty="normal")
    heard = engine.reader.read("5440 is a solid pick. we could also do the 5540, thats ~1.2k", scenario)
    assert [o.sku for o in heard.offers] == ["LAP-LAT5540"] and heard.flagged == ()  # €1,189 is ~1.2k
    assert [c.actual for c in engine.reader.read("the 5540 is ~1.1k", scenario).flagged] == ["€1,189"]


def test_a_total_for_the_order_is_said_back_as_count_times_price(engine):
    scenario = engine.scenario(sku="WEB-LOG-BRIO500", seed=48, difficulty="hard")
    assert scenario.quantity == 8
    line = "I'm after 8 of the Logitech Brio 500 Full HD Webcam. It's €109, right?"
    heard = engine.reader.read("Hi Jonas, correct, €109 per unit, so €827 for the 8.", scenario, said_to=line)
    assert [(c.kind, c.actual) for c in heard.flagged] == [("total", "8 × €109 = €872")]


def test_a_question_the_library_has_no_kind_for_is_judged_on_the_reply(engine, scenario):
    line = "What's the catch with the HP ProBook 450 G10?"
    honest = read(engine, scenario, "Honest answer: the catch is weight, it's 15.6 inches, so it is heavier to carry, "
                                    "because the bigger screen and numeric keypad need the room. For desk work "
                                    "that is worth it; for people who travel every day the 440 is lighter.",
                  said_to=line)
    pushy = read(engine, scenario, "No catch, just buy it today, stock is running out!", said_to=line)
    assert honest.answers("trust") and not pushy.answers("trust")


def test_a_figure_led_sentence_goes_on_about_its_subject(engine):
    heard = read_in(engine, "MON-DELL-U2723QE 44 normal",
                    "A Northwind Single Monitor Arm maybe? 59.90, 628.90 with the screen.")
    assert [(c.kind, c.actual) for c in heard.flagged] == [("total", "€579 + €59.90 = €638.90")]


def test_a_percentage_cheaper_is_checked_against_what_it_is_compared_with(engine):
    wrong = read_in(engine, "NET-U6-PRO 47 easy", "The U6+ is 139, 25% cheaper than the U6 Pro.")
    assert [(c.kind, c.actual) for c in wrong.flagged] == [("percent", "−18%")]
    assert read_in(engine, "NET-U6-PRO 47 easy", "The U6+ is 139, about 18% cheaper than the U6 Pro.").flagged == ()
