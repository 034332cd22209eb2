"""A training share: ``vlot-desktop demo --share PATH`` puts the demo set on an empty folder as a
snapshot; other laptops set up on it take it in at their first sync and their edits sync as
usual. Never on a share with real data; run again only with ``--replace``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY
from tests.sync.test_sync_laptops import ORG, Laptop, add_org, sync_all
from vlot_desktop import cli, paths
from vlot_desktop.services.training_share import (
    DEMO_DEVICE,
    DemoStatus,
    demo_status_of,
    inspect_share,
)
from vlot_desktop.settings import load_settings

# Slow (processes, many rounds): skipped by `installer/dev.sh test --fast`, run by default.
pytestmark = pytest.mark.slow

SEED = "7"


class Trainer(Laptop):
    """The laptop that made the training share (``demo --share``, no ``init``)."""

    def __init__(self, folder: Path) -> None:
        self.dir = folder
        self.db = paths.database_path(folder)


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def demo_on_share(data_dir: Path, share: Path, *extra: str, seed: str = SEED) -> int:
    """Run ``vlot-desktop demo --share`` (the small set as of DEMO_TODAY); its exit code."""
    argv = ["--data-dir", str(data_dir), "demo", "--size", "small", "--seed", seed]
    argv += ["--as-of", DEMO_TODAY.isoformat(), "--share", str(share), *extra]
    return cli.main(argv)


def share_files(share: Path) -> dict[str, tuple[int, int]]:
    """Every file on the share: relative path -> (size, mtime in ns)."""
    return {
        str(p.relative_to(share)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(share.rglob("*"))
        if p.is_file()
    }


def location_name(laptop: Laptop, pk: str) -> str:
    return str(laptop.sql("SELECT name FROM location WHERE id = ?", pk)[0][0])


@pytest.fixture
def trained(tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]) -> Trainer:
    """The small demo set (seed 7) put on the empty folder ``share`` by laptop "trainer"."""
    code = demo_on_share(tmp_path / "trainer", share)
    out = capsys.readouterr().out
    assert code == 0
    assert f"Training share {share}" in out
    assert f"vlot-desktop init --user NAME --region REGION --share {share}" in out
    return Trainer(tmp_path / "trainer")


def test_the_demo_set_reaches_a_second_laptop_and_their_edits_sync(
    trained: Trainer, share: Path, tmp_path: Path
) -> None:
    trainer = trained
    # On the share: FORMAT.json, the training marker, one snapshot and its marker; no change
    # file (the demo set was never a change).
    names = sorted(p.name for p in share.iterdir())
    assert names[0] == "FORMAT.json" and names[1:3] == ["changes", "snapshots"]
    (marker,) = names[3:]
    assert marker.startswith("training-") and marker.endswith(".json")
    assert json.loads((share / marker).read_text())["seed"] == int(SEED)
    (snapshot,) = (share / "snapshots").iterdir()
    assert (snapshot / "manifest.json").is_file()
    assert [p.name for p in (share / "changes").iterdir()] == [f"{snapshot.name}.snapshot"]
    # The trainer syncs with it, and holds the demo rows with the demo set's clocks only.
    assert load_settings(trainer.dir).share_path == str(share)
    assert trainer.sql("SELECT count(*) FROM sync_outbox WHERE tbl = 'location'") == [(0,)]
    assert demo_status_of(trainer.dir) is DemoStatus.TRAINING_SHARE

    bart = Laptop(tmp_path, "bart", share)
    first = bart.sync()
    assert first.snapshot_applied == snapshot.name
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert first.snapshot_rows == manifest["counts"]["row"] > 30_000
    assert trainer.sync().pushed_records <= 3  # its own device only: the set is on the share
    sync_all(trainer, bart)
    assert bart.dump() == trainer.dump()
    assert demo_status_of(bart.dir) is DemoStatus.TRAINING_SHARE
    locations = [str(pk) for (pk,) in bart.sql("SELECT id FROM location ORDER BY id LIMIT 2")]

    # A trainee's edit reaches the trainer, and the other way round.
    bart.sql("UPDATE location SET name = 'Oefenlocatie Bart' WHERE id = ?", locations[0])
    trainer.sql("UPDATE location SET name = 'Oefenlocatie Trainer' WHERE id = ?", locations[1])
    add_org(bart)
    sync_all(bart, trainer)
    assert location_name(trainer, locations[0]) == "Oefenlocatie Bart"
    assert location_name(bart, locations[1]) == "Oefenlocatie Trainer"
    assert trainer.sql("SELECT name FROM organisation WHERE id = ?", ORG) == [("OCMW Hasselt",)]
    assert bart.dump() == trainer.dump()
    assert bart.conflicts() == trainer.conflicts() == []

    # A third laptop, later, gets the set and the edits.
    chris = Laptop(tmp_path, "chris", share)
    sync_all(chris, bart, trainer)
    assert chris.dump() == bart.dump() == trainer.dump()


def test_refused_on_a_share_with_real_change_files(
    tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    an = Laptop(tmp_path, "an", share, create=True)
    add_org(an)
    an.sync()
    before = share_files(share)
    assert any(name.endswith(".chg.gz") for name in before)
    capsys.readouterr()
    code = demo_on_share(tmp_path / "trainer", share)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1, err
    assert err[0].startswith(f"vlot-desktop: {share} holds the data of a real share (changes/")
    assert "not of a training share: demo data is never put on it" in err[0]
    assert err[0].endswith("nothing was changed")
    assert share_files(share) == before
    assert not (tmp_path / "trainer").exists()
    # With --replace all the same.
    assert demo_on_share(tmp_path / "trainer", share, "--replace") == 1
    assert "holds the data of a real share" in capsys.readouterr().err
    assert share_files(share) == before


def test_refused_on_a_compacted_share_and_on_a_folder_with_other_files(
    tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    an = Laptop(tmp_path, "an", share, create=True)
    add_org(an)
    an.sync()
    assert cli.main(["--data-dir", str(an.dir), "compact", "--grace-days", "0"]) == 0
    assert not any(n.endswith(".chg.gz") for n in share_files(share))  # a snapshot only
    before = share_files(share)
    capsys.readouterr()
    assert demo_on_share(tmp_path / "trainer", share) == 1
    err = capsys.readouterr().err
    assert "holds the data of a real share (changes/" in err and ", snapshots/" in err
    assert share_files(share) == before

    other = tmp_path / "other"
    other.mkdir()
    (other / "verslag.docx").write_bytes(b"x")
    assert demo_on_share(tmp_path / "trainer", other) == 1
    assert "is not empty and not a VLOT share" in capsys.readouterr().err
    assert sorted(p.name for p in other.iterdir()) == ["verslag.docx"]
    assert not (tmp_path / "trainer").exists()


def test_a_vlot_share_without_data_may_become_a_training_share(tmp_path: Path, share: Path) -> None:
    assert inspect_share(share).kind == "empty"
    it = Laptop(tmp_path, "it", share, create=True)  # FORMAT.json, an empty changes/
    assert inspect_share(share).kind == "new share"
    it.sync()  # its own user and device: data
    assert inspect_share(share).kind == "real"


def test_run_again_is_refused_and_replace_starts_a_new_set(
    trained: Trainer, share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bart = Laptop(tmp_path, "bart", share)
    sync_all(bart, trained)
    bart.sql(
        "UPDATE location SET name = 'Voor de nieuwe set' WHERE id = (SELECT min(id) FROM location)"
    )
    bart.sync()
    before = share_files(share)

    # Again on the training share, from another laptop: refused, it says how to join.
    code = demo_on_share(tmp_path / "other", share)
    err = capsys.readouterr().err
    assert code == 1
    assert f"{share} is already a training share (demo set small, seed 7, put on it " in err
    assert f"other laptops join it with 'vlot-desktop init --share {share}'" in err
    assert "--replace puts a new demo set on it" in err and err.strip().endswith(
        "nothing was changed"
    )
    assert share_files(share) == before
    assert not (tmp_path / "other").exists()

    # --replace (on the trainer): a new set, everything synced on the share before is gone.
    code = demo_on_share(trained.dir, share, "--replace", seed="8")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "laptops that were on it must be set up again" in out
    after = share_files(share)
    markers = [n for n in after if n.startswith("training-")]
    assert len(markers) == 1 and markers[0] not in before
    assert json.loads((share / markers[0]).read_text())["seed"] == 8
    assert not any(n.endswith(".chg.gz") for n in after)
    assert not set(after) & {n for n in before if n.startswith("snapshots/")}
    # A laptop set up now gets the new set, and nothing of what was on the share before.
    dora = Laptop(tmp_path, "dora", share)
    sync_all(dora, trained)
    assert dora.dump() == trained.dump()
    assert "Voor de nieuwe set" not in dora.dump()
    # Bart, still on it, takes the new set in on top of the old one (documented: set it up again).
    assert bart.sync().snapshot_applied is not None


def test_a_laptop_with_changes_for_its_real_share_is_refused(
    tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    an = Laptop(tmp_path, "an", share, create=True)
    add_org(an)  # not synced yet
    training = tmp_path / "training"
    training.mkdir()
    before = (an.dump(), load_settings(an.dir))
    capsys.readouterr()
    code = demo_on_share(an.dir, training, "--replace")
    err = capsys.readouterr().err
    assert code == 1
    assert "this laptop has 3 changes not yet on its share" in err
    assert "sync first, or use another data folder (--data-dir) for the training" in err
    assert (an.dump(), load_settings(an.dir)) == before
    assert list(training.iterdir()) == []


def test_plain_demo_data_is_said_to_be_on_no_share(
    demo_dir: Path, tmp_path: Path, share: Path
) -> None:
    assert demo_status_of(demo_dir) is DemoStatus.NOT_SHARED
    # Set up for a share afterwards: still on no share (the demo set is never sent).
    argv = ["--data-dir", str(demo_dir), "init", "--user", "An", "--region", "limburg"]
    assert cli.main([*argv, "--share", str(share), "--create-share"]) == 0
    assert demo_status_of(demo_dir) is DemoStatus.NOT_SHARED
    conn = sqlite3.connect(paths.database_path(demo_dir))
    try:
        assert conn.execute("SELECT count(*) FROM sync_row_clock").fetchone() == (0,)
        demo_writer = "SELECT 1 FROM sync_actor WHERE name = ?"
        assert conn.execute(demo_writer, (DEMO_DEVICE,)).fetchone() is None
    finally:
        conn.close()
    # No demo data: nothing to say.
    assert demo_status_of(tmp_path / "an-empty-folder") is DemoStatus.NONE
    assert demo_status_of(Laptop(tmp_path, "an", share).dir) is DemoStatus.NONE
