<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
    <context>
        <name>ExportFileQuestion</name>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel-werkmap (*.xlsx)</translation>
        </message>
        <message>
            <source>CSV, separated by semicolons (*.csv)</source>
            <translation>CSV, gescheiden door puntkomma's (*.csv)</translation>
        </message>
        <message>
            <source>Export locations</source>
            <translation>Opvanglocaties exporteren</translation>
        </message>
    </context>
    <context>
        <name>ExportJob</name>
        <message>
            <source>Export locations</source>
            <translation>Opvanglocaties exporteren</translation>
        </message>
        <message>
            <source>Writing %1…</source>
            <translation>%1 wordt geschreven…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <source>%1 locations exported to %2.</source>
            <translation>%1 opvanglocaties geëxporteerd naar %2.</translation>
        </message>
    </context>
    <context>
        <name>ImportPreviewModel</name>
        <message>
            <source>Row</source>
            <translation>Rij</translation>
        </message>
    </context>
    <context>
        <name>LocationImportDialog</name>
        <message>
            <source>Import locations</source>
            <translation>Opvanglocaties importeren</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Voortgang</translation>
        </message>
        <message>
            <source>&lt; &amp;Back</source>
            <translation>&lt; &amp;Vorige</translation>
        </message>
        <message>
            <source>&amp;Next &gt;</source>
            <translation>V&amp;olgende &gt;</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>&amp;Importeren</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <source>Choose an Excel (.xlsx) or CSV file with one location per row and the column titles in the first row. An export from this screen can be imported again: rows with a known ID update that location, rows without an ID become new locations. Nothing is imported until every row is correct.</source>
            <translation>Kies een Excel-bestand (.xlsx) of CSV-bestand met één opvanglocatie per rij en de kolomtitels in de eerste rij. Een export uit dit scherm kan opnieuw geïmporteerd worden: rijen met een bekende ID werken die locatie bij, rijen zonder ID worden nieuwe locaties. Er wordt niets geïmporteerd zolang niet elke rij in orde is.</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Bestand:</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>Te importeren bestand</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>&amp;Bladeren…</translation>
        </message>
        <message>
            <source>&amp;Sheet:</source>
            <translation>&amp;Werkblad:</translation>
        </message>
        <message>
            <source>Sheet of the workbook</source>
            <translation>Werkblad van de werkmap</translation>
        </message>
        <message>
            <source>Which field does each column hold? The columns were recognised from their titles; change what is wrong. Columns set to “Do not import” are left out. Your choice is remembered for the next file.</source>
            <translation>Welk veld staat in elke kolom? De kolommen zijn herkend aan hun titels; verbeter wat niet klopt. Kolommen op „Niet importeren” worden overgeslagen. Je keuze wordt onthouden voor het volgende bestand.</translation>
        </message>
        <message>
            <source>Preview of the rows</source>
            <translation>Voorbeeld van de rijen</translation>
        </message>
        <message>
            <source>Problems per row</source>
            <translation>Problemen per rij</translation>
        </message>
        <message>
            <source>&amp;Save report…</source>
            <translation>&amp;Rapport opslaan…</translation>
        </message>
        <message>
            <source>Save the problems as a CSV file</source>
            <translation>De problemen opslaan als CSV-bestand</translation>
        </message>
        <message>
            <source>Rows (with problems marked):</source>
            <translation>Rijen (problemen gemarkeerd):</translation>
        </message>
        <message>
            <source>Problems:</source>
            <translation>Problemen:</translation>
        </message>
        <message>
            <source>Choose the file to import</source>
            <translation>Kies het bestand om te importeren</translation>
        </message>
        <message>
            <source>Excel or CSV files (*.xlsx *.csv);;All files (*)</source>
            <translation>Excel- of CSV-bestanden (*.xlsx *.csv);;Alle bestanden (*)</translation>
        </message>
        <message>
            <source>Choose a file first.</source>
            <translation>Kies eerst een bestand.</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>%1 wordt geopend…</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Kolom in het bestand</translation>
        </message>
        <message>
            <source>Example</source>
            <translation>Voorbeeld</translation>
        </message>
        <message>
            <source>Field of the location</source>
            <translation>Veld van de opvanglocatie</translation>
        </message>
        <message>
            <source>(column %1 without a title)</source>
            <translation>(kolom %1 zonder titel)</translation>
        </message>
        <message>
            <source>Field for column %1</source>
            <translation>Veld voor kolom %1</translation>
        </message>
        <message>
            <source>Do not import</source>
            <translation>Niet importeren</translation>
        </message>
        <message>
            <source>Choose the field of at least one column.</source>
            <translation>Kies het veld van minstens één kolom.</translation>
        </message>
        <message>
            <source>These fields have no column: %1.</source>
            <translation>Deze velden hebben geen kolom: %1.</translation>
        </message>
        <message>
            <source>These fields are chosen for more than one column: %1.</source>
            <translation>Deze velden zijn voor meer dan één kolom gekozen: %1.</translation>
        </message>
        <message>
            <source>Checking the rows…</source>
            <translation>De rijen worden gecontroleerd…</translation>
        </message>
        <message>
            <source>Check cancelled.</source>
            <translation>Controle geannuleerd.</translation>
        </message>
        <message>
            <source>%1 rows: %2 new, %3 changed, %4 unchanged.</source>
            <translation>%1 rij(en): %2 nieuw, %3 gewijzigd, %4 ongewijzigd.</translation>
        </message>
        <message>
            <source>%1 errors in %2 rows: nothing can be imported until they are corrected in the file.</source>
            <translation>%1 fout(en) in %2 rij(en): er kan niets geïmporteerd worden tot ze in het bestand verbeterd zijn.</translation>
        </message>
        <message>
            <source>Nothing to import: every row is the same as in VLOT Desktop.</source>
            <translation>Niets te importeren: elke rij is gelijk aan wat in VLOT Desktop staat.</translation>
        </message>
        <message>
            <source>Every row is correct; choose Import to save them.</source>
            <translation>Elke rij is in orde; kies Importeren om ze op te slaan.</translation>
        </message>
        <message>
            <source>%1 warnings (they do not stop the import).</source>
            <translation>%1 waarschuwing(en) (die houden de import niet tegen).</translation>
        </message>
        <message>
            <source>Save the report</source>
            <translation>Rapport opslaan</translation>
        </message>
        <message>
            <source>CSV, separated by semicolons (*.csv)</source>
            <translation>CSV, gescheiden door puntkomma's (*.csv)</translation>
        </message>
        <message>
            <source>Report saved as %1.</source>
            <translation>Rapport opgeslagen als %1.</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Bezig met importeren…</translation>
        </message>
        <message>
            <source>Import cancelled: nothing was imported.</source>
            <translation>Import geannuleerd: er is niets geïmporteerd.</translation>
        </message>
        <message>
            <source>Nothing was imported.</source>
            <translation>Er is niets geïmporteerd.</translation>
        </message>
        <message>
            <source>Imported: %1 new and %2 changed locations; %3 places added, %4 removed.</source>
            <translation>Geïmporteerd: %1 nieuwe en %2 gewijzigde opvanglocaties; %3 opvangplaatsen toegevoegd, %4 verwijderd.</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Bezig met annuleren…</translation>
        </message>
        <message>
            <source>Importing… %1 rows</source>
            <translation>Bezig met importeren… %1 rijen</translation>
        </message>
        <message>
            <source>Checking… %1 rows</source>
            <translation>Bezig met controleren… %1 rijen</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Sluiten</translation>
        </message>
    </context>
    <context>
        <name>ProblemTableModel</name>
        <message>
            <source>Row</source>
            <translation>Rij</translation>
        </message>
        <message>
            <source>Row number in the file</source>
            <translation>Rijnummer in het bestand</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>Kolom</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Waarde</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Probleem</translation>
        </message>
        <message>
            <source>Warning: %1</source>
            <translation>Waarschuwing: %1</translation>
        </message>
    </context>
</TS>
