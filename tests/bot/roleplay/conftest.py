"""Role-play over a writable copy of the session's indexed demo catalog, with the real model."""

from __future__ import annotations

import pytest

from tests.conftest import copy_demo, make_services

GOOD_REP = [
    "Great choice, the HP ProBook 450 G10 is €979. Before you confirm: the ProBook 470 G10 is €220 more "
    "(€1,199), with a 17.3-inch screen and an i7, which helps people who live in big spreadsheets.",
    "It's only €220 more per unit, and your team gets a faster processor and a bigger screen every day; "
    "over three years that difference is small.",
    "Now that the laptop is settled, I'd add the Targus Classic 17.3-inch Topload Case at €39.90: the 470 doesn't "
    "fit standard 15.6-inch bags, and your staff can carry it safely between home and office.",
    "I'll send you a written quote with both options side by side so your sales director sees exactly what it "
    "costs and what the team gets.",
    "done",
]
POOR_REP = [
    "Buy now, only today! I can do the HP ProBook 470 G10 for €899, and you should also take the HP 149A toner, "
    "the Northwind ErgoSeat Basic chair, a Logitech MX Master 3S and the HP USB-C Dock G5.",
    "Trust me, everyone is buying these. Last chance, the offer ends tonight.",
    "done",
]
SKU, SEED = "LAP-PB450-G10", 7


@pytest.fixture
def practice(demo, tmp_path, encoder):
    """Services over a copy of the demo database (role-play writes its sessions there)."""
    return make_services(copy_demo(demo, tmp_path), encoder)


@pytest.fixture
def engine(practice):
    return practice.roleplay()
