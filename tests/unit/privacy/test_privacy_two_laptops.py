"""Erasure on laptop A reaches laptop B; after compaction the values are nowhere."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

from privacy_cases import OLD_MEDICAL, TODAY, query, seed

from vlot_desktop import cli, paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.services.privacy import apply_retention, erase_member
from vlot_desktop.services.sync_service import run_compact, run_sync

ERASED = ("Olena", "Олена", "Rolstoel", "Svitlana", "Світлана", "Shevchuk", "Шевчук", OLD_MEDICAL)
KEPT = ("Taras", "Тарас", "Mykola", "Бондаренко")


def make_laptop(root: Path, name: str, share: Path, *, create: bool = False) -> Path:
    folder = root / name
    argv = ["--data-dir", str(folder), "init", "--user", name, "--region", "limburg"]
    argv += ["--share", str(share)] + (["--create-share"] if create else [])
    assert cli.main(argv) == 0
    return folder


def sync_all(*laptops: Path) -> None:
    for _ in range(2):
        for laptop in laptops:
            run_sync(laptop)


def forms(word: str) -> list[bytes]:
    """The word as UTF-8 and as JSON with \\u escapes (either could land in a file)."""
    return [word.encode(), json.dumps(word).strip('"').encode()]


def database_bytes(laptop: Path) -> bytes:
    db = paths.database_path(laptop)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def share_bytes(share: Path) -> bytes:
    out = b""
    for path in sorted(p for p in share.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out += data
        if data[:2] == b"\x1f\x8b":
            out += gzip.decompress(data)
    return out


def test_erased_names_are_in_neither_database_nor_on_the_share(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a = make_laptop(tmp_path, "an", share, create=True)
    b = make_laptop(tmp_path, "bart", share)
    engine = make_engine(paths.database_path(a))
    try:
        with make_session_factory(engine)() as session:
            seeded = seed(session)
            sync_all(a, b)
            names_on_b = query(paths.database_path(b), "SELECT first_name FROM household_member")
            assert ("Olena",) in names_on_b and ("Svitlana",) in names_on_b
            assert b"Olena" in share_bytes(share)  # the check can find what it looks for
            erase_member(session, seeded.olena)
            assert apply_retention(session, TODAY).cases == 1
    finally:
        engine.dispose()
    sync_all(a, b)
    assert query(
        paths.database_path(b),
        "SELECT first_name, medical_notes FROM household_member WHERE id = ?",
        seeded.olena,
    ) == [("", None)]
    assert query(
        paths.database_path(b),
        "SELECT household_size, personal_data_erased_on FROM case_file WHERE id = ?",
        seeded.old_case,
    ) == [(2, "2026-11-26")]
    run_compact(a, grace_days=60)
    sync_all(a, b)
    stores = {"A": database_bytes(a), "B": database_bytes(b), "share": share_bytes(share)}
    for where, data in stores.items():
        for word in ERASED:
            assert not any(form in data for form in forms(word)), (where, word)
        for word in KEPT:
            assert word.encode() in data, (where, word)


def raw_bytes(laptop: Path) -> bytes:
    """The database and its WAL as they are on disk: no VACUUM, no checkpoint by the test."""
    db = paths.database_path(laptop)
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_the_receiving_laptop_keeps_no_trace_without_a_vacuum(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a = make_laptop(tmp_path, "an", share, create=True)
    b = make_laptop(tmp_path, "bart", share)
    engine = make_engine(paths.database_path(a))
    try:
        with make_session_factory(engine)() as session:
            seeded = seed(session)
            sync_all(a, b)
            assert "Світлана".encode() in raw_bytes(b)  # the check can find what it looks for
            erase_member(session, seeded.olena)
            assert apply_retention(session, TODAY).cases == 1
    finally:
        engine.dispose()
    sync_all(a, b)
    data = raw_bytes(b)
    # Folded forms too: the name search index holds them.
    for word in ("Олена", "олена", "Світлана", "світлана", "Шевчук", "шевчук", "svitlana"):
        assert word.encode() not in data, word
    assert "Тарас".encode() in data
