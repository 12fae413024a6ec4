<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Achievement</name>
    <message>
        <source>Target reached</source>
        <extracomment>The best value is worth listing once there are this many values.</extracomment>
        <translation>Zielwert erreicht</translation>
    </message>
    <message>
        <source>Milestone hit</source>
        <translation>Meilenstein erreicht</translation>
    </message>
    <message>
        <source>On-track streak</source>
        <translation>Serie auf Kurs</translation>
    </message>
    <message>
        <source>Best value</source>
        <translation>Bestwert</translation>
    </message>
</context>
<context>
    <name>AchievementsPanel</name>
    <message>
        <source>All time</source>
        <extracomment>The &quot;since&quot; choices of the panel: label and how to find the start date.</extracomment>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Since the last review</source>
        <translation>Seit der letzten Besprechung</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>Letzte 3 Monate</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dieses Jahr</translation>
    </message>
    <message>
        <source>Achievements</source>
        <translation>Erfolge</translation>
    </message>
    <message>
        <source>Show achievements since</source>
        <translation>Erfolge anzeigen seit</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>No achievements yet for this time. They appear here by themselves when values reach milestones and targets, or stay on track for months in a row.</source>
        <translation>Für diesen Zeitraum noch keine Erfolge. Sie erscheinen hier von selbst, wenn Werte Meilensteine und Ziele erreichen oder monatelang auf Kurs bleiben.</translation>
    </message>
    <message>
        <source>target reached</source>
        <translation>Zielwert erreicht</translation>
    </message>
    <message>
        <source>targets reached</source>
        <translation>Zielwerte erreicht</translation>
    </message>
    <message>
        <source>milestone hit</source>
        <translation>Meilenstein erreicht</translation>
    </message>
    <message>
        <source>milestones hit</source>
        <translation>Meilensteine erreicht</translation>
    </message>
    <message>
        <source>streak</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>streaks</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>best value</source>
        <translation>Bestwert</translation>
    </message>
    <message>
        <source>best values</source>
        <translation>Bestwerte</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Edit action</source>
        <translation>Aktion bearbeiten</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Neue Aktion</translation>
    </message>
    <message>
        <source>e.g. Renegotiate the milk price</source>
        <translation>z. B. Milchpreis neu verhandeln</translation>
    </message>
    <message>
        <source>who does it</source>
        <translation>wer es erledigt</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>Fällig:</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <source>The whole workspace</source>
        <translation>Den ganzen Arbeitsbereich</translation>
    </message>
    <message>
        <source>Goal: {0}</source>
        <translation>Ziel: {0}</translation>
    </message>
    <message>
        <source>Say what is to be done: the action needs a title.</source>
        <translation>Sagen Sie, was zu tun ist: Die Aktion braucht einen Titel.</translation>
    </message>
</context>
<context>
    <name>ActionState</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
</context>
<context>
    <name>ActionsModel</name>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>From review</source>
        <translation>Aus Besprechung</translation>
    </message>
    <message>
        <source>Goal: {0}</source>
        <translation>Ziel: {0}</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>noch niemand</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>kein Datum</translation>
    </message>
    <message>
        <source>Overdue, 1 day</source>
        <translation>Überfällig, 1 Tag</translation>
    </message>
    <message>
        <source>Overdue, {0} days</source>
        <translation>Überfällig, {0} Tage</translation>
    </message>
    <message>
        <source>Done {0}</source>
        <translation>Erledigt {0}</translation>
    </message>
</context>
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Open and overdue</source>
        <extracomment>The state filter&apos;s choices: label -&gt; the states it keeps (None: all).</extracomment>
        <translation>Offen und überfällig</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle Personen</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>Noch niemand</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Verantwortlich:</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>KPI:</source>
        <translation>KPI:</translation>
    </message>
    <message>
        <source>&amp;New action…</source>
        <translation>&amp;Neue Aktion…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Als &amp;erledigt markieren</translation>
    </message>
    <message>
        <source>Re-&amp;open</source>
        <translation>Wieder &amp;öffnen</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>All KPIs</source>
        <translation>Alle KPIs</translation>
    </message>
    <message>
        <source>Delete action</source>
        <translation>Aktion löschen</translation>
    </message>
    <message>
        <source>Delete the action &quot;{0}&quot;? Edit &gt; Undo brings it back.</source>
        <translation>Die Aktion „{0}“ löschen? Bearbeiten &gt; Rückgängig holt sie zurück.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>{0} of {1} actions shown · {2} overdue</source>
        <translation>{0} von {1} Aktionen angezeigt · {2} überfällig</translation>
    </message>
    <message>
        <source>No actions yet. New action… adds one; a review adds them too.</source>
        <translation>Noch keine Aktionen. „Neue Aktion…“ legt eine an; auch eine Besprechung legt welche an.</translation>
    </message>
    <message>
        <source>No action matches these filters.</source>
        <translation>Keine Aktion passt zu diesen Filtern.</translation>
    </message>
</context>
<context>
    <name>AddValueRow</name>
    <message>
        <source>The period of the new value</source>
        <translation>Der Zeitraum des neuen Werts</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Written as you like: 1234.5, 1,234.5, 1.234,5, €1,200 or 12%</source>
        <translation>Schreiben Sie, wie Sie möchten: 1234,5, 1.234,5, 1,234.5, 1.200 € oder 12 %</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save this value (Enter) and go to the next period</source>
        <translation>Diesen Wert speichern (Eingabe) und zum nächsten Zeitraum gehen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>New value for</source>
        <translation>Neuer Wert für</translation>
    </message>
    <message>
        <source>Close the new value row</source>
        <translation>Die Zeile für den neuen Wert schließen</translation>
    </message>
</context>
<context>
    <name>AlignPage</name>
    <message>
        <source>Align: what is this KPI for?</source>
        <translation>Ausrichten: Wofür ist diese KPI da?</translation>
    </message>
    <message>
        <source>A KPI is worth tracking when it tells you whether one of your objectives is being reached. Pick the objective, then say what the KPI should tell you.</source>
        <translation>Eine KPI lohnt sich, wenn sie zeigt, ob eines Ihrer Ziele erreicht wird. Wählen Sie das Ziel und sagen Sie dann, was die KPI Ihnen zeigen soll.</translation>
    </message>
    <message>
        <source>or type a new objective, e.g. Win more regulars</source>
        <translation>oder ein neues Ziel eingeben, z. B. Mehr Stammgäste gewinnen</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <source>Money (financial)</source>
        <translation>Geld (Finanzen)</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>How we work (processes)</source>
        <translation>Wie wir arbeiten (Prozesse)</translation>
    </message>
    <message>
        <source>People and skills (growth)</source>
        <translation>Menschen und Fähigkeiten (Entwicklung)</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Perspective:</source>
        <translation>Perspektive:</translation>
    </message>
    <message>
        <source>To move the KPI to another objective, drag it in the main tree.</source>
        <translation>Um die KPI einem anderen Ziel zuzuordnen, ziehen Sie sie im Baum des Hauptfensters.</translation>
    </message>
    <message>
        <source>e.g. Are customers coming back more often?</source>
        <translation>z. B. Kommen die Kunden öfter wieder?</translation>
    </message>
    <message>
        <source>Leading</source>
        <translation>Frühindikator</translation>
    </message>
    <message>
        <source>Something you can influence now that drives results later (quotes sent, visits, trials started).</source>
        <translation>Etwas, das Sie jetzt beeinflussen können und das später Ergebnisse bringt (versandte Angebote, Besuche, begonnene Testphasen).</translation>
    </message>
    <message>
        <source>Lagging</source>
        <translation>Spätindikator</translation>
    </message>
    <message>
        <source>Shows the result after the fact (revenue, profit, customers lost).</source>
        <translation>Zeigt das Ergebnis im Nachhinein (Umsatz, Gewinn, verlorene Kunden).</translation>
    </message>
    <message>
        <source>The KPI</source>
        <translation>Die KPI</translation>
    </message>
    <message>
        <source>Key question:</source>
        <translation>Leitfrage:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <source>Use this template</source>
        <translation>Diese Vorlage verwenden</translation>
    </message>
    <message>
        <source>Start from a template (optional)</source>
        <translation>Mit einer Vorlage beginnen (optional)</translation>
    </message>
    <message>
        <source>Pick a KPI to see what it measures.</source>
        <translation>Wählen Sie eine KPI, um zu sehen, was sie misst.</translation>
    </message>
    <message>
        <source>Using the template &quot;%1&quot;: the next pages are filled in; change anything.</source>
        <translation>Vorlage „%1“ wird verwendet: Die nächsten Seiten sind ausgefüllt; ändern Sie, was Sie möchten.</translation>
    </message>
    <message>
        <source>This KPI serves the objective “%1”.</source>
        <translation>Diese KPI dient dem Ziel „%1“.</translation>
    </message>
    <message>
        <source>There is already an objective called &quot;%1&quot;: pick it in the list.</source>
        <translation>Es gibt schon ein Ziel namens „%1“: Wählen Sie es in der Liste.</translation>
    </message>
    <message>
        <source>Pick the objective this KPI serves, or type a new one.</source>
        <translation>Wählen Sie das Ziel, dem diese KPI dient, oder geben Sie ein neues ein.</translation>
    </message>
</context>
<context>
    <name>AutoSaveForm</name>
    <message>
        <source>Not saved yet: changed elsewhere meanwhile (see above)</source>
        <translation>Noch nicht gespeichert: inzwischen anderswo geändert (siehe oben)</translation>
    </message>
</context>
<context>
    <name>CalculatedBox</name>
    <message>
        <source>Calculated from other KPIs</source>
        <extracomment>What the preview needs of the page: name, frequency, unit, unit kind, decimals, symbol.</extracomment>
        <translation>Aus anderen KPIs berechnet</translation>
    </message>
    <message>
        <source>Its values are worked out from other KPIs for every period, never typed</source>
        <translation>Ihre Werte werden für jeden Zeitraum aus anderen KPIs berechnet, nie eingetippt</translation>
    </message>
    <message>
        <source>e.g. [Gross profit] / [Monthly revenue] * 100</source>
        <translation>z. B. [Gross profit] / [Monthly revenue] * 100</translation>
    </message>
    <message>
        <source>KPI names in square brackets; + - * / ( ), numbers, sum( ), avg( ), min( ), max( ) and prev([KPI]) for its value in the period before</source>
        <translation>KPI-Namen in eckigen Klammern; + - * / ( ), Zahlen, sum( ), avg( ), min( ), max( ) und prev([KPI]) für ihren Wert im Zeitraum davor</translation>
    </message>
    <message>
        <source>Write the formula, e.g. [Sales] / [Orders].</source>
        <translation>Schreiben Sie die Formel, z. B. [Sales] / [Orders].</translation>
    </message>
    <message>
        <source>From %1: no period has a value of every input yet.</source>
        <translation>Aus %1: noch kein Zeitraum hat einen Wert für jede Eingangsgröße.</translation>
    </message>
    <message>
        <source>Last values: %1</source>
        <translation>Letzte Werte: %1</translation>
    </message>
    <message>
        <source>no value for %1: %2</source>
        <translation>kein Wert für %1: %2</translation>
    </message>
</context>
<context>
    <name>Celebrator</name>
    <message>
        <source>Target reached! {kpi}</source>
        <translation>Ziel erreicht! {kpi}</translation>
    </message>
    <message>
        <source>Milestone hit! {kpi}</source>
        <translation>Meilenstein erreicht! {kpi}</translation>
    </message>
    <message>
        <source>Well done! {kpi}</source>
        <translation>Gut gemacht! {kpi}</translation>
    </message>
    <message>
        <source> (and {n} more)</source>
        <translation> (und {n} weitere)</translation>
    </message>
</context>
<context>
    <name>ChangeLog</name>
    <message>
        <source>goal</source>
        <extracomment>Values changed in one write and logged one by one; more make one summary row per KPI. Who is writing, when not the OS user: a team workspace&apos;s server role (see acting_as). What a row names (its kind, the field or event), as the History dialog shows it.</extracomment>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>kpi</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>milestone</source>
        <translation>Meilenstein</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>review</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <source>action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>target revised</source>
        <translation>Zielwert geändert</translation>
    </message>
    <message>
        <source>target revision undone</source>
        <translation>Zielwertänderung zurückgenommen</translation>
    </message>
    <message>
        <source>stale grace (days)</source>
        <translation>Kulanzfrist für veraltete Werte (Tage)</translation>
    </message>
    <message>
        <source>fiscal year starts in</source>
        <translation>Geschäftsjahr beginnt im</translation>
    </message>
    <message>
        <source>drives</source>
        <translation>treibt</translation>
    </message>
    <message>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>key question</source>
        <translation>Leitfrage</translation>
    </message>
    <message>
        <source>parent id</source>
        <translation>übergeordnetes Ziel (Nr.)</translation>
    </message>
    <message>
        <source>goal id</source>
        <translation>Ziel (Nr.)</translation>
    </message>
    <message>
        <source>kpi id</source>
        <translation>KPI (Nr.)</translation>
    </message>
    <message>
        <source>review id</source>
        <translation>Besprechung (Nr.)</translation>
    </message>
    <message>
        <source>perspective</source>
        <translation>Perspektive</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>unit kind</source>
        <translation>Art der Einheit</translation>
    </message>
    <message>
        <source>currency symbol</source>
        <translation>Währungssymbol</translation>
    </message>
    <message>
        <source>decimals</source>
        <translation>Nachkommastellen</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>range low</source>
        <translation>Bereich von</translation>
    </message>
    <message>
        <source>range high</source>
        <translation>Bereich bis</translation>
    </message>
    <message>
        <source>aggregation</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>Häufigkeit</translation>
    </message>
    <message>
        <source>baseline value</source>
        <translation>Ausgangswert</translation>
    </message>
    <message>
        <source>baseline date</source>
        <translation>Ausgangsdatum</translation>
    </message>
    <message>
        <source>target value</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>target date</source>
        <translation>Zieldatum</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>data source</source>
        <translation>Datenquelle</translation>
    </message>
    <message>
        <source>formula</source>
        <translation>Formel</translation>
    </message>
    <message>
        <source>calculation</source>
        <translation>Berechnung</translation>
    </message>
    <message>
        <source>leading</source>
        <translation>Frühindikator</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>review date</source>
        <translation>Besprechungsdatum</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>done date</source>
        <translation>erledigt am</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>Anfangsdatum</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>{0} set</source>
        <translation>{0} eingetragen</translation>
    </message>
    <message>
        <source>{0} deleted at once</source>
        <translation>{0} auf einmal gelöscht</translation>
    </message>
    <message>
        <source>{0} new, {1} replaced, {2} kept, {3} KPIs created</source>
        <translation>{0} neu, {1} ersetzt, {2} behalten, {3} KPIs angelegt</translation>
    </message>
    <message>
        <source>{0} (removed)</source>
        <translation>{0} (entfernt)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>No values and no target yet: nothing to chart</source>
        <extracomment>What a chart with no values and no plan says instead of showing empty axes.</extracomment>
        <translation>Noch keine Werte und kein Zielwert: nichts darzustellen</translation>
    </message>
    <message>
        <source>latest %1</source>
        <translation>zuletzt %1</translation>
    </message>
    <message>
        <source>%1 of the way to target</source>
        <translation>%1 des Wegs zum Zielwert</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>Goal: %1</source>
        <translation>Ziel: %1</translation>
    </message>
    <message>
        <source>Actual</source>
        <extracomment>The legend entries, in the order the legend lists them.</extracomment>
        <translation>Istwert</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Ausgangswert</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>Meilensteine</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Same months last year</source>
        <translation>Dieselben Monate im Vorjahr</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Trend line</source>
        <translation>Trendlinie</translation>
    </message>
    <message>
        <source>Normal variation</source>
        <translation>Normale Schwankung</translation>
    </message>
    <message>
        <source>Keep within</source>
        <translation>Halten innerhalb</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Plan before revision</source>
        <translation>Plan vor der Änderung</translation>
    </message>
    <message>
        <source>Plan after revision</source>
        <translation>Plan nach der Änderung</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Zielwert %1</translation>
    </message>
    <message>
        <source>Range low</source>
        <extracomment>A daily KPI shows its last this many values (a slide cannot show ten years of days). The series names of the deck&apos;s own (the others are the chart pane&apos;s: Chart context).</extracomment>
        <translation>Bereich unten</translation>
    </message>
    <message>
        <source>Range high</source>
        <translation>Bereich oben</translation>
    </message>
    <message>
        <source>Upper natural limit</source>
        <translation>Obere natürliche Grenze</translation>
    </message>
    <message>
        <source>Lower natural limit</source>
        <translation>Untere natürliche Grenze</translation>
    </message>
