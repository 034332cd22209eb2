"""Sync from the GUI: "Sync now" (F9), an automatic round every few minutes, and the status bar.

A round (``services.sync_service.run_sync``) is a ``ui.ops.CollectionOp``, one at a time: it
runs in a worker and announces what it brought in, so every screen showing those records
re-reads them (docs/adding-a-screen.md). Closing the window waits for it
(``TaskRunner.shutdown``), and a round interrupted anyway leaves the database as before its step
(every step is one transaction). The count of changes still to send is a ``QueryOp``. A routine
failure (share not reachable, ...) is shown in Dutch in the status bar, never in a modal dialog.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from vlot_desktop.services.changes import SYNC, Changes
from vlot_desktop.services.sync_rounds import KEEP, SyncRound, last_success
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date, format_int, format_time
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner

if TYPE_CHECKING:
    import logging

    from vlot_desktop.services.store import Store
    from vlot_desktop.services.sync_service import SyncReport


def _log() -> logging.Logger:
    """The module's logger, imported on first use: ``logging`` costs start-up time."""
    import logging

    return logging.getLogger(__name__)


PENDING_POLL_MS = 30_000
MESSAGE_MS = 15_000


@dataclass(frozen=True)
class SyncOutcome:
    report: SyncReport
    pending: int


def brought_in(outcome: SyncOutcome) -> Changes:
    """What a round changed: any record when it applied colleagues' records or found conflicts
    (screens re-read what they show), else only the list of change files exchanged."""
    report = outcome.report
    if report.applied_records or report.conflicts_new:
        return Changes.all(origin=SYNC)
    return Changes.of("sync_ingested", origin=SYNC)


SyncAttempt = SyncRound
"""One round, for the Synchronisatie screen (kept across restarts by services.sync_rounds)."""


