"""Bewaartermijn toepassen: count the cases whose retention period ran out, then erase them.

The count is a dry run of ``services.privacy.apply_retention`` in a worker (a read through
``ui.ops.QueryOp``, ``services.case_privacy.retention_count``), made again when the period
changes. Applying asks first, runs in a worker (``CollectionOp``, which announces it), and
reports counts only (never a name): the erasure is a purge that reaches every laptop at the
next sync.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.case_actions.common import DONE_STYLE, ERROR_STYLE
from vlot_desktop.ui.case_actions.retention_setting import RetentionMonthsField
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date, format_int
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:  # services are imported in the workers
    from vlot_desktop.services.privacy import ErasureSummary


class RetentionDialog(QDialog):
    """Signals:
    counted(object): a dry run finished (its ``ErasureSummary``).
    applied(object): the erasure finished (its ``ErasureSummary``).
    """

    counted = Signal(object)
    applied = Signal(object)

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self._today = today
        self._generation = 0
        self.summary: ErasureSummary | None = None
        self.count_handle: TaskHandle | None = None
        self.apply_handle: TaskHandle | None = None
        self.setWindowTitle(self.tr("Apply the retention period"))
        intro = QLabel(
            self.tr(
                "The personal data of cases that were closed longer ago than the retention "
                "period is erased: names, birth years, phone numbers, health needs, summaries "
                "and the text of the timeline. Type, status, team, municipality, dates, "
                "household size and outcome stay, without names, for the statistics."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.months_field = RetentionMonthsField(context.data_dir, self)
        form = QFormLayout()
        form.addRow(self.months_field.label, self.months_field)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.apply_button = QPushButton(self.tr("&Erase personal data…"), self)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.months_field.valid_value.connect(self._months_changed)
        self.months_field.invalid_value.connect(self.count)
        self.count()

    @property
    def busy(self) -> bool:
        return self.apply_handle is not None and not self.apply_handle.is_finished

    @Slot(int)
    def _months_changed(self, months: int) -> None:
        self.months_field.save()
        self.result_label.hide()
        self.count()

    def count(self) -> None:
        """Count (dry run) what the typed period would erase today."""
        months = self.months_field.months()
        self._generation += 1
        generation = self._generation
        self.summary = None
        self.apply_button.setEnabled(False)
        if months is None:
            self.count_label.clear()
            return
        from vlot_desktop.services.case_privacy import retention_count

        self.count_label.setText(self.tr("Counting…"))
        today = self._today()
        self.count_handle = (
            QueryOp(
                self.context,
                lambda store: store.read(retention_count, today, months),
                success=lambda summary: self._counted(generation, months, summary),
            )
            .failure(self._failed)
            .owned_by(self)
            .named("retention dry run")
            .run()
        )

    def _counted(self, generation: int, months: int, summary: ErasureSummary) -> None:
        if generation != self._generation:
            return  # the period changed meanwhile: a newer count is on its way
        from vlot_desktop.services.privacy import retention_cutoff

        self.summary = summary
        cutoff = format_date(retention_cutoff(self._today(), months))
        if summary.cases == 0:
            self.count_label.setText(
                self.tr("No case was closed on or before %1: there is nothing to erase.").replace(
                    "%1", cutoff
                )
            )
        else:
            self.count_label.setText(
                self.tr(
                    "Closed on or before %1 — cases: %2, household members: %3, timeline "
                    "entries: %4."
                )
                .replace("%1", cutoff)
                .replace("%2", format_int(summary.cases))
                .replace("%3", format_int(summary.members))
                .replace("%4", format_int(summary.events))
            )
        self.apply_button.setEnabled(summary.cases > 0 and not self.busy)
        self.counted.emit(summary)

    @Slot()
    def apply(self) -> None:
        months = self.months_field.months()
        if months is None or self.summary is None or self.summary.cases == 0:
            return
        text = self.tr("Erase the personal data of the closed cases? Number of cases: %1.").replace(
            "%1", format_int(self.summary.cases)
        )
        detail = self.tr(
            "This cannot be undone. The erasure reaches every laptop at the next sync."
        )
        if not common.confirm(
            self, self.tr("Apply the retention period"), text, detail, self.tr("&Erase for good")
        ):
            return
        self.apply_button.setEnabled(False)
        self.months_field.setEnabled(False)
        self.buttons.setEnabled(False)
        from vlot_desktop.services.case_privacy import apply_retention

        self.count_label.setText(self.tr("Erasing…"))
        today = self._today()
        self.apply_handle = (
            CollectionOp(
                self.context,
                lambda store: apply_retention(store.engine, today, months),
                changes=Changes.of("case_file", "household_member", "case_event"),
                success=self._applied,
            )
            .failure(self._failed)
            .owned_by(self)
            .named("retention")
            .run()
        )

    def _applied(self, summary: ErasureSummary) -> None:
        self.months_field.setEnabled(True)
        self.buttons.setEnabled(True)
        self.result_label.setStyleSheet(DONE_STYLE)
        self.result_label.setText(
            self.tr(
                "Erased — cases: %1, household members: %2, timeline entries: %3 (%4 fields). "
                "The other laptops follow at the next sync."
            )
            .replace("%1", format_int(summary.cases))
            .replace("%2", format_int(summary.members))
            .replace("%3", format_int(summary.events))
            .replace("%4", format_int(summary.fields))
        )
        self.result_label.show()
        self.applied.emit(summary)
        self.count()

    def _failed(self, exc: BaseException) -> None:
        self.months_field.setEnabled(True)
        self.buttons.setEnabled(True)
        if isinstance(exc, OSError):
            self.result_label.setStyleSheet(ERROR_STYLE)
            self.result_label.setText(
                self.tr("The database could not be written: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )
            self.result_label.show()
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
