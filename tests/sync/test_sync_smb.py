"""The three-laptop command-line test once more, on a real SMB share (Samba + smbnetfs), and
the field's accidents there: a laptop restored from a backup, a folder named like a change file.

A temp folder hides what an SMB share does differently: a file open elsewhere cannot be
renamed or removed, there are no hard links (the write-once rename takes its other path),
names are case-insensitive, fsync does nothing. Each simulated laptop has its own FUSE mount
of the share, as each laptop has its own SMB connection. Set-up: ``smb_share.py``; skipped
where root, ``/dev/fuse`` or the packages are missing (``installer/dev.sh test`` installs them
where it can).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from smb_share import SmbShare, SmbUnavailable, smb_share, unavailable_reason
from test_sync_cli_processes import (
    SHARE_NAME,
    Laptop,
    check_outcome,
    finished,
    run_three_laptops,
    sync,
    vlot,
)
from test_sync_laptops import ORG, add_org, org, sync_all
from test_sync_laptops import Laptop as InProcess

from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync.batch import batch_name
from vlot_desktop.sync.share import FolderShare

ORG2 = "0196a000-0000-7000-8000-0000000000bb"
OTHER_DEV = "0196b000-0000-7000-8000-00000000000f"
REASON = unavailable_reason()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


@contextlib.contextmanager
def real_share(root: Path, laptops: int) -> Iterator[SmbShare]:
    """The share, or a skip when this machine cannot mount it after all."""
    try:
        with smb_share(root, laptops) as smb:
            yield smb
    except SmbUnavailable as exc:
        pytest.skip(str(exc))


def test_three_laptop_processes_on_a_real_smb_share_converge(tmp_path: Path) -> None:
    with real_share(tmp_path / "smb", laptops=3) as smb:
        try:
            laptops = tmp_path / "laptops"
            outcome = run_three_laptops(laptops, smb.folders, smb.export)
            check_outcome(outcome)
            # Compaction on SMB (a lease made with an exclusive create, deletes of files other
            # mounts have read), then a new laptop bootstraps from the snapshot.
            an = Laptop("an", laptops / "an")
            finished(vlot(an.dir, "compact", "--grace-days", "0", "--json"), "compact")
            # All covered, grace 0: only the marker of the new snapshot is left.
            left = [p.name for p in (smb.export / "changes").iterdir()]
            assert len(left) == 1 and left[0].endswith(".snapshot"), left
            dirk = Laptop("dirk", laptops / "dirk")
            args = ["init", "--user", "dirk", "--region", "limburg", "--share"]
            finished(vlot(dirk.dir, *args, str(smb.folders[1])), "init of dirk")
            (first,) = sync(dirk)
            assert first["snapshot_applied"] and first["snapshot_rows"] > 300
            sync(an)
            dumps = [finished(vlot(x.dir, "dump"), "dump") for x in (an, dirk)]
            assert dumps[0] == dumps[1]
            assert an.conflicts() == dirk.conflicts() == outcome.conflicts[0]
        except BaseException:
            print(smb.log_tail())
            raise
    assert not any(p.is_mount() for p in smb.mount_points), "a mount was left behind"


def test_write_once_on_smb_never_replaces_and_sees_the_other_mount(tmp_path: Path) -> None:
    with real_share(tmp_path / "smb", laptops=2) as smb:
        one = FolderShare(smb.folders[0], temp_tag="one")
        two = FolderShare(smb.folders[1], temp_tag="two")
        one.makedirs("changes")
        one.write_once("changes/a.chg.gz", lambda out: out.write(b"first"))
        with pytest.raises(FileExistsError):
            two.write_once("changes/a.chg.gz", lambda out: out.write(b"second"))
        # Case-insensitive names: another case is the same file, so it is refused too.
        with pytest.raises(FileExistsError):
            two.write_once("changes/A.chg.gz", lambda out: out.write(b"third"))
        assert two.read("changes/a.chg.gz", 100) == b"first"
        assert two.list("changes") == ["a.chg.gz"]  # no temp files left on either side
        assert sorted(p.name for p in (smb.export / "changes").iterdir()) == ["a.chg.gz"]


# --- a restored laptop and a folder named like a change file, on the real share ---------------
# Both tests use one server with two mounts (one per laptop), each test its own share folder
# in it: starting a server and its mounts costs seconds.


@pytest.fixture(scope="module")
def smb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmbShare]:
    with real_share(tmp_path_factory.mktemp("smb"), laptops=2) as found:
        yield found
    assert not any(p.is_mount() for p in found.mount_points), "a mount was left behind"


def share_folder(smb: SmbShare, name: str) -> tuple[Path, Path]:
    """A new, empty share folder ``name``, as the first and as the second laptop mount it."""
    (smb.folders[0] / name).mkdir()
    return smb.folders[0] / name, smb.folders[1] / name


def test_a_laptop_restored_from_a_backup_on_an_smb_share(tmp_path: Path, smb: SmbShare) -> None:
    one, two = share_folder(smb, "restore")
    try:
        a = InProcess(tmp_path, "an", one, create=True)
        b = InProcess(tmp_path, "bart", two)
        add_org(a)
        sync_all(a, b)
        shutil.copytree(a.dir, tmp_path / "backup")
        # After the backup: an edit that reaches the share, then the disk dies.
        a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
        a.sync()
        shutil.rmtree(a.dir)
        shutil.copytree(tmp_path / "backup", a.dir)
        # The restored laptop's own new edits: a new record and another field.
        add_org(a, ORG2, "OCMW Genk")
        a.sql("UPDATE organisation SET name = 'OCMW Hasselt-Centrum' WHERE id = ?", ORG)
        report = a.sync()
        assert report.identity_renewed == "restored"
        assert any("restored from a backup" in w for w in report.warnings)
        # Only the new edits go up (once, under a new name); the lost one is taken back in.
        assert (report.pushed_records, report.files_written) == (2, 1)
        assert org(a) == [("OCMW Hasselt-Centrum", "voor de crash")]
        sync_all(b, a)
        for laptop in (a, b):
            assert org(laptop) == [("OCMW Hasselt-Centrum", "voor de crash")]
            assert org(laptop, ORG2) == [("OCMW Genk", None)]
            assert laptop.conflicts() == []
        assert a.dump() == b.dump()
        # Nothing twice: a further round sends and takes in nothing, on either laptop.
        for laptop in (a, b):
            quiet = laptop.sync()
            assert (quiet.pushed_records, quiet.applied_records, quiet.identity_renewed) == (
                0,
                0,
                None,
            )
        # What SMB keeps: every name on the server as it was written (lower case, no ':').
        names = [p.name for p in (smb.export / "restore" / "changes").iterdir()]
        assert names and all(SHARE_NAME.match(n) for n in names), names
        assert len({n.lower() for n in names}) == len(names)
    except BaseException:
        print(smb.log_tail())
        raise


def test_a_folder_named_like_a_change_file_on_an_smb_share(tmp_path: Path, smb: SmbShare) -> None:
    one, two = share_folder(smb, "folder")
    try:
        a = InProcess(tmp_path, "an", one, create=True)
        b = InProcess(tmp_path, "bart", two)
        # Someone makes a folder in changes/ with a change file's name (through SMB).
        folder = one / "changes" / batch_name(OTHER_DEV, "abcd1234", 1, 1)
        folder.mkdir()
        (folder / "inside.txt").write_text("niet van ons")
        add_org(a)
        a.sync()
        report = b.sync()
        assert org(b) == [("OCMW Hasselt", None)]  # the round went on
        assert any(folder.name in w and "folder" in w for w in report.warnings), report.warnings
        assert report.rejected_files == []
        # The next rounds go on too, and report it again; it is never taken as read.
        b.sql("UPDATE organisation SET notes = 'bellen' WHERE id = ?", ORG)
        again = b.sync()
        assert again.pushed_records == 1
        assert any(folder.name in w for w in again.warnings)
        a.sync()
        assert org(a) == [("OCMW Hasselt", "bellen")]
        assert b.sql("SELECT file FROM sync_ingested WHERE file = ?", folder.name) == []
        # Compaction on SMB leaves it alone and a new laptop bootstraps past it.
        run_compact(a.dir, grace_days=0)
        c = InProcess(tmp_path, "chris", two)
        first = c.sync()
        assert first.snapshot_applied and org(c) == [("OCMW Hasselt", "bellen")]
        assert any(folder.name in w for w in first.warnings)
        sync_all(a, b, c)
        assert a.dump() == b.dump() == c.dump()
        exported = smb.export / "folder" / "changes" / folder.name
        assert exported.is_dir() and (exported / "inside.txt").read_text() == "niet van ons"
    except BaseException:
        print(smb.log_tail())
        raise
