"""The helpdesk's write paths as a user meets them: intake, status steps with their history,
dispatch to one or more domains (the receiving team stays), reminders, the sector's answer,
VLOT's answer, sector coordinators. Bad input gives the rule's Dutch message and saves
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from helpdesk_data import ASKER, COORDINATOR, DAY, HASSELT, TODAY, WELFARE, Helpdesk

from vlot_desktop.domain.enums import QuestionStatus as Q
from vlot_desktop.domain.question_rules import OWN_DOMAIN, question_reference
from vlot_desktop.services import question_detail, question_list, questions
from vlot_desktop.services.questions import DispatchTarget, NewQuestion, QuestionFields


def counts(h: Helpdesk) -> tuple[object, ...]:
    return h.sql(
        "SELECT (SELECT count(*) FROM question), (SELECT count(*) FROM question_dispatch), "
        "(SELECT count(*) FROM question_status_change)"
    )[0]


def history(h: Helpdesk, question_id: str) -> list[tuple[object, ...]]:
    return h.sql(
        "SELECT from_status, to_status, changed_by_id FROM question_status_change "
        "WHERE question_id = ? ORDER BY changed_at, rowid",
        question_id,
    )


# -- intake ---------------------------------------------------------------------------------


def test_intake_keeps_the_receiving_team_a_reference_and_a_first_history_row(
    helpdesk: Helpdesk,
) -> None:
    h = helpdesk
    result = questions.create_question(
        h.engine,
        NewQuestion(
            question_text="  Kan een Oekraïens kind midden in het schooljaar instappen? "
            "Het gezin woont sinds vorige week in Hasselt.",
            received_on=TODAY - DAY,
            received_team_code="limburg",
            channel="telefoon",
            municipality_nis=HASSELT,
            asker_contact_id=ASKER,
        ),
        author_id=h.author_id,
        today=TODAY,
    )
    assert result.saved and result.problems == []
    assert result.question_id is not None
    assert result.reference == question_reference(result.question_id, TODAY - DAY)
    row = h.sql(
        "SELECT received_team_code, team_code, status, subject, reference, channel "
        "FROM question WHERE id = ?",
        result.question_id,
    )
    assert row == [
        (
            "limburg",
            "limburg",
            "nieuw",
            "Kan een Oekraïens kind midden in het schooljaar instappen?",
            result.reference,
            "telefoon",
        )
    ]
    assert history(h, result.question_id) == [(None, "nieuw", h.author_id)]


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_question_is_refused_and_nothing_is_saved(helpdesk: Helpdesk, text: str) -> None:
    before = counts(helpdesk)
    result = questions.create_question(
        helpdesk.engine,
        NewQuestion(question_text=text, received_on=TODAY, received_team_code="limburg"),
        author_id=helpdesk.author_id,
        today=TODAY,
    )
    assert not result.saved
    assert [p.message for p in result.problems] == ["Vul de vraag in."]
    assert counts(helpdesk) == before


def test_intake_refuses_a_future_date_an_unknown_team_and_an_unknown_asker(
    helpdesk: Helpdesk,
) -> None:
    before = counts(helpdesk)
    result = questions.create_question(
        helpdesk.engine,
        NewQuestion(
            question_text="Vraag",
            received_on=TODAY + DAY,
            received_team_code="brussel",
            asker_contact_id="nobody",
            asker_email="geen adres",
        ),
        author_id=helpdesk.author_id,
        today=TODAY,
    )
    assert {p.field for p in result.problems} == {
        "received_on",
        "received_team_code",
        "asker_contact_id",
        "asker_email",
    }
    assert counts(helpdesk) == before


# -- status -------------------------------------------------------------------------------


def test_every_status_step_is_history_with_who_and_when(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in()
    assert (
        questions.step_status(h.engine, qid, Q.IN_PROGRESS, author_id=h.author_id, today=TODAY)
        == []
    )
    assert questions.step_status(h.engine, qid, Q.CLOSED, author_id=None, today=TODAY) == []
    assert h.sql("SELECT status, closed_on FROM question WHERE id = ?", qid) == [
        ("gesloten", TODAY.isoformat())
    ]
    assert (
        questions.step_status(h.engine, qid, Q.IN_PROGRESS, author_id=h.author_id, today=TODAY)
        == []
    )
    assert h.sql("SELECT closed_on FROM question WHERE id = ?", qid) == [(None,)]
    assert history(h, qid) == [
        (None, "nieuw", h.author_id),
        ("nieuw", "in_behandeling", h.author_id),
        ("in_behandeling", "gesloten", None),
        ("gesloten", "in_behandeling", h.author_id),
    ]
    before = counts(h)
    refused = questions.step_status(h.engine, qid, Q.IN_PROGRESS, author_id=None, today=TODAY)
    assert refused[0].message == "De vraag heeft de status 'In behandeling' al."
    assert counts(h) == before


# -- dispatch ---------------------------------------------------------------------------------


def test_dispatch_to_two_domains_keeps_the_receiving_team(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in()
    result = questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("onderwijs"), DispatchTarget("welzijn-zorg")],
        sent_on=TODAY,
        author_id=h.author_id,
        today=TODAY,
    )
    assert result.saved and len(result.dispatch_ids) == 2 and result.problems == []
    rows = h.sql(
        "SELECT domain_code, coordinator_contact_id, sent_on, due_on, status, sent_by_id "
        "FROM question_dispatch WHERE question_id = ? ORDER BY domain_code",
        qid,
    )
    assert rows == [
        # The theme (school enrolment) asks for 5 working days; the coordinator is the domain's.
        ("onderwijs", COORDINATOR, "2026-11-26", "2026-12-03", "gevraagd", h.author_id),
        ("welzijn-zorg", WELFARE, "2026-11-26", "2026-12-03", "gevraagd", h.author_id),
    ]
    assert h.sql(
        "SELECT received_team_code, team_code, status FROM question WHERE id = ?", qid
    ) == [("limburg", "centraal", "doorverwezen")]
    assert history(h, qid)[-1] == ("nieuw", "doorverwezen", h.author_id)
    # A second domain later: no second status change, a warning for a domain still asked.
    again = questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("onderwijs", due_on=TODAY + 20 * DAY)],
        sent_on=TODAY,
        author_id=h.author_id,
        today=TODAY,
    )
    assert again.saved and [p.field for p in again.problems] == ["domains"]
    assert not again.problems[0].is_error
    assert len(history(h, qid)) == 2
    assert h.sql("SELECT due_on FROM question_dispatch WHERE id = ?", again.dispatch_ids[0]) == [
        ("2026-12-16",)
    ]


def test_the_default_due_date_follows_the_theme_and_the_domain(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in("Wie betaalt de dagprijs van een woonzorgcentrum?", theme=None)
    result = questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("welzijn-zorg")],
        sent_on=TODAY,
        author_id=h.author_id,
        today=TODAY,
    )
    # No theme: the domain's five working days (Thursday -> Thursday).
    assert h.sql("SELECT due_on FROM question_dispatch WHERE id = ?", result.dispatch_ids[0]) == [
        ("2026-12-03",)
    ]


@pytest.mark.parametrize("closing", [Q.ANSWERED, Q.CLOSED])
def test_dispatching_an_answered_question_is_refused_and_nothing_saved(
    helpdesk: Helpdesk, closing: Q
) -> None:
    h = helpdesk
    qid = h.take_in()
    assert questions.step_status(h.engine, qid, closing, author_id=None, today=TODAY) == []
    before = counts(h) + tuple(h.sql("SELECT team_code, status FROM question WHERE id = ?", qid))
    result = questions.dispatch_question(
        h.engine, qid, [DispatchTarget("onderwijs")], sent_on=TODAY, author_id=None, today=TODAY
    )
    assert not result.saved
    assert [p.field for p in result.problems] == ["status"]
    assert "Heropen ze eerst" in result.problems[0].message
    assert counts(h) + tuple(h.sql("SELECT team_code, status FROM question WHERE id = ?", qid)) == (
        before
    )


def test_dispatch_refuses_a_due_date_before_the_question_came_in(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in(received_on=TODAY - 3 * DAY)
    before = counts(h)
    result = questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("onderwijs")],
        sent_on=TODAY,
        due_on=TODAY - 4 * DAY,
        author_id=None,
        today=TODAY,
    )
    assert not result.saved
    assert result.problems[0].message == (
        "De vervaldatum ligt vóór de datum waarop de vraag binnenkwam (23/11/2026)."
    )
    own = questions.dispatch_question(
        h.engine, qid, [DispatchTarget(OWN_DOMAIN)], sent_on=TODAY, author_id=None, today=TODAY
    )
    assert not own.saved and "VLOT zelf" in own.problems[0].message
    assert counts(h) == before


def test_reminders_the_sectors_answer_and_no_answer(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in(received_on=TODAY - 30 * DAY)
    (first, second) = questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("onderwijs"), DispatchTarget("welzijn-zorg")],
        sent_on=TODAY - 20 * DAY,
        author_id=h.author_id,
        today=TODAY,
    ).dispatch_ids
    with h.engine.connect() as conn:
        overdue = question_list.overdue_dispatches(conn, TODAY)
    assert {r.dispatch_id for r in overdue} == {first, second}
    assert overdue[0].days_overdue > 0 and overdue[0].coordinator_email
    assert questions.remind_dispatch(h.engine, first, on_date=TODAY, today=TODAY) == []
    assert (
        questions.remind_dispatch(
            h.engine, first, on_date=TODAY, new_due_on=TODAY + 5 * DAY, today=TODAY
        )
        == []
    )
    assert h.sql("SELECT status, reminders, due_on FROM question_dispatch WHERE id = ?", first) == [
        ("herinnerd", 2, (TODAY + 5 * DAY).isoformat())
    ]
    answered = questions.record_sector_answer(
        h.engine, first, answer_text="Ja, via het CLB.", answered_on=TODAY, today=TODAY
    )
    assert answered == []
    assert questions.record_no_answer(h.engine, second) == []
    with h.engine.connect() as conn:
        assert question_list.overdue_dispatches(conn, TODAY) == []
    late = questions.record_sector_answer(
        h.engine, second, answer_text="Alsnog: ja.", answered_on=TODAY, today=TODAY
    )
    assert late == []
    refused = questions.remind_dispatch(h.engine, first, on_date=TODAY, today=TODAY)
    assert refused[0].message == "Dit beleidsdomein heeft al geantwoord."
    before_answer = questions.record_sector_answer(
        h.engine, first, answer_text="x", answered_on=TODAY - 21 * DAY, today=TODAY
    )
    assert [p.field for p in before_answer] == ["answered_on"]
    # The question itself is still with VLOT: the sector's answer does not answer the asker.
    assert h.sql("SELECT status FROM question WHERE id = ?", qid) == [("doorverwezen",)]


def test_vlots_answer_closes_the_question(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in()
    assert (
        questions.answer_question(
            h.engine,
            qid,
            answer_text="Ja, het kind kan meteen instappen.",
            answered_on=TODAY,
            author_id=h.author_id,
            today=TODAY,
        )
        == []
    )
    assert h.sql("SELECT status, answered_on, closed_on FROM question WHERE id = ?", qid) == [
        ("beantwoord", TODAY.isoformat(), TODAY.isoformat())
    ]
    assert history(h, qid)[-1] == ("nieuw", "beantwoord", h.author_id)
    # A correction of the text: no new history row.
    assert (
        questions.answer_question(
            h.engine, qid, answer_text="Verbeterd.", answered_on=TODAY, author_id=None, today=TODAY
        )
        == []
    )
    assert len(history(h, qid)) == 2
    empty = questions.answer_question(
        h.engine, qid, answer_text=" ", answered_on=TODAY, author_id=None, today=TODAY
    )
    assert empty[0].message == "Vul het antwoord in."


def test_the_detail_form_writes_only_what_changed(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in(asker_name="Jan Claes")
    with h.engine.connect() as conn:
        d = question_detail.detail(conn, qid, TODAY)
    fields = QuestionFields(
        subject=d.subject,
        question_text=d.question_text,
        received_on=d.received_on,
        received_team_code=d.received_team_code,
        handling_team_code="centraal",
        channel=d.channel,
        municipality_nis=d.municipality_nis,
        theme_code=d.theme_code,
        asker_name=d.asker_name,
    )
    outbox = h.sql("SELECT count(*) FROM sync_outbox")[0][0]
    assert questions.update_question(h.engine, qid, fields, today=TODAY) == []
    changed = h.sql("SELECT field FROM sync_outbox ORDER BY seq")[outbox:]  # type: ignore[misc]
    assert changed == [("team_code",)]
    unknown = questions.update_question(
        h.engine, qid, QuestionFields(**{**fields.__dict__, "theme_code": "bestaat-niet"})
    )
    assert [p.field for p in unknown] == ["theme_code"]


def test_sector_coordinators_are_one_row_per_pair(helpdesk: Helpdesk) -> None:
    h = helpdesk
    again = questions.set_domain_coordinator(h.engine, "onderwijs", COORDINATOR)
    assert again == questions.coordinator_link_id("onderwijs", COORDINATOR)
    assert h.sql("SELECT count(*) FROM policy_domain_contact") == [(2,)]
    questions.set_domain_coordinator(h.engine, "onderwijs", COORDINATOR, active=False)
    with h.engine.connect() as conn:
        assert "onderwijs" not in question_list.choices(conn).coordinators
    with pytest.raises(LookupError):
        questions.set_domain_coordinator(h.engine, "cultuur", COORDINATOR)


def test_the_detail_shows_dispatches_history_and_next_steps(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = h.take_in(received_on=TODAY - 30 * DAY, asker_contact_id=ASKER)
    questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("onderwijs")],
        sent_on=TODAY - 20 * DAY,
        author_id=h.author_id,
        today=TODAY,
    )
    with h.engine.connect() as conn:
        d = question_detail.detail(conn, qid, TODAY)
        with pytest.raises(question_detail.QuestionGoneError):
            question_detail.detail(conn, "nope", TODAY)
    assert d.received_team_code == "limburg" and d.handling_team_code == "centraal"
    assert d.asker_name == "Jan Claes" and d.asker_email == "jan.claes@hasselt.be"
    assert d.status == "doorverwezen" and d.can_dispatch
    assert set(d.next_statuses) == {"in_behandeling", "beantwoord", "gesloten"}
    (dispatch,) = d.dispatches
    assert dispatch.coordinator_name == "Els Wouters" and dispatch.overdue
    assert dispatch.domain_name == "Onderwijs"
    assert [(c.from_status, c.to_status) for c in d.history] == [
        (None, "nieuw"),
        ("nieuw", "doorverwezen"),
    ]
    assert d.open_dispatches == 1
    assert isinstance(d.history[0].changed_at, dt.datetime)
