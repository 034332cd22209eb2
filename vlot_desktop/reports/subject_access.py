"""The subject access report (inzageverzoek, GDPR art. 15) of one person: a readable Dutch
PDF and a machine-readable JSON file of the same data.

Plain data in (:class:`SubjectAccessReport`, gathered by
:func:`vlot_desktop.services.privacy.subject_access`): a title, then one :class:`Section` per
kind of personal record (the person's own fields, their case, its notes, who viewed their
health data, ...), each with its records and what the person has a right to know about them:
why VLOT keeps it, where it came from, who receives it and how long it is kept; then their
rights. Nothing about anyone else, and no internal ids.

Times: an :class:`Item` holds a moment as an aware local time (the laptop's time zone); the
PDF prints it as "12/11/2026 15:30" and says once which zone that is ("CET, UTC+01:00"), the
JSON writes it in ISO 8601 with its offset ("2026-11-12T15:30:00+01:00").

The asker export of the helpdesk (:class:`AskerAccessData`, below) is the first release's and
moves into sections when the helpdesk registers its own (``docs/privacy.md``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from vlot_desktop.domain.enums import (
    CaseEventKind,
    CaseStatus,
    CaseType,
    ContactChannel,
    LabelledEnum,
    QuestionStatus,
    Relation,
    Sex,
)
from vlot_desktop.domain.times import local_from_utc
from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import (
    CONTENT_WIDTH,
    Heading,
    ReportDocument,
    Styles,
    para,
    start_together,
)

REPORT_TITLE = "Inzage in uw persoonsgegevens"
JSON_FORMAT = "vlot-subject-access/2"
INTRO = (
    "U vroeg welke persoonsgegevens de Vlaamse Ondersteuningsteams (VLOT) over u bewaren "
    "(recht op inzage, artikel 15 van de Algemene Verordening Gegevensbescherming, AVG). Dit "
    "overzicht bevat al die gegevens op het moment van afdrukken, per soort gegeven met "
    "waarvoor ze dienen, waar ze vandaan komen, wie ze ontvangt en hoe lang ze bewaard worden. "
    "Gegevens van andere personen staan er niet in: hun namen zijn vervangen door "
    "[ander gezinslid] of [weggelaten]."
)
JsonValue = str | int | float | bool | None | list[str]
Value = JsonValue | dt.date | dt.datetime


@dataclass(frozen=True)
class Item:
    """One field of a record. ``value``: what the JSON holds (a moment as an aware local
    datetime, a day as a date); ``text``: how the PDF shows it when not the value itself (the
    Dutch label of a choice, say)."""

    key: str
    label: str
    value: Value
    text: str | None = None


@dataclass(frozen=True)
class Section:
    """One kind of personal record: what it holds of the person and what they have a right to
    know about it. ``records`` of one item list (the person's own fields) print as a list of
    fields, several as a table with the labels as columns. ``notes``: what the section left
    out and why (e.g. notes about the whole household)."""

    key: str
    title: str
    purpose: str
    source: str
    recipients: str
    retention: str
    records: tuple[tuple[Item, ...], ...] = ()
    notes: tuple[str, ...] = ()
    empty: str = "Geen gegevens."
    widths: tuple[float, ...] | None = None  # table column widths in mm (last: the rest)


@dataclass(frozen=True)
class SubjectAccessReport:
    """The whole export of one person."""

    person: str
    reference: str  # the case's reference, as the person knows it (no internal id)
    made_at: dt.datetime  # aware, local
    made_by: str | None
    sections: tuple[Section, ...]
    rights: tuple[str, ...]
    contact: str
    extra: Mapping[str, str] = field(default_factory=dict)


# --- values as the person reads them ---------------------------------------------------------


def _display(item: Item) -> str:
    if item.text is not None:
        return item.text
    value = item.value
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _json_value(value: Value) -> JsonValue:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _zone(moment: dt.datetime) -> str:
    """'CET, UTC+01:00' for an aware local time."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours:02d}:{rest:02d}"
    name = moment.tzname() or ""
    return f"{name}, {utc}" if name and name != "UTC" and not name.startswith(("+", "-")) else utc


def time_zones(report: SubjectAccessReport) -> list[str]:
    """The zones of every moment in the report (usually one, two around summer time)."""
    moments = [report.made_at] + [
        item.value
        for section in report.sections
        for record in section.records
        for item in record
        if isinstance(item.value, dt.datetime)
    ]
    return sorted({_zone(m) for m in moments if m.tzinfo is not None})


# --- JSON ------------------------------------------------------------------------------------


def subject_access_json(report: SubjectAccessReport) -> dict[str, Any]:
    """The same data as the PDF, machine-readable: per section the labels of its fields and
    its records (field key to value); moments in ISO 8601 with their offset."""
    sections = []
    for section in report.sections:
        labels: dict[str, str] = {}
        for record in section.records:
            for item in record:
                labels.setdefault(item.key, item.label)
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "purpose": section.purpose,
                "source": section.source,
                "recipients": section.recipients,
                "retention": section.retention,
                "notes": list(section.notes),
                "fields": labels,
                "records": [
                    {item.key: _json_value(item.value) for item in record}
                    for record in section.records
                ],
            }
        )
    return {
        "format": JSON_FORMAT,
        "title": REPORT_TITLE,
        "person": report.person,
        "reference": report.reference,
        "made_at": _json_value(report.made_at),
        "made_by": report.made_by,
        "time_zones": time_zones(report),
        "sections": sections,
        "rights": list(report.rights),
        "contact": report.contact,
    }


