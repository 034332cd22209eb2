"""Stored times are naive UTC (``*_at`` columns); people read and type the laptop's local time."""

from __future__ import annotations

import datetime as dt


def local_from_utc(moment: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) timestamp in the laptop's local time, still naive, for display."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def utc_from_local(local: dt.datetime) -> dt.datetime:
    """A moment the user typed (local time) as the naive UTC the database stores."""
    return local.astimezone(dt.UTC).replace(tzinfo=None)
