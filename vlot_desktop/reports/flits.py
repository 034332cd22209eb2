"""A VLOT-flits edition as an A4 PDF and as an e-mail draft (``.eml``).

Plain data in (:class:`FlitsEdition`, gathered by ``services.coordination_reports``).

The e-mail: HTML made from the template ``templates/flits.html.j2`` with Jinja2 (autoescaped),
its CSS then inlined into ``style`` attributes with ``css-inline`` (Outlook and Gmail ignore
a ``<style>`` block in many cases; the table layout and Outlook's conditional comments are
kept), plus a plain-text part made from the same data, in one ``multipart/alternative``
message with ``X-Unsent: 1`` (Outlook opens it as a draft ready to send). The HTML is kept
well under 100 KB (:data:`HTML_LIMIT`: Gmail clips a message above about 102 KB): should an
edition be that long, its texts are shortened with a pointer to the Kennisbank.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import Heading, ReportDocument, para

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTML_LIMIT = 90_000
"""Bytes of HTML at most (Gmail clips above ~102 KB, the whole message counts)."""
SHORTENED = " … (lees verder in de Kennisbank)"
DEFAULT_SENDER = "VLOT <vlot@vlaanderen.be>"


@dataclass(frozen=True)
class FlitsItem:
    kind_label: str  # "Artikel", "Kort bericht"
    title: str
    body: str | None


@dataclass(frozen=True)
class FlitsEdition:
    number: int
    title: str
    publication_date: dt.date
    intro: str | None
    items: tuple[FlitsItem, ...]
    sent: bool


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def paragraphs(text: str | None) -> list[list[str]]:
    """Text as paragraphs (split at blank lines) of lines."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [[line.strip() for line in b.split("\n")] for b in blocks if b]


# -- PDF ------------------------------------------------------------------------------------------


def flits_flowables(edition: FlitsEdition) -> list[Flowable]:
    styles = layout.make_styles()
    state = "verstuurd" if edition.sent else "concept"
    flow: list[Flowable] = [
        Heading(edition.title, styles.title, 0),
        para(
            f"VLOT-flits {edition.number} · {_date(edition.publication_date)} · {state}",
            styles.subtitle,
        ),
    ]
    for block in paragraphs(edition.intro):
        flow.append(para(" ".join(block), styles.body))
    if not edition.items:
        flow.append(para("Deze editie heeft nog geen artikels of berichten.", styles.muted))
    for number, item in enumerate(edition.items, start=1):
        flow += [
            Spacer(1, 2 * mm),
            Heading(f"{number}. {item.title}", styles.h1, 0),
            para(item.kind_label, styles.muted),
        ]
        flow += [para(" ".join(block), styles.body) for block in paragraphs(item.body)]
    return flow


def write_flits_pdf(
    edition: FlitsEdition, out: Path, *, printed_at: dt.datetime | None = None
) -> None:
    """Write the edition to ``out`` (replaced only when complete). Raises ``OSError``."""

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=edition.title,
            header_text=f"VLOT-flits {edition.number}",
            printed_at=printed_at,
        )
        doc.build_to(flits_flowables(edition))

    layout.write_atomically(out, build)


# -- e-mail ---------------------------------------------------------------------------------------


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("flits.html.j2")


def _view(edition: FlitsEdition) -> dict[str, Any]:
    return {
        "number": edition.number,
        "title": edition.title,
        "date_text": _date(edition.publication_date),
        "intro": edition.intro,
        "intro_paragraphs": paragraphs(edition.intro),
        "entries": [
            {"kind_label": i.kind_label, "title": i.title, "paragraphs": paragraphs(i.body)}
            for i in edition.items
        ],
    }


def render_html(edition: FlitsEdition) -> str:
    """The e-mail's HTML: the template rendered, its CSS inlined (``style`` attributes)."""
    import css_inline

    html = _template().render(edition=_view(edition))
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return str(inliner.inline(html))


def _shortened(edition: FlitsEdition, limit: int) -> FlitsEdition:
    items = tuple(
        replace(i, body=(i.body[:limit].rstrip() + SHORTENED))
        if i.body and len(i.body) > limit
        else i
        for i in edition.items
    )
    return replace(edition, items=items)


def fitting_html(edition: FlitsEdition) -> tuple[str, FlitsEdition]:
    """The HTML within :data:`HTML_LIMIT` bytes, and the edition as it went in (texts
    shortened, longest first, only when needed)."""
    html = render_html(edition)
    limit = max((len(i.body or "") for i in edition.items), default=0)
    while len(html.encode("utf-8")) > HTML_LIMIT and limit > 200:
        limit = int(limit * 0.7)
        edition = _shortened(edition, limit)
        html = render_html(edition)
    return html, edition


def plain_text(edition: FlitsEdition) -> str:
    """The plain-text part: the same content, wrapped at 72 characters."""
    lines = [f"VLOT-flits {edition.number} - {_date(edition.publication_date)}", ""]
    for block in paragraphs(edition.intro):
        lines += [*textwrap.wrap(" ".join(block), 72), ""]
    if len(edition.items) > 1:
        lines.append("In deze editie:")
        lines += [f"{n}. {i.title}" for n, i in enumerate(edition.items, start=1)]
        lines.append("")
    for number, item in enumerate(edition.items, start=1):
        heading = f"{number}. {item.title}"
        lines += [heading, "-" * min(len(heading), 72), f"[{item.kind_label}]"]
        for block in paragraphs(item.body):
            lines += [*textwrap.wrap(" ".join(block), 72), ""]
        lines.append("")
    lines.append(
        "De VLOT-flits is de wekelijkse nieuwsbrief van de Vlaamse Ondersteuningsteams (VLOT)."
    )
    return "\n".join(lines).strip() + "\n"


def flits_message(
    edition: FlitsEdition,
    *,
    sender: str = DEFAULT_SENDER,
    recipients: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> EmailMessage:
    """The edition as a draft e-mail: text and HTML alternatives, ``X-Unsent: 1``."""
    html, shown = fitting_html(edition)
    message = EmailMessage()
    message["Subject"] = f"{edition.title} ({_date(edition.publication_date)})"
    message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime((now or dt.datetime.now()).astimezone())
    message["Message-ID"] = make_msgid(domain="vlot.local")
    message["X-Unsent"] = "1"
    message.set_content(plain_text(shown), subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def write_flits_eml(
    edition: FlitsEdition,
    out: Path,
    *,
    sender: str = DEFAULT_SENDER,
    recipients: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> int:
    """Write the draft e-mail to ``out`` (replaced only when complete); returns its size in
    bytes. Raises ``OSError``."""
    data = flits_message(edition, sender=sender, recipients=recipients, now=now).as_bytes()

    def build(target: str) -> None:
        Path(target).write_bytes(data)

    layout.write_atomically(out, build)
    return len(data)
