"""The merge's rules, one example at a time, on a laptop's database in memory.

Each test merges a few change records (as other laptops write them) with ``Merger`` directly
and checks what a user would see: the value a record keeps, the conflict the Conflicten screen
lists (both values, and which one won), the record that comes back or stays deleted, the
counts in the sync report ("12 applied, 1 new conflict"). The values are of every kind the
synced tables hold (text, whole and real numbers, yes/no stored as 0/1, dates, NULL, and a blob
as ``{"$hex": ...}``), because a value that is not text takes other paths through the merge.

These tests are what ``installer/dev.sh mutate vlot_desktop/sync/merge.py`` runs (targets.toml),
so they must stay fast: the database is made once and copied in memory for every test.
Deletes, "(edited)" conflicts and erasures are in ``test_sync_merge_deletes.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import re
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from vlot_desktop import paths
from vlot_desktop.sync.batch import Record, known_fields
from vlot_desktop.sync.capture import format_hlc, sqlite3_runner, suppressed, synced_local_columns
from vlot_desktop.sync.clocks import effective_clocks
from vlot_desktop.sync.merge import Merger, canonical

# Device ids as laptops have them (lower-case UUIDs); user ids (staff_user.id) sort after them.
DEV_A = "0196a1b2-0000-7000-8000-00000000000a"
DEV_B = "0196a1b2-0000-7000-8000-00000000000b"
DEV_C = "0196a1b2-0000-7000-8000-00000000000c"
# Ids may start with a letter as well: a tie at the same HLC is broken the same way.
DEV_D = "a5e1b2c3-0000-7000-8000-00000000000d"
DEV_E = "b5e1b2c3-0000-7000-8000-00000000000e"
USER_A = "0197f000-0000-7000-8000-0000000000a1"
USER_B = "0197f000-0000-7000-8000-0000000000b1"
USER_C = "0197f000-0000-7000-8000-0000000000c1"
# (DEV_D and DEV_E have their users the other way round: a tie is broken by device, not user.)
USERS = {DEV_A: USER_A, DEV_B: USER_B, DEV_C: USER_C, DEV_D: USER_B, DEV_E: USER_A}

ORG = "0196a000-0000-7000-8000-0000000000aa"
MEMBER = "0196a000-0000-7000-8000-0000000000bb"
ANSWER = "0196a000-0000-7000-8000-0000000000cc"
PHOTO = "0196a000-0000-7000-8000-0000000000dd"
CASE = "0196a000-0000-7000-8000-0000000000ee"
CREATED = "2026-11-26 09:00:00.000000"


def hlc(tick: int) -> str:
    """The HLC ``tick`` milliseconds into the tests' day (later ticks sort later)."""
    return format_hlc(1_795_000_000_000 + tick, 0)


# --- the records a laptop writes --------------------------------------------------------------

ORG_FIELDS: dict[str, Any] = {
    "name": "OCMW Hasselt",
    "kind": "ocmw",
    "municipality_nis": "71022",
    "email": None,
    "phone": "011 23 45 67",
    "notes": None,
    "created_at": CREATED,
}
MEMBER_FIELDS: dict[str, Any] = {
    "case_id": CASE,
    "first_name": "Olena",
    "last_name": "Kovalenko",
    "first_name_cyrillic": "Олена",
    "last_name_cyrillic": "Коваленко",
    "search_names": "olena kovalenko",
    "birth_year": 1984,
    "sex": "v",
    "relation": "contactpersoon",
    "phone": None,
    "language": "uk",
    "needs_mobility": 0,
    "needs_medical": 1,
    "medical_notes": None,
    "has_pets": 0,
    "school_age": 0,
    "created_at": CREATED,
}
ANSWER_FIELDS: dict[str, Any] = {
    "visit_id": "0196a000-0000-7000-8000-0000000000ff",
    "item_key": "oppervlakte_m2",
    "value_choice": None,
    "value_number": 42.5,
    "value_text": None,
    "remark": "gemeten",
    "created_at": CREATED,
}
FIELDS = {
    "organisation": ORG_FIELDS,
    "household_member": MEMBER_FIELDS,
    "checklist_answer": ANSWER_FIELDS,
}


def upsert(
    tick: int,
    dev: str,
    table: str,
    pk: str,
    fields: dict[str, Any],
    base: dict[str, str | None] | None = None,
    extra: dict[str, Any] | None = None,
) -> Record:
    """A write of ``fields`` at ``tick`` by laptop ``dev`` (its user), having seen ``base``."""
    return Record(
        hlc(tick),
        dev,
        0,
        table,
        pk,
        "upsert",
        dict(fields),
        dict(base or {}),
        USERS.get(dev),
        dict(extra or {}),
    )


def new(tick: int, dev: str, table: str, pk: str, **changes: Any) -> Record:
    """A new record: every synced field at once (as the capture triggers write an insert)."""
    fields = {**FIELDS[table], **changes}
    assert fields.keys() == known_fields()[table]
    return upsert(tick, dev, table, pk, fields)


