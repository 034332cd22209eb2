"""Inzage-export: everything VLOT holds about one household member, as PDF and JSON.

File names hold no personal data (a name is personal data, and file names end up in recent
file lists and mail subjects): ``inzage-<case reference>-lid<number>.pdf`` and ``.json``, the
number being the member's place in the household as the detail pane lists it. The export
holds the person's health data, so it is recorded as a viewing of that member's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.case_actions.common import FileOpener, JobDialog, PathField
from vlot_desktop.ui.case_actions.household import file_stem, member_label, member_number
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail
    from vlot_desktop.services.store import Store


def export_file_names(detail: CaseDetail, member_id: str) -> tuple[str, str]:
    """The PDF and JSON file names of a member's export (no personal data in them)."""
    stem = f"inzage-{file_stem(detail.reference)}-lid{member_number(detail, member_id)}"
    return f"{stem}.pdf", f"{stem}.json"


class SubjectAccessDialog(JobDialog):
    """Asks for the folder, writes the PDF and the JSON, then opens the folder."""

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        detail: CaseDetail,
        member_id: str,
        parent: QWidget | None = None,
        opener: FileOpener | None = None,
    ) -> None:
        super().__init__(
            context,
            runner,
            parent,
            self.tr("Subject access export"),
            self.tr("&Export"),
        )
        self.detail = detail
        self.member_id = member_id
        self.opener = opener or common.default_opener
        self.folder: Path | None = None
        member = next(m for m in detail.members if m.id == member_id)
        pdf_name, json_name = export_file_names(detail, member_id)
        self.file_names = (pdf_name, json_name)
        intro = QLabel(
            self.tr(
                "Everything VLOT holds about %1 (case %2), for a request to see one's own "
                "data (GDPR art. 15): a PDF to hand over and a JSON file with the same data."
            )
            .replace("%1", member_label(detail, member))
            .replace("%2", detail.reference),
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.path_field = PathField(
            self.tr("Folder for the export"), common.documents_folder(), folder=True, parent=self
        )
        folder_label = QLabel(self.tr("&Folder:"), self)
        folder_label.setBuddy(self.path_field.edit)
        self.form.addRow(folder_label, self.path_field)
        names = QLabel(
            self.tr("Files: %1 and %2").replace("%1", pdf_name).replace("%2", json_name), self
        )
        names.setWordWrap(True)
        self.form.addRow(names)

    def start(self) -> None:
        text = self.path_field.text().strip()
        if not text:
            self.show_status(self.tr("Choose the folder for the export."), error=True)
            return
        folder = Path(text).expanduser()
        self.folder = folder
        member_id = self.member_id
        case_id = self.detail.id
        user_id = self.context.settings.user_id
        pdf_out, json_out = (folder / name for name in self.file_names)

        def export(store: Store) -> list[Path]:
            from vlot_desktop.services.case_reports import export_subject_access

            export_subject_access(store.engine, member_id, pdf_out, json_out, user_id=user_id)
            return [pdf_out, json_out]

        # The export is recorded as a viewing of the person's data.
        self.run_write(
            export,
            self.tr("Exporting…"),
            changes=Changes.of("sensitive_data_access", ids=[case_id]),
        )

    def error_text(self, exc: BaseException) -> str | None:
        from vlot_desktop.services.cases import CaseNotFoundError
        from vlot_desktop.services.privacy import UnknownMemberError

        if isinstance(exc, UnknownMemberError | CaseNotFoundError):
            return self.tr("This person no longer exists (removed on another laptop).")
        if isinstance(exc, OSError) and self.folder is not None:
            return common.file_error_text(exc, self.folder)
        return None

    def job_done(self, result: list[Path]) -> None:
        self.opener(result[0].parent)
        self.accept()
