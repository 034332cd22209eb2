"""Stored times are naive UTC; the user reads and types the laptop's local time (Brussels)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from vlot_desktop.domain.times import local_from_utc, utc_from_local


@pytest.fixture
def brussels(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("brussels")
def test_a_time_typed_in_brussels_is_stored_in_utc() -> None:
    assert utc_from_local(dt.datetime(2026, 11, 27, 10, 0)) == dt.datetime(2026, 11, 27, 9, 0)
    assert utc_from_local(dt.datetime(2026, 7, 1, 11, 0)) == dt.datetime(2026, 7, 1, 9, 0)
    assert utc_from_local(dt.datetime(2026, 7, 1, 11, 0)).tzinfo is None


@pytest.mark.usefixtures("brussels")
def test_a_stored_time_reads_back_as_it_was_typed() -> None:
    typed = dt.datetime(2026, 3, 5, 14, 30)
    stored = utc_from_local(typed)
    assert stored == dt.datetime(2026, 3, 5, 13, 30)
    assert local_from_utc(stored) == typed
    assert local_from_utc(stored).tzinfo is None
