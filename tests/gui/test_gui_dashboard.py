"""The dashboard shows the same numbers as direct SQL counts, Belgian formatted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from vlot_desktop import paths
from vlot_desktop.ui.formatting import NOT_APPLICABLE, format_int
from vlot_desktop.ui.main_window import MainWindow

PLACE_COLUMNS = ["vrij", "bezet", "aangeboden_fedasil", "in_opbouw", "buiten_gebruik"]
REGIONAL_ROWS = ["antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant", "west-vlaanderen"]


def expected_table(db_path: Path, year: int) -> dict[str, list[int]]:
    """Each row's numbers, straight from SQL (independent of ``db.queries``)."""
    db = sqlite3.connect(db_path)
    rows: dict[str, list[int]] = {}

    def per(sql: str, *args: object) -> dict[str, int]:
        return dict(db.execute(sql, args).fetchall())

    locations = per(
        "SELECT m.province_code, count(*) FROM location l "
        "JOIN municipality m ON m.nis_code = l.municipality_nis "
        "WHERE l.status = 'operationeel' GROUP BY 1"
    )
    places: dict[str, dict[str, int]] = defaultdict(dict)
    for province, status, n in db.execute(
        "SELECT m.province_code, p.status, count(*) FROM place p "
        "JOIN location l ON l.id = p.location_id "
        "JOIN municipality m ON m.nis_code = l.municipality_nis "
        "WHERE l.status NOT IN ('afgebouwd', 'gesloten') GROUP BY 1, 2"
    ):
        places[province][status] = n
    cases = per(
        "SELECT team_code, count(*) FROM case_file "
        "WHERE status NOT IN ('oplossing_gevonden', 'doorverwezen', 'afgesloten') GROUP BY 1"
    )
    questions = per(
        "SELECT team_code, count(*) FROM question "
        "WHERE status IN ('nieuw', 'in_behandeling', 'doorverwezen') GROUP BY 1"
    )
    prospects = per(
        "SELECT m.province_code, count(*) FROM prospect_visit v "
        "JOIN municipality m ON m.nis_code = v.municipality_nis "
        "WHERE strftime('%Y', coalesce(v.visit_date, v.created_at)) = ? GROUP BY 1",
        str(year),
    )
    db.close()
    for code in REGIONAL_ROWS:
        by_status = places.get(code, {})
        rows[code] = [
            locations.get(code, 0),
            sum(by_status.values()),
            *(by_status.get(s, 0) for s in PLACE_COLUMNS),
            cases.get(code, 0),
            questions.get(code, 0),
            prospects.get(code, 0),
        ]
    rows["vlaanderen"] = [
        sum(locations.values()),
        sum(sum(s.values()) for s in places.values()),
        *(sum(s.get(status, 0) for s in places.values()) for status in PLACE_COLUMNS),
        sum(cases.values()),
        sum(questions.values()),
        sum(prospects.values()),
    ]
    rows["centraal"] = [cases.get("centraal", 0), questions.get("centraal", 0)]
    return rows


def shown_table(window: MainWindow) -> dict[str, list[str]]:
    from vlot_desktop.ui.models.roles import KEY_ROLE

    model = window.dashboard.model
    shown = {}
    for row in range(model.rowCount()):
        key = model.data(model.index(row, 0), KEY_ROLE)
        shown[key] = [model.data(model.index(row, c)) for c in range(1, model.columnCount())]
    return shown


def check_against_sql(window: MainWindow, data_dir: Path) -> dict[str, list[int]]:
    year = dt.date.today().year
    expected = expected_table(paths.database_path(data_dir), year)
    shown = shown_table(window)
    assert list(shown) == [*REGIONAL_ROWS, "centraal", "vlaanderen"]
    for key in [*REGIONAL_ROWS, "vlaanderen"]:
        assert shown[key] == [format_int(n) for n in expected[key]], key
    central = shown["centraal"]
    assert central[:7] == [NOT_APPLICABLE] * 7
    assert central[7:9] == [format_int(n) for n in expected["centraal"]]
    assert central[9] == NOT_APPLICABLE
    return expected


def test_dashboard_matches_sql_on_sample_data(window: MainWindow, sample_dir: Path) -> None:
    expected = check_against_sql(window, sample_dir)
    assert expected["oost-vlaanderen"][:3] == [1, 1234, 1200]
    # Belgian thousands separator, in the table and on the cards.
    model = window.dashboard.model
    assert model.data(model.index(2, 2)) == "1.234"
    assert window.dashboard.card_free.value_label.text() == "1.200"
    assert window.dashboard.card_cases.value_label.text() == "2"  # one open in O-Vl, one central


@pytest.mark.slow
def test_dashboard_matches_sql_on_demo_data(dutch: None, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    expected = check_against_sql(window, demo_dir)
    total = expected["vlaanderen"]
    assert total[0] > 0 and total[1] > 0  # the demo data has locations and places
    cards = window.dashboard
    assert cards.card_locations.value_label.text() == format_int(total[0])
    assert cards.card_questions.value_label.text() == format_int(total[8])


def test_dashboard_headers_use_domain_labels(window: MainWindow) -> None:
    model = window.dashboard.model
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ")
        for c in range(model.columnCount())
    ]
    assert headers == [
        "Team / regio",
        "Opvanglocaties",
        "Plaatsen",
        "Vrij",
        "Bezet",
        "Aangeboden aan FEDASIL",
        "In opbouw",
        "Buiten gebruik",
        "Open dossiers",
        "Open vragen",
        "Prospecties dit jaar",
    ]
    last = model.rowCount() - 1
    assert model.data(model.index(last, 0)) == "Vlaanderen (totaal)"
    assert model.data(model.index(last, 0), Qt.ItemDataRole.FontRole).bold()
    assert "centraal team" in model.data(model.index(last - 1, 1), Qt.ItemDataRole.ToolTipRole)


def test_a_change_announced_elsewhere_shows_without_a_click(
    window: MainWindow, sample_dir: Path
) -> None:
    from gui_elsewhere import add_location, synced
    from gui_waiting import settle

    view = window.show_screen("dashboard")
    assert view is window.dashboard
    assert window.dashboard.card_free.value_label.text() == "1.200"
    add_location(sample_dir, "Opvang Zonnebloem", "71072", free_places=5)
    window.context.announce(synced("location", "place"))  # a sync round brought it in
    settle(window.runner)
    assert window.dashboard.card_free.value_label.text() == "1.205"
    assert window.dashboard.card_locations.value_label.text() == "3"
