"""``vlot-desktop report meeting ID -o FILE.pdf``, ``report flits N -o FILE.pdf``,
``report flits N --eml -o FILE.eml`` and ``export contacts FILE [--from --to --team]``.

Adds its kinds to the ``report`` command that ``commands.reports`` makes and ``contacts`` to
the ``export`` command of ``commands.locations`` (modules register in name order, so this one
comes after both); without them it makes those commands itself. The work is done by
:mod:`vlot_desktop.services.coordination_reports`, as in the application.

Output holds counts, sizes and file names only, never personal data.
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


def _kinds(sub: SubParsers, name: str, help_text: str, dest: str) -> SubParsers:
    """The sub-commands of ``name`` (made here when no other module made ``name``)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=dest, metavar="KIND", required=True)


def register(sub: SubParsers) -> None:
    reports = _kinds(sub, "report", "print a report to PDF", "report_kind")
    meeting = reports.add_parser("meeting", help="the agenda or minutes of one meeting")
    meeting.add_argument("meeting_id", metavar="ID", help="the id of the meeting")
    meeting.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    which = meeting.add_mutually_exclusive_group()
    which.add_argument("--agenda", action="store_true", help="the agenda (default: before)")
    which.add_argument("--minutes", action="store_true", help="the minutes (default: after)")
    meeting.set_defaults(run=run_meeting)

    edition = reports.add_parser("flits", help="one VLOT-flits edition (PDF or .eml draft)")
    edition.add_argument("number", metavar="N", help="the edition's number")
    edition.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    edition.add_argument(
        "--eml", action="store_true", help="write an e-mail draft (.eml) instead of a PDF"
    )
    edition.add_argument("--from-address", metavar="ADDRESS", help="the sender of the draft")
    edition.add_argument(
        "--to",
        dest="recipients",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a recipient of the draft (repeat for more)",
    )
    edition.set_defaults(run=run_flits)

    exports = _kinds(sub, "export", "export data to .xlsx or .csv", "what")
    contacts = exports.add_parser("contacts", help="contact moments to .xlsx or .csv")
    contacts.add_argument("file", metavar="FILE", help="the .xlsx or .csv file to write")
    contacts.add_argument("--from", dest="date_from", metavar="DATE", help="first day")
    contacts.add_argument("--to", dest="date_to", metavar="DATE", help="last day (included)")
    contacts.add_argument("--team", metavar="TEAM", help="only this team's contacts")
    contacts.add_argument(
        "--with-personal",
        action="store_true",
        help="also the person spoken to and the note (personal data)",
    )
    contacts.set_defaults(run=run_export_contacts)


def _parse_date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(f"{option} {text!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


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
    state = read_state(db_path)
    check_version(state, db_path)
    if state.revision is None:
        raise DatabaseProblem(
            f"{db_path} is empty (run 'init' or 'demo' first)", f"{db_path} is leeg."
        )
    prepare_database(db_path)
    return make_engine(db_path)


def run_meeting(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.coordination_reports import UnknownMeetingError, make_meeting_pdf

    out = Path(args.output)
    minutes = True if args.minutes else (False if args.agenda else None)
    engine = _open_engine(data_dir)
    try:
        report = make_meeting_pdf(engine, args.meeting_id, out, minutes=minutes)
    except UnknownMeetingError:
        return fail(f"no meeting with id {args.meeting_id!r}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    finally:
        engine.dispose()
    kind = "minutes" if report.minutes else "agenda"
    print(f"Wrote {out} ({kind}, {len(report.points)} points).")
    return 0


def run_flits(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.coordination_reports import make_flits_eml, make_flits_pdf
    from vlot_desktop.services.flits import EditionNotFoundError

    number = str(args.number).strip()
    if not number.isdigit():
        return fail(f"{number!r} is not an edition number")
    out = Path(args.output)
    engine = _open_engine(data_dir)
    try:
        if args.eml:
            size = make_flits_eml(
                engine, int(number), out, sender=args.from_address, recipients=args.recipients
            )
            print(f"Wrote {out} (e-mail draft, {size:,} bytes).")
        else:
            edition = make_flits_pdf(engine, int(number), out)
            print(f"Wrote {out} ({len(edition.items)} items).")
    except EditionNotFoundError:
        return fail(f"no VLOT-flits with number {number}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    finally:
        engine.dispose()
    return 0


def run_export_contacts(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.coordination_reports import export_contacts
    from vlot_desktop.spreadsheets.errors import SpreadsheetError
    from vlot_desktop.spreadsheets.writing import file_format

    path = Path(args.file)
    try:
        start = _parse_date(args.date_from, "--from")
        end = _parse_date(args.date_to, "--to")
        file_format(path)
    except (ValueError, SpreadsheetError) as exc:
        return fail(str(exc))
    if start and end and end < start:
        return fail("--to lies before --from")
    engine = _open_engine(data_dir)
    try:
        if args.team:
            with engine.connect() as conn:
                known = conn.exec_driver_sql(
                    "SELECT 1 FROM team WHERE code = ?", (args.team,)
                ).first()
            if known is None:
                return fail(f"no team with code {args.team!r}")
        result = export_contacts(
            engine,
            path,
            start=start,
            end=end,
            team_code=args.team or None,
            include_personal=bool(args.with_personal),
        )
    except SpreadsheetError as exc:
        return fail(str(exc))
    finally:
        engine.dispose()
    print(f"Exported {result.rows} contacts to {path}.")
    return 0
