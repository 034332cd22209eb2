"""Every helpdesk rule at its edges, with the message a user reads (Dutch, and the English twin):
the question workflow, intake, dispatch, reminders, answers, articles and versions, personal
data in a publication, and the search terms of "similar questions"."""

from __future__ import annotations

import datetime as dt

import pytest

from vlot_desktop.domain.enums import QuestionStatus as Q
from vlot_desktop.domain.question_rules import (
    ALLOWED_DISPATCH_STEPS,
    ALLOWED_STATUS_STEPS,
    OWN_DOMAIN,
    ArticleKind,
    DispatchStatus,
    FindingKind,
    Problem,
    Severity,
    add_workdays,
    check_answer,
    check_article,
    check_dispatch,
    check_dispatch_step,
    check_new_question,
    check_new_version,
    check_publication,
    check_reminder,
    check_sector_answer,
    check_status_step,
    default_due_date,
    find_personal_data,
    is_dispatch_overdue,
    match_all_words,
    match_any_term,
    normalise_question_reference,
    question_reference,
    similarity_terms,
    subject_from_text,
)

D = DispatchStatus
TODAY = dt.date(2026, 11, 26)  # a Thursday
DAY = dt.timedelta(days=1)
TEAMS = {"centraal", "limburg"}
DOMAINS = {"onderwijs", "welzijn-zorg", OWN_DOMAIN}


def errors(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems if p.severity is Severity.WARNING]


# -- workflow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("current", list(Q))
@pytest.mark.parametrize("new", list(Q))
def test_every_status_step_is_allowed_or_refused_with_a_reason(current: Q, new: Q) -> None:
    problems = check_status_step(current, new)
    if new in ALLOWED_STATUS_STEPS[current]:
        assert problems == []
    else:
        assert errors(problems) == ["status"]
        assert problems[0].message and problems[0].message_en


def test_the_status_steps() -> None:
    assert ALLOWED_STATUS_STEPS[Q.NEW] == {Q.IN_PROGRESS, Q.DISPATCHED, Q.ANSWERED, Q.CLOSED}
    assert ALLOWED_STATUS_STEPS[Q.ANSWERED] == {Q.CLOSED, Q.IN_PROGRESS}
    assert ALLOWED_STATUS_STEPS[Q.CLOSED] == {Q.IN_PROGRESS}
    assert check_status_step(Q.NEW, Q.NEW)[0].message == "De vraag heeft de status 'Nieuw' al."
    (answered,) = check_status_step(Q.ANSWERED, Q.DISPATCHED)
    assert answered.message.startswith("Een vraag met de status 'Beantwoord' kan niet meer")
    assert "reopen it first" in answered.message_en


@pytest.mark.parametrize("current", list(D))
@pytest.mark.parametrize("new", list(D))
def test_every_dispatch_step(current: D, new: D) -> None:
    problems = check_dispatch_step(current, new)
    assert (problems == []) == (new in ALLOWED_DISPATCH_STEPS[current])


def test_dispatch_steps_repeat_reminders_and_take_a_late_answer() -> None:
    assert check_dispatch_step(D.REMINDED, D.REMINDED) == []
    assert check_dispatch_step(D.NO_ANSWER, D.ANSWERED) == []
    assert check_dispatch_step(D.ANSWERED, D.REMINDED)[0].message == (
        "Dit beleidsdomein heeft al geantwoord."
    )
    assert {s for s in D if s.is_open} == {D.ASKED, D.REMINDED}


# -- intake ---------------------------------------------------------------------------------


def _intake(**changes: object) -> list[Problem]:
    values: dict[str, object] = {
        "question_text": "Mag een gastgezin een bijdrage vragen?",
        "subject": None,
        "received_on": TODAY,
        "received_team_code": "limburg",
        "channel": "telefoon",
        "today": TODAY,
        "known_teams": TEAMS,
    }
    values.update(changes)
    return check_new_question(**values)  # type: ignore[arg-type]


def test_a_complete_intake_has_no_problem() -> None:
    assert _intake() == []


@pytest.mark.parametrize("text", [None, "", "   \n\t "])
def test_an_empty_question_is_refused(text: str | None) -> None:
    problems = _intake(question_text=text)
    assert errors(problems) == ["question_text"]
    assert problems[0].message == "Vul de vraag in."
    assert problems[0].message_en == "Enter the question."


def test_the_intake_date_edges() -> None:
    assert _intake(received_on=TODAY) == []
    assert errors(_intake(received_on=TODAY + DAY)) == ["received_on"]
    assert errors(_intake(received_on=None)) == ["received_on"]