</context>
<context>
    <name>ChartNoteMenu</name>
    <message>
        <source>Edit note “%1”…</source>
        <extracomment>How close (in screen pixels) the pointer must be to a note&apos;s pin or a change&apos;s mark.</extracomment>
        <translation>Notiz „%1“ bearbeiten…</translation>
    </message>
    <message>
        <source>Delete note “%1”</source>
        <translation>Notiz „%1“ löschen</translation>
    </message>
    <message>
        <source>Explain this change (since %1)…</source>
        <translation>Diese Veränderung erklären (seit %1)…</translation>
    </message>
    <message>
        <source>Add a note here (%1)…</source>
        <translation>Hier eine Notiz hinzufügen (%1)…</translation>
    </message>
    <message>
        <source>%1 runs at a new level since %2. What changed? The explanation is kept as a note on the chart, in the report and in the deck.</source>
        <translation>%1 liegt seit %2 auf einem neuen Niveau. Was hat sich geändert? Die Erklärung wird als Notiz im Diagramm, im Bericht und in den Folien gezeigt.</translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <source>6 months</source>
        <extracomment>Range presets: button text and how many months back from the latest value (None: all).</extracomment>
        <translation>6 Monate</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 Jahr</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Show all values</source>
        <translation>Alle Werte anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>Show the last %n month(s) of values</source>
        <translation>
            <numerusform>Die Werte des letzten Monats anzeigen</numerusform>
            <numerusform>Die Werte der letzten %n Monate anzeigen</numerusform>
        </translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Vorjahr</translation>
    </message>
    <message>
        <source>Overlay the same months of last year (in exported charts too)</source>
        <translation>Dieselben Monate des Vorjahrs einblenden (auch in exportierten Diagrammen)</translation>
    </message>
    <message>
        <source>Point at the chart to read a value</source>
        <translation>Zeigen Sie auf das Diagramm, um einen Wert abzulesen</translation>
    </message>
    <message>
        <source>Latest value, %s</source>
        <translation>Letzter Wert, %s</translation>
    </message>
    <message>
        <source>No value yet</source>
        <translation>Noch kein Wert</translation>
    </message>
    <message>
        <source>Status: %s</source>
        <translation>Status: %s</translation>
    </message>
    <message>
        <source>%s of the way to target</source>
        <translation>%s des Wegs zum Zielwert</translation>
    </message>
    <message>
        <source>Goal: %s</source>
        <translation>Ziel: %s</translation>
    </message>
    <message>
        <source>as of %s</source>
        <translation>Stand %s</translation>
    </message>
    <message>
        <source>◯ Real change: %s</source>
        <translation>◯ Echte Veränderung: %s</translation>
    </message>
    <message>
        <source>Red rings mark values that break a rule of the natural process limits (outside the limits, 8 in a row on one side of the average, or 3 of 4 near a limit): a real change, not noise.</source>
        <translation>Rote Ringe markieren Werte, die eine Regel der natürlichen Prozessgrenzen verletzen (außerhalb der Grenzen, 8 in Folge auf einer Seite des Mittelwerts oder 3 von 4 nahe einer Grenze): eine echte Veränderung, kein Rauschen.</translation>
    </message>
    <message>
        <source>Chart of %s</source>
        <translation>Diagramm von %s</translation>
    </message>
    <message>
        <source>Select a KPI in the tree to see its chart</source>
        <translation>Wählen Sie im Baum eine KPI, um ihr Diagramm zu sehen</translation>
    </message>
    <message>
        <source>No values yet: add one in the table below</source>
        <translation>Noch keine Werte: Fügen Sie unten in der Tabelle einen hinzu</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>%1 (today)</source>
        <extracomment>How many month ends before the check-in date the date list offers.</extracomment>
        <translation>%1 (heute)</translation>
    </message>
    <message>
        <source>End of %1</source>
        <translation>Ende %1</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Werte erfassen</translation>
    </message>
    <message>
        <source>Values due on</source>
        <translation>Werte fällig am</translation>
    </message>
    <message>
        <source>Also show the KPIs already entered</source>
        <translation>Auch die schon erfassten KPIs anzeigen</translation>
    </message>
    <message>
        <source>Values &amp;due on:</source>
        <translation>Werte &amp;fällig am:</translation>
    </message>
    <message>
        <source>Type each KPI&apos;s value for the period shown; Tab or Enter moves down. Paste a column copied from a spreadsheet with Ctrl+V. The status shows what each value means at once; nothing is stored until you click Save.</source>
        <translation>Geben Sie für jede KPI den Wert des gezeigten Zeitraums ein; Tab oder Eingabe geht eine Zeile weiter. Eine aus einer Tabelle kopierte Spalte fügen Sie mit Strg+V ein. Der Status zeigt sofort, was jeder Wert bedeutet; gespeichert wird erst, wenn Sie auf Speichern klicken.</translation>
    </message>
    <message>
        <source>Nothing is due on {0}: every KPI&apos;s value for its last period is in.</source>
        <translation>Am {0} ist nichts fällig: Für jede KPI ist der Wert des letzten Zeitraums erfasst.</translation>
    </message>
    <message>
        <source>A note needs a value: type the value of {0}, or clear the note.</source>
        <translation>Eine Notiz braucht einen Wert: Geben Sie den Wert von {0} ein oder leeren Sie die Notiz.</translation>
    </message>
    <message>
        <source>Type at least one value, or click Cancel.</source>
        <translation>Geben Sie mindestens einen Wert ein oder klicken Sie auf Abbrechen.</translation>
    </message>
    <message>
        <source>Nothing was saved: {0}</source>
        <translation>Nichts wurde gespeichert: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} values typed</source>
        <translation>{0} von {1} Werten eingegeben</translation>
    </message>
    <message>
        <source>{0} values typed · {1} KPIs due, {2} entered already</source>
        <translation>{0} Werte eingegeben · {1} KPIs fällig, {2} schon erfasst</translation>
    </message>
    <message>
        <source>Discard the {0} values typed and not saved?</source>
        <translation>Die {0} eingegebenen, nicht gespeicherten Werte verwerfen?</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>CheckinModel</name>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Last values</source>
        <translation>Letzte Werte</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>no values yet</source>
        <translation>noch keine Werte</translation>
    </message>
    <message>
        <source>Needs a value</source>
        <translation>Braucht einen Wert</translation>
    </message>
    <message>
        <source>Stored already: {0}. Type a new value to correct it.</source>
        <translation>Schon gespeichert: {0}. Geben Sie einen neuen Wert ein, um ihn zu korrigieren.</translation>
    </message>
    <message>
        <source>{0} lines were pasted but only {1} rows are left from row {2}</source>
        <translation>{0} Zeilen wurden eingefügt, ab Zeile {2} sind aber nur {1} Zeilen übrig</translation>
    </message>
    <message>
        <source>Nothing was pasted: </source>
        <translation>Nichts wurde eingefügt: </translation>
    </message>
    <message>
        <source>Row {0}, {1} ({2}): </source>
        <translation>Zeile {0}, {1} ({2}): </translation>
    </message>
</context>
<context>
    <name>Commentary</name>
    <message>
        <source> (stale)</source>
        <translation> (veraltet)</translation>
    </message>
    <message>
        <source>{v} for {when}</source>
        <translation>{v} für {when}</translation>
    </message>
    <message>
        <source>plan {v}</source>
        <translation>Plan {v}</translation>
    </message>
    <message>
        <source>keep within {v}</source>
        <translation>halten innerhalb {v}</translation>
    </message>
    <message>
        <source> by {d}</source>
        <translation> bis {d}</translation>
    </message>
    <message>
        <source>target {v}{by}</source>
        <translation>Zielwert {v}{by}</translation>
    </message>
    <message>
        <source>{kpi} has no value yet: its first one is what to bring to the meeting.</source>
        <translation>{kpi} hat noch keinen Wert: Der erste ist das, was Sie zur Besprechung mitbringen sollten.</translation>
    </message>
    <message>
        <source>{when} is exactly on plan.</source>
        <translation>{when} liegt genau im Plan.</translation>
    </message>
    <message>
        <source>That is {amount} better than the plan for now ({plan}).</source>
        <translation>Das ist {amount} besser als der Plan für jetzt ({plan}).</translation>
    </message>
    <message>
        <source>That is {amount} worse than the plan for now ({plan}).</source>
        <translation>Das ist {amount} schlechter als der Plan für jetzt ({plan}).</translation>
    </message>
    <message>
        <source>Open action on it: {list}.</source>
        <translation>Offene Aktion dazu: {list}.</translation>
    </message>
    <message>
        <source>Open actions on it: {list}.</source>
        <translation>Offene Aktionen dazu: {list}.</translation>
    </message>
    <message>
        <source>{kpi} stands at {value}{detail}.</source>
        <translation>{kpi} steht bei {value}{detail}.</translation>
    </message>
    <message>
        <source>{kpi} held at {value}{detail}.</source>
        <translation>{kpi} blieb bei {value}{detail}.</translation>
    </message>
    <message>
        <source>{kpi} rose to {value}{detail}.</source>
        <translation>{kpi} stieg auf {value}{detail}.</translation>
    </message>
    <message>
        <source>{kpi} fell to {value}{detail}.</source>
        <translation>{kpi} fiel auf {value}{detail}.</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} Punkte</translation>
    </message>
    <message>
        <source>the same as {when}</source>
        <translation>gleich wie {when}</translation>
    </message>
    <message>
        <source>{change} on {when}</source>
        <translation>{change} ggü. {when}</translation>
    </message>
    <message>
        <source>; the note says: {text}</source>
        <translation>; laut Notiz: {text}</translation>
    </message>
    <message>
        <source>Since {since} it climbs steadily, about {rate} a {per}{note}.</source>
        <translation>Seit {since} steigt sie stetig, um etwa {rate} pro {per}{note}.</translation>
    </message>
    <message>
        <source>Since {since} it falls steadily, about {rate} a {per}{note}.</source>
        <translation>Seit {since} fällt sie stetig, um etwa {rate} pro {per}{note}.</translation>
    </message>
    <message>
        <source>It climbs steadily, about {rate} a {per}{note}.</source>
        <translation>Sie steigt stetig, um etwa {rate} pro {per}{note}.</translation>
    </message>
    <message>
        <source>It falls steadily, about {rate} a {per}{note}.</source>
        <translation>Sie fällt stetig, um etwa {rate} pro {per}{note}.</translation>
    </message>
    <message>
        <source>Since {since} it runs at a new level (about {mean}, up from {was}){note}.</source>
        <translation>Seit {since} liegt sie auf einem neuen Niveau (etwa {mean}, gestiegen von {was}){note}.</translation>
    </message>
    <message>
        <source>Since {since} it runs at a new level (about {mean}, down from {was}){note}.</source>
        <translation>Seit {since} liegt sie auf einem neuen Niveau (etwa {mean}, gesunken von {was}){note}.</translation>
    </message>
    <message>
        <source>The latest value is above its natural variation ({band}): a real change, worth finding the cause.</source>
        <translation>Der letzte Wert liegt über ihrer natürlichen Schwankung ({band}): eine echte Veränderung, deren Ursache sich zu suchen lohnt.</translation>
    </message>
    <message>
        <source>The latest value is below its natural variation ({band}): a real change, worth finding the cause.</source>
        <translation>Der letzte Wert liegt unter ihrer natürlichen Schwankung ({band}): eine echte Veränderung, deren Ursache sich zu suchen lohnt.</translation>
    </message>
    <message>
        <source>It stays within its natural variation ({band}): routine variation, not a reason to act on its own.</source>
        <translation>Sie bleibt innerhalb ihrer natürlichen Schwankung ({band}): normale Schwankung, für sich allein kein Grund zu handeln.</translation>
    </message>
    <message>
        <source>The target is reached.</source>
        <translation>Der Zielwert ist erreicht.</translation>
    </message>
    <message>
        <source>At this pace it does not reach {target}: about {forecast} by {day}.</source>
        <translation>In diesem Tempo erreicht sie {target} nicht: etwa {forecast} bis {day}.</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>pünktlich</translation>
    </message>
    <message>
        <source>about {n} {unit} early</source>
        <translation>etwa {n} {unit} früher</translation>
    </message>
    <message>
        <source>about {n} {unit} late</source>
        <translation>etwa {n} {unit} zu spät</translation>
    </message>
    <message>
        <source>{n} {unit} early</source>
        <translation>{n} {unit} früher</translation>
    </message>
    <message>
        <source>{n} {unit} late</source>
        <translation>{n} {unit} zu spät</translation>
    </message>
    <message>
        <source>At this pace it reaches {target} in {when}, {timing}.</source>
        <translation>In diesem Tempo erreicht sie {target} im {when}, {timing}.</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>null</translation>
    </message>
    <message>
        <source>one</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>two</source>
        <translation>zwei</translation>
    </message>
    <message>
        <source>three</source>
        <translation>drei</translation>
    </message>
    <message>
        <source>four</source>
        <translation>vier</translation>
    </message>
    <message>
        <source>five</source>
        <translation>fünf</translation>
    </message>
    <message>
        <source>six</source>
        <translation>sechs</translation>
    </message>
    <message>
        <source>seven</source>
        <translation>sieben</translation>
    </message>
    <message>
        <source>eight</source>
        <translation>acht</translation>
    </message>
    <message>
        <source>nine</source>
        <translation>neun</translation>
    </message>
    <message>
        <source>ten</source>
        <translation>zehn</translation>
    </message>
    <message>
        <source>eleven</source>
        <translation>elf</translation>
    </message>
    <message>
        <source>twelve</source>
        <translation>zwölf</translation>
    </message>
    <message>
        <source>day</source>
        <extracomment>A period word in the singular and the plural, as the sentences use it.</extracomment>
        <translation>Tag</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>Wochen</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>Quartal</translation>
    </message>
    <message>
        <source>quarters</source>
        <translation>Quartale</translation>
    </message>
    <message>
        <source>year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <source>period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>periods</source>
        <translation>Zeiträume</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <source>Save mine over it</source>
        <translation>Meine Änderung speichern</translation>
    </message>
    <message>
        <source>Save what you typed, replacing the other change</source>
        <translation>Speichert Ihre Eingabe und ersetzt damit die andere Änderung</translation>
    </message>
    <message>
        <source>Show theirs</source>
        <translation>Deren Stand zeigen</translation>
    </message>
    <message>
        <source>Drop what you typed and show the stored values</source>
        <translation>Verwirft Ihre Eingabe und zeigt die gespeicherten Werte</translation>
    </message>
    <message>
        <source>This was changed in another window or by another user while you were editing it. Your change is not saved yet.</source>
        <translation>Dies wurde in einem anderen Fenster oder von einem anderen Benutzer geändert, während Sie es bearbeitet haben. Ihre Änderung ist noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>%1 changed %2 at %3 while you were editing. Your change is not saved yet.</source>
        <translation>%1 hat um %3 %2 geändert, während Sie bearbeitet haben. Ihre Änderung ist noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to team workspace</source>
        <translation>Mit Team-Arbeitsbereich verbinden</translation>
    </message>
    <message>
        <source>A team workspace lives on your company&apos;s PostgreSQL server, so several people can enter and read numbers at once. Ask whoever runs the server for its address, e.g. &lt;i&gt;postgresql://anna@office-server:5432/kpis&lt;/i&gt;.</source>
        <translation>Ein Team-Arbeitsbereich liegt auf dem PostgreSQL-Server Ihrer Firma, so dass mehrere Personen gleichzeitig Zahlen erfassen und lesen können. Fragen Sie, wer den Server betreut, nach seiner Adresse, z. B. &lt;i&gt;postgresql://anna@office-server:5432/kpis&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>leave empty to use PGPASSWORD or ~/.pgpass</source>
        <translation>leer lassen, um PGPASSWORD oder ~/.pgpass zu nutzen</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Serveradresse:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>give a postgresql:// address</source>
        <translation>eine postgresql://-Adresse angeben</translation>
    </message>
</context>
<context>
    <name>Count</name>
    <message>
        <source>value</source>
        <extracomment>The nouns counted in messages, singular and plural (German in the .ts, context Count).</extracomment>
        <translation>Wert</translation>
    </message>
    <message>
        <source>values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>stored value</source>
        <translation>gespeicherter Wert</translation>
    </message>
    <message>
        <source>stored values</source>
        <translation>gespeicherte Werte</translation>
    </message>
    <message>
        <source>new value</source>
        <translation>neuer Wert</translation>
    </message>
    <message>
        <source>new values</source>
        <translation>neue Werte</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>bad row</source>
        <translation>fehlerhafte Zeile</translation>
    </message>
    <message>
        <source>bad rows</source>
        <translation>fehlerhafte Zeilen</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>new KPI</source>
        <translation>neue KPI</translation>
    </message>
    <message>
        <source>new KPIs</source>
        <translation>neue KPIs</translation>
    </message>
</context>
<context>
    <name>Deck</name>
    <message>
        <source>The deck was not written: the export was cancelled.</source>
        <extracomment>progress(slides done, slides in all, what is being made) -&gt; False to cancel.</extracomment>
        <translation>Die Folien wurden nicht geschrieben: Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source> · stale</source>
        <translation> · veraltet</translation>
    </message>
    <message>
        <source>Slide {0} of {1}</source>
        <translation>Folie {0} von {1}</translation>
    </message>
    <message>
        <source> ({0} of {1})</source>
        <translation> ({0} von {1})</translation>
    </message>
    <message>
        <source>Scorecard{0}</source>
        <translation>Scorecard{0}</translation>
    </message>
    <message>
        <source>Goal / KPI</source>
        <translation>Ziel / KPI</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latest values: {0}</source>
        <translation>Letzte Werte: {0}</translation>
    </message>
    <message>
        <source>Last review: {0} ({1})</source>
        <translation>Letzte Besprechung: {0} ({1})</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
    <message>
        <source>Open actions:</source>
        <translation>Offene Aktionen:</translation>
    </message>
    <message>
        <source>Target revised: {0}</source>
        <translation>Zielwert geändert: {0}</translation>
    </message>
    <message>
        <source>Open actions{0}</source>
        <translation>Offene Aktionen{0}</translation>
    </message>
    <message>
        <source>{0} open, {1} overdue</source>
        <translation>{0} offen, {1} überfällig</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>noch niemand</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>kein Datum</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>No open actions.</source>
        <translation>Keine offenen Aktionen.</translation>
    </message>
    <message>
        <source>Achievements</source>
        <translation>Erfolge</translation>
    </message>
    <message>
        <source>No new achievements this time.</source>
        <translation>Diesmal keine neuen Erfolge.</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… und {0} weitere</translation>
    </message>
