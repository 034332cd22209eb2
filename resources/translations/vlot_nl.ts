<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About VLOT Desktop</source>
            <translation>Over VLOT Desktop</translation>
        </message>
        <message>
            <source>Version %1</source>
            <translation>Versie %1</translation>
        </message>
        <message>
            <source>The application of the Flemish support teams (VLOT) for the reception of people displaced from Ukraine: reception locations and places, prospects, cases, helpdesk questions, contacts with the local authorities, and reports. It works offline and exchanges its data with the other laptops through the share folder.</source>
            <translation>De toepassing van de Vlaamse Ondersteuningsteams (VLOT) voor de opvang van ontheemden uit Oekraïne: opvanglocaties en opvangplaatsen, prospecties, dossiers, helpdeskvragen, contacten met de lokale besturen, en rapporten. Ze werkt ook zonder netwerk en wisselt haar gegevens met de andere laptops uit via de gedeelde map.</translation>
        </message>
        <message>
            <source>Reference data of municipalities and postcodes: %1</source>
            <translation>Referentiegegevens gemeenten en postcodes: %1</translation>
        </message>
    </context>
    <context>
        <name>ConflictTableModel</name>
        <message>
            <source>deleted</source>
            <translation>verwijderd</translation>
        </message>
        <message>
            <source>kept (edited)</source>
            <translation>behouden (bewerkt)</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Soort</translation>
        </message>
        <message>
            <source>The kind of record</source>
            <translation>De soort gegevens</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>The record both edited</source>
            <translation>Het record dat jullie allebei bewerkten</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Veld</translation>
        </message>
        <message>
            <source>My value</source>
            <translation>Mijn waarde</translation>
        </message>
        <message>
            <source>The value written on this laptop (or shown now)</source>
            <translation>De waarde die op deze laptop ingevuld is (of die nu getoond wordt)</translation>
        </message>
        <message>
            <source>By, when</source>
            <translation>Door, wanneer</translation>
        </message>
        <message>
            <source>Their value</source>
            <translation>Hun waarde</translation>
        </message>
        <message>
            <source>The value a colleague wrote</source>
            <translation>De waarde die een collega invulde</translation>
        </message>
        <message>
            <source>deleted by %1 on %2</source>
            <translation>verwijderd door %1 op %2</translation>
        </message>
        <message>
            <source>deleted by %1</source>
            <translation>verwijderd door %1</translation>
        </message>
        <message>
            <source>deleted on %1</source>
            <translation>verwijderd op %1</translation>
        </message>
    </context>
    <context>
        <name>ConflictsView</name>
        <message>
            <source>Conflicts</source>
            <translation>Conflicten</translation>
        </message>
        <message>
            <source>You and a colleague changed the same field before your laptops synchronised. For now everyone sees the value that was written last. Choose which value to keep: your colleagues get your choice at the next sync.</source>
            <translation>U en een collega wijzigden hetzelfde veld voordat jullie laptops gesynchroniseerd waren. Voorlopig ziet iedereen de waarde die het laatst ingevuld werd. Kies welke waarde blijft: uw collega’s krijgen uw keuze bij de volgende synchronisatie.</translation>
        </message>
        <message>
            <source>Open conflicts</source>
            <translation>Open conflicten</translation>
        </message>
        <message>
            <source>Keep &amp;my value</source>
            <translation>&amp;Mijn waarde houden</translation>
        </message>
        <message>
            <source>Keep the value written on this laptop</source>
            <translation>De waarde van deze laptop houden</translation>
        </message>
        <message>
            <source>Keep &amp;their value</source>
            <translation>&amp;Hun waarde houden</translation>
        </message>
        <message>
            <source>Take over the value of your colleague</source>
            <translation>De waarde van uw collega overnemen</translation>
        </message>
        <message>
            <source>No open conflicts.</source>
            <translation>Geen open conflicten.</translation>
        </message>
        <message>
            <source>1 open conflict</source>
            <translation>1 open conflict</translation>
        </message>
        <message>
            <source>%1 open conflicts</source>
            <translation>%1 open conflicten</translation>
        </message>
        <message>
            <source>This record was deleted on one laptop and changed later on another, so it was kept. Keep it, or delete it after all if it is no longer needed.</source>
            <translation>Dit record werd op de ene laptop verwijderd en later op een andere gewijzigd, en is dus behouden. Behoud het, of verwijder het toch als het niet meer nodig is.</translation>
        </message>
        <message>
            <source>&amp;Delete after all…</source>
            <translation>Toch &amp;verwijderen…</translation>
        </message>
        <message>
            <source>Delete the record again, on every laptop (the change made later is lost)</source>
            <translation>Het record opnieuw verwijderen, op elke laptop (de latere wijziging gaat verloren)</translation>
        </message>
        <message>
            <source>this record</source>
            <translation>dit record</translation>
        </message>
        <message>
            <source>Delete after all</source>
            <translation>Toch verwijderen</translation>
        </message>
        <message>
            <source>Delete %1 on every laptop? The change made after the first deletion is lost.</source>
            <translation>%1 op elke laptop verwijderen? De wijziging van na de eerste verwijdering gaat verloren.</translation>
        </message>
        <message>
            <source>Deleted. Your colleagues' laptops delete it at the next sync.</source>
            <translation>Verwijderd. De laptops van uw collega's verwijderen het bij de volgende synchronisatie.</translation>
        </message>
        <message>
            <source>This record cannot be deleted: other records refer to it. Nothing was changed.</source>
            <translation>Dit record kan niet verwijderd worden: andere gegevens verwijzen ernaar. Er is niets gewijzigd.</translation>
        </message>
        <message>
            <source>Saved. Your colleagues get the chosen value at the next sync.</source>
            <translation>Bewaard. Uw collega’s krijgen de gekozen waarde bij de volgende synchronisatie.</translation>
        </message>
        <message>
            <source>This conflict was already resolved.</source>
            <translation>Dit conflict was al opgelost.</translation>
        </message>
        <message>
            <source>The choice could not be saved: %1</source>
            <translation>De keuze kon niet bewaard worden: %1</translation>
        </message>
        <message>
            <source>&amp;Other value…</source>
            <translation>&amp;Andere waarde…</translation>
        </message>
        <message>
            <source>Type a new value (for text fields), for example both versions combined</source>
            <translation>Typ een nieuwe waarde (voor tekstvelden), bijvoorbeeld beide versies samen</translation>
        </message>
        <message>
            <source>This field cannot be empty: nothing was changed.</source>
            <translation>Dit veld mag niet leeg zijn: er is niets gewijzigd.</translation>
        </message>
        <message>
            <source>At most %1 characters: nothing was changed.</source>
            <translation>Hoogstens %1 tekens: er is niets gewijzigd.</translation>
        </message>
        <message>
            <source>Other value</source>
            <translation>Andere waarde</translation>
        </message>
        <message>
            <source>The value to keep (your colleagues get it at the next sync):</source>
            <translation>De waarde die blijft (je collega's krijgen ze bij de volgende synchronisatie):</translation>
        </message>
        <message>
            <source>&amp;Keep</source>
            <translation>&amp;Behouden</translation>
        </message>
        <message>
            <source>Keep the record as it is now, on every laptop (nothing is changed)</source>
            <translation>Het record houden zoals het nu is, op elke laptop (er verandert niets)</translation>
        </message>
        <message>
            <source>&amp;Restore with the change…</source>
            <translation>&amp;Terugzetten met de wijziging…</translation>
        </message>
        <message>
            <source>Bring the deleted record back with this change, on every laptop</source>
            <translation>Het verwijderde gegeven terugzetten met deze wijziging, op elke laptop</translation>
        </message>
        <message>
            <source>This record was deleted on this laptop by someone who had not seen a change made on another laptop yet.</source>
            <translation>Deze gegevens werden op deze laptop verwijderd door iemand die een wijziging van een andere laptop nog niet gezien had.</translation>
        </message>
        <message>
            <source>This record was deleted on another laptop by someone who had not seen this change yet.</source>
            <translation>Deze gegevens werden op een andere laptop verwijderd door iemand die deze wijziging nog niet gezien had.</translation>
        </message>
        <message>
            <source>The deletion comes first; you can restore the record with the change. This notice stays on every laptop until someone restores the record.</source>
            <translation>De verwijdering gaat voor; u kunt het gegeven terugzetten met de wijziging. Deze melding blijft op elke laptop staan tot iemand het gegeven terugzet.</translation>
        </message>
        <message>
            <source>Kept. Your colleagues' laptops keep it too after the next sync.</source>
            <translation>Behouden. Ook de laptops van uw collega's behouden het na de volgende synchronisatie.</translation>
        </message>
        <message>
            <source>Restore %1 with this change, on every laptop?</source>
            <translation>%1 terugzetten met deze wijziging, op elke laptop?</translation>
        </message>
        <message>
            <source>Restore with the change</source>
            <translation>Terugzetten met de wijziging</translation>
        </message>
        <message>
            <source>Restored with the change. Your colleagues' laptops get it back at the next sync.</source>
            <translation>Teruggezet met de wijziging. De laptops van uw collega's krijgen het terug bij de volgende synchronisatie.</translation>
        </message>
        <message>
            <source>This record cannot come back: it belongs to a record that was deleted too.</source>
            <translation>Dit gegeven kan niet terugkomen: het hoort bij een gegeven dat ook verwijderd is.</translation>
        </message>
        <message>
            <source>This conflict changed in the meantime (the list is up to date again). Nothing was changed.</source>
            <translation>Dit conflict is intussen veranderd (de lijst is bijgewerkt). Er is niets gewijzigd.</translation>
        </message>
    </context>
    <context>
        <name>ContactPersonTableModel</name>
        <message>
            <source>Name</source>
            <translation>Naam</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rol</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Telefoon</translation>
        </message>
    </context>
    <context>
        <name>DashboardTableModel</name>
        <message>
            <source>Team / region</source>
            <translation>Team / regio</translation>
        </message>
        <message>
            <source>Regional team (province) or team</source>
            <translation>Regioteam (provincie) of team</translation>
        </message>
        <message>
            <source>Reception locations</source>
            <translation>Opvanglocaties</translation>
        </message>
        <message>
            <source>Operational reception locations</source>
            <translation>Operationele opvanglocaties</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Plaatsen</translation>
        </message>
        <message>
            <source>All places of locations that are not wound down or closed</source>
            <translation>Alle plaatsen van locaties die niet afgebouwd of gesloten zijn</translation>
        </message>
        <message>
            <source>Places with status: %1</source>
            <translation>Plaatsen met status: %1</translation>
        </message>
        <message>
            <source>Open cases</source>
            <translation>Open dossiers</translation>
        </message>
        <message>
            <source>Cases that are not solved, referred or closed, by handling team</source>
            <translation>Dossiers zonder oplossing, niet doorverwezen en niet afgesloten, per behandelend team</translation>
        </message>
        <message>
            <source>Open questions</source>
            <translation>Open vragen</translation>
        </message>
        <message>
            <source>Questions that are new, in progress or dispatched, by handling team</source>
            <translation>Vragen die nieuw, in behandeling of doorverwezen zijn, per behandelend team</translation>
        </message>
        <message>
            <source>Prospects this year</source>
            <translation>Prospecties dit jaar</translation>
        </message>
        <message>
            <source>Prospect visits this calendar year (by visit date, else creation date)</source>
            <translation>Prospecties in dit kalenderjaar (volgens bezoekdatum, anders aanmaakdatum)</translation>
        </message>
        <message>
            <source>Not applicable: the central team has no province of its own</source>
            <translation>Niet van toepassing: het centraal team heeft geen eigen provincie</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <source>Dashboard</source>
            <translation>Dashboard</translation>
        </message>
        <message>
            <source>Key figures per regional team and for Flanders as a whole.</source>
            <translation>Kerncijfers per regioteam en voor heel Vlaanderen.</translation>
        </message>
        <message>
            <source>Operational reception locations</source>
            <translation>Operationele opvanglocaties</translation>
        </message>
        <message>
            <source>Reception locations with status operational, in all of Flanders</source>
            <translation>Opvanglocaties met status operationeel, in heel Vlaanderen</translation>
        </message>
        <message>
            <source>Free places</source>
            <translation>Vrije plaatsen</translation>
        </message>
        <message>
            <source>Places with status free</source>
            <translation>Plaatsen met status vrij</translation>
        </message>
        <message>
            <source>Occupied places</source>
            <translation>Bezette plaatsen</translation>
        </message>
        <message>
            <source>Places with status occupied</source>
            <translation>Plaatsen met status bezet</translation>
        </message>
        <message>
            <source>Open cases</source>
            <translation>Open dossiers</translation>
        </message>
        <message>
            <source>Cases of all teams that are still open</source>
            <translation>Dossiers van alle teams die nog open zijn</translation>
        </message>
        <message>
            <source>Open questions</source>
            <translation>Open vragen</translation>
        </message>
        <message>
            <source>Questions of all teams that are still open</source>
            <translation>Vragen van alle teams die nog open zijn</translation>
        </message>
        <message>
            <source>Prospects this year</source>
            <translation>Prospecties dit jaar</translation>
        </message>
        <message>
            <source>Prospect visits in the current calendar year</source>
            <translation>Prospecties in het lopende kalenderjaar</translation>
        </message>
        <message>
            <source>Per team and region</source>
            <translation>Per team en regio</translation>
        </message>
        <message>
            <source>Key figures per team and region</source>
            <translation>Kerncijfers per team en regio</translation>
        </message>
        <message>
            <source>Calculating the figures…</source>
            <translation>De cijfers worden berekend…</translation>
        </message>
        <message>
            <source>Updated on %1 at %2 (F5 to refresh).</source>
            <translation>Bijgewerkt op %1 om %2 (F5 om te vernieuwen).</translation>
        </message>
        <message>
            <source>Locations, places and prospects count per province; cases and questions per team that handles them. Places: all places of locations that are not wound down or closed. Prospects: visits in %1 (or created in %1 when not visited yet).</source>
            <translation>Opvanglocaties, plaatsen en prospecties tellen per provincie; dossiers en vragen per team dat ze behandelt. Plaatsen: alle plaatsen van locaties die niet afgebouwd of gesloten zijn. Prospecties: bezocht in %1 (of aangemaakt in %1 als ze nog niet bezocht zijn).</translation>
        </message>
        <message>
            <source>The figures could not be calculated.</source>
            <translation>De cijfers konden niet berekend worden.</translation>
        </message>
    </context>
    <context>
        <name>DemoNotice</name>
        <message>
            <source>This laptop holds demo data that is not shared.</source>
            <translation>Deze laptop bevat demodata die niet gedeeld wordt.</translation>
        </message>
        <message>
            <source>To practise together: put the demo data on an empty folder with 'vlot-desktop demo --share FOLDER'; the other laptops then choose that folder as their share.</source>
            <translation>Om samen te oefenen: zet de demodata op een lege map met 'vlot-desktop demo --share MAP'; de andere laptops kiezen die map dan als share.</translation>
        </message>
        <message>
            <source>Training share</source>
            <translation>Oefenshare</translation>
        </message>
        <message>
            <source>The data on this laptop is demo data, shared with the other laptops on this training share: practise freely, none of it is real.</source>
            <translation>De gegevens op deze laptop zijn demodata, gedeeld met de andere laptops op deze oefenshare: oefen gerust, niets ervan is echt.</translation>
        </message>
    </context>
    <context>
        <name>FirstRunDialog</name>
        <message>
            <source>Welcome to VLOT Desktop</source>
            <translation>Welkom bij VLOT Desktop</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Naam:</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Uw naam</translation>
        </message>
        <message>
            <source>First name and last name</source>
            <translation>Voornaam en achternaam</translation>
        </message>
        <message>
            <source>&amp;Team:</source>
            <translation>&amp;Team:</translation>
        </message>
        <message>
            <source>Your team</source>
            <translation>Uw team</translation>
        </message>
        <message>
            <source>&amp;Share folder:</source>
            <translation>&amp;Gedeelde map:</translation>
        </message>
        <message>
            <source>Share folder (optional)</source>
            <translation>Gedeelde map (niet verplicht)</translation>
        </message>
        <message>
            <source>VLOT Desktop is used for the first time on this computer. Tell us who you are and for which team you work. The share folder is optional.</source>
            <translation>VLOT Desktop wordt voor het eerst gebruikt op deze computer. Vul uw naam in en kies het team waarvoor u werkt. De gedeelde map is niet verplicht.</translation>
        </message>
        <message>
            <source>Choose your team</source>
            <translation>Kies uw team</translation>
        </message>
        <message>
            <source>Optional: the VLOT folder on the network drive</source>
            <translation>Niet verplicht: de VLOT-map op de netwerkschijf</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>&amp;Bladeren…</translation>
        </message>
        <message>
            <source>Choose the share folder</source>
            <translation>Kies de gedeelde map</translation>
        </message>
        <message>
            <source>Load &amp;demo data</source>
            <translation>&amp;Demogegevens laden</translation>
        </message>
        <message>
            <source>Fills this computer with invented example data, to try the application out.</source>
            <translation>Vult deze computer met verzonnen voorbeeldgegevens, om de toepassing uit te proberen.</translation>
        </message>
        <message>
            <source>Busy</source>
            <translation>Bezig</translation>
        </message>
        <message>
            <source>Please fill in your name.</source>
            <translation>Vul uw naam in.</translation>
        </message>
        <message>
            <source>Please choose your team.</source>
            <translation>Kies uw team.</translation>
        </message>
        <message>
            <source>Setting up this computer failed. Details are in the log file.</source>
            <translation>Het instellen van deze computer is mislukt. De details staan in het logbestand.</translation>
        </message>
        <message>
            <source>Loading demo data and setting up this computer…</source>
            <translation>Demogegevens laden en deze computer instellen…</translation>
        </message>
        <message>
            <source>Setting up this computer…</source>
            <translation>Deze computer wordt ingesteld…</translation>
        </message>
    </context>
    <context>
        <name>IngestedTableModel</name>
        <message>
            <source>Sent by this laptop</source>
            <translation>Verstuurd door deze laptop</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Ontvangen</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Geweigerd</translation>
        </message>
        <message>
            <source>Held back: dated in the future</source>
            <translation>Tegengehouden: datum in de toekomst</translation>
        </message>
        <message>
            <source>A change in it does not fit in the database</source>
            <translation>Een wijziging erin past niet in de databank</translation>
        </message>
        <message>
            <source>The file is too large</source>
            <translation>Het bestand is te groot</translation>
        </message>
        <message>
            <source>The changes are not from the laptop the file name says</source>
            <translation>De wijzigingen komen niet van de laptop die de bestandsnaam noemt</translation>
        </message>
        <message>
            <source>Not a VLOT change file</source>
            <translation>Geen wijzigingsbestand van VLOT</translation>
        </message>
        <message>
            <source>A change in it is not valid</source>
            <translation>Een wijziging erin is ongeldig</translation>
        </message>
        <message>
            <source>The file is damaged or incomplete</source>
            <translation>Het bestand is beschadigd of onvolledig</translation>
        </message>
        <message>
            <source>Colleague</source>
            <translation>Collega</translation>
        </message>
        <message>
            <source>Who worked on the laptop that wrote the file</source>
            <translation>Wie werkte op de laptop die het bestand schreef</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Wijzigingen</translation>
        </message>
        <message>
            <source>Changed records in the file</source>
            <translation>Gewijzigde records in het bestand</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reden</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Bestand</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>VLOT Desktop</source>
            <translation>VLOT Desktop</translation>
        </message>
        <message>
            <source>Navigation</source>
            <translation>Navigatie</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Instellingen…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Afsluiten</translation>
        </message>
        <message>
            <source>&amp;About VLOT Desktop</source>
            <translation>&amp;Over VLOT Desktop</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Vernieuwen</translation>
        </message>
        <message>
            <source>&amp;Search</source>
            <translation>&amp;Zoeken</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Bestand</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>B&amp;eeld</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Opening the data folder…</source>
            <translation>De gegevensmap wordt geopend…</translation>
        </message>
        <message>
            <source>(not set up)</source>
            <translation>(niet ingesteld)</translation>
        </message>
        <message>
            <source>User: %1</source>
            <translation>Gebruiker: %1</translation>
        </message>
        <message>
            <source>Team: %1</source>
            <translation>Team: %1</translation>
        </message>
        <message>
            <source>Data folder: %1</source>
            <translation>Gegevensmap: %1</translation>
        </message>
        <message>
            <source>The new language takes effect after a restart.</source>
            <translation>De nieuwe taal geldt na een herstart.</translation>
        </message>
        <message>
            <source>S&amp;ync</source>
            <translation>S&amp;ynchronisatie</translation>
        </message>
    </context>
    <context>
        <name>MunicipalitiesView</name>
        <message>
            <source>Municipalities</source>
            <translation>Gemeenten</translation>
        </message>
        <message>
            <source>&amp;Search:</source>
            <translation>&amp;Zoeken:</translation>
        </message>
        <message>
            <source>Part of the name, e.g. gent</source>
            <translation>Deel van de naam, bv. gent</translation>
        </message>
        <message>
            <source>Search a municipality by name</source>
            <translation>Zoek een gemeente op naam</translation>
        </message>
        <message>
            <source>&amp;Province:</source>
            <translation>&amp;Provincie:</translation>
        </message>
        <message>
            <source>Filter by province</source>
            <translation>Filter op provincie</translation>
        </message>
        <message>
            <source>All provinces</source>
            <translation>Alle provincies</translation>
        </message>
        <message>
            <source>%1 municipality</source>
            <translation>%1 gemeente</translation>
        </message>
        <message>
            <source>%1 municipalities</source>
            <translation>%1 gemeenten</translation>
        </message>
    </context>
    <context>
        <name>MunicipalityDetailPane</name>
        <message>
            <source>Choose a municipality in the list to see its details.</source>
            <translation>Kies een gemeente in de lijst om de details te zien.</translation>
        </message>
        <message>
            <source>Province:</source>
            <translation>Provincie:</translation>
        </message>
        <message>
            <source>Arrondissement:</source>
            <translation>Arrondissement:</translation>
        </message>
        <message>
            <source>Team:</source>
            <translation>Team:</translation>
        </message>
        <message>
            <source>Postcodes:</source>
            <translation>Postcodes:</translation>
        </message>
        <message>
            <source>NIS code:</source>
            <translation>NIS-code:</translation>
        </message>
        <message>
            <source>Operational reception locations:</source>
            <translation>Operationele opvanglocaties:</translation>
        </message>
        <message>
            <source>Places:</source>
            <translation>Plaatsen:</translation>
        </message>
        <message>
            <source>Free places:</source>
            <translation>Vrije plaatsen:</translation>
        </message>
        <message>
            <source>Open cases:</source>
            <translation>Open dossiers:</translation>
        </message>
        <message>
            <source>Open questions:</source>
            <translation>Open vragen:</translation>
        </message>
        <message>
            <source>Contact moments (12 months):</source>
            <translation>Contactmomenten (12 maanden):</translation>
        </message>
        <message>
            <source>Contact persons</source>
            <translation>Contactpersonen</translation>
        </message>
        <message>
            <source>Contact persons of the municipality</source>
            <translation>Contactpersonen van de gemeente</translation>
        </message>
        <message>
            <source>No contact persons known for this municipality.</source>
            <translation>Geen contactpersonen gekend voor deze gemeente.</translation>
        </message>
        <message>
            <source>Figures</source>
            <translation>Cijfers</translation>
        </message>
    </context>
    <context>
        <name>MunicipalityTableModel</name>
        <message>
            <source>Municipality</source>
            <translation>Gemeente</translation>
        </message>
        <message>
            <source>Name of the municipality</source>
            <translation>Naam van de gemeente</translation>
        </message>
        <message>
            <source>NIS code</source>
            <translation>NIS-code</translation>
        </message>
        <message>
            <source>Statbel NIS code</source>
            <translation>NIS-code van Statbel</translation>
        </message>
        <message>
            <source>Province</source>
            <translation>Provincie</translation>
        </message>
        <message>
            <source>Arrondissement</source>
            <translation>Arrondissement</translation>
        </message>
        <message>
            <source>Administrative arrondissement</source>
            <translation>Administratief arrondissement</translation>
        </message>
        <message>
            <source>Reception locations</source>
            <translation>Opvanglocaties</translation>
        </message>
        <message>
            <source>Operational reception locations</source>
            <translation>Operationele opvanglocaties</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>Plaatsen</translation>
        </message>
        <message>
            <source>All places of locations that are not wound down or closed</source>
            <translation>Alle plaatsen van locaties die niet afgebouwd of gesloten zijn</translation>
        </message>
        <message>
            <source>Free places</source>
            <translation>Vrije plaatsen</translation>
        </message>
        <message>
            <source>Places with status free</source>
            <translation>Plaatsen met status vrij</translation>
        </message>
        <message>
            <source>Open cases</source>
            <translation>Open dossiers</translation>
        </message>
        <message>
            <source>Cases that are not solved, referred or closed</source>
            <translation>Dossiers zonder oplossing, niet doorverwezen en niet afgesloten</translation>
        </message>
        <message>
            <source>Open questions</source>
            <translation>Open vragen</translation>
        </message>
        <message>
            <source>Questions that are new, in progress or dispatched</source>
            <translation>Vragen die nieuw, in behandeling of doorverwezen zijn</translation>
        </message>
        <message>
            <source>Contacts (12 months)</source>
            <translation>Contactmomenten (12 maanden)</translation>
        </message>
        <message>
            <source>Contact moments in the last twelve months</source>
            <translation>Contactmomenten in de laatste twaalf maanden</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Settings</source>
            <translation>Instellingen</translation>
        </message>
        <message>
            <source>Language of the application</source>
            <translation>Taal van de toepassing</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Taal:</translation>
        </message>
        <message>
            <source>A new language takes effect the next time you start VLOT Desktop.</source>
            <translation>Een andere taal geldt pas wanneer u VLOT Desktop opnieuw start.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceClashNotice</name>
        <message>
            <source>Give a new &amp;reference…</source>
            <translation>Nieuwe &amp;referentie geven…</translation>
        </message>
        <message>
            <source>Another case has the same reference (%1). Give this case a new reference.</source>
            <translation>Een ander dossier heeft dezelfde referentie (%1). Geef dit dossier een nieuwe referentie.</translation>
        </message>
        <message>
            <source>%2 other cases have the same reference (%1). Give this case a new reference.</source>
            <translation>%2 andere dossiers hebben dezelfde referentie (%1). Geef dit dossier een nieuwe referentie.</translation>
        </message>
        <message>
            <source>opened on %1</source>
            <translation>geopend op %1</translation>
        </message>
        <message>
            <source>New reference</source>
            <translation>Nieuwe referentie</translation>
        </message>
        <message>
            <source>Give this case (%1) a new reference?</source>
            <translation>Dit dossier (%1) een nieuwe referentie geven?</translation>
        </message>
        <message>
            <source>It gets the next reference of this laptop; the other case keeps %1. The old reference is written on the timeline. Let whoever has it on paper or in an e-mail know the new one.</source>
            <translation>Het krijgt de volgende referentie van deze laptop; het andere dossier houdt %1. De oude referentie komt op de tijdlijn. Laat wie ze op papier of in een e-mail heeft de nieuwe weten.</translation>
        </message>
        <message>
            <source>Give a &amp;new reference</source>
            <translation>&amp;Nieuwe referentie geven</translation>
        </message>
        <message>
            <source>This case now has reference %1; the old reference %2 is on the timeline.</source>
            <translation>Dit dossier heeft nu referentie %1; de oude referentie %2 staat op de tijdlijn.</translation>
        </message>
        <message>
            <source>No other case has this reference any more: it stays as it is.</source>
            <translation>Geen ander dossier heeft deze referentie nog: ze blijft zoals ze is.</translation>
        </message>
    </context>
    <context>
        <name>SyncAttemptTableModel</name>
        <message>
            <source>Succeeded</source>
            <translation>Gelukt</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Mislukt</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wanneer</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Resultaat</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
    </context>
    <context>
        <name>SyncController</name>
        <message>
            <source>Sync &amp;now</source>
            <translation>Nu &amp;synchroniseren</translation>
        </message>
        <message>
            <source>No share folder chosen yet: it is chosen when this laptop is set up (first-run step).</source>
            <translation>Nog geen gedeelde map gekozen: die wordt gekozen bij het instellen van deze laptop (eerste start).</translation>
        </message>
        <message>
            <source>Exchange the changes with the share folder now (F9)</source>
            <translation>De wijzigingen nu uitwisselen met de gedeelde map (F9)</translation>
        </message>
        <message>
            <source>Last sync: not yet</source>
            <translation>Laatste synchronisatie: nog niet</translation>
        </message>
        <message>
            <source>Last sync: %1</source>
            <translation>Laatste synchronisatie: %1</translation>
        </message>
        <message>
            <source>To send: %1</source>
            <translation>Te versturen: %1</translation>
        </message>
        <message>
            <source>Changes made on this laptop that are not on the share folder yet</source>
            <translation>Wijzigingen op deze laptop die nog niet op de gedeelde map staan</translation>
        </message>
        <message>
            <source>No share folder</source>
            <translation>Geen gedeelde map</translation>
        </message>
        <message>
            <source>Share reachable</source>
            <translation>Share bereikbaar</translation>
        </message>
        <message>
            <source>Share not reachable</source>
            <translation>Share niet bereikbaar</translation>
        </message>
        <message>
            <source>Synchronising…</source>
            <translation>Bezig met synchroniseren…</translation>
        </message>
        <message>
            <source>Synchronised: %1 sent, %2 received.</source>
            <translation>Klaar: %1 verstuurd, %2 ontvangen.</translation>
        </message>
        <message>
            <source>New conflicts: %1.</source>
            <translation>Nieuwe conflicten: %1.</translation>
        </message>
        <message>
            <source>The sync failed (%1).</source>
            <translation>De synchronisatie is mislukt (%1).</translation>
        </message>
        <message>
            <source>Not synchronised: %1</source>
            <translation>Niet gesynchroniseerd: %1</translation>
        </message>
        <message>
            <source>Read-only: update the application</source>
            <translation>Alleen lezen: werk de toepassing bij</translation>
        </message>
        <message>
            <source>Records taken from the snapshot on the share: %1.</source>
            <translation>Records overgenomen uit de momentopname op de share: %1.</translation>
        </message>
        <message>
            <source>Changes made with a newer version of VLOT Desktop were kept for later: %1. Update this laptop to see them.</source>
            <translation>Wijzigingen gemaakt met een nieuwere versie van VLOT Desktop zijn bewaard voor later: %1. Werk deze laptop bij om ze te zien.</translation>
        </message>
        <message>
            <source>Damaged attachments on the share, not kept: %1.</source>
            <translation>Beschadigde bijlagen op de share, niet bewaard: %1.</translation>
        </message>
        <message>
            <source>Attachments still to fetch: %1.</source>
            <translation>Bijlagen nog op te halen: %1.</translation>
        </message>
        <message>
            <source>The clock of this laptop is %1 hours behind the file server: set the date and time right.</source>
            <translation>De klok van deze laptop loopt %1 uur achter op de bestandsserver: zet de datum en tijd juist.</translation>
        </message>
        <message>
            <source>This data folder was restored from a backup or copied: it now sends its changes under a new name. Nothing was lost.</source>
            <translation>Deze gegevensmap werd teruggezet uit een back-up of gekopieerd: ze stuurt haar wijzigingen nu onder een nieuwe naam. Er ging niets verloren.</translation>
        </message>
        <message>
            <source>The clock of %2 is wrong: changes dated in the future are held back (%1 file(s)). Set that laptop's date and time right.</source>
            <translation>De klok van %2 staat verkeerd: wijzigingen met een datum in de toekomst worden tegengehouden (%1 bestand(en)). Zet de datum en tijd van die laptop juist.</translation>
        </message>
        <message>
            <source>another laptop</source>
            <translation>een andere laptop</translation>
        </message>
        <message>
            <source>Damaged or unknown files on the share, set aside: %1 (from %2).</source>
            <translation>Beschadigde of onbekende bestanden op de share, opzijgezet: %1 (van %2).</translation>
        </message>
        <message>
            <source>Values that other laptops cannot take in (too long or damaged) were not sent: %1. Shorten or correct them.</source>
            <translation>Waarden die andere laptops niet kunnen overnemen (te lang of beschadigd) werden niet verstuurd: %1. Maak ze korter of verbeter ze.</translation>
        </message>
        <message>
            <source>The clock of this laptop is %1 minutes off: set the date and time right.</source>
            <translation>De klok van deze laptop loopt %1 minuten verkeerd: zet de datum en het uur juist.</translation>
        </message>
        <message>
            <source>The disk of this laptop is full: make room and synchronise again. Nothing was lost.</source>
            <translation>De schijf van deze laptop is vol: maak ruimte vrij en synchroniseer opnieuw. Er is niets verloren.</translation>
        </message>
    </context>
    <context>
        <name>SyncLabels</name>
        <message>
            <source>Reception location</source>
            <translation>Opvanglocatie</translation>
        </message>
        <message>
            <source>Reception place</source>
            <translation>Opvangplaats</translation>
        </message>
        <message>
            <source>Location partner</source>
            <translation>Partner van de locatie</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisatie</translation>
        </message>
        <message>
            <source>Contact person</source>
            <translation>Contactpersoon</translation>
        </message>
        <message>
            <source>Staff member</source>
            <translation>Medewerker</translation>
        </message>
        <message>
            <source>Laptop</source>
            <translation>Laptop</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <source>Household member</source>
            <translation>Gezinslid</translation>
        </message>
        <message>
            <source>Case event</source>
            <translation>Dossiergebeurtenis</translation>
        </message>
        <message>
            <source>Helpdesk question</source>
            <translation>Helpdeskvraag</translation>
        </message>
        <message>
            <source>Contact moment</source>
            <translation>Contactmoment</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>Overleg</translation>
        </message>
        <message>
            <source>Meeting item</source>
            <translation>Agendapunt</translation>
        </message>
        <message>
            <source>Prospect visit</source>
            <translation>Prospectiebezoek</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>Vaststelling</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Bijlage</translation>
        </message>
        <message>
            <source>(deleted record)</source>
            <translation>(verwijderd record)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Naam</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notities</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>E-mail address</source>
            <translation>E-mailadres</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Telefoon</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Voornaam</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Achternaam</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rol</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actief</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Onderwerp</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Referentie</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adres</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Soort</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>(leeg)</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>no</source>
            <translation>nee</translation>
        </message>
        <message>
            <source>edited, deleted elsewhere</source>
            <translation>Gewijzigd, elders verwijderd</translation>
        </message>
    </context>
    <context>
        <name>SyncView</name>
        <message>
            <source>Synchronisation</source>
            <translation>Synchronisatie</translation>
        </message>
        <message>
            <source>Recent sync rounds of this laptop</source>
            <translation>Recente synchronisaties van deze laptop</translation>
        </message>
        <message>
            <source>Change files exchanged with the share folder</source>
            <translation>Wijzigingsbestanden uitgewisseld met de gedeelde map</translation>
        </message>
        <message>
            <source>No sync yet on this laptop (F9 syncs now).</source>
            <translation>Nog geen synchronisatie op deze laptop (F9 synchroniseert nu).</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>The data could not be read</source>
            <translation>De gegevens konden niet gelezen worden</translation>
        </message>
        <message>
            <source>VLOT Desktop cannot start</source>
            <translation>VLOT Desktop kan niet starten</translation>
        </message>
        <message>
            <source>Something went wrong</source>
            <translation>Er ging iets mis</translation>
        </message>
        <message>
            <source>Something went wrong in VLOT Desktop. What you were doing may not have been completed.</source>
            <translation>Er ging iets mis in VLOT Desktop. Wat u aan het doen was, is misschien niet afgewerkt.</translation>
        </message>
        <message>
            <source>The technical details are in the log file %1. Send this file to whoever supports VLOT Desktop; it contains no personal data.</source>
            <translation>De technische details staan in het logbestand %1. Bezorg dit bestand aan wie VLOT Desktop ondersteunt; het bevat geen persoonsgegevens.</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Map openen</translation>
        </message>
    </context>
</TS>
