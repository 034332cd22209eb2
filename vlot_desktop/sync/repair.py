"""Rules that span rows, made to hold again after a merge: which ones broke, and who repairs.

Per-field merging keeps every write, so two laptops that both change a location's capacity
offline end with the capacity one of them chose and the place rows *both* added (two of them
called "Plaats 4"); two laptops editing a household end with a household size that is not the
number of its members. After each merge the sync checks these rules for the records the round
touched:

- a location has exactly ``capacity`` place rows, with distinct labels;
- a case's ``household_size`` is the number of its household members.

This module only finds what broke and decides who repairs it; the repair itself is the rule's
one write path in ``services`` (``services.places.restore_place_rows``,
``services.cases.set_household_size``), which the caller hands to the round as
:class:`Fixes` (``services.sync_service``): the sync does not import the services, and the
import, the forms and the merge cannot disagree on which places go or what they are called.

The repair is an ordinary local change (captured, synced, with its history rows), pushed in the
same round. To keep two laptops from repairing the same thing at once (two repairs would
conflict, or remove two places), only one laptop repairs: the one that wrote the newest of the
records involved. Every laptop holds the same clocks after merging the same changes, so they
all agree on which laptop that is, and the others leave the rule to it (its repair arrives
with its next sync).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# (the round's connection, the record's id, this laptop's user) -> repaired? The fix writes in
# the round's transaction, with capture on; False: it could not, and changed nothing.
Fix = Callable[[sqlite3.Connection, str, str | None], bool]


@dataclass(frozen=True)
class Fixes:
    """The one write path of each rule, given by the caller (``services.sync_service``)."""

    location: Fix  # make the place rows match the capacity, with distinct labels
    case: Fix  # make the household size the number of members


@dataclass
class Touched:
    """The records a merge changed that rules span: location ids and case ids."""

    locations: set[str] = field(default_factory=set)
    cases: set[str] = field(default_factory=set)

    def add(self, table: str, pk: str, conn: sqlite3.Connection) -> None:
        if table == "location":
            self.locations.add(pk)
        elif table == "place":
            parent = _parent(conn, "place", pk, "location_id")
            if parent is not None:
                self.locations.add(parent)
        elif table == "case_file":
            self.cases.add(pk)
        elif table == "household_member":
            parent = _parent(conn, "household_member", pk, "case_id")
            if parent is not None:
                self.cases.add(parent)


def _parent(conn: sqlite3.Connection, table: str, pk: str, column: str) -> str | None:
    """The parent id of a row, also of a deleted one (from the values kept with its delete)."""
    row = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE id = ?', (pk,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT json_extract(row_json, ?) FROM sync_tombstone WHERE tbl = ? AND pk = ? "
            "AND json_valid(row_json)",
            (f"$.{column}", table, pk),
        ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


@dataclass
class Repairs:
    locations: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    left_to_others: int = 0  # broken rules another laptop will repair (it wrote last)
    # Broken rules this laptop is the one to repair but did not: no fixes were given to the
    # round, or the fix refused (e.g. a capacity over the maximum). Checked again next time the
    # records are touched.
    unrepaired: int = 0


def _newest_writer(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> str | None:
    """The device of the newest write (by HLC, then device) of any of these records."""
    best: tuple[str, str] | None = None
    for table, pk in keys:
        for hlc, dev in conn.execute(
            "SELECT c.hlc, a.name FROM sync_row_clock AS c JOIN sync_actor AS a ON a.id = c.dev "
            "WHERE c.tbl = ? AND c.pk = ? UNION ALL "
            "SELECT hlc, dev FROM sync_field_clock WHERE tbl = ? AND pk = ?",
            (table, pk, table, pk),
        ):
            key = (str(hlc), str(dev))
            if best is None or key > best:
                best = key
        tomb = conn.execute(
            "SELECT hlc, dev FROM sync_tombstone WHERE tbl = ? AND pk = ?", (table, pk)
        ).fetchone()
        if tomb is not None and (best is None or (str(tomb[0]), str(tomb[1])) > best):
            best = (str(tomb[0]), str(tomb[1]))
    return best[1] if best is not None else None


def _place_keys(conn: sqlite3.Connection, location: str) -> list[tuple[str, str]]:
    keys = [("location", location)]
    keys += [("place", str(r[0])) for r in conn.execute(
        "SELECT id FROM place WHERE location_id = ?", (location,)
    )]  # fmt: skip
    # Places deleted on another laptop take part too (their delete is a write).
    keys += [
        ("place", str(r[0]))
        for r in conn.execute(
            "SELECT pk FROM sync_tombstone WHERE tbl = 'place' "
            "AND json_valid(row_json) AND json_extract(row_json, '$.location_id') = ?",
            (location,),
        )
    ]
    return keys


def location_broken(conn: sqlite3.Connection, location: str) -> bool:
    row = conn.execute("SELECT capacity FROM location WHERE id = ?", (location,)).fetchone()
    if row is None:
        return False
    count, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT label) FROM place WHERE location_id = ?", (location,)
    ).fetchone()
    return bool(count != row[0] or distinct != count)


def case_broken(conn: sqlite3.Connection, case: str) -> bool:
    row = conn.execute(
        "SELECT household_size, (SELECT count(*) FROM household_member WHERE case_id = c.id) "
        "FROM case_file AS c WHERE id = ?",
        (case,),
    ).fetchone()
    return row is not None and row[0] != row[1]


def _case_keys(conn: sqlite3.Connection, case: str) -> list[tuple[str, str]]:
    keys = [("case_file", case)]
    keys += [
        ("household_member", str(r[0]))
        for r in conn.execute("SELECT id FROM household_member WHERE case_id = ?", (case,))
    ]
    keys += [
        ("household_member", str(r[0]))
        for r in conn.execute(
            "SELECT pk FROM sync_tombstone WHERE tbl = 'household_member' "
            "AND json_valid(row_json) AND json_extract(row_json, '$.case_id') = ?",
            (case,),
        )
    ]
    return keys


def repair(
    conn: sqlite3.Connection,
    touched: Touched,
    device: str,
    author: str | None,
    fixes: Fixes | None = None,
) -> Repairs:
    """Repair the broken rules among the touched records that this laptop is the one to repair
    (it wrote last), with ``fixes``; inside the caller's transaction, with capture on (an
    ordinary change). Without ``fixes`` nothing is repaired (``Repairs.unrepaired``)."""
    done = Repairs()
    for location in sorted(touched.locations):
        if not location_broken(conn, location):
            continue
        if (_newest_writer(conn, _place_keys(conn, location)) or "").lower() != device.lower():
            done.left_to_others += 1
        elif fixes is not None and fixes.location(conn, location, author):
            done.locations.append(location)
        else:
            done.unrepaired += 1
    for case in sorted(touched.cases):
        if not case_broken(conn, case):
            continue
        if (_newest_writer(conn, _case_keys(conn, case)) or "").lower() != device.lower():
            done.left_to_others += 1
        elif fixes is not None and fixes.case(conn, case, author):
            done.cases.append(case)
        else:
            done.unrepaired += 1
    return done
