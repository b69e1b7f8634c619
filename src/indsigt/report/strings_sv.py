"""The report's words in Swedish: the tables of :mod:`indsigt.report.i18n` for "sv"."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "white_paper": "Vitbok",
    "based_on": "Baserad på {interviews} intervjuer med {leaders} ledare{levels}",
    "levels_intro": " på {levels} nivå",
    "contents": "Innehåll",
    "toc_placeholder": "Uppdatera fältet (F9) för att visa innehållsförteckningen.",
    "summary": "Sammanfattning",
    "method": "Metod",
    "findings": "Resultat",
    "differences": "Skillnader mellan grupper",
    "appendix": "Bilaga",
    "codebook": "Kodbok",
    "reliability": "Reliabilitet",
    "saturation": "Mättnad",
    "segment_table": "Koder fördelade på grupper",
    "evidence": "Evidens",
    "page": "Sida",
    "of_leaders": "{n} av {N} ledare",
    "key_points": "Budskap",
    "key_point": "{count}: {text}",
    "key_points_none": "Inget budskap delas av minst {min} ledare i detta tema.",
    "summary_key_points": "De viktigaste budskapen:",
    "key_points_differences_intro": "Budskapen:",
    "key_point_difference": (
        "{text} sägs av {cells}; skillnaden håller i testet (p = {p} efter "
        "Holm-korrektion över {m} testade budskap)."
    ),
    "key_points_no_difference": (
        "Inget av de {n} budskapen skiljer sig i utbredning mellan grupperna, i den mån "
        "testerna medger en sådan slutsats ({m} testade); skillnader i antalen för budskapen "
        "bör inte läsas som skillnader mellan grupperna."
    ),
    "of": "av",
    "quote_open": "”",
    "quote_close": "”",
    "redacted": "[maskerat]",
    "of_group": "{n} av {N} {group}",
    "leaders": "ledare",
    "all": "Alla",
    "code": "Kod",
    "label": "Benämning",
    "definition": "Definition",
    "include": "Inkludera",
    "exclude": "Exkludera",
    "prevalence": "Utbredning",
    "passages": "passager",
    "interview": "Intervju",
    "new_codes": "Nya koder",
    "cumulative": "Koder totalt",
    "coders": "Kodare",
    "units": "Enheter",
    "agreement": "Överensstämmelse",
    "test": "Test",
    "method_data": "Dataunderlag",
    "method_anonymisation": "Anonymisering",
    "method_coding": "Kodning",
    "method_reliability": "Reliabilitet",
    "method_analysis": "Analys",
    "data_sentence": (
        "Rapporten bygger på {interviews} intervjuer med {leaders} ledare{levels}. "
        "Intervjuerna är indelade i {passages} passager (meningar eller stycken), "
        "totalt {words} ord."
    ),
    "languages_sentence": "Transkriptionerna föreligger på {languages}.",
    "group_interviews": "{n} av intervjuerna omfattade flera ledare.",
    "period_known": "Intervjuerna genomfördes {period}.",
    "period_unknown": (
        "Undersökningen registrerar inte när intervjuerna ägde rum; de lästes in {period}."
    ),
    "anonymised": (
        "Alla {documents} intervjuer har pseudonymiserats före analysen ({anonymiser}): "
        "personer har ersatts av pseudonymer som ”Ledare A” och ”Person 1”, identifierande "
        "uppgifter har tagits bort och {places}. "
        "{findings} fynd har hanterats ({labels}){speakers}. Kopplingen mellan namn och "
        "pseudonymer förvaras förseglad och ingår inte i rapporten."
    ),
    "places_generalised": (
        "de platser och organisationer som anonymiseringen hittar har generaliserats"
    ),
    "places_kept": (
        "ingen plats och ingen organisation har generaliserats: deras namn står kvar så som "
        "de sades"
    ),
    "speaker_labels": ", och {n} talarnamn framför replikerna har ersatts av pseudonymer",
    "speaker_labels_one": ", och 1 talarnamn framför en replik har ersatts av en pseudonym",
    "attributed_level": "Citat tillskrivs endast ledningsnivå.",
    "attributed_noun": "Citat tillskrivs endast ”Ledare”, utan andra uppgifter om personen.",
    "not_required": (
        "Undersökningen är markerad som en som inte kräver anonymisering (den innehåller "
        "inga personuppgifter); texten återges så som den lästes in."
    ),
    "not_required_but_done": (
        "Undersökningen är markerad som en som inte kräver anonymisering; "
        "{documents} av intervjuerna har ändå pseudonymiserats."
    ),
    "no_coding": (
        "Ingen kodning har gjorts: undersökningen har ännu inga kodade passager, "
        "så rapporten innehåller inga fynd om utbredning, skillnader eller citat."
    ),
    "coding_sentence": (
        "{passages} passager har minst en kod från en kodbok med {codes} koder "
        "({top} övergripande teman)."
    ),
    "coders_human": "Mänskliga kodare: {names}.",
    "coders_machine": "Maskinella kodare: {names}.",
    "coders_none_human": "Ingen mänsklig kodare har kodat eller granskat materialet.",
    "unreviewed": (
        "{n} maskinella förslag har inte granskats av en människa och ingår i sammanräkningarna."
    ),
    "unreviewed_excluded": "{n} maskinella förslag har inte granskats och ingår inte.",
    "claim_machine": "Maskinell kodning, separat skattning: {estimate}.",
    "all_reviewed": "Alla kodningar som ingår har godkänts av en mänsklig kodare.",
    "rejected": "{n} förslag har avvisats och ingår inte.",
    "statuses": "Sammanräkningarna bygger på kodningar med status: {statuses}.",
    "status_accepted": "godkänd",
    "status_suggested": "föreslagen",
    "status_rejected": "avvisad",
    "reliability_measured": (
        "Överensstämmelsen mellan kodare har mätts för {pairs} {noun} (enhet: passage)."
    ),
    "reliability_pair": (
        "{a} och {b}: Cohens κ = {kappa}, Krippendorffs α = {alpha}, Gwets AC1 = {ac1}, "
        "överensstämmelse {agreement} över {units} passager i {documents} intervjuer."
    ),
    "reliability_not_measured": (
        "Reliabiliteten har inte mätts: ingen intervju har kodats av mer än en kodare."
    ),
    "reliability_no_coding": "Reliabiliteten har inte mätts: det finns ingen kodning.",
    "reliability_machines_only": (
        "Reliabiliteten har inte mätts: endast maskinella kodare har kodat samma material, "
        "och deras överensstämmelse med varandra är inget mått på hur tillförlitlig kodningen är."
    ),
    "reliability_appendix": "Bilaga {letter} visar siffrorna per kod.",
    "pair_nouns": "kodarpar|kodarpar",
    "analysis_sentence": (
        "Utbredning anges som antalet ledare som har minst en passage med koden, av "
        "alla ledare (”n av N ledare”); en övergripande kod räknar in sina underkoder. "
        "Celler med färre än {k} ledare är markerade med *. Skillnader mellan grupper har "
        "testats med Fisher–Freeman–Haltons exakta test eller chi-två-test, där "
        "antalen tillåter det, med Holm-korrektion för multipla jämförelser och "
        "Cramérs V som effektstorlek. Med så få ledare beskriver siffrorna denna "
        "undersökning, inte alla ledare."
    ),
    "claim_prevalence": (
        "{title}: nämns av {count} ({share}) i {amount} från {interviews} intervjuer."
    ),
    "claim_prevalence_all": "{title}: nämns av alla {N} ledare i {amount}.",
    "amount_passages": "{passages} passager",
    "amount_units": "{size} {units} ({passages} passager)",
    "unit_nouns_statement": "uttalande|uttalanden",
    "unit_nouns_passage": "passage|passager",
    "unit_nouns_turn": "talartur|talarturer",
    "overview_everyone": (
        "{all} av de {shown} temana nämns av alla {N} ledare och de övriga av {rest}, så "
        "diagrammet visar det som skiljer dem åt mer: hur många {units} varje tema rymmer."
    ),
    "overview_everyone_all": (
        "Alla {shown} teman nämns av alla {N} ledare, så diagrammet visar det som skiljer "
        "dem åt: hur många {units} varje tema rymmer."
    ),
    "range_of": "{low} till {high} av {N}",
    "size_caption": "Antal {units} i varje tema",
    "size_alt": "Stapeldiagram: antal {units} i varje tema. {items}.",
    "claim_by_segment": "Fördelat på grupper: {cells}.",
    "difference": (
        "{title} nämns oftare av {high} än av {low}; "
        "{method}, p = {p} efter Holm-korrektion för {m} jämförelser, Cramérs V = "
        "{v}. Det är ett mönster i denna undersökning, inte en skattning för alla ledare."
    ),
    "difference_none": (
        "För {title} är skillnaden mellan grupperna ({cells}) inte större än vad "
        "slumpen kan ge med så få ledare (p = {p} efter Holm-korrektion)."
    ),
    "differences_none_themes": (
        "För {n} teman är skillnaden mellan grupperna inte större än vad slumpen kan "
        "ge med så få ledare (p {p} efter Holm-korrektion; siffrorna står under varje "
        "tema): {themes}."
    ),
    "difference_untested": "Skillnader för {title} har inte testats: {reason}.",
    "differences_intro": (
        "Endast skillnader som testerna bekräftar efter korrektion för multipla jämförelser "
        "omtalas som skillnader."
    ),
    "differences_found": "Testerna finner {n} {noun} mellan grupperna.",
    "difference_nouns": "skillnad|skillnader",
    "differences_none_found": (
        "Testerna finner inga skillnader mellan grupperna som är större än vad slumpen "
        "kan ge med {N} ledare. Skillnader i tabellerna bör därför inte läsas som skillnader "
        "mellan grupper."
    ),
    "no_segments": "Ledarna kan inte delas in i grupper: ingen har ett värde för ”{by}”.",
    "quotes_language": "Citat återges på transkriptionens språk.",
    "no_quotes": "Ingen av passagerna lämpar sig som citat.",
    "summary_no_coding": "Undersökningen har ännu inte kodats; rapporten innehåller inga fynd.",
    "summary_spread": "Mest utbredda underteman: {most}. Minst utbredda: {least}.",
    "prose_note": (
        "Avsnittet är formulerat av språkmodellen {model} utifrån punkterna nedan och "
        "kontrollerat: varje mening hänvisar till sin evidens och använder endast siffror "
        "därifrån."
    ),
    "summary_coding_caveat": (
        "{n} av de kodningar som fynden bygger på är maskinella förslag som ingen har granskat."
    ),
    "overview_caption": "Andel av ledarna som nämner varje tema",
    "overview_alt": "Stapeldiagram: andel av {N} ledare som nämner varje tema. {items}.",
    "chart_caption": "{title}: andel av ledarna i varje grupp",
    "chart_alt": "Stapeldiagram: andel av ledarna som nämner {title}, per grupp. {items}.",
    "saturation_caption": "Antal koder efter varje intervju (mättnadskurva)",
    "saturation_alt": (
        "Linjediagram: antal olika koder efter var och en av {n} intervjuer, "
        "från {first} till {last}."
    ),
    "saturation_text": (
        "Efter {half} av {n} intervjuer hade {share} av de {total} koderna setts; "
        "de sista {tail} intervjuerna tillförde {new} nya."
    ),
    "evidence_intro": (
        "Varje påstående i rapporten hänvisar till en grupp passager (E1, E2 …); varje "
        "passage har sitt nummer i undersökningen (P123) och intervjuns nummer. Texten är "
        "pseudonymiserad."
    ),
    "evidence_group": "{passages} passager från {count}",
    "evidence_direct": "Kodat direkt med {title}",
    "small_note": "* färre än {k} ledare",
    "not_tested": "inte testat",
    "generated": "Framtagen med indsigt {version}, {date}.",
    "p_less": "< 0,001",
    "exact_test": "Fisher–Freeman–Haltons exakta test",
    "chi_square": "chi-två-test",
    "reason_few": "för få ledare (N = {n})",
    "reason_segments": "färre än två grupper",
    "reason_all": "det gäller alla ledare eller ingen",
    "reason_expected": "de förväntade antalen är för små",
    "reason_other": "{note}",
    "method_emergent": "Emergenta teman",
    "emergent_sentence": (
        "Ingen person har kodat materialet ännu, så fynden är emergenta teman: grupper av "
        "uttalanden som maskinen har hittat och som ingen person har granskat. De är en "
        "utgångspunkt för analysen, inte dess resultat: ett tema kan samla uttalanden som inte "
        "hör ihop, eller dela upp ett ämne i två."
    ),
    "emergent_how": (
        "Temana har hittats med indsigt themes på {unit} med {embedder}-vektorer, {k} "
        "teman ({chosen}); komponenter: {components}."
    ),
    "emergent_k_chosen": "antalet valt automatiskt",
    "emergent_k_given": "antalet valt av användaren",
    "emergent_discovered": (
        "Undersökningen hade inga sparade teman, så rapporten hittade dem själv med "
        "standardinställningarna och sparade dem i undersökningen."
    ),
    "emergent_shown": (
        "Rapporten visar de {shown} största av {total} teman (efter antal {units}, så som "
        "indsigt themes räknar och ordnar dem), det största först, som fynd. Ett tema är ett "
        "fynd när det rymmer uttalanden från minst {min} ledare och ingen av ledarna står för "
        "mer än {dominant} av dess passager; sammanslagna teman ingår inte."
    ),
    "emergent_skipped": (
        "Ett tema utan ett budskap som minst {min} ledare delar, och utan en passage som "
        "lämpar sig som citat, är inte ett fynd som läsaren kan pröva, och lämnar sin "
        "plats åt nästa tema i storleksordning: {themes}."
    ),
    "emergent_others": "Teman som inte är fynd nämns under ”Övriga teman”.",
    "emergent_more": (
        "{more} mindre teman är också fynd enligt denna regel men visas inte här; "
        "indsigt themes visar alla teman."
    ),
    "other_themes": "Övriga teman",
    "other_themes_intro": (
        "Dessa teman är inte gemensamma fynd för ledarna: de är bara en ledares, eller en av "
        "ledarna står för mer än {dominant} av deras passager."
    ),
    "other_theme": "{label} — {count}; {share} av passagerna är en enda ledares",
    "emergent_counts": (
        "Ett temas utbredning är antalet ledare vars uttalanden faller inom temat, av alla "
        "ledare (”n av N ledare”)."
    ),
    "emergent_tests": (
        "Celler med färre än {k} ledare är markerade med *. Skillnader mellan grupper har "
        "testats som för kodade fynd (Fisher–Freeman–Haltons exakta test eller "
        "chi-två-test, Holm-korrektion)."
    ),
    "emergent_definition": "Emergent tema, inte granskat av en person. Nyckelord: {terms}.",
    "unit_statement": "uttalanden (sammanhängande, innehållsbärande uttalanden från en talartur)",
    "unit_passage": "passager (meningar som inte är småprat)",
    "unit_turn": "talarturer",
    "no_coding_emergent": (
        "Ingen person har kodat materialet eller godkänt en kodning; fynden är därför "
        "emergenta teman (se nedan), inte kodade fynd."
    ),
    "machine_estimates": (
        "Maskinella förslag per tema i kodboken, separata skattningar som inte ingår i "
        "fynden: {estimates}."
    ),
    "summary_emergent": (
        "Fynden är emergenta teman som maskinen har hittat och som ingen person har granskat."
    ),
    "and": "och",
}

# Segment names (level values), as a column heading and as a group of leaders in a sentence.
SEGMENTS: dict[str, tuple[str, str]] = {
    "kommune": ("Kommun", "ledare i kommuner"),
    "(none)": ("Uppgift saknas", "ledare utan uppgift"),
    "region": ("Region", "ledare i regioner"),
    "stat": ("Stat", "ledare i staten"),
}
# " på statlig, regional och kommunal nivå" (levels_intro).
LEVEL_ADJECTIVES: dict[str, str] = {"kommune": "kommunal", "region": "regional", "stat": "statlig"}
LANGUAGE_NAMES: dict[str, str] = {
    "da": "danska",
    "en": "engelska",
    "no": "norska",
    "nb": "norska",
    "sv": "svenska",
}
MONTHS = "januari februari mars april maj juni juli augusti september oktober november december"

# Written answers: "svar" is neuter where "intervju" is common gender, so the sentences that
# would read "inget svar" or "var och en av 12 svar" wrongly after the word swap are written
# again here, as are those the Danish table writes again.
ANSWER_STRINGS: dict[str, str] = {
    "based_on": "Baserad på {interviews} skriftliga svar från {leaders} ledare{levels}",
    "data_sentence": (
        "Rapporten bygger på {interviews} skriftliga svar från {leaders} ledare{levels}. "
        "Svaren är indelade i {passages} passager (meningar eller stycken), totalt {words} ord."
    ),
    "languages_sentence": "Svaren är skrivna på {languages}.",
    "group_interviews": "{n} av svaren kom från flera ledare.",
    "period_known": "Svaren lämnades {period}.",
    "period_unknown": (
        "Undersökningen registrerar inte när svaren lämnades; de lästes in {period}."
    ),
    "reliability_not_measured": (
        "Reliabiliteten har inte mätts: inget svar har kodats av mer än en kodare."
    ),
    "saturation_caption": "Antal koder efter varje svar (mättnadskurva)",
    "saturation_alt": (
        "Linjediagram: antal olika koder efter vart och ett av {n} svar, från {first} till {last}."
    ),
}
ANSWER_WORDS: dict[str, str] = {
    "intervjuer": "svar",
    "intervjuerna": "svaren",
    "intervjuns": "svarets",
    "intervju": "svar",
}

# "Diskussion" is common gender like "intervju", so the word swap alone reads right; these
# are the sentences the Danish table writes again ("Diskussionerna ägde rum").
DISCUSSION_STRINGS: dict[str, str] = {
    "reliability_not_measured": (
        "Reliabiliteten har inte mätts: ingen diskussion har kodats av mer än en kodare."
    ),
    "saturation_caption": "Antal koder efter varje diskussion (mättnadskurva)",
    "saturation_alt": (
        "Linjediagram: antal olika koder efter var och en av {n} diskussioner, "
        "från {first} till {last}."
    ),
    "period_known": "Diskussionerna ägde rum {period}.",
}
DISCUSSION_WORDS: dict[str, str] = {
    "intervjuer": "diskussioner",
    "intervjuerna": "diskussionerna",
    "intervjuns": "diskussionens",
    "intervju": "diskussion",
}
