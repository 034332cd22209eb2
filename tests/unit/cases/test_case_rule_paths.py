"""The one write path of "a household's size equals its members" (set_household_size) and of the
status workflow (step_status), at their edges, as the Dossiers screen shows them."""

from __future__ import annotations

import itertools
import sqlite3

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Case, CaseEvent, HouseholdMember
from vlot_desktop.db.queries.cases import case_detail
from vlot_desktop.domain.case_rules import ALLOWED_STATUS_STEPS
from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.services.cases import (
    CaseNotFoundError,
    add_member,
    change_status,
    remove_member,
    set_household_size,
    step_status,
)

from .conftest import TODAY, member, new_case

S = CaseStatus
# How a case gets to each status through allowed steps (from nieuw).
PATH_TO = {
    S.NEW: [],
    S.IN_PROGRESS: [S.IN_PROGRESS],
    S.WAITING_FOR_PLACE: [S.IN_PROGRESS, S.WAITING_FOR_PLACE],
    S.SOLVED: [S.IN_PROGRESS, S.SOLVED],
    S.REFERRED: [S.REFERRED],
    S.CLOSED: [S.CLOSED],
}
ALLOWED = {
    (S.NEW, S.IN_PROGRESS),
    (S.NEW, S.REFERRED),
    (S.NEW, S.CLOSED),
    (S.IN_PROGRESS, S.WAITING_FOR_PLACE),
    (S.IN_PROGRESS, S.SOLVED),
    (S.IN_PROGRESS, S.REFERRED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.WAITING_FOR_PLACE, S.IN_PROGRESS),
    (S.WAITING_FOR_PLACE, S.SOLVED),
    (S.WAITING_FOR_PLACE, S.REFERRED),
    (S.WAITING_FOR_PLACE, S.CLOSED),
    (S.SOLVED, S.CLOSED),
    (S.SOLVED, S.IN_PROGRESS),
    (S.REFERRED, S.CLOSED),
    (S.REFERRED, S.IN_PROGRESS),
    (S.CLOSED, S.IN_PROGRESS),
}


def size(engine: Engine, case_id: str) -> tuple[int, int]:
    """The size the Dossiers screen shows, and the members it lists."""
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None
    return detail.household_size, len(detail.members)


def outbox(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() or 0)


# -- household size ------------------------------------------------------------------------------


