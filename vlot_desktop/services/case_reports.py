"""The printed case reports: read the data, have the report lay it out, record the viewing.

- :func:`make_case_summary`: the dossieroverzicht of one case. With the sensitive needs, the
  printing counts as viewing them: once the PDF is written, a ``sensitive_data_access`` record
  says who printed which case and when (none when the PDF could not be written).
  :func:`make_case_summaries` prints several in one PDF, each on an odd page by default.
- Every report with personal data names who printed it (:func:`printer_name`) on every page.
- :func:`make_case_agenda`: the agenda of the weekly case meeting (no personal data).
- :func:`export_subject_access`: everything about one person (GDPR art. 15) as a readable PDF
  and the same as JSON, made of the sections ``services.privacy`` collects; recorded as a
  viewing of that person's data once the files are written.

The reports themselves (:mod:`vlot_desktop.reports`) only lay out the plain data read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models.base import utc_now
from vlot_desktop.db.models.cases import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.db.models.reference import Municipality, Team
from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.reports.case_agenda import AgendaLine, CaseAgenda, TeamAgenda, write_case_agenda
from vlot_desktop.reports.case_summary import (
    CaseSummaryData,
    SummaryCase,
    SummaryEvent,
    SummaryMember,
    write_case_summaries,
    write_case_summary,
)
from vlot_desktop.reports.subject_access import (
    SubjectAccessReport,
    write_subject_access_json,
    write_subject_access_pdf,
)
from vlot_desktop.services import privacy
from vlot_desktop.services.cases import record_sensitive_access
from vlot_desktop.settings import load_settings


class UnknownCaseError(LookupError):
    """No case with that id or reference."""


class UnknownTeamError(LookupError):
    """No team with that code."""


# -- case summary -----------------------------------------------------------------------------


def find_case(session: Session, case_id: str) -> Case:
    """The case with that id (or, for the user's convenience, that reference)."""
    case = (
        session.get(Case, case_id)
        or session.scalars(
            select(Case).where(Case.reference == case_id).order_by(Case.id).limit(1)
        ).first()
    )
    if case is None:
        raise UnknownCaseError(case_id)
    return case


def case_summary_data(session: Session, case: Case) -> CaseSummaryData:
    """What the summary of ``case`` prints: the members (the report puts them in household
    order: contact person first, then by age), the timeline newest first, staff by name."""
    staff = {s.id: s.name for s in session.scalars(select(StaffUser))}
    team = session.get(Team, case.team_code)
    municipality = session.get(Municipality, case.municipality_nis)
    members = session.scalars(
        select(HouseholdMember)
        .where(HouseholdMember.case_id == case.id)
        .order_by(HouseholdMember.created_at, HouseholdMember.id)
    )
    events = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id)
    )
    return CaseSummaryData(
        case=SummaryCase(
            reference=case.reference,
            case_type=case.case_type,
            status=case.status,
            opened_on=case.opened_on,
            deadline=case.deadline,
            closed_on=case.closed_on,
            household_size=case.household_size,
            summary=case.summary,
            outcome=case.outcome,
            personal_data_erased_on=case.personal_data_erased_on,
        ),
        team=team.name_nl if team else case.team_code,
        municipality=municipality.name_nl if municipality else case.municipality_nis,
        assigned_to=staff.get(case.assigned_to_id or "", ""),
        members=tuple(
            SummaryMember(
                first_name=m.first_name,
                last_name=m.last_name,
                first_name_cyrillic=m.first_name_cyrillic,
                last_name_cyrillic=m.last_name_cyrillic,
                birth_year=m.birth_year,
                sex=m.sex,
                relation=m.relation,
                language=m.language,
                has_pets=m.has_pets,
                school_age=m.school_age,
                needs_mobility=m.needs_mobility,
                needs_medical=m.needs_medical,
                medical_notes=m.medical_notes,
            )
            for m in members
        ),
        events=tuple(
            SummaryEvent(
                occurred_at=e.occurred_at,
                kind=e.kind,
                author=staff.get(e.author_id or "", ""),
                text=e.text,
                from_status=e.from_status,
                to_status=e.to_status,
            )
            for e in events
        ),
    )


def _current_user(session: Session) -> str | None:
    """The user this laptop's sync clock knows (who writes here)."""
    row = session.connection().exec_driver_sql("SELECT user_id FROM sync_clock WHERE id = 1")
    value = row.scalar()
    return str(value) if value else None


def _laptop_user(session: Session) -> str | None:
    """The user set up on this laptop (``settings.json`` beside the database)."""
    database = session.connection().engine.url.database
    if not database or database == ":memory:":
        return None
    return load_settings(Path(database).parent).user_id


def printer_name(session: Session, user_id: str | None) -> str | None:
    """The name printed as "afgedrukt door ...": the staff member ``user_id``, else the user
    this laptop writes as (its sync clock, else its settings); None when none is known."""
    for candidate in (user_id, _current_user(session), _laptop_user(session)):
        if candidate:
            staff = session.get(StaffUser, candidate)
            if staff is not None and staff.name:
                return staff.name
    return None


def make_case_summary(
    engine: Engine,
    out: Path,
    case_id: str,
    *,
    include_sensitive: bool = False,
    user_id: str | None = None,
    printed_at: dt.datetime | None = None,
) -> None:
    """Write the summary of one case (by id or reference) to ``out``.

    With ``include_sensitive`` the sensitive needs are printed and, once the file is written,
    the printing is recorded in ``sensitive_data_access`` (by ``user_id``, else the user the
    sync clock knows). Raises :class:`UnknownCaseError` and ``OSError``; then nothing is
    written and nothing recorded.
    """
    with Session(engine) as session:
        case = find_case(session, case_id)
        found_id = case.id
        data = case_summary_data(session, case)
        printed_by = printer_name(session, user_id)
    write_case_summary(
        data,
        out,
        include_sensitive=include_sensitive,
        printed_at=printed_at,
        printed_by=printed_by,
    )
    if include_sensitive:
        _record_printing(engine, [found_id], user_id)


