"""Bugs go to the log file (without personal data) and a Dutch dialog that says where it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from vlot_desktop import paths
from vlot_desktop.ui.errors import ExceptionHandler, write_crash_log

PERSONAL = ("Olena Kovalenko", "0470 12 34 56", "needs medical care")


def _raise_with_personal_data() -> None:
    try:
        {}["x"]
    except KeyError as inner:
        raise ValueError(", ".join(PERSONAL)) from inner


def _catch() -> tuple[type[BaseException], BaseException, object]:
    try:
        _raise_with_personal_data()
    except ValueError as exc:
        return type(exc), exc, exc.__traceback__
    raise AssertionError("no exception")


def test_log_has_the_stack_but_no_message(data_dir: Path) -> None:
    exc_type, exc, tb = _catch()
    log = write_crash_log(data_dir, exc_type, exc, tb)  # type: ignore[arg-type]
    assert log == paths.log_path(data_dir)
    text = log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text
    assert "_raise_with_personal_data" in text
    assert "Caused by:" in text and "builtins.KeyError" in text
    for personal in PERSONAL:
        assert personal not in text


def test_excepthook_logs_and_shows_where_the_log_is(qapp: object, data_dir: Path) -> None:
    # qapp: the dialog is only offered on the GUI thread of a running application.
    shown: list[tuple[QWidget | None, Path]] = []
    handler = ExceptionHandler(
        data_dir, show_dialog=lambda parent, log: shown.append((parent, log))
    )
    exc_type, exc, tb = _catch()
    handler(exc_type, exc, tb)  # type: ignore[arg-type]
    assert handler.count == 1
    assert [log for _parent, log in shown] == [paths.log_path(data_dir)]
    assert paths.log_path(data_dir).read_text(encoding="utf-8").count("====") == 1


def test_excepthook_install_and_uninstall(data_dir: Path) -> None:
    import sys

    before = sys.excepthook
    handler = ExceptionHandler(data_dir)
    handler.install()
    assert sys.excepthook is handler
    handler.uninstall()
    assert sys.excepthook is before