</context>
<context>
    <name>DeckExport</name>
    <message>
        <source>Export meeting deck</source>
        <translation>Besprechungsfolien exportieren</translation>
    </message>
    <message>
        <source>Preparing the slides...</source>
        <translation>Die Folien werden vorbereitet …</translation>
    </message>
    <message>
        <source>The deck was not saved</source>
        <translation>Die Folien wurden nicht gespeichert</translation>
    </message>
    <message>
        <source>Meeting deck saved</source>
        <translation>Besprechungsfolien gespeichert</translation>
    </message>
    <message>
        <source>Saved {n} slides to {path}. Its charts are native: edit them in PowerPoint, Keynote or Impress.</source>
        <translation>{n} Folien in {path} gespeichert. Die Diagramme sind echte Diagramme: Bearbeiten Sie sie in PowerPoint, Keynote oder Impress.</translation>
    </message>
    <message>
        <source>PowerPoint deck (*.pptx)</source>
        <translation>PowerPoint-Präsentation (*.pptx)</translation>
    </message>
</context>
<context>
    <name>DeckExportDialog</name>
    <message>
        <source>Export meeting deck</source>
        <translation>Besprechungsfolien exportieren</translation>
    </message>
    <message>
        <source>Slides for</source>
        <translation>Folien für</translation>
    </message>
    <message>
        <source>A PowerPoint deck for the meeting: a title slide, the scorecard, a slide per KPI with an editable chart and what its numbers say (also in the speaker notes, with its open actions), the open actions and the achievements. Tick a goal for all its KPIs.</source>
        <translation>Eine PowerPoint-Präsentation für die Besprechung: eine Titelfolie, die Scorecard, je KPI eine Folie mit bearbeitbarem Diagramm und dem, was ihre Zahlen sagen (auch in den Sprechernotizen, mit ihren offenen Aktionen), die offenen Aktionen und die Erfolge. Haken Sie ein Ziel an, um alle seine KPIs zu wählen.</translation>
    </message>
    <message>
        <source>Tick at least one KPI.</source>
        <translation>Haken Sie mindestens eine KPI an.</translation>
    </message>
    <message>
        <source>1 KPI: one slide for it.</source>
        <translation>1 KPI: eine Folie dafür.</translation>
    </message>
    <message>
        <source>{n} KPIs: a slide for each.</source>
        <translation>{n} KPIs: je eine Folie.</translation>
    </message>
</context>
<context>
    <name>Due</name>
    <message>
        <source>%1&apos;s value</source>
        <translation>den Wert für %1</translation>
    </message>
    <message>
        <source>yesterday&apos;s value</source>
        <translation>den Wert von gestern</translation>
    </message>
    <message>
        <source>last week&apos;s value (%1)</source>
        <translation>den Wert der letzten Woche (%1)</translation>
    </message>
    <message>
        <source>the value for %1</source>
        <translation>den Wert für %1</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>needs %1</source>
        <translation>braucht %1</translation>
    </message>
    <message>
        <source>%1 values missing: %2</source>
        <translation>%1 Werte fehlen: %2</translation>
    </message>
    <message>
        <source>1 action is overdue</source>
        <translation>1 Aktion ist überfällig</translation>
    </message>
    <message>
        <source>%1 actions are overdue</source>
        <translation>%1 Aktionen sind überfällig</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>1 KPI needs %1</source>
        <translation>1 KPI braucht %1</translation>
    </message>
    <message>
        <source>%2 KPIs need %1</source>
        <translation>%2 KPIs brauchen %1</translation>
    </message>
    <message>
        <source> (%1 overdue)</source>
        <translation> (%1 überfällig)</translation>
    </message>
    <message>
        <source>1 KPI needs values: %1 missing%2</source>
        <translation>1 KPI braucht Werte: %1 fehlen%2</translation>
    </message>
    <message>
        <source>%3 KPIs need values: %1 missing%2</source>
        <translation>%3 KPIs brauchen Werte: %1 fehlen%2</translation>
    </message>
</context>
<context>
    <name>EarlierActionsPage</name>
    <message>
        <source>Open actions from earlier reviews</source>
        <translation>Offene Aktionen aus früheren Besprechungen</translation>
    </message>
    <message>
        <source>No open actions from earlier reviews.</source>
        <translation>Keine offenen Aktionen aus früheren Besprechungen.</translation>
    </message>
    <message>
        <source>Go through what was decided last time. Tick an action when it is done; it is closed on the review&apos;s date when you save. Overdue ones are in red.</source>
        <translation>Gehen Sie durch, was beim letzten Mal beschlossen wurde. Haken Sie eine Aktion ab, wenn sie erledigt ist; sie wird beim Speichern mit dem Datum der Besprechung geschlossen. Überfällige sind rot.</translation>
    </message>
    <message>
        <source>Actions from earlier reviews</source>
        <translation>Aktionen aus früheren Besprechungen</translation>
    </message>
</context>
<context>
    <name>ExportChartDialog</name>
    <message>
        <source>Export chart: {name}</source>
        <translation>Diagramm exportieren: {name}</translation>
    </message>
    <message>
        <source>Preview of the exported chart</source>
        <translation>Vorschau des exportierten Diagramms</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Eigene Größe</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>{w} × {h}, shown at {p:.0%}</source>
        <translation>{w} × {h}, gezeigt mit {p:.0%}</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>The chart was not exported</source>
        <translation>Das Diagramm wurde nicht exportiert</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export...</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Results as of</source>
        <translation>Ergebnisse mit Stand</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>File: which spreadsheet holds the values?</source>
        <translation>Datei: Welche Tabelle enthält die Werte?</translation>
    </message>
    <message>
        <source>Import measured values from a CSV file or an Excel workbook (.xlsx). Nothing is written until you click Import on the Preview page.</source>
        <translation>Importieren Sie Messwerte aus einer CSV-Datei oder einer Excel-Arbeitsmappe (.xlsx). Geschrieben wird erst, wenn Sie auf der Seite Vorschau auf Importieren klicken.</translation>
    </message>
    <message>
        <source>e.g. monthly-figures.csv</source>
        <translation>z. B. monatszahlen.csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Two layouts work: a date column with one column per KPI (wide), or one value per row with a date, a KPI name and a value (long). Dates like 2024-01-31, 31/01/2024 or Jan 2024 and numbers like 1,200.50, 12% or €300 are understood.</source>
        <translation>Zwei Aufbauten funktionieren: eine Datumsspalte mit je einer Spalte pro KPI (breit) oder ein Wert pro Zeile mit Datum, KPI-Name und Wert (lang). Datumsangaben wie 2024-01-31, 31.01.2024, 31/01/2024 oder Jan 2024 und Zahlen wie 1.200,50, 1,200.50, 12 % oder 300 € werden verstanden.</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Blatt:</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>Gefunden:</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Daten importieren</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> und %1 weitere</translation>
    </message>
</context>
<context>
    <name>FiscalYearDialog</name>
    <message>
        <source>Fiscal year</source>
        <translation>Geschäftsjahr</translation>
    </message>
    <message>
        <source>Yearly and quarterly KPIs, “this year” and the meeting report follow the fiscal year. With April, a year runs from 1 April to 31 March and is called “FY 2026/27”; its first quarter is April to June.</source>
        <translation>Jährliche und vierteljährliche KPIs, „dieses Jahr“ und der Besprechungsbericht folgen dem Geschäftsjahr. Mit April läuft ein Jahr vom 1. April bis 31. März und heißt „GJ 2026/27“; sein erstes Quartal ist April bis Juni.</translation>
    </message>
    <message>
        <source>Fiscal year &amp;starts in:</source>
        <translation>Geschäftsjahr &amp;beginnt im:</translation>
    </message>
    <message>
        <source>The calendar year: quarters start in January, April, July and October.</source>
        <translation>Das Kalenderjahr: Die Quartale beginnen im Januar, April, Juli und Oktober.</translation>
    </message>
    <message>
        <source>Years run %1; quarters start in %2.</source>
        <translation>Die Jahre laufen %1; die Quartale beginnen im %2.</translation>
    </message>
</context>
<context>
    <name>GoalEditor</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Financial</source>
        <translation>Finanzen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Internal process</source>
        <translation>Interne Prozesse</translation>
    </message>
    <message>
        <source>Learning and growth</source>
        <translation>Lernen und Entwicklung</translation>
    </message>
    <message>
        <source>The balanced-scorecard view this goal belongs to (optional)</source>
        <translation>Die Perspektive der Balanced Scorecard, zu der dieses Ziel gehört (optional)</translation>
    </message>
    <message>
        <source>Perspective</source>
        <translation>Perspektive</translation>
    </message>
    <message>
        <source>Who is responsible</source>
        <translation>Wer verantwortlich ist</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Kept with its history, but hidden from the tree.</source>
        <translation>Mit seiner Historie aufbewahrt, aber im Baum ausgeblendet.</translation>
    </message>
    <message>
        <source>Select a goal in the tree to see and edit it here.</source>
        <translation>Wählen Sie im Baum ein Ziel, um es hier zu sehen und zu bearbeiten.</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Edit goal</source>
        <translation>Ziel bearbeiten</translation>
    </message>
    <message>
        <source>This goal no longer exists.</source>
        <translation>Dieses Ziel gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>GoalTreeModel</name>
    <message>
        <source>Goal / KPI</source>
        <translation>Ziel / KPI</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 (stale)</source>
        <translation>%1 (veraltet)</translation>
    </message>
    <message>
        <source>Stale: the latest value is older than a period and the grace</source>
        <translation>Veraltet: Der letzte Wert ist älter als ein Zeitraum plus die Kulanzfrist</translation>
    </message>
    <message>
        <source>Rename goal &quot;%1&quot;</source>
        <translation>Ziel „%1“ umbenennen</translation>
    </message>
    <message>
        <source>Rename KPI &quot;%1&quot;</source>
        <translation>KPI „%1“ umbenennen</translation>
    </message>
</context>
<context>
    <name>GoalTreePane</name>
    <message>
        <source>Filter goals and KPIs</source>
        <translation>Ziele und KPIs filtern</translation>
    </message>
    <message>
        <source>Goal tree</source>
        <translation>Zielbaum</translation>
    </message>
    <message>
        <source>Goals and KPIs</source>
        <translation>Ziele und KPIs</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Add sub-goal</source>
        <translation>Unterziel hinzufügen</translation>
    </message>
    <message>
        <source>Add KPI</source>
        <translation>KPI hinzufügen</translation>
    </message>
    <message>
        <source>New KPI with wizard…</source>
        <translation>Neue KPI mit Assistent…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Cannot add the goal</source>
        <extracomment>A tree of at most this many goals and KPIs opens fully expanded (a few screens); a bigger one shows its objectives with their rolled-up statuses, to be expanded where the user looks, so that opening it costs what is on screen. A filter shows every match expanded.</extracomment>
        <translation>Das Ziel kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>Cannot add the KPI</source>
        <translation>Die KPI kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>Delete the goal &quot;{0}&quot;</source>
        <translation>Das Ziel „{0}“ löschen</translation>
    </message>
    <message>
        <source>, its sub-goals and {0} KPI(s) with all their values</source>
        <translation>, seine Unterziele und {0} KPI(s) mit allen ihren Werten</translation>
    </message>
    <message>
        <source>Delete goal</source>
        <translation>Ziel löschen</translation>
    </message>
    <message>
        <source>You can undo this with Edit &gt; Undo.</source>
        <translation>Bearbeiten &gt; Rückgängig macht das rückgängig.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the KPI &quot;{0}&quot; and its {1} value(s)?</source>
        <translation>Die KPI „{0}“ und ihre {1} Wert(e) löschen?</translation>
    </message>
    <message>
        <source>Delete KPI</source>
        <translation>KPI löschen</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>Löschen nicht möglich</translation>
    </message>
    <message>
        <source>{0} KPI(s)</source>
        <translation>{0} KPI(s)</translation>
    </message>
</context>
<context>
    <name>HelpViewer</name>
    <message>
        <source>KPI Desktop Help</source>
        <translation>KPI Desktop – Hilfe</translation>
    </message>
</context>
<context>
    <name>HistoryBox</name>
    <message>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <source>Its recorded values</source>
        <translation>Ihre erfassten Werte</translation>
    </message>
    <message>
        <source>Values I paste or type</source>
        <translation>Werte, die ich einfüge oder eingebe</translation>
    </message>
    <message>
        <source>A spreadsheet file (CSV or Excel)</source>
        <translation>Eine Tabellendatei (CSV oder Excel)</translation>
    </message>
    <message>
        <source>One value per line, oldest first; or a date and a value on each line (copy two columns from a spreadsheet).</source>
        <translation>Ein Wert pro Zeile, der älteste zuerst; oder ein Datum und ein Wert in jeder Zeile (kopieren Sie zwei Spalten aus einer Tabelle).</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>The column (or KPI) of the file to use</source>
        <translation>Die Spalte (oder KPI) der Datei, die verwendet wird</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Noch keine Datei gewählt.</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Aus:</translation>
    </message>
    <message>
        <source>Store them as the KPI&apos;s values when you finish, so you paste them once</source>
        <translation>Beim Fertigstellen als Werte der KPI speichern, damit Sie sie nur einmal einfügen</translation>
    </message>
    <message>
        <source>Normal range:</source>
        <translation>Normaler Bereich:</translation>
    </message>
    <message>
        <source>Trend:</source>
        <translation>Trend:</translation>
    </message>
    <message>
        <source>History from a file</source>
        <translation>Historie aus einer Datei</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>Tabellen (*.csv *.xlsx *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>From %1: pick the column to use.</source>
        <translation>Aus %1: Wählen Sie die Spalte.</translation>
    </message>
    <message>
        <source>The file has no number columns.</source>
        <translation>Die Datei hat keine Zahlenspalten.</translation>
    </message>
    <message>
        <source>Keep these %1 values as the KPI&apos;s history</source>
        <translation>Diese %1 Werte als Historie der KPI behalten</translation>
    </message>
    <message>
        <source>its recorded values</source>
        <translation>ihre erfassten Werte</translation>
    </message>
    <message>
        <source>the file %1</source>
        <translation>die Datei %1</translation>
    </message>
    <message>
        <source>pasted values</source>
        <translation>eingefügte Werte</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
    <message>
        <source>%1 values, %2 to %3.</source>
        <translation>%1 Werte, %2 bis %3.</translation>
    </message>
    <message>
        <source>(The latest %1 of %2, since the last lasting change.)</source>
        <translation>(Die letzten %1 von %2, seit der letzten dauerhaften Veränderung.)</translation>
    </message>
    <message>
        <source>(The latest %1 of %2.)</source>
        <translation>(Die letzten %1 von %2.)</translation>
    </message>
    <message>
        <source>They follow a steady trend: the limits run along it.</source>
        <translation>Sie folgen einem stetigen Trend: Die Grenzen laufen an ihm entlang.</translation>
    </message>
    <message>
        <source>These look like %1 values, but the KPI is measured %2: change &quot;Measured&quot; on the previous page if that is wrong.</source>
        <translation>Das sehen wie %1 Werte aus, aber die KPI wird %2 gemessen: Ändern Sie „Gemessen“ auf der vorigen Seite, falls das falsch ist.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <source>Every change in the workspace</source>
        <translation>Jede Änderung im Arbeitsbereich</translation>
    </message>
    <message>
        <source>The KPI &quot;%1&quot;</source>
        <translation>Die KPI „%1“</translation>
    </message>
    <message>
        <source>The goal &quot;%1&quot;</source>
        <translation>Das Ziel „%1“</translation>
    </message>
    <message>
        <source>Search the changes</source>
        <translation>Änderungen durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>%1 of %2 changes</source>
        <translation>%1 von %2 Änderungen</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 Änderungen</translation>
    </message>
</context>
<context>
    <name>ImportTexts</name>
    <message>
        <source> and {0} more</source>
        <translation> und {0} weitere</translation>
    </message>
    <message>
        <source>{0} and more</source>
        <translation>{0} und weitere</translation>
    </message>
    <message>
        <source>The dates in column &apos;{0}&apos; can be read day first or month first (rows {1}). Choose how to read them.</source>
        <translation>Die Datumsangaben in Spalte „{0}“ lassen sich mit dem Tag oder dem Monat zuerst lesen (Zeilen {1}). Wählen Sie, wie sie gelesen werden.</translation>
    </message>
    <message>
        <source>The file has {0}: nothing can be imported until they are fixed. The next page lists every one.</source>
        <translation>Die Datei hat {0}: Nichts kann importiert werden, bis sie korrigiert sind. Die nächste Seite führt jede auf.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import data</source>
        <translation>Daten importieren</translation>
    </message>
</context>
<context>
    <name>KpiChecklist</name>
    <message>
        <source>Tick all</source>
        <translation>Alle anhaken</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>KpiDraft</name>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} bis {1}</translation>
    </message>
