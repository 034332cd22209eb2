"""Background tasks: results and errors arrive on the GUI thread; cancelling drops them."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from vlot_desktop.ui.tasks import TaskContext, TaskRunner


@pytest.fixture
def runner() -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work(_task: TaskContext) -> int:
        return threading.get_ident()

    handle = runner.run(work, on_result=lambda worker: seen.append((worker, threading.get_ident())))
    qtbot.waitSignal(handle.done, timeout=5000).wait() if not handle.is_finished else None
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert len(seen) == 1
    worker_thread, delivered_on = seen[0]
    assert worker_thread != gui_thread
    assert delivered_on == gui_thread
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_error_goes_to_on_error(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def work(_task: TaskContext) -> None:
        raise LookupError("no such municipality")

    handle = runner.run(
        work, on_result=lambda _: pytest.fail("no result expected"), on_error=errors.append
    )
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert len(errors) == 1 and isinstance(errors[0], LookupError)


def test_progress_is_reported(qtbot: QtBot, runner: TaskRunner) -> None:
    progress: list[tuple[int, int, str]] = []

    def work(task: TaskContext) -> str:
        for i in range(3):
            task.report_progress(i + 1, 3, f"stap {i + 1}")
        return "klaar"

    results: list[str] = []
    handle = runner.run(work, on_result=results.append, on_progress=lambda *p: progress.append(p))
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert progress == [(1, 3, "stap 1"), (2, 3, "stap 2"), (3, 3, "stap 3")]
    assert results == ["klaar"]


def test_cancel_stops_the_work_and_drops_its_result(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()
    stopped = threading.Event()

    def work(task: TaskContext) -> str:
        started.set()
        while not task.cancelled:
            time.sleep(0.01)
        stopped.set()
        return "te laat"

    handle = runner.run(work, on_result=lambda _: pytest.fail("a cancelled task delivered"))
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert stopped.is_set()


def test_deleting_the_owner_cancels(qtbot: QtBot, runner: TaskRunner) -> None:
    from PySide6.QtCore import QObject

    owner = QObject()
    release = threading.Event()

    def work(task: TaskContext) -> int:
        release.wait(5)
        return 1

    handle = runner.run(work, on_result=lambda _: pytest.fail("the owner is gone"), owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: handle.cancelled, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)


def test_shutdown_waits_and_refuses_new_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    finished = threading.Event()

    def slow(task: TaskContext) -> None:
        time.sleep(0.2)
        finished.set()

    runner.run(slow)
    assert runner.shutdown(timeout_ms=5000)
    assert finished.is_set()
    late = runner.run(slow)
    assert late.cancelled


def test_an_error_without_handler_reaches_the_excepthook(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    caught: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: caught.append(t))

    def work(_task: TaskContext) -> None:
        raise ZeroDivisionError

    handle = runner.run(work)
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert caught == [ZeroDivisionError]
