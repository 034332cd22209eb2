"""Read-only queries on the sync bookkeeping: pending local changes and open conflicts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

# The ``field`` of the two kinds of conflict about a whole record (``sync.merge``'s names):
# a record deleted here and changed later there (so it came back), and a record deleted by
# someone who had not seen an edit of it (the delete won; the edit is kept with the conflict).
DELETED_FIELD = "(deleted)"
EDITED_FIELD = "(edited)"

# Columns that name a record for a person, tried in this order.
_NAME_COLUMNS = ("name", "reference", "subject", "label", "title")


def pending_changes(conn: Connection) -> int:
    """Local changes (one per row change) not yet written to the share."""
    value = conn.execute(
        text(
            "SELECT count(*) FROM (SELECT 1 FROM sync_outbox WHERE seq > "
            "coalesce((SELECT pushed_seq FROM sync_clock WHERE id = 1), 0) "
            "GROUP BY hlc, tbl, pk, op)"
        )
    ).scalar_one()
    return int(value)


@dataclass(frozen=True)
class ConflictSide:
    """One of the two writes of a conflict."""

    value: Any  # the value as JSON decodes it; None also for "no value"
    device_id: str | None
    user_name: str | None
    written_at: dt.datetime | None  # local time, from the write's HLC


@dataclass(frozen=True)
class ConflictRow:
    id: int
    table: str
    pk: str
    # "(deleted)" for a row revived by an edit after its deletion; "(edited)" for a row deleted
    # by someone who had not seen an edit of it (``other.value``: the edited fields, a dict)
    field: str
    record_name: str | None  # the record's name, reference, ... (as deleted, when it is)
    current: ConflictSide  # the winning write: the value the record has now (or the delete)
    other: ConflictSide  # the write that lost

    def is_mine_other(self, device_id: str | None) -> bool:
        """True when the losing write was made on ``device_id``."""
        return bool(device_id) and (self.other.device_id or "").lower() == str(device_id).lower()


def hlc_time(hlc: str | None) -> dt.datetime | None:
    """The local wall-clock time of an HLC (``"<ms>-<counter>"``)."""
    if not hlc:
        return None
    try:
        millis = int(hlc.split("-", 1)[0])
    except ValueError:
        return None
    return dt.datetime.fromtimestamp(millis / 1000, dt.UTC).astimezone().replace(tzinfo=None)


def _decode(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_columns(conn: Connection, table: str) -> list[str]:
    rows = conn.exec_driver_sql(f"PRAGMA table_info({_quote(table)})").fetchall()
    return [str(row[1]) for row in rows]


def _name_columns(
    conn: Connection, table: str, cache: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The columns that name a record of ``table`` (their values joined by a space)."""
    if table not in cache:
        columns = _table_columns(conn, table)
        found = next((c for c in _NAME_COLUMNS if c in columns), None)
        if found is not None:
            cache[table] = (found,)
        elif {"first_name", "last_name"} <= set(columns):
            cache[table] = ("first_name", "last_name")
        else:
            cache[table] = ()
    return cache[table]


def _join_name(values: list[Any]) -> str | None:
    parts = [str(v) for v in values if v is not None and str(v) != ""]
    return " ".join(parts) if parts else None


def _record_name(
    conn: Connection, table: str, pk: str, cache: dict[str, tuple[str, ...]]
) -> str | None:
    columns = _name_columns(conn, table, cache)
    if not columns:
        return None
    row = conn.exec_driver_sql(
        f"SELECT {', '.join(_quote(c) for c in columns)} FROM {_quote(table)} WHERE id = ?", (pk,)
    ).first()
    if row is not None:
        return _join_name(list(row))
    return _deleted_record_name(conn, table, pk, columns)


def _deleted_record_name(
    conn: Connection, table: str, pk: str, columns: tuple[str, ...]
) -> str | None:
    """The name of a deleted record as it would come back: the values kept with its tombstone,
    with the field values written later (as ``services.conflicts.restore_deleted_record``)."""
    kept = conn.exec_driver_sql(
        "SELECT row_json FROM sync_tombstone WHERE tbl = ? AND pk = ?", (table, pk)
    ).scalar()
    values = _decode(kept) if kept is not None else None
    if not isinstance(values, dict):
        values = {}
    marks = ", ".join("?" for _ in columns)
    for field, value in conn.exec_driver_sql(
        "SELECT field, value FROM sync_field_clock "
        f"WHERE tbl = ? AND pk = ? AND field IN ({marks})",
        (table, pk, *columns),
    ):
        values[str(field)] = _decode(value)
    return _join_name([values.get(c) for c in columns])


