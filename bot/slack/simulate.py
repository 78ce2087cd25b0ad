"""Slack's side of a conversation: requests signed exactly as Slack signs them.

Used by the local terminal chat, the scenario tests and the load script to drive the real app.
"""

from __future__ import annotations

import itertools
import json
import secrets
import time
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

_ids = itertools.count(1)
# Ids unique across processes too: deals are created once per trigger or event id, so a second
# `make run` on the same database must not look like a retry of the first one's commands.
_RUN = secrets.token_hex(4)


def signed_headers(secret: str, body: str, *, content_type: str,
                   timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature}


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def command(text: str, *, user: str, channel: str, response_url: str, team: str = "T0001",
            trigger_id: str | None = None) -> tuple[str, str]:
    """(body, content type) of a /salesbot slash command."""
    return urlencode({
        "token": "unused", "team_id": team, "channel_id": channel, "channel_name": "sales",
        "user_id": user, "user_name": user.lower(), "command": "/salesbot", "text": text,
        "response_url": response_url, "api_app_id": "A0001",
        "trigger_id": trigger_id or f"trigger.{_RUN}.{next(_ids)}",
    }), FORM


def event(payload: dict, *, team: str = "T0001", event_id: str | None = None) -> tuple[str, str]:
    """(body, content type) of an Events API callback wrapping one event."""
    return json.dumps({
        "token": "unused", "team_id": team, "api_app_id": "A0001", "type": "event_callback",
        "event_id": event_id or f"Ev{_RUN}{next(_ids):08d}", "event_time": int(time.time()),
        "event": payload, "authorizations": [{"team_id": team, "user_id": "UBOT000001",
                                              "is_bot": True}],
    }), JSON


def action(action_id: str, value: str, *, user: str, response_url: str, channel: str = "C0001",
           ephemeral: bool = True, message_ts: str = "1700000000.000001",
           team: str = "T0001", block_id: str = "b") -> tuple[str, str]:
    """(body, content type) of a button click (block_actions); block_id: the clicked button's block."""
    payload = {
        "type": "block_actions", "team": {"id": team}, "user": {"id": user},
        "api_app_id": "A0001", "token": "unused", "trigger_id": f"trigger.{_RUN}.{next(_ids)}",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel,
                      "is_ephemeral": ephemeral},
        "channel": {"id": channel}, "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": block_id, "value": value,
                     "action_ts": f"{time.time():.6f}"}],
    }
    return urlencode({"payload": json.dumps(payload)}), FORM
