"""The VLOT-flits: composed from the articles published since the last edition, notices,
reordering, frozen when sent; the PDF (read back) and the .eml draft (parsed with Python's
email package: an HTML and a text part, inline styles, every article of the week, X-Unsent)."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from pathlib import Path

from coordination_fixtures import DAY, TODAY, Office
from pypdf import PdfReader

from vlot_desktop.domain.meeting_rules import check_edition_editable, check_edition_send
from vlot_desktop.reports.flits import HTML_LIMIT, FlitsEdition, FlitsItem, fitting_html
from vlot_desktop.services import coordination_reports, flits
from vlot_desktop.services.knowledge_base import ArticleValues, create_article

ARTICLES = (
    ("Referentieadres bij een gastgezin", "Kan een gastgezin een referentieadres geven?"),
    ("Schoolinschrijving midden in het jaar", "Mag een kind later instappen?"),
    ("Sociaal tarief energie", "Wie heeft recht op het sociaal tarief?"),
)


def _article(office: Office, title: str, question: str, day: dt.date) -> str:
    result = create_article(
        office.engine,
        ArticleValues(
            kind="vraag_antwoord",
            title=title,
            general_question=question,
            answer=f"Antwoord over {title.lower()}: zie de Kennisbank.",
            valid_from=day,
        ),
        author_id=office.user_id,
    )
    assert result.article_id is not None, result.problems
    return result.article_id


def _sent_edition(office: Office, day: dt.date) -> str:
    made = flits.create_edition(office.engine, publication_date=day, compose=False)
    assert made.edition_id is not None
    flits.add_notice(office.engine, made.edition_id, "Oud bericht", "Vorige week.")
    assert flits.send_edition(office.engine, made.edition_id, user_id=office.user_id) == []
    return made.edition_id


def test_the_flits_rules_at_their_edges() -> None:
    empty = check_edition_send(False, 12, 0)
    assert empty[0].message.startswith("VLOT-flits 12 heeft nog geen artikels of berichten")
    assert empty[0].message_en.startswith("VLOT-flits 12 has no articles or notices yet")
    assert check_edition_send(False, 12, 1) == []
    frozen = check_edition_editable(True, 12)
    assert frozen[0].message.startswith("VLOT-flits 12 is verstuurd")
    assert check_edition_send(True, 12, 3) == frozen
    assert check_edition_editable(False, 12) == []


def test_an_edition_is_composed_from_the_articles_of_its_week(office: Office) -> None:
    _article(office, "Oud artikel", "Van voor de vorige editie", TODAY - 10 * DAY)
    _sent_edition(office, TODAY - 7 * DAY)
    week = [_article(office, t, q, TODAY - n * DAY) for n, (t, q) in enumerate(ARTICLES)]
    made = flits.create_edition(office.engine, publication_date=TODAY)
    assert made.edition_id is not None and made.number == 2 and made.added == 3
    with office.engine.connect() as conn:
        detail = flits.edition_detail(conn, 2)
    assert {i.article_id for i in detail.items} == set(week)
    assert "Oud artikel" not in {i.title for i in detail.items}
    # Composing again adds nothing; a notice goes first when asked.
    assert flits.compose(office.engine, made.edition_id) == (0, [])
    notice, _ = flits.add_notice(
        office.engine, made.edition_id, "Jobbeurs in Gent", "Op 3 december.", position=0
    )
    assert notice is not None
    items = [i.id for i in detail.items]
    assert flits.reorder_items(office.engine, made.edition_id, [items[2], notice]) == []
    with office.engine.connect() as conn:
        titles = [i.title for i in flits.edition_detail(conn, made.edition_id).items]
    assert titles[:2] == [ARTICLES[0][0], "Jobbeurs in Gent"]


def test_an_empty_edition_is_not_sent_and_a_sent_one_is_frozen(office: Office) -> None:
    made = flits.create_edition(office.engine, publication_date=TODAY)
    assert made.edition_id is not None
    refused = flits.send_edition(office.engine, made.edition_id, user_id=office.user_id)
    assert refused and refused[0].field == "items"
    item, _ = flits.add_notice(office.engine, made.edition_id, "Bericht", "Tekst")
    assert item is not None
    assert flits.send_edition(office.engine, made.edition_id, user_id=office.user_id) == []
    for problems in (
        flits.add_notice(office.engine, made.edition_id, "Te laat", None)[1],
        flits.update_item(office.engine, item, title="Anders", body=None),
        flits.remove_item(office.engine, item),
        flits.update_edition(
            office.engine, made.edition_id, title="x", intro=None, publication_date=TODAY
        ),
        flits.delete_edition(office.engine, made.edition_id),
    ):
        assert problems and problems[0].message.startswith("VLOT-flits 1 is verstuurd")
    assert office.sql("SELECT title FROM newsletter_item") == [("Bericht",)]


def test_the_history_is_searchable(office: Office) -> None:
    _article(office, "Sociaal tarief énergie", "Wie?", TODAY - DAY)
    flits.create_edition(office.engine, publication_date=TODAY)
    flits.create_edition(office.engine, publication_date=TODAY + 7 * DAY, compose=False)
    with office.engine.connect() as conn:
        assert [e.number for e in flits.editions(conn)] == [2, 1]
        assert [e.number for e in flits.editions(conn, "TARIEF energie")] == [1]
        assert [e.number for e in flits.editions(conn, "nergens")] == []


def test_the_eml_draft_parses_with_html_text_inline_styles_and_every_article(
    office: Office, tmp_path: Path
) -> None:
    _sent_edition(office, TODAY - 7 * DAY)
    for n, (title, question) in enumerate(ARTICLES):
        _article(office, title, question, TODAY - n * DAY)
    made = flits.create_edition(office.engine, publication_date=TODAY, intro="Beste collega's,")
    assert made.number is not None
    out = tmp_path / "flits.eml"
    size = coordination_reports.make_flits_eml(office.engine, made.number, out)
    data = out.read_bytes()
    assert size == len(data) < 100_000
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "multipart/alternative"
    html_part = message.get_body(preferencelist=("html",))
    text_part = message.get_body(preferencelist=("plain",))
    assert html_part is not None and text_part is not None
    html = html_part.get_content()
    text = text_part.get_content()
    assert "<style" not in html  # inlined
    assert 'style="' in html and "background-color: #1f4e79" in html
    assert "<!--[if mso]>" in html  # Outlook's conditional comments are kept
    for title, _ in ARTICLES:
        assert title in html and title in text
    assert "Oud bericht" not in html


def test_a_long_edition_stays_under_the_html_limit() -> None:
    items = tuple(
        FlitsItem("Artikel", f"Artikel {n}", "Een lange tekst. " * 2000) for n in range(8)
    )
    edition = FlitsEdition(9, "VLOT-flits 9", TODAY, None, items, sent=False)
    html, shown = fitting_html(edition)
    assert len(html.encode()) <= HTML_LIMIT
    assert all(i.body and i.body.endswith("(lees verder in de Kennisbank)") for i in shown.items)


def test_the_flits_pdf_reads_back(office: Office, tmp_path: Path) -> None:
    for n, (title, question) in enumerate(ARTICLES):
        _article(office, title, question, TODAY - n * DAY)
    made = flits.create_edition(office.engine, publication_date=TODAY)
    assert made.number is not None
    out = tmp_path / "flits.pdf"
    coordination_reports.make_flits_pdf(office.engine, made.number, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "VLOT-flits 1" in text
    for title, _ in ARTICLES:
        assert title in text
