"""Dates and timestamps of the demo data, all derived from the chosen 'today'.

Recorded facts lie in the three years before ``today`` and end yesterday, so that no timestamp
is in the future whatever the time of day the demo is generated; only deadlines and planned
visits lie ahead. Timestamps are written as SQLAlchemy stores a SQLite ``DateTime``
('YYYY-MM-DD HH:MM:SS.ffffff').
"""

from __future__ import annotations

import datetime as dt
import random

HISTORY_DAYS = 3 * 365
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
OFFICE_START = 8 * 3600
OFFICE_END = 17 * 3600 + 30 * 60


def stamp(day: dt.date, seconds: int) -> str:
    """``day`` at ``seconds`` after midnight, in SQLAlchemy's SQLite DateTime format."""
    hours, rest = divmod(seconds, 3600)
    return f"{day.isoformat()} {hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"


def unix_ms(day: dt.date, seconds: int) -> int:
    return ((day.toordinal() - _EPOCH_ORDINAL) * 86_400 + seconds) * 1000


class Clock:
    """The demo's calendar: the window of three years before ``today``, and random moments in it."""

    def __init__(self, today: dt.date, rng: random.Random) -> None:
        self.today = today
        self.last_day = today - dt.timedelta(days=1)
        self.first_day = today - dt.timedelta(days=HISTORY_DAYS)
        self._rng = rng

    def day(self, lo: dt.date, hi: dt.date) -> dt.date:
        """A uniformly drawn day in [lo, hi] (``lo`` if the range is empty)."""
        span = (hi - lo).days
        if span <= 0:
            return lo
        return lo + dt.timedelta(days=self._rng.randint(0, span))

    def workday(self, lo: dt.date, hi: dt.date) -> dt.date:
        """Like ``day`` but moved off the weekend when the range allows it."""
        return self.off_weekend(self.day(lo, hi), lo, hi)

    @staticmethod
    def off_weekend(day: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
        """``day``, or for a weekend day the nearest weekday (Saturday -> Friday, Sunday ->
        Monday) when that lies in [lo, hi]."""
        weekday = day.weekday()
        if weekday < 5:
            return day
        nearest, other = (-1, 2) if weekday == 5 else (1, -2)
        for shift in (nearest, other):
            moved = day + dt.timedelta(days=shift)
            if lo <= moved <= hi:
                return moved
        return day

    def skewed_day(self, lo: dt.date, hi: dt.date, power: float) -> dt.date:
        """A day in [lo, hi]; power > 1 crowds towards ``lo``, power < 1 towards ``hi``."""
        span = (hi - lo).days
        if span <= 0:
            return lo
        return lo + dt.timedelta(days=int(span * self._rng.random() ** power + 0.5))

    def office_seconds(self, start: int = OFFICE_START, end: int = OFFICE_END) -> int:
        """A time of day during office hours, in whole minutes."""
        return self._rng.randrange(start // 60, end // 60) * 60

    def after(self, day: dt.date, min_days: int, max_days: int) -> dt.date:
        """``day`` plus a drawn number of days, never later than yesterday (nor before ``day``)."""
        moved = day + dt.timedelta(days=self._rng.randint(min_days, max_days))
        return max(day, min(moved, self.last_day))

    def sorted_days(self, lo: dt.date, hi: dt.date, count: int) -> list[dt.date]:
        return sorted(self.day(lo, hi) for _ in range(count))
