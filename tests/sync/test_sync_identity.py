"""A data folder restored from a backup, copied to a second laptop, or loaded from the same demo
seed must never lose edits: it notices that its database is not the one that wrote its last
change files and goes on under a new epoch (``engine.check_identity`` / ``check_home``)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from vlot_desktop import cli, paths
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.settings import load_settings
from vlot_desktop.sync import engine
from vlot_desktop.sync.share import FolderShare

ORG2 = "0196a000-0000-7000-8000-0000000000bb"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def epoch(laptop: Laptop) -> str:
    return str(laptop.sql("SELECT epoch FROM sync_clock")[0][0])


def backup(laptop: Laptop, to: Path) -> None:
    """What a backup tool does: copy the data folder (database closed)."""
    shutil.copytree(laptop.dir, to)


def restore(laptop: Laptop, backup_dir: Path) -> None:
    """Put the backup back in the same place (the same computer, the same folder)."""
    shutil.rmtree(laptop.dir)
    shutil.copytree(backup_dir, laptop.dir)


def changes(share: Path) -> list[str]:
    return sorted(p.name for p in (share / "changes").iterdir() if p.name.endswith(".chg.gz"))


def test_a_laptop_restored_from_a_backup_loses_no_edit(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    backup(a, tmp_path / "backup")
    # After the backup: an edit that reaches the share, then the disk dies.
    a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
    a.sync()
    before = epoch(a)
    restore(a, tmp_path / "backup")
    # The restored laptop's next edit gets the same seq numbers as the lost one.
    add_org(a, ORG2, "OCMW Genk")
    report = a.sync()
    assert report.identity_renewed == "restored"
    assert any("restored from a backup" in w for w in report.warnings)
    assert epoch(a) != before
    sync_all(a, b)
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "voor de crash")]
        assert org(laptop, ORG2) == [("OCMW Genk", None)]
    assert a.dump() == b.dump()
    # Nothing is renewed again: the next rounds are ordinary.
    a.sql("UPDATE organisation SET notes = 'later' WHERE id = ?", ORG2)
    assert a.sync().identity_renewed is None
    # Compaction keeps everything, and a new laptop gets all of it from the snapshot.
    sync_all(a, b)
    run_compact(b.dir, grace_days=0)
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    assert org(c) == [("OCMW Hasselt", "voor de crash")]
    assert org(c, ORG2) == [("OCMW Genk", "later")]
    sync_all(a, b, c)
    assert a.dump() == b.dump() == c.dump()


def test_a_restore_after_the_lost_files_were_compacted_away(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    backup(a, tmp_path / "backup")
    a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
    sync_all(a, b)
    run_compact(b.dir, grace_days=0)  # the lost laptop's file leaves the share
    restore(a, tmp_path / "backup")
    add_org(a, ORG2, "OCMW Genk")
    report = a.sync()
    assert report.identity_renewed == "restored"
    sync_all(a, b)
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "voor de crash")]
        assert org(laptop, ORG2) == [("OCMW Genk", None)]
    assert a.dump() == b.dump()


def test_a_data_folder_copied_to_a_second_laptop(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    copy = Laptop.__new__(Laptop)
    copy.dir = tmp_path / "copy-of-an"
    copy.db = paths.database_path(copy.dir)
    shutil.copytree(a.dir, copy.dir)
    # Both go on editing offline, then both sync.
    a.sql("UPDATE organisation SET notes = 'van het origineel' WHERE id = ?", ORG)
    add_org(copy, ORG2, "OCMW Genk")
    reports = [a.sync(), copy.sync()]
    assert reports[1].identity_renewed == "moved"
    assert epoch(a) != epoch(copy)
    sync_all(a, copy, b)
    for laptop in (a, copy, b):
        assert org(laptop) == [("OCMW Hasselt", "van het origineel")]
        assert org(laptop, ORG2) == [("OCMW Genk", None)]
    assert a.dump() == copy.dump() == b.dump()


def test_a_copy_that_writes_the_same_file_name_first(tmp_path: Path, share: Path) -> None:
    """Two copies push the same seq range at the same moment: the second finds the name taken
    by other records (not a file of its own crashed round) and goes on under a new epoch."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    backup(a, tmp_path / "backup")
    a.sql("UPDATE organisation SET notes = 'eerste kopie' WHERE id = ?", ORG)
    a.sync()
    restore(a, tmp_path / "backup")
    # One field, as before the restore: the same seq number, so the same file name.
    a.sql("UPDATE organisation SET notes = 'tweede kopie' WHERE id = ?", ORG)
    settings = load_settings(a.dir)
    assert settings.device_id
    conn = engine.open_sync_connection(a.db)
    try:
        with pytest.raises(engine.IdentityClashError):
            # The push alone (as if the listing had been made before the other copy wrote).
            engine.push(conn, FolderShare(share), settings.device_id, settings.user_id)
    finally:
        conn.close()
    report = a.sync()
    assert report.identity_renewed == "restored"
    sync_all(a, b)
    # The later edit wins; the other is kept as a conflict on both laptops.
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "tweede kopie")]
        assert [(c[2], c[6]) for c in laptop.conflicts()] == [("notes", '"eerste kopie"')]
    assert a.dump() == b.dump()


def test_a_round_that_died_before_noting_its_file_is_not_a_restore(
    tmp_path: Path, share: Path
) -> None:
    """A file this database wrote in a round that died before its commit holds the same records:
    the next round takes it as its own (no new epoch, no file written twice)."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    a.sql("UPDATE organisation SET notes = 'bellen' WHERE id = ?", ORG)
    snapshot = tmp_path / "before-push"
    backup(a, snapshot)
    a.sync()
    written = changes(share)
    # The round "died" after writing its file: the database is as before the push.
    restore(a, snapshot)
    report = a.sync()
    assert report.identity_renewed is None
    assert changes(share) == written
    b.sync()
    assert org(b) == [("OCMW Hasselt", "bellen")]


def test_two_laptops_loaded_from_the_same_demo_seed_get_their_own_ids(
    tmp_path: Path, share: Path
) -> None:
    dirs = [tmp_path / "demo-1", tmp_path / "demo-2"]
    for number, folder in enumerate(dirs):
        assert cli.main(["--data-dir", str(folder), "demo", "--size", "small", "--seed", "7"]) == 0
        argv = ["--data-dir", str(folder), "init", "--user", f"Staff {number}"]
        argv += ["--region", "limburg", "--share", str(share)]
        argv += ["--create-share"] if number == 0 else []
        assert cli.main(argv) == 0
    ids = [load_settings(folder).device_id for folder in dirs]
    assert ids[0] != ids[1]
    laptops = []
    for folder in dirs:
        laptop = Laptop.__new__(Laptop)
        laptop.dir, laptop.db = folder, paths.database_path(folder)
        laptops.append(laptop)
    add_org(laptops[0], ORG, "OCMW Hasselt")
    add_org(laptops[1], ORG2, "OCMW Genk")
    sync_all(*laptops)
    for laptop in laptops:
        assert org(laptop) == [("OCMW Hasselt", None)]
        assert org(laptop, ORG2) == [("OCMW Genk", None)]


def test_the_home_is_noted_without_a_new_epoch_on_the_first_round(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    first = epoch(a)
    assert a.sync().identity_renewed is None
    assert epoch(a) == first
    conn = sqlite3.connect(a.db)
    try:
        (home,) = conn.execute("SELECT home FROM sync_clock").fetchone()
    finally:
        conn.close()
    assert str(a.dir.resolve()) in home
