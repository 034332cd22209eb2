"""The detail pane of the Dossiers screen: one case in three tabs, with an "Acties" menu.

"Gegevens" saves as the user types (``CaseForm``) and takes status steps; "Gezin" holds the
household and its hidden health fields; "Tijdlijn" the timeline. Hiding the pane (another
screen), closing the window or choosing another case saves what is still pending. Under the
reference, a notice says when another case has the same reference and offers to give this
case a new one (``ReferenceClashNotice``).

The case is read in a worker (``services.case_detail``, through ``ui.ops.QueryOp``; the newest
read wins), once the form's saves are done: a case shown afresh after a change elsewhere shows
what was typed, saved, and keeps what is typed meanwhile.

For other parts of the application (matching and privacy actions, issue 6): ``tabs`` takes more
tabs, ``actions_menu`` more actions (its button shows once it has one), ``case_id`` is the case
shown, ``reload_case()`` shows it afresh after a change made elsewhere, and ``case_shown`` says
which case is shown (``None``: none).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.case_rules import Urgency
from vlot_desktop.domain.enums import CaseType
from vlot_desktop.ui.cases.case_list_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from vlot_desktop.ui.cases.details_form import CaseForm
from vlot_desktop.ui.cases.household_panel import HouseholdPanel
from vlot_desktop.ui.cases.reference_clash import ReferenceClashNotice
from vlot_desktop.ui.cases.timeline_panel import TimelinePanel
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_date, format_int
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, StaffChoice
    from vlot_desktop.services.case_detail import CaseShown

PANE_STYLE = """
QFrame#casePane {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
"""


class ActionsMenu(QMenu):
    """A menu that tells when actions are added or removed (its button hides when empty).

    Signals:
        actions_changed(): an action was added or removed.
    """

    actions_changed = Signal()

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)
        self.actions_changed.emit()


class CaseDetailPane(QFrame):
    """Attributes:
    tabs: the QTabWidget (Gegevens, Gezin, Tijdlijn).
    clash_notice: the notice of another case with the same reference (hidden without one).
    actions_menu: the "Acties" menu in the header; its button is hidden while it is empty.
    detail: the case shown (``CaseDetail``), ``None`` when none.

    Signals:
        changed(str): something of this case (id) changed in the database.
        case_shown(object): the id of the case now shown (``None``: none).
    """

    changed = Signal(str)
    case_shown = Signal(object)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        if context.task_runner is None:
            context.task_runner = runner
        self.setObjectName("casePane")
        self.setStyleSheet(PANE_STYLE)
        self.case_id: str | None = None
        self.detail: CaseDetail | None = None
        self._window: QObject | None = None

        self.hint = QLabel(self.tr("Choose a case in the list to see and edit it."), self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        content = QWidget(self)
        self.reference_label = QLabel(content)
        font = self.reference_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.reference_label.setFont(font)
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clash_notice = ReferenceClashNotice(context, runner, content)
        self.household_label = QLabel(content)
        self.household_label.setWordWrap(True)
        self.urgency_label = QLabel(content)
        self.urgency_label.setWordWrap(True)
        self.erased_label = QLabel(content)
        self.erased_label.setWordWrap(True)
        self.erased_label.hide()

        self.actions_menu = ActionsMenu(self.tr("Actions"), content)
        self.actions_button = QToolButton(content)
        self.actions_button.setText(self.tr("Actions"))
        self.actions_button.setAccessibleName(self.tr("Actions for this case"))
        self.actions_button.setMenu(self.actions_menu)
        self.actions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.actions_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_button.setVisible(False)
        self.actions_menu.actions_changed.connect(self._actions_changed)

        self.save_label = QLabel(self.tr("Changes are saved automatically."), content)
        self.save_label.setObjectName("saveState")
        self.save_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo"), content)
        self.undo_button.setToolTip(self.tr("Undo the last change of the details (Ctrl+Z)"))
        self.undo_button.setEnabled(False)
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)

        self.form = CaseForm(context, content)
        self.household = HouseholdPanel(context, content)
        self.timeline = TimelinePanel(context, content)
        self.tabs = QTabWidget(content)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._scrolling(self.form, content), self.tr("&Details"))
        self.tabs.addTab(self.household, self.tr("&Household"))
        self.tabs.addTab(self.timeline, self.tr("T&imeline"))

        title = QHBoxLayout()
        title.addWidget(self.reference_label, 1)
        title.addWidget(self.actions_button)
        state = QHBoxLayout()
        state.addWidget(self.save_label, 1)
        state.addWidget(self.undo_button)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(title)
        column.addWidget(self.clash_notice)
        column.addWidget(self.household_label)
        column.addWidget(self.urgency_label)
        column.addWidget(self.erased_label)
        column.addLayout(state)
        # Changes of other cases that were not saved: seen whichever tab is open.
        self.form.editor.notice.setParent(content)
        column.addWidget(self.form.editor.notice)
        column.addWidget(self.tabs, 1)

        self._stack = QStackedLayout()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.addLayout(self._stack)

        self.undo_button.clicked.connect(self.form.undo)
        self.undo_action.triggered.connect(self.form.undo)
        self.form.undo_available.connect(self.undo_button.setEnabled)
        self.form.save_state_changed.connect(self.save_label.setText)
        self.form.saved.connect(self._saved)
        self.form.status_box.case_changed.connect(self._reload_after_change)
        self.household.changed.connect(self._reload_after_change)
        self.timeline.changed.connect(self._reload_after_change)
        self.clash_notice.changed.connect(self._reload_after_change)

    @staticmethod
    def _scrolling(widget: QWidget, parent: QWidget) -> QScrollArea:
        """A tab's page scrolls up and down in a low window, never sideways."""
        scroll = QScrollArea(parent)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    @Slot()
    def _actions_changed(self) -> None:
        self.actions_button.setVisible(bool(self.actions_menu.actions()))

    def set_choices(
        self,
        teams: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        staff: list[StaffChoice],
    ) -> None:
        self.form.set_choices(teams, municipalities, staff)

    # -- showing a case ------------------------------------------------------------------------

    def flush(self) -> None:
        """Hand what is pending to a worker (``form.when_saved`` tells when it is saved)."""
        self.form.flush()

    def show_case(self, case_id: str | None) -> None:
        """Show a case (after saving what is pending for the one shown before)."""
        same = case_id is not None and case_id == self.case_id
        if self.case_id is not None:
            self.flush()
        self.case_id = case_id
        self._load(keep_undo=same)

    def reload_case(self) -> None:
        """Show the current case afresh (e.g. after a place was assigned elsewhere)."""
        self.flush()
        self._load(keep_undo=True)

    def _load(self, *, keep_undo: bool) -> None:
        """Read the case shown in a worker once the saves are done; ``_loaded`` shows it."""
        from vlot_desktop.services import case_detail

        case_id = self.case_id
        if case_id is None or not self.context.is_ready:
            self._show(None, keep_undo=keep_undo)
            return
        today = dt.date.today()

        def read() -> None:
            QueryOp(
                self.context,
                lambda store: store.read(case_detail.shown, case_id, today),
                success=lambda shown: self._loaded(case_id, shown, keep_undo),
            ).failure(self._read_failed).owned_by(self).latest("case").run()

        self.form.when_saved(read)

    def _loaded(self, case_id: str, shown: CaseShown | None, keep_undo: bool) -> None:
        if case_id != self.case_id:
            return  # another case was chosen meanwhile: its own read shows it
        self._show(shown, keep_undo=keep_undo)

    def _show(self, shown: CaseShown | None, *, keep_undo: bool) -> None:
        previous = self.detail.id if self.detail is not None else None
        if shown is None:
            self.case_id = None
            self.detail = None
            self.clash_notice.show_detail(None)
            self.form.show_detail(None)
            self.household.show_detail(None)
            self.timeline.show_detail(None, {})
            self._stack.setCurrentIndex(0)
        else:
            detail = shown.detail
            self.detail = detail
            if not keep_undo:
                self.save_label.setText(self.tr("Changes are saved automatically."))
            self._show_header(detail)
            self.form.show_detail(detail, keep_undo=keep_undo)
            self.household.show_detail(detail)
            self.timeline.show_detail(detail, shown.places)
            self._stack.setCurrentIndex(1)
        if previous != self.case_id or not keep_undo:
            self.case_shown.emit(self.case_id)

    def _read_failed(self, exc: BaseException) -> None:
        from vlot_desktop.ui.errors import show_read_error

        show_read_error(self, exc)

    def _show_header(self, detail: CaseDetail) -> None:
        self.reference_label.setText(detail.reference)
        self.clash_notice.show_detail(detail)
        contact = next((m.display_name for m in detail.members), "")
        persons = (
            self.tr("1 person")
            if detail.household_size == 1
            else self.tr("%1 persons").replace("%1", format_int(detail.household_size))
        )
        parts = [enum_label(CaseType, detail.case_type), contact, persons]
        self.household_label.setText(" · ".join(p for p in parts if p))
        self._show_urgency(detail)
        if detail.personal_data_erased_on is not None:
            self.erased_label.setText(
                self.tr("The personal data of this case was erased on %1.").replace(
                    "%1", format_date(detail.personal_data_erased_on)
                )
            )
        self.erased_label.setVisible(detail.personal_data_erased_on is not None)

    def _show_urgency(self, detail: CaseDetail) -> None:
        label = self.urgency_label
        if detail.deadline is None:
            label.setText(self.tr("No deadline"))
            label.setStyleSheet("")
            return
        deadline = format_date(detail.deadline)
        days = (detail.deadline - dt.date.today()).days
        if detail.urgency is Urgency.OVERDUE:
            late = -days
            text = (
                self.tr("Deadline %1: overdue by 1 day")
                if late == 1
                else self.tr("Deadline %1: overdue by %2 days").replace("%2", str(late))
            )
            colour = OVERDUE_COLOUR.name()
            label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        elif detail.urgency is Urgency.DUE_SOON:
            text = (
                self.tr("Deadline %1: today")
                if days == 0
                else self.tr("Deadline %1: in %2 days").replace("%2", str(days))
            )
            label.setStyleSheet(f"color: {DUE_SOON_COLOUR.name()};")
        else:
            text = self.tr("Deadline %1")
            label.setStyleSheet("")
        label.setText(text.replace("%1", deadline))

    # -- changes -------------------------------------------------------------------------------

    @Slot(str)
    def _saved(self, case_id: str) -> None:
        """A field was saved: the header and timeline may show it (read in a worker; the form
        keeps its text)."""
        from vlot_desktop.services import case_detail

        today = dt.date.today()

        def show(shown: CaseShown | None) -> None:
            if shown is not None and shown.detail.id == self.case_id:
                self.detail = shown.detail
                self._show_header(shown.detail)
                self.timeline.show_detail(shown.detail, shown.places)

        QueryOp(
            self.context,
            lambda store: store.read(case_detail.shown, case_id, today),
            success=show,
        ).failure(self._read_failed).owned_by(self).latest("saved").run()
        self.changed.emit(case_id)

    @Slot(str)
    def _reload_after_change(self, case_id: str) -> None:
        """A status step, a household change or a timeline entry: show the new state."""
        self.reload_case()
        self.changed.emit(case_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._window:
            # The window's close event reaches this filter before the window stops the
            # workers: what is typed is handed to a worker while one still runs.
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another screen: nothing typed may be lost, and the health fields are not left on
        # display for whoever looks next.
        self.flush()
        self.household.hide_sensitive()
        super().hideEvent(event)
