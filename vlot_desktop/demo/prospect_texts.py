"""Dutch texts for prospect visits: buildings, findings, checklist answers, conclusions."""

from __future__ import annotations

from typing import NamedTuple


class BuildingKind(NamedTuple):
    """A kind of building that gets prospected, keyed like the checklist's building types."""

    key: str  # a choice key of algemeen.type_gebouw
    weight: int
    min_places: int
    max_places: int
    names: tuple[str, ...]  # may use {saint}, {place}, {street}
    current_use: tuple[str, ...]
    location_type: str  # LocationType value when converted


BUILDING_KINDS: tuple[BuildingKind, ...] = (
    BuildingKind(
        "woning",
        45,
        2,
        6,
        (
            "Leegstaande woning {street}",
            "Woning {street}",
            "Pastorij {street}",
            "Huis {place}",
            "Gezinswoning {street}",
        ),
        (
            "Eengezinswoning, leegstaand sinds het overlijden van de eigenaar",
            "Pastorij, niet meer bewoond",
            "Huurwoning tussen twee huurders",
            "Woning in afwachting van renovatie",
        ),
        "individuele_woning",
    ),
    BuildingKind(
        "klooster",
        6,
        12,
        35,
        (
            "Voormalig klooster Sint-{saint}",
            "Klooster van de Zusters van Sint-{saint}",
            "Abdijhoeve {place}",
        ),
        (
            "Klooster, sinds enkele jaren niet meer bewoond",
            "Gedeeltelijk bewoond klooster, vleugel leeg",
        ),
        "collectieve_opvang",
    ),
    BuildingKind(
        "school",
        7,
        8,
        30,
        (
            "Oud schoolgebouw {street}",
            "Voormalige basisschool Sint-{saint}",
            "Internaat Sint-{saint}",
        ),
        ("Voormalige basisschool", "Leegstaand internaat", "Schoolgebouw, buiten gebruik"),
        "collectieve_opvang",
    ),
    BuildingKind(
        "kantoor",
        6,
        6,
        24,
        ("Kantoorgebouw {street}", "Voormalig gemeentehuis {place}", "Oud postkantoor {street}"),
        ("Kantoorruimte, leegstaand", "Voormalig gemeentehuis na fusie"),
        "collectieve_opvang",
    ),
    BuildingKind(
        "hotel",
        4,
        10,
        30,
        ("Hotel {place}", "Voormalig hotel {place}", "B&B {place}"),
        ("Hotel, seizoensgebonden uitgebaat", "Gesloten hotel"),
        "collectieve_opvang",
    ),
    BuildingKind(
        "vakantiepark",
        5,
        6,
        30,
        ("Vakantiepark {place}", "Vakantiewoningen {place}", "Bungalowpark {place}"),
        ("Vakantiewoningen, buiten het seizoen leeg", "Chalets op een vakantiedomein"),
        "collectieve_opvang",
    ),
    BuildingKind(
        "jeugdherberg",
        3,
        12,
        36,
        ("Jeugdherberg {place}", "Jeugdverblijfcentrum {place}", "Scoutslokalen {place}"),
        ("Jeugdverblijf, enkel in de zomer gebruikt", "Groepsverblijf"),
        "collectieve_opvang",
    ),
    BuildingKind(
        "modulaire_units",
        8,
        6,
        20,
        (
            "Modulaire units {place}",
            "Terrein {street} voor modulaire units",
            "Containerwoningen sportsite {place}",
        ),
        ("Braakliggend terrein naast het sportpark", "Parking bij het gemeentelijk zwembad"),
        "modulaire_unit",
    ),
    BuildingKind(
        "ander",
        16,
        2,
        8,
        (
            "Appartementen {place}",
            "Voormalig rusthuis {place}",
            "Studio's {street}",
            "Bovenverdieping handelspand {street}",
            "Conciërgewoning {place}",
        ),
        (
            "Appartementen boven een handelszaak",
            "Voormalig rusthuis, gedeeltelijk gesloopt",
            "Studio's voor seizoensarbeiders",
        ),
        "collectieve_opvang",
    ),
)


class FindingText(NamedTuple):
    item_key: str | None
    description: str
    action: str
    responsible: str


