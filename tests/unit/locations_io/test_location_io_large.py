"""100,000 rows with one bad row at the very end: the report names it, nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from vlot_desktop.services.location_import import import_locations

from .conftest import location_count, outbox_count

ROWS = 100_000


def write_large_csv(path: Path, rows: int, bad_last: bool = True) -> Path:
    """A semicolon CSV of ``rows`` new locations; the last one has a negative capacity."""
    lines = ["Naam;Type;Status;Gemeente;Postcode;Capaciteit;Geopend op"]
    lines += [
        f"Woning {i};Individuele woning;Operationeel;Leuven;3000;{i % 5};01/0{i % 9 + 1}/2024"
        for i in range(rows - 1)
    ]
    capacity = -2 if bad_last else 1
    lines.append(f"Laatste;Gastgezin;Operationeel;Leuven;3000;{capacity};")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_one_bad_row_at_the_end_of_100k_rows_imports_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    file = write_large_csv(tmp_path / "groot.csv", ROWS)
    before = outbox_count(engine)
    summary = import_locations(engine, file)
    assert summary.rows == ROWS
    assert not summary.applied
    assert [(p.row, p.column, p.value, p.message_nl) for p in summary.problems] == [
        (ROWS + 1, "Capaciteit", "-2", "De capaciteit kan niet negatief zijn.")
    ]
    # The preview shows the first rows and the bad one.
    assert summary.preview[-1].number == ROWS + 1
    assert (location_count(engine), outbox_count(engine)) == (0, before)
