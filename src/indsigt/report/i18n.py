"""The report's words in Danish, English, Norwegian and Swedish (the last two in
``strings_no.py`` and ``strings_sv.py``): headings, sentences, segment names, numbers, dates.

Every sentence the report writes is a template here, so that a translation is one table and a
reviewer can read what the report may say in one place. Attribution labels for quotes come from
:mod:`indsigt.anonymise.attribution`; the segment names below follow them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from indsigt.nouns import RespondentNoun, default_noun
from indsigt.report import strings_no, strings_sv

if TYPE_CHECKING:
    from indsigt.report.model import Report

LANGUAGES = ("da", "en", "no", "sv")
_NORWEGIAN = ("no", "nb", "nn")
_NORDIC = ("da", "no", "sv")  # decimal comma, "50 %"


def report_language(study_language: str | None) -> str:
    """The report's language when none is asked for: the study's where the report has it (an
    English study gets an English report, not a Danish frame around English quotes; a
    Norwegian one — "no", "nb" or "nn" — a Norwegian report), else Danish."""
    if study_language in _NORWEGIAN:
        return "no"
    return study_language if study_language in LANGUAGES else "da"


STRINGS: dict[str, dict[str, str]] = {
    "da": {
        "white_paper": "Hvidbog",
        "based_on": "Baseret på {interviews} interviews med {leaders} ledere{levels}",
        "levels_intro": " på {levels} niveau",
        "contents": "Indhold",
        "toc_placeholder": "Opdater feltet (F9) for at se indholdsfortegnelsen.",
        "summary": "Resumé",
        "method": "Metode",
        "findings": "Fund",
        "differences": "Forskelle mellem grupper",
        "appendix": "Bilag",
        "codebook": "Kodebog",
        "reliability": "Reliabilitet",
        "saturation": "Mætning",
        "segment_table": "Koder fordelt på grupper",
        "evidence": "Evidens",
        "page": "Side",
        "of_leaders": "{n} af {N} ledere",
        "key_points": "Budskaber",
        "key_point": "{count}: {text}",
        "key_points_none": "Intet budskab deles af mindst {min} ledere i dette tema.",
        "summary_key_points": "De vigtigste budskaber:",
        "key_points_differences_intro": "Budskaberne:",
        "key_point_difference": (
            "{text} siges af {cells}; forskellen holder i testen (p = {p} efter "
            "Holm-korrektion over {m} testede budskaber)."
        ),
        "key_points_no_difference": (
            "Intet af de {n} budskaber er udbredt forskelligt i grupperne, hvor testene "
            "tillader at sige det ({m} testet); forskelle i tallene for budskaberne bør ikke "
            "læses som forskelle mellem grupperne."
        ),
        "of": "af",
        "quote_open": "»",
        "quote_close": "«",
        "redacted": "[sløret]",
        "of_group": "{n} af {N} {group}",
        "leaders": "ledere",
        "all": "Alle",
        "code": "Kode",
        "label": "Betegnelse",
        "definition": "Definition",
        "include": "Medtag",
        "exclude": "Udelad",
        "prevalence": "Udbredelse",
        "passages": "passager",
        "interview": "Interview",
        "new_codes": "Nye koder",
        "cumulative": "Koder i alt",
        "coders": "Kodere",
        "units": "Enheder",
        "agreement": "Enighed",
        "test": "Test",
        "method_data": "Datagrundlag",
        "method_anonymisation": "Anonymisering",
        "method_coding": "Kodning",
        "method_reliability": "Reliabilitet",
        "method_analysis": "Analyse",
        "data_sentence": (
            "Rapporten bygger på {interviews} interviews med {leaders} ledere{levels}. "
            "Interviewene er opdelt i {passages} passager (sætninger eller afsnit), "
            "i alt {words} ord."
        ),
        "languages_sentence": "Transskriptionerne foreligger på {languages}.",
        "group_interviews": "{n} af interviewene havde mere end én leder.",
        "period_known": "Interviewene er gennemført {period}.",
        "period_unknown": (
            "Undersøgelsen registrerer ikke, hvornår interviewene fandt sted; "
            "de blev indlæst {period}."
        ),
        "anonymised": (
            "Alle {documents} interviews er pseudonymiseret før analysen ({anonymiser}): "
            "personer er erstattet af pseudonymer som »Leder A« og »Person 1«, identifikatorer "
            "er fjernet, og {places}. "
            "{findings} fund er behandlet ({labels}){speakers}. Koblingen mellem navne og "
            "pseudonymer opbevares forseglet og indgår ikke i rapporten."
        ),
        "places_generalised": "de steder og organisationer, den finder, er gjort generelle",
        "places_kept": (
            "intet sted og ingen organisation er gjort generel: deres navne står, som de blev sagt"
        ),
        "speaker_labels": ", og {n} talernavne foran replikkerne er erstattet af pseudonymer",
        "speaker_labels_one": ", og 1 talernavn foran en replik er erstattet af et pseudonym",
        "attributed_level": "Citater tilskrives kun ledelsesniveau.",
        "attributed_noun": "Citater tilskrives kun »Leder«, uden andre oplysninger om personen.",
        "not_required": (
            "Undersøgelsen er markeret som en, der ikke kræver anonymisering (den indeholder "
            "ingen personoplysninger); teksten gengives, som den blev indlæst."
        ),
        "not_required_but_done": (
            "Undersøgelsen er markeret som en, der ikke kræver anonymisering; "
            "{documents} af interviewene er alligevel pseudonymiseret."
        ),
        "no_coding": (
            "Ingen kodning er foretaget: undersøgelsen har endnu ingen kodede passager, "
            "så rapporten indeholder ingen fund om udbredelse, forskelle eller citater."
        ),
        "coding_sentence": (
            "{passages} passager har mindst én kode fra en kodebog med {codes} koder "
            "({top} overordnede temaer)."
        ),
        "coders_human": "Menneskelige kodere: {names}.",
        "coders_machine": "Maskinelle kodere: {names}.",
        "coders_none_human": "Ingen menneskelig koder har kodet eller gennemgået materialet.",
        "unreviewed": (
            "{n} maskinelle forslag er ikke gennemgået af et menneske og indgår i optællingerne."
        ),
        "unreviewed_excluded": "{n} maskinelle forslag er ikke gennemgået og indgår ikke.",
        "claim_machine": "Maskinel kodning, særskilt estimat: {estimate}.",
        "all_reviewed": "Alle kodninger, der indgår, er accepteret af en menneskelig koder.",
        "rejected": "{n} forslag er afvist og indgår ikke.",
        "statuses": "Optællingerne bygger på kodninger med status: {statuses}.",
        "status_accepted": "accepteret",
        "status_suggested": "foreslået",
        "status_rejected": "afvist",
        "reliability_measured": (
            "Enigheden mellem kodere er målt på {pairs} {noun} (enhed: passage)."
        ),
        "reliability_pair": (
            "{a} og {b}: Cohens κ = {kappa}, Krippendorffs α = {alpha}, Gwets AC1 = {ac1}, "
            "enighed {agreement} over {units} passager i {documents} interviews."
        ),
        "reliability_not_measured": (
            "Reliabiliteten er ikke målt: intet interview er kodet af mere end én koder."
        ),
        "reliability_no_coding": "Reliabiliteten er ikke målt: der er ingen kodning.",
        "reliability_machines_only": (
            "Reliabiliteten er ikke målt: kun maskinelle kodere har kodet det samme materiale, "
            "og deres enighed med hinanden er ikke et mål for, hvor pålidelig kodningen er."
        ),
        "reliability_appendix": "Bilag {letter} viser tallene pr. kode.",
        "pair_nouns": "par af kodere|par af kodere",
        "analysis_sentence": (
            "Udbredelse opgøres som antal ledere, der har mindst én passage med koden, ud af "
            "alle ledere (»n af N ledere«); en overordnet kode tæller sine underkoder med. "
            "Celler med færre end {k} ledere er markeret med *. Forskelle mellem grupper er "
            "testet med Fisher–Freeman–Haltons eksakte test eller chi-i-anden-test, hvor "
            "antallene tillader det, med Holm-korrektion for mange sammenligninger og "
            "Cramérs V som effektstørrelse. Med så få ledere beskriver tallene denne "
            "undersøgelse, ikke alle ledere."
        ),
        "claim_prevalence": (
            "{title}: nævnt af {count} ({share}) i {amount} fra {interviews} interviews."
        ),
        "claim_prevalence_all": "{title}: nævnt af alle {N} ledere i {amount}.",
        "amount_passages": "{passages} passager",
        "amount_units": "{size} {units} ({passages} passager)",
        "unit_nouns_statement": "udsagn|udsagn",
        "unit_nouns_passage": "passage|passager",
        "unit_nouns_turn": "taletur|taleture",
        "overview_everyone": (
            "{all} af de {shown} temaer nævnes af alle {N} ledere og de øvrige af {rest}, så "
            "diagrammet viser det, der skiller dem mere ad: hvor mange {units} hvert tema rummer."
        ),
        "overview_everyone_all": (
            "Alle {shown} temaer nævnes af alle {N} ledere, så diagrammet viser det, der skiller "
            "dem ad: hvor mange {units} hvert tema rummer."
        ),
        "range_of": "{low} til {high} af {N}",
        "size_caption": "Antal {units} i hvert tema",
        "size_alt": "Søjlediagram: antal {units} i hvert tema. {items}.",
        "claim_by_segment": "Fordelt på grupper: {cells}.",
        "difference": (
            "{title} nævnes oftere af {high} end af {low}; "
            "{method}, p = {p} efter Holm-korrektion for {m} sammenligninger, Cramérs V = "
            "{v}. Det er et mønster i denne undersøgelse, ikke et estimat for alle ledere."
        ),
        "difference_none": (
            "For {title} er forskellen mellem grupperne ({cells}) ikke større, end "
            "tilfældigheder kan give med så få ledere (p = {p} efter Holm-korrektion)."
        ),
        "differences_none_themes": (
            "For {n} temaer er forskellen mellem grupperne ikke større, end tilfældigheder kan "
            "give med så få ledere (p {p} efter Holm-korrektion; tallene står under hvert "
            "tema): {themes}."
        ),
        "difference_untested": "Forskelle for {title} er ikke testet: {reason}.",
        "differences_intro": (
            "Kun forskelle, som testene bekræfter efter korrektion for mange sammenligninger, "
            "omtales som forskelle."
        ),
        "differences_found": "Testene finder {n} {noun} mellem grupperne.",
        "difference_nouns": "forskel|forskelle",
        "differences_none_found": (
            "Testene finder ingen forskelle mellem grupperne, som er større, end tilfældigheder "
            "kan give med {N} ledere. Forskelle i tabellerne bør derfor ikke læses som forskelle "
            "mellem grupper."
        ),
        "no_segments": "Lederne kan ikke opdeles i grupper: ingen har en værdi for »{by}«.",
        "quotes_language": "Citater gengives på transskriptionens sprog.",
        "no_quotes": "Ingen af passagerne egner sig som citat.",
        "summary_no_coding": "Undersøgelsen er endnu ikke kodet; rapporten indeholder ingen fund.",
        "summary_spread": "Mest udbredte undertemaer: {most}. Mindst udbredte: {least}.",
        "prose_note": (
            "Afsnittet er formuleret af sprogmodellen {model} ud fra punkterne nedenfor og "
            "kontrolleret: hver sætning henviser til sin evidens og bruger kun tal derfra."
        ),
        "summary_coding_caveat": (
            "{n} af de kodninger, fundene bygger på, er maskinelle forslag, som ingen har "
            "gennemgået."
        ),
        "overview_caption": "Andel af lederne, der nævner hvert tema",
        "overview_alt": "Søjlediagram: andel af {N} ledere, der nævner hvert tema. {items}.",
        "chart_caption": "{title}: andel af lederne i hver gruppe",
        "chart_alt": "Søjlediagram: andel af lederne, der nævner {title}, pr. gruppe. {items}.",
        "saturation_caption": "Antal koder efter hvert interview (mætningskurve)",
        "saturation_alt": (
            "Linjediagram: antal forskellige koder efter hvert af {n} interviews, "
            "fra {first} til {last}."
        ),
        "saturation_text": (
            "Efter {half} af {n} interviews var {share} af de {total} koder set; "
            "de sidste {tail} interviews tilføjede {new} nye."
        ),
        "evidence_intro": (
            "Hver påstand i rapporten henviser til en gruppe af passager (E1, E2 …); hver "
            "passage har sit nummer i undersøgelsen (P123) og interviewets nummer. Teksten er "
            "pseudonymiseret."
        ),
        "evidence_group": "{passages} passager fra {count}",
        "evidence_direct": "Kodet direkte med {title}",
        "small_note": "* færre end {k} ledere",
        "not_tested": "ikke testet",
        "generated": "Udarbejdet med indsigt {version}, {date}.",
        "p_less": "< 0,001",
        "exact_test": "Fisher–Freeman–Haltons eksakte test",
        "chi_square": "chi-i-anden-test",
        "reason_few": "for få ledere (N = {n})",
        "reason_segments": "færre end to grupper",
        "reason_all": "det gælder alle ledere eller ingen",
        "reason_expected": "de forventede antal er for små",
        "reason_other": "{note}",
        "method_emergent": "Emergente temaer",
        "emergent_sentence": (
            "Ingen person har kodet materialet endnu, så fundene er emergente temaer: grupper af "
            "udsagn, som maskinen har fundet, og som ingen person har gennemgået. De er et "
            "udgangspunkt for analysen, ikke dens resultat: et tema kan samle udsagn, der ikke "
            "hører sammen, eller dele ét emne i to."
        ),
        "emergent_how": (
            "Temaerne er fundet med indsigt themes på {unit} med {embedder}-vektorer, {k} "
            "temaer ({chosen}); komponenter: {components}."
        ),
        "emergent_k_chosen": "antallet valgt automatisk",
        "emergent_k_given": "antallet valgt af brugeren",
        "emergent_discovered": (
            "Undersøgelsen havde ingen gemte temaer, så rapporten fandt dem selv med "
            "standardindstillingerne og gemte dem i undersøgelsen."
        ),
        "emergent_shown": (
            "Rapporten viser de {shown} største af {total} temaer (efter antal {units}, som "
            "indsigt themes tæller og ordner dem), største først, som fund. Et tema er et fund, "
            "når det rummer udsagn fra mindst {min} ledere, og ingen leder står for mere end "
            "{dominant} af dets passager; sammenlagte temaer indgår ikke."
        ),
        "emergent_skipped": (
            "Et tema uden et budskab, som mindst {min} ledere deler, og uden en passage, der "
            "egner sig som citat, er ikke et fund, læseren kan efterprøve, og overlader sin "
            "plads til det næste tema i størrelse: {themes}."
        ),
        "emergent_others": "Temaer, der ikke er fund, nævnes under »Øvrige temaer«.",
        "emergent_more": (
            "{more} mindre temaer er også fund efter denne regel, men vises ikke her; "
            "indsigt themes viser alle temaer."
        ),
        "other_themes": "Øvrige temaer",
        "other_themes_intro": (
            "Disse temaer er ikke fund på tværs af lederne: de er kun én leders, eller én leder "
            "står for mere end {dominant} af deres passager."
        ),
        "other_theme": "{label} — {count}; {share} af passagerne er én leders",
        "emergent_counts": (
            "Et temas udbredelse er antal ledere, hvis udsagn falder i temaet, ud af alle "
            "ledere (»n af N ledere«)."
        ),
        "emergent_tests": (
            "Celler med færre end {k} ledere er markeret med *. Forskelle mellem grupper er "
            "testet som for kodede fund (Fisher–Freeman–Haltons eksakte test eller "
            "chi-i-anden-test, Holm-korrektion)."
        ),
        "emergent_definition": "Emergent tema, ikke gennemgået af en person. Nøgleord: {terms}.",
        "unit_statement": "udsagn (sammenhængende, indholdsbærende udsagn fra én taletur)",
        "unit_passage": "passager (sætninger, der ikke er småsnak)",
        "unit_turn": "taleture",
        "no_coding_emergent": (
            "Ingen person har kodet materialet eller accepteret en kodning; fundene er derfor "
            "emergente temaer (se nedenfor), ikke kodede fund."
        ),
        "machine_estimates": (
            "Maskinelle forslag pr. tema i kodebogen, særskilte estimater, der ikke indgår i "
            "fundene: {estimates}."
        ),
        "summary_emergent": (
            "Fundene er emergente temaer, som maskinen har fundet, og som ingen person har "
            "gennemgået."
        ),
        "and": "og",
    },
    "en": {
        "white_paper": "White paper",
        "based_on": "Based on {interviews} interviews with {leaders} leaders{levels}",
        "levels_intro": " at {levels} level",
        "contents": "Contents",
        "toc_placeholder": "Update the field (F9) to show the table of contents.",
        "summary": "Summary",
        "method": "Method",
        "findings": "Findings",
        "differences": "Differences between groups",
        "appendix": "Appendix",
        "codebook": "Codebook",
        "reliability": "Reliability",
        "saturation": "Saturation",
        "segment_table": "Codes by group",
        "evidence": "Evidence",
        "page": "Page",
        "of_leaders": "{n} of {N} leaders",
        "key_points": "Key points",
        "key_point": "{count}: {text}",
        "key_points_none": "No key point is shared by {min} or more leaders in this theme.",
        "summary_key_points": "The main messages:",
        "key_points_differences_intro": "Key points:",
        "key_point_difference": (
            "{text} is said by {cells}; the difference holds in the test (p = {p} after "
            "Holm correction over {m} tested key points)."
        ),
        "key_points_no_difference": (
            "None of the {n} key points differs in prevalence between the groups where the "
            "tests allow saying so ({m} tested); differences in the key points' counts should "
            "not be read as differences between the groups."
        ),
        "of": "of",
        "quote_open": "“",
        "quote_close": "”",
        "redacted": "[redacted]",
        "of_group": "{n} of {N} {group}",
        "leaders": "leaders",
        "all": "All",
        "code": "Code",
        "label": "Label",
        "definition": "Definition",
        "include": "Include",
        "exclude": "Exclude",
        "prevalence": "Prevalence",
        "passages": "passages",
        "interview": "Interview",
        "new_codes": "New codes",
        "cumulative": "Codes so far",
        "coders": "Coders",
        "units": "Units",
        "agreement": "Agreement",
        "test": "Test",
        "method_data": "Data",
        "method_anonymisation": "Anonymisation",
        "method_coding": "Coding",
        "method_reliability": "Reliability",
        "method_analysis": "Analysis",
        "data_sentence": (
            "This report is based on {interviews} interviews with {leaders} leaders{levels}. "
            "The interviews are divided into {passages} passages (sentences or paragraphs), "
            "{words} words in all."
        ),
        "languages_sentence": "The transcripts are in {languages}.",
        "group_interviews": "{n} of the interviews had more than one leader.",
        "period_known": "The interviews took place {period}.",
        "period_unknown": (
            "The study does not record when the interviews took place; they were imported {period}."
        ),
        "anonymised": (
            "All {documents} interviews were pseudonymised before analysis ({anonymiser}): "
            "persons are replaced by pseudonyms such as “Leder A” and “Person 1”, identifiers "
            "are removed, and {places}. "
            "{findings} findings were acted on ({labels}){speakers}. The link between names "
            "and pseudonyms is kept sealed and is not part of this report."
        ),
        "places_generalised": "the places and organisations it finds are generalised",
        "places_kept": (
            "no place or organisation was generalised: their names stand as they were said"
        ),
        "speaker_labels": " and {n} speaker labels replaced by pseudonyms",
        "speaker_labels_one": " and 1 speaker label replaced by a pseudonym",
        "attributed_level": "Quotes are attributed by level only.",
        "attributed_noun": (
            "Quotes are attributed to “Leader” only, with nothing else about the person."
        ),
        "not_required": (
            "The study was marked as not needing anonymisation (it holds no personal data); "
            "the text is reported as imported."
        ),
        "not_required_but_done": (
            "The study was marked as not needing anonymisation; "
            "{documents} of the interviews were pseudonymised all the same."
        ),
        "no_coding": (
            "No coding was done: the study has no coded passages yet, so this report holds "
            "no findings on prevalence, differences or quotes."
        ),
        "coding_sentence": (
            "{passages} passages carry at least one code from a codebook of {codes} codes "
            "({top} top-level themes)."
        ),
        "coders_human": "Human coders: {names}.",
        "coders_machine": "Machine coders: {names}.",
        "coders_none_human": "No human coder has coded or reviewed the material.",
        "unreviewed": (
            "{n} machine suggestions have not been reviewed by a person and are counted."
        ),
        "unreviewed_excluded": "{n} machine suggestions have not been reviewed and are left out.",
        "claim_machine": "Machine coding, a separate estimate: {estimate}.",
        "all_reviewed": "Every coding counted has been accepted by a human coder.",
        "rejected": "{n} suggestions were rejected and are left out.",
        "statuses": "Counts are based on codings with status: {statuses}.",
        "status_accepted": "accepted",
        "status_suggested": "suggested",
        "status_rejected": "rejected",
        "reliability_measured": (
            "Agreement between coders was measured for {pairs} {noun} (unit: passage)."
        ),
        "reliability_pair": (
            "{a} and {b}: Cohen's κ = {kappa}, Krippendorff's α = {alpha}, Gwet's AC1 = {ac1}, "
            "agreement {agreement} over {units} passages in {documents} interviews."
        ),
        "reliability_not_measured": (
            "Reliability was not measured: no interview was coded by more than one coder."
        ),
        "reliability_no_coding": "Reliability was not measured: there is no coding.",
        "reliability_machines_only": (
            "Reliability was not measured: only machine coders coded the same material, and "
            "their agreement with each other is no measure of how reliable the coding is."
        ),
        "reliability_appendix": "Appendix {letter} gives the figures per code.",
        "pair_nouns": "pair of coders|pairs of coders",
        "analysis_sentence": (
            "Prevalence is the number of leaders with at least one passage carrying the code, "
            "out of all leaders (“n of N leaders”); a top-level code counts its sub-codes. "
            "Cells with fewer than {k} leaders are marked *. Differences between groups were "
            "tested with the Fisher–Freeman–Halton exact test or a chi-square test where the "
            "numbers allow, with Holm correction for multiple comparisons and Cramér's V as "
            "effect size. With so few leaders the figures describe this study, not all leaders."
        ),
        "claim_prevalence": (
            "{title}: mentioned by {count} ({share}) in {amount} from {interviews} interviews."
        ),
        "claim_prevalence_all": "{title}: mentioned by all {N} leaders in {amount}.",
        "amount_passages": "{passages} passages",
        "amount_units": "{size} {units} ({passages} passages)",
        "unit_nouns_statement": "statement|statements",
        "unit_nouns_passage": "passage|passages",
        "unit_nouns_turn": "turn|turns",
        "overview_everyone": (
            "{all} of the {shown} themes are mentioned by all {N} leaders and the others by "
            "{rest}, so the chart shows what sets them apart more: how many {units} each theme "
            "holds."
        ),
        "overview_everyone_all": (
            "All {shown} themes are mentioned by all {N} leaders, so the chart shows what sets "
            "them apart: how many {units} each theme holds."
        ),
        "range_of": "{low} to {high} of {N}",
        "size_caption": "Number of {units} in each theme",
        "size_alt": "Bar chart: number of {units} in each theme. {items}.",
        "claim_by_segment": "By group: {cells}.",
        "difference": (
            "{title} is mentioned more often by {high} than by {low}; "
            "{method}, p = {p} after Holm correction for {m} comparisons, "
            "Cramér's V = {v}. This is a pattern in this study, not an estimate for all leaders."
        ),
        "difference_none": (
            "For {title} the difference between groups ({cells}) is no larger than chance "
            "gives with this few leaders (p = {p} after Holm correction)."
        ),
        "differences_none_themes": (
            "For {n} themes the difference between groups is no larger than chance gives with "
            "this few leaders (p {p} after Holm correction; the figures are under each "
            "theme): {themes}."
        ),
        "difference_untested": "Differences for {title} were not tested: {reason}.",
        "differences_intro": (
            "Only differences that the tests confirm after correction for multiple comparisons "
            "are called differences."
        ),
        "differences_found": "The tests find {n} {noun} between groups.",
        "difference_nouns": "difference|differences",
        "differences_none_found": (
            "The tests find no difference between groups larger than chance gives with {N} "
            "leaders. Differences in the tables should therefore not be read as differences "
            "between groups."
        ),
        "no_segments": "The leaders cannot be grouped: none has a value for “{by}”.",
        "quotes_language": "Quotes are given in the language of the transcript.",
        "no_quotes": "None of the passages is suitable as a quote.",
        "summary_no_coding": "The study has not been coded yet; this report holds no findings.",
        "summary_spread": "The most widespread sub-themes: {most}. The least widespread: {least}.",
        "prose_note": (
            "This paragraph was worded by the language model {model} from the points below and "
            "checked: every sentence cites its evidence and uses only figures from it."
        ),
        "summary_coding_caveat": (
            "{n} of the codings behind these findings are machine suggestions that no one has "
            "reviewed."
        ),
        "overview_caption": "Share of leaders mentioning each theme",
        "overview_alt": "Bar chart: share of {N} leaders mentioning each theme. {items}.",
        "chart_caption": "{title}: share of leaders in each group",
        "chart_alt": "Bar chart: share of leaders mentioning {title}, by group. {items}.",
        "saturation_caption": "Number of codes after each interview (saturation curve)",
        "saturation_alt": (
            "Line chart: number of distinct codes after each of {n} interviews, "
            "from {first} to {last}."
        ),
        "saturation_text": (
            "After {half} of {n} interviews, {share} of the {total} codes had been seen; "
            "the last {tail} interviews added {new} new ones."
        ),
        "evidence_intro": (
            "Every claim in this report refers to a group of passages (E1, E2 …); every passage "
            "carries its number in the study (P123) and its interview's number. The text is "
            "pseudonymised."
        ),
        "evidence_group": "{passages} passages from {count}",
        "evidence_direct": "Coded directly with {title}",
        "small_note": "* fewer than {k} leaders",
        "not_tested": "not tested",
        "generated": "Made with indsigt {version}, {date}.",
        "p_less": "< 0.001",
        "exact_test": "Fisher–Freeman–Halton exact test",
        "chi_square": "chi-square test",
        "reason_few": "too few leaders (N = {n})",
        "reason_segments": "fewer than two groups",
        "reason_all": "it holds for every leader or for none",
        "reason_expected": "the expected counts are too small",
        "reason_other": "{note}",
        "method_emergent": "Emergent themes",
        "emergent_sentence": (
            "No person has coded the material yet, so the findings are emergent themes: groups "
            "of statements that the machine found and that no person has reviewed. They are a "
            "starting point for the analysis, not its result: a theme may join statements "
            "that do not belong together, or split one subject in two."
        ),
        "emergent_how": (
            "The themes were found by indsigt themes on {unit} with {embedder} vectors, {k} "
            "themes ({chosen}); components: {components}."
        ),
        "emergent_k_chosen": "the number chosen automatically",
        "emergent_k_given": "the number set by the user",
        "emergent_discovered": (
            "The study had no stored themes, so the report found them itself with the default "
            "settings and stored them in the study."
        ),
        "emergent_shown": (
            "The report shows the {shown} largest of {total} themes (by their number of {units}, "
            "as indsigt themes counts and orders them), largest first, as findings. A theme is a "
            "finding when it holds statements of at least {min} leaders and no leader accounts "
            "for more than {dominant} of its passages; merged themes are left out."
        ),
        "emergent_skipped": (
            "A theme with neither a key point shared by {min} or more leaders nor a passage fit "
            "to quote is no finding a reader can check, and gives its place to the next largest: "
            "{themes}."
        ),
        "emergent_others": "Themes that are no findings are named under “Other themes”.",
        "emergent_more": (
            "{more} smaller themes are findings by this rule too but are not shown here; "
            "indsigt themes lists every theme."
        ),
        "other_themes": "Other themes",
        "other_themes_intro": (
            "These themes are no findings across the leaders: they are one leader's only, or "
            "one leader accounts for more than {dominant} of their passages."
        ),
        "other_theme": "{label} — {count}; {share} of the passages are one leader's",
        "emergent_counts": (
            "A theme's prevalence is the number of leaders whose statements fall in the theme, "
            "out of all leaders (“n of N leaders”)."
        ),
        "emergent_tests": (
            "Cells with fewer than {k} leaders are marked *. Differences between groups were "
            "tested as for coded findings (Fisher–Freeman–Halton exact test or chi-square "
            "test, Holm correction)."
        ),
        "emergent_definition": "Emergent theme, not reviewed by a person. Key terms: {terms}.",
        "unit_statement": "statements (coherent, substantive statements within one turn)",
        "unit_passage": "passages (sentences that are not conversational talk)",
        "unit_turn": "turns",
        "no_coding_emergent": (
            "No person has coded the material or accepted a coding; the findings are therefore "
            "emergent themes (see below), not coded findings."
        ),
        "machine_estimates": (
            "Machine suggestions per codebook theme, separate estimates that are not part of "
            "the findings: {estimates}."
        ),
        "summary_emergent": (
            "The findings are emergent themes that the machine found and that no person has "
            "reviewed."
        ),
        "and": "and",
    },
}

# Segment names (level values), as a column heading and as a group of leaders in a sentence.
SEGMENTS: dict[str, dict[str, tuple[str, str]]] = {
    "da": {
        "kommune": ("Kommune", "ledere i kommuner"),
        "(none)": ("Uoplyst", "ledere uden oplysning"),
        "region": ("Region", "ledere i regioner"),
        "stat": ("Stat", "ledere i staten"),
    },
    "en": {
        "kommune": ("Municipal", "municipal leaders"),
        "(none)": ("Not stated", "leaders not stated"),
        "region": ("Regional", "regional leaders"),
        "stat": ("Central government", "central government leaders"),
    },
}
LEVEL_ADJECTIVES = {
    "da": {"kommune": "kommunalt", "region": "regionalt", "stat": "statsligt"},
    "en": {"kommune": "municipal", "region": "regional", "stat": "central government"},
}
LANGUAGE_NAMES = {
    "da": {"da": "dansk", "en": "engelsk", "no": "norsk", "nb": "norsk", "sv": "svensk"},
    "en": {"da": "Danish", "en": "English", "no": "Norwegian", "nb": "Norwegian", "sv": "Swedish"},
}
MONTHS = {
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "en": "January February March April May June July August September October November December",
}
LEVEL_ORDER = ("stat", "region", "kommune")


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def with_noun(
    strings: dict[str, str], lang: str, noun: RespondentNoun, pseudonym: str
) -> dict[str, str]:
    """The tables below are written with the leader words ("ledere", "leaders"); this puts the
    study's respondent noun in their place, and its pseudonym word in "Leder A"."""
    if lang in ("da", "no"):
        forms = {
            "lederne": noun.definite_plural,
            "ledere": noun.plural,
            "leders": noun.lower + "s",  # the genitive: "én leders" → "én fokusgruppes"
            "leder": noun.lower,
            "Leder": noun.singular,
        }
    elif lang == "sv":  # "ledare" is plural only: Swedish singular and plural look alike
        forms = {
            "ledarna": noun.definite_plural,
            "ledare": noun.plural,
            "ledares": noun.lower + "s",
            "Ledare": noun.singular,
        }
    else:
        forms = {"leaders": noun.plural, "leader": noun.lower, "Leader": noun.singular}
    swap = _word_swap(forms, keep=pseudonym)

    def put(text: str) -> str:
        return swap(re.sub(r"\b(?:Leder|Ledare) A\b", f"{pseudonym} A", text))

    return {key: put(value) for key, value in strings.items()}


