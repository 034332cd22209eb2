"""``vlot-desktop demo``: fill the data folder with generated demo data, and with ``--share``
also put it on a training share (``services.training_share``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers

DEMO_SIZES = ("small", "medium", "large")


def register(sub: SubParsers) -> None:
    parser = sub.add_parser("demo", help="fill the data folder with generated demo data")
    parser.add_argument("--size", choices=DEMO_SIZES, default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="the 'today' of the demo data (default: today); same seed + date = same data",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace existing data (a backup is made first); with --share, also the demo set "
        "on an existing training share",
    )
    parser.add_argument(
        "--share",
        metavar="PATH",
        help="also put the demo set on PATH, an empty folder, as a training share that other "
        "laptops join with 'init --share PATH' (never on a share with real data)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    import datetime as dt

    from vlot_desktop.demo.loader import DemoDataExistsError, load_demo
    from vlot_desktop.sync.batch import NewerFormatError

    try:
        today = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    except ValueError:
        return fail(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD)")
    size, seed, replace = args.size, args.seed, args.replace
    try:
        if args.share:
            from vlot_desktop.services.training_share import publish_demo

            training = publish_demo(
                data_dir,
                args.share,
                size=size,
                seed=seed,
                today=today,
                replace=replace,
                load=load_demo,
            )
            print(training.summary())
            return 0
        report = load_demo(data_dir, size=size, seed=seed, today=today, replace=replace)
    except DemoDataExistsError as exc:
        return fail(str(exc))
    except NewerFormatError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"the share cannot be used: {exc.strerror or exc}")
    print(report.summary())
    return 0
