"""The Dossiers detail pane: status steps, autosave and undo of the details, the household with
its hidden health fields, and the timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui_waiting import settle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from test_gui_cases_support import (
    TODAY,
    Cases,
    add_cases,
    member_id,
    open_cases_screen,
    row_cells,
    select_contact,
)

from vlot_desktop.db.models import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.services.cases import change_status
from vlot_desktop.ui.cases.cases_view import CasesView
from vlot_desktop.ui.cases.member_dialog import MemberDialog
from vlot_desktop.ui.formatting import format_date


@pytest.fixture
def cases(prepared_dir: Path) -> Cases:
    return add_cases(prepared_dir)


@pytest.fixture
def view(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path, cases: Cases
) -> CasesView:
    return open_cases_screen(qtbot, make_window, prepared_dir)


def engine_of(view: CasesView) -> Engine:
    return view.context.engine


def stored(view: CasesView, case_id: str) -> Case:
    with Session(engine_of(view), expire_on_commit=False) as session:
        return session.get_one(Case, case_id)


def timeline_texts(view: CasesView) -> list[str]:
    model = view.detail.timeline.model
    return [model.index(r, 3).data() for r in range(model.rowCount())]


# -- status ---------------------------------------------------------------------------------


def test_only_allowed_steps_are_offered_and_a_step_is_recorded(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Mykola")
    box = view.detail.form.status_box
    assert box.current_label.text() == "Nieuw"
    offered = [box.next_combo.itemText(i) for i in range(box.next_combo.count())]
    assert offered == ["In behandeling", "Doorverwezen", "Afgesloten"]  # not "Oplossing gevonden"
    box.next_combo.setCurrentText("In behandeling")
    box.remark_edit.setText("Gesprek met de gemeente gepland")
    box.change_button.click()
    settle(view.runner)  # the pane reads the case again in a worker
    assert stored(view, cases.mykola).status == CaseStatus.IN_PROGRESS
    assert box.current_label.text() == "In behandeling"
    assert box.message_text() == ""
    assert timeline_texts(view)[0] == ("Nieuw → In behandeling · Gesprek met de gemeente gepland")
    assert row_cells(view, 1)[3] == "In behandeling"  # the list line follows
    offered = [box.next_combo.itemText(i) for i in range(box.next_combo.count())]
    assert offered == ["Wacht op plaats", "Oplossing gevonden", "Doorverwezen", "Afgesloten"]


def test_a_refused_step_says_why_in_dutch_and_shows_the_real_status(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Olena")
    box = view.detail.form.status_box
    box.next_combo.setCurrentText("Wacht op plaats")
    # Meanwhile a colleague's change (synced in) closed the case.
    assert change_status(engine_of(view), cases.olena, CaseStatus.CLOSED, author_id=None) == []
    assert box.change_status()  # handed to the service, which refuses it
    settle(view.runner)  # the case as it is now is read in a worker; the message stays
    assert box.message_text() == "Van 'Afgesloten' kan een dossier niet naar 'Wacht op plaats'."
    assert box.current_label.text().startswith("Afgesloten")
    assert stored(view, cases.olena).status == CaseStatus.CLOSED
    # An illegal jump asked for directly is refused with the rule's message too.
    select_contact(view, "Mykola")
    assert box.step_to(CaseStatus.SOLVED)
    settle(view.runner)
    assert box.message_text() == (
        "Een nieuw dossier kan niet meteen naar 'Oplossing gevonden': "
        "neem het eerst in behandeling."
    )
    assert stored(view, cases.mykola).status == CaseStatus.NEW
    # A step allowed after a refusal: the refusal goes.
    assert box.step_to(CaseStatus.IN_PROGRESS)
    settle(view.runner)
    assert box.message_text() == ""
    assert box.current_label.text() == "In behandeling"


# -- details: autosave ------------------------------------------------------------------------


def test_typing_a_deadline_saves_it_after_a_pause_and_it_is_shown_again(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Mykola")
    form = view.detail.form
    edit = form.deadline_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "31/12/2030")
    assert form.pending == {"deadline": dt.date(2030, 12, 31)}
    qtbot.waitUntil(
        lambda: stored(view, cases.mykola).deadline == dt.date(2030, 12, 31), timeout=5000
    )
    settle(view.runner)
    assert not form.pending
    assert view.detail.save_label.text().startswith("Bewaard om ")
    assert view.detail.urgency_label.text() == "Deadline 31/12/2030"
    assert row_cells(view, 1)[2] == "31/12/2030"
    select_contact(view, "Olena")
    select_contact(view, "Mykola")
    assert edit.text() == "31/12/2030"
    # Undo writes the old value back.
    edit.selectAll()
    qtbot.keyClicks(edit, "15/01/2031")
    form.flush()
    settle(view.runner)
    assert not form.pending
    assert stored(view, cases.mykola).deadline == dt.date(2031, 1, 15)
    view.detail.undo_button.click()
    settle(view.runner)
    assert stored(view, cases.mykola).deadline == dt.date(2030, 12, 31)
    assert edit.text() == "31/12/2030"
    assert view.detail.save_label.text() == "De laatste wijziging is ongedaan gemaakt."
    assert not view.detail.undo_button.isEnabled()


def test_invalid_values_get_a_message_next_to_the_field_and_nothing_is_saved(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Mykola")
    form = view.detail.form
    form.deadline_edit.setFocus()
    form.deadline_edit.selectAll()
    qtbot.keyClicks(form.deadline_edit, "31/02/2027")
    assert form.message_text("deadline") == (
        "Geen geldige datum: gebruik dd/mm/jjjj (bijvoorbeeld 26/11/2026)."
    )
    assert "deadline" not in form.pending
    # A date before the opening date: the service refuses it, and the summary typed with it
    # is not saved either (all or nothing).
    form.summary_edit.setPlainText("Zoekt een woning dicht bij de school")
    form.deadline_edit.setText("")
    qtbot.keyClicks(form.deadline_edit, format_date(TODAY - dt.timedelta(days=400)))
    form.flush()
    settle(view.runner)
    assert form.pending  # kept, to be corrected
    assert form.message_text("deadline") == "De deadline ligt vóór de openingsdatum."
    assert view.detail.save_label.text() == "Niet bewaard: verbeter de aangeduide velden."
    case = stored(view, cases.mykola)
    assert case.summary is None and case.deadline == TODAY + dt.timedelta(days=60)
    # Correcting the date saves both.
    form.deadline_edit.clear()
    qtbot.keyClicks(form.deadline_edit, "01/03/2031")
    form.flush()
    settle(view.runner)
    assert not form.pending
    assert form.message_text("deadline") == ""
    case = stored(view, cases.mykola)
    assert case.deadline == dt.date(2031, 3, 1)
    assert case.summary == "Zoekt een woning dicht bij de school"


def test_team_municipality_and_staff_save_at_once_with_a_timeline_note(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Mykola")
    form = view.detail.form
    team = form.combos["team_code"]
    team.setCurrentIndex(team.findText("Regioteam Limburg"))
    team.activated.emit(team.currentIndex())
    town = form.combos["municipality_nis"]
    town.setCurrentIndex(town.findText("Hasselt"))
    town.activated.emit(town.currentIndex())
    staff = form.combos["assigned_to_id"]
    staff.setCurrentIndex(staff.findText("An Peeters"))
    staff.activated.emit(staff.currentIndex())
    settle(view.runner)
    case = stored(view, cases.mykola)
    assert (case.team_code, case.municipality_nis) == ("limburg", "71072")
    assert case.assigned_to_id == view.context.settings.user_id
    assert set(timeline_texts(view)[:3]) == {
        "Dossier overgedragen aan Regioteam Limburg.",
        "Gemeente gewijzigd in Hasselt.",
        "Dossier toegewezen aan An Peeters.",
    }
    assert row_cells(view, 1)[5:8] == ["Hasselt", "Limburg", "An Peeters"]
    # The form still shows the choices, the undo goes back one change at a time.
    view.detail.undo_button.click()
    settle(view.runner)
    assert stored(view, cases.mykola).assigned_to_id is None
    assert staff.currentText() == "(niemand)"


def test_leaving_the_screen_saves_what_was_typed(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Olena")
    form = view.detail.form
    form.summary_edit.setFocus()
    qtbot.keyClicks(form.summary_edit, "Gastgezin stopt")
    assert form.pending
    view.window().show_screen("dashboard")  # type: ignore[attr-defined]
    settle(view.runner)
    assert not form.pending
    assert stored(view, cases.olena).summary == "Gastgezin stopt"


def test_closing_the_window_saves_what_was_typed(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Olena")
    form = view.detail.form
    form.summary_edit.setFocus()
    qtbot.keyClicks(form.summary_edit, "Sleutel bij de buren")
    assert form.pending == {"summary": "Sleutel bij de buren"}
    view.window().close()  # long before the autosave timer; the workers stop after the save
    assert stored(view, cases.olena).summary == "Sleutel bij de buren"


def test_a_change_made_elsewhere_shows_in_the_open_pane_and_typed_text_stays(
    qtbot: QtBot, view: CasesView, cases: Cases, prepared_dir: Path
) -> None:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.services.cases import save_case_fields
    from vlot_desktop.services.changes import SYNC, Changes

    def elsewhere(values: dict[str, Any]) -> None:
        """Another laptop's edit, brought in by a sync that says so (no click here)."""
        engine = make_engine(paths.database_path(prepared_dir))
        try:
            assert save_case_fields(engine, cases.mykola, values, author_id=None).saved
        finally:
            engine.dispose()
        view.context.announce(Changes.of("case_file", ids=[cases.mykola], origin=SYNC))

    select_contact(view, "Mykola")
    form = view.detail.form
    summary = form.summary_edit
    summary.setFocus()
    qtbot.keyClicks(summary, "Zoekt een woning")
    elsewhere({"deadline": dt.date(2031, 6, 30)})
    qtbot.keyClicks(summary, " dicht bij de school")  # typed on while the pane reads
    settle(view.runner)
    assert form.deadline_edit.text() == "30/06/2031"
    assert view.detail.urgency_label.text() == "Deadline 30/06/2031"
    typed = "Zoekt een woning dicht bij de school"
    assert summary.toPlainText() == typed
    assert summary.textCursor().position() == len(typed)  # the cursor did not jump
    form.flush()
    settle(view.runner)
    assert stored(view, cases.mykola).summary == typed

    # A date that cannot be read stays in its field with its message; the rest follows.
    form.deadline_edit.setFocus()
    form.deadline_edit.selectAll()
    qtbot.keyClicks(form.deadline_edit, "31/02/2031")
    elsewhere({"team_code": "limburg"})
    settle(view.runner)
    assert form.combos["team_code"].currentText() == "Regioteam Limburg"
    assert form.deadline_edit.text() == "31/02/2031"
    assert form.message_text("deadline").startswith("Geen geldige datum")
    assert stored(view, cases.mykola).deadline == dt.date(2031, 6, 30)


