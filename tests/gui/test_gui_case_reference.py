"""Case references on the Dossiers screen: two cases with the same reference (a clash, see
docs/case-references.md) are pointed out under the reference, and the user gives one of them
a new reference after a confirmation; the list line, the header and the timeline follow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.orm import Session
from test_gui_cases_support import (
    TODAY,
    Cases,
    add_cases,
    contacts,
    open_cases_screen,
    row_cells,
    select_contact,
    wait_idle,
)

from vlot_desktop.db.models import Case
from vlot_desktop.domain.case_reference import laptop_code, parse_reference
from vlot_desktop.services.cases import reference_clashes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.cases.cases_view import CasesView
from vlot_desktop.ui.formatting import format_date

TIMEOUT = 20_000


@pytest.fixture
def cases(prepared_dir: Path) -> Cases:
    return add_cases(prepared_dir)


@pytest.fixture
def view(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path, cases: Cases
) -> CasesView:
    return open_cases_screen(qtbot, make_window, prepared_dir)


class Answers(list[dict[str, Any]]):
    """The confirmations asked; ``answer["value"]`` is what the user answers next."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = {"value": True}


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Every confirmation asked (answered yes unless the test says otherwise)."""
    asked = Answers()

    def ask(parent: object, title: str, text: str, detail: str, accept: str) -> bool:
        asked.append({"title": title, "text": text, "detail": detail, "accept": accept})
        return asked.answer["value"]

    monkeypatch.setattr(common, "ask_confirmation", ask)
    return asked


def reference_of(view: CasesView, case_id: str) -> str:
    with Session(view.context.engine) as session:
        return session.get_one(Case, case_id).reference


def make_clash(qtbot: QtBot, view: CasesView, cases: Cases) -> str:
    """Mykola's case gets Olena's reference, as two offline laptops with the same code would
    have given it; returns that reference."""
    shared = reference_of(view, cases.olena)
    with view.context.engine.begin() as conn:
        conn.execute(
            text("UPDATE case_file SET reference = :reference WHERE id = :id"),
            {"reference": shared, "id": cases.mykola},
        )
    view.refresh()
    wait_idle(qtbot, view)
    return shared


def timeline_texts(view: CasesView) -> list[str]:
    model = view.detail.timeline.model
    return [model.index(r, 3).data() for r in range(model.rowCount())]


def test_no_notice_without_a_clash(view: CasesView, cases: Cases) -> None:
    for name in ("Olena", "Mykola"):
        select_contact(view, name)
        assert view.detail.clash_notice.isHidden()
        assert view.detail.clash_notice.text() == ""


def test_a_clash_is_shown_and_the_case_gets_a_new_reference(
    qtbot: QtBot, view: CasesView, cases: Cases, confirmations: Answers
) -> None:
    shared = make_clash(qtbot, view, cases)
    notice = view.detail.clash_notice
    select_contact(view, "Mykola")
    assert view.detail.reference_label.text() == shared
    assert not notice.isHidden()
    opened = format_date(TODAY - dt.timedelta(days=40))
    assert notice.text() == (
        f"Een ander dossier heeft dezelfde referentie (Olena Kovalenko, Hasselt, geopend op "
        f"{opened}). Geef dit dossier een nieuwe referentie."
    )
    assert notice.button.text().replace("&", "") == "Nieuwe referentie geven…"
    assert notice.button.isEnabled()
    # The other case says so too.
    select_contact(view, "Olena")
    assert "Mykola Shevchenko, Gent" in notice.text()

    select_contact(view, "Mykola")
    notice.button.click()
    (asked,) = confirmations
    assert asked["title"] == "Nieuwe referentie"
    assert asked["text"] == f"Dit dossier ({shared}) een nieuwe referentie geven?"
    assert shared in asked["detail"] and "tijdlijn" in asked["detail"]
    assert asked["accept"].replace("&", "") == "Nieuwe referentie geven"
    qtbot.waitUntil(lambda: view.detail.reference_label.text() != shared, timeout=TIMEOUT)

    new = reference_of(view, cases.mykola)
    assert new != shared and reference_of(view, cases.olena) == shared  # Olena keeps hers
    parsed = parse_reference(new)
    device_id = view.context.settings.device_id
    assert device_id and parsed is not None
    assert (parsed.prefix, parsed.year) == ("KP", (TODAY - dt.timedelta(days=40)).year)
    assert parsed.laptop == laptop_code(device_id)  # this laptop's next number
    # What the user sees: the header, the notice, the list line and the timeline.
    assert view.detail.reference_label.text() == new
    assert notice.text() == (
        f"Dit dossier heeft nu referentie {new}; de oude referentie {shared} staat op de tijdlijn."
    )
    assert notice.button.isHidden()
    row = contacts(view).index("Mykola Shevchenko (Микола Шевченко)")
    assert row_cells(view, row)[0] == new
    assert timeline_texts(view)[0] == (
        f"Nieuwe referentie {new}: de referentie {shared} was ook aan een ander dossier gegeven."
    )
    with Session(view.context.engine) as session:
        assert reference_clashes(session) == []
    # The notice is about that case only: gone for the other one, and on coming back.
    select_contact(view, "Olena")
    assert notice.isHidden()
    select_contact(view, "Mykola")
    assert notice.isHidden()


def test_declining_the_confirmation_changes_nothing(
    qtbot: QtBot, view: CasesView, cases: Cases, confirmations: Answers
) -> None:
    shared = make_clash(qtbot, view, cases)
    select_contact(view, "Mykola")
    confirmations.answer["value"] = False
    assert not view.detail.clash_notice.give_new_reference()
    assert len(confirmations) == 1
    assert reference_of(view, cases.mykola) == shared
    assert not view.detail.clash_notice.isHidden()
    assert view.detail.clash_notice.button.isEnabled()


def test_a_clash_solved_elsewhere_meanwhile_leaves_the_reference(
    qtbot: QtBot, view: CasesView, cases: Cases, confirmations: Answers
) -> None:
    shared = make_clash(qtbot, view, cases)
    select_contact(view, "Mykola")
    notice = view.detail.clash_notice
    # A sync brings Olena's case with a new reference, given on another laptop.
    with view.context.engine.begin() as conn:
        conn.execute(
            text("UPDATE case_file SET reference = 'HH-2026-Z9ZZ-0001' WHERE id = :id"),
            {"id": cases.olena},
        )
    assert notice.give_new_reference()
    qtbot.waitUntil(lambda: notice.handle is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Geen ander dossier" in notice.text(), timeout=TIMEOUT)
    assert reference_of(view, cases.mykola) == shared
    assert notice.text() == "Geen ander dossier heeft deze referentie nog: ze blijft zoals ze is."
    assert notice.button.isHidden()


def test_the_notice_fits_a_small_laptop_screen(qtbot: QtBot, view: CasesView, cases: Cases) -> None:
    window = view.window()
    window.resize(1366, 700)
    select_contact(view, "Mykola")
    width_without = view.detail.minimumSizeHint().width()
    make_clash(qtbot, view, cases)
    select_contact(view, "Mykola")
    notice = view.detail.clash_notice
    qtbot.waitUntil(lambda: notice.isVisible(), timeout=TIMEOUT)
    # The text wraps: the notice makes the pane no wider, and the window still fits.
    assert notice.text_label.wordWrap()
    assert notice.minimumSizeHint().width() <= 300
    assert view.detail.minimumSizeHint().width() == width_without
    assert notice.geometry().right() <= notice.parentWidget().width()
    assert notice.text_label.height() > 2 * notice.text_label.fontMetrics().height()
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 700
