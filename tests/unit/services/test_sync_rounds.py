"""The sync rounds kept in the data folder: what the status bar reads after a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vlot_desktop import paths
from vlot_desktop.services.sync_rounds import (
    KEEP,
    SyncRound,
    last_success,
    load_rounds,
    save_rounds,
)


def _round(minute: int, ok: bool = True, text: str = "Klaar") -> SyncRound:
    return SyncRound(dt.datetime(2026, 11, 27, 9, minute % 60, minute // 60), ok, text)


def test_rounds_come_back_in_order_with_their_text(tmp_path: Path) -> None:
    rounds = [_round(1), _round(2, ok=False, text="Share niet bereikbaar: \\\\srv\\vlot")]
    save_rounds(tmp_path, rounds)
    assert load_rounds(tmp_path) == rounds
    assert last_success(load_rounds(tmp_path)) == dt.datetime(2026, 11, 27, 9, 1)


def test_only_the_newest_rounds_are_kept(tmp_path: Path) -> None:
    rounds = [_round(i) for i in range(KEEP + 30)]
    save_rounds(tmp_path, rounds)
    kept = load_rounds(tmp_path)
    assert len(kept) == KEEP
    assert kept[0] == rounds[30] and kept[-1] == rounds[-1]


def test_missing_or_damaged_file_means_no_rounds(tmp_path: Path) -> None:
    assert load_rounds(tmp_path) == []
    paths.sync_rounds_path(tmp_path).write_text('[{"at": "gisteren", "ok": true}]', "utf-8")
    assert load_rounds(tmp_path) == []
    paths.sync_rounds_path(tmp_path).write_bytes(b"\xff\xfe")
    assert load_rounds(tmp_path) == []
    assert last_success([_round(5, ok=False)]) is None


def test_a_damaged_entry_does_not_hide_the_others(tmp_path: Path) -> None:
    paths.sync_rounds_path(tmp_path).write_text(
        '[{"at": "2026-11-27T09:00:00", "ok": true, "text": "Klaar"}, {"at": 5}]', "utf-8"
    )
    assert load_rounds(tmp_path) == [SyncRound(dt.datetime(2026, 11, 27, 9, 0), True, "Klaar")]
