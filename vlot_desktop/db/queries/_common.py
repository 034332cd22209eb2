"""Shared bits of the read queries: the open/closed status sets and raw-text enum columns."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, type_coerce
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from vlot_desktop.domain.enums import CaseStatus, LocationStatus, QuestionStatus

# A case stays on someone's desk until it is solved, referred or closed.
CLOSED_CASE_STATUSES: tuple[str, ...] = tuple(s.value for s in CaseStatus if not s.is_open)
OPEN_QUESTION_STATUSES: tuple[str, ...] = tuple(s.value for s in QuestionStatus if s.is_open)


def raw_text(column: Any) -> ColumnElement[str]:
    """The column as stored text: enum values this version does not know stay readable."""
    return type_coerce(column, String)


# Places of a location that was wound down or closed are history, not part of the current offer.
RETIRED_LOCATION_STATUSES: tuple[str, ...] = (
    LocationStatus.WOUND_DOWN.value,
    LocationStatus.CLOSED.value,
)
OPERATIONAL_LOCATION_STATUS = LocationStatus.OPERATIONAL.value


def unindexed(column: Any) -> ColumnElement[Any]:
    """``+column``: the same value, but SQLite will not walk an index on it.

    Grouping a large table by an indexed foreign key (``GROUP BY municipality_nis``) makes SQLite
    visit every row through that index, a random read per row: on the large demo set 90 ms for
    the cases and 270 ms for the contact moments, against 15 ms and 130 ms for a plain scan
    with a temporary b-tree. (The database has no ``ANALYZE`` statistics to tell it so.)
    """
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)
