"""Every offer gets a reaction in the next customer line, for every persona; a customer who has
decided still gives the rep a turn for an add-on."""

from __future__ import annotations

import pytest

from bot.roleplay.library import load_library

SKUS = ("LAP-PB450-G10", "PHN-GS24-128", "CAM-CAN-R10", "MON-DELL-P2422H", "SW-TF-TEAM", "HDS-JAB-E2-30")


def scenario_for(engine, persona: str):
    for seed in range(1, 200):
        for sku in SKUS:
            for difficulty in ("easy", "normal", "hard"):
                scenario = engine.scenario(sku=sku, seed=seed, difficulty=difficulty)
                if scenario.persona == persona and scenario.upsells and scenario.cross_sells:
                    return scenario
    raise AssertionError(f"no scenario with persona {persona}")


def reacted(state, sku: str) -> bool:
    offer = state.offers.get(sku)
    return offer is not None and (offer["status"] != "open" or state.pending == sku)


@pytest.mark.parametrize("persona", [p.id for p in load_library().personas])
def test_every_offer_gets_a_reaction(engine, persona):
    scenario = scenario_for(engine, persona)
    up, add = scenario.upsells[0], scenario.cross_sells[0]
    session = engine.start(scenario, rep="U1")
    replies = [f"Before you confirm: the {up['name']} is {scenario.money(up['price'] - scenario.anchor['price'])} "
               f"more than the {scenario.anchor['name']}.",
               "It pays for itself: your team gets more out of it every day, and I can send a quote your boss "
               "can sign off on.",
               f"You could add the {add['name']} at {scenario.money(add['price'])}, it goes well with it."]
    for text in replies:
        before = set(session.state.offers)
        reply = engine.reply(session, text, user="U1")
        session = engine.session(session.id)
        assert reply.customer.strip(), text
        for sku in set(session.state.offers) - before:
            assert reacted(session.state, sku), (persona, text, reply.customer, session.state.offers[sku])
        if reply.ended:
            break
    assert up["sku"] in session.state.offers, "the upsell was read as an offer"


def test_a_decided_customer_waits_one_more_turn_for_an_add_on(engine):
    scenario = engine.scenario(sku="CAM-CAN-R10", seed=11)
    session = engine.start(scenario, rep="U1")
    for text in ("Great choice.", "Sure, the R10 it is.", "Good question, let me check."):
        reply = engine.reply(session, text, user="U1")
        session = engine.session(session.id)
        assert not reply.ended, (text, reply.customer)
    add = scenario.cross_sells[0]
    reply = engine.reply(session, f"One more thing: the {add['name']} at {scenario.money(add['price'])}.", user="U1")
    session = engine.session(session.id)
    assert reacted(session.state, add["sku"]), reply.customer