# What the documents are: interviews (the tables above), written answers (a survey or a
# consultation sheet, one document per row) or focus groups' discussions. For each material but
# interviews, its sentences below replace the ones whose grammar the word alone would break, and
# its words put "answers" or "discussions" for "interviews" everywhere else.
MATERIALS = ("interviews", "answers", "discussions")
ANSWER_STRINGS: dict[str, dict[str, str]] = {
    "da": {
        "based_on": "Baseret på {interviews} skriftlige besvarelser fra {leaders} ledere{levels}",
        "data_sentence": (
            "Rapporten bygger på {interviews} skriftlige besvarelser fra {leaders} "
            "ledere{levels}. Besvarelserne er opdelt i {passages} passager (sætninger eller "
            "afsnit), i alt {words} ord."
        ),
        "languages_sentence": "Besvarelserne er skrevet på {languages}.",
        "group_interviews": "{n} af besvarelserne kom fra mere end én leder.",
        "period_known": "Besvarelserne er givet {period}.",
        "period_unknown": (
            "Undersøgelsen registrerer ikke, hvornår besvarelserne blev givet; "
            "de blev indlæst {period}."
        ),
        "reliability_not_measured": (
            "Reliabiliteten er ikke målt: ingen besvarelse er kodet af mere end én koder."
        ),
        "saturation_caption": "Antal koder efter hver besvarelse (mætningskurve)",
        "saturation_alt": (
            "Linjediagram: antal forskellige koder efter hver af {n} besvarelser, "
            "fra {first} til {last}."
        ),
    },
    "en": {
        "based_on": "Based on {interviews} written answers from {leaders} leaders{levels}",
        "data_sentence": (
            "This report is based on {interviews} written answers from {leaders} "
            "leaders{levels}. The answers are divided into {passages} passages (sentences or "
            "paragraphs), {words} words in all."
        ),
        "languages_sentence": "The answers are written in {languages}.",
        "group_interviews": "{n} of the answers came from more than one leader.",
        "period_known": "The answers were given {period}.",
        "period_unknown": (
            "The study does not record when the answers were given; they were imported {period}."
        ),
    },
}
ANSWER_WORDS = {
    "da": {
        "interviews": "besvarelser",
        "interviewene": "besvarelserne",
        "interviewets": "besvarelsens",
        "interview": "besvarelse",
    },
    "en": {"interviews": "answers", "interview's": "answer's", "interview": "answer"},
}


