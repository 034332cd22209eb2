"""Saved as typed: a visit survives the process being killed mid-visit.

A child process opens visit mode on a prepared data folder and types answers with QTest; the
last one (a text) is only in a field, not yet confirmed by leaving it. Once the autosave has
written it, the test kills the child with SIGKILL (no clean-up, like a laptop whose battery
dies) and finds every answer in the database, and the database intact.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.services import prospects as svc

CHILD = r"""
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.prospects.visit_view import VisitView
from vlot_desktop.ui.startup import open_database
from vlot_desktop.ui.tasks import TaskRunner

data_dir, visit_id = Path(sys.argv[1]), sys.argv[2]
app = QApplication([])
context = AppContext(data_dir)
context.set_database(open_database(data_dir))
runner = TaskRunner()
view = VisitView(context, runner)
view.resize(1200, 800)
view.show()
view.open_visit(visit_id)  # read in a worker: wait for it, and for its photos
for _ in range(100):
    runner.wait_for_done(20_000)
    app.processEvents()
    if view.visit is not None and runner.active_count == 0:
        break
assert view.visit is not None
view.show_section("gebouw")
smoke = view.editors["gebouw.rookmelders"]
smoke.focus_item()
QTest.keyClick(smoke, Qt.Key.Key_J)
QTest.keyClick(view.editors["gebouw.co_melders"], Qt.Key.Key_N)
view.show_section("sanitair")
toilets = view.editors["sanitair.aantal_toiletten"]
toilets.focus_item()
QTest.keyClicks(toilets.number_edit, "7")
view.show_section("algemeen")
use = view.editors["algemeen.huidige_bestemming"]
use.focus_item()
QTest.keyClicks(use.text_edit, "Leegstaande school")
print("TYPED", flush=True)
app.exec()
"""


def _saved(data_dir: Path, text: str) -> bool:
    """Whether another process's database holds ``text`` as an answer (read-only, no lock)."""
    db = sqlite3.connect(f"{paths.database_path(data_dir).as_uri()}?mode=ro", uri=True)
    try:
        found = db.execute("SELECT 1 FROM checklist_answer WHERE value_text = ?", (text,))
        return found.fetchone() is not None
    except sqlite3.OperationalError:
        return False  # busy for a moment: look again
    finally:
        db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_answers_survive_a_kill(prepared_dir: Path, tmp_path: Path) -> None:
    engine = make_engine(paths.database_path(prepared_dir))
    visit_id = svc.create_visit(
        engine,
        svc.NewVisit(
            name="Klooster Sint-Jozef", municipality_nis="71072", visit_date=dt.date.today()
        ),
    )
    engine.dispose()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, str(script), str(prepared_dir), visit_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read() if child.stderr else ""
        # The last text is only in its field: the autosave (0.7 s after the last key) writes
        # it. Wait until the database has it, then kill: nothing may be lost by the kill.
        deadline = time.monotonic() + 30
        while not _saved(prepared_dir, "Leegstaande school"):
            assert time.monotonic() < deadline, "the typed text was never saved"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL

    db = sqlite3.connect(paths.database_path(prepared_dir))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = dict(
            (key, (choice, number, text))
            for key, choice, number, text in db.execute(
                "SELECT item_key, value_choice, value_number, value_text FROM checklist_answer"
            )
        )
    finally:
        db.close()
    assert rows == {
        "gebouw.rookmelders": ("ja", None, None),
        "gebouw.co_melders": ("nee", None, None),
        "sanitair.aantal_toiletten": (None, 7.0, None),
        "algemeen.huidige_bestemming": (None, None, "Leegstaande school"),
    }


# -- in the window: the writes run in a worker, and still nothing typed is lost ----------------


def _type_a_text(visit) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    visit.show_section("algemeen")
    use = visit.editors["algemeen.huidige_bestemming"]
    use.focus_item()
    QTest.keyClicks(use.text_edit, "Leegstaande school")
    assert visit.saver.has_pending  # typed, not yet saved (the timer has not fired)


def test_closing_the_window_saves_what_was_typed(
    qtbot,
    dutch: None,
    make_window,
    engine,
    prepared_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    from test_gui_prospects import answers, open_screen, open_visit, plan

    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    _type_a_text(visit)
    view.window().close()  # stops the workers: the last write goes first
    assert answers(engine) == {"algemeen.huidige_bestemming": (None, None, "Leegstaande school")}


def test_a_write_made_after_the_workers_stopped_is_still_saved(
    qtbot,
    dutch: None,
    make_window,
    engine,
    prepared_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    from test_gui_prospects import answers, open_screen, open_visit, plan

    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    _type_a_text(visit)
    view.runner.shutdown()  # as run_gui does when the application quits, before closing
    view.window().close()
    assert answers(engine) == {"algemeen.huidige_bestemming": (None, None, "Leegstaande school")}


def test_opening_another_visit_saves_the_first_and_shows_it_again(
    qtbot,
    dutch: None,
    make_window,
    engine,
    prepared_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    from test_gui_prospects import answers, open_screen, open_visit, plan

    first = plan(engine, "Klooster Sint-Jozef")
    second = plan(engine, "School De Linde")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, first)
    _type_a_text(visit)
    visit = open_visit(qtbot, view, second)
    assert visit.visit_id == second
    assert answers(engine) == {"algemeen.huidige_bestemming": (None, None, "Leegstaande school")}
    visit.show_section("algemeen")
    assert visit.editors["algemeen.huidige_bestemming"].text_edit.text() == ""
    visit = open_visit(qtbot, view, first)
    visit.show_section("algemeen")
    assert visit.editors["algemeen.huidige_bestemming"].text_edit.text() == "Leegstaande school"


def test_back_to_the_list_shows_what_was_typed(
    qtbot,
    dutch: None,
    make_window,
    engine,
    prepared_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    from gui_waiting import settle
    from test_gui_prospects import open_screen, open_visit, plan

    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    details = visit.details_page
    assert details is not None
    visit.sections.setCurrentRow(0)
    details.name_edit.setFocus()
    details.name_edit.selectAll()
    from PySide6.QtTest import QTest

    QTest.keyClicks(details.name_edit, "Pastorij Kerkplein")
    visit.leave()
    settle(view.runner)
    assert not view.in_visit_mode
    assert [view.model.index(r, 0).data() for r in range(view.model.rowCount())] == [
        "Pastorij Kerkplein"
    ]


def test_a_visit_announced_elsewhere_shows_in_the_list_without_a_click(
    qtbot,
    dutch: None,
    make_window,
    engine,
    prepared_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    from gui_elsewhere import synced
    from gui_waiting import settle
    from test_gui_prospects import names_shown, open_screen, plan

    view = open_screen(qtbot, make_window, prepared_dir)
    assert names_shown(view) == []
    plan(engine, "Hôtel Régina")  # another laptop's, brought in by a sync
    view.context.announce(synced("prospect_visit"))
    settle(view.runner)
    assert names_shown(view) == ["Hôtel Régina"]
    assert view.result_label.text() == "1 prospectie · 0 geschatte plaatsen"
