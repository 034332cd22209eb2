"""Declarative base, naming convention and the column helpers every model module uses.

Conventions (docs/sync-format.md for the synced tables):
- every synced table has a text UUIDv7 primary key (``SyncedMixin``);
- reference tables (loaded from ``resources/data``) have natural text keys and are not synced;
- columns holding personal data carry ``info={"personal": True}`` (and ``"sensitive": True`` for
  health or vulnerability data) so that exports, retention and erasure can find them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column

from vlot_desktop.domain.ids import uuid7

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    """Naive UTC timestamp, as stored in every ``*_at`` column."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: DateTime()}


def enum_column(enum_type: type[enum.Enum], **kwargs: Any) -> MappedColumn[Any]:
    """A column storing an enum's *value* (not its name) as short text, without a CHECK.

    No CHECK constraint: a newer laptop may sync values this version does not know yet.
    """
    return mapped_column(
        Enum(
            enum_type,
            native_enum=False,
            create_constraint=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=False,
        ),
        **kwargs,
    )


def personal(column: MappedColumn[Any], *, sensitive: bool = False) -> MappedColumn[Any]:
    """Mark a column as personal data (and optionally sensitive: health, vulnerability)."""
    column.column.info["personal"] = True
    if sensitive:
        column.column.info["sensitive"] = True
    return column


class SyncedMixin:
    """Text UUIDv7 key and creation/modification times for tables that sync between laptops."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # Local bookkeeping (when this laptop last wrote the row): not part of ``dump``.
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=utc_now, onupdate=utc_now, info={"local": True}
    )


class ReferenceMixin:
    """Marker for tables loaded from ``resources/data`` (not synced, not user data)."""

    __reference__ = True
