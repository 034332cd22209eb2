"""Printouts fit to hand over, read back as a reader sees them (pypdf): the confidentiality
marking and who printed on every page, long texts at a sensible width, no column running into
the next, household members in a fixed order, batches for double-sided printing, agenda
tables that say what they continue, and a signature block that never stands alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.unit.reports.conftest import PRINTED_AT, FilledVisit
from vlot_desktop.db.models.cases import Case
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex
from vlot_desktop.reports import layout
from vlot_desktop.reports.case_agenda import AgendaLine, CaseAgenda, TeamAgenda, write_case_agenda
from vlot_desktop.reports.case_summary import (
    CaseSummaryData,
    SummaryCase,
    SummaryEvent,
    SummaryMember,
    write_case_summaries,
    write_case_summary,
)
from vlot_desktop.reports.prospect import write_prospect_report, write_prospect_reports
from vlot_desktop.reports.prospect_data import (
    AnswerLine,
    ProspectReportData,
    SectionAnswers,
)
from vlot_desktop.services.case_reports import (
    make_case_agenda,
    make_case_summaries,
    make_case_summary,
)
from vlot_desktop.services.prospect_reports import make_prospect_report, make_prospect_reports
from vlot_desktop.settings import load_settings

sys.path.insert(0, str(Path(__file__).parents[1] / "privacy"))
from privacy_cases import TODAY, Seeded, seed

MARK = "Vertrouwelijk · afgedrukt door An Peeters op 27/11/2026 09:30"


def pages_of(path: Path) -> list[str]:
    """The text of each page, white space as single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


@pytest.fixture
def seeded(session: Session) -> Seeded:
    return seed(session)


# --- the marking on every page -------------------------------------------------------------


def _member(first: str, year: int | None, relation: Relation, **extra: object) -> SummaryMember:
    values: dict[str, object] = {
        "first_name": first,
        "last_name": "Kovalenko",
        "first_name_cyrillic": None,
        "last_name_cyrillic": None,
        "birth_year": year,
        "sex": Sex.FEMALE,
        "relation": relation,
        "language": "Oekraïens",
        "has_pets": False,
        "school_age": False,
        "needs_mobility": False,
        "needs_medical": False,
        "medical_notes": None,
    }
    values.update(extra)
    return SummaryMember(**values)  # type: ignore[arg-type]


def _summary(
    reference: str = "D-2026-0999",
    members: tuple[SummaryMember, ...] = (),
    events: tuple[SummaryEvent, ...] = (),
) -> CaseSummaryData:
    return CaseSummaryData(
        case=SummaryCase(
            reference=reference,
            case_type=CaseType.REHOUSING,
            status=CaseStatus.IN_PROGRESS,
            opened_on=dt.date(2026, 11, 1),
            deadline=None,
            closed_on=None,
            household_size=len(members),
            summary="Gastgezin stopt eind november",
            outcome=None,
            personal_data_erased_on=None,
        ),
        team="Regioteam Limburg",
        municipality="Hasselt",
        assigned_to="An Peeters",
        members=members or (_member("Olena", 1990, Relation.CONTACT_PERSON),),
        events=events,
    )


def _note(text: str) -> SummaryEvent:
    return SummaryEvent(dt.datetime(2026, 11, 12, 13, 30), CaseEventKind.NOTE, "An Peeters", text)


def test_every_page_of_the_case_reports_is_marked_confidential_with_who_printed_it(
    seeded: Seeded, engine: Engine, prepared_dir: Path, tmp_path: Path
) -> None:
    user = load_settings(prepared_dir).user_id
    summary = tmp_path / "dossier.pdf"
    make_case_summary(engine, summary, seeded.open_case, user_id=user, printed_at=PRINTED_AT)
    agenda = tmp_path / "agenda.pdf"
    make_case_agenda(engine, agenda, team_code=None, today=TODAY, printed_at=PRINTED_AT)
    for path in (summary, agenda):
        pages = pages_of(path)
        assert pages
        for page in pages:
            assert MARK in page, path.name
            assert "VERTROUWELIJK" in page  # also in the header


