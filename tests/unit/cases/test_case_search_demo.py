"""Search on the small demo set agrees with a plain Python reading of the same rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.queries.cases import CaseFilter, CaseState, list_cases
from vlot_desktop.domain.text import fold

from .conftest import TODAY


@pytest.mark.parametrize("typed", ["Оле", "olen", "kov", "Ко", "o", "ivan pet"])
def test_search_matches_word_starts_like_python_does(demo_dir: Path, typed: str) -> None:
    engine = make_engine(paths.database_path(demo_dir))
    try:
        with engine.connect() as conn:
            members = conn.exec_driver_sql(
                "SELECT m.case_id, m.first_name, m.last_name, m.first_name_cyrillic,"
                " m.last_name_cyrillic, c.status FROM household_member m"
                " JOIN case_file c ON c.id = m.case_id"
            ).all()
            words = fold(typed).split()
            expected_all = set()
            expected_open = set()
            for case_id, *names, status in members:
                tokens = " ".join(fold(n) for n in names if n).split()
                if all(any(t.startswith(w) for t in tokens) for w in words):
                    expected_all.add(case_id)
                    if status in ("nieuw", "in_behandeling", "wacht_op_plaats"):
                        expected_open.add(case_id)
            page = list_cases(conn, CaseFilter(search=typed, today=TODAY), limit=100_000)
            open_page = list_cases(
                conn, CaseFilter(search=typed, state=CaseState.OPEN, today=TODAY), limit=100_000
            )
    finally:
        engine.dispose()
    assert {row.id for row in page.rows} == expected_all
    assert page.total == len(expected_all)
    assert {row.id for row in open_page.rows} == expected_open
    assert expected_all  # the demo has such names, so the comparison means something


def test_matching_on_the_demo_ranks_fitting_places_nearest_first(demo_dir: Path) -> None:
    from vlot_desktop.services.matching import suggest_places

    engine = make_engine(paths.database_path(demo_dir))
    try:
        with engine.connect() as conn:
            page = list_cases(conn, CaseFilter(state=CaseState.OPEN, today=TODAY), limit=20)
        checked = 0
        for row in page.rows:
            suggestions = suggest_places(engine, row.id)
            if not suggestions:
                continue
            checked += 1
            keys = [(not s.fits, s.proximity) for s in suggestions]
            assert keys == sorted(keys)
            assert [s.rank for s in suggestions] == list(range(1, len(suggestions) + 1))
            for s in suggestions:
                assert s.free_places >= 1 and s.reasons
                assert s.fits == all(r.ok for r in s.reasons)
                assert len(s.free_place_ids) == min(s.free_places, row.household_size)
    finally:
        engine.dispose()
    assert checked > 0