BOTTLENECKS: tuple[FindingText, ...] = (
    FindingText(
        "gebouw.brandweeradvies",
        "Brandweeradvies nog niet aangevraagd; zonder gunstig advies geen bewoning mogelijk.",
        "Brandweeradvies aanvragen bij de hulpverleningszone",
        "Lokaal bestuur",
    ),
    FindingText(
        "gebouw.asbest",
        "Asbesthoudende materialen vermoed in de kelder en de dakbedekking.",
        "Asbestinventaris laten opmaken",
        "Eigenaar",
    ),
    FindingText(
        "gebouw.vochtproblemen",
        "Vochtproblemen in de slaapkamers op de bovenverdieping.",
        "Oorzaak laten onderzoeken en herstellen vóór ingebruikname",
        "Eigenaar",
    ),
    FindingText(
        "sanitair.aantal_douches",
        "Te weinig douches voor het geschatte aantal bewoners.",
        "Bijkomende sanitaire units plaatsen",
        "Lokaal bestuur",
    ),
    FindingText(
        "vergunningen.bestemming_wonen",
        "De bestemming laat geen wonen toe; een tijdelijke omgevingsvergunning is nodig.",
        "Vooroverleg met de dienst omgevingsvergunningen",
        "Lokaal bestuur",
    ),
    FindingText(
        "ligging.afstand_halte",
        "Slecht bereikbaar met het openbaar vervoer; dichtstbijzijnde halte op meer dan 2 km.",
        "Vervoersoplossing bekijken (deelfietsen, pendeldienst)",
        "Lokaal bestuur",
    ),
    FindingText(
        "ligging.draagvlak_buurt",
        "Weerstand in de buurt verwacht na eerdere discussie in de gemeenteraad.",
        "Infomoment voor de buurtbewoners organiseren",
        "Lokaal bestuur",
    ),
    FindingText(
        "kosten.renovatiekost",
        "Hoge renovatiekost in verhouding tot de beschikbaarheidsduur.",
        "Kosten-batenanalyse opmaken en subsidiemogelijkheden nagaan",
        "VLOT",
    ),
    FindingText(
        "eigenaar.duur_maanden",
        "De eigenaar wil het gebouw maar voor twaalf maanden ter beschikking stellen.",
        "Verlenging van de terbeschikkingstelling bespreken met de eigenaar",
        "VLOT",
    ),
    FindingText(
        "gebouw.elektrische_keuring",
        "Elektrische installatie niet conform het AREI.",
        "Keuring en herstellingen laten uitvoeren",
        "Eigenaar",
    ),
    FindingText(
        "toegankelijkheid.lift",
        "Geen lift en smalle trappen; niet geschikt voor personen met beperkte mobiliteit.",
        "Enkel gelijkvloerse kamers toewijzen aan kwetsbare profielen",
        "Lokaal bestuur",
    ),
    FindingText(
        "keuken.type_keuken",
        "Geen keuken aanwezig; bewoners kunnen niet zelf koken.",
        "Gedeelde keuken of kookunits inrichten",
        "Lokaal bestuur",
    ),
    FindingText(
        "gebouw.verwarming_werkt",
        "Centrale verwarming defect; ketel is meer dan dertig jaar oud.",
        "Offerte voor vervanging van de ketel opvragen",
        "Eigenaar",
    ),
    FindingText(
        None,
        "Nog geen beheerder gevonden voor de dagelijkse opvolging van de bewoners.",
        "Bespreken met het OCMW of een lokale vzw",
        "Lokaal bestuur",
    ),
)

OPPORTUNITIES: tuple[FindingText, ...] = (
    FindingText(
        "algemeen.leegstaand",
        "Het gebouw staat leeg en is onmiddellijk beschikbaar.",
        "Gebruiksovereenkomst opstellen",
        "Lokaal bestuur",
    ),
    FindingText(
        "eigenaar.bereidheid",
        "De eigenaar is zeer bereid en vraagt enkel de kosten van de nutsvoorzieningen.",
        "Ontwerp van overeenkomst bezorgen aan de eigenaar",
        "VLOT",
    ),
    FindingText(
        "kosten.subsidie_mogelijk",
        "Komt in aanmerking voor de subsidie collectieve opvang.",
        "Subsidieaanvraag voorbereiden",
        "Lokaal bestuur",
    ),
    FindingText(
        "slaapruimtes.afsluitbare_kamers",
        "Afsluitbare kamers met eigen lavabo: goed geschikt voor gezinnen.",
        "Kamerindeling per gezin uitwerken",
        "Lokaal bestuur",
    ),
    FindingText(
        None,
        "Intergemeentelijke samenwerking mogelijk met de buurgemeenten.",
        "Overleg met de buurgemeenten plannen",
        "VLOT",
    ),
    FindingText(
        "ligging.afstand_scholen",
        "School, kinderopvang en winkels op wandelafstand.",
        "Inschrijvingen in de school vooraf afstemmen",
        "Lokaal bestuur",
    ),
    FindingText(
        "keuken.leefruimte",
        "Ruime gemeenschappelijke leefruimte, bruikbaar voor activiteiten en taallessen.",
        "Lessen Nederlands ter plaatse organiseren met het Agentschap Integratie en Inburgering",
        "VLOT",
    ),
    FindingText(
        "toegankelijkheid.lift",
        "Lift en aangepaste badkamer aanwezig: geschikt voor kwetsbare profielen.",
        "Locatie signaleren voor het overleg kwetsbare profielen",
        "VLOT",
    ),
    FindingText(
        "vergunningen.conformiteitsattest",
        "Recent conformiteitsattest beschikbaar; weinig werken nodig.",
        "Inrichting en meubilair plannen",
        "Lokaal bestuur",
    ),
)