def write_subject_access_json(report: SubjectAccessReport, out: Path) -> None:
    """Write :func:`subject_access_json` as readable UTF-8 JSON (replaced only when whole)."""
    text = json.dumps(subject_access_json(report), ensure_ascii=False, indent=2) + "\n"

    def build(target: str) -> None:
        Path(target).write_text(text, encoding="utf-8")

    layout.write_atomically(out, build)


# --- PDF -------------------------------------------------------------------------------------


def _about(section: Section, styles: Styles, told: dict[str, str]) -> Flowable:
    """Why, from where, to whom, how long: what the person has a right to know. A text told
    already for an earlier section refers to it ("zoals bij ‘Uw persoonsgegevens’")."""
    rows = []
    for label, text in (
        ("Waarvoor", section.purpose),
        ("Herkomst", section.source),
        ("Ontvangers", section.recipients),
        ("Bewaartermijn", section.retention),
    ):
        if text in told:
            rows.append((label, f"zoals bij ‘{told[text]}’"))
        else:
            told[text] = section.title
            rows.append((label, text))
    return layout.key_values(rows, styles, label_width=30 * mm)


def _section_flowables(section: Section, styles: Styles, told: dict[str, str]) -> list[Flowable]:
    heading = Heading(section.title, styles.h1, 0)
    flow: list[Flowable]
    if not section.records:
        flow = [heading, para(section.empty, styles.muted)]
    elif len(section.records) == 1 and section.widths is None:
        fields = [(item.label, _display(item)) for item in section.records[0]]
        flow = [start_together(heading, layout.key_values(fields, styles, label_width=52 * mm))]
    else:
        labels = [item.label for item in section.records[0]]
        if section.widths is not None:
            widths = [w * mm for w in section.widths]
            widths[-1] = CONTENT_WIDTH - sum(widths[:-1])
        else:
            widths = [CONTENT_WIDTH / len(labels)] * len(labels)
        table_rows = layout.Rows(widths, styles.cell, labels)
        for record in section.records:
            table_rows.add([_display(item) for item in record])
        table = layout.Continued(table_rows.table(), section.title, styles.h2)
        flow = [start_together(heading, table)]
    flow += [para(note, styles.muted) for note in section.notes]
    flow += [Spacer(1, 2 * mm), _about(section, styles, told)]
    return flow


