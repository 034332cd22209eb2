"""Dutch texts for the daily activity: contact moments, meetings, the VLOT-flits, locations."""

from __future__ import annotations

# (theme code or None, subject) for contact moments.
CONTACT_SUBJECTS: tuple[tuple[str | None, str], ...] = (
    ("opvang-bezetting", "Stand van zaken bezetting opvanglocaties"),
    ("opvang-huisvestingstool", "Opvolging vrije plaatsen in de huisvestingstool"),
    ("opvang-aanbod-fedasil", "Afstemming aanbod FEDASIL-plaatsen"),
    ("subsidies-afrekening", "Vraag over de afrekening van de subsidies"),
    ("opvang-prospectie", "Voorbereiding plaatsbezoek"),
    ("opvang-prospectie", "Terugkoppeling na plaatsbezoek"),
    ("opvang-herhuisvesting", "Herhuisvesting gezin na einde gastgezin"),
    ("opvang-kwetsbare-profielen", "Kwetsbaar profiel: zoektocht naar aangepaste plaats"),
    ("opvang-collectieve-opvang", "Update collectieve opvang"),
    ("opvang-intergemeentelijke-samenwerking", "Intergemeentelijke samenwerking bespreken"),
    ("communicatie-vlot-flits", "Bijdrage voor de VLOT-flits"),
    (None, "Kennismaking nieuwe gemeentelijke coördinator"),
    ("juridisch-referentieadres", "Vraag over referentieadres"),
    ("wonen-sociaal-tarief-energie", "Sociaal tarief energie voor ontheemden"),
    ("communicatie-samenwerking-gouverneur", "Afstemming met de diensten van de gouverneur"),
    ("onderwijs-okan", "Vrije plaatsen OKAN in de regio"),
    ("werk-jobbeurzen", "Voorbereiding jobbeurs voor ontheemden"),
    ("subsidies-collectieve-opvang", "Subsidieaanvraag nieuwe locatie"),
    ("opvang-einde-gastgezin", "Gastgezin stopt: opvolging"),
    (None, "Algemene opvolging"),
    (None, "Terugbelverzoek"),
    ("opvang-toewijzing-fedasil", "Toewijzing door FEDASIL bevestigd"),
    ("welzijn-psychosociale-ondersteuning", "Doorverwijzing psychosociale ondersteuning"),
)

CONTACT_NOTES: tuple[str, ...] = (
    "Afgesproken om volgende week opnieuw contact op te nemen.",
    "Info doorgestuurd per mail.",
    "Vraag doorgegeven aan het centrale team.",
    "Gemeente bekijkt intern en laat iets weten.",
    "Nieuwe coördinator; contactgegevens aangepast.",
)

MEETING_TITLES: dict[str, str] = {
    "teamoverleg": "Overleg centraal team en regioteams",
    "sectorcoordinatoren": "Overleg sectorcoördinatoren",
    "herhuisvesting": "Overleg herhuisvesting",
    "kwetsbare_profielen": "Overleg kwetsbare profielen",
    "fedasil_plaatsen": "Overleg FEDASIL-plaatsen",
    "gouverneurs": "Overleg met de gouverneurs",
    "centrumsteden": "Overleg centrumsteden",
}

