"""Layer boundaries: ``ui -> services -> (sync, reports, spreadsheets) -> db -> domain``.

The contracts are import-linter's, in pyproject.toml (``[tool.importlinter]``, described in
docs/architecture.md, *Layers*); ``installer/dev.sh test`` runs ``lint-imports`` and so do the
tests here, which also check that the contracts catch each wrong direction once met.
Qt stays in ui/ and app.py: everything else imports and runs without PySide6. Reports take
plain data and lay out a PDF: nothing under reports/ reaches the database or the services.
The command modules do not import each other (no cycles between them).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import vlot_desktop

PACKAGE = Path(vlot_desktop.__file__).resolve().parent
ROOT = PACKAGE.parent
QT_MODULES = ("PySide6", "shiboken6")

IMPORT_ALL_WITHOUT_QT = r"""
import importlib, importlib.abc, json, pkgutil, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"PySide6 is blocked: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import vlot_desktop

def non_ui_modules(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name in ("vlot_desktop.ui", "vlot_desktop.app", "vlot_desktop.__main__"):
            continue  # __main__ would run the command line
        yield info.name
        if info.ispkg:
            package = importlib.import_module(info.name)
            yield from non_ui_modules(package.__path__, info.name + ".")

imported, failed = [], {}
for name in non_ui_modules(vlot_desktop.__path__, "vlot_desktop."):
    try:
        importlib.import_module(name)
        imported.append(name)
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": imported, "failed": failed, "qt": qt}))
"""


def test_every_non_ui_module_imports_with_pyside6_blocked(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL_WITHOUT_QT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] == {}
    assert report["qt"] == []
    # The walk did reach the layers it guards.
    assert {
        "vlot_desktop.cli",
        "vlot_desktop.paths",
        "vlot_desktop.db.migrate",
        "vlot_desktop.db.models.cases",
        "vlot_desktop.services.setup",
        "vlot_desktop.domain.text",
    } <= set(report["imported"])


def _is_ui(path: Path) -> bool:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] == "ui" or relative == Path("app.py")


def _qt_imports(source: str) -> list[str]:
    """``line module`` for every import of Qt anywhere in ``source`` (also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{node.lineno} {name}" for name in names if name.split(".")[0] in QT_MODULES]
    return found


def test_no_module_outside_ui_imports_pyside6() -> None:
    sources = [p for p in PACKAGE.rglob("*.py") if not _is_ui(p)]
    assert len(sources) > 20
    offenders = [
        f"{path.relative_to(PACKAGE)}:{hit}"
        for path in sources
        for hit in _qt_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_recognises_qt_imports() -> None:
    source = (
        "import os\n"
        "def f():\n"
        "    from PySide6.QtCore import QObject\n"
        "    import shiboken6, json\n"
        "from .ui import PySide6\n"  # a relative import of our own module: not Qt
    )
    assert _qt_imports(source) == ["3 PySide6.QtCore", "4 shiboken6"]


# -- reports: plain data in, PDF out -------------------------------------------------------------

BELOW_REPORTS = ("sqlalchemy", "vlot_desktop.db", "vlot_desktop.services")
ABOVE_REPORTS = ("vlot_desktop.ui", "vlot_desktop.app", "vlot_desktop.commands", "vlot_desktop.cli")


def _module_name(path: Path) -> str:
    parts = ("vlot_desktop", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """``line module`` for every import in ``source`` (also inside functions), relative imports
    resolved against ``module``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" if base else alias.name for alias in node.names]
        else:
            continue
        found += [f"{node.lineno} {name}" for name in names]
    return found


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    sources = sorted((PACKAGE / folder).rglob("*.py"))
    assert sources
    return [
        f"{path.relative_to(PACKAGE)}:{hit}"
        for path in sources
        for hit in _imports(
            path.read_text(encoding="utf-8"),
            _module_name(path),
            is_package=path.name == "__init__.py",
        )
        if any(
            hit.split(" ", 1)[1] == name or hit.split(" ", 1)[1].startswith(f"{name}.")
            for name in forbidden
        )
    ]


def test_reports_import_neither_the_database_nor_the_services() -> None:
    assert _offenders("reports", BELOW_REPORTS + ABOVE_REPORTS) == []


IMPORT_REPORTS = r"""
import importlib, json, pkgutil, sys
import vlot_desktop.reports as reports
for info in pkgutil.iter_modules(reports.__path__, "vlot_desktop.reports."):
    importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_reports_loads_no_database_code(tmp_path: Path) -> None:
    """Also not through a module the reports import (the scan above reads only reports/)."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_REPORTS],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert "vlot_desktop.reports.case_summary" in loaded
    assert [m for m in loaded if m.split(".")[0] == "sqlalchemy"] == []
    assert [m for m in loaded if m.startswith(("vlot_desktop.db", "vlot_desktop.services"))] == []


def test_command_modules_do_not_import_each_other() -> None:
    """Each command module stands alone (shared helpers live in ``vlot_desktop.commands``)."""
    others = tuple(
        f"vlot_desktop.commands.{path.stem}"
        for path in (PACKAGE / "commands").glob("*.py")
        if path.stem != "__init__"
    )
    assert "vlot_desktop.commands.reports" in others
    assert _offenders("commands", others) == []


def test_the_scan_resolves_relative_imports() -> None:
    source = (
        "from . import layout\n"
        "def f():\n"
        "    from ..db.engine import make_engine\n"
        "    import sqlalchemy.orm\n"
    )
    assert _imports(source, "vlot_desktop.reports.case_summary") == [
        "1 vlot_desktop.reports.layout",
        "3 vlot_desktop.db.engine.make_engine",
        "4 sqlalchemy.orm",
    ]
    assert _imports("from .layout import para\n", "vlot_desktop.reports", is_package=True) == [
        "1 vlot_desktop.reports.layout.para"
    ]


# -- import-linter: the contracts of pyproject.toml ----------------------------------------------


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the tree at ``root`` (its pyproject.toml, its vlot_desktop)."""
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            "--no-cache",
            "--no-logo",
            str(root / "pyproject.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=False,
    )


def test_the_import_contracts_are_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# Wrong imports of the kinds the layers once had, each added to a copy of the package, and a
# line of the report that names it.
WRONG_IMPORTS = {
    # the database calling a service (db/migrate.py once loaded the reference data so)
    "db/migrate.py": (
        "def _wrong() -> None:\n    from vlot_desktop.services import setup\n",
        "vlot_desktop.db.migrate -> vlot_desktop.services.setup",
    ),
    # the sync calling a service (sync/blobs.py once used services.attachment_store)
    "sync/blobs.py": (
        "def _wrong() -> None:\n    from vlot_desktop.services import photos\n",
        "vlot_desktop.sync.blobs -> vlot_desktop.services.photos",
    ),
    # a cycle in the sync, hidden in a function (bootstrap and engine once imported each other)
    "sync/bootstrap.py": (
        "def _wrong() -> None:\n    from vlot_desktop.sync import engine\n",
        "- .engine -> .bootstrap",
    ),
    # the demo reaching past the services into the sync
    "demo/loader.py": (
        "def _wrong() -> None:\n    from vlot_desktop.sync import capture\n",
        "vlot_desktop.demo.loader -> vlot_desktop.sync.capture",
    ),
    # Qt below the GUI
    "services/dump.py": (
        "def _wrong() -> None:\n    import PySide6.QtCore\n",
        "vlot_desktop.services.dump -> PySide6",
    ),
    # a report reaching the database
    "reports/layout.py": (
        "def _wrong() -> None:\n    import sqlalchemy\n",
        "vlot_desktop.reports.layout -> sqlalchemy",
    ),
    # a new top-level module that no layer names
    "helpers.py": ("X = 1\n", "- vlot_desktop.helpers"),
}


def test_the_import_contracts_catch_each_wrong_direction(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        PACKAGE, tmp_path / "vlot_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name, (code, _) in WRONG_IMPORTS.items():
        module = tmp_path / "vlot_desktop" / name
        before = module.read_text(encoding="utf-8") if module.exists() else ""
        module.write_text(f"{before}\n\n{code}", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    report = result.stdout
    missed = [name for name, (_, line) in WRONG_IMPORTS.items() if line not in report]
    assert missed == [], report
    # The contracts these broke; the domain's is the one left whole.
    assert "The domain is plain Python: no database, no files KEPT" in report
    assert "Contracts: 1 kept, 5 broken." in report
