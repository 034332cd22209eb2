"""The central share as a folder: every call on it is counted, and files are only ever created.

Over a VPN each file-system call on an SMB share costs tens of milliseconds, so ``ops`` counts
every one of them (listings, stats, opens, reads, writes, flushes, renames, deletes); tests hold
the sync to a budget. ``latency_s`` adds a fixed delay per call, to see what a VPN user feels.

Write-once: a file is written under a temp name in the same folder, flushed, fsynced, closed,
and then renamed to its final name *without replacing* anything (the final names are unique; a
name that exists already raises ``FileExistsError``). Windows sharing violations and other
transient errors (antivirus, indexer, a file open elsewhere) are retried with a short backoff.

Names on the share are lower-case ``[a-z0-9._-]`` only: SMB names are case-insensitive and
``: * " < > |`` break a mount (``docs/sync-format.md``, *The share's file names*).

Temp names say whose they are and when they were made: ``.tmp-<laptop tag>-<unix time, hex>-
<random>``. A laptop that was killed (or lost the share) half-way through a write leaves its temp
file behind; a later listing of that folder by the same laptop removes its own temps once they are
older than ``TEMP_STALE_S`` (a write still running in another process of the same laptop is
younger than that). Other laptops' temps are never touched.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

T = TypeVar("T")

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
TEMP_PREFIX = ".tmp-"
TEMP_STALE_S = 3600.0  # an own temp file older than this is left over from a crash
_TEMP_RE = re.compile(r"^\.tmp-([0-9a-z]{1,16})-([0-9a-f]{1,12})-[0-9a-f]{4,32}$")
WRITE_BUFFER = 1 << 20
READ_CHUNK = 4 << 20
# About 2.5 s in all, as measured to be enough for antivirus/indexer locks on Windows.
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.75, 1.0)
_TRANSIENT_ERRNOS = {errno.EBUSY, errno.EAGAIN, errno.EACCES, errno.EINTR, errno.ETIMEDOUT}
_TRANSIENT_WINERRORS = {5, 32, 33}  # access denied, sharing violation, lock violation


class ShareError(Exception):
    """The share cannot be used; ``message_nl`` is for the user."""

    def __init__(self, message: str, message_nl: str) -> None:
        super().__init__(message)
        self.message_nl = message_nl


class TooLargeError(ShareError):
    pass


@dataclass(frozen=True)
class FileInfo:
    size: int
    mtime: float


class Share(Protocol):
    """What the sync needs from the share; ``ops`` counts every call made on it."""

    ops: int
    # Folder -> the names in its last listing that are folders themselves (a folder is never a
    # file of ours, whatever its name).
    subfolders: dict[str, set[str]]

    def list(self, folder: str) -> list[str]: ...

    def read(self, path: str, max_bytes: int) -> bytes: ...

    def write_once(
        self, path: str, write: Callable[[BinaryIO], None], *, verify: bool = False
    ) -> None: ...

    def copy_to(self, path: str, sink: Callable[[bytes], None], max_bytes: int) -> int: ...

    def rename_noreplace(self, path: str, new_path: str) -> None: ...

    def create_exclusive(self, path: str, data: bytes) -> None: ...

    def stat(self, path: str) -> FileInfo | None: ...

    def delete(self, path: str) -> None: ...

    def remove_stale_temps(self, folder: str, names: Sequence[str], before: float) -> int: ...

    def makedirs(self, folder: str) -> None: ...

    def rmdir(self, folder: str) -> None: ...


def now() -> float:
    """The laptop's clock for temp names (a function, so tests can move it on)."""
    return time.time()


def temp_tag_of(device: str) -> str:
    """A short, stable tag for one laptop's temp names (lower-case hex: safe on SMB)."""
    if not device:
        return "x"
    return hashlib.sha256(device.lower().encode("utf-8")).hexdigest()[:10]


def is_temp_of(name: str, tag: str) -> bool:
    """True for a temp file name written by the laptop whose temp tag is ``tag``."""
    match = _TEMP_RE.match(name)
    return match is not None and match.group(1) == tag


def is_transient(exc: OSError) -> bool:
    if isinstance(exc, FileExistsError | FileNotFoundError | IsADirectoryError):
        return False
    if getattr(exc, "winerror", None) in _TRANSIENT_WINERRORS:
        return True
    return isinstance(exc, PermissionError) or exc.errno in _TRANSIENT_ERRNOS


def check_name(path: str) -> None:
    parts = path.split("/")
    if not parts or any(not NAME_RE.match(p) or p in (".", "..") for p in parts):
        raise ValueError(f"not a valid name on the share: {path!r}")


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


