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

from bot.language.speech import N_, _, ngettext
from bot.roleplay.customer import State
from bot.roleplay.scenario import Scenario
from bot.roleplay.understanding import Understanding

# The labels are stored as written here and said with _() where a scorecard is shown.
RUBRIC = {"fit": (N_("fitting offers"), 20), "truth": (N_("true claims"), 20),
          "framing": (N_("value framing"), 10), "objections": (N_("objection handling"), 30),
          "timing": (N_("timing"), 10), "pushy": (N_("not pushy"), 10)}
WRONG_CLAIM, IRRELEVANT_OFFER = 8, 5
_WHY_OFF = {"irrelevant": N_("does not fit the need"), "incompatible": N_("not compatible with what they buy")}
OBJECTION_KINDS = {"price": N_("price"), "need": N_("need"), "timing": N_("timing"),  # bot/roleplay/library.KINDS
                   "competitor": N_("competitor"), "boss": N_("boss")}


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
    flagged = list({(c.claim, c.actual): {"claim": c.claim, "actual": c.actual, "turn": turn,
                                          **({"follows": True} if c.follows else {})}
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
        up = relation == "upsell"
        if any(o["modelled"] for o in mine):
            points += most
            name = next(o["name"] for o in mine if o["modelled"])
            notes.append((_("upsell {product} is one the advisor suggests") if up else
                          _("cross-sell {product} is one the advisor suggests")).format(product=name))
        elif mine:
            points += 7
            lead = model[0]["name"] if model else _("something else")
            notes.append((_("upsell {product} fits, but the advisor would lead with {lead}") if up else
                          _("cross-sell {product} fits, but the advisor would lead with {lead}")).format(
                product=mine[0]["name"], lead=lead))
        elif not model:
            points += most
            notes.append(_("no upsell fits what is left of the budget, and none was offered: right") if up else
                         _("no cross-sell fits what is left of the budget, and none was offered: right"))
        else:
            notes.append((_("no upsell offered (the advisor suggests {product})") if up else
                          _("no cross-sell offered (the advisor suggests {product})")).format(product=model[0]["name"]))
    misfits = [o for o in offers if o["relation"] in ("irrelevant", "incompatible")]
    if misfits:
        points -= IRRELEVANT_OFFER * len(misfits)
        notes.append(_("off-target, −5 each: {offers}").format(offers=", ".join(
            _("reply {turn} offered the {product} ({why})").format(turn=o["turn"], product=o["name"],
                                                                  why=_(_WHY_OFF[o["relation"]]))
            for o in misfits)))
    return _criterion("fit", points, "; ".join(notes))


def _truth(claims: list, flagged: list[dict]) -> Criterion:
    if not claims:
        return _criterion("truth", RUBRIC["truth"][1], _("no prices or specs stated, so nothing wrong"))
    if not flagged:
        return _criterion("truth", RUBRIC["truth"][1], ngettext(
            "the {count} claim matches the catalog", "all {count} claims match the catalog",
            len(claims)).format(count=len(claims)))
    said = "; ".join((_("reply {turn} said “{claim}”, the catalog says {actual} (it follows from that wrong price, "
                        "no extra cost)") if c.get("follows") else
                      _("reply {turn} said “{claim}”, the catalog says {actual}")).format(
        turn=c["turn"], claim=c["claim"], actual=c["actual"]) for c in flagged)
    # a total that is wrong only because its unit price is costs nothing more than that price
    wrong = sum(1 for c in flagged if not c.get("follows"))
    return _criterion("truth", RUBRIC["truth"][1] - WRONG_CLAIM * wrong,
                      _("{wrong} of {count} claims do not match the catalog, −{cost} each: {claims}").format(
                          wrong=wrong, count=len(claims), cost=WRONG_CLAIM, claims=said))


def _framing(heard: list[Understanding]) -> Criterion:
    price = any(h.price_framing for h in heard)
    benefit = any(h.benefit for h in heard)
    notes = [_("stated a true price or price difference") if price else _("never stated what the offer costs"),
             _("tied the offer to the customer's need or to what differs") if benefit
             else _("no benefit tied to the customer's need")]
    return _criterion("framing", 5 * price + 5 * benefit, "; ".join(notes))


def _objections(state: State, offers: list[dict]) -> Criterion:
    raised = state.raised
    if not raised:
        fine = any(o["status"] == "accepted" for o in offers)
        return _criterion("objections", RUBRIC["objections"][1] if fine else 0,
                          _("no objection came up") if fine else
                          _("no objection came up: nothing was offered to object to"))
    handled = [r for r in raised if r["handled"]]
    missed = [r for r in raised if not r["handled"]]
    note = _("answered {handled} of {count} objections").format(handled=len(handled), count=len(raised))
    if missed:
        names = {sku: o["name"] for sku, o in state.offers.items()}
        note += "; " + _("not answered: {objections}").format(objections="; ".join(
            _("the {kind} objection to the {product} after reply {turn}").format(
                kind=_(OBJECTION_KINDS.get(r["kind"], r["kind"])), product=names.get(r["sku"]) or _("offer"),
                turn=r["turn"])
            for r in missed))
    return _criterion("objections", RUBRIC["objections"][1] * len(handled) / len(raised), note)


def _timing(scenario: Scenario, offers: list[dict], state: State) -> Criterion:
    ups = [o for o in offers if o["relation"] == "upsell"]
    crosses = [o for o in offers if o["relation"] == "cross_sell"]
    points, notes = 0, []
    if ups:
        on_time = ups[0]["phase"] == "deciding" and not any(c["turn"] < ups[0]["turn"] for c in crosses)
        points += 5 if on_time else 0
        notes.append(_("upsell at the decision point") if on_time else
                     _("reply {turn} offered the upgrade after the decision or the add-ons (−5)").format(
                         turn=ups[0]["turn"]))
    elif not scenario.upsells:
        points += 5
        notes.append(_("no upsell fits, none needed"))
    else:
        notes.append(_("no upsell offered"))
    if crosses:
        after = crosses[0]["phase"] == "decided" or (ups and ups[0]["turn"] < crosses[0]["turn"])
        points += 5 if after else 2
        notes.append(_("cross-sell once the main product was settled") if after
                     else _("reply {turn} offered an add-on before the main product was settled (−3)").format(
                         turn=crosses[0]["turn"]))
    elif not _affordable_cross_sells(scenario, state):
        points += 5
        notes.append(_("no add-on fits what is left of the budget, none needed"))
    else:
        notes.append(_("no cross-sell offered"))
    return _criterion("timing", points, "; ".join(notes))


def _pushy(offers: list[dict], heard: list[Understanding]) -> Criterion:
    count = len(offers)
    pressed = [(turn, p) for turn, h in enumerate(heard, start=1) for p in h.pressure]
    points = (5 if count <= 3 else 2 if count == 4 else 0) + (0 if pressed else 5)
    notes = [ngettext("{count} offer", "{count} offers", count).format(count=count)
             + (" " + _("(too many: more than 3)") if count > 3 else "")]
    notes.append(_("pressure (−5): {phrases}").format(phrases=", ".join(
        _("reply {turn} “{phrase}”").format(turn=turn, phrase=p) for turn, p in pressed)) if pressed
                 else _("no pressure phrases"))
    return _criterion("pushy", points, "; ".join(notes))


def model_talking_points(scenario: Scenario) -> tuple[dict, ...]:
    """The advisor's grounded pitch for this scenario: its top upsell, then its top cross-sells."""
    picks = [*scenario.upsells[:1], *scenario.cross_sells[:2]]
    return tuple({"kind": "upsell" if s in scenario.upsells else "cross_sell", "sku": s["sku"],
                  "name": s["name"], "price": s["price"], "talking_points": s["talking_points"],
                  "when": s["when"], "objection": s["objection"]} for s in picks)