def subject_access_flowables(report: SubjectAccessReport) -> list[Flowable]:
    styles = layout.make_styles()
    made = report.made_at.strftime("%d/%m/%Y %H:%M")
    by = f" door {report.made_by}" if report.made_by else ""
    flow: list[Flowable] = [
        Heading(f"{REPORT_TITLE}: {report.person}", styles.title, 0),
        para(f"Dossier {report.reference} · opgemaakt op {made}{by}", styles.subtitle),
        para(INTRO, styles.body),
        para(
            "Tijden staan in lokale tijd ("
            + " / ".join(time_zones(report))
            + "); geboortejaar en data zonder uur zoals bewaard.",
            styles.muted,
        ),
    ]
    told: dict[str, str] = {}
    for section in report.sections:
        flow += _section_flowables(section, styles, told)
    flow += [Heading("Uw rechten", styles.h1, 0)]
    flow += [para(f"• {right}", styles.body) for right in report.rights]
    flow += [Spacer(1, 2 * mm), para(report.contact, styles.body)]
    return flow


def write_subject_access_pdf(
    report: SubjectAccessReport, out: Path, *, printed_at: dt.datetime | None = None
) -> None:
    """Write one person's export as PDF (replaced only when complete); every page is marked
    confidential with who made it. Raises ``OSError``."""

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{REPORT_TITLE}: {report.person}",
            header_text=f"{REPORT_TITLE} · {report.reference}",
            printed_at=printed_at or report.made_at.replace(tzinfo=None),
            printed_by=report.made_by,
            confidential=True,
        )
        doc.build_to(subject_access_flowables(report))

    layout.write_atomically(out, build)


# --- the first release's field lists (used by the asker export below) ------------------------

# Dutch labels for the fields; a field not listed shows its technical name.
LABELS = {
    "first_name": "Voornaam",
    "last_name": "Achternaam",
    "email": "E-mail",
    "phone": "Telefoon",
    "role": "Rol",
    "created_at": "Geregistreerd op",
}


# Fields holding an enum value: printed with its Dutch label (the JSON keeps the value).
ENUM_FIELDS: dict[str, type[LabelledEnum]] = {
    "sex": Sex,
    "relation": Relation,
    "case_type": CaseType,
    "status": CaseStatus,
    "kind": CaseEventKind,
    "from_status": CaseStatus,
    "to_status": CaseStatus,
}


def _text(value: Any, key: str = "") -> str:
    """A value as the person reads it: Dutch labels, Belgian dates, "ja"/"nee"."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if key in ENUM_FIELDS:
        try:
            return ENUM_FIELDS[key](value).label_nl
        except ValueError:  # a value of a newer version of the app
            return str(value)
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return moment.strftime("%d/%m/%Y")
        return local_from_utc(moment).strftime("%d/%m/%Y %H:%M")  # stored in UTC
    return str(value)


def _fields(values: Mapping[str, Any], styles: Styles) -> Flowable:
    return layout.table(
        [
            (para(LABELS.get(k, k), styles.cell_bold), para(_text(v, k), styles.cell))
            for k, v in values.items()
        ],
        [56 * mm, CONTENT_WIDTH - 56 * mm],
        header=False,
        extra_style=[("BACKGROUND", (0, 0), (0, -1), layout.LIGHT)],
    )


# --- helpdesk askers -------------------------------------------------------------------------

ASKER_TITLE = "Inzage persoonsgegevens: vragen aan de helpdesk"
ASKER_INTRO = (
    "Alle vragen die deze persoon aan VLOT stelde, met het antwoord en de beleidsdomeinen "
    "waaraan de vraag werd voorgelegd (ontvangers), op het moment van afdrukken (AVG, "
    "artikel 15)."
)
QUESTION_LABELS = {
    "id": "Id",
    "reference": "Referentie",
    "received_on": "Ontvangen op",
    "received_team_name": "Ontvangen door",
    "handling_team_name": "Behandeld door",
    "municipality_name": "Gemeente",
    "theme_name": "Thema",
    "channel": "Kanaal",
    "subject": "Onderwerp",
    "question_text": "Vraag",
    "status": "Status",
    "answer_text": "Antwoord",
    "answered_on": "Beantwoord op",
    "closed_on": "Afgesloten op",
    "asker_name": "Naam vraagsteller",
    "asker_email": "E-mail vraagsteller",
    "asker_phone": "Telefoon vraagsteller",
    "created_at": "Geregistreerd op",  # shown in the laptop's time, not UTC
    "personal_data_erased_on": "Persoonsgegevens gewist op",
}
# The fields of a question the asker reads (technical keys and bookkeeping left out).
QUESTION_FIELDS = tuple(QUESTION_LABELS)


@dataclass(frozen=True)
class AskerAccessData:
    """One asker's data as exported by ``services.privacy.export_asker``."""

    asker: Mapping[str, Any]
    contact_person: Mapping[str, Any] | None
    questions: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, export: Mapping[str, Any]) -> AskerAccessData:
        return cls(
            asker=export["asker"],
            contact_person=export.get("contact_person"),
            questions=tuple(export["questions"]),
        )