def test_the_size_follows_members_added_and_removed_and_the_last_one_stays(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    assert size(engine, case_id) == (1, 1)
    child, problems = add_member(engine, case_id, member("Taras", relation="kind"))
    assert child is not None and problems == []
    assert size(engine, case_id) == (2, 2)
    assert remove_member(engine, child) == []
    assert size(engine, case_id) == (1, 1)
    with Session(engine) as session:
        (last,) = session.scalars(
            select(HouseholdMember.id).where(HouseholdMember.case_id == case_id)
        ).all()
    assert [p.message for p in remove_member(engine, last)] == [
        "Het laatste gezinslid kan niet worden verwijderd."
    ]
    assert size(engine, case_id) == (1, 1)


def test_a_new_case_with_several_members_has_their_number(engine: Engine, author_id: str) -> None:
    case_id = new_case(
        engine, author_id, [member(), member("Taras", relation="kind"), member("Iryna")]
    )
    assert size(engine, case_id) == (3, 3)


def test_set_household_size_with_and_without_members(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id, [member(), member("Taras", relation="kind")])
    before = outbox(engine)
    with Session(engine) as session, session.begin():
        assert set_household_size(session, case_id) == 2
    assert outbox(engine) == before  # already right: nothing written, nothing to sync
    # A merge can leave a case without members (both deleted on two laptops): size 0.
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM household_member WHERE case_id = ?", (case_id,))
        conn.exec_driver_sql("UPDATE case_file SET household_size = 2 WHERE id = ?", (case_id,))
    with Session(engine) as session, session.begin():
        assert set_household_size(session, case_id) == 0
    assert size(engine, case_id) == (0, 0)
    with Session(engine) as session, session.begin(), pytest.raises(CaseNotFoundError):
        set_household_size(session, "0196f000-0000-7000-8000-000000000000")


def test_set_household_size_on_a_plain_connection(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id)
    database = engine.url.database
    assert database is not None
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE case_file SET household_size = 5 WHERE id = ?", (case_id,))
        assert set_household_size(conn, case_id) == 1
        conn.execute("COMMIT")
    finally:
        conn.close()
    assert size(engine, case_id) == (1, 1)


# -- status steps --------------------------------------------------------------------------------


def test_the_allowed_steps_are_the_workflows() -> None:
    assert {(a, b) for a, nexts in ALLOWED_STATUS_STEPS.items() for b in nexts} == ALLOWED


@pytest.mark.parametrize("current", list(S), ids=lambda s: s.value)
def test_every_step_from_a_status_is_taken_or_refused_with_its_message(
    engine: Engine, author_id: str, current: CaseStatus
) -> None:
    for new in S:
        case_id = new_case(engine, author_id)
        for step in PATH_TO[current]:
            assert change_status(engine, case_id, step, author_id=author_id, today=TODAY) == []
        with Session(engine) as session:
            events = session.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
            )
        problems = change_status(
            engine, case_id, new, author_id=author_id, text="Reden", today=TODAY
        )
        with engine.connect() as conn:
            detail = case_detail(conn, case_id, today=TODAY)
        assert detail is not None
        if (current, new) in ALLOWED:
            assert problems == [], (current, new)
            assert detail.status == new.value
            assert detail.closed_on == (None if new.is_open else TODAY)
            line = detail.timeline[0]
            assert (line.kind, line.from_status, line.to_status, line.text) == (
                "statuswijziging",
                current.value,
                new.value,
                "Reden",
            )
            assert line.author_name == "An Peeters"
            continue
        if new == current:
            expected = f"Het dossier heeft de status '{new.label_nl}' al."
        elif current is S.NEW and new in (S.WAITING_FOR_PLACE, S.SOLVED):
            expected = (
                f"Een nieuw dossier kan niet meteen naar '{new.label_nl}': "
                "neem het eerst in behandeling."
            )
        else:
            expected = f"Van '{current.label_nl}' kan een dossier niet naar '{new.label_nl}'."
        assert [(p.field, p.message) for p in problems] == [("status", expected)], (current, new)
        assert detail.status == current.value  # nothing changed
        with Session(engine) as session:
            assert events == session.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
            )


def test_reopening_clears_the_closing_date_and_closing_twice_keeps_the_first(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    later = TODAY.replace(day=TODAY.day + 1)
    for status, today in ((S.REFERRED, TODAY), (S.CLOSED, later)):
        assert change_status(engine, case_id, status, author_id=author_id, today=today) == []
    with Session(engine) as session:
        assert session.get_one(Case, case_id).closed_on == TODAY
    assert change_status(engine, case_id, S.IN_PROGRESS, author_id=author_id, today=later) == []
    with Session(engine) as session:
        assert session.get_one(Case, case_id).closed_on is None


def test_a_too_long_explanation_is_refused_and_steps_list_in_the_order_taken(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    (problem,) = change_status(
        engine, case_id, S.IN_PROGRESS, author_id=author_id, text="x" * 10_001, today=TODAY
    )
    assert problem.field == "text"
    with Session(engine) as session, session.begin():
        # Many steps within one second (a fast laptop): the timeline keeps their order.
        for new in itertools.islice(itertools.cycle([S.IN_PROGRESS, S.WAITING_FOR_PLACE]), 10):
            assert step_status(session, case_id, new, author_id=author_id, today=TODAY) == []
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None
    steps = [e.to_status for e in detail.timeline if e.kind == "statuswijziging"]
    assert steps == ["wacht_op_plaats", "in_behandeling"] * 5 + ["nieuw"]
