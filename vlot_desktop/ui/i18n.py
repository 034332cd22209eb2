"""Interface language: our Dutch translations from a Qt Linguist ``.ts`` file, and Qt's own.

Source strings in the code are English (``self.tr(...)``, ``QCoreApplication.translate(...)``);
``resources/translations/*_nl.ts`` hold their Dutch translations: ``vlot_nl.ts`` for the frame
and the first screens, one file per later work area (e.g. ``locations_nl.ts``), so that work on
two areas never edits the same file. Instead of committing a
compiled ``.qm`` file, ``TsTranslator`` reads the ``.ts`` XML at start-up and compiles it in
memory (a few milliseconds).

Updating the translations after changing strings in the code::

    pyside6-lupdate $(find vlot_desktop/ui/locations -name '*.py' | sort) \\
        -ts resources/translations/locations_nl.ts -no-obsolete -locations none \\
        -source-language en -target-language nl_BE

(the same for ``vlot_nl.ts`` with ``vlot_desktop/app.py`` and the remaining ``ui`` modules)

then fill in the new ``<translation>`` elements (Qt Linguist, or any text editor) and remove
their ``type="unfinished"``. ``tests/gui/test_gui_translations.py`` fails while one is missing.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from vlot_desktop import paths

TS_FILE_NL = "vlot_nl.ts"
DEFAULT_LANGUAGE = "nl"

_state: dict[str, object] = {"language": DEFAULT_LANGUAGE, "translators": []}


def ts_path() -> Path:
    return paths.resources_dir() / "translations" / TS_FILE_NL


def ts_paths() -> list[Path]:
    """Every Dutch translation file, the frame's (``vlot_nl.ts``) first."""
    folder = paths.resources_dir() / "translations"
    others = sorted(p for p in folder.glob("*_nl.ts") if p.name != TS_FILE_NL)
    return [folder / TS_FILE_NL, *others]


def read_all_ts() -> dict[tuple[str, str, str], str]:
    """The finished translations of all files; a later file never overrides an earlier one."""
    messages: dict[tuple[str, str, str], str] = {}
    for path in ts_paths():
        for key, text in read_ts(path).items():
            messages.setdefault(key, text)
    return messages


def read_ts(path: Path) -> dict[tuple[str, str, str], str]:
    """Finished translations of a ``.ts`` file, keyed by (context, source, disambiguation).

    Unfinished, obsolete and empty translations are left out, so the English source shows
    rather than an empty label.
    """
    messages: dict[tuple[str, str, str], str] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        # A broken installation shows English rather than not starting at all.
        return messages
    for context in root.iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            text = translation.text or ""
            if not text:
                continue
            comment = message.findtext("comment") or ""
            messages[(context_name, source, comment)] = text
    return messages


_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_QM_HASHES, _QM_MESSAGES = 0x42, 0x69
_TAG_END, _TAG_TRANSLATION, _TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 1, 3, 6, 7, 8


def _elf_hash(data: bytes) -> int:
    """The hash Qt's QTranslator uses to find a message (``elfHash`` in qtranslator.cpp)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _block(tag: int, payload: bytes) -> bytes:
    return struct.pack(">BI", tag, len(payload)) + payload


def compile_qm(messages: dict[tuple[str, str, str], str]) -> bytes:
    """The ``.qm`` form of ``messages`` (as ``lrelease`` would write it), built in memory.

    Besides one entry per (context, source), each source gets a context-free entry after
    them: Qt matches that one in any context. PySide's ``self.tr`` looks strings up under the
    class of the object at run time, which for a subclass is not the class lupdate saw.
    """
    entries: list[tuple[int, int, bytes]] = []
    generic: dict[tuple[str, str], str] = {}
    for (_context, source, comment), text in messages.items():
        generic.setdefault((source, comment), text)
    ordered: list[tuple[str | None, str, str, str]] = [
        *((c, s, m, t) for (c, s, m), t in messages.items()),
        *((None, s, m, t) for (s, m), t in generic.items()),
    ]
    body = bytearray()
    for order, (context, source, comment, text) in enumerate(ordered):
        source_bytes, comment_bytes = source.encode("utf-8"), comment.encode("utf-8")
        offset = len(body)
        body += _block(_TAG_TRANSLATION, text.encode("utf-16-be"))
        body += _block(_TAG_SOURCE, source_bytes)
        if context is not None:
            body += _block(_TAG_CONTEXT, context.encode("utf-8"))
        body += _block(_TAG_COMMENT, comment_bytes)
        body += bytes([_TAG_END])
        # Equal hashes are tried in table order: context-bound entries before the fallback.
        entries.append((_elf_hash(source_bytes + comment_bytes), order, struct.pack(">I", offset)))
    entries.sort()
    hashes = b"".join(struct.pack(">I", h) + offset for h, _order, offset in entries)
    return _QM_MAGIC + _block(_QM_HASHES, hashes) + _block(_QM_MESSAGES, bytes(body))


class TsTranslator(QTranslator):
    """A QTranslator fed from a ``.ts`` file: parsed, compiled to ``.qm`` form in memory, loaded.

    Why not override ``QTranslator.translate`` in Python instead: PySide passes the null
    disambiguation to the override as a ``None`` it does not own, and after a few thousand
    look-ups the interpreter aborts ("none_dealloc"). Qt's own look-up is also faster.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qm = b""  # QTranslator.load(data) keeps a pointer into it: keep it alive

    def load_ts(self, path: Path | None = None) -> int:
        """Read ``path`` (default: all files); returns the number of translations loaded."""
        messages = read_ts(path) if path is not None else read_all_ts()
        if not messages:
            return 0
        self._qm = compile_qm(messages)
        return len(messages) if self.load(self._qm) else 0


def install_translators(app: QCoreApplication, language: str) -> None:
    """Make ``language`` ("nl" or "en") the interface language of ``app``.

    Numbers and dates are Belgian in both languages: the users work in Belgium.
    """
    QLocale.setDefault(belgian_locale())
    _state["language"] = "en" if language == "en" else "nl"
    if _state["language"] == "en":
        return
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load("qtbase_nl", qt_folder):  # Qt's standard buttons and dialogs
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    ours = TsTranslator(app)
    if ours.load_ts():
        app.installTranslator(ours)
        installed.append(ours)
    # Keep references: a translator collected by Python silently stops translating.
    _state["translators"] = installed


def remove_translators(app: QCoreApplication) -> None:
    translators = _state["translators"]
    assert isinstance(translators, list)
    for translator in translators:
        app.removeTranslator(translator)
    _state["translators"] = []
    _state["language"] = DEFAULT_LANGUAGE


def current_language() -> str:
    """ "nl" or "en": which of the domain's labels (``label_nl``/``label_en``) to show."""
    language = _state["language"]
    assert isinstance(language, str)
    return language


def belgian_locale() -> QLocale:
    return QLocale(QLocale.Language.Dutch, QLocale.Country.Belgium)
