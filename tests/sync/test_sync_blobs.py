"""Attachments travel as blobs: sent before the batch that needs them, fetched and verified."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from test_sync_laptops import Laptop

from vlot_desktop.db import attachment_store
from vlot_desktop.settings import load_settings
from vlot_desktop.sync import blobs
from vlot_desktop.sync.engine import open_sync_connection, push
from vlot_desktop.sync.share import FolderShare

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
PDF = b"%PDF-1.4 " + b"verslag " * 500
VISIT = "0196a000-0000-7000-8000-0000000000cc"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def attach(laptop: Laptop, data: bytes, pk: str, name: str = "foto.png") -> str:
    stored = attachment_store.store_bytes(laptop.dir, data)
    laptop.sql(
        "INSERT INTO attachment (id, sha256, file_name, media_type, size_bytes, owner_table, "
        "owner_id, position, created_at, updated_at) VALUES (?, ?, ?, 'image/png', ?, "
        "'prospect_visit', ?, 0, '2026-11-26 10:00:00.000000', '2026-11-26 10:00:00.000000')",
        pk,
        stored.sha256,
        name,
        stored.size_bytes,
        VISIT,
    )
    return stored.sha256


def blob_file(share: Path, sha: str) -> Path:
    return share / "blobs" / sha[:2] / sha


def test_a_blob_goes_up_before_the_batch_and_comes_down_verified(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    sha = attach(a, PHOTO, "0196a000-0000-7000-8000-000000000a01")
    order: list[str] = []
    original = FolderShare.write_once

    def recording(
        self: FolderShare, path: str, write: Callable[[BinaryIO], None], **kw: bool
    ) -> None:
        original(self, path, write, **kw)
        order.append(path.split("/")[0])

    monkeypatch.setattr(FolderShare, "write_once", recording)
    report = a.sync()
    assert order == ["blobs", "changes"]
    assert report.blobs_uploaded == 1
    assert blob_file(share, sha).read_bytes() == PHOTO

    got = b.sync()
    assert got.blobs_downloaded == 1 and got.blobs_missing == 0 and got.blob_errors == []
    assert attachment_store.verify(b.dir, sha)
    assert b.sql("SELECT file_name FROM attachment") == [("foto.png",)]
    # Nothing new: the no-op budget holds with blobs in the history.
    assert b.sync().share_ops <= 3


def test_the_same_file_twice_is_one_blob_sent_once(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    sha = attach(a, PHOTO, "0196a000-0000-7000-8000-000000000a01", "voorkant.png")
    attach(a, PHOTO, "0196a000-0000-7000-8000-000000000a02", "kopie.png")
    assert a.sync().blobs_uploaded == 1
    # b attaches the same photo to another record: already on the share, not sent again.
    assert attach(b, PHOTO, "0196a000-0000-7000-8000-000000000b01") == sha
    report = b.sync()
    assert report.blobs_uploaded == 0 and report.blobs_downloaded == 0
    assert list((share / "blobs" / sha[:2]).iterdir()) == [blob_file(share, sha)]
    assert len(b.sql("SELECT id FROM attachment")) == 3


def test_a_corrupt_blob_is_reported_and_not_kept_and_the_rows_still_apply(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    sha = attach(a, PHOTO, "0196a000-0000-7000-8000-000000000a01")
    a.sync()
    blob_file(share, sha).write_bytes(PHOTO[:-1] + b"!")
    report = b.sync()
    assert b.sql("SELECT sha256 FROM attachment") == [(sha,)]
    assert not attachment_store.has(b.dir, sha)
    assert [e["sha256"] for e in report.blob_errors] == [sha]
    assert "does not match" in report.blob_errors[0]["reason"]
    assert b.sql("SELECT state FROM sync_blob") == [("corrupt",)]
    assert not list((b.dir / "attachments").rglob(".incoming-*"))


def test_a_blob_not_on_the_share_yet_waits_and_is_fetched_later(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    sha = attach(a, PDF, "0196a000-0000-7000-8000-000000000a01", "verslag.pdf")
    a.sync()
    moved = tmp_path / "elsewhere"
    blob_file(share, sha).rename(moved)  # e.g. still being copied by the file server
    first = b.sync()
    assert b.sql("SELECT file_name FROM attachment") == [("verslag.pdf",)]  # never blocked
    assert first.blobs_missing == 1 and first.blob_errors == []
    moved.rename(blob_file(share, sha))
    second = b.sync()
    assert second.blobs_downloaded == 1 and second.blobs_missing == 0
    assert attachment_store.verify(b.dir, sha)


def test_downloads_are_bounded_per_round(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    for n in range(3):
        attach(a, PHOTO + bytes([n]), f"0196a000-0000-7000-8000-000000000a0{n}")
    a.sync()
    b.sync()  # (25 per round: all three)
    assert len(list(attachment_store.stored_hashes(b.dir))) == 3

    c = Laptop(tmp_path, "chris", share)
    conn = open_sync_connection(c.db)
    try:
        from vlot_desktop.sync.engine import pull

        settings = load_settings(c.dir)
        assert settings.device_id
        folder = FolderShare(share)
        pull(conn, folder, settings.device_id, settings.user_id, c.dir)
        result = blobs.BlobResult()
        blobs.fetch(conn, folder, c.dir, result, limit=2)
        assert result.downloaded == 2 and result.missing == 1
        blobs.fetch(conn, folder, c.dir, result, limit=2)
        assert result.downloaded == 3 and result.missing == 0
    finally:
        conn.close()


def test_a_blob_name_with_path_tricks_is_never_used_on_the_share(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    a.sql(
        "INSERT INTO attachment (id, sha256, file_name, media_type, size_bytes, owner_table, "
        "owner_id, position, created_at, updated_at) VALUES (?, '../../FORMAT.json', 'x', "
        "'image/png', 1, 'prospect_visit', ?, 0, '2026-11-26 10:00:00.000000', "
        "'2026-11-26 10:00:00.000000')",
        "0196a000-0000-7000-8000-000000000a01",
        VISIT,
    )
    assert a.sync().blobs_uploaded == 0
    report = b.sync()
    assert report.blobs_missing == 0 and report.blob_errors == []
    assert b.sql("SELECT count(*) FROM sync_blob") == [(0,)]
    assert not (share / "blobs").exists()
    with pytest.raises(ValueError):
        blobs.blob_path("../../FORMAT.json")


def test_a_damaged_local_copy_is_not_published(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    sha = attach(a, PHOTO, "0196a000-0000-7000-8000-000000000a01")
    attachment_store.attachment_path(a.dir, sha).write_bytes(b"bit rot")
    settings = load_settings(a.dir)
    assert settings.device_id
    conn = open_sync_connection(a.db)
    try:
        result = push(conn, FolderShare(share), settings.device_id, settings.user_id, a.dir)
    finally:
        conn.close()
    assert result.blobs.uploaded == 0 and [e["sha256"] for e in result.blobs.errors] == [sha]
    assert not blob_file(share, sha).exists()
    assert result.files_written == 1  # the row still goes: a colleague may have the file
    assert sqlite3.connect(a.db).execute("SELECT count(*) FROM attachment").fetchone() == (1,)


def test_a_large_attachment_comes_down_without_being_held_in_memory(
    tmp_path: Path, share: Path
) -> None:
    import os
    import tracemalloc

    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    big = os.urandom(40 * 1024 * 1024)  # a 40 MB scan
    sha = attach(a, big, "0196a000-0000-7000-8000-000000000a02", "scan.pdf")
    a.sync()
    del big
    tracemalloc.start()
    try:
        got = b.sync()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got.blobs_downloaded == 1 and attachment_store.verify(b.dir, sha)
    # Chunks of the share's read size and a spool of at most 8 MB, never the whole 40 MB.
    assert peak < 20 * 1024 * 1024


def test_compaction_removes_the_blobs_no_record_refers_to_once_they_are_old(
    tmp_path: Path, share: Path
) -> None:
    import os
    import time

    from vlot_desktop.services.sync_service import run_compact

    a = Laptop(tmp_path, "an", share, create=True)
    kept = attach(a, PHOTO, "0196a000-0000-7000-8000-000000000a01")
    gone = attach(a, PHOTO + b"-2", "0196a000-0000-7000-8000-000000000a03", "weg.png")
    a.sync()
    a.sql("DELETE FROM attachment WHERE id = '0196a000-0000-7000-8000-000000000a03'")
    a.sync()
    # Young: kept (it may be a colleague's upload whose batch has not come yet).
    assert run_compact(a.dir).blobs_deleted == 0
    assert blob_file(share, gone).exists()
    old = time.time() - 90 * 86400
    for sha in (kept, gone):
        os.utime(blob_file(share, sha), (old, old))
    # An old blob of a record deleted within the grace period: an edit made offline may
    # still bring the record back, so its photo stays.
    assert run_compact(a.dir).blobs_deleted == 0
    # Once the deletion is older than the grace period too (its stamp moved back 61 days
    # here), the blob goes.
    a.sql(
        "UPDATE sync_tombstone SET hlc = printf('%013d', CAST(substr(hlc, 1, 13) AS INTEGER) "
        "- 61 * 86400000) || substr(hlc, 14) WHERE tbl = 'attachment'"
    )
    report = run_compact(a.dir, grace_days=60)
    assert report.blobs_deleted == 1
    assert not blob_file(share, gone).exists() and blob_file(share, kept).exists()
    # A new laptop still gets the photo that is in use.
    b = Laptop(tmp_path, "bart", share)
    got = b.sync()
    assert got.blobs_downloaded == 1 and attachment_store.verify(b.dir, kept)
