# ruff: noqa: E501 - long German sentences read better unwrapped
"""Demo articles. Dates from the domain brief (docs/knowledge.md); texts are fictional summaries,
not legal advice. Each body is a list of (heading, [paragraphs])."""

import datetime

D = datetime.date

BGBL = "https://www.recht.bund.de/"

# slug, title, effective date, state, superseded_by slug, topics, statuses, circles,
# references [(law, paragraph, detail)], summary, sections, sources [(title, url)]
LEGAL_CHANGES = [
    (
        "bleiberecht-25b-2015",
        "Bleiberecht bei nachhaltiger Integration (§ 25b AufenthG)",
        D(2015, 8, 1),
        "in_force",
        None,
        ["aufenthalt-beschaeftigung"],
        ["duldung"],
        ["asylblg"],
        [("AufenthG", "25b", "")],
        "Mit dem Gesetz zur Neubestimmung des Bleiberechts gibt es ein Aufenthaltsrecht für gut integrierte Geduldete – ohne Stichtag und ohne Altersgrenze.",
        [
            (
                "Was sich ändert",
                [
                    "Geduldete, die sich nachhaltig integriert haben, können eine Aufenthaltserlaubnis nach § 25b AufenthG erhalten.",
                    "Es gibt keinen Stichtag und keine Altersgrenze.",
                ],
            ),
            (
                "Für wen",
                [
                    "Menschen mit Duldung, die seit Jahren in Deutschland leben, Deutsch sprechen und ihren Lebensunterhalt überwiegend sichern."
                ],
            ),
            (
                "Was Partner tun können",
                [
                    "Frühzeitig auf die Voraussetzungen hinweisen und zur Ausländerbehörde (ABH) begleiten."
                ],
            ),
        ],
        [("Gesetz zur Neubestimmung des Bleiberechts und der Aufenthaltsbeendigung", BGBL)],
    ),
    (
        "ankunftsnachweis-2016",
        "Ankunftsnachweis ersetzt die BÜMA",
        D(2016, 2, 5),
        "in_force",
        None,
        ["aufenthalt-beschaeftigung"],
        ["ankunftsnachweis"],
        ["asylblg"],
        [("AsylG", "63a", "")],
        "Seit dem Datenaustauschverbesserungsgesetz erhalten Asylsuchende einen Ankunftsnachweis statt der BÜMA; ihre Daten werden früh im Ausländerzentralregister (AZR) erfasst.",
        [
            (
                "Was sich ändert",
                [
                    "Der Ankunftsnachweis (AKN) ersetzt die Bescheinigung über die Meldung als Asylsuchender (BÜMA).",
                    "Die Daten werden im Kerndatensystem des AZR gespeichert, damit Behörden sie nicht mehrfach erfassen.",
                ],
            ),
            (
                "Für die Beratung",
                [
                    "Ältere Akten können noch eine BÜMA enthalten; sie entspricht dem heutigen Ankunftsnachweis."
                ],
            ),
        ],
        [("Datenaustauschverbesserungsgesetz", BGBL)],
    ),
    (
        "integrationsgesetz-2016",
        "Integrationsgesetz: Ausbildungsduldung „3+2“ und Wohnsitzregelung",
        D(2016, 8, 6),
        "superseded",
        "duldungsgesetz-2020",
        ["ausbildung", "aufenthalt-beschaeftigung", "wohnen"],
        ["duldung", "aufenthaltsgestattung"],
        ["asylblg", "sgb3"],
        [("AufenthG", "60a", "Abs. 2 Satz 4"), ("AufenthG", "12a", "")],
        "Das Integrationsgesetz führte die Ausbildungsduldung „3+2“ und die Wohnsitzregelung ein und setzte die Vorrangprüfung in den meisten Agenturbezirken für drei Jahre aus.",
        [
            (
                "Was sich änderte",
                [
                    "Ausbildungsduldung: drei Jahre Ausbildung und zwei Jahre Beschäftigung („3+2“).",
                    "Wohnsitzregelung nach § 12a AufenthG für anerkannte Flüchtlinge.",
                    "Vorrangprüfung in 133 von 156 Agenturbezirken für drei Jahre ausgesetzt.",
                ],
            ),
            (
                "Heute",
                [
                    "Die Ausbildungsduldung steht seit 2020 in § 60c AufenthG. Bitte die aktuelle Seite nutzen."
                ],
            ),
        ],
        [("Integrationsgesetz vom 31. Juli 2016", BGBL)],
    ),
    (
        "vorrangpruefung-abgeschafft-2019",
        "Vorrangprüfung für Gestattete und Geduldete abgeschafft",
        D(2019, 8, 6),
        "in_force",
        None,
        ["arbeitsvermittlung", "aufenthalt-beschaeftigung", "arbeitgeberberatung"],
        ["aufenthaltsgestattung", "duldung"],
        ["asylblg", "sgb3"],
        [("BeschV", "32", "")],
        "Seit August 2019 prüft die Bundesagentur für Arbeit bei Gestatteten und Geduldeten keine Vorrangprüfung mehr – dauerhaft und bundesweit.",
        [
            (
                "Was sich ändert",
                [
                    "Die BA prüft nur noch die Beschäftigungsbedingungen, etwa den Mindestlohn.",
                    "Arbeitsverbote (z. B. während der Wohnpflicht in einer Erstaufnahmeeinrichtung oder nach § 60a Abs. 6 AufenthG) gelten weiter.",
                ],
            ),
            (
                "Für Arbeitgeber",
                [
                    "Eine Stelle muss nicht mehr zuerst bevorrechtigten Bewerbern angeboten werden. Die Beschäftigungserlaubnis der ABH bleibt nötig."
                ],
            ),
        ],
        [("Änderung der Beschäftigungsverordnung (§ 32 BeschV)", BGBL)],
    ),
    (
        "auslaenderbeschaeftigungsfoerderung-2019",
        "Integrationskurse und Berufssprachkurse für Gestattete und Geduldete",
        D(2019, 8, 1),
        "in_force",
        None,
        ["sprachfoerderung"],
        ["aufenthaltsgestattung", "duldung"],
        ["asylblg", "sgb3"],
        [("AufenthG", "44", "Abs. 4"), ("AufenthG", "45a", "")],
        "Das Ausländerbeschäftigungsförderungsgesetz öffnete Integrationskurse und Berufssprachkurse für arbeitsmarktnahe Gestattete und für Geduldete.",
        [
            (
                "Was sich ändert",
                [
                    "Arbeitsmarktnahe Gestattete mit Einreise vor dem 1. August 2019 können nach drei Monaten einen Integrationskurs besuchen.",
                    "Geduldete können nach sechs Monaten einen Berufssprachkurs besuchen.",
                ],
            )
        ],
        [("Ausländerbeschäftigungsförderungsgesetz", BGBL)],
    ),
    (
        "duldungsgesetz-2020",
        "Ausbildungsduldung (§ 60c) und Beschäftigungsduldung (§ 60d)",
        D(2020, 1, 1),
        "in_force",
        None,
        ["ausbildung", "aufenthalt-beschaeftigung", "arbeitgeberberatung"],
        ["ausbildungsduldung", "beschaeftigungsduldung", "duldung"],
        ["asylblg"],
        [("AufenthG", "60c", ""), ("AufenthG", "60d", "")],
        "Das Duldungsgesetz verschob die Ausbildungsduldung in § 60c AufenthG und schuf die Beschäftigungsduldung nach § 60d AufenthG.",
        [
            (
                "Ausbildungsduldung",
                [
                    "Für eine qualifizierte Berufsausbildung; nach erfolgreichem Abschluss ist eine Aufenthaltserlaubnis möglich."
                ],
            ),
            (
                "Beschäftigungsduldung",
                [
                    "Für Menschen in stabiler Beschäftigung, erteilt für 30 Monate.",
                    "Die Voraussetzungen wurden 2024 gelockert – siehe die Seite zum Rückführungsverbesserungsgesetz.",
                ],
            ),
            (
                "Für Arbeitgeber",
                [
                    "Eine vorzeitige Beendigung der Beschäftigung muss der ABH innerhalb von zwei Wochen gemeldet werden."
                ],
            ),
        ],
        [("Gesetz über Duldung bei Ausbildung und Beschäftigung", BGBL)],
    ),
    (
        "fachkraefteeinwanderung-2020",
        "Fachkräfteeinwanderungsgesetz",
        D(2020, 3, 1),
        "in_force",
        None,
        ["arbeitsvermittlung", "anerkennung", "arbeitgeberberatung"],
        [],
        [],
        [("AufenthG", "18", ""), ("AufenthG", "20", "")],
        "Ein einheitlicher Fachkräftebegriff, keine Vorrangprüfung für Fachkräfte und ein Visum zur Arbeitsplatzsuche.",
        [
            (
                "Was sich ändert",
                [
                    "Fachkräfte mit anerkannter Qualifikation erhalten leichter einen Aufenthaltstitel.",
                    "Ein Visum zur Arbeitsplatzsuche für bis zu sechs Monate (§ 20 AufenthG).",
                ],
            )
        ],
        [("Fachkräfteeinwanderungsgesetz", BGBL)],
    ),
    (
        "rechtskreiswechsel-ukraine-2022",
        "Rechtskreiswechsel für Geflüchtete aus der Ukraine",
        D(2022, 6, 1),
        "in_force",
        None,
        ["leistungen-sgb2", "leistungen-asylblg", "arbeitsvermittlung"],
        ["ae-24"],
        ["sgb2", "asylblg"],
        [("AufenthG", "24", ""), ("SGB II", "7", "")],
        "Erwerbsfähige Geflüchtete aus der Ukraine mit Aufenthaltserlaubnis nach § 24 AufenthG oder Fiktionsbescheinigung wechselten vom AsylbLG ins SGB II (Jobcenter).",
        [
            (
                "Was sich ändert",
                [
                    "Zuständig ist das Jobcenter statt des Sozialamts.",
                    "Nicht Erwerbsfähige und Menschen ab 65 wechseln ins SGB XII.",
                    "Übergangszeit bis 31. August 2022.",
                ],
            ),
            (
                "Für die Beratung",
                [
                    "Beim Wechsel den Antrag auf Bürgergeld früh stellen, damit keine Lücke entsteht."
                ],
            ),
        ],
        [("Sofortzuschlags- und Einmalzahlungsgesetz", BGBL)],
    ),
    (
        "chancen-aufenthaltsrecht-2022",
        "Chancen-Aufenthaltsrecht (§ 104c AufenthG)",
        D(2022, 12, 31),
        "in_force",
        None,
        ["aufenthalt-beschaeftigung", "sprachfoerderung"],
        ["duldung"],
        ["asylblg"],
        [("AufenthG", "104c", ""), ("AufenthG", "25a", "")],
        "Langjährig Geduldete (Stichtag 31. Oktober 2022, fünf Jahre Aufenthalt) konnten eine Aufenthaltserlaubnis für 18 Monate erhalten. Anträge waren bis 30. Dezember 2025 möglich.",
        [
            (
                "Was sich ändert",
                [
                    "Aufenthaltserlaubnis auf Probe für 18 Monate, um die Voraussetzungen für ein Bleiberecht zu erfüllen.",
                    "§ 25a AufenthG wurde reformiert.",
                ],
            ),
            (
                "Integrationskurse",
                [
                    "Ab etwa Anfang 2023 stehen Integrationskurse allen Gestatteten offen, solange das Asylverfahren nicht negativ abgeschlossen ist. Ob Staatsangehörige sicherer Herkunftsstaaten ausgeschlossen sind, ist in den Quellen nicht bestätigt."
                ],
            ),
        ],
        [("Gesetz zur Einführung eines Chancen-Aufenthaltsrechts", BGBL)],
    ),
    (
        "buergergeld-2023",
        "Bürgergeld ersetzt Arbeitslosengeld II",
        D(2023, 1, 1),
        "in_force",
        None,
        ["leistungen-sgb2"],
        [],
        ["sgb2"],
        [("SGB II", "19", "")],
        "Das Bürgergeld ersetzte ALG II und Sozialgeld: höhere Regelsätze, Karenzzeit für Wohnkosten und Vermögen, kein Vermittlungsvorrang mehr.",
        [
            (
                "Was sich ändert",
                [
                    "Höhere Regelsätze.",
                    "Karenzzeit von einem Jahr für Wohnkosten und Vermögen.",
                    "Der Vermittlungsvorrang entfällt; Weiterbildung wird gestärkt.",
                ],
            ),
            (
                "Ausblick",
                [
                    "Die Bundesregierung plant eine „Neue Grundsicherung“; sie ist nach den Quellen noch kein Gesetz."
                ],
            ),
        ],
        [("Bürgergeld-Gesetz", BGBL)],
    ),
    (
        "kooperationsplan-2023",
        "Kooperationsplan ersetzt die Eingliederungsvereinbarung",
        D(2023, 7, 1),
        "in_force",
        None,
        ["leistungen-sgb2", "arbeitsvermittlung"],
        [],
        ["sgb2"],
        [("SGB II", "15", "")],
        "Im SGB II gilt seit 1. Juli 2023 der Kooperationsplan auf Grundlage einer Potenzialanalyse. Alte Eingliederungsvereinbarungen galten höchstens bis 31. Dezember 2023.",
        [
            (
                "Was sich ändert",
                [
                    "Der Kooperationsplan wird gemeinsam erstellt und ist verständlich formuliert.",
                    "Dazu kommen Bürgergeldbonus, Weiterbildungsgeld und ganzheitliche Betreuung.",
                ],
            ),
            (
                "Im SGB III",
                [
                    "Die Agentur für Arbeit arbeitet weiter mit der Eingliederungsvereinbarung (§ 37 SGB III)."
                ],
            ),
        ],
        [("Bürgergeld-Gesetz, zweite Stufe", BGBL)],
    ),
    (
        "rueckfuehrungsverbesserung-2024",
        "Analogleistungen erst nach 36 Monaten; Beschäftigungserlaubnis wird Regel",
        D(2024, 2, 27),
        "in_force",
        None,
        ["leistungen-asylblg", "aufenthalt-beschaeftigung"],
        ["aufenthaltsgestattung", "duldung", "beschaeftigungsduldung"],
        ["asylblg"],
        [("AsylbLG", "2", ""), ("AufenthG", "60d", ""), ("AsylG", "61", "")],
        "Das Rückführungsverbesserungsgesetz verlängerte die Wartezeit für Analogleistungen auf 36 Monate und machte die Beschäftigungserlaubnis für Geduldete zur Regel.",
        [
            ("Leistungen", ["Analogleistungen nach § 2 AsylbLG erst nach 36 Monaten (vorher 18)."]),
            (
                "Arbeit",
                [
                    "Die Beschäftigungserlaubnis für Geduldete und Menschen in Erstaufnahmeeinrichtungen „soll“ erteilt werden.",
                    "Beschäftigungsduldung: Einreise bis 31. Dezember 2022, zwölf Monate Vorbeschäftigung, 20 Stunden pro Woche.",
                ],
            ),
            (
                "Schutzstatus",
                [
                    "Die Aufenthaltserlaubnis bei subsidiärem Schutz wird für drei Jahre erteilt (vorher ein Jahr)."
                ],
            ),
        ],
        [("Rückführungsverbesserungsgesetz", BGBL)],
    ),
    (
        "feg-2024",
        "Weiterentwicklung der Fachkräfteeinwanderung: Ausbildung nach § 16g",
        D(2024, 3, 1),
        "in_force",
        None,
        ["ausbildung", "arbeitgeberberatung"],
        ["ausbildungsduldung"],
        [],
        [("AufenthG", "16g", "")],
        "Die meisten Änderungen des FEG 2.0 gelten seit 1. März 2024, darunter die Aufenthaltserlaubnis zur Berufsausbildung für Geduldete nach § 16g AufenthG.",
        [
            (
                "Was sich ändert",
                [
                    "Aufenthaltserlaubnis für die Dauer einer Ausbildung statt einer Duldung.",
                    "Die Ausbildungsduldung bleibt daneben bestehen.",
                ],
            )
        ],
        [("Gesetz zur Weiterentwicklung der Fachkräfteeinwanderung", BGBL)],
    ),
    (
        "chancenkarte-2024",
        "Chancenkarte zur Arbeitsuche",
        D(2024, 6, 1),
        "in_force",
        None,
        ["arbeitsvermittlung", "anerkennung"],
        [],
        [],
        [("AufenthG", "20a", "")],
        "Seit 1. Juni 2024 gibt es die punktebasierte Chancenkarte für ein Jahr Arbeitsuche (mindestens sechs Punkte).",
        [
            (
                "Was sich ändert",
                [
                    "Punkte gibt es u. a. für Qualifikation, Sprachkenntnisse, Berufserfahrung, Alter und Deutschlandbezug.",
                    "Die Westbalkanregelung wurde auf 50.000 Zustimmungen pro Jahr verdoppelt.",
                ],
            )
        ],
        [("Gesetz zur Weiterentwicklung der Fachkräfteeinwanderung, dritte Stufe", BGBL)],
    ),
    (
        "integrationskurs-zulassungsstopp-2026",
        "Keine neuen Zulassungen zum Integrationskurs nach § 44 Abs. 4 AufenthG",
        D(2026, 2, 9),
        "in_force",
        None,
        ["sprachfoerderung"],
        ["aufenthaltsgestattung", "duldung", "ae-24"],
        [],
        [("AufenthG", "44", "Abs. 4"), ("AufenthG", "44a", "")],
        "Das BAMF lässt im Haushaltsjahr 2026 keine freiwilligen Teilnehmenden nach § 44 Abs. 4 AufenthG mehr zu. Wer einen Anspruch hat oder verpflichtet ist, ist nicht betroffen.",
        [
            (
                "Wer betroffen ist",
                [
                    "Asylsuchende, Geduldete, Geflüchtete aus der Ukraine und EU-Bürger ohne Anspruch oder Verpflichtung."
                ],
            ),
            (
                "Wer nicht betroffen ist",
                [
                    "Menschen mit Anspruch (§ 44 Abs. 1) oder Verpflichtung (§ 44a). Selbstzahler sind möglich."
                ],
            ),
            (
                "Für die Beratung",
                [
                    "Alternativen prüfen: Berufssprachkurse, kommunale Sprachangebote, Sprachcafés von Ehrenamtlichen."
                ],
            ),
        ],
        [("Trägerrundschreiben des BAMF vom 9. Februar 2026", "https://www.bamf.de/")],
    ),
    (
        "geas-reform-2026",
        "GEAS-Reform: neues europäisches Asylsystem",
        D(2026, 6, 12),
        "announced",
        None,
        ["aufenthalt-beschaeftigung", "arbeitsvermittlung"],
        ["aufenthaltsgestattung"],
        ["asylblg"],
        [("AsylG", "61", "")],
        "Die EU hat das Gemeinsame Europäische Asylsystem (GEAS) reformiert; es soll ab Juni 2026 gelten. Der Bundestag hat das GEAS-Anpassungsgesetz beschlossen; Bundesrat und Inkrafttreten sind in unseren Quellen noch offen.",
        [
            (
                "Was angekündigt ist",
                [
                    "Asylsuchende mit Bleibeperspektive (nicht aus sicheren Herkunftsstaaten, keine Dublin-Fälle) sollen nach drei Monaten arbeiten dürfen.",
                    "Zentren für Dublin- und Sekundärmigrationsfälle.",
                ],
            ),
            (
                "Unsicherheit",
                [
                    "Das genaue Datum des Inkrafttretens ist in den Quellen nicht bestätigt. Diese Seite wird aktualisiert, sobald es feststeht."
                ],
            ),
        ],
        [("EU-Asylpaket (GEAS), angenommen am 14. Mai 2024", "https://eur-lex.europa.eu/")],
    ),
]

