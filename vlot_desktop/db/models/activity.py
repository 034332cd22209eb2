"""Contact moments, meetings and VLOT-flits editions: the daily activity of the teams
(docs/coordination.md).

- ``contact_moment``: one contact with a municipality (or partner), logged in seconds by its
  author (``author_id``: only they change or delete it), optionally linked to the location,
  prospect, case or question it was about (``link_table`` + ``link_id``).
- ``meeting_series`` and ``meeting_series_participant``: the fixed meetings, their rhythm and
  who takes part (by team or by role).
- ``meeting`` (of a series), its agenda points ``meeting_item`` (ordered, of a kind, linked to
  a record) with their decision, and its actions ``meeting_action`` (owner, due date, linked
  record, done).
- ``newsletter_edition`` and ``newsletter_item``: the VLOT-flits; a sent edition is frozen.

Links to records are a table name and an id, not foreign keys: deleting a meeting deletes its
points and actions, never the records they name, and a record deleted on another laptop leaves
a point that says so instead of a sync that cannot apply.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import ContactChannel, MeetingKind, NewsletterStatus
from vlot_desktop.domain.meeting_rules import (
    AgendaItemKind,
    EditionItemKind,
    MeetingStatus,
    Rhythm,
)


class ContactMoment(SyncedMixin, Base):
    """A contact with a municipality or partner; meant to take seconds to log."""

    __tablename__ = "contact_moment"
    __table_args__ = (
        Index("ix_contact_moment_team_time", "team_code", "occurred_at"),
        # Last contact per municipality (the Gemeenten column) reads this index only.
        Index("ix_contact_moment_municipality_time", "municipality_nis", "occurred_at"),
        # ... and of one team's contacts: the column for a team.
        Index(
            "ix_contact_moment_municipality_team_time",
            "municipality_nis",
            "team_code",
            "occurred_at",
        ),
        Index("ix_contact_moment_staff_time", "staff_id", "occurred_at"),
        Index("ix_contact_moment_person", "contact_person_id"),
    )

    occurred_at: Mapped[dt.datetime] = mapped_column()
    # The staff member who had the contact (the quick log: whoever logs it).
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    # Who logged it: only they change or delete it. NULL for contacts logged before 0009
    # (read as ``staff_id``).
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"))
    municipality_nis: Mapped[str | None] = mapped_column(ForeignKey("municipality.nis_code"))
    # The person spoken to: personal (erasing the person, or retention, clears the link).
    contact_person_id: Mapped[str | None] = personal(mapped_column(ForeignKey("contact_person.id")))
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"))
    channel: Mapped[ContactChannel] = enum_column(ContactChannel)
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    # The short note of the quick log (one line); may name people, so personal.
    subject: Mapped[str] = personal(mapped_column(String(300)))
    notes: Mapped[str | None] = personal(mapped_column(Text))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    # The record the contact was about: location, prospect_visit, case_file or question.
    link_table: Mapped[str | None] = mapped_column(String(64))
    link_id: Mapped[str | None] = mapped_column(String(36))


class MeetingSeries(SyncedMixin, Base):
    """A meeting series: its kind, rhythm and weekdays (the seed's overlegmomenten).

    The seven fixed series of the seed live in code (``meeting_rules.DEFAULT_SERIES``, ids
    derived from their kind, the same on every laptop); a row holds a series a user made, or
    a default series once a user changed it. No laptop writes a default row by itself: two
    laptops inserting the same row would meet as conflicts.
    """

    __tablename__ = "meeting_series"
    __table_args__ = (Index("ix_meeting_series_kind", "kind"),)

    kind: Mapped[MeetingKind] = enum_column(MeetingKind)
    name: Mapped[str] = mapped_column(String(300))
    # The team whose records the generated agenda looks at (NULL: every team).
    team_code: Mapped[str | None] = mapped_column(ForeignKey("team.code"))
    rhythm: Mapped[Rhythm] = enum_column(Rhythm)
    # Weekdays it meets on, Monday = 0: "1,3" (``meeting_rules.parse_weekdays``).
    weekdays: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)


class MeetingSeriesParticipant(SyncedMixin, Base):
    """Who takes part in a series: a team (all its staff) or a role (e.g. the sector
    coordinators, the governors' staff), with a label for the agenda."""

    __tablename__ = "meeting_series_participant"
    __table_args__ = (Index("ix_meeting_series_participant_series", "series_id"),)

    series_id: Mapped[str] = mapped_column(ForeignKey("meeting_series.id"))
    team_code: Mapped[str | None] = mapped_column(ForeignKey("team.code"))
    role: Mapped[str | None] = mapped_column(String(32))  # a ContactRole value
    label: Mapped[str | None] = mapped_column(String(200))


class Meeting(SyncedMixin, Base):
    """A fixed meeting (team, sector, rehousing, FEDASIL, governors, central cities)."""

    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_kind_date", "kind", "held_on"),
        Index("ix_meeting_series_date", "series_id", "held_on"),
    )

    kind: Mapped[MeetingKind] = enum_column(MeetingKind)
    # The series (NULL for the meetings of before 0009: they belong to their kind's default
    # series). Not a foreign key: the seven default series are defined in code
    # (``meeting_rules.DEFAULT_SERIES``) and have a row only once someone changes one.
    series_id: Mapped[str | None] = mapped_column(String(36))
    team_code: Mapped[str | None] = mapped_column(ForeignKey("team.code"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    # NULL for the meetings of before 0009: held (they were all in the past).
    status: Mapped[MeetingStatus | None] = enum_column(MeetingStatus, nullable=True)
    notes: Mapped[str | None] = personal(mapped_column(Text))


class MeetingItem(SyncedMixin, Base):
    """An agenda point (agendapunt), typed or generated from an open record (case, question,
    dispatch, prospect, location, an open action), with its decision in the minutes.

    A generated point has an id derived from (meeting, kind, record): two laptops generating
    the same agenda make the same rows.
    """

    __tablename__ = "meeting_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # NULL for the points of before 0009 (read as a typed point).
    kind: Mapped[AgendaItemKind | None] = enum_column(AgendaItemKind, nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = personal(mapped_column(Text))
    decision: Mapped[str | None] = mapped_column(Text)
    subject_table: Mapped[str | None] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(36))


class MeetingAction(SyncedMixin, Base):
    """An action (actiepunt) decided in a meeting: who, by when, about which record; open
    until ``done_on`` is set, and on every next agenda of the series until then."""

    __tablename__ = "meeting_action"
    __table_args__ = (
        Index("ix_meeting_action_meeting", "meeting_id"),
        Index("ix_meeting_action_owner_done", "owner_id", "done_on"),
        Index("ix_meeting_action_item", "item_id"),
    )

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    item_id: Mapped[str | None] = mapped_column(ForeignKey("meeting_item.id"))
    title: Mapped[str] = mapped_column(String(300))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    link_table: Mapped[str | None] = mapped_column(String(64))
    link_id: Mapped[str | None] = mapped_column(String(36))
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    notes: Mapped[str | None] = personal(mapped_column(Text))


class NewsletterEdition(SyncedMixin, Base):
    """An edition of the weekly VLOT-flits to the municipalities; frozen once sent
    (``status`` gepubliceerd, ``sent_at``)."""

    __tablename__ = "newsletter_edition"

    number: Mapped[int] = mapped_column(Integer, index=True)
    publication_date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    intro: Mapped[str | None] = mapped_column(Text)
    status: Mapped[NewsletterStatus] = enum_column(NewsletterStatus)
    sent_at: Mapped[dt.datetime | None] = mapped_column()
    sent_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))


class NewsletterItem(SyncedMixin, Base):
    """A piece of a VLOT-flits: a knowledge-base article (its text as it was sent) or a short
    notice. ``question_id``: the published answer of the first release."""

    __tablename__ = "newsletter_item"

    edition_id: Mapped[str] = mapped_column(ForeignKey("newsletter_edition.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # NULL for the items of before 0009: an article when it names a question, else a notice.
    kind: Mapped[EditionItemKind | None] = enum_column(EditionItemKind, nullable=True)
    question_id: Mapped[str | None] = mapped_column(ForeignKey("question.id"))
    article_id: Mapped[str | None] = mapped_column(ForeignKey("kb_article.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
