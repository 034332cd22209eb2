"""Training shares: a demo data set on a share of its own, so that a group can practise together.

``vlot-desktop demo --share PATH`` loads the demo set into this laptop's data folder (as
``demo`` does) and puts it on ``PATH`` as a snapshot: other laptops that are set up on that
folder (``init --share PATH`` or the first-run step) take it in at their first sync, as a new
laptop takes a compactor's snapshot, and the trainees' edits then sync as usual.

How the set gets onto the share, with the sync's own formats only:

- Every demo row gets one row clock (``sync/clocks.py``), as if one write had made it: the
  writer is ``DEMO_DEVICE`` (a fixed id that is never a laptop's, so the app can tell data
  that came from a training share), the stamp is the moment the set was made.
- The laptop's sync bookkeeping starts afresh (new epoch, empty outbox and ledger) and says it
  holds the batches ``DEMO_DEVICE_<epoch>: [1, 1]`` (``sync_clock.snapshot_covers``): batches
  that were never written, a name for the set. A new epoch per set, so a laptop that took in
  one set needs the next one.
- The compactor's writer (``compact.write_state_snapshot``) then writes the snapshot, and its
  marker goes into ``changes/``. A laptop without those covers applies the snapshot.

The share is marked as a training share by a file in its root,
``training-<yyyymmddthhmmssmmm>z-<epoch>.json`` (lower-case, written once under a temp name
and renamed: ``docs/sync-format.md``, *The share's file names*), holding the set's size, seed
and date. Demo data is put only on an empty folder, on a VLOT share that holds no data yet,
or, with ``--replace``, on a training share (everything the sync wrote on it is removed first;
the marker files go last, so an interrupted replace still leaves a training share). A share
with any change file, snapshot or attachment and no marker is a real share: refused.

The app says what a laptop holds (:func:`demo_status`): demo data that is on no share, or data
from a training share ("Oefenshare").

The demo generator sits above the services (it writes through them), so this module never
imports it: :func:`publish_demo` is given the loader (``demo.loader.load_demo``) by its caller,
and the loader writes its set inside :func:`unshared_writes`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from vlot_desktop import paths
from vlot_desktop.sync import coverage
from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync.batch import CHANGES, FORMAT_FILE
from vlot_desktop.sync.capture import sqlite3_runner, suppressed
from vlot_desktop.sync.share import FolderShare, ShareError

if TYPE_CHECKING:
    from sqlalchemy import Connection

# local_meta: the demo set this database holds, {"size", "seed", "as_of", "training_share"}
# (the id of the training share it was put on, else null): written by every demo load.
DEMO_META_KEY = "demo_set"
# The writer of the demo set's clocks: never a laptop (no laptop's id looks like this).
DEMO_DEVICE = "00000000-0000-7000-8000-00000000de70"
MARKER_PREFIX = "training-"
MARKER_RE = re.compile(r"^training-[0-9]{8}t[0-9]{9}z-[0-9a-f]{8}\.json$")
MARKER_MAGIC = "vlot-training-share"
MAX_MARKER_BYTES = 64 * 1024
# What the sync writes on a share, besides FORMAT.json: emptied by --replace.
SYNC_FOLDERS = (CHANGES, snap.SNAPSHOTS, "blobs", "locks")
# The sync bookkeeping a laptop starts afresh with when it puts a demo set on a share.
_SYNC_STATE_TABLES = (
    "sync_outbox",
    "sync_ingested",
    "sync_row_clock",
    "sync_field_clock",
    "sync_tombstone",
    "sync_conflicts",
    "sync_purged",
    "sync_blob",
    "sync_extra",
)


class TrainingShareError(ShareError):
    """Demo data is not put on this folder (nothing was changed)."""


@contextlib.contextmanager
def unshared_writes(conn: sqlite3.Connection) -> Iterator[None]:
    """Writes that are no change to share (a demo set loaded here): change capture is off
    inside, so nothing of them goes into the outbox."""
    with suppressed(sqlite3_runner(conn)):
        yield


def note_demo_set(
    conn: sqlite3.Connection, size: str, seed: int, today: dt.date, training_share: str | None
) -> None:
    """Remember in ``local_meta`` which demo set this database holds (and on which share)."""
    value = {
        "size": size,
        "seed": seed,
        "as_of": today.isoformat(),
        "training_share": training_share,
    }
    conn.execute(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (DEMO_META_KEY, json.dumps(value, sort_keys=True)),
    )


# --- what a folder holds -----------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingMarker:
    name: str
    size: str
    seed: int
    as_of: str
    created_at: str


@dataclass(frozen=True)
class ShareState:
    """What a folder holds, as far as a training share is concerned."""

    kind: str  # "empty" | "new share" | "training" | "real" | "other"
    markers: tuple[str, ...] = ()  # training markers, oldest first
    found: tuple[str, ...] = ()  # a few of the data files found (for the message)


def _names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def _data_in(share: FolderShare, folder: str) -> list[str]:
    """The entries of one sync folder of the share (none when it is missing)."""
    try:
        return [f"{folder}/{name}" for name in share.list(folder)]
    except (FileNotFoundError, NotADirectoryError):
        return []


def inspect_share(folder: Path) -> ShareState:
    """Empty folder, VLOT share without data, training share, real share, or something else."""
    names = _names(folder)
    if not names:
        return ShareState("empty")
    if FORMAT_FILE not in names:
        return ShareState("other", found=tuple(names[:3]))
    markers = tuple(sorted(n for n in names if MARKER_RE.match(n)))
    share = FolderShare(folder)
    found = [
        item for where in (CHANGES, snap.SNAPSHOTS, "blobs") for item in _data_in(share, where)
    ]
    if markers:
        return ShareState("training", markers, tuple(found[:3]))
    if found:
        return ShareState("real", found=tuple(found[:3]))
    return ShareState("new share")


def read_marker(folder: Path, name: str) -> TrainingMarker | None:
    """A training marker's content (None when it cannot be read: the share stays a training
    share all the same, its name says so)."""
    try:
        doc = json.loads(FolderShare(folder).read(name, MAX_MARKER_BYTES).decode("utf-8"))
        if doc.get("magic") != MARKER_MAGIC:
            return None
        return TrainingMarker(
            name, str(doc["size"]), int(doc["seed"]), str(doc["as_of"]), str(doc["created_at"])
        )
    except (OSError, ShareError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _marker_bytes(size: str, seed: int, today: dt.date, created: str, device: str) -> bytes:
    doc = {
        "magic": MARKER_MAGIC,
        "format": 1,
        "size": size,
        "seed": seed,
        "as_of": today.isoformat(),
        "created_at": created,
        "laptop": device.lower(),
    }
    return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8")


# --- refusals ------------------------------------------------------------------------------------


def _refuse(state: ShareState, where: str, replace: bool) -> None:
    """Raise ``TrainingShareError`` unless demo data may go on the folder."""
    if state.kind == "other":
        raise TrainingShareError(
            f"{where} is not empty and not a VLOT share: a training share needs an empty "
            "folder; nothing was changed",
            f"{where} is niet leeg en geen VLOT-share: een oefenshare vraagt een lege map; "
            "er is niets gewijzigd.",
        )
    if state.kind == "real":
        raise TrainingShareError(
            f"{where} holds the data of a real share ({', '.join(state.found)}), not of a "
            "training share: demo data is never put on it; use an empty folder; nothing was "
            "changed",
            f"{where} bevat de gegevens van een echte share, geen oefenshare: daar komen nooit "
            "demogegevens op; kies een lege map. Er is niets gewijzigd.",
        )
    if state.kind == "training" and not replace:
        newest = read_marker(Path(where), state.markers[-1])
        what = (
            f" (demo set {newest.size}, seed {newest.seed}, put on it {newest.created_at[:10]})"
            if newest is not None
            else ""
        )
        raise TrainingShareError(
            f"{where} is already a training share{what}: other laptops join it with "
            f"'vlot-desktop init --share {where}'; --replace puts a new demo set on it "
            "(everything on it now is removed, and the laptops on it must be set up again); "
            "nothing was changed",
            f"{where} is al een oefenshare: andere laptops sluiten aan met 'vlot-desktop init "
            f"--share {where}'; --replace zet er een nieuwe demoset op. Er is niets gewijzigd.",
        )


def _unsent_changes(data_dir: Path) -> int:
    """Changes of this laptop not yet on its share, counted as the status bar does (one per
    record changed); 0 without a database."""
    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM sync_outbox WHERE seq > "
            "coalesce((SELECT pushed_seq FROM sync_clock WHERE id = 1), 0) "
            "GROUP BY hlc, tbl, pk, op)"
        ).fetchone()
        return int(row[0])
    except sqlite3.Error:
        return 0  # not a database of ours (yet): load_demo says what is wrong
    finally:
        conn.close()


def _same_folder(a: str, b: Path) -> bool:
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False


# --- putting a demo set on a share ------------------------------------------------------------


class LoadedDemo(Protocol):
    """What :func:`publish_demo` needs of the demo loader's report (``demo.loader.DemoReport``)."""

    @property
    def user_name(self) -> str: ...

    @property
    def team_code(self) -> str: ...

    def summary(self) -> str: ...