# Danish "diskussion" is common gender where "interview" is neuter: the sentences that say
# "hvert interview" or "intet interview" are written again ("hver diskussion"). "Diskussioner
# med 14 fokusgrupper" (not "fokusgruppediskussioner med 14 fokusgrupper", which says the
# groups twice) still reads right when a user named the groups otherwise ("med 14 grupper").
DISCUSSION_STRINGS: dict[str, dict[str, str]] = {
    "da": {
        "reliability_not_measured": (
            "Reliabiliteten er ikke målt: ingen diskussion er kodet af mere end én koder."
        ),
        "saturation_caption": "Antal koder efter hver diskussion (mætningskurve)",
        "saturation_alt": (
            "Linjediagram: antal forskellige koder efter hver af {n} diskussioner, "
            "fra {first} til {last}."
        ),
        "period_known": "Diskussionerne fandt sted {period}.",
    },
    "en": {},
}
DISCUSSION_WORDS = {
    "da": {
        "interviews": "diskussioner",
        "interviewene": "diskussionerne",
        "interviewets": "diskussionens",
        "interview": "diskussion",
    },
    "en": {"interviews": "discussions", "interview's": "discussion's", "interview": "discussion"},
}
# Norwegian and Swedish: one module of tables each, written from the Danish.
for _code, _tables in (("no", strings_no), ("sv", strings_sv)):
    STRINGS[_code] = _tables.STRINGS
    SEGMENTS[_code] = _tables.SEGMENTS
    LEVEL_ADJECTIVES[_code] = _tables.LEVEL_ADJECTIVES
    LANGUAGE_NAMES[_code] = _tables.LANGUAGE_NAMES
    MONTHS[_code] = _tables.MONTHS
    ANSWER_STRINGS[_code] = _tables.ANSWER_STRINGS
    ANSWER_WORDS[_code] = _tables.ANSWER_WORDS
    DISCUSSION_STRINGS[_code] = _tables.DISCUSSION_STRINGS
    DISCUSSION_WORDS[_code] = _tables.DISCUSSION_WORDS

