"""A cell too long for the other laptops (domain.text_limits) stops the whole import."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, select

from vlot_desktop.db.models import Location
from vlot_desktop.domain.text_limits import MAX_FREE_TEXT
from vlot_desktop.services.location_import import import_locations, write_report

from .conftest import location_count, outbox_count, write_csv

HEADER = "ID;Naam;Type;Status;Gemeente;Capaciteit;Opmerkingen"
TOO_LONG = (
    "Deze tekst is te lang: 200.000 tekens, hoogstens 100.000. "
    "Hij is niet bewaard; maak hem korter."
)


def _notes(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return {name: notes for name, notes in conn.execute(select(Location.name, Location.notes))}


def test_a_notes_cell_of_200_000_characters_imports_nothing(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    before = (location_count(engine), outbox_count(engine), _notes(engine))
    huge = "а" * 200_000  # Cyrillic: 400 kB of UTF-8 in one cell
    file = write_csv(
        tmp_path / "locaties.csv",
        [
            HEADER,
            ";Goed;Gastgezin;Operationeel;Gent;2;Sleutel bij de buren",
            f"{locations['De Linde']};De Linde;Collectieve opvang;Operationeel;Hasselt;5;{huge}",
        ],
    )
    summary = import_locations(engine, file)
    assert not summary.applied and summary.has_errors
    assert (location_count(engine), outbox_count(engine), _notes(engine)) == before
    (problem,) = summary.problems
    assert (problem.row, problem.column, problem.message_nl) == (3, "Opmerkingen", TOO_LONG)
    assert problem.message_en.startswith("This text is too long: 200,000 characters")
    assert problem.value == "а" * 200 + "…"  # the report shows the start, not the whole cell

    report = tmp_path / "rapport.csv"
    write_report(summary, report)
    with report.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[1:] == [["3", "Opmerkingen", "а" * 200 + "…", TOO_LONG, "fout"]]


def test_a_notes_cell_at_the_limit_is_imported(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    notes = "Опис " * (MAX_FREE_TEXT // 5)
    assert len(notes) == MAX_FREE_TEXT
    file = write_csv(
        tmp_path / "locaties.csv",
        [HEADER, f";Nieuw;Gastgezin;Operationeel;Gent;1;{notes}"],
    )
    summary = import_locations(engine, file)
    assert summary.applied and summary.created == 1 and not summary.problems
    assert _notes(engine)["Nieuw"] == notes.strip()  # a cell is trimmed, as always