class DemoLoader(Protocol):
    """``demo.loader.load_demo``: the demo set into a data folder; ``then`` runs inside its
    loading transaction."""

    def __call__(
        self,
        data_dir: Path,
        *,
        size: str,
        seed: int,
        today: dt.date,
        replace: bool,
        then: Callable[[sqlite3.Connection], None] | None = None,
    ) -> LoadedDemo: ...


@dataclass(frozen=True)
class TrainingReport:
    demo: LoadedDemo
    share: Path
    snapshot_id: str
    snapshot_rows: int
    replaced_share: bool
    files_removed: int
    duration_seconds: float

    def summary(self) -> str:
        """English lines for the command line."""
        lines = [self.demo.summary()]
        if self.replaced_share:
            lines.append(
                f"The previous demo set and everything synced on {self.share} were removed "
                f"({self.files_removed} files); laptops that were on it must be set up again."
            )
        lines += [
            f"Training share {self.share}: the demo set is on it as snapshot {self.snapshot_id} "
            f"({self.snapshot_rows:,} records); this laptop syncs with it "
            f"(in {self.duration_seconds:.1f} s in all).",
            "Other laptops join it with: vlot-desktop init --user NAME --region REGION "
            f"--share {self.share}",
        ]
        return "\n".join(lines)


