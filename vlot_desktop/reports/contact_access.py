"""The subject access report (inzageverzoek, GDPR art. 15) of one contact person as PDF: their
record and every contact VLOT logged with them.

Prints what :func:`vlot_desktop.services.coordination_privacy.export_contact_person` collects
(plain data in, :class:`ContactAccessData`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import CONTENT_WIDTH, Heading, ReportDocument, para

TITLE = "Inzage persoonsgegevens: contactmomenten"
INTRO = (
    "Alle gegevens die VLOT over deze persoon bijhoudt in het contactlogboek, en elk "
    "geregistreerd contact met deze persoon, op het moment van afdrukken (AVG, artikel 15). "
    "Vragen die deze persoon aan de helpdesk stelde, staan in een apart overzicht."
)
PERSON_LABELS = {
    "first_name": "Voornaam",
    "last_name": "Achternaam",
    "role_label": "Rol",
    "municipality_nis": "Gemeente (NIS-code)",
    "email": "E-mail",
    "phone": "Telefoon",
    "notes": "Notities",
    "created_at": "Geregistreerd op (UTC)",
}


@dataclass(frozen=True)
class ContactAccessData:
    person: Mapping[str, Any]
    contacts: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, export: Mapping[str, Any]) -> ContactAccessData:
        return cls(person=export["person"], contacts=tuple(export["contacts"]))


def _text(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def contact_access_flowables(data: ContactAccessData) -> list[Flowable]:
    styles = layout.make_styles()
    name = " ".join(str(data.person.get(k) or "") for k in ("first_name", "last_name")).strip()
    flow: list[Flowable] = [
        Heading(f"{TITLE}: {name or '(gewist)'}", styles.title, 0),
        para(INTRO, styles.subtitle),
        Heading("Persoon", styles.h1, 0),
        layout.key_values(
            [(label, _text(data.person.get(key))) for key, label in PERSON_LABELS.items()],
            styles,
        ),
        Heading(f"Contactmomenten ({len(data.contacts)})", styles.h1, 0),
    ]
    if not data.contacts:
        return [*flow, para("Geen contactmomenten gevonden.", styles.muted)]
    widths = [26 * mm, 30 * mm, 26 * mm, 22 * mm, 0.0]
    widths[4] = CONTENT_WIDTH - sum(widths)
    rows: list[list[object]] = [["Wanneer", "VLOT-medewerker", "Gemeente", "Kanaal", "Notitie"]]
    for contact in data.contacts:
        note = " · ".join(
            str(contact.get(k)) for k in ("theme", "subject", "notes") if contact.get(k)
        )
        texts = [
            _text(contact.get("occurred_at"))[:16].replace("T", " "),
            f"{_text(contact.get('staff'))} ({_text(contact.get('team'))})",
            _text(contact.get("municipality")),
            _text(contact.get("channel")),
            note or "—",
        ]
        rows += layout.text_rows(texts, styles.cell, widths)
    return [*flow, layout.table(rows, widths)]


def write_contact_access_pdf(data: ContactAccessData, out: Path) -> None:
    """Write one contact person's data as PDF (replaced only when complete). Raises
    ``OSError``."""

    def build(target: str) -> None:
        doc = ReportDocument(target, title=TITLE, header_text=TITLE)
        doc.build_to(contact_access_flowables(data))

    layout.write_atomically(out, build)
