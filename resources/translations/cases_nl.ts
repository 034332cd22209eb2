<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
<context>
    <name>CaseDetailPane</name>
    <message>
        <source>Choose a case in the list to see and edit it.</source>
        <translation>Kies een dossier in de lijst om het te bekijken en te bewerken.</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acties</translation>
    </message>
    <message>
        <source>Actions for this case</source>
        <translation>Acties voor dit dossier</translation>
    </message>
    <message>
        <source>Changes are saved automatically.</source>
        <translation>Wijzigingen worden automatisch bewaard.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>Undo the last change of the details (Ctrl+Z)</source>
        <translation>De laatste wijziging van de gegevens ongedaan maken (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Gegevens</translation>
    </message>
    <message>
        <source>&amp;Household</source>
        <translation>Ge&amp;zin</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>T&amp;ijdlijn</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 persoon</translation>
    </message>
    <message>
        <source>%1 persons</source>
        <translation>%1 personen</translation>
    </message>
    <message>
        <source>The personal data of this case was erased on %1.</source>
        <translation>De persoonsgegevens van dit dossier zijn gewist op %1.</translation>
    </message>
    <message>
        <source>No deadline</source>
        <translation>Geen deadline</translation>
    </message>
    <message>
        <source>Deadline %1: overdue by 1 day</source>
        <translation>Deadline %1: 1 dag te laat</translation>
    </message>
    <message>
        <source>Deadline %1: overdue by %2 days</source>
        <translation>Deadline %1: %2 dagen te laat</translation>
    </message>
    <message>
        <source>Deadline %1: today</source>
        <translation>Deadline %1: vandaag</translation>
    </message>
    <message>
        <source>Deadline %1: in %2 days</source>
        <translation>Deadline %1: over %2 dagen</translation>
    </message>
    <message>
        <source>Deadline %1</source>
        <translation>Deadline %1</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>Name (Latin or Cyrillic) or reference, e.g. olen, Олена, HH-2026</source>
        <translation>Naam (Latijns of Cyrillisch) of referentie, bv. olen, Олена, HH-2026</translation>
    </message>
    <message>
        <source>Search a case by name or reference</source>
        <translation>Een dossier zoeken op naam of referentie</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>Filter by type</source>
        <translation>Filteren op type</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filteren op status</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <source>Filter by team</source>
        <translation>Filteren op team</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Gemeente:</translation>
    </message>
    <message>
        <source>Filter by municipality</source>
        <translation>Filteren op gemeente</translation>
    </message>
    <message>
        <source>Assigned to m&amp;e</source>
        <translation>Aan &amp;mij toegewezen</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>Alleen te &amp;laat</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle types</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Open dossiers</translation>
    </message>
    <message>
        <source>Closed cases</source>
        <translation>Afgesloten dossiers</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Alle dossiers</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle teams</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Alle gemeenten</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>The date a solution is needed by, e.g. when the host family stops</source>
        <translation>De datum waarop er een oplossing moet zijn, bijvoorbeeld wanneer het gastgezin stopt</translation>
    </message>
    <message>
        <source>What the household needs, what was agreed, what is next</source>
        <translation>Wat het gezin nodig heeft, wat er is afgesproken, wat de volgende stap is</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Opened on:</source>
        <translation>Geopend op:</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>&amp;Deadline</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <source>&amp;Municipality</source>
        <translation>&amp;Gemeente</translation>
    </message>
    <message>
        <source>&amp;Assigned to</source>
        <translation>Toeg&amp;ewezen aan</translation>
    </message>
    <message>
        <source>S&amp;ummary</source>
        <translation>Samen&amp;vatting</translation>
    </message>
    <message>
        <source>Assigned place:</source>
        <translation>Toegewezen plaats:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Uitkomst:</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>(niemand)</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>nog geen</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>Dit dossier bestaat niet meer.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <source>The household's contact person (Latin and Cyrillic)</source>
        <translation>De contactpersoon van het gezin (Latijns en Cyrillisch schrift)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>The date a solution is needed by; overdue cases are marked</source>
        <translation>De datum waarop er een oplossing moet zijn; dossiers die te laat zijn, worden gemarkeerd</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Toegewezen aan</translation>
    </message>
    <message>
        <source>Staff member handling it</source>
        <translation>De medewerker die het dossier behandelt</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>Grootte van het gezin</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (te laat)</translation>
    </message>
    <message>
        <source>%1 (soon)</source>
        <translation>%1 (binnenkort)</translation>
    </message>
    <message>
        <source>Overdue: the deadline has passed and the case is open</source>
        <translation>Te laat: de deadline is voorbij en het dossier is nog open</translation>
    </message>
    <message>
        <source>The deadline falls within a week</source>
        <translation>De deadline valt binnen een week</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Cases</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;Nieuw dossier…</translation>
    </message>
    <message>
        <source>Open a new case (Ctrl+N)</source>
        <translation>Een nieuw dossier openen (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Load more</source>
        <translation>&amp;Meer laden</translation>
    </message>
    <message>
        <source>Show the next 200 cases of the list</source>
        <translation>De volgende 200 dossiers van de lijst tonen</translation>
    </message>
    <message>
        <source>1 case</source>
        <translation>1 dossier</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 dossiers</translation>
    </message>
    <message>
        <source>%1 · %2 shown</source>
        <translation>%1 · %2 getoond</translation>
    </message>
    <message>
        <source>&amp;Find places</source>
        <translation>&amp;Plaatsen zoeken</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>Export the cases of the list to Excel or CSV (health needs only if chosen)</source>
        <translation>De dossiers van de lijst naar Excel of CSV exporteren (gezondheidsnoden alleen als je dat kiest)</translation>
    </message>
</context>
<context>
    <name>HouseholdModel</name>
    <message>
        <source>hidden</source>
        <translation>verborgen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>pets</source>
        <translation>huisdieren</translation>
    </message>
    <message>
        <source>school-age</source>
        <translation>schoolgaand</translation>
    </message>
    <message>
        <source>reduced mobility</source>
        <translation>beperkte mobiliteit</translation>
    </message>
    <message>
        <source>medical needs</source>
        <translation>medische noden</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Name in Latin letters, and in Cyrillic below it</source>
        <translation>Naam in Latijnse letters, met het Cyrillische schrift eronder</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Geboortejaar</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Relatie</translation>
    </message>
    <message>
        <source>Relation to the contact person</source>
        <translation>Relatie tot de contactpersoon</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Gezondheid</translation>
    </message>
    <message>
        <source>Sensitive: mobility and medical needs, shown only on request (recorded)</source>
        <translation>Gevoelig: mobiliteit en medische noden, alleen op verzoek getoond (geregistreerd)</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Noden</translation>
    </message>
    <message>
        <source>Needs that are not sensitive</source>
        <translation>Noden die niet gevoelig zijn</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
</context>
<context>
    <name>HouseholdPanel</name>
    <message>
        <source>Household members</source>
        <translation>Gezinsleden</translation>
    </message>
    <message>
        <source>&amp;Add member…</source>
        <translation>Gezinslid &amp;toevoegen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Show sensitive data</source>
        <translation>Gevoelige gegevens tonen</translation>
    </message>
    <message>
        <source>Shows the health fields; who looks at them, and when, is recorded</source>
        <translation>Toont de gezondheidsgegevens; wie ze bekijkt en wanneer, wordt geregistreerd</translation>
    </message>
    <message>
        <source>The health fields are shown; your viewing was recorded.</source>
        <translation>De gezondheidsgegevens worden getoond; uw inzage is geregistreerd.</translation>
    </message>
    <message>
        <source>Hide sensitive data</source>
        <translation>Gevoelige gegevens verbergen</translation>
    </message>
    <message>
        <source>Health fields are hidden. Showing them is recorded (who, when).</source>
        <translation>De gezondheidsgegevens zijn verborgen. Wie ze toont, wordt geregistreerd (wie, wanneer).</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>Dit dossier bestaat niet meer.</translation>
    </message>
    <message>
        <source>Remove household member</source>
        <translation>Gezinslid verwijderen</translation>
    </message>
    <message>
        <source>Remove %1 from the household? This cannot be undone.</source>
        <translation>%1 uit het gezin verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Household member</source>
        <translation>Gezinslid</translation>
    </message>
    <message>
        <source>New household member</source>
        <translation>Nieuw gezinslid</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Voornaam:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Achternaam:</translation>
    </message>
    <message>
        <source>First name (C&amp;yrillic):</source>
        <translation>Voornaam (C&amp;yrillisch):</translation>
    </message>
    <message>
        <source>Last name (Cy&amp;rillic):</source>
        <translation>Achternaam (Cy&amp;rillisch):</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>Geboorte&amp;jaar:</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>Ge&amp;slacht:</translation>
    </message>
    <message>
        <source>Relation to the &amp;contact person:</source>
        <translation>Relatie tot de &amp;contactpersoon:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefoon:</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>T&amp;aal:</translation>
    </message>
    <message>
        <source>optional, e.g. Олена</source>
        <translation>optioneel, bv. Олена</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optioneel</translation>
    </message>
    <message>
        <source>e.g. Ukrainian, Russian, English</source>
        <translation>bv. Oekraïens, Russisch, Engels</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(niet opgegeven)</translation>
    </message>
    <message>
        <source>Has &amp;pets</source>
        <translation>Heeft &amp;huisdieren</translation>
    </message>
    <message>
        <source>School-&amp;age child</source>
        <translation>&amp;Schoolgaand kind</translation>
    </message>
    <message>
        <source>Health (sensitive)</source>
        <translation>Gezondheid (gevoelig)</translation>
    </message>
    <message>
        <source>Reduced &amp;mobility (e.g. wheelchair)</source>
        <translation>Beperkte &amp;mobiliteit (bv. rolstoel)</translation>
    </message>
    <message>
        <source>Medical &amp;needs</source>
        <translation>Medische &amp;noden</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Medische notities</translation>
    </message>
    <message>
        <source>Only what the search for a place needs</source>
        <translation>Alleen wat nodig is om een passende plaats te vinden</translation>
    </message>
    <message>
        <source>Hidden. Choose “Show sensitive data” in the Household tab to see or change these fields; they are kept as they are.</source>
        <translation>Verborgen. Kies „Gevoelige gegevens tonen” op het tabblad Gezin om deze velden te zien of te wijzigen; ze blijven zoals ze zijn.</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>Nieuw dossier</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(kies)</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/jjjj</translation>
    </message>
    <message>
        <source>The date a solution is needed by, e.g. when the host family stops</source>
        <translation>De datum waarop er een oplossing moet zijn, bijvoorbeeld wanneer het gastgezin stopt</translation>
    </message>
    <message>
        <source>optional, e.g. Олена</source>
        <translation>optioneel, bv. Олена</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optioneel</translation>
    </message>
    <message>
        <source>Assign the case to &amp;me</source>
        <translation>Het dossier aan &amp;mij toewijzen</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Gemeente:</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Voornaam:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Achternaam:</translation>
    </message>
    <message>
        <source>First name (C&amp;yrillic):</source>
        <translation>Voornaam (C&amp;yrillisch):</translation>
    </message>
    <message>
        <source>Last name (Cy&amp;rillic):</source>
        <translation>Achternaam (Cy&amp;rillisch):</translation>
    </message>
    <message>
        <source>Contact person of the household</source>
        <translation>Contactpersoon van het gezin</translation>
    </message>
    <message>
        <source>&amp;Create case</source>
        <translation>Dossier &amp;aanmaken</translation>
    </message>
    <message>
        <source>The case starts as “new”, opened today.</source>
        <translation>Het dossier begint als „nieuw”, geopend vandaag.</translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Nieuwe status</translation>
    </message>
    <message>
        <source>Explanation of the status change</source>
        <translation>Toelichting bij de statuswijziging</translation>
    </message>
    <message>
        <source>Optional, goes on the timeline</source>
        <translation>Optioneel, komt op de tijdlijn</translation>
    </message>
    <message>
        <source>&amp;Change status</source>
        <translation>Status &amp;wijzigen</translation>
    </message>
    <message>
        <source>&amp;New status:</source>
        <translation>&amp;Nieuwe status:</translation>
    </message>
    <message>
        <source>E&amp;xplanation:</source>
        <translation>Toe&amp;lichting:</translation>
    </message>
    <message>
        <source>Current status:</source>
        <translation>Huidige status:</translation>
    </message>
    <message>
        <source>%1 (since %2)</source>
        <translation>%1 (sinds %2)</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>Dit dossier bestaat niet meer.</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>(unknown)</source>
        <translation>(onbekend)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Case opened: %1</source>
        <translation>Dossier geopend: %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Entry type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Timeline</source>
        <translation>Tijdlijn</translation>
    </message>
    <message>
        <source>Add to the timeline</source>
        <translation>Toevoegen aan de tijdlijn</translation>
    </message>
    <message>
        <source>now, or dd/mm/yyyy hh:mm</source>
        <translation>nu, of dd/mm/jjjj uu:mm</translation>
    </message>
    <message>
        <source>Time of the contact moment</source>
        <translation>Tijdstip van het contactmoment</translation>
    </message>
    <message>
        <source>Leave empty for now; a contact can be entered later</source>
        <translation>Leeg laten voor nu; een contact kan ook achteraf worden ingevoerd</translation>
    </message>
    <message>
        <source>Text of the note or contact moment</source>
        <translation>Tekst van de notitie of het contactmoment</translation>
    </message>
    <message>
        <source>What was said or agreed (Ctrl+Enter adds it)</source>
        <translation>Wat er gezegd of afgesproken is (Ctrl+Enter voegt het toe)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>Entry &amp;type:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>Wa&amp;nneer:</translation>
    </message>
    <message>
        <source>Not a valid time: use dd/mm/yyyy hh:mm (for example 26/11/2026 14:30).</source>
        <translation>Geen geldig tijdstip: gebruik dd/mm/jjjj uu:mm (bijvoorbeeld 26/11/2026 14:30).</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>Dit dossier bestaat niet meer.</translation>
    </message>
</context>
<context>
    <name>CaseExporter</name>
    <message>
        <source>Export cases</source>
        <translation>Dossiers exporteren</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel-werkmap (*.xlsx);;CSV voor Excel (*.csv)</translation>
    </message>
    <message>
        <source>Also export the health needs (how many people per household need mobility or medical care)? These are sensitive data: the export is then recorded as a viewing of every exported case. Choose No if the list does not need them.</source>
        <translation>Ook de gezondheidsnoden exporteren (hoeveel personen per gezin mobiliteitsnoden of medische noden hebben)? Dat zijn gevoelige gegevens: de export wordt dan geregistreerd als inzage van elk geëxporteerd dossier. Kies Nee als de lijst ze niet nodig heeft.</translation>
    </message>
    <message>
        <source>%1 cases exported to %2.</source>
        <translation>%1 dossiers geëxporteerd naar %2.</translation>
    </message>
    <message>
        <source>The health needs are in the file; the viewing is recorded.</source>
        <translation>De gezondheidsnoden staan in het bestand; de inzage is geregistreerd.</translation>
    </message>
    <message>
        <source>The cases could not be exported: %1</source>
        <translation>De dossiers konden niet geëxporteerd worden: %1</translation>
    </message>
</context>
</TS>
