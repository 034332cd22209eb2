"""The privacy tools of the Dossiers screen as it starts them (in a worker, through
``ui.ops``): erasing one person, and the retention period (what it would erase today, and
erasing it).

``services.privacy`` works within an ORM transaction of its caller (the sync's purge writes
in it); these give it one, from the engine for a write and from the connection ``Store.read``
hands a read.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from vlot_desktop.services import privacy
from vlot_desktop.services.privacy import ErasureSummary


def erase_member(engine: Engine, member_id: str) -> str:
    """Erase one household member here and, at the next sync, on every laptop; returns the
    member's id (``privacy.UnknownMemberError`` when there is none)."""
    with Session(engine) as session:
        privacy.erase_member(session, member_id)
    return member_id


def retention_count(conn: Connection, today: dt.date, months: int) -> ErasureSummary:
    """What the retention period of ``months`` would erase today (a dry run: a read)."""
    with Session(bind=conn) as session:
        return privacy.apply_retention(session, today, months, dry_run=True)


def apply_retention(engine: Engine, today: dt.date, months: int) -> ErasureSummary:
    """Erase the personal data of the cases closed longer ago than ``months``."""
    with Session(engine) as session:
        return privacy.apply_retention(session, today, months)
