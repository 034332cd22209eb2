"""Cases (dossiers): rehousing, vulnerable profiles, FEDASIL intake; households and timeline.

This is the module with the most personal data. Health and vulnerability columns are marked
sensitive: hidden until asked for, their viewing logged in ``sensitive_data_access``, left out
of list exports. When a case is erased by retention, ``household_size`` and the case's type,
dates and outcome stay for the statistics; everything marked personal is purged.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex


class Case(SyncedMixin, Base):
    """A dossier handled by a team for a municipality."""

    __tablename__ = "case_file"
    __table_args__ = (
        Index("ix_case_file_team_status", "team_code", "status"),
        Index("ix_case_file_type_status", "case_type", "status"),
        Index("ix_case_file_deadline", "deadline"),
        Index("ix_case_file_municipality", "municipality_nis"),
    )

    reference: Mapped[str] = mapped_column(String(30), index=True)
    case_type: Mapped[CaseType] = enum_column(CaseType)
    status: Mapped[CaseStatus] = enum_column(CaseStatus)
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"))
    municipality_nis: Mapped[str] = mapped_column(ForeignKey("municipality.nis_code"))
    assigned_to_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    # The date by which a solution is needed (e.g. the host family stops).
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    household_size: Mapped[int] = mapped_column(Integer, default=1)
    summary: Mapped[str | None] = personal(mapped_column(Text))
    outcome: Mapped[str | None] = mapped_column(Text)
    assigned_place_id: Mapped[str | None] = mapped_column(ForeignKey("place.id"))
    municipal_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    personal_data_erased_on: Mapped[dt.date | None] = mapped_column(Date)


class HouseholdMember(SyncedMixin, Base):
    """A member of the household; names in Latin transliteration and optionally Cyrillic."""

    __tablename__ = "household_member"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    first_name: Mapped[str] = personal(mapped_column(String(100)))
    last_name: Mapped[str] = personal(mapped_column(String(100)))
    first_name_cyrillic: Mapped[str | None] = personal(mapped_column(String(100)))
    last_name_cyrillic: Mapped[str | None] = personal(mapped_column(String(100)))
    # Lower-case, accent-free Latin + Cyrillic names, for partial search ("olen" finds Olena).
    search_names: Mapped[str] = personal(mapped_column(String(400), default="", index=True))
    birth_year: Mapped[int | None] = personal(mapped_column(Integer))
    sex: Mapped[Sex | None] = personal(enum_column(Sex, nullable=True))
    relation: Mapped[Relation] = enum_column(Relation)
    phone: Mapped[str | None] = personal(mapped_column(String(50)))
    language: Mapped[str | None] = mapped_column(String(50))
    needs_mobility: Mapped[bool] = personal(mapped_column(Boolean, default=False), sensitive=True)
    needs_medical: Mapped[bool] = personal(mapped_column(Boolean, default=False), sensitive=True)
    medical_notes: Mapped[str | None] = personal(mapped_column(Text), sensitive=True)
    has_pets: Mapped[bool] = mapped_column(Boolean, default=False)
    school_age: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseEvent(SyncedMixin, Base):
    """One line of a case's timeline: note, contact, status change or place assignment."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case_time", "case_id", "occurred_at"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"))
    kind: Mapped[CaseEventKind] = enum_column(CaseEventKind)
    occurred_at: Mapped[dt.datetime] = mapped_column()
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    text: Mapped[str | None] = personal(mapped_column(Text))
    from_status: Mapped[CaseStatus | None] = enum_column(CaseStatus, nullable=True)
    to_status: Mapped[CaseStatus | None] = enum_column(CaseStatus, nullable=True)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("place.id"))


class SensitiveDataAccess(SyncedMixin, Base):
    """Who looked at sensitive fields of a case, and when (GDPR accountability)."""

    __tablename__ = "sensitive_data_access"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("household_member.id"))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    viewed_at: Mapped[dt.datetime] = mapped_column()
