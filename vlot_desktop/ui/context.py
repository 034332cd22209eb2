"""What every screen needs to know: the data folder, the settings and, once open, the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from vlot_desktop.settings import Settings, load_settings

if TYPE_CHECKING:  # SQLAlchemy is imported only after the window is shown.
    from sqlalchemy import Connection, Engine

    from vlot_desktop.db.queries.reference import ProvinceRow, TeamRow
    from vlot_desktop.services.changes import Changes
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.tasks import TaskRunner


@dataclass
class OpenedDatabase:
    """The result of the start-up worker: an engine plus the small reference lists."""

    engine: Engine
    teams: list[TeamRow] = field(default_factory=list)
    provinces: list[ProvinceRow] = field(default_factory=list)


class AppContext(QObject):
    """Shared state of the running application.

    Signals:
        database_ready(): the data folder is open and the screens may load.
        settings_changed(): the user, team or share changed (e.g. after the first-run dialog).
        changed(Changes): a write (a form, an import, a sync round) changed these records;
            every open screen that shows them re-reads them (``announce``).
        data_changed(): emitted with every ``changed`` (the count of changes to send listens).
        sync_logged(): a sync round ended; ``sync_log`` has it at the end.
    """

    database_ready = Signal()
    settings_changed = Signal()
    changed = Signal(object)
    data_changed = Signal()
    sync_logged = Signal()

    def __init__(self, data_dir: Path, settings: Settings | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings if settings is not None else load_settings(data_dir)
        self._database: OpenedDatabase | None = None
        self._store: Store | None = None
        # The pool the screens' reads and writes run on (``ui.ops``); the window attaches it.
        self.task_runner: TaskRunner | None = None
        # The sync rounds of this session (``ui.sync_controller.SyncAttempt``), oldest first.
        self.sync_log: list[Any] = []

    @property
    def is_ready(self) -> bool:
        return self._database is not None

    @property
    def engine(self) -> Engine:
        if self._database is None:
            raise RuntimeError("the database is not open yet")
        return self._database.engine

    @property
    def store(self) -> Store:
        """The database as the screens use it: named reads and service calls (``ui.ops``)."""
        if self._store is None:
            from vlot_desktop.services.store import Store

            self._store = Store(self.engine)
        return self._store

    def announce(self, changes: Changes) -> None:
        """Tell every open screen what a write changed (``ui.ops.CollectionOp`` calls this)."""
        self.changed.emit(changes)
        self.data_changed.emit()

    def connection(self) -> Connection:
        """A connection for one query or a few (use it in a ``with`` block, in one thread)."""
        return self.engine.connect()

    @property
    def teams(self) -> list[TeamRow]:
        return self._database.teams if self._database else []

    @property
    def provinces(self) -> list[ProvinceRow]:
        return self._database.provinces if self._database else []

    def team_name(self, code: str | None, language: str) -> str:
        for team in self.teams:
            if team.code == code:
                return team.name(language)
        return code or ""

    def set_database(self, database: OpenedDatabase) -> None:
        self._database = database
        self._store = None

    def announce_ready(self) -> None:
        self.database_ready.emit()

    def reload_settings(self) -> None:
        self.settings = load_settings(self.data_dir)
        self.settings_changed.emit()

    def close(self) -> None:
        if self._database is not None:
            self._database.engine.dispose()
            self._database = None
            self._store = None

    def run_query(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        """Run ``query(conn, *args, **kwargs)`` on a fresh connection and return its result."""
        with self.connection() as conn:
            return query(conn, *args, **kwargs)
