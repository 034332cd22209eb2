"""Visit mode: one prospect visit, its checklist section by section, saved as typed.

The checklist shown is the template version the visit was filled with, never a newer one. The
left column lists the sections with their progress (answered of total, required items still
open); the right side shows one section's items. Section pages are built when first shown: a
visit has about ninety items and most visits look at a few sections at a time.

The visit is read in a worker (``services.prospect_visit`` through ``ui.ops.QueryOp``), once
what was typed is saved; every edit is a write of ``services.prospects`` that the autosaver
runs in a worker (``autosave``). Visit mode holds no database code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QHideEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.checklist import ChecklistTemplate, ItemKind, Section
from vlot_desktop.domain.enums import ProspectStatus
from vlot_desktop.services import prospects as svc
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.prospects.autosave import Autosaver, Save
from vlot_desktop.ui.prospects.item_editor import ItemEditor
from vlot_desktop.ui.prospects.photos_page import PhotosPage, local_files
from vlot_desktop.ui.prospects.visit_details_page import VisitDetailsPage

if TYPE_CHECKING:
    from collections.abc import Callable

    from vlot_desktop.db.queries.prospects import VisitDetail
    from vlot_desktop.services.prospect_visit import FollowUp, OpenedVisit
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

# The screen whose list the visit's writes change (it re-reads when back on the list).
PROSPECTS_SCREEN = "prospects"
# What a write in visit mode may change.
VISIT_TABLES = (
    "prospect_visit",
    "checklist_answer",
    "finding",
    "prospect_participant",
    "attachment",
)

CHECKLIST_STYLE = """
QFrame#checklistItem {
    border: 1px solid palette(mid);
    border-radius: 6px;
    background: palette(base);
}
QFrame#checklistItem[requiredOpen="true"] {
    border: 2px solid #c77700;
    background: #fff6e0;
}
QFrame#checklistItem[current="true"] {
    border: 2px solid palette(highlight);
}
QPushButton#answerButton {
    border: 1px solid palette(dark);
    border-radius: 4px;
    padding: 4px 14px;
    background: palette(button);
    font-size: 11pt;
}
QPushButton#answerButton:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    font-weight: bold;
}
QToolButton#noteButton[marked="knelpunt"] { color: #b3261e; font-weight: bold; }
QToolButton#noteButton[marked="opportuniteit"] { color: #1b5e20; font-weight: bold; }
"""

DETAILS_ROW = 0
_UNSAFE_FILE_CHARS = re.compile(r'[\x00-\x1f:*?"<>|\\/]+')


class SectionRow(QWidget):
    """A section in the left column: title, a progress bar, answered/total, required open."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.count_label = QLabel(self)
        self.required_label = QLabel(self)
        self.required_label.setStyleSheet("color: #a35f00;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label)
        counts.addStretch(1)
        counts.addWidget(self.required_label)
        layout.addLayout(counts)

    def set_progress(self, answered: int, total: int, required_open: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(answered)
        self.count_label.setText(
            self.tr("%1/%2 answered").replace("%1", str(answered)).replace("%2", str(total))
        )
        self.required_label.setText(
            self.tr("%1 required open").replace("%1", str(required_open)) if required_open else ""
        )


class VisitView(QWidget):
    """Signals:
    opened(str): the visit asked for with ``open_visit`` is shown (its id).
    missing(str): the visit asked for does not exist (any more).
    back_requested(): the user leaves visit mode.
    visit_changed(str): something of this visit was written (its id).
    converted(str): the visit became a reception location (the location's id).
    report_ready(str): the path of the prospect report just made.
    """

    opened = Signal(str)
    missing = Signal(str)
    back_requested = Signal()
    visit_changed = Signal(str)
    converted = Signal(str)
    report_ready = Signal(str)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self.visit: VisitDetail | None = None
        self.template: ChecklistTemplate | None = None
        self.editors: dict[str, ItemEditor] = {}
        self._follow_ups: dict[str, FollowUp] = {}  # by finding id
        self._answered: dict[str, bool] = {}
        self._section_pages: dict[str, QWidget] = {}
        self._photo_counts: dict[str, int] = {}
        self.saver = Autosaver(
            context, lambda: Changes.of(*VISIT_TABLES, source=PROSPECTS_SCREEN), self
        )
        self._watched_window: QWidget | None = None
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._save_failed)

        self.back_button = QPushButton(self.tr("← Back to the list"), self)
        self.back_button.setMinimumHeight(36)
        self.back_button.setToolTip(self.tr("Back to the list of prospects (Alt+Left)"))
        self.back_button.clicked.connect(self.leave)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("screenHeading")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setWordWrap(True)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.report_button = QPushButton(self.tr("Report (PDF)"), self)
        self.report_button.setMinimumHeight(36)
        self.report_button.setToolTip(
            self.tr("Make the prospect report as a PDF and open it (Ctrl+P)")
        )
        self.report_button.clicked.connect(self.make_report)
        self._report_task: TaskHandle | None = None
        self._making_report = False
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(titles, 1)
        top.addWidget(self.save_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        self.top_bar = top

        self.sections = QListWidget(self)
        self.sections.setAccessibleName(self.tr("Sections of the checklist"))
        self.sections.setMinimumWidth(230)
        self.sections.setMaximumWidth(300)
        self.sections.currentRowChanged.connect(self._section_chosen)

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("checklistPages")
        self.pages.setStyleSheet(CHECKLIST_STYLE)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.sections)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 10_000])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence("Alt+Left"), self, self.leave)
        QShortcut(QKeySequence("Ctrl+P"), self, self.make_report)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._step_section(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._step_section(-1))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        self.details_page: VisitDetailsPage | None = None
        self.photos_page: PhotosPage | None = None
        self.setAcceptDrops(True)

    # -- opening and leaving -------------------------------------------------------------------

    @property
    def visit_id(self) -> str | None:
        return self.visit.id if self.visit is not None else None

    def open_visit(self, visit_id: str, then: Callable[[], None] | None = None) -> None:
        """Show a visit once it is read (``opened``; ``missing`` if it does not exist any
        more), and then call ``then``. What was typed is saved first and the read waits for
        it, so the visit shows it."""
        self.saver.flush()

        def read() -> None:
            from vlot_desktop.services import prospect_visit

            QueryOp(
                self.context,
                lambda store: store.read(prospect_visit.opened, visit_id),
                success=lambda found: self._show_opened(visit_id, found, then),
            ).owned_by(self).latest("visit").named("open prospect visit").run()

        self.saver.when_saved(read)

    def _show_opened(
        self, visit_id: str, found: OpenedVisit | None, then: Callable[[], None] | None
    ) -> None:
        if found is None:
            self.missing.emit(visit_id)
            return
        self.saver.flush()  # (typed in the visit shown until now, while this one was read)
        visit, template = found.visit, found.template
        self.visit = visit
        self.template = template
        self._follow_ups = found.follow_ups
        self._clear_pages()
        language = current_language()
        self._answered = {}
        for item in template.items():
            answer = visit.answers.get(item.key)
            if item.kind is ItemKind.PHOTO:
                self._answered[item.key] = item.key in visit.photo_items
            else:
                self._answered[item.key] = answer is not None and answer.has_value
        self._photo_counts = {key: 1 for key in visit.photo_items}

        details = VisitDetailsPage(self.saver, found.municipalities, found.postcodes)
        details.header_changed.connect(self._header_edited)
        details.status_changed.connect(self._status_changed)
        details.convert_requested.connect(self.request_conversion)
        self.details_page = details
        details.show_visit(visit, template.title_en if language == "en" else template.title_nl)
        self.pages.addWidget(self._scrolled(details))

        self.sections.blockSignals(True)
        self.sections.clear()
        first = QListWidgetItem(self.tr("Visit and outcome"))
        first.setData(Qt.ItemDataRole.UserRole, "")
        self.sections.addItem(first)
        for section in template.sections:
            entry = QListWidgetItem()
            entry.setData(Qt.ItemDataRole.UserRole, section.key)
            row = SectionRow(section.title_en if language == "en" else section.title_nl)
            entry.setSizeHint(row.sizeHint())
            self.sections.addItem(entry)
            self.sections.setItemWidget(entry, row)
            placeholder = QWidget()
            self.pages.addWidget(placeholder)
        photos = PhotosPage(self.context, self.saver, visit.id, template)
        photos.links_changed.connect(self._photo_links_changed)
        self.photos_page = photos
        self.pages.addWidget(self._scrolled(photos))
        photos_entry = QListWidgetItem(self.tr("Photos"))
        photos_entry.setData(Qt.ItemDataRole.UserRole, "")
        self.sections.addItem(photos_entry)
        for entry_row in (DETAILS_ROW, self.sections.count() - 1):
            entry = self.sections.item(entry_row)
            font = entry.font()
            font.setBold(True)
            entry.setFont(font)
            entry.setSizeHint(QSize(0, 40))
        self.sections.blockSignals(False)
        photos.reload()
        self._refresh_progress()
        self._show_header()
        self.save_label.setText("")
        start = DETAILS_ROW if visit.status == ProspectStatus.PLANNED.value else 1
        self.sections.setCurrentRow(start)
        self._section_chosen(start)
        self.opened.emit(visit.id)
        if then is not None:
            then()

    def _clear_pages(self) -> None:
        self.editors = {}
        self._section_pages = {}
        while self.pages.count():
            page = self.pages.widget(0)
            assert page is not None
            self.pages.removeWidget(page)
            page.deleteLater()

    def _scrolled(self, widget: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(widget)
        return area

    @Slot()
    def leave(self) -> None:
        self.saver.flush()
        if self.visit is not None:
            self.visit_changed.emit(self.visit.id)
        self.back_requested.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        # Switching screens or closing the window: nothing typed may stay unsaved.
        self.saver.flush()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched_window:
            # Closing the window stops its workers before this view is hidden: save first.
            window.installEventFilter(self)
            self._watched_window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_window and event.type() == QEvent.Type.Close:
            self.saver.flush()
        return super().eventFilter(watched, event)

    # -- sections ------------------------------------------------------------------------------

    def section_keys(self) -> list[str]:
        return [s.key for s in self.template.sections] if self.template else []

    @Slot(int)
    def _section_chosen(self, row: int) -> None:
        if self.template is None or row < 0:
            return
        self.saver.flush()
        if row == DETAILS_ROW:
            self.pages.setCurrentIndex(DETAILS_ROW)
            return
        if row > len(self.template.sections):
            self.pages.setCurrentIndex(row)
            return
        section = self.template.sections[row - 1]
        self._ensure_page(row, section)
        self.pages.setCurrentIndex(row)

    def show_section(self, section_key: str, focus_first: bool = True) -> None:
        keys = self.section_keys()
        row = keys.index(section_key) + 1
        self.sections.setCurrentRow(row)
        if focus_first and self.template is not None:
            first = self.template.sections[row - 1].items[0].key
            self.editors[first].focus_item()

    def _step_section(self, delta: int) -> None:
        row = self.sections.currentRow() + delta
        if 0 <= row < self.sections.count():
            self.sections.setCurrentRow(row)

    def _ensure_page(self, row: int, section: Section) -> None:
        if section.key in self._section_pages or self.visit is None:
            return
        language = current_language()
        page = QWidget()
        page.setObjectName("checklistPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(8)
        hint = QLabel(
            self.tr(
                "J = yes, N = no, O or 0 = n/a · ↑/↓, Enter or Tab: next item · "
                "F2: remark, bottleneck or opportunity · * required"
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setObjectName("keyHint")
        layout.addWidget(hint)
        for item in section.items:
            editor = ItemEditor(
                item,
                language,
                self.visit.answers.get(item.key),
                self.visit.finding_for(item.key),
                self._photo_counts.get(item.key, 0),
                self.saver,
                self._write_answer,
                self._write_note,
                page,
                follow_up=self._follow_up_of(item.key),
            )
            editor.move_requested.connect(self._move_from_sender)
            editor.answered_changed.connect(self._answer_changed)
            editor.photos_requested.connect(self.show_photos_for_item)
            self.editors[item.key] = editor
            layout.addWidget(editor)
        layout.addStretch(1)
        area = self._scrolled(page)
        old = self.pages.widget(row)
        self.pages.insertWidget(row, area)
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self._section_pages[section.key] = area

    def _follow_up_of(self, item_key: str) -> FollowUp | None:
        """Who takes the finding of an item up and by when, as read with the visit."""
        finding = self.visit.finding_for(item_key) if self.visit is not None else None
        return self._follow_ups.get(finding.id) if finding is not None else None

    # -- keyboard flow -------------------------------------------------------------------------

    def _ordered_keys(self) -> list[str]:
        return [item.key for item in self.template.items()] if self.template else []

    @Slot(int)
    def _move_from_sender(self, delta: int) -> None:
        editor = self.sender()
        if isinstance(editor, ItemEditor):
            self.move_to_item(editor.key, delta)

    def move_to_item(self, from_key: str, delta: int) -> None:
        """Focus the item ``delta`` places from ``from_key``, across sections."""
        if self.template is None:
            return
        keys = self._ordered_keys()
        index = keys.index(from_key) + delta
        if not 0 <= index < len(keys):
            return
        target = self.template.item(keys[index])
        if target.section_key != self.template.item(from_key).section_key:
            self.show_section(target.section_key, focus_first=False)
        editor = self.editors[target.key]
        editor.focus_item()
        self._scroll_to(editor)

    def _scroll_to(self, editor: ItemEditor) -> None:
        area = self._section_pages.get(editor.item.section_key)
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(editor, 0, 40)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        for editor in self.editors.values():
            owns_new = editor.owns(new)
            editor.set_current(owns_new)
            if owns_new and new is not None:
                self._scroll_to(editor)

    # -- writing -------------------------------------------------------------------------------

    def _write_answer(self, item_key: str, value: svc.AnswerValue) -> Save:
        """The write of an answer; once saved, its item shows no error (and the estimate of
        places on the details page follows the checklist's)."""
        assert self.visit is not None
        visit_id = self.visit.id

        def saved(_result: object) -> None:
            if self.visit_id != visit_id:
                return  # another visit is shown by now
            editor = self.editors.get(item_key)
            if editor is not None:
                editor.show_error(None)
            if item_key == svc.ESTIMATED_PLACES_ITEM and self.details_page is not None:
                number = value.number
                self.details_page.set_estimated_places(None if number is None else round(number))

        return Save(
            lambda store: svc.set_answer(store.engine, visit_id, item_key, value), saved, visit_id
        )

    def _write_note(self, item_key: str, note: svc.ItemNote) -> Save:
        assert self.visit is not None
        visit_id = self.visit.id

        def saved(_result: object) -> None:
            editor = self.editors.get(item_key) if self.visit_id == visit_id else None
            if editor is not None:
                editor.show_error(None)

        return Save(
            lambda store: svc.save_item_note(store.engine, visit_id, item_key, note),
            saved,
            visit_id,
        )

    @Slot(str)
    def _saved(self, key: str) -> None:
        if key == "visit" and self.details_page is not None:
            self.details_page.clear_field_messages()
        saved = self.saver.last_saved
        if saved is not None:
            self.save_label.setText(
                self.tr("Saved at %1").replace("%1", saved.strftime("%H:%M:%S"))
            )

    @Slot(str, str)
    def _save_failed(self, key: str, message: str) -> None:
        if self.saver.last_failed_tag not in (None, self.visit_id):
            return  # a write of the visit shown before: its page is gone
        kind, _, item_key = key.partition(":")
        editor = self.editors.get(item_key)
        error = self.saver.last_error
        if kind in ("answer", "note") and editor is not None:
            editor.show_error(message)
        elif self.details_page is not None and not (
            kind == "visit"
            and error is not None
            and self.details_page.show_field_message(error.field, message)
        ):
            self.details_page.show_message(message, error=True)
        self.save_label.setText(self.tr("Not saved: see the message"))

    @Slot(str, bool)
    def _answer_changed(self, item_key: str, answered: bool) -> None:
        self._answered[item_key] = answered
        self._refresh_progress()

    def progress(self) -> dict[str, tuple[int, int, int]]:
        """answered, total and required-open items per section key, as shown."""
        result: dict[str, tuple[int, int, int]] = {}
        if self.template is None:
            return result
        for section in self.template.sections:
            answered = sum(self._answered.get(i.key, False) for i in section.items)
            required_open = sum(
                1 for i in section.items if i.required and not self._answered.get(i.key, False)
            )
            result[section.key] = (answered, len(section.items), required_open)
        return result

    def _refresh_progress(self) -> None:
        progress = self.progress()
        for row in range(1, self.sections.count()):
            item = self.sections.item(row)
            widget = self.sections.itemWidget(item)
            key = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(widget, SectionRow) and key in progress:
                widget.set_progress(*progress[key])

    # -- header and outcome --------------------------------------------------------------------

    def _show_header(self) -> None:
        if self.visit is None or self.details_page is None:
            return
        fields = self.details_page.fields()
        self.title_label.setText(fields.name or self.visit.name)
        municipality = self.details_page.municipality_combo.currentText()
        parts = [
            ", ".join(
                p
                for p in (
                    " ".join(p for p in (fields.street, fields.house_number) if p),
                    " ".join(p for p in (fields.postcode, municipality) if p),
                )
                if p
            ),
            format_date(fields.visit_date),
            enum_label(ProspectStatus, self.details_page.status),
        ]
        self.subtitle_label.setText(" · ".join(p for p in parts if p))

    @Slot()
    def _header_edited(self) -> None:
        self._show_header()

    @Slot(str)
    def _status_changed(self, _status: str) -> None:
        self._show_header()

    def _confirm_conversion(self, places: int) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Convert to reception location"),
            self.tr(
                "Create a reception location in preparation with %1 places from this prospect?"
            ).replace("%1", str(places)),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def request_conversion(self) -> None:
        """Ask, then make this positive prospect a location (one transaction)."""
        if self.visit is None or self.details_page is None:
            return
        self.saver.flush()
        places = self.details_page.fields().estimated_places or 0
        if not self._confirm_conversion(places):
            return
        self.convert()

    def convert(self) -> None:
        """Convert without asking, once what was typed is saved (in a worker); the result (or
        the refusal) shows on the details page, and ``converted`` says the location's id."""
        if self.visit is None or self.details_page is None:
            return
        visit_id = self.visit.id
        author = self.context.settings.user_id

        def convert() -> None:
            CollectionOp(
                self.context,
                lambda store: svc.convert_to_location(store.engine, visit_id, author_id=author),
                changes=lambda location_id: Changes.of(
                    "prospect_visit",
                    "checklist_answer",
                    "location",
                    "location_status_change",
                    "place",
                    "place_status_change",
                    ids=[visit_id, location_id],
                ),
                success=lambda location_id: self._converted(visit_id, location_id),
            ).failure(lambda exc: self._conversion_refused(visit_id, exc)).owned_by(self).named(
                "convert prospect"
            ).run()

        self.saver.when_saved(convert)

    def _converted(self, visit_id: str, location_id: str) -> None:
        self.visit_changed.emit(visit_id)

        def shown() -> None:
            self.sections.setCurrentRow(DETAILS_ROW)
            if self.details_page is not None:
                self.details_page.show_message(
                    self.tr("Converted: reception location '%1' is in preparation with %2 places.")
                    .replace("%1", self.visit.name if self.visit else "")
                    .replace("%2", str(self.visit.estimated_places if self.visit else 0))
                )
            self.converted.emit(location_id)

        self.open_visit(visit_id, shown)

    def _conversion_refused(self, visit_id: str, exc: BaseException) -> None:
        if not isinstance(exc, svc.ProspectError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        if self.visit_id == visit_id and self.details_page is not None:
            self.details_page.show_message(exc.text(current_language()), error=True)

    # -- photos ------------------------------------------------------------------------------

    @property
    def photos_row(self) -> int:
        return self.sections.count() - 1

    def show_photos(self) -> None:
        self.sections.setCurrentRow(self.photos_row)

    @Slot(str)
    def show_photos_for_item(self, item_key: str) -> None:
        """A photo item's button: the photo page, with new photos linked to that item."""
        if self.photos_page is None:
            return
        self.photos_page.set_link_item(item_key)
        self.show_photos()
        self.photos_page.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def _photo_links_changed(self, counts: dict[str, int]) -> None:
        self._photo_counts = dict(counts)
        for key, editor in self.editors.items():
            if editor.item.kind is ItemKind.PHOTO:
                editor.set_photo_count(counts.get(key, 0))
        if self.template is not None:
            for item in self.template.items():
                if item.kind is ItemKind.PHOTO:
                    self._answered[item.key] = counts.get(item.key, 0) > 0
        self._refresh_progress()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.photos_page is not None and local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if self.photos_page is not None and files:
            event.acceptProposedAction()
            self.show_photos()
            self.photos_page.add_files(files)

    # -- report ------------------------------------------------------------------------------

    def report_path(self) -> Path:
        """Where the report of this visit goes: the data folder's temp/reports."""
        assert self.visit is not None
        name = _UNSAFE_FILE_CHARS.sub("-", self.visit.name).strip(" .-")[:80] or "prospectie"
        return self.context.data_dir / "temp" / "reports" / f"Prospectie {name}.pdf"

    @Slot()
    def make_report(self) -> None:
        """Write the prospect report in a worker, then open it in the PDF viewer."""
        if self.visit is None or self._making_report:
            return
        data_dir = self.context.data_dir
        visit_id = self.visit.id
        out = self.report_path()

        def report(store: Store) -> str:
            from vlot_desktop.services.prospect_reports import make_prospect_report

            out.parent.mkdir(parents=True, exist_ok=True)
            make_prospect_report(store.engine, data_dir, visit_id, out)
            return str(out)

        def start() -> None:  # once what was typed is in the report's data
            self._report_task = (
                QueryOp(self.context, report, success=self._report_done)
                .failure(self._report_failed)
                .owned_by(self)
                .named("prospect report")
                .run()
            )

        self._making_report = True
        self.report_button.setEnabled(False)
        self.save_label.setText(self.tr("Making the report…"))
        self.saver.when_saved(start)

    def _report_done(self, path: str) -> None:
        self._report_task = None
        self._making_report = False
        self.report_button.setEnabled(True)
        self.save_label.setText(self.tr("Report ready"))
        self.report_ready.emit(path)
        self.open_file(Path(path))

    def _report_failed(self, exc: BaseException) -> None:
        self._report_task = None
        self._making_report = False
        self.report_button.setEnabled(True)
        if isinstance(exc, OSError):
            self.save_label.setText(
                self.tr("The report could not be written: %1").replace("%1", str(exc))
            )
            return
        self.save_label.setText("")
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
