"""The e-mail to the sector coordinator of a dispatch: a draft the user sends from Outlook
(an .eml file with ``X-Unsent: 1`` opens there as a new message) or from any mail program
(a ``mailto:`` link). It holds the question (subject and text), the reference to quote in the
answer and the due date; never the asker's name or contact details (the domain needs the
question, not who asked it). A reminder says so in its subject and first line.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection

from vlot_desktop.domain.question_rules import question_reference

MAILTO_BODY_MAX = 1500
"""Characters of the body a ``mailto:`` link carries (some programs cut long links)."""


@dataclass(frozen=True)
class DraftMail:
    to: tuple[str, ...]  # e-mail addresses (empty: the coordinator has none, the user types it)
    to_names: tuple[str, ...]
    subject: str
    body: str
    reference: str


class DispatchGoneError(LookupError):
    pass


def _belgian(day: dt.date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else "—"


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def dispatch_mail(
    conn: Connection,
    dispatch_id: str,
    *,
    sender_name: str | None = None,
    reminder: bool = False,
) -> DraftMail:
    """The draft e-mail of a dispatch (``store.read(question_mail.dispatch_mail, id)``)."""
    row = conn.exec_driver_sql(
        "SELECT q.id, q.reference, q.received_on, q.subject, q.question_text, d.due_on, "
        "d.sent_on, p.name_nl, c.first_name, c.last_name, c.email, t.name_nl "
        "FROM question_dispatch AS d JOIN question AS q ON q.id = d.question_id "
        "LEFT JOIN policy_domain AS p ON p.code = d.domain_code "
        "LEFT JOIN contact_person AS c ON c.id = d.coordinator_contact_id "
        "LEFT JOIN theme AS t ON t.code = q.theme_code WHERE d.id = ?",
        (dispatch_id,),
    ).fetchone()
    if row is None:
        raise DispatchGoneError(dispatch_id)
    received = _date(row[2])
    assert received is not None
    reference = row[1] or question_reference(str(row[0]), received)
    name = " ".join(p for p in (row[8], row[9]) if p)
    greeting = f"Beste {row[8]}," if row[8] else "Beste,"
    lines = [greeting, ""]
    if reminder:
        lines += [
            f"Graag herinneren we u aan onderstaande vraag, die we u op {_belgian(_date(row[6]))} "
            "bezorgden en waarop we nog geen antwoord ontvingen.",
            "",
        ]
    else:
        lines += [
            f"Het centrale team van VLOT ontving onderstaande vraag uit het werkveld en legt ze "
            f"voor aan {row[7] or 'uw beleidsdomein'}.",
            "",
        ]
    lines += [
        f"Referentie: {reference}",
        f"Thema: {row[11]}" if row[11] else "",
        f"Graag een antwoord tegen: {_belgian(_date(row[5]))}",
        "",
        f"Vraag: {row[3]}",
        "",
        str(row[4] or "").strip(),
        "",
        f"Wilt u in uw antwoord de referentie {reference} vermelden?",
        "",
        "Met vriendelijke groeten,",
        sender_name or "Het centrale team van VLOT",
    ]
    body = "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1]))
    prefix = "Herinnering: " if reminder else ""
    return DraftMail(
        to=(str(row[10]),) if row[10] else (),
        to_names=(name,) if name else (),
        subject=f"[{reference}] {prefix}vraag van VLOT: {row[3]}",
        body=body,
        reference=reference,
    )


def mailto_url(mail: DraftMail) -> str:
    """``mailto:`` with the subject and (the start of) the body, percent-encoded."""
    body = mail.body
    if len(body) > MAILTO_BODY_MAX:
        body = body[: MAILTO_BODY_MAX - 1].rsplit(" ", 1)[0] + "…"
    to = ",".join(quote(a, safe="@") for a in mail.to)
    return f"mailto:{to}?subject={quote(mail.subject)}&body={quote(body)}"


def eml_bytes(mail: DraftMail, *, sender: str | None = None) -> bytes:
    """The draft as an .eml message (UTF-8 text) that Outlook opens as an unsent draft."""
    message = EmailMessage()
    message["X-Unsent"] = "1"
    if mail.to:
        message["To"] = ", ".join(
            formataddr((n, a)) if n else a
            for a, n in zip(mail.to, mail.to_names or ("",) * len(mail.to), strict=False)
        )
    if sender:
        message["From"] = sender
    message["Subject"] = mail.subject
    message.set_content(mail.body, charset="utf-8")
    return message.as_bytes()


def write_eml(mail: DraftMail, path: Path, *, sender: str | None = None) -> Path:
    """Write the draft to ``path`` (replaced only when complete). Raises ``OSError``."""
    data = eml_bytes(mail, sender=sender)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.stem[:40]}-{uuid.uuid4().hex[:12]}.part")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path
