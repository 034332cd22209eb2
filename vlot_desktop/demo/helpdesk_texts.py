"""Dutch texts for demo helpdesk questions: subjects per theme, context, answers per domain.

Subjects are phrased as the generic question (they double as the published title); the
question text adds who asked and the local situation. A theme without subjects here (a theme
added to ``themes.json`` later) falls back to "Vraag over <theme name>".
"""

from __future__ import annotations

QUESTION_SUBJECTS: dict[str, tuple[str, ...]] = {
    "opvang-opvangmogelijkheden": (
        "Welke opvangvormen komen in aanmerking voor een gezin met vier kinderen?",
        "Mag een ontheemde tijdelijk bij familie in een andere gemeente verblijven?",
        "Kan een leegstaande sociale woning als opvangplaats ingezet worden?",
    ),
    "opvang-huisvestingstool": (
        "Hoe registreren we een vrijgekomen plaats in de Vlaamse huisvestingstool?",
        "Waarom verschijnt onze collectieve opvang niet meer in de huisvestingstool?",
        "Wie in onze gemeente kan een account voor de huisvestingstool krijgen?",
        "Hoe passen we de capaciteit van een locatie aan in de huisvestingstool?",
    ),
    "opvang-collectieve-opvang": (
        "Welke minimumnormen gelden voor collectieve opvang?",
        "Hoeveel bewoners per douche zijn aanvaardbaar in een collectieve opvang?",
        "Mag een collectieve opvang ook alleenstaande mannen opvangen?",
    ),
    "opvang-gastgezinnen": (
        "Welke afspraken maken we best schriftelijk met een gastgezin?",
        "Moet een gastgezin zelf de verzekering brandaanvaarding aanpassen?",
        "Hoe begeleiden we gastgezinnen die overbelast raken?",
    ),
    "opvang-einde-gastgezin": (
        "Wat als een gastgezin de opvang met een week opzeg stopzet?",
        "Wie is verantwoordelijk voor herhuisvesting na het einde van een gastgezin?",
    ),
    "opvang-herhuisvesting": (
        "Hoe vragen we ondersteuning van VLOT bij een moeilijke herhuisvesting?",
        "Mag een gezin herhuisvest worden naar een opvangplaats in een buurgemeente?",
        "Welke termijn geldt voor een herhuisvesting na een conflict met het gastgezin?",
        "Kan de gemeente een huurwaarborg voorschieten bij herhuisvesting?",
    ),
    "opvang-noodopvang": (
        "Hoe lang mag een gezin in noodopvang verblijven?",
        "Welke kosten van noodopvang worden gesubsidieerd?",
    ),
    "opvang-doorstroom": (
        "Hoe begeleiden we bewoners van collectieve opvang naar de private huurmarkt?",
        "Welke ondersteuning bestaat er voor doorstroom naar een sociale woning?",
    ),
    "opvang-aanbod-fedasil": (
        "Hoe bieden we vrije plaatsen aan FEDASIL aan?",
        "Hoe lang blijft een plaats aangeboden aan FEDASIL gereserveerd?",
        "Kunnen we aangeboden FEDASIL-plaatsen terug intrekken?",
    ),
    "opvang-toewijzing-fedasil": (
        "Wanneer laat FEDASIL weten wie aan onze plaatsen wordt toegewezen?",
        "Wat als een toegewezen gezin niet komt opdagen?",
    ),
    "opvang-kwetsbare-profielen": (
        "Waar kunnen we terecht voor opvang van een oudere persoon met zorgnood?",
        "Welke opvang is er voor een gezin met een kind met een beperking?",
        "Hoe melden we een kwetsbaar profiel aan bij VLOT?",
    ),
    "opvang-nbmv": (
        "Wat doen we als een niet-begeleide minderjarige zich aanmeldt?",
        "Wie wordt voogd van een niet-begeleide minderjarige uit Oekraïne?",
    ),
    "opvang-intergemeentelijke-samenwerking": (
        "Hoe verdelen we de kosten van een gedeelde opvanglocatie tussen gemeenten?",
        "Bestaat er een modelovereenkomst voor intergemeentelijke opvang?",
    ),
    "opvang-prospectie": (
        "Kan VLOT mee op plaatsbezoek bij een mogelijk opvanggebouw?",
        "Welke punten bekijken we tijdens een prospectie van een leegstaand klooster?",
    ),
    "opvang-bezetting": (
        "Hoe vaak moeten we de bezetting van onze locaties actualiseren?",
        "Telt een tijdelijk afwezige bewoner nog mee in de bezetting?",
    ),
    "juridisch-regeling-opvang": (
        "Op welke regelgeving steunt de Vlaamse opvang van ontheemden?",
        "Is een gebruiksovereenkomst met de bewoners verplicht?",
    ),
    "juridisch-tijdelijke-bescherming": (
        "Hoe lang blijft de tijdelijke bescherming geldig?",
        "Wat als de A-kaart van een ontheemde vervallen is?",
        "Kan iemand met tijdelijke bescherming nog asiel aanvragen?",
    ),
    "juridisch-vreemdelingenregister": (
        "Binnen welke termijn moet een ontheemde zich inschrijven in het vreemdelingenregister?",
        "Welke documenten zijn nodig voor de inschrijving in het vreemdelingenregister?",
    ),
    "juridisch-referentieadres": (
        "Kan een ontheemde een referentieadres bij het OCMW krijgen?",
        "Wat zijn de voorwaarden voor een referentieadres bij een gastgezin?",
    ),
    "juridisch-verhuis-gemeenten": (
        "Welke gemeente is bevoegd na een verhuis van een ontheemd gezin?",
        "Hoe dragen we een dossier over naar de nieuwe woonplaats?",
    ),
    "juridisch-gezinshereniging": (
        "Kan de echtgenoot van een ontheemde vrouw naar België overkomen?",
        "Hoe verloopt gezinshereniging met een meerderjarig kind?",
    ),
    "juridisch-reizen-oekraine": (
        "Verliest een ontheemde de bescherming bij een kort bezoek aan Oekraïne?",
        "Wat bij definitieve terugkeer naar Oekraïne: welke stappen voor de gemeente?",
    ),
    "subsidies-collectieve-opvang": (
        "Welke kosten komen in aanmerking voor de subsidie collectieve opvang?",
        "Hoe vragen we de subsidie voor een nieuwe collectieve opvanglocatie aan?",
    ),
    "subsidies-afrekening": (
        "Tegen wanneer moeten we de afrekening van de subsidies indienen?",
        "Welke bewijsstukken zijn nodig bij de afrekening van de opvangsubsidie?",
        "Hoe rekenen we plaatsen af die een deel van de maand leeg stonden?",
    ),
    "subsidies-personeelsinzet": (
        "Kunnen we de loonkost van de gemeentelijke coördinator inbrengen?",
        "Is er financiering voor extra maatschappelijk werkers in het OCMW?",
    ),
    "subsidies-financiele-zekerheid": (
        "Hoe lang loopt de financiering van de opvangplaatsen nog?",
        "Wat gebeurt er met onze investeringen als de opvang afgebouwd wordt?",
    ),
    "subsidies-equivalent-leefloon": (
        "Vanaf wanneer heeft een ontheemde recht op een equivalent leefloon?",
        "Wordt het equivalent leefloon verminderd bij opvang in een gastgezin?",
    ),
    "subsidies-fiscale-gevolgen-gastgezinnen": (
        "Verliest een gastgezin fiscale voordelen door de opvang van ontheemden?",
        "Telt een vergoeding van de ontheemde mee als inkomen van het gastgezin?",
    ),
    "subsidies-vergoeding-gastgezinnen": (
        "Mag een gastgezin een bijdrage vragen voor energie en water?",
        "Welke vergoeding is gebruikelijk voor een gastgezin?",
    ),
    "subsidies-groeipakket": (
        "Hebben kinderen met tijdelijke bescherming recht op het Groeipakket?",
        "Bij welke uitbetaler vraagt een ontheemd gezin het Groeipakket aan?",
    ),
    "werk-toegang-arbeidsmarkt": (
        "Mag een ontheemde met tijdelijke bescherming meteen werken?",
        "Heeft een werkgever een arbeidskaart nodig voor een Oekraïense werknemer?",
    ),
    "werk-vdab-begeleiding": (
        "Hoe schrijven we ontheemden in als werkzoekende bij VDAB?",
        "Biedt VDAB begeleiding in het Oekraïens of Russisch aan?",
    ),
    "werk-jobbeurzen": (
        "Hoe organiseren we een jobbeurs voor ontheemden in onze regio?",
        "Welke werkgevers nemen deel aan de jobbeurs voor ontheemden?",
    ),
    "werk-erkenning-diplomas": (
        "Hoe laat een Oekraïense verpleegkundige haar diploma erkennen?",
        "Wat kost de erkenning van een buitenlands diploma via NARIC?",
    ),
    "werk-activering-ontheemden": (
        "Welke activeringstrajecten zijn er voor ontheemden met een leefloon?",
        "Kan een ontheemde een geïndividualiseerd project voor maatschappelijke integratie volgen?",
    ),
    "werk-vrijwilligerswerk": (
        "Mogen ontheemden vrijwilligerswerk doen met behoud van hun uitkering?",
        "Zijn vrijwilligers die ontheemden helpen verzekerd?",
    ),
    "onderwijs-okan": (
        "Hoe vinden we een OKAN-school met vrije plaatsen in de buurt?",
        "Hoe lang volgt een leerling onthaalonderwijs voor anderstalige nieuwkomers?",
    ),
    "onderwijs-inschrijving-school": (
        "Kan een Oekraïens kind midden in het schooljaar instappen?",
        "Is een kind van vijf jaar met tijdelijke bescherming leerplichtig?",
    ),
    "onderwijs-kinderopvang": (
        "Hebben ontheemde gezinnen voorrang in de kinderopvang?",
        "Hoe wordt de inkomenstarief kinderopvang berekend zonder inkomen?",
    ),
    "onderwijs-hoger-onderwijs": (
        "Hoe kan een Oekraïense student instromen in het hoger onderwijs?",
        "Betalen ontheemde studenten het verminderde inschrijvingsgeld?",
    ),
    "onderwijs-nederlands-nt2": (
        "Waar kunnen volwassen ontheemden Nederlandse les volgen?",
        "Is er kinderopvang tijdens de lessen Nederlands als tweede taal?",
    ),
    "onderwijs-oekraiens-afstandsonderwijs": (
        "Mogen kinderen naast de Belgische school Oekraïens afstandsonderwijs volgen?",
        "Voldoet Oekraïens afstandsonderwijs aan de leerplicht?",
    ),
    "welzijn-ziekteverzekering": (
        "Hoe sluit een ontheemde aan bij een ziekenfonds?",
        "Wie betaalt medische kosten vóór de aansluiting bij het ziekenfonds?",
    ),
    "welzijn-huisarts-ziekenhuis": (
        "Hoe vinden ontheemden een huisarts die nog patiënten aanneemt?",
        "Is er een tolk beschikbaar bij een ziekenhuisopname?",
    ),
    "welzijn-vaccinaties": (
        "Welke vaccinaties worden aangeraden voor kinderen uit Oekraïne?",
        "Waar kunnen ontheemden terecht voor een inhaalvaccinatie?",
    ),
    "welzijn-psychosociale-ondersteuning": (
        "Waar kunnen getraumatiseerde ontheemden psychosociale hulp krijgen?",
        "Bestaan er lotgenotengroepen in het Oekraïens?",
    ),
    "welzijn-geestelijke-gezondheidszorg": (
        "Hoe verwijzen we door naar een centrum voor geestelijke gezondheidszorg?",
        "Zijn er therapeuten die Oekraïens of Russisch spreken?",
    ),
    "welzijn-personen-met-handicap": (
        "Kan een ontheemde met een handicap een persoonsvolgend budget aanvragen?",
        "Waar vinden we aangepaste opvang voor een rolstoelgebruiker?",
    ),
    "welzijn-ouderen": (
        "Kan een oudere ontheemde in een woonzorgcentrum opgenomen worden?",
        "Wie betaalt de dagprijs van een woonzorgcentrum voor een ontheemde?",
    ),
    "welzijn-kinderen-jongeren": (
        "Welke vrijetijdsaanbod bestaat er voor Oekraïense jongeren?",
        "Hoe ondersteunen we jongeren die alleen bij een grootouder wonen?",
    ),
    "wonen-sociaal-tarief-energie": (
        "Heeft een ontheemde met een leefloon recht op het sociaal tarief voor energie?",
        "Krijgt een gastgezin het sociaal tarief voor energie?",
    ),
    "wonen-sociaal-tarief-water": (
        "Hoe vraagt een ontheemd gezin het sociaal tarief voor water aan?",
        "Geldt het sociaal tarief voor water ook in collectieve opvang?",
    ),
    "wonen-nutsvoorzieningen-opvanglocaties": (
        "Op wiens naam staan de energiecontracten van een opvangwoning?",
        "Hoe verrekenen we de energiekosten per bewoner in collectieve opvang?",
    ),
    "wonen-woningkwaliteit": (
        "Moet een opvangwoning een conformiteitsattest hebben?",
        "Wat doen we bij vochtproblemen in een opvangwoning?",
    ),
    "wonen-sociale-huisvesting": (
        "Kan een ontheemde zich inschrijven voor een sociale woning?",
        "Telt de tijdelijke bescherming mee voor de lokale binding bij sociale huur?",
    ),
    "wonen-private-huurmarkt": (
        "Hoe helpen we ontheemden aan een huurwaarborg?",
        "Kan het OCMW borg staan voor een huurcontract van een ontheemde?",
    ),
    "mobiliteit-rijbewijzen": (
        "Kan een Oekraïens rijbewijs omgewisseld worden voor een Belgisch rijbewijs?",
        "Hoe lang mag een ontheemde met het Oekraïense rijbewijs blijven rijden?",
    ),
    "mobiliteit-openbaar-vervoer": (
        "Hebben ontheemden recht op een verminderd tarief bij De Lijn?",
        "Hoe geraken bewoners van een afgelegen opvanglocatie naar school?",
    ),
    "mobiliteit-inschrijving-voertuigen": (
        "Moet een auto met Oekraïense nummerplaat ingeschreven worden in België?",
        "Hoe lang mag een voertuig met Oekraïense nummerplaat hier rijden?",
    ),
    "mobiliteit-verzekering-voertuigen": (
        "Is een Oekraïense autoverzekering geldig in België?",
        "Waar sluit een ontheemde een autoverzekering af?",
    ),
    "communicatie-vlot-flits": (
        "Hoe schrijven nieuwe medewerkers zich in op de VLOT-flits?",
        "Kunnen we een goede praktijk aanbrengen voor de VLOT-flits?",
    ),
    "communicatie-informatie-veldwerkers": (
        "Is er een overzicht in het Oekraïens van de eerste administratieve stappen?",
        "Waar vinden veldwerkers de meest recente richtlijnen?",
    ),
    "communicatie-solidariteit-lokale-besturen": (
        "Hoe wordt de spreiding van opvangplaatsen over de gemeenten bewaakt?",
        "Kan een gemeente die veel opvangt steun vragen aan de buurgemeenten?",
    ),
    "communicatie-samenwerking-gouverneur": (
        "Welke rol speelt de gouverneur bij een tekort aan opvangplaatsen?",
        "Wie is het aanspreekpunt bij de diensten van de gouverneur?",
    ),
    "communicatie-samenwerking-centrumsteden": (
        "Hoe stemmen de centrumsteden de opvang onderling af?",
        "Kan onze centrumstad deelnemen aan het overleg centrumsteden?",
    ),
    "communicatie-goede-praktijken": (
        "Zijn er voorbeelden van geslaagde buddywerking voor ontheemden?",
        "Welke gemeenten hebben ervaring met modulaire opvang?",
    ),
    "communicatie-vragen-burgers-vrijwilligers": (
        "Hoe gaan we om met burgers die een woning willen aanbieden?",
        "Waar kunnen vrijwilligers terecht met vragen over ontheemden?",
    ),
    "communicatie-data-rapportering": (
        "Kunnen we cijfers krijgen over de bezetting in onze regio?",
        "Hoe vaak worden de opvangcijfers per gemeente gepubliceerd?",
    ),
}