def _record_printing(engine: Engine, case_ids: Sequence[str], user_id: str | None) -> None:
    with Session(engine) as session, session.begin():
        viewer = user_id or _current_user(session)
        now = utc_now()
        for case_id in case_ids:
            session.add(
                SensitiveDataAccess(case_id=case_id, member_id=None, user_id=viewer, viewed_at=now)
            )


def make_case_summaries(
    engine: Engine,
    out: Path,
    case_ids: Sequence[str],
    *,
    include_sensitive: bool = False,
    double_sided: bool = True,
    user_id: str | None = None,
    printed_at: dt.datetime | None = None,
) -> int:
    """Write the summaries of several cases (ids or references, in that order) into one PDF;
    returns how many. With ``double_sided`` (the default) each starts on an odd page. The
    printing of sensitive needs is recorded per case, as for one. Raises
    :class:`UnknownCaseError` (nothing written) and ``OSError``."""
    with Session(engine) as session:
        cases = [find_case(session, case_id) for case_id in case_ids]
        found = [case.id for case in cases]
        summaries = [case_summary_data(session, case) for case in cases]
        printed_by = printer_name(session, user_id)
    write_case_summaries(
        summaries,
        out,
        include_sensitive=include_sensitive,
        double_sided=double_sided,
        printed_at=printed_at,
        printed_by=printed_by,
    )
    if include_sensitive:
        _record_printing(engine, found, user_id)
    return len(summaries)


# -- weekly meeting agenda ----------------------------------------------------------------------


def case_agenda(session: Session, team_code: str | None, today: dt.date) -> CaseAgenda:
    """The open cases of one team (or of every team, in the teams' order), most urgent
    deadline first. Raises :class:`UnknownTeamError` for an unknown team code."""
    teams = list(session.scalars(select(Team).order_by(Team.sort_order, Team.code)))
    if team_code is not None:
        teams = [t for t in teams if t.code == team_code]
        if not teams:
            raise UnknownTeamError(team_code)
    open_statuses = [s for s in CaseStatus if s.is_open]
    rows = session.execute(
        select(
            Case.team_code,
            Case.reference,
            Case.case_type,
            Case.deadline,
            Municipality.name_nl,
            Case.status,
            StaffUser.name,
            Case.household_size,
        )
        .join(Municipality, Municipality.nis_code == Case.municipality_nis)
        .outerjoin(StaffUser, StaffUser.id == Case.assigned_to_id)
        .where(
            Case.status.in_(open_statuses),
            Case.team_code.in_([t.code for t in teams]),
        )
        .order_by(Case.deadline.is_(None), Case.deadline, Case.reference)
    ).all()
    by_team: dict[str, list[AgendaLine]] = {t.code: [] for t in teams}
    for team, reference, kind, deadline, municipality, status, staff, size in rows:
        by_team[team].append(
            AgendaLine(reference, kind, deadline, municipality, status, staff or "", size)
        )
    return CaseAgenda(
        teams=tuple(TeamAgenda(t.code, t.name_nl, tuple(by_team[t.code])) for t in teams),
        today=today,
        all_teams=team_code is None,
    )


def make_case_agenda(
    engine: Engine,
    out: Path,
    *,
    team_code: str | None,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
    user_id: str | None = None,
) -> int:
    """Write the meeting agenda of ``team_code`` (None: all teams) to ``out``; returns the
    number of open cases on it. Raises :class:`UnknownTeamError` (nothing written) and
    ``OSError`` when ``out`` cannot be written."""
    with Session(engine) as session:
        agenda = case_agenda(session, team_code, today or dt.date.today())
        printed_by = printer_name(session, user_id)
    write_case_agenda(agenda, out, printed_at=printed_at, printed_by=printed_by)
    return agenda.open_cases


# -- subject access ---------------------------------------------------------------------------


def export_subject_access(
    engine: Engine,
    member_id: str,
    pdf_out: Path | None,
    json_out: Path | None,
    *,
    user_id: str | None,
    made_at: dt.datetime | None = None,
) -> SubjectAccessReport:
    """Write everything about one person (GDPR art. 15) as a Dutch PDF and/or the same as
    JSON, then record the viewing of the person's data by ``user_id``; returns what was
    written. Raises :class:`vlot_desktop.services.privacy.UnknownMemberError` and ``OSError``;
    a file that could not be written leaves no record."""
    with Session(engine) as session:
        subject = privacy.find_subject(session, member_id)
        report = privacy.subject_access(
            session,
            member_id,
            made_by=printer_name(session, user_id),
            retention_months=_retention_months(session),
            made_at=made_at,
        )
    if pdf_out is not None:
        write_subject_access_pdf(report, pdf_out)
    if json_out is not None:
        write_subject_access_json(report, json_out)
    if subject.case_id is not None:
        record_sensitive_access(engine, subject.case_id, user_id=user_id, member_id=subject.id)
    return report


def _retention_months(session: Session) -> int:
    """The retention period set on this laptop (its data folder holds the setting)."""
    database = session.connection().engine.url.database
    if not database or database == ":memory:":
        return privacy.DEFAULT_RETENTION_MONTHS
    return privacy.load_retention_months(Path(database).parent)
