"""Start-up after the window is shown: open the data folder in a worker, then load the screens.

Order matters for how fast the window appears: nothing here imports SQLAlchemy or alembic in
the GUI thread; the worker does (``open_data_folder``, then the engine and reference lists).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from vlot_desktop.ui.context import AppContext, OpenedDatabase
from vlot_desktop.ui.errors import EXIT_PROBLEM, ShowError, handle_database_problem, show_critical
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.tasks import TaskContext, TaskRunner


def open_database(data_dir: Path, _task: TaskContext | None = None) -> OpenedDatabase:
    """Create or upgrade the database of ``data_dir`` and read the small reference lists."""
    from vlot_desktop.services.data_folder import open_data_folder

    open_data_folder(data_dir)
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.queries.reference import list_provinces, list_teams

    engine = make_engine(paths.database_path(data_dir))
    with engine.connect() as conn:
        teams = list_teams(conn)
        provinces = list_provinces(conn)
    # Import the screens' queries here too, so their first run in a worker is not an import.
    import vlot_desktop.db.queries.dashboard
    import vlot_desktop.db.queries.municipalities  # noqa: F401

    return OpenedDatabase(engine=engine, teams=teams, provinces=provinces)


class Startup(QObject):
    """Drives the start-up; ends the application with exit code 1 when the folder is unusable.

    Signals:
        ready(): the database is open and the user is known (or self-test skipped the question).
        failed(int): start-up failed; the exit code.
    """

    ready = Signal()
    failed = Signal(int)

    def __init__(
        self,
        window: MainWindow,
        context: AppContext,
        runner: TaskRunner,
        *,
        self_test: bool = False,
        show_error: ShowError = show_critical,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.runner = runner
        self.self_test = self_test
        self.show_error = show_error
        self.started_at = time.perf_counter()
        self.ready_at: float | None = None

    @Slot()
    def begin(self) -> None:
        data_dir = self.context.data_dir

        def work(task: TaskContext) -> OpenedDatabase:
            return open_database(data_dir, task)

        self.runner.run(
            work, on_result=self._opened, on_error=self._failed, owner=self, name="open data folder"
        )

    def _opened(self, database: OpenedDatabase) -> None:
        self.context.set_database(database)
        self.window.update_status_bar()
        asks = not self.context.settings.is_configured and not self.self_test
        if asks and not self.ask_first_run():
            self._exit(0)
            return
        self.ready_at = time.perf_counter()
        self.context.announce_ready()
        self.ready.emit()

    def ask_first_run(self) -> bool:
        """The first-run dialog; False when the user cancelled it."""
        from vlot_desktop.ui.first_run.first_run_dialog import FirstRunDialog

        dialog = FirstRunDialog(self.context.data_dir, self.context.teams, self.runner, self.window)
        accepted = bool(dialog.exec())
        if accepted:
            self.context.reload_settings()
        dialog.deleteLater()
        return accepted

    def _failed(self, exc: BaseException) -> None:
        from vlot_desktop.db.migrate import DatabaseProblem

        if isinstance(exc, DatabaseProblem):
            code = handle_database_problem(
                exc, parent=self.window, self_test=self.self_test, show_error=self.show_error
            )
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
            code = EXIT_PROBLEM
        self.failed.emit(code)
        self._exit(code)

    def _exit(self, code: int) -> None:
        QCoreApplication.exit(code)
