"""Screens that follow docs/adding-a-screen.md hold no SQL and no sessions: they read and write
through ``ui.ops`` (``QueryOp``/``CollectionOp``) and named functions of ``services`` and
``db.queries``, in a worker.

``MIGRATED`` lists the files that follow the pattern; a file moved to it is added here, and the
scan keeps it there. What the scan looks for is what a screen needs to reach the database on
its own: SQLAlchemy, a connection or a session, the engine of the context, or the context's
direct query helpers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "vlot_desktop" / "ui"

MIGRATED = [
    "dashboard/dashboard_view.py",
    "models/dashboard_model.py",
    "free_places/free_places_view.py",
    "municipalities/municipalities_view.py",
    "municipalities/detail_pane.py",
    "conflicts/conflicts_view.py",
    "sync_history/sync_view.py",
    "sync_controller.py",
    "locations_io/export_action.py",
    "locations_io/import_dialog.py",
    "prospects/prospects_view.py",
    "prospects/visit_view.py",
    "prospects/visit_details_page.py",
    "prospects/photos_page.py",
    "prospects/new_prospect_dialog.py",
    "prospects/item_editor.py",
    "prospects/autosave.py",
    "locations/detail_pane.py",
    "locations/status_panel.py",
    "locations/delete_location.py",
    "cases/detail_pane.py",
    "cases/details_form.py",
    "cases/timeline_panel.py",
    "cases/reference_clash.py",
    "cases/new_case_dialog.py",
    "cases/case_export_action.py",
    "case_actions/actions.py",
    "case_actions/common.py",
    "case_actions/matching_panel.py",
    "case_actions/member_erase.py",
    "case_actions/retention_dialog.py",
    "case_actions/retention_setting.py",
    "case_actions/summary_dialog.py",
    "case_actions/agenda_dialog.py",
    "case_actions/subject_access_dialog.py",
    "cases/status_box.py",
    "cases/household_panel.py",
    "cases/member_dialog.py",
    "locations/places_panel.py",
    "locations/new_location_dialog.py",
    "locations/details_form.py",
]

# (pattern, why it is refused). A Qt signal's ``.connect(slot)`` always has an argument; the
# database's ``engine.connect()`` never has one.
FORBIDDEN = [
    (re.compile(r"sqlalchemy"), "SQLAlchemy"),
    (re.compile(r"\.connection\("), "a connection of the context"),
    (re.compile(r"\.connect\(\s*\)"), "a connection of the engine"),
    (re.compile(r"engine\.connect\("), "a connection of the engine"),
    (re.compile(r"Session\("), "an ORM session"),
    (re.compile(r"session"), "a session"),
    (re.compile(r"context\.engine"), "the engine outside ui.ops (services get store.engine)"),
    (re.compile(r"run_query\("), "a read on the GUI thread"),
]


def offences(source: str) -> list[str]:
    """``line: what`` for every forbidden thing in ``source``."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        found += [f"{number}: {why}" for pattern, why in FORBIDDEN if pattern.search(line)]
    return found


@pytest.mark.parametrize("name", MIGRATED)
def test_a_migrated_screen_holds_no_sql_and_no_sessions(name: str) -> None:
    path = UI / name
    assert path.is_file(), f"{name} is listed but does not exist"
    assert offences(path.read_text(encoding="utf-8")) == []


def test_the_scan_finds_what_it_refuses() -> None:
    source = (
        "from sqlalchemy import select\n"
        "with self.context.connection() as conn:\n"
        "with engine.connect() as conn:\n"
        "with Session(engine) as s:\n"
        "self.button.clicked.connect(self.save)\n"  # a Qt signal: allowed
        "rows = self.context.run_query(search, text)\n"
        "svc.set_status(self.context.engine, visit_id, status)\n"
        "store.engine\n"  # what ui.ops hands a service: allowed
    )
    assert offences(source) == [
        "1: SQLAlchemy",
        "2: a connection of the context",
        "3: a connection of the engine",
        "3: a connection of the engine",
        "4: an ORM session",
        "6: a read on the GUI thread",
        "7: the engine outside ui.ops (services get store.engine)",
    ]
