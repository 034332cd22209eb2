"""Suggesting free places for a case, and assigning them: ranked, explained, all or nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Case, CaseEvent, Place, PlaceStatusChange
from vlot_desktop.db.queries.cases import case_detail
from vlot_desktop.domain.enums import CaseStatus, LocationStatus, PlaceStatus
from vlot_desktop.services.cases import change_status
from vlot_desktop.services.matching import Proximity, assign_places, suggest_places
from vlot_desktop.services.places import set_place_status

from .conftest import DE_PANNE, GENK, HASSELT, LOMMEL, TODAY, add_location, member, new_case

FREE, OCC = PlaceStatus.FREE, PlaceStatus.OCCUPIED


def test_nearest_first_municipality_arrondissement_province_elsewhere(
    engine: Engine, author_id: str
) -> None:
    elsewhere = add_location(engine, "Zeezicht", DE_PANNE, [FREE, FREE])
    province = add_location(engine, "Lommel Centrum", LOMMEL, [FREE])
    arrondissement = add_location(engine, "Genk Noord", GENK, [FREE])
    same = add_location(engine, "De Linde", HASSELT, [FREE, OCC])
    add_location(engine, "Vol", HASSELT, [OCC])  # no free place: not suggested
    add_location(engine, "In opbouw", HASSELT, [FREE], status=LocationStatus.PREPARING)
    case_id = new_case(engine, author_id)
    suggestions = suggest_places(engine, case_id)
    assert [s.location_id for s in suggestions] == [same, arrondissement, province, elsewhere]
    assert [s.proximity for s in suggestions] == list(Proximity)
    assert [s.rank for s in suggestions] == [1, 2, 3, 4]
    assert all(s.fits for s in suggestions)
    first = suggestions[0]
    assert first.free_places == 1 and len(first.free_place_ids) == 1
    assert first.free_place_labels == ("Plaats 1",)
    assert suggestions[3].reasons[0].message == "Elders in Vlaanderen."
    assert [r.message for r in first.reasons] == [
        "In dezelfde gemeente.",
        "1 vrije plaats voor 1 persoon.",
        "Geschikt voor alleenstaanden.",
    ]


def test_unsuitable_places_are_ranked_after_fitting_ones_with_the_reason(
    engine: Engine, author_id: str
) -> None:
    """Decision: a wheelchair need ranks a non-accessible location down (after every fitting
    one, however near), it does not hide it; the reason says why."""
    near = add_location(engine, "Trappenhuis", HASSELT, [FREE, FREE])
    far = add_location(engine, "Gelijkvloers", DE_PANNE, [FREE, FREE], wheelchair=True)
    case_id = new_case(
        engine,
        author_id,
        [member(mobility=True), member("Taras", "K", None, None, relation="kind")],
    )
    first, second = suggest_places(engine, case_id)
    assert (first.location_id, first.fits) == (far, True)
    assert (second.location_id, second.fits) == (near, False)
    (failed,) = second.failed
    assert failed.criterion == "wheelchair"
    assert failed.message == "Niet rolstoeltoegankelijk, terwijl een gezinslid dat nodig heeft."
    assert "Rolstoeltoegankelijk." in [r.message for r in first.reasons]


def test_household_size_medical_family_and_vulnerable_criteria(
    engine: Engine, author_id: str
) -> None:
    small = add_location(engine, "Studio", HASSELT, [FREE], vulnerable=True, medical=True)
    singles_only = add_location(
        engine, "Alleenstaanden", HASSELT, [FREE, FREE, FREE], families=False, medical=True
    )
    fitting = add_location(engine, "Ruim", GENK, [FREE, FREE, FREE], vulnerable=True, medical=True)
    household = [
        member(medical=True),
        member("Taras", "K", None, None, relation="kind"),
        member("Iryna", "K", None, None, relation="kind"),
    ]
    case_id = new_case(engine, author_id, household, case_type="kwetsbaar_profiel")
    by_id = {s.location_id: s for s in suggest_places(engine, case_id)}
    assert by_id[fitting].rank == 1 and by_id[fitting].fits
    assert len(by_id[fitting].free_place_ids) == 3
    assert by_id[fitting].free_place_labels == ("Plaats 1", "Plaats 2", "Plaats 3")
    assert "3 vrije plaatsen voor 3 personen." in [r.message for r in by_id[fitting].reasons]
    assert {r.criterion for r in by_id[small].failed} == {"places"}
    assert by_id[small].failed[0].message == "Maar 1 vrije plaats voor 3 personen."
    assert {r.criterion for r in by_id[singles_only].failed} == {"household", "vulnerable"}
    # Equally near (same municipality), fewer failed criteria first.
    assert by_id[small].rank < by_id[singles_only].rank


def test_suggestions_are_limited(engine: Engine, author_id: str) -> None:
    for number in range(5):
        add_location(engine, f"Locatie {number}", HASSELT, [FREE])
    case_id = new_case(engine, author_id)
    assert len(suggest_places(engine, case_id, limit=3)) == 3


def test_assignment_occupies_places_and_solves_the_case_in_one_go(
    engine: Engine, author_id: str
) -> None:
    location = add_location(engine, "De Linde", HASSELT, [FREE, FREE, FREE])
    case_id = new_case(
        engine,
        author_id,
        [member(), member("Taras", "K", None, None, relation="kind")],
        status=CaseStatus.WAITING_FOR_PLACE,
    )
    (suggestion,) = suggest_places(engine, case_id)
    assert (
        assign_places(engine, case_id, suggestion.free_place_ids, author_id=author_id, today=TODAY)
        == []
    )
    with Session(engine) as session:
        statuses = sorted(
            str(s)
            for s in session.scalars(select(Place.status).where(Place.location_id == location))
        )
        assert statuses == sorted([str(OCC), str(OCC), str(FREE)])
        changes = list(
            session.scalars(
                select(PlaceStatusChange).where(
                    PlaceStatusChange.to_status == PlaceStatus.OCCUPIED,
                    PlaceStatusChange.location_id == location,
                )
            )
        )
        assert len(changes) == 2 and all(c.author_id == author_id for c in changes)
        assert all(c.changed_on == TODAY for c in changes)
        case = session.get_one(Case, case_id)
        assert case.status == CaseStatus.SOLVED
        assert case.assigned_place_id in suggestion.free_place_ids
        assert case.closed_on == TODAY
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None and detail.place is not None
    assert detail.place.location_name == "De Linde" and detail.place.status == "bezet"
    newest, assignment = detail.timeline[:2]
    assert (newest.from_status, newest.to_status) == ("wacht_op_plaats", "oplossing_gevonden")
    assert assignment.kind == "toewijzing" and assignment.place_id == case.assigned_place_id
    assert assignment.text is not None and "De Linde" in assignment.text
    # No free place left for another household of two there: only one is free.
    other = new_case(
        engine,
        author_id,
        [member(), member("Iryna", "K", None, None, relation="kind")],
        status=CaseStatus.IN_PROGRESS,
    )
    (again,) = suggest_places(engine, other)
    assert again.free_places == 1 and not again.fits


def _snapshot(engine: Engine, case_id: str) -> tuple[object, ...]:
    with Session(engine) as session:
        case = session.get_one(Case, case_id)
        return (
            str(case.status),
            case.assigned_place_id,
            sorted(str(s) for s in session.scalars(select(Place.status))),
            len(list(session.scalars(select(PlaceStatusChange)))),
            len(list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)))),
        )


def test_assignment_refuses_a_place_taken_meanwhile_and_changes_nothing(
    engine: Engine, author_id: str
) -> None:
    location = add_location(engine, "De Linde", HASSELT, [FREE, FREE])
    case_id = new_case(
        engine,
        author_id,
        [member(), member("Taras", "K", None, None, relation="kind")],
        status=CaseStatus.IN_PROGRESS,
    )
    (suggestion,) = suggest_places(engine, case_id)
    # Someone else takes one of the two places before the user clicks "Toewijzen".
    taken = suggestion.free_place_ids[1]
    assert (
        set_place_status(
            engine,
            location,
            [taken],
            PlaceStatus.OCCUPIED,
            on_date=TODAY,
            author_id=None,
            today=TODAY,
        )
        == []
    )
    before = _snapshot(engine, case_id)
    (problem,) = assign_places(
        engine, case_id, suggestion.free_place_ids, author_id=author_id, today=TODAY
    )
    assert problem.message.startswith("Niet al deze plaatsen zijn nog vrij")
    assert "Er is niets gewijzigd" in problem.message
    assert _snapshot(engine, case_id) == before

    (single,) = assign_places(engine, case_id, [taken], author_id=author_id, today=TODAY)
    assert single.message.startswith("Deze plaats is niet meer vrij")
    assert _snapshot(engine, case_id) == before


def test_assignment_follows_the_workflow(engine: Engine, author_id: str) -> None:
    add_location(engine, "De Linde", HASSELT, [FREE])
    case_id = new_case(engine, author_id)  # still nieuw
    (suggestion,) = suggest_places(engine, case_id)
    before = _snapshot(engine, case_id)
    (problem,) = assign_places(
        engine, case_id, suggestion.free_place_ids, author_id=author_id, today=TODAY
    )
    assert "neem het eerst in behandeling" in problem.message
    assert _snapshot(engine, case_id) == before
    assert change_status(engine, case_id, CaseStatus.IN_PROGRESS, author_id=author_id) == []
    before = _snapshot(engine, case_id)
    (future,) = assign_places(
        engine,
        case_id,
        suggestion.free_place_ids,
        author_id=author_id,
        on_date=TODAY + dt.timedelta(days=3),
        today=TODAY,
    )
    assert future.message == "De datum kan niet in de toekomst liggen."
    assert _snapshot(engine, case_id) == before


def test_a_household_gets_neighbouring_places_in_natural_label_order(
    engine: Engine, author_id: str
) -> None:
    location = add_location(engine, "Klooster", HASSELT, [FREE, FREE, FREE, FREE])
    with Session(engine) as session, session.begin():
        places = list(session.scalars(select(Place).where(Place.location_id == location)))
        labels = ["Kamer 10 - bed 1", "Kamer 2 - bed 2", "Kamer 9 - bed 1", "Kamer 2 - bed 1"]
        for place, label in zip(places, labels, strict=True):
            place.label = label
    case_id = new_case(
        engine,
        author_id,
        [member(), member("Taras", "K", None, None, relation="kind")],
        status=CaseStatus.WAITING_FOR_PLACE,
    )
    (suggestion,) = suggest_places(engine, case_id)
    assert suggestion.free_place_labels == ("Kamer 2 - bed 1", "Kamer 2 - bed 2")
    assert (
        assign_places(engine, case_id, suggestion.free_place_ids, author_id=author_id, today=TODAY)
        == []
    )
    with Session(engine) as session:
        case = session.get_one(Case, case_id)
        assert case.assigned_place_id == suggestion.free_place_ids[0]
