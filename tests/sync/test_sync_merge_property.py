"""Merging is a function of the set of records: any order, with duplicates, gives one state."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vlot_desktop import paths
from vlot_desktop.sync.batch import Record, known_fields
from vlot_desktop.sync.bootstrap import _Applier
from vlot_desktop.sync.capture import format_hlc, sqlite3_runner, suppressed, synced_local_columns
from vlot_desktop.sync.clocks import effective_clocks
from vlot_desktop.sync.merge import Merger
from vlot_desktop.sync.snapshot import state_lines

DEVICES = ("dev-a", "dev-b", "dev-c")
KEYS = ("org-1", "org-2")
VALUES = {
    "name": st.sampled_from(["Een", "Twee", "Drie"]),
    "notes": st.sampled_from([None, "x", "y"]),
    "kind": st.just("ocmw"),
    "created_at": st.just("2026-01-01 00:00:00.000000"),
    "email": st.sampled_from([None, "info@ocmw.be"]),
    "phone": st.sampled_from([None, "011 12 34 56"]),
    "municipality_nis": st.sampled_from([None, "71072"]),
}


@st.composite
def record_sets(draw: st.DrawFn, purges: bool = True) -> list[Record]:
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
        hlc = format_hlc(1_795_000_000_000 + tick, 0)
        pk = draw(st.sampled_from(KEYS))
        kind = draw(st.integers(0, 9))
        if kind <= 1:
            records.append(Record(hlc, dev, seq, "organisation", pk, "delete", {}, {}))
            continue
        if kind == 2 and purges:
            # A purge: of some fields, or of the whole row ({}).
            erased = draw(st.lists(st.sampled_from(["name", "notes"]), unique=True))
            fields = {f: None for f in erased}
            records.append(Record(hlc, dev, seq, "organisation", pk, "purge", fields, {}))
            continue
        if draw(st.booleans()):
            # Every field at once (a new record, as the triggers write it): a row clock.
            fields = sorted(VALUES)
        else:
            fields = draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, unique=True))
        values = {f: draw(VALUES[f]) for f in fields}
        base: dict[str, str | None] = {}
        for f in fields:
            seen = draw(st.one_of(st.none(), st.integers(0, tick - 1)))
            base[f] = None if seen is None else format_hlc(1_795_000_000_000 + seen, 0)
        records.append(Record(hlc, dev, seq, "organisation", pk, "upsert", values, base))
    return records


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from vlot_desktop.services.setup import initialise_laptop

    folder = tmp_path_factory.mktemp("merge-template")
    initialise_laptop(folder, "An", "limburg")
    return paths.database_path(folder)


def merged_state(
    template: Path, target: Path, records: list[Record], snapshot_of: Path | None = None
) -> dict[str, Any]:
    """The state after merging ``records`` (after the snapshot of ``snapshot_of``, if given)."""
    shutil.copy(template, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        merger = Merger(conn, known_fields(), synced_local_columns())
        with suppressed(sqlite3_runner(conn)):
            if snapshot_of is not None:
                source = sqlite3.connect(snapshot_of)
                lines = [json.loads(line) for line in state_lines(source, known_fields())]
                source.close()
                applier = _Applier(conn, merger)
                for start in range(0, len(lines), 3):  # in chunks, as a part is read
                    applier.apply(lines[start : start + 3])
            for record in records:
                merger.apply(record)
        conn.execute("COMMIT")
        return {
            "purged": conn.execute(
                "SELECT tbl, pk, field, hlc, dev FROM sync_purged ORDER BY tbl, pk, field"
            ).fetchall(),
            "rows": conn.execute(
                "SELECT id, name, notes, kind, created_at, email, phone, municipality_nis "
                "FROM organisation ORDER BY id"
            ).fetchall(),
            # Every field's clock, value and max_base (row clock or exception: the storage
            # may differ with the order of arrival, the clocks may not).
            "clock": effective_clocks(conn),
            "tombstones": conn.execute(
                "SELECT tbl, pk, hlc, dev FROM sync_tombstone ORDER BY tbl, pk"
            ).fetchall(),
            "conflicts": conn.execute(
                "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_value FROM sync_conflicts "
                "ORDER BY tbl, pk, field, loser_hlc, loser_dev"
            ).fetchall(),
            "outbox": conn.execute("SELECT count(*) FROM sync_outbox").fetchone(),
        }
    finally:
        conn.close()


@settings(
    max_examples=int(os.environ.get("VLOT_MERGE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=record_sets(), data=st.data())
def test_any_order_and_duplicates_give_the_same_state(
    template: Path, tmp_path: Path, records: list[Record], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(records))
    duplicated = shuffled + data.draw(st.lists(st.sampled_from(records), max_size=5))
    first = merged_state(template, tmp_path / "one.sqlite3", records)
    second = merged_state(template, tmp_path / "two.sqlite3", duplicated)
    assert first == second
    before = first["outbox"]
    assert before == merged_state(template, tmp_path / "three.sqlite3", [])["outbox"]


@settings(
    max_examples=int(os.environ.get("VLOT_MERGE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=record_sets(), data=st.data())
def test_a_snapshot_plus_the_changes_after_it_gives_the_same_state(
    template: Path, tmp_path: Path, records: list[Record], data: st.DataObject
) -> None:
    """What compaction relies on: the snapshot of the merge of some records, with the rest
    merged on top (in any order, some again), equals merging all the records."""
    cut = data.draw(st.integers(0, len(records)))
    covered, rest = records[:cut], records[cut:]
    again = data.draw(st.lists(st.sampled_from(covered), max_size=3)) if covered else []
    tail = data.draw(st.permutations(rest + again))
    merged_state(template, tmp_path / "covered.sqlite3", covered)
    whole = merged_state(template, tmp_path / "whole.sqlite3", records)
    via_snapshot = merged_state(
        template, tmp_path / "new.sqlite3", tail, snapshot_of=tmp_path / "covered.sqlite3"
    )
    whole.pop("outbox")
    via_snapshot.pop("outbox")
    assert via_snapshot == whole
