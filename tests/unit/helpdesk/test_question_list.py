"""The Vragen list: every filter, the counts per status, overdue, paging, the search box
(words in any order, without accents, a reference), and the word index kept in step with
every write path (services, raw SQL, deletes) and repaired when a bootstrap left it behind."""

from __future__ import annotations

import datetime as dt

from helpdesk_data import DAY, GENK, HASSELT, TODAY, Helpdesk

from vlot_desktop.db import helpdesk_search
from vlot_desktop.domain.enums import QuestionStatus as Q
from vlot_desktop.services import question_list, questions
from vlot_desktop.services.question_list import QuestionFilter, QuestionSort, QuestionState
from vlot_desktop.services.questions import DispatchTarget


def page(h: Helpdesk, **filters: object) -> list[str]:
    with h.engine.connect() as conn:
        first = question_list.first_page(
            conn,
            QuestionFilter(today=TODAY, **filters),
            "received",
            False,
            200,  # type: ignore[arg-type]
        )
    assert first.total == len(first.rows)
    return [r.subject for r in first.rows]


def seed(h: Helpdesk) -> dict[str, str]:
    ids = {
        "school": h.take_in(
            "Kan een Oekraïens kind midden in het schooljaar instappen?",
            received_on=TODAY - 40 * DAY,
        ),
        "tarief": h.take_in(
            "Heeft een ontheemde met een leefloon recht op het sociaal tarief voor energie?",
            received_on=TODAY - 20 * DAY,
            theme="wonen-sociaal-tarief-energie",
            municipality=GENK,
        ),
        "rijbewijs": h.take_in(
            "Kan een Oekraïens rijbewijs omgewisseld worden?",
            received_on=TODAY - 10 * DAY,
            team="centraal",
            theme="mobiliteit-rijbewijzen",
            municipality=None,
        ),
        "huisarts": h.take_in(
            "Hoe vinden ontheemden een huisarts?",
            received_on=TODAY - 2 * DAY,
            theme="welzijn-huisarts-ziekenhuis",
        ),
    }
    questions.dispatch_question(
        h.engine,
        ids["school"],
        [DispatchTarget("onderwijs")],
        sent_on=TODAY - 39 * DAY,
        author_id=h.author_id,
        today=TODAY,
    )
    questions.dispatch_question(
        h.engine,
        ids["huisarts"],
        [DispatchTarget("welzijn-zorg")],
        sent_on=TODAY - DAY,
        author_id=h.author_id,
        today=TODAY,
    )
    questions.answer_question(
        h.engine,
        ids["tarief"],
        answer_text="Ja.",
        answered_on=TODAY - 15 * DAY,
        author_id=None,
        today=TODAY,
    )
    return ids


SCHOOL = "Kan een Oekraïens kind midden in het schooljaar instappen?"
TARIEF = "Heeft een ontheemde met een leefloon recht op het sociaal tarief voor energie?"
RIJBEWIJS = "Kan een Oekraïens rijbewijs omgewisseld worden?"
HUISARTS = "Hoe vinden ontheemden een huisarts?"


def test_every_filter(helpdesk: Helpdesk) -> None:
    h = helpdesk
    seed(h)
    assert page(h) == [SCHOOL, TARIEF, RIJBEWIJS, HUISARTS]
    assert page(h, status=Q.DISPATCHED) == [SCHOOL, HUISARTS]
    assert page(h, state=QuestionState.CLOSED) == [TARIEF]
    assert page(h, state=QuestionState.OPEN) == [SCHOOL, RIJBEWIJS, HUISARTS]
    # Dispatched questions are handled centrally now, but were received in Limburg.
    assert page(h, received_team_code="limburg") == [SCHOOL, TARIEF, HUISARTS]
    assert page(h, handling_team_code="centraal") == [SCHOOL, RIJBEWIJS, HUISARTS]
    assert page(h, handling_team_code="limburg") == [TARIEF]
    assert page(h, theme_code="mobiliteit-rijbewijzen") == [RIJBEWIJS]
    # The policy domain: of the theme, or asked.
    assert page(h, domain_code="welzijn-zorg") == [HUISARTS]
    assert page(h, domain_code="onderwijs") == [SCHOOL]
    assert page(h, municipality_nis=GENK) == [TARIEF]
    assert page(h, municipality_nis=HASSELT) == [SCHOOL, HUISARTS]
    assert page(h, received_from=TODAY - 20 * DAY, received_to=TODAY - 10 * DAY) == [
        TARIEF,
        RIJBEWIJS,
    ]
    assert page(h, received_from=TODAY, received_to=TODAY - DAY) == []
    assert page(h, overdue_only=True) == [SCHOOL]
    assert page(h, overdue_only=True, received_team_code="centraal") == []


