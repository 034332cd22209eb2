"""Reading a snapshot's parts into chunks ready to apply, in a helper process when it is large.

Bootstrapping a new laptop from the large demo set reads 1.1 million lines: decompressing,
parsing and checking them takes about as long as inserting them. So for a large snapshot a
second process (``multiprocessing``, spawned: never forked from a process that runs Qt
threads) parses and checks the next part while this one inserts the previous; the lines come
back already sorted per table as tuples, with repeated names shared so the pickles stay small.
A small snapshot, a machine with one core, or a helper that cannot start is read in this
process, with the same functions and the same result.

The helper gets the part's bytes, which this process has read from the share and checked
against the manifest (sizes, SHA-256): the helper never touches the share or the database.
"""

from __future__ import annotations

import collections
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync.batch import MAX_BATCH_BYTES
from vlot_desktop.sync.merge import to_sql
from vlot_desktop.sync.share import Share, TooLargeError

HELPER_MIN_LINES = 100_000  # below this the helper's start (0.2-1 s) is not worth it
HELPERS = 2  # parsing takes about twice as long as inserting: two helpers keep up

Clock = tuple[str, str, str | None]
# One row line: key, the names of its known fields, the row to insert ``(pk, *values in
# SQLite's form, *local column stamps)``, its clocks, and the non-empty "w" and "b" maps.
RowItem = tuple[
    str,
    tuple[str, ...],
    tuple[Any, ...],
    tuple[Clock, ...],
    dict[str, int] | None,
    dict[str, str] | None,
]


@dataclass
class Prepared:
    """A chunk of checked snapshot lines of known tables, sorted for applying."""

    others: list[dict[str, Any]] = field(default_factory=list)  # purge, tomb, conf: in order
    rows: dict[str, list[RowItem]] = field(default_factory=dict)  # per table, in order
    row_lines: int = 0  # row lines of known tables (also those with no known field left)
    max_hlc: str = ""  # the newest clock of the rows given


_SPECIAL = frozenset({dict, bool})  # JSON values SQLite does not store as they are


def prepare_lines(
    lines: Iterable[dict[str, Any]],
    known: Mapping[str, frozenset[str]],
    local: Mapping[str, tuple[str, ...]],
    now: str,
    size: int,
) -> Iterator[Prepared]:
    """Checked lines (``snapshot.read_part``) as chunks of about ``size`` lines. A local column
    (not synced) gets the row's ``created_at``, or ``now``."""
    names_seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    ids: dict[Any, Any] = {}  # one object per repeated id, so a pickle holds it once
    chunk = Prepared()
    count = 0
    for line in lines:
        count += 1
        table = line["t"]
        fields_known = known.get(table)
        if fields_known is None:
            # A table of a newer version: a row's fields are kept (``sync.extras``), a
            # tombstone or purge set aside by the merge; its conflicts are not kept.
            if line["k"] == "row":
                chunk.others.append(
                    {"k": "extra", "t": table, "pk": line["pk"], "f": line["f"],
                     "c": line["c"], "w": line.get("w") or {}}
                )  # fmt: skip
            elif line["k"] != "conf":
                chunk.others.append(line)
        else:
            if line["k"] != "row":
                chunk.others.append(line)
            else:
                chunk.row_lines += 1
                if not line["f"].keys() <= fields_known:
                    # Fields of a newer version: kept apart (sync.extras), not dropped.
                    unknown = {k: v for k, v in line["f"].items() if k not in fields_known}
                    chunk.others.append(
                        {"k": "extra", "t": table, "pk": line["pk"], "f": unknown,
                         "c": line["c"], "w": line.get("w") or {}}
                    )  # fmt: skip
                item = _row_item(line, fields_known, local.get(table, ()), now, names_seen, ids)
                if item is not None:
                    table = ids.setdefault(table, table)
                    chunk.rows.setdefault(table, []).append(item)
                    for clock in item[3]:
                        if clock[0] > chunk.max_hlc:
                            chunk.max_hlc = clock[0]
        if count >= size:
            yield chunk
            chunk, count = Prepared(), 0
    if count:
        yield chunk


