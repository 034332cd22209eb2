"""Three laptops as three separate processes of the real command line, on one share folder.

Each laptop is its own data folder; every ``init``, ``sync`` and ``dump`` is a fresh
``python -m vlot_desktop`` process, some of them running at the same time against the same
share. The edits (new records, a bulk change, a photo, concurrent edits of the same and of
different fields, a delete) are made in between, straight in each laptop's database. After
everyone has synced, the three dumps are byte-identical and the three conflict lists are the
same. :func:`run_three_laptops` is also used on a real SMB share (``test_sync_smb.py``).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vlot_desktop import paths
from vlot_desktop.db import attachment_store

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 180
ORG_X = "0196a000-0000-7000-8000-0000000000a1"
ORG_Y = "0196a000-0000-7000-8000-0000000000a2"
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
SHARE_NAME = re.compile(r"^[a-z0-9._-]+$")  # what SMB keeps as it is (smb-test-share.md)


def vlot(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("VLOT_DATA_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "vlot_desktop", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str], what: str) -> str:
    out, err = process.communicate(timeout=TIMEOUT_S)
    assert process.returncode == 0, f"{what} failed ({process.returncode}): {err[-3000:]}"
    return out


@dataclass
class Laptop:
    name: str
    dir: Path

    @property
    def db(self) -> Path:
        return paths.database_path(self.dir)

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db, timeout=30)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        conn = sqlite3.connect(self.db, timeout=30)
        try:
            with conn:
                conn.executemany(sql, rows)
        finally:
            conn.close()

    def conflicts(self) -> list[tuple[Any, ...]]:
        return self.sql(
            "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
            "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev"
        )


def sync(*laptops: Laptop, together: bool = False) -> list[dict[str, Any]]:
    """One ``sync --json`` process per laptop: one after the other, or all at the same time."""
    reports = []
    if together:
        running = [(laptop, vlot(laptop.dir, "sync", "--json")) for laptop in laptops]
        for laptop, process in running:
            reports.append(json.loads(finished(process, f"sync of {laptop.name}")))
    else:
        for laptop in laptops:
            process = vlot(laptop.dir, "sync", "--json")
            reports.append(json.loads(finished(process, f"sync of {laptop.name}")))
    for report in reports:
        assert report["rejected_files"] == [] and report["blob_errors"] == [], report
    return reports


INSERT_ORG = (
    "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
    "VALUES (?, ?, 'ocmw', '2026-11-26 09:00:00.000000', '2026-11-26 09:00:00.000000')"
)


def add_photo(laptop: Laptop, pk: str) -> str:
    stored = attachment_store.store_bytes(laptop.dir, PHOTO)
    laptop.sql(
        "INSERT INTO attachment (id, sha256, file_name, media_type, size_bytes, owner_table, "
        "owner_id, position, created_at, updated_at) VALUES (?, ?, 'gevel.png', 'image/png', ?, "
        "'organisation', ?, 0, '2026-11-26 10:00:00.000000', '2026-11-26 10:00:00.000000')",
        pk,
        stored.sha256,
        stored.size_bytes,
        ORG_X,
    )
    return stored.sha256


@dataclass
class Outcome:
    dumps: list[str]
    conflicts: list[list[tuple[Any, ...]]]
    share_files: list[str]
    reports: list[dict[str, Any]]


def run_three_laptops(root: Path, shares: list[Path], server_side: Path) -> Outcome:
    """The scenario; ``shares[i]`` is the share as laptop *i* sees it (one folder, or three
    mounts of one SMB share); ``server_side`` is the shared folder itself, to look at."""
    a, b, c = (Laptop(n, root / n) for n in ("an", "bart", "chris"))

    def init(laptop: Laptop, share: Path, *extra: str) -> subprocess.Popen[str]:
        args = ["init", "--user", laptop.name, "--region", "limburg", "--share", str(share)]
        return vlot(laptop.dir, *args, *extra)

    finished(init(a, shares[0], "--create-share"), "init of an")
    for process in [init(b, shares[1]), init(c, shares[2])]:  # at the same time
        finished(process, "init")
    # Day 1: each laptop makes its own records; An adds a photo; Bart loads 300 at once.
    a.many(INSERT_ORG, [(ORG_X, "OCMW Hasselt"), (ORG_Y, "Oud adres")])
    sha = add_photo(a, "0196a000-0000-7000-8000-0000000000f1")
    b.many(INSERT_ORG, [(f"0196a000-0000-7000-8000-{i:012d}", f"Gemeente {i}") for i in range(300)])
    c.many(INSERT_ORG, [("0196a000-0000-7000-8000-0000000000c1", "Stad Genk")])
    reports = sync(a, b, c)  # each has what it needs for day 2 (Chris has Bart's 300)
    # Day 2, offline: the same field on two laptops, different fields, a delete, a bulk edit.
    a.sql("UPDATE organisation SET name = 'Versie An' WHERE id = ?", ORG_X)
    a.sql("UPDATE organisation SET notes = 'An belt terug' WHERE id = ?", ORG_Y)
    b.sql(
        "UPDATE organisation SET name = 'Versie Bart', email = 'info@ocmw.be' WHERE id = ?", ORG_X
    )
    c.sql("UPDATE organisation SET phone = '011 23 45 67' WHERE id = ?", ORG_X)
    c.sql("DELETE FROM organisation WHERE id = ?", ORG_Y)
    c.sql("UPDATE organisation SET notes = 'nagekeken' WHERE name LIKE 'Gemeente %'")
    reports += sync(c, a, together=True)
    reports += sync(b)
    reports += sync(c, a)  # now everyone has had everything
    quiet = sync(a, b, c, together=True)
    dumping = [vlot(laptop.dir, "dump") for laptop in (a, b, c)]
    dumps = [finished(process, "dump") for process in dumping]
    share_files = sorted(p.relative_to(server_side).as_posix() for p in server_side.rglob("*"))
    outcome = Outcome(dumps, [x.conflicts() for x in (a, b, c)], share_files, reports + quiet)
    # What everyone must see, whatever the order of the rounds.
    for laptop in (a, b, c):
        assert laptop.sql("SELECT email, phone FROM organisation WHERE id = ?", ORG_X) == [
            ("info@ocmw.be", "011 23 45 67")
        ]
        assert laptop.sql("SELECT count(*) FROM organisation WHERE notes = 'nagekeken'") == [(300,)]
        assert attachment_store.verify(laptop.dir, sha)
    return outcome


def check_outcome(outcome: Outcome) -> None:
    first = outcome.dumps[0]
    assert '"OCMW Hasselt"' not in first and "Versie" in first
    for other in outcome.dumps[1:]:
        assert other == first, "the laptops' dumps differ"
    assert outcome.conflicts[0] == outcome.conflicts[1] == outcome.conflicts[2]
    fields = {(row[1], row[2]) for row in outcome.conflicts[0]}
    assert (ORG_X, "name") in fields  # An and Bart both renamed it: one winner, one conflict
    # The share holds only names SMB keeps as they are, and no temp files are left behind.
    for name in outcome.share_files:
        for part in name.split("/"):
            assert SHARE_NAME.match(part) or part == "FORMAT.json", name
            assert not part.startswith(".tmp-"), name
    # The last three rounds (at the same time) had nothing new: each within its budget.
    for report in outcome.reports[-3:]:
        assert (report["pushed_records"], report["pulled_records"]) == (0, 0), report
        assert report["share_ops"] <= 3, report


def test_three_laptop_processes_on_one_folder_converge(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    outcome = run_three_laptops(tmp_path, [share, share, share], share)
    check_outcome(outcome)
