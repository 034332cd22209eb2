"""Contact moments, meetings and VLOT-flits editions: the daily activity of the teams."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import ContactChannel, MeetingKind, NewsletterStatus


class ContactMoment(SyncedMixin, Base):
    """A contact with a municipality or partner; meant to take seconds to log."""

    __tablename__ = "contact_moment"
    __table_args__ = (
        Index("ix_contact_moment_team_time", "team_code", "occurred_at"),
        Index("ix_contact_moment_municipality", "municipality_nis"),
        Index("ix_contact_moment_staff", "staff_id"),
    )

    occurred_at: Mapped[dt.datetime] = mapped_column()
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"))
    municipality_nis: Mapped[str | None] = mapped_column(ForeignKey("municipality.nis_code"))
    contact_person_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"))
    channel: Mapped[ContactChannel] = enum_column(ContactChannel)
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    subject: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = personal(mapped_column(Text))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)


class Meeting(SyncedMixin, Base):
    """A fixed meeting (team, sector, rehousing, FEDASIL, governors, central cities)."""

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_kind_date", "kind", "held_on"),)

    kind: Mapped[MeetingKind] = enum_column(MeetingKind)
    team_code: Mapped[str | None] = mapped_column(ForeignKey("team.code"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)


class MeetingItem(SyncedMixin, Base):
    """An agenda item, optionally generated from an open record (case, question, location)."""

    __tablename__ = "meeting_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(Text)
    subject_table: Mapped[str | None] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(36))


class NewsletterEdition(SyncedMixin, Base):
    """An edition of the weekly VLOT-flits to the municipalities."""

    __tablename__ = "newsletter_edition"

    number: Mapped[int] = mapped_column(Integer, index=True)
    publication_date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    intro: Mapped[str | None] = mapped_column(Text)
    status: Mapped[NewsletterStatus] = enum_column(NewsletterStatus)


class NewsletterItem(SyncedMixin, Base):
    """A piece of a VLOT-flits: a published answer or a notice."""

    __tablename__ = "newsletter_item"

    edition_id: Mapped[str] = mapped_column(ForeignKey("newsletter_edition.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    question_id: Mapped[str | None] = mapped_column(ForeignKey("question.id"))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