def test_the_intake_team_channel_and_lengths() -> None:
    assert errors(_intake(received_team_code=None)) == ["received_team_code"]
    assert errors(_intake(received_team_code="brussel")) == ["received_team_code"]
    assert errors(_intake(channel="fax")) == ["channel"]
    assert _intake(question_text="x" * 20_000) == []
    assert errors(_intake(question_text="x" * 20_001)) == ["question_text"]
    assert _intake(subject="s" * 300) == []
    assert errors(_intake(subject="s" * 301)) == ["subject"]
    assert errors(_intake(asker_email="jan.claes@")) == ["asker_email"]
    assert _intake(asker_email="jan.claes@hasselt.be", asker_name="Jan Claes") == []
    assert errors(_intake(municipality_nis="99999", known_municipalities={"71072"})) == [
        "municipality_nis"
    ]
    assert errors(_intake(theme_code="x", known_themes={"y"})) == ["theme_code"]


def test_a_subject_from_the_first_sentence() -> None:
    assert subject_from_text("Mag het? En dit ook?") == "Mag het?"
    assert subject_from_text("  een   lijn  ") == "een lijn"
    long = "woord " * 50
    made = subject_from_text(long, limit=40)
    assert len(made) <= 40 and made.endswith("…")
    assert subject_from_text("") == ""


def test_references_are_stable_and_read_back_as_typed() -> None:
    ref = question_reference("0196a000-0000-7000-8000-0000000000aa", TODAY)
    assert ref == question_reference(" 0196A000-0000-7000-8000-0000000000AA ", TODAY)
    assert ref.startswith("VR-2026-") and len(ref) == 14
    assert normalise_question_reference(ref.lower().replace("-", " ")) == ref
    assert normalise_question_reference("VR-2026-K7MX") is None
    assert normalise_question_reference("HH-2026-K7MX-0042") is None


# -- dispatch -----------------------------------------------------------------------------


def _dispatch(**changes: object) -> list[Problem]:
    values: dict[str, object] = {
        "status": Q.IN_PROGRESS,
        "received_on": TODAY - 3 * DAY,
        "sent_on": TODAY,
        "due_on": TODAY + 10 * DAY,
        "domain_codes": ["onderwijs"],
        "today": TODAY,
        "known_domains": DOMAINS,
    }
    values.update(changes)
    return check_dispatch(**values)  # type: ignore[arg-type]


def test_a_dispatch_of_an_open_question_is_allowed() -> None:
    for status in (Q.NEW, Q.IN_PROGRESS, Q.DISPATCHED):
        assert _dispatch(status=status) == []
    assert _dispatch(domain_codes=["onderwijs", "welzijn-zorg"]) == []


@pytest.mark.parametrize("status", [Q.ANSWERED, Q.CLOSED])
def test_dispatching_an_answered_or_closed_question_is_refused(status: Q) -> None:
    problems = _dispatch(status=status)
    assert errors(problems) == ["status"]
    assert "heropen ze eerst" in problems[0].message.lower()


def test_the_due_date_edges() -> None:
    received = TODAY - 3 * DAY
    assert _dispatch(due_on=TODAY) == []  # due the day it is sent
    assert _dispatch(due_on=None) == []
    before_sent = _dispatch(due_on=TODAY - DAY)
    assert errors(before_sent) == ["due_on"]
    assert before_sent[0].message == "De vervaldatum ligt vóór de verzenddatum."
    before_received = _dispatch(due_on=received - DAY)
    assert errors(before_received) == ["due_on"]
    assert before_received[0].message == (
        "De vervaldatum ligt vóór de datum waarop de vraag binnenkwam (23/11/2026)."
    )
    assert _dispatch(sent_on=received, due_on=received) == []


def test_the_sent_date_edges() -> None:
    assert errors(_dispatch(sent_on=TODAY + DAY, due_on=TODAY + 2 * DAY)) == ["sent_on"]
    assert errors(_dispatch(sent_on=TODAY - 4 * DAY, due_on=TODAY)) == ["sent_on"]


def test_the_domains_of_a_dispatch() -> None:
    assert errors(_dispatch(domain_codes=[])) == ["domains"]
    assert errors(_dispatch(domain_codes=["onderwijs", "onderwijs"])) == ["domains"]
    assert errors(_dispatch(domain_codes=["cultuur"])) == ["domains"]
    own = _dispatch(domain_codes=[OWN_DOMAIN])
    assert errors(own) == ["domains"]
    assert own[0].message.startswith("Vragen over opvang en huisvesting beantwoordt VLOT zelf")
    again = _dispatch(open_domains={"onderwijs"}, domain_names={"onderwijs": "Onderwijs"})
    assert errors(again) == [] and warnings(again) == ["domains"]
    assert "ligt al bij Onderwijs" in again[0].message


