"""The README and .env.example stay true: every command and every setting is documented."""

from __future__ import annotations

import re

import click

from bot.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "salesbot") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
        else:
            paths.append(path)
    return paths


def test_every_cli_command_is_in_the_readme():
    missing = [p for p in command_paths(main) if f"`{p}" not in README]
    assert missing == []


def test_every_setting_is_in_env_example():
    source = (ROOT / "bot" / "settings.py").read_text()
    example = (ROOT / ".env.example").read_text()
    names = set(re.findall(r'"((?:SALESBOT|SLACK)_[A-Z_]+|PORT)"', source))
    assert names and all(f"{name}=" in example for name in names)


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_slack_entry_point_is_in_the_readme():
    for usage in ("`/salesbot <question>`", "`/salesbot help`", "`@salesbot <question>`",
                  "direct message", "Create the Slack app in 2 minutes"):
        assert usage in README


def test_manifest_has_what_the_bot_needs():
    manifest = (ROOT / "manifest.yml").read_text()
    for needed in ("command: /salesbot", "commands", "chat:write", "app_mentions:read",
                   "im:history", "im:write", "files:write", "users:read", "app_mention",
                   "message.im", "app_home_opened", "socket_mode_enabled: true",
                   "interactivity:"):
        assert needed in manifest


def test_procfile_runs_http_mode_on_port_and_a_socket_mode_worker():
    procfile = (ROOT / "Procfile").read_text()
    assert "web: salesbot serve --http --port $PORT" in procfile
    assert "worker: salesbot serve" in procfile


def test_report_commands_are_in_the_readme():
    for usage in ("`/salesbot mystats`", "`/salesbot report`", "`/salesbot report last week`"):
        assert usage in README