# slug, title, topics, statuses, audiences, summary, duration, steps:
# [(title, what to do, [documents], organisation keywords, duration)]
PROCEDURES = [
    (
        "anmeldung-integration-point",
        "Anmeldung beim Integration Point",
        ["arbeitsvermittlung"],
        ["aufenthaltsgestattung", "duldung", "ankunftsnachweis"],
        ["refugees", "volunteers", "partner-staff"],
        "So melden sich Menschen mit Ankunftsnachweis, Gestattung oder Duldung beim Integration Point an.",
        "2–4 Wochen bis zum Erstgespräch",
        [
            (
                "Erster Kontakt",
                "<p>Ohne Termin zur Sprechzeit kommen, über die Gemeinde, das Sozialamt oder Ehrenamtliche vermitteln lassen.</p>",
                [],
                ["Integration Point", "Agentur für Arbeit"],
                "sofort",
            ),
            (
                "Unterlagen mitbringen",
                "<p>Alle vorhandenen Unterlagen mitbringen, auch unvollständige.</p>",
                [
                    "Aufenthaltspapier (AKN, Gestattung oder Duldung)",
                    "BAMF-Anhörungsprotokoll oder Aktenzeichen, falls vorhanden",
                    "Schul- und Berufszeugnisse mit Übersetzungen",
                    "Lebenslauf",
                ],
                [],
                "",
            ),
            (
                "Meldung als arbeit- oder ausbildungsuchend",
                "<p>Die Agentur für Arbeit nimmt die Meldung auf.</p>",
                [],
                ["Agentur für Arbeit"],
                "1 Termin",
            ),
            (
                "Erstgespräch und Potenzialanalyse",
                "<p>Mit mehrsprachiger Beratung: Schule, Ausbildung, Berufserfahrung und Sprachstand.</p>",
                [],
                ["Integration Point"],
                "1–2 Stunden",
            ),
            (
                "Nächste Schritte vereinbaren",
                "<p>Integrationskurs, Berufssprachkurs, Anerkennungsberatung, Praktikum oder Ausbildung – je nach Berechtigung.</p>",
                [],
                [],
                "",
            ),
        ],
    ),
    (
        "beschaeftigungserlaubnis-beantragen",
        "Beschäftigungserlaubnis bei der Ausländerbehörde beantragen",
        ["aufenthalt-beschaeftigung", "arbeitsvermittlung"],
        ["aufenthaltsgestattung", "duldung"],
        ["volunteers", "refugees", "employers"],
        "Für Menschen mit Gestattung oder Duldung, in deren Papier steht: „Beschäftigung nur mit Genehmigung der Ausländerbehörde“.",
        "3–4 Wochen",
        [
            (
                "Konkretes Jobangebot",
                "<p>Es braucht ein konkretes Angebot: Arbeit, betriebliche Ausbildung, EQ oder Praktikum.</p>",
                [],
                [],
                "",
            ),
            (
                "Arbeitgeber füllt die Stellenbeschreibung aus",
                "<p>Formular „Erklärung zum Beschäftigungsverhältnis“: Tätigkeit, Arbeitszeit, Lohn.</p>",
                ["Erklärung zum Beschäftigungsverhältnis"],
                ["Arbeitgeber-Service"],
                "wenige Tage",
            ),
            (
                "Antrag bei der Ausländerbehörde",
                "<p>Die Person stellt den Antrag bei der für ihren Wohnort zuständigen ABH.</p>",
                [
                    "Aufenthaltspapier",
                    "Antrag auf Erlaubnis einer Beschäftigung",
                    "Stellenbeschreibung des Arbeitgebers",
                ],
                ["Ausländerbehörde"],
                "",
            ),
            (
                "Prüfung durch ABH und Bundesagentur für Arbeit",
                "<p>Die ABH prüft Wartezeit und Verbote und fragt die BA. Antwortet die BA nicht binnen zwei Wochen, gilt die Zustimmung als erteilt.</p>",
                [],
                ["Ausländerbehörde", "Agentur für Arbeit"],
                "2–3 Wochen",
            ),
            (
                "Erlaubnis im Papier – erst dann anfangen",
                "<p>Die Erlaubnis wird in das Papier eingetragen. <strong>Arbeit erst nach Erteilung beginnen.</strong></p>",
                [],
                ["Ausländerbehörde"],
                "",
            ),
        ],
    ),
    (
        "anerkennung-berufsabschluss",
        "Anerkennung eines ausländischen Berufsabschlusses",
        ["anerkennung"],
        [],
        ["refugees", "partner-staff", "volunteers"],
        "Der Weg zur Anerkennung nach dem BQFG – unabhängig von Staatsangehörigkeit und Aufenthaltsstatus.",
        "3–6 Monate",
        [
            (
                "Reglementiert oder nicht?",
                "<p>Reglementierte Berufe (z. B. Pflege, Lehramt) brauchen die Anerkennung; duale Ausbildungsberufe nicht, sie hilft aber bei der Bewerbung.</p>",
                [],
                ["IQ"],
                "",
            ),
            (
                "Referenzberuf und zuständige Stelle finden",
                "<p>Mit dem Anerkennungs-Finder oder der IQ-Beratung: IHK FOSA, Handwerkskammer, Bezirksregierung.</p>",
                [],
                ["IHK", "Handwerkskammer"],
                "",
            ),
            (
                "Finanzierung klären",
                "<p>Agentur für Arbeit oder Jobcenter können Gebühren und Übersetzungen übernehmen.</p>",
                [],
                ["Jobcenter", "Agentur für Arbeit"],
                "",
            ),
            (
                "Antrag stellen",
                "<p>Antrag mit Unterlagen einreichen; die Stelle bestätigt den Eingang innerhalb eines Monats.</p>",
                [
                    "Antragsformular",
                    "Ausweis",
                    "beglaubigte Zeugniskopien",
                    "Nachweise über Ausbildungsinhalte",
                    "Nachweise über Berufserfahrung",
                    "Übersetzungen",
                ],
                [],
                "1 Monat",
            ),
            (
                "Bescheid",
                "<p>Volle oder teilweise Gleichwertigkeit (Defizitbescheid) oder Ablehnung. Bei Unterschieden: Anpassungsqualifizierung.</p>",
                [],
                [],
                "3 Monate ab vollständigen Unterlagen",
            ),
        ],
    ),
    (
        "integrationskurs-anmelden",
        "Anmeldung zum Integrationskurs",
        ["sprachfoerderung"],
        ["ae-25-2-gfk", "aufenthaltsgestattung", "ae-24"],
        ["refugees", "volunteers"],
        "Zugang klären, Berechtigungsschein holen, Kursträger wählen. 2026: keine neuen Zulassungen nach § 44 Abs. 4 AufenthG.",
        "2–8 Wochen bis Kursbeginn",
        [
            (
                "Zugangsweg klären",
                "<p>Anspruch (§ 44 Abs. 1), Verpflichtung (§ 44a) oder Zulassung auf Antrag (§ 44 Abs. 4, 2026 ausgesetzt).</p>",
                [],
                ["Ausländerbehörde", "Jobcenter"],
                "",
            ),
            (
                "Berechtigungsschein oder Verpflichtung",
                "<p>Bescheinigung der ABH oder Verpflichtung durch ABH/Jobcenter.</p>",
                ["Aufenthaltspapier", "Berechtigungsschein"],
                ["Ausländerbehörde"],
                "",
            ),
            (
                "Kursträger wählen und Einstufungstest",
                "<p>Einen vom BAMF zugelassenen Träger wählen, z. B. die Volkshochschule. Der Einstufungstest bestimmt das Startmodul.</p>",
                [],
                ["Volkshochschule"],
                "1–4 Wochen",
            ),
            (
                "Kosten klären",
                "<p>Eigenbeitrag pro Unterrichtseinheit; Befreiung für Menschen mit Bürgergeld auf Antrag beim BAMF.</p>",
                ["Antrag auf Kostenbefreiung"],
                ["BAMF"],
                "",
            ),
            (
                "Abschluss",
                "<p>Deutsch-Test für Zuwanderer (DTZ) und Test „Leben in Deutschland“. Danach: Berufssprachkurs.</p>",
                [],
                [],
                "",
            ),
        ],
    ),
    (
        "arbeitgeber-einstellung-duldung",
        "Einstellung einer Person mit Duldung – Leitfaden für Arbeitgeber",
        ["arbeitgeberberatung", "aufenthalt-beschaeftigung"],
        ["duldung", "beschaeftigungsduldung", "ausbildungsduldung"],
        ["employers"],
        "Was Arbeitgeber prüfen und melden müssen, wenn sie eine Person mit Duldung einstellen.",
        "3–6 Wochen bis Arbeitsbeginn",
        [
            (
                "Originaldokument ansehen",
                "<p>Gültige Duldung? Was steht zur Erwerbstätigkeit? Bei § 60b („ungeklärte Identität“) gilt ein Arbeitsverbot.</p>",
                ["Duldung im Original"],
                [],
                "",
            ),
            (
                "Beschäftigungserlaubnis beantragen",
                "<p>Gemeinsam mit der Person: Stellenbeschreibung, Antrag bei der ABH, Zustimmung der BA.</p>",
                ["Erklärung zum Beschäftigungsverhältnis"],
                ["Ausländerbehörde", "Arbeitgeber-Service"],
                "3–4 Wochen",
            ),
            (
                "Sichereren Weg prüfen",
                "<p>Ausbildung: Ausbildungsduldung (§ 60c) oder Aufenthaltserlaubnis nach § 16g. Dauerhafte Arbeit: Beschäftigungsduldung (§ 60d).</p>",
                [],
                ["Willkommenslotse", "Handwerkskammer"],
                "",
            ),
            (
                "Förderung fragen",
                "<p>Eingliederungszuschuss (vor Arbeitsbeginn beantragen), Einstiegsqualifizierung, MAG, AsA flex.</p>",
                [],
                ["Arbeitgeber-Service"],
                "",
            ),
            (
                "Pflichten während der Beschäftigung",
                "<p>Kopie des Dokuments aufbewahren; vorzeitiges Ende innerhalb von zwei Wochen (Duldungen, § 16g) bzw. vier Wochen der ABH melden.</p>",
                [],
                ["Ausländerbehörde"],
                "laufend",
            ),
        ],
    ),
]

