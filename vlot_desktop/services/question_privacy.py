"""The privacy tools of the Vragen screen as it starts them (in a worker, through ``ui.ops``):
the questions of one asker, erasing that asker, their subject-access export (JSON and PDF),
and the askers' part of the retention period. ``services.privacy`` works within an ORM
transaction of its caller; these give it one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from vlot_desktop.reports.subject_access import AskerAccessData, write_asker_access_pdf
from vlot_desktop.services import privacy
from vlot_desktop.services.privacy import AskerKey, ErasureSummary


def asker_questions(conn: Connection, asker: AskerKey) -> list[str]:
    """The ids of the questions this person asked (a read)."""
    with Session(bind=conn) as session:
        return privacy.questions_of_asker(session, asker)


def erase_asker(engine: Engine, asker: AskerKey, today: dt.date | None = None) -> ErasureSummary:
    """Erase the asker from all their questions here and, at the next sync, everywhere."""
    with Session(engine) as session:
        return privacy.erase_asker(session, asker, today)


def export_asker(conn: Connection, asker: AskerKey) -> dict[str, Any]:
    with Session(bind=conn) as session:
        return privacy.export_asker(session, asker)


def write_asker_access(
    engine: Engine, asker: AskerKey, json_out: Path | None, pdf_out: Path | None
) -> int:
    """Write the asker's subject-access export as JSON and/or PDF; returns the number of
    questions in it."""
    with engine.connect() as conn:
        data = export_asker(conn, asker)
    if json_out is not None:
        privacy.write_subject_access_json(data, json_out)
    if pdf_out is not None:
        write_asker_access_pdf(AskerAccessData.of(data), pdf_out)
    return len(data["questions"])


def question_retention_count(conn: Connection, today: dt.date, months: int) -> ErasureSummary:
    """How many askers the retention period would erase today (a dry run: a read)."""
    with Session(bind=conn) as session:
        return privacy.apply_question_retention(session, today, months, dry_run=True)
