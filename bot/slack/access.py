"""Who is a manager or a trainer: a user id in the setting, or a member of a user group named there."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.settings import Settings

log = logging.getLogger("salesbot.slack")


def is_member(user: str, ids: Iterable[str], client: WebClient) -> bool:
    """The user is listed, or belongs to a listed user group (S…)."""
    ids = set(ids)
    if user in ids:
        return True
    for group in (m for m in ids if m.startswith("S")):
        try:
            members = client.usergroups_users_list(usergroup=group).get("users", [])
        except SlackApiError:
            log.exception("could not read user group %s (scope usergroups:read?)", group)
            continue
        if user in members:
            return True
    return False


def is_manager(user: str, settings: Settings, client: WebClient) -> bool:
    return is_member(user, settings.managers, client)


def is_trainer(user: str, settings: Settings, client: WebClient) -> bool:
    return is_member(user, settings.trainers, client)
