"""The word index on members' names: kept up to date by every write, same answers as LIKE."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine

from vlot_desktop import paths
from vlot_desktop.db import member_search
from vlot_desktop.db.queries.cases import CaseFilter, list_cases, matching_case_ids
from vlot_desktop.services.cases import add_member, remove_member, update_member

from .conftest import TODAY, member, new_case


def _found(engine: Engine, typed: str) -> set[str]:
    with engine.connect() as conn:
        page = list_cases(conn, CaseFilter(search=typed, today=TODAY), limit=1000)
    return {row.id for row in page.rows}


def test_a_new_database_has_the_index(engine: Engine) -> None:
    with engine.connect() as conn:
        assert member_search.is_installed(conn)


def test_the_index_follows_adding_renaming_and_removing(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id, [member()])
    assert _found(engine, "olen") == {case_id}
    assert _found(engine, "Кова") == {case_id}
    member_id, problems = add_member(
        engine, case_id, member("Taras", "Kovalenko", "Тарас", None, relation="kind"), today=TODAY
    )
    assert member_id is not None, problems
    assert _found(engine, "taras") == {case_id}
    assert update_member(engine, member_id, member("Bohdan", "Kovalenko", None, None)) == []
    assert _found(engine, "taras") == set()
    assert _found(engine, "тарас") == set()
    assert _found(engine, "bohd") == {case_id}
    assert remove_member(engine, member_id) == []
    assert _found(engine, "bohd") == set()
    assert _found(engine, "olena kov") == {case_id}


def test_raw_sql_writes_are_indexed_too(engine: Engine, author_id: str, prepared_dir: Path) -> None:
    case_id = new_case(engine, author_id, [member()])
    conn = sqlite3.connect(paths.database_path(prepared_dir))
    with conn:
        conn.execute(
            "UPDATE household_member SET search_names = 'olha melnyk ольга мельник' "
            "WHERE case_id = ?",
            (case_id,),
        )
    conn.close()
    assert _found(engine, "olha") == {case_id}
    assert _found(engine, "olena") == set()


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("olen kov", '"olen"* AND "kov"*'),
        ('o"le*na', '"o"* AND "le"* AND "na"*'),
        ("олена", '"олена"*'),
        ("  - ", None),
    ],
)
def test_what_the_user_types_never_becomes_fts_syntax(typed: str, query: str | None) -> None:
    assert member_search.prefix_query(typed) == query


def test_punctuation_only_searches_nothing_by_name(engine: Engine, author_id: str) -> None:
    new_case(engine, author_id, [member()])
    assert matching_case_ids("  -* ", indexed=True) is None
    assert _found(engine, '"') != set()  # no name condition: the unfiltered list


def test_without_the_index_the_search_falls_back_to_like(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id, [member()])
    with engine.begin() as conn:
        member_search.uninstall(conn)
    assert _found(engine, "olen kov") == {case_id}
    with engine.begin() as conn:
        assert member_search.install(conn)
    assert _found(engine, "olen kov") == {case_id}
