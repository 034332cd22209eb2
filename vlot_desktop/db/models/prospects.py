"""Prospect visits (prospecties): checklist answers, findings, participants."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import FindingKind, ParticipantRole, ProspectStatus


class ProspectVisit(SyncedMixin, Base):
    """A prospected building, its site visit and the checklist filled in on site."""

    __tablename__ = "prospect_visit"
    __table_args__ = (
        ForeignKeyConstraint(
            ["template", "template_version"],
            ["checklist_template.template", "checklist_template.version"],
        ),
        Index("ix_prospect_visit_status_date", "status", "visit_date"),
        Index("ix_prospect_visit_municipality", "municipality_nis"),
    )

    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(200))
    house_number: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(4))
    municipality_nis: Mapped[str] = mapped_column(ForeignKey("municipality.nis_code"))
    status: Mapped[ProspectStatus] = enum_column(ProspectStatus)
    visit_date: Mapped[dt.date | None] = mapped_column(Date)
    visitor_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    owner_organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"))
    # The template version is kept with the visit: a new version never changes an old visit.
    template: Mapped[str] = mapped_column(String(32), default="prospect")
    template_version: Mapped[int] = mapped_column(Integer, default=1)
    estimated_places: Mapped[int | None] = mapped_column(Integer)
    general_impression: Mapped[str | None] = mapped_column(Text)
    outcome_notes: Mapped[str | None] = mapped_column(Text)
    # Set when a positive prospect became a location (omgezet naar locatie).
    location_id: Mapped[str | None] = mapped_column(ForeignKey("location.id"), index=True)


class ChecklistAnswer(SyncedMixin, Base):
    """The answer to one checklist item of one visit.

    The id is derived from (visit, item key) so that two laptops answering the same item create
    the same row, not two.
    """

    __tablename__ = "checklist_answer"
    __table_args__ = (Index("ix_checklist_answer_visit_item", "visit_id", "item_key"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("prospect_visit.id"))
    item_key: Mapped[str] = mapped_column(String(100))
    # ja / nee / nvt for yes_no_na items.
    value_choice: Mapped[str | None] = mapped_column(String(100))
    value_number: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(Text)
    remark: Mapped[str | None] = mapped_column(Text)


class Finding(SyncedMixin, Base):
    """A knelpunt or opportuniteit, optionally tied to a checklist item, with its action."""

    __tablename__ = "finding"

    visit_id: Mapped[str] = mapped_column(ForeignKey("prospect_visit.id"), index=True)
    item_key: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[FindingKind] = enum_column(FindingKind)
    description: Mapped[str] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProspectParticipant(SyncedMixin, Base):
    """Who was present at the visit (owner, municipality, VLOT, fire service)."""

    __tablename__ = "prospect_participant"

    visit_id: Mapped[str] = mapped_column(ForeignKey("prospect_visit.id"), index=True)
    name: Mapped[str] = personal(mapped_column(String(200)))
    role: Mapped[ParticipantRole] = enum_column(ParticipantRole)
    organisation: Mapped[str | None] = mapped_column(String(200))
    contact_person_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    staff_user_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))


class Attachment(SyncedMixin, Base):
    """A photo or document, stored by content hash (the sync moves it as a blob)."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_table", "owner_id"),)

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # The record it belongs to, e.g. ("prospect_visit", <id>), and optionally a checklist item.
    owner_table: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[str] = mapped_column(String(36))
    checklist_item_key: Mapped[str | None] = mapped_column(String(100))
    caption: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[dt.datetime | None] = mapped_column()
    position: Mapped[int] = mapped_column(Integer, default=0)
