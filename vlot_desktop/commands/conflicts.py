"""``vlot-desktop conflicts [--json]``: the open sync conflicts, as the Conflicten screen shows.

For an administrator or a script on a laptop without the GUI. Every conflict comes with its
record (kind, name or reference, id), the field (labelled as the screen labels it), this
laptop's value and the other one, and who wrote each and when. Two kinds are about a whole
record: one deleted on one laptop and changed later on another (so it was kept), and one
deleted by someone who had not seen an edit made on another laptop (the delete won; the edit
can be restored with the record in the application). The rows come from
the same query as the screen (``db.queries.sync.open_conflicts``), paired "this laptop" /
"other" the same way (``mine_and_theirs``). Nothing is changed: choosing a value is done in the
application. Exit code 0, also when there are conflicts.

``--json`` prints one object ``{"conflicts": [...]}``; each conflict has the keys ``id``,
``kind`` (``"field"``, ``"deleted_record"`` or ``"edited_record"``), ``table``,
``table_label``, ``record_id``, ``record_name``, ``field``, ``field_label``, ``mine`` and
``theirs``; each side has ``value`` (as the sync stores it; null for a deleted-record conflict
and for the delete of an edited-record conflict, whose edit has an object of the edited fields
and their values), ``text`` (as shown), ``current`` (true for the value the record has now, or
the delete that won), ``device_id``, ``user_name`` and ``written_at`` (ISO 8601 with the UTC
offset, or null).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers
    from vlot_desktop.db.queries.sync import ConflictRow, ConflictSide

KIND_FIELD = "field"
KIND_DELETED_RECORD = "deleted_record"
KIND_EDITED_RECORD = "edited_record"

# What the screen shows as the two "values" of a record deleted here and changed there.
DELETED_TEXT = "deleted"
KEPT_TEXT = "kept (edited)"


def register(sub: SubParsers) -> None:
    parser = sub.add_parser(
        "conflicts", help="list the open sync conflicts (what the Conflicten screen shows)"
    )
    parser.add_argument("--json", action="store_true", help="print them as one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.migrate import check_version, prepare_database, read_state
    from vlot_desktop.db.queries.sync import open_conflicts
    from vlot_desktop.settings import load_settings

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return fail(f"no database in {data_dir} (run 'init' or 'demo' first)")
    state = read_state(db_path)
    check_version(state, db_path)
    if state.revision is None:
        return fail(f"{db_path} is empty (run 'init' or 'demo' first)")
    prepare_database(db_path)  # an older schema is brought up to date first, as the app does
    engine = make_engine(db_path)
    try:
        with engine.connect() as conn:
            rows = open_conflicts(conn)
    finally:
        engine.dispose()
    device_id = load_settings(data_dir).device_id
    conflicts = [conflict_json(row, device_id) for row in rows]
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")  # names and values in any script, also when redirected
    try:
        if args.json:
            print(json.dumps({"conflicts": conflicts}, ensure_ascii=False, indent=2))
        else:
            print(conflicts_text(conflicts))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; that is not an error of ours.
        sys.stderr.close()
    return 0


def _written_at(side: ConflictSide) -> str | None:
    if side.written_at is None:
        return None
    # ``written_at`` is this computer's local time: with its offset, a script can compare it.
    return side.written_at.astimezone().isoformat(timespec="seconds")


def _side_json(row: ConflictRow, side: ConflictSide) -> dict[str, Any]:
    from vlot_desktop.db.queries.sync import (
        deleted_text,
        edit_text,
        edited_values,
        is_deleted_record,
        is_edited_record,
        value_text,
    )

    if is_deleted_record(row):
        text = DELETED_TEXT if side is row.other else KEPT_TEXT
    elif is_edited_record(row):
        text = deleted_text(side) if side is row.current else edit_text(edited_values(row))
    else:
        text = value_text(side.value)
    return {
        "value": side.value,
        "text": text,
        "current": side is row.current,
        "device_id": side.device_id,
        "user_name": side.user_name,
        "written_at": _written_at(side),
    }


def conflict_json(row: ConflictRow, device_id: str | None) -> dict[str, Any]:
    """One conflict as the ``--json`` output gives it, seen from laptop ``device_id``."""
    from vlot_desktop.db.queries.sync import (
        field_label,
        is_deleted_record,
        is_edited_record,
        mine_and_theirs,
        table_label,
    )

    mine, theirs = mine_and_theirs(row, device_id)
    if is_deleted_record(row):
        kind = KIND_DELETED_RECORD
    elif is_edited_record(row):
        kind = KIND_EDITED_RECORD
    else:
        kind = KIND_FIELD
    return {
        "id": row.id,
        "kind": kind,
        "table": row.table,
        "table_label": table_label(row.table),
        "record_id": row.pk,
        "record_name": row.record_name,
        "field": row.field,
        "field_label": field_label(row.field),
        "mine": _side_json(row, mine),
        "theirs": _side_json(row, theirs),
    }


def _who_when(side: dict[str, Any]) -> str:
    parts = [side["user_name"] or ""]
    if side["written_at"]:
        parts.append(side["written_at"][:16].replace("T", " "))
    text = ", ".join(p for p in parts if p)
    return f"  ({text})" if text else ""


def _side_line(title: str, side: dict[str, Any]) -> str:
    value = str(side["text"]).replace("\n", "\n" + " " * 16)
    current = "  <- current value" if side["current"] else ""
    return f"  {title:<13} {value}{_who_when(side)}{current}"


def conflict_text(conflict: dict[str, Any]) -> str:
    """One conflict as a readable block of lines (from :func:`conflict_json`)."""
    name = f'"{conflict["record_name"]}" ' if conflict["record_name"] else ""
    lines = [f"{conflict['table_label']} {name}(id {conflict['record_id']})"]
    lines.append(f"  Field:        {conflict['field_label']}")
    if conflict["kind"] == KIND_DELETED_RECORD:
        lines.append("  Deleted on one laptop and changed later on another, so it was kept.")
    elif conflict["kind"] == KIND_EDITED_RECORD:
        lines.append("  Deleted by someone who had not seen this change; the deletion won.")
        lines.append("  Restore the record with the change in the application (Conflicten).")
    lines.append(_side_line("This laptop:", conflict["mine"]))
    lines.append(_side_line("Other:", conflict["theirs"]))
    return "\n".join(lines)


def conflicts_text(conflicts: list[dict[str, Any]]) -> str:
    """The plain-text listing: a count, then one block per conflict."""
    if not conflicts:
        return "No open conflicts."
    count = "1 open conflict" if len(conflicts) == 1 else f"{len(conflicts)} open conflicts"
    blocks = [conflict_text(c) for c in conflicts]
    return f"{count}:\n\n" + "\n\n".join(blocks)
