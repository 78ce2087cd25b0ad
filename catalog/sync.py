"""Keeping the catalog in step with the shop's feed: re-import it on a schedule.

Each run is one row in `catalog_syncs`. A scheduled run first claims its slot there (the slot is
unique), so that among any number of processes exactly one syncs at 03:00. A run re-imports the
feed with products missing from it marked discontinued, never deleted (the offer log refers to
them). A failed, cut-off or malformed download changes nothing and is recorded with its reason;
so is a feed that would discontinue an implausible share of the catalog (a truncated export that
happens to parse), which is refused.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from catalog.download import fetched, shown
from catalog.errors import CatalogError
from catalog.importer import ImportReport, import_catalog

log = logging.getLogger("salesbot.catalog")
MAX_DISCONTINUED_SHARE = 0.2  # of the active products, per run


@dataclass(frozen=True)
class Schedule:
    """`daily 03:00`, `hourly`, or `every 6 hours` / `every 30 minutes`."""

    every: timedelta
    at: time | None = None  # daily: the local time

    @classmethod
    def parse(cls, text: str) -> Schedule:
        raw = " ".join(text.lower().split())
        if match := re.fullmatch(r"daily(?: at)? (\d{1,2}):(\d{2})", raw):
            hour, minute = map(int, match.groups())
            if hour < 24 and minute < 60:
                return cls(timedelta(days=1), time(hour, minute))
        elif raw == "daily":
            return cls(timedelta(days=1), time(3, 0))
        elif raw == "hourly":
            return cls(timedelta(hours=1))
        elif match := re.fullmatch(r"every (\d+) ?(minutes?|mins?|m|hours?|h)", raw):
            count, unit = int(match.group(1)), match.group(2)
            every = timedelta(hours=count) if unit.startswith("h") else timedelta(minutes=count)
            if every >= timedelta(minutes=5):
                return cls(every)
        raise ValueError(f"{text!r} is not a schedule; write it like 'daily 03:00', 'hourly' or 'every 6 hours' "
                         "(at least 5 minutes apart)")

    def slot(self, now: datetime, tz: ZoneInfo) -> datetime:
        """The latest time at or before now that a run was due."""
        local = now.astimezone(tz)
        if self.at is not None:
            today = datetime.combine(local.date(), self.at, tzinfo=tz)
            return today if local >= today else today - timedelta(days=1)
        start = datetime.combine(local.date(), time(0, 0), tzinfo=tz)
        steps = (local - start) // self.every
        return start + steps * self.every


@dataclass
class SyncRun:
    url: str
    ok: bool
    message: str
    report: ImportReport | None = None

    def to_dict(self) -> dict:
        return {"url": self.url, "ok": self.ok, "message": self.message,
                "report": self.report.to_dict() if self.report else None}


def claim(db, url: str, slot: datetime) -> int | None:
    """The run's id for exactly one caller per slot, across processes and restarts."""
    with db.writing() as conn:
        cursor = conn.execute(
            "INSERT INTO catalog_syncs (url, slot, started_at) VALUES (?, ?, ?) ON CONFLICT(slot) DO NOTHING "
            "RETURNING id", [shown(url), slot.astimezone(UTC).isoformat(timespec="minutes"), _now()])
        claimed = cursor.fetchone()
        return claimed[0] if claimed else None


def sync(db, url: str, *, run_id: int | None = None, max_share: float = MAX_DISCONTINUED_SHARE,
         timeout: float = 60.0) -> SyncRun:
    """Download and import the feed now; the outcome is recorded either way."""
    if run_id is None:
        with db.writing() as conn:
            run_id = conn.execute("INSERT INTO catalog_syncs (url, started_at) VALUES (?, ?) RETURNING id",
                                  [shown(url), _now()]).fetchone()[0]
    try:
        with fetched(url, timeout=timeout) as path:
            report = import_catalog(db, path, missing="discontinue", max_discontinued=max_share)
        report.path = shown(url)
        run = SyncRun(shown(url), True, report.summary(), report)
    except CatalogError as e:
        run = SyncRun(shown(url), False, str(e))
    except Exception as e:  # noqa: BLE001 (anything else: recorded, and the catalog is unchanged)
        log.exception("catalog sync from %s", shown(url))
        run = SyncRun(shown(url), False, f"{shown(url)}: the sync failed ({type(e).__name__}). Nothing was imported.")
    report = run.report
    with db.writing() as conn:
        conn.execute(
            "UPDATE catalog_syncs SET finished_at = ?, ok = ?, message = ?, added = ?, updated = ?, unchanged = ?, "
            "discontinued = ? WHERE id = ?",
            [_now(), int(run.ok), run.message, len(report.added) if report else None,
             len(report.updated) if report else None, report.unchanged if report else None,
             len(report.discontinued) if report else None, run_id])
    return run


def recent(db, limit: int = 5) -> list[dict]:
    """The latest runs, newest first."""
    return list(db.query("SELECT * FROM catalog_syncs ORDER BY id DESC LIMIT ?", [limit]))


def last_failure(db) -> dict | None:
    """The latest run, when it failed (what managers are shown until a run succeeds)."""
    rows = list(db.query("SELECT * FROM catalog_syncs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"))
    return rows[0] if rows and not rows[0]["ok"] else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CatalogSyncer(threading.Thread):
    """Checks once a minute whether a sync is due and runs it when this process wins the claim;
    after a run that changed the catalog, on_change (re-embed what changed) is called."""

    def __init__(self, db, url: str, schedule: Schedule, tz: ZoneInfo, *,
                 on_change: Callable[[], None] | None = None, interval: float = 60.0):
        super().__init__(name="salesbot-catalog-sync", daemon=True)
        self.db, self.url, self.schedule, self.tz = db, url, schedule, tz
        self.on_change, self.interval = on_change, interval
        self.stopped = threading.Event()

    def run_if_due(self, now: datetime) -> SyncRun | None:
        run_id = claim(self.db, self.url, self.schedule.slot(now, self.tz))
        if run_id is None:
            return None
        run = sync(self.db, self.url, run_id=run_id)
        if run.ok:
            log.info("catalog synced from %s: %s", self.url, run.message)
            if self.on_change and (run.report.added or run.report.updated or run.report.discontinued):
                self.on_change()
        else:
            log.error("catalog sync failed: %s", run.message)
        return run

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.run_if_due(datetime.now(UTC))
            except Exception:
                log.exception("the catalog sync could not run")
            self.stopped.wait(self.interval)
