"""Dutch texts for demo cases: summaries, outcomes, timeline notes, medical notes."""

from __future__ import annotations

# {household} e.g. "een moeder met twee kinderen"; {gemeente} the municipality name.
SUMMARIES: dict[str, tuple[str, ...]] = {
    "herhuisvesting": (
        "Het gastgezin stopt de opvang; {household} zoekt een woning in of rond {gemeente}.",
        "Het contract van de noodwoning loopt af; {household} heeft ondersteuning nodig bij het "
        "zoeken naar een betaalbare huurwoning.",
        "Spanningen met het gastgezin; dringende herhuisvesting nodig voor {household}.",
        "De collectieve opvang in {gemeente} wordt afgebouwd; {household} moet verhuizen.",
        "De eigenaar heeft de woning verkocht; {household} moet tegen de deadline vertrekken.",
        "{household} woont te krap bij familie; de gemeente vraagt een structurele oplossing.",
    ),
    "kwetsbaar_profiel": (
        "{household}, met beperkte mobiliteit; zoekt een gelijkvloerse plaats dicht bij "
        "zorgvoorzieningen in de regio {gemeente}.",
        "{household}, een van de kinderen heeft een beperking; aangepaste woning nodig.",
        "{household}; zwangerschap in het laatste trimester, rustige opvang dicht bij een "
        "ziekenhuis gevraagd.",
        "{household}; ernstige psychische klachten na oorlogstrauma, begeleiding via het CGG "
        "loopt.",
        "{household}; nood aan opvang met dagelijkse thuisverpleging.",
    ),
    "fedasil_instroom": (
        "FEDASIL vraagt opvang voor {household}, ingeschreven via het aanmeldcentrum.",
        "Nieuwe aankomst via FEDASIL: {household}; toewijzing aan {gemeente} gevraagd.",
        "FEDASIL zoekt een plaats voor {household} na een verblijf in een opvangcentrum.",
    ),
}

OUTCOMES: dict[str, tuple[str, ...]] = {
    "oplossing_gevonden": (
        "Woning gevonden op de private huurmarkt; huurwaarborg via het OCMW.",
        "Nieuw gastgezin gevonden in de gemeente.",
        "Sociale woning toegewezen via de woonmaatschappij.",
        "Opvang gevonden bij familie in een andere gemeente.",
    ),
    "oplossing_gevonden_place": ("Toegewezen aan een opvangplaats in {location}.",),
    "doorverwezen": (
        "Doorverwezen naar het OCMW voor verdere begeleiding.",
        "Doorverwezen naar FEDASIL (federaal opvangnetwerk).",
        "Doorverwezen naar de diensten van de gouverneur wegens tekort aan plaatsen.",
        "Doorverwezen naar een woonzorgcentrum in de regio.",
    ),
    "afgesloten": (
        "Het gezin is teruggekeerd naar Oekraïne.",
        "Het gezin vond zelf een oplossing; dossier afgesloten.",
        "Geen contact meer mogelijk; dossier afgesloten na drie pogingen.",
        "Verhuisd naar een andere regio; dossier overgedragen.",
    ),
}

OPENING_NOTES: tuple[str, ...] = (
    "Dossier aangemaakt na melding door de gemeentelijke coördinator.",
    "Dossier aangemaakt na telefoon van het OCMW.",
    "Dossier aangemaakt op vraag van het centrale team.",
    "Dossier aangemaakt na e-mail van het lokaal bestuur.",
)

CONTACT_NOTES: tuple[str, ...] = (
    "Telefonisch contact met de gemeentelijke coördinator van {gemeente}.",
    "Mail aan het OCMW over de huurwaarborg.",
    "Huisbezoek samen met de maatschappelijk werker.",
    "Gesprek met het gezin via een tolk Oekraïens.",
    "Overleg met het gastgezin over de einddatum.",
    "Vrije plaatsen in het arrondissement nagevraagd bij de buurgemeenten.",
)

NOTES: tuple[str, ...] = (
    "Documenten (attest tijdelijke bescherming, A-kaart) opgevraagd.",
    "Besproken op het wekelijks overleg herhuisvesting.",
    "Gezin staat open voor een plaats in een buurgemeente.",
    "Kinderen zijn ingeschreven in de school; voorkeur voor een plaats in de buurt.",
    "Wacht op antwoord van de woonmaatschappij.",
    "Bezoek aan een mogelijke woning gepland.",
)

ASSIGNMENT_NOTE = "Plaats {label} in {location} toegewezen."

MEDICAL_NOTES: tuple[str, ...] = (
    "Diabetes type 2, insulineafhankelijk; regelmatige opvolging door de huisarts nodig.",
    "Hartproblemen; geen trappen, dichtbij ziekenhuis gewenst.",
    "Rolstoelgebruiker na een ongeval; aangepaste badkamer nodig.",
    "Zwanger, uitgerekend over zes weken.",
    "Epilepsie; medicatie wordt via het OCMW terugbetaald.",
    "Posttraumatische stressklachten; opvolging door het CGG.",
    "Chronische nierziekte; driemaal per week dialyse.",
)
