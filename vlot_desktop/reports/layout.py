"""What every VLOT report shares: fonts, A4 page with header and footer, styles, tables.

- Fonts: DejaVu Sans (regular and bold) is embedded, because the standard PDF fonts have no
  Cyrillic and Ukrainian names may be written in Cyrillic.
- Every page carries a header (report title, team) and a footer with the print date and
  "pagina x van y". The total is only known at the end, so the footer of every page is drawn
  when the document is saved (:class:`_NumberedCanvas`).
- Headings registered with :meth:`ReportDocument.heading` become PDF bookmarks (the outline).
- ``rl_config.useA85 = 0``: ASCII85-encoding images costs ~9x the time of writing them raw.

Later reports (case summary, meeting agenda) build on :class:`ReportDocument` and the helpers
below; the prospect report is :mod:`vlot_desktop.reports.prospect`.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from vlot_desktop import paths

rl_config.useA85 = 0

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

PAGE_SIZE = A4
MARGIN_SIDE = 18 * mm
MARGIN_TOP = 22 * mm  # room for the header line
MARGIN_BOTTOM = 20 * mm  # room for the footer line
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_SIDE

ACCENT = colors.HexColor("#1F4E79")
LIGHT = colors.HexColor("#E8EEF5")
GRID = colors.HexColor("#B8C4D0")
MUTED = colors.HexColor("#6B7785")


def register_fonts() -> None:
    """Register DejaVu Sans and Bold with reportlab (once per process)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    folder = paths.fonts_dir()
    for name, file in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    small: ParagraphStyle
    figure: ParagraphStyle
    muted: ParagraphStyle
    caption: ParagraphStyle
    toc: ParagraphStyle
    toc_page: ParagraphStyle


def make_styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, spaceAfter=3)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    return Styles(
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, textColor=ACCENT
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=10, leading=13, textColor=MUTED, spaceAfter=8
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=True,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=True,
        ),
        body=body,
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        figure=ParagraphStyle(
            "figure", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16, textColor=ACCENT
        ),
        muted=ParagraphStyle("muted", parent=cell, textColor=MUTED),
        caption=ParagraphStyle("caption", parent=cell, fontSize=8, leading=10),
        toc=ParagraphStyle("toc", parent=body, fontSize=9.5, leading=13, spaceAfter=0),
        toc_page=ParagraphStyle(
            "toc_page", parent=body, fontSize=9.5, leading=13, spaceAfter=0, alignment=TA_RIGHT
        ),
    )


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a little XML): escape markup, keep line breaks."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text or ""), style)


TABLE_FONT_SIZE = 8.5
CELL_PADDING = 4


def cell(text: str | None, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell: plain text when it fits on one line (several times cheaper to lay out than
    a Paragraph, which matters in a batch of hundreds of pages), else a wrapping Paragraph."""
    if not text:
        return ""
    if (
        "\n" not in text
        and style.fontName == FONT
        and style.fontSize == TABLE_FONT_SIZE
        and pdfmetrics.stringWidth(text, FONT, TABLE_FONT_SIZE) <= width - 2 * CELL_PADDING - 1
    ):
        return text
    return para(text, style)


def table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    header: bool = True,
    extra_style: Sequence[tuple[Any, ...]] = (),
    row_heights: Sequence[float | None] | None = None,
) -> Table:
    """A grid table in the report's look; with ``header`` the first row repeats on every page."""
    result = Table(
        [list(row) for row in rows],
        colWidths=list(col_widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        repeatRows=1 if header else 0,
        splitByRow=True,
    )
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_FONT_SIZE, 10.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5, 10.5),
        ]
    result.setStyle(TableStyle(commands + list(extra_style)))
    return result


# A chunk of text small enough that a table row holding it never outgrows a page, even in a
# narrow column (about 20 characters per line): then tables only ever split between rows.
CHUNK_CHARS = 700
CHUNK_LINES = 25