</context>
<context>
    <name>KpiEditor</name>
    <message>
        <source>Edit with wizard…</source>
        <translation>Mit Assistent bearbeiten…</translation>
    </message>
    <message>
        <source>Walk through aligning, quantifying and sizing this KPI step by step</source>
        <translation>Diese KPI Schritt für Schritt ausrichten, messbar machen und bemessen</translation>
    </message>
    <message>
        <source>Select a KPI in the tree to see and edit it here.</source>
        <translation>Wählen Sie im Baum eine KPI, um sie hier zu sehen und zu bearbeiten.</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>e.g. Monthly sales</source>
        <translation>z. B. Monatsumsatz</translation>
    </message>
    <message>
        <source>Key question</source>
        <translation>Leitfrage</translation>
    </message>
    <message>
        <source>What do you want to know?</source>
        <translation>Was möchten Sie wissen?</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Leading</source>
        <translation>Frühindikator</translation>
    </message>
    <message>
        <source>Moves first and drives results (e.g. web-shop visits).</source>
        <translation>Bewegt sich zuerst und treibt die Ergebnisse (z. B. Besuche im Webshop).</translation>
    </message>
    <message>
        <source>Lagging</source>
        <translation>Spätindikator</translation>
    </message>
    <message>
        <source>Shows the result after the fact (e.g. revenue).</source>
        <translation>Zeigt das Ergebnis im Nachhinein (z. B. Umsatz).</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Messung</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>Geld</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Prozentsatz</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Verhältnis</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Kind of unit</source>
        <translation>Art der Einheit</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>e.g. EUR, %, orders</source>
        <translation>z. B. EUR, %, Bestellungen</translation>
    </message>
    <message>
        <source>e.g. €</source>
        <translation>z. B. €</translation>
    </message>
    <message>
        <source>Currency symbol</source>
        <translation>Währungssymbol</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>Nachkommastellen</translation>
    </message>
    <message>
        <source>Sum of the period</source>
        <translation>Summe des Zeitraums</translation>
    </message>
    <message>
        <source>Average over the period</source>
        <translation>Durchschnitt über den Zeitraum</translation>
    </message>
    <message>
        <source>Last value in the period</source>
        <translation>Letzter Wert im Zeitraum</translation>
    </message>
    <message>
        <source>Period value</source>
        <translation>Wert des Zeitraums</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Wöchentlich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Vierteljährlich</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Jährlich</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Häufigkeit</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Datenquelle</translation>
    </message>
    <message>
        <source>Where the numbers come from</source>
        <translation>Woher die Zahlen kommen</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>Formel</translation>
    </message>
    <message>
        <source>e.g. orders ÷ visits</source>
        <translation>z. B. Bestellungen ÷ Besuche</translation>
    </message>
    <message>
        <source>Calculated as</source>
        <translation>Berechnet als</translation>
    </message>
    <message>
        <source>e.g. [Web-shop sales] / [Web-shop orders]</source>
        <translation>z. B. [Web-shop sales] / [Web-shop orders]</translation>
    </message>
    <message>
        <source>Leave empty for a KPI whose values are typed or imported.</source>
        <translation>Leer lassen für eine KPI, deren Werte eingetippt oder importiert werden.</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Higher is better</source>
        <translation>Höher ist besser</translation>
    </message>
    <message>
        <source>Lower is better</source>
        <translation>Niedriger ist besser</translation>
    </message>
    <message>
        <source>Keep within a range</source>
        <translation>In einem Bereich halten</translation>
    </message>
    <message>
        <source>Good means</source>
        <translation>Gut heißt</translation>
    </message>
    <message>
        <source>Range low</source>
        <translation>Bereich unten</translation>
    </message>
    <message>
        <source>Range high</source>
        <translation>Bereich oben</translation>
    </message>
    <message>
        <source>Baseline value</source>
        <translation>Ausgangswert</translation>
    </message>
    <message>
        <source>Baseline date</source>
        <translation>Ausgangsdatum</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>Zieldatum</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>How far behind plan still counts as on track (10 % is usual).</source>
        <translation>Wie weit hinter dem Plan noch als auf Kurs gilt (10 % ist üblich).</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>How much this KPI counts in its goal&apos;s score (1 is normal).</source>
        <translation>Wie stark diese KPI in der Bewertung ihres Ziels zählt (1 ist normal).</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Überprüfungsdatum</translation>
    </message>
    <message>
        <source>Revise target…</source>
        <translation>Zielwert ändern…</translation>
    </message>
    <message>
        <source>A new target from a date on; the old plan is kept for the dates before</source>
        <translation>Ein neuer Zielwert ab einem Datum; der alte Plan bleibt für die Daten davor</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>Was wäre, wenn…</translation>
    </message>
    <message>
        <source>Change a calculated KPI&apos;s inputs and see</source>
        <translation>Die Eingangsgrößen einer berechneten KPI ändern und sehen</translation>
    </message>
    <message>
        <source>Revisions:</source>
        <translation>Änderungen:</translation>
    </message>
    <message>
        <source>Ownership</source>
        <translation>Verantwortung</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Who looks after it</source>
        <translation>Wer sich darum kümmert</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Kept with its history, but hidden from the scorecard.</source>
        <translation>Mit seiner Historie aufbewahrt, aber in der Scorecard ausgeblendet.</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Edit KPI</source>
        <translation>KPI bearbeiten</translation>
    </message>
    <message>
        <source>none: the first plan is in force</source>
        <translation>keine: Der erste Plan gilt</translation>
    </message>
    <message>
        <source>Use Revise target… to change it: the old plan is kept</source>
        <translation>Ändern Sie ihn mit „Zielwert ändern…“: Der alte Plan bleibt erhalten</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>This KPI no longer exists.</source>
        <translation>Diese KPI gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>KpiReviewPage</name>
    <message>
        <source>No values yet: nothing to chart.</source>
        <extracomment>A new action is due this many days after the review, unless changed. The most facts a KPI shows under its name (see ``ReviewItem.facts``).</extracomment>
        <translation>Noch keine Werte: nichts darzustellen.</translation>
    </message>
    <message>
        <source>Open actions on this KPI</source>
        <translation>Offene Aktionen zu dieser KPI</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open actions&lt;/b&gt; (tick when done):</source>
        <translation>&lt;b&gt;Offene Aktionen&lt;/b&gt; (abhaken, wenn erledigt):</translation>
    </message>
    <message>
        <source>Note on the chart…</source>
        <translation>Notiz im Diagramm…</translation>
    </message>
    <message>
        <source>Mark what happened (a new barista, a price rise) on this KPI&apos;s chart</source>
        <translation>Vermerken, was passiert ist (eine neue Barista, eine Preiserhöhung), im Diagramm dieser KPI</translation>
    </message>
    <message>
        <source>&lt;b&gt;Comment&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kommentar&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What will be done, e.g. Call the supplier</source>
        <translation>Was getan wird, z. B. Lieferanten anrufen</translation>
    </message>
    <message>
        <source>New action: what</source>
        <translation>Neue Aktion: was</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>New action: who</source>
        <translation>Neue Aktion: wer</translation>
    </message>
    <message>
        <source>New action: due date</source>
        <translation>Neue Aktion: Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>This KPI</source>
        <translation>Diese KPI</translation>
    </message>
    <message>
        <source>New action: linked to</source>
        <translation>Neue Aktion: verknüpft mit</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>Aktion hinzufügen</translation>
    </message>
    <message>
        <source>Actions decided for this KPI</source>
        <translation>Für diese KPI beschlossene Aktionen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;Was:</translation>
    </message>
    <message>
        <source>by</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Wer:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Für:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Corrective action&lt;/b&gt;: who does what by when</source>
        <translation>&lt;b&gt;Korrekturmaßnahme&lt;/b&gt;: wer macht was bis wann</translation>
    </message>
    <message>
        <source>Goal: {goal} · Owner: {owner}</source>
        <translation>Ziel: {goal} · Verantwortlich: {owner}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>noch niemand</translation>
    </message>
    <message>
        <source>What do you see, and why? (for example: prices went up; not passed on)</source>
        <translation>Was sehen Sie, und warum? (zum Beispiel: Die Preise sind gestiegen; nicht weitergegeben)</translation>
    </message>
    <message>
        <source>Anything to note? (optional)</source>
        <translation>Etwas anzumerken? (optional)</translation>
    </message>
    <message>
        <source>Comment on {kpi}</source>
        <translation>Kommentar zu {kpi}</translation>
    </message>
    <message>
        <source>Its goal: {g}</source>
        <translation>Ihr Ziel: {g}</translation>
    </message>
    <message>
        <source>this KPI</source>
        <translation>diese KPI</translation>
    </message>
    <message>
        <source>its goal</source>
        <translation>ihr Ziel</translation>
    </message>
    <message>
        <source>Chart of {kpi}</source>
        <translation>Diagramm von {kpi}</translation>
    </message>
    <message>
        <source>◯ Real change: {e}</source>
        <translation>◯ Echte Veränderung: {e}</translation>
    </message>
    <message>
        <source>Latest</source>
        <extracomment>The order KPIs are walked in: off track, at risk, then everything else. How statuses are counted in summaries (worst first).</extracomment>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Plan for now</source>
        <translation>Plan für jetzt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Forecast at target date</source>
        <translation>Prognose zum Zieldatum</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>Keep {low}–{high}</source>
        <translation>Halten {low}–{high}</translation>
    </message>
    <message>
        <source>Progress —</source>
        <translation>Fortschritt —</translation>
    </message>
    <message>
        <source>Progress {p}</source>
        <translation>Fortschritt {p}</translation>
    </message>
    <message>
        <source>Steady</source>
        <translation>Stabil</translation>
    </message>
    <message>
        <source>Rising</source>
        <translation>Steigt</translation>
    </message>
    <message>
        <source>Falling</source>
        <translation>Fällt</translation>
    </message>
    <message>
        <source>Improving</source>
        <translation>Besser</translation>
    </message>
    <message>
        <source>Worsening</source>
        <translation>Schlechter</translation>
    </message>
    <message>
        <source>Goal: {g}</source>
        <translation>Ziel: {g}</translation>
    </message>
    <message>
        <source>Owner: {o}</source>
        <translation>Verantwortlich: {o}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>noch niemand</translation>
    </message>
    <message>
        <source>Perspective: {p}</source>
        <translation>Perspektive: {p}</translation>
    </message>
    <message>
        <source>Latest: {v} ({when})</source>
        <translation>Zuletzt: {v} ({when})</translation>
    </message>
    <message>
        <source>Target: {t}{by}</source>
        <translation>Zielwert: {t}{by}</translation>
    </message>
    <message>
        <source>Status: {s}</source>
        <translation>Status: {s}</translation>
    </message>
    <message>
        <source>Stale: the latest value is older than a period and the grace</source>
        <translation>Veraltet: Der letzte Wert ist älter als ein Zeitraum plus die Kulanzfrist</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>trend {t}</source>
        <translation>Trend {t}</translation>
    </message>
    <message>
        <source>real change: {e}</source>
        <translation>echte Veränderung: {e}</translation>
    </message>
    <message>
        <source>Trend of the last {n} values: {text}</source>
        <translation>Trend der letzten {n} Werte: {text}</translation>
    </message>
    <message>
        <source>Real change</source>
        <extracomment>A tile is never narrower than this; the grid has as many columns as fit.</extracomment>
        <translation>Echte Veränderung</translation>
    </message>
    <message>
        <source>No values yet</source>
        <translation>Noch keine Werte</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;h2&gt;No workspace is open&lt;/h2&gt;&lt;p&gt;Use &lt;b&gt;File &amp;gt; New&lt;/b&gt; to start a plan, &lt;b&gt;File &amp;gt; Open&lt;/b&gt; for an existing one, or &lt;b&gt;File &amp;gt; Open demo&lt;/b&gt; to explore a sample café.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kein Arbeitsbereich geöffnet&lt;/h2&gt;&lt;p&gt;Mit &lt;b&gt;Datei &amp;gt; Neu&lt;/b&gt; beginnen Sie einen Plan, mit &lt;b&gt;Datei &amp;gt; Öffnen&lt;/b&gt; öffnen Sie einen vorhandenen, mit &lt;b&gt;Datei &amp;gt; Demo öffnen&lt;/b&gt; erkunden Sie ein Beispiel-Café.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation> [schreibgeschützt]</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Opening {0}…&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;{0} wird geöffnet…&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Workspace in use</source>
        <translation>Arbeitsbereich in Benutzung</translation>
    </message>
    <message>
        <source>{0} has this workspace open.

Open it read-only here, so that the two copies cannot overwrite each other?</source>
        <translation>{0} hat diesen Arbeitsbereich geöffnet.

Hier schreibgeschützt öffnen, damit sich die beiden Kopien nicht gegenseitig überschreiben?</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>Schreibgeschützt öffnen</translation>
    </message>
    <message>
        <source>Open read-only?</source>
        <translation>Schreibgeschützt öffnen?</translation>
    </message>
    <message>
        <source>{0}

Open it read-only to look at it without changing it?</source>
        <translation>{0}

Schreibgeschützt öffnen, um ihn anzusehen, ohne ihn zu ändern?</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Der Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Cannot create the workspace</source>
        <translation>Der Arbeitsbereich kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Die Demo kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Eine Kopie speichern</translation>
    </message>
    <message>
        <source>Cannot save the copy</source>
        <translation>Die Kopie kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved a copy as {0}</source>
        <translation>Kopie gespeichert als {0}</translation>
    </message>
    <message>
        <source>1 value checked in</source>
        <translation>1 Wert erfasst</translation>
    </message>
    <message>
        <source>{0} values checked in</source>
        <translation>{0} Werte erfasst</translation>
    </message>
    <message>
        <source>Review saved</source>
        <translation>Besprechung gespeichert</translation>
    </message>
    <message>
        <source>Chart copied: paste it into your slides</source>
        <translation>Diagramm kopiert: Fügen Sie es in Ihre Folien ein</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>Über {0}</translation>
    </message>
    <message>
        <source>{0} {1}

Set, track and achieve strategic KPIs, offline.
Licence: MIT.</source>
        <translation>{0} {1}

Strategische KPIs setzen, verfolgen und erreichen, offline.
Lizenz: MIT.</translation>
    </message>
