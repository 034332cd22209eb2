"""Open a data folder: check it is writable, prepare its database, read its settings.

Shared by the CLI and the GUI so both refuse the same bad folders with the same words.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vlot_desktop import paths
from vlot_desktop.db.migrate import DatabaseProblem, OpenResult, prepare_database


class DataFolderError(DatabaseProblem):
    """The data folder cannot be created or written."""


def ensure_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DataFolderError(
            f"data folder {folder} is not writable ({exc.strerror or exc})",
            f"In de gegevensmap {folder} kan niet geschreven worden. "
            "Kies een andere map of vraag de IT-dienst om schrijfrechten.",
        ) from exc


def open_data_folder(folder: Path) -> OpenResult:
    """Make ``folder`` ready: writable, database created or upgraded, reference data loaded."""
    db_path = paths.database_path(folder)
    if db_path.exists():
        # Refuse a foreign or newer file before anything else is written next to it.
        from vlot_desktop.db.migrate import check_version, read_state

        check_version(read_state(db_path), db_path)
    ensure_writable(folder)
    return prepare_database(db_path)