def chunks(text: str | None) -> list[str]:
    """``text`` cut at line or word boundaries into pieces of at most ~CHUNK_CHARS/LINES."""
    if not text:
        return [""]
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        words = line.split(" ")
        while words:
            take: list[str] = []
            while words and (not take or size + len(" ".join([*take, words[0]])) <= CHUNK_CHARS):
                take.append(words.pop(0))
            current.append(" ".join(take))
            size += len(current[-1]) + 1
            if words or len(current) >= CHUNK_LINES or size >= CHUNK_CHARS:
                pieces.append("\n".join(current))
                current, size = [], 0
    if current and any(current):
        pieces.append("\n".join(current).strip("\n"))
    return pieces or [""]


def text_rows(
    texts: Sequence[str | None], style: ParagraphStyle, widths: Sequence[float]
) -> list[list[Any]]:
    """Table rows for one record: long texts continue in extra rows below (empty elsewhere),
    so that a table always splits between rows and repeats its header on the next page."""
    columns = [chunks(text) for text in texts]
    height = max(len(column) for column in columns)
    return [
        [
            cell(column[index], style, widths[number]) if index < len(column) else ""
            for number, column in enumerate(columns)
        ]
        for index in range(height)
    ]


def rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=GRID, spaceBefore=2, spaceAfter=6)