ASKER_ROLES: tuple[str, ...] = (
    "de gemeentelijke coördinator",
    "een maatschappelijk werker van het OCMW",
    "de dienst burgerzaken",
    "de huisvestingsambtenaar",
    "de algemeen directeur",
    "een medewerker van het sociaal huis",
    "de integratieambtenaar",
    "een vrijwilliger van het lokale steunpunt",
)

QUESTION_CONTEXTS: tuple[str, ...] = (
    "{asker} van {gemeente} vraagt: {subject}",
    "Vraag van {asker} ({gemeente}). {subject} Ze willen dit graag bekijken vóór het "
    "volgende overleg.",
    "{gemeente} ({asker}) meldt een concrete situatie en vraagt: {subject}",
    "Per e-mail van {asker} van {gemeente}: {subject} Er is enige dringendheid.",
    "{subject} De vraag komt van {asker} van {gemeente}, naar aanleiding van een gezin in opvang.",
)

# Answers per policy domain; {theme} is the theme name in lower case.
ANSWERS: dict[str, tuple[str, ...]] = {
    "opvang-huisvesting": (
        "Afgestemd met het centrale team: de richtlijn over {theme} blijft van toepassing. "
        "Registreer de wijziging in de huisvestingstool en neem contact op met het regioteam "
        "als er geen oplossing binnen de gemeente is.",
        "Voor {theme} kijkt het regioteam eerst naar vrije plaatsen in hetzelfde "
        "arrondissement. Bezorg ons de samenstelling van het gezin en de gewenste termijn.",
    ),
    "juridisch-verblijf": (
        "Volgens de geldende regelgeving over {theme}: het attest tijdelijke bescherming blijft "
        "het uitgangspunt. Burgerzaken kan de precieze stappen bevestigen; zie ook de helpdesk.",
        "Het antwoord over {theme} werd afgestemd met de Dienst Vreemdelingenzaken. De "
        "gemeente volgt de gewone procedure; een uitzondering is niet nodig.",
    ),
    "subsidies-financien": (
        "Voor {theme}: de voorwaarden staan in het subsidiebesluit. Bewaar de facturen per "
        "locatie en gebruik het sjabloon voor de afrekening.",
        "Afgestemd met Agentschap Binnenlands Bestuur: {theme} wordt per kwartaal verrekend. "
        "Bij twijfel bezorgt u de stukken aan het regioteam.",
    ),
    "werk-activering": (
        "Over {theme}: VDAB heeft een aanspreekpunt per regio. Het regioteam bezorgt de "
        "contactgegevens en kan een eerste overleg mee organiseren.",
        "Doorverwezen naar het beleidsveld Werk. Antwoord: {theme} is mogelijk zonder "
        "bijkomende vergunning; de gewone arbeidsrechtelijke regels gelden.",
    ),
    "onderwijs": (
        "Het departement Onderwijs bevestigt voor {theme}: de gewone regels gelden. Het CLB en "
        "de school kunnen het gezin verder begeleiden.",
        "Over {theme}: neem contact op met het lokaal overleg onderwijs; zij kennen de vrije "
        "plaatsen in de regio.",
    ),
    "welzijn-zorg": (
        "Afgestemd met het departement Zorg: voor {theme} kan het gezin terecht bij het "
        "ziekenfonds en de huisarts. Tolken kunnen via het sociaal tolkendienst aangevraagd "
        "worden.",
        "Over {theme}: het OCMW kan de kosten voorschieten; de aanvraag loopt via de "
        "maatschappelijk werker.",
    ),
    "energie-water-wonen": (
        "Voor {theme}: het recht volgt uit het leefloon of equivalent leefloon. De leverancier "
        "past het automatisch toe na de inschrijving.",
        "Afgestemd met Wonen in Vlaanderen over {theme}: de gewone regels gelden, met een "
        "overgangsperiode voor lopende contracten.",
    ),
    "mobiliteit": (
        "Over {theme}: de FOD Mobiliteit heeft een overzicht gepubliceerd; we nemen het op in "
        "de volgende VLOT-flits.",
    ),
    "communicatie-samenwerking": (
        "Bedankt voor de vraag over {theme}. Het centrale team neemt het op in het volgende "
        "overleg en koppelt terug via de VLOT-flits.",
    ),
}

