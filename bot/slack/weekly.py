"""Send the weekly summary (blocks, then the chart via files_upload_v2), and post it every
Monday at 09:00 team time to the managers' channel: once per ISO week, across restarts and
processes, because each post is first claimed in the database."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.bootstrap import Services
from bot.language.speech import _, speaking
from bot.reports import Week, weekly_report
from bot.reports.chart import trend_png
from bot.reports.schedule import claim_post, due_week, release_post
from bot.reports.weekly import WeeklyReport
from bot.slack.blocks import to_dicts
from bot.slack.report_blocks import report_blocks

log = logging.getLogger("salesbot.slack")


def report_message(report: WeeklyReport) -> dict:
    return {"blocks": to_dicts(report_blocks(report)),
            "text": _("salesbot summary for {week}").format(week=report.week.label)}


def upload_chart(client: WebClient, channel: str, report: WeeklyReport) -> None:
    client.files_upload_v2(channel=channel, content=trend_png(report),
                           filename=f"salesbot-{report.week.label}.png",
                           title=_("Cross-sell and upsell rates, 8 weeks to {week}").format(week=report.week.label))


def post_weekly_if_due(services: Services, client: WebClient, now: datetime) -> bool:
    channel = services.settings.report_channel
    if not channel:
        return False
    week = due_week(now, services.settings.tz)
    if not claim_post(services.db, week, channel):
        return False
    try:
        report = weekly_report(services.db, week, services.settings.tz)
        with speaking(services.settings.language):  # the team's language (SALESBOT_LANGUAGE)
            client.chat_postMessage(channel=channel, **report_message(report))
            upload_chart(client, channel, report)
    except Exception:
        release_post(services.db, week)  # try again at the next check
        raise
    log.info("posted the weekly summary for %s to %s", week, channel)
    return True


class WeeklyPoster(threading.Thread):
    """Checks once a minute whether this week's summary is due; stops with the process."""

    def __init__(self, services: Services, client: WebClient, *, interval: float = 60.0):
        super().__init__(name="salesbot-weekly-poster", daemon=True)
        self.services, self.client, self.interval = services, client, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                post_weekly_if_due(self.services, self.client, datetime.now(UTC))
            except Exception:
                log.exception("the weekly summary could not be posted")
            self.stopped.wait(self.interval)


def this_week(services: Services) -> Week:
    return Week.containing(datetime.now(UTC), services.settings.tz)