def edit(tick: int, dev: str, table: str, pk: str, seen: int | None, **fields: Any) -> Record:
    """An edit of some fields by a laptop that had seen the write at tick ``seen`` of each."""
    base = {f: (None if seen is None else hlc(seen)) for f in fields}
    return upsert(tick, dev, table, pk, fields, base)


def delete(tick: int, dev: str, table: str, pk: str, row_seen: int | None) -> Record:
    """A delete by a laptop whose newest write of the row was the one at ``row_seen``."""
    base: dict[str, str | None] = {} if row_seen is None else {"_row": hlc(row_seen)}
    return Record(hlc(tick), dev, 0, table, pk, "delete", {}, base, USERS.get(dev))


def erase(
    tick: int, dev: str, table: str, pk: str, *fields: str, extra: tuple[str, ...] = ()
) -> Record:
    """A purge (GDPR erasure) of ``fields``, or of the whole record when none are named."""
    return Record(
        hlc(tick),
        dev,
        0,
        table,
        pk,
        "purge",
        dict.fromkeys(fields),
        {},
        USERS.get(dev),
        dict.fromkeys(extra),
    )


# --- one laptop's database --------------------------------------------------------------------


@functools.cache
def template() -> bytes:
    """A new laptop's database (migrations, reference data, its user), made once per process."""
    from vlot_desktop.services.setup import initialise_laptop

    with tempfile.TemporaryDirectory() as folder:
        initialise_laptop(Path(folder), "An", "limburg")
        source = sqlite3.connect(paths.database_path(Path(folder)))
        try:
            source.execute("PRAGMA journal_mode=DELETE")
            return source.serialize()
        finally:
            source.close()


if "MUTANT_UNDER_TEST" in os.environ:
    # Under mutmut: made in its fork server, which imports this module once, so the run for
    # each mutant (a fork of it) copies the database instead of migrating a new one.
    template()


class Conflict(NamedTuple):
    """One row of the Conflicten screen: the write that lost, and the one that won (its value
    read from the field clock, as ``db.queries.sync.open_conflicts`` does)."""

    table: str
    pk: str
    field: str
    loser: tuple[str, str, str | None, str | None]  # hlc, device, user, value as JSON text
    winner: tuple[str, str, str | None] | None  # hlc, device, value as JSON text


class Laptop:
    """A laptop's database in memory, merging the way the sync engine does: inside a
    transaction, capture silenced, foreign keys not enforced."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        self.conn.deserialize(template())
        self.conn.execute("PRAGMA foreign_keys=OFF")
        self.merger = Merger(self.conn, known_fields(), synced_local_columns())

    def next_round(self) -> Laptop:
        """A new sync round: the engine makes a new merger (counts from zero) for each."""
        self.merger = Merger(self.conn, known_fields(), synced_local_columns())
        return self

    def merge(self, *records: Record, local: bool = False) -> Laptop:
        """Apply copies of ``records`` (the merge changes a record it applies) in one round."""
        self.conn.execute("BEGIN")
        with suppressed(sqlite3_runner(self.conn)):
            for record in records:
                self.merger.apply(copy.deepcopy(record), local=local)
        self.conn.execute("COMMIT")
        return self

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        return self.conn.execute(query, params).fetchall()

    def row(self, table: str, pk: str, *columns: str) -> tuple[Any, ...] | None:
        names = ", ".join(f'"{c}"' for c in columns)
        found = self.conn.execute(f'SELECT {names} FROM "{table}" WHERE id = ?', (pk,)).fetchone()
        return None if found is None else tuple(found)

    def values(self, table: str, pk: str) -> dict[str, Any] | None:
        """The record's synced values as the screens read them (None: not in its table)."""
        fields = sorted(known_fields()[table])
        found = self.row(table, pk, *fields)
        return None if found is None else dict(zip(fields, found, strict=True))

    def conflicts(self) -> list[Conflict]:
        rows = self.sql(
            "SELECT c.tbl, c.pk, c.field, c.loser_hlc, c.loser_dev, c.loser_user, c.loser_value, "
            "f.hlc, f.dev, f.value FROM sync_conflicts AS c LEFT JOIN sync_field_clock AS f "
            "ON f.tbl = c.tbl AND f.pk = c.pk AND f.field = c.field "
            "ORDER BY c.tbl, c.pk, c.field, c.loser_hlc, c.loser_dev"
        )
        return [
            Conflict(r[0], r[1], r[2], (r[3], r[4], r[5], r[6]), None if r[7] is None else r[7:])
            for r in rows
        ]

    def clocks(self, table: str, pk: str) -> dict[str, tuple[Any, ...]]:
        """Each field's clock: (hlc, device, user, value as JSON text, max_base)."""
        return {c[2]: c[3:] for c in effective_clocks(self.conn) if c[0] == table and c[1] == pk}

    def exceptions(self, pk: str) -> list[str]:
        return [str(r[0]) for r in self.sql("SELECT field FROM sync_field_clock WHERE pk = ?", pk)]

    def row_clocks(self, pk: str) -> int:
        return int(self.sql("SELECT count(*) FROM sync_row_clock WHERE pk = ?", pk)[0][0])

    def counts(self) -> tuple[int, int]:
        """What the sync report says: (records applied, new conflicts)."""
        return self.merger.applied, self.merger.conflicts_new


