"""Staff users, their devices, organisations and contact persons."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import ContactRole, OrganisationKind


class StaffUser(SyncedMixin, Base):
    """A VLOT staff member (central or regional team)."""

    __tablename__ = "staff_user"

    name: Mapped[str] = personal(mapped_column(String(120)))
    email: Mapped[str | None] = personal(mapped_column(String(200)))
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Device(SyncedMixin, Base):
    """A laptop taking part in sync; its id names its change files on the share."""

    __tablename__ = "device"

    label: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)


class Organisation(SyncedMixin, Base):
    """A local authority, OCMW, owner, sector organisation, governor's service, ..."""

    __tablename__ = "organisation"
    __table_args__ = (Index("ix_organisation_kind_name", "kind", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = enum_column(OrganisationKind)
    municipality_nis: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.nis_code"), index=True
    )
    # Personal: an owner is often a private person, whose e-mail address and phone are theirs.
    email: Mapped[str | None] = personal(mapped_column(String(200)))
    phone: Mapped[str | None] = personal(mapped_column(String(50)))
    notes: Mapped[str | None] = mapped_column(Text)


class ContactPerson(SyncedMixin, Base):
    """A person VLOT deals with: municipal coordinator, owner, sector coordinator, ..."""

    __tablename__ = "contact_person"

    first_name: Mapped[str] = personal(mapped_column(String(100)))
    last_name: Mapped[str] = personal(mapped_column(String(100)))
    role: Mapped[ContactRole] = enum_column(ContactRole)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    municipality_nis: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.nis_code"), index=True
    )
    email: Mapped[str | None] = personal(mapped_column(String(200)))
    phone: Mapped[str | None] = personal(mapped_column(String(50)))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = personal(mapped_column(Text))
