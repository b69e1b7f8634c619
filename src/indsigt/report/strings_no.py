"""The report's words in Norwegian (bokmål): the tables of :mod:`indsigt.report.i18n` for "no"."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "white_paper": "Hvitbok",
    "based_on": "Basert på {interviews} intervjuer med {leaders} ledere{levels}",
    "levels_intro": " på {levels} nivå",
    "contents": "Innhold",
    "toc_placeholder": "Oppdater feltet (F9) for å vise innholdsfortegnelsen.",
    "summary": "Sammendrag",
    "method": "Metode",
    "findings": "Funn",
    "differences": "Forskjeller mellom grupper",
    "appendix": "Vedlegg",
    "codebook": "Kodebok",
    "reliability": "Reliabilitet",
    "saturation": "Metning",
    "segment_table": "Koder fordelt på grupper",
    "evidence": "Evidens",
    "page": "Side",
    "of_leaders": "{n} av {N} ledere",
    "key_points": "Budskap",
    "key_point": "{count}: {text}",
    "key_points_none": "Ingen budskap deles av minst {min} ledere i dette temaet.",
    "summary_key_points": "De viktigste budskapene:",
    "key_points_differences_intro": "Budskapene:",
    "key_point_difference": (
        "{text} sies av {cells}; forskjellen bekreftes av testen (p = {p} etter "
        "Holm-korreksjon over {m} testede budskap)."
    ),
    "key_points_no_difference": (
        "Ingen av de {n} budskapene er ulikt utbredt i gruppene der testene gjør det mulig å "
        "si det ({m} testet); forskjeller i tallene for budskapene bør ikke leses som "
        "forskjeller mellom gruppene."
    ),
    "of": "av",
    "quote_open": "«",
    "quote_close": "»",
    "redacted": "[sladdet]",
    "of_group": "{n} av {N} {group}",
    "leaders": "ledere",
    "all": "Alle",
    "code": "Kode",
    "label": "Betegnelse",
    "definition": "Definisjon",
    "include": "Ta med",
    "exclude": "Utelat",
    "prevalence": "Utbredelse",
    "passages": "passasjer",
    "interview": "Intervju",
    "new_codes": "Nye koder",
    "cumulative": "Koder i alt",
    "coders": "Kodere",
    "units": "Enheter",
    "agreement": "Samsvar",
    "test": "Test",
    "method_data": "Datagrunnlag",
    "method_anonymisation": "Anonymisering",
    "method_coding": "Koding",
    "method_reliability": "Reliabilitet",
    "method_analysis": "Analyse",
    "data_sentence": (
        "Rapporten bygger på {interviews} intervjuer med {leaders} ledere{levels}. "
        "Intervjuene er delt inn i {passages} passasjer (setninger eller avsnitt), "
        "til sammen {words} ord."
    ),
    "languages_sentence": "Transkripsjonene foreligger på {languages}.",
    "group_interviews": "{n} av intervjuene hadde mer enn én leder.",
    "period_known": "Intervjuene ble gjennomført {period}.",
    "period_unknown": (
        "Undersøkelsen registrerer ikke når intervjuene fant sted; de ble importert {period}."
    ),
    "anonymised": (
        "Alle {documents} intervjuer er pseudonymisert før analysen ({anonymiser}): "
        "personer er erstattet av pseudonymer som «Leder A» og «Person 1», identifikatorer "
        "er fjernet, og {places}. "
        "{findings} funn er behandlet ({labels}){speakers}. Koblingen mellom navn og "
        "pseudonymer oppbevares forseglet og inngår ikke i rapporten."
    ),
    "places_generalised": "stedene og organisasjonene den finner, er generalisert",
    "places_kept": (
        "ingen steder og ingen organisasjoner er generalisert: navnene står slik de ble sagt"
    ),
    "speaker_labels": ", og {n} talernavn foran replikkene er erstattet av pseudonymer",
    "speaker_labels_one": ", og 1 talernavn foran en replikk er erstattet av et pseudonym",
    "attributed_level": "Sitater tilskrives bare forvaltningsnivå.",
    "attributed_noun": "Sitater tilskrives bare «Leder», uten andre opplysninger om personen.",
    "not_required": (
        "Undersøkelsen er merket som en som ikke krever anonymisering (den inneholder "
        "ingen personopplysninger); teksten gjengis slik den ble importert."
    ),
    "not_required_but_done": (
        "Undersøkelsen er merket som en som ikke krever anonymisering; "
        "{documents} av intervjuene er likevel pseudonymisert."
    ),
    "no_coding": (
        "Ingen koding er utført: undersøkelsen har ennå ingen kodede passasjer, "
        "så rapporten inneholder ingen funn om utbredelse, forskjeller eller sitater."
    ),
    "coding_sentence": (
        "{passages} passasjer har minst én kode fra en kodebok med {codes} koder "
        "({top} overordnede temaer)."
    ),
    "coders_human": "Menneskelige kodere: {names}.",
    "coders_machine": "Maskinelle kodere: {names}.",
    "coders_none_human": "Ingen menneskelig koder har kodet eller gjennomgått materialet.",
    "unreviewed": (
        "{n} maskinelle forslag er ikke gjennomgått av et menneske og inngår i opptellingene."
    ),
    "unreviewed_excluded": "{n} maskinelle forslag er ikke gjennomgått og inngår ikke.",
    "claim_machine": "Maskinell koding, særskilt estimat: {estimate}.",
    "all_reviewed": "Alle kodinger som inngår, er akseptert av en menneskelig koder.",
    "rejected": "{n} forslag er avvist og inngår ikke.",
    "statuses": "Opptellingene bygger på kodinger med status: {statuses}.",
    "status_accepted": "akseptert",
    "status_suggested": "foreslått",
    "status_rejected": "avvist",
    "reliability_measured": (
        "Samsvaret mellom kodere er målt for {pairs} {noun} (enhet: passasje)."
    ),
    "reliability_pair": (
        "{a} og {b}: Cohens κ = {kappa}, Krippendorffs α = {alpha}, Gwets AC1 = {ac1}, "
        "samsvar {agreement} over {units} passasjer i {documents} intervjuer."
    ),
    "reliability_not_measured": (
        "Reliabiliteten er ikke målt: ikke noe intervju er kodet av mer enn én koder."
    ),
    "reliability_no_coding": "Reliabiliteten er ikke målt: det finnes ingen koding.",
    "reliability_machines_only": (
        "Reliabiliteten er ikke målt: bare maskinelle kodere har kodet det samme materialet, "
        "og samsvaret mellom dem er ikke et mål på hvor pålitelig kodingen er."
    ),
    "reliability_appendix": "Vedlegg {letter} viser tallene per kode.",
    "pair_nouns": "koderpar|koderpar",
    "analysis_sentence": (
        "Utbredelse angis som antallet ledere som har minst én passasje med koden, av "
        "alle ledere («n av N ledere»); en overordnet kode teller med underkodene sine. "
        "Celler med færre enn {k} ledere er markert med *. Forskjeller mellom grupper er "
        "testet med Fisher–Freeman–Haltons eksakte test eller kjikvadrattest der "
        "antallene tillater det, med Holm-korreksjon for multiple sammenligninger og "
        "Cramérs V som effektstørrelse. Med så få ledere beskriver tallene denne "
        "undersøkelsen, ikke alle ledere."
    ),
    "claim_prevalence": (
        "{title}: nevnt av {count} ({share}) i {amount} fra {interviews} intervjuer."
    ),
    "claim_prevalence_all": "{title}: nevnt av alle {N} ledere i {amount}.",
    "amount_passages": "{passages} passasjer",
    "amount_units": "{size} {units} ({passages} passasjer)",
    "unit_nouns_statement": "utsagn|utsagn",
    "unit_nouns_passage": "passasje|passasjer",
    "unit_nouns_turn": "taletur|taleturer",
    "overview_everyone": (
        "{all} av de {shown} temaene nevnes av alle {N} ledere og de øvrige av {rest}, så "
        "diagrammet viser det som skiller dem mer fra hverandre: hvor mange {units} hvert "
        "tema rommer."
    ),
    "overview_everyone_all": (
        "Alle {shown} temaer nevnes av alle {N} ledere, så diagrammet viser det som skiller "
        "dem fra hverandre: hvor mange {units} hvert tema rommer."
    ),
    "range_of": "{low} til {high} av {N}",
    "size_caption": "Antall {units} i hvert tema",
    "size_alt": "Søylediagram: antall {units} i hvert tema. {items}.",
    "claim_by_segment": "Fordelt på grupper: {cells}.",
    "difference": (
        "{title} nevnes oftere av {high} enn av {low}; "
        "{method}, p = {p} etter Holm-korreksjon for {m} sammenligninger, Cramérs V = "
        "{v}. Det er et mønster i denne undersøkelsen, ikke et estimat for alle ledere."
    ),
    "difference_none": (
        "For {title} er forskjellen mellom gruppene ({cells}) ikke større enn det "
        "tilfeldigheter kan gi med så få ledere (p = {p} etter Holm-korreksjon)."
    ),
    "differences_none_themes": (
        "For {n} temaer er forskjellen mellom gruppene ikke større enn det tilfeldigheter "
        "kan gi med så få ledere (p {p} etter Holm-korreksjon; tallene står under hvert "
        "tema): {themes}."
    ),
    "difference_untested": "Forskjeller for {title} er ikke testet: {reason}.",
    "differences_intro": (
        "Bare forskjeller som testene bekrefter etter korreksjon for multiple sammenligninger, "
        "omtales som forskjeller."
    ),
    "differences_found": "Testene finner {n} {noun} mellom gruppene.",
    "difference_nouns": "forskjell|forskjeller",
    "differences_none_found": (
        "Testene finner ingen forskjeller mellom gruppene som er større enn det tilfeldigheter "
        "kan gi med {N} ledere. Forskjeller i tabellene bør derfor ikke leses som forskjeller "
        "mellom grupper."
    ),
    "no_segments": "Lederne kan ikke deles inn i grupper: ingen har en verdi for «{by}».",
    "quotes_language": "Sitater gjengis på transkripsjonens språk.",
    "no_quotes": "Ingen av passasjene egner seg som sitat.",
    "summary_no_coding": "Undersøkelsen er ennå ikke kodet; rapporten inneholder ingen funn.",
    "summary_spread": "Mest utbredte undertemaer: {most}. Minst utbredte: {least}.",
    "prose_note": (
        "Avsnittet er formulert av språkmodellen {model} ut fra punktene nedenfor og "
        "kontrollert: hver setning viser til sin evidens og bruker bare tall derfra."
    ),
    "summary_coding_caveat": (
        "{n} av kodingene som funnene bygger på, er maskinelle forslag som ingen har gjennomgått."
    ),
    "overview_caption": "Andel av lederne som nevner hvert tema",
    "overview_alt": "Søylediagram: andel av {N} ledere som nevner hvert tema. {items}.",
    "chart_caption": "{title}: andel av lederne i hver gruppe",
    "chart_alt": "Søylediagram: andel av lederne som nevner {title}, per gruppe. {items}.",
    "saturation_caption": "Antall koder etter hvert intervju (metningskurve)",
    "saturation_alt": (
        "Linjediagram: antall ulike koder etter hvert av {n} intervjuer, fra {first} til {last}."
    ),
    "saturation_text": (
        "Etter {half} av {n} intervjuer var {share} av de {total} kodene identifisert; "
        "de siste {tail} intervjuene tilførte {new} nye."
    ),
    "evidence_intro": (
        "Hver påstand i rapporten viser til en gruppe passasjer (E1, E2 …); hver "
        "passasje har sitt nummer i undersøkelsen (P123) og intervjuets nummer. Teksten er "
        "pseudonymisert."
    ),
    "evidence_group": "{passages} passasjer fra {count}",
    "evidence_direct": "Kodet direkte med {title}",
    "small_note": "* færre enn {k} ledere",
    "not_tested": "ikke testet",
    "generated": "Utarbeidet med indsigt {version}, {date}.",
    "p_less": "< 0,001",
    "exact_test": "Fisher–Freeman–Haltons eksakte test",
    "chi_square": "kjikvadrattest",
    "reason_few": "for få ledere (N = {n})",
    "reason_segments": "færre enn to grupper",
    "reason_all": "det gjelder alle ledere eller ingen",
    "reason_expected": "de forventede antallene er for små",
    "reason_other": "{note}",
    "method_emergent": "Fremvoksende temaer",
    "emergent_sentence": (
        "Ingen person har kodet materialet ennå, så funnene er fremvoksende temaer: grupper "
        "av utsagn som maskinen har funnet, og som ingen person har gjennomgått. De er et "
        "utgangspunkt for analysen, ikke resultatet av den: et tema kan samle utsagn som "
        "ikke hører sammen, eller dele ett emne i to."
    ),
    "emergent_how": (
        "Temaene er funnet med indsigt themes på {unit} med {embedder}-vektorer, {k} "
        "temaer ({chosen}); komponenter: {components}."
    ),
    "emergent_k_chosen": "antallet valgt automatisk",
    "emergent_k_given": "antallet valgt av brukeren",
    "emergent_discovered": (
        "Undersøkelsen hadde ingen lagrede temaer, så rapporten fant dem selv med "
        "standardinnstillingene og lagret dem i undersøkelsen."
    ),
    "emergent_shown": (
        "Rapporten viser de {shown} største av {total} temaer (etter antall {units}, slik "
        "indsigt themes teller og ordner dem), største først, som funn. Et tema er et funn "
        "når det rommer utsagn fra minst {min} ledere, og ingen leder står for mer enn "
        "{dominant} av passasjene i temaet; sammenslåtte temaer inngår ikke."
    ),
    "emergent_skipped": (
        "Et tema uten et budskap som minst {min} ledere deler, og uten en passasje som "
        "egner seg som sitat, er ikke et funn leseren kan etterprøve, og overlater plassen "
        "sin til det nest største temaet: {themes}."
    ),
    "emergent_others": "Temaer som ikke er funn, nevnes under «Andre temaer».",
    "emergent_more": (
        "{more} mindre temaer er også funn etter denne regelen, men vises ikke her; "
        "indsigt themes viser alle temaer."
    ),
    "other_themes": "Andre temaer",
    "other_themes_intro": (
        "Disse temaene er ikke funn på tvers av lederne: de er bare én leders, eller én leder "
        "står for mer enn {dominant} av passasjene deres."
    ),
    "other_theme": "{label} — {count}; {share} av passasjene er én leders",
    "emergent_counts": (
        "Et temas utbredelse er antallet ledere som har utsagn i temaet, av alle "
        "ledere («n av N ledere»)."
    ),
    "emergent_tests": (
        "Celler med færre enn {k} ledere er markert med *. Forskjeller mellom grupper er "
        "testet som for kodede funn (Fisher–Freeman–Haltons eksakte test eller "
        "kjikvadrattest, Holm-korreksjon)."
    ),
    "emergent_definition": "Fremvoksende tema, ikke gjennomgått av en person. Nøkkelord: {terms}.",
    "unit_statement": "utsagn (sammenhengende, innholdsbærende utsagn fra én taletur)",
    "unit_passage": "passasjer (setninger som ikke er småprat)",
    "unit_turn": "taleturer",
    "no_coding_emergent": (
        "Ingen person har kodet materialet eller akseptert en koding; funnene er derfor "
        "fremvoksende temaer (se nedenfor), ikke kodede funn."
    ),
    "machine_estimates": (
        "Maskinelle forslag per tema i kodeboken, særskilte estimater som ikke inngår i "
        "funnene: {estimates}."
    ),
    "summary_emergent": (
        "Funnene er fremvoksende temaer som maskinen har funnet, og som ingen person har "
        "gjennomgått."
    ),
    "and": "og",
}

SEGMENTS: dict[str, tuple[str, str]] = {
    "kommune": ("Kommune", "ledere i kommuner"),
    "(none)": ("Ikke oppgitt", "ledere uten opplysning"),
    "region": ("Fylke", "ledere i fylkeskommuner"),
    "stat": ("Stat", "ledere i staten"),
}

LEVEL_ADJECTIVES: dict[str, str] = {
    "kommune": "kommunalt",
    "region": "regionalt",
    "stat": "statlig",
}
LANGUAGE_NAMES: dict[str, str] = {
    "da": "dansk",
    "en": "engelsk",
    "no": "norsk",
    "nb": "norsk",
    "sv": "svensk",
}
MONTHS = "januar februar mars april mai juni juli august september oktober november desember"

ANSWER_STRINGS: dict[str, str] = {
    "based_on": "Basert på {interviews} skriftlige besvarelser fra {leaders} ledere{levels}",
    "data_sentence": (
        "Rapporten bygger på {interviews} skriftlige besvarelser fra {leaders} "
        "ledere{levels}. Besvarelsene er delt inn i {passages} passasjer (setninger eller "
        "avsnitt), til sammen {words} ord."
    ),
    "languages_sentence": "Besvarelsene er skrevet på {languages}.",
    "group_interviews": "{n} av besvarelsene kom fra mer enn én leder.",
    "period_known": "Besvarelsene ble avgitt {period}.",
    "period_unknown": (
        "Undersøkelsen registrerer ikke når besvarelsene ble avgitt; de ble importert {period}."
    ),
    "reliability_not_measured": (
        "Reliabiliteten er ikke målt: ingen besvarelse er kodet av mer enn én koder."
    ),
    "saturation_caption": "Antall koder etter hver besvarelse (metningskurve)",
    "saturation_alt": (
        "Linjediagram: antall ulike koder etter hver av {n} besvarelser, fra {first} til {last}."
    ),
}
ANSWER_WORDS: dict[str, str] = {
    "intervjuer": "besvarelser",
    "intervjuene": "besvarelsene",
    "intervjuets": "besvarelsens",
    "intervju": "besvarelse",
}

DISCUSSION_STRINGS: dict[str, str] = {
    "reliability_not_measured": (
        "Reliabiliteten er ikke målt: ingen diskusjon er kodet av mer enn én koder."
    ),
    "saturation_caption": "Antall koder etter hver diskusjon (metningskurve)",
    "saturation_alt": (
        "Linjediagram: antall ulike koder etter hver av {n} diskusjoner, fra {first} til {last}."
    ),
    "period_known": "Diskusjonene fant sted {period}.",
}
DISCUSSION_WORDS: dict[str, str] = {
    "intervjuer": "diskusjoner",
    "intervjuene": "diskusjonene",
    "intervjuets": "diskusjonens",
    "intervju": "diskusjon",
}
