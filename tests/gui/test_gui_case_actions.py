"""Case actions as a user drives them: matching and assigning, the case PDFs, erasing a person,
the subject access export, the retention dialog and its setting."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from test_gui_translations import assert_all_dutch

from vlot_desktop.db.models import (
    Case,
    CaseEvent,
    HouseholdMember,
    Location,
    Place,
    SensitiveDataAccess,
    StaffUser,
)
from vlot_desktop.db.queries.cases import CaseDetail, case_detail
from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import (
    CaseEventKind,
    CaseStatus,
    CaseType,
    LocationStatus,
    LocationType,
    PlaceStatus,
    Relation,
)
from vlot_desktop.domain.text import fold_join
from vlot_desktop.services.cases import NewCase, add_timeline_entry, change_status, create_case
from vlot_desktop.services.places import set_place_status
from vlot_desktop.services.privacy import PRIVACY_SETTINGS_FILE, load_retention_months
from vlot_desktop.ui.case_actions import (
    AgendaDialog,
    CaseSummaryDialog,
    MatchingPanel,
    MemberEraser,
    RetentionDialog,
    SubjectAccessDialog,
    agenda_action,
    case_actions,
    common,
    retention_action,
)
from vlot_desktop.ui.case_actions.actions import SUBJECT_ACCESS, CaseActionController
from vlot_desktop.ui.case_actions.member_choice import MemberChoiceDialog
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.tasks import TaskRunner

HASSELT = "71072"  # arrondissement Hasselt, Limburg
GENK = "71016"  # arrondissement Hasselt, Limburg
LOMMEL = "72020"  # arrondissement Maaseik, Limburg
DE_PANNE = "38008"  # West-Vlaanderen
TIMEOUT = 20_000
TODAY = dt.date.today()
MEDICAL_NOTE = "Insulinepomp"


# -- fixtures and data -------------------------------------------------------------------------


@pytest.fixture
def env(dutch: None, prepared_dir: Path) -> Iterator[tuple[AppContext, TaskRunner]]:
    from vlot_desktop.ui.startup import open_database

    context = AppContext(prepared_dir)
    context.set_database(open_database(prepared_dir))
    runner = TaskRunner()
    yield context, runner
    runner.shutdown()
    context.close()


@pytest.fixture
def engine(env: tuple[AppContext, TaskRunner]) -> Engine:
    return env[0].engine


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Every confirmation asked; the answer is the ``answer`` of the last entry (default yes)."""
    asked = Answers()
    answer = asked.answer

    def ask(parent: QWidget | None, title: str, text: str, detail: str, accept: str) -> bool:
        asked.append({"title": title, "text": text, "detail": detail, "accept": accept})
        return answer["value"]

    monkeypatch.setattr(common, "ask_confirmation", ask)
    return asked


