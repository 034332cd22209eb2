"""The Dossiers screen's list: what it shows, search in Latin and Cyrillic, filters, sorting,
the overdue mark, the new-case dialog and what the screen offers the rest of the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui_waiting import settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_gui_cases_support import (
    TODAY,
    Cases,
    add_cases,
    contacts,
    header_texts,
    open_cases_screen,
    references,
    row_cells,
    select_contact,
    wait_idle,
)

from vlot_desktop.db.models import Case, HouseholdMember
from vlot_desktop.domain.case_reference import laptop_code, parse_reference
from vlot_desktop.ui.cases.case_list_model import OVERDUE_COLOUR
from vlot_desktop.ui.cases.cases_view import CasesView
from vlot_desktop.ui.formatting import format_date


@pytest.fixture
def cases(prepared_dir: Path) -> Cases:
    return add_cases(prepared_dir)


@pytest.fixture
def view(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path, cases: Cases
) -> CasesView:
    return open_cases_screen(qtbot, make_window, prepared_dir)


def _set(qtbot: QtBot, view: CasesView, change: Any) -> None:
    change()
    wait_idle(qtbot, view)


def _laptop_code(data_dir: Path, device_id: str | None = None) -> str:
    """The laptop code in the references of the cases made here (``add_cases`` passes no
    device id: the code of the database's own id; the GUI passes the settings' one)."""
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.services.cases import reference_laptop_code

    engine = make_engine(paths.database_path(data_dir))
    try:
        with Session(engine) as session:
            return reference_laptop_code(session, device_id)
    finally:
        engine.dispose()


def test_the_list_shows_open_cases_with_their_values(
    view: CasesView, cases: Cases, prepared_dir: Path
) -> None:
    assert header_texts(view) == [
        "Referentie",
        "Contactpersoon",
        "Deadline",
        "Status",
        "Type",
        "Gemeente",
        "Team",
        "Toegewezen aan",
        "Personen",
    ]
    # Open cases by default, the nearest deadline first.
    assert contacts(view) == [
        "Olena Kovalenko (Олена Коваленко)",
        "Mykola Shevchenko (Микола Шевченко)",
    ]
    year = (TODAY - dt.timedelta(days=40)).year  # the year the case was opened
    code = _laptop_code(prepared_dir)
    assert row_cells(view, 0) == [
        f"HH-{year}-{code}-0001",  # the first case this laptop made that year
        "Olena Kovalenko (Олена Коваленко)",
        f"{format_date(TODAY - dt.timedelta(days=3))} (te laat)",
        "In behandeling",
        "Herhuisvesting",
        "Hasselt",
        "Limburg",
        "An Peeters",
        "1",
    ]
    assert row_cells(view, 1)[0] == f"KP-{year}-{code}-0002"  # one count over the types
    assert row_cells(view, 1)[2:] == [
        format_date(TODAY + dt.timedelta(days=60)),
        "Nieuw",
        "Kwetsbaar profiel",
        "Gent",
        "Oost-Vlaanderen",
        "",
        "3",
    ]
    assert view.count_label.text() == "2 dossiers"
    assert view.more_button.isHidden()


def test_overdue_is_red_bold_and_said_in_words(view: CasesView) -> None:
    overdue = view.model.index(0, 2)
    brush = overdue.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE_COLOUR
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert overdue.data().endswith("(te laat)")  # not colour alone
    assert "te laat" in overdue.data(Qt.ItemDataRole.ToolTipRole).lower()
    on_time = view.model.index(1, 2)
    assert on_time.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "te laat" not in on_time.data()
    select_contact(view, "Olena")
    assert view.detail.urgency_label.text() == (
        f"Deadline {format_date(TODAY - dt.timedelta(days=3))}: 3 dagen te laat"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("olen", ["Olena"]),  # partial, Latin
        ("Олена", ["Olena"]),  # Cyrillic
        ("олен", ["Olena"]),  # partial Cyrillic, lower case
        ("KOVAL", ["Olena"]),
        ("sofiia", ["Mykola"]),  # any member of the household finds the case
        ("Софія", ["Mykola"]),
        ("shevchenko mykola", ["Mykola"]),
        ("xyz", []),
    ],
)
def test_search_as_you_type_in_latin_and_cyrillic(
    qtbot: QtBot, view: CasesView, typed: str, expected: list[str]
) -> None:
    view.search_edit.setFocus()
    if typed.isascii():
        qtbot.keyClicks(view.search_edit, typed)
    else:  # QTest cannot type Cyrillic keys: insert letter by letter, as an input method does
        for letter in typed:
            view.search_edit.insert(letter)
    wait_idle(qtbot, view)
    assert [name.split()[0] for name in contacts(view)] == expected
    assert view.count_label.text() == (
        "1 dossier" if len(expected) == 1 else f"{len(expected)} dossiers"
    )


def test_search_is_accent_insensitive_and_finds_references(
    qtbot: QtBot, view: CasesView, prepared_dir: Path, cases: Cases
) -> None:
    from test_gui_cases_support import person

    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.services.cases import add_member

    engine = make_engine(paths.database_path(prepared_dir))
    member_id, problems = add_member(
        engine, cases.olena, person("Hélène", "Dubois", relation="partner")
    )
    assert member_id is not None, problems
    with Session(engine) as session:
        reference = session.get_one(Case, cases.mykola).reference
        olena_reference = session.get_one(Case, cases.olena).reference
    engine.dispose()
    code = _laptop_code(prepared_dir)
    year = reference[3:7]
    assert reference == f"KP-{year}-{code}-0002"  # Olena's is HH-...-0001: one count
    _set(qtbot, view, lambda: view.search_edit.setText("helene"))
    assert [c.split()[0] for c in contacts(view)] == ["Olena"]
    _set(qtbot, view, lambda: view.search_edit.setText("HÉLÈNE dub"))
    assert [c.split()[0] for c in contacts(view)] == ["Olena"]
    _set(qtbot, view, lambda: view.search_edit.setText(reference))
    assert references(view) == [reference]
    _set(qtbot, view, lambda: view.search_edit.setText(reference[:7].lower()))  # "kp-2026"
    assert references(view) == [reference]
    _set(qtbot, view, lambda: view.search_edit.setText(f"kp {year} {code.lower()} 2"))  # read out
    assert references(view) == [reference]
    # The laptop code and number, as said on the phone: with or without the zeros.
    for typed in (f"{code}-0002", f"{code.lower()} 2", f"{code.lower()}/02"):
        _set(qtbot, view, lambda typed=typed: view.search_edit.setText(typed))
        assert references(view) == [reference], typed
        assert [c.split()[0] for c in contacts(view)] == ["Mykola"], typed
    _set(qtbot, view, lambda: view.search_edit.setText(code.lower()))  # this laptop's cases
    assert sorted(references(view)) == sorted([reference, olena_reference])
    _set(qtbot, view, lambda: view.search_edit.setText(f"{year}-{code}-0001"))  # from the year
    assert references(view) == [olena_reference]
    _set(qtbot, view, lambda: view.search_edit.setText("0002"))  # anywhere in the reference
    assert references(view) == [reference]


def test_filters_combine(qtbot: QtBot, view: CasesView) -> None:
    filters = view.filters
    _set(qtbot, view, lambda: filters.status_combo.setCurrentText("Alle dossiers"))
    assert len(contacts(view)) == 3
    _set(qtbot, view, lambda: filters.status_combo.setCurrentText("Afgesloten dossiers"))
    assert [c.split()[0] for c in contacts(view)] == ["Iryna"]
    assert row_cells(view, 0)[2:4] == [format_date(TODAY - dt.timedelta(days=10)), "Afgesloten"]
    _set(qtbot, view, lambda: filters.status_combo.setCurrentText("Nieuw"))
    assert [c.split()[0] for c in contacts(view)] == ["Mykola"]
    _set(qtbot, view, lambda: filters.status_combo.setCurrentText("Alle dossiers"))
    _set(qtbot, view, lambda: filters.type_combo.setCurrentText("FEDASIL-instroom"))
    assert [c.split()[0] for c in contacts(view)] == ["Iryna"]
    _set(qtbot, view, lambda: filters.type_combo.setCurrentText("Alle types"))
    _set(qtbot, view, lambda: filters.team_combo.setCurrentText("Regioteam Oost-Vlaanderen"))
    assert [c.split()[0] for c in contacts(view)] == ["Mykola"]
    _set(qtbot, view, lambda: filters.team_combo.setCurrentText("Alle teams"))
    _set(qtbot, view, lambda: filters.municipality_combo.setCurrentText("Hasselt"))
    assert [c.split()[0] for c in contacts(view)] == ["Olena"]
    _set(qtbot, view, lambda: filters.municipality_combo.setCurrentText("Alle gemeenten"))
    _set(qtbot, view, lambda: filters.mine_check.setChecked(True))
    assert [c.split()[0] for c in contacts(view)] == ["Olena"]
    _set(qtbot, view, lambda: filters.mine_check.setChecked(False))
    # Overdue = deadline passed and still open: Iryna's closed case is not overdue.
    _set(qtbot, view, lambda: filters.overdue_check.setChecked(True))
    assert [c.split()[0] for c in contacts(view)] == ["Olena"]
    assert view.count_label.text() == "1 dossier"


def test_sorting_happens_in_sql_and_the_contact_column_keeps_the_order(
    qtbot: QtBot, view: CasesView
) -> None:
    header = view.table.horizontalHeader()
    _set(qtbot, view, lambda: view.filters.status_combo.setCurrentText("Alle dossiers"))
    _set(qtbot, view, lambda: header.setSortIndicator(8, Qt.SortOrder.DescendingOrder))
    assert contacts(view)[0].startswith("Mykola")  # 3 persons
    _set(qtbot, view, lambda: header.setSortIndicator(5, Qt.SortOrder.AscendingOrder))
    assert [row_cells(view, r)[5] for r in range(3)] == ["Antwerpen", "Gent", "Hasselt"]
    _set(qtbot, view, lambda: header.setSortIndicator(3, Qt.SortOrder.AscendingOrder))
    # Workflow order: nieuw, in behandeling, ..., afgesloten.
    assert [row_cells(view, r)[3] for r in range(3)] == ["Nieuw", "In behandeling", "Afgesloten"]
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # contact: not sortable in SQL
    assert header.sortIndicatorSection() == 3
    assert not view.is_loading


def test_selection_shows_the_case_and_says_so(qtbot: QtBot, view: CasesView, cases: Cases) -> None:
    seen: list[object] = []
    view.case_selected.connect(seen.append)
    assert [view.detail.tabs.tabText(i) for i in range(view.detail.tabs.count())] == [
        "&Gegevens",
        "Ge&zin",
        "T&ijdlijn",
        "&Plaatsen zoeken",
    ]
    select_contact(view, "Mykola")
    assert seen == [cases.mykola]
    assert view.current_case_id == cases.mykola
    assert view.detail.reference_label.text().startswith("KP-")
    assert view.detail.household_label.text() == (
        "Kwetsbaar profiel · Mykola Shevchenko (Микола Шевченко) · 3 personen"
    )
    view.open_case("no-such-case")
    settle(view.runner)
    assert seen[-1] is None and view.current_case_id is None


def test_actions_menu_shows_only_when_it_has_actions(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    detail = view.detail
    assert view.actions_menu is detail.actions_menu and view.tabs is detail.tabs
    select_contact(view, "Olena")
    assert detail.actions_menu.title() == "Acties"
    assert not detail.actions_button.isHidden()  # the case actions are in it
    assert detail.actions_button.text() == "Acties"
    for action in list(detail.actions_menu.actions()):
        detail.actions_menu.removeAction(action)
    assert detail.actions_button.isHidden()
    action = QAction("Plaats zoeken", detail.actions_menu)
    detail.actions_menu.addAction(action)
    assert not detail.actions_button.isHidden()


def test_reload_case_shows_a_change_made_elsewhere(
    qtbot: QtBot, view: CasesView, prepared_dir: Path, cases: Cases
) -> None:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.domain.enums import CaseStatus
    from vlot_desktop.services.cases import change_status

    select_contact(view, "Olena")
    engine = make_engine(paths.database_path(prepared_dir))
    assert change_status(engine, cases.olena, CaseStatus.WAITING_FOR_PLACE, author_id=None) == []
    engine.dispose()
    assert view.detail.form.status_box.current_label.text() == "In behandeling"
    view.reload_case()
    settle(view.runner)
    assert view.detail.form.status_box.current_label.text() == "Wacht op plaats"
    assert row_cells(view, 0)[3] == "Wacht op plaats"
    assert view.detail.timeline.model.index(0, 3).data() == "In behandeling → Wacht op plaats"


def test_new_case_dialog_creates_a_case_and_refuses_missing_fields(
    qtbot: QtBot, view: CasesView, prepared_dir: Path
) -> None:
    dialog = view.new_case_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Nieuw dossier"
    assert dialog.team_combo.currentText() == "Regioteam Limburg"  # the user's team
    dialog.deadline_edit.setText("31/02/2027")
    dialog.accept()
    assert dialog.message_text("deadline").startswith("Geen geldige datum")
    dialog.deadline_edit.setText("15/01/2099")
    dialog.lines["first_name"].setText("Олена")
    dialog.accept()
    assert not dialog.buttons.isEnabled()  # while the service checks it
    settle(view.runner)
    assert dialog.buttons.isEnabled()
    assert dialog.message_text("case_type") == "Kies een soort dossier."
    assert dialog.message_text("municipality_nis") == "Kies een gemeente."
    assert dialog.message_text("last_name") == "Vul de achternaam in."
    assert "Latijnse letters" in dialog.message_text("first_name")
    assert dialog.case_id is None
    dialog.type_combo.setCurrentText("FEDASIL-instroom")
    dialog.municipality_combo.setCurrentText("Gent")
    assert dialog.team_combo.currentText() == "Regioteam Oost-Vlaanderen"  # proposed
    dialog.lines["first_name"].setText("Taras")
    dialog.lines["last_name"].setText("Melnyk")
    dialog.lines["first_name_cyrillic"].setText("Тарас")
    dialog.accept()
    settle(view.runner)
    assert dialog.case_id is not None
    with Session(view.context.engine) as session:
        case = session.get_one(Case, dialog.case_id)
        assert (case.case_type.value, case.team_code, case.deadline) == (
            "fedasil_instroom",
            "oost-vlaanderen",
            dt.date(2099, 1, 15),
        )
        # The laptop code is made from this laptop's device id (the settings').
        device_id = view.context.settings.device_id
        assert device_id
        parsed = parse_reference(case.reference)
        assert parsed is not None and parsed.laptop == laptop_code(device_id)
        assert case.reference.startswith(f"FI-{TODAY.year}-{laptop_code(device_id)}-")
        assert case.assigned_to_id == view.context.settings.user_id
        member = session.scalars(
            select(HouseholdMember).where(HouseholdMember.case_id == case.id)
        ).one()
        assert (member.first_name, member.first_name_cyrillic) == ("Taras", "Тарас")


def test_new_case_through_the_screen_is_shown_and_listed(
    qtbot: QtBot, view: CasesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlot_desktop.ui.cases.new_case_dialog import NewCaseDialog

    def fill_and_accept(dialog: NewCaseDialog) -> int:
        dialog.type_combo.setCurrentText("Herhuisvesting")
        dialog.municipality_combo.setCurrentText("Hasselt")
        dialog.lines["first_name"].setText("Taras")
        dialog.lines["last_name"].setText("Melnyk")
        dialog.accept()
        settle(view.runner)  # the case is made in a worker
        return int(dialog.result())

    monkeypatch.setattr(NewCaseDialog, "exec", fill_and_accept)
    case_id = view.new_case()
    assert case_id is not None and view.current_case_id == case_id
    wait_idle(qtbot, view)
    settle(view.runner)
    assert "Taras Melnyk" in contacts(view)
    assert view.count_label.text() == "3 dossiers"
    device_id = view.context.settings.device_id
    assert device_id
    shown = view.detail.reference_label.text()
    assert shown.startswith(f"HH-{TODAY.year}-{laptop_code(device_id)}-")  # this laptop's code
    assert shown in references(view)
    selected = view.table.selectionModel().selectedRows()
    assert selected and view.model.row_at(selected[0].row()).id == case_id  # type: ignore[union-attr]


# One model per test, checked once: the qtmodeltester fixture keeps watching the signals of
# the models it was given (against the last one), so the changes after the check are tested.
def test_the_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, view: CasesView
) -> None:
    qtmodeltester.check(view.model, force_py=True)
    view.filters.status_combo.setCurrentText("Alle dossiers")
    wait_idle(qtbot, view)
    assert view.model.rowCount() == 3


def test_the_household_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, view: CasesView
) -> None:
    select_contact(view, "Mykola")
    model = view.detail.household.model
    qtmodeltester.check(model, force_py=True)  # it then watches every change below
    assert view.detail.household.reveal_sensitive()
    settle(view.runner)
    assert model.revealed
    select_contact(view, "Olena")  # fewer rows, hidden again
    assert model.rowCount() == 1 and not model.revealed


def test_the_timeline_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, view: CasesView
) -> None:
    select_contact(view, "Olena")
    model = view.detail.timeline.model
    qtmodeltester.check(model, force_py=True)
    view.detail.timeline.text_edit.setPlainText("Nog een notitie")
    assert view.detail.timeline.add_entry()
    settle(view.runner)
    assert model.rowCount() == 3


def _assert_dutch(root: Any) -> int:
    """``assert_all_dutch``, except for the Dutch domain labels of ``domain.enums``: the
    relation "Kind" (child) is also an English source string elsewhere ("Kind" = soort)."""
    import test_gui_translations as checker

    from vlot_desktop.domain.enums import Relation

    domain = {relation.label_nl for relation in Relation}
    original = checker.visible_texts

    def without_domain_labels(widget: Any) -> Any:
        return ((w, t) for w, t in original(widget) if t not in domain)

    checker.visible_texts = without_domain_labels
    try:
        return checker.assert_all_dutch(root)
    finally:
        checker.visible_texts = original


def test_the_screen_shows_no_english(qtbot: QtBot, view: CasesView, cases: Cases) -> None:
    window = view.window()
    assert _assert_dutch(window) > 20
    select_contact(view, "Mykola")
    for tab in range(view.detail.tabs.count()):
        view.detail.tabs.setCurrentIndex(tab)
        _assert_dutch(window)
    view.detail.household.reveal_sensitive()
    settle(view.runner)
    view.detail.tabs.setCurrentIndex(1)
    household = view.detail.household.model
    assert "Kind" in [household.index(r, 2).data() for r in range(household.rowCount())]
    _assert_dutch(window)
    dialog = view.new_case_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # with its messages
    settle(view.runner)
    _assert_dutch(dialog)


def test_every_input_has_a_name_for_screen_readers(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    from test_gui_accessibility import unnamed_inputs

    from vlot_desktop.ui.cases.member_dialog import MemberDialog

    assert unnamed_inputs(view) == []
    select_contact(view, "Mykola")
    for tab in range(view.detail.tabs.count()):
        view.detail.tabs.setCurrentIndex(tab)
        assert unnamed_inputs(view) == []
    dialogs = [
        view.new_case_dialog(),
        MemberDialog(view.context, cases.mykola, parent=view),
    ]
    for dialog in dialogs:
        assert dialog is not None
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_inputs(dialog) == [], type(dialog).__name__
        assert dialog.sizeHint().height() <= 700


def test_ctrl_n_opens_the_new_case_dialog_on_this_screen_only(
    qtbot: QtBot, view: CasesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlot_desktop.ui.cases.new_case_dialog import NewCaseDialog

    opened: list[str] = []

    def record(dialog: NewCaseDialog) -> int:
        opened.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(NewCaseDialog, "exec", record)
    window = view.window()
    window.activateWindow()
    window.navigation.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Nieuw dossier"]
    window.show_screen("locations")  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Nieuw dossier"]
