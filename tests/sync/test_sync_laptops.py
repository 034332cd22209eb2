"""Two and three simulated laptops (own data folders, set up with ``init``) on one share folder."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from vlot_desktop import cli, paths
from vlot_desktop.services.dump import dump_chunks
from vlot_desktop.services.sync_service import SyncReport, run_sync
from vlot_desktop.settings import load_settings
from vlot_desktop.sync.batch import known_fields, read_batch
from vlot_desktop.sync.engine import NotAShareError


class Laptop:
    def __init__(self, root: Path, name: str, share: Path, *, create: bool = False) -> None:
        self.dir = root / name
        argv = ["--data-dir", str(self.dir), "init", "--user", name, "--region", "limburg"]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        assert cli.main(argv) == 0
        self.db = paths.database_path(self.dir)

    def sync(self) -> SyncReport:
        return run_sync(self.dir)

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def dump(self) -> str:
        return "".join(dump_chunks(self.db))

    def conflicts(self) -> list[tuple[Any, ...]]:
        return self.sql(
            "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
            "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev"
        )


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def laptops(tmp_path: Path, share: Path) -> list[Laptop]:
    return [
        Laptop(tmp_path, "an", share, create=True),
        Laptop(tmp_path, "bart", share),
        Laptop(tmp_path, "chris", share),
    ]


def sync_all(*laptops: Laptop, rounds: int = 2) -> None:
    for _ in range(rounds):
        for laptop in laptops:
            laptop.sync()


ORG = "0196a000-0000-7000-8000-0000000000aa"


def add_org(laptop: Laptop, pk: str = ORG, name: str = "OCMW Hasselt") -> None:
    laptop.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
        "VALUES (?, ?, 'ocmw', '2026-11-26 09:00:00.000000', '2026-11-26 09:00:00.000000')",
        pk,
        name,
    )


def org(laptop: Laptop, pk: str = ORG) -> list[tuple[Any, ...]]:
    return laptop.sql("SELECT name, notes FROM organisation WHERE id = ?", pk)


def test_edits_on_one_laptop_appear_on_the_others(laptops: list[Laptop]) -> None:
    a, b, c = laptops
    add_org(a)
    a.sql("UPDATE organisation SET notes = 'bellen' WHERE id = ?", ORG)
    report = a.sync()
    assert report.pushed_records == 4  # a's user and device, the insert, the update
    assert report.files_written == 1
    (file,) = (a.dir.parent / "share" / "changes").iterdir()
    batch = read_batch(file.read_bytes(), known_fields())
    user_id = load_settings(a.dir).user_id
    assert {(r.dev, r.user) for r in batch.records} == {(load_settings(a.dir).device_id, user_id)}
    assert [r.op for r in batch.records] == ["upsert"] * 4
    b_report = b.sync()
    assert b_report.files_read == 1 and b_report.applied_records >= 4
    assert org(b) == [("OCMW Hasselt", "bellen")]
    sync_all(a, b, c)
    assert a.dump() == b.dump() == c.dump()
    assert "OCMW Hasselt" in c.dump()
    # Staff and devices of all three laptops are everywhere.
    assert len(a.sql("SELECT id FROM device")) == 3


def test_concurrent_edits_of_different_fields_both_survive(laptops: list[Laptop]) -> None:
    a, b, c = laptops
    add_org(a)
    sync_all(a, b)
    a.sql("UPDATE organisation SET name = 'OCMW Genk' WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET notes = 'nieuw adres' WHERE id = ?", ORG)
    sync_all(a, b, c)
    for laptop in laptops:
        assert org(laptop) == [("OCMW Genk", "nieuw adres")]
        assert laptop.conflicts() == []
    assert a.dump() == b.dump() == c.dump()


def test_the_same_field_gives_one_winner_and_one_conflict_everywhere(
    laptops: list[Laptop],
) -> None:
    a, b, c = laptops
    add_org(a)
    sync_all(a, b, c)
    a.sql("UPDATE organisation SET name = 'Versie A' WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET name = 'Versie B' WHERE id = ?", ORG)
    c.sql("UPDATE organisation SET name = 'Versie C' WHERE id = ?", ORG)
    reports = [laptop.sync() for laptop in (c, a, b)]
    sync_all(a, b, c)
    assert sum(r.conflicts_new for r in reports) >= 1
    assert a.dump() == b.dump() == c.dump()
    winner = org(a)[0][0]
    conflicts = a.conflicts()
    assert conflicts == b.conflicts() == c.conflicts()
    # Three concurrent writes: one winner, two losers kept with their values and writers.
    assert len(conflicts) == 2
    losers = {json.loads(row[6]) for row in conflicts}
    assert losers | {winner} == {"Versie A", "Versie B", "Versie C"}
    # Resolving is an ordinary new write that has seen the winner: the conflicts close.
    a.sql("UPDATE organisation SET name = 'Opgelost' WHERE id = ?", ORG)
    sync_all(a, b, c)
    for laptop in laptops:
        assert laptop.conflicts() == []
        assert org(laptop)[0][0] == "Opgelost"


def test_an_edit_after_a_delete_revives_the_row_and_is_flagged(laptops: list[Laptop]) -> None:
    a, b, c = laptops
    add_org(a)
    sync_all(a, b, c)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET notes = 'toch nog nodig' WHERE id = ?", ORG)  # later
    sync_all(a, b, c)
    assert a.dump() == b.dump() == c.dump()
    for laptop in laptops:
        assert org(laptop) == [("OCMW Hasselt", "toch nog nodig")]
    assert a.conflicts() == b.conflicts() == c.conflicts()
    assert [row[2] for row in a.conflicts()] == ["(deleted)"]


def test_a_delete_after_an_edit_wins_everywhere_and_the_edit_is_shown(
    laptops: list[Laptop],
) -> None:
    a, b, c = laptops
    add_org(a)
    sync_all(a, b, c)
    b.sql("UPDATE organisation SET notes = 'eerst dit' WHERE id = ?", ORG)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)  # later, not knowing of the edit
    sync_all(b, c, a)
    for laptop in laptops:
        assert org(laptop) == []
        # The edit An never saw is not lost in silence (tests/sync/test_sync_edit_delete.py).
        assert [(k[2], k[6]) for k in laptop.conflicts()] == [("(edited)", '{"notes":"eerst dit"}')]
    assert a.conflicts() == b.conflicts() == c.conflicts()
    assert a.dump() == b.dump() == c.dump()


def test_files_applied_again_change_nothing(laptops: list[Laptop]) -> None:
    a, b, _ = laptops
    add_org(a)
    a.sql("UPDATE organisation SET name = 'A' WHERE id = ?", ORG)
    sync_all(a, b)
    b.sql("UPDATE organisation SET name = 'B' WHERE id = ?", ORG)
    a.sql("UPDATE organisation SET notes = 'A' WHERE id = ?", ORG)
    sync_all(a, b)
    before = (b.dump(), b.conflicts())
    b.sql("DELETE FROM sync_ingested")  # forget what was read: everything comes again
    report = b.sync()
    assert report.files_read >= 2 and report.pulled_records > 0
    assert report.applied_records == 0 and report.conflicts_new == 0
    assert (b.dump(), b.conflicts()) == before


def test_a_damaged_file_is_skipped_reported_and_never_partly_applied(
    laptops: list[Laptop], share: Path
) -> None:
    a, b, _ = laptops
    add_org(a)
    a.sync()
    (batch,) = list((share / "changes").iterdir())
    # The same laptop's next batch arrives damaged: truncated, and a foreign file besides.
    a.sql("UPDATE organisation SET name = 'Nooit half' WHERE id = ?", ORG)
    a.sql("UPDATE organisation SET notes = 'Nooit half' WHERE id = ?", ORG)
    a.sync()
    newest = max((share / "changes").iterdir(), key=lambda p: int(p.name.split("-")[-1][:-7]))
    assert newest != batch
    data = newest.read_bytes()
    newest.write_bytes(data[: len(data) // 2])
    foreign = share / "changes" / (newest.name.replace("_", "_ff", 1))
    foreign.write_bytes(b"not a batch at all")
    report = b.sync()
    assert sorted(r["file"] for r in report.rejected_files) == sorted([newest.name, foreign.name])
    assert org(b) == [("OCMW Hasselt", None)]  # the first batch yes, nothing of the damaged one
    again = b.sync()
    assert again.rejected_files == [] and again.files_read == 0  # reported once, not re-read


def test_a_sync_with_nothing_new_costs_at_most_three_share_operations(
    laptops: list[Laptop],
) -> None:
    a, b, c = laptops
    for n in range(5):
        add_org(a, pk=f"0196a000-0000-7000-8000-0000000001{n:02d}")
        sync_all(a, b, c, rounds=1)
    sync_all(a, b, c)
    report = b.sync()
    assert (report.pushed_records, report.pulled_records, report.files_read) == (0, 0, 0)
    assert report.share_ops <= 3


def test_many_local_changes_go_up_as_one_file(laptops: list[Laptop], share: Path) -> None:
    a, b, _ = laptops
    a.sync()
    conn = sqlite3.connect(a.db)
    with conn:
        conn.executemany(
            "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
            "VALUES (?, ?, 'ocmw', '2026-01-01', '2026-01-01')",
            [(f"org-{i:05d}", f"Organisatie {i}") for i in range(3000)],
        )
        conn.execute("UPDATE organisation SET notes = 'nota ' || id")  # 3,000 more changes
    conn.close()
    files_before = len(list((share / "changes").iterdir()))
    report = a.sync()
    assert report.pushed_records == 6000 and report.files_written == 1
    assert report.share_ops <= 12
    assert len(list((share / "changes").iterdir())) == files_before + 1
    pulled = b.sync()
    assert pulled.pulled_records >= 6000 and pulled.files_read <= 2
    a.sync()  # b's own user and device
    assert a.dump() == b.dump()


def test_a_child_that_arrives_before_its_parent_is_kept(
    laptops: list[Laptop], share: Path, tmp_path: Path
) -> None:
    a, b, _ = laptops
    add_org(a, pk="org-parent")
    a.sync()
    parent_file = max((share / "changes").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    a.sql(
        "INSERT INTO contact_person (id, first_name, last_name, role, active, organisation_id,"
        " created_at, updated_at) VALUES ('cp-1', 'Els', 'Claes', 'eigenaar', 1, 'org-parent',"
        " '2026-01-01', '2026-01-01')"
    )
    a.sync()
    held = tmp_path / parent_file.name
    shutil.move(parent_file, held)  # the parent's batch is late
    b.sync()
    assert b.sql("SELECT organisation_id FROM contact_person") == [("org-parent",)]
    assert b.sql("SELECT id FROM organisation WHERE id = 'org-parent'") == []
    shutil.move(held, parent_file)
    b.sync()
    assert b.sql("SELECT id FROM organisation WHERE id = 'org-parent'") == [("org-parent",)]
    assert b.sql("PRAGMA foreign_key_check") == []
    sync_all(a, b)
    assert a.dump() == b.dump()


def test_an_empty_or_missing_share_is_refused_and_nothing_is_deleted(
    laptops: list[Laptop], share: Path, tmp_path: Path
) -> None:
    a, b, _ = laptops
    add_org(a)
    sync_all(a, b)
    before = b.dump()
    (share / "FORMAT.json").rename(tmp_path / "FORMAT.json")
    with pytest.raises(NotAShareError, match="not a VLOT share"):
        b.sync()
    shutil.rmtree(share)
    with pytest.raises(NotAShareError, match="not found or not reachable"):
        b.sync()
    assert b.dump() == before


def test_cli_init_refuses_a_folder_that_is_not_a_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "report.docx").write_bytes(b"x")
    base = ["--data-dir", str(tmp_path / "d"), "init", "--user", "An", "--region", "limburg"]
    assert cli.main([*base, "--share", str(plain)]) == 1
    assert "not a VLOT share" in capsys.readouterr().err
    assert cli.main([*base, "--share", str(plain), "--create-share"]) == 1
    assert "not empty" in capsys.readouterr().err
    assert not (plain / "FORMAT.json").exists()
    assert not (tmp_path / "d").exists()


def test_cli_sync_prints_one_json_object(
    laptops: list[Laptop], capsys: pytest.CaptureFixture[str]
) -> None:
    a = laptops[0]
    add_org(a)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(a.dir), "sync", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    report = json.loads(out[0])
    for key in (
        "pushed_records",
        "pulled_records",
        "applied_records",
        "conflicts_new",
        "files_written",
        "files_read",
        "share_ops",
        "duration_s",
    ):
        assert key in report
    assert report["pushed_records"] == 3 and report["files_written"] == 1


def test_cli_sync_without_a_share_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "d")
    assert cli.main(["--data-dir", d, "init", "--user", "An", "--region", "limburg"]) == 0
    capsys.readouterr()
    assert cli.main(["--data-dir", d, "sync"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no share folder" in err[0]
    assert cli.main(["--data-dir", d, "sync", "--share", str(tmp_path / "nope")]) == 1
    assert "not found or not reachable" in capsys.readouterr().err


def test_the_user_can_save_while_the_changes_go_up(
    laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a VPN writing the batch takes seconds: the database is not locked meanwhile."""
    from vlot_desktop.sync.share import FolderShare

    a, b, _ = laptops
    add_org(a)
    saved: list[str] = []
    real = FolderShare.write_once

    def write_once(self: FolderShare, path: str, write: Any, **kwargs: Any) -> None:
        if path.startswith("changes/") and not saved:
            # An edit saved by the app while the file is being written: no waiting allowed.
            conn = sqlite3.connect(a.db, timeout=0)
            try:
                with conn:
                    conn.execute(
                        "UPDATE organisation SET notes = 'tijdens de sync' WHERE id = ?", (ORG,)
                    )
            finally:
                conn.close()
            saved.append(path)
        real(self, path, write, **kwargs)

    monkeypatch.setattr(FolderShare, "write_once", write_once)
    report = a.sync()
    assert saved and report.files_written == 1
    # The edit made during the round is not lost: it goes with the next one.
    assert a.sync().pushed_records == 1
    b.sync()
    assert org(b) == [("OCMW Hasselt", "tijdens de sync")]
