"""The merge's rules for deletes and erasures, one example at a time (see test_sync_merge_rules).

What a user sees: a deleted record stays deleted, or comes back whole when a colleague edited
it without knowing of the delete ("Verwijderd, elders gewijzigd", field ``(deleted)``); an edit
that a delete won over without its author having seen it is kept in an ``(edited)`` conflict
("Gewijzigd, elders verwijderd") with the edited values, so the record can be restored with
them; an erased (purged) value is nowhere, not even in a conflict, and an edit of it made here
afterwards is undone. Every case is merged in every order of arrival: laptops get the same.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from test_sync_merge_rules import (
    CREATED,
    DEV_A,
    DEV_B,
    DEV_C,
    DEV_D,
    DEV_E,
    MEMBER,
    MEMBER_FIELDS,
    ORG,
    ORG_FIELDS,
    USER_C,
    USERS,
    Conflict,
    Laptop,
    delete,
    edit,
    erase,
    hlc,
    merged,
    new,
    pre_sync_row,
)

from vlot_desktop.sync.batch import Record
from vlot_desktop.sync.capture import sqlite3_runner, suppressed


def in_every_order(*records: Record, before: tuple[Record, ...] = ()) -> list[Laptop]:
    """One laptop per order of arrival of ``records`` (after ``before``), each record once:
    every order of up to three records; of more, each rotation and its reverse (every record
    arrives first, and last, at least once)."""
    if len(records) <= 3:
        orders = list(itertools.permutations(records))
    else:
        rotations = [records[i:] + records[:i] for i in range(len(records))]
        orders = rotations + [tuple(reversed(r)) for r in rotations]
    return [merged(*before, *order) for order in orders]


def same_everywhere(laptops: list[Laptop], table: str, pk: str) -> Laptop:
    """The laptops agree on the record and the conflicts; returns the first."""
    first = laptops[0]
    for other in laptops[1:]:
        assert other.values(table, pk) == first.values(table, pk)
        assert other.conflicts() == first.conflicts()
    return first


def tombstone(here: Laptop, table: str, pk: str) -> tuple[Any, ...] | None:
    found = here.sql(
        "SELECT hlc, dev, user_id, row_base FROM sync_tombstone WHERE tbl = ? AND pk = ?",
        table,
        pk,
    )
    return found[0] if found else None


def deleted_conflict(table: str, pk: str, tick: int, dev: str) -> Conflict:
    return Conflict(table, pk, "(deleted)", (hlc(tick), dev, USERS[dev], None), None)


def edited_conflict(table: str, pk: str, tick: int, dev: str, values: str) -> Conflict:
    return Conflict(table, pk, "(edited)", (hlc(tick), dev, USERS[dev], values), None)


# --- deletes ----------------------------------------------------------------------------------


def test_a_delete_after_everything_its_author_had_seen_leaves_the_record_deleted() -> None:
    laptops = in_every_order(
        edit(2, DEV_B, "organisation", ORG, 1, phone="011 11 11 11"),
        delete(3, DEV_C, "organisation", ORG, row_seen=2),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) is None
    assert here.conflicts() == []
    assert tombstone(here, "organisation", ORG) == (hlc(3), DEV_C, USER_C, hlc(2))
    for laptop in laptops:
        assert laptop.counts() == (3, 0)


CHANGES = {
    # yes/no, whole numbers, NULL and Cyrillic text; a blob in a text column
    "household_member": {"needs_medical": True, "birth_year": 1990, "sex": None},
    "organisation": {"notes": {"$hex": "00FF10"}, "name": "Громада Київ"},
}


@pytest.mark.parametrize("table", ["household_member", "organisation"])
def test_an_edit_unaware_of_a_delete_brings_the_record_back_whole_as_a_conflict(
    table: str,
) -> None:
    """The record comes back with every value it had (kept with the delete) plus the edit,
    and the Conflicten screen says who deleted it."""
    pk = MEMBER if table == "household_member" else ORG
    created = new(1, DEV_A, table, pk, **CHANGES[table])
    laptops = in_every_order(
        delete(3, DEV_B, table, pk, row_seen=1),
        edit(4, DEV_C, table, pk, 1, phone="011 44 44 44"),
        before=(created,),
    )
    here = same_everywhere(laptops, table, pk)
    expected = {
        **(MEMBER_FIELDS if table == "household_member" else ORG_FIELDS),
        **CHANGES[table],
        "phone": "011 44 44 44",
    }
    if table == "household_member":
        expected["needs_medical"] = 1
    else:
        expected["notes"] = b"\x00\xff\x10"
    assert here.values(table, pk) == expected
    assert here.conflicts() == [deleted_conflict(table, pk, 3, DEV_B)]
    for laptop in laptops:
        assert laptop.counts() == (3, 1)
        assert laptop.merger.touched == {(table, pk)}
    # The same edit again (a second copy of its file) changes nothing.
    here.merge(edit(4, DEV_C, table, pk, 1, phone="011 44 44 44"))
    assert here.counts() == (3, 1)


def test_the_values_a_deleted_record_had_are_kept_with_its_delete() -> None:
    here = merged(
        new(1, DEV_A, "household_member", MEMBER, **CHANGES["household_member"]),
        delete(3, DEV_B, "household_member", MEMBER, row_seen=1),
    )
    assert here.values("household_member", MEMBER) is None
    kept = here.sql("SELECT row_json FROM sync_tombstone WHERE pk = ?", MEMBER)[0][0]
    assert json.loads(kept) == {**MEMBER_FIELDS, **CHANGES["household_member"], "needs_medical": 1}
    blob = merged(
        new(1, DEV_A, "organisation", ORG, notes={"$hex": "00ff10"}),
        delete(3, DEV_B, "organisation", ORG, row_seen=1),
    )
    kept = blob.sql("SELECT row_json FROM sync_tombstone WHERE pk = ?", ORG)[0][0]
    assert json.loads(kept)["notes"] == {"$hex": "00FF10"}


def test_a_second_unaware_edit_leaves_one_deleted_conflict() -> None:
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        delete(3, DEV_B, "organisation", ORG, row_seen=1),
        edit(4, DEV_C, "organisation", ORG, 1, phone="011 44 44 44"),
    )
    first = here.sql("SELECT id FROM sync_conflicts")
    here.merge(edit(5, DEV_A, "organisation", ORG, 1, notes="nog een notitie"))
    assert here.conflicts() == [deleted_conflict("organisation", ORG, 3, DEV_B)]
    assert here.sql("SELECT id FROM sync_conflicts") == first  # the same row, not a new one
    assert here.counts() == (4, 1)
    assert here.row("organisation", ORG, "phone", "notes") == ("011 44 44 44", "nog een notitie")


def test_keeping_a_record_that_came_back_closes_its_conflict_everywhere() -> None:
    """ "Behouden": a write that had seen the delete (its base reaches it) settles it."""
    laptops = in_every_order(
        delete(3, DEV_B, "organisation", ORG, row_seen=1),
        edit(4, DEV_C, "organisation", ORG, 1, phone="011 44 44 44"),
        edit(5, DEV_A, "organisation", ORG, 4, name="OCMW Hasselt"),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) == {**ORG_FIELDS, "phone": "011 44 44 44"}
    assert here.conflicts() == []


def test_a_newer_delete_wins_over_an_older_one_and_a_copy_of_it_changes_nothing() -> None:
    laptops = in_every_order(
        delete(3, DEV_B, "organisation", ORG, row_seen=1),
        delete(3, DEV_C, "organisation", ORG, row_seen=1),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    for here in laptops:
        assert tombstone(here, "organisation", ORG) == (hlc(3), DEV_C, USER_C, hlc(1))
    here = laptops[0]
    here.merge(delete(3, DEV_C, "organisation", ORG, row_seen=1))
    here.merge(delete(3, DEV_B, "organisation", ORG, row_seen=1))
    assert here.counts() == (3, 0)
    assert here.values("organisation", ORG) is None


# (writer, deleter): at the same HLC the higher device id wins, whatever its user's id.
SAME_TICK = [(DEV_A, DEV_B, False), (DEV_B, DEV_A, True)]


@pytest.mark.parametrize(("writer", "deleter", "shown"), SAME_TICK)
def test_an_edit_and_a_delete_at_the_same_hlc_the_higher_device_wins(
    writer: str, deleter: str, shown: bool
) -> None:
    laptops = in_every_order(
        edit(3, writer, "organisation", ORG, 1, phone="011 33 33 33"),
        delete(3, deleter, "organisation", ORG, row_seen=1),
        before=(new(1, DEV_C, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    if shown:
        assert here.values("organisation", ORG) == {**ORG_FIELDS, "phone": "011 33 33 33"}
        assert here.conflicts() == [deleted_conflict("organisation", ORG, 3, deleter)]
    else:
        assert here.values("organisation", ORG) is None
        assert here.conflicts() == [
            edited_conflict("organisation", ORG, 3, writer, '{"phone":"011 33 33 33"}')
        ]


@pytest.mark.parametrize(("writer", "deleter", "shown"), SAME_TICK)
def test_a_first_write_of_every_field_and_a_delete_at_the_same_hlc_the_higher_device_wins(
    writer: str, deleter: str, shown: bool
) -> None:
    """The same when the write is a new record, merged first here: one clock for the row."""
    created = edit(3, writer, "organisation", ORG, None, **ORG_FIELDS)
    removed = delete(3, deleter, "organisation", ORG, row_seen=None)
    here = merged(created, removed)
    assert (here.row_clocks(ORG), here.exceptions(ORG)) == (1, [])
    assert here.values("organisation", ORG) == (ORG_FIELDS if shown else None)
    assert here.conflicts() == (
        [deleted_conflict("organisation", ORG, 3, deleter)] if shown else []
    )
    assert merged(removed, created).conflicts() == here.conflicts()


def test_a_whole_rewrite_unaware_of_a_delete_brings_the_record_back_in_any_order() -> None:
    """Bart rewrote every field (after seeing the record) while Cas deleted it: on a laptop
    that gets Bart's rewrite first, it is the record's first write and has one clock for the
    row; the record is back either way."""
    laptops = in_every_order(
        new(1, DEV_A, "organisation", ORG),
        delete(3, DEV_C, "organisation", ORG, row_seen=1),
        edit(4, DEV_B, "organisation", ORG, 1, **{**ORG_FIELDS, "notes": "herschreven"}),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) == {**ORG_FIELDS, "notes": "herschreven"}
    assert here.conflicts() == [deleted_conflict("organisation", ORG, 3, DEV_C)]
    # Merged with the rewrite first: one row clock, and no field with a clock of its own.
    first = merged(
        edit(4, DEV_B, "organisation", ORG, None, **{**ORG_FIELDS, "notes": "herschreven"}),
        delete(3, DEV_C, "organisation", ORG, row_seen=1),
    )
    assert (first.row_clocks(ORG), first.exceptions(ORG)) == (1, [])
    assert first.values("organisation", ORG) == {**ORG_FIELDS, "notes": "herschreven"}
    assert first.conflicts() == [deleted_conflict("organisation", ORG, 3, DEV_C)]


# --- an edit that a delete won over ("(edited)") ------------------------------------------------


def test_an_edit_the_deleter_had_not_seen_is_kept_with_its_values_in_every_order() -> None:
    edited = {
        "needs_medical": False,
        "birth_year": 1990,
        "medical_notes": "Лист від лікаря",
        "sex": None,
    }
    laptops = in_every_order(
        new(1, DEV_A, "household_member", MEMBER),
        edit(3, DEV_B, "household_member", MEMBER, 1, **edited),
        delete(5, DEV_C, "household_member", MEMBER, row_seen=1),
    )
    here = same_everywhere(laptops, "household_member", MEMBER)
    assert here.values("household_member", MEMBER) is None
    assert here.conflicts() == [
        edited_conflict(
            "household_member",
            MEMBER,
            3,
            DEV_B,
            '{"birth_year":1990,"medical_notes":"Лист від лікаря","needs_medical":0,"sex":null}',
        )
    ]
    for laptop in laptops:
        assert laptop.counts() == (3, 1)


def test_a_delete_from_an_older_version_does_not_know_what_it_had_seen() -> None:
    """Without ``_row`` in its base, nobody can tell which edits its author had seen."""
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        edit(3, DEV_B, "organisation", ORG, 1, notes="nieuw"),
        delete(5, DEV_C, "organisation", ORG, row_seen=None),
    )
    assert here.values("organisation", ORG) is None
    assert here.conflicts() == []


def test_the_newest_unseen_edit_names_the_conflict_and_it_holds_every_unseen_field() -> None:
    """Two colleagues edited, the deleter had seen neither; an edit it had seen is not in it."""
    laptops = in_every_order(
        edit(2, DEV_C, "organisation", ORG, 1, email="oud@ocmw.be"),  # seen by the deleter
        edit(3, DEV_B, "organisation", ORG, 2, phone="011 33 33 33"),
        edit(4, DEV_A, "organisation", ORG, 2, notes="bellen"),
        delete(5, DEV_C, "organisation", ORG, row_seen=2),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) is None
    assert here.conflicts() == [
        edited_conflict("organisation", ORG, 4, DEV_A, '{"notes":"bellen","phone":"011 33 33 33"}')
    ]


@pytest.mark.parametrize(("lower", "higher"), [(DEV_A, DEV_B), (DEV_D, DEV_E)])
def test_unseen_edits_at_the_same_hlc_are_named_after_the_higher_device(
    lower: str, higher: str
) -> None:
    laptops = in_every_order(
        edit(3, lower, "organisation", ORG, 1, email="info@ocmw.be"),
        edit(3, higher, "organisation", ORG, 1, phone="011 33 33 33"),
        delete(5, DEV_C, "organisation", ORG, row_seen=1),
        before=(new(1, DEV_C, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.conflicts() == [
        edited_conflict(
            "organisation", ORG, 3, higher, '{"email":"info@ocmw.be","phone":"011 33 33 33"}'
        )
    ]


def test_an_edit_of_a_field_never_written_before_is_kept_too() -> None:
    """A record from before the sync (no clock): An wrote a note, Bart (who had seen that
    note) set the note and the phone to the same text, Cas deleted after seeing An's note."""
    laptops = []
    for order in itertools.permutations(
        [
            edit(1, DEV_A, "organisation", ORG, None, notes="x"),
            upsert_seen(3, DEV_B, {"notes": "onbekend", "phone": "onbekend"}, {"notes": 1}),
            delete(5, DEV_C, "organisation", ORG, row_seen=1),
        ]
    ):
        here = Laptop()
        with suppressed(sqlite3_runner(here.conn)):
            here.conn.execute(
                "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
                "VALUES (?, 'Oud', 'andere', ?, ?)",
                (ORG, ORG_FIELDS["created_at"], ORG_FIELDS["created_at"]),
            )
        laptops.append(here.merge(*order))
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) is None
    assert here.conflicts() == [
        edited_conflict("organisation", ORG, 3, DEV_B, '{"notes":"onbekend","phone":"onbekend"}')
    ]


