<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
    <context>
        <name>AgendaDialog</name>
        <message>
            <source>Weekly meeting agenda (PDF)</source>
            <translation>Agenda wekelijks overleg (PDF)</translation>
        </message>
        <message>
            <source>&amp;Make PDF</source>
            <translation>PDF &amp;maken</translation>
        </message>
        <message>
            <source>The open rehousing, vulnerable profile and FEDASIL cases per team, most urgent deadline first. The agenda names no household members.</source>
            <translation>De open dossiers herhuisvesting, kwetsbaar profiel en FEDASIL-instroom per team, de dringendste deadline eerst. De agenda vermeldt geen namen van gezinsleden.</translation>
        </message>
        <message>
            <source>Team of the agenda</source>
            <translation>Team van de agenda</translation>
        </message>
        <message>
            <source>All teams</source>
            <translation>Alle teams</translation>
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation>&amp;Team:</translation>
        </message>
        <message>
            <source>PDF file to write</source>
            <translation>PDF-bestand om te schrijven</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Bestand:</translation>
        </message>
        <message>
            <source>Choose the file to write.</source>
            <translation>Kies het bestand om te schrijven.</translation>
        </message>
        <message>
            <source>Making the PDF…</source>
            <translation>De PDF wordt gemaakt…</translation>
        </message>
        <message>
            <source>This team is not known in the database.</source>
            <translation>Dit team is niet bekend in de databank.</translation>
        </message>
    </context>
    <context>
        <name>CaseActionController</name>
        <message>
            <source>Case &amp;summary (PDF)…</source>
            <translation>&amp;Dossieroverzicht (PDF)…</translation>
        </message>
        <message>
            <source>Subject access &amp;export of a person…</source>
            <translation>&amp;Inzage-export van een persoon…</translation>
        </message>
        <message>
            <source>E&amp;rase person…</source>
            <translation>Persoon &amp;wissen…</translation>
        </message>
        <message>
            <source>This case no longer exists (erased or removed on another laptop).</source>
            <translation>Dit dossier bestaat niet meer (gewist of verwijderd op een andere laptop).</translation>
        </message>
        <message>
            <source>Subject access export</source>
            <translation>Inzage-export</translation>
        </message>
        <message>
            <source>Whose data do you want to export?</source>
            <translation>Van wie wilt u de gegevens exporteren?</translation>
        </message>
        <message>
            <source>Every member of this household has been erased already.</source>
            <translation>Alle gezinsleden van dit dossier zijn al gewist.</translation>
        </message>
        <message>
            <source>Erase person</source>
            <translation>Persoon wissen</translation>
        </message>
        <message>
            <source>Whom do you want to erase?</source>
            <translation>Wie wilt u wissen?</translation>
        </message>
        <message>
            <source>This case has no household members.</source>
            <translation>Dit dossier heeft geen gezinsleden.</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Dossier</translation>
        </message>
    </context>
    <context>
        <name>CaseActions</name>
        <message>
            <source>Weekly meeting &amp;agenda (PDF)…</source>
            <translation>&amp;Agenda wekelijks overleg (PDF)…</translation>
        </message>
        <message>
            <source>Apply the &amp;retention period…</source>
            <translation>&amp;Bewaartermijn toepassen…</translation>
        </message>
        <message>
            <source>%1 could not be written: %2</source>
            <translation>%1 kon niet geschreven worden: %2</translation>
        </message>
        <message>
            <source>Household member %1 (erased)</source>
            <translation>Gezinslid %1 (gewist)</translation>
        </message>
    </context>
    <context>
        <name>CaseSummaryDialog</name>
        <message>
            <source>Case summary (PDF)</source>
            <translation>Dossieroverzicht (PDF)</translation>
        </message>
        <message>
            <source>&amp;Make PDF</source>
            <translation>PDF &amp;maken</translation>
        </message>
        <message>
            <source>Summary of case %1: household, needs, timeline and outcome.</source>
            <translation>Overzicht van dossier %1: gezin, noden, tijdlijn en uitkomst.</translation>
        </message>
        <message>
            <source>PDF file to write</source>
            <translation>PDF-bestand om te schrijven</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Bestand:</translation>
        </message>
        <message>
            <source>Include &amp;sensitive data (health needs)</source>
            <translation>&amp;Gevoelige gegevens opnemen (gezondheidsnoden)</translation>
        </message>
        <message>
            <source>Include sensitive data</source>
            <translation>Gevoelige gegevens opnemen</translation>
        </message>
        <message>
            <source>Printing the sensitive data is recorded as a viewing under your name. Keep the printout confidential.</source>
            <translation>Het afdrukken van gevoelige gegevens wordt op uw naam geregistreerd als inzage. Behandel de afdruk vertrouwelijk.</translation>
        </message>
        <message>
            <source>Choose the file to write.</source>
            <translation>Kies het bestand om te schrijven.</translation>
        </message>
        <message>
            <source>Making the PDF…</source>
            <translation>De PDF wordt gemaakt…</translation>
        </message>
        <message>
            <source>This case no longer exists (erased or removed on another laptop).</source>
            <translation>Dit dossier bestaat niet meer (gewist of verwijderd op een andere laptop).</translation>
        </message>
        <message>
            <source>Written: %1</source>
            <translation>Geschreven: %1</translation>
        </message>
    </context>
    <context>
        <name>MatchingPanel</name>
        <message>
            <source>Suggested reception locations</source>
            <translation>Voorgestelde opvanglocaties</translation>
        </message>
        <message>
            <source>Why the chosen location fits or not</source>
            <translation>Waarom de gekozen opvanglocatie past of niet</translation>
        </message>
        <message>
            <source>Show &amp;health needs</source>
            <translation>&amp;Gezondheidsnoden tonen</translation>
        </message>
        <message>
            <source>Shows which health needs a location meets or not; the viewing is recorded.</source>
            <translation>Toont aan welke gezondheidsnoden een opvanglocatie voldoet en aan welke niet; deze inzage wordt geregistreerd.</translation>
        </message>
        <message>
            <source>Re&amp;fresh</source>
            <translation>&amp;Vernieuwen</translation>
        </message>
        <message>
            <source>&amp;Assign place…</source>
            <translation>&amp;Plaats toewijzen…</translation>
        </message>
        <message>
            <source>Give the household the free places of the chosen location</source>
            <translation>Geef het gezin de vrije plaatsen van de gekozen opvanglocatie</translation>
        </message>
        <message>
            <source>No case chosen.</source>
            <translation>Geen dossier gekozen.</translation>
        </message>
        <message>
            <source>Choose a case to see the free places that fit.</source>
            <translation>Kies een dossier om de passende vrije plaatsen te zien.</translation>
        </message>
        <message>
            <source>Looking for free places…</source>
            <translation>Vrije plaatsen zoeken…</translation>
        </message>
        <message>
            <source>household of 1 person</source>
            <translation>gezin van 1 persoon</translation>
        </message>
        <message>
            <source>household of %1 persons</source>
            <translation>gezin van %1 personen</translation>
        </message>
        <message>
            <source>Assigned place: %1 in %2 (%3).</source>
            <translation>Toegewezen plaats: %1 in %2 (%3).</translation>
        </message>
        <message>
            <source>A new case cannot be given a place yet: take it in progress first (status 'in progress').</source>
            <translation>Een nieuw dossier kan nog geen plaats krijgen: neem het eerst in behandeling (status 'in behandeling').</translation>
        </message>
        <message>
            <source>Only an open case (in progress or waiting for a place) can be given a place.</source>
            <translation>Alleen een open dossier (in behandeling of wacht op plaats) kan een plaats krijgen.</translation>
        </message>
        <message>
            <source>No fitting free places: no operational location has a free place.</source>
            <translation>Geen passende vrije plaatsen: geen enkele operationele opvanglocatie heeft een vrije plaats.</translation>
        </message>
        <message>
            <source>No fitting free places. Below: the %1 nearest locations with free places and what they lack.</source>
            <translation>Geen passende vrije plaatsen. Hieronder de %1 dichtstbijzijnde opvanglocaties met vrije plaatsen en wat er ontbreekt.</translation>
        </message>
        <message>
            <source>%1 suggested locations with free places, of which %2 fit; nearest first.</source>
            <translation>%1 voorgestelde opvanglocaties met vrije plaatsen, waarvan %2 passend; dichtstbijzijnde eerst.</translation>
        </message>
        <message>
            <source>This case no longer exists (erased or removed on another laptop).</source>
            <translation>Dit dossier bestaat niet meer (gewist of verwijderd op een andere laptop).</translation>
        </message>
        <message>
            <source>%1 (%2):</source>
            <translation>%1 (%2):</translation>
        </message>
        <message>
            <source>Assign place %1 of %2 (%3) to case %4?</source>
            <translation>Plaats %1 van %2 (%3) toewijzen aan dossier %4?</translation>
        </message>
        <message>
            <source>Assign places %1 of %2 (%3) to case %4?</source>
            <translation>Plaatsen %1 van %2 (%3) toewijzen aan dossier %4?</translation>
        </message>
        <message>
            <source>The places are occupied from today and the case gets the status 'solution found'.</source>
            <translation>De plaatsen zijn bezet vanaf vandaag en het dossier krijgt de status 'oplossing gevonden'.</translation>
        </message>
        <message>
            <source>Note: this location does not fit:</source>
            <translation>Let op: deze opvanglocatie past niet:</translation>
        </message>
        <message>
            <source>Assign place</source>
            <translation>Plaats toewijzen</translation>
        </message>
        <message>
            <source>&amp;Assign</source>
            <translation>&amp;Toewijzen</translation>
        </message>
        <message>
            <source>Assigned: %1 in %2. The case now has the status 'solution found'.</source>
            <translation>Toegewezen: %1 in %2. Het dossier heeft nu de status 'oplossing gevonden'.</translation>
        </message>
    </context>
    <context>
        <name>MemberChoiceDialog</name>
        <message>
            <source>Household member</source>
            <translation>Gezinslid</translation>
        </message>
        <message>
            <source>&amp;Member:</source>
            <translation>&amp;Gezinslid:</translation>
        </message>
    </context>
    <context>
        <name>MemberEraser</name>
        <message>
            <source>Erase %1 from case %2 for good?</source>
            <translation>%1 definitief wissen uit dossier %2?</translation>
        </message>
        <message>
            <source>Erased: first and last name (also in Cyrillic), birth year, sex, phone number, the health needs, and the text of the timeline entries of this case that name this person.