# slug, title, topics, audiences, visibility, summary, sections
GUIDANCE = [
    (
        "ehrenamt-begleitung-behoerde",
        "Begleitung zu Behördenterminen – Tipps für Ehrenamtliche",
        ["ehrenamt"],
        ["volunteers"],
        "public",
        "Wie Ehrenamtliche gut zu Terminen bei Ausländerbehörde, Jobcenter oder Agentur für Arbeit begleiten.",
        [
            (
                "Vor dem Termin",
                [
                    "Einladung gemeinsam lesen und Unterlagen sortieren.",
                    "Eine Vollmacht oder Schweigepflichtentbindung klären, wenn Sie Auskunft brauchen.",
                ],
            ),
            (
                "Beim Termin",
                [
                    "Die Person spricht für sich; Sie unterstützen. Notizen machen hilft.",
                    "Nach Dolmetschung fragen, wenn die Verständigung schwer ist.",
                ],
            ),
            ("Nach dem Termin", ["Fristen in einen Kalender eintragen und Kopien aufheben."]),
        ],
    ),
    (
        "ehrenamt-grenzen-beratung",
        "Grenzen der Beratung: Was Ehrenamtliche nicht übernehmen sollten",
        ["ehrenamt"],
        ["volunteers"],
        "public",
        "Rechtsberatung ist Fachleuten vorbehalten. Diese Seite hilft, gut weiterzuverweisen.",
        [
            (
                "Weiterverweisen",
                [
                    "Bei aufenthaltsrechtlichen Fragen an die Migrationsberatung (MBE, JMD) oder Fachanwälte verweisen."
                ],
            ),
            ("Keine Zusagen", ["Keine Zusagen über Ergebnisse von Anträgen machen."]),
            ("Selbstfürsorge", ["Pausen einplanen und Austausch in der Ehrenamtsgruppe suchen."]),
        ],
    ),
    (
        "ehrenamt-sprachcafe",
        "Sprachcafé organisieren",
        ["ehrenamt", "sprachfoerderung"],
        ["volunteers"],
        "volunteers",
        "Erfahrungen aus dem Kreis Herford: Räume, Material, Kinderbetreuung. Nur für registrierte Ehrenamtliche und Partner.",
        [
            ("Raum und Zeit", ["Feste Zeiten und ein gut erreichbarer Ort."]),
            ("Material", ["Alltagsthemen: Arzttermin, Einkauf, Bus und Bahn."]),
            (
                "Ansprechpartner",
                [
                    "Kontakte zu den Trägern der Integrationskurse erhalten Sie beim Integration Point."
                ],
            ),
        ],
    ),
    (
        "arbeitgeber-foerderung-ueberblick",
        "Förderung für Arbeitgeber im Überblick",
        ["arbeitgeberberatung"],
        ["employers"],
        "public",
        "Eingliederungszuschuss, Einstiegsqualifizierung, MAG und Assistierte Ausbildung – kurz erklärt.",
        [
            ("Eingliederungszuschuss (EGZ)", ["Zuschuss zum Lohn; vor Arbeitsbeginn beantragen."]),
            (
                "Einstiegsqualifizierung (EQ)",
                ["6–12 Monate betriebliches Praktikum vor der Ausbildung."],
            ),
            (
                "Assistierte Ausbildung (AsA flex)",
                ["Unterstützung für Auszubildende und Betrieb während der Ausbildung."],
            ),
        ],
    ),
    (
        "arbeitgeber-ausbildung-gefluechtete",
        "Geflüchtete ausbilden: Aufenthalt während der Ausbildung",
        ["arbeitgeberberatung", "ausbildung"],
        ["employers"],
        "public",
        "Ausbildungsduldung und Aufenthaltserlaubnis nach § 16g: was Betriebe wissen sollten.",
        [
            (
                "Ausbildungsduldung",
                [
                    "Duldung für die Dauer der Ausbildung, danach Aufenthaltserlaubnis bei Übernahme."
                ],
            ),
            ("§ 16g AufenthG", ["Aufenthaltserlaubnis statt Duldung seit März 2024."]),
            (
                "Meldepflichten",
                ["Abbruch der Ausbildung innerhalb von zwei Wochen der ABH melden."],
            ),
        ],
    ),
    (
        "partner-rechtskreiswechsel-checkliste",
        "Checkliste Rechtskreiswechsel nach Anerkennung",
        ["leistungen-sgb2", "leistungen-asylblg"],
        ["partner-staff"],
        "partners",
        "Interne Arbeitshilfe für Partnerfachkräfte: Übergabe vom Team der Agentur für Arbeit an das Jobcenter-Team.",
        [
            (
                "Vor der Übergabe",
                ["Bescheid des BAMF prüfen und Antrag auf Bürgergeld vorbereiten."],
            ),
            (
                "Übergabe",
                ["Warme Übergabe im Integration Point; Termin beim Jobcenter-Team vereinbaren."],
            ),
            (
                "Nach der Übergabe",
                ["AsylbLG-Fall beim Sozialamt endet zum Monatsende der Anerkennung."],
            ),
        ],
    ),
]

