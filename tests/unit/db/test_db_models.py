"""Model conventions (DESIGN.md §3): text UUID keys, personal data marked, PRAGMAs on."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import String, exc, select, text
from sqlalchemy.orm import Session

from vlot_desktop.db.engine import BUSY_TIMEOUT_MS, make_engine
from vlot_desktop.db.migrate import prepare_database
from vlot_desktop.db.models import (
    Base,
    Case,
    HouseholdMember,
    Location,
    Place,
    reference_tables,
    synced_tables,
)
from vlot_desktop.domain.enums import (
    CaseStatus,
    CaseType,
    LocationStatus,
    LocationType,
    PlaceStatus,
    Relation,
)

# Column names that hold personal data wherever they appear in a synced table.
PERSONAL_NAME = re.compile(
    r"^(first_name|last_name)(_cyrillic)?$"
    r"|^(email|phone|mobile|birth_year|birth_date|medical_notes|asker_name|search_names)$"
    r"|_(email|phone)$"
)
# Tables whose rows are people: their plain ``name`` is a person's name.
PERSON_TABLES = {"staff_user", "prospect_participant", "contact_person", "household_member"}
# Health and vulnerability: hidden until asked for, viewing logged.
SENSITIVE = {
    ("household_member", "medical_notes"),
    ("household_member", "needs_medical"),
    ("household_member", "needs_mobility"),
}

EXPECTED_SYNCED = {
    "attachment",
    "capacity_change",
    "case_event",
    "case_file",
    "checklist_answer",
    "contact_moment",
    "contact_person",
    "device",
    "finding",
    "household_member",
    "location",
    "location_partner",
    "location_status_change",
    "meeting",
    "meeting_item",
    "newsletter_edition",
    "newsletter_item",
    "organisation",
    "place",
    "place_status_change",
    "prospect_participant",
    "prospect_visit",
    "question",
    "sensitive_data_access",
    "staff_user",
}
EXPECTED_REFERENCE = {
    "arrondissement",
    "checklist_template",
    "municipality",
    "policy_domain",
    "postcode",
    "province",
    "team",
    "theme",
}


def test_every_table_is_synced_reference_or_local() -> None:
    synced, reference = set(synced_tables()), set(reference_tables())
    assert synced >= EXPECTED_SYNCED
    assert reference == EXPECTED_REFERENCE
    assert not synced & reference
    # A new table must choose: synced (SyncedMixin), reference, or local-only.
    local = {
        mapper.local_table.name
        for mapper in Base.registry.mappers
        if getattr(mapper.class_, "__local__", False)
    }
    assert "local_meta" in local
    assert set(Base.metadata.tables) == synced | reference | local


@pytest.mark.parametrize("name", sorted(EXPECTED_SYNCED))
def test_synced_tables_have_a_text_uuid_key_named_id(name: str) -> None:
    table = Base.metadata.tables[name]
    keys = list(table.primary_key.columns)
    assert [c.name for c in keys] == ["id"]
    column = keys[0]
    assert isinstance(column.type, String) and column.type.length == 36
    assert column.autoincrement in (False, "auto")
    made = column.default.arg(None)  # type: ignore[union-attr]
    assert uuid.UUID(made).version == 7


def test_personal_columns_are_marked() -> None:
    unmarked = []
    for name in synced_tables():
        for column in Base.metadata.tables[name].columns:
            is_personal_name = bool(PERSONAL_NAME.search(column.name)) or (
                column.name == "name" and name in PERSON_TABLES
            )
            if is_personal_name and not column.info.get("personal"):
                unmarked.append(f"{name}.{column.name}")
    assert unmarked == []


def test_the_marker_rule_finds_what_it_should() -> None:
    # Guard against a rule that matches nothing: these are the columns the privacy overview and
    # erasure rely on.
    marked = {
        (name, c.name)
        for name in synced_tables()
        for c in Base.metadata.tables[name].columns
        if c.info.get("personal")
    }
    assert {
        ("household_member", "first_name"),
        ("household_member", "last_name_cyrillic"),
        ("household_member", "birth_year"),
        ("household_member", "phone"),
        ("contact_person", "email"),
        ("staff_user", "name"),
        ("prospect_participant", "name"),
        ("question", "asker_name"),
        ("organisation", "phone"),
    } <= marked


def test_health_and_vulnerability_columns_are_sensitive_and_personal() -> None:
    sensitive = {
        (name, c.name)
        for name in Base.metadata.tables
        for c in Base.metadata.tables[name].columns
        if c.info.get("sensitive")
    }
    assert sensitive >= SENSITIVE
    for name, column in sensitive:
        assert Base.metadata.tables[name].columns[column].info.get("personal")


def test_reference_and_local_tables_hold_no_personal_data() -> None:
    for name in [*reference_tables(), "local_meta"]:
        for column in Base.metadata.tables[name].columns:
            assert not column.info.get("personal"), f"{name}.{column.name}"


def test_only_updated_at_is_local_bookkeeping() -> None:
    local = {
        (name, c.name)
        for name, table in Base.metadata.tables.items()
        for c in table.columns
        if c.info.get("local")
    }
    assert local == {(name, "updated_at") for name in synced_tables()}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("models") / "vlot.sqlite3"
    prepare_database(path)
    return path


def test_every_connection_gets_the_pragmas(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        with pytest.raises(exc.IntegrityError), Session(engine) as session, session.begin():
            session.add(Place(location_id="no-such-location", label="1", status=PlaceStatus.FREE))
    finally:
        engine.dispose()


def test_orm_round_trip_with_enums_and_cyrillic(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        with Session(engine) as session, session.begin():
            location = Location(
                name="Klooster Hasselt",
                location_type=LocationType.COLLECTIVE,
                status=LocationStatus.OPERATIONAL,
                municipality_nis="71072",
            )
            session.add(location)
            session.flush()
            session.add(Place(location_id=location.id, label="K1", status=PlaceStatus.OCCUPIED))
            case = Case(
                reference="HER-2026-0001",
                case_type=CaseType.REHOUSING,
                status=CaseStatus.NEW,
                team_code="limburg",
                municipality_nis="71072",
                opened_on=dt.date(2026, 3, 1),
            )
            session.add(case)
            session.flush()
            session.add(
                HouseholdMember(
                    case_id=case.id,
                    first_name="Olena",
                    last_name="Shevchenko",
                    first_name_cyrillic="Олена",
                    last_name_cyrillic="Шевченко",
                    relation=Relation.CONTACT_PERSON,
                )
            )
            location_id, case_id = location.id, case.id
        with Session(engine) as session:
            stored = session.get(Location, location_id)
            assert stored is not None
            assert uuid.UUID(stored.id).version == 7
            assert stored.status is LocationStatus.OPERATIONAL
            assert stored.created_at is not None and stored.updated_at is not None
            member = session.scalars(
                select(HouseholdMember).where(HouseholdMember.case_id == case_id)
            ).one()
            assert member.first_name_cyrillic == "Олена"
        with engine.connect() as conn:
            # Enums are stored as their Dutch value (what sync files and reports carry).
            raw = conn.execute(
                text("SELECT status, location_type FROM location WHERE id = :id"),
                {"id": location_id},
            ).one()
            assert tuple(raw) == ("operationeel", "collectieve_opvang")
    finally:
        engine.dispose()