This cannot be undone. The erasure reaches every laptop at the next sync.

Kept, without a name, for the statistics: the relation to the contact person, language, pets and school age.</source>
            <translation>Gewist worden: voor- en achternaam (ook in het cyrillisch), geboortejaar, geslacht, telefoonnummer, de gezondheidsnoden, en de tekst van de tijdlijnregels van dit dossier die deze persoon bij naam noemen.

Dit kan niet ongedaan gemaakt worden. Het wissen gaat bij de volgende synchronisatie naar alle laptops.

Zonder naam blijven bewaard voor de statistieken: de relatie tot de contactpersoon, taal, huisdieren en schoolgaand.</translation>
        </message>
        <message>
            <source>Erase person</source>
            <translation>Persoon wissen</translation>
        </message>
        <message>
            <source>&amp;Erase for good</source>
            <translation>&amp;Definitief wissen</translation>
        </message>
        <message>
            <source>This person no longer exists (removed on another laptop).</source>
            <translation>Deze persoon bestaat niet meer (verwijderd op een andere laptop).</translation>
        </message>
        <message>
            <source>The database could not be written: %1</source>
            <translation>De databank kon niet geschreven worden: %1</translation>
        </message>
    </context>
    <context>
        <name>PathField</name>
        <message>
            <source>&amp;Browse…</source>
            <translation>Bl&amp;aderen…</translation>
        </message>
        <message>
            <source>Choose with a file dialog</source>
            <translation>Kiezen in een bestandsvenster</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message>
            <source>Apply the retention period</source>
            <translation>Bewaartermijn toepassen</translation>
        </message>
        <message>
            <source>The personal data of cases that were closed longer ago than the retention period is erased: names, birth years, phone numbers, health needs, summaries and the text of the timeline. Type, status, team, municipality, dates, household size and outcome stay, without names, for the statistics.</source>
            <translation>De persoonsgegevens van dossiers die langer dan de bewaartermijn geleden afgesloten zijn, worden gewist: namen, geboortejaren, telefoonnummers, gezondheidsnoden, samenvattingen en de tekst van de tijdlijn. Soort, status, team, gemeente, datums, gezinsgrootte en uitkomst blijven zonder namen bewaard voor de statistieken.</translation>
        </message>
        <message>
            <source>&amp;Erase personal data…</source>
            <translation>Persoonsgegevens &amp;wissen…</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>Tellen…</translation>
        </message>
        <message>
            <source>No case was closed on or before %1: there is nothing to erase.</source>
            <translation>Geen enkel dossier werd afgesloten op of vóór %1: er is niets te wissen.</translation>
        </message>
        <message>
            <source>Closed on or before %1 — cases: %2, household members: %3, timeline entries: %4.</source>
            <translation>Afgesloten op of vóór %1 — dossiers: %2, gezinsleden: %3, tijdlijnregels: %4.</translation>
        </message>
        <message>
            <source>Erase the personal data of the closed cases? Number of cases: %1.</source>
            <translation>De persoonsgegevens van de afgesloten dossiers wissen? Aantal dossiers: %1.</translation>
        </message>
        <message>
            <source>Erased — cases: %1, household members: %2, timeline entries: %3 (%4 fields). The other laptops follow at the next sync.</source>
            <translation>Gewist — dossiers: %1, gezinsleden: %2, tijdlijnregels: %3 (%4 velden). De andere laptops volgen bij de volgende synchronisatie.</translation>
        </message>
        <message>
            <source>This cannot be undone. The erasure reaches every laptop at the next sync.</source>
            <translation>Dit kan niet ongedaan gemaakt worden. Het wissen gaat bij de volgende synchronisatie naar alle laptops.</translation>
        </message>
        <message>
            <source>&amp;Erase for good</source>
            <translation>&amp;Definitief wissen</translation>
        </message>
        <message>
            <source>Erasing…</source>
            <translation>Wissen…</translation>
        </message>
        <message>
            <source>The database could not be written: %1</source>
            <translation>De databank kon niet geschreven worden: %1</translation>
        </message>
    </context>
    <context>
        <name>RetentionMonthsField</name>
        <message>
            <source>Retention period of personal data in months</source>
            <translation>Bewaartermijn persoonsgegevens in maanden</translation>
        </message>
        <message>
            <source>The personal data of a case is erased this many months after the case was closed (1 to 120).</source>
            <translation>De persoonsgegevens van een dossier worden zoveel maanden na het afsluiten gewist (1 tot 120).</translation>
        </message>
        <message>
            <source>&amp;Retention period of personal data (months):</source>
            <translation>&amp;Bewaartermijn persoonsgegevens (maanden):</translation>
        </message>
    </context>
    <context>
        <name>SubjectAccessDialog</name>
        <message>
            <source>Subject access export</source>
            <translation>Inzage-export</translation>
        </message>
        <message>
            <source>&amp;Export</source>
            <translation>&amp;Exporteren</translation>
        </message>
        <message>
            <source>Everything VLOT holds about %1 (case %2), for a request to see one's own data (GDPR art. 15): a PDF to hand over and a JSON file with the same data.</source>
            <translation>Alles wat VLOT over %1 bewaart (dossier %2), voor een inzageverzoek (AVG art. 15): een PDF om te overhandigen en een JSON-bestand met dezelfde gegevens.</translation>
        </message>
        <message>
            <source>Folder for the export</source>
            <translation>Map voor de export</translation>
        </message>
        <message>
            <source>&amp;Folder:</source>
            <translation>&amp;Map:</translation>
        </message>
        <message>
            <source>Files: %1 and %2</source>
            <translation>Bestanden: %1 en %2</translation>
        </message>
        <message>
            <source>Choose the folder for the export.</source>
            <translation>Kies de map voor de export.</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Exporteren…</translation>
        </message>
        <message>
            <source>This person no longer exists (removed on another laptop).</source>
            <translation>Deze persoon bestaat niet meer (verwijderd op een andere laptop).</translation>
        </message>
    </context>
    <context>
        <name>SuggestionTableModel</name>
        <message>
            <source>No.</source>
            <translation>Nr.</translation>
        </message>
        <message>
            <source>Rank of the suggestion</source>
            <translation>Rangorde van het voorstel</translation>
        </message>
        <message>
            <source>Fits</source>
            <translation>Past</translation>
        </message>
        <message>
            <source>Whether the location meets every criterion of the household</source>
            <translation>Of de opvanglocatie aan elk criterium van het gezin voldoet</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>Nabijheid</translation>
        </message>
        <message>
            <source>How near the location is to the case's municipality</source>
            <translation>Hoe dicht de opvanglocatie bij de gemeente van het dossier ligt</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>Opvanglocatie</translation>
        </message>
        <message>
            <source>Reception location</source>
            <translation>Opvanglocatie</translation>
        </message>
        <message>
            <source>Municipality</source>
            <translation>Gemeente</translation>
        </message>
        <message>
            <source>Free places</source>
            <translation>Vrije plaatsen</translation>
        </message>
        <message>
            <source>Free places in the location now</source>
            <translation>Vrije plaatsen in de opvanglocatie nu</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Waarom</translation>
        </message>
        <message>
            <source>Why the location fits (✓) or not (✗)</source>
            <translation>Waarom de opvanglocatie past (✓) of niet (✗)</translation>
        </message>
        <message>
            <source>fits</source>
            <translation>past</translation>
        </message>
        <message>
            <source>does not fit</source>
            <translation>past niet</translation>
        </message>
        <message>
            <source>Meets the household's health needs (hidden).</source>
            <translation>Voldoet aan de gezondheidsnoden van het gezin (verborgen).</translation>
        </message>
        <message>
            <source>Does not meet a health need of the household (hidden).</source>
            <translation>Voldoet niet aan een gezondheidsnood van het gezin (verborgen).</translation>
        </message>
    </context>
</TS>