class SyncController(QObject):
    """Owns the sync action, the timer and the three sync labels of the status bar.

    Signals:
        finished(): a round ended (successfully or not) and the labels are up to date.
        applied(): not emitted any more: a round announces what it brought in itself
            (``AppContext.changed``); kept while the main window still connects to it.
        pending_updated(int): the number of local changes not yet on the share.
    """

    finished = Signal()
    applied = Signal()
    pending_updated = Signal(int)

    def __init__(
        self, context: AppContext, runner: TaskRunner, status_bar: QStatusBar, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.status_bar = status_bar
        self.last_success: dt.datetime | None = None
        self.reachable: bool | None = None
        self.pending: int | None = None
        self.last_error: str | None = None
        # A newer format was met on the share: nothing is sent until the app is updated.
        self.read_only = False
        self._task: TaskHandle | None = None

        self.action = QAction(self.tr("Sync &now"), parent)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.action.triggered.connect(self.sync_now)

        self.last_label = QLabel(parent)
        self.pending_label = QLabel(parent)
        self.share_label = QLabel(parent)
        self.pending_label.setToolTip(
            self.tr("Changes made on this laptop that are not on the share folder yet")
        )
        for label in (self.last_label, self.pending_label, self.share_label):
            label.setContentsMargins(6, 0, 6, 0)
            status_bar.addPermanentWidget(label)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.pending_timer = QTimer(self)
        self.pending_timer.setInterval(PENDING_POLL_MS)
        self.pending_timer.timeout.connect(self.refresh_pending)

        context.database_ready.connect(self._database_ready)
        context.settings_changed.connect(self.update_state)
        self.update_state()

    # -- state ---------------------------------------------------------------------------------

    @property
    def has_share(self) -> bool:
        return bool(self.context.settings.share_path)

    @property
    def is_running(self) -> bool:
        return self._task is not None

    @Slot()
    def update_state(self) -> None:
        """Enable the action and start the timer according to the settings."""
        settings = self.context.settings
        ready = self.context.is_ready
        self.action.setEnabled(self.has_share and ready and not self.is_running)
        if not self.has_share:
            self.action.setToolTip(
                self.tr(
                    "No share folder chosen yet: it is chosen when this laptop is set up "
                    "(first-run step)."
                )
            )
        else:
            self.action.setToolTip(self.tr("Exchange the changes with the share folder now (F9)"))
        minutes = max(1, int(settings.sync_interval_minutes or 0))
        if self.has_share and ready:
            if self.timer.interval() != minutes * 60_000 or not self.timer.isActive():
                self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()
        self._update_labels()

    def _update_labels(self) -> None:
        if self.last_success is None:
            self.last_label.setText(self.tr("Last sync: not yet"))
        else:
            when = self.last_success
            text = f"{format_date(when.date())} {format_time(when)}"
            self.last_label.setText(self.tr("Last sync: %1").replace("%1", text))
        if self.pending is None:
            self.pending_label.setText("")
        else:
            self.pending_label.setText(
                self.tr("To send: %1").replace("%1", format_int(self.pending))
            )
        if not self.has_share:
            self.share_label.setText(self.tr("No share folder"))
        elif self.reachable is None:
            self.share_label.setText("")
        elif self.read_only:
            self.share_label.setText(self.tr("Read-only: update the application"))
        elif self.reachable:
            self.share_label.setText(self.tr("Share reachable"))
        else:
            self.share_label.setText(self.tr("Share not reachable"))

    @Slot()
    def _database_ready(self) -> None:
        self.update_state()
        self.refresh_pending()
        self.pending_timer.start()
        self._load_rounds()

    def _load_rounds(self) -> None:
        """Read the rounds of earlier runs of the app (in a worker: the data folder may be slow)."""
        data_dir = self.context.data_dir

        def work(_task: TaskContext) -> list[SyncRound]:
            from vlot_desktop.services.sync_rounds import load_rounds

            return load_rounds(data_dir)

        self.runner.run(work, on_result=self._rounds_loaded, owner=self, name="load sync rounds")

    def _rounds_loaded(self, rounds: list[SyncRound]) -> None:
        # Rounds of this run (if a sync already ran) stay after the earlier ones.
        known = set(self.context.sync_log)
        self.context.sync_log[:0] = [r for r in rounds if r not in known]
        if self.last_success is None:
            self.last_success = last_success(self.context.sync_log)
        self._update_labels()
        self.context.sync_logged.emit()

    # -- pending changes -----------------------------------------------------------------------

    @Slot()
    def refresh_pending(self) -> None:
        """Count the local changes not yet on the share (in a worker). A count asked for later
        (an edit was announced meanwhile) replaces one still running: the newest count shows."""
        if not self.context.is_ready:
            return
        from vlot_desktop.db.queries.sync import pending_changes

        QueryOp(
            self.context,
            lambda store: store.read(pending_changes),
            success=self._pending_counted,
        ).failure(lambda exc: _log().warning("counting pending changes failed: %s", exc)).owned_by(
            self
        ).latest("pending").named("count pending changes").run()

    def _pending_counted(self, count: int) -> None:
        self.pending = count
        self._update_labels()
        self.pending_updated.emit(count)

    # -- one round -----------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        """Start one sync round in a worker (ignored while one runs or without a share)."""
        if self.is_running or not self.has_share or not self.context.is_ready:
            return
        from vlot_desktop.db.queries.sync import pending_changes
        from vlot_desktop.services.sync_service import run_sync

        data_dir = self.context.data_dir

        def round_(store: Store) -> SyncOutcome:
            report = run_sync(data_dir)
            return SyncOutcome(report, store.read(pending_changes))

        self.status_bar.showMessage(self.tr("Synchronising…"))
        self._task = (
            CollectionOp(self.context, round_, changes=brought_in, success=self._succeeded)
            .failure(self._failed)
            .owned_by(self)
            .named("sync")
            .run()
        )
        self._task.done.connect(self._round_done)
        self.action.setEnabled(False)

    def _succeeded(self, outcome: SyncOutcome) -> None:
        report = outcome.report
        self.last_success = dt.datetime.now()
        self.reachable = True
        self.last_error = None
        self.share_label.setToolTip("")
        self.pending = outcome.pending
        self.pending_updated.emit(outcome.pending)
        message = (
            self.tr("Synchronised: %1 sent, %2 received.")
            .replace("%1", format_int(report.pushed_records))
            .replace("%2", format_int(report.applied_records))
        )
        if report.conflicts_new:
            message += " " + self.tr("New conflicts: %1.").replace(
                "%1", format_int(report.conflicts_new)
            )
        message += self._extra_message(report)
        self.read_only = False
        self.last_label.setToolTip(message)
        self._log(SyncAttempt(self.last_success, True, message))
        self.status_bar.showMessage(message, MESSAGE_MS)

    def _extra_message(self, report: SyncReport) -> str:
        """What else the round has to say: a wrong clock (first: the line may be cut off), a
        snapshot taken, attachments."""
        from vlot_desktop.services.sync_service import clock_is_off

        extra = ""
        if clock_is_off(report.clock_offset_s) and report.clock_offset_s is not None:
            minutes = format_int(round(abs(report.clock_offset_s) / 60))
            extra += " " + self.tr(
                "The clock of this laptop is %1 minutes off: set the date and time right."
            ).replace("%1", minutes)
        if report.own_clock_behind_s and report.own_clock_behind_s > 120:
            extra += " " + self.tr(
                "The clock of this laptop is %1 hours behind the file server: set the date and "
                "time right."
            ).replace("%1", format_int(round(report.own_clock_behind_s / 3600)))
        if report.identity_renewed:
            extra += " " + self.tr(
                "This data folder was restored from a backup or copied: it now sends its "
                "changes under a new name. Nothing was lost."
            )
        if report.held_files:
            laptops = sorted({h.get("laptop", "") for h in report.held_files} - {""})
            extra += " " + self.tr(
                "The clock of %2 is wrong: changes dated in the future are held back (%1 "
                "file(s)). Set that laptop's date and time right."
            ).replace("%1", format_int(len(report.held_files))).replace(
                "%2", ", ".join(laptops) or self.tr("another laptop")
            )
        if report.rejected_files:
            laptops = sorted({r.get("laptop", "") for r in report.rejected_files} - {""})
            extra += " " + self.tr(
                "Damaged or unknown files on the share, set aside: %1 (from %2)."
            ).replace("%1", format_int(len(report.rejected_files))).replace(
                "%2", ", ".join(laptops) or "?"
            )
        if report.set_aside:
            extra += " " + self.tr(
                "Changes made with a newer version of VLOT Desktop were kept for later: %1. "
                "Update this laptop to see them."
            ).replace("%1", format_int(sum(report.set_aside.values())))
        if report.withheld:
            extra += " " + self.tr(
                "Values that other laptops cannot take in (too long or damaged) were not sent: "
                "%1. Shorten or correct them."
            ).replace("%1", format_int(len(report.withheld)))
        if report.snapshot_applied:
            extra += " " + self.tr("Records taken from the snapshot on the share: %1.").replace(
                "%1", format_int(report.snapshot_rows)
            )
        damaged = [e for e in report.blob_errors if e.get("sha256")]
        if damaged:
            extra += " " + self.tr("Damaged attachments on the share, not kept: %1.").replace(
                "%1", format_int(len(damaged))
            )
        if report.blobs_missing:
            extra += " " + self.tr("Attachments still to fetch: %1.").replace(
                "%1", format_int(report.blobs_missing)
            )
        return extra

    def _failed(self, exc: BaseException) -> None:
        from vlot_desktop.services.sync_service import SyncSetupError
        from vlot_desktop.sync.batch import NewerFormatError
        from vlot_desktop.sync.share import ShareError

        message_nl = getattr(exc, "message_nl", "") if current_language() == "nl" else ""
        disk_full = isinstance(exc, sqlite3.Error) and "full" in str(exc)
        if isinstance(exc, SyncSetupError):
            pass
        elif disk_full:
            message_nl = self.tr(
                "The disk of this laptop is full: make room and synchronise again. "
                "Nothing was lost."
            )
        elif isinstance(exc, NewerFormatError):
            self.read_only = True
            self.reachable = True
        elif isinstance(exc, ShareError | OSError):
            self.reachable = False
        else:
            _log().error("sync failed", exc_info=exc)
        reason = message_nl or self.tr("The sync failed (%1).").replace("%1", str(exc))
        self.last_error = reason
        self.share_label.setToolTip(reason)
        self.status_bar.showMessage(self.tr("Not synchronised: %1").replace("%1", reason))
        self._log(SyncAttempt(dt.datetime.now(), False, reason))

    def _log(self, attempt: SyncAttempt) -> None:
        self.context.sync_log.append(attempt)
        del self.context.sync_log[:-KEEP]
        self.context.sync_logged.emit()
        data_dir = self.context.data_dir
        rounds = list(self.context.sync_log)

        def work(_task: TaskContext) -> None:
            from vlot_desktop.services.sync_rounds import save_rounds

            save_rounds(data_dir, rounds)

        self.runner.run(
            work,
            on_error=lambda exc: _log().warning("keeping the sync rounds failed: %s", exc),
            name="save sync rounds",
        )

    @Slot()
    def _round_done(self) -> None:
        self._task = None
        self.update_state()
        self.finished.emit()
