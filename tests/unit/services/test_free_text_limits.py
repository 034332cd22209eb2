"""Every service that saves a user's free text refuses one too long to send (text_limits).

Refused means: the Dutch message names the field, and nothing of the change is written (the
old value stays, no sync change is queued).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    Attachment,
    Case,
    CaseEvent,
    ChecklistAnswer,
    Finding,
    HouseholdMember,
    Location,
    LocationStatusChange,
    ProspectVisit,
)
from vlot_desktop.domain.case_rules import TIMELINE_TEXT_MAX, MemberValues
from vlot_desktop.domain.enums import CaseStatus, LocationStatus, LocationType
from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.domain.text_limits import MAX_FREE_TEXT
from vlot_desktop.services import cases, locations, photos, prospects
from vlot_desktop.services.cases import SUMMARY_MAX, NewCase

HASSELT = "71072"
TODAY = dt.date.today()
TOO_LONG = "Deze tekst is te lang: 100.001 tekens, hoogstens 100.000."
HUGE = "а" * (MAX_FREE_TEXT + 1)  # Cyrillic


def outbox(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM sync_outbox")) or 0)


def count(engine: Engine, model: type[object]) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(model)) or 0)


# -- locations --------------------------------------------------------------------------------


@pytest.fixture
def location_id(engine: Engine) -> str:
    with Session(engine) as session, session.begin():
        location = Location(
            name="De Linde",
            location_type=LocationType.COLLECTIVE,
            status=LocationStatus.PREPARING,
            status_since=dt.date(2025, 1, 1),
            municipality_nis=HASSELT,
            notes="Sleutel bij de buren",
        )
        session.add(location)
        session.flush()
        return location.id


def test_location_notes_too_long_are_not_saved_and_nothing_else_is(
    engine: Engine, location_id: str
) -> None:
    before = outbox(engine)
    result = locations.update_location(
        engine, location_id, {"name": "De Linde Noord", "notes": HUGE}
    )
    assert not result.saved
    (problem,) = result.errors
    assert problem.field == "notes" and problem.message.startswith(TOO_LONG)
    with Session(engine) as session:
        location = session.get_one(Location, location_id)
        assert (location.name, location.notes) == ("De Linde", "Sleutel bij de buren")
    assert outbox(engine) == before
    # At the limit: saved (the notes are kept as typed).
    assert locations.update_location(engine, location_id, {"notes": HUGE[1:]}).saved


def test_old_long_notes_do_not_stop_other_edits(engine: Engine, location_id: str) -> None:
    with Session(engine) as session, session.begin():
        session.get_one(Location, location_id).notes = HUGE  # e.g. from an older version
    assert locations.update_location(engine, location_id, {"name": "De Linde Noord"}).saved


def test_a_status_step_with_a_remark_too_long_is_refused(engine: Engine, location_id: str) -> None:
    (problem,) = locations.change_status(
        engine, location_id, LocationStatus.OPERATIONAL, on_date=TODAY, author_id=None, remark=HUGE
    )
    assert problem.field == "remark" and problem.message.startswith(TOO_LONG)
    with Session(engine) as session:
        assert session.get_one(Location, location_id).status == LocationStatus.PREPARING
    assert count(engine, LocationStatusChange) == 0


# -- prospects --------------------------------------------------------------------------------


@pytest.fixture
def visit_id(engine: Engine) -> str:
    return prospects.create_visit(
        engine, prospects.NewVisit(name="Klooster", municipality_nis=HASSELT, postcode="3500")
    )


def _fields(**changes: object) -> prospects.VisitFields:
    values: dict[str, object] = {
        "name": "Klooster Sint-Jozef",
        "street": None,
        "house_number": None,
        "postcode": "3500",
        "municipality_nis": HASSELT,
        "visit_date": None,
        "estimated_places": None,
        "general_impression": None,
        "outcome_notes": None,
    }
    values.update(changes)
    return prospects.VisitFields(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["general_impression", "outcome_notes"])
def test_visit_texts_too_long_are_refused_with_their_field(
    engine: Engine, visit_id: str, field: str
) -> None:
    with pytest.raises(prospects.ProspectError) as refused:
        prospects.update_visit(engine, visit_id, _fields(**{field: HUGE}))
    assert refused.value.field == field
    assert refused.value.message.startswith(TOO_LONG)
    with Session(engine) as session:
        visit = session.get_one(ProspectVisit, visit_id)
        assert (visit.name, getattr(visit, field)) == ("Klooster", None)  # nothing half-saved
    # Blanks around the text are not counted: they are not saved either.
    prospects.update_visit(engine, visit_id, _fields(**{field: f"  {HUGE[1:]}\n"}))


def test_checklist_text_answer_remark_and_action_too_long(engine: Engine, visit_id: str) -> None:
    with pytest.raises(prospects.ProspectError) as refused:
        prospects.set_answer(
            engine, visit_id, "algemeen.huidige_bestemming", prospects.AnswerValue(text=HUGE)
        )
    assert refused.value.field == "value_text"
    for note, field in (
        (prospects.ItemNote(remark=HUGE, kind="knelpunt"), "remark"),
        (prospects.ItemNote(remark="Asbest", kind="knelpunt", action=HUGE), "action"),
    ):
        with pytest.raises(prospects.ProspectError) as refused:
            prospects.save_item_note(engine, visit_id, "gebouw.asbest", note)
        assert refused.value.field == field
        assert refused.value.message.startswith(TOO_LONG)
    assert (count(engine, ChecklistAnswer), count(engine, Finding)) == (0, 0)


def test_a_photo_caption_too_long(engine: Engine, visit_id: str) -> None:
    with Session(engine) as session, session.begin():
        photo = Attachment(
            sha256="0" * 64,
            file_name="gevel.jpg",
            media_type="image/jpeg",
            size_bytes=10,
            owner_table="prospect_visit",
            owner_id=visit_id,
            caption="Gevel",
        )
        session.add(photo)
        session.flush()
        photo_id = photo.id
    with Session(engine) as session, pytest.raises(prospects.ProspectError) as refused:
        photos.set_caption(session, photo_id, HUGE)
    assert refused.value.field == "caption"
    with Session(engine) as session:
        assert session.get_one(Attachment, photo_id).caption == "Gevel"


# -- cases ------------------------------------------------------------------------------------


def _member(*, medical_notes: str | None = None) -> MemberValues:
    return MemberValues(
        first_name="Olena",
        last_name="Kovalenko",
        birth_year=1985,
        needs_medical=medical_notes is not None,
        medical_notes=medical_notes,
    )


def _new_case(engine: Engine, summary: str | None = None) -> tuple[str | None, list[Problem]]:
    case_id, problems = cases.create_case(
        engine,
        NewCase(
            case_type="herhuisvesting",
            team_code="limburg",
            municipality_nis=HASSELT,
            opened_on=TODAY,
            summary=summary,
        ),
        [_member()],
        author_id=None,
    )
    return case_id, problems


def test_case_summary_too_long_when_created_or_changed(engine: Engine) -> None:
    case_id, problems = _new_case(engine, "x" * (SUMMARY_MAX + 1))
    assert case_id is None
    assert [p.field for p in problems] == ["summary"]
    assert count(engine, Case) == 0
    case_id, _ = _new_case(engine, "Gastgezin stopt")
    assert case_id is not None
    (problem,) = cases.update_case(
        engine, case_id, deadline=None, assigned_to_id=None, summary=HUGE, author_id=None
    )
    assert problem.field == "summary"
    result = cases.save_case_fields(engine, case_id, {"summary": HUGE}, author_id=None)
    assert not result.saved
    with Session(engine) as session:
        assert session.get_one(Case, case_id).summary == "Gastgezin stopt"


def test_a_status_step_with_an_explanation_too_long_is_refused(engine: Engine) -> None:
    case_id, _ = _new_case(engine)
    assert case_id is not None
    events = count(engine, CaseEvent)
    (problem,) = cases.change_status(
        engine, case_id, CaseStatus.IN_PROGRESS, author_id=None, text="x" * (TIMELINE_TEXT_MAX + 1)
    )
    assert problem.field == "text"
    assert problem.message.startswith("Deze tekst is te lang: 10.001 tekens, hoogstens 10.000.")
    with Session(engine) as session:
        assert session.get_one(Case, case_id).status == CaseStatus.NEW
    assert count(engine, CaseEvent) == events


def test_medical_notes_too_long(engine: Engine) -> None:
    case_id, problems = cases.create_case(
        engine,
        NewCase(
            case_type="kwetsbaar_profiel",
            team_code="limburg",
            municipality_nis=HASSELT,
            opened_on=TODAY,
        ),
        [_member(medical_notes=HUGE)],
        author_id=None,
    )
    assert case_id is None
    assert [(p.field, p.message[:57]) for p in problems] == [("members[0].medical_notes", TOO_LONG)]
    case_id, _ = _new_case(engine)
    assert case_id is not None
    member_id, problems = cases.add_member(engine, case_id, _member(medical_notes=HUGE))
    assert member_id is None and [p.field for p in problems] == ["medical_notes"]
    assert count(engine, HouseholdMember) == 1
