"""Waiting for the screens' workers in tests, without sleeping.

Reads and writes run on the task runner's pool (``ui.ops``); their results arrive as queued
signals on the GUI thread. ``settle`` waits for the pool, delivers what it queued, and repeats
while deliveries start new work (a filter change reading its first page, a write announcing
changes that other screens re-read).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vlot_desktop.ui.tasks import TaskRunner

ROUNDS = 100


def settle(runner: TaskRunner, timeout_ms: int = 20_000) -> None:
    for _ in range(ROUNDS):
        if not runner.wait_for_done(timeout_ms):
            raise AssertionError("the workers did not finish in time")
        QCoreApplication.processEvents()
        if runner.active_count == 0:
            QCoreApplication.processEvents()
            if runner.active_count == 0:
                return
    raise AssertionError("the screens kept starting work")