def open_conflicts(conn: Connection) -> list[ConflictRow]:
    """Every open conflict, oldest first, with both writes and who made them."""
    rows = conn.execute(
        text(
            "SELECT c.id, c.tbl, c.pk, c.field, c.loser_hlc, c.loser_dev, lu.name, "
            "c.loser_value, f.hlc, f.dev, fu.name, f.value "
            "FROM sync_conflicts AS c "
            "LEFT JOIN sync_field_clock AS f "
            "ON f.tbl = c.tbl AND f.pk = c.pk AND f.field = c.field "
            "LEFT JOIN staff_user AS lu ON lu.id = c.loser_user "
            "LEFT JOIN staff_user AS fu ON fu.id = f.user_id "
            "ORDER BY c.id"
        )
    ).all()
    names: dict[str, tuple[str, ...]] = {}
    result: list[ConflictRow] = []
    present = {
        str(r[0])
        for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for row in rows:
        (cid, tbl, pk, field, l_hlc, l_dev, l_user, l_value) = row[:8]
        f_hlc, f_dev, f_user, f_value = row[8:]
        if field == EDITED_FIELD:
            # The edit lost to a delete made without seeing it: the record is gone now.
            other = ConflictSide(_decode(l_value), l_dev, l_user, hlc_time(l_hlc))
            current = ConflictSide(None, None, None, None)
            delete = conn.execute(
                text(
                    "SELECT t.hlc, t.dev, u.name FROM sync_tombstone AS t "
                    "LEFT JOIN staff_user AS u ON u.id = t.user_id "
                    "WHERE t.tbl = :t AND t.pk = :p"
                ),
                {"t": tbl, "p": pk},
            ).first()
            if delete is not None:
                current = ConflictSide(None, delete[1], delete[2], hlc_time(delete[0]))
        elif field == DELETED_FIELD:
            # The other write is the delete; the current state is the row that came back.
            other = ConflictSide(None, l_dev, l_user, hlc_time(l_hlc))
            current = ConflictSide(None, None, None, None)
            # The newest write of the row: an exception, or the row clock (a row written
            # whole once, e.g. the edit that brought it back, has only that).
            newest = conn.execute(
                text(
                    "SELECT hlc, dev, name FROM ("
                    "SELECT f.hlc AS hlc, f.dev AS dev, u.name AS name "
                    "FROM sync_field_clock AS f LEFT JOIN staff_user AS u ON u.id = f.user_id "
                    "WHERE f.tbl = :t AND f.pk = :p "
                    "UNION ALL "
                    "SELECT r.hlc, d.name, u.name FROM sync_row_clock AS r "
                    "LEFT JOIN sync_actor AS d ON d.id = r.dev "
                    "LEFT JOIN sync_actor AS a ON a.id = r.user_id "
                    "LEFT JOIN staff_user AS u ON u.id = a.name "
                    "WHERE r.tbl = :t AND r.pk = :p"
                    ") ORDER BY hlc DESC, dev DESC LIMIT 1"
                ),
                {"t": tbl, "p": pk},
            ).first()
            if newest is not None:
                current = ConflictSide(None, newest[1], newest[2], hlc_time(newest[0]))
        else:
            other = ConflictSide(_decode(l_value), l_dev, l_user, hlc_time(l_hlc))
            current = ConflictSide(_decode(f_value), f_dev, f_user, hlc_time(f_hlc))
        record = _record_name(conn, tbl, pk, names) if tbl in present else None
        result.append(ConflictRow(int(cid), str(tbl), str(pk), str(field), record, current, other))
    return result


@dataclass(frozen=True)
class IngestedRow:
    """A change file this laptop wrote ("own"), took in ("applied") or refused ("rejected")."""

    file: str
    device_label: str | None
    user_name: str | None
    records: int
    status: str
    reason: str | None


def device_names(conn: Connection) -> dict[str, tuple[str | None, str | None]]:
    """Every laptop this database knows: its id (lower case) -> (label, its user's name)."""
    return {
        str(row[0]).lower(): (row[1], row[2])
        for row in conn.execute(
            text(
                "SELECT d.id, d.label, u.name FROM device AS d "
                "LEFT JOIN staff_user AS u ON u.id = d.user_id"
            )
        )
    }


def ingested_rows(conn: Connection, limit: int = 500) -> list[tuple[str, int, str, str | None]]:
    """(file, records, status, reason) of the change files exchanged with the share, the most
    recent first (not the files skipped because a snapshot brought their changes). Which laptop
    wrote a file is in its name, a part of the share format: ``services.sync_file_list``."""
    rows = conn.execute(
        text(
            "SELECT file, records, status, reason FROM sync_ingested "
            "WHERE status != 'snapshot' ORDER BY rowid DESC LIMIT :limit"
        ),
        {"limit": limit},
    ).all()
    return [
        (str(file), int(records or 0), str(status), reason)
        for file, records, status, reason in rows
    ]


# --- conflicts as people read them (the Conflicten screen and ``vlot-desktop conflicts``) -------

# The readable names of synced tables and fields, in English: the source texts of
# ``ui/sync_labels.py``, which the screen shows translated (a test keeps the two lists equal).
TABLE_LABELS: dict[str, str] = {
    "location": "Reception location",
    "place": "Reception place",
    "location_partner": "Location partner",
    "organisation": "Organisation",
    "contact_person": "Contact person",
    "staff_user": "Staff member",
    "device": "Laptop",
    "case_file": "Case",
    "household_member": "Household member",
    "case_event": "Case event",
    "question": "Helpdesk question",
    "contact_moment": "Contact moment",
    "meeting": "Meeting",
    "meeting_item": "Meeting item",
    "prospect_visit": "Prospect visit",
    "finding": "Finding",
    "attachment": "Attachment",
}

FIELD_LABELS: dict[str, str] = {
    DELETED_FIELD: "(deleted record)",
    EDITED_FIELD: "edited, deleted elsewhere",
    "name": "Name",
    "notes": "Notes",
    "status": "Status",
    "email": "E-mail address",
    "phone": "Phone",
    "first_name": "First name",
    "last_name": "Last name",
    "role": "Role",
    "active": "Active",
    "subject": "Subject",
    "reference": "Reference",
    "label": "Label",
    "address": "Address",
    "kind": "Kind",
}


def table_label(table: str) -> str:
    """The English name of a synced table for people; the table name when it has none."""
    return TABLE_LABELS.get(table, table)


def field_label(field: str) -> str:
    """The English name of a field for people; the column name when it has none."""
    return FIELD_LABELS.get(field, field)


def value_text(value: Any) -> str:
    """A conflict's value as the screen shows it (in English)."""
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def is_deleted_record(row: ConflictRow) -> bool:
    """A record deleted on one laptop and changed later on another (so it was kept)."""
    return row.field == DELETED_FIELD


def is_edited_record(row: ConflictRow) -> bool:
    """A record deleted by someone who had not seen an edit of it (the delete won)."""
    return row.field == EDITED_FIELD


def edited_values(row: ConflictRow) -> dict[str, Any]:
    """The fields the lost edit of an :func:`is_edited_record` conflict changed, and their
    values (empty for other conflicts)."""
    values = row.other.value if is_edited_record(row) else None
    return dict(values) if isinstance(values, dict) else {}


def edit_text(
    values: dict[str, Any],
    label: Callable[[str], str] = field_label,
    value: Callable[[Any], str] = value_text,
    separator: str = "; ",
) -> str:
    """The edited fields as a person reads them, ``"Notes: new phone number; Name: X"``.

    The screen passes its translated ``field_label`` and ``value_text``.
    """
    return separator.join(f"{label(name)}: {value(v)}" for name, v in values.items())


def deleted_text(side: ConflictSide) -> str:
    """The delete of an :func:`is_edited_record` conflict, ``"deleted by An on 2026-11-26"``."""
    text = "deleted"
    if side.user_name:
        text += f" by {side.user_name}"
    if side.written_at is not None:
        text += f" on {side.written_at.date().isoformat()}"
    return text


def mine_and_theirs(row: ConflictRow, device_id: str | None) -> tuple[ConflictSide, ConflictSide]:
    """The two writes of ``row`` from the point of view of laptop ``device_id``.

    "Mine" is the write made on this laptop; when neither write was, it is the value this
    laptop shows now (the winner), and "theirs" the one that was overwritten (as the screen's
    ``ui.models.conflict_model.make_items`` pairs them).
    """
    if row.is_mine_other(device_id):
        return row.other, row.current
    return row.current, row.other
