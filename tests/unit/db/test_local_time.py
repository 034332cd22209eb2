"""Stored times are UTC; printed times are the laptop's local time (Brussels: UTC+1/+2)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from vlot_desktop.domain.times import local_from_utc


def test_a_stored_time_is_printed_in_brussels_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    try:
        assert local_from_utc(dt.datetime(2026, 11, 27, 9, 0)) == dt.datetime(2026, 11, 27, 10, 0)
        assert local_from_utc(dt.datetime(2026, 7, 1, 9, 0)) == dt.datetime(2026, 7, 1, 11, 0)
    finally:
        monkeypatch.undo()
        time.tzset()