def merged(*records: Record) -> Laptop:
    return Laptop().merge(*records)


def clock(tick: int, dev: str, value: str, max_base: int | None = None) -> tuple[Any, ...]:
    return (hlc(tick), dev, USERS[dev], value, None if max_base is None else hlc(max_base))


# --- new records ------------------------------------------------------------------------------


def test_a_new_record_from_another_laptop_appears_with_one_clock_for_the_row() -> None:
    here = merged(new(1, DEV_A, "organisation", ORG))
    assert here.values("organisation", ORG) == ORG_FIELDS
    # The local "last changed" column takes the record's creation time.
    assert here.row("organisation", ORG, "updated_at") == (CREATED,)
    assert (here.row_clocks(ORG), here.exceptions(ORG)) == (1, [])
    assert here.clocks("organisation", ORG)["name"] == clock(1, DEV_A, '"OCMW Hasselt"')
    assert here.counts() == (1, 0)
    # Rules that span rows are checked for it after the merge (repair.py).
    assert here.merger.touched == {("organisation", ORG)}
    assert here.merger.purged_now is False
    assert here.conflicts() == []


def test_the_same_new_record_twice_changes_nothing_the_second_time() -> None:
    here = merged(new(1, DEV_A, "organisation", ORG))
    here.merge(new(1, DEV_A, "organisation", ORG))
    assert here.values("organisation", ORG) == ORG_FIELDS
    assert here.counts() == (1, 0)
    # Still one clock for the whole record: no field gets a clock of its own for nothing.
    assert (here.row_clocks(ORG), here.exceptions(ORG)) == (1, [])


def test_this_laptops_own_new_record_is_clocked_and_not_counted_as_a_colleagues() -> None:
    here = Laptop()
    with suppressed(sqlite3_runner(here.conn)):
        here.conn.execute(
            "INSERT INTO organisation (id, name, kind, municipality_nis, phone, created_at, "
            "updated_at) VALUES (?, 'OCMW Hasselt', 'ocmw', '71022', '011 23 45 67', ?, ?)",
            (ORG, CREATED, CREATED),
        )
    here.merge(new(1, DEV_A, "organisation", ORG), local=True)
    assert here.values("organisation", ORG) == ORG_FIELDS
    assert (here.row_clocks(ORG), here.exceptions(ORG)) == (1, [])
    assert here.counts() == (1, 0)
    assert here.merger.touched == set()
    # Its own edit later: merged field by field, still not a colleague's change.
    here.conn.execute("UPDATE organisation SET notes = 'bellen' WHERE id = ?", (ORG,))
    here.merge(edit(2, DEV_A, "organisation", ORG, 1, notes="bellen"), local=True)
    assert here.counts() == (2, 0)
    assert here.merger.touched == set()
    assert here.exceptions(ORG) == ["notes"]


def test_a_new_record_for_a_row_already_in_the_table_takes_the_records_values() -> None:
    """A row written before the sync existed (no clock: any write wins) is overwritten whole."""
    here = Laptop()
    with suppressed(sqlite3_runner(here.conn)):
        here.conn.execute(
            "INSERT INTO organisation (id, name, kind, notes, created_at, updated_at) "
            "VALUES (?, 'Oud', 'andere', 'oude notitie', '2020-01-01 00:00:00.000000', "
            "'2020-01-01 00:00:00.000000')",
            (ORG,),
        )
    here.merge(new(1, DEV_A, "organisation", ORG))
    assert here.values("organisation", ORG) == ORG_FIELDS
    assert (here.row_clocks(ORG), here.exceptions(ORG)) == (1, [])
    assert here.counts() == (1, 0)


@pytest.mark.parametrize(
    ("table", "pk", "changes", "stored"),
    [
        # yes/no as JSON true/false (a newer writer) is stored as SQLite stores it: 1/0
        (
            "household_member",
            MEMBER,
            {"needs_medical": True, "has_pets": False, "birth_year": 2019, "sex": None},
            {"needs_medical": 1, "has_pets": 0, "birth_year": 2019, "sex": None},
        ),
        ("checklist_answer", ANSWER, {"value_number": 0.1}, {"value_number": 0.1}),
        # a blob travels as {"$hex": ...} and is stored as bytes
        ("organisation", ORG, {"notes": {"$hex": "00FF10"}}, {"notes": b"\x00\xff\x10"}),
        ("organisation", ORG, {"name": "Громада Київ"}, {"name": "Громада Київ"}),
    ],
)
def test_a_new_record_keeps_values_of_every_kind_as_sqlite_stores_them(
    table: str, pk: str, changes: dict[str, Any], stored: dict[str, Any]
) -> None:
    here = merged(new(1, DEV_A, table, pk, **changes))
    assert here.values(table, pk) == {**FIELDS[table], **stored}
    for field, value in stored.items():
        kind = here.sql(f'SELECT typeof("{field}") FROM "{table}" WHERE id = ?', pk)[0][0]
        assert kind == {bytes: "blob", int: "integer", float: "real", str: "text"}.get(
            type(value), "null"
        )


