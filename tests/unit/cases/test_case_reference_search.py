"""The Dossiers search finds a case by its reference as people say and type it: the laptop
code and number ("K7MX-0042", "k7mx 42"), the whole reference, its start, a number; through
the reference index, not by reading every case (docs/case-references.md). And the case
detail names the other cases with the same reference (a clash) for the screen's notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Case
from vlot_desktop.db.queries.cases import (
    CaseFilter,
    CaseSort,
    CaseState,
    SameReference,
    case_conditions,
    case_detail,
    list_cases,
    reference_condition,
    reference_years,
)
from vlot_desktop.domain.case_reference import parse_reference
from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.services.cases import reference_clashes

from .conftest import HASSELT, TODAY, member, new_case

REFERENCES = [
    # This laptop (K7MX), over three types and two years; one number per year for all types.
    "HH-2026-K7MX-0042",
    "KP-2026-K7MX-0043",
    "FI-2026-K7MX-0004",
    "HH-2025-K7MX-0042",
    "HH-2026-K7MX-4200",
    # Another laptop with a code that starts the same, widened (K7MXA), and one unrelated.
    "HH-2026-K7MXA-0042",
    "HH-2026-P7ZT-0042",
    # Older references stay findable.
    "HH-2026-00042",
    "KP-2025-00007",
]
CLOSED = {"HH-2026-K7MX-4200"}


def _add_cases(engine: Engine) -> dict[str, str]:
    """The cases of ``REFERENCES``, as they arrive from several laptops by sync; reference ->
    case id."""
    ids: dict[str, str] = {}
    with Session(engine) as session, session.begin():
        for reference in REFERENCES:
            parsed = parse_reference(reference)
            assert parsed is not None, reference
            case = Case(
                reference=reference,
                case_type={"HH": CaseType.REHOUSING, "KP": CaseType.VULNERABLE}.get(
                    parsed.prefix, CaseType.FEDASIL_INTAKE
                ),
                status=CaseStatus.CLOSED if reference in CLOSED else CaseStatus.NEW,
                team_code="limburg",
                municipality_nis=HASSELT,
                opened_on=dt.date(parsed.year, 3, 1),
                closed_on=dt.date(2026, 10, 1) if reference in CLOSED else None,
            )
            session.add(case)
            session.flush()
            ids[reference] = case.id
    return ids


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One database with the cases for the tests that only search (set up once)."""
    from vlot_desktop.services.setup import initialise_laptop

    folder = tmp_path_factory.mktemp("reference-search")
    initialise_laptop(folder, "An Peeters", "limburg")
    engine = make_engine(paths.database_path(folder))
    _add_cases(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def cases(engine: Engine) -> dict[str, str]:
    """The cases in the test's own database (for the tests that change it)."""
    return _add_cases(engine)


def _found(engine: Engine, search: str, **kwargs: object) -> list[str]:
    """The references the list shows for ``search`` (sorted), its total checked."""
    with engine.connect() as conn:
        page = list_cases(
            conn,
            CaseFilter(search=search, today=TODAY, **kwargs),  # type: ignore[arg-type]
            sort=CaseSort.REFERENCE,
            limit=1000,
        )
    assert page.total == len(page.rows)
    return [row.reference for row in page.rows]


@pytest.mark.parametrize(
    "typed",
    [
        "K7MX-0042",
        "k7mx-0042",
        "k7mx 42",  # read out: "K 7 M X, 42"
        "K7MX 042",
        "k7mx/42",
        "K7MX.0042",
        " k7mx  -  42 ",
        "k7mx_42",
    ],
)
def test_a_laptop_code_and_number_find_that_number_in_every_type_and_year(
    shared: Engine, typed: str
) -> None:
    # Not the widened code K7MXA, not another laptop's 0042, not K7MX-4200.
    assert _found(shared, typed) == ["HH-2025-K7MX-0042", "HH-2026-K7MX-0042"]


def test_the_number_is_shared_by_the_types(shared: Engine) -> None:
    assert _found(shared, "k7mx 43") == ["KP-2026-K7MX-0043"]
    assert _found(shared, "K7MX-4") == ["FI-2026-K7MX-0004"]  # a whole number: not 0042
    assert _found(shared, "2026 k7mx 4") == ["FI-2026-K7MX-0004"]


def test_a_laptop_code_alone_finds_that_laptops_cases(shared: Engine) -> None:
    mine = [r for r in REFERENCES if "-K7MX-" in r]
    assert _found(shared, "k7mx-") == sorted(mine)  # "-" ends the code: not K7MXA
    # As it is typed, the code's start also finds the longer code that starts with it.
    assert _found(shared, "k7mx") == sorted([*mine, "HH-2026-K7MXA-0042"])
    assert _found(shared, "K7MXA") == ["HH-2026-K7MXA-0042"]
    assert _found(shared, "p7zt") == ["HH-2026-P7ZT-0042"]
    assert _found(shared, "k7mx-00") == sorted(r for r in mine if "-00" in r[-5:])
    assert _found(shared, "q9zz") == []


def test_the_other_filters_still_apply(shared: Engine) -> None:
    assert _found(shared, "k7mx-4200") == ["HH-2026-K7MX-4200"]
    assert _found(shared, "k7mx-4200", state=CaseState.OPEN) == []
    assert _found(shared, "k7mx 42", case_type=CaseType.REHOUSING, state=CaseState.OPEN) == [
        "HH-2025-K7MX-0042",
        "HH-2026-K7MX-0042",
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("HH-2026-K7MX-0042", ["HH-2026-K7MX-0042"]),
        ("hh 2026 k7mx 42", ["HH-2026-K7MX-0042"]),  # read out
        ("HH/2026/K7MX/0042", ["HH-2026-K7MX-0042"]),
        ("hh-2026-k7mx", ["HH-2026-K7MX-0042", "HH-2026-K7MX-4200", "HH-2026-K7MXA-0042"]),
        ("hh 2026 k7mx-", ["HH-2026-K7MX-0042", "HH-2026-K7MX-4200"]),
        ("kp-2026", ["KP-2026-K7MX-0043"]),
        ("hh 2025", ["HH-2025-K7MX-0042"]),
        # Older references: the start, and the whole one without its zeros.
        ("HH-2026-00042", ["HH-2026-00042"]),
        ("kp/2025/7", ["KP-2025-00007"]),
        ("kp 2025 0", ["KP-2025-00007"]),
    ],
)
def test_text_that_starts_with_a_type_is_the_start_of_a_reference(
    shared: Engine, typed: str, expected: list[str]
) -> None:
    assert _found(shared, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-K7MX-0042", ["HH-2026-K7MX-0042"]),
        ("2026 k7mx 42", ["HH-2026-K7MX-0042"]),
        ("0043", ["KP-2026-K7MX-0043"]),
        ("00042", ["HH-2026-00042"]),  # five digits: only the older reference
        (
            "0042",
            [
                "HH-2025-K7MX-0042",
                "HH-2026-00042",
                "HH-2026-K7MX-0042",
                "HH-2026-K7MXA-0042",
                "HH-2026-P7ZT-0042",
            ],
        ),
        ("100%_", []),
    ],
)
def test_text_that_starts_with_a_digit_is_any_part_of_a_reference(
    shared: Engine, typed: str, expected: list[str]
) -> None:
    assert _found(shared, typed) == expected


