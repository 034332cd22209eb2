"""What every VLOT report shares: fonts, A4 page with header and footer, styles, tables.

- Fonts: DejaVu Sans (regular and bold) is embedded, because the standard PDF fonts have no
  Cyrillic and Ukrainian names may be written in Cyrillic.
- Every page carries a header (report title, team) and a footer with who printed it and when,
  and "pagina x van y". The total is only known at the end: it is a form filled in when the
  document is saved. A report with personal data (``confidential``) is marked
  "Vertrouwelijk" in the header and the footer of every page.
- Tables never let a text run into the next column (:func:`table` wraps it), and long texts
  continue at a sensible width (:class:`Rows`): a table only splits between rows, so a long
  text is cut into row-sized pieces, continued below a wide column or over the full width
  below a narrow one.
- Batches for double-sided printing start each report on an odd page (:class:`OddPageStart`);
  a closing block (signatures) keeps the end of the content with it (:class:`EndTogether`); a
  table continued on the next page says what it continues (:class:`Continued`).
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
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import _FrameBreak
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
CONFIDENTIAL_COLOR = colors.HexColor("#B00020")
CONFIDENTIAL = "Vertrouwelijk"


_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans and Bold with reportlab (once per process)."""
    global _registered
    if _registered:
        return
    registered = set(pdfmetrics.getRegisteredFontNames())
    folder = paths.fonts_dir()
    for name, file in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _registered = True


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
TABLE_LEADING = 10.5
CELL_PADDING = 4


def _fits(text: str, font: str, size: float, width: float) -> bool:
    return float(pdfmetrics.stringWidth(text, font, size)) <= width - 2 * CELL_PADDING - 1


