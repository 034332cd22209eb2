"""GUI fixtures: Dutch translators, a small hand-built data folder, an opened main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

GENT = "44021"
HASSELT = "71072"
ANTWERPEN = "11002"
LOAD_TIMEOUT_MS = 30_000


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    """The Dutch interface (the default), removed again after the test."""
    from vlot_desktop.ui.i18n import install_translators, remove_translators

    install_translators(qapp, "nl")
    yield
    remove_translators(qapp)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    from vlot_desktop.ui.i18n import install_translators, remove_translators

    install_translators(qapp, "en")
    yield
    remove_translators(qapp)


def add_sample_records(data_dir: Path) -> None:
    """A few records in Gent, Hasselt and Antwerpen, with contact persons in Gent."""
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine, make_session_factory
    from vlot_desktop.db.models import Case, ContactMoment, ContactPerson, Location, Place, Question
    from vlot_desktop.domain.enums import (
        CaseStatus,
        CaseType,
        ContactChannel,
        ContactRole,
        LocationStatus,
        LocationType,
        PlaceStatus,
        QuestionStatus,
    )

    engine = make_engine(paths.database_path(data_dir))
    with make_session_factory(engine).begin() as session:
        for nis, status, places in [
            (
                GENT,
                LocationStatus.OPERATIONAL,
                [PlaceStatus.FREE] * 1200 + [PlaceStatus.OCCUPIED] * 34,
            ),
            (HASSELT, LocationStatus.OPERATIONAL, [PlaceStatus.OFFERED_FEDASIL] * 3),
            (ANTWERPEN, LocationStatus.PREPARING, [PlaceStatus.IN_PREPARATION] * 2),
        ]:
            location = Location(
                name=f"Opvang {nis}",
                location_type=LocationType.COLLECTIVE,
                status=status,
                municipality_nis=nis,
            )
            session.add(location)
            session.flush()
            session.add_all(
                Place(location_id=location.id, label=str(i), status=s) for i, s in enumerate(places)
            )
        for team, nis, case_status in [
            ("oost-vlaanderen", GENT, CaseStatus.NEW),
            ("oost-vlaanderen", GENT, CaseStatus.CLOSED),
            ("centraal", HASSELT, CaseStatus.IN_PROGRESS),
        ]:
            session.add(
                Case(
                    reference=f"D-{team}-{case_status.value}",
                    case_type=CaseType.VULNERABLE,
                    status=case_status,
                    team_code=team,
                    municipality_nis=nis,
                    opened_on=dt.date(2026, 3, 1),
                )
            )
        session.add(
            Question(
                received_on=dt.date.today(),
                team_code="limburg",
                municipality_nis=HASSELT,
                channel=ContactChannel.PHONE,
                subject="Referentieadres",
                status=QuestionStatus.NEW,
            )
        )
        session.add(
            ContactMoment(
                occurred_at=dt.datetime.now().replace(microsecond=0),
                team_code="oost-vlaanderen",
                municipality_nis=GENT,
                channel=ContactChannel.VISIT,
                subject="Plaatsbezoek",
            )
        )
        session.add_all(
            [
                ContactPerson(
                    first_name="Els",
                    last_name="Van Damme",
                    role=ContactRole.MUNICIPAL_COORDINATOR,
                    municipality_nis=GENT,
                    email="els.vandamme@gent.example",
                    phone="09 266 00 00",
                ),
                ContactPerson(
                    first_name="Mathias",
                    last_name="De Clercq",
                    role=ContactRole.MAYOR,
                    municipality_nis=GENT,
                    email="burgemeester@gent.example",
                ),
            ]
        )
    engine.dispose()


@pytest.fixture
def sample_dir(prepared_dir: Path) -> Path:
    add_sample_records(prepared_dir)
    return prepared_dir


def open_window(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    """A main window on ``data_dir`` with the database open and every screen loaded."""
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.main_window import MainWindow
    from vlot_desktop.ui.startup import Startup
    from vlot_desktop.ui.tasks import TaskRunner

    context = AppContext(data_dir)
    runner = TaskRunner()
    window = MainWindow(context, runner)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    # self_test: never ask the first-run questions here (tests of that dialog are separate).
    startup = Startup(window, context, runner, self_test=True)
    with qtbot.waitSignals(
        [startup.ready, window.dashboard.loaded, window.municipalities.loaded],
        timeout=LOAD_TIMEOUT_MS,
    ):
        startup.begin()
    # Every screen reads its lists in workers (ui.ops): wait until they show them.
    from gui_waiting import settle

    settle(runner)
    return window


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[object]:
    """``make_window(data_dir)``: open_window, closed and its database released afterwards."""
    opened = []

    def make(data_dir: Path):  # type: ignore[no-untyped-def]
        win = open_window(qtbot, data_dir)
        opened.append(win)
        return win

    yield make
    for win in opened:
        win.runner.shutdown()
        win.context.close()


@pytest.fixture
def window(dutch: None, make_window, sample_dir: Path):  # type: ignore[no-untyped-def]
    return make_window(sample_dir)
