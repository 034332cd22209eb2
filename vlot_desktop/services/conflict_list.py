"""What the Conflicten screen reads and checks, as the screen asks for it (in a worker).

``rows`` takes a connection (``Store.read`` gives one) and returns the open conflicts as plain
rows. ``text_field`` says whether a typed third value may be offered for a field, and within
which limits; it reads the schema's description, not the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, String

from vlot_desktop.db.queries.sync import ConflictRow, open_conflicts


@dataclass(frozen=True)
class TextField:
    """What a typed third value must respect: the column's length and whether it may be empty."""

    max_length: int | None
    required: bool


def rows(conn: Connection) -> list[ConflictRow]:
    """The open conflicts (fields, records that came back, edits lost to a delete)."""
    return open_conflicts(conn)


def text_field(table: str, field: str) -> TextField | None:
    """The limits of ``table.field`` when it is a text column; None for other columns.

    Only text is offered for a typed value: numbers, dates and choices have rules (capacity
    against occupancy, date order, workflow) that live in their own screens, where the user
    changes them after keeping one of the two values.
    """
    from vlot_desktop.db.models import Base

    column = Base.metadata.tables.get(table, None)
    if column is None or field not in column.columns:
        return None
    col = column.columns[field]
    if not isinstance(col.type, String) or col.info.get("choices") or col.primary_key:
        return None
    if col.foreign_keys or getattr(col.type, "enums", None):
        return None
    return TextField(col.type.length, not col.nullable)
