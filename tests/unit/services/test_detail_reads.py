"""The reads and writes the detail panes of Opvanglocaties and Dossiers ask for through
``Store`` (services.location_detail, services.case_detail, services.case_privacy), without Qt."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import CaseStatus, LocationStatus
from vlot_desktop.services import case_detail, case_privacy, location_detail
from vlot_desktop.services.cases import NewCase, change_status, create_case
from vlot_desktop.services.locations import add_partner, create_location
from vlot_desktop.services.locations import change_status as step_location
from vlot_desktop.services.store import Store

HASSELT = "71072"
GENK = "71016"
TODAY = dt.date.today()


def test_a_location_is_read_with_its_steps_and_partners(engine: Any) -> None:
    store = Store(engine)
    location_id, _ = create_location(
        engine,
        name="De Linde",
        location_type="collectieve_opvang",
        municipality_nis=HASSELT,
        author_id=None,
    )
    assert location_id is not None
    assert (
        step_location(engine, location_id, LocationStatus.PREPARING, on_date=TODAY, author_id=None)
        == []
    )
    assert add_partner(engine, location_id, GENK, "cofinanciering") == []
    shown = store.read(location_detail.shown, location_id)
    assert shown is not None
    assert (shown.detail.name, shown.detail.status) == ("De Linde", "in_voorbereiding")
    assert "in_voorbereiding" in [h.to_status for h in shown.history]
    assert [(p.municipality_name, p.role) for p in shown.partners] == [("Genk", "cofinanciering")]
    assert store.read(location_detail.header, location_id).name == "De Linde"  # type: ignore[union-attr]
    assert store.read(location_detail.deletion_problems, location_id) == []
    assert store.read(location_detail.shown, "no-such-location") is None


def _case(engine: Any, first: str, **extra: Any) -> str:
    case_id, problems = create_case(
        engine,
        NewCase(
            case_type="herhuisvesting",
            team_code="limburg",
            municipality_nis=HASSELT,
            opened_on=TODAY - dt.timedelta(days=10),
            deadline=None,
        ),
        [MemberValues(first_name=first, last_name="Shevchuk", relation="contactpersoon")],
        author_id=None,
    )
    assert case_id is not None, problems
    return case_id


def test_a_case_is_read_with_its_timeline_and_erased_through_the_engine(engine: Any) -> None:
    store = Store(engine)
    case_id = _case(engine, "Svitlana")
    shown = store.read(case_detail.shown, case_id, TODAY)
    assert shown is not None and shown.places == {}
    assert shown.detail.members[0].first_name == "Svitlana"
    assert store.read(case_detail.detail, case_id, TODAY) == shown.detail
    assert store.read(case_detail.shown, "no-such-case", TODAY) is None
    assert case_privacy.erase_member(engine, shown.detail.members[0].id) == (
        shown.detail.members[0].id
    )
    erased = store.read(case_detail.detail, case_id, TODAY)
    assert erased is not None and not erased.members[0].first_name


def test_the_retention_count_reads_and_applying_it_erases(engine: Any) -> None:
    store = Store(engine)
    case_id = _case(engine, "Iryna")
    for step in (CaseStatus.IN_PROGRESS, CaseStatus.CLOSED):
        assert change_status(engine, case_id, step, author_id=None, today=TODAY) == []
    later = TODAY + dt.timedelta(days=62)
    counted = store.read(case_privacy.retention_count, later, 1)
    assert (counted.cases, counted.members, counted.dry_run) == (1, 1, True)
    assert store.read(case_detail.detail, case_id, later).members[0].first_name == "Iryna"  # type: ignore[union-attr]
    applied = case_privacy.apply_retention(engine, later, 1)
    assert (applied.cases, applied.dry_run) == (1, False)
    assert store.read(case_privacy.retention_count, later, 1).cases == 0