def test_a_record_refused_by_its_table_waits_until_the_missing_value_arrives() -> None:
    """A new record with an empty required field (from a version where it was optional) is
    not in its table; its values wait with their clocks, and the record appears whole once a
    colleague fills the field in."""
    first = new(2, DEV_A, "household_member", MEMBER, first_name=None)
    first.base = {"medical_notes": hlc(1)}  # its writer had seen an earlier note
    here = merged(first)
    assert here.values("household_member", MEMBER) is None
    assert here.counts() == (1, 0)
    waiting = here.clocks("household_member", MEMBER)
    assert waiting["birth_year"] == clock(2, DEV_A, "1984")
    assert waiting["needs_medical"] == clock(2, DEV_A, "1")
    assert waiting["first_name"] == clock(2, DEV_A, "null")
    assert waiting["medical_notes"] == clock(2, DEV_A, "null", max_base=1)
    assert waiting["first_name_cyrillic"] == clock(2, DEV_A, '"Олена"')

    here.merge(edit(3, DEV_B, "household_member", MEMBER, 2, first_name="Olena"))
    assert here.values("household_member", MEMBER) == MEMBER_FIELDS
    # The note its writer had seen arrives late: it lost, and it is no conflict.
    here.merge(edit(1, DEV_C, "household_member", MEMBER, None, medical_notes="rolstoel"))
    assert here.values("household_member", MEMBER) == MEMBER_FIELDS
    assert here.conflicts() == []


def test_an_edit_that_arrives_before_its_record_waits_and_keeps_its_value_types() -> None:
    """The batch with the new record is late (or was refused): the edit made after it cannot
    make a row on its own; when the record arrives, the row has the edit's values on top."""
    edited = {"needs_medical": 0, "birth_year": 1990, "medical_notes": "Лист", "sex": None}
    here = merged(edit(3, DEV_B, "household_member", MEMBER, 1, **edited))
    assert here.values("household_member", MEMBER) is None
    here.merge(new(1, DEV_A, "household_member", MEMBER, needs_medical=True))
    assert here.values("household_member", MEMBER) == {**MEMBER_FIELDS, **edited}
    assert here.conflicts() == []
    assert here.counts() == (2, 0)


def test_a_child_record_is_kept_when_its_parent_arrives_later() -> None:
    """Foreign keys are not enforced while merging: a household member whose case file is in a
    later batch is in its table at once, and the case joins it when it arrives."""
    here = merged(new(2, DEV_A, "household_member", MEMBER))
    assert here.values("household_member", MEMBER) == MEMBER_FIELDS
    case = {
        "reference": "HAS-0001",
        "case_type": "herhuisvesting",
        "status": "nieuw",
        "team_code": "limburg",
        "municipality_nis": "71022",
        "assigned_to_id": None,
        "opened_on": "2026-11-20",
        "deadline": None,
        "closed_on": None,
        "household_size": 1,
        "summary": "Gezin uit Charkiv",
        "outcome": None,
        "assigned_place_id": None,
        "municipal_contact_id": None,
        "personal_data_erased_on": None,
        "created_at": CREATED,
    }
    assert case.keys() == known_fields()["case_file"]
    here.merge(upsert(1, DEV_A, "case_file", CASE, case))
    assert here.row("case_file", CASE, "reference", "opened_on") == ("HAS-0001", "2026-11-20")
    assert here.sql("PRAGMA foreign_key_check(household_member)") == []


