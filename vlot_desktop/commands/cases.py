"""Case commands: ``retention`` here; ``report case`` and ``report agenda`` (added to the
``report`` command by :mod:`vlot_desktop.commands.reports` through :func:`register_report_kinds`).

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


def register_report_kinds(kinds: SubParsers) -> None:
    """The ``report case`` and ``report agenda`` sub-parsers."""
    case = kinds.add_parser("case", help="the summary of one case (dossier)")
    case.add_argument("case_id", metavar="ID", help="the id (or reference) of the case")
    case.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    case.add_argument(
        "--include-sensitive",
        action="store_true",
        help="print the sensitive needs too (recorded as a viewing)",
    )
    case.set_defaults(run=_run_case)
    agenda = kinds.add_parser("agenda", help="the agenda of the weekly case meeting")
    agenda.add_argument("--team", metavar="TEAM", help="team code (default: all teams)")
    agenda.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    agenda.set_defaults(run=_run_agenda)


def _database(data_dir: Path) -> Path | str:
    from vlot_desktop.commands.reports import _database as prepared

    return prepared(data_dir)


def _run_case(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.reports.case_summary import UnknownCaseError, render_case_summary
    from vlot_desktop.settings import load_settings

    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    out = Path(args.output)
    try:
        render_case_summary(
            db_path,
            out,
            args.case_id,
            include_sensitive=args.include_sensitive,
            user_id=load_settings(data_dir).user_id,
        )
    except UnknownCaseError:
        return fail(f"no case with id {args.case_id!r}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"Wrote {out}.")
    return 0


def _run_agenda(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.reports.case_agenda import UnknownTeamError, render_case_agenda

    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    out = Path(args.output)
    try:
        count = render_case_agenda(db_path, out, team_code=args.team)
    except UnknownTeamError:
        return fail(f"no team with code {args.team!r}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"Wrote {out} ({count} open cases).")
    return 0


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
