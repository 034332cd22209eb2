"""The recent sync rounds of this laptop, kept in the data folder.

So that "last sync" in the status bar and the rounds on the Synchronisatie screen survive a
restart: a user who synced yesterday should not read "not yet" this morning. The texts hold
counts and reasons (as shown at the time, in the interface language of that moment), never
personal data. A missing or damaged file means "no rounds yet"; it is never a reason to fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vlot_desktop import paths

_SAVING = threading.Lock()  # two rounds ending close together write one after the other

KEEP = 200
"""Rounds kept: about two weeks of automatic syncs every ten minutes during office hours."""


@dataclass(frozen=True)
class SyncRound:
    """One sync round: when it ended, whether it succeeded, what it said."""

    at: dt.datetime
    ok: bool
    text: str


def load_rounds(data_dir: Path) -> list[SyncRound]:
    """The kept rounds, oldest first; an empty list when there is no (readable) file."""
    file = paths.sync_rounds_path(data_dir)
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    rounds: list[SyncRound] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            rounds.append(
                SyncRound(
                    dt.datetime.fromisoformat(item["at"]), bool(item["ok"]), str(item["text"])
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return rounds[-KEEP:]


def save_rounds(data_dir: Path, rounds: Sequence[SyncRound]) -> None:
    """Write the newest ``KEEP`` rounds, replacing the file in one step."""
    file = paths.sync_rounds_path(data_dir)
    temp = file.with_name(file.name + ".tmp")
    items = [{"at": r.at.isoformat(), "ok": r.ok, "text": r.text} for r in rounds[-KEEP:]]
    with _SAVING:
        with temp.open("w", encoding="utf-8") as handle:
            json.dump(items, handle, ensure_ascii=False, indent=0)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, file)


def last_success(rounds: Sequence[SyncRound]) -> dt.datetime | None:
    """When the newest successful round ended, if any."""
    return max((r.at for r in rounds if r.ok), default=None)
