"""The Excel export of the filtered list (and the CLI ``export questions``), and the e-mail
draft to the sector coordinator (.eml for Outlook, mailto: link)."""

from __future__ import annotations

import csv
import email
from email import policy
from pathlib import Path
from urllib.parse import unquote

import openpyxl
from helpdesk_data import ASKER, DAY, TODAY, Helpdesk

from vlot_desktop import cli
from vlot_desktop.services import question_export, question_mail, questions
from vlot_desktop.services.question_list import QuestionFilter
from vlot_desktop.services.questions import DispatchTarget


def seed(h: Helpdesk) -> tuple[str, str]:
    dispatched = h.take_in(received_on=TODAY - 30 * DAY, asker_contact_id=ASKER)
    (dispatch,) = questions.dispatch_question(
        h.engine,
        dispatched,
        [DispatchTarget("onderwijs")],
        sent_on=TODAY - 29 * DAY,
        author_id=h.author_id,
        today=TODAY,
    ).dispatch_ids
    answered = h.take_in(
        "Heeft een ontheemde recht op het sociaal tarief?",
        received_on=TODAY - 10 * DAY,
        team="centraal",
        theme="wonen-sociaal-tarief-energie",
        asker_name="Marie Peeters",
        asker_phone="0470 11 22 33",
    )
    questions.answer_question(
        h.engine,
        answered,
        answer_text="Ja.",
        answered_on=TODAY - 4 * DAY,
        author_id=None,
        today=TODAY,
    )
    return dispatched, dispatch


def test_the_xlsx_export_has_typed_cells_and_no_asker(helpdesk: Helpdesk, tmp_path: Path) -> None:
    h = helpdesk
    seed(h)
    out = tmp_path / "vragen.xlsx"
    result = question_export.export_questions(h.engine, out, QuestionFilter(today=TODAY))
    assert result is not None and result.rows == 2
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:4] == ["Referentie", "Ontvangen op", "Ontvangen door", "Behandeld door team"]
    assert "Vraagsteller" not in header and "Vraag" not in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["Ontvangen door"] == "Regioteam Limburg"
    assert first["Behandeld door team"] == "Centraal team"
    assert first["Doorverwezen naar"] == "Onderwijs (Gevraagd)"
    assert first["Te laat"] == "ja" and first["Status"] == "Doorverwezen"
    assert first["Ontvangen op"].date() == TODAY - 30 * DAY
    second = dict(zip(header, rows[2], strict=True))
    assert second["Dagen tot antwoord"] == 6 and second["Beleidsdomein (thema)"]
    flat = " ".join(str(v) for row in rows for v in row)
    assert "Claes" not in flat and "Marie" not in flat and "0470" not in flat


def test_the_csv_export_with_asker_and_texts_when_asked(helpdesk: Helpdesk, tmp_path: Path) -> None:
    h = helpdesk
    seed(h)
    out = tmp_path / "vragen.csv"
    question_export.export_questions(
        h.engine,
        out,
        QuestionFilter(received_team_code="centraal", today=TODAY),
        include_asker=True,
        include_texts=True,
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Vraagsteller"] == "Marie Peeters"
    assert record["Telefoon vraagsteller"] == "0470 11 22 33"
    assert record["Antwoord"] == "Ja."
    assert record["Ontvangen op"] == (TODAY - 10 * DAY).strftime("%d/%m/%Y")


def test_the_cli_exports_a_period_and_a_team(helpdesk: Helpdesk, tmp_path: Path) -> None:
    h = helpdesk
    seed(h)
    out = tmp_path / "limburg.xlsx"
    code = cli.main(
        [
            "--data-dir",
            str(h.data_dir),
            "export",
            "questions",
            str(out),
            "--from",
            (TODAY - 40 * DAY).isoformat(),
            "--to",
            TODAY.isoformat(),
            "--team",
            "limburg",
        ]
    )
    assert code == 0
    assert openpyxl.load_workbook(out).active.max_row == 2  # the header and one question
    assert (
        cli.main(["--data-dir", str(h.data_dir), "export", "questions", str(out), "--from", "x"])
        == 1
    )
    assert (
        cli.main(["--data-dir", str(h.data_dir), "export", "questions", str(tmp_path / "a.txt")])
        == 1
    )


def test_the_mail_to_the_sector_coordinator(helpdesk: Helpdesk, tmp_path: Path) -> None:
    h = helpdesk
    question_id, dispatch_id = seed(h)
    reference = h.sql("SELECT reference FROM question WHERE id = ?", question_id)[0][0]
    with h.engine.connect() as conn:
        mail = question_mail.dispatch_mail(conn, dispatch_id, sender_name="An Peeters")
        reminder = question_mail.dispatch_mail(conn, dispatch_id, reminder=True)
    assert mail.to == ("els.wouters@ond.vlaanderen.be",)
    assert mail.subject.startswith(f"[{reference}] vraag van VLOT: Kan een Oekraïens kind")
    assert reference in mail.body and "04/11/2026" in mail.body  # five working days after
    assert mail.body.startswith("Beste Els,") and mail.body.endswith("An Peeters")
    assert "Claes" not in mail.body and "hasselt.be" not in mail.body  # not who asked
    assert "Herinnering" in reminder.subject and "nog geen antwoord" in reminder.body
    eml = question_mail.write_eml(mail, tmp_path / "concept.eml", sender="an@vlot.be")
    parsed = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] == "Els Wouters <els.wouters@ond.vlaanderen.be>"
    assert "Oekraïens" in parsed.get_content()
    url = question_mail.mailto_url(mail)
    assert url.startswith("mailto:els.wouters@ond.vlaanderen.be?subject=")
    assert reference in unquote(url)
