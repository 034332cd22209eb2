"""Command line: the GUI is the default command; the rest are sub-commands.

This module only parses the arguments and dispatches: every sub-command lives in
``vlot_desktop/commands/`` (one module per topic, found by ``commands.register_all``).

Errors a user can cause (bad region, unwritable folder, not a database, newer database) print one
line in plain words and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from vlot_desktop import __version__, paths
from vlot_desktop.commands import fail, register_all

EXIT_USAGE = 2


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
    register_all(sub)
    return parser


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

    run = getattr(args, "run", None)
    if run is None:
        parser.error(f"unknown command {args.command}")
        return EXIT_USAGE
    try:
        command_exit: int = run(args, data_dir)
    except (DatabaseProblem, ShareError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    return command_exit
