"""Attachment blobs on the share: ``blobs/<first 2 hex>/<sha256>``, written once, by content.

- **Push** uploads every blob that the ``attachment`` rows about to be pushed refer to, *before*
  the batch that refers to them is written, so a colleague who reads the batch can fetch the
  blob. A blob already on the share is skipped (one ``stat``); the upload goes through a temp
  name and a rename that never replaces, and the local file is hashed while it is sent, so a
  damaged local copy is never published under its hash.
- **Pull** notes the blobs that applied rows refer to and that this laptop lacks
  (``sync_blob``); a separate step after the changes are applied fetches a bounded number per
  round, verifies each against its hash (``attachment_store.store_stream``), and keeps a corrupt
  one out of the store (reported, state ``corrupt``). A missing blob never blocks the rows.
- **Tidy**: an upload killed half-way leaves its temp file in ``blobs/<xx>/``, a folder no sync
  lists. So the folders an upload writes into are noted in the data folder
  (``sync-blob-folders.json``) before it starts and forgotten when it ends well; a later round
  lists a noted folder once its temp files may count as stale (``share.TEMP_STALE_S``), which
  removes this laptop's own temps (``FolderShare.list``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from vlot_desktop.db import attachment_store
from vlot_desktop.sync import share as share_mod
from vlot_desktop.sync.share import Share, TooLargeError

BLOBS = "blobs"
TABLE = "attachment"
FIELD = "sha256"
MAX_BLOB_BYTES = 256 * 1024 * 1024
FETCH_PER_ROUND = 25
FETCH_BYTES_PER_ROUND = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
FOLDERS_FILE = "sync-blob-folders.json"


class BlobChangedError(OSError):
    """The local file no longer has the hash it is stored under: not uploaded."""


@dataclass
class BlobResult:
    uploaded: int = 0
    downloaded: int = 0
    missing: int = 0  # still to fetch after this round
    errors: list[dict[str, str]] = field(default_factory=list)


def blob_path(sha256: str) -> str:
    if not attachment_store.is_sha256(sha256):
        raise ValueError(f"not a blob name: {sha256[:80]!r}")
    return f"{BLOBS}/{sha256[:2]}/{sha256}"


def hashes_in_outbox(conn: sqlite3.Connection, after: int, upto: int) -> set[str]:
    """The blobs that outbox rows ``after < seq <= upto`` of ``attachment`` refer to."""
    found: set[str] = set()
    for (value,) in conn.execute(
        "SELECT DISTINCT value FROM sync_outbox WHERE seq > ? AND seq <= ? AND tbl = ? "
        "AND field = ? AND op = 'upsert'",
        (after, upto, TABLE, FIELD),
    ):
        try:
            sha = json.loads(value) if value is not None else None
        except ValueError:
            continue
        if isinstance(sha, str) and attachment_store.is_sha256(sha):
            found.add(sha)
    return found


def _send(source: BinaryIO, out: BinaryIO, sha256: str) -> None:
    digest = hashlib.sha256()
    for chunk in iter(lambda: source.read(_CHUNK), b""):
        digest.update(chunk)
        out.write(chunk)
    if digest.hexdigest() != sha256:
        raise BlobChangedError(f"the local copy of {sha256[:12]}… is damaged")


def upload(share: Share, data_dir: Path, hashes: Iterable[str], result: BlobResult) -> None:
    """Put every blob of ``hashes`` that this laptop has on the share (skipping those there)."""
    for sha in sorted(hashes):
        local = attachment_store.attachment_path(data_dir, sha)
        if not local.is_file():
            continue  # a colleague's attachment this laptop has not fetched yet: theirs to send
        path = blob_path(sha)
        if share.stat(path) is not None:
            continue
        folder = f"{BLOBS}/{sha[:2]}"
        share.makedirs(folder)
        # Noted already: an earlier upload there died, and its temp waits for the tidy.
        earlier = not _note_folder(data_dir, folder)
        try:
            with local.open("rb") as source:

                def write(out: BinaryIO, source: BinaryIO = source, sha: str = sha) -> None:
                    source.seek(0)
                    _send(source, out, sha)

                share.write_once(path, write)
        except FileExistsError:
            continue  # a colleague sent the same file just now (write_once removed its temp)
        except BlobChangedError as exc:
            result.errors.append({"sha256": sha, "reason": str(exc)})
            continue
        if not earlier:
            _note_folder(data_dir, folder, done=True)
        result.uploaded += 1


def _noted_folders(data_dir: Path) -> dict[str, float]:
    try:
        noted = json.loads((data_dir / FOLDERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(noted, dict):
        return {}
    return {
        str(k): float(v)
        for k, v in noted.items()
        if isinstance(v, int | float) and isinstance(k, str) and _is_blob_folder(k)
    }


def _is_blob_folder(folder: str) -> bool:
    prefix, _, tail = folder.partition("/")
    return prefix == BLOBS and len(tail) == 2 and all(c in "0123456789abcdef" for c in tail)


def _note_folder(data_dir: Path, folder: str, *, done: bool = False) -> bool:
    """Note (or, ``done``, forget) a blob folder this laptop writes a temp file into; True when
    that changed the notes."""
    noted = _noted_folders(data_dir)
    if done:
        if noted.pop(folder, None) is None:
            return False
    elif folder in noted:
        return False
    else:
        noted[folder] = share_mod.now()
    target = data_dir / FOLDERS_FILE
    if not noted:
        target.unlink(missing_ok=True)
        return True
    temp = target.with_name(target.name + ".tmp")
    temp.write_text(json.dumps(noted, sort_keys=True), encoding="utf-8")
    temp.replace(target)
    return True


def tidy_folders(share: Share, data_dir: Path, device: str) -> int:
    """List the noted blob folders whose temp files may be stale by now (removing this laptop's
    own, see the module docstring); a folder is forgotten once it holds none of them. Returns
    the number of folders listed (share operations: one each, plus one per temp removed)."""
    noted = _noted_folders(data_dir)
    due = [
        f for f, since in sorted(noted.items()) if share_mod.now() - since > share_mod.TEMP_STALE_S
    ]
    tag = share_mod.temp_tag_of(device)
    for folder in due:
        try:
            names = share.list(folder)
        except FileNotFoundError:
            names = []
        if not any(share_mod.is_temp_of(name, tag) for name in names):
            _note_folder(data_dir, folder, done=True)
    return len(due)


def note_missing(conn: sqlite3.Connection, data_dir: Path, hashes: Iterable[str]) -> int:
    """Remember the referenced blobs this laptop lacks (inside the caller's transaction)."""
    missing = [
        (sha,)
        for sha in sorted(set(hashes))
        if attachment_store.is_sha256(sha) and not attachment_store.has(data_dir, sha)
    ]
    conn.executemany(
        "INSERT OR IGNORE INTO sync_blob (sha256, state, attempts, last_error) "
        "VALUES (?, 'missing', 0, NULL)",
        missing,
    )
    return len(missing)


def fetch(
    conn: sqlite3.Connection,
    share: Share,
    data_dir: Path,
    result: BlobResult,
    *,
    limit: int = FETCH_PER_ROUND,
    byte_limit: int = FETCH_BYTES_PER_ROUND,
) -> None:
    """Download up to ``limit`` missing blobs, verifying each; the rest wait for the next round.

    Each blob is its own small transaction on ``conn`` (outside any other): an interrupted
    round keeps what it fetched. A share that fails mid-way ends the step (the error is raised
    only when nothing at all could be done, so the caller can report the share unreachable).
    """
    rows = conn.execute(
        "SELECT sha256 FROM sync_blob WHERE state = 'missing' ORDER BY attempts, sha256 LIMIT ?",
        (limit,),
    ).fetchall()
    fetched_bytes = 0
    for (sha,) in rows:
        sha = str(sha)
        if attachment_store.has(data_dir, sha):
            conn.execute("DELETE FROM sync_blob WHERE sha256 = ?", (sha,))
            continue
        if fetched_bytes >= byte_limit:
            break
        state, reason = _fetch_one(share, data_dir, sha)
        if state == "fetched":
            conn.execute("DELETE FROM sync_blob WHERE sha256 = ?", (sha,))
            result.downloaded += 1
            fetched_bytes += int(reason or 0)
            continue
        conn.execute(
            "UPDATE sync_blob SET state = ?, attempts = attempts + 1, last_error = ? "
            "WHERE sha256 = ?",
            (state, reason, sha),
        )
        if state == "corrupt":
            result.errors.append({"sha256": sha, "reason": reason or ""})
    result.missing = int(
        conn.execute("SELECT count(*) FROM sync_blob WHERE state = 'missing'").fetchone()[0]
    )


SPOOL_BYTES = 8 * 1024 * 1024


def _fetch_one(share: Share, data_dir: Path, sha: str) -> tuple[str, str | None]:
    """Download one blob into the store, verified: ("fetched", its size), or the state to
    note ("missing" or "corrupt") and why. Streamed through a spool file (in memory up to
    ``SPOOL_BYTES``), so a large attachment is never held in memory whole."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:

        def sink(chunk: bytes) -> None:
            spool.write(chunk)

        try:
            size = share.copy_to(blob_path(sha), sink, MAX_BLOB_BYTES)
        except FileNotFoundError:
            return "missing", "not on the share (yet)"
        except TooLargeError:
            return "corrupt", "larger than allowed"
        spool.seek(0)
        try:
            attachment_store.store_stream(data_dir, spool, expected_sha256=sha)  # type: ignore[arg-type]
        except attachment_store.AttachmentStoreError as exc:
            if "does not match" in str(exc):
                return "corrupt", str(exc)
            raise OSError(str(exc)) from exc  # local disk: stop, try again later
    return "fetched", str(size)
