"""Contact moments: the quick log, edits and deletes by the author only, the remembered
channel and theme, a municipality's history and days since the last contact, today's list."""

from __future__ import annotations

import datetime as dt

from coordination_fixtures import BART, DAY, GENK, HASSELT, PERSON, TODAY, Office

from vlot_desktop.domain.contact_rules import check_author, check_contact, days_since
from vlot_desktop.services import contact_list, contacts, municipality_list
from vlot_desktop.services.contacts import ContactValues, NewPerson

NOON = dt.datetime.combine(TODAY, dt.time(12, 0))


def _log(office: Office, **values: object) -> str:
    fields: dict[str, object] = {
        "municipality_nis": HASSELT,
        "channel": "telefoon",
        "occurred_at": NOON,
    }
    fields.update(values)
    result = contacts.log_contact(
        office.engine,
        ContactValues(**fields),  # type: ignore[arg-type]
        author_id=office.user_id,
        today=TODAY,
    )
    assert result.contact_id is not None, result.problems
    return result.contact_id


# -- the rules at their edges --------------------------------------------------------------------


def test_a_contact_without_municipality_or_date_is_refused_in_dutch_and_english() -> None:
    problems = check_contact(
        municipality_nis=None,
        occurred_on=None,
        channel="telefoon",
        today=TODAY,
        known_municipalities={HASSELT},
    )
    assert [p.field for p in problems] == ["municipality_nis", "occurred_at"]
    assert problems[0].message == "Kies de gemeente van het contact."
    assert problems[0].message_en == "Choose the municipality of the contact."
    assert problems[1].message == "Vul de datum van het contact in."
    assert all(p.is_error for p in problems)


def test_the_day_of_a_contact_at_its_edges() -> None:
    def fields(day: dt.date) -> list[str]:
        return [
            p.field
            for p in check_contact(
                municipality_nis=HASSELT,
                occurred_on=day,
                channel="e_mail",
                today=TODAY,
                known_municipalities={HASSELT},
            )
        ]

    assert fields(TODAY) == []
    assert fields(TODAY + DAY) == []  # logged late in the evening on a laptop ahead
    assert fields(TODAY + 2 * DAY) == ["occurred_at"]
    assert fields(dt.date(2021, 11, 26)) == []
    assert fields(dt.date(2021, 11, 25)) == ["occurred_at"]


def test_unknown_municipality_channel_and_link_kind_are_refused() -> None:
    problems = check_contact(
        municipality_nis="99999",
        occurred_on=TODAY,
        channel="postduif",
        today=TODAY,
        known_municipalities={HASSELT},
        link_table="staff_user",
        link_id="x",
    )
    assert [p.field for p in problems] == ["municipality_nis", "channel", "link"]


def test_only_the_author_changes_a_contact_and_days_since() -> None:
    assert check_author("a", "a") == []
    assert check_author("a", "b")[0].message.startswith("Alleen wie het contact registreerde")
    assert check_author(None, "b") != []
    assert days_since(None, TODAY) is None
    assert days_since(TODAY, TODAY) == 0
    assert days_since(TODAY + DAY, TODAY) == 0
    assert days_since(TODAY - 10 * DAY, TODAY) == 10


# -- the services ------------------------------------------------------------------------------


def test_quick_log_saves_and_remembers_channel_and_theme(office: Office) -> None:
    assert contacts.quick_log_defaults(office.engine).channel == "telefoon"
    contact_id = _log(
        office,
        channel="e_mail",
        theme_code="onderwijs-inschrijving-school",
        contact_person_id=PERSON,
        subject="Schoolinschrijving besproken",
        occurred_at=NOON,
    )
    defaults = contacts.quick_log_defaults(office.engine)
    assert (defaults.channel, defaults.theme_code) == ("e_mail", "onderwijs-inschrijving-school")
    with office.engine.connect() as conn:
        line = contact_list.contact(conn, contact_id)
    assert line is not None
    assert (line.municipality_name, line.person_name, line.channel_label) == (
        "Hasselt",
        "Els Wouters",
        "E-mail",
    )
    assert line.team_code == "limburg" and line.author_id == office.user_id
    assert line.editable_by(office.user_id) and not line.editable_by(BART)
    # Nothing synced: the remembered choices are this laptop's own.
    assert office.sql("SELECT count(*) FROM sync_outbox WHERE tbl = 'local_meta'") == [(0,)]


def test_quick_log_refuses_without_municipality_and_saves_nothing(office: Office) -> None:
    result = contacts.log_contact(
        office.engine,
        ContactValues(municipality_nis=None, channel="telefoon"),
        author_id=office.user_id,
        today=TODAY,
    )
    assert not result.saved
    assert result.problems[0].message == "Kies de gemeente van het contact."
    assert office.sql("SELECT count(*) FROM contact_moment") == [(0,)]


