"""Rules that span rows, made to hold again after a merge.

Per-field merging keeps every write, so two laptops that both change a location's capacity
offline end with the capacity one of them chose and the place rows *both* added (two of them
called "Plaats 4"); two laptops editing a household end with a household size that is not the
number of its members. After each merge the sync checks these rules for the records the round
touched and repairs what breaks them:

- a location has exactly ``capacity`` place rows, with distinct labels: surplus places that
  nobody uses go (duplicates first, then the newest), missing ones are added as "Plaats N"
  with the lowest free numbers, a duplicate label gets the lowest free number; when the
  surplus places are all in use (people live there) the capacity follows them instead;
- a case's ``household_size`` is the number of its household members.

The repair is an ordinary local change (captured, synced, with its history rows). To keep two
laptops from repairing the same thing at once (two repairs would conflict, or remove two
places), only one laptop repairs: the one that wrote the newest of the records involved. Every
laptop holds the same clocks after merging the same changes, so they all agree on which laptop
that is, and the others leave the rule to it (its repair arrives with its next sync).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from vlot_desktop.domain.enums import LocationStatus, PlaceStatus
from vlot_desktop.domain.ids import uuid7

PLACE_LABEL = "Plaats {number}"
_LABEL_RE = re.compile(r"^Plaats ([0-9]{1,6})$")
# Nobody uses these places (the order in which surplus ones go, as in services.places).
_REMOVABLE = (PlaceStatus.IN_PREPARATION.value, PlaceStatus.FREE.value)
CAPACITY_REASON = "Samengevoegd na synchronisatie"  # shown in the capacity history


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


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


def _free_numbers(used: set[int]) -> Iterable[int]:
    number = 1
    while True:
        if number not in used:
            yield number
        number += 1


def repair_location(conn: sqlite3.Connection, location: str, author: str | None) -> None:
    """Make the place rows match the capacity, with distinct labels (see the module doc)."""
    capacity, status = conn.execute(
        "SELECT capacity, status FROM location WHERE id = ?", (location,)
    ).fetchone()
    places = conn.execute(
        "SELECT id, label, status FROM place WHERE location_id = ? ORDER BY created_at, id",
        (location,),
    ).fetchall()
    seen: set[str] = set()
    duplicate: set[str] = set()
    for pk, label, _ in places:
        if label in seen:
            duplicate.add(pk)
        seen.add(label)
    today = dt.date.today().isoformat()
    now = _now()
    surplus = len(places) - int(capacity)
    if surplus > 0:
        removable = [p for p in reversed(places) if p[2] in _REMOVABLE]
        removable.sort(key=lambda p: (p[0] not in duplicate, _REMOVABLE.index(p[2])))
        gone = [p[0] for p in removable[:surplus]]
        for pk in gone:
            conn.execute("DELETE FROM place_status_change WHERE place_id = ?", (pk,))
            conn.execute("DELETE FROM place WHERE id = ?", (pk,))
        places = [p for p in places if p[0] not in gone]
        if len(places) > capacity:  # the rest are in use: the capacity follows the people
            _record_capacity(conn, location, int(capacity), len(places), today, author, now)
            capacity = len(places)
    used = {int(m.group(1)) for _, label, _ in places if (m := _LABEL_RE.match(label or ""))}
    taken = {label for pk, label, _ in places if pk not in duplicate}
    numbers = iter(_free_numbers(used))
    for pk, _label, _ in places:
        if pk in duplicate:
            new = PLACE_LABEL.format(number=next(numbers))
            while new in taken:
                new = PLACE_LABEL.format(number=next(numbers))
            taken.add(new)
            conn.execute("UPDATE place SET label = ?, updated_at = ? WHERE id = ?", (new, now, pk))
    new_status = (
        PlaceStatus.FREE.value
        if status == LocationStatus.OPERATIONAL.value
        else PlaceStatus.IN_PREPARATION.value
    )
    for _ in range(int(capacity) - len(places)):
        label = PLACE_LABEL.format(number=next(numbers))
        while label in taken:
            label = PLACE_LABEL.format(number=next(numbers))
        taken.add(label)
        place = uuid7()
        conn.execute(
            "INSERT INTO place (id, created_at, updated_at, location_id, label, status, "
            "status_since, offered_to_fedasil_on) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            (place, now, now, location, label, new_status, today),
        )
        conn.execute(
            "INSERT INTO place_status_change (id, created_at, updated_at, place_id, location_id, "
            "from_status, to_status, changed_on, author_id) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
            (uuid7(), now, now, place, location, new_status, today, author),
        )


def _record_capacity(
    conn: sqlite3.Connection,
    location: str,
    old: int,
    new: int,
    today: str,
    author: str | None,
    now: str,
) -> None:
    conn.execute(
        "UPDATE location SET capacity = ?, updated_at = ? WHERE id = ?", (new, now, location)
    )
    conn.execute(
        "INSERT INTO capacity_change (id, created_at, updated_at, location_id, old_capacity, "
        "new_capacity, changed_on, author_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid7(), now, now, location, old, new, today, author, CAPACITY_REASON),
    )


def case_broken(conn: sqlite3.Connection, case: str) -> bool:
    row = conn.execute(
        "SELECT household_size, (SELECT count(*) FROM household_member WHERE case_id = c.id) "
        "FROM case_file AS c WHERE id = ?",
        (case,),
    ).fetchone()
    return row is not None and row[0] != row[1]


def repair_case(conn: sqlite3.Connection, case: str) -> None:
    conn.execute(
        "UPDATE case_file SET household_size = "
        "(SELECT count(*) FROM household_member WHERE case_id = case_file.id), updated_at = ? "
        "WHERE id = ?",
        (_now(), case),
    )


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


def repair(conn: sqlite3.Connection, touched: Touched, device: str, author: str | None) -> Repairs:
    """Repair the broken rules among the touched records that this laptop is the one to repair
    (it wrote last); inside the caller's transaction, with capture on (an ordinary change)."""
    done = Repairs()
    for location in sorted(touched.locations):
        if not location_broken(conn, location):
            continue
        if (_newest_writer(conn, _place_keys(conn, location)) or "").lower() != device.lower():
            done.left_to_others += 1
            continue
        repair_location(conn, location, author)
        done.locations.append(location)
    for case in sorted(touched.cases):
        if not case_broken(conn, case):
            continue
        if (_newest_writer(conn, _case_keys(conn, case)) or "").lower() != device.lower():
            done.left_to_others += 1
            continue
        repair_case(conn, case)
        done.cases.append(case)
    return done
