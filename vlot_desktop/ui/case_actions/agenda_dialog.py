"""Agenda wekelijks overleg (PDF): the open cases of one team (or all) for the weekly meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.case_actions.common import FileOpener, JobDialog, PathField
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.services.store import Store


class AgendaDialog(JobDialog):
    """Asks for the team (the user's own by default) and the file, then writes and opens it."""

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        parent: QWidget | None = None,
        opener: FileOpener | None = None,
    ) -> None:
        super().__init__(
            context,
            runner,
            parent,
            self.tr("Weekly meeting agenda (PDF)"),
            self.tr("&Make PDF"),
        )
        self.opener = opener or common.default_opener
        self.out: Path | None = None
        intro = QLabel(
            self.tr(
                "The open rehousing, vulnerable profile and FEDASIL cases per team, most urgent "
                "deadline first. The agenda names no household members."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName(self.tr("Team of the agenda"))
        self.team_combo.addItem(self.tr("All teams"), None)
        language = current_language()
        for team in context.teams:
            self.team_combo.addItem(team.name(language), team.code)
        own = self.team_combo.findData(context.settings.team_code)
        self.team_combo.setCurrentIndex(max(0, own))
        team_label = QLabel(self.tr("&Team:"), self)
        team_label.setBuddy(self.team_combo)
        self.form.addRow(team_label, self.team_combo)
        self.path_field = PathField(
            self.tr("PDF file to write"), self._default_path(), folder=False, parent=self
        )
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_field.edit)
        self.form.addRow(file_label, self.path_field)
        self._suggested = self.path_field.text()
        self.team_combo.currentIndexChanged.connect(self._team_changed)

    def team_code(self) -> str | None:
        data = self.team_combo.currentData()
        return str(data) if data else None

    def _default_path(self) -> Path:
        code = self.team_code() or "alle-teams"
        name = f"agenda-dossiers-{code}-{dt.date.today().isoformat()}.pdf"
        return common.documents_folder() / name

    def _team_changed(self, _index: int) -> None:
        # Follow the team in the suggested name, unless the user typed a name of their own.
        if self.path_field.text() == self._suggested:
            self._suggested = str(self._default_path())
            self.path_field.set_text(self._suggested)

    def start(self) -> None:
        out = common.pdf_path(self.path_field.text())
        if out is None:
            self.show_status(self.tr("Choose the file to write."), error=True)
            return
        self.out = out
        team = self.team_code()

        def make(store: Store) -> tuple[Path, int]:
            from vlot_desktop.services.case_reports import make_case_agenda

            return out, make_case_agenda(store.engine, out, team_code=team)

        self.run_read(make, self.tr("Making the PDF…"))

    def error_text(self, exc: BaseException) -> str | None:
        from vlot_desktop.services.case_reports import UnknownTeamError

        if isinstance(exc, UnknownTeamError):
            return self.tr("This team is not known in the database.")
        if isinstance(exc, OSError) and self.out is not None:
            return common.file_error_text(exc, self.out)
        return None

    def job_done(self, result: tuple[Path, int]) -> None:
        self.opener(result[0])
        self.accept()
