"""Long texts are cut into row-sized pieces without losing or reordering a word."""

from __future__ import annotations

from vlot_desktop.reports import layout


def test_long_text_is_cut_into_pieces_that_keep_every_word_in_order() -> None:
    words = [f"woord{n}" for n in range(500)]
    pieces = layout.chunks(" ".join(words))

    assert len(pieces) > 1
    assert all(len(piece) <= layout.CHUNK_CHARS for piece in pieces)
    assert " ".join(pieces).split() == words


def test_many_short_lines_are_cut_by_line_count_and_keep_their_breaks() -> None:
    text = "\n".join(f"regel {n}" for n in range(60))
    pieces = layout.chunks(text)

    assert all(piece.count("\n") < layout.CHUNK_LINES for piece in pieces)
    assert "\n".join(pieces) == text


def test_a_record_with_one_long_text_gets_continuation_rows() -> None:
    styles = layout.make_styles()
    rows = layout.text_rows(
        ("Opmerking", "kort", " ".join(["lang"] * 400)), styles.cell, [150, 100, 150]
    )

    assert len(rows) == 3
    assert rows[0][:2] == ["Opmerking", "kort"]
    assert all(row[:2] == ["", ""] for row in rows[1:])
