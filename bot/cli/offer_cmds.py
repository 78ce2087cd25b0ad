"""`salesbot offers accept|decline|undo OFFER_ID`: log the customer's answer from the shell."""

from __future__ import annotations

import click

from bot.advisor.glance import accepted_line, deal_line, deal_totals
from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.language.speech import N_, _

VERBS = {"accept": "accepted", "decline": "declined", "undo": None}
OUTCOME_WORDS = {"accepted": N_("accepted"), "declined": N_("declined"), "open": N_("open")}


@main.group()
def offers() -> None:
    """Log what the customer said to an offer."""


def _outcome_command(verb: str):
    @offers.command(verb, help=f"Log that the customer {VERBS[verb] or 'has not answered yet'}"
                               f"{'' if VERBS[verb] else ' (clear the outcome)'}.")
    @click.argument("offer_id", type=int)
    @click.option("--by", default=None, help="Who logged it (default: $USER or 'cli').")
    @click.option("--json", "as_json", is_flag=True)
    @db_option
    def command(services: Services, offer_id: int, by: str | None, as_json: bool) -> None:
        import getpass

        offer, changed = services.offers.set_outcome(offer_id, VERBS[verb],
                                                     by=by or getpass.getuser() or "cli")
        deal = services.offers.deal(offer.deal_id)
        totals = deal_totals(deal.advice, deal.outcomes)
        if as_json:
            emit_json({"offer_id": offer.id, "outcome": offer.outcome, "by": offer.outcome_by,
                       "at": offer.outcome_at, "changed": changed, "deal_id": deal.id,
                       "deal_total": totals.total, "accepted_total": totals.accepted_total})
        else:
            state = _(OUTCOME_WORDS[offer.outcome or "open"])
            said = _("Offer {offer} ({product}): {outcome}") if changed else \
                _("Offer {offer} ({product}): {outcome} (unchanged)")
            click.echo(said.format(offer=offer.id, product=offer.name, outcome=state))
            click.echo(accepted_line(totals) or
                       _("Nothing accepted yet · order {order}").format(order=deal_line(totals)))

    return command


for _verb in VERBS:
    _outcome_command(_verb)
