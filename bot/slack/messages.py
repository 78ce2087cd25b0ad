"""Every sentence the bot says in Slack, in one place."""

from __future__ import annotations

HELP = (
    "*Ask me what else to offer*, mid-conversation with a customer:\n"
    "• `/salesbot customer buying 12 ProBook 450, budget max €1,100 each`\n"
    "• mention me in a channel (I answer in a thread), or send me a direct message\n"
    "• add _only upsells_ or _just accessories_ to narrow the answer\n"
    "Each suggestion has *Accepted* / *Declined* buttons: one click logs the customer's answer.\n"
    "• `/salesbot mystats`: your own cross-sell and upsell figures this week\n"
    "• `/salesbot report`, `/salesbot report last week`, `/salesbot report 2026-W47`: "
    "the team summary (managers)\n"
    "`/salesbot help` shows this again."
)
HOME_TITLE = ("*salesbot* suggests what else to offer a customer (cross-sells) and a better "
              "version to propose (upsells), with talking points from the catalog.")
NOT_FOUND = "I couldn't find *{question}* in the catalog."
DID_YOU_MEAN = "Did you mean one of these?"
NO_SUGGESTIONS = "_Nothing fits well enough to offer here._"
CROSS_SELL_TITLE = "*Cross-sell* · complements, once the purchase is agreed"
UPSELL_TITLE = "*Upsell* · a better version, at the decision point"
NOT_SURE = "Not sure that's the product? Pick another:"
SHARE = "Share in channel"
ACCEPTED = "Accepted"
DECLINED = "Declined"
UNDO = "Undo"
OUTCOME = {"accepted": "✅ Accepted", "declined": "✖️ Declined"}
LOGGED_BY = "{outcome} · logged by <@{user}> at {time} UTC"
SHARED_BY = "Shared by <@{user}>"
MANAGERS_ONLY = ("The team report is for managers. Your own figures are one command away: "
                 "`/salesbot mystats`.")
SORRY = ("Sorry, something went wrong on my side while answering that. "
         "It has been logged; please try again in a minute.")
UNKNOWN_OFFER = "That offer is no longer in the log, so I couldn't record the answer."


def fallback(anchor_name: str | None, cross: int, up: int) -> str:
    """The plain-text version shown in notifications."""
    if anchor_name is None:
        return "I couldn't find that product."
    return f"{anchor_name}: {cross} cross-sell and {up} upsell suggestions"
