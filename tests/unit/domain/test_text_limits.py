"""The length limit of free text: at the limit it passes, one more character is refused."""

from __future__ import annotations

from vlot_desktop.domain.location_rules import Problem, Severity
from vlot_desktop.domain.text_limits import MAX_FREE_TEXT, check_text_length, text_too_long
from vlot_desktop.sync.batch import MAX_LINE, MAX_TEXT


def test_the_limit_is_far_below_what_the_sync_reader_takes() -> None:
    assert MAX_FREE_TEXT == 100_000
    assert MAX_FREE_TEXT < MAX_TEXT
    # Six fields at the limit, every character escaped as \u0001 (6 bytes), fit in one line.
    assert 6 * 6 * MAX_FREE_TEXT < MAX_LINE


def test_empty_and_at_the_limit_are_accepted() -> None:
    assert check_text_length("notes", None) == []
    assert check_text_length("notes", "") == []
    assert check_text_length("notes", "x" * MAX_FREE_TEXT) == []


def test_one_past_the_limit_is_refused_with_the_length_in_dutch_and_english() -> None:
    (problem,) = check_text_length("notes", "x" * (MAX_FREE_TEXT + 1))
    assert isinstance(problem, Problem)
    assert problem.field == "notes"
    assert problem.severity is Severity.ERROR and problem.is_error
    assert problem.message == (
        "Deze tekst is te lang: 100.001 tekens, hoogstens 100.000. "
        "Hij is niet bewaard; maak hem korter."
    )
    assert problem.message_en == (
        "This text is too long: 100,001 characters, at most 100,000. "
        "It was not saved; make it shorter."
    )
    assert problem.text("en") == problem.message_en
    assert problem.text("nl") == problem.message


def test_cyrillic_counts_one_per_letter() -> None:
    letters = "Олена" * (MAX_FREE_TEXT // 5)  # 2 bytes per letter in UTF-8: 200,000 bytes
    assert len(letters) == MAX_FREE_TEXT
    assert check_text_length("remark", letters) == []
    (problem,) = check_text_length("remark", letters + "а")
    assert problem.field == "remark"
    assert "100.001 tekens" in problem.message


def test_a_stricter_limit_of_a_field() -> None:
    assert check_text_length("summary", "a" * 10, limit=10) == []
    (problem,) = check_text_length("summary", "a" * 11, limit=10)
    assert problem == text_too_long("summary", 11, 10)
    assert "hoogstens 10." in problem.message


def test_a_huge_paste_says_how_long_it_is() -> None:
    problem = text_too_long("general_impression", 2_000_000)
    assert problem.message.startswith("Deze tekst is te lang: 2.000.000 tekens, hoogstens 100.000.")
    assert problem.message_en.startswith("This text is too long: 2,000,000 characters")
