"""Changes made elsewhere, for the tests that screens stay true (docs/adding-a-screen.md).

A record is written on its own connection, as another laptop's sync or another screen would,
and announced on the window's context; the screen under test must show it without a click.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.services.changes import SYNC, Changes


def add_location(data_dir: Path, name: str, nis: str, free_places: int) -> str:
    """An operational location with ``free_places`` free places, written outside the window."""
    from vlot_desktop.db.models import Location, Place

    engine = make_engine(paths.database_path(data_dir))
    try:
        with Session(engine) as session, session.begin():
            location = Location(
                name=name,
                search_text=fold_join(name),
                location_type=LocationType.COLLECTIVE,
                status=LocationStatus.OPERATIONAL,
                status_since=dt.date(2025, 1, 1),
                municipality_nis=nis,
                capacity=free_places,
            )
            session.add(location)
            session.flush()
            session.add_all(
                Place(
                    location_id=location.id,
                    label=f"Plaats {number}",
                    status=PlaceStatus.FREE,
                    status_since=dt.date(2025, 3, 1),
                )
                for number in range(1, free_places + 1)
            )
            return str(location.id)
    finally:
        engine.dispose()


def synced(*tables: str) -> Changes:
    """What a sync round announces after bringing in records of ``tables``."""
    return Changes.of(*tables, origin=SYNC)
