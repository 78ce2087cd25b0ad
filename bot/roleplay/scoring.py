"""The scorecard: a rubric out of 100, every criterion with its points, its maximum and why.

| criterion          | max | full marks when                                                     |
|--------------------|-----|---------------------------------------------------------------------|
| fitting offers     | 20  | an upsell (10) and a cross-sell (10) the advisor itself suggests;   |
|                    |     | another fitting one earns 7; each irrelevant or incompatible offer  |
|                    |     | costs 5                                                             |
| true claims        | 20  | every price, price difference and spec stated matches the catalog;  |
|                    |     | each wrong one costs 8                                              |
| value framing      | 10  | a true price or price difference stated (5), a benefit tied to the  |
|                    |     | customer's need or to a spec that differs (5)                       |
| objection handling | 30  | every objection raised was answered: the skill role-play is for, so |
|                    |     | a rep who answers none cannot pass on offers and manners alone      |
| timing             | 10  | the upsell before the decision (5), the cross-sell after it (5)     |
| not pushy          | 10  | at most 3 offers (5) and no pressure phrases (5)                    |
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bot.roleplay.customer import State
from bot.roleplay.scenario import Scenario
from bot.roleplay.understanding import Understanding

RUBRIC = {"fit": ("fitting offers", 20), "truth": ("true claims", 20),
          "framing": ("value framing", 10), "objections": ("objection handling", 30),
          "timing": ("timing", 10), "pushy": ("not pushy", 10)}
WRONG_CLAIM, IRRELEVANT_OFFER = 8, 5
_WHY_OFF = {"irrelevant": "does not fit the need", "incompatible": "not compatible with what they buy"}


@dataclass(frozen=True)
class Criterion:
    label: str
    points: int
    max: int
    note: str


@dataclass(frozen=True)
class Scorecard:
    score: int
    criteria: dict[str, Criterion]
    flagged_claims: tuple[dict, ...]  # {"claim", "actual"}
    offers: tuple[dict, ...]  # what the rep offered and what the customer did with it
    model_talking_points: tuple[dict, ...]  # the advisor's pitch for this scenario
    ended: str | None

    def to_dict(self) -> dict:
        return {"score": self.score, "criteria": {k: asdict(v) for k, v in self.criteria.items()},
                "flagged_claims": list(self.flagged_claims), "offers": list(self.offers),
                "model_talking_points": list(self.model_talking_points), "ended": self.ended}

    @classmethod
    def from_dict(cls, data: dict) -> Scorecard:
        return cls(score=data["score"], criteria={k: Criterion(**v) for k, v in data["criteria"].items()},
                   flagged_claims=tuple(data["flagged_claims"]), offers=tuple(data["offers"]),
                   model_talking_points=tuple(data["model_talking_points"]), ended=data.get("ended"))


def score(scenario: Scenario, heard: list[Understanding], state: State) -> Scorecard:
    offers = list(state.offers.values())
    claims = [c for h in heard for c in h.claims]
    flagged = list({(c.claim, c.actual): {"claim": c.claim, "actual": c.actual, "turn": turn}
                    for turn, h in enumerate(heard, start=1) for c in h.claims if not c.true}.values())
    criteria = {
        "fit": _fit(scenario, offers, state),
        "truth": _truth(claims, flagged),
        "framing": _framing(heard),
        "objections": _objections(state, offers),
        "timing": _timing(scenario, offers, state),
        "pushy": _pushy(offers, heard),
    }
    return Scorecard(
        score=sum(c.points for c in criteria.values()), criteria=criteria,
        flagged_claims=tuple(flagged),
        offers=tuple({"sku": sku, "name": o["name"], "price": o["price"], "relation": o["relation"],
                      "status": o["status"], "reason": o.get("reason"), "turn": o["turn"]}
                     for sku, o in state.offers.items()),
        model_talking_points=model_talking_points(scenario), ended=state.ended,
    )


def _criterion(key: str, points: float, note: str) -> Criterion:
    label, most = RUBRIC[key]
    return Criterion(label=label, points=max(0, min(most, round(points))), max=most, note=note)


def _affordable_cross_sells(scenario: Scenario, state: State) -> tuple[dict, ...]:
    """The advisor's cross-sells that still fit the budget next to what the customer chose."""
    chosen = state.offers.get(state.choice, {}).get("price", scenario.anchor["price"])
    return tuple(c for c in scenario.cross_sells if c["price"] <= scenario.budget - chosen + 0.01)


