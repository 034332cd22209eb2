"""``vlot-desktop sync``: one sync round with the share (send own changes, take in the others')."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers


def register(sub: SubParsers) -> None:
    parser = sub.add_parser("sync", help="exchange changes with the central share (one round)")
    parser.add_argument("--share", metavar="PATH", help="the share folder (default: from 'init')")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    import json
    import sqlite3

    from vlot_desktop.services.sync_service import run_sync
    from vlot_desktop.sync.batch import NewerFormatError

    try:
        report = run_sync(data_dir, args.share)
    except NewerFormatError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"the share cannot be used: {exc.strerror or exc}; nothing was lost")
    except sqlite3.Error as exc:  # e.g. "database or disk is full": the round was rolled back
        return fail(f"the local database cannot be written ({exc}); nothing was lost")
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(
            f"Sent {report.pushed_records} changes, received {report.pulled_records} "
            f"({report.applied_records} applied, {report.conflicts_new} new conflicts) "
            f"in {report.duration_s:.1f} s."
        )
    for warning in report.warnings:
        print(f"vlot-desktop: {warning}", file=sys.stderr)
    return 0