def test_a_record_without_a_creation_time_gets_now_in_utc_as_its_last_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``updated_at`` (local, never synced) is the creation time, or now (UTC, the form the app
    writes) when the record has none; a laptop east of Greenwich must not write its own time."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        here = merged(new(1, DEV_A, "organisation", ORG, created_at=""))
        after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    finally:
        monkeypatch.undo()
        time.tzset()
    found = here.row("organisation", ORG, "updated_at")
    assert found is not None
    text = str(found[0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000000", text), text
    assert before <= dt.datetime.fromisoformat(text) <= after


# --- two edits of one field -------------------------------------------------------------------

# (table, key, field, the older value, the newer value, each as the Conflicten screen reads it)
KINDS = [
    ("organisation", ORG, "name", "Громада", '"Громада"', "OCMW Genk", '"OCMW Genk"'),
    ("organisation", ORG, "notes", None, "null", "bellen", '"bellen"'),
    ("organisation", ORG, "notes", {"$hex": "00AB"}, '{"$hex":"00AB"}', "x", '"x"'),
    ("organisation", ORG, "notes", "x", '"x"', {"$hex": "00ab"}, '{"$hex":"00AB"}'),
    ("household_member", MEMBER, "needs_medical", True, "1", 0, "0"),
    ("household_member", MEMBER, "needs_medical", 0, "0", True, "1"),
    ("household_member", MEMBER, "birth_year", 1990, "1990", 1991, "1991"),
    ("household_member", MEMBER, "birth_year", None, "null", 2001, "2001"),
    ("checklist_answer", ANSWER, "value_number", 2.5, "2.5", 1e-7, "1e-07"),
    ("checklist_answer", ANSWER, "value_number", 0.1, "0.1", None, "null"),
]


@pytest.mark.parametrize("newer_first", [False, True], ids=["older-first", "newer-first"])
@pytest.mark.parametrize(("table", "pk", "field", "old", "old_text", "new_", "new_text"), KINDS)
def test_two_offline_edits_of_a_field_keep_the_newest_and_list_the_other(
    table: str,
    pk: str,
    field: str,
    old: Any,
    old_text: str,
    new_: Any,
    new_text: str,
    newer_first: bool,
) -> None:
    """Two laptops change the same field without seeing each other's change: the newer value
    stays, and the Conflicten screen lists the other, whatever arrives first."""
    here = merged(new(1, DEV_A, table, pk))
    older = edit(3, DEV_B, table, pk, 1, **{field: old})
    newer = edit(4, DEV_C, table, pk, 1, **{field: new_})
    here.merge(*([newer, older] if newer_first else [older, newer]))
    kept = here.values(table, pk)
    assert kept is not None
    assert kept[field] == here.sql(f'SELECT "{field}" FROM "{table}" WHERE id = ?', pk)[0][0]
    assert canonical(_json(kept[field])) == new_text
    assert here.conflicts() == [
        Conflict(table, pk, field, (hlc(3), DEV_B, USER_B, old_text), (hlc(4), DEV_C, new_text))
    ]
    assert here.clocks(table, pk)[field] == clock(4, DEV_C, new_text, max_base=1)
    assert here.counts() == (3, 1)


def _json(value: Any) -> Any:
    return {"$hex": value.hex().upper()} if isinstance(value, bytes) else value


def test_an_edit_that_loses_to_the_record_it_had_not_seen_is_listed_with_the_winner() -> None:
    """A record written before the sync (no clock) is edited on one laptop and rewritten whole
    on another: the whole rewrite is newer and wins; the edit is listed against it."""
    here = Laptop()
    with suppressed(sqlite3_runner(here.conn)):
        here.conn.execute(
            "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
            "VALUES (?, 'Oud', 'andere', ?, ?)",
            (ORG, CREATED, CREATED),
        )
    here.merge(new(5, DEV_A, "organisation", ORG, notes="nieuw"))
    here.merge(edit(3, DEV_B, "organisation", ORG, None, notes="ouder"))
    assert here.row("organisation", ORG, "notes") == ("nieuw",)
    assert here.conflicts() == [
        Conflict(
            "organisation",
            ORG,
            "notes",
            (hlc(3), DEV_B, USER_B, '"ouder"'),
            (hlc(5), DEV_A, '"nieuw"'),
        )
    ]
    assert here.counts() == (2, 1)


def pre_sync_row(here: Laptop) -> Laptop:
    """A record written before the sync existed (demo data, an old database): no clock, so
    every write wins over its values and none of them is ever a conflict's loser."""
    with suppressed(sqlite3_runner(here.conn)):
        here.conn.execute(
            "INSERT INTO organisation (id, name, kind, notes, created_at, updated_at) "
            "VALUES (?, 'Oud', 'andere', 'van voor de sync', ?, ?)",
            (ORG, CREATED, CREATED),
        )
    return here


def test_an_edit_that_beats_a_whole_rewrite_it_had_not_seen_lists_the_rewrites_value() -> None:
    here = pre_sync_row(Laptop())
    here.merge(new(3, DEV_A, "organisation", ORG, notes="herschreven"))
    assert (here.row_clocks(ORG), here.exceptions(ORG)) == (1, [])
    here.merge(edit(5, DEV_B, "organisation", ORG, None, notes="nieuwer"))
    assert here.row("organisation", ORG, "notes", "name") == ("nieuwer", "OCMW Hasselt")
    assert here.conflicts() == [
        Conflict(
            "organisation",
            ORG,
            "notes",
            (hlc(3), DEV_A, USER_A, '"herschreven"'),
            (hlc(5), DEV_B, '"nieuwer"'),
        )
    ]
    assert here.counts() == (2, 1)


@pytest.mark.parametrize("newer_first", [False, True], ids=["older-first", "newer-first"])
def test_a_record_from_before_the_sync_takes_edits_of_single_fields(newer_first: bool) -> None:
    older = edit(3, DEV_A, "organisation", ORG, None, notes="van An")
    newer = edit(4, DEV_B, "organisation", ORG, None, notes="van Bart", phone="011 44 44 44")
    here = pre_sync_row(Laptop()).merge(*([newer, older] if newer_first else [older, newer]))
    assert here.row("organisation", ORG, "name", "notes", "phone") == (
        "Oud",
        "van Bart",
        "011 44 44 44",
    )
    # Neither had seen the other's note: the older one is listed; the pre-sync values never.
    assert here.conflicts() == [
        Conflict(
            "organisation",
            ORG,
            "notes",
            (hlc(3), DEV_A, USER_A, '"van An"'),
            (hlc(4), DEV_B, '"van Bart"'),
        )
    ]
    assert here.counts() == (2, 1)


def test_the_first_write_here_of_a_record_keeps_what_its_writer_had_seen() -> None:
    """Bart rewrote a record he had (at tick 1); this laptop gets his rewrite before the
    record itself: the rewrite's values and what Bart had seen are kept with its clocks, so the
    record, arriving later, is no conflict."""
    rewrite = edit(4, DEV_B, "organisation", ORG, 1, **{**ORG_FIELDS, "notes": "herschreven"})
    here = merged(rewrite)
    assert here.values("organisation", ORG) == {**ORG_FIELDS, "notes": "herschreven"}
    clocks = here.clocks("organisation", ORG)
    assert clocks["notes"] == clock(4, DEV_B, '"herschreven"', max_base=1)
    assert clocks["name"] == clock(4, DEV_B, '"OCMW Hasselt"', max_base=1)
    assert clocks["email"] == clock(4, DEV_B, "null", max_base=1)
    here.merge(new(1, DEV_A, "organisation", ORG))
    assert here.values("organisation", ORG) == {**ORG_FIELDS, "notes": "herschreven"}
    assert here.conflicts() == []
    assert here.counts() == (1, 0)


def test_a_conflict_settled_by_a_later_edit_stays_settled_when_an_old_file_comes_again() -> None:
    """An and Cas changed the note without seeing each other's; Bart then wrote one after
    seeing An's (not Cas's, which won). An's is settled (Bart saw it), Bart's is open. A
    second copy of An's file, read again later, does not open An's conflict again."""
    an = edit(3, DEV_A, "organisation", ORG, 1, notes="van An")
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        an,
        edit(6, DEV_C, "organisation", ORG, 1, notes="van Cas"),
    )
    assert [c.loser[:2] for c in here.conflicts()] == [(hlc(3), DEV_A)]
    here.merge(edit(4, DEV_B, "organisation", ORG, 3, notes="van Bart"))
    assert [c.loser[:2] for c in here.conflicts()] == [(hlc(4), DEV_B)]
    assert here.clocks("organisation", ORG)["notes"] == clock(6, DEV_C, '"van Cas"', max_base=3)
    assert here.counts() == (4, 2)
    here.merge(an)
    assert [c.loser[:2] for c in here.conflicts()] == [(hlc(4), DEV_B)]
    assert here.row("organisation", ORG, "notes") == ("van Cas",)
    assert here.counts() == (4, 2)


def test_this_laptops_clock_moves_past_the_newest_change_it_received() -> None:
    """After the merge the engine sets this laptop's clock past ``max_hlc``, so an edit made
    here next is later than everything it has seen (and wins over it)."""
    here = Laptop()
    assert here.merger.max_hlc == ""
    here.merge(
        new(5, DEV_A, "organisation", ORG),
        delete(9, DEV_B, "organisation", ORG, 5),
        edit(2, DEV_C, "household_member", MEMBER, None, phone="1"),
    )
    assert here.merger.max_hlc == hlc(9)
    here.merge(
        erase(12, DEV_C, "organisation", ORG, "notes"), new(11, DEV_A, "organisation", PHOTO)
    )
    assert here.merger.max_hlc == hlc(12)


def test_an_edit_made_after_seeing_the_other_is_no_conflict_and_closes_it() -> None:
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        edit(3, DEV_B, "organisation", ORG, 1, phone="011 11 11 11"),
        edit(4, DEV_C, "organisation", ORG, 1, phone="011 22 22 22"),
    )
    assert [c.field for c in here.conflicts()] == ["phone"]
    # Bart saw An's and Cas's numbers (base 4) and chose his own: settled for everyone.
    here.merge(edit(5, DEV_B, "organisation", ORG, 4, phone="011 11 11 11"))
    assert here.conflicts() == []
    assert here.row("organisation", ORG, "phone") == ("011 11 11 11",)
    assert here.clocks("organisation", ORG)["phone"] == clock(5, DEV_B, '"011 11 11 11"', 4)
    assert here.counts() == (4, 1)