class Answers(list[dict[str, Any]]):
    """The confirmations asked; ``answer["value"]`` is what the user answers next."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = {"value": True}


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """What would have been opened in the system viewer (nothing is opened in tests)."""
    paths_opened: list[Path] = []
    monkeypatch.setattr(common, "open_in_viewer", paths_opened.append)
    return paths_opened


def olena(**extra: Any) -> MemberValues:
    values: dict[str, Any] = {
        "first_name": "Olena",
        "last_name": "Kovalenko",
        "first_name_cyrillic": "Олена",
        "last_name_cyrillic": "Коваленко",
        "birth_year": 1985,
        "sex": "v",
        "relation": "contactpersoon",
    }
    values.update(extra)
    return MemberValues(**values)


def taras() -> MemberValues:
    return MemberValues(
        first_name="Taras",
        last_name="Kovalenko",
        first_name_cyrillic="Тарас",
        last_name_cyrillic="Коваленко",
        birth_year=2015,
        relation="kind",
        school_age=True,
    )


def new_case(
    context: AppContext,
    members: list[MemberValues],
    *,
    status: CaseStatus = CaseStatus.WAITING_FOR_PLACE,
    case_type: str = "herhuisvesting",
) -> str:
    engine = context.engine
    user = context.settings.user_id
    case_id, problems = create_case(
        engine,
        NewCase(
            case_type=case_type,
            team_code="limburg",
            municipality_nis=HASSELT,
            opened_on=TODAY - dt.timedelta(days=10),
            deadline=TODAY + dt.timedelta(days=20),
        ),
        members,
        author_id=user,
    )
    assert case_id is not None, problems
    steps = {
        CaseStatus.NEW: [],
        CaseStatus.IN_PROGRESS: [CaseStatus.IN_PROGRESS],
        CaseStatus.WAITING_FOR_PLACE: [CaseStatus.IN_PROGRESS, CaseStatus.WAITING_FOR_PLACE],
    }[status]
    for step in steps:
        assert change_status(engine, case_id, step, author_id=user) == []
    return case_id


def add_location(
    engine: Engine,
    name: str,
    nis: str,
    free: int,
    occupied: int = 0,
    *,
    wheelchair: bool = False,
) -> str:
    with Session(engine) as session, session.begin():
        location = Location(
            name=name,
            search_text=fold_join(name),
            location_type=LocationType.COLLECTIVE,
            status=LocationStatus.OPERATIONAL,
            status_since=dt.date(2025, 1, 1),
            municipality_nis=nis,
            capacity=free + occupied,
            wheelchair_accessible=wheelchair,
            suits_families=True,
            suits_singles=True,
        )
        session.add(location)
        session.flush()
        statuses = [PlaceStatus.FREE] * free + [PlaceStatus.OCCUPIED] * occupied
        for number, status in enumerate(statuses, start=1):
            session.add(
                Place(
                    location_id=location.id,
                    label=f"Plaats {number}",
                    status=status,
                    status_since=dt.date(2025, 3, 1),
                )
            )
            session.flush()
        return location.id


def detail_of(context: AppContext, case_id: str) -> CaseDetail:
    with context.connection() as conn:
        detail = case_detail(conn, case_id)
    assert detail is not None
    return detail


def count(engine: Engine, stmt: Any) -> int:
    with Session(engine) as session:
        return int(session.scalar(stmt) or 0)


def place_statuses(engine: Engine, location_id: str) -> list[str]:
    with Session(engine) as session:
        return sorted(
            str(getattr(s, "value", s))
            for s in session.scalars(select(Place.status).where(Place.location_id == location_id))
        )


def case_status(engine: Engine, case_id: str) -> str:
    with Session(engine) as session:
        case = session.get_one(Case, case_id)
        return str(getattr(case.status, "value", case.status))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def make_panel(qtbot: QtBot, env: tuple[AppContext, TaskRunner]) -> MatchingPanel:
    panel = MatchingPanel(*env)
    qtbot.addWidget(panel)
    panel.resize(1100, 500)
    panel.show()
    return panel


def show_case(qtbot: QtBot, panel: MatchingPanel, case_id: str) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        panel.set_case(case_id)


def column_texts(panel: MatchingPanel, column: int) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


# -- matching ----------------------------------------------------------------------------------


def test_matching_panel_shows_nearest_first_with_reasons(
    qtbot: QtBot, qtmodeltester: Any, env: tuple[AppContext, TaskRunner], engine: Engine
) -> None:
    context, _runner = env
    add_location(engine, "Zeezicht", DE_PANNE, 2, wheelchair=True)
    add_location(engine, "Lommel Centrum", LOMMEL, 2, wheelchair=True)
    add_location(engine, "Genk Noord", GENK, 2, wheelchair=True)
    add_location(engine, "De Linde", HASSELT, 3, 1, wheelchair=True)
    add_location(engine, "Trappenhuis", HASSELT, 5)  # near, but not wheelchair accessible
    case_id = new_case(context, [olena(needs_mobility=True), taras()])
    panel = make_panel(qtbot, env)
    show_case(qtbot, panel, case_id)
    qtmodeltester.check(panel.model)

    assert column_texts(panel, 3) == [
        "De Linde",
        "Genk Noord",
        "Lommel Centrum",
        "Zeezicht",
        "Trappenhuis",
    ]
    assert column_texts(panel, 2) == [
        "In dezelfde gemeente",
        "In hetzelfde arrondissement",
        "In dezelfde provincie",
        "Elders in Vlaanderen",
        "In dezelfde gemeente",
    ]
    assert column_texts(panel, 1) == ["✓ past"] * 4 + ["✗ past niet"]
    assert column_texts(panel, 5) == ["3", "2", "2", "2", "5"]
    assert "4 passend" in panel.summary_label.text()
    assert "gezin van 2 personen" in panel.header_label.text()
    assert "Wacht op plaats" in panel.header_label.text()
    # Health reasons stay hidden (sensitive) until the user asks; then the viewing is recorded.
    why = column_texts(panel, 6)
    assert why[0].startswith("✓ 3 vrije plaatsen voor 2 personen.")
    assert "✗ Voldoet niet aan een gezondheidsnood van het gezin (verborgen)." in why[4]
    assert "rolstoel" not in " ".join(why).lower()
    assert count(engine, select(func.count()).select_from(SensitiveDataAccess)) == 0
    assert panel.reveal_button.isVisible()
    panel.table.selectRow(4)
    assert panel.reasons_label.text().splitlines() == [
        "Trappenhuis (Hasselt):",
        "✗ Voldoet niet aan een gezondheidsnood van het gezin (verborgen).",
        "✓ 5 vrije plaatsen voor 2 personen.",
        "✓ Geschikt voor gezinnen.",
    ]
    with qtbot.waitSignal(panel.model.dataChanged, timeout=TIMEOUT):
        panel.reveal_button.click()
    assert panel.selected_suggestion() is not None  # the choice stays
    assert panel.reasons_label.text().splitlines()[1] == (
        "✗ Niet rolstoeltoegankelijk, terwijl een gezinslid dat nodig heeft."
    )
    why = column_texts(panel, 6)
    assert why[4].startswith("✗ Niet rolstoeltoegankelijk, terwijl een gezinslid dat nodig heeft.")
    assert "✓ Rolstoeltoegankelijk." in why[0]
    assert count(engine, select(func.count()).select_from(SensitiveDataAccess)) == 1
    assert not panel.reveal_button.isVisible()
    assert_all_dutch(panel)


def test_empty_and_new_case_states_are_explained(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner]
) -> None:
    context, _runner = env
    panel = make_panel(qtbot, env)
    assert panel.header_label.text() == "Geen dossier gekozen."
    case_id = new_case(context, [olena()], status=CaseStatus.NEW)
    show_case(qtbot, panel, case_id)
    assert panel.summary_label.text() == (
        "Geen passende vrije plaatsen: geen enkele operationele opvanglocatie heeft een vrije "
        "plaats."
    )
    assert panel.model.rowCount() == 0
    assert "neem het eerst in behandeling" in panel.hint_label.text()
    assert not panel.assign_button.isEnabled()
    assert_all_dutch(panel)


def test_assigning_updates_occupancy_and_case_status(
    qtbot: QtBot,
    env: tuple[AppContext, TaskRunner],
    engine: Engine,
    confirmations: Answers,
) -> None:
    context, _runner = env
    linde = add_location(engine, "De Linde", HASSELT, 3)
    case_id = new_case(context, [olena(), taras()])
    panel = make_panel(qtbot, env)
    show_case(qtbot, panel, case_id)
    assert column_texts(panel, 5) == ["3"]
    assert panel.assign_button.isEnabled()
    with (
        qtbot.waitSignal(panel.assigned, timeout=TIMEOUT) as assigned,
        qtbot.waitSignal(panel.loaded, timeout=TIMEOUT),
    ):
        assert panel.assign_selected()
    assert assigned.args == [case_id]
    (asked,) = confirmations
    assert asked["text"] == (
        f"Plaatsen Plaats 1, Plaats 2 van De Linde (Hasselt) toewijzen aan dossier "
        f"{detail_of(context, case_id).reference}?"
    )
    assert "oplossing gevonden" in asked["detail"]
    # The database: two places occupied, the case solved, one assignment on its timeline.
    assert place_statuses(engine, linde) == ["bezet", "bezet", "vrij"]
    assert case_status(engine, case_id) == CaseStatus.SOLVED.value
    assert (
        count(
            engine,
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.kind == CaseEventKind.ASSIGNMENT),
        )
        == 1
    )
    # The panel: the location's occupancy and the case's status as they are now.
    assert column_texts(panel, 5) == ["1"]
    assert "Oplossing gevonden" in panel.header_label.text()
    assert panel.place_label.text() == "Toegewezen plaats: Plaats 1 in De Linde (Hasselt)."
    assert panel.message.text() == (
        "Toegewezen: Plaats 1, Plaats 2 in De Linde. Het dossier heeft nu de status "
        "'oplossing gevonden'."
    )
    assert not panel.assign_button.isEnabled()
    assert panel.hint_label.isVisible()


def test_refusing_a_place_taken_meanwhile_changes_nothing(
    qtbot: QtBot,
    env: tuple[AppContext, TaskRunner],
    engine: Engine,
    confirmations: Answers,
) -> None:
    context, _runner = env
    linde = add_location(engine, "De Linde", HASSELT, 1)
    case_id = new_case(context, [olena()])
    panel = make_panel(qtbot, env)
    show_case(qtbot, panel, case_id)
    suggestion = panel.selected_suggestion()
    assert suggestion is not None
    # Another window (or a laptop, synced in) takes the place after the list was loaded.
    assert (
        set_place_status(
            engine,
            linde,
            list(suggestion.free_place_ids),
            PlaceStatus.OCCUPIED,
            on_date=TODAY,
            author_id=None,
        )
        == []
    )
    events_before = count(
        engine, select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
    )
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        assert panel.assign_selected()
    assert panel.message.isVisible()
    assert panel.message.text() == (
        "Deze plaats is niet meer vrij (intussen door iemand anders ingenomen). Er is niets "
        "gewijzigd; kies een andere plaats."
    )
    assert case_status(engine, case_id) == CaseStatus.WAITING_FOR_PLACE.value
    assert (
        count(
            engine,
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id),
        )
        == events_before
    )
    with Session(engine) as session:
        assert session.get_one(Case, case_id).assigned_place_id is None
    # Reloaded: the full location is no longer suggested.
    assert panel.model.rowCount() == 0


def test_declining_the_confirmation_assigns_nothing(
    qtbot: QtBot,
    env: tuple[AppContext, TaskRunner],
    engine: Engine,
    confirmations: Answers,
) -> None:
    context, _runner = env
    linde = add_location(engine, "De Linde", HASSELT, 2)
    case_id = new_case(context, [olena()])
    panel = make_panel(qtbot, env)
    show_case(qtbot, panel, case_id)
    confirmations.answer["value"] = False
    assert not panel.assign_selected()
    assert place_statuses(engine, linde) == ["vrij", "vrij"]
    assert case_status(engine, case_id) == CaseStatus.WAITING_FOR_PLACE.value


# -- PDFs --------------------------------------------------------------------------------------


def test_case_summary_pdf_leaves_sensitive_needs_out_unless_chosen(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner], engine: Engine, tmp_path: Path
) -> None:
    context, runner = env
    case_id = new_case(context, [olena(needs_medical=True, medical_notes=MEDICAL_NOTE), taras()])
    detail = detail_of(context, case_id)
    written: list[Path] = []
    dialog = CaseSummaryDialog(context, runner, detail, opener=written.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_all_dutch(dialog)
    assert dialog.path_field.text().endswith(f"dossieroverzicht-{detail.reference}.pdf")
    assert not dialog.sensitive_check.isChecked()
    dialog.path_field.set_text(str(tmp_path / "zonder"))  # ".pdf" is added
    with qtbot.waitSignal(dialog.succeeded, timeout=TIMEOUT):
        dialog.ok_button.click()
    out = tmp_path / "zonder.pdf"
    assert written == [out]
    text = pdf_text(out)
    assert "Олена Коваленко" in text and "Тарас" in text
    assert MEDICAL_NOTE not in text
    assert "Gevoelige gegevens (mobiliteit, medische noden) zijn niet opgenomen" in text
    assert count(engine, select(func.count()).select_from(SensitiveDataAccess)) == 0
    assert dialog.result() == QDialog.DialogCode.Accepted

    dialog = CaseSummaryDialog(context, runner, detail, opener=written.append)
    qtbot.addWidget(dialog)
    dialog.path_field.set_text(str(tmp_path / "met.pdf"))
    dialog.sensitive_check.setChecked(True)
    with qtbot.waitSignal(dialog.succeeded, timeout=TIMEOUT):
        dialog.ok_button.click()
    text = pdf_text(tmp_path / "met.pdf")
    assert MEDICAL_NOTE in text
    with Session(engine) as session:
        (access,) = session.scalars(select(SensitiveDataAccess))
        assert access.case_id == case_id
        assert access.user_id == context.settings.user_id


def test_case_summary_reports_an_unwritable_file_in_dutch(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner], tmp_path: Path
) -> None:
    context, runner = env
    case_id = new_case(context, [olena()])
    written: list[Path] = []
    dialog = CaseSummaryDialog(context, runner, detail_of(context, case_id), opener=written.append)
    qtbot.addWidget(dialog)
    dialog.show()
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    dialog.path_field.set_text(str(blocker / "overzicht.pdf"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "kon niet geschreven" in dialog.status.text(), timeout=TIMEOUT)
    assert dialog.ok_button.isEnabled() and dialog.isVisible()
    assert dialog.status.text().startswith(f"{blocker / 'overzicht.pdf'} kon niet geschreven")
    assert written == []
    dialog.path_field.set_text("  ")
    dialog.ok_button.click()
    assert dialog.status.text() == "Kies het bestand om te schrijven."


def test_agenda_pdf_for_the_users_team(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner], tmp_path: Path, opened: list[Path]
) -> None:
    context, runner = env
    case_id = new_case(context, [olena()])
    reference = detail_of(context, case_id).reference
    dialog = AgendaDialog(context, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_all_dutch(dialog)
    assert dialog.team_code() == "limburg"
    assert "agenda-dossiers-limburg-" in dialog.path_field.text()
    dialog.team_combo.setCurrentIndex(0)
    assert dialog.team_code() is None
    assert "agenda-dossiers-alle-teams-" in dialog.path_field.text()
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("limburg"))
    dialog.path_field.set_text(str(tmp_path / "agenda.pdf"))
    with qtbot.waitSignal(dialog.succeeded, timeout=TIMEOUT) as blocker:
        dialog.ok_button.click()
    assert blocker.args == [(tmp_path / "agenda.pdf", 1)]
    assert opened == [tmp_path / "agenda.pdf"]
    text = pdf_text(tmp_path / "agenda.pdf")
    assert reference in text
    assert "Olena" not in text and "Олена" not in text


# -- privacy -----------------------------------------------------------------------------------


def test_erase_person_asks_then_erases_the_name_everywhere(
    qtbot: QtBot,
    env: tuple[AppContext, TaskRunner],
    engine: Engine,
    confirmations: Answers,
) -> None:
    context, runner = env
    case_id = new_case(context, [olena(needs_medical=True, medical_notes=MEDICAL_NOTE), taras()])
    assert (
        add_timeline_entry(
            engine,
            case_id,
            CaseEventKind.NOTE,
            "Olena Kovalenko belt morgen terug",
            author_id=context.settings.user_id,
        )
        == []
    )
    detail = detail_of(context, case_id)
    olena_id = detail.members[0].id
    parent = QWidget()
    qtbot.addWidget(parent)
    eraser = MemberEraser(context, runner, parent)

    confirmations.answer["value"] = False
    assert not eraser.erase(detail, olena_id)
    confirmations.answer["value"] = True
    with qtbot.waitSignal(eraser.erased, timeout=TIMEOUT) as blocker:
        assert eraser.erase(detail, olena_id)
    assert blocker.args == [olena_id]
    asked = confirmations[-1]
    assert asked["text"] == (
        f"Olena Kovalenko (Олена Коваленко) definitief wissen uit dossier {detail.reference}?"
    )
    assert "Dit kan niet ongedaan gemaakt worden" in asked["detail"]
    assert "naar alle laptops" in asked["detail"]
    assert asked["accept"] == "&Definitief wissen"
    with Session(engine) as session:
        erased = session.get_one(HouseholdMember, olena_id)
        assert not erased.first_name and not erased.last_name_cyrillic
        assert erased.medical_notes is None
        others = [m.first_name for m in session.scalars(select(HouseholdMember))]
        assert others.count("Taras") == 1 and "Olena" not in others
        texts = [e.text or "" for e in session.scalars(select(CaseEvent))]
        assert not any("Olena" in t for t in texts)


def test_case_actions_menu_erases_and_reports_the_change(
    qtbot: QtBot,
    env: tuple[AppContext, TaskRunner],
    engine: Engine,
    confirmations: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context, runner = env
    case_id = new_case(context, [olena(), taras()])
    parent = QWidget()
    qtbot.addWidget(parent)
    changed: list[str] = []
    actions = case_actions(context, runner, parent, lambda: case_id, changed.append)
    assert [a.text() for a in actions] == [
        "&Dossieroverzicht (PDF)…",
        "&Inzage-export van een persoon…",
        "Persoon &wissen…",
    ]
    choices: list[list[str]] = []

    def choose_second(dialog: MemberChoiceDialog) -> int:
        choices.append([dialog.combo.itemText(i) for i in range(dialog.combo.count())])
        dialog.combo.setCurrentIndex(1)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(MemberChoiceDialog, "exec", choose_second)
    (controller,) = parent.findChildren(CaseActionController)
    actions[2].trigger()
    qtbot.waitUntil(lambda: changed == [case_id], timeout=TIMEOUT)
    assert choices == [["Olena Kovalenko (Олена Коваленко)", "Taras Kovalenko (Тарас Коваленко)"]]
    with Session(engine) as session:
        names = {m.first_name for m in session.scalars(select(HouseholdMember))}
    assert "Taras" not in names and "Olena" in names
    # The export still lists an erased member, without a name.
    controller.open_action(SUBJECT_ACCESS, detail_of(context, case_id))
    assert choices[-1] == ["Olena Kovalenko (Олена Коваленко)", "Gezinslid 2 (gewist)"]
    assert isinstance(controller.dialog, SubjectAccessDialog)
    assert controller.dialog.file_names == (
        f"inzage-{detail_of(context, case_id).reference}-lid2.pdf",
        f"inzage-{detail_of(context, case_id).reference}-lid2.json",
    )
    controller.dialog.close()


def test_subject_access_export_writes_pdf_and_json_without_names_in_the_file_names(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner], engine: Engine, tmp_path: Path
) -> None:
    context, runner = env
    case_id = new_case(context, [olena(needs_medical=True, medical_notes=MEDICAL_NOTE), taras()])
    detail = detail_of(context, case_id)
    olena_id = detail.members[0].id
    opened: list[Path] = []
    dialog = SubjectAccessDialog(context, runner, detail, olena_id, opener=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_all_dutch(dialog)
    folder = tmp_path / "inzage"
    dialog.path_field.set_text(str(folder))
    with qtbot.waitSignal(dialog.succeeded, timeout=TIMEOUT):
        dialog.ok_button.click()
    pdf = folder / f"inzage-{detail.reference}-lid1.pdf"
    data = json.loads((folder / f"inzage-{detail.reference}-lid1.json").read_text("utf-8"))
    assert sorted(p.name for p in folder.iterdir()) == sorted([pdf.name, pdf.stem + ".json"])
    (person,) = data["sections"][0]["records"]  # her own fields (vlot-subject-access/2)
    assert person["first_name_cyrillic"] == "Олена"
    assert person["medical_notes"] == MEDICAL_NOTE
    assert "Taras" not in json.dumps(data, ensure_ascii=False)
    text = pdf_text(pdf)
    assert "Олена" in text and MEDICAL_NOTE in text
    assert opened == [folder]
    with Session(engine) as session:
        (access,) = session.scalars(select(SensitiveDataAccess))
        assert access.member_id == olena_id


def _closed_case(session: Session, reference: str, closed_on: dt.date, first: str) -> str:
    staff = session.scalars(select(StaffUser)).first()
    case = Case(
        reference=reference,
        case_type=CaseType.REHOUSING,
        status=CaseStatus.CLOSED,
        team_code="limburg",
        municipality_nis=HASSELT,
        opened_on=closed_on - dt.timedelta(days=60),
        closed_on=closed_on,
        household_size=2,
        summary=f"Gezin {first} moet weg bij gastgezin",
    )
    session.add(case)
    session.flush()
    for name, relation in ((first, Relation.CONTACT_PERSON), ("Andrii", Relation.CHILD)):
        session.add(
            HouseholdMember(
                case_id=case.id,
                first_name=name,
                last_name="Shevchuk",
                search_names=fold_join(name, "Shevchuk"),
                relation=relation,
            )
        )
    session.add(
        CaseEvent(
            case_id=case.id,
            kind=CaseEventKind.NOTE,
            occurred_at=dt.datetime(closed_on.year, closed_on.month, 1, 9, 0),
            author_id=staff.id if staff else None,
            text=f"Gebeld met {first} Shevchuk",
        )
    )
    return case.id


def test_retention_dialog_counts_then_erases_with_confirmation(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner], engine: Engine, confirmations: Answers
) -> None:
    context, runner = env
    today = dt.date(2026, 11, 26)
    with Session(engine) as session, session.begin():
        _closed_case(session, "HH-2025-00007", dt.date(2025, 6, 1), "Svitlana")
        _closed_case(session, "HH-2026-00100", dt.date(2026, 10, 1), "Iryna")
    dialog = RetentionDialog(context, runner, today=lambda: today)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.counted, timeout=TIMEOUT):
        dialog.show()
    assert_all_dutch(dialog)
    assert dialog.months_field.edit.text() == "12"
    assert dialog.count_label.text() == (
        "Afgesloten op of vóór 26/11/2025 — dossiers: 1, gezinsleden: 2, tijdlijnregels: 1."
    )
    assert dialog.apply_button.isEnabled()
    # A shorter period: saved at once, counted again (the dry run changed nothing).
    dialog.months_field.edit.selectAll()
    with qtbot.waitSignal(dialog.counted, timeout=TIMEOUT):
        qtbot.keyClicks(dialog.months_field.edit, "1")
    assert load_retention_months(context.data_dir) == 1
    assert dialog.count_label.text().startswith("Afgesloten op of vóór 26/10/2026 — dossiers: 2,")
    assert count(engine, select(func.count()).where(HouseholdMember.first_name == "Iryna")) == 1

    confirmations.answer["value"] = False
    dialog.apply_button.click()
    assert count(engine, select(func.count()).where(HouseholdMember.first_name == "Iryna")) == 1
    confirmations.answer["value"] = True
    with qtbot.waitSignal(dialog.applied, timeout=TIMEOUT):
        dialog.apply_button.click()
    assert confirmations[-1]["text"] == (
        "De persoonsgegevens van de afgesloten dossiers wissen? Aantal dossiers: 2."
    )
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=TIMEOUT)
    assert dialog.result_label.text().startswith(
        "Gewist — dossiers: 2, gezinsleden: 4, tijdlijnregels: 2 ("
    )
    assert dialog.count_label.text() == (
        "Geen enkel dossier werd afgesloten op of vóór 26/10/2026: er is niets te wissen."
    )
    assert not dialog.apply_button.isEnabled()
    with Session(engine) as session:
        assert not [m for m in session.scalars(select(HouseholdMember)) if m.first_name]
        assert [c.household_size for c in session.scalars(select(Case))] == [2, 2]


def test_retention_period_is_validated_in_dutch(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner]
) -> None:
    context, runner = env
    dialog = RetentionDialog(context, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.counted, timeout=TIMEOUT):
        dialog.show()
    field = dialog.months_field
    for typed in ("0", "121", "twaalf"):
        field.edit.setText(typed)  # as pasted
        field.edit.textEdited.emit(typed)
        assert field.message.isVisible()
        assert field.message.text() == (
            "Geef een bewaartermijn van 1 tot 120 maanden (een geheel getal)."
        )
        assert not dialog.apply_button.isEnabled()
        assert dialog.count_label.text() == ""
        assert not (context.data_dir / PRIVACY_SETTINGS_FILE).exists()
    field.edit.selectAll()
    with qtbot.waitSignal(dialog.counted, timeout=TIMEOUT):
        qtbot.keyClicks(field.edit, "24")
    assert not field.message.isVisible()
    assert load_retention_months(context.data_dir) == 24


def test_preferences_keep_the_retention_period(
    qtbot: QtBot, dutch: None, prepared_dir: Path
) -> None:
    from vlot_desktop.ui.preferences.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(prepared_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_all_dutch(dialog)
    field = dialog.retention_field
    assert field.edit.text() == "12"
    field.edit.setText("200")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert field.message.text().startswith("Geef een bewaartermijn van 1 tot 120 maanden")
    assert load_retention_months(prepared_dir) == 12
    field.edit.setText("36")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_retention_months(prepared_dir) == 36


def test_main_window_actions_open_their_dialogs(
    qtbot: QtBot, env: tuple[AppContext, TaskRunner]
) -> None:
    context, runner = env
    parent = QWidget()
    qtbot.addWidget(parent)
    agenda = agenda_action(context, runner, parent)
    retention = retention_action(context, runner, parent)
    assert agenda.text() == "&Agenda wekelijks overleg (PDF)…"
    assert retention.text() == "&Bewaartermijn toepassen…"
    agenda.trigger()
    (agenda_dialog,) = parent.findChildren(AgendaDialog)
    assert agenda_dialog.isVisible()
    assert agenda_dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    agenda_dialog.reject()
    retention.trigger()
    (retention_dialog,) = parent.findChildren(RetentionDialog)
    with qtbot.waitSignal(retention_dialog.counted, timeout=TIMEOUT):
        pass
    assert retention_dialog.windowTitle() == "Bewaartermijn toepassen"
    retention_dialog.reject()