# slug, title, topics, audiences, summary, [(question, answer)]
FAQS = [
    (
        "faq-arbeiten-mit-duldung",
        "Häufige Fragen: Arbeiten mit Duldung",
        ["aufenthalt-beschaeftigung"],
        ["volunteers", "refugees", "employers"],
        "Antworten auf die häufigsten Fragen zur Arbeit mit Duldung.",
        [
            (
                "Darf ich mit einer Duldung arbeiten?",
                "Oft ja – mit Beschäftigungserlaubnis der Ausländerbehörde. Was gilt, steht im Papier.",
            ),
            (
                "Wie lange dauert die Beschäftigungserlaubnis?",
                "Im Kreis Herford meist drei bis vier Wochen.",
            ),
            (
                "Was bedeutet „Duldung light“?",
                "Eine Duldung nach § 60b AufenthG bei ungeklärter Identität; sie bedeutet ein Arbeitsverbot.",
            ),
        ],
    ),
    (
        "faq-integrationskurs",
        "Häufige Fragen: Integrationskurs",
        ["sprachfoerderung"],
        ["refugees", "volunteers"],
        "Wer darf teilnehmen, was kostet es, was passiert 2026?",
        [
            (
                "Wer hat Anspruch?",
                "Unter anderem anerkannte Flüchtlinge und Menschen mit Schutzstatus.",
            ),
            (
                "Was kostet der Kurs?",
                "Ein Eigenbeitrag pro Unterrichtseinheit; mit Bürgergeld ist eine Befreiung möglich.",
            ),
            (
                "Warum bekomme ich 2026 keinen Platz?",
                "Das BAMF lässt 2026 keine freiwilligen Teilnehmenden nach § 44 Abs. 4 AufenthG zu.",
            ),
        ],
    ),
    (
        "faq-anerkennung",
        "Häufige Fragen: Anerkennung",
        ["anerkennung"],
        ["refugees", "partner-staff"],
        "Kosten, Dauer und Zuständigkeiten bei der Anerkennung.",
        [
            (
                "Was kostet die Anerkennung?",
                "Meist 100 bis 600 Euro; Jobcenter oder Agentur für Arbeit können die Kosten übernehmen.",
            ),
            ("Wie lange dauert es?", "In der Regel drei Monate ab vollständigen Unterlagen."),
        ],
    ),
    (
        "faq-buergergeld",
        "Häufige Fragen: Bürgergeld für Geflüchtete",
        ["leistungen-sgb2"],
        ["refugees", "volunteers"],
        "Wann das Jobcenter zuständig ist und was der Kooperationsplan ist.",
        [
            (
                "Wann ist das Jobcenter zuständig?",
                "Nach der Anerkennung oder mit bestimmten Aufenthaltserlaubnissen, z. B. § 24 AufenthG.",
            ),
            (
                "Was ist ein Kooperationsplan?",
                "Der gemeinsame Plan mit dem Jobcenter seit Juli 2023.",
            ),
        ],
    ),
    (
        "faq-ehrenamt",
        "Häufige Fragen von Ehrenamtlichen",
        ["ehrenamt"],
        ["volunteers"],
        "Versicherung, Auskunft bei Behörden und Fortbildungen.",
        [
            (
                "Bin ich versichert?",
                "Fragen Sie Ihre Organisation; viele Kommunen haben eine Sammelversicherung für Ehrenamtliche.",
            ),
            (
                "Bekomme ich Auskunft bei der Behörde?",
                "Nur mit Einverständnis der begleiteten Person, am besten schriftlich.",
            ),
        ],
    ),
]
