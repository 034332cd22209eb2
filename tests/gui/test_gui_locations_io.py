"""The import dialog and the export action: mapping guessed, problems shown, cancel safe."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from vlot_desktop.db.models import Location
from vlot_desktop.db.queries.location_filter import LocationFilter
from vlot_desktop.services.location_import import PreviewRow, RowProblem, import_locations
from vlot_desktop.settings import load_settings
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.locations_io import LocationImportDialog, open_import_dialog, run_export
from vlot_desktop.ui.locations_io.preview_model import ERROR_CELL, ERROR_ROW, ImportPreviewModel
from vlot_desktop.ui.locations_io.problem_model import ProblemTableModel
from vlot_desktop.ui.tasks import TaskRunner

TIMEOUT_MS = 30_000


@pytest.fixture
def context(prepared_dir: Path) -> Iterator[AppContext]:
    from vlot_desktop.ui.startup import open_database

    context = AppContext(prepared_dir)
    context.set_database(open_database(prepared_dir))
    yield context
    context.close()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def dialog(
    qtbot: QtBot, dutch: None, context: AppContext, runner: TaskRunner
) -> LocationImportDialog:
    dialog = LocationImportDialog(context, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _count(context: AppContext) -> int:
    with context.connection() as conn:
        return int(conn.scalar(select(func.count()).select_from(Location)) or 0)


def _outbox(context: AppContext) -> int:
    with context.connection() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM sync_outbox")) or 0)


def _open_file(qtbot: QtBot, dialog: LocationImportDialog, path: Path) -> None:
    dialog.set_path(path)
    with qtbot.waitSignal(dialog.source_loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)


def _check(qtbot: QtBot, dialog: LocationImportDialog) -> object:
    with qtbot.waitSignal(dialog.checked, timeout=TIMEOUT_MS) as blocker:
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_mapping_step_guesses_the_columns(
    qtbot: QtBot, dialog: LocationImportDialog, tmp_path: Path
) -> None:
    file = _csv(
        tmp_path / "aanbod.csv",
        [
            "NAAM ;Soort;Statùs;Gemeente;Aantal plaatsen;Géopend op;Verantwoordelijke",
            "Résidence Hélène;Collectieve opvang;Operationeel;Sint-Truiden;12;1-3-2025;Jan",
        ],
        encoding="cp1252",
    )
    _open_file(qtbot, dialog, file)
    assert dialog.pages.currentIndex() == 1
    chosen = [combo.currentText() for combo in dialog.combos]
    assert chosen == [
        "Naam",
        "Type",
        "Status",
        "Gemeente",
        "Capaciteit",
        "Geopend op",
        "Niet importeren",
    ]
    assert dialog.mapping_error.text() == ""
    assert dialog.next_button.isEnabled()
    # Taking the status away leaves a new location without one: Next is refused, and says why.
    dialog.combos[2].setCurrentIndex(0)
    assert dialog.mapping_error.text() == "Deze velden hebben geen kolom: Status."
    assert not dialog.next_button.isEnabled()
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findText("Type"))
    assert "meer dan één kolom gekozen: Type" in dialog.mapping_error.text()


def test_a_file_that_is_no_spreadsheet_is_refused_on_the_first_page(
    qtbot: QtBot, dialog: LocationImportDialog, tmp_path: Path
) -> None:
    file = tmp_path / "foto.xlsx"
    file.write_bytes(b"\xff\xd8\xff\xe0 a JPEG photo")
    dialog.set_path(file)
    with qtbot.waitSignal(dialog.finished_task, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0
    assert dialog.file_error.text() == "foto.xlsx is geen Excel-bestand (.xlsx) of CSV-bestand."


def test_preview_shows_the_problem_row_and_import_is_refused(
    qtbot: QtBot, dialog: LocationImportDialog, context: AppContext, tmp_path: Path
) -> None:
    lines = ["Naam;Type;Status;Gemeente;Capaciteit"]
    lines += [f"Woning {i};Gastgezin;Operationeel;Gent;1" for i in range(150)]
    lines.append("Kapot;Gastgezin;Operationeel;Gent;min twee")
    file = _csv(tmp_path / "x.csv", lines)
    _open_file(qtbot, dialog, file)
    summary = _check(qtbot, dialog)
    assert dialog.pages.currentIndex() == 2
    assert "152" not in dialog.summary_label.text()  # rows are counted, not line numbers
    assert dialog.summary_label.text().startswith("151 rij(en): 150 nieuw, 0 gewijzigd")
    assert "1 fout(en) in 1 rij(en)" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
    model = dialog.preview_model
    row = model.row_of_file_row(152)
    assert row >= 0  # shown although it is far beyond the first rows
    assert model.index(row, 1).data() == "Kapot"
    assert model.index(row, 5).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_CELL
    assert model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_ROW
    assert model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Capaciteit: 'min twee' is geen getal."
    )
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    problems = dialog.problem_model
    assert [problems.index(0, c).data() for c in range(4)] == [
        "152",
        "Capaciteit",
        "min twee",
        "'min twee' is geen getal.",
    ]
    # Selecting the problem shows its row in the preview.
    dialog.problem_table.selectRow(0)
    assert dialog.preview_table.currentIndex().row() == row
    report = tmp_path / "rapport.csv"
    assert dialog.save_report(report)
    with report.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle, delimiter=";"))[1] == [
            "152",
            "Capaciteit",
            "min twee",
            "'min twee' is geen getal.",
            "fout",
        ]
    assert summary is dialog.summary
    assert _count(dialog.context) == 0


def test_import_writes_remembers_the_mapping_and_announces_it(
    qtbot: QtBot, dialog: LocationImportDialog, context: AppContext, tmp_path: Path
) -> None:
    file = _csv(
        tmp_path / "x.csv",
        [
            "Naam;Type;Status;Gemeente;Capaciteit;Bijkomende info",
            "Anker;Gastgezin;Prospect;Gent;2;",
        ],
    )
    _open_file(qtbot, dialog, file)
    dialog.combos[5].setCurrentIndex(dialog.combos[5].findText("Opmerkingen"))
    _check(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    with (
        qtbot.waitSignal(dialog.imported, timeout=TIMEOUT_MS) as imported,
        qtbot.waitSignal(context.data_changed, timeout=TIMEOUT_MS),
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].created == 1
    assert _count(context) == 1
    assert dialog.status_label.text() == (
        "Geïmporteerd: 1 nieuwe en 0 gewijzigde opvanglocaties; "
        "2 opvangplaatsen toegevoegd, 0 verwijderd."
    )
    assert dialog.cancel_button.text() == "Sluiten"
    assert not dialog.import_button.isEnabled()
    remembered = load_settings(context.data_dir).location_import_mapping
    assert remembered is not None and remembered["bijkomendeinfo"] == "notes"
    # The next file with that header gets the remembered choice.
    other = LocationImportDialog(context, dialog.runner)
    qtbot.addWidget(other)
    _open_file(qtbot, other, file)
    assert other.combos[5].currentText() == "Opmerkingen"


def test_cancel_during_the_import_imports_nothing(
    qtbot: QtBot, dialog: LocationImportDialog, context: AppContext, tmp_path: Path
) -> None:
    lines = ["Naam;Type;Status;Gemeente;Capaciteit"]
    lines += [f"Woning {i};Gastgezin;Operationeel;Gent;2" for i in range(3000)]
    file = _csv(tmp_path / "x.csv", lines)
    _open_file(qtbot, dialog, file)
    _check(qtbot, dialog)
    before = _outbox(context)
    with qtbot.waitSignal(dialog.finished_task, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.text() == "Annuleren" and dialog.cancel_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "Import geannuleerd: er is niets geïmporteerd."
    assert dialog.isVisible()
    assert (_count(context), _outbox(context)) == (0, before)


def test_open_import_dialog_shows_a_dutch_dialog(
    qtbot: QtBot, dutch: None, context: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    from test_gui_translations import assert_all_dutch

    dialog = open_import_dialog(None, context, runner)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Opvanglocaties importeren"
    assert_all_dutch(dialog)
    file = _csv(tmp_path / "x.csv", ["Naam;Type;Status;Gemeente", "A;Gastgezin;Prospect;Atlantis"])
    _open_file(qtbot, dialog, file)
    assert_all_dutch(dialog)
    _check(qtbot, dialog)
    assert_all_dutch(dialog)
    assert dialog.problem_model.index(0, 3).data() == "Onbekende gemeente: Atlantis."


def test_export_writes_the_filtered_list_and_says_so(
    qtbot: QtBot, dutch: None, context: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    file = _csv(
        tmp_path / "in.csv",
        ["Naam;Type;Status;Gemeente", "A;Gastgezin;Prospect;Gent", "B;Gastgezin;Prospect;Hasselt"],
    )
    assert import_locations(context.engine, file).created == 2
    out = tmp_path / "limburg.xlsx"
    job = run_export(None, context, runner, LocationFilter(team_code="limburg"), path=out)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as finished:
        pass
    assert finished.args[0].rows == 1
    import openpyxl

    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[1] for r in rows] == ["Naam", "B"]
    box = job.message_box
    assert isinstance(box, QMessageBox)
    assert box.text() == f"1 opvanglocaties geëxporteerd naar {out}."
    box.close()


def test_a_cancelled_export_leaves_no_file(
    qtbot: QtBot,
    dutch: None,
    context: AppContext,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vlot_desktop.spreadsheets import writing

    lines = ["Naam;Type;Status;Gemeente"] + [f"L{i};Gastgezin;Prospect;Gent" for i in range(50)]
    import_locations(context.engine, _csv(tmp_path / "in.csv", lines))
    monkeypatch.setattr(writing, "PROGRESS_EVERY", 1)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    job = run_export(None, context, runner, LocationFilter(), path=out_dir / "x.csv")
    assert job is not None
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as finished:
        pass
    assert finished.args[0] is None and job.message_box is None
    assert list(out_dir.iterdir()) == []


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, dutch: None) -> None:
    problems = [
        RowProblem(3, "Capaciteit", "-1", "De capaciteit kan niet negatief zijn.", "neg"),
        RowProblem(0, "", "", "Deze kolommen ontbreken: Status.", "missing"),
    ]
    preview = ImportPreviewModel()
    preview.set_preview(
        ["Naam", "Capaciteit"],
        [PreviewRow(2, ["A", "1"], "create"), PreviewRow(3, ["B", "-1"], "error")],
        problems,
        "nl",
    )
    qtmodeltester.check(preview)
    assert preview.headerData(0, Qt.Orientation.Horizontal) == "Rij"
    problem_model = ProblemTableModel()
    problem_model.set_rows(problems)
    qtmodeltester.check(problem_model)
    assert problem_model.index(1, 0).data() == ""  # the file as a whole: no row number


def test_the_entry_points_import_without_sqlalchemy() -> None:
    """The locations screen may import them while the window is built (before SQLAlchemy)."""
    import subprocess
    import sys

    script = (
        "import sys, vlot_desktop.ui.locations_io\n"
        "print(sorted(m for m in ('sqlalchemy', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_file_dialog_chooses_the_format(
    qtbot: QtBot,
    dutch: None,
    context: AppContext,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def save_name(_parent: object, title: str, _start: str, filters: str) -> tuple[str, str]:
        asked.extend([title, filters])
        return str(tmp_path / "aanbod"), filters.split(";;")[1]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    job = run_export(None, context, runner, LocationFilter())
    assert job is not None and job.path == tmp_path / "aanbod.csv"
    assert asked == [
        "Opvanglocaties exporteren",
        "Excel-werkmap (*.xlsx);;CSV, gescheiden door puntkomma's (*.csv)",
    ]
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        pass
    assert (tmp_path / "aanbod.csv").read_text(encoding="utf-8-sig").startswith("ID;Naam;Type")
    assert job.message_box is not None
    job.message_box.close()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert run_export(None, context, runner, LocationFilter()) is None


def test_an_import_shows_in_the_open_screens_without_a_click(
    qtbot: QtBot,
    window,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from gui_waiting import settle

    view = window.show_screen("municipalities")
    settle(window.runner)
    gent = view.model.row_of("44021")
    assert view.model.index(gent, 5).data() == "1.234"  # Plaatsen
    file = _csv(
        tmp_path / "x.csv",
        ["Naam;Type;Status;Gemeente;Capaciteit", "Anker;Gastgezin;Prospect;Gent;2"],
    )
    dialog = open_import_dialog(window, window.context, window.runner)
    _open_file(qtbot, dialog, file)
    _check(qtbot, dialog)
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(window.runner)  # no refresh: the import announced what it changed
    assert view.model.index(view.model.row_of("44021"), 5).data() == "1.236"
    dialog.close()