def upsert_seen(tick: int, dev: str, fields: dict[str, Any], seen: dict[str, int | None]) -> Record:
    """An edit of ``fields`` whose writer had seen, per field, the write at ``seen`` (or none)."""
    base = {f: (hlc(t) if (t := seen.get(f)) is not None else None) for f in fields}
    return Record(hlc(tick), dev, 0, "organisation", ORG, "upsert", fields, base, USERS[dev])


def test_an_erased_value_is_never_in_an_edited_conflict() -> None:
    laptops = in_every_order(
        edit(3, DEV_B, "organisation", ORG, 1, email="prive@mail.be", notes="bellen"),
        erase(4, DEV_A, "organisation", ORG, "email"),
        delete(5, DEV_C, "organisation", ORG, row_seen=1),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.conflicts() == [
        edited_conflict("organisation", ORG, 3, DEV_B, '{"notes":"bellen"}')
    ]
    for laptop in laptops:
        assert "prive@mail.be" not in str(laptop.sql("SELECT * FROM sync_conflicts"))
        assert "prive@mail.be" not in str(laptop.sql("SELECT * FROM sync_field_clock"))


def test_a_record_back_through_an_unaware_edit_has_no_edited_conflict() -> None:
    """Bart's note lost to Cas's delete; then An, unaware of the delete, changes the phone:
    the record is back, with Bart's note in it, so only the delete is listed."""
    laptops = in_every_order(
        edit(3, DEV_B, "organisation", ORG, 1, notes="bellen"),
        delete(5, DEV_C, "organisation", ORG, row_seen=1),
        edit(6, DEV_A, "organisation", ORG, 1, phone="011 66 66 66"),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) == {
        **ORG_FIELDS,
        "notes": "bellen",
        "phone": "011 66 66 66",
    }
    assert here.conflicts() == [deleted_conflict("organisation", ORG, 5, DEV_C)]


def test_restoring_the_record_with_the_edit_closes_the_edited_conflict() -> None:
    """ "Terugzetten met de wijziging": an insert made knowing of the delete."""
    laptops = in_every_order(
        edit(3, DEV_B, "organisation", ORG, 1, notes="bellen"),
        delete(5, DEV_C, "organisation", ORG, row_seen=1),
        edit(6, DEV_B, "organisation", ORG, 5, **{**ORG_FIELDS, "notes": "bellen"}),
        before=(new(1, DEV_A, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) == {**ORG_FIELDS, "notes": "bellen"}
    assert here.conflicts() == []


def test_a_late_edit_the_deleter_had_seen_leaves_the_edited_conflict_as_it_was() -> None:
    here = merged(
        new(1, DEV_A, "organisation", ORG),
        edit(3, DEV_B, "organisation", ORG, 1, notes="bellen"),
        delete(5, DEV_C, "organisation", ORG, row_seen=2),
    )
    first = here.sql("SELECT id FROM sync_conflicts")
    assert here.counts() == (3, 1)
    here.merge(edit(2, DEV_A, "organisation", ORG, 1, email="info@ocmw.be"))
    assert here.conflicts() == [
        edited_conflict("organisation", ORG, 3, DEV_B, '{"notes":"bellen"}')
    ]
    assert here.sql("SELECT id FROM sync_conflicts") == first
    assert here.counts() == (4, 1)


# Device ids that start with a digit and with a letter: the tie is broken the same way.
DEVICE_PAIRS = [
    (DEV_A, DEV_B),
    (DEV_D, DEV_E),
]


@pytest.mark.parametrize(("editor", "deleter"), DEVICE_PAIRS)
def test_an_edit_at_the_same_hlc_as_the_delete_that_won_is_an_edited_conflict(
    editor: str, deleter: str
) -> None:
    laptops = in_every_order(
        edit(3, editor, "organisation", ORG, 1, notes="bellen"),
        delete(3, deleter, "organisation", ORG, row_seen=1),
        before=(new(1, DEV_C, "organisation", ORG),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) is None
    assert here.conflicts() == [
        edited_conflict("organisation", ORG, 3, editor, '{"notes":"bellen"}')
    ]


# --- erasures (GDPR purge) --------------------------------------------------------------------


def test_an_erased_field_stays_empty_whatever_arrives_and_the_rest_is_merged() -> None:
    laptops = in_every_order(
        erase(3, DEV_A, "organisation", ORG, "notes", "name"),
        edit(2, DEV_B, "organisation", ORG, 1, notes="oud adres", phone="011 22 22 22"),
        edit(4, DEV_C, "organisation", ORG, 3, notes="nieuw adres", email="a@b.be"),
        before=(new(1, DEV_A, "organisation", ORG, notes="prive"),),
    )
    here = same_everywhere(laptops, "organisation", ORG)
    assert here.values("organisation", ORG) == {
        **ORG_FIELDS,
        "name": "",  # a required text is blanked to empty
        "notes": None,
        "phone": "011 22 22 22",
        "email": "a@b.be",
    }
    assert here.conflicts() == []
    for laptop in laptops:
        assert laptop.merger.purged_now is True


def test_an_edit_of_nothing_but_erased_fields_changes_nothing() -> None:
    here = merged(new(1, DEV_A, "organisation", ORG), erase(3, DEV_A, "organisation", ORG, "notes"))
    assert here.counts() == (2, 0)
    here.merge(edit(4, DEV_B, "organisation", ORG, 1, notes="toch nog"))
    assert here.counts() == (2, 0)
    assert here.row("organisation", ORG, "notes") == (None,)
    assert here.merger.touched == {("organisation", ORG)}


def test_an_erasure_counts_as_applied_once_and_an_ordinary_round_erases_nothing() -> None:
    here = merged(new(1, DEV_A, "organisation", ORG))
    assert here.merger.purged_now is False
    here.merge(erase(3, DEV_A, "organisation", ORG, "notes", "phone"))
    assert here.counts() == (2, 0)
    assert here.merger.purged_now is True


def outbox(here: Laptop) -> list[tuple[Any, ...]]:
    return here.sql("SELECT field, value FROM sync_outbox WHERE pk = ? ORDER BY seq", ORG)


def test_an_edit_made_here_of_a_field_erased_elsewhere_is_undone_at_the_next_sync() -> None:
    here = merged(
        new(1, DEV_A, "organisation", ORG, notes="prive"),
        erase(3, DEV_B, "organisation", ORG, "notes"),
    )
    assert here.row("organisation", ORG, "notes") == (None,)
    # The user types into the erased field again (and changes the phone number).
    here.conn.execute(
        "UPDATE organisation SET notes = 'opnieuw prive', phone = '011 55 55 55' WHERE id = ?",
        (ORG,),
    )
    assert {f for f, _ in outbox(here)} >= {"notes", "phone"}
    here.next_round().merge(
        edit(4, DEV_A, "organisation", ORG, 3, notes="opnieuw prive", phone="011 55 55 55"),
        local=True,
    )
    assert here.row("organisation", ORG, "notes", "phone") == (None, "011 55 55 55")
    fields = [f for f, _ in outbox(here)]
    assert "notes" not in fields and "phone" in fields  # the erased value is never sent
    assert here.merger.touched == set()


def test_a_record_erased_elsewhere_and_still_written_here_is_removed_again() -> None:
    here = merged(new(1, DEV_A, "organisation", ORG), erase(3, DEV_B, "organisation", ORG))
    assert here.values("organisation", ORG) is None
    here.conn.execute(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
        "VALUES (?, 'Opnieuw', 'andere', ?, ?)",
        (ORG, ORG_FIELDS["created_at"], ORG_FIELDS["created_at"]),
    )
    here.next_round().merge(
        new(4, DEV_A, "organisation", ORG, name="Opnieuw", kind="andere"), local=True
    )
    assert here.merger.touched == set()
    assert here.values("organisation", ORG) is None
    assert outbox(here) == []
    # A colleague's write of it is dropped as well.
    here.merge(edit(5, DEV_C, "organisation", ORG, 1, phone="1"))
    assert here.values("organisation", ORG) is None
    assert here.conflicts() == []


def test_a_record_edited_then_deleted_here_in_one_round_keeps_the_values_it_had_here() -> None:
    """This laptop's outbox holds an edit of a record and then its delete; the record had a
    note from before the sync. The engine folds both (``local``: already in the table) and
    keeps the record's last values with the delete; a colleague's edit unaware of the delete
    later brings the record back with that note."""
    here = pre_sync_row(Laptop())
    here.merge(edit(2, DEV_A, "organisation", ORG, None, name="Nieuw"), local=True)
    # In one round: the user changes the kind and the creation date, then deletes the record.
    here.conn.execute("DELETE FROM organisation WHERE id = ?", (ORG,))
    here.next_round().merge(
        edit(3, DEV_A, "organisation", ORG, None, kind="vzw", created_at=CREATED), local=True
    )
    here.merge(delete(4, DEV_A, "organisation", ORG, row_seen=3), local=True)
    # ... and the engine keeps the values the outbox holds with the delete (fold_outbox).
    kept = {
        **dict.fromkeys(ORG_FIELDS),
        "name": "Nieuw",
        "kind": "vzw",
        "notes": "van voor de sync",
        "created_at": CREATED,
    }
    here.conn.execute(
        "UPDATE sync_tombstone SET row_json = ? WHERE pk = ? AND row_json IS NULL",
        (json.dumps(kept), ORG),
    )
    assert here.merger.touched == set()
    here.merge(edit(5, DEV_B, "organisation", ORG, None, phone="011 55 55 55"))
    assert here.values("organisation", ORG) == {**kept, "phone": "011 55 55 55"}
    assert here.conflicts() == [deleted_conflict("organisation", ORG, 4, DEV_A)]
