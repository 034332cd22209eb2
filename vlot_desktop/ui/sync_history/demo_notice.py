"""The demo-data notice: demo data on no share, or a training share ("Oefenshare").

Shown twice: short in the main window's status bar (the hint as its tooltip), in full on the
Synchronisatie screen. What the laptop holds is read with
``services.training_share.demo_status`` through ``ui.ops.QueryOp`` (in a worker), when the
database opens, the settings change and after every sync round (a new laptop's first round
brings a training share's demo set).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # imported when first needed: nothing extra before the window shows
    from vlot_desktop.services.training_share import DemoStatus


class DemoNotice(QLabel):
    """Hidden unless this laptop holds demo data.

    Signals:
        loaded(): the notice shows the laptop's current state.
    """

    loaded = Signal()

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        *,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        if context.task_runner is None:
            context.task_runner = runner  # (the main window attaches it; a screen does too)
        self.compact = compact
        self.status: DemoStatus | None = None  # not known yet
        self.setObjectName("demoNotice")
        self.setWordWrap(not compact)
        if compact:
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setContentsMargins(6, 0, 6, 0)
        else:
            self.setTextFormat(Qt.TextFormat.RichText)
            self.setStyleSheet("QLabel#demoNotice { padding: 6px; }")
        self.setVisible(False)
        context.database_ready.connect(self.refresh)
        context.settings_changed.connect(self.refresh)
        context.sync_logged.connect(self.refresh)
        if context.is_ready:
            self.refresh()

    def texts(self, status: DemoStatus) -> tuple[str, str]:
        """(what the notice says, the hint) for ``status``."""
        from vlot_desktop.services.training_share import DemoStatus

        if status is DemoStatus.NOT_SHARED:
            return (
                self.tr("This laptop holds demo data that is not shared."),
                self.tr(
                    "To practise together: put the demo data on an empty folder with "
                    "'vlot-desktop demo --share FOLDER'; the other laptops then choose that "
                    "folder as their share."
                ),
            )
        if status is DemoStatus.TRAINING_SHARE:
            return (
                self.tr("Training share"),
                self.tr(
                    "The data on this laptop is demo data, shared with the other laptops on "
                    "this training share: practise freely, none of it is real."
                ),
            )
        return "", ""

    @Slot()
    def refresh(self) -> None:
        if not self.context.is_ready:
            return
        from vlot_desktop.services.training_share import demo_status

        share = self.context.settings.share_path
        QueryOp(
            self.context, lambda store: store.read(demo_status, share), success=self.show_status
        ).owned_by(self).latest("demo").run()

    def show_status(self, status: DemoStatus) -> None:
        self.status = status
        text, hint = self.texts(status)
        if self.compact:
            self.setText(text)
            self.setToolTip(hint)
        else:
            self.setText(f"<b>{html.escape(text)}</b> {html.escape(hint)}" if text else "")
            self.setToolTip("")
        self.setAccessibleName(text)
        self.setAccessibleDescription(hint)
        self.setVisible(bool(text))
        self.loaded.emit()
