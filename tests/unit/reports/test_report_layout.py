"""Long texts are cut into row-sized pieces at a sensible width, without losing or reordering a
word; no plain cell runs into the next column."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from vlot_desktop.reports import layout


def test_long_text_is_cut_into_pieces_of_whole_lines_that_keep_every_word_in_order() -> None:
    words = [f"woord{n}" for n in range(500)]
    pieces = layout.line_chunks(" ".join(words), 60 * mm)

    assert len(pieces) > 1
    for piece in pieces:
        assert len(layout.wrap_lines(piece, 60 * mm)) <= layout.CHUNK_LINES
    assert " ".join(pieces).split() == words


def test_line_breaks_of_the_text_are_kept() -> None:
    text = "\n".join(f"regel {n}" for n in range(60))
    pieces = layout.line_chunks(text, 80 * mm)

    assert all(piece.count("\n") < layout.CHUNK_LINES for piece in pieces)
    assert "\n".join(pieces) == text


def test_a_long_text_in_a_wide_column_continues_in_that_column() -> None:
    styles = layout.make_styles()
    rows = layout.Rows([40 * mm, 130 * mm], styles.cell)
    first, last = rows.add(["Samenvatting", " ".join(["lang"] * 600)])

    assert (first, last) == (0, len(rows.rows) - 1) and last > 1
    assert rows.rows[0][0] == "Samenvatting"
    assert all(row[0] == "" for row in rows.rows[1:])
    assert not any(command[0] == "SPAN" for command in rows.commands)


def test_a_long_text_in_a_narrow_column_continues_over_the_whole_width() -> None:
    styles = layout.make_styles()
    widths = [34 * mm, 28 * mm, 28 * mm, 80 * mm]
    rows = layout.Rows(widths, styles.cell, ["Wanneer", "Soort", "Door", "Inhoud"])
    rows.add(["12/11/2026 13:30", "Notitie", "An Peeters", " ".join(["lang"] * 2000)])

    record = rows.rows[1:]
    assert record[0][:3] == ["12/11/2026 13:30", "Notitie", "An Peeters"]
    spans = [c for c in rows.commands if c[0] == "SPAN"]
    assert len(spans) == len(record) - 1  # every row below the first spans the table
    continued = record[1][0]
    assert isinstance(continued, Paragraph) and "Inhoud (vervolg)" in continued.text
    # Over the full width: far fewer rows than the text would take in its own column.
    in_column = layout.line_chunks(" ".join(["lang"] * 2000), 80 * mm - 8)
    assert len(record) < len(in_column) * 0.6


def test_a_plain_cell_wider_than_its_column_wraps_instead_of_overlapping() -> None:
    grid = layout.table(
        [["Naam", "Taal"], ["Olena", "Oekraïens, Russisch, Engels"]], [40 * mm, 20 * mm]
    )
    header, row = grid._cellvalues
    assert header == ["Naam", "Taal"] and row[0] == "Olena"
    assert isinstance(row[1], Paragraph)
