"""The customer: a pure function from (scenario, state, what the rep just said) to a reply and a new state.

The customer asks questions, raises the objections planned for the scenario when an offer gives
them a reason, and accepts or declines each offer the way the persona plausibly would: it must
fit the budget, fit the need, and any objection it drew must have been answered. Pressure and a
pile of offers cost patience; at zero the customer walks away. Lines come from the library and
are picked with a random generator seeded by the scenario's seed and the turn, never repeating a
line while the situation has unused ones.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace

from bot.roleplay.library import Library
from bot.roleplay.scenario import Scenario
from bot.roleplay.understanding import Offered, Understanding

MAX_TURNS = 8  # the customer wraps up after this many replies
HANDLED_PER_TURN = 2  # offers reacted to in one reply; any more get "too many at once"


@dataclass(frozen=True)
class State:
    turn: int = 0
    phase: str = "deciding"  # deciding (the main product is open) | decided | ended
    choice: str = ""  # SKU the customer will buy: the anchor, or the upgrade they accepted
    offers: dict = field(default_factory=dict)  # sku -> {name, price, relation, status, turn, phase}
    pending: str | None = None  # SKU whose objection is waiting for an answer
    misses: int = 0  # replies that did not answer the pending objection
    objections_left: tuple[str, ...] = ()
    raised: tuple[dict, ...] = ()  # {id, kind, sku, turn, handled}
    patience: int = 3
    used: dict = field(default_factory=dict)  # situation -> indexes of lines already said
    idle: int = 0  # replies in a row with nothing new
    ended: str | None = None  # why the conversation ended
    last_line: str = ""  # what the customer said last: what the rep's next reply answers

    def to_dict(self) -> dict:
        data = asdict(self)
        data["objections_left"] = list(self.objections_left)
        data["raised"] = list(self.raised)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> State:
        return cls(**{**data, "objections_left": tuple(data.get("objections_left", ())),
                      "raised": tuple(data.get("raised", ()))})


def opening(scenario: Scenario, library: Library) -> tuple[str, State]:
    state = State(choice=scenario.anchor["sku"], objections_left=scenario.objection_plan,
                  patience=scenario.patience)
    talk = _Talk(scenario, library, state)
    talk.say("opening")
    return talk.text(), replace(talk.state, last_line=talk.text())


def respond(scenario: Scenario, state: State, heard: Understanding,
            library: Library) -> tuple[str, State]:
    """The customer's reply to one rep message, and the state after it."""
    if state.ended:
        return "", state
    talk = _Talk(scenario, library, replace(state, turn=state.turn + 1))
    talk.react(heard)
    if talk.state.turn >= MAX_TURNS and not talk.state.ended:
        talk.wrap_up()
    return talk.text(), replace(talk.state, last_line=talk.text())


