"""``vlot-desktop report KIND ...``: printed reports (PDF) from the command line.

One sub-parser per report kind under ``report`` (``prospect``, ``prospects``, ``case``,
``agenda``, ``subject-access``); a new kind adds a ``_register_<kind>`` function to
``_KINDS``. The work is done by
the report services (:mod:`vlot_desktop.services.prospect_reports`,
:mod:`vlot_desktop.services.case_reports`), as in the application.

Output holds counts and file names only, never personal data.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop import paths
from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from vlot_desktop.commands import SubParsers


def register(sub: SubParsers) -> None:
    report = sub.add_parser(
        "report",
        help="print a report to PDF (prospect, prospects, case, agenda, subject-access)",
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    for add_kind in _KINDS:
        add_kind(kinds)


def _register_prospect(kinds: SubParsers) -> None:
    parser = kinds.add_parser("prospect", help="the report of one prospect visit")
    parser.add_argument("visit_id", metavar="ID", help="the id of the prospect visit")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    parser.set_defaults(run=_run_prospect)


def _register_prospects(kinds: SubParsers) -> None:
    parser = kinds.add_parser(
        "prospects", help="the reports of all prospect visits in a period (one PDF or a folder)"
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        required=True,
        metavar="DATE",
        help="first visit date (YYYY-MM-DD or DD/MM/YYYY)",
    )
    parser.add_argument(
        "--to", dest="date_to", required=True, metavar="DATE", help="last visit date (included)"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="PDF to write (a folder: --folder)"
    )
    parser.add_argument(
        "--folder", action="store_true", help="write one PDF per visit into the folder -o"
    )
    parser.set_defaults(run=_run_prospects)


def _register_case(kinds: SubParsers) -> None:
    case = kinds.add_parser(
        "case", help="the summary of one case (dossier), or of several in one PDF"
    )
    case.add_argument(
        "case_ids", nargs="+", metavar="ID", help="the id (or reference) of the case(s)"
    )
    case.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    case.add_argument(
        "--include-sensitive",
        action="store_true",
        help="print the sensitive needs too (recorded as a viewing)",
    )
    case.add_argument(
        "--single-sided",
        action="store_true",
        help="several cases: no blank pages (by default each case starts on an odd page, "
        "for double-sided printing)",
    )
    case.set_defaults(run=_run_case)


def _register_agenda(kinds: SubParsers) -> None:
    agenda = kinds.add_parser("agenda", help="the agenda of the weekly case meeting")
    agenda.add_argument("--team", metavar="TEAM", help="team code (default: all teams)")
    agenda.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    agenda.set_defaults(run=_run_agenda)


def _register_subject_access(kinds: SubParsers) -> None:
    parser = kinds.add_parser(
        "subject-access",
        help="everything VLOT holds about one person (GDPR art. 15): a PDF and the same as JSON",
    )
    parser.add_argument("person_id", metavar="PERSON_ID", help="the id of the person")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="PDF to write")
    parser.add_argument(
        "--json",
        metavar="FILE.json",
        help="the JSON file to write (default: the PDF's name with .json)",
    )
    parser.set_defaults(run=_run_subject_access)


_KINDS: tuple[Callable[[SubParsers], None], ...] = (
    _register_prospect,
    _register_prospects,
    _register_case,
    _register_agenda,
    _register_subject_access,
)


def _database(data_dir: Path) -> Path | str:
    """The prepared database, or a one-line reason why there is none."""
    from vlot_desktop.db.migrate import check_version, prepare_database, read_state

    db_path = paths.database_path(data_dir)
    if not db_path.exists():
        return f"no database in {data_dir} (run 'init' or 'demo' first)"
    state = read_state(db_path)
    check_version(state, db_path)
    if state.revision is None:
        return f"{db_path} is empty (run 'init' or 'demo' first)"
    prepare_database(db_path)
    return db_path


@contextmanager
def _engine(db_path: Path) -> Iterator[Engine]:
    from vlot_desktop.db.engine import make_engine

    engine = make_engine(db_path)
    try:
        yield engine
    finally:
        engine.dispose()


def _parse_date(text: str, option: str) -> dt.date | str:
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return f"{option} {text!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)"


def _run_prospect(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.prospect_reports import (
        MissingTemplateError,
        UnknownVisitError,
        make_prospect_report,
    )

    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    out = Path(args.output)
    try:
        with _engine(db_path) as engine:
            make_prospect_report(engine, data_dir, args.visit_id, out)
    except UnknownVisitError:
        return fail(f"no prospect visit with id {args.visit_id!r}")
    except MissingTemplateError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"Wrote {out}.")
    return 0


def _run_prospects(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.prospect_reports import (
        MissingTemplateError,
        make_prospect_reports,
        visit_ids_between,
    )

    start = _parse_date(args.date_from, "--from")
    if isinstance(start, str):
        return fail(start)
    end = _parse_date(args.date_to, "--to")
    if isinstance(end, str):
        return fail(end)
    if end < start:
        return fail("--to lies before --from")
    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    out = Path(args.output)
    with _engine(db_path) as engine:
        with engine.connect() as conn:
            visit_ids = visit_ids_between(conn, start, end)
        if not visit_ids:
            return fail(f"no prospect visits between {start:%d/%m/%Y} and {end:%d/%m/%Y}")
        try:
            written = make_prospect_reports(
                engine,
                data_dir,
                visit_ids,
                out,
                one_file=not args.folder,
                title=f"Prospectieverslagen {start:%d/%m/%Y} – {end:%d/%m/%Y}",
            )
        except MissingTemplateError as exc:
            return fail(str(exc))
        except OSError as exc:
            return fail(f"cannot write {out}: {exc.strerror or exc}")
    where = f"{len(written)} files in {out}" if args.folder else str(out)
    print(f"Wrote {len(visit_ids)} prospect reports to {where}.")
    return 0


def _run_case(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.case_reports import (
        UnknownCaseError,
        make_case_summaries,
        make_case_summary,
    )
    from vlot_desktop.settings import load_settings

    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    out = Path(args.output)
    user_id = load_settings(data_dir).user_id
    try:
        with _engine(db_path) as engine:
            if len(args.case_ids) == 1:
                make_case_summary(
                    engine,
                    out,
                    args.case_ids[0],
                    include_sensitive=args.include_sensitive,
                    user_id=user_id,
                )
            else:
                make_case_summaries(
                    engine,
                    out,
                    args.case_ids,
                    include_sensitive=args.include_sensitive,
                    double_sided=not args.single_sided,
                    user_id=user_id,
                )
    except UnknownCaseError as exc:
        return fail(f"no case with id {exc.args[0]!r}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    count = len(args.case_ids)
    print(f"Wrote {out}" + (f" ({count} cases)." if count > 1 else "."))
    return 0


def _run_agenda(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.case_reports import UnknownTeamError, make_case_agenda
    from vlot_desktop.settings import load_settings

    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    out = Path(args.output)
    try:
        with _engine(db_path) as engine:
            count = make_case_agenda(
                engine, out, team_code=args.team, user_id=load_settings(data_dir).user_id
            )
    except UnknownTeamError:
        return fail(f"no team with code {args.team!r}")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"Wrote {out} ({count} open cases).")
    return 0


def _run_subject_access(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.case_reports import export_subject_access
    from vlot_desktop.services.privacy import UnknownMemberError
    from vlot_desktop.settings import load_settings

    db_path = _database(data_dir)
    if isinstance(db_path, str):
        return fail(db_path)
    pdf_out = Path(args.output)
    json_out = Path(args.json) if args.json else pdf_out.with_suffix(".json")
    if json_out.resolve() == pdf_out.resolve():
        return fail("the JSON file must differ from the PDF (use --json)")
    try:
        with _engine(db_path) as engine:
            export_subject_access(
                engine,
                args.person_id,
                pdf_out,
                json_out,
                user_id=load_settings(data_dir).user_id,
            )
    except UnknownMemberError:
        return fail(f"no person with id {args.person_id!r}")
    except OSError as exc:
        return fail(f"cannot write {exc.filename or pdf_out}: {exc.strerror or exc}")
    # File names only: the export itself is personal data (and recorded as a viewing).
    print(f"Wrote {pdf_out} and {json_out}.")
    return 0