</context>
<context>
    <name>MainWindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import data…</source>
        <translation>Daten &amp;importieren…</translation>
    </message>
    <message>
        <source>Cop&amp;y chart</source>
        <translation>Diagramm &amp;kopieren</translation>
    </message>
    <message>
        <source>Export meeting dec&amp;k…</source>
        <translation>Besprechungs&amp;folien exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;data…</source>
        <translation>&amp;Daten exportieren…</translation>
    </message>
    <message>
        <source>Save a &amp;Copy…</source>
        <translation>Kopie speic&amp;hern unter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historie…</translation>
    </message>
    <message>
        <source>&amp;Stale values…</source>
        <translation>&amp;Veraltete Werte…</translation>
    </message>
    <message>
        <source>&amp;Fiscal year…</source>
        <translation>&amp;Geschäftsjahr…</translation>
    </message>
    <message>
        <source>&amp;KPI</source>
        <translation>&amp;KPI</translation>
    </message>
    <message>
        <source>&amp;New KPI…</source>
        <translation>&amp;Neue KPI…</translation>
    </message>
    <message>
        <source>Edit with &amp;wizard…</source>
        <translation>Mit &amp;Assistent bearbeiten…</translation>
    </message>
    <message>
        <source>Open d&amp;emo</source>
        <translation>&amp;Demo öffnen</translation>
    </message>
    <message>
        <source>Connect to team &amp;workspace…</source>
        <translation>Mit &amp;Team-Arbeitsbereich verbinden…</translation>
    </message>
    <message>
        <source>New from e&amp;xport…</source>
        <translation>Neu aus E&amp;xport…</translation>
    </message>
    <message>
        <source>Res&amp;tore from backup…</source>
        <translation>Aus &amp;Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Export c&amp;hart…</source>
        <translation>Dia&amp;gramm exportieren…</translation>
    </message>
    <message>
        <source>Export meeting re&amp;port…</source>
        <translation>Besprechungs&amp;bericht exportieren…</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Sch&amp;ließen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Plan next year…</source>
        <translation>&amp;Nächstes Jahr planen…</translation>
    </message>
    <message>
        <source>&amp;Track</source>
        <translation>&amp;Verfolgen</translation>
    </message>
    <message>
        <source>&amp;Check in…</source>
        <translation>Werte &amp;erfassen…</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>&amp;Aktionen</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>Bes&amp;prechung</translation>
    </message>
    <message>
        <source>&amp;Start a review…</source>
        <translation>Besprechung &amp;beginnen…</translation>
    </message>
    <message>
        <source>Review &amp;history</source>
        <translation>Besprechungs&amp;historie</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>Ü&amp;ber %1</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>&amp;Rückgängig: {0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>&amp;Wiederherstellen: {0}</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Mapping: how is the file laid out?</source>
        <translation>Zuordnung: Wie ist die Datei aufgebaut?</translation>
    </message>
    <message>
        <source>The layout and the columns were found from the file&apos;s content. Change them if they are wrong.</source>
        <translation>Aufbau und Spalten wurden aus dem Inhalt der Datei erkannt. Ändern Sie sie, wenn sie falsch sind.</translation>
    </message>
    <message>
        <source>Wide: a date column and one column per KPI</source>
        <translation>Breit: eine Datumsspalte und je eine Spalte pro KPI</translation>
    </message>
    <message>
        <source>One row per date, e.g. columns month, revenue, visitors.</source>
        <translation>Eine Zeile pro Datum, z. B. Spalten Monat, Umsatz, Besucher.</translation>
    </message>
    <message>
        <source>Long: one value per row</source>
        <translation>Lang: ein Wert pro Zeile</translation>
    </message>
    <message>
        <source>Three columns hold the date, the KPI&apos;s name and the value.</source>
        <translation>Drei Spalten enthalten das Datum, den Namen der KPI und den Wert.</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Aufbau</translation>
    </message>
    <message>
        <source>choose a column</source>
        <translation>Spalte wählen</translation>
    </message>
    <message>
        <source>Dates in:</source>
        <translation>Datum in:</translation>
    </message>
    <message>
        <source>KPI names in:</source>
        <translation>KPI-Namen in:</translation>
    </message>
    <message>
        <source>Values in:</source>
        <translation>Werte in:</translation>
    </message>
    <message>
        <source>Every other column named after a KPI is imported; with &quot;Create KPIs&quot; ticked, every other column of numbers too.</source>
        <translation>Jede andere Spalte, die nach einer KPI benannt ist, wird importiert; mit „KPIs anlegen“ auch jede andere Zahlenspalte.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Create KPIs that don&apos;t exist yet</source>
        <translation>KPIs anlegen, die es noch nicht gibt</translation>
    </message>
    <message>
        <source>Under the goal:</source>
        <translation>Unter dem Ziel:</translation>
    </message>
    <message>
        <source>New KPIs get the column&apos;s name, no unit, and the frequency their dates suggest; finish them later in the KPI editor.</source>
        <translation>Neue KPIs erhalten den Namen der Spalte, keine Einheit und die Häufigkeit, die ihre Daten nahelegen; vervollständigen Sie sie später im KPI-Editor.</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>Day first: 03/04/2024 is 3 April 2024</source>
        <translation>Tag zuerst: 03/04/2024 ist der 3. April 2024</translation>
    </message>
    <message>
        <source>Month first: 03/04/2024 is 4 March 2024</source>
        <translation>Monat zuerst: 03/04/2024 ist der 4. März 2024</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Datumsangaben</translation>
    </message>
    <message>
        <source>Reading %1: %2 columns.</source>
        <translation>%1 wird gelesen: %2 Spalten.</translation>
    </message>
    <message>
        <source>Found %1 for %2 in %3.</source>
        <translation>%1 für %2 in %3 gefunden.</translation>
    </message>
    <message>
        <source>%1 will be created.</source>
        <translation>%1 wird angelegt.</translation>
    </message>
    <message>
        <source>The layout and columns show here once the file can be read; you can also choose them yourself.</source>
        <translation>Aufbau und Spalten erscheinen hier, sobald die Datei gelesen werden kann; Sie können sie auch selbst wählen.</translation>
    </message>
    <message>
        <source>Type the goal that new KPIs go under.</source>
        <translation>Geben Sie das Ziel ein, unter dem neue KPIs angelegt werden.</translation>
    </message>
    <message>
        <source>Choose how to read the dates.</source>
        <translation>Wählen Sie, wie die Datumsangaben gelesen werden.</translation>
    </message>
    <message>
        <source>No column is named after a KPI of this workspace. Tick &quot;Create KPIs that don&apos;t exist yet&quot; to make %1 (%2), or name the columns after your KPIs.</source>
        <translation>Keine Spalte ist nach einer KPI dieses Arbeitsbereichs benannt. Haken Sie „KPIs anlegen, die es noch nicht gibt“ an, um %1 (%2) anzulegen, oder benennen Sie die Spalten nach Ihren KPIs.</translation>
    </message>
    <message>
        <source>The file has not been read yet.</source>
        <translation>Die Datei wurde noch nicht gelesen.</translation>
    </message>
    <message>
        <source>%1 name KPIs that don&apos;t exist yet (%2). Tick &quot;Create KPIs that don&apos;t exist yet&quot; to make them, or see every row on the next page.</source>
        <translation>%1 nennen KPIs, die es noch nicht gibt (%2). Haken Sie „KPIs anlegen, die es noch nicht gibt“ an, um sie anzulegen, oder sehen Sie alle Zeilen auf der nächsten Seite.</translation>
    </message>
</context>
<context>
    <name>MeasurementsModel</name>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Value</source>
        <extracomment>Rows read at once when the view asks for a row the model does not hold. Pages kept (the least recently used goes first): memory stays bounded however far the view scrolls. A change that adds or removes more rows than this resets the model instead of moving rows one block at a time.</extracomment>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>The period the value belongs to (a date is stored as its period&apos;s first day)</source>
        <translation>Der Zeitraum, zu dem der Wert gehört (ein Datum wird als erster Tag seines Zeitraums gespeichert)</translation>
    </message>
    <message>
        <source>The measured value; double-click or press Enter to change it</source>
        <translation>Der gemessene Wert; Doppelklick oder Eingabe zum Ändern</translation>
    </message>
    <message>
        <source>A short note, e.g. what explains an unusual value</source>
        <translation>Eine kurze Notiz, z. B. was einen ungewöhnlichen Wert erklärt</translation>
    </message>
    <message>
        <source>Where the value came from: typed or pasted by hand, or the imported file</source>
        <translation>Woher der Wert stammt: von Hand eingegeben oder eingefügt, oder die importierte Datei</translation>
    </message>
</context>
<context>
    <name>MeasurementsTable</name>
    <message>
        <source>{0}, calculated: {1}</source>
        <translation>{0}, berechnet: {1}</translation>
    </message>
    <message>
        <source>; no value for {0}: {1}</source>
        <translation>; kein Wert für {0}: {1}</translation>
    </message>
    <message>
        <source> (and {0} more)</source>
        <translation> (und {0} weitere)</translation>
    </message>
    <message>
        <source>Values</source>
        <extracomment>Rows from each end of the table whose texts size the columns when a KPI is shown (never every row: a KPI may have a million values).</extracomment>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Values table</source>
        <translation>Wertetabelle</translation>
    </message>
    <message>
        <source>Add value</source>
        <translation>Wert hinzufügen</translation>
    </message>
    <message>
        <source>Add a value for the next period (Insert)</source>
        <translation>Einen Wert für den nächsten Zeitraum hinzufügen (Einfg)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected values (Delete)</source>
        <translation>Die ausgewählten Werte löschen (Entf)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Paste rows copied from a spreadsheet: a date column, a value column and optionally a note column (Ctrl+V)</source>
        <translation>Aus einer Tabelle kopierte Zeilen einfügen: eine Datumsspalte, eine Wertespalte und optional eine Notizspalte (Strg+V)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected rows for a spreadsheet (Ctrl+C)</source>
        <translation>Die ausgewählten Zeilen für eine Tabelle kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Note on the chart…</source>
        <translation>Notiz im Diagramm…</translation>
    </message>
    <message>
        <source>Mark what happened in the selected period on the chart (the report and the deck list the note too)</source>
        <translation>Im Diagramm vermerken, was im ausgewählten Zeitraum passiert ist (Bericht und Folien führen die Notiz auch auf)</translation>
    </message>
    <message>
        <source>Choose a KPI to see its values.</source>
        <translation>Wählen Sie eine KPI, um ihre Werte zu sehen.</translation>
    </message>
    <message>
        <source>No values yet. Click Add value, or copy a date column and a value column in a spreadsheet and press Ctrl+V here.</source>
        <translation>Noch keine Werte. Klicken Sie auf „Wert hinzufügen“ oder kopieren Sie in einer Tabelle eine Datums- und eine Wertespalte und drücken Sie hier Strg+V.</translation>
    </message>
    <message>
        <source>Choose a KPI before pasting values.</source>
        <translation>Wählen Sie eine KPI, bevor Sie Werte einfügen.</translation>
    </message>
    <message>
        <source>Nothing was pasted. Fix this row and paste again:</source>
        <translation>Nichts wurde eingefügt. Korrigieren Sie diese Zeile und fügen Sie erneut ein:</translation>
    </message>
    <message>
        <source>Nothing was pasted. Fix these rows and paste again:</source>
        <translation>Nichts wurde eingefügt. Korrigieren Sie diese Zeilen und fügen Sie erneut ein:</translation>
    </message>
    <message>
        <source>Nothing to paste: copy a date column and a value column first.</source>
        <translation>Nichts einzufügen: Kopieren Sie zuerst eine Datums- und eine Wertespalte.</translation>
    </message>
    <message>
        <source>Pasted %1</source>
        <translation>%1 eingefügt</translation>
    </message>
    <message>
        <source>, replacing %1</source>
        <translation>, dabei %1 ersetzt</translation>
    </message>
    <message>
        <source> (the header row was skipped)</source>
        <translation> (die Kopfzeile wurde übersprungen)</translation>
    </message>
    <message>
        <source>. Undo with Ctrl+Z.</source>
        <translation>. Rückgängig mit Strg+Z.</translation>
    </message>
    <message>
        <source>replaces %1</source>
        <translation>ersetzt %1</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Type a value first.</source>
        <translation>Geben Sie zuerst einen Wert ein.</translation>
    </message>
    <message>
        <source>Tip: copy dates and values in a spreadsheet, then Paste</source>
        <translation>Tipp: Datum und Werte in einer Tabelle kopieren, dann Einfügen</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>MilestonesBox</name>
    <message>
        <source>Milestones</source>
        <translation>Meilensteine</translation>
    </message>
    <message>
        <source>Evenly, step by step</source>
        <translation>Gleichmäßig, Schritt für Schritt</translation>
    </message>
    <message>
        <source>Like last year&apos;s ups and downs</source>
        <translation>Wie das Auf und Ab des Vorjahrs</translation>
    </message>
    <message>
        <source>By hand (type in the table)</source>
        <translation>Von Hand (in der Tabelle eingeben)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Aim</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>The aim for %1 is not a number.</source>
        <translation>Die Vorgabe für %1 ist keine Zahl.</translation>
    </message>
    <message>
        <source>Needs at least 3 monthly or quarterly values last year.</source>
        <translation>Braucht mindestens 3 monatliche oder vierteljährliche Werte im Vorjahr.</translation>
    </message>
</context>
<context>
    <name>NewFromExport</name>
    <message>
        <source>New workspace from an export</source>
        <translation>Neuer Arbeitsbereich aus einem Export</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save the new workspace as</source>
        <translation>Den neuen Arbeitsbereich speichern unter</translation>
    </message>
    <message>
        <source>Cannot build the workspace</source>
        <translation>Der Arbeitsbereich lässt sich nicht aufbauen</translation>
    </message>
    <message>
        <source>Built {0} from {1}: {2}</source>
        <translation>{0} aus {1} aufgebaut: {2}</translation>
    </message>
</context>
<context>
    <name>NewKpiWizard</name>
    <message>
        <source>Edit KPI</source>
        <translation>KPI bearbeiten</translation>
    </message>
    <message>
        <source>New KPI</source>
        <translation>Neue KPI</translation>
    </message>
    <message>
        <source>Edit KPI &quot;%1&quot;</source>
        <translation>KPI „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Add KPI &quot;%1&quot;</source>
        <translation>KPI „%1“ hinzufügen</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Add a note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>e.g. new barista started, price rise, road works</source>
        <translation>z. B. neue Barista angefangen, Preiserhöhung, Straßenbauarbeiten</translation>
    </message>
    <message>
        <source>Over a period, until</source>
        <translation>Über einen Zeitraum, bis</translation>
    </message>
    <message>
        <source>%1 only</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <source>Every KPI (the whole workspace)</source>
        <translation>Jede KPI (der ganze Arbeitsbereich)</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>&amp;Was ist passiert:</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;Am:</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>Betrifft:</translation>
    </message>
</context>
<context>
    <name>OptionalDateField</name>
    <message>
        <source>Tick to set a date, untick to clear it</source>
        <translation>Anhaken, um ein Datum zu setzen, abhaken, um es zu löschen</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>{0} is set</source>
        <translation>{0} ist gesetzt</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Due and overdue</source>
        <extracomment>How far back &quot;latest&quot; achievements go, and how many the list shows.</extracomment>
        <translation>Fällig und überfällig</translation>
    </message>
    <message>
        <source>Latest achievements</source>
        <translation>Neueste Erfolge</translation>
    </message>
    <message>
        <source>&amp;Due and overdue</source>
        <translation>&amp;Fällig und überfällig</translation>
    </message>
    <message>
        <source>&amp;Latest achievements</source>
        <translation>Neueste &amp;Erfolge</translation>
    </message>
    <message>
        <source>Nothing is due: every KPI is up to date.</source>
        <translation>Nichts ist fällig: jede KPI ist auf dem neuesten Stand.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n Tag überfällig</numerusform>
            <numerusform>%n Tage überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>{kpi}: {message}{late}</source>
        <translation>{kpi}: {message}{late}</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more KPI(s): Track &gt; Check in lists them all</source>
        <translation>
            <numerusform>… und %n weitere KPI: Verfolgen &gt; Werte erfassen listet alle auf</numerusform>
            <numerusform>… und %n weitere KPIs: Verfolgen &gt; Werte erfassen listet alle auf</numerusform>
        </translation>
    </message>
    <message>
        <source>Action “{title}”: due {date}, overdue</source>
        <translation>Aktion „{title}“: fällig am {date}, überfällig</translation>
    </message>
    <message>
        <source>No achievements in the last three months yet.</source>
        <translation>In den letzten drei Monaten noch keine Erfolge.</translation>
    </message>
    <message>
        <source>{kpi}: {text} · {when}</source>
        <translation>{kpi}: {text} · {when}</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <source>week of %1</source>
        <extracomment>At most this many missing periods are listed (the most recent ones); all are counted.</extracomment>
        <translation>Woche ab %1</translation>
    </message>
    <message>
        <source>FY %1</source>
        <extracomment>Number of periods in one year, for frequencies whose periods tile a calendar year. A period of each frequency in words (&quot;a month&quot;).</extracomment>
        <translation>GJ %1</translation>
    </message>
    <message>
        <source>the calendar year</source>
        <translation>das Kalenderjahr</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <extracomment>The calendar year: the default fiscal year, today&apos;s behaviour everywhere. English month names (the command line and stored texts; people read `style().months`).</extracomment>
        <translation>Woche ab %1</translation>
    </message>
</context>
<context>
    <name>Perspective</name>
    <message>
        <source>Financial</source>
        <translation>Finanzen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Internal process</source>
        <translation>Interne Prozesse</translation>
    </message>
    <message>
        <source>Learning and growth</source>
        <translation>Lernen und Entwicklung</translation>
    </message>
</context>
<context>
    <name>PlanNextYearDialog</name>
    <message>
        <source>Plan %1</source>
        <translation>%1 planen</translation>
    </message>
    <message>
        <source>Each ticked KPI keeps its definition, owner and values and gets a plan for %1 (%2 to %3): it starts from where it stands (its baseline) and aims at the target below, proposed from its own history as challenging yet attainable. This year&apos;s plan and statuses stay as they are.</source>
        <translation>Jede angehakte KPI behält Definition, Verantwortliche und Werte und erhält einen Plan für %1 (%2 bis %3): Er beginnt dort, wo sie steht (ihr Ausgangswert), und zielt auf den Zielwert unten, aus ihrer eigenen Historie als anspruchsvoll, aber erreichbar vorgeschlagen. Plan und Status dieses Jahres bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>This year&apos;s target</source>
        <translation>Zielwert dieses Jahres</translation>
    </message>
    <message>
        <source>Starts from</source>
        <translation>Beginnt bei</translation>
    </message>
    <message>
        <source>Target for %1</source>
        <translation>Zielwert für %1</translation>
    </message>
    <message>
        <source>Plan next year</source>
        <translation>Nächstes Jahr planen</translation>
    </message>
    <message>
        <source>The target for &quot;%1&quot; must be a number (got &quot;%2&quot;)</source>
        <translation>Der Zielwert für „%1“ muss eine Zahl sein (erhalten: „%2“)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>System language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The language of menus, windows, help pages, reports and slides, and how numbers and dates are written (1.234,5 and 7. Dez. 2026 in German).</source>
        <translation>Die Sprache von Menüs, Fenstern, Hilfeseiten, Berichten und Folien, und wie Zahlen und Datumsangaben geschrieben werden (1.234,5 und 7. Dez. 2026 auf Deutsch).</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the app.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start der App.</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview: what will be written</source>
        <translation>Vorschau: Was geschrieben wird</translation>
    </message>
    <message>
        <source>Check the values below. Import writes them all in one step; Edit &gt; Undo takes the whole import back.</source>
        <translation>Prüfen Sie die Werte unten. Importieren schreibt sie alle in einem Schritt; Bearbeiten &gt; Rückgängig nimmt den ganzen Import zurück.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Stored now</source>
        <translation>Jetzt gespeichert</translation>
    </message>
    <message>
        <source>Values already stored</source>
        <translation>Schon gespeicherte Werte</translation>
    </message>
    <message>
        <source>Replace the stored values</source>
        <translation>Die gespeicherten Werte ersetzen</translation>
    </message>
    <message>
        <source>The file&apos;s values win; notes on those values are kept.</source>
        <translation>Die Werte der Datei gelten; Notizen zu diesen Werten bleiben erhalten.</translation>
    </message>
    <message>
        <source>Keep the stored values</source>
        <translation>Die gespeicherten Werte behalten</translation>
    </message>
    <message>
        <source>Only periods without a value get the file&apos;s value.</source>
        <translation>Nur Zeiträume ohne Wert erhalten den Wert der Datei.</translation>
    </message>
    <message>
        <source>Nothing can be imported from %1: fix the rows below in the file, then go Back and read it again.</source>
        <translation>Aus %1 kann nichts importiert werden: Korrigieren Sie die Zeilen unten in der Datei, gehen Sie dann Zurück und lesen Sie sie erneut.</translation>
    </message>
    <message>
        <source>to import KPIs that do not exist yet, go Back and tick &quot;Create KPIs that don&apos;t exist yet&quot;.</source>
        <translation>um KPIs zu importieren, die es noch nicht gibt, gehen Sie Zurück und haken Sie „KPIs anlegen, die es noch nicht gibt“ an.</translation>
    </message>
    <message>
        <source>%1 for %2, from %3 of %4.</source>
        <translation>%1 für %2, aus %3 von %4.</translation>
    </message>
    <message>
        <source>The first %1 are shown.</source>
        <translation>Die ersten %1 werden gezeigt.</translation>
    </message>
    <message>
        <source>KPIs to create under &quot;%1&quot;: %2</source>
        <translation>Anzulegende KPIs unter „%1“: %2</translation>
    </message>
    <message>
        <source>Skipped columns (no KPI of that name): %1</source>
        <translation>Übersprungene Spalten (keine KPI dieses Namens): %1</translation>
    </message>
    <message>
        <source>Dates like 03/04/2024 were read %1.</source>
        <translation>Daten wie 03/04/2024 wurden %1 gelesen.</translation>
    </message>
    <message>
        <source>day first</source>
        <translation>mit dem Tag zuerst</translation>
    </message>
    <message>
        <source>month first</source>
        <translation>mit dem Monat zuerst</translation>
    </message>
    <message>
        <source>%1 of the file are for periods that already have one (%2).</source>
        <translation>%1 der Datei gelten Zeiträumen, die schon einen haben (%2).</translation>
    </message>
    <message>
        <source>All of them are the same as stored.</source>
        <translation>Alle sind gleich wie gespeichert.</translation>
    </message>
    <message>
        <source>%1 the same as stored.</source>
        <translation>%1 gleich wie gespeichert.</translation>
    </message>
    <message>
        <source>What should happen to them?</source>
        <translation>Was soll mit ihnen geschehen?</translation>
    </message>
    <message>
        <source>Fix the bad rows in the file first: nothing will be written.</source>
        <translation>Korrigieren Sie zuerst die fehlerhaften Zeilen in der Datei: Nichts wird geschrieben.</translation>
    </message>
    <message>
        <source>The file has not been read yet.</source>
        <translation>Die Datei wurde noch nicht gelesen.</translation>
    </message>
    <message>
        <source>The file has no values to import (every value cell is blank).</source>
        <translation>Die Datei hat keine Werte zum Importieren (jede Wertzelle ist leer).</translation>
    </message>
    <message>
        <source>Choose whether to replace or keep the values already stored.</source>
        <translation>Wählen Sie, ob die schon gespeicherten Werte ersetzt oder behalten werden.</translation>
    </message>
</context>
<context>
    <name>QuantifyPage</name>
    <message>
        <source>every day</source>
        <translation>jeden Tag</translation>
    </message>
    <message>
        <source>every week</source>
        <translation>jede Woche</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>jeden Monat</translation>
    </message>
    <message>
        <source>every quarter</source>
        <translation>jedes Quartal</translation>
    </message>
    <message>
        <source>every year</source>
        <translation>jedes Jahr</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>höher ist besser</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>niedriger ist besser</translation>
    </message>
    <message>
        <source>This KPI</source>
        <translation>Diese KPI</translation>
    </message>
    <message>
        <source>{0} in {1}</source>
        <translation>{0} in {1}</translation>
    </message>
    <message>
        <source>{0} (no unit yet)</source>
        <translation>{0} (noch ohne Einheit)</translation>
    </message>
    <message>
        <source>best kept between {0} and {1}</source>
        <translation>am besten zwischen {0} und {1} gehalten</translation>
    </message>
    <message>
        <source>best kept within a range</source>
        <translation>am besten in einem Bereich gehalten</translation>
    </message>
    <message>
        <source>measured {0}</source>
        <translation>gemessen {0}</translation>
    </message>
    <message>
        <source> from {0}</source>
        <translation> aus {0}</translation>
    </message>
    <message>
        <source> (source not given)</source>
        <translation> (Quelle nicht angegeben)</translation>
    </message>
    <message>
        <source>owned by {0}</source>
        <translation>verantwortlich: {0}</translation>
    </message>
    <message>
        <source>no owner yet</source>
        <translation>noch niemand verantwortlich</translation>
    </message>
    <message>
        <source>Quantify: how exactly is it measured?</source>
        <translation>Messbar machen: Wie genau wird gemessen?</translation>
    </message>
    <message>
        <source>Say what is counted, in which unit, how often and from where, so that anyone would get the same number.</source>
        <translation>Sagen Sie, was gezählt wird, in welcher Einheit, wie oft und woher, damit jeder auf dieselbe Zahl käme.</translation>
    </message>
    <message>
        <source>e.g. Monthly sales</source>
        <translation>z. B. Monatsumsatz</translation>
    </message>
    <message>
        <source>What exactly is counted, and what is left out</source>
        <translation>Was genau gezählt wird und was nicht</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>Geld</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Prozentsatz</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Verhältnis</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>e.g. EUR, %, orders</source>
        <translation>z. B. EUR, %, Bestellungen</translation>
    </message>
    <message>
        <source>e.g. €</source>
        <translation>z. B. €</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>Symbol:</translation>
    </message>
    <message>
        <source>Higher is better</source>
        <translation>Höher ist besser</translation>
    </message>
    <message>
        <source>Lower is better</source>
        <translation>Niedriger ist besser</translation>
    </message>
    <message>
        <source>Keep within a range</source>
        <translation>In einem Bereich halten</translation>
    </message>
    <message>
        <source>lowest good value</source>
        <translation>niedrigster guter Wert</translation>
    </message>
    <message>
        <source>highest good value</source>
        <translation>höchster guter Wert</translation>
    </message>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Add up everything in the period</source>
        <translation>Alles im Zeitraum zusammenzählen</translation>
    </message>
    <message>
        <source>Average over the period</source>
        <translation>Durchschnitt über den Zeitraum</translation>
    </message>
    <message>
        <source>Last value in the period</source>
        <translation>Letzter Wert im Zeitraum</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Jeden Tag</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Jede Woche</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Jeden Monat</translation>
    </message>
    <message>
        <source>Every quarter</source>
        <translation>Jedes Quartal</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>Jedes Jahr</translation>
    </message>
    <message>
        <source>e.g. orders ÷ visits × 100</source>
        <translation>z. B. Bestellungen ÷ Besuche × 100</translation>
    </message>
    <message>
        <source>e.g. the till&apos;s monthly report</source>
        <translation>z. B. der Monatsbericht der Kasse</translation>
    </message>
    <message>
        <source>Who keeps it up to date and acts on it</source>
        <translation>Wer sie aktuell hält und danach handelt</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>What is counted:</source>
        <translation>Was gezählt wird:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Einheit:</translation>
    </message>
    <message>
        <source>Decimals:</source>
        <translation>Nachkommastellen:</translation>
    </message>
    <message>
        <source>Good means:</source>
        <translation>Gut heißt:</translation>
    </message>
    <message>
        <source>Good range:</source>
        <translation>Guter Bereich:</translation>
    </message>
    <message>
        <source>A period&apos;s value:</source>
        <translation>Wert eines Zeitraums:</translation>
    </message>
    <message>
        <source>Measured:</source>
        <translation>Gemessen:</translation>
    </message>
    <message>
        <source>Formula:</source>
        <translation>Formel:</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>Werte:</translation>
    </message>
    <message>
        <source>Data source:</source>
        <translation>Datenquelle:</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Verantwortlich:</translation>
    </message>
    <message>
        <source>In one sentence:</source>
        <translation>In einem Satz:</translation>
    </message>
    <message>
        <source>Give the KPI a name.</source>
        <translation>Geben Sie der KPI einen Namen.</translation>
    </message>
    <message>
        <source>This objective already has a KPI called &quot;%1&quot;: choose another name.</source>
        <translation>Dieses Ziel hat schon eine KPI namens „%1“: Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The range limits must be numbers, for example 40000 and 60000.</source>
        <translation>Die Bereichsgrenzen müssen Zahlen sein, zum Beispiel 40000 und 60000.</translation>
    </message>
    <message>
        <source>Give the lowest and the highest good value of the range.</source>
        <translation>Geben Sie den niedrigsten und den höchsten guten Wert des Bereichs an.</translation>
    </message>
    <message>
        <source>The lowest good value must be below the highest.</source>
        <translation>Der niedrigste gute Wert muss unter dem höchsten liegen.</translation>
    </message>
</context>
<context>
    <name>ReconnectBar</name>
    <message>
        <source>Reconnect and retry</source>
        <translation>Neu verbinden und wiederholen</translation>
    </message>
    <message>
        <source>Check that the server answers, then save again what was not saved</source>
        <translation>Prüft, ob der Server antwortet, und speichert dann erneut, was nicht gespeichert wurde</translation>
    </message>
</context>
<context>
    <name>RemindersBar</name>
    <message>
        <source>Reminder</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <source>Show due KPIs</source>
        <translation>Fällige KPIs zeigen</translation>
    </message>
    <message>
        <source>Check in…</source>
        <translation>Werte erfassen…</translation>
    </message>
    <message>
        <source>Type the values due, all in one grid (Ctrl+K)</source>
        <translation>Die fälligen Werte eingeben, alle in einem Raster (Strg+K)</translation>
    </message>
    <message>
        <source>See actions</source>
        <translation>Aktionen ansehen</translation>
    </message>
    <message>
        <source>Hide this reminder</source>
        <translation>Diese Erinnerung ausblenden</translation>
    </message>
    <message>
        <source>Show all KPIs</source>
        <translation>Alle KPIs zeigen</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Meeting report</source>
        <translation>Besprechungsbericht</translation>
    </message>
    <message>
        <source>Results to {0}</source>
        <translation>Ergebnisse bis {0}</translation>
    </message>
    <message>
        <source>No values recorded yet</source>
        <translation>Noch keine Werte erfasst</translation>
    </message>
    <message>
        <source>Report date: {0}</source>
        <translation>Berichtsdatum: {0}</translation>
    </message>
    <message>
        <source>Last review: {0} (held {1})</source>
        <translation>Letzte Besprechung: {0} (am {1})</translation>
    </message>
    <message>
        <source>Where we stand</source>
        <translation>Wo wir stehen</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>niemand verantwortlich</translation>
    </message>
    <message>
        <source>; and {0} more (see the list of open actions)</source>
        <translation>; und {0} weitere (siehe die Liste der offenen Aktionen)</translation>
    </message>
    <message>
        <source>1 corrective action is overdue</source>
        <translation>1 Korrekturmaßnahme ist überfällig</translation>
    </message>
    <message>
        <source>{0} corrective actions are overdue</source>
        <translation>{0} Korrekturmaßnahmen sind überfällig</translation>
    </message>
    <message>
        <source>latest {0}, {1} of the way to {2}</source>
        <translation>zuletzt {0}, {1} des Wegs zu {2}</translation>
    </message>
    <message>
        <source>and 1 more KPI at risk or off track: see the scorecard.</source>
        <translation>und 1 weitere KPI gefährdet oder vom Kurs ab: siehe die Scorecard.</translation>
    </message>
    <message>
        <source>and {0} more KPIs at risk or off track: see the scorecard.</source>
        <translation>und {0} weitere KPIs gefährdet oder vom Kurs ab: siehe die Scorecard.</translation>
    </message>
    <message>
        <source>1 KPI</source>
        <extracomment>Without a previous review, achievements of this many days before the as-of date count. The comment made about each KPI (by KPI id), and the status the KPI had then. The latest period the review saw (over all KPIs), None without snapshots. The latest period with values, e.g. &quot;Oct 2026&quot; (&quot;&quot; without any value). Achievements are counted from this date (see the module notes). Each revised KPI&apos;s target revisions, one line each (services.revisions). The workspace&apos;s fiscal year: quarters and years are named by it (&quot;FY 2026/27&quot;).</extracomment>
        <translation>1 KPI</translation>
    </message>
    <message>
        <source>{0} KPIs</source>
        <translation>{0} KPIs</translation>
    </message>
    <message>
        <source>score {0:.0f} of 100</source>
        <translation>Bewertung {0:.0f} von 100</translation>
    </message>
    <message>
        <source>owner {0}</source>
        <translation>verantwortlich: {0}</translation>
    </message>
    <message>
        <source>{0} (continued)</source>
        <translation>{0} (Fortsetzung)</translation>
    </message>
    <message>
        <source>{0} perspective</source>
        <translation>Perspektive {0}</translation>
    </message>
    <message>
        <source>Overall: {0}</source>
        <translation>Gesamt: {0}</translation>
    </message>
    <message>
        <source>No KPIs measure this objective yet.</source>
        <translation>Noch keine KPI misst dieses Ziel.</translation>
    </message>
    <message>
        <source>Keep within {0}</source>
        <translation>Halten innerhalb {0}</translation>
    </message>
    <message>
        <source> by {0}</source>
        <translation> bis {0}</translation>
    </message>
    <message>
        <source>Target {0}{1}</source>
        <translation>Zielwert {0}{1}</translation>
    </message>
    <message>
        <source>plan for now {0}</source>
        <translation>Plan für jetzt {0}</translation>
    </message>
    <message>
        <source>forecast {0}</source>
        <translation>Prognose {0}</translation>
    </message>
    <message>
        <source>latest value for {0}</source>
        <translation>letzter Wert für {0}</translation>
    </message>
    <message>
        <source>Target revised: {0}</source>
        <translation>Zielwert geändert: {0}</translation>
    </message>
    <message>
        <source>At the review of {0}: “{1}”</source>
        <translation>In der Besprechung vom {0}: „{1}“</translation>
    </message>
    <message>
        <source>Note {0}</source>
        <translation>Notiz {0}</translation>
    </message>
    <message>
        <source>{0} · Meeting report · {1}</source>
        <extracomment>Said at the top of a page that a section runs on to (&quot;Objective (continued)&quot;).</extracomment>
        <translation>{0} · Besprechungsbericht · {1}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Seite {0} von {1}</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>Scorecard</translation>
    </message>
    <message>
        <source>Every KPI as of {0}. Progress is the share of the way from the baseline to the target; the forecast is the trend of the latest values at the target date.</source>
        <translation>Jede KPI mit Stand {0}. Der Fortschritt ist der Anteil des Wegs vom Ausgangswert zum Zielwert; die Prognose ist der Trend der letzten Werte zum Zieldatum.</translation>
    </message>
    <message>
        <source>There are no KPIs yet.</source>
        <translation>Es gibt noch keine KPIs.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>keep within</source>
        <translation>halten innerhalb</translation>
    </message>
    <message>
        <source>by {0}</source>
        <translation>bis {0}</translation>
    </message>
    <message>
        <source>reaches target</source>
        <translation>erreicht den Zielwert</translation>
    </message>
    <message>
        <source>short of target</source>
        <translation>verfehlt den Zielwert</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>Since the last review</source>
        <translation>Seit der letzten Besprechung</translation>
    </message>
    <message>
        <source>Recent results</source>
        <translation>Jüngste Ergebnisse</translation>
    </message>
    <message>
        <source>No notes were written at this review.</source>
        <translation>In dieser Besprechung wurden keine Notizen geschrieben.</translation>
    </message>
    <message>
        <source>No review meeting has been recorded yet.</source>
        <translation>Es wurde noch keine Besprechung erfasst.</translation>
    </message>
    <message>
        <source>Achievements</source>
        <translation>Erfolge</translation>
    </message>
    <message>
        <source>Targets, milestones, streaks and records since {0}.</source>
        <translation>Zielwerte, Meilensteine, Serien und Bestwerte seit {0}.</translation>
    </message>
    <message>
        <source>None yet in this period.</source>
        <translation>In diesem Zeitraum noch keine.</translation>
    </message>
    <message>
        <source>Open corrective actions</source>
        <translation>Offene Korrekturmaßnahmen</translation>
    </message>
    <message>
        <source>No open actions.</source>
        <translation>Keine offenen Aktionen.</translation>
    </message>
    <message>
        <source>{0} open</source>
        <translation>{0} offen</translation>
    </message>
    <message>
        <source>, {0} overdue (listed first)</source>
        <translation>, {0} überfällig (zuerst aufgeführt)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Overdue by 1 day</source>
        <translation>1 Tag überfällig</translation>
    </message>
    <message>
        <source>Overdue by {0} days</source>
        <translation>{0} Tage überfällig</translation>
    </message>
    <message>
        <source>Fiscal year {0}: {1} runs from {2} to {3}</source>
        <translation>Geschäftsjahr {0}: {1} läuft vom {2} bis {3}</translation>
    </message>
    <message>
        <source>Reading the workspace</source>
        <extracomment>Page sizes a report can have. Told how far the report is: (steps done, steps in all, what is being done). Returning False cancels the report (nothing is written).</extracomment>
        <translation>Der Arbeitsbereich wird gelesen</translation>
    </message>
    <message>
        <source>{0}: meeting report, {1}</source>
        <translation>{0}: Besprechungsbericht, {1}</translation>
    </message>
    <message>
        <source>Drawing the chart of {0}</source>
        <translation>Das Diagramm von {0} wird gezeichnet</translation>
    </message>
    <message>
        <source>Saving the report</source>
        <translation>Der Bericht wird gespeichert</translation>
    </message>
    <message>
        <source>Scorecard (continued)</source>
        <translation>Scorecard (Fortsetzung)</translation>
    </message>
    <message>
        <source>Since the last review (continued)</source>
        <translation>Seit der letzten Besprechung (Fortsetzung)</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export meeting report</source>
        <translation>Besprechungsbericht exportieren</translation>
    </message>
    <message>
        <source>Preparing the meeting report...</source>
        <translation>Der Besprechungsbericht wird vorbereitet …</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Der Bericht wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <source>Writing the values...</source>
        <translation>Die Werte werden geschrieben …</translation>
    </message>
    <message>
        <source>The data was not exported</source>
        <translation>Die Daten wurden nicht exportiert</translation>
    </message>
    <message>
        <source>Saved the {what} {path}.</source>
        <translation>{what} gespeichert: {path}.</translation>
    </message>
    <message>
        <source>Data exported</source>
        <translation>Daten exportiert</translation>
    </message>
</context>
<context>
    <name>ReportExportDialog</name>
    <message>
        <source>Export meeting report</source>
        <translation>Besprechungsbericht exportieren</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>One PDF for the meeting: a cover, the scorecard of every KPI, what happened since the last review (achievements, open actions) and a page per objective with its charts.</source>
        <translation>Ein PDF für die Besprechung: ein Deckblatt, die Scorecard aller KPIs, was seit der letzten Besprechung geschah (Erfolge, offene Aktionen) und je Ziel eine Seite mit seinen Diagrammen.</translation>
    </message>
    <message>
        <source>Meeting report saved</source>
        <translation>Besprechungsbericht gespeichert</translation>
    </message>
    <message>
        <source>Saved the meeting report to {path}.</source>
        <translation>Der Besprechungsbericht wurde in {path} gespeichert.</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the workspace with this backup; the current file is kept beside it</source>
        <translation>Den Arbeitsbereich durch diese Sicherung ersetzen; die aktuelle Datei bleibt daneben erhalten</translation>
    </message>
    <message>
        <source>Restore as a &amp;copy…</source>
        <translation>Als &amp;Kopie wiederherstellen…</translation>
    </message>
    <message>
        <source>Save this backup as a new workspace file</source>
        <translation>Diese Sicherung als neue Arbeitsbereichsdatei speichern</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>KPI Desktop keeps a copy of &lt;b&gt;{0}&lt;/b&gt; from each of the last days you opened it. Choose one to go back to.</source>
        <translation>KPI Desktop bewahrt von &lt;b&gt;{0}&lt;/b&gt; eine Kopie von jedem der letzten Tage auf, an denen Sie ihn geöffnet haben. Wählen Sie eine, zu der Sie zurückkehren möchten.</translation>
    </message>
    <message>
        <source>There are no backups of &lt;b&gt;{0}&lt;/b&gt; yet. KPI Desktop makes one on each day you open the workspace.</source>
        <translation>Von &lt;b&gt;{0}&lt;/b&gt; gibt es noch keine Sicherungen. KPI Desktop legt an jedem Tag eine an, an dem Sie den Arbeitsbereich öffnen.</translation>
    </message>
    <message>
        <source>Restore from backup?</source>
        <translation>Aus Sicherung wiederherstellen?</translation>
    </message>
    <message>
        <source>Replace {0} with its backup of {1} ({2} KPIs)?

The workspace as it is now is kept beside it as a file named “{3}.before-restore-…”, so nothing is lost.</source>
        <translation>{0} durch seine Sicherung vom {1} ({2} KPIs) ersetzen?

Der Arbeitsbereich, wie er jetzt ist, bleibt daneben als Datei namens „{3}.before-restore-…“ erhalten, es geht also nichts verloren.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Cannot restore the backup</source>
        <translation>Die Sicherung kann nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>

The workspace as it was is kept as {0}.</source>
        <translation>

Der Arbeitsbereich, wie er war, bleibt als {0} erhalten.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sicherung wiederhergestellt</translation>
    </message>
    <message>
        <source>{0} is back as it was on {1}.</source>
        <translation>{0} ist wieder so wie am {1}.</translation>
    </message>
    <message>
        <source>Save the backup as a new workspace</source>
        <translation>Die Sicherung als neuen Arbeitsbereich speichern</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Result: the values are imported</source>
        <translation>Ergebnis: Die Werte sind importiert</translation>
    </message>
    <message>
        <source>Edit &gt; Undo takes the whole import back in one step.</source>
        <translation>Bearbeiten &gt; Rückgängig nimmt den ganzen Import in einem Schritt zurück.</translation>
    </message>
    <message>
        <source>From %1, for %2:</source>
        <translation>Aus %1, für %2:</translation>
    </message>
    <message>
        <source>%1 replaced</source>
        <translation>%1 ersetzt</translation>
    </message>
    <message>
        <source>%1 kept (the file&apos;s value was left out)</source>
        <translation>%1 behalten (der Wert der Datei wurde ausgelassen)</translation>
    </message>
    <message>
        <source>%1 created under &quot;%2&quot;: %3. Give them a unit and a target in the KPI editor.</source>
        <translation>%1 angelegt unter „%2“: %3. Geben Sie ihnen im KPI-Editor eine Einheit und einen Zielwert.</translation>
    </message>
    <message>
        <source>No KPIs were created.</source>
        <translation>Es wurden keine KPIs angelegt.</translation>
    </message>
    <message>
        <source>Skipped columns: %1</source>
        <translation>Übersprungene Spalten: %1</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review: {t}</source>
        <translation>Besprechung: {t}</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>&amp;Save review</source>
        <translation>Besprechung &amp;speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>KPI {i} of {n}</source>
        <translation>KPI {i} von {n}</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Not saved yet. Press Discard to close without saving, or Save review.</source>
        <translation>Noch nicht gespeichert. Drücken Sie Verwerfen, um ohne Speichern zu schließen, oder Besprechung speichern.</translation>
    </message>
    <message>
        <source>Close the review without saving?</source>
        <translation>Die Besprechung schließen, ohne zu speichern?</translation>
    </message>
    <message>
        <source>Not saved yet: {what} Close the review and lose them?</source>
        <translation>Noch nicht gespeichert: {what} Die Besprechung schließen und sie verlieren?</translation>
    </message>
    <message>
        <source>The review was not saved</source>
        <translation>Die Besprechung wurde nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>ReviewHistory</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Past reviews</source>
        <translation>Frühere Besprechungen</translation>
    </message>
    <message>
        <source>The selected review</source>
        <translation>Die ausgewählte Besprechung</translation>
    </message>
    <message>
        <source>Start a review…</source>
        <translation>Besprechung beginnen…</translation>
    </message>
    <message>
        <source>No review yet. Start one to look at every KPI with your team.</source>
        <translation>Noch keine Besprechung. Beginnen Sie eine, um jede KPI mit Ihrem Team anzusehen.</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Besprechungen</translation>
    </message>
</context>
<context>
    <name>ReviewItem</name>
    <message>
        <source> by %1</source>
        <translation> bis %1</translation>
    </message>
</context>
<context>
    <name>ReviewLabels</name>
    <message>
        <source>done {0}</source>
        <translation>erledigt {0}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <extracomment>Errors and overdue actions are written in this colour.</extracomment>
        <translation>noch niemand</translation>
    </message>
    <message>
        <source>, due {0}</source>
        <translation>, fällig {0}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Actions decided&lt;/h3&gt;&lt;ul&gt;{0}&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Beschlossene Aktionen&lt;/h3&gt;&lt;ul&gt;{0}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>due {0}</source>
        <translation>fällig {0}</translation>
    </message>
    <message>
        <source>no due date</source>
        <translation>kein Fälligkeitsdatum</translation>
    </message>
    <message>
        <source> (1 day late)</source>
        <translation> (1 Tag zu spät)</translation>
    </message>
    <message>
        <source> ({0} days late)</source>
        <translation> ({0} Tage zu spät)</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> und {0} weitere</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>evenly</source>
        <translation>gleichmäßig</translation>
    </message>
    <message>
        <source>like last year&apos;s ups and downs</source>
        <translation>wie das Auf und Ab des Vorjahrs</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>Review: is it a good KPI?</source>
        <translation>Prüfen: Ist es eine gute KPI?</translation>
    </message>
    <message>
        <source>A good KPI is Specific, Measurable, Attainable, Relevant and Time-bound. Warnings do not stop you: fix what you can now, the rest later.</source>
        <translation>Eine gute KPI ist spezifisch, messbar, erreichbar, relevant und terminiert (SMART). Warnungen halten Sie nicht auf: Beheben Sie jetzt, was Sie können, den Rest später.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Review it on:</source>
        <translation>Überprüfen am:</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Finish saves the KPI and its milestones; Edit &gt; Undo takes it back.</source>
        <translation>Fertigstellen speichert die KPI und ihre Meilensteine; Bearbeiten &gt; Rückgängig nimmt es zurück.</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Korrektur:</translation>
    </message>
    <message>
        <source>Not judged yet: it takes at least 5 past values to tell.</source>
        <translation>Noch nicht beurteilt: Dafür braucht es mindestens 5 frühere Werte.</translation>
    </message>
    <message>
        <source>Yes.</source>
        <translation>Ja.</translation>
    </message>
    <message>
        <source> (new)</source>
        <translation> (neu)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Objective:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Ziel:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Target:&lt;/b&gt; %1 by %2</source>
        <translation>&lt;b&gt;Zielwert:&lt;/b&gt; %1 bis %2</translation>
    </message>
    <message>
        <source>, from %1 in %2</source>
        <translation>, ausgehend von %1 im %2</translation>
    </message>
    <message>
        <source> (%1 chance: %2)</source>
        <translation> (Chance %1: %2)</translation>
    </message>
    <message>
        <source>%1 milestones, %2; tolerance %3 %.</source>
        <translation>%1 Meilensteine, %2; Toleranz %3 %.</translation>
    </message>
    <message>
        <source>the latest %1 of %2</source>
        <translation>die letzten %1 von %2</translation>
    </message>
    <message>
        <source>Sized from %1 values (%2).</source>
        <translation>Bemessen aus %1 Werten (%2).</translation>
    </message>
</context>
<context>
    <name>ReviewSteps</name>
    <message>
        <source>Start</source>
        <extracomment>The steps before the first KPI.</extracomment>
        <translation>Start</translation>
    </message>
    <message>
        <source> (%1/%2 done)</source>
        <translation> (%1/%2 erledigt)</translation>
    </message>
    <message>
        <source> (%1 open)</source>
        <translation> (%1 offen)</translation>
    </message>
    <message>
        <source>Earlier actions</source>
        <translation>Frühere Aktionen</translation>
    </message>
    <message>
        <source>Wrap up and save</source>
        <translation>Abschließen und speichern</translation>
    </message>
</context>
<context>
    <name>ReviewStepsPanel</name>
    <message>
        <source>Find a KPI, goal or owner</source>
        <translation>KPI, Ziel oder Person suchen</translation>
    </message>
    <message>
        <source>Find a KPI in the review</source>
        <translation>Eine KPI in der Besprechung finden</translation>
    </message>
    <message>
        <source>Only the {n} needing attention</source>
        <translation>Nur die {n} mit Handlungsbedarf</translation>
    </message>
    <message>
        <source>List only the KPIs off track or at risk</source>
        <translation>Nur die KPIs aufführen, die vom Kurs abweichen oder gefährdet sind</translation>
    </message>
    <message>
        <source>Steps of the review</source>
        <translation>Schritte der Besprechung</translation>
    </message>
    <message>
        <source>{n} KPIs</source>
        <translation>{n} KPIs</translation>
    </message>
    <message>
        <source>{n} of {total} KPIs listed</source>
        <translation>{n} von {total} KPIs aufgeführt</translation>
    </message>
</context>
<context>
    <name>ReviseTargetDialog</name>
    <message>
        <source>Revise target: %1</source>
        <translation>Zielwert ändern: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>The current plan (target %1 by %2) stays in force on the dates before the new one applies, so the statuses it gave do not change. The chart shows both plans.</source>
        <translation>Der aktuelle Plan (Zielwert %1 bis %2) gilt weiter für die Daten, bevor der neue gilt, sodass sich die Status, die er ergab, nicht ändern. Das Diagramm zeigt beide Pläne.</translation>
    </message>
    <message>
        <source>e.g. the second shop opens in September</source>
        <translation>z. B. der zweite Laden öffnet im September</translation>
    </message>
    <message>
        <source>New &amp;target:</source>
        <translation>Neuer &amp;Zielwert:</translation>
    </message>
    <message>
        <source>Target &amp;date:</source>
        <translation>Ziel&amp;datum:</translation>
    </message>
    <message>
        <source>Applies &amp;from:</source>
        <translation>Gilt &amp;ab:</translation>
    </message>
    <message>
        <source>The first day the new target counts.</source>
        <translation>Der erste Tag, an dem der neue Zielwert zählt.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Revise</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>The new target must be a number</source>
        <translation>Der neue Zielwert muss eine Zahl sein</translation>
    </message>
</context>
<context>
    <name>Safekeeping</name>
    <message>
        <source>No backup today: {0}</source>
        <extracomment>How often a check still running in its thread is asked for its answer (ms).</extracomment>
        <translation>Heute keine Sicherung: {0}</translation>
    </message>
    <message>
        <source>{0} [damaged, read-only]</source>
        <translation>{0} [beschädigt, nur lesen]</translation>
    </message>
    <message>
        <source>The workspace is damaged</source>
        <translation>Der Arbeitsbereich ist beschädigt</translation>
    </message>
    <message>
        <source>{0} is damaged: SQLite found a broken page ({1}).</source>
        <translation>{0} ist beschädigt: SQLite hat eine defekte Seite gefunden ({1}).</translation>
    </message>
    <message>
        <source>

It is open read-only, so nothing more is written into it.</source>
        <translation>

Er ist nur zum Lesen geöffnet, es wird also nichts mehr hineingeschrieben.</translation>
    </message>
    <message>
        <source>

It cannot be shown; nothing was written into it.</source>
        <translation>

Er lässt sich nicht anzeigen; es wurde nichts hineingeschrieben.</translation>
    </message>
    <message>
        <source>

There is no intact backup of it. Export what you can still see (File &gt; Export data) and build a new workspace from it (File &gt; New from export).</source>
        <translation>

Es gibt keine intakte Sicherung davon. Exportieren Sie, was noch zu sehen ist (Datei &gt; Daten exportieren), und bauen Sie daraus einen neuen Arbeitsbereich auf (Datei &gt; Neu aus Export).</translation>
    </message>
    <message>
        <source>

Restore its newest intact backup, of {0} ({1} KPIs)? The damaged file is kept beside it as “{2}.before-restore-…”.</source>
        <translation>

Die neueste intakte Sicherung vom {0} ({1} KPIs) wiederherstellen? Die beschädigte Datei bleibt daneben als „{2}.before-restore-…“ erhalten.</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Cannot restore the backup</source>
        <translation>Die Sicherung lässt sich nicht wiederherstellen</translation>
    </message>
</context>
<context>
    <name>ScorecardView</name>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>Filter by owner</source>
        <translation>Nach Verantwortlichen filtern</translation>
    </message>
    <message>
        <source>Filter by perspective</source>
        <translation>Nach Perspektive filtern</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>&amp;Perspective:</source>
        <translation>&amp;Perspektive:</translation>
    </message>
    <message>
        <source>Onl&amp;y stale values</source>
        <translation>Nur &amp;veraltete Werte</translation>
    </message>
    <message>
        <source>KPIs whose latest value is older than one period and the grace</source>
        <translation>KPIs, deren letzter Wert älter als ein Zeitraum plus die Kulanzfrist ist</translation>
    </message>
    <message>
        <source>KPI tiles</source>
        <translation>KPI-Kacheln</translation>
    </message>
    <message>
        <source>Show all KPIs</source>
        <translation>Alle KPIs zeigen</translation>
    </message>
    <message>
        <source>No owner</source>
        <translation>Niemand verantwortlich</translation>
    </message>
    <message>
        <source>No perspective</source>
        <translation>Keine Perspektive</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Alle Verantwortlichen</translation>
    </message>
    <message>
        <source>All perspectives</source>
        <translation>Alle Perspektiven</translation>
    </message>
    <message>
        <source>The scorecard could not be read: {e}</source>
        <translation>Die Scorecard konnte nicht gelesen werden: {e}</translation>
    </message>
    <message>
        <source>No KPIs yet. Add a KPI to a goal and it shows up here.</source>
        <translation>Noch keine KPIs. Fügen Sie einem Ziel eine KPI hinzu, dann erscheint sie hier.</translation>
    </message>
    <message>
        <source>No KPI matches these filters.</source>
        <translation>Keine KPI passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>{n} stale</source>
        <translation>{n} veraltet</translation>
    </message>
    <message>
        <source>{shown} of {total} KPIs</source>
        <translation>{shown} von {total} KPIs</translation>
    </message>
    <message>
        <source>{total} KPIs</source>
        <translation>{total} KPIs</translation>
    </message>
    <message>
        <source> due for a value</source>
        <translation> mit fälligem Wert</translation>
    </message>
    <message>
        <source>{head}{tail} · as of {date}</source>
        <translation>{head}{tail} · Stand {date}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>Signals</name>
    <message>
        <source>{0} ({1}) is above the usual range (up to {2}): too high to be chance.</source>
        <extracomment>Fewer values than this give no signals. A KPI shows &quot;real change&quot; when one of its last RECENT values is a signal. Priority of the rules when one value breaks several: the strongest evidence first.</extracomment>
        <translation>{0} ({1}) liegt über dem üblichen Bereich (bis {2}): zu hoch für Zufall.</translation>
    </message>
    <message>
        <source>{0} ({1}) is below the usual range (down to {2}): too low to be chance.</source>
        <translation>{0} ({1}) liegt unter dem üblichen Bereich (ab {2}): zu niedrig für Zufall.</translation>
    </message>
    <message>
        <source>the trend line</source>
        <translation>der Trendlinie</translation>
    </message>
    <message>
        <source>the average ({0})</source>
        <translation>dem Mittelwert ({0})</translation>
    </message>
    <message>
        <source>{0} values in a row above {1} since {2}: a lasting shift, not noise.</source>
        <translation>{0} Werte in Folge über {1} seit {2}: eine dauerhafte Verschiebung, kein Rauschen.</translation>
    </message>
    <message>
        <source>{0} values in a row below {1} since {2}: a lasting shift, not noise.</source>
        <translation>{0} Werte in Folge unter {1} seit {2}: eine dauerhafte Verschiebung, kein Rauschen.</translation>
    </message>
    <message>
        <source>3 of the 4 values up to {0} are close to the upper limit: a real, moderate rise.</source>
        <translation>3 der 4 Werte bis {0} liegen nahe der oberen Grenze: ein echter, mäßiger Anstieg.</translation>
    </message>
    <message>
        <source>3 of the 4 values up to {0} are close to the lower limit: a real, moderate fall.</source>
        <translation>3 der 4 Werte bis {0} liegen nahe der unteren Grenze: ein echter, mäßiger Rückgang.</translation>
    </message>
    <message>
        <source>rising</source>
        <translation>steigend</translation>
    </message>
    <message>
        <source>falling</source>
        <translation>fallend</translation>
    </message>
    <message>
        <source>after {0} about {1} a {2}</source>
        <translation>nachdem sie um etwa {1} pro {2} {0} war</translation>
    </message>
    <message>
        <source>after a steady level near {0}</source>
        <translation>nach einem stabilen Niveau um {0}</translation>
    </message>
    <message>
        <source>A new trend since {0} ({1} values): {2} about {3} a {4}, {5}: a lasting change, not noise.</source>
        <translation>Ein neuer Trend seit {0} ({1} Werte): {2} um etwa {3} pro {4}, {5}: eine dauerhafte Veränderung, kein Rauschen.</translation>
    </message>
    <message>
        <source>A new level since {0} ({1} values): about {2}, up from {3}: a lasting change, not noise.</source>
        <translation>Ein neues Niveau seit {0} ({1} Werte): etwa {2}, gestiegen von {3}: eine dauerhafte Veränderung, kein Rauschen.</translation>
    </message>
    <message>
        <source>A new level since {0} ({1} values): about {2}, down from {3}: a lasting change, not noise.</source>
        <translation>Ein neues Niveau seit {0} ({1} Werte): etwa {2}, gesunken von {3}: eine dauerhafte Veränderung, kein Rauschen.</translation>
    </message>
</context>
<context>
    <name>SizePage</name>
    <message>
        <source>Size: how far can it go?</source>
        <translation>Bemessen: Wie weit kann es gehen?</translation>
    </message>
    <message>
        <source>Your own history shows where the KPI is heading and how much it moves. Choose a target that is challenging but within reach.</source>
        <translation>Ihre eigene Historie zeigt, wohin die KPI läuft und wie stark sie schwankt. Wählen Sie einen Zielwert, der anspruchsvoll, aber erreichbar ist.</translation>
    </message>
    <message>
        <source>history</source>
        <translation>Historie</translation>
    </message>
    <message>
        <source>normal range</source>
        <translation>normaler Bereich</translation>
    </message>
    <message>
        <source>business as usual</source>
        <translation>weiter wie bisher</translation>
    </message>
    <message>
        <source>milestones</source>
        <translation>Meilensteine</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Business as usual</source>
        <translation>Weiter wie bisher</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>Anspruchsvoll</translation>
    </message>
    <message>
        <source>Ambitious</source>
        <translation>Ehrgeizig</translation>
    </message>
    <message>
        <source>e.g. +10 % or +500</source>
        <translation>z. B. +10 % oder +500</translation>
    </message>
    <message>
        <source>by</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Start (baseline):</source>
        <translation>Start (Ausgangswert):</translation>
    </message>
    <message>
        <source>Improvement:</source>
        <translation>Verbesserung:</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Zielwert:</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>Toleranz:</translation>
    </message>
    <message>
        <source>How sizing works</source>
        <translation>So funktioniert das Bemessen</translation>
    </message>
    <message>
        <source>%1 a %2</source>
        <translation>%1 pro %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>Only %1: at least 5 values are needed to judge a target from your history. Type where you start and the improvement you want, for example +10 %.</source>
        <translation>Nur %1: Um einen Zielwert aus Ihrer Historie zu beurteilen, braucht es mindestens 5 Werte. Geben Sie ein, wo Sie beginnen und welche Verbesserung Sie möchten, zum Beispiel +10 %.</translation>
    </message>
    <message>
        <source>one value</source>
        <translation>ein Wert</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Business as usual reaches &lt;b&gt;%1&lt;/b&gt; by %2.</source>
        <translation>Weiter wie bisher erreicht &lt;b&gt;%1&lt;/b&gt; bis %2.</translation>
    </message>
    <message>
        <source>under 1%</source>
        <translation>unter 1 %</translation>
    </message>
    <message>
        <source>over 99%</source>
        <translation>über 99 %</translation>
    </message>
    <message>
        <source>A &lt;b&gt;%1&lt;/b&gt; chance of reaching it: </source>
        <translation>Eine Chance von &lt;b&gt;%1&lt;/b&gt;, ihn zu erreichen: </translation>
    </message>
    <message>
        <source>Business as usual reaches %1.</source>
        <translation>Weiter wie bisher erreicht %1.</translation>
    </message>
    <message>
        <source>Type where you start from (the baseline).</source>
        <translation>Geben Sie ein, wo Sie beginnen (den Ausgangswert).</translation>
    </message>
    <message>
        <source>The baseline is not a number.</source>
        <translation>Der Ausgangswert ist keine Zahl.</translation>
    </message>
    <message>
        <source>Type a target, or click one of the suggested targets.</source>
        <translation>Geben Sie einen Zielwert ein oder klicken Sie auf einen der vorgeschlagenen.</translation>
    </message>
    <message>
        <source>The target is not a number.</source>
        <translation>Der Zielwert ist keine Zahl.</translation>
    </message>
    <message>
        <source>The target date must be after the baseline (%1).</source>
        <translation>Das Zieldatum muss nach dem Ausgangswert liegen (%1).</translation>
    </message>
    <message>
        <source>above</source>
        <translation>über</translation>
    </message>
    <message>
        <source>below</source>
        <translation>unter</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>höher</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>niedriger</translation>
    </message>
    <message>
        <source>Where %1 is better, the target must be %2 the baseline (%3).</source>
        <translation>Wo %1 besser ist, muss der Zielwert %2 dem Ausgangswert (%3) liegen.</translation>
    </message>
</context>
<context>
    <name>Sizing</name>
    <message>
        <source>too easy</source>
        <extracomment>Largest streak correlation the spread allows for (a factor of 39 on the trend&apos;s part).</extracomment>
        <translation>zu leicht</translation>
    </message>
    <message>
        <source>challenging but attainable</source>
        <translation>anspruchsvoll, aber erreichbar</translation>
    </message>
    <message>
        <source>needs a step change in how you work</source>
        <translation>braucht einen Sprung in der Arbeitsweise</translation>
    </message>
</context>
<context>
    <name>StaleGraceDialog</name>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Stale values</source>
        <translation>Veraltete Werte</translation>
    </message>
    <message>
        <source>A KPI is marked stale when its latest value is older than one period plus this grace: with 10 days, a monthly KPI whose latest value is October&apos;s is stale from 11 December.</source>
        <translation>Eine KPI gilt als veraltet, wenn ihr letzter Wert älter ist als ein Zeitraum plus diese Kulanzfrist: Mit 10 Tagen ist eine monatliche KPI, deren letzter Wert der vom Oktober ist, ab dem 11. Dezember veraltet.</translation>
    </message>
    <message>
        <source>&amp;Grace after a period ends:</source>
        <translation>&amp;Kulanzfrist nach Ende eines Zeitraums:</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Review title</source>
        <translation>Titel der Besprechung</translation>
    </message>
    <message>
        <source>First the KPIs that need attention: {names}. Then the others, briefly.</source>
        <translation>Zuerst die KPIs, die Aufmerksamkeit brauchen: {names}. Dann die anderen, kurz.</translation>
    </message>
    <message>
        <source>No KPI is off track or at risk: a short review today.</source>
        <translation>Keine KPI weicht vom Kurs ab oder ist gefährdet: heute eine kurze Besprechung.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n} KPIs&lt;/b&gt;: {counts}</source>
        <translation>&lt;b&gt;{n} KPIs&lt;/b&gt;: {counts}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n} open action(s)&lt;/b&gt; from earlier reviews{late}</source>
        <translation>&lt;b&gt;{n} offene Aktion(en)&lt;/b&gt; aus früheren Besprechungen{late}</translation>
    </message>
    <message>
        <source>, {k} overdue</source>
        <translation>, {k} überfällig</translation>
    </message>
    <message>
        <source>{focus}&lt;br&gt;&lt;br&gt;For each KPI: look at the chart, write in one or two sentences what you see and why, and decide a corrective action when the numbers need one: who does what by when. Red rings on a chart mark a &lt;i&gt;real change&lt;/i&gt;; the other ups and downs are routine noise, not worth a reaction.&lt;br&gt;&lt;br&gt;Many KPIs? Find one by name in the list of steps, or show only those that need attention.&lt;br&gt;&lt;br&gt;Nothing is saved until you press &lt;b&gt;Save review&lt;/b&gt;.</source>
        <translation>{focus}&lt;br&gt;&lt;br&gt;Für jede KPI: Sehen Sie sich das Diagramm an, schreiben Sie in ein, zwei Sätzen, was Sie sehen und warum, und beschließen Sie eine Korrekturmaßnahme, wenn die Zahlen eine brauchen: wer macht was bis wann. Rote Ringe in einem Diagramm markieren eine &lt;i&gt;echte Veränderung&lt;/i&gt;; das übrige Auf und Ab ist normales Rauschen und keine Reaktion wert.&lt;br&gt;&lt;br&gt;Viele KPIs? Suchen Sie eine per Name in der Liste der Schritte oder zeigen Sie nur die, die Aufmerksamkeit brauchen.&lt;br&gt;&lt;br&gt;Gespeichert wird erst, wenn Sie &lt;b&gt;Besprechung speichern&lt;/b&gt; drücken.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Start the review</source>
        <translation>Die Besprechung beginnen</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Achieved</source>
        <extracomment>The statuses best first, no data last: the order of lists, filters and summaries.</extracomment>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Auf Kurs</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <source>Off track</source>
        <translation>Vom Kurs ab</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