def _put_on_share_state(
    conn: sqlite3.Connection, epoch: str, hlc: str, training_id: str, meta: tuple[str, int, dt.date]
) -> None:
    """Inside the demo's loading transaction: fresh sync bookkeeping, one row clock per demo
    row written by ``DEMO_DEVICE`` at ``hlc``, and the covers that name the set."""
    from vlot_desktop.db.models import synced_tables
    from vlot_desktop.sync.clocks import Actors, q
    from vlot_desktop.sync.outbox import advance_clock

    for table in _SYNC_STATE_TABLES:
        conn.execute(f"DELETE FROM {table}")
    # The new epoch's change files start at seq 1, as a new laptop's do (no gap for the others).
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'sync_outbox'")
    writer = Actors(conn).id_of(DEMO_DEVICE)
    for table in synced_tables():
        conn.execute(
            f"INSERT INTO sync_row_clock (tbl, pk, hlc, dev, user_id) "
            f"SELECT ?, id, ?, ?, NULL FROM {q(table)}",
            (table, hlc, writer),
        )
    covers: coverage.Covers = {}
    coverage.add_range(covers, coverage.key_of(DEMO_DEVICE, epoch), 1, 1)
    conn.execute(
        "UPDATE sync_clock SET epoch = ?, pushed_seq = 0, folded_seq = 0, snapshot_id = NULL, "
        "snapshot_checked_ms = 0, snapshot_covers = ?, format_blocked = 0, device_id = NULL, "
        "user_id = NULL, home = NULL WHERE id = 1",
        (secrets.token_hex(4), coverage.to_json(covers)),
    )
    advance_clock(conn, hlc)  # this laptop's own edits come after the set
    size, seed, today = meta
    note_demo_set(conn, size, seed, today, training_id)


