"""Keeping the catalog in step with a feed served on 127.0.0.1: changes re-embedded and nothing else,
a product gone from the feed discontinued, and a broken download changing nothing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest

from catalog.store import Catalog
from catalog.sync import CatalogSyncer, Schedule, claim, last_failure, recent, sync
from tests.conftest import make_services

COLOURS = ["red", "blue", "green", "black", "white", "grey", "navy", "olive", "sand", "plum"]
KINDS = ["rain jacket", "hiking boot", "trail sock", "fleece", "beanie", "day pack", "water bottle",
         "headlamp", "trekking pole", "sun hat"]
HEADER = "id\ttitle\tdescription\tlink\tavailability\tprice\tbrand\tproduct_type\n"


def feed(changed: frozenset[int] = frozenset(), removed: frozenset[int] = frozenset()) -> bytes:
    lines = [HEADER]
    for n in range(200):
        if n in removed:
            continue
        kind, colour = KINDS[n % 10], COLOURS[n // 20]
        note = " Now with a lifetime warranty." if n in changed else ""
        lines.append(f"OUT-{n:03d}\tSummit {colour} {kind} {n}\tA {colour} {kind} for the outdoors.{note}\t"
                     f"https://shop.example/{n}\tin_stock\t{20 + n}.00 EUR\tSummit\tOutdoor > {kind.title()}\n")
    return "".join(lines).encode()


class Feed:
    """What the fake shop serves next: a body, and optionally a longer Content-Length (cut off)."""

    def __init__(self):
        self.body, self.announce, self.status = feed(), None, 200
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/feeds/products.tsv"

    def _handler(self):
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                self.send_response(shop.status)
                self.send_header("Content-Type", "text/tab-separated-values")
                self.send_header("Content-Length", str(shop.announce or len(shop.body)))
                self.end_headers()
                self.wfile.write(shop.body)
                self.wfile.flush()
                self.close_connection = True

            def log_message(self, *args):
                pass

        return Handler

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def opened(store, encoder):
    """Services over the test's database, on each backend: a process each call, all closed after."""
    made = []

    def make():
        made.append(make_services(store, encoder))
        return made[-1]
    yield make
    for services in made:
        services.db.close()


@pytest.fixture
def shop():
    shop = Feed()
    yield shop
    shop.close()


def snapshot(db) -> list:
    return [list(db.query(f"SELECT * FROM {t} ORDER BY 1")) for t in ("products", "product_links")]


def test_a_sync_reembeds_only_what_changed_and_discontinues_what_is_gone(opened, shop):
    services = opened()
    run = sync(services.db, shop.url)
    assert run.ok and len(run.report.added) == 200, run.message
    _, first = services.build_index()
    assert first.embedded == 200
    # 1% of the feed changes: two products get a new sentence, one (in the offer log) is dropped
    deal, _ = services.offers.record(services.advisor().suggest("OUT-007"), rep="U1")
    shop.body = feed(changed=frozenset({3, 150}), removed=frozenset({7}))
    run = sync(services.db, shop.url)
    assert run.ok, run.message
    assert (run.report.updated, run.report.discontinued, run.report.unchanged) == (["OUT-003", "OUT-150"],
                                                                                    ["OUT-007"], 197)
    _, second = services.build_index()
    assert (second.embedded, second.removed) == (2, 0)  # the discontinued one keeps its vector
    gone = Catalog(services.db).get("OUT-007")
    assert gone is not None and gone.status == "discontinued" and not gone.available
    assert services.offers.deal(deal.id).anchor_sku == "OUT-007"  # the offer log keeps its reference
    assert "lifetime warranty" in Catalog(services.db).get("OUT-150").description