class SetHeader(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Invisible; changes the page header from the page it lands on (one PDF, many visits)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._vlot_header = self.text


class Heading(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A heading that becomes a bookmark (outline entry) at ``level``.

    With a ``toc_key`` its page is also what a :class:`TableOfContents` entry prints.
    """

    def __init__(
        self, text: str, style: ParagraphStyle, level: int, toc_key: str | None = None
    ) -> None:
        super().__init__(escape(text), style)
        self.outline_text = text
        self.outline_level = level
        self.toc_key = toc_key


class _PageRef(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """The page number of a table-of-contents entry, as a PDF form that is filled in when the
    build ends and every page is known: one build pass is enough."""

    def __init__(self, key: str, width: float, row_width: float) -> None:
        super().__init__()
        self.key = key
        self.width = width
        self.row_width = row_width
        self.height = 10.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, 2)
        self.canv.doForm(_toc_form(self.key))
        self.canv.restoreState()
        # The whole row is a link to the entry's bookmark.
        self.canv.linkRect(
            "",
            self.key,
            (self.width - self.row_width, -2, self.width, self.height),
            relative=1,
            thickness=0,
        )


def _toc_form(key: str) -> str:
    return f"vlot_toc_{key}"


def _page_form(page: int) -> str:
    return f"vlot_page_{page}"


def _right_aligned_form(
    canvas: Canvas, name: str, text: str, font: str, size: float, color: Any
) -> None:
    """A form that draws ``text`` ending at its origin (placed where the text should end)."""
    canvas.beginForm(name, lowerx=-300, lowery=-4, upperx=1, uppery=size + 2)
    canvas.setFont(font, size)
    canvas.setFillColor(color)
    canvas.drawRightString(0, 0, text)
    canvas.endForm()


class TableOfContents:
    """Entries with page numbers and links, filled in after the pages are known.

    Each entry belongs to the :class:`Heading` whose ``toc_key`` is :meth:`key` of its position.
    """

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.keys: list[str] = []

    @staticmethod
    def key(index: int) -> str:
        return f"toc{index}"

    def flowables(self, entries: Sequence[tuple[str, str]]) -> list[Flowable]:
        """One row per (title, detail) entry."""
        page_width = 16 * mm
        self.keys = [self.key(i) for i in range(len(entries))]
        rows = [
            [
                Paragraph(
                    f"<b>{escape(title)}</b>  <font color='#6B7785'>{escape(detail)}</font>",
                    self.styles.toc,
                ),
                _PageRef(self.key(i), page_width, CONTENT_WIDTH),
            ]
            for i, (title, detail) in enumerate(entries)
        ]
        if not rows:
            return []
        toc = Table(rows, colWidths=[CONTENT_WIDTH - page_width, page_width], splitByRow=True)
        toc.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 9.5),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                ]
            )
        )
        return [toc]

    def attach(self, doc: ReportDocument) -> None:
        doc.finishers.append(self._finish)

    def _finish(self, doc: ReportDocument, canvas: Canvas) -> None:
        for key in self.keys:
            page = doc.toc_pages.get(key)
            text = str(page) if page is not None else ""
            _right_aligned_form(canvas, _toc_form(key), text, FONT, 9.5, colors.black)


class ReportCancelledError(Exception):
    """The user cancelled; no output file was written."""


def _canvas_maker(doc: ReportDocument) -> type[Canvas]:
    class _ReportCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        """Fills in the forms that needed the page total just before the file is written."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not reportlab's default Helvetica: the PDF then lists only embedded fonts.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._vlot_header = doc.header_text

        def save(self) -> None:
            for finish in doc.finishers:
                finish(doc, self)
            super().save()

    return _ReportCanvas


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type hints
    """A4 portrait with print-ready margins, header, footer, page x of y and bookmarks."""

    def __init__(
        self,
        filename: str,
        *,
        title: str,
        header_text: str,
        header_right: str = "VLOT",
        printed_at: dt.datetime | None = None,
        after_flowable: Callable[[Flowable], None] | None = None,
    ) -> None:
        register_fonts()
        super().__init__(
            filename,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_SIDE,
            rightMargin=MARGIN_SIDE,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author="VLOT",
            creator="VLOT Desktop",
            lang="nl-BE",
        )
        self.header_text = header_text
        self.header_right = header_right
        self.printed_at = printed_at or dt.datetime.now().replace(second=0, microsecond=0)
        self._after_flowable = after_flowable
        self._bookmarks = 0
        self.pages_done = 0
        # The page of each Heading with a toc_key, for a TableOfContents.
        self.toc_pages: dict[str, int] = {}
        # Called with (doc, canvas) when every page is known, to define late forms.
        self.finishers: list[Callable[[ReportDocument, Canvas], None]] = [_finish_page_numbers]
        frame = Frame(
            MARGIN_SIDE,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="content",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._page_end)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = flowable.toc_key or f"h{self._bookmarks}"
            self._bookmarks += 1
            if flowable.toc_key:
                self.toc_pages[flowable.toc_key] = self.page
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.outline_text, key, level=flowable.outline_level, closed=True
            )
        if self._after_flowable is not None:
            self._after_flowable(flowable)

    def _page_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Header and footer of the page just filled; the page total comes as a form."""
        width, height = PAGE_SIZE
        page = canvas.getPageNumber()
        self.pages_done = max(self.pages_done, page)
        header = getattr(canvas, "_vlot_header", self.header_text)
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        top = height - MARGIN_TOP + 6 * mm
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN_SIDE, top + 1.5 * mm, _fit(header, FONT_BOLD, 8, 120 * mm))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN_SIDE, top + 1.5 * mm, self.header_right)
        canvas.line(MARGIN_SIDE, top, width - MARGIN_SIDE, top)
        bottom = MARGIN_BOTTOM - 8 * mm
        canvas.line(MARGIN_SIDE, bottom + 4 * mm, width - MARGIN_SIDE, bottom + 4 * mm)
        canvas.drawString(
            MARGIN_SIDE, bottom, f"Afgedrukt op {self.printed_at.strftime('%d/%m/%Y %H:%M')}"
        )
        canvas.translate(width - MARGIN_SIDE, bottom)
        canvas.doForm(_page_form(page))
        canvas.restoreState()

    def build_to(self, flowables: list[Flowable]) -> None:
        self.build(flowables, canvasmaker=_canvas_maker(self))


def _finish_page_numbers(doc: ReportDocument, canvas: Canvas) -> None:
    total = doc.pages_done
    for page in range(1, total + 1):
        _right_aligned_form(canvas, _page_form(page), f"pagina {page} van {total}", FONT, 8, MUTED)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def write_atomically(out: Path, build: Callable[[str], None]) -> None:
    """Build into a temporary file next to ``out`` and rename it: never a half-written PDF."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # Not mkstemp: its file is private (0600); a report is an ordinary file for its user.
    temp = out.parent / f".{out.stem[:40]}-{uuid.uuid4().hex[:12]}.pdf.part"
    try:
        build(str(temp))
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