def test_an_edit_that_had_seen_the_newer_one_arrives_late_and_changes_nothing() -> None:
    """A write that lost and that its winner had seen is no conflict and no change."""
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        edit(4, DEV_C, "organisation", ORG, 3, phone="011 22 22 22"),
    )
    assert here.counts() == (2, 0)
    here.merge(edit(3, DEV_B, "organisation", ORG, 1, phone="011 11 11 11"))
    assert here.row("organisation", ORG, "phone") == ("011 22 22 22",)
    assert here.conflicts() == []
    assert here.counts() == (2, 0)
    # And the same edit again, and the winner again: still nothing.
    here.merge(
        edit(3, DEV_B, "organisation", ORG, 1, phone="011 11 11 11"),
        edit(4, DEV_C, "organisation", ORG, 3, phone="011 22 22 22"),
    )
    assert here.counts() == (2, 0)


def test_two_conflicts_in_one_round_are_both_counted() -> None:
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        edit(3, DEV_B, "organisation", ORG, 1, phone="011 11 11 11", notes="b"),
        edit(4, DEV_C, "organisation", ORG, 1, phone="011 22 22 22", notes="c"),
    )
    assert [c.field for c in here.conflicts()] == ["notes", "phone"]
    assert here.counts() == (3, 2)
    here.merge(edit(2, DEV_A, "organisation", ORG, 1, email="info@ocmw.be", notes="a"))
    # A third, older note (lost, not seen by the winner): one more conflict.
    assert len(here.conflicts()) == 3
    assert here.counts() == (4, 3)


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_at_the_same_hlc_the_higher_device_id_wins(order: str) -> None:
    a = edit(3, DEV_A, "organisation", ORG, 1, notes="van An")
    b = edit(3, DEV_B, "organisation", ORG, 1, notes="van Bart")
    here = merged(new(1, DEV_A, "organisation", ORG), *([a, b] if order == "ab" else [b, a]))
    assert here.row("organisation", ORG, "notes") == ("van Bart",)
    assert [c.loser[:2] for c in here.conflicts()] == [(hlc(3), DEV_A)]


