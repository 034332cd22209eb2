"""The one door from the GUI to the database: named reads and service calls, never SQL.

Screens do not open connections or sessions (docs/adding-a-screen.md). A read is a function of
``db.queries`` or ``services`` that takes a connection; :meth:`Store.read` opens the
connection, runs it and closes it again, in the worker thread that called it. Writes are
service functions that take the engine (they open their own transaction); :attr:`Store.engine`
is passed to them as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

P = ParamSpec("P")
T = TypeVar("T")
RowT = TypeVar("RowT")


@dataclass(frozen=True)
class FirstPage(Generic[RowT]):
    """The first page of a list for a filter: its rows, how many match in all, and what the
    screen shows beside it (e.g. the totals line of Opvanglocaties)."""

    rows: list[RowT]
    total: int
    summary: Any = None


class Store:
    """The opened database of this laptop, as the screens use it (one per data folder)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def read(
        self, query: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``query(connection, *args, **kwargs)`` on a connection of its own."""
        with self.engine.connect() as conn:
            return query(conn, *args, **kwargs)
