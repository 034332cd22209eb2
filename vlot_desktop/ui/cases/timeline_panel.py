"""The Tijdlijn tab: the case's timeline, newest first, and a form to add a note or a contact
moment (with author and time; a contact moment may be written down afterwards).

The pane reads the timeline (``services.case_detail``); an entry is added in a worker
(``services.cases.add_timeline_entry`` through ``ui.ops.CollectionOp``), and the service's
refusal shows under the form, with the text kept to be corrected.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import CaseEventKind
from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import message_label, show_problem, show_text, shown_text
from vlot_desktop.ui.cases.timeline_delegate import TimelineDelegate
from vlot_desktop.ui.cases.timeline_model import TimelineModel, utc_of_local
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail
    from vlot_desktop.ui.tasks import TaskHandle

# The key of the Dossiers screen: it shows its own changes (the pane re-reads them and says so).
SCREEN = "cases"

_MOMENT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?\s*$")


def parse_moment(text: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """``"26/11/2026 14:30"`` (local time) -> datetime; "" -> None.

    Without a time: noon of that day, or now when that day is today and noon is still to come.
    Raises ValueError for anything else.
    """
    if not text.strip():
        return None
    match = _MOMENT.match(text)
    if match is None:
        raise ValueError(text)
    day, month, year, hour, minute = match.groups()
    if hour is None:
        moment = dt.datetime(int(year), int(month), int(day), 12, 0)
        now = now or dt.datetime.now().replace(second=0, microsecond=0)
        return min(moment, now) if moment.date() == now.date() else moment
    return dt.datetime(int(year), int(month), int(day), int(hour), int(minute))


class TimelinePanel(QWidget):
    """Signals:
    changed(str): an entry was added to this case's (id) timeline.
    """

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: str | None = None
        self.adding: TaskHandle | None = None

        self.model = TimelineModel(self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setModelColumn(0)
        self.list_view.setItemDelegate(TimelineDelegate(self.list_view))
        self.list_view.setAccessibleName(self.tr("Timeline"))
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setUniformItemSizes(False)
        # Entries are re-measured when the pane gets wider or narrower (the text re-wraps).
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        box = QGroupBox(self.tr("Add to the timeline"), self)
        self.kind_combo = QComboBox(box)
        for kind in (CaseEventKind.NOTE, CaseEventKind.CONTACT):
            self.kind_combo.addItem(enum_label(CaseEventKind, kind.value), kind.value)
        self.when_edit = QLineEdit(box)
        self.when_edit.setPlaceholderText(self.tr("now, or dd/mm/yyyy hh:mm"))
        self.when_edit.setAccessibleName(self.tr("Time of the contact moment"))
        self.when_edit.setToolTip(self.tr("Leave empty for now; a contact can be entered later"))
        self.when_edit.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("26/11/2026 14:30") + 24
        )
        self.text_edit = QPlainTextEdit(box)
        self.text_edit.setAccessibleName(self.tr("Text of the note or contact moment"))
        self.text_edit.setPlaceholderText(self.tr("What was said or agreed (Ctrl+Enter adds it)"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.add_button = QPushButton(self.tr("&Add"), box)
        self.add_button.clicked.connect(self.add_entry)
        self.when_message = message_label(box)
        self.message = message_label(box)
        QShortcut(QKeySequence("Ctrl+Return"), self.text_edit, self.add_entry)

        kind_label = QLabel(self.tr("Entry &type:"), box)
        kind_label.setBuddy(self.kind_combo)
        when_label = QLabel(self.tr("&When:"), box)
        when_label.setBuddy(self.when_edit)
        row = QHBoxLayout()
        row.addWidget(kind_label)
        row.addWidget(self.kind_combo)
        row.addSpacing(8)
        row.addWidget(when_label)
        row.addWidget(self.when_edit)
        row.addStretch(1)
        row.addWidget(self.add_button)
        form = QVBoxLayout(box)
        form.addLayout(row)
        form.addWidget(self.when_message)
        form.addWidget(self.text_edit)
        form.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(box)
        layout.addWidget(self.list_view, 1)

    def show_detail(self, detail: CaseDetail | None, places: dict[str, str]) -> None:
        """Show the timeline of ``detail``; the form is cleared when another case is shown."""
        if detail is None or detail.id != self.case_id:
            self.text_edit.clear()
            self.when_edit.clear()
            show_problem(self.message, None)
            show_problem(self.when_message, None)
        self.case_id = detail.id if detail is not None else None
        self.model.set_events(detail.timeline if detail is not None else [], places)
        enabled = detail is not None and detail.personal_data_erased_on is None
        for widget in (self.kind_combo, self.when_edit, self.text_edit, self.add_button):
            widget.setEnabled(enabled)

    @Slot()
    def add_entry(self) -> bool:
        """Add the note or contact moment in a worker; False (and the message why) when the
        time cannot be read, True when the entry was handed to the service (a refusal, e.g.
        no text, shows under the form once it answers)."""
        from vlot_desktop.services.cases import add_timeline_entry

        case_id = self.case_id
        if case_id is None or (self.adding is not None and not self.adding.is_finished):
            return False
        show_problem(self.message, None)
        try:
            when = parse_moment(self.when_edit.text())
        except ValueError:
            show_text(
                self.when_message,
                self.tr("Not a valid time: use dd/mm/yyyy hh:mm (for example 26/11/2026 14:30)."),
            )
            return False
        show_problem(self.when_message, None)
        kind = CaseEventKind(str(self.kind_combo.currentData()))
        text = self.text_edit.toPlainText()
        when_text = self.when_edit.text()
        author_id = self.context.settings.user_id
        occurred_at = utc_of_local(when) if when is not None else None

        def changes(problems: list[Problem]) -> Changes:
            if any(p.is_error for p in problems):
                return Changes()  # refused: nothing added
            return Changes.of("case_event", "case_file", ids=[case_id], source=SCREEN)

        self.adding = (
            CollectionOp(
                self.context,
                lambda store: add_timeline_entry(
                    store.engine,
                    case_id,
                    kind,
                    text,
                    author_id=author_id,
                    occurred_at=occurred_at,
                ),
                changes=changes,
                success=lambda problems: self._added(case_id, text, when_text, problems),
            )
            .failure(lambda exc: self._add_failed(case_id, exc))
            .owned_by(self)
            .run()
        )
        return True

    def _added(self, case_id: str, text: str, when_text: str, problems: list[Problem]) -> None:
        self.adding = None
        if case_id != self.case_id:
            return
        errors = [p for p in problems if p.is_error]
        if errors:
            for problem in errors:
                target = self.when_message if problem.field == "occurred_at" else self.message
                show_problem(target, problem)
            return
        # Cleared, unless the user already typed the next one.
        if self.text_edit.toPlainText() == text:
            self.text_edit.clear()
        if self.when_edit.text() == when_text:
            self.when_edit.clear()
        self.changed.emit(case_id)
        self.list_view.scrollToTop()

    def _add_failed(self, case_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        self.adding = None
        if not isinstance(exc, CaseNotFoundError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
        elif case_id == self.case_id:
            show_text(self.message, self.tr("This case no longer exists."))

    def message_text(self) -> str:
        return shown_text(self.message)

    def when_message_text(self) -> str:
        return shown_text(self.when_message)
