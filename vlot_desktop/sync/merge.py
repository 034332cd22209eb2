"""Merge change records into a laptop's database: a pure function of the *set* of records.

Per field, the write with the highest (HLC, device) wins (its clock is the row clock or an
exception in ``sync_field_clock``, see ``clocks.py``; a field without one has the baseline
clock, which every write beats and which never becomes a conflict). Every write carries
``base``: the HLC of the value its writer had seen. A write that
lost and is newer than every ``base`` seen for that field (``max_base``) was made without
knowing the winner: it is an open conflict in ``sync_conflicts``. Once some writer has seen it
(a later write's ``base`` reaches it), it is no longer open. This gives the same conflicts on
every laptop, whatever the order of arrival, duplicates included.

A delete is a tombstone (``sync_tombstone``): the row exists only while one of its fields was
written after the newest delete. An edit made after a delete revives the row (from the field
values, and the values it had when deleted) and is flagged as a conflict on the field
``"(deleted)"``.

Foreign keys are not enforced while merging (the caller opens the transaction with
``PRAGMA foreign_keys=OFF``): a child may arrive before its parent and is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from vlot_desktop.sync.batch import ROW_BASE, Record
from vlot_desktop.sync.clocks import Clock, ClockStore, Exception_

# The value codecs live in values.py (purge.py needs them and is below the merge); imported
# from here too.
from vlot_desktop.sync.values import canonical as canonical
from vlot_desktop.sync.values import from_sql as from_sql
from vlot_desktop.sync.values import stored_text as stored_text
from vlot_desktop.sync.values import to_sql as to_sql

DELETED_FIELD = "(deleted)"
# A row deleted by a laptop that had not seen an edit of it: the edit lost to the delete.
EDITED_FIELD = "(edited)"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat(" ") + ".000000"


class Merger:
    """Applies records through ``conn`` inside the caller's transaction; counts what it did."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        known: Mapping[str, frozenset[str]],
        local_columns: Mapping[str, set[str]],
    ) -> None:
        self.conn = conn
        self.known = known
        self.local_columns = local_columns
        self.applied = 0
        self.conflicts_new = 0
        self.max_hlc = ""
        # Records of tables this version does not know, kept for after an update (_set_aside):
        # table -> how many this round.
        self.set_aside: dict[str, int] = {}
        from vlot_desktop.sync.purge import purged_keys

        self.store = ClockStore(conn, known)
        # (table, key) -> purged fields ("*": the row): their values are dropped, always.
        self.purged = purged_keys(conn)
        # Blobs (attachment hashes) that applied rows refer to: fetched after the merge.
        self.blob_refs: set[str] = set()
        # A purge was applied: erased words must also leave indexes and the WAL (engine.pull).
        self.purged_now = False
        # (table, key) of the rows other laptops' records changed: rules spanning rows are
        # checked for them after the merge (``repair.py``).
        self.touched: set[tuple[str, str]] = set()

    def mark(self) -> tuple[Any, ...]:
        """What :meth:`rewind` needs to forget the records merged after this point, when the
        caller rolls the database back to a savepoint taken here."""
        return (
            self.applied,
            self.conflicts_new,
            self.max_hlc,
            set(self.blob_refs),
            self.purged_now,
            dict(self.set_aside),
        )

    def rewind(self, mark: tuple[Any, ...]) -> None:
        """Back to :meth:`mark` after the database went back to the matching savepoint: the
        counters, and the caches read from tables that the rollback restored."""
        from vlot_desktop.sync.purge import purged_keys

        self.applied, self.conflicts_new, self.max_hlc, refs, self.purged_now, aside = mark
        self.set_aside = dict(aside)
        self.blob_refs = set(refs)
        self.store = ClockStore(self.conn, self.known)
        self.purged = purged_keys(self.conn)

    # --- conflicts ---------------------------------------------------------------------------

    def _add_conflict(
        self, rec_key: tuple[str, str], field: str, pk: tuple[str, str], user: Any, value: Any
    ) -> None:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO sync_conflicts "
            "(tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (pk[0], pk[1], field, rec_key[0], rec_key[1], user, value),
        )
        self.conflicts_new += cursor.rowcount

    # --- one field ---------------------------------------------------------------------------

    def _merge_field(
        self,
        rec: Record,
        field: str,
        value: Any,
        won: dict[str, Any],
        row_clock: Clock | None,
        exc: Exception_ | None,
    ) -> bool:
        store = self.store
        table, pk = rec.table, rec.pk
        key = (rec.hlc, rec.dev)
        clock: Clock = (rec.hlc, rec.dev, rec.user)
        text = stored_text(value)
        base = rec.base.get(field)
        cur_value: str | None
        if exc is not None:
            cur_hlc, cur_dev, cur_user, cur_value, old_max = exc
            pinned = True
        elif row_clock is not None:
            cur_hlc, cur_dev, cur_user = row_clock
            cur_value, old_max, pinned = None, None, False  # the value is the row's
        else:
            # The baseline (no write yet): any write wins, and the baseline is never a loser.
            store.put_exception(table, pk, field, clock, text, base)
            won[field] = value
            return True
        max_base = max(old_max or "", base or "") or None
        if max_base != old_max:
            # Writes that some writer had seen are no longer open conflicts.
            self.conn.execute(
                "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ? "
                "AND loser_hlc <= ?",
                (table, pk, field, max_base),
            )
        if key > (cur_hlc, cur_dev):
            if cur_hlc > (max_base or ""):
                if cur_value is None:
                    cur_value = store.current_value(table, pk, field)
                self._add_conflict((cur_hlc, cur_dev), field, (table, pk), cur_user, cur_value)
            store.put_exception(table, pk, field, clock, text, max_base)
            won[field] = value
            return True
        base_grew = bool(max_base != old_max)
        conflict = key != (cur_hlc, cur_dev) and rec.hlc > (max_base or "")
        if base_grew or (conflict and not pinned):
            # The winner stays; an exception keeps its max_base, and the winner of an open
            # conflict always has one (the Conflicten screen reads it from there).
            if cur_value is None:
                cur_value = store.current_value(table, pk, field)
            store.put_exception(table, pk, field, (cur_hlc, cur_dev, cur_user), cur_value, max_base)
        if key == (cur_hlc, cur_dev):
            return base_grew  # a duplicate
        before = self.conflicts_new
        if conflict:
            self._add_conflict(key, field, (table, pk), rec.user, text)
        # A write that lost, seen before: nothing changes.
        return base_grew or self.conflicts_new != before

    # --- one record --------------------------------------------------------------------------

    def apply(self, rec: Record, *, local: bool = False) -> None:
        """Merge one record; ``local`` records are this laptop's own writes (already in the row)."""
        self.max_hlc = max(self.max_hlc, rec.hlc)
        if rec.table not in self.known:
            self._set_aside(rec)
            return
        if rec.op == "purge":
            from vlot_desktop.sync import extras

            extras.erase(self.conn, rec.table, rec.pk, rec.extra or None)
            self._purge(rec)
            return
        purged = self.purged.get((rec.table, rec.pk))
        if rec.extra and rec.op == "upsert" and not (purged and "*" in purged):
            from vlot_desktop.sync import extras

            extras.keep(self.conn, rec.table, rec.pk, (rec.hlc, rec.dev, rec.user), rec.extra)
        if purged:
            from vlot_desktop.sync.purge import WHOLE_ROW, revert_local_edit

            dropped = [WHOLE_ROW] if WHOLE_ROW in purged else [f for f in rec.fields if f in purged]
            if dropped and local:
                revert_local_edit(self.conn, rec.table, rec.pk, dropped)
            if WHOLE_ROW in purged:
                return  # a purged row never comes back, not even as a tombstone
            rec.fields = {k: v for k, v in rec.fields.items() if k not in purged}
            if rec.op == "upsert" and not rec.fields:
                return
        if rec.table == "attachment" and isinstance(rec.fields.get("sha256"), str):
            self.blob_refs.add(rec.fields["sha256"])
        changed = False
        won: dict[str, Any] = {}
        if rec.op == "delete":
            tomb = self.conn.execute(
                "SELECT hlc, dev FROM sync_tombstone WHERE tbl = ? AND pk = ?",
                (rec.table, rec.pk),
            ).fetchone()
            if tomb is None or (rec.hlc, rec.dev) > tuple(tomb):
                self.conn.execute(
                    "INSERT INTO sync_tombstone (tbl, pk, hlc, dev, user_id, row_json, row_base) "
                    "VALUES (?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (tbl, pk) DO UPDATE SET "
                    "hlc = excluded.hlc, dev = excluded.dev, user_id = excluded.user_id, "
                    "row_base = excluded.row_base",
                    (rec.table, rec.pk, rec.hlc, rec.dev, rec.user, rec.base.get(ROW_BASE)),
                )
                changed = True
        else:
            row_clock, exceptions = self.store.state(rec.table, rec.pk)
            if (
                row_clock is None
                and not exceptions
                and not purged
                and rec.fields.keys() >= self.known[rec.table]
                and self.conn.execute(
                    "SELECT 1 FROM sync_tombstone WHERE tbl = ? AND pk = ?", (rec.table, rec.pk)
                ).fetchone()
                is None
            ):
                self._fresh(rec, local=local)
                return
            for field, value in rec.fields.items():
                changed = (
                    self._merge_field(rec, field, value, won, row_clock, exceptions.get(field))
                    or changed
                )
        if changed:
            self.applied += 1
            if not local:
                self.touched.add((rec.table, rec.pk))
            self._materialize(rec.table, rec.pk, won, local=local)

    def _fresh(self, rec: Record, *, local: bool) -> None:
        """A write of every field of a row that has no clock at all (a new record): it wins
        everywhere, conflicts with nothing, and becomes the row clock once the row is there."""
        self.applied += 1
        if not local:
            self.touched.add((rec.table, rec.pk))
        table, pk = rec.table, rec.pk
        clock: Clock = (rec.hlc, rec.dev, rec.user)
        exists = self.conn.execute(f"SELECT 1 FROM {_q(table)} WHERE id = ?", (pk,)).fetchone()
        if not local:
            if exists:
                sets = ", ".join(f"{_q(f)} = ?" for f in rec.fields)
                self.conn.execute(
                    f"UPDATE {_q(table)} SET {sets} WHERE id = ?",
                    (*[to_sql(v) for v in rec.fields.values()], pk),
                )
            else:
                exists = self._insert(table, pk, dict(rec.fields))
        if exists:
            self.store.put_row_clock(table, pk, clock)
            for field, base in rec.base.items():
                if base is not None and field in rec.fields:
                    self.store.put_exception(
                        table, pk, field, clock, stored_text(rec.fields[field]), base
                    )
            return
        # Not in its table (a required field is missing): the values wait with the clocks.
        for field, value in rec.fields.items():
            self.store.put_exception(
                table, pk, field, clock, stored_text(value), rec.base.get(field)
            )

    def _set_aside(self, rec: Record) -> None:
        """A record of a table of a newer version: kept (``sync.extras``) instead of dropped.

        Its fields are kept with their clocks, its delete as a tombstone and its purge as a
        purge marker (erasing what was kept), so snapshots made here carry them, and once this
        laptop is updated the kept fields are merged as the writes they were (``extras.promote``)
        and meet the tombstone as any write would.
        """
        from vlot_desktop.sync import extras

        key = (rec.table, rec.pk)
        self.set_aside[rec.table] = self.set_aside.get(rec.table, 0) + 1
        if rec.op == "purge":
            fields = sorted(rec.extra) or ["*"]
            extras.erase(self.conn, rec.table, rec.pk, None if fields == ["*"] else fields)
            for field in fields:
                self.conn.execute(
                    "INSERT INTO sync_purged (tbl, pk, field, hlc, dev, user_id) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, pk, field) DO UPDATE SET "
                    "hlc = excluded.hlc, dev = excluded.dev, user_id = excluded.user_id "
                    "WHERE (excluded.hlc, excluded.dev) > (sync_purged.hlc, sync_purged.dev)",
                    (rec.table, rec.pk, field, rec.hlc, rec.dev, rec.user),
                )
                self.purged.setdefault(key, set()).add(field)
            return
        purged = self.purged.get(key, set())
        if "*" in purged:
            return  # an erased record never comes back
        if rec.op == "delete":
            self.conn.execute(
                "INSERT INTO sync_tombstone (tbl, pk, hlc, dev, user_id, row_json, row_base) "
                "VALUES (?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (tbl, pk) DO UPDATE SET "
                "hlc = excluded.hlc, dev = excluded.dev, user_id = excluded.user_id, "
                "row_base = excluded.row_base "
                "WHERE (excluded.hlc, excluded.dev) > (sync_tombstone.hlc, sync_tombstone.dev)",
                (rec.table, rec.pk, rec.hlc, rec.dev, rec.user, rec.base.get(ROW_BASE)),
            )
            return
        values = {k: v for k, v in rec.extra.items() if k not in purged}
        extras.keep(self.conn, rec.table, rec.pk, (rec.hlc, rec.dev, rec.user), values)

    def _purge(self, rec: Record) -> None:
        """A purge always wins: whatever the HLCs, the fields are blanked (or the row goes)."""
        from vlot_desktop.sync.purge import apply_purge_marker, purge_fields

        fields = purge_fields(rec)
        if fields is None:
            return
        self.purged_now = True
        for field in fields:
            apply_purge_marker(
                self.conn, self, rec.table, rec.pk, field, (rec.hlc, rec.dev, rec.user)
            )
        self.applied += 1

    def _materialize(self, table: str, pk: str, won: dict[str, Any], *, local: bool) -> None:
        """Bring the row in line with its field clocks and tombstone."""
        conn = self.conn
        tomb = conn.execute(
            "SELECT hlc, dev, user_id, row_json, row_base FROM sync_tombstone "
            "WHERE tbl = ? AND pk = ?",
            (table, pk),
        ).fetchone()
        visible = True
        if tomb is not None:
            # Purged fields hold the purge's stamp, not a write: they never revive a row.
            purged = self.purged.get((table, pk), set())
            newest = self._newest_write(table, pk, purged)
            visible = newest is not None and newest > (tomb[0], tomb[1])
            # A row revived by an edit made without knowing of the delete is a conflict; a
            # write that had seen the delete (a restore, "keep the record") settles it.
            revived = visible and not self._delete_seen(table, pk, tomb[0])
            conn.execute(
                "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ? "
                "AND NOT (loser_hlc = ? AND loser_dev = ? AND ?)",
                (table, pk, DELETED_FIELD, tomb[0], tomb[1], revived),
            )
            if revived:
                self._add_conflict((tomb[0], tomb[1]), DELETED_FIELD, (table, pk), tomb[2], None)
            self._edits_lost(table, pk, tomb, visible, purged)
        if local:
            return  # this laptop's own write is in the row already
        exists = conn.execute(f"SELECT 1 FROM {_q(table)} WHERE id = ?", (pk,)).fetchone()
        if not visible:
            if exists:
                self._bury(table, pk)
            return
        if exists:
            if won:
                sets = ", ".join(f"{_q(f)} = ?" for f in won)
                conn.execute(
                    f"UPDATE {_q(table)} SET {sets} WHERE id = ?",
                    (*[to_sql(v) for v in won.values()], pk),
                )
            return
        self._revive(table, pk, tomb[3] if tomb is not None else None)

    def _delete_seen(self, table: str, pk: str, tomb_hlc: str) -> bool:
        """Some write of the row had seen the delete (its base reaches the tombstone)."""
        return (
            self.conn.execute(
                "SELECT 1 FROM sync_field_clock WHERE tbl = ? AND pk = ? AND max_base >= ? LIMIT 1",
                (table, pk, tomb_hlc),
            ).fetchone()
            is not None
        )

    def _edits_lost(
        self, table: str, pk: str, tomb: tuple[Any, ...], visible: bool, purged: set[str]
    ) -> None:
        """The edits a delete won over without its writer having seen them (written after the
        newest write the deleter had seen, before the delete): one conflict per row, holding
        the edited values, so that the user can restore the record with them. A function of
        the row's clocks and tombstone, so the same on every laptop in any order."""
        tomb_key = (str(tomb[0]), str(tomb[1]))
        row_base = tomb[4]
        unseen: dict[str, Exception_] = {}
        if not visible and row_base is not None:  # (a delete from an older version: unknown)
            for name, exc in self.store.exceptions(table, pk).items():
                if name in purged or name not in self.known[table]:
                    continue
                if str(exc[0]) > row_base and (str(exc[0]), str(exc[1])) < tomb_key:
                    unseen[name] = exc
        if not unseen:
            self.conn.execute(
                "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ?",
                (table, pk, EDITED_FIELD),
            )
            return
        newest = max(unseen.values(), key=lambda e: (str(e[0]), str(e[1])))
        values = canonical(
            {f: json.loads(e[3]) if e[3] is not None else None for f, e in sorted(unseen.items())}
        )
        self.conn.execute(
            "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ? AND NOT "
            "(loser_hlc = ? AND loser_dev = ? AND loser_value = ?)",
            (table, pk, EDITED_FIELD, newest[0], newest[1], values),
        )
        self._add_conflict((newest[0], newest[1]), EDITED_FIELD, (table, pk), newest[2], values)

    def _bury(self, table: str, pk: str) -> None:
        """Delete the row, keeping its values with the tombstone (to revive it later)."""
        fields = sorted(self.known[table])
        row = self.conn.execute(
            f"SELECT {', '.join(_q(f) for f in fields)} FROM {_q(table)} WHERE id = ?", (pk,)
        ).fetchone()
        values = {f: from_sql(v) for f, v in zip(fields, row, strict=True)}
        self.conn.execute(
            "UPDATE sync_tombstone SET row_json = ? WHERE tbl = ? AND pk = ?",
            (canonical(values), table, pk),
        )
        self.conn.execute(f"DELETE FROM {_q(table)} WHERE id = ?", (pk,))

    def _newest_write(self, table: str, pk: str, purged: set[str]) -> tuple[str, str] | None:
        """(hlc, device) of the newest write of a field of the row that is not purged."""
        exceptions = self.store.exceptions(table, pk)
        stamps = [(str(e[0]), str(e[1])) for f, e in exceptions.items() if f not in purged]
        if not self.known[table] <= exceptions.keys():
            row_clock = self.store.row_clock(table, pk)
            if row_clock is not None:
                stamps.append((row_clock[0], row_clock[1]))
        return max(stamps, default=None)

    def _revive(self, table: str, pk: str, row_json: str | None) -> None:
        """Insert the row from its field values; kept pending while required fields are missing."""
        values: dict[str, Any] = json.loads(row_json) if row_json else {}
        for field, text in self.conn.execute(
            "SELECT field, value FROM sync_field_clock WHERE tbl = ? AND pk = ?", (table, pk)
        ):
            if field in self.known[table]:
                values[field] = json.loads(text) if text is not None else None
        self._insert(table, pk, values)

    def _insert(self, table: str, pk: str, values: dict[str, Any]) -> bool:
        """Insert a row (local columns filled in); False when a required field is missing."""
        values = {k: v for k, v in values.items() if k in self.known[table]}
        now = _now_text()
        for column in self.local_columns.get(table, set()):
            values.setdefault(column, values.get("created_at") or now)
        names = ["id", *values]
        self.conn.execute("SAVEPOINT revive")
        try:
            self.conn.execute(
                f"INSERT INTO {_q(table)} ({', '.join(_q(n) for n in names)}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                (pk, *[to_sql(v) for v in values.values()]),
            )
            done = True
        except sqlite3.IntegrityError:
            # Not all required fields have arrived yet (their batch is late or was refused):
            # the values wait in sync_field_clock and the row appears when they arrive.
            self.conn.execute("ROLLBACK TO revive")
            done = False
        self.conn.execute("RELEASE revive")
        return done
