"""The one place that knows where data, resources and migrations live.

Three situations must work: a source checkout (``resources/`` and ``migrations/`` next to the
package), an installed wheel (both shipped inside the package as ``_resources``/``_migrations``)
and a PyInstaller bundle (both unpacked under ``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "VLOT Desktop"
DATA_DIR_ENV = "VLOT_DATA_DIR"
DATABASE_FILE = "vlot.sqlite3"
SETTINGS_FILE = "settings.json"
BACKUP_DIR = "backups"
LOG_FILE = "vlot-desktop.log"
ATTACHMENTS_DIR = "attachments"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _locate(inside_name: str, top_level_name: str) -> Path:
    candidates: list[Path] = [_PACKAGE_DIR / inside_name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / top_level_name)
    candidates.append(_PACKAGE_DIR.parent / top_level_name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"{top_level_name}/ not found (looked in {searched})")


def resources_dir() -> Path:
    """Folder with translations, icons and reference data."""
    return _locate("_resources", "resources")


def reference_data_dir() -> Path:
    return resources_dir() / "data"


def migrations_dir() -> Path:
    """Folder with alembic's env.py and versions/."""
    return _locate("_migrations", "migrations")


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. %LOCALAPPDATA%\\VLOT\\VLOT Desktop)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, "VLOT", roaming=False))


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir``, else ``$VLOT_DATA_DIR``, else the platform default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_data_dir()


def database_path(folder: Path) -> Path:
    return folder / DATABASE_FILE


def settings_path(folder: Path) -> Path:
    return folder / SETTINGS_FILE


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def log_path(folder: Path) -> Path:
    return folder / LOG_FILE


def attachments_dir(folder: Path) -> Path:
    """Photos and documents of this laptop, one file per sha256 (see db.attachment_store)."""
    return folder / ATTACHMENTS_DIR


def sync_rounds_path(folder: Path) -> Path:
    """The recent sync rounds of this laptop (see services.sync_rounds)."""
    return folder / "sync-rounds.json"


def cache_dir(folder: Path) -> Path:
    """Things made again when missing (downscaled photos); safe to delete."""
    return folder / "cache"


def fonts_dir() -> Path:
    """The TrueType fonts embedded in PDF reports (DejaVu Sans: Latin and Cyrillic)."""
    return resources_dir() / "fonts"