def cell(text: str | None, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell: plain text when it fits on one line (several times cheaper to lay out than
    a Paragraph, which matters in a batch of hundreds of pages), else a wrapping Paragraph."""
    if not text:
        return ""
    if (
        "\n" not in text
        and style.fontName == FONT
        and style.fontSize == TABLE_FONT_SIZE
        and _fits(text, FONT, TABLE_FONT_SIZE, width)
    ):
        return text
    return para(text, style)


_WRAP_STYLES: dict[str, ParagraphStyle] = {}


def _wrap_style(font: str) -> ParagraphStyle:
    """The paragraph style a too-wide plain table cell is turned into (table font)."""
    if font not in _WRAP_STYLES:
        register_fonts()
        _WRAP_STYLES[font] = ParagraphStyle(
            f"wrapped-{font}", fontName=font, fontSize=TABLE_FONT_SIZE, leading=TABLE_LEADING
        )
    return _WRAP_STYLES[font]


def _wrapped_rows(
    rows: Sequence[Sequence[Any]], col_widths: Sequence[float], header: bool
) -> list[list[Any]]:
    """Plain text cells that would run over into the next column become wrapping Paragraphs:
    no column of any report overlaps its neighbour, whatever the data."""
    result: list[list[Any]] = []
    for number, row in enumerate(rows):
        font = FONT_BOLD if header and number == 0 else FONT
        cells = list(row)
        for index, value in enumerate(cells):
            if (
                isinstance(value, str)
                and value
                and index < len(col_widths)
                and ("\n" in value or not _fits(value, font, TABLE_FONT_SIZE, col_widths[index]))
            ):
                cells[index] = Paragraph(escape(value), _wrap_style(font))
        result.append(cells)
    return result


def table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    header: bool = True,
    extra_style: Sequence[tuple[Any, ...]] = (),
    row_heights: Sequence[float | None] | None = None,
    repeat_rows: int | None = None,
) -> Table:
    """A grid table in the report's look; with ``header`` the first row repeats on every page.

    Plain text cells wider than their column wrap (as a Paragraph) instead of overlapping.
    """
    result = Table(
        _wrapped_rows(rows, col_widths, header),
        colWidths=list(col_widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        repeatRows=repeat_rows if repeat_rows is not None else (1 if header else 0),
        splitByRow=True,
    )
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_FONT_SIZE, TABLE_LEADING),
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
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, TABLE_FONT_SIZE, TABLE_LEADING),
        ]
    result.setStyle(TableStyle(commands + list(extra_style)))
    return result


# --- long texts ------------------------------------------------------------------------------
#
# A table row never splits over two pages (reportlab moves it whole), so a long text is cut
# into row-sized pieces at line boundaries: then a table splits between rows and repeats its
# header on the next page, and a page is never left half empty for one tall row.
#
# Where a long text continues depends on its column (sensible widths): in a wide column (at
# least WIDE_SHARE of the table) it continues in rows below, in the same column; in a narrow
# one it shows its first NARROW_LINES lines there and continues below over the whole width of
# the table. Before, a 100,000-character note in a 37 mm column took 13 pages for 5 pages of
# content.

CHUNK_LINES = 8
"""Lines of text per table row of a continued text: small enough that little of a page stays
empty when a row moves to the next page, large enough to keep the rows few."""
NARROW_LINES = 6
"""A text longer than this many lines in a narrow column continues over the full width."""
WIDE_SHARE = 0.7
"""A column at least this share of its table's width is wide enough to hold a long text."""


def _space_width(font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(" ", font, size))


def _wrap(text: str, width: float, font: str, size: float) -> list[tuple[str, bool]]:
    """(line, ends a paragraph of the text) for every line of ``text`` set ``width`` wide."""
    register_fonts()
    space = _space_width(font, size)
    lines: list[tuple[str, bool]] = []
    for source in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in source.split(" "):
            word_width = pdfmetrics.stringWidth(word, font, size)
            while word_width > width and len(word) > 1:  # a word wider than a line
                if current:
                    lines.append((" ".join(current), False))
                    current, used = [], 0.0
                cut = max(1, int(len(word) * width / word_width))
                while cut > 1 and pdfmetrics.stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append((word[:cut], False))
                word = word[cut:]
                word_width = pdfmetrics.stringWidth(word, font, size)
            needed = word_width if not current else used + space + word_width
            if current and needed > width:
                lines.append((" ".join(current), False))
                current, used = [word], word_width
            else:
                current.append(word)
                used = needed
        lines.append((" ".join(current), True))
    return lines


def wrap_lines(
    text: str, width: float, font: str = FONT, size: float = TABLE_FONT_SIZE
) -> list[str]:
    """``text`` broken into lines of at most ``width`` points, as a Paragraph breaks it
    (greedy, at spaces; a word longer than a line is cut). Line breaks in the text stay."""
    return [line for line, _end in _wrap(text, width, font, size)]


def _join(lines: Sequence[tuple[str, bool]]) -> str:
    """Lines as text again: a line the wrapping broke joins the next with a space (the
    Paragraph breaks it again at the same width), a line break of the text stays."""
    parts: list[str] = []
    for number, (line, end) in enumerate(lines):
        parts.append(line)
        if number < len(lines) - 1:
            parts.append("\n" if end else " ")
    return "".join(parts)


def line_chunks(
    text: str | None,
    width: float,
    lines_per_chunk: int = CHUNK_LINES,
    font: str = FONT,
    size: float = TABLE_FONT_SIZE,
) -> list[str]:
    """``text`` cut into pieces of ``lines_per_chunk`` lines of a column ``width`` wide (the
    cell's text width), at line boundaries: no word is lost or reordered."""
    if not text:
        return [""]
    lines = _wrap(text.strip("\n"), width, font, size)
    return [
        _join(lines[start : start + lines_per_chunk])
        for start in range(0, len(lines), lines_per_chunk)
    ]


def text_rows(
    texts: Sequence[str | None], style: ParagraphStyle, widths: Sequence[float]
) -> list[list[Any]]:
    """Table rows for one record: long texts continue in extra rows below (empty elsewhere),
    each cut to the width of its own column, so that a table always splits between rows and
    repeats its header on the next page. (:class:`Rows` also moves a long text out of a
    narrow column; use it for new tables.)"""
    columns = [
        line_chunks(text, width - 2 * CELL_PADDING) if text else [""]
        for text, width in zip(texts, widths, strict=True)
    ]
    height = max(len(column) for column in columns)
    return [
        [
            cell(column[index], style, widths[number]) if index < len(column) else ""
            for number, column in enumerate(columns)
        ]
        for index in range(height)
    ]


class Rows:
    """The rows of one table, added record by record, with the long texts continued at a
    sensible width (see *long texts* above) and no rule inside a record.

    ``header``: the column titles (repeated on every page), or None. ``labels``: how a column
    is named where its text continues below ("Opmerking (vervolg)"); default the header.
    Cells may also be flowables (a Paragraph, a list of them), placed as they are.
    """

    def __init__(
        self,
        widths: Sequence[float],
        style: ParagraphStyle,
        header: Sequence[Any] | None = None,
        labels: Sequence[str] | None = None,
    ) -> None:
        self.widths = list(widths)
        self.total = sum(self.widths)
        self.style = style
        self.header = header is not None
        self.rows: list[list[Any]] = [list(header)] if header is not None else []
        self.commands: list[tuple[Any, ...]] = []
        if labels is not None:
            self.labels = list(labels)
        elif header is not None:
            self.labels = [h if isinstance(h, str) else "" for h in header]
        else:
            self.labels = [""] * len(self.widths)

    def _wide(self, index: int) -> bool:
        return self.widths[index] >= WIDE_SHARE * self.total

    def add(self, cells: Sequence[Any]) -> tuple[int, int]:
        """Add one record; returns the numbers of its first and last row (for styles)."""
        first = len(self.rows)
        columns: list[list[Any]] = []
        overflow: list[tuple[int, str]] = []  # narrow columns continued over the full width
        for index, value in enumerate(cells):
            if not isinstance(value, str) or not value:
                columns.append([value if value is not None else ""])
                continue
            inner = self.widths[index] - 2 * CELL_PADDING
            lines = _wrap(value.strip("\n"), inner, FONT, TABLE_FONT_SIZE)
            if self._wide(index) or len(lines) <= NARROW_LINES:
                columns.append(
                    [
                        _join(lines[start : start + CHUNK_LINES])
                        for start in range(0, len(lines), CHUNK_LINES)
                    ]
                )
                continue
            head = NARROW_LINES - 1
            columns.append([_join(lines[:head]) + " …"])
            overflow.append((index, _join(lines[head:])))
        height = max(len(column) for column in columns)
        for number in range(height):
            self.rows.append(
                [
                    self._cell(column[number], index) if number < len(column) else ""
                    for index, column in enumerate(columns)
                ]
            )
        full = self.total - 2 * CELL_PADDING
        for index, rest in overflow:
            label = self.labels[index] if index < len(self.labels) else ""
            prefix = f"{label} (vervolg): " if label else "… "
            pieces = line_chunks(prefix + rest, full)
            for number, piece in enumerate(pieces):
                row = len(self.rows)
                text = escape(piece)
                if number == 0 and label:  # the label in bold (same width: DejaVu Bold is wider)
                    text = f"<b>{escape(prefix.rstrip())}</b> " + escape(piece[len(prefix) :])
                self.rows.append([Paragraph(text, self.style)] + [""] * (len(self.widths) - 1))
                self.commands.append(("SPAN", (0, row), (-1, row)))
        last = len(self.rows) - 1
        if last > first:  # one record over several rows: a faint line inside it, no rule
            self.commands.append(("LINEBELOW", (0, first), (-1, last - 1), 0, colors.white))
            self.commands.append(("LINEBELOW", (0, first), (-1, last - 1), 0.3, LIGHT))
        return first, last

    def _cell(self, value: Any, index: int) -> Any:
        if isinstance(value, str):
            return cell(value, self.style, self.widths[index])
        return value

    def __len__(self) -> int:
        return len(self.rows) - (1 if self.header else 0)

    def table(self, extra_style: Sequence[tuple[Any, ...]] = (), **kwargs: Any) -> Table:
        return table(
            self.rows,
            self.widths,
            header=self.header,
            extra_style=[*self.commands, *extra_style],
            **kwargs,
        )


def key_values(
    rows: Sequence[tuple[str, str | None]], styles: Styles, label_width: float = 42 * mm
) -> Table:
    """A two-column table of labels and values (the title block of a report); a long value
    continues in rows below, so that it can run over several pages."""
    builder = Rows([label_width, CONTENT_WIDTH - label_width], styles.cell)
    for label, value in rows:
        builder.add([para(label, styles.cell_bold), value or "—"])
    return builder.table([("BACKGROUND", (0, 0), (0, -1), LIGHT)])


def rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=GRID, spaceBefore=2, spaceAfter=6)


