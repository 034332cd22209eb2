"""Contacts and meetings between laptops: two laptops logging contacts at once keep both, an
edit by the author reaches the others, the default meeting series are one row everywhere,
and a generated agenda made on two laptops gives the same points."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_sync_laptops import Laptop, sync_all

from vlot_desktop.db.engine import make_engine
from vlot_desktop.domain.enums import MeetingKind
from vlot_desktop.services import contacts, meetings
from vlot_desktop.services.contacts import ContactValues
from vlot_desktop.settings import load_settings

HASSELT = "71072"
GENK = "71016"
NOON = dt.datetime(2026, 11, 26, 12, 0)
TODAY = NOON.date()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Laptop, Laptop]:
    share = tmp_path / "share"
    share.mkdir()
    return Laptop(tmp_path, "an", share, create=True), Laptop(tmp_path, "bart", share)


def _log(laptop: Laptop, nis: str, note: str) -> str:
    engine = make_engine(laptop.db)
    try:
        result = contacts.log_contact(
            engine,
            ContactValues(municipality_nis=nis, channel="telefoon", subject=note, occurred_at=NOON),
            author_id=load_settings(laptop.dir).user_id,
            today=TODAY,
        )
    finally:
        engine.dispose()
    assert result.contact_id is not None, result.problems
    return result.contact_id


def _contacts(laptop: Laptop) -> list[tuple[object, ...]]:
    return laptop.sql(
        "SELECT id, municipality_nis, subject, author_id FROM contact_moment ORDER BY id"
    )


def test_two_laptops_logging_contacts_at_once_keep_both(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    sync_all(a, b)
    first = _log(a, HASSELT, "An belde Hasselt")
    second = _log(b, GENK, "Bart belde Genk")
    third = _log(b, HASSELT, "Bart belde ook Hasselt")
    sync_all(a, b)
    assert _contacts(a) == _contacts(b)
    assert {row[0] for row in _contacts(a)} == {first, second, third}
    assert a.conflicts() == [] and b.conflicts() == []
    # The author's edit travels; the other laptop's user may not edit it.
    engine = make_engine(b.db)
    try:
        refused = contacts.update_contact(
            engine,
            first,
            ContactValues(municipality_nis=HASSELT, channel="e_mail", subject="van Bart"),
            user_id=load_settings(b.dir).user_id,
            today=TODAY,
        )
    finally:
        engine.dispose()
    assert refused and refused[0].field == "author_id"
    engine = make_engine(a.db)
    try:
        assert (
            contacts.update_contact(
                engine,
                first,
                ContactValues(municipality_nis=HASSELT, channel="bezoek", subject="Bezoek"),
                user_id=load_settings(a.dir).user_id,
                today=TODAY,
            )
            == []
        )
    finally:
        engine.dispose()
    sync_all(a, b)
    assert b.sql("SELECT channel, subject FROM contact_moment WHERE id = ?", first) == [
        ("bezoek", "Bezoek")
    ]
    assert a.dump() == b.dump()


def test_meetings_planned_on_two_laptops_in_one_series_keep_both(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    sync_all(a, b)
    series_id = meetings.default_series_id(MeetingKind.TEAM)
    for laptop, day in ((a, TODAY), (b, TODAY + dt.timedelta(days=5))):
        engine = make_engine(laptop.db)
        try:
            planned = meetings.plan_meeting(engine, series_id, held_on=day, today=TODAY)
        finally:
            engine.dispose()
        assert planned.meeting_id is not None
    sync_all(a, b)
    assert a.sql("SELECT held_on FROM meeting ORDER BY held_on") == [
        ("2026-11-26",),
        ("2026-12-01",),
    ]
    # The default series needed no row on either laptop: nothing to meet as a conflict.
    assert a.sql("SELECT count(*) FROM meeting_series") == [(0,)]
    assert a.conflicts() == [] and b.conflicts() == []
    assert a.dump() == b.dump()