def test_a_long_summary_is_marked_on_every_page_and_the_prospect_report_names_the_printer(
    filled_visit: FilledVisit, engine: Engine, tmp_path: Path
) -> None:
    long = _summary(events=tuple(_note(f"Notitie {n}: " + "woord " * 200) for n in range(40)))
    out = tmp_path / "lang.pdf"
    write_case_summary(long, out, printed_at=PRINTED_AT, printed_by="An Peeters")
    pages = pages_of(out)
    assert len(pages) > 3
    assert all(MARK in page for page in pages)

    # A prospect report holds no household data: not confidential, but who printed it.
    prospect = tmp_path / "prospect.pdf"
    make_prospect_report(
        engine, filled_visit.data_dir, filled_visit.visit_id, prospect, printed_at=PRINTED_AT
    )
    for page in pages_of(prospect):
        assert "Afgedrukt door An Peeters op 27/11/2026 09:30" in page
        assert "Vertrouwelijk" not in page


# --- long texts --------------------------------------------------------------------------------


def test_a_100000_character_note_takes_a_sensible_number_of_pages(tmp_path: Path) -> None:
    """Before, the note ran down the 'Inhoud' column, 55 characters a line: 37 pages. Now it
    continues over the full width of the page: about 19 (some 16 pages of text)."""
    words = [f"woord{n % 1000}" for n in range(12_000)]
    text = " ".join(words)[:99_990] + " SLOTWOORD"
    assert len(text) == 100_000
    out = tmp_path / "lang.pdf"
    write_case_summary(_summary(events=(_note(text),)), out, printed_at=PRINTED_AT)
    pages = pages_of(out)
    assert len(pages) <= 21, len(pages)
    printed = " ".join(pages)
    assert "SLOTWOORD" in printed and "Inhoud (vervolg):" in printed
    # Every word is there, in order (the page headers and footers in between aside).
    shown = [w for w in printed.split() if w.startswith("woord") or w == "SLOTWOORD"]
    assert shown == text.split()
    # A long case summary (a layout error before) runs over pages too.
    long_summary = dataclasses.replace(
        _summary(), case=dataclasses.replace(_summary().case, summary="lang " * 4000 + "EINDE")
    )
    write_case_summary(long_summary, out, printed_at=PRINTED_AT)
    assert "EINDE" in " ".join(pages_of(out))


