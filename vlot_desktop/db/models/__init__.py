"""All models, one module per area; importing this package registers every table."""

from typing import Any

from sqlalchemy.orm import Mapper

from vlot_desktop.db.models.activity import (
    ContactMoment,
    Meeting,
    MeetingAction,
    MeetingItem,
    MeetingSeries,
    MeetingSeriesParticipant,
    NewsletterEdition,
    NewsletterItem,
)
from vlot_desktop.db.models.base import Base
from vlot_desktop.db.models.cases import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.models.helpdesk import (
    KbArticle,
    PolicyDomainContact,
    Question,
    QuestionArticle,
    QuestionDispatch,
    QuestionStatusChange,
)
from vlot_desktop.db.models.housing import (
    CapacityChange,
    Location,
    LocationPartner,
    LocationStatusChange,
    Place,
    PlaceStatusChange,
)
from vlot_desktop.db.models.local import LocalMeta
from vlot_desktop.db.models.people import ContactPerson, Device, Organisation, StaffUser
from vlot_desktop.db.models.prospects import (
    Attachment,
    ChecklistAnswer,
    Finding,
    ProspectParticipant,
    ProspectVisit,
)
from vlot_desktop.db.models.reference import (
    Arrondissement,
    ChecklistTemplate,
    Municipality,
    PolicyDomain,
    Postcode,
    Province,
    Team,
    Theme,
)
from vlot_desktop.db.models.sync_state import (
    SyncClock,
    SyncConflict,
    SyncFieldClock,
    SyncIngested,
    SyncOutbox,
    SyncTombstone,
)

__all__ = [
    "Arrondissement",
    "Attachment",
    "Base",
    "CapacityChange",
    "Case",
    "CaseEvent",
    "ChecklistAnswer",
    "ChecklistTemplate",
    "ContactMoment",
    "ContactPerson",
    "Device",
    "Finding",
    "HouseholdMember",
    "KbArticle",
    "LocalMeta",
    "Location",
    "LocationPartner",
    "LocationStatusChange",
    "Meeting",
    "MeetingAction",
    "MeetingItem",
    "MeetingSeries",
    "MeetingSeriesParticipant",
    "Municipality",
    "NewsletterEdition",
    "NewsletterItem",
    "Organisation",
    "Place",
    "PlaceStatusChange",
    "PolicyDomain",
    "PolicyDomainContact",
    "Postcode",
    "ProspectParticipant",
    "ProspectVisit",
    "Province",
    "Question",
    "QuestionArticle",
    "QuestionDispatch",
    "QuestionStatusChange",
    "SensitiveDataAccess",
    "StaffUser",
    "SyncClock",
    "SyncConflict",
    "SyncFieldClock",
    "SyncIngested",
    "SyncOutbox",
    "SyncTombstone",
    "Team",
    "Theme",
]


def _table_name(mapper: Mapper[Any]) -> str:
    return str(mapper.class_.__tablename__)


def synced_tables() -> list[str]:
    """Names of the tables whose rows travel between laptops (text UUID keys)."""
    return sorted(
        _table_name(mapper)
        for mapper in Base.registry.mappers
        if "id" in mapper.columns
        and not getattr(mapper.class_, "__reference__", False)
        and not getattr(mapper.class_, "__local__", False)
    )


def reference_tables() -> list[str]:
    """Names of the tables loaded from ``resources/data`` (natural keys, not synced)."""
    return sorted(
        _table_name(mapper)
        for mapper in Base.registry.mappers
        if getattr(mapper.class_, "__reference__", False)
    )
