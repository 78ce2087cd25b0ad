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
    names = set(re.findall(r'"(SALESBOT_[A-Z_]+)"', source))
    assert names and all(f"{name}=" in example for name in names)


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