START_ROOM = 40 * mm
"""Below this much room on a page, a heading and the start of its table go to the next page."""


class _StartTogether(KeepTogether):  # type: ignore[misc]  # reportlab has no type hints
    """Headings with the table they introduce, without reportlab's keepWithNext flaw: that
    moves a heading with a table longer than a page to a new page and leaves the rest of the
    page empty. Here the group moves only when less than ``START_ROOM`` is left; otherwise
    the table starts right below its heading and continues on the next page."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if avail_height >= START_ROOM and parts and isinstance(parts[0], _FrameBreak):
            return parts[1:]
        return parts


def start_together(*flowables: Flowable) -> Flowable:
    """Keep ``flowables`` (headings, then a table) together at the start (see above)."""
    for flowable in flowables[:-1]:
        flowable.keepWithNext = False  # else the document groups them again, the old way
    return _StartTogether(list(flowables))


class Continued(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A table whose continuation on a next page starts with ``caption`` "(vervolg)" above
    its repeated header row: a reader who turns the page sees which team, which section the
    rows belong to."""

    def __init__(self, table: Table, caption: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.table = table
        self.caption = caption
        self.caption_style = style  # not ``style``: reportlab reads keepWithNext from that

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = self.table.split(avail_width, avail_height)
        if len(parts) < 2:
            return parts
        rest = Continued(parts[1], self.caption, self.caption_style)
        rest_caption = Paragraph(escape(f"{self.caption} (vervolg)"), self.caption_style)
        return [parts[0], KeepTogether([rest_caption, rest])]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.table.drawOn(canvas, x, y, _sW)

    def draw(self) -> None:  # drawn through drawOn
        pass


class EndTogether(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """``last`` (the end of the report's content) and ``closing`` (a signature block) on one
    page: when the closing part does not fit below ``last``, the end of ``last`` (its last
    rows, below the repeated header) goes with it to the next page. The closing part never
    stands alone on a page.

    Like reportlab's KeepTogether it is never drawn itself: its height forces the frame to
    ask for :meth:`split`, which hands back what goes on this page and what moves on."""

    def __init__(self, last: Flowable, closing: Sequence[Flowable]) -> None:
        super().__init__()
        self.last = last
        self.closing = list(closing)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0xFFFFFF  # always split

    def getSpaceBefore(self) -> float:
        return float(self.last.getSpaceBefore())

    def _closing_height(self, avail_width: float, avail_height: float) -> float:
        height = 0.0
        for number, flowable in enumerate(self.closing):
            _w, h = flowable.wrapOn(self.canv, avail_width, avail_height)
            height += h + flowable.getSpaceAfter()
            if number:
                height += flowable.getSpaceBefore()
        return height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _w, last_height = self.last.wrapOn(self.canv, avail_width, avail_height)
        last_height += self.last.getSpaceAfter()
        closing = self._closing_height(avail_width, avail_height)
        if last_height + closing <= avail_height:
            return [self.last, *self.closing]
        # Keep back at least the last bit of ``last`` for the next page.
        room = min(avail_height, last_height - self.last.getSpaceAfter() - 1)
        parts: list[Flowable] = self.last.splitOn(self.canv, avail_width, room) if room > 0 else []
        if len(parts) >= 2:
            return [*parts[:-1], EndTogether(parts[-1], self.closing)]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return [self.last, *self.closing]  # cannot be helped: too big for any page
        return []  # all of it on the next page


BLANK_PAGE_TEXT = "Deze pagina is bewust leeg gelaten."


class _BlankPageNote(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """The note on a page left blank for double-sided printing (in the middle of the page)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFont(FONT, 9)
        self.canv.setFillColor(MUTED)
        self.canv.drawCentredString(self.width / 2, self.height / 2, BLANK_PAGE_TEXT)
        self.canv.restoreState()


class OddPageStart(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A page break after which the next report of a batch starts on an odd (right-hand)
    page: for double-sided printing, a report then never starts on the back of another one.
    A page that would stay empty on the back is marked as left blank on purpose."""

    def __init__(self) -> None:
        super().__init__()
        self._done = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._done:
            self._done = True
            doc = self._doctemplate
            page = doc.page
            content: list[Flowable] = []
            if doc._curPageFlowableCount > 0:  # the page in progress has content: end it
                content.append(PageBreak())
                page += 1
            if page % 2 == 0:
                content += [_BlankPageNote(), PageBreak()]
            doc.frame.add_generated_content(*content)
        return 0, 0

    def draw(self) -> None:
        pass


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
        printed_by: str | None = None,
        confidential: bool = False,
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
        self.printed_by = printed_by
        self.confidential = confidential
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

    def footer_text(self) -> str:
        """ "Vertrouwelijk · afgedrukt door An Peeters op 27/11/2026 09:30" (the marking of a
        report with personal data), or "Afgedrukt door ... op ..." for any other."""
        when = self.printed_at.strftime("%d/%m/%Y %H:%M")
        printed = f"door {self.printed_by} op {when}" if self.printed_by else f"op {when}"
        if self.confidential:
            return f"{CONFIDENTIAL} · afgedrukt {printed}"
        return f"Afgedrukt {printed}"

    def _page_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Header and footer of the page just filled; the page total comes as a form.

        A report with personal data says so at the top and the bottom of every page (also a
        page left blank), with who printed it and when: a sheet found on a printer or in a
        bin says whose it is and that it is confidential."""
        width, height = PAGE_SIZE
        page = canvas.getPageNumber()
        self.pages_done = max(self.pages_done, page)
        header = getattr(canvas, "_vlot_header", self.header_text)
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        top = height - MARGIN_TOP + 6 * mm
        right = width - MARGIN_SIDE
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, top + 1.5 * mm, self.header_right)
        room = 120 * mm
        if self.confidential:
            mark = f"{CONFIDENTIAL.upper()} · "
            mark_right = right - pdfmetrics.stringWidth(self.header_right, FONT, 8)
            canvas.setFont(FONT_BOLD, 8)
            canvas.setFillColor(CONFIDENTIAL_COLOR)
            canvas.drawRightString(mark_right, top + 1.5 * mm, mark)
            used = right - mark_right + pdfmetrics.stringWidth(mark, FONT_BOLD, 8)
            room = min(room, CONTENT_WIDTH - used - 4 * mm)
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN_SIDE, top + 1.5 * mm, _fit(header, FONT_BOLD, 8, room))
        canvas.line(MARGIN_SIDE, top, right, top)
        bottom = MARGIN_BOTTOM - 8 * mm
        canvas.line(MARGIN_SIDE, bottom + 4 * mm, right, bottom + 4 * mm)
        footer_font = FONT_BOLD if self.confidential else FONT
        canvas.setFont(footer_font, 8)
        canvas.setFillColor(CONFIDENTIAL_COLOR if self.confidential else MUTED)
        canvas.drawString(MARGIN_SIDE, bottom, _fit(self.footer_text(), footer_font, 8, 140 * mm))
        canvas.setFillColor(MUTED)
        canvas.translate(right, bottom)
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
