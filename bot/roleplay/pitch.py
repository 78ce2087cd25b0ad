"""The model pitch: the bot plays the rep, from the advisor's grounded talking points.

`model_reply` is the rep's next line given the customer's state: confirm the product and its
price, propose the top upgrade at the decision point with the price difference and what it buys,
answer each objection with catalog facts, then offer the top add-on that fits what is left of
the budget once the main product is settled, and close. Every number comes from the catalog.
"""

from __future__ import annotations

from bot.advisor import Advisor, parse_question
from bot.advisor.money import percent_more
from bot.advisor.talking_points import first_sentence
from bot.roleplay.customer import State
from bot.roleplay.scenario import Scenario
from catalog import Catalog

DONE = "done"


def model_reply(scenario: Scenario, state: State, advisor: Advisor) -> str:
    catalog = advisor.catalog
    anchor = catalog.get(scenario.anchor["sku"])
    if state.ended:
        return DONE
    if state.pending:
        return _answer(scenario, state, catalog)
    offered = set(state.offers)
    upsell = next((s for s in scenario.upsells if s["sku"] not in offered), None)
    if state.phase == "deciding" and upsell and not any(o["relation"] == "upsell" for o in state.offers.values()):
        return _upsell(scenario, anchor, upsell)
    if state.phase == "deciding":
        return (f"The {anchor.name} at {scenario.money(anchor.price)} is a sound choice {scenario.need}. "
                "Shall I put it on the quote?")
    cross = _fitting_cross(scenario, state, advisor)
    if cross and not any(o["relation"] == "cross_sell" for o in state.offers.values()):
        return _cross(scenario, state, cross)
    return DONE


def _upsell(scenario: Scenario, anchor, upsell: dict) -> str:
    delta = upsell["price"] - anchor.price
    pct = percent_more(upsell["price"], anchor.price)
    points = [p for p in upsell["talking_points"][1:2]]
    text = (f"Good choice: the {anchor.name} is {scenario.money(anchor.price)}. Before you confirm, compare the "
            f"{upsell['name']}: {scenario.money(delta)} more per unit ({scenario.money(upsell['price'])} vs "
            f"{scenario.money(anchor.price)}, +{pct}%).")
    if points:
        text += f" {points[0]}."
    text += f" For your {scenario.need_short} that is the difference they notice every day."
    return text


def _cross(scenario: Scenario, state: State, cross: dict) -> str:
    facts = [p for p in cross["talking_points"] if not p.startswith("Adds ")][:2]
    return (f"Now that the main product is settled, one add-on: the {cross['name']}, "
            f"{scenario.money(cross['price'])} per unit. " + ". ".join(facts) + ".")


def _fitting_cross(scenario: Scenario, state: State, advisor: Advisor) -> dict | None:
    """The advisor's top add-on for what the customer now buys, within what is left of the budget."""
    picks = scenario.cross_sells
    main = scenario.anchor["price"]
    if state.choice != scenario.anchor["sku"]:
        chosen = advisor.catalog.get(state.choice)
        main = chosen.price
        advice = advisor.advise(chosen, question=parse_question(f"max {scenario.budget:.0f} each"))
        picks = tuple(s.to_dict() for s in advice.cross_sell)
    left = scenario.budget - main
    return next((c for c in picks if c["price"] <= left + 0.01 and c["sku"] not in state.offers), None)


def _answer(scenario: Scenario, state: State, catalog: Catalog) -> str:
    """An answer to the pending objection, built from the two catalog records involved."""
    raised = state.raised[-1]
    offer = state.offers[state.pending]
    product = catalog.get(state.pending)
    anchor = catalog.get(scenario.anchor["sku"])
    kind = raised["kind"]
    upgrade = offer["relation"] == "upsell"
    delta = product.price - anchor.price
    differs = [f"{k.replace('_', ' ')} {anchor.attributes[k]} → {v}" for k, v in product.spec_attributes.items()
               if k in anchor.spec_attributes and anchor.attributes[k] != v]
    what = "; ".join(differs[:2]) or first_sentence(product.description) or product.name
    if kind == "price" and upgrade:
        return (f"It's {scenario.money(delta)} more per unit (+{percent_more(product.price, anchor.price)}%), "
                f"and for that your team gets {what}. Over the years they'll use it, the difference is small.")
    if kind == "price":
        total = (scenario.anchor["price"] if state.choice == scenario.anchor["sku"]
                 else state.offers[state.choice]["price"]) + product.price
        return (f"With the {product.name} at {scenario.money(product.price)} the total is "
                f"{scenario.money(total)} per unit, still within your budget of {scenario.money(scenario.budget)}.")
    if kind == "need" and upgrade:
        return (f"Compared with the {anchor.name}, you get {what}. "
                f"{first_sentence(product.description) or ''}. That matters because of what you told me about "
                f"your {scenario.need_short}.")
    if kind == "need":
        chosen = catalog.get(state.choice)
        fits = chosen.name if any(t.lower() in (chosen.sku.lower(), (chosen.family or "").lower())
                                  for t in product.compatible_with) else ""
        use = first_sentence(product.description) or product.name
        return (f"Because your team will use it every day: {use}." + (f" It's listed as compatible with {fits}."
                                                                       if fits else ""))
    if kind == "timing":
        return (f"You can add it later, but ordering the {product.name} now means it comes with the same delivery "
                "and everything is set up in one go. I can also hold the price in the quote.")
    if kind == "competitor" and scenario.competitor:
        rival = catalog.get(scenario.competitor["sku"])
        edges = [f"{k.replace('_', ' ')} {v} vs {rival.attributes[k]}" for k, v in product.spec_attributes.items()
                 if k in rival.spec_attributes and rival.attributes[k] != v][:2]
        rating = f", and it's rated {product.rating:g}/5 by {product.review_count:,} customers" \
            if product.rating and product.review_count else ""
        return (f"Compared with the {rival.name} ({scenario.money(rival.price)}): the {product.name} has "
                + ("; ".join(edges) or "the same family as the rest of your fleet") + rating + ".")
    return (f"I'll send you a written quote with both options side by side — the {product.name} at "
            f"{scenario.money(product.price)} and what it gives your team — so {scenario.boss} can see the difference.")