def _row_item(
    line: dict[str, Any],
    fields_known: frozenset[str],
    local: tuple[str, ...],
    now: str,
    names_seen: dict[tuple[str, ...], tuple[str, ...]],
    ids: dict[Any, Any],
) -> RowItem | None:
    fields: dict[str, Any] = line["f"]
    if not fields.keys() <= fields_known:
        fields = {k: v for k, v in fields.items() if k in fields_known}
    if not fields:
        return None
    names = tuple(fields)
    names = names_seen.setdefault(names, names)
    values: Iterable[Any] = fields.values()
    if not _SPECIAL.isdisjoint(map(type, values)):
        values = [to_sql(v) for v in values]  # 0/1 for booleans, bytes for blobs
    pk = line["pk"]
    if local:
        stamp = fields.get("created_at") or now
        row = (pk, *values, *([stamp] * len(local)))
    else:
        row = (pk, *values)
    clocks = tuple(
        (hlc, ids.setdefault(dev, dev), ids.setdefault(user, user)) for hlc, dev, user in line["c"]
    )
    return (pk, names, row, clocks, line.get("w") or None, line.get("b") or None)


def prepare_part(
    data: bytes,
    part: snap.Part,
    snap_id: str,
    number: int,
    known: Mapping[str, frozenset[str]],
    local: Mapping[str, tuple[str, ...]],
    now: str,
    size: int,
) -> list[bytes]:
    """One whole part, checked and prepared, as one pickle per chunk (what a helper process
    runs): pickles are a fifth of the size of the objects, so parts waiting to be applied
    hold little memory, and each chunk becomes objects only when it is applied. The pickles
    are made here, from our own objects, and read only by the process that started this one."""
    lines = snap.read_part(data, part, snap_id, number)
    return [
        pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        for chunk in prepare_lines(lines, known, local, now, size)
    ]


def _read(share: Share, manifest: snap.Manifest, part: snap.Part) -> bytes:
    try:
        return share.read(f"{snap.folder(manifest.id)}/{part.name}", MAX_BATCH_BYTES)
    except TooLargeError as exc:
        raise snap.BadSnapshotError(f"{part.name}: too large") from exc


def use_helper(manifest: snap.Manifest) -> bool:
    lines = sum(part.lines for part in manifest.parts)
    return lines >= HELPER_MIN_LINES and len(manifest.parts) > 1 and (os.cpu_count() or 1) > 1


def prepared_chunks(
    share: Share,
    manifest: snap.Manifest,
    known: Mapping[str, frozenset[str]],
    local: Mapping[str, tuple[str, ...]],
    now: str,
    size: int,
    *,
    helper: bool | None = None,
) -> Iterator[Prepared]:
    """Every part of ``manifest`` in order, as chunks to apply; parsed in a helper process
    (``helper``; by default for a large snapshot) while the caller applies the chunks before."""
    parts = list(enumerate(manifest.parts, start=1))
    if helper is None:
        helper = use_helper(manifest)
    done = 0  # parts given to the caller
    if helper:
        try:
            for pickles in _from_helper(share, manifest, parts, known, local, now, size):
                for index in range(len(pickles)):
                    chunk: Prepared = pickle.loads(pickles[index])
                    pickles[index] = b""  # (freed as it goes)
                    yield chunk
                done += 1
        except _HelperFailed:
            pass  # it could not start, or died: the rest is read here, as for a small one
    for number, part in parts[done:]:
        lines = snap.read_part(_read(share, manifest, part), part, manifest.id, number)
        yield from prepare_lines(lines, known, local, now, size)


class _HelperFailed(Exception):
    """The helper process could not be started or stopped unexpectedly."""


def _from_helper(
    share: Share,
    manifest: snap.Manifest,
    parts: list[tuple[int, snap.Part]],
    known: Mapping[str, frozenset[str]],
    local: Mapping[str, tuple[str, ...]],
    now: str,
    size: int,
) -> Iterator[list[bytes]]:
    """Parts prepared by one helper process, one part ahead of the caller (so at most two
    parts' lines are held at a time)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    workers = max(1, min(HELPERS, (os.cpu_count() or 1), len(parts)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    pending: collections.deque[Future[list[bytes]]] = collections.deque()
    try:
        for number, part in parts:
            data = _read(share, manifest, part)
            if len(data) != part.size:
                raise snap.BadSnapshotError(f"{part.name}: does not match the manifest")
            try:
                pending.append(
                    pool.submit(
                        prepare_part, data, part, manifest.id, number, known, local, now, size
                    )
                )
            except (OSError, BrokenProcessPool, RuntimeError) as exc:
                raise _HelperFailed(str(exc)) from exc
            del data
            if len(pending) > workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[bytes]]) -> list[bytes]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise _HelperFailed(str(exc)) from exc
