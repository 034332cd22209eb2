"""Merging is a function of the set of records: any order, with duplicates, gives one state.

The records are generated for a few synced tables whose columns, together, are of every type a
synced table has (text, choices, whole and real numbers, yes/no, dates, date-times), each value
drawn for its column's type, NULL where the column allows it; a write of some fields of a new
record is refused by its table until the rest arrives. Deletes carry what their writer had
seen (``_row``), so "(edited)" conflicts are generated too.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Text
from test_sync_merge_rules import template

from vlot_desktop.db.models import Base, synced_tables
from vlot_desktop.sync.batch import Record, known_fields
from vlot_desktop.sync.bootstrap import _Applier
from vlot_desktop.sync.capture import format_hlc, sqlite3_runner, suppressed, synced_local_columns
from vlot_desktop.sync.clocks import effective_clocks
from vlot_desktop.sync.merge import Merger
from vlot_desktop.sync.purge import PurgeError, blank_value
from vlot_desktop.sync.snapshot import state_lines

DEVICES = ("0196a1b2-0000-7000-8000-00000000000a", "0196a1b2-0000-7000-8000-00000000000b", "c1")
USERS = {DEVICES[0]: "u-an", DEVICES[1]: "u-bart", DEVICES[2]: None}
KEYS = ("0196a000-0000-7000-8000-000000000001", "0196a000-0000-7000-8000-000000000002")
# Between them, their columns have every type of the synced tables (checked below).
TABLES = ("organisation", "household_member", "checklist_answer", "location")
EXAMPLES = int(os.environ.get("VLOT_MERGE_EXAMPLES", "60"))

TEXTS = ["Een", "Лист", "", 'a "b" \\ c']
# The column types a value is drawn for; Enum is a String and Float a Numeric: looked up first.
VALUES: list[tuple[type, st.SearchStrategy[Any]]] = [
    (Boolean, st.sampled_from([0, 1, True, False])),
    (Enum, st.nothing()),  # replaced per column by its choices
    (Float, st.sampled_from([0.0, 0.1, 2.5, -1e-300, 1e16, 3.0])),
    (Integer, st.sampled_from([0, 1, -3, 2**40, 2**53 + 1])),
    (DateTime, st.sampled_from(["2026-01-01 00:00:00.000000", "2026-06-30 12:30:45.123456"])),
    (Date, st.sampled_from(["2026-01-31", "2026-02-28", "2027-12-01"])),
    (Text, st.sampled_from([*TEXTS, {"$hex": "00FF10"}])),  # a blob, as SQLite allows
    (String, st.sampled_from(TEXTS)),
]


def column_type(table: str, field: str) -> type:
    column_type = type(Base.metadata.tables[table].columns[field].type)
    for kind, _ in VALUES:
        if issubclass(column_type, kind):
            return kind
    raise AssertionError(f"{table}.{field}: no values are generated for {column_type.__name__}")


@cache
def value_strategy(table: str, field: str) -> st.SearchStrategy[Any]:
    column = Base.metadata.tables[table].columns[field]
    kind = column_type(table, field)
    values = st.sampled_from(list(column.type.enums)[:3]) if kind is Enum else dict(VALUES)[kind]
    # NULL where the column allows it. (Never in a required column: no laptop can capture
    # one, and the engine refuses a file whose value the database refuses.)
    return st.one_of(st.none(), values) if column.nullable else values


@cache
def purgeable(table: str) -> list[str]:
    fields = []
    for field in sorted(known_fields()[table]):
        try:
            blank_value(table, field)
        except PurgeError:
            continue
        fields.append(field)
    return fields


def test_the_generated_tables_have_every_column_type_of_the_synced_tables() -> None:
    generated = {column_type(t, f) for t in TABLES for f in known_fields()[t]}
    every = {column_type(t, f) for t in synced_tables() for f in known_fields()[t]}
    assert every <= generated
    assert generated == {Boolean, Enum, Float, Integer, DateTime, Date, Text, String}


def hlc(tick: int) -> str:
    return format_hlc(1_795_000_000_000 + tick, 0)


@st.composite
def record_sets(draw: st.DrawFn) -> list[Record]:
    table = draw(st.sampled_from(TABLES))
    known = sorted(known_fields()[table])
    stamps = draw(
        st.lists(
            st.tuples(st.integers(1, 30), st.sampled_from(DEVICES)),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    records = []
    for seq, (tick, dev) in enumerate(stamps):
        pk = draw(st.sampled_from(KEYS))
        kind = draw(st.integers(0, 9))
        user = USERS[dev]
        if kind <= 1:
            # A delete; what its writer had seen, or nothing (a delete of an older version).
            seen = draw(st.one_of(st.none(), st.integers(0, tick - 1)))
            base = {} if seen is None else {"_row": hlc(seen)}
            records.append(Record(hlc(tick), dev, seq, table, pk, "delete", {}, base, user))
            continue
        if kind == 2:
            # A purge: of some fields, or of the whole row ({}).
            erased = draw(st.lists(st.sampled_from(purgeable(table)), max_size=2, unique=True))
            fields = dict.fromkeys(erased)
            records.append(Record(hlc(tick), dev, seq, table, pk, "purge", fields, {}, user))
            continue
        if draw(st.booleans()):
            fields = known  # every field at once (a new record, as the triggers write it)
        else:
            fields = draw(st.lists(st.sampled_from(known), min_size=1, max_size=4, unique=True))
        values = {f: draw(value_strategy(table, f)) for f in fields}
        base: dict[str, str | None] = {}
        for f in fields:
            seen = draw(st.one_of(st.none(), st.integers(0, tick - 1)))
            base[f] = None if seen is None else hlc(seen)
        records.append(Record(hlc(tick), dev, seq, table, pk, "upsert", values, base, user))
    return records


def merged(
    records: list[Record], snapshot_of: sqlite3.Connection | None = None
) -> sqlite3.Connection:
    """A new laptop's database after merging ``records`` (after the snapshot of ``snapshot_of``)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.deserialize(template())
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("BEGIN")
    merger = Merger(conn, known_fields(), synced_local_columns())
    with suppressed(sqlite3_runner(conn)):
        if snapshot_of is not None:
            lines = [json.loads(line) for line in state_lines(snapshot_of, known_fields())]
            applier = _Applier(conn, merger)
            for start in range(0, len(lines), 3):  # in chunks, as a part is read
                applier.apply(lines[start : start + 3])
        for record in records:
            merger.apply(dataclasses.replace(record))  # (apply replaces its fields)
    conn.execute("COMMIT")
    return conn


