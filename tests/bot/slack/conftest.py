"""The real Bolt app over real HTTP (waitress on 127.0.0.1) against a loopback Slack Web API."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from bot.slack.app import build_app
from bot.slack.loopback import LoopbackSlack
from bot.slack.server import BackgroundServer, http_server
from bot.slack.simulate import signed_headers
from tests.conftest import make_services

SECRET = "test-signing-secret"
TRAINER = "UTRAINER1"


@dataclass
class Bot:
    url: str
    slack: LoopbackSlack
    services: object

    def post(self, body: str, content_type: str, *, headers: dict | None = None,
             secret: str = SECRET, timestamp: int | None = None) -> tuple[int, str]:
        sent = {**signed_headers(secret, body, content_type=content_type, timestamp=timestamp),
                **(headers or {})}
        request = urllib.request.Request(self.url + "/slack/events", data=body.encode(),
                                         headers=sent, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def bot(demo_store, encoder):
    """The bot over a copy of the demo, once on each backend (SQLite and PostgreSQL)."""
    with LoopbackSlack() as slack:
        services = make_services(demo_store, encoder, slack_bot_token="xoxb-test", slack_signing_secret=SECRET,
                                 slack_api_url=slack.api_url, trainers=frozenset({TRAINER}))
        with BackgroundServer(http_server(build_app(services), host="127.0.0.1",
                                          port=0)) as server:
            yield Bot(server.url, slack, services)
        services.db.close()
        for call in slack.calls:
            for blocks in _messages(call.body):
                check_block_kit_limits(blocks)


def _messages(body: dict) -> list[list[dict]]:
    found = [body["blocks"]] if isinstance(body.get("blocks"), list) else []
    if isinstance(body.get("view"), dict):
        found.append(body["view"].get("blocks", []))
    return found


def check_block_kit_limits(blocks: list[dict]) -> None:
    """Slack's limits, checked on every message a test sees."""
    assert len(blocks) <= 50
    action_ids = []
    for block in blocks:
        assert len(block.get("block_id", "")) <= 255
        text = block.get("text") or {}
        assert len(text.get("text", "")) <= 3000
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= 75
                assert len(element.get("value", "")) <= 2000
                assert len(element["action_id"]) <= 255
                action_ids.append(element["action_id"])
    assert len(action_ids) == len(set(action_ids)), "action_id must be unique in a message"
