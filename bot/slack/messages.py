"""Every sentence the bot says in Slack, in one place, in the language in force.

Each is marked `N_` for the gettext extractor and kept under its name in `_SAID`; reading
`messages.HELP` translates it then (a module `__getattr__`), so a sentence is never frozen in the
language that happened to be in force at import.
"""

from __future__ import annotations

from bot.language.speech import N_, _, ngettext

_SAID: dict[str, str] = {
    "HELP": N_("*Ask me what else to offer*, mid-conversation with a customer:\n"
               "• `/salesbot customer buying 12 ProBook 450, budget max €1,100 each`\n"
               "• mention me in a channel (I answer in a thread), or send me a direct message\n"
               "• add _only upsells_ or _just accessories_ to narrow the answer\n"
               "The upsell comes first (offer it before they confirm), then the add-ons (once agreed).\n"
               "Each suggestion has *Accepted* / *Declined* buttons: one click logs the customer's answer; "
               "*Details* shows every talking point and the answer to the usual objection.\n"
               "• `/salesbot mystats`: your own cross-sell and upsell figures this week\n"
               "• `/salesbot report`, `/salesbot report last week`, `/salesbot report 2026-W47`: "
               "the team summary (managers)\n"
               "• `/salesbot roleplay`: practise against a customer who pushes back (`/salesbot roleplay help`)\n"
               "• `/salesbot language nl` (or sv, no, en; `auto` to follow your Slack language): the language I answer "
               "you in; I read English, Dutch, Swedish and Norwegian questions either way\n"
               "`/salesbot help` shows this again."),
    "HOME_TITLE": N_("*salesbot* suggests what else to offer a customer (cross-sells) and a better "
                     "version to propose (upsells), with talking points from the catalog."),
    "SYNC_OK": N_("Catalog synced from {url} at {when}: {added} added, {updated} updated, "
                  "{discontinued} marked discontinued."),
    "SYNC_FAILED": N_(":warning: *The catalog sync failed* at {when}; the catalog was left as it was.\n{message}\n"
                      "Reps get answers from the last good catalog; the next scheduled sync tries again "
                      "(`salesbot catalog sync` runs one now)."),
    "LANGUAGE_SET": N_("Your language is now *{name}* (`{code}`). `/salesbot language auto` goes back to "
                       "your Slack language."),
    "LANGUAGE_CHOSEN": N_("Your language is *{name}* (`{code}`), your own choice. `/salesbot language auto` "
                          "undoes it."),
    "LANGUAGE_AUTO": N_("Your language follows your Slack language, else the words of each question. Choose "
                        "one with `/salesbot language xx` ({codes})."),
    "NOT_FOUND": N_("I couldn't find *{question}* in the catalog."),
    "DID_YOU_MEAN": N_("Did you mean one of these?"),
    "NO_SUGGESTIONS": N_("_Nothing fits well enough to offer here._"),
    "NOT_SURE": N_("Not sure that's the product? Pick another:"),
    "SHARE": N_("Share in channel"),
    "ACCEPTED": N_("Accepted"),
    "DECLINED": N_("Declined"),
    "UNDO": N_("Undo"),
    "DETAILS": N_("Details"),
    "HIDE_DETAILS": N_("Hide details"),
    "LOGGED_BY": N_("{outcome} · logged by <@{user}> at {time} UTC"),
    "SHARED_BY": N_("Shared by <@{user}>"),
    "MANAGERS_ONLY": N_("The team report is for managers. Your own figures are one command away: "
                        "`/salesbot mystats`."),
    "SORRY": N_("Sorry, something went wrong on my side while answering that. "
                "It has been logged; please try again in a minute."),
    "UNKNOWN_OFFER": N_("That offer is no longer in the log, so I couldn't record the answer."),
    # role-play
    "ROLEPLAY_HELP": N_(
        "*Role-play* · practise cross-selling and upselling against a customer who pushes back:\n"
        "• `/salesbot roleplay [product] [easy|normal|hard] [@rep …] [seed N]`: a scenario from the "
        "catalog, in a thread (one thread per @rep; trainers assign reps, anyone can practise alone)\n"
        "• reply in the thread as the rep, in English, Dutch, Swedish or Norwegian (offers and prices are read in "
        "each; the customer answers in English, and objections are judged best in English); `done` for the "
        "scorecard, in your language\n"
        "• `/salesbot roleplay demo ProBook 450`: a model pitch, the bot plays the rep\n"
        "• `/salesbot roleplay results`: everyone's scores (trainers); your own otherwise"
    ),
    "ROLEPLAY_CARD_TITLE": N_("🎭 *Role-play* · {customer} is waiting for you"),
    "ROLEPLAY_FOR": N_("For {reps} · started by <@{trainer}> · reply in this thread; `done` ends it and "
                       "scores it."),
    "ROLEPLAY_OPEN": N_("Started by <@{trainer}> · the first to reply in this thread plays the rep; `done` "
                        "scores it."),
    "ROLEPLAY_CUSTOMER": N_("*{customer}* (customer): {text}"),
    "ROLEPLAY_NOT_YOURS": N_("This role-play is for <@{rep}>. Start your own with `/salesbot roleplay`."),
    "ROLEPLAY_OVER": N_("This role-play has been scored already. Start another with `/salesbot roleplay`."),
    "ROLEPLAY_SCORE_TITLE": N_("🏁 *Scorecard* for {rep}"),
    "ROLEPLAY_ASSIGN_TRAINERS": N_("Only trainers can start a role-play for other reps (`SALESBOT_TRAINERS`). "
                                   "To practise yourself: `/salesbot roleplay` without @names."),
    "ROLEPLAY_RESULTS_TRAINERS": N_("Everyone's role-play results are for trainers (`SALESBOT_TRAINERS`). "
                                    "Here are your own:"),
    "ROLEPLAY_RESULTS_TITLE": N_("*Role-play results*"),
    "ROLEPLAY_NOT_IN_CHANNEL": N_("I can't post in this channel. Invite me (`/invite @salesbot`) and try "
                                  "again, so the role-play can have its thread."),
    "ROLEPLAY_UNKNOWN_PRODUCT": N_("I couldn't find *{product}* in the catalog for a role-play{hint}."),
    "ROLEPLAY_BAD_DATA": N_("The role-play library has a problem, so I can't start one: {error}"),
    "ROLEPLAY_PITCH_TITLE": N_("🎬 *Model pitch* · the bot plays the rep"),
}
_OUTCOME = {"accepted": N_("✅ Accepted"), "declined": N_("✖️ Declined")}


def __getattr__(name: str) -> str:
    """messages.HELP: the sentence in the language in force."""
    try:
        return _(_SAID[name])
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def outcome(name: str) -> str:
    """"✅ Accepted" / "✖️ Declined"."""
    return _(_OUTCOME[name])


def fallback(anchor_name: str | None, cross: int, up: int) -> str:
    """The plain-text version shown in notifications."""
    if anchor_name is None:
        return _("I couldn't find that product.")
    return _("{product}: {cross} cross-sell and {up} upsell suggestions").format(product=anchor_name,
                                                                                 cross=cross, up=up)


def roleplay_started(count: int) -> str:
    return ngettext("Role-play started: {count} thread in this channel.",
                    "Role-play started: {count} threads in this channel.", count).format(count=count)


def roleplay_fallback(customer: str, anchor: str) -> str:
    return _("Role-play: {customer} wants the {product}").format(customer=customer, product=anchor)
