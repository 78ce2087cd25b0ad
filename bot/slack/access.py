"""Who is a manager: a user id in SALESBOT_MANAGERS, or a member of a user group named there."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.settings import Settings

log = logging.getLogger("salesbot.slack")


def is_manager(user: str, settings: Settings, client: WebClient) -> bool:
    if user in settings.managers:
        return True
    for group in (m for m in settings.managers if m.startswith("S")):
        try:
            members = client.usergroups_users_list(usergroup=group).get("users", [])
        except SlackApiError:
            log.exception("could not read user group %s (scope usergroups:read?)", group)
            continue
        if user in members:
            return True
    return False
