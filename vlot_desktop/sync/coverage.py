"""Which change batches a laptop (or a snapshot) holds: per ``<device>_<epoch>``, seq ranges.

A batch file names its laptop, epoch and seq range; the batches of one laptop and epoch tile its
seq numbers without overlap. A snapshot's manifest lists the ranges it covers, so a laptop can
tell, from names alone, whether it has everything a snapshot holds (then it never re-applies
it) and which files on the share it may skip.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping

from vlot_desktop.sync.batch import BatchName, parse_batch_name

Covers = dict[str, list[list[int]]]


def key_of(device: str, epoch: str) -> str:
    return f"{device.lower()}_{epoch}"


def add_range(covers: Covers, key: str, lo: int, hi: int) -> None:
    """Add ``lo..hi`` to ``covers[key]``, merging overlapping and adjacent ranges."""
    ranges = sorted([*covers.get(key, []), [lo, hi]])
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    covers[key] = merged


def merge(*all_covers: Mapping[str, Iterable[Iterable[int]]]) -> Covers:
    result: Covers = {}
    for covers in all_covers:
        for key, ranges in covers.items():
            for lo, hi in ranges:
                add_range(result, key, int(lo), int(hi))
    return result


def contains(covers: Mapping[str, list[list[int]]], key: str, lo: int, hi: int) -> bool:
    return any(start <= lo and hi <= end for start, end in covers.get(key, []))


def contains_name(covers: Mapping[str, list[list[int]]], name: BatchName) -> bool:
    return contains(covers, key_of(name.device, name.epoch), name.seq_from, name.seq_to)


def covers_all(ours: Mapping[str, list[list[int]]], theirs: Mapping[str, list[list[int]]]) -> bool:
    """True when every range of ``theirs`` lies inside ``ours``."""
    return all(contains(ours, key, lo, hi) for key, ranges in theirs.items() for lo, hi in ranges)


def from_json(text: str | None) -> Covers:
    if not text:
        return {}
    loaded = json.loads(text)
    return merge(loaded) if isinstance(loaded, dict) else {}


def to_json(covers: Covers) -> str:
    return json.dumps(covers, sort_keys=True, separators=(",", ":"))


def local_covers(conn: sqlite3.Connection) -> Covers:
    """What this laptop holds: the batches it applied or wrote, and the snapshots it applied."""
    covers = from_json(
        conn.execute("SELECT snapshot_covers FROM sync_clock WHERE id = 1").fetchone()[0]
    )
    for (file,) in conn.execute(
        "SELECT file FROM sync_ingested WHERE status IN ('applied', 'own')"
    ).fetchall():
        name = parse_batch_name(str(file))
        if name is not None:
            add_range(covers, key_of(name.device, name.epoch), name.seq_from, name.seq_to)
    return covers


def has_gap(covers: Mapping[str, list[list[int]]], unseen: Iterable[BatchName]) -> bool:
    """True when the unseen files on the share do not follow on from what this laptop holds
    (seq numbers start at 1): the batches in between were removed by compaction, so only a
    snapshot has them."""
    keys: Covers = {}
    for name in unseen:
        key = key_of(name.device, name.epoch)
        if key not in keys:
            keys[key] = [list(r) for r in covers.get(key, [])]
        add_range(keys, key, name.seq_from, name.seq_to)
    return any(len(ranges) > 1 or ranges[0][0] > 1 for ranges in keys.values())
