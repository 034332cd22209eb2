"""``vlot-desktop dump``: all data as canonical JSON, to compare laptops."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop import paths
from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers


def register(sub: SubParsers) -> None:
    parser = sub.add_parser("dump", help="print all data as canonical JSON (to compare laptops)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.db.migrate import check_version, prepare_database, read_state
    from vlot_desktop.services.dump import dump_to

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return fail(f"no database in {data_dir} (run 'init' or 'demo' first)")
    state = read_state(db_path)
    check_version(state, db_path)
    if state.revision is None:
        return fail(f"{db_path} is empty (run 'init' or 'demo' first)")
    # Bring an older schema or older reference data up to date first (as the app does at start):
    # the dump lists the current tables and columns, and two laptops with the same data must
    # print the same, whichever of them was started since the last update.
    prepare_database(db_path)
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    try:
        dump_to(db_path, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; that is not an error of ours.
        sys.stderr.close()
    return 0