def _question_text(value: Any, key: str) -> str:
    if key == "status":
        try:
            return QuestionStatus(value).label_nl
        except ValueError:
            return str(value)
    if key == "channel":
        try:
            return ContactChannel(value).label_nl
        except ValueError:
            return str(value)
    return _text(value, key)


def asker_access_flowables(data: AskerAccessData) -> list[Flowable]:
    styles = layout.make_styles()
    name = data.asker.get("name") or ""
    if data.contact_person:
        name = " ".join(
            str(data.contact_person.get(k) or "") for k in ("first_name", "last_name")
        ).strip()
    flow: list[Flowable] = [
        Heading(f"{ASKER_TITLE}: {name or '(gewist)'}", styles.title, 0),
        para(ASKER_INTRO, styles.subtitle),
    ]
    if data.contact_person:
        flow.append(
            start_together(
                Heading("Contactpersoon", styles.h1, 0),
                _fields({k: v for k, v in data.contact_person.items() if k != "id"}, styles),
            )
        )
    if not data.questions:
        flow += [Heading("Vragen", styles.h1, 0), para("Geen vragen gevonden.", styles.muted)]
    for question in data.questions:
        shown = {
            QUESTION_LABELS[k]: _question_text(question.get(k), k)
            for k in QUESTION_FIELDS
            if k in question
        }
        table = layout.table(
            [(para(k, styles.cell_bold), para(v, styles.cell)) for k, v in shown.items()],
            [56 * mm, CONTENT_WIDTH - 56 * mm],
            header=False,
            extra_style=[("BACKGROUND", (0, 0), (0, -1), layout.LIGHT)],
        )
        title = question.get("reference") or question.get("subject") or "Vraag"
        flow.append(start_together(Heading(f"Vraag {title}", styles.h1, 0), table))
        dispatches = question.get("dispatches") or []
        if dispatches:
            widths = [50 * mm, 26 * mm, 26 * mm, 0.0]
            widths[3] = CONTENT_WIDTH - sum(widths)
            rows: list[list[object]] = [["Voorgelegd aan", "Op", "Antwoord op", "Antwoord"]]
            for d in dispatches:
                texts = [
                    str(d.get("domain_name") or ""),
                    _text(d.get("sent_on")),
                    _text(d.get("answered_on")),
                    str(d.get("answer_text") or ""),
                ]
                rows += layout.text_rows(texts, styles.cell, widths)
            flow.append(layout.table(rows, widths))
    return flow


def write_asker_access_pdf(data: AskerAccessData, out: Path) -> None:
    """Write one asker's data as PDF (replaced only when complete). Raises ``OSError``."""

    def build(target: str) -> None:
        doc = ReportDocument(target, title=ASKER_TITLE, header_text=ASKER_TITLE, confidential=True)
        doc.build_to(asker_access_flowables(data))

    layout.write_atomically(out, build)
