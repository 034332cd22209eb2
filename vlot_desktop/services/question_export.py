"""Export the (filtered) question list to .xlsx or .csv, as the locations export does: Dutch
headers, Dutch labels, dates as dates, written as the rows come (``spreadsheets.writing``).

One row per question: reference, dates, teams (received, handling), municipality, theme and
policy domain, the domains asked with their dispatch status, due and answer dates, the status,
the days to an answer, overdue, published. The asker (personal data) is left out unless asked
for (``include_asker``); the texts of the question and answers too (``include_texts``): the
export is for counting and follow-up (the parliament's questions 2, 5 and 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from vlot_desktop.db.models import Question
from vlot_desktop.domain.enums import ContactChannel, QuestionStatus
from vlot_desktop.domain.question_rules import DispatchStatus, question_reference
from vlot_desktop.services.question_list import QuestionFilter, question_conditions
from vlot_desktop.spreadsheets.cells import CellValue
from vlot_desktop.spreadsheets.writing import ColumnKind, OutputColumn, WriteCancelled, write_table

SHEET_TITLE = "Vragen"
BATCH = 500

# Called with (rows written, rows in total); returns True to stop.
ExportProgress = Callable[[int, int], bool]


@dataclass(frozen=True)
class ExportColumn:
    key: str
    header_nl: str
    header_en: str
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 14


COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("reference", "Referentie", "Reference", width=16),
    ExportColumn("received_on", "Ontvangen op", "Received on", ColumnKind.DATE, 12),
    ExportColumn("received_team", "Ontvangen door", "Received by", width=22),
    ExportColumn("handling_team", "Behandeld door team", "Handling team", width=22),
    ExportColumn("handled_by", "Behandelaar", "Handled by", width=20),
    ExportColumn("channel", "Kanaal", "Channel", width=12),
    ExportColumn("municipality", "Gemeente", "Municipality", width=20),
    ExportColumn("nis", "NIS-code", "NIS code", width=9),
    ExportColumn("domain", "Beleidsdomein (thema)", "Policy domain (theme)", width=26),
    ExportColumn("theme", "Thema", "Theme", width=30),
    ExportColumn("subject", "Onderwerp", "Subject", width=50),
    ExportColumn("status", "Status", "Status", width=14),
    ExportColumn("dispatched_to", "Doorverwezen naar", "Dispatched to", width=30),
    ExportColumn("dispatches", "Doorverwijzingen", "Dispatches", ColumnKind.INTEGER, 9),
    ExportColumn("first_sent", "Eerst doorverwezen op", "First dispatched on", ColumnKind.DATE, 12),
    ExportColumn("next_due", "Eerstvolgende vervaldatum", "Next due date", ColumnKind.DATE, 12),
    ExportColumn("sector_answers", "Antwoorden sector", "Sector answers", ColumnKind.INTEGER, 9),
    ExportColumn("overdue", "Te laat", "Overdue", width=8),
    ExportColumn("answered_on", "Beantwoord op", "Answered on", ColumnKind.DATE, 12),
    ExportColumn("closed_on", "Afgesloten op", "Closed on", ColumnKind.DATE, 12),
    ExportColumn("days", "Dagen tot antwoord", "Days to answer", ColumnKind.INTEGER, 9),
    ExportColumn("published", "Gepubliceerd", "Published", width=10),
)
ASKER_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("asker", "Vraagsteller", "Asker", width=24),
    ExportColumn("asker_email", "E-mail vraagsteller", "Asker's e-mail", width=26),
    ExportColumn("asker_phone", "Telefoon vraagsteller", "Asker's phone", width=16),
)
TEXT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("question_text", "Vraag", "Question", width=60),
    ExportColumn("answer_text", "Antwoord", "Answer", width=60),
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _label(enum_type: Any, value: Any) -> str | None:
    if value is None:
        return None
    try:
        return str(enum_type(str(value)).label_nl)
    except ValueError:
        return str(value)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def count_questions(engine: Engine, question_filter: QuestionFilter) -> int:
    with engine.connect() as conn:
        conditions = question_conditions(conn, question_filter)
        return int(conn.scalar(select(func.count()).select_from(Question).where(*conditions)) or 0)


_ROW_SQL = """
SELECT q.id, q.reference, q.received_on, rt.name_nl, ht.name_nl, s.name, q.channel,
       m.name_nl, q.municipality_nis, p.name_nl, t.name_nl, q.subject, q.status,
       q.answered_on, q.closed_on, q.published,
       coalesce(q.asker_name, c.first_name || ' ' || c.last_name),
       coalesce(q.asker_email, c.email), coalesce(q.asker_phone, c.phone),
       q.question_text, q.answer_text
