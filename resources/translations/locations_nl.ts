<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
    <context>
        <name>CapacityHistoryModel</name>
        <message>
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Voor</translation>
        </message>
        <message>
            <source>After</source>
            <translation>Na</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Door</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reden</translation>
        </message>
    </context>
    <context>
        <name>FreePlaceTreeModel</name>
        <message>
            <source>Province / municipality / location</source>
            <translation>Provincie / gemeente / locatie</translation>
        </message>
        <message>
            <source>Free places</source>
            <translation>Vrije plaatsen</translation>
        </message>
        <message>
            <source>Locations</source>
            <translation>Locaties</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adres</translation>
        </message>
    </context>
    <context>
        <name>FreePlacesView</name>
        <message>
            <source>Free places</source>
            <translation>Vrije plaatsen</translation>
        </message>
        <message>
            <source>&amp;Export to CSV…</source>
            <translation>&amp;Exporteren naar CSV…</translation>
        </message>
        <message>
            <source>&amp;Open location</source>
            <translation>Locatie &amp;openen</translation>
        </message>
        <message>
            <source>Only locations for &amp;vulnerable profiles</source>
            <translation>Alleen locaties voor &amp;kwetsbare profielen</translation>
        </message>
        <message>
            <source>Only &amp;wheelchair accessible locations</source>
            <translation>Alleen &amp;rolstoeltoegankelijke locaties</translation>
        </message>
        <message>
            <source>Free places per province, municipality and location</source>
            <translation>Vrije plaatsen per provincie, gemeente en locatie</translation>
        </message>
        <message>
            <source>%1 free places in %2 locations</source>
            <translation>%1 vrije plaatsen in %2 locaties</translation>
        </message>
        <message>
            <source>Export free places</source>
            <translation>Vrije plaatsen exporteren</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV-bestanden (*.csv)</translation>
        </message>
        <message>
            <source>%1 locations exported to %2.</source>
            <translation>%1 locaties geëxporteerd naar %2.</translation>
        </message>
        <message>
            <source>The file could not be written: %1</source>
            <translation>Het bestand kon niet worden geschreven: %1</translation>
        </message>
    </context>
    <context>
        <name>LocationDetailPane</name>
        <message>
            <source>Choose a location in the list to see and edit its details.</source>
            <translation>Kies een locatie in de lijst om haar gegevens te zien en te wijzigen.</translation>
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
            <source>Undo the last change (Ctrl+Z)</source>
            <translation>De laatste wijziging ongedaan maken (Ctrl+Z)</translation>
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
            <source>&amp;Status and partners</source>
            <translation>&amp;Status en partners</translation>
        </message>
        <message>
            <source>&amp;Places</source>
            <translation>&amp;Plaatsen</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>&amp;Verwijderen…</translation>
        </message>
        <message>
            <source>Delete a location entered by mistake (a location in use is closed instead)</source>
            <translation>Een locatie verwijderen die per vergissing ingevoerd is (een locatie in gebruik sluit je in de plaats)</translation>
        </message>
    </context>
    <context>
        <name>LocationForm</name>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Naam</translation>
        </message>
        <message>
            <source>&amp;Type</source>
            <translation>&amp;Type</translation>
        </message>
        <message>
            <source>&amp;Street</source>
            <translation>&amp;Straat</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Nummer</translation>
        </message>
        <message>
            <source>&amp;Postcode</source>
            <translation>&amp;Postcode</translation>
        </message>
        <message>
            <source>&amp;Municipality</source>
            <translation>&amp;Gemeente</translation>
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation>&amp;Eigenaar</translation>
        </message>
        <message>
            <source>Owner's contact person</source>
            <translation>Contactpersoon eigenaar</translation>
        </message>
        <message>
            <source>Municipal contact person</source>
            <translation>Contactpersoon gemeente</translation>
        </message>
        <message>
            <source>&amp;Capacity (places)</source>
            <translation>&amp;Capaciteit (plaatsen)</translation>
        </message>
        <message>
            <source>Opened on</source>
            <translation>Geopend op</translation>
        </message>
        <message>
            <source>Closed on</source>
            <translation>Gesloten op</translation>
        </message>
        <message>
            <source>Subsidy scheme</source>
            <translation>Subsidieregeling</translation>
        </message>
        <message>
            <source>Subsidy reference</source>
            <translation>Subsidiedossier</translation>
        </message>
        <message>
            <source>Wheelchair accessible</source>
            <translation>Rolstoeltoegankelijk</translation>
        </message>
        <message>
            <source>Suits families</source>
            <translation>Gezinnen</translation>
        </message>
        <message>
            <source>Suits singles</source>
            <translation>Alleenstaanden</translation>
        </message>
        <message>
            <source>Suits medical needs</source>
            <translation>Medische noden</translation>
        </message>
        <message>
            <source>Suits vulnerable profiles</source>
            <translation>Kwetsbare profielen</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notities</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>Locatie</translation>
        </message>
        <message>
            <source>Owner and contacts</source>
            <translation>Eigenaar en contactpersonen</translation>
        </message>
        <message>
            <source>Capacity and dates</source>
            <translation>Capaciteit en data</translation>
        </message>
        <message>
            <source>Suitable for</source>
            <translation>Geschikt voor</translation>
        </message>
        <message>
            <source>Subsidy</source>
            <translation>Subsidie</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(geen)</translation>
        </message>
        <message>
            <source>This location no longer exists.</source>
            <translation>Deze locatie bestaat niet meer.</translation>
        </message>
        <message>
            <source>New owner</source>
            <translation>Nieuwe eigenaar</translation>
        </message>
        <message>
            <source>&amp;E-mail</source>
            <translation>&amp;E-mail</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>&amp;Telefoon</translation>
        </message>
        <message>
            <source>Choose the owner first: the contact person belongs to the owner.</source>
            <translation>Kies eerst de eigenaar: de contactpersoon hoort bij de eigenaar.</translation>
        </message>
        <message>
            <source>&amp;First name</source>
            <translation>&amp;Voornaam</translation>
        </message>
        <message>
            <source>&amp;Last name</source>
            <translation>&amp;Achternaam</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>&amp;Rol</translation>
        </message>
        <message>
            <source>New contact person of the owner</source>
            <translation>Nieuwe contactpersoon van de eigenaar</translation>
        </message>
        <message>
            <source>New contact person of the municipality</source>
            <translation>Nieuwe contactpersoon van de gemeente</translation>
        </message>
    </context>
    <context>
        <name>LocationTableModel</name>
        <message>
            <source>Name</source>
            <translation>Naam</translation>
        </message>
        <message>
            <source>Name of the reception location</source>
            <translation>Naam van de opvanglocatie</translation>
        </message>
        <message>
            <source>Municipality</source>
            <translation>Gemeente</translation>
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
            <source>Capacity</source>
            <translation>Capaciteit</translation>
        </message>
        <message>
            <source>Number of places</source>
            <translation>Aantal plaatsen</translation>
        </message>
        <message>
            <source>Occupied</source>
            <translation>Bezet</translation>
        </message>
        <message>
            <source>Occupied places</source>
            <translation>Bezette plaatsen</translation>
        </message>
        <message>
            <source>Free</source>
            <translation>Vrij</translation>
        </message>
        <message>
            <source>Free places</source>
            <translation>Vrije plaatsen</translation>
        </message>
        <message>
            <source>Offered to FEDASIL</source>
            <translation>Aan FEDASIL</translation>
        </message>
        <message>
            <source>Places offered to FEDASIL</source>
            <translation>Plaatsen aangeboden aan FEDASIL</translation>
        </message>
    </context>
    <context>
        <name>LocationsView</name>
        <message>
            <source>&amp;Import…</source>
            <translation>&amp;Importeren…</translation>
        </message>
        <message>
            <source>Import locations from Excel (.xlsx) or CSV</source>
            <translation>Locaties inlezen uit Excel (.xlsx) of CSV</translation>
        </message>
        <message>
            <source>E&amp;xport…</source>
            <translation>E&amp;xporteren…</translation>
        </message>
        <message>
            <source>Export the locations shown to Excel or CSV</source>
            <translation>De getoonde locaties opslaan als Excel of CSV</translation>
        </message>
        <message>
            <source>Reception locations</source>
            <translation>Opvanglocaties</translation>
        </message>
        <message>
            <source>&amp;New location…</source>
            <translation>&amp;Nieuwe locatie…</translation>
        </message>
        <message>
            <source>Name, street or municipality</source>
            <translation>Naam, straat of gemeente</translation>
        </message>
        <message>
            <source>Search a location</source>
            <translation>Zoek een opvanglocatie</translation>
        </message>
        <message>
            <source>&amp;Search:</source>
            <translation>&amp;Zoeken:</translation>
        </message>
        <message>
            <source>Filter by region</source>
            <translation>Filter op regio</translation>
        </message>
        <message>
            <source>All regions</source>
            <translation>Alle regio's</translation>
        </message>
        <message>
            <source>&amp;Region:</source>
            <translation>&amp;Regio:</translation>
        </message>
        <message>
            <source>Filter by municipality</source>
            <translation>Filter op gemeente</translation>
        </message>
        <message>
            <source>All municipalities</source>
            <translation>Alle gemeenten</translation>
        </message>
        <message>
            <source>&amp;Municipality:</source>
            <translation>&amp;Gemeente:</translation>
        </message>
        <message>
            <source>Filter by type</source>
            <translation>Filter op type</translation>
        </message>
        <message>
            <source>All types</source>
            <translation>Alle types</translation>
        </message>
        <message>
            <source>Filter by status</source>
            <translation>Filter op status</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Alle statussen</translation>
        </message>
        <message>
            <source>&amp;Type:</source>
            <translation>&amp;Type:</translation>
        </message>
        <message>
            <source>S&amp;tatus:</source>
            <translation>S&amp;tatus:</translation>
        </message>
        <message>
            <source>With &amp;free places</source>
            <translation>Met &amp;vrije plaatsen</translation>
        </message>
        <message>
            <source>Suits &amp;vulnerable profiles</source>
            <translation>Geschikt voor &amp;kwetsbare profielen</translation>
        </message>
        <message>
            <source>1 location</source>
            <translation>1 locatie</translation>
        </message>
        <message>
            <source>%1 locations</source>
            <translation>%1 locaties</translation>
        </message>
        <message>
            <source>%1 · capacity %2 · occupied %3 · free %4 · offered to FEDASIL %5</source>
            <translation>%1 · capaciteit %2 · bezet %3 · vrij %4 · aangeboden aan FEDASIL %5</translation>
        </message>
    </context>
    <context>
        <name>NewLocationDialog</name>
        <message>
            <source>New reception location</source>
            <translation>Nieuwe opvanglocatie</translation>
        </message>
        <message>
            <source>Name of the new location</source>
            <translation>Naam van de nieuwe locatie</translation>
        </message>
        <message>
            <source>Type of the new location</source>
            <translation>Type van de nieuwe locatie</translation>
        </message>
        <message>
            <source>Municipality of the new location</source>
            <translation>Gemeente van de nieuwe locatie</translation>
        </message>
        <message>
            <source>(choose)</source>
            <translation>(kies)</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Naam:</translation>
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
            <source>The location starts as a prospect without places.</source>
            <translation>De locatie begint als prospect, zonder plaatsen.</translation>
        </message>
    </context>
    <context>
        <name>OccupancyChart</name>
        <message>
            <source>Occupancy per month</source>
            <translation>Bezetting per maand</translation>
        </message>
        <message>
            <source>Occupied</source>
            <translation>Bezet</translation>
        </message>
        <message>
            <source>Offered to FEDASIL</source>
            <translation>Aangeboden aan FEDASIL</translation>
        </message>
        <message>
            <source>Free</source>
            <translation>Vrij</translation>
        </message>
        <message>
            <source>Out of use</source>
            <translation>Buiten gebruik</translation>
        </message>
        <message>
            <source>%1: %2 of %3 places occupied</source>
            <translation>%1: %2 van %3 plaatsen bezet</translation>
        </message>
        <message>
            <source>No place history yet.</source>
            <translation>Nog geen geschiedenis van plaatsen.</translation>
        </message>
    </context>
    <context>
        <name>PartnerTableModel</name>
        <message>
            <source>Municipality</source>
            <translation>Gemeente</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rol</translation>
        </message>
    </context>
    <context>
        <name>PlaceTableModel</name>
        <message>
            <source>Place</source>
            <translation>Plaats</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Sinds</translation>
        </message>
        <message>
            <source>Offered to FEDASIL on</source>
            <translation>Aangeboden aan FEDASIL op</translation>
        </message>
    </context>
    <context>
        <name>PlacesPanel</name>
        <message>
            <source>Places of the location</source>
            <translation>Plaatsen van de locatie</translation>
        </message>
        <message>
            <source>&amp;Date:</source>
            <translation>&amp;Datum:</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>dd/mm/jjjj</translation>
        </message>
        <message>
            <source>Date of the change</source>
            <translation>Datum van de wijziging</translation>
        </message>
        <message>
            <source>Mark &amp;occupied</source>
            <translation>Markeer &amp;bezet</translation>
        </message>
        <message>
            <source>Mark &amp;free</source>
            <translation>Markeer &amp;vrij</translation>
        </message>
        <message>
            <source>Offer to FEDASIL</source>
            <translation>Aanbieden aan FEDASIL</translation>
        </message>
        <message>
            <source>Take out of use</source>
            <translation>Buiten gebruik stellen</translation>
        </message>
        <message>
            <source>Occupancy over time</source>
            <translation>Bezetting in de tijd</translation>
        </message>
        <message>
            <source>Capacity changes</source>
            <translation>Wijzigingen van de capaciteit</translation>
        </message>
        <message>
            <source>Capacity: %1</source>
            <translation>Capaciteit: %1</translation>
        </message>
        <message>
            <source>This location no longer exists.</source>
            <translation>Deze locatie bestaat niet meer.</translation>
        </message>
        <message>
            <source>Set all %1 places of %2 to %3?</source>
            <translation>Alle %1 plaatsen van %2 op %3 zetten?</translation>
        </message>
        <message>
            <source>Set %1 of the %2 places of %3 to %4?</source>
            <translation>%1 van de %2 plaatsen van %3 op %4 zetten?</translation>
        </message>
        <message>
            <source>%1 places change from %2.</source>
            <translation>%1 plaatsen veranderen vanaf %2.</translation>
        </message>
        <message>
            <source>%1 of them are %2 already and stay as they are.</source>
            <translation>%1 ervan zijn al %2 en blijven zoals ze zijn.</translation>
        </message>
        <message>
            <source>You can undo it afterwards (Undo, or Ctrl+Z).</source>
            <translation>U kunt dit daarna ongedaan maken (Ongedaan maken, of Ctrl+Z).</translation>
        </message>
        <message>
            <source>Set to %1</source>
            <translation>Op %1 zetten</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <source>1 place set to %1.</source>
            <translation>1 plaats op %1 gezet.</translation>
        </message>
        <message>
            <source>%1 places set to %2.</source>
            <translation>%1 plaatsen op %2 gezet.</translation>
        </message>
        <message>
            <source>These places are %1 already.</source>
            <translation>Deze plaatsen zijn al %1.</translation>
        </message>
        <message>
            <source>Undone: the place is back as it was.</source>
            <translation>Ongedaan gemaakt: de plaats staat weer zoals voordien.</translation>
        </message>
        <message>
            <source>Undone: the %1 places are back as they were.</source>
            <translation>Ongedaan gemaakt: de %1 plaatsen staan weer zoals voordien.</translation>
        </message>
        <message>
            <source>%1 changed again since and stay as they are.</source>
            <translation>%1 werden intussen opnieuw gewijzigd en blijven zoals ze zijn.</translation>
        </message>
    </context>
    <context>
        <name>StatusHistoryModel</name>
        <message>
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Van</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Naar</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Door</translation>
        </message>
        <message>
            <source>Remark</source>
            <translation>Opmerking</translation>
        </message>
    </context>
    <context>
        <name>StatusPanel</name>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>New status</source>
            <translation>Nieuwe status</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>dd/mm/jjjj</translation>
        </message>
        <message>
            <source>Date of the status change</source>
            <translation>Datum van de statuswijziging</translation>
        </message>
        <message>
            <source>Remark</source>
            <translation>Opmerking</translation>
        </message>
        <message>
            <source>&amp;Change status</source>
            <translation>Status &amp;wijzigen</translation>
        </message>
        <message>
            <source>Current status:</source>
            <translation>Huidige status:</translation>
        </message>
        <message>
            <source>&amp;New status:</source>
            <translation>&amp;Nieuwe status:</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>Vanaf:</translation>
        </message>
        <message>
            <source>Remark:</source>
            <translation>Opmerking:</translation>
        </message>
        <message>
            <source>Status history</source>
            <translation>Geschiedenis van de status</translation>
        </message>
        <message>
            <source>Partner municipalities</source>
            <translation>Partnergemeenten</translation>
        </message>
        <message>
            <source>Partner municipality to add</source>
            <translation>Partnergemeente om toe te voegen</translation>
        </message>
        <message>
            <source>Role, e.g. co-financing</source>
            <translation>Rol, bv. medefinanciering</translation>
        </message>
        <message>
            <source>Role of the partner</source>
            <translation>Rol van de partner</translation>
        </message>
        <message>
            <source>Add partner</source>
            <translation>Partner toevoegen</translation>
        </message>
        <message>
            <source>Remove partner</source>
            <translation>Partner verwijderen</translation>
        </message>
        <message>
            <source>%1 since %2</source>
            <translation>%1 sinds %2</translation>
        </message>
        <message>
            <source>Choose a partner in the list first.</source>
            <translation>Kies eerst een partner in de lijst.</translation>
        </message>
    </context>
    <context>
        <name>LocationDeleter</name>
        <message>
            <source>Delete location</source>
            <translation>Locatie verwijderen</translation>
        </message>
        <message>
            <source>Delete “%1” with its places and their history? Use this for a location entered by mistake. It disappears on every laptop at the next sync and cannot be undone.</source>
            <translation>“%1” verwijderen met zijn plaatsen en hun geschiedenis? Doe dit voor een locatie die per vergissing ingevoerd is. Ze verdwijnt bij de volgende synchronisatie op elke laptop en dit kan niet ongedaan gemaakt worden.</translation>
        </message>
        <message>
            <source>This location cannot be deleted:</source>
            <translation>Deze locatie kan niet verwijderd worden:</translation>
        </message>
        <message>
            <source>Set its status to Closed instead: its history and the figures stay.</source>
            <translation>Zet de status op Gesloten: de geschiedenis en de cijfers blijven dan bewaard.</translation>
        </message>
        <message>
            <source>The location could not be deleted: %1</source>
            <translation>De locatie kon niet verwijderd worden: %1</translation>
        </message>
    </context>
</TS>