DEFAULT_ANSWER = (
    "Het centrale team heeft de vraag over {theme} afgestemd met het bevoegde beleidsveld. "
    "Het antwoord werd per e-mail bezorgd."
)

# The answer a policy domain sends back to the central team; {theme} as above.
SECTOR_ANSWERS: dict[str, tuple[str, ...]] = {
    "juridisch-verblijf": (
        "Voor {theme} volgt de gemeente de gewone procedure van de Dienst Vreemdelingenzaken; "
        "een omzendbrief is in voorbereiding.",
        "Bevestigd: {theme} verandert niets aan de tijdelijke bescherming. Burgerzaken kan "
        "het dossier zoals gewoonlijk behandelen.",
    ),
    "subsidies-financien": (
        "Het Agentschap Binnenlands Bestuur bevestigt: {theme} valt onder het subsidiebesluit. "
        "De kosten worden per kwartaal verrekend op basis van de bewijsstukken.",
        "Voor {theme} geldt de regeling van het lopende jaar; het sjabloon voor de afrekening "
        "staat op de website van het agentschap.",
    ),
    "werk-activering": (
        "VDAB antwoordt: {theme} kan zonder bijkomende vergunning. De regionale "
        "trajectbegeleider neemt contact op met het OCMW.",
    ),
    "onderwijs": (
        "Het departement Onderwijs antwoordt: voor {theme} gelden de gewone regels. De school "
        "en het CLB begeleiden het gezin; een inschrijving kan het hele jaar door.",
        "Voor {theme} verwijzen we naar het lokaal overleg onderwijs; daar zijn de vrije "
        "plaatsen in de regio bekend.",
    ),
    "welzijn-zorg": (
        "Het departement Zorg antwoordt: voor {theme} kan het gezin terecht bij het "
        "ziekenfonds; het OCMW kan de kosten intussen voorschieten.",
        "Voor {theme} is er een aanbod van de centra voor geestelijke gezondheidszorg; een "
        "tolk kan via de sociale tolkendienst.",
    ),
    "energie-water-wonen": (
        "Wonen in Vlaanderen antwoordt: {theme} volgt uit het (equivalent) leefloon; de "
        "leverancier past het tarief toe na de inschrijving.",
    ),
    "mobiliteit": (
        "De FOD Mobiliteit bevestigt de regels voor {theme}; de gemeente volgt de gewone "
        "procedure aan het loket.",
    ),
    "communicatie-samenwerking": (
        "Over {theme}: het onderwerp komt op het volgende overleg; we bezorgen het verslag "
        "aan de regioteams.",
    ),
}
DEFAULT_SECTOR_ANSWER = "Het beleidsdomein bevestigt de gewone regels voor {theme}."

