"""The demo data generator: reproducible, coherent, readable by the app, safe with real data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Date, DateTime, Enum, select

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models import Base, Case, HouseholdMember, Location, synced_tables
from vlot_desktop.demo.loader import DemoDataExistsError, load_demo
from vlot_desktop.demo.sizes import SIZES
from vlot_desktop.domain.checklist import ItemKind, load_checklist
from vlot_desktop.domain.enums import CaseStatus, LocationStatus, Relation
from vlot_desktop.domain.text import fold_join
from vlot_desktop.services.dump import dump_chunks
from vlot_desktop.settings import load_settings

TODAY = dt.date(2026, 11, 26)  # the same 'today' as conftest.DEMO_TODAY
FIRST_DAY = TODAY - dt.timedelta(days=3 * 365)
CLI = Path(sys.executable).with_name("vlot-desktop")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def dump_text(data_dir: Path) -> str:
    return "".join(dump_chunks(paths.database_path(data_dir)))


@pytest.fixture(scope="module")
def master(_demo_small_master: Path) -> Path:
    """The session's small demo set (seed 7, as of 26/11/2026), read-only here."""
    return _demo_small_master


@pytest.fixture(scope="module")
def db(master: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{paths.database_path(master)}?mode=ro", uri=True)
    yield conn
    conn.close()


def scalar(conn: sqlite3.Connection, sql: str, *args: object) -> int:
    value = conn.execute(sql, args).fetchone()[0]
    return int(value or 0)


# --- reproducibility -------------------------------------------------------------------------


def test_same_seed_and_day_give_identical_dumps(master: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    load_demo(again, size="small", seed=7, today=TODAY, replace=False)
    assert dump_text(again) == dump_text(master)


def test_cli_demo_exits_0_and_matches_across_processes(master: Path, tmp_path: Path) -> None:
    target = tmp_path / "cli"
    env = dict(os.environ, PYTHONHASHSEED="12345")  # another str hash order than this process
    result = subprocess.run(
        [
            str(CLI),
            "--data-dir",
            str(target),
            "demo",
            "--size",
            "small",
            "--seed",
            "7",
            "--as-of",
            TODAY.isoformat(),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "locations" in result.stdout and "antwerpen" in result.stdout
    assert dump_text(target) == dump_text(master)


# --- refusing and replacing existing data ----------------------------------------------------


def test_existing_data_is_refused_and_left_unchanged(demo_dir: Path) -> None:
    before = dump_text(demo_dir)
    with pytest.raises(DemoDataExistsError) as caught:
        load_demo(demo_dir, size="small", seed=8, today=TODAY, replace=False)
    assert "--replace" in str(caught.value)
    assert "reservekopie" in caught.value.message_nl
    assert dump_text(demo_dir) == before
    assert not paths.backup_dir(demo_dir).exists()


def test_a_configured_laptop_is_refused(prepared_dir: Path) -> None:
    with pytest.raises(DemoDataExistsError):
        load_demo(prepared_dir, size="small", seed=7, today=TODAY, replace=False)
    assert load_settings(prepared_dir).user_name == "An Peeters"


def test_replace_backs_up_and_regenerates(demo_dir: Path, master: Path) -> None:
    # Another seed, and another 'today' (a leap day) than the master set.
    leap_day = dt.date(2028, 2, 29)
    report = load_demo(demo_dir, size="small", seed=8, today=leap_day, replace=True)
    backups = list(paths.backup_dir(demo_dir).glob("*before-demo*.sqlite3"))
    assert len(backups) == 1
    assert report.backup == backups[0]
    # The backup holds the old data, the database the new.
    old_dump = "".join(dump_chunks(backups[0]))
    assert old_dump == dump_text(master)
    assert dump_text(demo_dir) != old_dump
    conn = sqlite3.connect(paths.database_path(demo_dir))
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM staff_user").fetchone()[0] == 21
        latest = conn.execute("SELECT max(created_at) FROM case_event").fetchone()[0]
        assert latest < leap_day.isoformat()
    finally:
        conn.close()
    assert report.replaced and report.counts["case_file"] == 1200
    summary = report.summary()
    assert "backed up" in summary and "1,200 cases" in summary and "seed 8" in summary


def test_unknown_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="huge"):
        load_demo(tmp_path, size="huge", seed=1, today=TODAY, replace=False)


# --- what the data set holds ----------------------------------------------------------------


def test_small_counts_are_in_range(db: sqlite3.Connection) -> None:
    expected = {
        "location": (150, 260),
        "place": (1_500, 2_100),
        "prospect_visit": (120, 120),
        "case_file": (1_200, 1_200),
        "household_member": (2_800, 3_300),
        "contact_moment": (5_000, 5_000),
        "question": (800, 800),
        "staff_user": (21, 21),
        "device": (21, 21),
        "meeting": (800, 1_200),  # three years of the seven series, and today's
        "newsletter_edition": (150, 160),
        "case_event": (3_000, 10_000),
        "place_status_change": (1_500, 8_000),
        "checklist_answer": (5_000, 12_000),
    }
    for table, (low, high) in expected.items():
        count = scalar(db, f"SELECT count(*) FROM {table}")
        assert low <= count <= high, (table, count)
    assert scalar(db, "SELECT count(*) FROM municipality") == 285


def test_large_size_meets_the_minimums() -> None:
    large = SIZES["large"]
    assert large.locations >= 5_000 and large.places >= 40_000
    assert large.prospects >= 3_000 and large.cases >= 50_000
    assert large.contact_moments >= 200_000 and large.questions >= 30_000


def test_foreign_keys_hold(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_settings_start_as_a_regional_staff_member(master: Path, db: sqlite3.Connection) -> None:
    settings = load_settings(master)
    assert settings.is_configured
    assert settings.team_code == "antwerpen"
    name, team = db.execute(
        "SELECT name, team_code FROM staff_user WHERE id = ?", (settings.user_id,)
    ).fetchone()
    assert (name, team) == (settings.user_name, "antwerpen")
    # The laptop's own id is random per data folder, never one of the demo's devices (which
    # the seed makes: two laptops loading the same demo would share change-file names).
    assert settings.device_id
    assert db.execute("SELECT 1 FROM device WHERE id = ?", (settings.device_id,)).fetchone() is None


def test_staff_per_team(db: sqlite3.Connection) -> None:
    rows = dict(db.execute("SELECT team_code, count(*) FROM staff_user GROUP BY team_code"))
    assert rows["centraal"] == 6
    assert [rows[t] for t in sorted(rows) if t != "centraal"] == [3, 3, 3, 3, 3]


def test_every_municipality_has_a_coordinator_and_an_authority(db: sqlite3.Connection) -> None:
    missing = db.execute(
        "SELECT nis_code FROM municipality m WHERE NOT EXISTS (SELECT 1 FROM contact_person c "
        "WHERE c.municipality_nis = m.nis_code AND c.role = 'gemeentelijke_coordinator' "
        "AND c.active = 1)"
    ).fetchall()
    assert missing == []
    assert scalar(db, "SELECT count(*) FROM organisation WHERE kind = 'lokaal_bestuur'") == 285
    assert scalar(db, "SELECT count(*) FROM organisation WHERE kind = 'gouverneur'") == 5
    assert scalar(db, "SELECT count(*) FROM organisation WHERE kind = 'fedasil'") == 1
    names = [n for (n,) in db.execute("SELECT name FROM organisation")]
    assert "Stad Antwerpen" in names and "Gemeente Boechout" in names


def test_locations_follow_population(db: sqlite3.Connection) -> None:
    per_municipality = db.execute(
        "SELECT m.name_nl, count(*) AS n FROM location l JOIN municipality m "
        "ON m.nis_code = l.municipality_nis GROUP BY m.name_nl ORDER BY n DESC, m.name_nl"
    ).fetchall()
    top = [name for name, _ in per_municipality[:3]]
    assert "Antwerpen" in top
    assert len(per_municipality) > 80  # spread over many municipalities, not just the cities


def test_location_addresses_and_search_text(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT l.name, l.street, l.postcode, l.municipality_nis, l.search_text, m.name_nl "
        "FROM location l JOIN municipality m ON m.nis_code = l.municipality_nis"
    ).fetchall()
    postcodes = set(db.execute("SELECT postcode, municipality_nis FROM postcode").fetchall())
    for name, street, postcode, nis, search_text, municipality in rows:
        assert (postcode, nis) in postcodes
        assert search_text == fold_join(name, street, municipality)


def test_places_match_capacity_and_status(db: sqlite3.Connection) -> None:
    mismatched = db.execute(
        "SELECT l.id FROM location l WHERE l.capacity != "
        "(SELECT count(*) FROM place p WHERE p.location_id = l.id)"
    ).fetchall()
    assert mismatched == []
    # Made by the capacity rule's one write path, as the form and the import make them:
    # "Plaats 1".."Plaats n" for a capacity n, whatever extensions and reductions came between.
    labels: dict[str, list[str]] = {}
    for location_id, label in db.execute("SELECT location_id, label FROM place"):
        labels.setdefault(location_id, []).append(label)
    assert all(
        sorted(found) == sorted(f"Plaats {n}" for n in range(1, len(found) + 1))
        for found in labels.values()
    )
    statuses = dict(db.execute("SELECT status, count(*) FROM place GROUP BY status"))
    assert statuses["bezet"] > sum(statuses.values()) / 2
    assert {"vrij", "aangeboden_fedasil", "in_opbouw", "buiten_gebruik"} <= set(statuses)
    # Places of locations in preparation are being prepared.
    assert (
        scalar(
            db,
            "SELECT count(*) FROM place p JOIN location l ON l.id = p.location_id "
            "WHERE l.status = 'in_voorbereiding' AND p.status != 'in_opbouw'",
        )
        == 0
    )
    # Every place has its history, and the last change is its current status.
    wrong = db.execute(
        "SELECT p.id FROM place p WHERE p.status != (SELECT c.to_status FROM "
        "place_status_change c WHERE c.place_id = p.id ORDER BY c.changed_on DESC, c.id DESC "
        "LIMIT 1)"
    ).fetchall()
    assert wrong == []
    assert scalar(db, "SELECT count(*) FROM place_status_change") > scalar(
        db, "SELECT count(*) FROM place"
    )


def test_location_history(db: sqlite3.Connection) -> None:
    wrong = db.execute(
        "SELECT l.id FROM location l WHERE l.status != (SELECT c.to_status FROM "
        "location_status_change c WHERE c.location_id = l.id ORDER BY c.changed_on DESC, c.id DESC"
        " LIMIT 1)"
    ).fetchall()
    assert wrong == []
    statuses = dict(db.execute("SELECT status, count(*) FROM location GROUP BY status"))
    assert set(statuses) == {s.value for s in LocationStatus}
    assert statuses["operationeel"] > sum(statuses.values()) / 2
    assert (
        scalar(db, "SELECT count(*) FROM location WHERE status = 'gesloten' AND closed_on IS NULL")
        == 0
    )
    assert scalar(db, "SELECT count(*) FROM capacity_change") > 0
    assert scalar(db, "SELECT count(*) FROM location_partner") > 0


def test_prospects(db: sqlite3.Connection) -> None:
    statuses = dict(db.execute("SELECT status, count(*) FROM prospect_visit GROUP BY status"))
    assert set(statuses) == {"gepland", "bezocht", "positief", "negatief", "on_hold", "omgezet"}
    assert (
        scalar(
            db,
            "SELECT count(*) FROM prospect_visit WHERE (status = 'omgezet') "
            "!= (location_id IS NOT NULL)",
        )
        == 0
    )
    gained = scalar(
        db, "SELECT sum(l.capacity) FROM prospect_visit v JOIN location l ON l.id = v.location_id"
    )
    assert 2 <= gained / 120 <= 7  # VLOT's own figure: 108 prospects gave 419 places
    assert (
        scalar(
            db,
            "SELECT count(*) FROM prospect_visit WHERE status = 'gepland' AND visit_date <= ?",
            TODAY.isoformat(),
        )
        == 0
    )
    assert scalar(db, "SELECT count(*) FROM finding") > 0
    roles = {r for (r,) in db.execute("SELECT DISTINCT role FROM prospect_participant")}
    assert {"vlot", "gemeente", "eigenaar", "brandweer"} <= roles


def test_checklist_answers_match_the_template(db: sqlite3.Connection) -> None:
    template = load_checklist(paths.reference_data_dir() / "checklists" / "prospect_v1.json")
    items = {item.key: item for item in template.items()}
    planned_answers = scalar(
        db,
        "SELECT count(*) FROM checklist_answer a JOIN prospect_visit v ON v.id = a.visit_id "
        "WHERE v.status = 'gepland'",
    )
    assert planned_answers == 0
    rows = db.execute(
        "SELECT id, visit_id, item_key, value_choice, value_number, value_text "
        "FROM checklist_answer"
    ).fetchall()
    for answer_id, visit_id, key, choice, number, text in rows:
        assert answer_id == str(uuid.uuid5(uuid.UUID(visit_id), key))
        item = items[key]
        if item.kind is ItemKind.YES_NO_NA:
            assert choice in ("ja", "nee", "nvt")
        elif item.kind is ItemKind.CHOICE:
            assert choice in [c.key for c in item.choices]
        elif item.kind is ItemKind.NUMBER:
            assert number is not None
            assert item.min is None or number >= item.min
            assert item.max is None or number <= item.max
        elif item.kind is ItemKind.TEXT:
            assert text
        else:
            pytest.fail(f"answer for photo item {key}")
    visited = scalar(db, "SELECT count(*) FROM prospect_visit WHERE status != 'gepland'")
    required = [i.key for i in template.items() if i.required and i.key != "besluit.advies"]
    for key in required:
        answered = scalar(db, "SELECT count(*) FROM checklist_answer WHERE item_key = ?", key)
        assert answered == visited, key


def test_households(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT first_name, last_name, first_name_cyrillic, last_name_cyrillic, search_names, "
        "sex, birth_year, school_age FROM household_member"
    ).fetchall()
    with_cyrillic = [r for r in rows if r[2]]
    assert len(with_cyrillic) > len(rows) * 0.7
    assert all(re.search("[\u0400-\u04ff]", r[2] + r[3]) for r in with_cyrillic)
    for first, last, first_cyr, last_cyr, search, _, birth_year, school_age in rows:
        assert search == fold_join(first, last, first_cyr, last_cyr)
        assert search == search.lower()
        assert bool(school_age) == (5 <= TODAY.year - birth_year <= 17)
    surnames = {(r[1], r[5]) for r in rows}
    assert ("Kovalska", "m") not in surnames and ("Kovalskyi", "v") not in surnames
    assert any(name == "Bondarenko" for name, _ in surnames)
    # household_size is the number of members; the first member is the contact person.
    wrong_size = db.execute(
        "SELECT c.id FROM case_file c WHERE c.household_size != "
        "(SELECT count(*) FROM household_member m WHERE m.case_id = c.id)"
    ).fetchall()
    assert wrong_size == []
    firsts = db.execute(
        "SELECT relation FROM household_member m WHERE m.id = "
        "(SELECT min(id) FROM household_member WHERE case_id = m.case_id)"
    ).fetchall()
    assert {r for (r,) in firsts} == {Relation.CONTACT_PERSON.value}
    average = scalar(db, "SELECT count(*) FROM household_member") / 1200
    assert 2.3 <= average <= 2.7
    assert scalar(db, "SELECT count(*) FROM household_member WHERE medical_notes IS NOT NULL") > 0


def test_cases(db: sqlite3.Connection) -> None:
    open_statuses = tuple(s.value for s in CaseStatus if s.is_open)
    marks = ",".join("?" * len(open_statuses))
    assert (
        scalar(
            db,
            f"SELECT count(*) FROM case_file WHERE (status IN ({marks})) = (closed_on IS NOT NULL)",
            *open_statuses,
        )
        == 0
    )
    assert scalar(db, "SELECT count(*) FROM case_file WHERE closed_on < opened_on") == 0
    overdue = scalar(
        db,
        f"SELECT count(*) FROM case_file WHERE status IN ({marks}) AND deadline < ?",
        *open_statuses,
        TODAY.isoformat(),
    )
    total_open = scalar(
        db, f"SELECT count(*) FROM case_file WHERE status IN ({marks})", *open_statuses
    )
    assert 0 < overdue < total_open
    types = dict(db.execute("SELECT case_type, count(*) FROM case_file GROUP BY case_type"))
    assert types["herhuisvesting"] > types["kwetsbaar_profiel"] > 0 and types["fedasil_instroom"]
    references = [r for (r,) in db.execute("SELECT reference FROM case_file")]
    assert len(set(references)) == len(references)
    assert all(re.fullmatch(r"(HH|KP|FI)-20\d\d-\d{5}", r) for r in references)
    # Assigned places are occupied places; the assignment is in the timeline.
    assigned = db.execute(
        "SELECT p.status FROM case_file c JOIN place p ON p.id = c.assigned_place_id"
    ).fetchall()
    assert assigned and {s for (s,) in assigned} == {"bezet"}
    assert scalar(db, "SELECT count(*) FROM case_event WHERE kind = 'toewijzing'") == len(assigned)


def test_case_timelines(db: sqlite3.Connection) -> None:
    events: dict[str, list[tuple[str, str, str | None, str | None]]] = {}
    for case_id, kind, occurred, to_status, event_id in db.execute(
        "SELECT case_id, kind, occurred_at, to_status, id FROM case_event ORDER BY id"
    ):
        events.setdefault(case_id, []).append((occurred, kind, to_status, event_id))
    cases = dict(db.execute("SELECT id, status FROM case_file"))
    assert set(events) == set(cases)
    for case_id, timeline in events.items():
        times = [e[0] for e in timeline]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert timeline[0][1] == "notitie"
        changes = [e[2] for e in timeline if e[1] == "statuswijziging"]
        assert (changes[-1] if changes else "nieuw") == cases[case_id]


def test_questions(db: sqlite3.Connection) -> None:
    assert scalar(db, "SELECT count(*) FROM question WHERE answered_on < received_on") == 0
    assert scalar(db, "SELECT count(*) FROM question WHERE theme_code IS NULL") == 0
    assert (
        scalar(
            db,
            "SELECT count(*) FROM question WHERE published = 1 AND "
            "(published_title IS NULL OR answered_on IS NULL)",
        )
        == 0
    )
    # Dispatched questions are handled by the central team; each dispatch is a row of its own
    # (tests/unit/helpdesk/test_helpdesk_demo.py checks the helpdesk data further).
    dispatched = db.execute(
        "SELECT DISTINCT q.team_code FROM question q JOIN question_dispatch d "
        "ON d.question_id = q.id"
    ).fetchall()
    assert dispatched == [("centraal",)]
    domains = dict(
        db.execute(
            "SELECT t.domain_code, count(*) FROM question q JOIN theme t ON t.code = q.theme_code "
            "GROUP BY t.domain_code"
        )
    )
    assert domains["opvang-huisvesting"] > domains["mobiliteit"]


def test_meetings_and_newsletters(db: sqlite3.Connection) -> None:
    kinds = dict(db.execute("SELECT kind, count(*) FROM meeting GROUP BY kind"))
    assert kinds["teamoverleg"] > kinds["herhuisvesting"] > kinds["gouverneurs"]
    assert kinds["gouverneurs"] > kinds["centrumsteden"] >= 10
    assert scalar(db, "SELECT count(*) FROM meeting_item WHERE subject_id IS NOT NULL") > 0
    numbers = [n for (n,) in db.execute("SELECT number FROM newsletter_edition ORDER BY number")]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    drafts = db.execute("SELECT publication_date FROM newsletter_edition WHERE status = 'concept'")
    assert len(drafts.fetchall()) == 1
    linked = db.execute(
        "SELECT q.published FROM newsletter_item i JOIN question q ON q.id = i.question_id"
    ).fetchall()
    assert linked and {p for (p,) in linked} == {1}


def test_contact_moments(db: sqlite3.Connection) -> None:
    per_team = dict(db.execute("SELECT team_code, count(*) FROM contact_moment GROUP BY 1"))
    assert len(per_team) == 6
    assert (
        scalar(
            db,
            "SELECT count(*) FROM contact_moment c JOIN contact_person p ON "
            "p.id = c.contact_person_id WHERE p.role = 'gemeentelijke_coordinator'",
        )
        > 2500
    )


def test_records_are_not_older_than_what_they_refer_to(db: sqlite3.Connection) -> None:
    # A case is updated later with its place, a prospect with the location it became.
    # An article version is updated later with the version that replaces it.
    updated_later = {
        ("case_file", "assigned_place_id"),
        ("prospect_visit", "location_id"),
        ("kb_article", "replaced_by_id"),
    }
    synced = set(synced_tables())
    checked = 0
    for table_name in sorted(synced):
        for fk in Base.metadata.tables[table_name].foreign_keys:
            parent = fk.column.table.name
            column = fk.parent.name
            if parent not in synced or (table_name, column) in updated_later:
                continue
            younger = scalar(
                db,
                f"SELECT count(*) FROM {table_name} c JOIN {parent} p ON p.id = c.{column} "
                "WHERE substr(c.created_at, 1, 10) < substr(p.created_at, 1, 10)",
            )
            assert younger == 0, (table_name, column)
            checked += 1
    assert checked > 25


# --- storage formats and dates -------------------------------------------------------------

# Columns that may lie ahead of 'today': deadlines, due dates, planned visits, the next flits.
FUTURE_ALLOWED = {
    ("case_file", "deadline"),
    ("finding", "due_on"),
    ("prospect_visit", "visit_date"),
    ("newsletter_edition", "publication_date"),
    ("question_dispatch", "due_on"),
    ("meeting_action", "due_on"),
}


def test_dates_lie_in_the_last_three_years(db: sqlite3.Connection) -> None:
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    for table_name in synced_tables():
        table = Base.metadata.tables[table_name]
        for column in table.columns:
            if not isinstance(column.type, Date | DateTime):
                continue
            low, high = db.execute(
                f"SELECT min({column.name}), max({column.name}) FROM {table_name}"
            ).fetchone()
            if low is None:
                continue
            assert low >= FIRST_DAY.isoformat(), (table_name, column.name, low)
            if (table_name, column.name) in FUTURE_ALLOWED:
                continue
            assert high < tomorrow, (table_name, column.name, high)
    future_visits = scalar(
        db,
        "SELECT count(*) FROM prospect_visit WHERE visit_date > ? AND status != 'gepland'",
        TODAY.isoformat(),
    )
    assert future_visits == 0
    future_flits = scalar(
        db,
        "SELECT count(*) FROM newsletter_edition WHERE publication_date > ? "
        "AND (status != 'concept' OR publication_date > ?)",
        TODAY.isoformat(),
        (TODAY + dt.timedelta(days=6)).isoformat(),
    )
    assert future_flits == 0


def test_values_are_stored_as_sqlalchemy_stores_them(db: sqlite3.Connection) -> None:
    for table_name in synced_tables():
        table = Base.metadata.tables[table_name]
        for column in table.columns:
            values = [v for (v,) in db.execute(f"SELECT DISTINCT {column.name} FROM {table_name}")]
            values = [v for v in values if v is not None]
            if isinstance(column.type, DateTime):
                assert all(TIMESTAMP.fullmatch(v) for v in values), (table_name, column.name)
            elif isinstance(column.type, Date):
                assert all(DATE.fullmatch(v) for v in values), (table_name, column.name)
            elif isinstance(column.type, Enum):
                allowed = set(column.type.enums)
                assert set(values) <= allowed, (table_name, column.name, set(values) - allowed)
            elif column.type.python_type is bool:
                assert set(values) <= {0, 1}, (table_name, column.name)
        same = scalar(db, f"SELECT count(*) FROM {table_name} WHERE updated_at = created_at")
        older = scalar(db, f"SELECT count(*) FROM {table_name} WHERE updated_at < created_at")
        assert older == 0, table_name
        if table_name not in UPDATED_THROUGH_SERVICES:
            assert same == scalar(db, f"SELECT count(*) FROM {table_name}"), table_name


# A location's capacity, a case's and a question's status steps, a dispatch's answer and an
# article's successor, a flits edition's sending and its items' order are written after the
# row, through the rules' write paths in services: their updated_at is when the last of those
# was written.
UPDATED_THROUGH_SERVICES = {
    "location",
    "case_file",
    "question",
    "question_dispatch",
    "kb_article",
    "newsletter_edition",
    "newsletter_item",
}


def test_sqlalchemy_reads_the_rows_back(master: Path) -> None:
    engine = make_engine(paths.database_path(master))
    try:
        with make_session_factory(engine)() as session:
            location = session.scalars(select(Location).limit(1)).one()
            assert isinstance(location.created_at, dt.datetime)
            assert isinstance(location.status, LocationStatus)
            assert isinstance(location.wheelchair_accessible, bool)
            case = session.scalars(select(Case).where(Case.closed_on.is_not(None)).limit(1)).one()
            assert isinstance(case.closed_on, dt.date) and isinstance(case.status, CaseStatus)
            member = session.scalars(
                select(HouseholdMember).where(HouseholdMember.first_name_cyrillic.is_not(None))
            ).first()
            assert member is not None and member.first_name_cyrillic
    finally:
        engine.dispose()


def test_dump_is_valid_json(master: Path) -> None:
    data = json.loads(dump_text(master))
    assert len(data["household_member"]) > 2000
