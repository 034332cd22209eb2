"""The asker of a helpdesk question is personal data: marked, erased by the retention period
(with the cases), erasable on request on every laptop, and in the subject-access export; the
question, its dispatches and answers stay."""

from __future__ import annotations

import json
from pathlib import Path

from helpdesk_data import ASKER, DAY, TODAY, Helpdesk
from pypdf import PdfReader
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Base
from vlot_desktop.services import privacy, question_privacy, questions
from vlot_desktop.services.privacy import AskerKey
from vlot_desktop.services.questions import DispatchTarget


def test_the_asker_columns_are_marked_personal() -> None:
    assert privacy.personal_columns("question") == [
        "asker_contact_id",
        "asker_name",
        "asker_email",
        "asker_phone",
    ]
    for table in ("question_dispatch", "question_status_change", "kb_article", "question_article"):
        assert privacy.personal_columns(Base.metadata.tables[table]) == []


def answered(h: Helpdesk, *, days_ago: int, **asker: object) -> str:
    qid = h.take_in(received_on=TODAY - (days_ago + 5) * DAY, **asker)
    questions.dispatch_question(
        h.engine,
        qid,
        [DispatchTarget("onderwijs")],
        sent_on=TODAY - (days_ago + 4) * DAY,
        author_id=None,
        today=TODAY,
    )
    assert (
        questions.answer_question(
            h.engine,
            qid,
            answer_text="Ja.",
            answered_on=TODAY - days_ago * DAY,
            author_id=None,
            today=TODAY,
        )
        == []
    )
    return qid


def test_retention_erases_old_askers_and_keeps_the_questions(helpdesk: Helpdesk) -> None:
    h = helpdesk
    old = answered(h, days_ago=400, asker_name="Marie Peeters", asker_email="marie@genk.be")
    linked = answered(h, days_ago=500, asker_contact_id=ASKER)
    recent = answered(h, days_ago=30, asker_name="Tom Jacobs")
    still_open = h.take_in(received_on=TODAY - 600 * DAY, asker_name="Open Vraag")
    with Session(h.engine) as session:
        dry = privacy.apply_retention(session, TODAY, dry_run=True)
        assert (dry.questions, dry.cases) == (2, 0) and dry.fields == 8
        assert h.sql("SELECT count(*) FROM question WHERE asker_name IS NOT NULL") == [(3,)]
        summary = privacy.apply_retention(session, TODAY)
    assert summary.questions == 2
    rows = dict(
        (str(r[0]), r[1:])
        for r in h.sql(
            "SELECT id, asker_name, asker_email, asker_contact_id, personal_data_erased_on, "
            "subject, answer_text FROM question"
        )
    )
    assert rows[old][:4] == (None, None, None, TODAY.isoformat())
    assert rows[linked][2:4] == (None, TODAY.isoformat())
    assert rows[old][4:] == ("Kan een Oekraïens kind midden in het schooljaar instappen?", "Ja.")
    assert rows[recent][0] == "Tom Jacobs" and rows[still_open][0] == "Open Vraag"
    assert h.sql("SELECT count(*) FROM question_dispatch") == [(3,)]
    # The erasure travels: one purge per column, no value.
    purges = h.sql(
        "SELECT pk, field, value FROM sync_outbox WHERE op = 'purge' AND tbl = 'question'"
    )
    assert len(purges) == 8 and {p[2] for p in purges} == {None}
    with Session(h.engine) as session:
        assert privacy.apply_retention(session, TODAY).questions == 0


def test_erase_one_asker_from_all_their_questions(helpdesk: Helpdesk) -> None:
    h = helpdesk
    first = h.take_in(asker_name="Marie Peeters")
    second = h.take_in(asker_name="marie peeters", asker_phone="0470 11 22 33")
    third = h.take_in(asker_email="MARIE@genk.be")
    other = h.take_in(asker_name="Tom Jacobs")
    asker = AskerKey(name="Marie Péeters", email="marie@genk.be")
    with h.engine.connect() as conn:
        assert set(question_privacy.asker_questions(conn, asker)) == {first, second, third}
    summary = question_privacy.erase_asker(h.engine, asker, TODAY)
    assert summary.questions == 3
    assert h.sql(
        "SELECT count(*) FROM question WHERE asker_name IS NOT NULL OR asker_phone IS NOT NULL "
        "OR asker_email IS NOT NULL"
    ) == [(1,)]
    assert h.sql("SELECT asker_name FROM question WHERE id = ?", other) == [("Tom Jacobs",)]
    # Not found again, nothing more to do.
    assert question_privacy.erase_asker(h.engine, asker, TODAY).questions == 0


def test_subject_access_of_an_asker(helpdesk: Helpdesk, tmp_path: Path) -> None:
    h = helpdesk
    qid = answered(h, days_ago=10, asker_contact_id=ASKER)
    h.take_in(asker_name="Iemand Anders")
    asker = AskerKey(contact_id=ASKER)
    count = question_privacy.write_asker_access(
        h.engine, asker, tmp_path / "inzage.json", tmp_path / "inzage.pdf"
    )
    assert count == 1
    data = json.loads((tmp_path / "inzage.json").read_text(encoding="utf-8"))
    assert data["format"] == "vlot-subject-access-asker/1"
    assert data["contact_person"]["last_name"] == "Claes"
    (question,) = data["questions"]
    assert question["id"] == qid and question["asker_contact_id"] == ASKER
    assert question["received_team_name"] == "Regioteam Limburg"
    assert [d["domain_name"] for d in question["dispatches"]] == ["Onderwijs"]
    assert [s["to_status"] for s in question["status_history"]] == [
        "nieuw",
        "doorverwezen",
        "beantwoord",
    ]
    assert "Iemand" not in json.dumps(data)
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "inzage.pdf").pages)
    assert "Jan Claes" in text and "Onderwijs" in text and "Beantwoord" in text
