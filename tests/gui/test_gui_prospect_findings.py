"""Visit mode: a knelpunt or opportuniteit gets who takes it up and by when, saved as typed,
shown again when the visit is reopened, and printed in the report's findings table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from gui_waiting import settle
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from test_gui_prospects import focused, open_screen, open_visit, plan, saved

from vlot_desktop.db.models import Finding
from vlot_desktop.services.prospect_reports import make_prospect_report


def test_a_finding_gets_who_and_by_when_and_the_report_prints_them(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
    tmp_path: Path,
) -> None:
    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    visit.show_section("gebouw")
    asbestos = visit.editors["gebouw.asbest"]
    asbestos.focus_item()
    QTest.keyClick(asbestos, Qt.Key.Key_F2)
    assert focused(asbestos) is asbestos.remark_edit
    # Who and by when belong to a finding: not offered for a plain remark.
    assert not asbestos.follow_up_row.isVisibleTo(asbestos)
    QTest.keyClicks(asbestos.remark_edit, "Asbest in de kelder")
    asbestos.kind_buttons["knelpunt"].click()
    assert asbestos.follow_up_row.isVisibleTo(asbestos)
    QTest.keyClicks(asbestos.action_edit, "Asbestinventaris laten maken")
    QTest.keyClicks(asbestos.responsible_edit, "Eigenaar")
    # The date is chosen as in the calendar (the field shows it as 15/12/2026).
    asbestos.due_edit.setDate(QDate(2026, 12, 15))
    assert asbestos.due_edit.text() == "15/12/2026"
    saved(visit)
    assert asbestos.note_button.text() == "Knelpunt"

    with engine.connect() as conn:
        finding = conn.execute(
            select(Finding.kind, Finding.action, Finding.responsible, Finding.due_on)
        ).one()
    assert tuple(finding) == (
        "knelpunt",
        "Asbestinventaris laten maken",
        "Eigenaar",
        dt.date(2026, 12, 15),
    )

    # Reopened, the visit shows them; a change is saved too.
    visit = open_visit(qtbot, view, visit_id)
    visit.show_section("gebouw")
    reopened = visit.editors["gebouw.asbest"]
    assert reopened.responsible_edit.text() == "Eigenaar"
    assert reopened.due_edit.date() == QDate(2026, 12, 15)
    assert reopened.follow_up_row.isVisibleTo(reopened)
    reopened.responsible_edit.selectAll()
    QTest.keyClicks(reopened.responsible_edit, "Gemeente Hasselt")
    saved(visit)
    settle(view.runner)

    out = tmp_path / "verslag.pdf"
    make_prospect_report(engine, prepared_dir, visit_id, out)
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(out).pages).split())
    findings = text[text.index("Knelpunten en opportuniteiten") :]
    assert "Asbestinventaris laten maken Gemeente Hasselt 15/12/2026" in findings
