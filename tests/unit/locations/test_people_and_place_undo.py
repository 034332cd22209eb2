"""The services behind the editing component: a new owner or contact person made and chosen in one
transaction (and undone like any field), and a quick action on places undone place by place."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.db.models import ContactPerson, Location, Organisation
from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.services.locations import add_contact_person, add_owner, update_location
from vlot_desktop.services.places import change_place_status, undo_place_status

from .conftest import TODAY


def _places(engine: Engine, location_id: str) -> list[tuple[str, str, str, str | None]]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT label, status, status_since, offered_to_fedasil_on FROM place "
            "WHERE location_id = ? ORDER BY label",
            (location_id,),
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _steps(engine: Engine, location_id: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM place_status_change WHERE location_id = ?", (location_id,)
            ).scalar_one()
        )


def _all_places(engine: Engine, location_id: str) -> list[str]:
    with engine.connect() as conn:
        return list(
            conn.exec_driver_sql(
                "SELECT id FROM place WHERE location_id = ?", (location_id,)
            ).scalars()
        )


def test_a_quick_action_is_undone_place_by_place(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    linde = ids["linde"]
    before, steps = _places(engine, linde), _steps(engine, linde)
    done = change_place_status(
        engine,
        linde,
        _all_places(engine, linde),
        PlaceStatus.OFFERED_FEDASIL,
        on_date=TODAY,
        author_id=author_id,
        today=TODAY,
    )
    assert done.saved and len(done.before) == 3
    assert {s for _l, s, _d, _o in _places(engine, linde)} == {"aangeboden_fedasil"}
    undone = undo_place_status(engine, linde, done.before, done.new_status)
    assert (undone.saved, undone.restored, undone.kept) == (True, 3, 0)
    assert _places(engine, linde) == before  # status, date and offer date as they were
    assert _steps(engine, linde) == steps  # the steps of the action are gone
    # A second undo finds nothing left to put back.
    again = undo_place_status(engine, linde, done.before, done.new_status)
    assert not again.saved and again.problems[0].message.startswith("Deze plaatsen zijn")


def test_a_place_changed_again_since_stays_as_it_is(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    linde = ids["linde"]
    with engine.connect() as conn:
        free = list(
            conn.exec_driver_sql(
                "SELECT id FROM place WHERE location_id = ? AND status = 'vrij'", (linde,)
            ).scalars()
        )
    done = change_place_status(
        engine, linde, free, PlaceStatus.OCCUPIED, on_date=TODAY, author_id=author_id, today=TODAY
    )
    assert len(done.before) == 2
    later = change_place_status(
        engine, linde, free[:1], PlaceStatus.FREE, on_date=TODAY, author_id=author_id, today=TODAY
    )
    assert later.saved
    undone = undo_place_status(engine, linde, done.before, done.new_status)
    assert (undone.restored, undone.kept) == (1, 1)


def test_a_new_owner_is_made_and_chosen_and_undone_like_a_field(
    engine: Engine, ids: dict[str, str]
) -> None:
    linde = ids["linde"]
    refused = add_owner(engine, linde, name="  ")
    assert not refused.saved and refused.problems[0].message == "Vul een naam in."
    result = add_owner(engine, linde, name=" Bouwbedrijf Peeters ", phone="011 22 33 44")
    assert result.saved and result.created_id
    assert result.previous == {"owner_organisation_id": None, "owner_contact_id": None}
    assert result.values == {"owner_organisation_id": result.created_id, "owner_contact_id": None}
    with Session(engine) as session:
        owner = session.get_one(Organisation, result.created_id)
        assert (owner.name, owner.kind.value, owner.phone) == (
            "Bouwbedrijf Peeters",
            "eigenaar",
            "011 22 33 44",
        )
        assert session.get_one(Location, linde).owner_organisation_id == owner.id
    # The same name again (other case, other spaces): choose it in the list instead.
    twice = add_owner(engine, ids["zeezicht"], name="bouwbedrijf  peeters")
    assert not twice.saved
    assert twice.problems[0].message == (
        "Bouwbedrijf Peeters staat al in de lijst: kies die eigenaar daar."
    )
    # Undo writes back what it replaced, through the fields' service.
    assert update_location(engine, linde, result.previous).saved
    with Session(engine) as session:
        assert session.get_one(Location, linde).owner_organisation_id is None


def test_a_new_contact_person_belongs_to_the_owner_or_the_municipality(
    engine: Engine, ids: dict[str, str]
) -> None:
    linde = ids["linde"]
    no_owner = add_contact_person(
        engine, linde, "owner_contact_id", first_name="Jan", last_name="Peeters"
    )
    assert not no_owner.saved and no_owner.problems[0].message.startswith("Kies eerst een eigenaar")
    owner = add_owner(engine, linde, name="Bouwbedrijf Peeters")
    person = add_contact_person(
        engine, linde, "owner_contact_id", first_name="Jan", last_name="Peeters"
    )
    assert person.saved and person.previous == {"owner_contact_id": None}
    nameless = add_contact_person(
        engine, linde, "municipal_contact_id", first_name="Sara", last_name=""
    )
    assert [p.field for p in nameless.problems] == ["last_name"]
    municipal = add_contact_person(
        engine, linde, "municipal_contact_id", first_name="Sara", last_name="Claes", role="schepen"
    )
    assert municipal.saved
    with Session(engine) as session:
        location = session.get_one(Location, linde)
        jan = session.get_one(ContactPerson, location.owner_contact_id)
        sara = session.get_one(ContactPerson, location.municipal_contact_id)
        assert (jan.organisation_id, jan.role.value) == (owner.created_id, "eigenaar")
        assert (sara.municipality_nis, sara.role.value) == (location.municipality_nis, "schepen")
    # Another owner: the old owner's contact person goes with it.
    other = add_owner(engine, linde, name="Immo Claes")
    assert other.values["owner_contact_id"] is None
    assert other.previous["owner_contact_id"] == person.created_id
