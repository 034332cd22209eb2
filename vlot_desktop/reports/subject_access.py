"""The subject access reports (inzageverzoek, GDPR art. 15) as PDF: of one household member,
and of one helpdesk asker (their questions, answers and the policy domains asked).

Prints what :func:`vlot_desktop.services.privacy.export_person` collects (plain data in,
:class:`SubjectAccessData`): the person's own fields (sensitive ones included: it is their own
data), their case, the case's timeline and who viewed their sensitive data. The JSON form and
the record of the viewing are written by :mod:`vlot_desktop.services.case_reports`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

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
from vlot_desktop.reports.case_summary import start_together
from vlot_desktop.reports.layout import CONTENT_WIDTH, Heading, ReportDocument, Styles, para

REPORT_TITLE = "Inzage persoonsgegevens"
INTRO = (
    "Alle gegevens die VLOT over deze persoon bewaart, op het moment van afdrukken "
    "(AVG, artikel 15). Gegevens van andere gezinsleden zijn niet opgenomen."
)


@dataclass(frozen=True)
class SubjectAccessData:
    """One person's data as exported: field name to stored value (JSON values)."""

    person: Mapping[str, Any]
    case: Mapping[str, Any]
    timeline: tuple[Mapping[str, Any], ...]
    sensitive_data_access: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, export: Mapping[str, Any]) -> SubjectAccessData:
        """From the export's dictionary (the same one the JSON file holds)."""
        return cls(
            person=export["person"],
            case=export["case"],
            timeline=tuple(export["timeline"]),
            sensitive_data_access=tuple(export["sensitive_data_access"]),
        )


# Dutch labels for the fields; a field not listed shows its technical name.
LABELS = {
    "id": "Id",
    "case_id": "Dossier-id",
    "first_name": "Voornaam",
    "last_name": "Achternaam",
    "first_name_cyrillic": "Voornaam (cyrillisch)",
    "last_name_cyrillic": "Achternaam (cyrillisch)",
    "search_names": "Zoeknamen",
    "birth_year": "Geboortejaar",
    "sex": "Geslacht",
    "relation": "Relatie tot contactpersoon",
    "phone": "Telefoon",
    "language": "Taal",
    "needs_mobility": "Mobiliteitsnoden",
    "needs_medical": "Medische noden",
    "medical_notes": "Medische toelichting",
    "has_pets": "Huisdieren",
    "school_age": "Schoolgaand",
    "created_at": "Geregistreerd op (UTC)",
    "reference": "Referentie",
    "case_type": "Soort dossier",
    "status": "Status",
    "team_code": "Team (code)",
    "team_name": "Team",
    "municipality_nis": "Gemeente (NIS-code)",
    "municipality_name": "Gemeente",
    "assigned_to_id": "Toegewezen aan (id)",
    "assigned_to_name": "Toegewezen aan",
    "opened_on": "Geopend op",
    "deadline": "Deadline",
    "closed_on": "Afgesloten op",
    "household_size": "Gezinsgrootte",
    "summary": "Samenvatting",
    "outcome": "Uitkomst",
    "assigned_place_id": "Toegewezen plaats (id)",
    "municipal_contact_id": "Gemeentelijke contactpersoon (id)",
    "personal_data_erased_on": "Persoonsgegevens gewist op",
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


def subject_access_flowables(data: SubjectAccessData) -> list[Flowable]:
    styles = layout.make_styles()
    person = data.person
    name = " ".join(str(person.get(k) or "") for k in ("first_name", "last_name")).strip()
    flow: list[Flowable] = [
        Heading(f"{REPORT_TITLE}: {name or '(gewist)'}", styles.title, 0),
        para(INTRO, styles.subtitle),
        start_together(Heading("Persoon", styles.h1, 0), _fields(person, styles)),
        start_together(Heading("Dossier", styles.h1, 0), _fields(data.case, styles)),
    ]
    timeline_heading = Heading("Tijdlijn van het dossier", styles.h1, 0)
    if data.timeline:
        widths = [36 * mm, 30 * mm, 32 * mm, 0.0]
        widths[3] = CONTENT_WIDTH - sum(widths)
        rows: list[list[object]] = [["Wanneer", "Soort", "Door", "Inhoud"]]
        for e in data.timeline:
            change = (
                f"{_text(e['from_status'], 'from_status')} → {_text(e['to_status'], 'to_status')}"
                if e.get("to_status")
                else ""
            )
            texts = [
                _text(e["occurred_at"]),
                _text(e["kind"], "kind"),
                e.get("author_name") or "",
                "\n".join(p for p in (change, e.get("text")) if p),
            ]
            rows += layout.text_rows(texts, styles.cell, widths)
        flow.append(start_together(timeline_heading, layout.table(rows, widths)))
    else:
        flow += [timeline_heading, para("Geen activiteiten.", styles.muted)]
    access_heading = Heading("Inzage van gevoelige gegevens", styles.h1, 0)
    if data.sensitive_data_access:
        widths = [40 * mm, 0.0]
        widths[1] = CONTENT_WIDTH - widths[0]
        rows = [["Wanneer", "Door"]]
        rows += [
            [_text(a["viewed_at"]), a.get("user_name") or a.get("user_id") or ""]
            for a in data.sensitive_data_access
        ]
        flow.append(start_together(access_heading, layout.table(rows, widths)))
    else:
        flow += [
            access_heading,
            para("Niemand heeft de gevoelige gegevens ingekeken.", styles.muted),
        ]
    return flow


def write_subject_access_pdf(data: SubjectAccessData, out: Path) -> None:
    """Write one person's data as PDF (replaced only when complete). Raises ``OSError``."""

    def build(target: str) -> None:
        doc = ReportDocument(target, title=REPORT_TITLE, header_text=REPORT_TITLE)
        doc.build_to(subject_access_flowables(data))

    layout.write_atomically(out, build)


# --- helpdesk askers -----------------------------------------------------------------------

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
    "created_at": "Geregistreerd op (UTC)",
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
        doc = ReportDocument(target, title=ASKER_TITLE, header_text=ASKER_TITLE)
        doc.build_to(asker_access_flowables(data))

    layout.write_atomically(out, build)
