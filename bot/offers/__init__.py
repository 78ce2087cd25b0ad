"""The offer log: every answered question is a deal, every presented suggestion an offer."""

from bot.offers.log import Deal, Offer, OfferLog, UnknownOffer

__all__ = ["Deal", "Offer", "OfferLog", "UnknownOffer"]