def test_names_are_still_searched_by_name(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id, [member("Kira", "Mxenko", None, None)])
    with engine.connect() as conn:
        page = list_cases(conn, CaseFilter(search="kira mx", today=TODAY))
    assert [row.id for row in page.rows] == [case_id]
    assert reference_condition("kira mx") is None


def _plan(engine: Engine, search: str) -> list[str]:
    """The query plan of the list's page and of its count for ``search``."""
    lines: list[str] = []
    with engine.connect() as conn:
        condition = reference_condition(search, conn)
        assert condition is not None
        conditions = [*case_conditions(CaseFilter(today=TODAY)), condition]
        for stmt in (
            select(Case.id).where(*conditions).order_by(Case.deadline, Case.id).limit(200),
            select(func.count()).select_from(Case).where(*conditions),
        ):
            sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
            lines += [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    return lines


@pytest.mark.parametrize("typed", ["k7mx", "K7MX-0042", "k7mx 42", "k7", "hh 2026 k7mx 42"])
def test_a_code_or_type_search_reads_the_reference_index_not_every_case(
    shared: Engine, typed: str
) -> None:
    plan = _plan(shared, typed)
    assert not [line for line in plan if line.startswith("SCAN")], plan
    assert any("ix_case_file_reference" in line for line in plan), plan


def test_the_years_come_from_the_ends_of_the_reference_index(
    engine: Engine, cases: dict[str, str]
) -> None:
    with engine.connect() as conn:
        assert reference_years(conn) == [2025, 2026]
    with Session(engine) as session, session.begin():
        session.add(
            Case(
                reference="FI-2022-B3CD-0001",
                case_type=CaseType.FEDASIL_INTAKE,
                status=CaseStatus.NEW,
                team_code="limburg",
                municipality_nis=HASSELT,
                opened_on=dt.date(2022, 5, 1),
            )
        )
    with engine.connect() as conn:
        assert reference_years(conn) == [2022, 2023, 2024, 2025, 2026]
    assert _found(engine, "b3cd 1") == ["FI-2022-B3CD-0001"]


def test_a_reference_typed_by_hand_at_an_end_of_the_index_falls_back_to_a_scan(
    engine: Engine, cases: dict[str, str]
) -> None:
    with Session(engine) as session, session.begin():
        session.add(
            Case(
                reference="HH-9X",  # sorts after every HH-YEAR-... reference
                case_type=CaseType.REHOUSING,
                status=CaseStatus.NEW,
                team_code="limburg",
                municipality_nis=HASSELT,
                opened_on=dt.date(2026, 1, 5),
            )
        )
    with engine.connect() as conn:
        assert reference_years(conn) is None
    # Still found, by reading the references (a whole code) ...
    assert _found(engine, "k7mx 42") == ["HH-2025-K7MX-0042", "HH-2026-K7MX-0042"]
    assert _found(engine, "k7mx-") == sorted(r for r in REFERENCES if "-K7MX-" in r)
    assert _found(engine, "hh-9x") == ["HH-9X"]
    # ... but the start of a code is not worth a scan of every case.
    assert _found(engine, "k7") == []


def test_without_a_connection_only_a_whole_code_is_searched_inside_references() -> None:
    def sql(search: str) -> str:
        condition = reference_condition(search)
        assert condition is not None
        return str(condition.compile(compile_kwargs={"literal_binds": True}))

    assert "LIKE '%-K7MX-0042'" in sql("k7mx 42")
    assert "LIKE '%-K7MX%'" in sql("K7MX")
    assert "LIKE" not in sql("k7")  # the start of the reference, as before
    assert "LIKE" not in sql("hh-2026-k7mx")


def test_a_database_without_new_references_finds_no_code(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(Case))
    with engine.connect() as conn:
        assert reference_years(conn) == []
    assert _found(engine, "k7mx 42") == []


def test_the_detail_names_the_other_cases_with_the_same_reference(
    engine: Engine, author_id: str
) -> None:
    first = new_case(engine, author_id, [member()], opened_on=dt.date(2026, 10, 1))
    second = new_case(engine, author_id, [member("Taras", "Melnyk", "Тарас", "Мельник")])
    alone = new_case(engine, author_id, [member("Ivan", "Bondar", None, None)])
    with Session(engine) as session, session.begin():
        shared = session.get_one(Case, first).reference
        session.get_one(Case, second).reference = shared  # two laptops, one code, offline
    with engine.connect() as conn:
        detail = case_detail(conn, second, today=TODAY)
        other = case_detail(conn, first, today=TODAY)
        single = case_detail(conn, alone, today=TODAY)
    assert detail is not None and other is not None and single is not None
    assert detail.same_reference == [
        SameReference(first, "Olena Kovalenko", "Hasselt", dt.date(2026, 10, 1))
    ]
    assert [s.id for s in other.same_reference] == [second]
    assert other.same_reference[0].contact_name == "Taras Melnyk"  # Latin only
    assert single.same_reference == []
    with Session(engine) as session:  # what the service finds, and renumbers
        for case_id, shown in ((second, detail), (alone, single)):
            clashes = reference_clashes(session, case_id)
            assert bool(clashes) == bool(shown.same_reference)
            if clashes:
                assert set(clashes[0].case_ids) == {case_id, *(s.id for s in shown.same_reference)}