class _CountingRaw(io.RawIOBase):
    """A file on the share whose reads and writes are counted as share operations."""

    def __init__(self, raw: BinaryIO, share: FolderShare) -> None:
        self._raw = raw
        self._share = share
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._share._op()
        written = self._raw.write(data)
        self.digest.update(memoryview(data)[:written])
        return written

    def fileno(self) -> int:
        return self._raw.fileno()


class FolderShare:
    """A :class:`Share` on a folder (a mapped drive, a UNC path, or a temp folder in tests)."""

    def __init__(
        self,
        root: Path,
        *,
        latency_s: float = 0.0,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        temp_tag: str = "",
    ) -> None:
        self.root = root
        self.ops = 0
        self.latency_s = latency_s
        self.retry_delays = tuple(retry_delays)
        self.temp_tag = temp_tag_of(temp_tag)
        self.temps_removed = 0  # own temp files left over from a crash, removed by list()
        self.subfolders: dict[str, set[str]] = {}

    def _op(self) -> None:
        self.ops += 1
        if self.latency_s:
            time.sleep(self.latency_s)

    def _retry(self, action: Callable[[], T]) -> T:
        for delay in (*self.retry_delays, None):
            try:
                return action()
            except OSError as exc:
                if delay is None or not is_transient(exc):
                    raise
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _path(self, path: str) -> Path:
        check_name(path)
        return self.root.joinpath(*path.split("/"))

    def list(self, folder: str) -> list[str]:
        target = self._path(folder)

        def listing() -> list[tuple[str, bool]]:
            self._op()
            # (scandir: whether an entry is a folder comes with the listing, no extra call)
            with os.scandir(target) as entries:
                return sorted((e.name, _is_folder(e)) for e in entries)

        found = self._retry(listing)
        names = [name for name, _ in found]
        self.subfolders[folder] = {name for name, is_folder in found if is_folder}
        stale = [n for n in names if self._is_own_stale_temp(n)]
        for name in stale:
            try:
                self._op()
                (target / name).unlink()
            except OSError:
                continue  # open elsewhere, or gone: tried again at a later listing
            names.remove(name)
            self.temps_removed += 1
        return names

    def _temp_name(self) -> str:
        return f"{TEMP_PREFIX}{self.temp_tag}-{int(now()):x}-{secrets.token_hex(6)}"

    def _is_own_stale_temp(self, name: str) -> bool:
        match = _TEMP_RE.match(name)
        if match is None or match.group(1) != self.temp_tag:
            return False
        return now() - int(match.group(2), 16) > TEMP_STALE_S

    def stat(self, path: str) -> FileInfo | None:
        target = self._path(path)

        def info() -> FileInfo | None:
            self._op()
            try:
                st = os.stat(target)
            except FileNotFoundError:
                return None
            return FileInfo(size=st.st_size, mtime=st.st_mtime)

        return self._retry(info)

    def read(self, path: str, max_bytes: int) -> bytes:
        target = self._path(path)

        def read_all() -> bytes:
            self._op()  # open (and close)
            chunks: list[bytes] = []
            total = 0
            with open(target, "rb", buffering=0) as raw:
                while True:
                    wanted = min(READ_CHUNK, max_bytes + 1 - total)
                    self._op()
                    chunk = raw.read(wanted)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    total += len(chunk)
                    if total > max_bytes:
                        raise TooLargeError(
                            f"{path} is larger than {max_bytes} bytes",
                            f"Het bestand {path} op de share is te groot.",
                        )
                    if len(chunk) < wanted:
                        break  # a short read of a regular file: its end
            return b"".join(chunks)

        return self._retry(read_all)

    def copy_to(self, path: str, sink: Callable[[bytes], None], max_bytes: int) -> int:
        """Stream the file at ``path`` into ``sink`` a chunk at a time; returns its size.

        Not retried half-way (``sink`` has seen part of it): a transient error is raised.
        """
        target = self._path(path)
        self._op()  # open (and close)
        total = 0
        with open(target, "rb", buffering=0) as raw:
            while True:
                self._op()
                chunk = raw.read(READ_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise TooLargeError(
                        f"{path} is larger than {max_bytes} bytes",
                        f"Het bestand {path} op de share is te groot.",
                    )
                sink(chunk)
        return total

    def create_exclusive(self, path: str, data: bytes) -> None:
        """Create the small file ``path`` directly (no temp name), failing with
        ``FileExistsError`` if it exists: an atomic "take it if free" on the server (SMB
        CREATE with FILE_CREATE), for the compactor's lease. A reader may see it empty for a
        moment."""
        target = self._path(path)

        def create() -> None:
            self._op()
            with open(target, "xb", buffering=0) as raw:
                self._op()
                raw.write(data)
                self._op()
                os.fsync(raw.fileno())

        try:
            create()  # not retried: a second attempt would meet its own half-made file
        except FileExistsError:
            raise
        except OSError:
            # Do not leave a half-written lease that would block compaction until it expires.
            try:
                self._op()
                target.unlink()
            except OSError:
                pass
            raise

    def rename_noreplace(self, path: str, new_path: str) -> None:
        """Give the file ``path`` the new name ``new_path`` (in the same folder); raises
        ``FileNotFoundError`` when ``path`` is gone and ``FileExistsError`` when ``new_path``
        exists: only one of two laptops racing for the same file succeeds."""
        source, target = self._path(path), self._path(new_path)
        left = self._retry(lambda: self._rename_noreplace(source, target))
        if left:  # made by a hard link whose source could not be removed at once

            def remove() -> None:
                self._op()
                source.unlink(missing_ok=True)

            self._retry(remove)

    def write_once(
        self, path: str, write: Callable[[BinaryIO], None], *, verify: bool = False
    ) -> None:
        """Create ``path`` with what ``write`` writes; ``FileExistsError`` if it exists.

        With ``verify``, the temp file is read back and its SHA-256 compared with the bytes
        written before it gets its final name (for snapshots: a bad write never looks done).
        """
        final = self._path(path)
        temps: list[Path] = []

        def create() -> Path:
            # A fresh temp name per attempt: a failed attempt may have left its file behind.
            temp = final.with_name(self._temp_name())
            temps.append(temp)
            self._op()  # create (and close)
            with open(temp, "xb", buffering=0) as raw:
                counted = _CountingRaw(raw, self)
                buffered = io.BufferedWriter(counted, buffer_size=WRITE_BUFFER)  # type: ignore[type-var]
                write(buffered)
                buffered.flush()
                self._op()
                os.fsync(raw.fileno())
            if verify:
                self._verify(temp, counted.digest.hexdigest())
            return temp

        try:
            done = self._retry(create)
            if not self._retry(lambda: self._rename_noreplace(done, final)):
                temps.remove(done)
        finally:
            for temp in temps:
                try:
                    self._op()
                    temp.unlink()
                except OSError:
                    pass  # gone already, or left for a later clean-up of this laptop's temps

    def _verify(self, temp: Path, expected: str) -> None:
        digest = hashlib.sha256()
        self._op()  # open (and close)
        with open(temp, "rb", buffering=0) as raw:
            while True:
                self._op()
                chunk = raw.read(READ_CHUNK)
                if not chunk:
                    break
                digest.update(chunk)
        if digest.hexdigest() != expected:
            raise ShareError(
                f"{temp.name} reads back differently from what was written",
                "Een bestand op de share leest anders terug dan wat geschreven werd.",
            )

    def _rename_noreplace(self, temp: Path, final: Path) -> bool:
        """Rename without ever replacing; True when the source is still there (a hard link was
        made and removing the source failed: the caller cleans it up)."""
        if os.name == "nt":
            self._op()
            os.rename(temp, final)  # raises FileExistsError: never replaces on Windows
            return False
        try:
            self._op()
            os.link(temp, final)  # atomic create-if-absent where hard links exist
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            # No hard links (SMB through FUSE): names are unique per laptop, so check + rename.
            if self.stat(str(final.relative_to(self.root).as_posix())) is not None:
                raise FileExistsError(errno.EEXIST, "exists", str(final)) from exc
            self._op()
            os.rename(temp, final)
            return False
        try:
            self._op()
            os.unlink(temp)
        except OSError:
            return True  # the final name exists; the source is cleaned up later
        return False

    def delete(self, path: str) -> None:
        target = self._path(path)

        def remove() -> None:
            self._op()
            target.unlink()

        self._retry(remove)

    def remove_stale_temps(self, folder: str, names: Sequence[str], before: float) -> int:
        """Remove the temp files among ``names`` (any laptop's) last written before ``before``
        (the file server's time): left by a laptop that died or left for good in mid-write.
        Only the compactor calls this, with a margin far beyond any write in progress."""
        removed = 0
        base = self._path(folder)
        for name in names:
            if _TEMP_RE.match(name) is None:
                continue
            target = base / name
            try:
                self._op()
                if os.stat(target).st_mtime >= before:
                    continue
                self._op()
                target.unlink()
            except OSError:
                continue  # gone, or open elsewhere: the next compaction tries again
            removed += 1
        return removed

    def makedirs(self, folder: str) -> None:
        target = self._path(folder)

        def make() -> None:
            self._op()
            target.mkdir(parents=True, exist_ok=True)

        self._retry(make)

    def rmdir(self, folder: str) -> None:
        """Remove an empty folder (an old snapshot's, once its files are deleted)."""
        target = self._path(folder)

        def remove() -> None:
            self._op()
            target.rmdir()

        self._retry(remove)