# -- household --------------------------------------------------------------------------------


def _fill(dialog: MemberDialog, **texts: str) -> None:
    for name, text in texts.items():
        dialog.lines[name].setText(text)


def test_adding_a_member_checks_the_fields_first(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Olena")
    panel = view.detail.household
    seen: dict[str, Any] = {}

    def first_wrong_then_right(dialog: MemberDialog) -> int:
        qtbot.addWidget(dialog)
        _fill(dialog, first_name="", last_name="Kovalenko", birth_year="19x5")
        dialog.accept()
        settle(view.runner)
        seen["birth_year"] = dialog.message_text("birth_year")
        _fill(dialog, first_name="Артем", first_name_cyrillic="Artem", birth_year="2015")
        dialog.accept()
        settle(view.runner)
        seen["first_name"] = dialog.message_text("first_name")
        seen["first_name_cyrillic"] = dialog.message_text("first_name_cyrillic")
        _fill(dialog, first_name="Artem", first_name_cyrillic="Артем", birth_year="1850")
        dialog.accept()
        settle(view.runner)
        seen["too_old"] = dialog.message_text("birth_year")
        assert dialog.member_id is None  # nothing saved yet
        _fill(dialog, birth_year="2015")
        dialog.relation_combo.setCurrentText("Kind")
        dialog.school_check.setChecked(True)
        dialog.accept()
        settle(view.runner)
        return int(dialog.result())

    panel.open_dialog = first_wrong_then_right
    new_id = panel.add_member()
    settle(view.runner)  # the pane reads the case again in a worker
    assert seen == {
        "birth_year": "Vul een geheel getal in (bijvoorbeeld 12).",
        "first_name": (
            "Schrijf de voornaam in Latijnse letters; voor het Cyrillische schrift is er een "
            "apart veld."
        ),
        "first_name_cyrillic": "Gebruik in dit veld Cyrillische letters (bijvoorbeeld Олена).",
        "too_old": "Het geboortejaar 1850 is niet geloofwaardig.",
    }
    assert new_id is not None
    selected = panel.selected_member()
    assert selected is not None and selected.id == new_id  # the new member is chosen
    names = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert names == ["Olena Kovalenko\nОлена Коваленко", "Artem Kovalenko\nАртем"]
    row = [panel.model.index(1, c).data() for c in range(7)]
    assert row == ["Artem Kovalenko\nАртем", "2015", "Kind", "verborgen", "schoolgaand", "", ""]
    assert stored(view, cases.olena).household_size == 2
    assert row_cells(view, 0)[8] == "2"
    assert view.detail.household_label.text().endswith("2 personen")


def test_editing_and_removing_members(qtbot: QtBot, view: CasesView, cases: Cases) -> None:
    select_contact(view, "Mykola")
    panel = view.detail.household
    sofiia = member_id(engine_of(view), cases.mykola, "Sofiia")
    hanna = member_id(engine_of(view), cases.mykola, "Hanna")
    assert panel.select_member(sofiia)

    def rename(dialog: MemberDialog) -> int:
        qtbot.addWidget(dialog)
        assert dialog.lines["first_name"].text() == "Sofiia"
        assert not dialog.with_sensitive  # hidden: not shown in the dialog either
        assert dialog.hidden_note.isVisibleTo(dialog)
        _fill(dialog, first_name="Sofia", last_name="")
        dialog.accept()
        settle(view.runner)
        assert dialog.message_text("last_name") == "Vul de achternaam in."
        _fill(dialog, last_name="Shevchenko")
        dialog.accept()
        settle(view.runner)
        return int(dialog.result())

    panel.open_dialog = rename
    assert panel.edit_selected() == sofiia
    with Session(engine_of(view)) as session:
        member = session.get_one(HouseholdMember, sofiia)
        assert member.first_name == "Sofia" and "sofia" in member.search_names
        # Hanna's health fields were never shown, and are kept.
        assert session.get_one(HouseholdMember, hanna).medical_notes == "Insuline"

    panel.confirm_removal = lambda name: name == "Hanna Shevchenko"
    assert panel.select_member(hanna)
    assert panel.remove_selected()
    settle(view.runner)
    assert panel.model.rowCount() == 2
    assert stored(view, cases.mykola).household_size == 2
    panel.confirm_removal = lambda name: False
    assert panel.select_member(sofiia)
    assert not panel.remove_selected()  # the user said no
    assert panel.model.rowCount() == 2


def test_the_last_member_cannot_be_removed(qtbot: QtBot, view: CasesView, cases: Cases) -> None:
    select_contact(view, "Olena")
    panel = view.detail.household
    panel.confirm_removal = lambda name: True
    panel.table.selectRow(0)
    assert panel.remove_selected()  # handed to the service, which refuses it
    settle(view.runner)
    assert panel.message_text() == "Het laatste gezinslid kan niet worden verwijderd."
    assert panel.model.rowCount() == 1


def _accesses(view: CasesView) -> list[tuple[str, str | None]]:
    with Session(engine_of(view)) as session:
        return [(a.case_id, a.user_id) for a in session.scalars(select(SensitiveDataAccess)).all()]


def test_health_fields_are_hidden_until_asked_and_the_viewing_is_recorded(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Mykola")
    panel = view.detail.household
    model = panel.model
    health = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert health == ["verborgen"] * 3
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Gezondheid"
    assert panel.reveal_button.text() == "Gevoelige gegevens tonen"
    assert _accesses(view) == []
    panel.reveal_button.click()
    settle(view.runner)  # recorded, then read, in workers
    assert _accesses(view) == [(cases.mykola, view.context.settings.user_id)]
    health = {model.row_at(r).first_name: model.index(r, 3).data() for r in range(3)}  # type: ignore[union-attr]
    assert health == {
        "Mykola": "geen",
        "Sofiia": "geen",
        "Hanna": "beperkte mobiliteit; medische noden; Insuline",
    }
    needs = {model.row_at(r).first_name: model.index(r, 4).data() for r in range(3)}  # type: ignore[union-attr]
    assert needs == {"Mykola": "", "Sofiia": "schoolgaand", "Hanna": "huisdieren"}
    assert panel.reveal_button.text() == "Gevoelige gegevens verbergen"
    assert "geregistreerd" in panel.privacy_note.text()
    # While revealed, an edit shows (and keeps) the health fields.
    hanna = member_id(engine_of(view), cases.mykola, "Hanna")
    panel.select_member(hanna)

    def edit_notes(dialog: MemberDialog) -> int:
        qtbot.addWidget(dialog)
        assert dialog.with_sensitive and dialog.medical_check.isChecked()
        assert dialog.notes_edit.toPlainText() == "Insuline"
        dialog.notes_edit.setPlainText("Insuline, dieet")
        dialog.accept()
        settle(view.runner)
        return int(dialog.result())

    panel.open_dialog = edit_notes
    assert panel.edit_selected() == hanna
    settle(view.runner)
    assert "beperkte mobiliteit; medische noden; Insuline, dieet" in [
        model.index(r, 3).data() for r in range(3)
    ]
    assert len(_accesses(view)) == 1  # the same viewing
    # Another case hides them again; coming back too.
    select_contact(view, "Olena")
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == ["verborgen"]
    select_contact(view, "Mykola")
    assert [model.index(r, 3).data() for r in range(3)] == ["verborgen"] * 3
    panel.reveal_button.click()
    settle(view.runner)
    panel.reveal_button.click()  # and hide by hand
    assert [model.index(r, 3).data() for r in range(3)] == ["verborgen"] * 3
    assert len(_accesses(view)) == 2


# -- timeline ---------------------------------------------------------------------------------


def test_the_timeline_is_newest_first_and_takes_notes_and_contacts(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Olena")
    panel = view.detail.timeline
    model = panel.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Wanneer",
        "Soort",
        "Door",
        "Wat",
    ]
    assert timeline_texts(view) == [
        "Nieuw → In behandeling",
        "Dossier geopend: Nieuw",
    ]
    panel.text_edit.setPlainText("")
    assert panel.add_entry()  # handed to the service, which refuses it
    settle(view.runner)
    assert panel.message_text() == "Vul een tekst in."
    panel.text_edit.setPlainText("Gastgezin belt: vertrek eind van de maand")
    assert panel.add_entry()
    settle(view.runner)
    assert panel.text_edit.toPlainText() == ""
    first = [model.index(0, c).data() for c in range(4)]
    assert first[1:] == ["Notitie", "An Peeters", "Gastgezin belt: vertrek eind van de maand"]
    assert first[0].startswith(format_date(dt.date.today()))
    # A contact moment written down afterwards sorts by when it happened.
    panel.kind_combo.setCurrentText("Contactmoment")
    panel.when_edit.setText("31/02/2026 10:00")
    panel.text_edit.setPlainText("Telefoon met de OCMW")
    assert not panel.add_entry()
    assert panel.when_message_text().startswith("Geen geldig tijdstip")
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    panel.when_edit.setText(f"{format_date(yesterday.date())} 09:15")
    assert panel.add_entry()
    settle(view.runner)
    kinds = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert kinds[0] == "Notitie" and "Contactmoment" in kinds
    contact_row = kinds.index("Contactmoment")
    assert model.index(contact_row, 0).data() == f"{format_date(yesterday.date())} 09:15"
    tomorrow = dt.datetime.now() + dt.timedelta(days=1)
    panel.when_edit.setText(f"{format_date(tomorrow.date())} 09:15")
    panel.text_edit.setPlainText("Nog niet gebeurd")
    assert panel.add_entry()
    settle(view.runner)
    assert panel.text_edit.toPlainText() == "Nog niet gebeurd"  # kept, to be corrected
    assert panel.when_message_text() == "Het tijdstip kan niet in de toekomst liggen."
    with Session(engine_of(view)) as session:
        count = session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == cases.olena)
        )
    assert count == 4


