"""Scripted sessions against the customer: good and poor reps, the scorecard, and determinism."""

from __future__ import annotations

import pytest

from bot.roleplay.customer import State, respond
from bot.roleplay.session import is_done, model_pitch
from bot.roleplay.understanding import Understanding
from tests.bot.roleplay.conftest import GOOD_REP, POOR_REP, SEED, SKU
from tests.conftest import make_services


@pytest.fixture
def practice(demo_store, encoder):
    """Sessions stored in a copy of the demo, once on each backend (SQLite and PostgreSQL)."""
    services = make_services(demo_store, encoder)
    yield services
    services.db.close()


def play(engine, replies, *, seed=SEED, difficulty="normal", sku=SKU, rep="U1"):
    scenario = engine.scenario(sku=sku, difficulty=difficulty, seed=seed)
    session = engine.start(scenario, rep=rep)
    for text in replies:
        if is_done(text):
            break
        reply = engine.reply(session, text, user=rep)
        session = engine.session(session.id)
        if reply.ended:
            break
    card, stored = engine.finish(session)
    assert stored
    return engine.session(session.id), card


def transcript(session):
    return [(t.rep_text, t.customer_text) for t in session.turns]


def test_a_good_rep_scores_clearly_higher_than_a_poor_one(engine):
    good_session, good = play(engine, GOOD_REP)
    poor_session, poor = play(engine, POOR_REP)
    assert good.score >= 85, good.to_dict()
    assert poor.score <= 40, poor.to_dict()
    assert good.score - poor.score >= 45
    for key in ("truth", "objections", "pushy"):
        assert good.criteria[key].points > poor.criteria[key].points, key
    assert good.flagged_claims == ()
    offered = {o["sku"]: o for o in good.offers}
    assert offered["LAP-PB470-G10"]["status"] == "accepted"  # the upsell, after its price objection
    assert offered["BAG-173-TOP"]["status"] == "accepted"  # the add-on, after "ask my boss"
    assert len(offered) == 2


def test_the_poor_reps_wrong_price_is_flagged_with_the_catalogs(engine):
    _, poor = play(engine, POOR_REP)
    assert {"claim": "€899 for the HP ProBook 470 G10", "actual": "€1,199", "turn": 1} in poor.flagged_claims
    assert poor.criteria["truth"].points < poor.criteria["truth"].max
    # every lost point names the reply that lost it
    assert "reply 1 “only today”" in poor.criteria["pushy"].note and "(too many" in poor.criteria["pushy"].note
    assert "offered the Northwind ErgoSeat Basic Task Chair (does not fit the need)" in poor.criteria["fit"].note
    assert "offered the HP 149A Black Original LaserJet Toner (not compatible" in poor.criteria["fit"].note
    assert "reply 1 said “€899 for the HP ProBook 470 G10”, the catalog says €1,199" in poor.criteria["truth"].note


def test_the_poor_rep_loses_the_customer(engine):
    session, poor = play(engine, POOR_REP)
    assert poor.ended == "walked away"
    lines = " ".join(t.customer_text for t in session.turns)
    assert "half the shop" in lines or "a lot of things at once" in lines or "Too many options" in lines


def test_same_seed_gives_the_same_scenario_and_the_same_customer_lines(engine):
    first, _ = play(engine, GOOD_REP)
    second, _ = play(engine, GOOD_REP)
    assert first.scenario == second.scenario
    assert transcript(first) == transcript(second)
    other, _ = play(engine, GOOD_REP, seed=SEED + 1)
    assert (other.scenario.customer, other.scenario.budget, transcript(other)[0]) != \
        (first.scenario.customer, first.scenario.budget, transcript(first)[0])


def test_the_scenario_comes_from_the_live_catalog(engine, practice):
    scenario = engine.scenario(sku=SKU, seed=SEED)
    anchor = practice.catalog.get(SKU)
    assert scenario.anchor["price"] == anchor.price and scenario.need.startswith("for office staff")
    assert [s["sku"] for s in scenario.upsells] == ["LAP-PB470-G10"]
    assert scenario.budget >= scenario.upsells[0]["price"]
    assert all(s["sku"] not in scenario.goal for s in (*scenario.upsells, *scenario.cross_sells))
    assert scenario.competitor and scenario.competitor["name"] == "Dell Latitude 5540"