# --- a refused sync file ----------------------------------------------------------------------


def test_a_refused_file_is_forgotten_and_the_next_files_merge_as_if_it_never_came() -> None:
    """The engine applies each file under a savepoint; when the database refuses a record, the
    file is rolled back and the merge rewinds: the report does not count it, an erasure in it
    is not in force, its attachments are not fetched, and later writes name the right laptop."""
    photo = {
        "sha256": "ab" * 32,
        "file_name": "gevel.jpg",
        "media_type": "image/jpeg",
        "size_bytes": 1234,
        "width": 640,
        "height": 480,
        "owner_table": "location",
        "owner_id": ORG,
        "checklist_item_key": None,
        "caption": None,
        "taken_at": None,
        "position": 0,
        "created_at": CREATED,
    }
    here = merged(new(1, DEV_A, "organisation", ORG), upsert(2, DEV_A, "attachment", PHOTO, photo))
    assert here.merger.blob_refs == {"ab" * 32}
    conn, merger = here.conn, here.merger
    conn.execute("BEGIN")
    with suppressed(sqlite3_runner(conn)):
        mark = merger.mark()
        conn.execute("SAVEPOINT batch_file")
        other_photo = {**photo, "sha256": "cd" * 32}
        for record in (
            edit(3, DEV_C, "organisation", ORG, 1, phone="011 99 99 99"),
            edit(3, DEV_B, "organisation", ORG, 1, phone="011 88 88 88"),
            erase(4, DEV_C, "organisation", ORG, "notes"),
            upsert(5, DEV_C, "attachment", PHOTO + "1", other_photo),
        ):
            merger.apply(copy.deepcopy(record))
        assert merger.conflicts_new == 1 and merger.purged_now
        conn.execute("ROLLBACK TO batch_file")
        merger.rewind(mark)
        conn.execute("RELEASE batch_file")
        assert here.counts() == (2, 0)
        assert merger.blob_refs == {"ab" * 32}
        assert merger.purged_now is False
        # The next file: a laptop new to this database, a note, then Cas (whose first write
        # was in the refused file) again.
        for record in (
            edit(6, DEV_B, "organisation", ORG, 1, email="info@ocmw.be"),
            edit(7, DEV_A, "organisation", ORG, 1, notes="bellen op maandag"),
            edit(8, DEV_C, "organisation", ORG, 1, phone="011 77 77 77"),
        ):
            merger.apply(copy.deepcopy(record))
    conn.execute("COMMIT")
    assert here.row("organisation", ORG, "email", "notes", "phone") == (
        "info@ocmw.be",
        "bellen op maandag",
        "011 77 77 77",
    )
    clocks = here.clocks("organisation", ORG)
    assert clocks["email"][:3] == (hlc(6), DEV_B, USER_B)
    assert clocks["phone"][:3] == (hlc(8), DEV_C, USER_C)
    assert here.sql("SELECT count(*) FROM sync_purged") == [(0,)]
    assert here.counts() == (5, 0)
    assert merger.blob_refs == {"ab" * 32}


# --- attachments, fields of newer versions ----------------------------------------------------