MEETING_ITEMS: dict[str, tuple[str, ...]] = {
    "teamoverleg": (
        "Rondvraag regioteams",
        "Stand van zaken prospecties",
        "Generieke vragen van de week",
        "Planning plaatsbezoeken",
        "Cijfers bezetting per regio",
        "Inhoud VLOT-flits",
    ),
    "sectorcoordinatoren": (
        "Werk: jobbeurzen en VDAB-trajecten",
        "Onderwijs: capaciteit OKAN",
        "Welzijn: psychosociale ondersteuning",
        "Zorg: toegang tot huisartsen",
        "Wonen: sociaal tarief en huurwaarborg",
    ),
    "herhuisvesting": (
        "Nieuwe meldingen einde gastgezin",
        "Overzicht dossiers met deadline deze week",
        "Vrije plaatsen per arrondissement",
    ),
    "kwetsbare_profielen": (
        "Nieuwe aanmeldingen kwetsbare profielen",
        "Aangepaste plaatsen beschikbaar",
        "Samenwerking met woonzorgcentra",
    ),
    "fedasil_plaatsen": (
        "Aanbod van de week aan FEDASIL",
        "Toewijzingen van FEDASIL",
        "Weigeringen en no-shows",
    ),
    "gouverneurs": (
        "Spreiding van de opvangcapaciteit over de provincies",
        "Noodopvang: stand van zaken",
        "Signalen uit de lokale besturen",
    ),
    "centrumsteden": (
        "Druk op de centrumsteden",
        "Doorstroom naar de private huurmarkt",
        "Uitwisseling van goede praktijken",
    ),
}

MEETING_DECISIONS: tuple[str, ...] = (
    "Regioteam volgt op en koppelt volgende week terug.",
    "Centraal team bezorgt een nota aan het beleidsveld.",
    "Opnemen in de volgende VLOT-flits.",
    "Agenderen op het overleg met de gouverneurs.",
    "Geen actie nodig.",
)

MEETING_ACTIONS: dict[str, tuple[str, ...]] = {
    "teamoverleg": (
        "Cijfers vrije plaatsen per regio bijwerken",
        "Terugkoppelen aan de gemeentelijke coördinatoren",
        "Openstaande vragen opvolgen bij het beleidsveld",
        "Prospectieverslagen afwerken",
    ),
    "sectorcoordinatoren": (
        "Antwoord van het beleidsveld opvragen",
        "FAQ aanvullen in de Kennisbank",
        "Sectoroverleg voorbereiden met de thema's van de week",
    ),
    "herhuisvesting": (
        "Eigenaar contacteren over de verlenging",
        "Gemeente vragen naar een alternatief",
        "Gastgezin opbellen over de planning",
    ),
    "kwetsbare_profielen": (
        "Aangepaste plaats zoeken met het OCMW",
        "Zorgpartner contacteren",
        "Dossier bespreken met de regiocoördinator",
    ),
    "fedasil_plaatsen": (
        "Aanbod doorgeven aan FEDASIL",
        "Bezetting nakijken met de gemeente",
        "Stopzetting melden aan FEDASIL",
    ),
    "gouverneurs": (
        "Nota over de capaciteit per provincie bezorgen",
        "Contact opnemen met de diensten van de gouverneur",
    ),
    "centrumsteden": (
        "Afspraak maken met de centrumsteden over de instroom",
        "Cijfers per centrumstad bezorgen",
    ),
}

MEETING_NOTES: tuple[str, ...] = (
    "Verslag rondgestuurd.",
    "Korte vergadering, enkel de vaste punten.",
    "Online via videogesprek.",
    "In het Herman Teirlinckgebouw.",
)

NEWSLETTER_NOTICES: tuple[tuple[str, str], ...] = (
    (
        "Herinnering: huisvestingstool actualiseren",
        "Vergeet niet de vrije en bezette plaatsen wekelijks bij te werken in de Vlaamse "
        "huisvestingstool; de cijfers worden gebruikt voor de spreiding.",
    ),
    (
        "Nieuwe richtlijnen voor de afrekening van de subsidies",
        "De richtlijnen voor de afrekening werden verduidelijkt. Het nieuwe sjabloon staat in de "
        "helpdesk.",
    ),
    (
        "Jobbeurs voor ontheemden",
        "VDAB organiseert samen met de regioteams een jobbeurs voor ontheemden. Gemeenten kunnen "
        "werkzoekenden aanmelden via hun regioteam.",
    ),
    (
        "Webinar voor gemeentelijke coördinatoren",
        "Het centrale team organiseert een webinar over herhuisvesting en de samenwerking met "
        "FEDASIL. Inschrijven via de helpdesk.",
    ),
    (
        "Goede praktijk: intergemeentelijke opvang",
        "Drie buurgemeenten delen een collectieve opvanglocatie en de kosten ervan. Het kader "
        "voor intergemeentelijke samenwerking staat in de helpdesk.",
    ),
    (
        "Verlenging van de tijdelijke bescherming",
        "De Europese tijdelijke bescherming werd verlengd. Bestaande verblijfsdocumenten worden "
        "door de gemeenten verlengd volgens de richtlijnen van de Dienst Vreemdelingenzaken.",
    ),
    (
        "Vaccinatiecampagne voor kinderen",
        "Kind en Gezin biedt inhaalvaccinaties aan voor kinderen uit Oekraïne. Informatie in het "
        "Oekraïens is beschikbaar.",
    ),
    (
        "Sociaal tarief voor water",
        "Ontheemden met een (equivalent) leefloon hebben recht op het sociaal tarief voor water. "
        "De aanvraag gebeurt automatisch na de inschrijving.",
    ),
)