class _Talk:
    """One reply being put together: the lines said so far and the state they lead to."""

    def __init__(self, scenario: Scenario, library: Library, state: State):
        self.scenario = scenario
        self.library = library
        self.persona = library.persona(scenario.persona)
        self.state = state
        self.parts: list[str] = []
        self.rng = random.Random(f"customer:{scenario.seed}:{scenario.difficulty}:{state.turn}")

    # -- lines ---------------------------------------------------------------------------
    def values(self, offer: dict | None = None, **extra) -> dict:
        s = self.scenario
        anchor = s.anchor
        choice = self.offer(self.state.choice) if self.state.choice != anchor["sku"] else anchor
        values = {
            "name": s.customer, "company": s.company, "role": s.role, "anchor": anchor["name"],
            "anchor_price": s.money(anchor["price"]), "budget": s.money(s.budget),
            "quantity": s.quantity, "need": f"we need {'them' if s.quantity > 1 else 'it'} {s.need}",
            "need_for": s.need, "need_short": s.need_short, "need_short_cap": _cap(s.need_short),
            "boss": s.boss, "boss_cap": _cap(s.boss), "choice": choice["name"],
            "competitor": (s.competitor or {}).get("name", "another brand"),
            "competitor_price": s.money((s.competitor or {}).get("price", 0)),
            "order": self.order(), "fits": "other products", "claimed": "", "actual": "",
            "offer": "", "offer_price": "", "offer_kind": "", "delta": "", "repeat": "",
        }
        if offer:
            base = choice if offer.get("relation") != "upsell" else anchor
            values.update(offer=offer["name"], offer_price=s.money(offer["price"]),
                          offer_kind=offer.get("kind_word") or offer["name"],
                          delta=s.money(max(offer["price"] - base["price"], 0)))
        values.update(extra)
        return values

    def pick(self, situation: str, lines: tuple[str, ...] | None = None) -> str:
        """A line not said yet: the persona's own first, then the shared ones, then start over."""
        own = 0 if lines else len(self.persona.lines.get(situation, ()))
        lines = lines or self.library.lines(self.persona, situation)
        used = list(self.state.used.get(situation, []))
        fresh = [i for i in range(len(lines)) if i not in used]
        if not fresh:
            used, fresh = [], list(range(len(lines)))
        fresh = [i for i in fresh if i < own] or fresh
        index = self.rng.choice(fresh)
        self.state = replace(self.state, used={**self.state.used, situation: [*used, index]})
        return lines[index]

    def say(self, situation: str, offer: dict | None = None, **extra) -> None:
        line = self.pick(situation)
        self.parts.append(line.format(**self.values(offer, **extra)))

    def text(self) -> str:
        return " ".join(p.strip() for p in self.parts if p.strip())

    # -- state helpers -------------------------------------------------------------------
    def offer(self, sku: str) -> dict:
        return self.state.offers[sku]

    def set_offer(self, sku: str, **changes) -> None:
        offers = {**self.state.offers, sku: {**self.state.offers[sku], **changes}}
        self.state = replace(self.state, offers=offers)

    def order(self) -> str:
        s = self.scenario
        choice = s.anchor["name"] if self.state.choice == s.anchor["sku"] else \
            self.state.offers[self.state.choice]["name"]
        extras = [o["name"] for o in self.state.offers.values()
                  if o["status"] == "accepted" and o["relation"] != "upsell"]
        return f"{s.quantity}× {choice}" + "".join(f" with {s.quantity}× {e}" for e in extras)

    def spend(self, extra: float = 0.0, *, choice_price: float | None = None) -> float:
        """Per-unit total: the main product plus accepted add-ons plus `extra`."""
        offers = self.state.offers
        main = choice_price if choice_price is not None else (
            self.scenario.anchor["price"] if self.state.choice == self.scenario.anchor["sku"]
            else offers[self.state.choice]["price"])
        extras = sum(o["price"] for o in offers.values()
                     if o["status"] == "accepted" and o["relation"] != "upsell")
        return main + extras + extra

    def lose_patience(self) -> bool:
        self.state = replace(self.state, patience=self.state.patience - 1)
        if self.state.patience <= 0:
            self.say("walk_away")
            self.state = replace(self.state, phase="ended", ended="walked away")
            return True
        return False

    # -- the reply -----------------------------------------------------------------------
    def react(self, heard: Understanding) -> None:
        new = [o for o in heard.offers if o.sku not in self.state.offers]
        # named again; a reply arguing for the offer under discussion without naming it is no repeat
        repeated = [o for o in heard.offers if o.sku in self.state.offers and o.via != "focus"]
        for offer in new:
            self.record(offer)
        if heard.pressure:
            self.say("pressure")
            if self.lose_patience():
                return
        if len(new) > HANDLED_PER_TURN or len(self.state.offers) > 4 and new:
            self.say("too_many")
            if self.lose_patience():
                return
        wrong = [c for c in heard.flagged if c.kind == "price"]
        if wrong and self.scenario.notices_wrong_prices:
            claim = wrong[0]
            if claim.sku in self.state.offers:
                self.say("wrong_price", self.offer(claim.sku), claimed=claim.claim.split(" ")[0],
                         actual=claim.actual.split(" (")[0])
        if self.state.pending:
            self.follow_up(heard, moved_on=bool(new))
        for offer in new[:HANDLED_PER_TURN]:
            self.consider(offer.sku)
        for offer in new[HANDLED_PER_TURN:]:
            self.set_offer(offer.sku, status="declined", reason="too many at once")
        if not self.parts and repeated and not self.state.pending:
            self.say("already", self.offer(repeated[0].sku))
        if not self.parts:
            self.nothing_new()
        else:
            self.state = replace(self.state, idle=0)

    def record(self, offer: Offered) -> None:
        kind_word = _kind_word(offer)
        self.state = replace(self.state, offers={**self.state.offers, offer.sku: {
            "name": offer.name, "price": offer.price, "relation": offer.relation,
            "modelled": offer.modelled, "status": "open", "turn": self.state.turn,
            "phase": self.state.phase, "kind_word": kind_word, "objection": None,
            "fits": offer.fits}})

    def follow_up(self, heard: Understanding, *, moved_on: bool) -> None:
        sku = self.state.pending
        raised = self.state.raised[-1]
        if heard.answers(raised["kind"]) and not heard.pressure:
            self.state = replace(self.state, raised=(*self.state.raised[:-1], {**raised, "handled": True}),
                                 pending=None, misses=0)
            self.say("handled")
            self.decide(sku)
        elif moved_on or self.state.misses >= 1:
            self.state = replace(self.state, pending=None, misses=0)
            self.set_offer(sku, status="declined", reason="objection not answered")
            self.say("decline_unconvinced", self.offer(sku))
            self.after_upsell(sku)
        else:
            objection = self.library.objection(raised["id"])
            repeat = objection.repeat.format(**self.values(self.offer(sku)))
            self.state = replace(self.state, misses=self.state.misses + 1)
            self.say("unanswered", self.offer(sku), repeat=repeat)

    def consider(self, sku: str) -> None:
        offer = self.offer(sku)
        relation = offer["relation"]
        if relation == "irrelevant":
            self.set_offer(sku, status="declined", reason="does not fit the need")
            self.say("irrelevant", offer)
            return
        if relation == "incompatible":
            self.set_offer(sku, status="declined", reason="not compatible")
            self.say("incompatible", offer, fits=_fits_text(offer))
            return
        if relation == "upsell" and self.state.phase == "decided":
            self.say("late_upsell", offer)
        if self.state.pending is None and self.raise_objection(sku):
            return
        self.decide(sku)

    def raise_objection(self, sku: str) -> bool:
        offer = self.offer(sku)
        kinds = list(self.state.objections_left)
        for kind in kinds:
            options = [o for o in self.library.objections if o.kind == kind and offer["relation"] in o.on
                       and all(self.scenario.competitor if n == "competitor" else True for n in o.needs)]
            if not options:
                continue
            objection = self.rng.choice(options)
            kinds.remove(kind)
            self.state = replace(self.state, objections_left=tuple(kinds), pending=sku, misses=0,
                                 raised=(*self.state.raised, {"id": objection.id, "kind": kind, "sku": sku,
                                                              "turn": self.state.turn, "handled": False}))
            self.set_offer(sku, objection=objection.id)
            line = self.pick(f"objection:{objection.id}", objection.lines)
            self.parts.append(line.format(**self.values(offer)))
            return True
        return False

    def decide(self, sku: str) -> None:
        offer = self.offer(sku)
        upsell = offer["relation"] == "upsell"
        total = self.spend(choice_price=offer["price"]) if upsell else self.spend(offer["price"])
        if total > self.scenario.budget + 0.01:
            self.set_offer(sku, status="declined", reason="over budget")
            self.say("decline_budget", offer)
        else:
            self.set_offer(sku, status="accepted")
            self.say("accept_upsell" if upsell else "accept_cross", offer)
            if upsell:  # decided: the rep still gets a turn or two for an add-on
                self.state = replace(self.state, choice=sku, phase="decided", idle=0)
        self.after_upsell(sku)

    def after_upsell(self, sku: str) -> None:
        """An upgrade turned down: the customer settles on what they came for."""
        if self.offer(sku)["relation"] == "upsell" and self.offer(sku)["status"] == "declined" \
                and self.state.phase == "deciding":
            self.state = replace(self.state, phase="decided", idle=0)
            self.say("decision")

    def nothing_new(self) -> None:
        idle = self.state.idle + 1
        self.state = replace(self.state, idle=idle)
        if self.state.phase == "deciding":
            if self.state.turn >= 2 and idle >= 1:
                # Decided, but not done: the next quiet reply gets "anything else?", not goodbye.
                self.state = replace(self.state, phase="decided", idle=0)
                self.say("decision")
            else:
                self.say("probe")
        elif idle >= 2:
            self.wrap_up()
        else:
            self.say("idle")

    def wrap_up(self) -> None:
        if self.state.phase == "deciding":
            self.state = replace(self.state, phase="decided")
        self.say("wrap")
        self.state = replace(self.state, phase="ended", ended="wrapped up")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _kind_word(offer: Offered) -> str:
    return offer.name


def _fits_text(offer: dict) -> str:
    return offer.get("fits") or "other products"