def test_a_place_assignment_on_the_timeline_names_the_place(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    from vlot_desktop.db.models import Location, Place
    from vlot_desktop.db.models.base import utc_now
    from vlot_desktop.domain.enums import CaseEventKind, LocationStatus, LocationType, PlaceStatus

    with Session(engine_of(view)) as session, session.begin():
        location = Location(
            name="De Linde",
            location_type=LocationType.COLLECTIVE,
            status=LocationStatus.OPERATIONAL,
            municipality_nis="71072",
        )
        session.add(location)
        session.flush()
        place = Place(location_id=location.id, label="Kamer 3", status=PlaceStatus.OCCUPIED)
        session.add(place)
        session.flush()
        session.add(
            CaseEvent(
                case_id=cases.olena,
                kind=CaseEventKind.ASSIGNMENT,
                occurred_at=utc_now(),
                text="Toegewezen na overleg",
                place_id=place.id,
            )
        )
    select_contact(view, "Olena")
    model = view.detail.timeline.model
    assert [model.index(0, c).data() for c in (1, 2, 3)] == [
        "Toewijzing",
        "(onbekend)",
        "Kamer 3, De Linde (Hasselt) · Toegewezen na overleg",
    ]


def test_reloading_the_choices_keeps_the_shown_case_s_values(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Olena")
    form = view.detail.form
    shown = [form.combos[name].currentText() for name in form.combos]
    assert shown == ["Regioteam Limburg", "Hasselt", "An Peeters"]
    dialog = view.new_case_dialog()  # reads the choices again (colleagues may have synced in)
    assert dialog is not None
    qtbot.addWidget(dialog)
    view.refresh()
    assert [form.combos[name].currentText() for name in form.combos] == shown


def test_leaving_the_screen_hides_the_health_fields(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    select_contact(view, "Mykola")
    panel = view.detail.household
    assert panel.reveal_sensitive()
    settle(view.runner)
    assert panel.model.revealed
    window = view.window()
    window.show_screen("dashboard")  # type: ignore[attr-defined]
    window.show_screen("cases")  # type: ignore[attr-defined]
    assert not panel.model.revealed
    assert [panel.model.index(r, 3).data() for r in range(3)] == ["verborgen"] * 3
