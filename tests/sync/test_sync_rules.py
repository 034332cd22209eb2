"""Rules that span rows hold again after two laptops' changes meet, identically everywhere, by
one ordinary synced repair (``sync/repair.py``), with no back and forth afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import Laptop, sync_all
from vlot_desktop.db.engine import make_engine
from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import Relation
from vlot_desktop.services.cases import NewCase, add_member, create_case
from vlot_desktop.services.locations import create_location
from vlot_desktop.services.places import change_capacity
from vlot_desktop.settings import load_settings

HASSELT = "71072"
TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def capacity(laptop: Laptop, location: str, value: int) -> None:
    engine = make_engine(laptop.db)
    try:
        problems = change_capacity(
            engine, location, value, on_date=TODAY, author_id=load_settings(laptop.dir).user_id
        )
        assert problems == []
    finally:
        engine.dispose()


def places(laptop: Laptop, location: str) -> tuple[int, list[str]]:
    (cap,) = laptop.sql("SELECT capacity FROM location WHERE id = ?", location)[0]
    labels = [r[0] for r in laptop.sql(
        "SELECT label FROM place WHERE location_id = ? ORDER BY label", location
    )]  # fmt: skip
    return int(cap), labels


def quiet_round(*laptops: Laptop) -> None:
    """Once the repair went round, nobody repairs again: rounds send and change nothing."""
    dumps = [laptop.dump() for laptop in laptops]
    for laptop in laptops:
        assert laptop.sync().pushed_records == 0
    assert [laptop.dump() for laptop in laptops] == dumps


def test_two_capacity_changes_end_with_as_many_places_as_the_capacity(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    engine = make_engine(a.db)
    try:
        location, problems = create_location(
            engine,
            name="Oude pastorie",
            location_type="collectieve_opvang",
            municipality_nis=HASSELT,
            author_id=load_settings(a.dir).user_id,
            today=TODAY,
        )
    finally:
        engine.dispose()
    assert location is not None, problems
    capacity(a, location, 3)
    sync_all(a, b)
    # Offline, both raise the capacity: An to 4 (adds Plaats 4), Bart to 5 (Plaats 4 and 5).
    capacity(a, location, 4)
    capacity(b, location, 5)
    sync_all(a, b, rounds=3)
    for laptop in (a, b):
        cap, labels = places(laptop, location)
        assert len(labels) == cap and len(set(labels)) == len(labels), (cap, labels)
    assert places(a, location) == places(b, location)
    assert a.dump() == b.dump()
    quiet_round(a, b)


def test_household_size_follows_members_added_on_two_laptops(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    engine = make_engine(a.db)
    try:
        case, problems = create_case(
            engine,
            NewCase(case_type="herhuisvesting", team_code="limburg", municipality_nis=HASSELT,
                    opened_on=TODAY, deadline=None),
            [MemberValues(first_name="Olena", last_name="Romanenko")],
            author_id=load_settings(a.dir).user_id, today=TODAY,
        )  # fmt: skip
    finally:
        engine.dispose()
    assert case is not None, problems
    sync_all(a, b)
    for laptop, name in ((a, "Taras"), (b, "Iryna")):
        engine = make_engine(laptop.db)
        try:
            member, problems = add_member(
                engine, case, MemberValues(first_name=name, last_name="Romanenko",
                                           relation=Relation.CHILD.value), today=TODAY,
            )  # fmt: skip
            assert member is not None, problems
        finally:
            engine.dispose()
    sync_all(a, b, rounds=3)
    for laptop in (a, b):
        assert laptop.sql(
            "SELECT household_size, (SELECT count(*) FROM household_member WHERE case_id = ?) "
            "FROM case_file WHERE id = ?", case, case,
        ) == [(3, 3)]  # fmt: skip
    assert a.dump() == b.dump()
    quiet_round(a, b)
