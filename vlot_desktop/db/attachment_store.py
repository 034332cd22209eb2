"""The local store of attachments (photos, documents): one file per content hash.

``<data folder>/attachments/ab/abcdef…`` holds the bytes whose sha256 is ``abcdef…``. The
``attachment`` table says what a file is and which record it belongs to; the store only keeps
bytes, so two records with the same photo share one file, and the sync moves each file once
(as a blob named by the same hash). Files are written to a temporary name next to their place
and renamed when complete and verified: a crash or a full disk never leaves a file whose name
promises content it does not have.

It lives in ``db/`` with the database it completes: the services (photos, reports) and the
sync (blobs, compaction) both use it, and the sync may not import the services.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vlot_desktop import paths

_CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class AttachmentStoreError(Exception):
    """A file could not be stored (disk full, no rights); nothing was half-written."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size_bytes: int
    path: Path


def is_sha256(text: str) -> bool:
    return bool(_SHA256.match(text))


def attachment_path(data_dir: Path, sha256: str) -> Path:
    """Where the bytes with this hash live (whether or not they are there yet)."""
    if not is_sha256(sha256):
        raise ValueError(f"not a sha256: {sha256!r}")
    return paths.attachments_dir(data_dir) / sha256[:2] / sha256


def has(data_dir: Path, sha256: str) -> bool:
    return attachment_path(data_dir, sha256).is_file()


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(data_dir: Path, sha256: str) -> bool:
    """True when the stored file exists and its content still has this hash."""
    path = attachment_path(data_dir, sha256)
    return path.is_file() and hash_file(path) == sha256


def store_stream(
    data_dir: Path, source: BinaryIO, expected_sha256: str | None = None
) -> StoredFile:
    """Copy ``source`` into the store, hashing while copying.

    With ``expected_sha256`` (a download), content with another hash is refused and not kept.
    Content already in the store is not written twice.
    """
    folder = paths.attachments_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=folder)
    except OSError as exc:
        raise AttachmentStoreError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha256 = digest.hexdigest()
        if expected_sha256 is not None and sha256 != expected_sha256:
            raise AttachmentStoreError(
                f"content does not match its hash ({sha256[:12]}… instead of "
                f"{expected_sha256[:12]}…)"
            )
        target = attachment_path(data_dir, sha256)
        if target.is_file() and target.stat().st_size == size:
            return StoredFile(sha256, size, target)
        target.parent.mkdir(exist_ok=True)
        os.replace(temp, target)
        return StoredFile(sha256, size, target)
    except OSError as exc:
        raise AttachmentStoreError(f"cannot store the file: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)


def store_file(data_dir: Path, source: Path) -> StoredFile:
    """Copy the file at ``source`` into the store (the original is left where it is)."""
    try:
        with source.open("rb") as handle:
            return store_stream(data_dir, handle)
    except FileNotFoundError as exc:
        raise AttachmentStoreError(f"{source} does not exist") from exc
    except PermissionError as exc:
        raise AttachmentStoreError(f"{source} cannot be read") from exc


def store_bytes(data_dir: Path, data: bytes) -> StoredFile:
    import io

    return store_stream(data_dir, io.BytesIO(data))


def stored_hashes(data_dir: Path) -> Iterator[str]:
    """Every hash in the store (file names; not re-verified)."""
    folder = paths.attachments_dir(data_dir)
    if not folder.is_dir():
        return
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and len(sub.name) == 2:
            for file in sorted(sub.iterdir()):
                if is_sha256(file.name):
                    yield file.name
