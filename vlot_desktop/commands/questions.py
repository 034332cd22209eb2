"""``vlot-desktop export questions FILE [--from --to --team ...]``: the helpdesk questions to
.xlsx or .csv, filtered as on the Vragen screen (``services.question_export``).

It adds ``questions`` to the ``export`` command that ``commands.locations`` makes (modules
register in name order); without it, it makes the ``export`` command itself. Output: the file
name and the number of questions, never a question's content or its asker. Exit code 0:
written; 1: bad arguments or a file that cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from vlot_desktop.commands import SubParsers
    from vlot_desktop.services.question_list import QuestionFilter


def _export_kinds(sub: SubParsers) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sub-commands of ``export`` (made here when no other module made ``export``)."""
    export = sub.choices.get("export")
    if export is None:
        export = sub.add_parser("export", help="export data to .xlsx or .csv")
    for action in export._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return export.add_subparsers(dest="what", metavar="WHAT", required=True)


def register(sub: SubParsers) -> None:
    parser = _export_kinds(sub).add_parser(
        "questions", help="the helpdesk questions (filtered like the Vragen screen)"
    )
    parser.add_argument("file", metavar="FILE", help="the .xlsx or .csv file to write")
    parser.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="received on or after"
    )
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="received on or before")
    parser.add_argument("--team", metavar="CODE", help="the team that received them, e.g. limburg")
    parser.add_argument("--handling-team", metavar="CODE", help="the team handling them now")
    parser.add_argument("--status", metavar="STATUS", help="e.g. doorverwezen")
    parser.add_argument("--domain", metavar="CODE", help="policy domain (of the theme or asked)")
    parser.add_argument("--theme", metavar="CODE", help="theme code")
    parser.add_argument("--municipality", metavar="NIS", help="NIS code of the municipality")
    parser.add_argument("--overdue", action="store_true", help="only overdue dispatches")
    parser.add_argument(
        "--with-asker", action="store_true", help="add the asker's name and contact (personal data)"
    )
    parser.add_argument(
        "--with-texts", action="store_true", help="add the question and answer texts"
    )
    parser.set_defaults(run=run_export)


def _date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def question_filter_from(args: argparse.Namespace) -> QuestionFilter:
    from vlot_desktop.domain.enums import QuestionStatus
    from vlot_desktop.services.question_list import QuestionFilter

    status = None
    if args.status:
        known = {s.value: s for s in QuestionStatus} | {
            s.label_nl.lower(): s for s in QuestionStatus
        }
        status = known.get(args.status.strip().lower())
        if status is None:
            raise ValueError(f"unknown question status {args.status!r}")
    return QuestionFilter(
        status=status,
        received_team_code=args.team or None,
        handling_team_code=args.handling_team or None,
        theme_code=args.theme or None,
        domain_code=args.domain or None,
        municipality_nis=args.municipality or None,
        received_from=_date(args.date_from, "--from"),
        received_to=_date(args.date_to, "--to"),
        overdue_only=bool(args.overdue),
    )


def _open_engine(data_dir: Path) -> Engine:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.migrate import DatabaseProblem, check_version, prepare_database, read_state

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        raise DatabaseProblem(
            f"no database in {data_dir} (run 'init' or 'demo' first)",
            f"Geen databank in {data_dir}.",
        )
    check_version(read_state(db_path), db_path)
    prepare_database(db_path)
    return make_engine(db_path)


def run_export(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.question_export import export_questions
    from vlot_desktop.spreadsheets.errors import SpreadsheetError
    from vlot_desktop.spreadsheets.writing import file_format

    path = Path(args.file)
    try:
        question_filter = question_filter_from(args)
        file_format(path)
    except ValueError as exc:
        return fail(str(exc))
    except SpreadsheetError as exc:
        return fail(str(exc))
    engine = _open_engine(data_dir)
    try:
        result = export_questions(
            engine,
            path,
            question_filter,
            include_asker=bool(args.with_asker),
            include_texts=bool(args.with_texts),
        )
    except SpreadsheetError as exc:
        return fail(str(exc))
    finally:
        engine.dispose()
    assert result is not None  # no progress callback: never cancelled
    print(f"Exported {result.rows} questions to {path}.")
    return 0
