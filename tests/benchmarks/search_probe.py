"""Child process of run.py: time each keystroke in the Gemeenten search field of a real window.

A keystroke counts from the key event until the list shows the new result (the filter runs
synchronously on the GUI thread, so that is when ``QTest.keyClick`` returns), including the
model reset and the re-sort of the proxy.

    python tests/benchmarks/search_probe.py DATA_DIR word [word ...]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def main() -> int:
    data_dir = Path(sys.argv[1])
    words = sys.argv[2:]
    app = QApplication([])
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.i18n import install_translators
    from vlot_desktop.ui.main_window import MainWindow
    from vlot_desktop.ui.startup import Startup
    from vlot_desktop.ui.tasks import TaskRunner

    install_translators(app, "nl")
    context = AppContext(data_dir)
    runner = TaskRunner()
    window = MainWindow(context, runner)
    window.resize(1366, 768)
    window.show()
    startup = Startup(window, context, runner, self_test=True)
    loop = QEventLoop()
    window.municipalities.loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    startup.begin()
    loop.exec()
    if not context.is_ready:
        print("data folder not ready", file=sys.stderr)
        return 1
    view = window.municipalities
    window.show_screen(view.key)
    field = view.search_field()
    times_ms: list[float] = []
    for word in words:
        field.clear()
        app.processEvents()
        for char in word:
            started = time.perf_counter()
            QTest.keyClicks(field, char)
            times_ms.append((time.perf_counter() - started) * 1000)
        # The word must have found something: a benchmark of an empty list proves nothing.
        if view.proxy.rowCount() == 0:
            print(f"search {word!r} found nothing", file=sys.stderr)
            return 1
        QTest.keyClick(field, Qt.Key.Key_Backspace)
    print(json.dumps({"times_ms": [round(t, 3) for t in times_ms]}), flush=True)
    runner.shutdown()
    context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