FROM question AS q
LEFT JOIN team AS rt ON rt.code = coalesce(q.received_team_code, q.team_code)
LEFT JOIN team AS ht ON ht.code = q.team_code
LEFT JOIN staff_user AS s ON s.id = q.handled_by_id
LEFT JOIN municipality AS m ON m.nis_code = q.municipality_nis
LEFT JOIN theme AS t ON t.code = q.theme_code
LEFT JOIN policy_domain AS p ON p.code = t.domain_code
LEFT JOIN contact_person AS c ON c.id = q.asker_contact_id
WHERE q.id IN ({marks})
"""


def _dispatches(conn: Any, ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
    marks = ",".join("?" * len(ids))
    found: dict[str, list[tuple[Any, ...]]] = {}
    for row in conn.exec_driver_sql(
        "SELECT d.question_id, coalesce(p.name_nl, d.domain_code), d.status, d.sent_on, "
        "d.due_on, d.answered_on FROM question_dispatch AS d "
        "LEFT JOIN policy_domain AS p ON p.code = d.domain_code "
        f"WHERE d.question_id IN ({marks}) ORDER BY d.sent_on, d.id",
        tuple(ids),
    ):
        found.setdefault(str(row[0]), []).append(tuple(row[1:]))
    return found


def _cells(
    row: Sequence[Any],
    dispatches: list[tuple[Any, ...]],
    today: dt.date,
    include_asker: bool,
    include_texts: bool,
) -> list[CellValue]:
    received = _as_date(row[2])
    assert received is not None
    open_values = (DispatchStatus.ASKED.value, DispatchStatus.REMINDED.value)
    open_due = [_as_date(d[3]) for d in dispatches if d[1] in open_values and d[3]]
    next_due = min((d for d in open_due if d is not None), default=None)
    status = str(row[12])
    is_open = status in {s.value for s in QuestionStatus if s.is_open}
    answered = _as_date(row[13])
    sent = [_as_date(d[2]) for d in dispatches]
    cells: list[CellValue] = [
        row[1] or question_reference(str(row[0]), received),
        received,
        row[3],
        row[4],
        row[5],
        _label(ContactChannel, row[6]),
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        _label(QuestionStatus, status),
        "; ".join(f"{d[0]} ({_label(DispatchStatus, d[1])})" for d in dispatches) or None,
        len(dispatches),
        min((d for d in sent if d is not None), default=None),
        next_due,
        sum(1 for d in dispatches if d[1] == DispatchStatus.ANSWERED.value),
        "ja" if is_open and next_due is not None and next_due < today else "nee",
        answered,
        _as_date(row[14]),
        (answered - received).days if answered else None,
        "ja" if row[15] else "nee",
    ]
    if include_asker:
        cells += [row[16] or None, row[17], row[18]]
    if include_texts:
        cells += [row[19], row[20]]
    return cells


def export_questions(
    engine: Engine,
    path: Path,
    question_filter: QuestionFilter | None = None,
    *,
    include_asker: bool = False,
    include_texts: bool = False,
    on_progress: ExportProgress | None = None,
) -> ExportResult | None:
    """Write the questions matching ``question_filter`` to ``path`` (.xlsx or .csv), oldest
    first. Returns ``None`` when ``on_progress`` asked to stop (the file is then untouched);
    raises ``SpreadsheetError`` when the file cannot be written."""
    question_filter = question_filter or QuestionFilter()
    columns = list(COLUMNS)
    if include_asker:
        columns += ASKER_COLUMNS
    if include_texts:
        columns += TEXT_COLUMNS
    output = [OutputColumn(c.header_nl, c.kind, c.width) for c in columns]
    with engine.connect() as conn:
        conditions = question_conditions(conn, question_filter)
        ids = list(
            conn.scalars(
                select(Question.id).where(*conditions).order_by(Question.received_on, Question.id)
            )
        )
        total = len(ids)

        def rows() -> Iterator[list[CellValue]]:
            for start in range(0, total, BATCH):
                chunk = ids[start : start + BATCH]
                found = {
                    str(r[0]): r
                    for r in conn.exec_driver_sql(
                        _ROW_SQL.format(marks=",".join("?" * len(chunk))), tuple(chunk)
                    )
                }
                dispatches = _dispatches(conn, chunk)
                for question_id in chunk:
                    row = found.get(question_id)
                    if row is not None:
                        yield _cells(
                            row,
                            dispatches.get(question_id, []),
                            question_filter.today,
                            include_asker,
                            include_texts,
                        )

        def progress(done: int) -> bool:
            return on_progress(done, total) if on_progress is not None else False

        try:
            written = write_table(
                path, output, rows(), sheet_title=SHEET_TITLE, on_progress=progress
            )
        except WriteCancelled:
            return None
    if on_progress is not None:
        on_progress(written, total)
    return ExportResult(path, written)