def test_a_new_person_is_made_a_contact_person_of_the_municipality(office: Office) -> None:
    result = contacts.log_contact(
        office.engine,
        ContactValues(
            municipality_nis=GENK,
            channel="bezoek",
            new_person=NewPerson("Jan", "Peeters"),
            occurred_at=NOON,
        ),
        author_id=office.user_id,
        today=TODAY,
    )
    assert result.person_id is not None
    assert office.sql(
        "SELECT first_name, last_name, municipality_nis FROM contact_person WHERE id = ?",
        result.person_id,
    ) == [("Jan", "Peeters", GENK)]
    with office.engine.connect() as conn:
        choices = contact_list.person_choices(conn, GENK, "pee")
    assert [c.name for c in choices] == ["Jan Peeters"]


def test_a_person_of_another_municipality_is_refused(office: Office) -> None:
    result = contacts.log_contact(
        office.engine,
        ContactValues(
            municipality_nis=GENK, channel="telefoon", contact_person_id=PERSON, occurred_at=NOON
        ),
        author_id=office.user_id,
        today=TODAY,
    )
    assert [p.field for p in result.problems] == ["contact_person_id"]


def test_only_the_author_edits_or_deletes(office: Office) -> None:
    contact_id = _log(office, subject="eerste versie")
    refused = contacts.update_contact(
        office.engine,
        contact_id,
        ContactValues(municipality_nis=HASSELT, channel="telefoon", subject="van Bart"),
        user_id=BART,
        today=TODAY,
    )
    assert refused and refused[0].field == "author_id"
    assert contacts.delete_contact(office.engine, contact_id, user_id=BART)
    assert office.sql("SELECT subject FROM contact_moment") == [("eerste versie",)]
    assert (
        contacts.update_contact(
            office.engine,
            contact_id,
            ContactValues(municipality_nis=GENK, channel="bezoek", subject="tweede versie"),
            user_id=office.user_id,
            today=TODAY,
        )
        == []
    )
    assert office.sql("SELECT municipality_nis, channel, subject FROM contact_moment") == [
        (GENK, "bezoek", "tweede versie")
    ]
    assert contacts.delete_contact(office.engine, contact_id, user_id=office.user_id) == []
    assert office.sql("SELECT count(*) FROM contact_moment") == [(0,)]


def test_history_summary_and_todays_list(office: Office) -> None:
    for days_ago in (40, 3, 0):
        _log(office, occurred_at=NOON - days_ago * DAY, subject=f"{days_ago} dagen")
    with office.engine.connect() as conn:
        page = contact_list.history(conn, HASSELT)
        summary = contact_list.summary(conn, HASSELT, TODAY)
        today = contact_list.day_list(conn, office.user_id, TODAY)
        other_team = contact_list.summary(conn, HASSELT, TODAY, team_code="antwerpen")
    assert page.total == 3
    assert [line.subject for line in page.rows] == ["0 dagen", "3 dagen", "40 dagen"]
    assert (summary.last_on, summary.days_since, summary.total) == (TODAY, 0, 3)
    assert [line.subject for line in today] == ["0 dagen"]
    assert other_team.days_since is None and other_team.total == 0


def test_gemeenten_sorted_on_days_since_the_last_contact(office: Office) -> None:
    _log(office, municipality_nis=HASSELT, occurred_at=NOON - 2 * DAY)
    _log(office, municipality_nis=GENK, occurred_at=NOON - 30 * DAY)
    with office.engine.connect() as conn:
        longest_first = municipality_list.rows_by_last_contact(conn, "", "limburg", TODAY)
        newest_first = municipality_list.sorted_rows(
            conn,
            "",
            "limburg",
            municipality_list.MunicipalitySort.DAYS_SINCE_CONTACT,
            False,
            TODAY,
        )
        found = municipality_list.last_contacts(conn, TODAY)
    # Never contacted first, then Genk (30 days), then Hasselt (2 days).
    assert [r.row.name for r in longest_first][-2:] == ["Genk", "Hasselt"]
    assert longest_first[0].last.days_since is None
    assert [(r.row.name, r.last.days_since) for r in newest_first[:2]] == [
        ("Hasselt", 2),
        ("Genk", 30),
    ]
    assert newest_first[-1].last.days_since is None
    assert found[HASSELT].days_since == 2 and len(found) == 285


def test_export_rows_between_dates_and_by_team(office: Office) -> None:
    _log(office, occurred_at=NOON - 10 * DAY)
    _log(office, occurred_at=NOON)
    with office.engine.connect() as conn:
        assert len(contact_list.between(conn, TODAY - DAY, TODAY)) == 1
        assert len(contact_list.between(conn, None, None, "limburg")) == 2
        assert contact_list.between(conn, None, None, "antwerpen") == []
        choices = contact_list.municipality_choices(conn, "has")
    assert choices[0].name == "Hasselt"
