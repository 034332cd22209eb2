"""Command line: the GUI is the default command; the rest are sub-commands.

Errors a user can cause (bad region, unwritable folder, not a database, newer database) print one
line in plain words and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from vlot_desktop import __version__, paths

EXIT_USAGE = 2
EXIT_PROBLEM = 1

DEMO_SIZES = ("small", "medium", "large")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vlot-desktop",
        description="VLOT Desktop: reception locations, prospects, cases and reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data folder (default: ${paths.DATA_DIR_ENV}, else the user's data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, visit every screen and exit (0 = all well)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = sub.add_parser("init", help="set up this laptop: user, region/team, share folder")
    init.add_argument("--user", required=True, metavar="NAME", help="your name")
    init.add_argument(
        "--region",
        required=True,
        metavar="REGION",
        help="team: centraal, antwerpen, limburg, oost-vlaanderen, vlaams-brabant, west-vlaanderen",
    )
    init.add_argument("--share", metavar="PATH", help="the central share folder (optional)")
    init.add_argument(
        "--create-share",
        action="store_true",
        help="make the (empty) --share folder a new VLOT share (writes FORMAT.json)",
    )

    demo = sub.add_parser("demo", help="fill the data folder with generated demo data")
    demo.add_argument("--size", choices=DEMO_SIZES, default="small")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="the 'today' of the demo data (default: today); same seed + date = same data",
    )
    demo.add_argument(
        "--replace",
        action="store_true",
        help="replace existing data (a backup is made first); with --share, also the demo set "
        "on an existing training share",
    )
    demo.add_argument(
        "--share",
        metavar="PATH",
        help="also put the demo set on PATH, an empty folder, as a training share that other "
        "laptops join with 'init --share PATH' (never on a share with real data)",
    )

    sub.add_parser("dump", help="print all data as canonical JSON (to compare laptops)")

    sync = sub.add_parser("sync", help="exchange changes with the central share (one round)")
    sync.add_argument("--share", metavar="PATH", help="the share folder (default: from 'init')")
    sync.add_argument("--json", action="store_true", help="print the result as one JSON object")

    from vlot_desktop.commands import register_all

    register_all(sub)
    return parser


def _fail(message: str) -> int:
    print(f"vlot-desktop: {message}", file=sys.stderr)
    return EXIT_PROBLEM


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)

    if args.command is None:
        from vlot_desktop.app import run_gui

        exit_code: int = run_gui(data_dir, self_test=args.self_test)
        return exit_code

    from vlot_desktop.db.migrate import DatabaseProblem
    from vlot_desktop.sync.share import ShareError

    try:
        if args.command == "init":
            return _cmd_init(data_dir, args.user, args.region, args.share, args.create_share)
        if args.command == "sync":
            return _cmd_sync(data_dir, args.share, args.json)
        if args.command == "demo":
            return _cmd_demo(data_dir, args.size, args.seed, args.as_of, args.replace, args.share)
        if args.command == "dump":
            return _cmd_dump(data_dir)
        run = getattr(args, "run", None)
        if run is not None:
            command_exit: int = run(args, data_dir)
            return command_exit
    except (DatabaseProblem, ShareError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def _cmd_init(data_dir: Path, user: str, region: str, share: str | None, create_share: bool) -> int:
    from vlot_desktop.services.setup import UnknownTeamError, initialise_laptop

    if create_share and not share:
        return _fail("--create-share needs --share PATH")
    if share:
        from vlot_desktop.services.sync_service import prepare_share

        # Refuse a folder that is not a VLOT share before anything is set up.
        if not prepare_share(share, create=create_share):
            print(
                f"vlot-desktop: share folder {share} is not reachable now; "
                "it is checked at the first sync",
                file=sys.stderr,
            )
        share = str(Path(share).absolute())
    try:
        settings = initialise_laptop(data_dir, user, region, share)
    except UnknownTeamError as exc:
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    print(f"Set up {data_dir} for {settings.user_name} ({settings.team_code}).")
    return 0


def _cmd_demo(
    data_dir: Path, size: str, seed: int, as_of: str | None, replace: bool, share: str | None
) -> int:
    import datetime as dt

    from vlot_desktop.demo.loader import DemoDataExistsError, load_demo
    from vlot_desktop.sync.batch import NewerFormatError

    try:
        today = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        return _fail(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)")
    try:
        if share:
            from vlot_desktop.services.training_share import publish_demo

            print(
                publish_demo(
                    data_dir,
                    share,
                    size=size,
                    seed=seed,
                    today=today,
                    replace=replace,
                    load=load_demo,
                ).summary()
            )
            return 0
        report = load_demo(data_dir, size=size, seed=seed, today=today, replace=replace)
    except DemoDataExistsError as exc:
        return _fail(str(exc))
    except NewerFormatError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"the share cannot be used: {exc.strerror or exc}")
    print(report.summary())
    return 0


def _cmd_sync(data_dir: Path, share: str | None, as_json: bool) -> int:
    import json
    import sqlite3

    from vlot_desktop.services.sync_service import run_sync
    from vlot_desktop.sync.batch import NewerFormatError

    try:
        report = run_sync(data_dir, share)
    except NewerFormatError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"the share cannot be used: {exc.strerror or exc}; nothing was lost")
    except sqlite3.Error as exc:  # e.g. "database or disk is full": the round was rolled back
        return _fail(f"the local database cannot be written ({exc}); nothing was lost")
    if as_json:
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


def _cmd_dump(data_dir: Path) -> int:
    from vlot_desktop.db.migrate import check_version, prepare_database, read_state
    from vlot_desktop.services.dump import dump_to

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return _fail(f"no database in {data_dir} (run 'init' or 'demo' first)")
    state = read_state(db_path)
    check_version(state, db_path)
    if state.revision is None:
        return _fail(f"{db_path} is empty (run 'init' or 'demo' first)")
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