def test_an_attachment_record_names_the_photo_to_fetch_and_an_edit_of_its_caption_none() -> None:
    photo = {
        "sha256": "ab" * 32,
        "file_name": "gevel.jpg",
        "media_type": "image/jpeg",
        "size_bytes": 1234,
        "width": None,
        "height": None,
        "owner_table": "location",
        "owner_id": ORG,
        "checklist_item_key": None,
        "caption": None,
        "taken_at": "2026-11-20 14:00:00.000000",
        "position": 2,
        "created_at": CREATED,
    }
    here = merged(upsert(1, DEV_A, "attachment", PHOTO, photo))
    assert here.merger.blob_refs == {"ab" * 32}
    here.merge(upsert(2, DEV_B, "attachment", PHOTO, {"caption": "Voorgevel"}, {"caption": hlc(1)}))
    assert here.merger.blob_refs == {"ab" * 32}
    assert here.row("attachment", PHOTO, "caption", "position", "size_bytes") == (
        "Voorgevel",
        2,
        1234,
    )
    # Other tables have no photos: a note that looks like a hash is not fetched.
    here.merge(new(3, DEV_A, "organisation", ORG, notes="ab" * 32))
    assert here.merger.blob_refs == {"ab" * 32}


def kept_extras(here: Laptop) -> list[tuple[Any, ...]]:
    return here.sql(
        "SELECT tbl, pk, field, hlc, dev, user_id, value FROM sync_extra ORDER BY tbl, pk, field"
    )


def test_fields_of_a_newer_version_are_kept_with_their_writer() -> None:
    here = merged(
        upsert(2, DEV_B, "organisation", ORG, ORG_FIELDS, extra={"kbo_nummer": "0212.345.678"})
    )
    assert here.values("organisation", ORG) == ORG_FIELDS
    assert kept_extras(here) == [
        ("organisation", ORG, "kbo_nummer", hlc(2), DEV_B, USER_B, '"0212.345.678"')
    ]
    # An older write of the same field does not replace it.
    here.merge(upsert(1, DEV_A, "organisation", ORG, {"phone": "1"}, extra={"kbo_nummer": "0999"}))
    assert kept_extras(here)[0][3:] == (hlc(2), DEV_B, USER_B, '"0212.345.678"')


def test_an_erasure_of_a_newer_versions_field_erases_only_that_field() -> None:
    extra = {"kbo_nummer": "0212.345.678", "rijksregister": "85.01.01-123.45"}
    here = merged(upsert(1, DEV_B, "organisation", ORG, ORG_FIELDS, extra=extra))
    here.merge(erase(2, DEV_B, "organisation", ORG, extra=("rijksregister",)))
    assert [r[2] for r in kept_extras(here)] == ["kbo_nummer"]
    assert here.values("organisation", ORG) == ORG_FIELDS  # the rest of the record stays
    # An erasure of the whole record takes the kept fields with it.
    here.merge(erase(3, DEV_B, "organisation", ORG))
    assert kept_extras(here) == []
    assert here.values("organisation", ORG) is None


def test_fields_of_a_newer_version_are_kept_unless_the_record_was_erased() -> None:
    extra = {"kbo_nummer": "0212.345.678"}
    # A field of the record was erased: the new field is still kept.
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        erase(2, DEV_A, "organisation", ORG, "notes"),
        upsert(3, DEV_B, "organisation", ORG, {"notes": "x"}, extra=extra),
    )
    assert [r[2] for r in kept_extras(here)] == ["kbo_nummer"]
    assert here.row("organisation", ORG, "notes") == (None,)
    # The whole record was erased: nothing of it is kept, not even a newer version's field.
    gone = merged(
        new(1, DEV_A, "organisation", ORG),
        erase(2, DEV_A, "organisation", ORG),
        upsert(3, DEV_B, "organisation", ORG, {"phone": "x"}, extra=extra),
    )
    assert kept_extras(gone) == []
    assert gone.values("organisation", ORG) is None
    # A delete carries no fields to keep.
    deleted = merged(new(1, DEV_A, "organisation", ORG))
    record = delete(2, DEV_B, "organisation", ORG, 1)
    record.extra = {"kbo_nummer": None}
    deleted.merge(record)
    assert kept_extras(deleted) == []


# --- the canonical text of a value ------------------------------------------------------------


def test_values_are_kept_as_one_canonical_json_text_on_every_laptop() -> None:
    """Clocks, conflicts and kept records hold values as JSON text that is compared as text
    (a conflict already listed is recognised by its value): the same value must give the same
    text everywhere, in whatever order its fields were read. Letters stay as they are."""
    value = {"name": "Громада", "notes": None, "$hex": "00FF", "birth_year": 1984, "x": [1.5]}
    assert canonical(value) == (
        '{"$hex":"00FF","birth_year":1984,"name":"Громада","notes":null,"x":[1.5]}'
    )
    assert canonical({"b": 1, "a": 2}) == canonical({"a": 2, "b": 1}) == '{"a":2,"b":1}'