def test_a_cut_off_or_failed_download_changes_nothing_and_is_recorded(opened, shop):
    services = opened()
    assert sync(services.db, shop.url).ok
    before = snapshot(services.db)
    whole = feed(changed=frozenset(range(0, 200, 2)))
    shop.body, shop.announce = whole[: len(whole) // 2], len(whole)  # the connection drops half-way
    run = sync(services.db, shop.url)
    assert not run.ok and "the download was cut off after" in run.message and "Nothing was imported" in run.message
    assert snapshot(services.db) == before
    # cut at a line end with a matching length: it parses, but would drop half the catalog
    cut = whole[: whole.index(b"\nOUT-100")] + b"\n"
    shop.body, shop.announce = cut, None
    run = sync(services.db, shop.url)
    assert not run.ok and "this would mark 100 of 200 active products discontinued (50%)" in run.message
    assert snapshot(services.db) == before
    shop.body, shop.status = b"<html>Not here</html>", 404
    run = sync(services.db, shop.url)
    assert not run.ok and "the server answered HTTP 404" in run.message
    assert snapshot(services.db) == before
    shop.body, shop.status = b"id\ttitle\tprice\tlink\nX-1\tThing\tfree\thttps://x\n", 200
    run = sync(services.db, shop.url)
    assert not run.ok and "item" not in run.message and "'free' is not a price with its currency" in run.message
    assert run.message.startswith(shop.url)  # the feed is named, not the temporary copy
    assert snapshot(services.db) == before
    assert [r["ok"] for r in recent(services.db)] == [0, 0, 0, 0, 1]
    assert last_failure(services.db)["message"] == run.message


def test_http_is_refused_off_this_machine(opened):
    services = opened()
    run = sync(services.db, "http://shop.example/feed.xml")
    assert not run.ok and "plain http is only used on this machine; use the feed's https:// address" in run.message


def test_a_scheduled_sync_runs_once_per_slot_across_processes(opened, shop):
    services = opened()
    other = opened()  # a second process on the same database
    schedule, tz = Schedule.parse("daily 03:00"), ZoneInfo("Europe/Amsterdam")
    changes = []
    first = CatalogSyncer(services.db, shop.url, schedule, tz, on_change=lambda: changes.append(1))
    second = CatalogSyncer(other.db, shop.url, schedule, tz, on_change=lambda: changes.append(2))
    now = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
    assert first.run_if_due(now).ok
    assert second.run_if_due(now) is None and first.run_if_due(now) is None
    assert changes == [1] and Catalog(other.db).count() == 200
    later = datetime(2026, 12, 3, 2, 30, tzinfo=UTC)  # 03:30 in Amsterdam: the next day's slot
    assert second.run_if_due(later).ok and changes == [1]  # nothing changed: nothing to re-embed
    assert claim(services.db, shop.url, schedule.slot(later, tz)) is None


@pytest.mark.parametrize("text,every,at", [("daily 03:00", 86400, "03:00"), ("hourly", 3600, None),
                                           ("every 6 hours", 21600, None), ("every 30 minutes", 1800, None)])
def test_schedules_read_the_way_they_are_written(text, every, at):
    schedule = Schedule.parse(text)
    assert schedule.every.total_seconds() == every
    assert (schedule.at.strftime("%H:%M") if schedule.at else None) == at


def test_a_schedule_that_cannot_be_read_says_how_to_write_it():
    with pytest.raises(ValueError) as error:
        Schedule.parse("every tuesday")
    assert str(error.value) == ("'every tuesday' is not a schedule; write it like 'daily 03:00', 'hourly' or "
                                "'every 6 hours' (at least 5 minutes apart)")


def test_a_feed_token_is_never_shown(opened, shop):
    services = opened()
    shop.status = 403
    run = sync(services.db, shop.url + "?access_token=s3cret")
    assert not run.ok and "s3cret" not in run.message and "products.tsv?…" in run.message
    assert all("s3cret" not in str(r) for r in recent(services.db))


def test_the_sync_settings_are_checked_when_read():
    from bot.settings import Settings, SettingsError

    settings = Settings.from_env({"SALESBOT_CATALOG_URL": "https://shop.example/feed.xml",
                                  "SALESBOT_CATALOG_SYNC": "daily 03:00"}, dotenv=None)
    assert (settings.catalog_url, settings.catalog_sync) == ("https://shop.example/feed.xml", "daily 03:00")
    with pytest.raises(SettingsError, match="SALESBOT_CATALOG_SYNC is set but SALESBOT_CATALOG_URL is not"):
        Settings.from_env({"SALESBOT_CATALOG_SYNC": "hourly"}, dotenv=None)
    with pytest.raises(SettingsError, match="SALESBOT_CATALOG_SYNC: 'at noon' is not a schedule"):
        Settings.from_env({"SALESBOT_CATALOG_URL": "https://x", "SALESBOT_CATALOG_SYNC": "at noon"}, dotenv=None)
