"""ISO weeks in the team's time zone, as UTC bounds the offer log can be queried with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.language.speech import _

_LABEL = re.compile(r"^(\d{4})-W(\d{2})$")


class BadWeek(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def __str__(self) -> str:
        return self.label

    @classmethod
    def parse(cls, text: str) -> Week:
        match = _LABEL.match(text.strip().upper())
        if not match:
            raise BadWeek(_("{text} is not an ISO week; write it like 2026-W47").format(text=repr(text)))
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise BadWeek(_("{year} has no week {number}").format(year=year, number=number)) from None
        return cls(year, number)

    @classmethod
    def containing(cls, moment: datetime, tz: ZoneInfo) -> Week:
        year, number, _ = moment.astimezone(tz).isocalendar()
        return cls(year, number)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    def shifted(self, weeks: int) -> Week:
        year, number, _ = (self.monday + timedelta(weeks=weeks)).isocalendar()
        return Week(year, number)

    def bounds(self, tz: ZoneInfo) -> tuple[str, str]:
        """[start, end) in UTC ISO form, as the offer log stores times."""
        start = datetime.combine(self.monday, time(0), tzinfo=tz)
        end = datetime.combine(self.monday + timedelta(weeks=1), time(0), tzinfo=tz)
        return (start.astimezone(UTC).isoformat(timespec="seconds"),
                end.astimezone(UTC).isoformat(timespec="seconds"))
