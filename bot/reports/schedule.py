"""When the weekly summary is due, and a claim so it is posted once per week, whoever runs it."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.offers.log import now_iso
from bot.reports.weeks import Week

POST_AT = time(9, 0)  # Monday, team time


def due_week(now: datetime, tz: ZoneInfo) -> Week:
    """The week the latest due summary is about: last week, once Monday 09:00 has passed."""
    local = now.astimezone(tz)
    this_week = Week.containing(now, tz)
    monday_nine = datetime.combine(this_week.monday, POST_AT, tzinfo=tz)
    return this_week.shifted(-1 if local >= monday_nine else -2)


def claim_post(db, week: Week, channel: str) -> bool:
    """True for exactly one caller per week, across restarts and processes."""
    with db.writing() as conn:
        cursor = conn.execute("INSERT INTO scheduled_posts (week, channel, posted_at) "
                              "VALUES (?, ?, ?) ON CONFLICT(week) DO NOTHING",
                              [week.label, channel, now_iso()])
    return cursor.rowcount == 1


def release_post(db, week: Week) -> None:
    """The post failed: let the next attempt try again."""
    with db.writing() as conn:
        conn.execute("DELETE FROM scheduled_posts WHERE week = ?", [week.label])