def test_default_due_dates_follow_the_theme_then_the_domain() -> None:
    friday = dt.date(2026, 11, 27)
    assert add_workdays(friday, 1) == dt.date(2026, 11, 30)  # Monday
    assert add_workdays(friday, 0) == friday
    assert default_due_date(TODAY, None, None) == dt.date(2026, 12, 10)  # 10 working days
    assert default_due_date(TODAY, None, "subsidies-financien") == dt.date(2026, 12, 17)
    assert default_due_date(TODAY, "welzijn-huisarts-ziekenhuis", "welzijn-zorg") == dt.date(
        2026, 12, 1
    )


def test_reminders() -> None:
    sent = TODAY - 20 * DAY
    ok = check_reminder(current=D.ASKED, sent_on=sent, on_date=TODAY, new_due_on=None, today=TODAY)
    assert ok == []
    assert (
        check_reminder(current=D.REMINDED, sent_on=sent, on_date=sent, new_due_on=sent, today=TODAY)
        == []
    )
    assert errors(
        check_reminder(
            current=D.ANSWERED, sent_on=sent, on_date=TODAY, new_due_on=None, today=TODAY
        )
    ) == ["status"]
    assert errors(
        check_reminder(
            current=D.ASKED, sent_on=sent, on_date=TODAY + DAY, new_due_on=None, today=TODAY
        )
    ) == ["reminded_on"]
    assert errors(
        check_reminder(
            current=D.ASKED, sent_on=sent, on_date=sent - DAY, new_due_on=None, today=TODAY
        )
    ) == ["reminded_on"]
    assert errors(
        check_reminder(
            current=D.ASKED, sent_on=sent, on_date=TODAY, new_due_on=TODAY - DAY, today=TODAY
        )
    ) == ["due_on"]


def test_overdue_dispatches() -> None:
    assert is_dispatch_overdue(D.ASKED, TODAY - DAY, TODAY)
    assert not is_dispatch_overdue(D.ASKED, TODAY, TODAY)
    assert is_dispatch_overdue(D.REMINDED, TODAY - DAY, TODAY)
    assert not is_dispatch_overdue(D.ANSWERED, TODAY - DAY, TODAY)
    assert not is_dispatch_overdue(D.ASKED, None, TODAY)


def test_the_sectors_answer() -> None:
    sent = TODAY - 5 * DAY

    def check(**changes: object) -> list[Problem]:
        values: dict[str, object] = {
            "current": D.ASKED,
            "answer_text": "Ja, via het CLB.",
            "answered_on": TODAY,
            "sent_on": sent,
            "today": TODAY,
        }
        values.update(changes)
        return check_sector_answer(**values)  # type: ignore[arg-type]

    assert check() == [] and check(answered_on=sent) == []
    assert check(current=D.ANSWERED) == []  # a correction of the text
    assert check(current=D.NO_ANSWER) == []  # a late answer
    assert errors(check(answer_text=" ")) == ["answer_text"]
    assert errors(check(answered_on=sent - DAY)) == ["answered_on"]
    assert errors(check(answered_on=TODAY + DAY)) == ["answered_on"]
    assert errors(check(answered_on=None)) == ["answered_on"]


def test_vlots_answer() -> None:
    received = TODAY - 5 * DAY

    def check(**changes: object) -> list[Problem]:
        values: dict[str, object] = {
            "status": Q.DISPATCHED,
            "answer_text": "Zie het antwoord van Onderwijs.",
            "answered_on": TODAY,
            "received_on": received,
            "today": TODAY,
        }
        values.update(changes)
        return check_answer(**values)  # type: ignore[arg-type]

    assert check() == [] and check(answered_on=received) == []
    assert check(status=Q.ANSWERED) == []  # the text corrected
    assert errors(check(status=Q.CLOSED)) == ["status"]
    assert errors(check(answer_text="")) == ["answer_text"]
    assert errors(check(answered_on=received - DAY)) == ["answered_on"]
    assert errors(check(answered_on=TODAY + DAY)) == ["answered_on"]


# -- knowledge base ----------------------------------------------------------------------------


def _article(**changes: object) -> list[Problem]:
    values: dict[str, object] = {
        "kind": ArticleKind.QA.value,
        "title": "Bijdrage van een gastgezin",
        "general_question": "Mag een gastgezin een bijdrage vragen?",
        "answer": "Ja, voor energie en water.",
        "valid_from": TODAY,
        "valid_until": None,
    }
    values.update(changes)
    return check_article(**values)  # type: ignore[arg-type]


