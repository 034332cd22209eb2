<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
<context>
    <name>ItemEditor</name>
    <message>
        <source>Remark, bottleneck or opportunity (F2)</source>
        <translation>Opmerking, knelpunt of opportuniteit (F2)</translation>
    </message>
    <message>
        <source>Remark, bottleneck or opportunity</source>
        <translation>Opmerking, knelpunt of opportuniteit</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Remark on %1</source>
        <translation>Opmerking bij %1</translation>
    </message>
    <message>
        <source>No finding</source>
        <translation>Geen knelpunt of opportuniteit</translation>
    </message>
    <message>
        <source>Bottleneck</source>
        <translation>Knelpunt</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportuniteit</translation>
    </message>
    <message>
        <source>Action: what needs to happen</source>
        <translation>Actie: wat moet er gebeuren</translation>
    </message>
    <message>
        <source>Who, e.g. owner, municipality, VLOT</source>
        <translation>Wie, bv. eigenaar, gemeente, VLOT</translation>
    </message>
    <message>
        <source>Who takes up %1</source>
        <translation>Wie neemt %1 op</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Wie:</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>geen datum</translation>
    </message>
    <message>
        <source>By when for %1</source>
        <translation>Tegen wanneer voor %1</translation>
    </message>
    <message>
        <source>&amp;By when:</source>
        <translation>&amp;Tegen wanneer:</translation>
    </message>
    <message>
        <source>Action for %1</source>
        <translation>Actie bij %1</translation>
    </message>
    <message>
        <source>Yes (J)</source>
        <translation>Ja (J)</translation>
    </message>
    <message>
        <source>No (N)</source>
        <translation>Nee (N)</translation>
    </message>
    <message>
        <source>N/A (O)</source>
        <translation>N.v.t. (O)</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(niet beantwoord)</translation>
    </message>
    <message>
        <source>Photos…</source>
        <translation>Foto's…</translation>
    </message>
    <message>
        <source>Link photos to %1</source>
        <translation>Foto's koppelen aan %1</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 12 or 12,5.</source>
        <translation>Vul een getal in, bijvoorbeeld 12 of 12,5.</translation>
    </message>
    <message>
        <source>%1 photo(s) linked</source>
        <translation>%1 foto('s) gekoppeld</translation>
    </message>
    <message>
        <source>No photo linked yet</source>
        <translation>Nog geen foto gekoppeld</translation>
    </message>
    <message>
        <source>Remark ✓</source>
        <translation>Opmerking ✓</translation>
    </message>
    <message>
        <source>Remark…</source>
        <translation>Opmerking…</translation>
    </message>
</context>
<context>
    <name>NewProspectDialog</name>
    <message>
        <source>New prospect</source>
        <translation>Nieuwe prospectie</translation>
    </message>
    <message>
        <source>Name of the building</source>
        <translation>Naam van het gebouw</translation>
    </message>
    <message>
        <source>e.g. Klooster Sint-Jozef</source>
        <translation>bv. Klooster Sint-Jozef</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>(choose a municipality)</source>
        <translation>(kies een gemeente)</translation>
    </message>
    <message>
        <source>Date of the visit</source>
        <translation>Datum van het bezoek</translation>
    </message>
    <message>
        <source>(no user set up)</source>
        <translation>(geen gebruiker ingesteld)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Street and number:</source>
        <translation>&amp;Straat en nummer:</translation>
    </message>
    <message>
        <source>&amp;Postcode and municipality:</source>
        <translation>&amp;Postcode en gemeente:</translation>
    </message>
    <message>
        <source>&amp;Date of the visit:</source>
        <translation>&amp;Datum van het bezoek:</translation>
    </message>
    <message>
        <source>Visitor:</source>
        <translation>Bezoeker:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Aanmaken</translation>
    </message>
</context>
<context>
    <name>ParticipantEditor</name>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Name of the participant</source>
        <translation>Naam van de deelnemer</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Organisation of the participant</source>
        <translation>Organisatie van de deelnemer</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Remove this participant</source>
        <translation>Deze deelnemer verwijderen</translation>
    </message>
</context>
<context>
    <name>PhotoCard</name>
    <message>
        <source>Photo not on this laptop yet</source>
        <translation>Foto nog niet op deze laptop</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Bijschrift</translation>
    </message>
    <message>
        <source>Caption of %1</source>
        <translation>Bijschrift van %1</translation>
    </message>
    <message>
        <source>Checklist item of this photo</source>
        <translation>Vraag van de checklist bij deze foto</translation>
    </message>
    <message>
        <source>(not linked to an item)</source>
        <translation>(niet gekoppeld aan een vraag)</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Foto verwijderen</translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <source>Add photos…</source>
        <translation>Foto's toevoegen…</translation>
    </message>
    <message>
        <source>Choose one or more photos (or drag them here)</source>
        <translation>Kies een of meer foto's (of sleep ze hierheen)</translation>
    </message>
    <message>
        <source>Link new photos to:</source>
        <translation>Nieuwe foto's koppelen aan:</translation>
    </message>
    <message>
        <source>Checklist item for new photos</source>
        <translation>Vraag van de checklist voor nieuwe foto's</translation>
    </message>
    <message>
        <source>(not linked to an item)</source>
        <translation>(niet gekoppeld aan een vraag)</translation>
    </message>
    <message>
        <source>Or drag photos from the file manager onto this page.</source>
        <translation>Of sleep foto's uit de verkenner naar deze pagina.</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>Nog geen foto's.</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>Foto's toevoegen</translation>
    </message>
    <message>
        <source>Photos (%1);;All files (*)</source>
        <translation>Foto's (%1);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Adding %1 file(s)…</source>
        <translation>%1 bestand(en) toevoegen…</translation>
    </message>
    <message>
        <source>%1 photo(s) added.</source>
        <translation>%1 foto('s) toegevoegd.</translation>
    </message>
    <message>
        <source>'%1' is already with this visit and was not added again.</source>
        <translation>‘%1’ staat al bij dit bezoek en is niet opnieuw toegevoegd.</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Foto verwijderen</translation>
    </message>
    <message>
        <source>Remove the photo '%1' from this visit?</source>
        <translation>De foto ‘%1’ van dit bezoek verwijderen?</translation>
    </message>
</context>
<context>
    <name>ProspectTableModel</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Name of the building</source>
        <translation>Naam van het gebouw</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Street, postcode</source>
        <translation>Straat, postcode</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Municipality of the building</source>
        <translation>Gemeente van het gebouw</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Where the prospect stands</source>
        <translation>Hoe ver de prospectie staat</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Date of the site visit</source>
        <translation>Datum van het plaatsbezoek</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Bezoeker</translation>
    </message>
    <message>
        <source>Who visits (or visited) the building</source>
        <translation>Wie het gebouw bezoekt (of bezocht)</translation>
    </message>
    <message>
        <source>Estimated places</source>
        <translation>Geschatte plaatsen</translation>
    </message>
    <message>
        <source>Places the building could give, as estimated at the visit</source>
        <translation>Opvangplaatsen die het gebouw kan geven, geschat bij het bezoek</translation>
    </message>
</context>
<context>
    <name>ProspectsView</name>
    <message>
        <source>Reports (PDF)…</source>
        <translation>Verslagen (PDF)…</translation>
    </message>
    <message>
        <source>The prospect reports of every prospect in the list, as PDF</source>
        <translation>De prospectieverslagen van alle prospecties in de lijst, als PDF</translation>
    </message>
    <message>
        <source>Prospect reports</source>
        <translation>Prospectieverslagen</translation>
    </message>
    <message>
        <source>There are no prospects in the list.</source>
        <translation>Er staan geen prospecties in de lijst.</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Prospecties</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>Name, street or municipality</source>
        <translation>Naam, straat of gemeente</translation>
    </message>
    <message>
        <source>Search a prospect by name or address</source>
        <translation>Een prospectie zoeken op naam of adres</translation>
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
        <source>&amp;Period:</source>
        <translation>P&amp;eriode:</translation>
    </message>
    <message>
        <source>Filter by date of the visit</source>
        <translation>Filteren op datum van het bezoek</translation>
    </message>
    <message>
        <source>&amp;Visitor:</source>
        <translation>&amp;Bezoeker:</translation>
    </message>
    <message>
        <source>Filter by visitor</source>
        <translation>Filteren op bezoeker</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle statussen</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Alle datums</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Laatste 30 dagen</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>Laatste 3 maanden</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Laatste 12 maanden</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dit jaar</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Vorig jaar</translation>
    </message>
    <message>
        <source>Planned (from today)</source>
        <translation>Gepland (vanaf vandaag)</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle teams</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Alle gemeenten</translation>
    </message>
    <message>
        <source>All visitors</source>
        <translation>Alle bezoekers</translation>
    </message>
    <message>
        <source>New prospect…</source>
        <translation>Nieuwe prospectie…</translation>
    </message>
    <message>
        <source>Plan a new prospect visit (Ctrl+N)</source>
        <translation>Een nieuw plaatsbezoek plannen (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>Open the selected prospect in visit mode (Enter)</source>
        <translation>De gekozen prospectie openen in bezoekmodus (Enter)</translation>
    </message>
    <message>
        <source>%1 prospect</source>
        <translation>%1 prospectie</translation>
    </message>
    <message>
        <source>%1 prospects</source>
        <translation>%1 prospecties</translation>
    </message>
    <message>
        <source>%1 · %2 estimated places</source>
        <translation>%1 · %2 geschatte plaatsen</translation>
    </message>
</context>
<context>
    <name>SectionRow</name>
    <message>
        <source>%1/%2 answered</source>
        <translation>%1/%2 beantwoord</translation>
    </message>
    <message>
        <source>%1 required open</source>
        <translation>%1 verplicht open</translation>
    </message>
</context>
<context>
    <name>VisitDetailsPage</name>
    <message>
        <source>Name of the building</source>
        <translation>Naam van het gebouw</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Date of the visit</source>
        <translation>Datum van het bezoek</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>geen datum</translation>
    </message>
    <message>
        <source>Estimated number of places</source>
        <translation>Geschat aantal opvangplaatsen</translation>
    </message>
    <message>
        <source>not filled in</source>
        <translation>niet ingevuld</translation>
    </message>
    <message>
        <source>General impression</source>
        <translation>Algemene indruk</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Explanation of the outcome</source>
        <translation>Toelichting bij de uitkomst</translation>
    </message>
    <message>
        <source>Convert to reception location…</source>
        <translation>Omzetten naar opvanglocatie…</translation>
    </message>
    <message>
        <source>A positive prospect becomes a reception location in preparation, with its estimated places</source>
        <translation>Een positieve prospectie wordt een opvanglocatie in voorbereiding, met de geschatte plaatsen</translation>
    </message>
    <message>
        <source>Building and visit</source>
        <translation>Gebouw en bezoek</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Street and number:</source>
        <translation>&amp;Straat en nummer:</translation>
    </message>
    <message>
        <source>&amp;Postcode and municipality:</source>
        <translation>&amp;Postcode en gemeente:</translation>
    </message>
    <message>
        <source>&amp;Date of the visit:</source>
        <translation>&amp;Datum van het bezoek:</translation>
    </message>
    <message>
        <source>Visitor:</source>
        <translation>Bezoeker:</translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation>Checklist:</translation>
    </message>
    <message>
        <source>Estimated &amp;places:</source>
        <translation>Geschatte &amp;plaatsen:</translation>
    </message>
    <message>
        <source>General &amp;impression:</source>
        <translation>Algemene &amp;indruk:</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Uitkomst:</translation>
    </message>
    <message>
        <source>E&amp;xplanation:</source>
        <translation>&amp;Toelichting:</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Deelnemers</translation>
    </message>
    <message>
        <source>Add participant</source>
        <translation>Deelnemer toevoegen</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, versie %2</translation>
    </message>
</context>
<context>
    <name>VisitView</name>
    <message>
        <source>← Back to the list</source>
        <translation>← Terug naar de lijst</translation>
    </message>
    <message>
        <source>Back to the list of prospects (Alt+Left)</source>
        <translation>Terug naar de lijst van prospecties (Alt+Links)</translation>
    </message>
    <message>
        <source>Report (PDF)</source>
        <translation>Rapport (PDF)</translation>
    </message>
    <message>
        <source>Make the prospect report as a PDF and open it (Ctrl+P)</source>
        <translation>Het prospectierapport als PDF maken en openen (Ctrl+P)</translation>
    </message>
    <message>
        <source>Sections of the checklist</source>
        <translation>Onderdelen van de checklist</translation>
    </message>
    <message>
        <source>Visit and outcome</source>
        <translation>Bezoek en uitkomst</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Foto's</translation>
    </message>
    <message>
        <source>J = yes, N = no, O or 0 = n/a · ↑/↓, Enter or Tab: next item · F2: remark, bottleneck or opportunity · * required</source>
        <translation>J = ja, N = nee, O of 0 = n.v.t. · ↑/↓, Enter of Tab: volgende vraag · F2: opmerking, knelpunt of opportuniteit · * verplicht</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Opgeslagen om %1</translation>
    </message>
    <message>
        <source>Not saved: see the message</source>
        <translation>Niet opgeslagen: zie de melding</translation>
    </message>
    <message>
        <source>Convert to reception location</source>
        <translation>Omzetten naar opvanglocatie</translation>
    </message>
    <message>
        <source>Create a reception location in preparation with %1 places from this prospect?</source>
        <translation>Van deze prospectie een opvanglocatie in voorbereiding maken met %1 plaatsen?</translation>
    </message>
    <message>
        <source>Converted: reception location '%1' is in preparation with %2 places.</source>
        <translation>Omgezet: opvanglocatie ‘%1’ is in voorbereiding met %2 plaatsen.</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>Rapport wordt gemaakt…</translation>
    </message>
    <message>
        <source>Report ready</source>
        <translation>Rapport klaar</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>Het rapport kon niet bewaard worden: %1</translation>
    </message>
</context>
    <context>
        <name>BatchReportQuestion</name>
        <message>
            <source>Prospect reports</source>
            <translation>Prospectieverslagen</translation>
        </message>
        <message>
            <source>Make the reports of the %1 prospects in the list.</source>
            <translation>De verslagen maken van de %1 prospecties in de lijst.</translation>
        </message>
        <message>
            <source>One PDF with contents</source>
            <translation>Eén PDF met inhoudstafel</translation>
        </message>
        <message>
            <source>One PDF per prospect</source>
            <translation>Eén PDF per prospectie</translation>
        </message>
        <message>
            <source>Save the reports as</source>
            <translation>Verslagen opslaan als</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Folder for the reports</source>
            <translation>Map voor de verslagen</translation>
        </message>
    </context>
    <context>
        <name>BatchReportJob</name>
        <message>
            <source>Prospect reports</source>
            <translation>Prospectieverslagen</translation>
        </message>
        <message>
            <source>Making the reports…</source>
            <translation>De verslagen worden gemaakt…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <source>The reports could not be written to %1: %2</source>
            <translation>De verslagen konden niet worden opgeslagen in %1: %2</translation>
        </message>
    </context>
</TS>