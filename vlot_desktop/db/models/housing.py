"""Reception locations (opvanglocaties), their places (opvangplaatsen) and their history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus


class Location(SyncedMixin, Base):
    """An opvanglocatie: a building or dwelling offering reception places."""

    __tablename__ = "location"
    __table_args__ = (
        Index("ix_location_municipality_status", "municipality_nis", "status"),
        Index("ix_location_status_type", "status", "location_type"),
    )

    name: Mapped[str] = mapped_column(String(200))
    # Lower-case, accent-free copy of name + street for search-as-you-type.
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)
    location_type: Mapped[LocationType] = enum_column(LocationType)
    status: Mapped[LocationStatus] = enum_column(LocationStatus)
    status_since: Mapped[dt.date | None] = mapped_column(Date)
    street: Mapped[str | None] = mapped_column(String(200))
    house_number: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(4))
    municipality_nis: Mapped[str] = mapped_column(ForeignKey("municipality.nis_code"))
    owner_organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    owner_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    municipal_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    # Declared capacity; the individual places are rows of ``place``.
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    wheelchair_accessible: Mapped[bool] = mapped_column(Boolean, default=False)
    suits_families: Mapped[bool] = mapped_column(Boolean, default=True)
    suits_singles: Mapped[bool] = mapped_column(Boolean, default=True)
    suits_medical_needs: Mapped[bool] = mapped_column(Boolean, default=False)
    suits_vulnerable_profiles: Mapped[bool] = mapped_column(Boolean, default=False)
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    subsidy_scheme: Mapped[str | None] = mapped_column(String(200))
    subsidy_reference: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)


class LocationPartner(SyncedMixin, Base):
    """A municipality sharing a location (intergemeentelijke samenwerking)."""

    __tablename__ = "location_partner"
    __table_args__ = (Index("ix_location_partner_pair", "location_id", "municipality_nis"),)

    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"))
    municipality_nis: Mapped[str] = mapped_column(ForeignKey("municipality.nis_code"), index=True)
    role: Mapped[str | None] = mapped_column(String(100))


class LocationStatusChange(SyncedMixin, Base):
    """One step of the location workflow, with its date and author."""

    __tablename__ = "location_status_change"

    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)
    from_status: Mapped[LocationStatus | None] = enum_column(LocationStatus, nullable=True)
    to_status: Mapped[LocationStatus] = enum_column(LocationStatus)
    changed_on: Mapped[dt.date] = mapped_column(Date)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    remark: Mapped[str | None] = mapped_column(Text)


class Place(SyncedMixin, Base):
    """One opvangplaats: the unit that subsidies and FEDASIL count."""

    __tablename__ = "place"
    __table_args__ = (Index("ix_place_location_status", "location_id", "status"),)

    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"))
    label: Mapped[str] = mapped_column(String(50))
    status: Mapped[PlaceStatus] = enum_column(PlaceStatus, index=True)
    status_since: Mapped[dt.date | None] = mapped_column(Date)
    offered_to_fedasil_on: Mapped[dt.date | None] = mapped_column(Date)


class PlaceStatusChange(SyncedMixin, Base):
    """History of a place's status: the basis of occupancy over time."""

    __tablename__ = "place_status_change"
    __table_args__ = (Index("ix_place_status_change_location_date", "location_id", "changed_on"),)

    place_id: Mapped[str] = mapped_column(ForeignKey("place.id"), index=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"))
    from_status: Mapped[PlaceStatus | None] = enum_column(PlaceStatus, nullable=True)
    to_status: Mapped[PlaceStatus] = enum_column(PlaceStatus)
    changed_on: Mapped[dt.date] = mapped_column(Date)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))


class CapacityChange(SyncedMixin, Base):
    """A change of a location's declared capacity, with date and author."""

    __tablename__ = "capacity_change"

    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)
    old_capacity: Mapped[int] = mapped_column(Integer)
    new_capacity: Mapped[int] = mapped_column(Integer)
    changed_on: Mapped[dt.date] = mapped_column(Date)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str | None] = mapped_column(Text)