_MATERIAL_TABLES = {
    "answers": (ANSWER_STRINGS, ANSWER_WORDS),
    "discussions": (DISCUSSION_STRINGS, DISCUSSION_WORDS),
}


def as_material(strings: dict[str, str], lang: str, material: str) -> dict[str, str]:
    """``strings`` about ``material`` (one of :data:`MATERIALS`) instead of interviews."""
    if material not in _MATERIAL_TABLES:
        return strings
    sentences, words = _MATERIAL_TABLES[material]
    swap = _word_swap(words[lang])
    return {key: swap(value) for key, value in {**strings, **sentences[lang]}.items()}


def _word_swap(forms: dict[str, str], *, keep: str = "") -> Callable[[str], str]:
    """Puts each word of ``forms`` (and its capitalised form) in its place in a text, not
    ``keep``; a format placeholder ("{leaders}") matches first and stays as it is."""
    forms = {**forms, **{_capital(k): _capital(v) for k, v in forms.items()}}
    pattern = re.compile(r"\{\w*\}|\b(" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b")

    def word(match: re.Match[str]) -> str:
        found = match.group(1)
        return forms[found] if found is not None and found != keep else match[0]

    return lambda text: pattern.sub(word, text)


# Norwegian and Swedish say "begge lederne", "båda ledarna": the noun after it changes too, so
# there "alle 2 ledere" stays.
_ALL_OF = re.compile(r"\b(alle|Alle|all|All) \{(\w+)\}")
_BOTH = {"alle": "begge", "Alle": "Begge", "all": "both", "All": "Both"}
_THOUSANDS = {"da": ".", "no": "\u00a0", "sv": "\u00a0", "en": ","}


def _both(template: str, values: dict[str, Any]) -> str:
    """ "alle {N} ledere" with N = 2 → "begge ledere", "All {documents} interviews" → "Both
    interviews" (a pilot of two interviews, a segment of two leaders); only the template's
    words, never a value's (a quote's "alle 2" stays as said)."""

    def swap(match: re.Match[str]) -> str:
        word, name = match.groups()
        return _BOTH[word] if str(values.get(name)) == "2" else match.group(0)

    return _ALL_OF.sub(swap, template)


class Words:
    """The strings of one language with the formatting helpers the report needs, with the
    study's respondent noun (default: the language's neutral word) for "leaders" and the
    word its pseudonyms start with (``pseudonym``, default the noun) for "Leder A"."""

    def __init__(
        self,
        lang: str,
        *,
        respondent: RespondentNoun | None = None,
        pseudonym: str = "",
        material: str = "interviews",
    ) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"report language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        if material not in MATERIALS:
            raise ValueError(f"material must be one of {', '.join(MATERIALS)}, not {material!r}")
        self.lang = lang
        self.respondent = respondent or default_noun(lang)
        self.pseudonym = pseudonym or self.respondent.singular
        strings = as_material(STRINGS[lang], lang, material)
        self.strings = with_noun(strings, lang, self.respondent, self.pseudonym)
        self.segments = {
            value: (heading, with_noun({"g": group}, lang, self.respondent, self.pseudonym)["g"])
            for value, (heading, group) in SEGMENTS[lang].items()
        }

    def __call__(self, key: str, **values: Any) -> str:
        template = self.strings[key]
        return (_both(template, values) if self.lang in ("da", "en") else template).format(**values)

    def number(self, value: float, digits: int = 2) -> str:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang in _NORDIC else text

    def integer(self, value: int) -> str:
        """1.234 (Danish), 1 234 (Norwegian and Swedish, a space that does not break), 1,234."""
        text = f"{value:,}"
        return text.replace(",", _THOUSANDS[self.lang])

    def percent(self, share: float | None) -> str:
        if share is None:
            return "–"
        return f"{round(share * 100)} %" if self.lang in _NORDIC else f"{round(share * 100)}%"

    def p_value(self, p: float) -> str:
        return self("p_less") if p < 0.001 else self.number(p, 3)

    def figure(self, value: float | None) -> str:
        return "–" if value is None else self.number(value, 2)

    def date(self, day: date) -> str:
        month = MONTHS[self.lang].split()[day.month - 1]
        return (
            f"{day.day}. {month} {day.year}"
            if self.lang in ("da", "no")
            else (f"{day.day} {month} {day.year}")
        )

    def noun(self, key: str, n: int) -> str:
        """The singular or plural from a "one|many" entry."""
        one, many = self.strings[key].split("|")
        return one if n == 1 else many

    def listing(self, items: list[str]) -> str:
        """ "a, b og c" / "a, b and c"."""
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self('and')} {items[-1]}"

    def of_leaders(self, n: int | None, total: int, *, floor: int = 0) -> str:
        shown = f"< {floor}" if n is None else str(n)
        return self("of_leaders", n=shown, N=total)

    def segment_name(self, value: str) -> str:
        return self.segments.get(value, (value, value))[0]

    def segment_group(self, value: str) -> str:
        found = self.segments.get(value)
        if found:
            return found[1]
        return f"{self('leaders')} ({value})"

    def of_group(self, n: int | None, total: int, segment: str, *, floor: int = 0) -> str:
        shown = f"< {floor}" if n is None else str(n)
        return self("of_group", n=shown, N=total, group=self.segment_group(segment))

    def levels_phrase(self, values: list[str]) -> str:
        """ " at state, regional and municipal level" (only for known level values)."""
        adjectives = LEVEL_ADJECTIVES[self.lang]
        known = [adjectives[v] for v in LEVEL_ORDER if v in values]
        if not known or len(known) < len(values):
            return ""
        return self("levels_intro", levels=self.listing(known))

    def language_name(self, code: str) -> str:
        return LANGUAGE_NAMES[self.lang].get(code, code)


def segment_order(values: list[str]) -> list[str]:
    """Known levels first, from state to municipality; others after, alphabetically."""
    return sorted(values, key=lambda v: (LEVEL_ORDER.index(v) if v in LEVEL_ORDER else 9, v))


def report_words(report: Report) -> Words:
    """The words a built report is written in: its language, nouns and material."""
    return Words(
        report.lang,
        respondent=report.respondent,
        pseudonym=report.pseudonym,
        material=report.material,
    )
