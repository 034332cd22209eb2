"""Read-only queries on the sync bookkeeping: pending local changes and open conflicts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

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
    field: str  # "(deleted)" for a row revived by an edit after its deletion
    record_name: str | None  # the record's name, reference, ... when it has one
    current: ConflictSide  # the winning write: the value the record has now
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


def _record_name(conn: Connection, table: str, pk: str, cache: dict[str, str | None]) -> str | None:
    if table not in cache:
        columns = _table_columns(conn, table)
        cache[table] = next((c for c in _NAME_COLUMNS if c in columns), None)
        if cache[table] is None and {"first_name", "last_name"} <= set(columns):
            cache[table] = "first_name || ' ' || last_name"
    column = cache[table]
    if column is None:
        return None
    expr = column if "||" in column else _quote(column)
    value = conn.exec_driver_sql(f"SELECT {expr} FROM {_quote(table)} WHERE id = ?", (pk,)).scalar()
    return None if value is None else str(value)


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
    names: dict[str, str | None] = {}
    result: list[ConflictRow] = []
    present = {
        str(r[0])
        for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for row in rows:
        (cid, tbl, pk, field, l_hlc, l_dev, l_user, l_value) = row[:8]
        f_hlc, f_dev, f_user, f_value = row[8:]
        if field == "(deleted)":
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


def ingested_files(conn: Connection, limit: int = 500) -> list[IngestedRow]:
    """The change files exchanged with the share, the most recent first (not the files skipped
    because a snapshot brought their changes)."""
    from vlot_desktop.sync.batch import parse_batch_name

    devices = {
        str(row[0]).lower(): (row[1], row[2])
        for row in conn.execute(
            text(
                "SELECT d.id, d.label, u.name FROM device AS d "
                "LEFT JOIN staff_user AS u ON u.id = d.user_id"
            )
        )
    }
    rows = conn.execute(
        text(
            "SELECT file, records, status, reason FROM sync_ingested "
            "WHERE status != 'snapshot' ORDER BY rowid DESC LIMIT :limit"
        ),
        {"limit": limit},
    ).all()
    result = []
    for file, records, status, reason in rows:
        parsed = parse_batch_name(str(file))
        label, user = devices.get(parsed.device, (None, None)) if parsed else (None, None)
        result.append(IngestedRow(str(file), label, user, int(records or 0), str(status), reason))
    return result


# --- conflicts as people read them (the Conflicten screen and ``vlot-desktop conflicts``) -------

DELETED_FIELD = "(deleted)"

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


def mine_and_theirs(row: ConflictRow, device_id: str | None) -> tuple[ConflictSide, ConflictSide]:
    """The two writes of ``row`` from the point of view of laptop ``device_id``.

    "Mine" is the write made on this laptop; when neither write was, it is the value this
    laptop shows now (the winner), and "theirs" the one that was overwritten (as the screen's
    ``ui.models.conflict_model.make_items`` pairs them).
    """
    if row.is_mine_other(device_id):
        return row.other, row.current
    return row.current, row.other
