"""The three-laptop command-line test once more, on a real SMB share (Samba + smbnetfs).

A temp folder hides what an SMB share does differently: a file open elsewhere cannot be
renamed or removed, there are no hard links (the write-once rename takes its other path),
names are case-insensitive, fsync does nothing. Each simulated laptop has its own FUSE mount
of the share, as each laptop has its own SMB connection. Set-up: ``smb_share.py``; skipped
where root, ``/dev/fuse`` or the packages are missing (``installer/dev.sh test`` installs them
where it can).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from smb_share import SmbShare, SmbUnavailable, smb_share, unavailable_reason
from test_sync_cli_processes import Laptop, check_outcome, finished, run_three_laptops, sync, vlot

from vlot_desktop.sync.share import FolderShare

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
