"""Reference data: teams, provinces, municipalities, postcodes, themes, checklist templates.

Loaded from ``resources/data`` by ``db.reference_data``; the same on every laptop, so
natural keys (NIS codes, slugs) instead of UUIDs, and never synced.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, ReferenceMixin, enum_column
from vlot_desktop.domain.enums import TeamKind


class Team(ReferenceMixin, Base):
    """The central team and the five regional teams (one per province)."""

    __tablename__ = "team"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    kind: Mapped[TeamKind] = enum_column(TeamKind)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Province(ReferenceMixin, Base):
    __tablename__ = "province"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(100), unique=True)
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"))


class Arrondissement(ReferenceMixin, Base):
    """Administrative arrondissement; used to rank nearby places (same arrondissement first)."""

    __tablename__ = "arrondissement"

    nis_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(100))
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)


class Municipality(ReferenceMixin, Base):
    """One of the 285 Flemish municipalities (situation 1 January 2025, Statbel)."""

    __tablename__ = "municipality"

    nis_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(100), index=True)
    # Lower-case, accent-free name for search-as-you-type ("Sint-Genesius-Rode" <- "genesius").
    search_name: Mapped[str] = mapped_column(String(100), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    arrondissement_code: Mapped[str] = mapped_column(ForeignKey("arrondissement.nis_code"))


class Postcode(ReferenceMixin, Base):
    """Postcode -> municipality (Statbel 2025). A few postcodes span two municipalities."""

    __tablename__ = "postcode"

    postcode: Mapped[str] = mapped_column(String(4), primary_key=True)
    municipality_nis: Mapped[str] = mapped_column(
        ForeignKey("municipality.nis_code"), primary_key=True, index=True
    )


class PolicyDomain(ReferenceMixin, Base):
    """Beleidsveld / beleidsdomein to which the central team dispatches questions."""

    __tablename__ = "policy_domain"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Theme(ReferenceMixin, Base):
    """A grouped helpdesk theme under a policy domain."""

    __tablename__ = "theme"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    domain_code: Mapped[str] = mapped_column(ForeignKey("policy_domain.code"), index=True)
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ChecklistTemplate(ReferenceMixin, Base):
    """A versioned checklist template, stored whole so old visits keep the version they used."""

    __tablename__ = "checklist_template"

    template: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_nl: Mapped[str] = mapped_column(String(200))
    content_json: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
