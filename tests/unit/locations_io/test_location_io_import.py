"""Importing locations: create, update, keep ids, places follow capacity, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import CapacityChange, Location, LocationStatusChange, Place
from vlot_desktop.services.location_export import export_locations
from vlot_desktop.services.location_import import (
    guess_mapping,
    import_locations,
    mapping_to_remember,
    read_source,
    remembered_mapping,
    write_report,
)

from .conftest import (
    TODAY,
    capacity_matches_places,
    location_count,
    outbox_count,
    place_statuses,
    write_csv,
)

HEADER = "ID;Naam;Type;Status;Gemeente;Capaciteit"


def _location(engine: Engine, location_id: str) -> Location:
    with Session(engine) as session:
        return session.scalars(select(Location).where(Location.id == location_id)).one()


def _by_name(engine: Engine, name: str) -> Location:
    with Session(engine) as session:
        return session.scalars(select(Location).where(Location.name == name)).one()


def test_a_new_location_gets_its_free_places_and_its_status_history(
    engine: Engine, author: str, tmp_path: Path
) -> None:
    file = write_csv(
        tmp_path / "nieuw.csv",
        [
            "Naam;Type;Status;Gemeente;Postcode;Capaciteit;Status sinds",
            "Huize Hoop;Modulaire unit;Operationeel;Hasselt;3500;3;15/10/2026",
        ],
    )
    summary = import_locations(engine, file, author_id=author, today=TODAY)
    assert (summary.applied, summary.created, summary.problems) == (True, 1, [])
    assert summary.places_added == 3
    location = _by_name(engine, "Huize Hoop")
    assert (location.municipality_nis, location.capacity, location.location_type) == (
        "71072",
        3,
        "modulaire_unit",
    )
    assert location.search_text == "huize hoop hasselt"
    assert location.suits_families and not location.wheelchair_accessible  # defaults
    assert place_statuses(engine, location.id) == ["vrij", "vrij", "vrij"]
    with engine.connect() as conn:
        labels = sorted(conn.scalars(select(Place.label).where(Place.location_id == location.id)))
    with Session(engine) as session:
        change = session.scalars(
            select(LocationStatusChange).where(LocationStatusChange.location_id == location.id)
        ).one()
    assert labels == ["Plaats 1", "Plaats 2", "Plaats 3"]
    assert (change.to_status, change.changed_on, change.author_id) == (
        "operationeel",
        dt.date(2026, 10, 15),
        author,
    )
    assert change.remark == "Geïmporteerd uit nieuw.csv"


def test_an_id_from_the_file_is_kept_for_a_new_location(engine: Engine, tmp_path: Path) -> None:
    new_id = "01a1f000-0000-7000-8000-000000000001"
    file = write_csv(tmp_path / "x.csv", [HEADER, f"{new_id};Anker;Gastgezin;Prospect;Gent;0"])
    assert import_locations(engine, file).created == 1
    assert _location(engine, new_id).name == "Anker"


def test_capacity_up_and_down_adds_and_removes_free_places(
    engine: Engine, locations: dict[str, str], author: str, tmp_path: Path
) -> None:
    linde, zonnehof = locations["De Linde"], locations["Zonnehof"]
    file = write_csv(
        tmp_path / "x.csv",
        [
            "ID;Capaciteit",
            f"{linde};3",  # 3 occupied + 2 free -> the 2 free go
            f"{zonnehof};6",  # 4 free -> 2 more (in preparation, as the location is)
        ],
    )
    summary = import_locations(engine, file, author_id=author, today=TODAY)
    assert (summary.applied, summary.updated, summary.places_added, summary.places_removed) == (
        True,
        2,
        2,
        2,
    )
    assert place_statuses(engine, linde) == ["bezet"] * 3
    assert place_statuses(engine, zonnehof) == ["in_opbouw"] * 2 + ["vrij"] * 4
    assert capacity_matches_places(engine)
    with Session(engine) as session:
        changes = {
            c.location_id: (c.old_capacity, c.new_capacity, c.changed_on, c.author_id)
            for c in session.scalars(select(CapacityChange))
        }
    assert changes == {linde: (5, 3, TODAY, author), zonnehof: (4, 6, TODAY, author)}
    # Only the capacity column was in the file: the rest stays as it was.
    assert _location(engine, linde).name == "De Linde"


def test_capacity_below_the_places_in_use_is_refused(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    linde = locations["De Linde"]
    before = outbox_count(engine)
    file = write_csv(tmp_path / "x.csv", ["ID;Naam;Capaciteit", f"{linde};Nieuwe naam;2"])
    summary = import_locations(engine, file)
    assert not summary.applied and summary.error_count == 1
    problem = summary.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "Capaciteit", "2")
    assert "is meer dan de capaciteit (2)" in problem.message_nl
    assert _location(engine, linde).name == "De Linde"
    assert outbox_count(engine) == before


def test_one_bad_row_imports_nothing_and_the_report_says_where(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    before = (location_count(engine), outbox_count(engine))
    file = write_csv(
        tmp_path / "x.csv",
        [
            HEADER,
            ";Goed;Gastgezin;Operationeel;Gent;2",
            ";;Gastgezin;Operationeel;Gent;2",
            ";Slecht;Kasteel;Operationeel;Atlantis;-1",
        ],
    )
    summary = import_locations(engine, file)
    assert not summary.applied
    assert (location_count(engine), outbox_count(engine)) == before
    found = {(p.row, p.column, p.value, p.message_nl) for p in summary.problems}
    assert found == {
        (3, "Naam", "", "Vul een naam in."),
        (4, "Type", "Kasteel", "Onbekend type: Kasteel."),
        (4, "Gemeente", "Atlantis", "Onbekende gemeente: Atlantis."),
        (4, "Capaciteit", "-1", "De capaciteit kan niet negatief zijn."),
    }
    report = tmp_path / "rapport.csv"
    write_report(summary, report)
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Rij;Kolom;Waarde;Probleem;Ernst"
    assert "3;Naam;;Vul een naam in.;fout" in lines
    assert "4;Type;Kasteel;Onbekend type: Kasteel.;fout" in lines


def test_a_dry_run_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "x.csv", [HEADER, ";Goed;Gastgezin;Operationeel;Gent;2"])
    summary = import_locations(engine, file, dry_run=True)
    assert (summary.created, summary.applied, location_count(engine)) == (1, False, 0)


def test_the_same_id_twice(engine: Engine, locations: dict[str, str], tmp_path: Path) -> None:
    linde = locations["De Linde"]
    file = write_csv(tmp_path / "x.csv", ["ID;Naam", f"{linde};A", f"{linde.upper()};B", "nope;C"])
    summary = import_locations(engine, file)
    messages = {(p.row, p.message_nl) for p in summary.problems}
    assert (
        3,
        "Deze ID staat ook op rij 2; elke locatie mag maar één keer voorkomen.",
    ) in messages
    assert (4, "'nope' is geen geldige ID; laat de cel leeg voor een nieuwe locatie.") in messages
    assert _location(engine, linde).name == "De Linde"


def test_missing_required_columns_is_a_file_problem(engine: Engine, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "x.csv", ["Naam;Gemeente", "Anker;Gent"])
    summary = import_locations(engine, file)
    assert [(p.row, p.message_nl) for p in summary.problems] == [
        (0, "Deze kolommen ontbreken: Type, Status.")
    ]


def test_a_cancel_during_the_write_rolls_everything_back(engine: Engine, tmp_path: Path) -> None:
    before = outbox_count(engine)
    lines = [HEADER] + [f";Locatie {i};Gastgezin;Operationeel;Gent;1" for i in range(1200)]
    file = write_csv(tmp_path / "x.csv", lines)
    phases: list[str] = []

    def progress(done: int, total: int, phase: str) -> None:
        phases.append(phase)

    # Cancel once the write pass has written its first chunk.
    summary = import_locations(
        engine, file, on_progress=progress, cancelled=lambda: "write" in phases
    )
    assert summary.cancelled and not summary.applied
    assert "write" in phases
    assert location_count(engine) == 0
    assert outbox_count(engine) == before


def test_mapping_guess_remember_and_read_source(tmp_path: Path) -> None:
    headers = ["Naam locatie", "Bijkomende info", "NIS", "type ", "Postcode"]
    assert guess_mapping(headers) == {
        0: "name",
        2: "municipality_nis",
        3: "location_type",
        4: "postcode",
    }
    remembered = mapping_to_remember(headers, {0: "name", 1: "notes", 3: "location_type"})
    assert remembered["bijkomendeinfo"] == "notes"
    assert remembered["nis"] == ""  # the user chose "do not import" for it
    assert guess_mapping(headers, remembered) == {0: "name", 1: "notes", 3: "location_type"}
    assert remembered_mapping(["kapot"]) == {}
    assert remembered_mapping({"naam": "name", "x": 3}) == {"naam": "name"}
    # A header never mapped before is recognised as usual.
    assert guess_mapping([*headers, "Capaciteit"], remembered)[5] == "capacity"
    workbook = openpyxl.Workbook()
    workbook.active.append(headers)
    workbook.active.append(["Anker", "info", 44021, "Gastgezin", 9000])
    file = tmp_path / "x.xlsx"
    workbook.save(file)
    source = read_source(file)
    assert source.headers == [h.strip() for h in headers]
    assert source.examples == [["Anker", "info", "44021", "Gastgezin", "9000"]]


def test_export_then_import_changes_nothing(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    for name in ("rondreis.xlsx", "rondreis.csv"):
        export_locations(engine, tmp_path / name)
        before = outbox_count(engine)
        summary = import_locations(engine, tmp_path / name)
        assert (summary.unchanged, summary.created, summary.updated) == (3, 0, 0)
        assert summary.problems == []
        assert outbox_count(engine) == before


def test_text_that_looks_like_a_formula_survives_a_csv_round_trip(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    location_id = next(iter(locations.values()))
    with Session(engine) as session, session.begin():
        location = session.get(Location, location_id)
        assert location is not None
        location.name = '=HYPERLINK("http://x";"klik")'
        location.notes = "- trap kapot\n+ tuin"
    file = tmp_path / "formules.csv"
    export_locations(engine, file)
    text = file.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in text and "'- trap kapot" in text
    before = outbox_count(engine)
    summary = import_locations(engine, file)
    assert (summary.unchanged, summary.created, summary.updated) == (3, 0, 0)
    assert outbox_count(engine) == before
    assert _location(engine, location_id).name == '=HYPERLINK("http://x";"klik")'


def test_an_edited_export_updates_what_changed_and_creates_new_rows(
    engine: Engine, locations: dict[str, str], author: str, tmp_path: Path
) -> None:
    file = tmp_path / "bewerkt.xlsx"
    export_locations(engine, file)
    workbook = openpyxl.load_workbook(file)
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    by_name = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    linde = by_name["De Linde"]
    linde[headers.index("Capaciteit")].value = 7
    linde[headers.index("Status")].value = "Afgebouwd"
    linde[headers.index("Vrij")].value = 99  # read-only: ignored
    by_name["Zonnehof"][headers.index("Straat")].value = "Veldstraat "
    new_row = ["", "Nieuwbouw", "Modulaire unit", "Prospect", None, None, None, "9000"]
    sheet.append([*new_row, None, None, 0])  # no municipality: it comes from the postcode
    workbook.save(file)
    before = outbox_count(engine)
    summary = import_locations(engine, file, author_id=author, today=TODAY)
    assert summary.problems == []
    assert (summary.updated, summary.created, summary.unchanged) == (2, 1, 1)
    location = _location(engine, locations["De Linde"])
    # The file has a "Status sinds" column (empty): the file decides, the change is dated today.
    assert (location.capacity, location.status, location.status_since) == (7, "afgebouwd", None)
    # Places added to a location that is not operational are in preparation (as in the form).
    assert place_statuses(engine, location.id) == ["bezet"] * 3 + ["in_opbouw"] * 2 + ["vrij"] * 2
    assert _location(engine, locations["Zonnehof"]).street == "Veldstraat"
    assert _location(engine, locations["Zonnehof"]).search_text == "zonnehof veldstraat gent"
    assert _by_name(engine, "Nieuwbouw").municipality_nis == "44021"  # from postcode 9000
    with Session(engine) as session:
        steps = [
            (c.from_status, c.to_status, c.changed_on)
            for c in session.scalars(
                select(LocationStatusChange).where(LocationStatusChange.location_id == location.id)
            )
        ]
    assert steps == [("operationeel", "afgebouwd", TODAY)]
    assert capacity_matches_places(engine)
    assert outbox_count(engine) > before
    # Importing the same file again now changes nothing.
    after = outbox_count(engine)
    again = import_locations(engine, file, author_id=author, today=TODAY)
    assert again.created == 1  # the new row had no ID: it is new again...
    assert (again.updated, again.unchanged) == (0, 3)  # ...the rest is unchanged
    assert outbox_count(engine) > after


def test_the_same_address_twice_in_a_municipality_warns(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    file = write_csv(
        tmp_path / "x.csv",
        [
            "Naam;Type;Status;Gemeente;Straat;Huisnummer",
            "Linde bis;Gastgezin;Prospect;Hasselt;kempische steenweg;12",
            "Veld 1;Gastgezin;Prospect;Gent;Veldstraat;3",
            "Veld 2;Gastgezin;Prospect;Gent;Veldstraat;3",
            "Veld 3;Gastgezin;Prospect;Gent;Veldstraat;4",
        ],
    )
    summary = import_locations(engine, file, today=TODAY)
    assert summary.applied and summary.created == 4  # a warning does not stop the import
    assert [(p.row, p.column, p.severity.value, p.message_nl) for p in summary.problems] == [
        (2, "Straat", "warning", "Op dit adres in deze gemeente staat al een locatie: De Linde."),
        (4, "Straat", "warning", "Op dit adres in deze gemeente staat al een locatie: Veld 1."),
    ]


def test_a_free_place_in_a_case_history_is_not_removed(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    from vlot_desktop.db.engine import make_session_factory
    from vlot_desktop.db.models import Case
    from vlot_desktop.domain.enums import CaseStatus, CaseType

    zonnehof = locations["Zonnehof"]  # 4 free places
    with make_session_factory(engine).begin() as session:
        for place_id in session.scalars(select(Place.id).where(Place.location_id == zonnehof)):
            session.add(
                Case(
                    reference=f"D-{place_id[-4:]}",
                    case_type=CaseType.REHOUSING,
                    status=CaseStatus.SOLVED,
                    team_code="oost-vlaanderen",
                    municipality_nis="44021",
                    opened_on=TODAY,
                    assigned_place_id=place_id,
                )
            )
    file = write_csv(tmp_path / "x.csv", ["ID;Capaciteit", f"{zonnehof};2"])
    summary = import_locations(engine, file, today=TODAY)
    assert not summary.applied
    assert [(p.row, p.column, p.message_nl) for p in summary.problems] == [
        (
            2,
            "Capaciteit",
            "Er kunnen maar 0 plaatsen weg (vrije plaatsen die in geen dossier voorkomen); "
            "de capaciteit kan niet onder 4.",
        )
    ]
    assert place_statuses(engine, zonnehof) == ["vrij"] * 4


def test_a_new_status_without_a_status_date_column_starts_today(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    zonnehof = locations["Zonnehof"]  # in voorbereiding since 01/10/2026
    file = write_csv(tmp_path / "x.csv", ["ID;Status", f"{zonnehof};Operational"])
    assert import_locations(engine, file, today=TODAY).updated == 1
    location = _location(engine, zonnehof)
    assert (location.status, location.status_since) == ("operationeel", TODAY)