# A new version of an article: the rule changed from a given day.
VERSION_NOTES: tuple[str, ...] = (
    "Sinds de nieuwe omzendbrief geldt een kortere termijn: vraag het binnen dertig dagen aan.",
    "Nieuw sinds dit jaar: de aanvraag verloopt volledig digitaal via het loket van de gemeente.",
    "Aangepast: de vergoeding wordt voortaan per maand berekend in plaats van per kwartaal.",
    "Let op: het formulier werd vernieuwd; gebruik enkel nog de nieuwe versie.",
)

# Good practices of municipalities: (title, text, theme).
GOOD_PRACTICES: tuple[tuple[str, str, str], ...] = (
    (
        "Buddywerking voor nieuwe gezinnen",
        "Vrijwilligers begeleiden een gezin de eerste drie maanden: administratie, school, "
        "vrije tijd. De gemeente zorgt voor een vormingsavond en een vast aanspreekpunt.",
        "communicatie-goede-praktijken",
    ),
    (
        "Gedeelde opvanglocatie met de buurgemeenten",
        "Drie gemeenten beheren samen een collectieve opvang; de kosten worden verdeeld naar "
        "rato van het aantal inwoners en besproken op een maandelijks overleg.",
        "opvang-intergemeentelijke-samenwerking",
    ),
    (
        "Jobbeurs in samenwerking met VDAB en lokale werkgevers",
        "Twee keer per jaar een jobbeurs met tolken, voorbereid met een workshop sollicitatie.",
        "werk-jobbeurzen",
    ),
    (
        "Onthaalmoment voor gastgezinnen",
        "Elk nieuw gastgezin krijgt een onthaalgesprek en een brochure met de afspraken over "
        "energie, verzekering en het einde van de opvang.",
        "opvang-gastgezinnen",
    ),
    (
        "Taalcafé in de bibliotheek",
        "Wekelijks oefenen volwassenen Nederlands met vrijwilligers, met kinderopvang ernaast.",
        "onderwijs-nederlands-nt2",
    ),
    (
        "Vaste zitdag van het ziekenfonds in de opvanglocatie",
        "Het ziekenfonds houdt elke maand een zitdag in de collectieve opvang; de aansluiting "
        "verloopt zo binnen de week.",
        "welzijn-ziekteverzekering",
    ),
)

# Frameworks (kader): (title, text, theme).
FRAMEWORKS: tuple[tuple[str, str, str], ...] = (
    (
        "Kader intergemeentelijke samenwerking bij opvang",
        "Het kader beschrijft hoe gemeenten samen een opvanglocatie inrichten: de overeenkomst, "
        "de verdeling van de kosten en de subsidies, het beheer en de opvolging.",
        "opvang-intergemeentelijke-samenwerking",
    ),
    (
        "Kader subsidies collectieve opvang",
        "Welke kosten in aanmerking komen, welke bewijsstukken nodig zijn en hoe de afrekening "
        "per kwartaal verloopt.",
        "subsidies-collectieve-opvang",
    ),
    (
        "Richtlijn einde verblijf bij een gastgezin",
        "De stappen wanneer een gastgezin de opvang stopzet: melding, zoektocht naar een "
        "nieuwe plaats, termijnen en de rol van het regioteam.",
        "opvang-einde-gastgezin",
    ),
)

FREE_ASKER_DOMAINS: tuple[str, ...] = ("telenet.be", "gmail.com", "skynet.be", "proximus.be")
