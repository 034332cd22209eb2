"""Start-up: the window comes first, bad data folders end with exit code 1 and a Dutch message,
``--self-test`` visits every screen and exits 0."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from vlot_desktop import paths
from vlot_desktop.app import run_gui
from vlot_desktop.db.migrate import NewerDatabaseError, NotADatabaseError
from vlot_desktop.ui.errors import handle_database_problem

REPO = Path(__file__).resolve().parents[2]
VLOT_DESKTOP = Path(sys.executable).with_name("vlot-desktop")
NOT_A_DATABASE_NL = "is geen databank van VLOT Desktop"


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("VLOT_DATA_DIR", None)
    command = (
        [str(VLOT_DESKTOP)] if VLOT_DESKTOP.exists() else [sys.executable, "-m", "vlot_desktop"]
    )
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO,
        check=False,
    )


class RecordingDialog:
    def __init__(self) -> None:
        self.calls: list[tuple[QWidget | None, str, str]] = []

    def __call__(self, parent: QWidget | None, title: str, message: str) -> None:
        self.calls.append((parent, title, message))


def test_database_problem_is_shown_in_dutch_and_gives_exit_code_1(dutch: None) -> None:
    shown = RecordingDialog()
    problem = NotADatabaseError(
        "x is not a database", "Het bestand x is geen databank van VLOT Desktop."
    )
    assert handle_database_problem(problem, show_error=shown) == 1
    assert shown.calls == [(None, "VLOT Desktop kan niet starten", problem.message_nl)]


def test_database_problem_in_self_test_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    shown = RecordingDialog()
    problem = NewerDatabaseError(
        "newer", "De databank komt van een nieuwere versie van VLOT Desktop."
    )
    assert handle_database_problem(problem, self_test=True, show_error=shown) == 1
    assert shown.calls == []
    assert "nieuwere versie" in capsys.readouterr().err


def test_not_a_database_file_ends_start_up_with_1(
    qapp: QApplication, dutch: None, data_dir: Path
) -> None:
    paths.database_path(data_dir).write_bytes(b"this is a spreadsheet, not a database" * 10)
    shown = RecordingDialog()
    assert run_gui(data_dir, show_error=shown) == 1
    assert len(shown.calls) == 1
    _parent, title, message = shown.calls[0]
    assert title == "VLOT Desktop kan niet starten"
    assert NOT_A_DATABASE_NL in message
    assert paths.database_path(data_dir).read_bytes().startswith(b"this is a spreadsheet")


def test_newer_database_ends_start_up_with_1(qapp: QApplication, data_dir: Path) -> None:
    db = sqlite3.connect(paths.database_path(data_dir))
    db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    db.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    db.commit()
    db.close()
    shown = RecordingDialog()
    assert run_gui(data_dir, show_error=shown) == 1
    assert "nieuwere versie" in shown.calls[0][2]


def test_self_test_in_process_returns_0(
    qapp: QApplication, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_gui(sample_dir, self_test=True) == 0
    out = capsys.readouterr().out
    assert "dashboard figures shown after" in out
    assert out.rstrip().endswith("OK")


@pytest.mark.slow
def test_self_test_command_on_an_empty_unconfigured_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nieuw"
    result = _cli("--data-dir", str(folder), "--self-test")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    assert paths.database_path(folder).exists()  # the database was prepared on the way


@pytest.mark.slow
def test_self_test_command_on_a_bad_folder_fails_with_the_dutch_message(tmp_path: Path) -> None:
    folder = tmp_path / "kapot"
    folder.mkdir()
    paths.database_path(folder).write_text("geen databank")
    result = _cli("--data-dir", str(folder), "--self-test")
    assert result.returncode == 1
    assert NOT_A_DATABASE_NL in result.stderr


def test_window_is_built_without_importing_sqlalchemy(tmp_path: Path) -> None:
    """The window must appear before the slow imports (SQLAlchemy ~0.4 s, alembic ~0.4 s)."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from vlot_desktop.ui.context import AppContext
        from vlot_desktop.ui.i18n import install_translators
        from vlot_desktop.ui.main_window import MainWindow
        from vlot_desktop.ui.tasks import TaskRunner
        import vlot_desktop.app, vlot_desktop.ui.startup, vlot_desktop.ui.self_test
        app = QApplication([])
        install_translators(app, "nl")
        window = MainWindow(AppContext(Path({str(tmp_path)!r})), TaskRunner())
        window.show()
        app.processEvents()
        heavy = sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules)
        print("HEAVY", heavy)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout
