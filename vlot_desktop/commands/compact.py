"""``vlot-desktop compact``: write a verified snapshot to the share and clear old change files.

Run by one laptop (or a scheduled task) at a time: a lease on the share stops a second one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers


def register(sub: SubParsers) -> None:
    parser = sub.add_parser(
        "compact",
        help="write a snapshot to the share and remove change files it covers (one laptop)",
    )
    parser.add_argument("--share", metavar="PATH", help="the share folder (default: from 'init')")
    parser.add_argument(
        "--grace-days",
        type=float,
        default=60.0,
        metavar="DAYS",
        help="keep covered change files younger than this (default 60)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    import json

    from vlot_desktop.services.sync_service import run_compact
    from vlot_desktop.sync.batch import NewerFormatError

    if args.grace_days < 0:
        return fail("--grace-days cannot be negative")
    try:
        report = run_compact(data_dir, args.share, grace_days=args.grace_days)
    except NewerFormatError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"the share cannot be used: {exc.strerror or exc}; nothing was lost")
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(
            f"Snapshot {report.snapshot_id}: {report.snapshot_rows} records in "
            f"{report.snapshot_parts} part(s); removed {report.files_deleted} old change files"
            f" ({report.files_deleted_purged} more holding erased data), kept "
            f"{report.files_kept} younger than {args.grace_days:g} days, removed "
            f"{report.snapshots_deleted} older snapshot(s), {report.blobs_deleted} unused "
            f"attachment(s) and {report.temps_deleted} left-over temp file(s) in "
            f"{report.duration_s:.1f} s."
        )
    for note in report.notes:
        print(f"vlot-desktop: {note}", file=sys.stderr)
    return 0
