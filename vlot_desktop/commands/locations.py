"""``vlot-desktop export locations FILE`` and ``vlot-desktop import locations FILE``.

The export takes the same filters as the Opvanglocaties screen. The import recognises the
columns by their headers (Dutch or English, as the export writes them), checks every row and
imports all rows or none; ``--dry-run`` only checks. Problems go to stderr, one line each, and
with ``--report FILE`` to a .csv report (Dutch, like the one the import dialog saves). Exit code
0: done; 1: a bad file or a row with an error (nothing imported); 2: wrong arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from vlot_desktop.commands import SubParsers
    from vlot_desktop.db.queries.location_filter import LocationFilter
    from vlot_desktop.services.location_import import ImportSummary

MAX_PROBLEM_LINES = 50


def register(sub: SubParsers) -> None:
    export = sub.add_parser("export", help="export data to .xlsx or .csv")
    export_what = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    locations = export_what.add_parser(
        "locations", help="the reception locations (filtered like the Opvanglocaties screen)"
    )
    locations.add_argument("file", metavar="FILE", help="the .xlsx or .csv file to write")
    locations.add_argument("--search", default="", help="part of the name or street")
    locations.add_argument("--team", metavar="CODE", help="regional team, e.g. limburg")
    locations.add_argument("--province", metavar="CODE", help="province, e.g. oost-vlaanderen")
    locations.add_argument("--municipality", metavar="NIS", help="NIS code of the municipality")
    locations.add_argument("--type", dest="location_type", metavar="TYPE", help="location type")
    locations.add_argument("--status", metavar="STATUS", help="location status")
    locations.add_argument(
        "--has-free-places", action="store_true", help="only locations with a free place"
    )
    locations.add_argument(
        "--vulnerable", action="store_true", help="only locations suitable for vulnerable profiles"
    )
    locations.set_defaults(run=run_export)

    import_ = sub.add_parser("import", help="import data from .xlsx or .csv (all or nothing)")
    import_what = import_.add_subparsers(dest="what", metavar="WHAT", required=True)
    locations = import_what.add_parser(
        "locations", help="reception locations: new ones are created, known IDs updated"
    )
    locations.add_argument("file", metavar="FILE", help="the .xlsx or .csv file to read")
    locations.add_argument("--sheet", metavar="NAME", help="the sheet (default: found by headers)")
    locations.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    locations.add_argument(
        "--report", metavar="FILE", help="also write the problems to this .csv file"
    )
    locations.set_defaults(run=run_import)


def _open_engine(data_dir: Path) -> Engine:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.migrate import DatabaseProblem, check_version, prepare_database, read_state

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        raise DatabaseProblem(
            f"no database in {data_dir} (run 'init' or 'demo' first)",
            f"Geen database in {data_dir}.",
        )
    check_version(read_state(db_path), db_path)
    prepare_database(db_path)
    return make_engine(db_path)


def _enum_value(kind: str, text: str | None) -> str | None:
    """A type or status given as value or label (Dutch or English); ``ValueError`` if unknown."""
    if not text:
        return None
    from vlot_desktop.services.location_import import parse_location_status, parse_location_type

    value = (parse_location_type if kind == "type" else parse_location_status)(text)
    if value is None:
        raise ValueError(f"unknown location {kind} {text!r}")
    return value


def location_filter_from(args: argparse.Namespace) -> LocationFilter:
    from vlot_desktop.db.queries.location_filter import LocationFilter

    return LocationFilter(
        search=args.search or "",
        team_code=args.team or None,
        province_code=args.province or None,
        municipality_nis=args.municipality or None,
        location_type=_enum_value("type", args.location_type),
        status=_enum_value("status", args.status),
        has_free_places=bool(args.has_free_places),
        suits_vulnerable_profiles=bool(args.vulnerable),
    )


def run_export(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.location_export import export_locations
    from vlot_desktop.spreadsheets.errors import SpreadsheetError
    from vlot_desktop.spreadsheets.writing import file_format

    path = Path(args.file)
    try:
        location_filter = location_filter_from(args)
        file_format(path)
    except ValueError as exc:
        return fail(str(exc))
    except SpreadsheetError as exc:
        return fail(str(exc))
    engine = _open_engine(data_dir)
    try:
        result = export_locations(engine, path, location_filter)
    except SpreadsheetError as exc:
        return fail(str(exc))
    finally:
        engine.dispose()
    assert result is not None  # no progress callback: never cancelled
    print(f"Exported {result.rows} locations to {path}.")
    return 0


def run_import(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.location_import import import_locations, write_report
    from vlot_desktop.settings import load_settings
    from vlot_desktop.spreadsheets.errors import SpreadsheetError

    path = Path(args.file)
    engine = _open_engine(data_dir)
    try:
        summary = import_locations(
            engine,
            path,
            sheet=args.sheet,
            author_id=load_settings(data_dir).user_id,
            dry_run=args.dry_run,
        )
    finally:
        engine.dispose()
    if args.report:
        try:
            write_report(summary, Path(args.report))
        except SpreadsheetError as exc:
            print(f"vlot-desktop: {exc}", file=sys.stderr)
    _print_problems(summary)
    counts = (
        f"{summary.created} new, {summary.updated} changed, {summary.unchanged} unchanged "
        f"({summary.rows} rows)"
    )
    if summary.has_errors:
        rows = len(summary.problem_rows - {0})
        if 0 in summary.problem_rows:
            return fail(f"{path.name} cannot be imported; nothing was imported")
        return fail(
            f"{path.name}: {summary.error_count} error(s) in {rows} row(s); nothing was imported"
        )
    if args.dry_run:
        print(f"Dry run: {counts}; nothing was written.")
        return 0
    print(
        f"Imported {path.name}: {counts}; "
        f"{summary.places_added} places added, {summary.places_removed} removed."
    )
    return 0


def _print_problems(summary: ImportSummary) -> None:
    problems = sorted(summary.problems, key=lambda p: (p.row, not p.is_error))
    for problem in problems[:MAX_PROBLEM_LINES]:
        where = f"row {problem.row}" if problem.row else summary.path.name
        if problem.column:
            where += f", column {problem.column!r}"
        if problem.value:
            where += f", value {problem.value!r}"
        kind = "error" if problem.is_error else "warning"
        print(f"{where}: {kind}: {problem.text('en')}", file=sys.stderr)
    hidden = summary.problem_count - min(len(problems), MAX_PROBLEM_LINES)
    if hidden > 0:
        print(f"... and {hidden} more problems (see --report FILE)", file=sys.stderr)