def _fit(scenario: Scenario, offers: list[dict], state: State) -> Criterion:
    notes, points = [], 0.0
    crosses = _affordable_cross_sells(scenario, state) if not any(
        o["relation"] == "cross_sell" for o in offers) else scenario.cross_sells
    for relation, most, model in (("upsell", 10, scenario.upsells), ("cross_sell", 10, crosses)):
        mine = [o for o in offers if o["relation"] == relation]
        word = "upsell" if relation == "upsell" else "cross-sell"
        if any(o["modelled"] for o in mine):
            points += most
            notes.append(f"{word} {next(o['name'] for o in mine if o['modelled'])} is one the advisor suggests")
        elif mine:
            points += 7
            notes.append(f"{word} {mine[0]['name']} fits, but the advisor would lead with "
                         f"{model[0]['name'] if model else 'something else'}")
        elif not model:
            points += most
            notes.append(f"no {word} fits what is left of the budget, and none was offered: right")
        else:
            notes.append(f"no {word} offered (the advisor suggests {model[0]['name']})")
    misfits = [o for o in offers if o["relation"] in ("irrelevant", "incompatible")]
    if misfits:
        points -= IRRELEVANT_OFFER * len(misfits)
        notes.append("off-target, −5 each: " + ", ".join(
            f"reply {o['turn']} offered the {o['name']} ({_WHY_OFF[o['relation']]})" for o in misfits))
    return _criterion("fit", points, "; ".join(notes))


def _truth(claims: list, flagged: list[dict]) -> Criterion:
    if not claims:
        return _criterion("truth", RUBRIC["truth"][1], "no prices or specs stated, so nothing wrong")
    if not flagged:
        return _criterion("truth", RUBRIC["truth"][1], f"all {len(claims)} claims match the catalog")
    return _criterion("truth", RUBRIC["truth"][1] - WRONG_CLAIM * len(flagged),
                      f"{len(flagged)} of {len(claims)} claims do not match the catalog, −{WRONG_CLAIM} each: "
                      + "; ".join(f"reply {c['turn']} said “{c['claim']}”, the catalog says {c['actual']}"
                                  for c in flagged))


def _framing(heard: list[Understanding]) -> Criterion:
    price = any(h.price_framing for h in heard)
    benefit = any(h.benefit for h in heard)
    notes = ["stated a true price or price difference" if price else "never stated what the offer costs",
             "tied the offer to the customer's need or to what differs" if benefit
             else "no benefit tied to the customer's need"]
    return _criterion("framing", 5 * price + 5 * benefit, "; ".join(notes))


def _objections(state: State, offers: list[dict]) -> Criterion:
    raised = state.raised
    if not raised:
        fine = any(o["status"] == "accepted" for o in offers)
        return _criterion("objections", RUBRIC["objections"][1] if fine else 0,
                          "no objection came up" + ("" if fine else ": nothing was offered to object to"))
    handled = [r for r in raised if r["handled"]]
    missed = [r for r in raised if not r["handled"]]
    note = f"answered {len(handled)} of {len(raised)} objections"
    if missed:
        names = {sku: o["name"] for sku, o in state.offers.items()}
        note += "; not answered: " + "; ".join(
            f"the {r['kind']} objection to the {names.get(r['sku'], 'offer')} after reply {r['turn']}"
            for r in missed)
    return _criterion("objections", RUBRIC["objections"][1] * len(handled) / len(raised), note)


def _timing(scenario: Scenario, offers: list[dict], state: State) -> Criterion:
    ups = [o for o in offers if o["relation"] == "upsell"]
    crosses = [o for o in offers if o["relation"] == "cross_sell"]
    points, notes = 0, []
    if ups:
        on_time = ups[0]["phase"] == "deciding" and not any(c["turn"] < ups[0]["turn"] for c in crosses)
        points += 5 if on_time else 0
        notes.append("upsell at the decision point" if on_time else
                     f"reply {ups[0]['turn']} offered the upgrade after the decision or the add-ons (−5)")
    elif not scenario.upsells:
        points += 5
        notes.append("no upsell fits, none needed")
    else:
        notes.append("no upsell offered")
    if crosses:
        after = crosses[0]["phase"] == "decided" or (ups and ups[0]["turn"] < crosses[0]["turn"])
        points += 5 if after else 2
        notes.append("cross-sell once the main product was settled" if after
                     else f"reply {crosses[0]['turn']} offered an add-on before the main product was settled (−3)")
    elif not _affordable_cross_sells(scenario, state):
        points += 5
        notes.append("no add-on fits what is left of the budget, none needed")
    else:
        notes.append("no cross-sell offered")
    return _criterion("timing", points, "; ".join(notes))


def _pushy(offers: list[dict], heard: list[Understanding]) -> Criterion:
    count = len(offers)
    pressed = [(turn, p) for turn, h in enumerate(heard, start=1) for p in h.pressure]
    points = (5 if count <= 3 else 2 if count == 4 else 0) + (0 if pressed else 5)
    notes = [f"{count} offer{'s' if count != 1 else ''}" + (" (too many: more than 3)" if count > 3 else "")]
    notes.append("pressure (−5): " + ", ".join(f"reply {turn} “{p}”" for turn, p in pressed) if pressed
                 else "no pressure phrases")
    return _criterion("pushy", points, "; ".join(notes))


def model_talking_points(scenario: Scenario) -> tuple[dict, ...]:
    """The advisor's grounded pitch for this scenario: its top upsell, then its top cross-sells."""
    picks = [*scenario.upsells[:1], *scenario.cross_sells[:2]]
    return tuple({"kind": "upsell" if s in scenario.upsells else "cross_sell", "sku": s["sku"],
                  "name": s["name"], "price": s["price"], "talking_points": s["talking_points"],
                  "when": s["when"], "objection": s["objection"]} for s in picks)
