"""A rep's Slack locale (`users.info` with `include_locale`), for the language they get answers in."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.bootstrap import Services
from bot.language.choice import Choice

log = logging.getLogger("salesbot.slack")


def locale_reader(client: WebClient) -> Callable[[str], str | None]:
    def read(user: str) -> str | None:
        try:
            return client.users_info(user=user, include_locale=True)["user"].get("locale")
        except (SlackApiError, KeyError, TypeError, OSError):
            log.warning("could not read the Slack locale of %s (scope users:read?)", user, exc_info=True)
            return None
    return read


def stored_language(services: Services, user: str | None) -> str:
    """A user's language as stored (their choice, cached locale or the default), without asking Slack:
    for what is answered at once (help, a click, a thread reply)."""
    return services.languages.resolve(user, "", default=services.settings.language).code


def rep_language(services: Services, user: str | None, text: str, client: WebClient) -> Choice:
    """The rep's language; never in the way of an answer: if it cannot be read, the default."""
    try:
        return services.languages.resolve(user, text, default=services.settings.language,
                                          read_locale=locale_reader(client))
    except Exception:
        log.exception("could not resolve the language of %s; answering in %s", user, services.settings.language)
        return Choice(services.settings.language, "default", None)