def test_articles() -> None:
    assert _article() == [] and _article(valid_until=TODAY) == []
    assert errors(_article(valid_until=TODAY - DAY)) == ["valid_until"]
    assert errors(_article(title=" ")) == ["title"]
    assert errors(_article(title="t" * 301)) == ["title"]
    assert errors(_article(general_question="")) == ["general_question"]
    assert errors(_article(answer="")) == ["answer"]
    assert errors(_article(kind=None)) == ["kind"]
    assert errors(_article(kind="blog")) == ["kind"]
    assert errors(_article(valid_from=None)) == ["valid_from"]
    framework = {"kind": ArticleKind.FRAMEWORK.value, "general_question": None, "answer": None}
    assert errors(_article(**framework)) == ["answer"]
    assert _article(**framework, has_attachment=True) == []
    assert _article(kind=ArticleKind.GOOD_PRACTICE.value, general_question=None) == []


def test_new_versions() -> None:
    assert (
        check_new_version(old_valid_from=TODAY, old_replaced=False, new_valid_from=TODAY + DAY)
        == []
    )
    assert errors(
        check_new_version(old_valid_from=TODAY, old_replaced=False, new_valid_from=TODAY)
    ) == ["valid_from"]
    assert errors(
        check_new_version(old_valid_from=TODAY, old_replaced=True, new_valid_from=TODAY + DAY)
    ) == ["replaced_by"]


# -- personal data in a publication ------------------------------------------------------------


def test_personal_data_is_found_in_the_texts_to_publish() -> None:
    text = (
        "Bel Olena Kovalenko op 0470 12 34 56 of +32 11 23 45 67, mail olena@example.com, "
        "RRN 85.07.30-033.28, rekening BE68 5390 0754 7034, datum 01/02/2026, 011 23 45 67, "
        "Олена, Hélène Dupont."
    )
    found = find_personal_data(
        {"title": "Huisarts", "answer": text}, ["Olena Kovalenko", "Kovalenko", "helene"]
    )
    assert [(f.kind, f.fragment) for f in found] == [
        (FindingKind.NAME, "Olena Kovalenko"),
        (FindingKind.PHONE, "0470 12 34 56"),
        (FindingKind.PHONE, "+32 11 23 45 67"),
        (FindingKind.EMAIL, "olena@example.com"),
        (FindingKind.NATIONAL_NUMBER, "85.07.30-033.28"),
        (FindingKind.ACCOUNT, "BE68 5390 0754 7034"),
        (FindingKind.PHONE, "011 23 45 67"),
        (FindingKind.CYRILLIC, "Олена"),
        (FindingKind.NAME, "Hélène"),
    ]
    assert {f.field for f in found} == {"answer"}
    assert text[found[0].start : found[0].end] == "Olena Kovalenko"


def test_ordinary_text_is_not_taken_for_personal_data() -> None:
    text = (
        "Vanaf 01/03/2026 geldt een bedrag van 1 250 000 euro; artikel 12 van het besluit van "
        "15.03.2022. Bel de helpdesk. Kovalenkostraat is geen naam van de asker."
    )
    assert find_personal_data({"answer": text}, ["Kovalenko", "An", "Olena"]) == []


def test_a_publication_check_warns_with_the_found_fragment() -> None:
    problems = check_publication(
        {"answer": "Vraag het aan Jan Claes (jan@gent.be)."}, ["Jan Claes"]
    )
    assert warnings(problems) == ["answer", "answer"] and errors(problems) == []
    assert problems[0].message.startswith("De tekst bevat de naam 'Jan Claes'.")
    assert "e-mailadres 'jan@gent.be'" in problems[1].message
    assert check_publication({"answer": "Neem contact op met het OCMW."}, ["Jan Claes"]) == []


# -- search terms ---------------------------------------------------------------------------


def test_similarity_terms() -> None:
    assert similarity_terms("Hoe schrijven we een Oekraïens kind in op school?") == [
        "schrij",
        "oekrai",
        "kind",
        "school",
    ]
    assert similarity_terms("de het een van 2026 ab") == []
    many = "kort " + " ".join(f"{letter}woorden" for letter in "abcdefghijklmnop")
    kept = similarity_terms(many, max_terms=5)
    assert kept == ["awoord", "bwoord", "cwoord", "dwoord", "ewoord"]  # the longest, in order
    assert match_any_term(["kind", "school"]) == '"kind"* OR "school"*'
    assert match_any_term([]) is None


def test_search_box_words_are_quoted_prefixes() -> None:
    assert (
        match_all_words('Sociaal "tarief" OR x*') == '"sociaal"* AND "tarief"* AND "or"* AND "x"*'
    )
    assert match_all_words("Hélène") == '"helene"*'
    assert match_all_words(" -*- ") is None
