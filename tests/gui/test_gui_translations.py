"""The Dutch interface shows no English.

1. Every string the code passes to ``tr()`` / ``QCoreApplication.translate()`` has a finished,
   non-empty Dutch translation in ``resources/translations/vlot_nl.ts``.
2. Walking the widgets of the running Dutch window and its dialogs finds no text that is still
   an untranslated source string.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from vlot_desktop.ui.about.about_dialog import AboutDialog
from vlot_desktop.ui.first_run.first_run_dialog import FirstRunDialog
from vlot_desktop.ui.i18n import TsTranslator, read_all_ts, ts_paths
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.preferences.preferences_dialog import PreferencesDialog
from vlot_desktop.ui.tasks import TaskRunner

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "vlot_desktop" / "app.py", *sorted((REPO / "vlot_desktop" / "ui").rglob("*.py"))]
# Qt's own English that qtbase_nl must have replaced.
QT_ENGLISH = {"Cancel", "Close", "Save", "Apply", "Yes", "No", "Open", "Discard", "Reset"}


@dataclass(frozen=True)
class Found:
    file: str
    line: int
    context: str
    source: str


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _visit(node: ast.AST, cls: str | None, relative: str) -> Iterator[Found]:
    if isinstance(node, ast.ClassDef):
        cls = node.name
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        where = f"{relative}:{node.lineno}"
        if node.func.attr == "tr":
            assert node.args, f"{where}: tr() without a string"
            text = _string(node.args[0])
            assert text is not None, f"{where}: tr() needs a literal string (lupdate reads it)"
            assert cls is not None, f"{where}: tr() outside a class"
            yield Found(relative, node.lineno, cls, text)
        elif node.func.attr == "translate" and len(node.args) >= 2:
            context, text = _string(node.args[0]), _string(node.args[1])
            assert context and text is not None, f"{where}: translate() needs literal strings"
            yield Found(relative, node.lineno, context, text)
    for child in ast.iter_child_nodes(node):
        yield from _visit(child, cls, relative)


def extract_strings() -> Iterator[Found]:
    """Every ``x.tr("...")`` (context: the enclosing class) and ``translate("ctx", "...")``."""
    for file in SOURCES:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        yield from _visit(tree, None, str(file.relative_to(REPO)))


def all_ts_messages() -> list[tuple[str, str, str | None, str]]:
    """(context, source, translation type, translation text) of every message in the files."""
    messages = []
    contexts = [c for path in ts_paths() for c in ET.parse(path).getroot().iter("context")]
    for context in contexts:
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            messages.append(
                (
                    name,
                    message.findtext("source") or "",
                    translation.get("type"),
                    translation.text or "",
                )
            )
    return messages


FOUND = list(extract_strings())


def test_the_extraction_finds_the_strings() -> None:
    assert len(FOUND) > 100
    assert Found("vlot_desktop/ui/main_window.py", 0, "MainWindow", "&File") in [
        Found(f.file, 0, f.context, f.source) for f in FOUND
    ]


@pytest.mark.parametrize("found", FOUND, ids=lambda f: f"{f.context}:{f.source[:40]}")
def test_every_string_has_a_finished_dutch_translation(found: Found) -> None:
    finished = read_all_ts()
    where = f"{found.file}:{found.line}"
    assert (found.context, found.source, "") in finished, (
        f"{where}: {found.source!r} (context {found.context}) has no finished Dutch translation "
        "in resources/translations; run pyside6-lupdate and translate it (see ui/i18n.py)"
    )
    dutch = finished[(found.context, found.source, "")]
    assert dutch.strip(), where
    for placeholder in re.findall(r"%\d", found.source):
        assert placeholder in dutch, f"{where}: the translation lost {placeholder}"
    if "&" in found.source.replace("&&", ""):
        assert "&" in dutch, f"{where}: the translation lost its keyboard accelerator (&)"


def test_no_unfinished_or_stale_messages_in_the_ts_file() -> None:
    used = {(f.context, f.source) for f in FOUND}
    for context, source, kind, text in all_ts_messages():
        assert kind not in ("unfinished", "obsolete", "vanished"), (context, source, kind)
        assert text.strip(), (context, source)
        assert (context, source) in used, f"{context}: {source!r} is no longer in the code"


def test_ts_translator_translates_in_and_across_contexts(qapp: object) -> None:
    translator = TsTranslator()
    assert translator.load_ts() > 100
    assert translator.translate("MainWindow", "&File") == "&Bestand"
    # PySide's tr() uses the class at run time: a subclass's context still finds the string.
    assert translator.translate("SomeSubclass", "&File") == "&Bestand"
    assert translator.translate("MainWindow", "not a known string") == ""


def test_context_bound_translations_win_over_the_fallback(qapp: object, tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="nl">'
        "<context><name>A</name><message><source>Open</source><translation>Open (bn)</translation>"
        "</message></context><context><name>B</name><message><source>Open</source>"
        "<translation>Openen</translation></message><message><source>Late</source>"
        '<translation type="unfinished">Laat</translation></message></context></TS>',
        encoding="utf-8",
    )
    translator = TsTranslator()
    assert translator.load_ts(ts) == 2
    assert translator.translate("A", "Open") == "Open (bn)"
    assert translator.translate("B", "Open") == "Openen"
    assert translator.translate("C", "Open") == "Open (bn)"
    assert translator.translate("B", "Late") == ""  # unfinished: the English shows
    assert TsTranslator().load_ts(tmp_path / "missing.ts") == 0


def test_many_lookups_keep_the_interpreter_alive(dutch: None) -> None:
    """A Python override of QTranslator.translate would lose a reference to None per call."""
    import sys

    before = sys.getrefcount(None)
    for _ in range(5000):
        QCoreApplication.translate("MainWindow", "no such string")
        QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert sys.getrefcount(None) >= before - 100
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Bestand"


# -- the running window ---------------------------------------------------------------------


def _untranslated_patterns() -> list[re.Pattern[str]]:
    """Source strings whose Dutch differs: seeing one on screen means it was not translated."""
    finished = read_all_ts()
    patterns = []
    for (_context, source, _comment), dutch in finished.items():
        if dutch.replace("&", "") == source.replace("&", ""):
            continue  # the same in both languages ("Dashboard", "VLOT Desktop")
        regex = re.escape(source.replace("&", "")).replace("%1", ".*").replace("%2", ".*")
        patterns.append(re.compile(regex, re.DOTALL))
    return patterns


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for what a user can see or hear on ``root`` and its visible children."""
    yield "window title", root.windowTitle()
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        yield f"{name} accessible name", widget.accessibleName()
        yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield name, widget.itemText(i)
        elif isinstance(widget, QMenu):
            yield name, widget.title()
            for action in widget.actions():
                yield f"{name} action", action.text()
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield name, widget.item(i).text()
                yield f"{name} tooltip", widget.item(i).toolTip()
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            columns = model.columnCount(QModelIndex())
            for column in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(column, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        yield f"{name} header", value.replace("\n", " ")
            for row in range(min(model.rowCount(QModelIndex()), 10)):
                for column in range(columns):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.index(row, column).data(role)
                        if isinstance(value, str):
                            yield f"{name} cell", value
    for action in root.actions():
        yield "window action", action.text()


def assert_all_dutch(root: QWidget) -> int:
    patterns = _untranslated_patterns()
    english = []
    count = 0
    for where, text in visible_texts(root):
        plain = text.replace("&", "").strip()
        if not plain:
            continue
        count += 1
        if plain in QT_ENGLISH or any(p.fullmatch(plain) for p in patterns):
            english.append(f"{where}: {text!r}")
    assert not english, "English in the Dutch interface:\n" + "\n".join(english)
    return count


def test_dutch_main_window_shows_no_english(qtbot: QtBot, window: MainWindow) -> None:
    checked = assert_all_dutch(window)
    for menu_action in window.menuBar().actions():
        checked += assert_all_dutch(menu_action.menu())
    window.show_screen("municipalities")
    window.municipalities.select_municipality("44021")
    checked += assert_all_dutch(window)
    window.municipalities.search_edit.setText("aarschot")
    window.municipalities.table.selectRow(0)
    checked += assert_all_dutch(window)
    assert checked > 150


def test_dutch_dialogs_show_no_english(qtbot: QtBot, dutch: None, prepared_dir: Path) -> None:
    from vlot_desktop.ui.startup import open_database

    database = open_database(prepared_dir)
    runner = TaskRunner()
    dialogs: list[QWidget] = [
        AboutDialog(),
        PreferencesDialog(prepared_dir),
        FirstRunDialog(prepared_dir, database.teams, runner),
    ]
    database.engine.dispose()
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert_all_dutch(dialog)
    first_run = dialogs[2]
    assert isinstance(first_run, FirstRunDialog)
    first_run.validate()  # shows the error message for the empty name
    assert_all_dutch(first_run)
    runner.shutdown()


def test_the_checker_catches_english(qtbot: QtBot, dutch: None) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel("Open questions", widget)  # a source string, not passed through tr()
    widget.show()
    assert label.isVisible()
    with pytest.raises(AssertionError, match="Open questions"):
        assert_all_dutch(widget)
    label.setText(QCoreApplication.translate("DashboardView", "Open questions"))
    assert_all_dutch(widget)
