"""Dossieroverzicht (PDF): the summary of one case, sensitive needs only when chosen.

Printing the sensitive needs counts as viewing them: ``make_case_summary`` records the
viewing (``sensitive_data_access``) once the file is written, exactly as the CLI does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.case_actions.common import FileOpener, JobDialog, PathField
from vlot_desktop.ui.case_actions.household import file_stem
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail
    from vlot_desktop.services.store import Store


class CaseSummaryDialog(JobDialog):
    """Asks for the file and whether to include the sensitive needs, then writes and opens it."""

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        detail: CaseDetail,
        parent: QWidget | None = None,
        opener: FileOpener | None = None,
    ) -> None:
        super().__init__(
            context,
            runner,
            parent,
            self.tr("Case summary (PDF)"),
            self.tr("&Make PDF"),
        )
        self.detail = detail
        self.opener = opener or common.default_opener
        self.out: Path | None = None
        intro = QLabel(
            self.tr("Summary of case %1: household, needs, timeline and outcome.").replace(
                "%1", detail.reference
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        default = common.documents_folder() / f"dossieroverzicht-{file_stem(detail.reference)}.pdf"
        self.path_field = PathField(
            self.tr("PDF file to write"), default, folder=False, parent=self
        )
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_field.edit)
        self.form.addRow(file_label, self.path_field)
        self.sensitive_check = QCheckBox(self.tr("Include &sensitive data (health needs)"), self)
        self.sensitive_check.setAccessibleName(self.tr("Include sensitive data"))
        self.form.addRow(self.sensitive_check)
        self.sensitive_note = QLabel(
            self.tr(
                "Printing the sensitive data is recorded as a viewing under your name. "
                "Keep the printout confidential."
            ),
            self,
        )
        self.sensitive_note.setWordWrap(True)
        self.form.addRow(self.sensitive_note)

    def start(self) -> None:
        out = common.pdf_path(self.path_field.text())
        if out is None:
            self.show_status(self.tr("Choose the file to write."), error=True)
            return
        self.out = out
        case_id = self.detail.id
        include = self.sensitive_check.isChecked()
        user_id = self.context.settings.user_id

        def make(store: Store) -> Path:
            from vlot_desktop.services.case_reports import make_case_summary

            make_case_summary(
                store.engine, out, case_id, include_sensitive=include, user_id=user_id
            )
            return out

        if include:  # the printing of the health needs is recorded as a viewing
            self.run_write(
                make,
                self.tr("Making the PDF…"),
                changes=Changes.of("sensitive_data_access", ids=[case_id]),
            )
        else:
            self.run_read(make, self.tr("Making the PDF…"))

    def error_text(self, exc: BaseException) -> str | None:
        from vlot_desktop.services.case_reports import UnknownCaseError

        if isinstance(exc, UnknownCaseError):
            return self.tr("This case no longer exists (erased or removed on another laptop).")
        if isinstance(exc, OSError) and self.out is not None:
            return common.file_error_text(exc, self.out)
        return None

    def job_done(self, result: Path) -> None:
        self.show_status(self.tr("Written: %1").replace("%1", str(result)), done=True)
        self.opener(result)
        self.accept()
