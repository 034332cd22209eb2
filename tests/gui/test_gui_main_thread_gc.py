"""Garbage holding Qt objects is collected on the GUI thread, never by a worker (a crash)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from vlot_desktop.ui.main_thread_gc import MainThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it
        self.qobject = QObject()  # owned by Python: freed with the node


def test_a_worker_that_allocates_a_lot_does_not_collect_qt_objects(qtbot: QtBot) -> None:
    collector = MainThreadCollector()
    collector.install()
    try:
        node = _Node()
        alive = weakref.ref(node)
        freed_on: list[QThread | None] = []
        node.qobject.destroyed.connect(lambda: freed_on.append(QThread.currentThread()))
        del node

        def allocate() -> None:  # far past every threshold of the automatic collector
            junk = []
            for _ in range(50_000):
                pair: list[object] = []
                pair.append(pair)
                junk.append(pair)

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert alive() is not None and not gc.isenabled()
        gc.collect(0)  # what the collector's timer does, on this (the GUI) thread
        collector.collect()
        gc.collect()
        assert alive() is None
        assert freed_on == [QThread.currentThread()]
    finally:
        collector.uninstall()
    assert gc.isenabled()