GENERAL_IMPRESSIONS: dict[str, tuple[str, ...]] = {
    "positive": (
        "Goed onderhouden gebouw met veel mogelijkheden; de eigenaar is enthousiast.",
        "Degelijk gebouw, met beperkte werken snel inzetbaar.",
        "Sterke locatie dicht bij het centrum; gemeente staat achter het project.",
    ),
    "neutral": (
        "Bruikbaar gebouw, maar er zijn nog enkele werken nodig.",
        "Gemengde indruk: goede ligging, verouderd sanitair.",
        "Potentieel aanwezig, financiering en timing nog onduidelijk.",
    ),
    "negative": (
        "Gebouw in slechte staat; renovatie niet haalbaar op korte termijn.",
        "Te afgelegen en te duur om in te richten.",
        "Brandveiligheid onvoldoende en eigenaar weinig bereid tot investeringen.",
    ),
}

OUTCOME_NOTES: dict[str, tuple[str, ...]] = {
    "gepland": (
        "Plaatsbezoek gepland met de eigenaar en de gemeentelijke coördinator.",
        "Afspraak gemaakt; brandweer wordt uitgenodigd.",
    ),
    "bezocht": (
        "Verslag in opmaak; advies volgt na overleg met het lokaal bestuur.",
        "Bezocht; wacht op bijkomende informatie van de eigenaar.",
    ),
    "positief": (
        "Positief advies; gemeente beslist over de inrichting in het volgende schepencollege.",
        "Positief advies; overeenkomst met de eigenaar in voorbereiding.",
    ),
    "negatief": (
        "Negatief advies: te hoge renovatiekost.",
        "Negatief advies: brandweeradvies ongunstig.",
        "Negatief advies: eigenaar trekt zich terug.",
        "Negatief advies: bestemming laat geen wonen toe.",
    ),
    "on_hold": (
        "On hold tot de eigenaar beslist over de verkoop.",
        "On hold: gemeente wacht op de budgetwijziging.",
        "On hold tot na de renovatie van het dak.",
    ),
    "omgezet": (
        "Omgezet naar opvanglocatie na positief advies en akkoord van het college.",
        "Locatie ingericht en opgenomen in de huisvestingstool.",
    ),
}

TEXT_ANSWERS: dict[str, tuple[str, ...]] = {
    "algemeen.beschikbaar_tot": (
        "Onbepaald",
        "Minstens twee jaar",
        "Tot de start van de renovatiewerken",
        "Eind volgend schooljaar",
    ),
    "ligging.werkgelegenheid": (
        "Industriezone op 3 km; VDAB-kantoor in het centrum.",
        "Veel tuinbouwbedrijven in de omgeving met seizoensarbeid.",
        "Weinig werkgelegenheid in de directe omgeving.",
        "Logistieke bedrijven langs de snelweg, goed bereikbaar met de fiets.",
    ),
    "ligging.eerdere_reacties": (
        "Geen reacties bekend.",
        "Enkele vragen van buren bij de vorige opvang, geen klachten.",
        "Petitie tegen een eerder project in dezelfde straat.",
        "Buurtcomité wil meehelpen met onthaal.",
    ),
    "vergunningen.stand_vergunning": (
        "Nog niet aangevraagd",
        "Vooroverleg gepland",
        "Aanvraag ingediend",
        "Vergunning verleend",
        "Niet nodig",
    ),
    "eigenaar.voorwaarden": (
        "Geen huisdieren.",
        "Eigenaar wil jaarlijks evalueren.",
        "Geen bijzondere voorwaarden.",
        "Tuin wordt door de eigenaar onderhouden.",
        "Opzegtermijn van drie maanden.",
    ),
    "besluit.vervolgacties": (
        "Offertes opvragen en terugkoppelen op het overleg met de gemeente.",
        "Brandweeradvies aanvragen; nieuw bezoek na de werken.",
        "Ontwerp van overeenkomst bezorgen aan de eigenaar.",
        "Geen verdere acties.",
    ),
}

# Probability that a yes/no item is answered "ja" (the rest: mostly "nee", some "nvt").
YES_PROBABILITY: dict[str, float] = {
    "gebouw.asbest": 0.12,
    "gebouw.vochtproblemen": 0.2,
    "vergunningen.tijdelijke_vergunning": 0.35,
    "eigenaar.vergoeding_gevraagd": 0.55,
    "toegankelijkheid.lift": 0.3,
    "toegankelijkheid.aangepaste_badkamer": 0.25,
    "besluit.nieuw_bezoek_nodig": 0.4,
    "gebouw.gaskeuring": 0.5,
}