def _empty_folder(share: FolderShare, folder: str) -> int:
    """Remove everything in ``folder`` of the share (files, then its sub-folders)."""
    removed = 0
    try:
        names = share.list(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    subfolders = set(share.subfolders.get(folder, set()))
    for name in names:
        path = f"{folder}/{name}"
        if name in subfolders:
            removed += _empty_folder(share, path)
            share.rmdir(path)
        else:
            try:
                share.delete(path)
            except FileNotFoundError:
                continue
            removed += 1
    return removed


def publish_demo(
    data_dir: Path,
    share_path: str,
    *,
    size: str,
    seed: int,
    today: dt.date,
    replace: bool,
    load: DemoLoader,
) -> TrainingReport:
    """``vlot-desktop demo --share``: the demo set into ``data_dir`` (by ``load``, the demo
    loader) and onto ``share_path``.

    Nothing is changed, on the share or here, when it raises: ``TrainingShareError`` for a
    folder that is missing, not empty and not a share, a real share, or a training share
    without ``replace``; ``SyncSetupError`` for a laptop with changes not yet sent to another
    share; ``DemoDataExistsError`` for local data without ``replace``."""
    from vlot_desktop.services.setup import initialise_laptop
    from vlot_desktop.services.sync_service import SyncSetupError
    from vlot_desktop.settings import load_settings, save_settings
    from vlot_desktop.sync.capture import format_hlc
    from vlot_desktop.sync.compact import CompactResult, write_state_snapshot
    from vlot_desktop.sync.engine import check_share, create_share, open_sync_connection

    started = time.perf_counter()
    folder = Path(share_path).absolute()
    where = str(folder)
    if not folder.is_dir():
        raise TrainingShareError(
            f"share folder {where} not found or not reachable; nothing was changed",
            f"De sharemap {where} is niet gevonden of niet bereikbaar; er is niets gewijzigd.",
        )
    state = inspect_share(folder)
    if state.kind in ("new share", "training"):
        check_share(FolderShare(folder), where)  # a damaged or newer FORMAT.json is refused
    _refuse(state, where, replace)
    current = load_settings(data_dir).share_path
    unsent = _unsent_changes(data_dir)
    if current and unsent and not _same_folder(current, folder):
        raise SyncSetupError(
            f"this laptop has {unsent} changes not yet on its share ({current}): sync first, "
            "or use another data folder (--data-dir) for the training; nothing was changed",
            f"Deze laptop heeft {unsent} wijzigingen die nog niet op de share staan: "
            "synchroniseer eerst of gebruik een andere datamap om te oefenen. Er is niets "
            "gewijzigd.",
        )

    # 1. This laptop: the demo set, with the clocks of the snapshot it will be.
    moment = dt.datetime.now(dt.UTC)
    epoch = secrets.token_hex(4)
    stamp = moment.strftime("%Y%m%dt%H%M%S") + f"{moment.microsecond // 1000:03d}z"
    training_id = f"{stamp}-{epoch}"
    hlc = format_hlc(int(moment.timestamp() * 1000), 0)
    report = load(
        data_dir,
        size=size,
        seed=seed,
        today=today,
        replace=replace,
        then=lambda conn: _put_on_share_state(conn, epoch, hlc, training_id, (size, seed, today)),
    )
    # Registered as a device here (as 'init' does); on the share ("" = none for now) only once
    # the set is there, so an interrupted run never leaves it syncing with half a share.
    settings = initialise_laptop(data_dir, report.user_name, report.team_code, "")
    assert settings.device_id
    device = settings.device_id

    # 2. The share: made a VLOT share (or emptied), marked, then the snapshot.
    share = FolderShare(folder, temp_tag=device)
    removed = 0
    if state.kind == "empty":
        create_share(share, [], where)
    elif state.kind == "training":
        for name in SYNC_FOLDERS:
            removed += _empty_folder(share, name)
    share.makedirs(CHANGES)
    created = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    marker = f"{MARKER_PREFIX}{training_id}.json"
    data = _marker_bytes(size, seed, today, created, device)

    def write_marker(out: BinaryIO) -> None:
        out.write(data)

    share.write_once(marker, write_marker)
    conn = open_sync_connection(paths.database_path(data_dir))
    try:
        # The compactor's writer folds this laptop's outbox (its user and device) first.
        conn.execute(
            "UPDATE sync_clock SET device_id = ?, user_id = ? WHERE id = 1",
            (device, settings.user_id),
        )
        result = CompactResult()
        manifest = write_state_snapshot(conn, share, device, result)
        share.write_once(f"{CHANGES}/{snap.marker_name(manifest.id)}", lambda out: None)
        conn.execute(
            "UPDATE sync_clock SET snapshot_id = ?, snapshot_checked_ms = ? WHERE id = 1",
            (manifest.id, int(time.time() * 1000)),
        )
    finally:
        conn.close()
    for old in state.markers:  # last: until now the share was a training share all along
        with contextlib.suppress(FileNotFoundError):
            share.delete(old)

    # 3. This laptop syncs with it from now on.
    settings = load_settings(data_dir)
    settings.share_path = where
    save_settings(data_dir, settings)
    return TrainingReport(
        demo=report,
        share=folder,
        snapshot_id=manifest.id,
        snapshot_rows=result.snapshot_rows,
        replaced_share=state.kind == "training",
        files_removed=removed,
        duration_seconds=time.perf_counter() - started,
    )


# --- what the app tells the user -------------------------------------------------------------


class DemoStatus(enum.Enum):
    NONE = "none"  # no demo data (or only data that came through a real share)
    NOT_SHARED = "not shared"  # demo data loaded here, on no share
    TRAINING_SHARE = "training share"  # demo data of the training share this laptop syncs with


def _status(fetch: Callable[[str, tuple[Any, ...]], Any], share_path: str | None) -> DemoStatus:
    meta_row = fetch("SELECT value FROM local_meta WHERE key = ?", (DEMO_META_KEY,))
    meta: dict[str, Any] | None = None
    if meta_row is not None:
        try:
            loaded = json.loads(meta_row[0])
            meta = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            meta = {}
    if meta is not None and not meta.get("training_share"):
        return DemoStatus.NOT_SHARED  # the set loaded last here went on no share
    from_training = meta is not None
    if not from_training:
        writer = fetch("SELECT id FROM sync_actor WHERE name = ?", (DEMO_DEVICE,))
        from_training = (
            writer is not None
            and fetch("SELECT 1 FROM sync_row_clock WHERE dev = ? LIMIT 1", (writer[0],))
            is not None
        )
    if not from_training:
        return DemoStatus.NONE
    return DemoStatus.TRAINING_SHARE if share_path else DemoStatus.NOT_SHARED


def demo_status(conn: Connection, share_path: str | None) -> DemoStatus:
    """Whether this laptop holds demo data, and whether that is on a training share (the
    GUI reads it through ``store.read(demo_status, share_path)``)."""
    return _status(lambda sql, params: conn.exec_driver_sql(sql, params).fetchone(), share_path)


def demo_status_of(data_dir: Path) -> DemoStatus:
    """:func:`demo_status` of a data folder (command line, tests)."""
    from vlot_desktop.settings import load_settings

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return DemoStatus.NONE
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return _status(
            lambda sql, params: conn.execute(sql, params).fetchone(),
            load_settings(data_dir).share_path,
        )
    finally:
        conn.close()
