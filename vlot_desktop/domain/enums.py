"""The closed vocabularies of the domain, with their Dutch and English labels.

Values are stored in the database and travel in sync files: never rename a value, only add.
Labels live here (not in Qt translation files) because reports and exports need them without Qt.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members know their Dutch and English labels."""

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl


class TeamKind(LabelledEnum):
    CENTRAL = "centraal"
    REGIONAL = "regio"


class OrganisationKind(LabelledEnum):
    LOCAL_AUTHORITY = "lokaal_bestuur"
    OCMW = "ocmw"
    OWNER = "eigenaar"
    SECTOR = "sector"
    GOVERNOR = "gouverneur"
    FEDASIL = "fedasil"
    NONPROFIT = "vzw"
    OTHER = "andere"


class ContactRole(LabelledEnum):
    MUNICIPAL_COORDINATOR = "gemeentelijke_coordinator"
    GENERAL_DIRECTOR = "algemeen_directeur"
    MAYOR = "burgemeester"
    ALDERMAN = "schepen"
    OWNER = "eigenaar"
    SECTOR_COORDINATOR = "sectorcoordinator"
    GOVERNOR_STAFF = "medewerker_gouverneur"
    STAFF = "medewerker"
    OTHER = "andere"


class LocationType(LabelledEnum):
    COLLECTIVE = "collectieve_opvang"
    MODULAR = "modulaire_unit"
    HOUSE = "individuele_woning"
    HOST_FAMILY = "gastgezin"
    EMERGENCY = "noodopvang"
    OTHER = "andere"


class LocationStatus(LabelledEnum):
    PROSPECT = "prospect"
    PREPARING = "in_voorbereiding"
    OPERATIONAL = "operationeel"
    WOUND_DOWN = "afgebouwd"
    CLOSED = "gesloten"


class PlaceStatus(LabelledEnum):
    FREE = "vrij"
    OCCUPIED = "bezet"
    OFFERED_FEDASIL = "aangeboden_fedasil"
    IN_PREPARATION = "in_opbouw"
    OUT_OF_USE = "buiten_gebruik"


class ProspectStatus(LabelledEnum):
    PLANNED = "gepland"
    VISITED = "bezocht"
    POSITIVE = "positief"
    NEGATIVE = "negatief"
    ON_HOLD = "on_hold"
    CONVERTED = "omgezet"


class FindingKind(LabelledEnum):
    BOTTLENECK = "knelpunt"
    OPPORTUNITY = "opportuniteit"


class ParticipantRole(LabelledEnum):
    OWNER = "eigenaar"
    MUNICIPALITY = "gemeente"
    VLOT = "vlot"
    FIRE_SERVICE = "brandweer"
    OTHER = "andere"


class CaseType(LabelledEnum):
    REHOUSING = "herhuisvesting"
    VULNERABLE = "kwetsbaar_profiel"
    FEDASIL_INTAKE = "fedasil_instroom"


class CaseStatus(LabelledEnum):
    NEW = "nieuw"
    IN_PROGRESS = "in_behandeling"
    WAITING_FOR_PLACE = "wacht_op_plaats"
    SOLVED = "oplossing_gevonden"
    REFERRED = "doorverwezen"
    CLOSED = "afgesloten"

    @property
    def is_open(self) -> bool:
        return self not in (CaseStatus.SOLVED, CaseStatus.REFERRED, CaseStatus.CLOSED)


class Sex(LabelledEnum):
    FEMALE = "v"
    MALE = "m"
    OTHER = "x"


class Relation(LabelledEnum):
    CONTACT_PERSON = "contactpersoon"
    PARTNER = "partner"
    CHILD = "kind"
    PARENT = "ouder"
    GRANDPARENT = "grootouder"
    SIBLING = "broer_zus"
    OTHER_FAMILY = "ander_familielid"
    OTHER = "andere"