</context>
<context>
    <name>StrategyMapTab</name>
    <message>
        <source>Link goals</source>
        <translation>Ziele verknüpfen</translation>
    </message>
    <message>
        <source>Click the goal that drives, then the goal it drives</source>
        <translation>Klicken Sie auf das treibende Ziel, dann auf das Ziel, das es treibt</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Verknüpfung entfernen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the map as PNG, SVG or PDF</source>
        <translation>Die Karte als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Now click the goal it drives.</source>
        <translation>Klicken Sie jetzt auf das Ziel, das es treibt.</translation>
    </message>
    <message>
        <source>Click the goal that drives another.</source>
        <translation>Klicken Sie auf das Ziel, das ein anderes treibt.</translation>
    </message>
    <message>
        <source>Drives links: %1. Dashed arrows: inputs of calculated KPIs. Click a KPI to open it.</source>
        <translation>Treiber-Verknüpfungen: %1. Gestrichelte Pfeile: Eingangsgrößen berechneter KPIs. Klicken Sie auf eine KPI, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Export the strategy map</source>
        <translation>Die Strategiekarte exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>TeamLink</name>
    <message>
        <source>Read-only: you are a viewer here (ask the workspace&apos;s owner to edit)</source>
        <translation>Nur lesen: Sie sind hier Betrachter (bitten Sie den Eigentümer des Arbeitsbereichs, Änderungen zu erlauben)</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Add action &quot;{0}&quot;</source>
        <translation>Aktion „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit action &quot;{0}&quot;</source>
        <translation>Aktion „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>Mark done &quot;{0}&quot;</source>
        <translation>„{0}“ als erledigt markieren</translation>
    </message>
    <message>
        <source>Re-open &quot;{0}&quot;</source>
        <translation>„{0}“ wieder öffnen</translation>
    </message>
    <message>
        <source>Delete action &quot;{0}&quot;</source>
        <translation>Aktion „{0}“ löschen</translation>
    </message>
    <message>
        <source>Draw a link on the strategy map</source>
        <translation>Eine Verknüpfung in der Strategiekarte zeichnen</translation>
    </message>
    <message>
        <source>Remove a link from the strategy map</source>
        <translation>Eine Verknüpfung aus der Strategiekarte entfernen</translation>
    </message>
    <message>
        <source>Check in {0} values</source>
        <translation>{0} Werte erfassen</translation>
    </message>
    <message>
        <source>Check in 1 value</source>
        <translation>1 Wert erfassen</translation>
    </message>
    <message>
        <source>Add goal &quot;{0}&quot;</source>
        <extracomment>The undo step&apos;s name (Edit &gt; Undo &quot;…&quot;): `translate(&quot;Undo&quot;, &quot;text&quot;)`, as lupdate reads it.</extracomment>
        <translation>Ziel „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Add sub-goal &quot;{0}&quot;</source>
        <translation>Unterziel „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Delete goal &quot;{0}&quot;</source>
        <translation>Ziel „{0}“ löschen</translation>
    </message>
    <message>
        <source>Edit goal</source>
        <translation>Ziel bearbeiten</translation>
    </message>
    <message>
        <source>Move goal &quot;{0}&quot;</source>
        <translation>Ziel „{0}“ verschieben</translation>
    </message>
    <message>
        <source>Add KPI &quot;{0}&quot;</source>
        <translation>KPI „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Delete KPI &quot;{0}&quot;</source>
        <translation>KPI „{0}“ löschen</translation>
    </message>
    <message>
        <source>Edit KPI</source>
        <translation>KPI bearbeiten</translation>
    </message>
    <message>
        <source>Edit KPI with the wizard</source>
        <translation>KPI mit dem Assistenten bearbeiten</translation>
    </message>
    <message>
        <source>Move KPI &quot;{0}&quot;</source>
        <translation>KPI „{0}“ verschieben</translation>
    </message>
    <message>
        <source>Paste {0} values</source>
        <translation>{0} Werte einfügen</translation>
    </message>
    <message>
        <source>Set value</source>
        <translation>Wert eintragen</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>Delete {0} values</source>
        <translation>{0} Werte löschen</translation>
    </message>
    <message>
        <source>Delete value</source>
        <translation>Wert löschen</translation>
    </message>
    <message>
        <source>Stale after {0} days&apos; grace</source>
        <translation>Kulanzfrist für veraltete Werte (Tage): {0}</translation>
    </message>
    <message>
        <source>Fiscal year starts in {0}</source>
        <translation>Geschäftsjahr beginnt im {0}</translation>
    </message>
    <message>
        <source>Revise target from {0}</source>
        <translation>Zielwert ab {0} ändern</translation>
    </message>
    <message>
        <source>Plan {0} ({1} KPIs)</source>
        <translation>{0} planen ({1} KPIs)</translation>
    </message>
    <message>
        <source>Import &quot;{0}&quot;</source>
        <translation>„{0}“ importieren</translation>
    </message>
    <message>
        <source>Add note &quot;{0}&quot;</source>
        <translation>Notiz „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit note &quot;{0}&quot;</source>
        <translation>Notiz „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>Delete note &quot;{0}&quot;</source>
        <translation>Notiz „{0}“ löschen</translation>
    </message>
    <message>
        <source>Save review &quot;{0}&quot;</source>
        <translation>Besprechung „{0}“ speichern</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <source>&amp;Editor panel</source>
        <translation>&amp;Editor-Leiste</translation>
    </message>
    <message>
        <source>Show or hide the editor beside the chart (F9)</source>
        <translation>Den Editor neben dem Diagramm zeigen oder ausblenden (F9)</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Go to the &amp;overview</source>
        <translation>Zur &amp;Übersicht</translation>
    </message>
    <message>
        <source>Go to the &amp;chart</source>
        <translation>Zum &amp;Diagramm</translation>
    </message>
    <message>
        <source>&amp;Find in the tree</source>
        <translation>Im Baum &amp;suchen</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Same as the &amp;system</source>
        <translation>Wie das S&amp;ystem</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>D&amp;unkel</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>What if: %1</source>
        <translation>Was wäre, wenn: %1</translation>
    </message>
    <message>
        <source>%1 is calculated as %2. Change its inputs for %3 and see what it gives; nothing is stored.</source>
        <translation>%1 wird berechnet als %2. Ändern Sie die Eingangsgrößen für %3 und sehen Sie, was herauskommt; nichts wird gespeichert.</translation>
    </message>
    <message>
        <source>Change by a share of the stored value</source>
        <translation>Um einen Anteil des gespeicherten Werts ändern</translation>
    </message>
    <message>
        <source>+5%, -3% or a value</source>
        <translation>+5 %, -3 % oder ein Wert</translation>
    </message>
    <message>
        <source>Make it the target…</source>
        <translation>Zum Ziel machen…</translation>
    </message>
    <message>
        <source>Revise the target to the value found (one undoable step)</source>
        <translation>Das Ziel auf den gefundenen Wert ändern (ein Schritt, der sich rückgängig machen lässt)</translation>
    </message>
    <message>
        <source>These inputs give no value (a division by zero).</source>
        <translation>Diese Eingangsgrößen ergeben keinen Wert (eine Division durch null).</translation>
    </message>
    <message>
        <source>Value: %1 → &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Wert: %1 → &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Status: %1 → &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Status: %1 → &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>reached in %1 at the recent trend</source>
        <translation>beim jüngsten Trend erreicht: %1</translation>
    </message>
    <message>
        <source>not reached at the recent trend</source>
        <translation>beim jüngsten Trend nicht erreicht</translation>
    </message>
    <message>
        <source>Target %1: %2</source>
        <translation>Ziel %1: %2</translation>
    </message>