def test_counts_per_status_leave_the_status_filter_out(helpdesk: Helpdesk) -> None:
    h = helpdesk
    seed(h)
    with h.engine.connect() as conn:
        first = question_list.first_page(
            conn, QuestionFilter(status=Q.DISPATCHED, today=TODAY), "received", True, 200
        )
    counts = first.summary
    assert first.total == 2
    assert counts.by_status == {
        "nieuw": 1,
        "in_behandeling": 0,
        "doorverwezen": 2,
        "beantwoord": 1,
        "gesloten": 0,
    }
    assert counts.overdue == 1 and counts.open == 3


def test_rows_say_what_the_list_shows(helpdesk: Helpdesk) -> None:
    h = helpdesk
    ids = seed(h)
    with h.engine.connect() as conn:
        rows = {r.id: r for r in question_list.lines(conn, list(ids.values()), TODAY)}
    school = rows[ids["school"]]
    assert school.received_team_code == "limburg" and school.handling_team_code == "centraal"
    assert school.dispatched_to == ("onderwijs",) and school.open_dispatches == 1
    assert school.overdue and school.next_due_on is not None and school.next_due_on < TODAY
    assert school.municipality_name == "Hasselt" and school.domain_code == "onderwijs"
    assert not rows[ids["huisarts"]].overdue
    assert rows[ids["tarief"]].answered_on == TODAY - 15 * DAY


def test_sorting_and_paging_never_overlap(helpdesk: Helpdesk) -> None:
    h = helpdesk
    for n in range(7):
        h.take_in(f"Vraag nummer {n} over scholen", received_on=TODAY - (n % 3) * DAY)
    f = QuestionFilter(today=TODAY)
    with h.engine.connect() as conn:
        for sort in QuestionSort:
            seen: list[str] = []
            first = question_list.first_page(conn, f, sort.value, True, 3)
            seen += [r.id for r in first.rows]
            offset = 3
            while offset < first.total:
                seen += [
                    r.id for r in question_list.next_page(conn, f, sort.value, True, offset, 3)
                ]
                offset += 3
            assert len(seen) == len(set(seen)) == 7, sort


def test_search_finds_words_in_another_order_and_without_accents(helpdesk: Helpdesk) -> None:
    h = helpdesk
    ids = seed(h)
    assert page(h, search="schooljaar oekraiens") == [SCHOOL]
    assert page(h, search="OEKRAÏENS") == [SCHOOL, RIJBEWIJS]
    assert page(h, search="tarief soc") == [TARIEF]
    # Words of one or two letters narrow nothing yet (they start a word of most questions).
    assert page(h, search="a") == page(h, search="vr") == [SCHOOL, TARIEF, RIJBEWIJS, HUISARTS]
    assert page(h, search="vr-2026") == [SCHOOL, TARIEF, RIJBEWIJS, HUISARTS]
    assert page(h, search="fietsen") == []
    reference = h.sql("SELECT reference FROM question WHERE id = ?", ids["rijbewijs"])[0][0]
    assert page(h, search=str(reference).lower().replace("-", " ")) == [RIJBEWIJS]
    assert page(h, search=str(reference)[:10]) == [RIJBEWIJS]


def test_the_index_follows_every_write_path(helpdesk: Helpdesk) -> None:
    h = helpdesk
    ids = seed(h)
    # Raw SQL, as another process or the sync's merge writes.
    h.sql(
        "UPDATE question SET subject = 'Fietsles voor volwassenen', "
        "question_text = 'Waar leren ontheemde volwassenen fietsen?' WHERE id = ?",
        ids["huisarts"],
    )
    assert page(h, search="fietsen") == ["Fietsles voor volwassenen"]
    assert page(h, search="huisarts") == []
    h.sql("DELETE FROM question_status_change WHERE question_id = ?", ids["rijbewijs"])
    h.sql("DELETE FROM question WHERE id = ?", ids["rijbewijs"])
    assert page(h, search="rijbewijs") == []
    assert h.sql("SELECT count(*) FROM question_search_key") == [(3,)]


def test_an_index_left_behind_is_made_again(helpdesk: Helpdesk) -> None:
    h = helpdesk
    seed(h)
    # What a bootstrap into an empty table does: triggers dropped, rows written, triggers back.
    h.sql("DELETE FROM question_fts")
    h.sql("DELETE FROM question_search_key")
    h.sql(f"DROP TRIGGER {helpdesk_search.TRIGGER_PREFIX}question_update")
    with h.engine.connect() as conn:
        assert [i.table for i in helpdesk_search.stale(conn)] == ["question"]
    assert page(h, search="rijbewijs") == [RIJBEWIJS]
    with h.engine.connect() as conn:
        assert helpdesk_search.stale(conn) == []


def test_choices(helpdesk: Helpdesk) -> None:
    with helpdesk.engine.connect() as conn:
        c = question_list.choices(conn)
    assert c.teams[0].key == "centraal" and len(c.teams) == 6
    assert {d.key for d in c.domains} >= {"onderwijs", "opvang-huisvesting"}
    assert len(c.themes) > 50 and len(c.municipalities) == 285
    assert c.municipality_teams[HASSELT] == "limburg"
    assert [p.name for p in c.coordinators["onderwijs"]] == ["Els Wouters"]
    assert isinstance(TODAY, dt.date)