NEWSLETTER_INTROS: tuple[str, ...] = (
    "Beste gemeentelijke coördinator, in deze VLOT-flits vindt u de antwoorden van de week en "
    "enkele aandachtspunten.",
    "Beste collega's van de lokale besturen, hieronder de nieuwste antwoorden uit de helpdesk.",
    "Welkom bij een nieuwe VLOT-flits met praktische informatie over de opvang.",
)

LOCATION_NAMES: dict[str, tuple[str, ...]] = {
    "collectieve_opvang": (
        "Collectieve opvang {place}",
        "Voormalig klooster Sint-{saint}",
        "Voormalig rusthuis {place}",
        "Opvangcentrum {place}",
        "Internaat Sint-{saint}",
        "Vakantiecentrum {place}",
        "Oud schoolgebouw {street}",
        "Jeugdverblijf {place}",
    ),
    "modulaire_unit": (
        "Modulaire units {place}",
        "Containerdorp {street}",
        "Modulair wonen {place}",
        "Modulaire woningen sportsite {place}",
    ),
    "individuele_woning": ("Woning {street} {number}", "Opvangwoning {street} {number}"),
    "gastgezin": ("Gastgezin {street}",),
    "noodopvang": (
        "Noodopvang sporthal {place}",
        "Noodopvang {place}",
        "Noodopvang jeugdherberg {place}",
    ),
    "andere": ("Studio's {street}", "Appartementen {place}", "Sociale woningen {street}"),
}

LOCATION_NOTES: tuple[str, ...] = (
    "Sleutel bij de gemeentelijke coördinator.",
    "Huisdieren toegelaten na overleg.",
    "Beheer door het OCMW.",
    "Beheer door een lokale vzw.",
    "Gedeelde keuken per verdieping.",
    "Fietsen ter beschikking van de bewoners.",
)

CAPACITY_REASONS_UP: tuple[str, ...] = (
    "Uitbreiding na renovatie van de tweede verdieping.",
    "Bijkomende units geplaatst.",
    "Extra kamers in gebruik genomen na brandweeradvies.",
)

CAPACITY_REASONS_DOWN: tuple[str, ...] = (
    "Afbouw: vleugel terug ter beschikking van de eigenaar.",
    "Afbouw na beslissing van het college.",
    "Minder plaatsen na herinrichting tot gezinskamers.",
)

LOCATION_STATUS_REMARKS: dict[str, tuple[str, ...]] = {
    "prospect": ("Aangebracht door de eigenaar.", "Na prospectie door VLOT."),
    "in_voorbereiding": ("Akkoord van het college.", "Werken gestart."),
    "operationeel": ("Eerste bewoners ingetrokken.", "Opgenomen in de huisvestingstool."),
    "afgebouwd": ("Afbouw beslist door het lokaal bestuur.",),
    "gesloten": ("Laatste bewoners herhuisvest.", "Overeenkomst met de eigenaar beëindigd."),
}