</context>
<context>
    <name>WorkspaceView</name>
    <message>
        <source>Overv&amp;iew</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>&amp;Chart</source>
        <translation>&amp;Diagramm</translation>
    </message>
    <message>
        <source>Achieve&amp;ments</source>
        <translation>&amp;Erfolge</translation>
    </message>
    <message>
        <source>Actio&amp;ns</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <source>Revie&amp;ws</source>
        <translation>&amp;Besprechungen</translation>
    </message>
    <message>
        <source>Strate&amp;gy map</source>
        <translation>Strate&amp;giekarte</translation>
    </message>
    <message>
        <source>Select a goal or a KPI in the tree to edit it here.</source>
        <translation>Wählen Sie im Baum ein Ziel oder eine KPI, um es hier zu bearbeiten.</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
</context>
<context>
    <name>WrapUpPage</name>
    <message>
        <source>The main points and decisions, for whoever reads this review later.</source>
        <translation>Die wichtigsten Punkte und Beschlüsse, für alle, die diese Besprechung später lesen.</translation>
    </message>
    <message>
        <source>Review notes</source>
        <translation>Notizen zur Besprechung</translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>&lt;b&gt;Notes and decisions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notizen und Beschlüsse&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Saving&lt;/b&gt; the status of {n} KPIs on {day} ({counts}).</source>
        <translation>&lt;b&gt;Gespeichert wird&lt;/b&gt; der Status von {n} KPIs am {day} ({counts}).</translation>
    </message>
    <message>
        <source>No comment yet on: {names} (they need attention).</source>
        <translation>Noch kein Kommentar zu: {names} (sie brauchen Aufmerksamkeit).</translation>
    </message>
</context>
</TS>