def _runs(path: Path, page: int = 0) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on a page, as drawn."""
    runs: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], text.strip()))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("sensitive", [False, True])
def test_no_text_of_the_needs_table_runs_into_the_next_column(
    tmp_path: Path, sensitive: bool
) -> None:
    members = (
        _member(
            "Olena",
            1990,
            Relation.CONTACT_PERSON,
            language="Oekraïens, Russisch, Engels en een beetje Nederlands",
            needs_medical=True,
            medical_notes="Rolstoel, gelijkvloers nodig, dialyse drie keer per week",
        ),
        _member("Taras", 2015, Relation.CHILD, school_age=True),
    )
    out = tmp_path / "noden.pdf"
    write_case_summary(_summary(members=members), out, include_sensitive=sensitive)
    runs = _runs(out)
    header_y = next(y for x, y, text in runs if text == "Taal")
    columns = sorted(x for x, y, text in runs if abs(y - header_y) < 0.5)
    assert len(columns) == (6 if sensitive else 4)
    note_y = next(y for x, y, text in runs if text.startswith(("Dit overzicht", "Gevoelige")))
    cells = [(x, text) for x, y, text in runs if note_y < y < header_y]
    assert any("Russisch" in text for _x, text in cells)
    for x, text in cells:
        column = max(i for i, start in enumerate(columns) if start <= x + 0.5)
        right = x + pdfmetrics.stringWidth(text, layout.FONT, layout.TABLE_FONT_SIZE)
        if column + 1 < len(columns):
            assert right < columns[column + 1], (text, right, columns)


# --- household members ---------------------------------------------------------------------------


def test_members_are_listed_contact_person_first_then_by_age_with_birth_year(
    tmp_path: Path,
) -> None:
    members = (
        _member("Jongste", 2021, Relation.CHILD),
        _member("Onbekend", None, Relation.OTHER_FAMILY),
        _member("Grootmoeder", 1951, Relation.GRANDPARENT),
        _member("Contact", 1988, Relation.CONTACT_PERSON),
        _member("Oudste", 2009, Relation.CHILD),
    )
    out = tmp_path / "gezin.pdf"
    write_case_summary(_summary(members=members), out)
    text = " ".join(pages_of(out))
    order = ["Contact", "Grootmoeder", "Oudste", "Jongste", "Onbekend"]
    gezin = text[text.index("Gezin") : text.index("Noden")]
    positions = [gezin.index(f"{name} Kovalenko") for name in order]
    assert positions == sorted(positions)
    noden = text[text.index("Noden") :]
    with_year = ["Contact Kovalenko (1988)", "Grootmoeder Kovalenko (1951)"]
    with_year += ["Oudste Kovalenko (2009)", "Jongste Kovalenko (2021)", "Onbekend Kovalenko"]
    positions = [noden.index(name) for name in with_year]
    assert positions == sorted(positions)


def test_the_service_prints_the_household_in_that_order(
    seeded: Seeded, session: Session, engine: Engine, tmp_path: Path
) -> None:
    """Taras (a child, added second) after Olena, the contact person; a grandmother added
    last comes before Taras (older)."""
    from privacy_cases import member

    case = session.get(Case, seeded.open_case)
    assert case is not None
    member(session, case, "Halyna", "Kovalenko", None, Relation.GRANDPARENT, birth_year=1955)
    session.commit()
    out = tmp_path / "dossier.pdf"
    make_case_summary(engine, out, seeded.open_case)
    gezin = " ".join(pages_of(out)).split("Gezin", 1)[1].split("Noden", 1)[0]
    names = ["Olena Kovalenko", "Halyna Kovalenko", "Taras Kovalenko"]
    assert [gezin.index(n) for n in names] == sorted(gezin.index(n) for n in names)


# --- batches for double-sided printing ----------------------------------------------------------


def _outline_pages(path: Path) -> list[tuple[str, int]]:
    reader = PdfReader(path)

    def walk(items: list[object]) -> Iterator[tuple[str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title, reader.get_destination_page_number(item) + 1  # type: ignore[attr-defined, arg-type]

    return list(walk(reader.outline))


def test_each_case_of_a_batch_starts_on_an_odd_page(tmp_path: Path) -> None:
    # One page, two pages, three pages long: every start must still be odd.
    cases = [
        _summary("D-2026-0001"),
        _summary("D-2026-0002", events=tuple(_note("regel " * 300) for _ in range(12))),
        _summary("D-2026-0003", events=tuple(_note("regel " * 300) for _ in range(20))),
        _summary("D-2026-0004"),
    ]
    out = tmp_path / "batch.pdf"
    write_case_summaries(cases, out, printed_at=PRINTED_AT, printed_by="An Peeters")
    pages = pages_of(out)
    starts = [(t, p) for t, p in _outline_pages(out) if t.startswith("Dossieroverzicht")]
    assert [t for t, _p in starts] == [f"Dossieroverzicht D-2026-000{n}" for n in range(1, 5)]
    assert all(p % 2 == 1 for _t, p in starts), starts
    # The sheets of one case hold nothing of the next one: the back of the last sheet
    # belongs to the case before (its last page, or a page left blank on purpose).
    for (before, _p), (_t, start) in itertools.pairwise(starts):
        assert before.split()[-1] in pages[start - 2]
    assert layout.BLANK_PAGE_TEXT in pages[1]  # the first case takes one page
    assert all(MARK in page for page in pages)  # the blank pages too

    single = tmp_path / "enkel.pdf"
    write_case_summaries(cases, single, double_sided=False)
    assert not any(layout.BLANK_PAGE_TEXT in page for page in pages_of(single))
    assert len(pages_of(single)) < len(pages)


def test_a_batch_of_case_summaries_from_the_service_records_each_printing(
    seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "batch.pdf"
    assert make_case_summaries(engine, out, [seeded.open_case, "D-2025-0007"]) == 2
    starts = [p for t, p in _outline_pages(out) if t.startswith("Dossieroverzicht")]
    assert len(starts) == 2 and all(p % 2 == 1 for p in starts)


def test_each_visit_of_a_prospect_batch_starts_on_an_odd_page(
    demo_dir: Path, demo_engine: Engine, tmp_path: Path
) -> None:
    from tests.conftest import DEMO_TODAY
    from vlot_desktop.services.prospect_reports import visit_ids_between

    with demo_engine.connect() as conn:
        visit_ids = visit_ids_between(conn, DEMO_TODAY - dt.timedelta(days=400), DEMO_TODAY)[:5]
    out = tmp_path / "verslagen.pdf"
    make_prospect_reports(demo_engine, demo_dir, visit_ids, out)
    visit_pages = _batch_starts(out)
    assert len(visit_pages) == 5
    assert all(page % 2 == 1 for page in visit_pages), visit_pages


def _batch_starts(path: Path) -> list[int]:
    """The pages the visits of a batch start on (their bookmarks, below the batch title)."""
    reader = PdfReader(path)
    return [
        reader.get_destination_page_number(item) + 1  # type: ignore[arg-type]
        for item in reader.outline[1]
        if not isinstance(item, list)
    ]


# --- agenda continuation ------------------------------------------------------------------------


def test_an_agenda_table_continued_on_the_next_page_says_what_it_continues(
    tmp_path: Path,
) -> None:
    lines = tuple(
        AgendaLine(
            f"HH-2026-K7MX-{n:04d}",
            CaseType.REHOUSING,
            dt.date(2026, 12, 1) + dt.timedelta(days=n % 30),
            "Hasselt",
            CaseStatus.IN_PROGRESS,
            "An Peeters",
            3,
        )
        for n in range(120)
    )
    agenda = CaseAgenda((TeamAgenda("limburg", "Regioteam Limburg", lines),), TODAY, False)
    out = tmp_path / "agenda.pdf"
    write_case_agenda(agenda, out, printed_by="An Peeters", printed_at=PRINTED_AT)
    pages = pages_of(out)
    assert len(pages) >= 3
    for page in pages[1:]:
        assert "Regioteam Limburg · Herhuisvesting (vervolg)" in page
        assert "Referentie Deadline Gemeente Status" in page
        assert MARK in page


# --- prospect report ----------------------------------------------------------------------------


def test_findings_and_summary_come_first_bad_answers_are_marked_and_photos_referred_to(
    filled_visit: FilledVisit, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "verslag.pdf"
    make_prospect_report(engine, filled_visit.data_dir, filled_visit.visit_id, out)
    text = " ".join(pages_of(out))
    text = text[text.index("Aanwezigen") :]  # after the title block
    checklist_heading = "Checklist Checklist prospectie"  # the heading, then its legend
    order = ["Samenvatting", "Knelpunten en opportuniteiten", checklist_heading]
    photos = text.rindex("Foto’s")  # the heading of the photos (the legend names it too)
    at = [text.index(h) for h in order] + [photos]
    assert at == sorted(at)
    findings = text[text.index("Knelpunten en opportuniteiten") : text.index(checklist_heading)]
    assert "Wie Tegen wanneer" in findings
    assert "Eigenaar 15/12/2026" in findings and "Offerte opvragen VLOT" in findings
    checklist = text[text.index(checklist_heading) : photos]
    assert "Rookmelders aanwezig ✗ Nee" in checklist  # "nee" to a safety item
    assert "Gaskeuring in orde N.v.t." in checklist  # not marked
    assert "Brandweeradvies ✗ — (knelpunt)" in checklist  # the visitor's knelpunt
    assert "Foto's gevel 1 foto zie foto 1".replace("'", "’") in checklist.replace("'", "’")
    # The summary box: places, outcome, knelpunten, opportuniteiten, unfavourable answers.
    assert "24 Positief 2 1 2" in text


def _visit(sections: tuple[SectionAnswers, ...]) -> ProspectReportData:
    return ProspectReportData(
        visit_id="x",
        name="Klooster",
        address="Kerkstraat 1, 3500 Hasselt",
        municipality="Hasselt",
        province=None,
        team=None,
        visit_date=dt.date(2026, 11, 20),
        status="Positief",
        estimated_places=24,
        general_impression=None,
        outcome_notes=None,
        visitor=None,
        checklist_title="Checklist",
        checklist_version=1,
        participants=(),
        sections=sections,
        findings=(),
        photos=(),
    )


def test_the_signature_block_never_stands_alone_on_a_page(tmp_path: Path) -> None:
    """Whatever the length of the report, the page with the signatures also holds the end
    of the checklist (its last rows, below the repeated header)."""
    out = tmp_path / "verslag.pdf"
    seen_alone_before = 0
    for rows in range(20, 75):
        lines = tuple(AnswerLine(f"Vraag {n}", "Ja", None, True, f"s.v{n}") for n in range(rows))
        write_prospect_report(_visit((SectionAnswers("Besluit", lines),)), out)
        pages = pages_of(out)
        signature_page = next(p for p in pages if "Ondertekening" in p)
        before = signature_page.split("Ondertekening")[0]
        assert f"Vraag {rows - 1} Ja" in before, (rows, signature_page[:200])
        if "Besluit (vervolg)" in before and pages.index(signature_page) > 0:
            seen_alone_before += 1
    assert seen_alone_before  # some lengths moved rows along with the signatures


def test_each_visit_of_a_batch_from_plain_data_starts_odd_and_single_sided_has_no_blanks(
    tmp_path: Path,
) -> None:
    lines = tuple(AnswerLine(f"Vraag {n}", "Ja", None, True) for n in range(60))
    visits = [_visit((SectionAnswers("Besluit", lines[: 10 * (n + 1)]),)) for n in range(4)]
    out = tmp_path / "batch.pdf"
    write_prospect_reports(visits, out, printed_at=PRINTED_AT)
    starts = _batch_starts(out)
    assert len(starts) == 4 and all(p % 2 == 1 for p in starts), starts
    flat = tmp_path / "enkelzijdig.pdf"
    write_prospect_reports(visits, flat, double_sided=False)
    assert not any(layout.BLANK_PAGE_TEXT in p for p in pages_of(flat))


def test_who_takes_a_finding_up_and_by_when_are_saved_and_printed(
    prepared_dir: Path, engine: Engine, tmp_path: Path
) -> None:
    from vlot_desktop.services import prospects as svc
    from vlot_desktop.services.prospect_visit import opened

    visit_id = svc.create_visit(
        engine, svc.NewVisit(name="Oude school", municipality_nis="71072", postcode="3500")
    )
    note = svc.ItemNote(
        "Geen rookmelders", "knelpunt", "Rookmelders plaatsen", "Eigenaar", dt.date(2027, 1, 15)
    )
    finding_id = svc.save_item_note(engine, visit_id, "gebouw.rookmelders", note)
    with engine.connect() as conn:
        shown = opened(conn, visit_id)
    assert shown is not None and finding_id is not None
    assert shown.follow_ups[finding_id].responsible == "Eigenaar"
    assert shown.follow_ups[finding_id].due_on == dt.date(2027, 1, 15)
    out = tmp_path / "verslag.pdf"
    make_prospect_report(engine, prepared_dir, visit_id, out)
    assert "Rookmelders plaatsen Eigenaar 15/01/2027" in " ".join(pages_of(out))

    for bad in (
        dataclasses.replace(note, responsible="x" * (svc.RESPONSIBLE_MAX + 1)),
        dataclasses.replace(note, due_on=dt.date(1999, 12, 31)),
    ):
        with pytest.raises(svc.ProspectError):
            svc.save_item_note(engine, visit_id, "gebouw.rookmelders", bad)
    with engine.connect() as conn:
        again = opened(conn, visit_id)
    assert again is not None and again.follow_ups[finding_id].responsible == "Eigenaar"
