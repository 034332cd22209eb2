"""Saved as typed: a visit survives the process being killed mid-visit.

A child process opens visit mode on a prepared data folder and types answers with QTest; the
last one (a text) is only in a field, not yet confirmed by leaving it. About 1.5 seconds later
the test kills the child with SIGKILL (no clean-up, like a laptop whose battery dies) and finds
every answer in the database, and the database intact.
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
view = VisitView(context, TaskRunner())
view.resize(1200, 800)
view.show()
assert view.open_visit(visit_id)
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
        time.sleep(1.5)  # the autosave delay is 0.7 s: the last text is saved by now
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