def state(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the laptop shows and keeps: rows (synced columns), clocks, deletes, conflicts."""
    rows = {
        table: conn.execute(
            f"SELECT id, {', '.join(sorted(known_fields()[table]))} FROM {table} ORDER BY id"
        ).fetchall()
        for table in TABLES
    }
    return {
        "purged": conn.execute(
            "SELECT tbl, pk, field, hlc, dev FROM sync_purged ORDER BY tbl, pk, field"
        ).fetchall(),
        "rows": rows,
        # Every field's clock, value and max_base (row clock or exception: the storage
        # may differ with the order of arrival, the clocks may not).
        "clock": effective_clocks(conn, known_fields()),
        "tombstones": conn.execute(
            "SELECT tbl, pk, hlc, dev, user_id, row_base FROM sync_tombstone ORDER BY tbl, pk"
        ).fetchall(),
        "conflicts": conn.execute(
            "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
            "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev"
        ).fetchall(),
        "outbox": conn.execute("SELECT count(*) FROM sync_outbox").fetchone(),
    }


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(records=record_sets(), data=st.data())
def test_any_order_and_duplicates_give_the_same_state(
    records: list[Record], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(records))
    duplicated = shuffled + data.draw(st.lists(st.sampled_from(records), max_size=5))
    first = state(merged(records))
    assert first == state(merged(duplicated))
    # Merging writes nothing to send: the outbox is as before.
    assert first["outbox"] == state(merged([]))["outbox"]


@SETTINGS
@given(records=record_sets(), data=st.data())
def test_a_snapshot_plus_the_changes_after_it_gives_the_same_state(
    records: list[Record], data: st.DataObject
) -> None:
    """What compaction relies on: the snapshot of the merge of some records, with the rest
    merged on top (in any order, some again), equals merging all the records."""
    cut = data.draw(st.integers(0, len(records)))
    covered, rest = records[:cut], records[cut:]
    again = data.draw(st.lists(st.sampled_from(covered), max_size=3)) if covered else []
    tail = data.draw(st.permutations(rest + again))
    whole = state(merged(records))
    via_snapshot = state(merged(tail, snapshot_of=merged(covered)))
    whole.pop("outbox")
    via_snapshot.pop("outbox")
    assert via_snapshot == whole
