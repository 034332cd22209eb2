"""The local attachment store keeps one verified file per content hash."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from vlot_desktop.db import attachment_store as store


def test_a_file_is_stored_under_its_hash_once(tmp_path: Path) -> None:
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"jpeg bytes" * 1000)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()

    first = store.store_file(tmp_path / "data", photo)
    second = store.store_bytes(tmp_path / "data", photo.read_bytes())

    assert first.sha256 == second.sha256 == sha
    assert first.path == tmp_path / "data" / "attachments" / sha[:2] / sha
    assert first.path.read_bytes() == photo.read_bytes()
    assert list(store.stored_hashes(tmp_path / "data")) == [sha]
    assert store.verify(tmp_path / "data", sha)
    assert photo.exists()  # the original stays where it was
    leftovers = [p for p in (tmp_path / "data" / "attachments").iterdir() if p.is_file()]
    assert leftovers == []


def test_a_download_with_the_wrong_content_is_refused_and_not_kept(tmp_path: Path) -> None:
    expected = hashlib.sha256(b"the real photo").hexdigest()
    with pytest.raises(store.AttachmentStoreError, match="does not match"):
        store.store_stream(tmp_path, io.BytesIO(b"something else"), expected_sha256=expected)
    assert not store.has(tmp_path, expected)
    assert list(store.stored_hashes(tmp_path)) == []
    assert [p.name for p in (tmp_path / "attachments").iterdir()] == []


def test_a_damaged_stored_file_fails_verification(tmp_path: Path) -> None:
    stored = store.store_bytes(tmp_path, b"original")
    stored.path.write_bytes(b"changed by something")
    assert not store.verify(tmp_path, stored.sha256)


def test_a_missing_source_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(store.AttachmentStoreError, match="does not exist"):
        store.store_file(tmp_path, tmp_path / "weg.jpg")


def test_only_real_hashes_name_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        store.attachment_path(tmp_path, "../../etc/passwd")
