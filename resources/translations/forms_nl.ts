<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="en">
    <context>
        <name>DateField</name>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>dd/mm/jjjj</translation>
        </message>
    </context>
    <context>
        <name>DraftNotice</name>
        <message>
            <source>Not saved for %1: %2.</source>
            <translation>Niet bewaard bij %1: %2.</translation>
        </message>
        <message>
            <source>another record</source>
            <translation>een andere fiche</translation>
        </message>
        <message>
            <source>a change</source>
            <translation>een wijziging</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Openen</translation>
        </message>
        <message>
            <source>Show it again to correct the change</source>
            <translation>Opnieuw tonen om de wijziging te verbeteren</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Weggooien</translation>
        </message>
        <message>
            <source>Give up this change: the saved values stay</source>
            <translation>Deze wijziging opgeven: de bewaarde gegevens blijven</translation>
        </message>
        <message>
            <source>… and %1 more.</source>
            <translation>… en nog %1.</translation>
        </message>
    </context>
    <context>
        <name>NewPersonDialog</name>
        <message>
            <source>At most %1 characters.</source>
            <translation>Hoogstens %1 tekens.</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Toevoegen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
    </context>
    <context>
        <name>NotesField</name>
        <message>
            <source>The text pasted is too long: %1 characters, at most %2 in this field. Nothing was pasted; paste a shorter part.</source>
            <translation>De geplakte tekst is te lang: %1 tekens, hoogstens %2 in dit veld. Er is niets geplakt; plak een korter stuk.</translation>
        </message>
    </context>
    <context>
        <name>PersonField</name>
        <message>
            <source>New…</source>
            <translation>Nieuw…</translation>
        </message>
        <message>
            <source>Add someone who is not in the list yet: %1</source>
            <translation>Iemand toevoegen die nog niet in de lijst staat: %1</translation>
        </message>
        <message>
            <source>New: %1</source>
            <translation>Nieuw: %1</translation>
        </message>
        <message>
            <source>‘%1’ is not in the list. Choose someone in it, or add them with ‘New…’.</source>
            <translation>‘%1’ staat niet in de lijst. Kies iemand uit de lijst, of voeg toe met ‘Nieuw…’.</translation>
        </message>
    </context>
    <context>
        <name>RecordEditor</name>
        <message>
            <source>Saved at %1.</source>
            <translation>Bewaard om %1.</translation>
        </message>
        <message>
            <source>Not saved: correct the marked fields.</source>
            <translation>Niet bewaard: verbeter de aangeduide velden.</translation>
        </message>
        <message>
            <source>The change was undone; it had not been saved.</source>
            <translation>De wijziging is ongedaan gemaakt; ze was nog niet bewaard.</translation>
        </message>
        <message>
            <source>The change could not be undone.</source>
            <translation>De wijziging kon niet ongedaan gemaakt worden.</translation>
        </message>
        <message>
            <source>The last change was undone.</source>
            <translation>De laatste wijziging is ongedaan gemaakt.</translation>
        </message>
    </context>
    <context>
        <name>UndoOffer</name>
        <message>
            <source>Undo</source>
            <translation>Ongedaan maken</translation>
        </message>
        <message>
            <source>Put everything back as it was before this change</source>
            <translation>Alles terugzetten zoals het vóór deze wijziging was</translation>
        </message>
    </context>
    <context>
        <name>_LineField</name>
        <message>
            <source>Too long: this field takes at most %1 characters. What was typed or pasted was not taken in.</source>
            <translation>Te lang: dit veld neemt hoogstens %1 tekens. Wat u typte of plakte, is niet overgenomen.</translation>
        </message>
    </context>
</TS>
