"""Case commands: ``retention``. (The case reports are kinds of the ``report`` command, in
:mod:`vlot_desktop.commands.reports`.)

Output holds counts and file names only, never personal data.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers


def register(sub: SubParsers) -> None:
    parser = sub.add_parser(
        "retention",
        help="erase the personal data of cases closed longer than the retention period",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="only count what would be erased")
    mode.add_argument("--apply", action="store_true", help="erase (synced to every laptop)")
    parser.add_argument(
        "--months",
        type=int,
        default=None,
        metavar="N",
        help="retention period in months after closing (default: this laptop's setting, "
        "Instellingen > Bewaartermijn, else 12)",
    )
    parser.set_defaults(run=_run_retention)


def _database(data_dir: Path) -> Path | str:
    """The prepared database, or a one-line reason why there is none."""
    from vlot_desktop import paths
    from vlot_desktop.db.migrate import check_version, prepare_database, read_state

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return f"no database in {data_dir} (run 'init' or 'demo' first)"
    state = read_state(db_path)
    check_version(state, db_path)
    if state.revision is None:
        return f"{db_path} is empty (run 'init' or 'demo' first)"
    prepare_database(db_path)
    return db_path


def _run_retention(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.db.engine import make_engine, make_session_factory
    from vlot_desktop.services.privacy import (
        apply_retention,
        load_retention_months,
        retention_cutoff,
    )

    if args.months is None:
        args.months = load_retention_months(data_dir)
    if args.months < 1:
        return fail("--months must be at least 1")
    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    today = dt.date.today()
    engine = make_engine(db_path)
    try:
        with make_session_factory(engine)() as session:
            summary = apply_retention(session, today, args.months, dry_run=args.dry_run)
    finally:
        engine.dispose()
    cutoff = retention_cutoff(today, args.months)
    counts = (
        f"{summary.cases} cases closed on or before {cutoff:%d/%m/%Y}, "
        f"{summary.members} household members, {summary.events} timeline entries, "
        f"{summary.fields} fields"
    )
    if summary.dry_run:
        print(f"Dry run, nothing changed. Would erase: {counts}.")
    else:
        print(f"Erased: {counts}. The erasure reaches the other laptops at the next sync.")
    return 0
