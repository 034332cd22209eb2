"""What a write changed, so that every open screen can show it (docs/architecture.md).

A write (a form, an import, the conflict screen, a sync round) ends by announcing a
:class:`Changes`: the tables it wrote and, when it knows them, the ids of the records. Screens
compare it with the tables they show and re-read only then. Plain data: no Qt here, the GUI
carries it in a signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Where a change came from; screens may treat their own edits differently from a sync.
EDIT = "edit"
IMPORT = "import"
SYNC = "sync"


@dataclass(frozen=True)
class Changes:
    """Tables written and, if known, the ids of the records written in them.

    ``ids`` empty means "any record of these tables" (a sync round, an import). ``everything``
    is for a change nobody can describe more closely (a new data folder, a restore).
    """

    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    origin: str = EDIT
    everything: bool = False
    # The key of the screen that made the change and already shows it ("" for none).
    source: str = ""

    @classmethod
    def of(
        cls,
        *tables: str,
        ids: Iterable[str | None] = (),
        origin: str = EDIT,
        source: str = "",
    ) -> Changes:
        return cls(frozenset(tables), frozenset(i for i in ids if i), origin, source=source)

    @classmethod
    def all(cls, origin: str = SYNC) -> Changes:
        return cls(origin=origin, everything=True)

    def touches(self, tables: Iterable[str]) -> bool:
        """True when a screen that shows ``tables`` must re-read."""
        return self.everything or not self.tables.isdisjoint(tables)

    def names(self, record_id: str | None) -> bool:
        """True when the record ``record_id`` may have changed (unknown ids: any may have)."""
        return self.everything or not self.ids or (record_id is not None and record_id in self.ids)

    def __or__(self, other: Changes) -> Changes:
        if self.everything or other.everything:
            return Changes.all(self.origin)
        # An empty id set means "any record": the union of "any" and some ids is "any".
        ids = frozenset() if not self.ids or not other.ids else self.ids | other.ids
        source = self.source if self.source == other.source else ""
        return Changes(self.tables | other.tables, ids, self.origin, source=source)
