"""Local-only bookkeeping of the sync (never synced, never in ``dump``).

- ``sync_clock``: one row (id 1): this laptop's hybrid logical clock, who writes, and whether
  change capture is suppressed (while remote records or demo data are written).
- ``sync_outbox``: every local change of a synced table, one row per changed field, written by
  the capture triggers in the same transaction as the change (``vlot_desktop.sync.capture``).
- ``sync_row_clock`` / ``sync_field_clock`` / ``sync_actor``: the clock of every synced field,
  compactly: one per row plus exceptions (``vlot_desktop.sync.clocks``).
- ``sync_purged``: fields (or whole rows) erased for GDPR; later values for them are dropped.
- ``sync_blob``: attachment blobs this laptop still has to download (or found corrupt).
- ``sync_extra``: fields written by a newer version, kept for it (``vlot_desktop.sync.extras``).
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base


class SyncClock(Base):
    """This laptop's hybrid logical clock and capture switch (exactly one row, id 1)."""

    __tablename__ = "sync_clock"
    __local__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # Highest (wall milliseconds, counter) stamped or received; the triggers advance it.
    wall_ms: Mapped[int] = mapped_column(Integer, default=0)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    device_id: Mapped[str | None] = mapped_column(String(36))
    user_id: Mapped[str | None] = mapped_column(String(36))
    # 1 while remote records or demo data are written: the triggers then stay silent.
    suppress: Mapped[int] = mapped_column(Integer, default=0)
    # Random, fixed at creation; a laptop restored from a backup must draw a new one, or its
    # reused seq numbers would be taken for batches already seen.
    epoch: Mapped[str] = mapped_column(String(16), default="")
    # Outbox rows up to this seq are already in a batch file on the share.
    pushed_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Outbox rows up to this seq are already merged into ``sync_field_clock``.
    folded_seq: Mapped[int] = mapped_column(Integer, default=0)
    # The newest snapshot on the share this laptop has looked at (and applied when it needed
    # it), when it last looked (wall ms), and which batches the snapshots it applied cover
    # (JSON ``{"<device>_<epoch>": [[seq_from, seq_to], ...]}``).
    snapshot_id: Mapped[str | None] = mapped_column(String(64))
    snapshot_checked_ms: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    snapshot_covers: Mapped[str | None] = mapped_column(Text)
    # A format newer than this version met on the share: sync stays read-only until an update.
    format_blocked: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Where the database lives (computer name | data folder): a copy elsewhere (another laptop,
    # another folder) goes on under a new epoch at its first sync (``sync.engine.check_home``).
    home: Mapped[str | None] = mapped_column(String(500))


class SyncOutbox(Base):
    """One changed field of one row (or one delete), in the order they happened."""

    __tablename__ = "sync_outbox"
    __local__ = True
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # "<wall ms, 13 digits>-<counter, 8 digits>": sorts as text; the device breaks ties.
    hlc: Mapped[str] = mapped_column(String(32))
    tbl: Mapped[str] = mapped_column(String(64))
    pk: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))  # "upsert" | "delete"
    field: Mapped[str | None] = mapped_column(String(64))  # None for a delete
    value: Mapped[str | None] = mapped_column(Text)  # the new value as JSON text
    device_id: Mapped[str | None] = mapped_column(String(36))
    user_id: Mapped[str | None] = mapped_column(String(36))
    # The HLC of the value the writer had seen (set when the row is merged into the clock).
    base: Mapped[str | None] = mapped_column(String(32))


class SyncActor(Base):
    """A device or user id, stored once: the row clocks refer to it by this small number."""

    __tablename__ = "sync_actor"
    __local__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)


class SyncRowClock(Base):
    """The write that set every synced field of a row (one per row; ``vlot_desktop.sync.clocks``).

    It is the clock of each field of the row that has no ``sync_field_clock`` exception; the
    values are the row's own. A field with neither has the baseline clock (any write wins).
    """

    __tablename__ = "sync_row_clock"
    __local__ = True
    __table_args__ = {"sqlite_with_rowid": False}

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    pk: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    dev: Mapped[int] = mapped_column(Integer)  # sync_actor.id
    user_id: Mapped[int | None] = mapped_column(Integer)  # sync_actor.id


class SyncFieldClock(Base):
    """An exception to the row clock: the winning write of one field of one synced row when it
    is not the row clock's (last writer wins, by HLC + device), or has a ``max_base``, or won an
    open conflict; every written field of a row without a row clock.

    ``max_base`` is the newest HLC any writer of this field had seen: a losing write newer than
    it was made without knowing the others, and is an open conflict.
    """

    __tablename__ = "sync_field_clock"
    __local__ = True

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    pk: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    dev: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)  # canonical JSON of the winning value
    max_base: Mapped[str | None] = mapped_column(String(32))


class SyncTombstone(Base):
    """The newest delete of a row. The row exists only while some field is newer than it."""

    __tablename__ = "sync_tombstone"
    __local__ = True

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    pk: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    dev: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    # The row's values when it was deleted (for fields without a clock), to revive it.
    row_json: Mapped[str | None] = mapped_column(Text)
    # The newest write of the row its deleter had seen: a field written after it (and before
    # the delete) was an edit the deleter did not know of, shown as a conflict (merge.py).
    row_base: Mapped[str | None] = mapped_column(String(32))


class SyncConflict(Base):
    """A write that lost to a concurrent one: the same rows on every laptop.

    ``field`` is ``"(deleted)"`` for a row revived by an edit made after its deletion, and
    ``"(edited)"`` for a row deleted by a laptop that had not seen an edit of it (the edit's
    values in ``loser_value``, as a JSON object).
    """

    __tablename__ = "sync_conflicts"
    __local__ = True
    __table_args__ = (
        UniqueConstraint("tbl", "pk", "field", "loser_hlc", "loser_dev"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(64))
    pk: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    loser_hlc: Mapped[str] = mapped_column(String(32))
    loser_dev: Mapped[str] = mapped_column(String(64))
    loser_user: Mapped[str | None] = mapped_column(String(64))
    loser_value: Mapped[str | None] = mapped_column(Text)


class SyncIngested(Base):
    """Batch files already taken in (or refused), so that each is read once."""

    __tablename__ = "sync_ingested"
    __local__ = True

    file: Mapped[str] = mapped_column(String(160), primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    records: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))  # "applied" | "own" | "rejected"
    reason: Mapped[str | None] = mapped_column(Text)


class SyncPurged(Base):
    """A field (``field = "*"``: the whole row) erased by a purge. A purge always wins: values
    arriving later for it, from any laptop and with any HLC, are dropped."""

    __tablename__ = "sync_purged"
    __local__ = True

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    pk: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    dev: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))


class SyncBlob(Base):
    """An attachment blob referenced by a synced row but not (yet) in the local store."""

    __tablename__ = "sync_blob"
    __local__ = True

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))  # "missing" | "corrupt"
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncExtra(Base):
    """A field a newer version of the app writes and this version has no column for: kept (last
    writer wins, as any field), written into this laptop's snapshots, and applied to its column
    once this laptop is updated (``sync.extras``), so an older laptop never loses it."""

    __tablename__ = "sync_extra"
    __local__ = True

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    pk: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    dev: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)  # canonical JSON
