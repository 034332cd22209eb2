"""Typed per-laptop settings, kept as JSON in the data folder (never synced).

Written atomically (temp file + rename) so a crash never leaves half a settings file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from vlot_desktop import paths

DEFAULT_SYNC_MINUTES = 10
LANGUAGES = ("nl", "en")


@dataclass
class Settings:
    user_id: str | None = None
    user_name: str | None = None
    team_code: str | None = None
    device_id: str | None = None
    share_path: str | None = None
    sync_interval_minutes: int = DEFAULT_SYNC_MINUTES
    language: str = "nl"
    # The column mapping last chosen in the locations import: header key -> column key.
    location_import_mapping: dict[str, str] | None = None

    @property
    def is_configured(self) -> bool:
        """True once the first-run step (or ``init``) chose a user and a team."""
        return bool(self.user_id and self.team_code and self.device_id)


def load_settings(data_dir: Path) -> Settings:
    file = paths.settings_path(data_dir)
    if not file.exists():
        return Settings()
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
    settings = Settings(**values)
    if settings.language not in LANGUAGES:
        settings.language = "nl"
    return settings


def save_settings(data_dir: Path, settings: Settings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    file = paths.settings_path(data_dir)
    temp = file.with_suffix(".json.tmp")
    with temp.open("w", encoding="utf-8") as handle:
        json.dump(asdict(settings), handle, indent=2, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, file)
