"""An import row whose postcode serves two municipalities (1804: Vilvoorde and Zemst).

Without a municipality the import cannot choose: the row is refused with one message on the
postcode cell that says what to do, and nothing is written (all or nothing). With the
municipality filled in, either of both is accepted with that postcode.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Location
from vlot_desktop.domain.location_rules import Severity
from vlot_desktop.services.location_import import import_locations

from .conftest import TODAY, location_count, write_csv

VILVOORDE, ZEMST = "23088", "23096"
MESSAGE_NL = "Postcode 1804 hoort bij meer dan één gemeente; vul de gemeente in."
MESSAGE_EN = "Postcode 1804 belongs to more than one municipality; fill in the municipality."


@pytest.mark.parametrize(
    "lines",
    [
        # No municipality column at all.
        ["Naam;Type;Status;Postcode;Capaciteit", "De Brug;Gastgezin;Operationeel;1804;2"],
        # Municipality columns, left empty on this row.
        [
            "Naam;Type;Status;Gemeente;NIS-code;Postcode;Capaciteit",
            "De Brug;Gastgezin;Operationeel;;;1804;2",
        ],
    ],
    ids=["no municipality column", "municipality left empty"],
)
def test_a_postcode_of_two_municipalities_without_municipality_is_refused_on_the_postcode(
    engine: Engine, tmp_path: Path, lines: list[str]
) -> None:
    file = write_csv(tmp_path / "locaties.csv", lines)
    summary = import_locations(engine, file, today=TODAY)
    assert not summary.applied and summary.created == 0
    assert location_count(engine) == 0
    # One message, on the postcode cell; not a second "Kies een gemeente." for the same cause.
    assert [(p.row, p.column, p.value, p.message_nl, p.severity) for p in summary.problems] == [
        (2, "Postcode", "1804", MESSAGE_NL, Severity.ERROR)
    ]
    assert summary.problems[0].text("en") == MESSAGE_EN
    assert summary.error_count == 1


def test_a_dry_run_says_the_same_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    file = write_csv(
        tmp_path / "locaties.csv",
        ["Naam;Type;Status;Postcode", "De Brug;Gastgezin;Operationeel;1804"],
    )
    summary = import_locations(engine, file, today=TODAY, dry_run=True)
    assert [p.message_nl for p in summary.problems] == [MESSAGE_NL]
    assert not summary.applied and location_count(engine) == 0


@pytest.mark.parametrize(
    ("municipality", "nis"),
    [("Zemst", ZEMST), ("Vilvoorde", VILVOORDE)],
)
def test_with_the_municipality_filled_in_either_one_is_accepted(
    engine: Engine, tmp_path: Path, municipality: str, nis: str
) -> None:
    file = write_csv(
        tmp_path / "locaties.csv",
        [
            "Naam;Type;Status;Gemeente;Postcode;Capaciteit",
            f"De Brug;Gastgezin;Operationeel;{municipality};1804;2",
        ],
    )
    summary = import_locations(engine, file, today=TODAY)
    assert (summary.applied, summary.created, summary.problems) == (True, 1, [])
    with Session(engine) as session:
        location = session.scalars(select(Location).where(Location.name == "De Brug")).one()
    assert (location.municipality_nis, location.postcode) == (nis, "1804")
