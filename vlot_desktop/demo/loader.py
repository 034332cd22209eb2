"""``vlot-desktop demo``: fill a data folder with generated demo data.

Refuses a database that already holds user data unless asked to replace it; replacing makes a
backup first, and the delete and the new data go in one transaction, so a failure leaves the
old data in place. Afterwards the settings make the app start as a staff member of a regional
team (Antwerpen) on one of the generated laptops.

The demo set is written with change capture off (``training_share.unshared_writes``): it is
on no share. ``local_meta`` notes which set this database holds (``training_share.note_demo_set``),
so the app can say so. A training share
(``services.training_share``, ``vlot-desktop demo --share``) passes ``then``: it runs in the
same transaction and gives the rows the clocks of the share's snapshot.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vlot_desktop import paths
from vlot_desktop.db.migrate import DatabaseProblem, backup_database
from vlot_desktop.demo.generator import generate
from vlot_desktop.demo.sizes import SIZES
from vlot_desktop.demo.writer import insertion_order
from vlot_desktop.domain.ids import uuid7
from vlot_desktop.services.data_folder import open_data_folder
from vlot_desktop.services.training_share import note_demo_set, unshared_writes
from vlot_desktop.settings import load_settings, save_settings

BACKUP_REASON = "before-demo"
_SUMMARY_TABLES = (
    ("location", "locations"),
    ("place", "places"),
    ("prospect_visit", "prospect visits"),
    ("case_file", "cases"),
    ("household_member", "household members"),
    ("question", "questions"),
    ("contact_moment", "contact moments"),
    ("meeting", "meetings"),
    ("newsletter_edition", "VLOT-flits editions"),
)


class DemoDataExistsError(DatabaseProblem):
    """The database already holds records; demo data would mix with them."""


@dataclass(frozen=True)
class DemoReport:
    data_dir: Path
    size: str
    seed: int
    today: dt.date
    counts: dict[str, int]
    duration_seconds: float
    user_name: str
    team_code: str
    backup: Path | None = None
    replaced: bool = False

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """A few English lines for the command line."""
        main = ", ".join(f"{self.counts.get(t, 0):,} {label}" for t, label in _SUMMARY_TABLES)
        lines = [
            f"Demo data ({self.size}, seed {self.seed}, as of {self.today.isoformat()}) "
            f"written to {self.data_dir} in {self.duration_seconds:.1f} s: "
            f"{self.total_rows:,} rows.",
            main + ".",
            f"The app starts as {self.user_name} ({self.team_code}).",
        ]
        if self.backup is not None:
            lines.append(f"The previous data was backed up to {self.backup}.")
        return "\n".join(lines)


def user_data_tables(db_path: Path) -> list[str]:
    """The synced tables that hold at least one row."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [
            table
            for table in insertion_order()
            if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
        ]
    finally:
        conn.close()


def load_demo(
    data_dir: Path,
    *,
    size: str,
    seed: int,
    today: dt.date,
    replace: bool,
    then: Callable[[sqlite3.Connection], None] | None = None,
) -> DemoReport:
    """Generate the demo data set ``size`` into ``data_dir``; same seed + today = same data.

    ``then`` runs inside the loading transaction, after the data is written (capture off)."""
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; choose one of: {', '.join(SIZES)}")
    started = time.perf_counter()
    open_data_folder(data_dir)
    db_path = paths.database_path(data_dir)
    filled = user_data_tables(db_path)
    backup: Path | None = None
    if filled and not replace:
        raise DemoDataExistsError(
            f"{db_path} already holds data (e.g. in {filled[0]}); "
            "use --replace to replace it with demo data (a backup is made first)",
            f"De databank {db_path} bevat al gegevens. Kies 'vervangen' om ze door "
            "demogegevens te vervangen; er wordt eerst een reservekopie gemaakt. "
            "Er is niets gewijzigd.",
        )
    if filled:
        backup = backup_database(db_path, BACKUP_REASON)

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Demo data is not a change to share: capture stays off inside this transaction.
            with unshared_writes(conn):
                for table in reversed(insertion_order()):
                    conn.execute(f"DELETE FROM {table}")
                generated = generate(conn, size=size, seed=seed, today=today)
                note_demo_set(conn, size, seed, today, None)
                if then is not None:
                    then(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA optimize")
    finally:
        conn.close()

    settings = load_settings(data_dir)
    settings.user_id = generated.user.id
    settings.user_name = generated.user.name
    settings.team_code = generated.user.team
    # A laptop id of its own, random per data folder (never the demo's, which the seed makes:
    # two laptops loading the same demo would write change files under one name). 'init'
    # registers it as a device when the laptop is set up for the share.
    settings.device_id = uuid7()
    save_settings(data_dir, settings)
    return DemoReport(
        data_dir=data_dir,
        size=size,
        seed=seed,
        today=today,
        counts=generated.counts,
        duration_seconds=time.perf_counter() - started,
        user_name=generated.user.name,
        team_code=generated.user.team,
        backup=backup,
        replaced=bool(filled),
    )