@pytest.mark.parametrize("difficulty, objections, patience", [("easy", 1, 4), ("normal", 2, 3), ("hard", 3, 2)])
def test_difficulty_changes_objections_patience_and_budget(engine, difficulty, objections, patience):
    scenario = engine.scenario(sku=SKU, seed=SEED, difficulty=difficulty)
    assert len(scenario.objection_plan) == objections and scenario.patience == patience
    easy = engine.scenario(sku=SKU, seed=SEED, difficulty="easy")
    assert scenario.budget <= easy.budget


def test_a_product_picked_by_the_seed_has_something_to_practise(engine):
    scenario = engine.scenario(seed=123)
    assert scenario.upsells and scenario.cross_sells


def test_after_the_upgrade_an_add_on_must_fit_the_upgrade(engine):
    """The 15.6-inch backpack fits the ProBook 450, not the 17.3-inch 470 the customer switched to."""
    scenario = engine.scenario(sku=SKU, seed=SEED)
    session = engine.start(scenario, rep="U1")
    for text in GOOD_REP[:2]:
        engine.reply(session, text, user="U1")
        session = engine.session(session.id)
    assert session.state.choice == "LAP-PB470-G10"
    reply = engine.reply(session, "I'd add the Targus Cypress 15.6-inch EcoSmart Backpack too.", user="U1")
    assert reply.understood.offers[0].relation == "incompatible"
    assert "not the HP ProBook 470 G10" in reply.customer
    assert reply.understood.flagged[0].actual.startswith("listed as compatible with HP ProBook 450 G10")


def test_an_unanswered_objection_is_repeated_then_the_offer_declined(engine):
    scenario = engine.scenario(sku=SKU, seed=SEED)
    session = engine.start(scenario, rep="U1")
    engine.reply(session, "Have a look at the HP ProBook 470 G10, it is €1,199.", user="U1")
    session = engine.session(session.id)
    assert session.state.pending == "LAP-PB470-G10"
    dodge = engine.reply(session, "Lovely weather today, isn't it?", user="U1")
    assert "didn't really answer" in dodge.customer or "doesn't answer" in dodge.customer \
        or dodge.customer.startswith("Hm.")
    session = engine.session(session.id)
    again = engine.reply(session, "Anyway, what colour is your office?", user="U1")
    assert again.state.offers["LAP-PB470-G10"]["status"] == "declined"
    assert again.state.phase == "decided"  # turned down the upgrade: settles on the ProBook 450


def test_the_customer_is_a_pure_function_of_state_and_reply(engine):
    scenario = engine.scenario(sku=SKU, seed=SEED)
    heard = engine.reader.read(GOOD_REP[0], scenario, choice=SKU)
    state = State(choice=SKU, objections_left=scenario.objection_plan, patience=scenario.patience)
    first = respond(scenario, state, heard, engine.library)
    again = respond(scenario, state, Understanding.from_dict(heard.to_dict()), engine.library)
    assert first == again and state.turn == 0  # nothing mutated


def test_the_model_pitch_handles_the_customer_and_scores_well(engine):
    scenario = engine.scenario(sku=SKU, seed=SEED)
    exchanges, card = model_pitch(engine, scenario)
    assert card.score >= 85, card.to_dict()
    assert card.flagged_claims == ()
    pitch = " ".join(e.rep for e in exchanges if e.rep)
    assert "€220 more" in pitch and "HP ProBook 470 G10" in pitch


@pytest.mark.parametrize("seed, difficulty", [(1, "easy"), (2, "normal"), (3, "hard"), (4, "hard")])
def test_model_pitches_never_state_a_wrong_fact(engine, seed, difficulty):
    scenario = engine.scenario(seed=seed, difficulty=difficulty)
    exchanges, card = model_pitch(engine, scenario)
    assert card.flagged_claims == (), (scenario.anchor, card.flagged_claims)
    said = [e.customer for e in exchanges if e.customer]
    assert len(said) == len(set(said))  # the customer never says the same thing twice
