"""The merge repair's fix comes from services through ``sync.repair.Fixes``: sync imports no
services, ``sync/repair.py`` only finds what broke and decides who repairs, and a round given no
fixes repairs nothing and says so (the test of the repair with them: test_sync_rules.py)."""

from __future__ import annotations

from pathlib import Path

from tests.sync.test_sync_laptops import Laptop, sync_all
from tests.sync.test_sync_rules import HASSELT, TODAY, capacity, places
from tests.unit.test_import_boundaries import _offenders
from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.services.locations import create_location
from vlot_desktop.settings import load_settings
from vlot_desktop.sync.engine import open_sync_connection, sync_once
from vlot_desktop.sync.share import FolderShare

ABOVE_SYNC = ("vlot_desktop.services", "vlot_desktop.ui", "vlot_desktop.commands")


def test_sync_imports_no_services() -> None:
    # (The attachment store the blobs use lives in db/, below the sync.)
    assert _offenders("sync", ABOVE_SYNC) == []


def _round_without_fixes(laptop: Laptop, share: Path) -> int:
    settings = load_settings(laptop.dir)
    assert settings.device_id
    conn = open_sync_connection(paths.database_path(laptop.dir))
    try:
        result = sync_once(
            conn,
            FolderShare(share, temp_tag=settings.device_id),
            str(share),
            settings.device_id,
            settings.user_id,
            laptop.dir,
        )
    finally:
        conn.close()
    assert result.repairs.locations == []
    return result.repairs.unrepaired


def test_a_round_without_fixes_repairs_nothing_and_says_so(
    tmp_path: Path,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    engine = make_engine(a.db)
    try:
        location, problems = create_location(
            engine,
            name="Oude pastorie",
            location_type="collectieve_opvang",
            municipality_nis=HASSELT,
            author_id=load_settings(a.dir).user_id,
            today=TODAY,
        )
    finally:
        engine.dispose()
    assert location is not None, problems
    capacity(a, location, 3)
    sync_all(a, b)
    capacity(a, location, 4)  # adds Plaats 4
    capacity(b, location, 5)  # adds Plaats 4 and 5: Bart wrote last
    a.sync()
    # Bart merges An's change: six places, "Plaats 4" twice. He is the one to repair; without
    # the services' fix he does not, and says so.
    assert _round_without_fixes(b, share) == 1
    cap, labels = places(b, location)
    assert (cap, len(labels), labels.count("Plaats 4")) == (5, 6, 2)
    # An leaves it to Bart (he wrote last): nothing changes on either laptop.
    assert a.sync().pushed_records == 0
    assert places(a, location) == places(b, location)