class CaseEventKind(LabelledEnum):
    NOTE = "notitie"
    CONTACT = "contact"
    STATUS_CHANGE = "statuswijziging"
    ASSIGNMENT = "toewijzing"


class QuestionStatus(LabelledEnum):
    NEW = "nieuw"
    IN_PROGRESS = "in_behandeling"
    DISPATCHED = "doorverwezen"
    ANSWERED = "beantwoord"
    CLOSED = "gesloten"

    @property
    def is_open(self) -> bool:
        return self in (QuestionStatus.NEW, QuestionStatus.IN_PROGRESS, QuestionStatus.DISPATCHED)


class ContactChannel(LabelledEnum):
    PHONE = "telefoon"
    EMAIL = "e_mail"
    VISIT = "bezoek"
    MEETING = "vergadering"
    VIDEO = "videogesprek"
    OTHER = "andere"


class MeetingKind(LabelledEnum):
    TEAM = "teamoverleg"
    SECTOR = "sectorcoordinatoren"
    REHOUSING = "herhuisvesting"
    VULNERABLE = "kwetsbare_profielen"
    FEDASIL = "fedasil_plaatsen"
    GOVERNORS = "gouverneurs"
    CENTRAL_CITIES = "centrumsteden"


class NewsletterStatus(LabelledEnum):
    DRAFT = "concept"
    PUBLISHED = "gepubliceerd"


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "TeamKind": {
        "centraal": ("Centraal team", "Central team"),
        "regio": ("Regioteam", "Regional team"),
    },
    "OrganisationKind": {
        "lokaal_bestuur": ("Lokaal bestuur", "Local authority"),
        "ocmw": ("OCMW / sociaal huis", "Public social welfare centre"),
        "eigenaar": ("Eigenaar", "Owner"),
        "sector": ("Sectororganisatie", "Sector organisation"),
        "gouverneur": ("Diensten van de gouverneur", "Governor's services"),
        "fedasil": ("FEDASIL", "FEDASIL"),
        "vzw": ("Vzw", "Non-profit organisation"),
        "andere": ("Andere", "Other"),
    },
    "ContactRole": {
        "gemeentelijke_coordinator": ("Gemeentelijke coördinator", "Municipal coordinator"),
        "algemeen_directeur": ("Algemeen directeur", "General director"),
        "burgemeester": ("Burgemeester", "Mayor"),
        "schepen": ("Schepen", "Alderman"),
        "eigenaar": ("Eigenaar", "Owner"),
        "sectorcoordinator": ("Sectorcoördinator", "Sector coordinator"),
        "medewerker_gouverneur": ("Medewerker gouverneur", "Governor's staff"),
        "medewerker": ("Medewerker", "Staff member"),
        "andere": ("Andere", "Other"),
    },
    "LocationType": {
        "collectieve_opvang": ("Collectieve opvang", "Collective reception"),
        "modulaire_unit": ("Modulaire unit", "Modular unit"),
        "individuele_woning": ("Individuele woning", "Individual house"),
        "gastgezin": ("Gastgezin", "Host family"),
        "noodopvang": ("Noodopvang", "Emergency reception"),
        "andere": ("Andere", "Other"),
    },
    "LocationStatus": {
        "prospect": ("Prospect", "Prospect"),
        "in_voorbereiding": ("In voorbereiding", "In preparation"),
        "operationeel": ("Operationeel", "Operational"),
        "afgebouwd": ("Afgebouwd", "Wound down"),
        "gesloten": ("Gesloten", "Closed"),
    },
    "PlaceStatus": {
        "vrij": ("Vrij", "Free"),
        "bezet": ("Bezet", "Occupied"),
        "aangeboden_fedasil": ("Aangeboden aan FEDASIL", "Offered to FEDASIL"),
        "in_opbouw": ("In opbouw", "Being prepared"),
        "buiten_gebruik": ("Buiten gebruik", "Out of use"),
    },
    "ProspectStatus": {
        "gepland": ("Gepland", "Planned"),
        "bezocht": ("Bezocht", "Visited"),
        "positief": ("Positief", "Positive"),
        "negatief": ("Negatief", "Negative"),
        "on_hold": ("On hold", "On hold"),
        "omgezet": ("Omgezet naar locatie", "Converted to location"),
    },
    "FindingKind": {
        "knelpunt": ("Knelpunt", "Bottleneck"),
        "opportuniteit": ("Opportuniteit", "Opportunity"),
    },
    "ParticipantRole": {
        "eigenaar": ("Eigenaar", "Owner"),
        "gemeente": ("Gemeente", "Municipality"),
        "vlot": ("VLOT", "VLOT"),
        "brandweer": ("Brandweer", "Fire service"),
        "andere": ("Andere", "Other"),
    },
    "CaseType": {
        "herhuisvesting": ("Herhuisvesting", "Rehousing"),
        "kwetsbaar_profiel": ("Kwetsbaar profiel", "Vulnerable profile"),
        "fedasil_instroom": ("FEDASIL-instroom", "FEDASIL intake"),
    },
    "CaseStatus": {
        "nieuw": ("Nieuw", "New"),
        "in_behandeling": ("In behandeling", "In progress"),
        "wacht_op_plaats": ("Wacht op plaats", "Waiting for a place"),
        "oplossing_gevonden": ("Oplossing gevonden", "Solution found"),
        "doorverwezen": ("Doorverwezen", "Referred"),
        "afgesloten": ("Afgesloten", "Closed"),
    },
    "Sex": {"v": ("Vrouw", "Female"), "m": ("Man", "Male"), "x": ("X", "X")},
    "Relation": {
        "contactpersoon": ("Contactpersoon", "Contact person"),
        "partner": ("Partner", "Partner"),
        "kind": ("Kind", "Child"),
        "ouder": ("Ouder", "Parent"),
        "grootouder": ("Grootouder", "Grandparent"),
        "broer_zus": ("Broer of zus", "Sibling"),
        "ander_familielid": ("Ander familielid", "Other relative"),
        "andere": ("Andere", "Other"),
    },
    "CaseEventKind": {
        "notitie": ("Notitie", "Note"),
        "contact": ("Contactmoment", "Contact"),
        "statuswijziging": ("Statuswijziging", "Status change"),
        "toewijzing": ("Toewijzing", "Assignment"),
    },
    "QuestionStatus": {
        "nieuw": ("Nieuw", "New"),
        "in_behandeling": ("In behandeling", "In progress"),
        "doorverwezen": ("Doorverwezen", "Dispatched"),
        "beantwoord": ("Beantwoord", "Answered"),
        "gesloten": ("Gesloten", "Closed"),
    },
    "ContactChannel": {
        "telefoon": ("Telefoon", "Phone"),
        "e_mail": ("E-mail", "E-mail"),
        "bezoek": ("Bezoek", "Visit"),
        "vergadering": ("Vergadering", "Meeting"),
        "videogesprek": ("Videogesprek", "Video call"),
        "andere": ("Andere", "Other"),
    },
    "MeetingKind": {
        "teamoverleg": ("Overleg centraal en regioteams", "Central and regional teams meeting"),
        "sectorcoordinatoren": ("Overleg sectorcoördinatoren", "Sector coordinators meeting"),
        "herhuisvesting": ("Overleg herhuisvesting", "Rehousing meeting"),
        "kwetsbare_profielen": ("Overleg kwetsbare profielen", "Vulnerable profiles meeting"),
        "fedasil_plaatsen": ("Overleg FEDASIL-plaatsen", "FEDASIL places meeting"),
        "gouverneurs": ("Overleg gouverneurs", "Governors meeting"),
        "centrumsteden": ("Overleg centrumsteden", "Central cities meeting"),
    },
    "NewsletterStatus": {
        "concept": ("Concept", "Draft"),
        "gepubliceerd": ("Gepubliceerd", "Published"),
    },
}
