"""Key point candidates: cleaning and the candidate and conversational-talk rules (da/nb/sv/en)."""

from __future__ import annotations

import pytest

from indsigt.analyse.keypoints import CandidateRules, clean
from indsigt.analyse.keypoints.candidates import clauses
from indsigt.units import NullTalkDetector, RuleTalkDetector


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Det er svært at rekruttere digitale profiler.", "da"),
        ("Vi har brugt mange penge på sikkerhed de seneste år.", "da"),
        ("Borgerne forventer, at det går hurtigt, og at vi ved alt.", "da"),
        ("Vi har over 400 fagsystemer som ikke snakker sammen.", "nb"),
        ("Vården är en väldigt hierarkisk organisation med starka professioner.", "sv"),
        ("It is hard to hire people with digital skills in the public sector.", "en"),
        ("Vi har bl.a., som mange andre, brugt mange penge på sikkerhed.", "da"),
        # finite verbs the rules find without a tagger
        ("Samtidig er der ikke noget, der hedder risikovillig kapital hos os.", "da"),
        ("I dag bruger vi robotter til fakturaer i økonomiafdelingen.", "da"),
        ("Systemer, der ikke taler sammen, koster os mange penge.", "da"),
        ("Byggesager er et godt eksempel på, hvor langsomt tingene går.", "da"),
        ("Lovverket henger ikke med teknologien.", "nb"),
        ("Budgeten räcker inte till nya system.", "sv"),
        ("Legacy systems block most of our new projects.", "en"),
        ("We rarely retrain models after deployment.", "en"),
        ("Start med borgeren og ikke med teknologien.", "da"),  # advice: an imperative
        ("Jeg ved godt, at kommunerne oplever os som dem, der laver strategier.", "da"),
        ("Folk sammenligner os med deres bank og med deres streamingtjenester.", "da"),
        ("We're competing with pharma, with the banks and with the consultancies.", "en"),
        ("We have, in our region, more than forty systems for the same case work.", "en"),
        ("Girls are not allowed to go to school in outside areas.", "en"),
        ("I guess the biggest challenge is the legacy systems in the regions.", "en"),
        ("We visit the ministry again and again with the same questions.", "en"),
        ("It's important to share data across the sectors and the regions.", "en"),
        ("At the end of the day the citizens pay for the systems we build.", "en"),
        ("We use PDP and ICE plots and we like them a lot for the models.", "en"),
        ("I found the highlighting very useful for the models we had.", "en"),
    ],
)
def test_self_contained_substantive_sentences_are_candidates(text: str, language: str) -> None:
    assert CandidateRules().reason(text, language) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vi er ca. 1.700 medarbejdere, og mange af dem har været her længe.", "da"),
        ("Vi har talt med mange af dem, der bruger løsningerne hver dag.", "da"),
        ("Det handler om, at borgerne skal kunne stole på os.", "da"),
    ],
)
def test_them_with_its_noun_and_a_clause_after_a_preposition_are_kept(
    text: str, language: str
) -> None:
    assert CandidateRules().reason(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("Ja, ja.", "da", "length"),
        # pdpilot's report: a thought broken off, and a sentence led by "Then"
        ("The plots we made show that the models are probably.", "en", "incomplete"),
        ("The partial dependence plots were useful but it looks like.", "en", "incomplete"),
        ("The clustering shows models where they're.", "en", "incomplete"),
        ("Then the ICE plots showed us the feature interactions.", "en", "dangling"),
        # GENNOVATE's report: a connective that continues what was said before, and "have"
        # whose object is left unsaid
        ("Moreover men go to the market and it's the custom.", "en", "dangling"),
        # pdpilot's summary: uncertainty about one's own use is no point
        ("I don't know if this is using in this plots with the scatter plots.", "en", "hedged"),
        ("I'm not sure I really used those filters too much in the tool.", "en", "hedged"),
        ("I wouldn't say pain points as such with the tool itself.", "en", "hedged"),
        ("Jeg er ikke sikker på, at vi bruger de nye systemer nok.", "da", "hedged"),
        ("Desuden har vi brugt mange penge på sikkerhed i år.", "da", "dangling"),
        # the two reports read at stop 32: the end of a story told before, a pronoun object
        # before a new clause, a restart across a comma, a contracted "That's"/"It's"
        ("In the end he will buy a bike with the money from the crops.", "en", "dangling"),
        ("Til sidst fik vi lov til at bygge vores egen dataplatform.", "da", "dangling"),
        (
            "By clustering at some point, I found that and I thought it was useful.",
            "en",
            "dangling",
        ),
        ("Vi prøvede det og vi syntes ikke det virkede for borgerne.", "da", "dangling"),
        ("I found those quite useful for the models we had.", "en", "dangling"),
        (
            "For what the, what the model thinks the correlation between that value.",
            "en",
            "disfluent",
        ),
        ("I can't and like I think usually the clusters were separated enough.", "en", "disfluent"),
        ("That's like not that isn't a reason that I wouldn't use the tool.", "en", "dangling"),
        ("It's a real challenge for the whole region and its hospitals.", "en", "dangling"),
        ("Important wheat innovation for women 10 years ago.", "en", "verbless"),
        ("In case a woman have, her husband would decide and does the farming.", "en", "fragment"),
        ("Our men never allow to go to school in outside areas.", "en", "fragment"),
        ("I don't use the ICE plots very often, but I.", "en", "incomplete"),
        ("I'm not like taking so I'm not like taking the instance.", "en", "disfluent"),
        ("I am studying still studying and I want to become a teacher.", "en", "disfluent"),
        ("Of course it is useful for the girls in the village.", "en", "leaning"),
        ("Why not, we help them with the work in the fields.", "en", "leaning"),
        ("Selvfølgelig skal vi bruge de nye systemer i kommunen.", "da", "leaning"),
        ("Vi har talt med Person 9s kontor om de nye systemer.", "da", "pseudonym"),
        ("Ja, det er helt rigtigt, mm, ja okay tak.", "da", "conversational"),
        ("Kan du gentage spørgsmålet en gang til?", "da", "incomplete"),
        ("Tak for det, det var et rigtig godt spørgsmål.", "da", "conversational"),
        ("Men det var jo noget helt andet dengang i kommunen.", "da", "dangling"),
        ("Det er en reel udfordring, og jeg har ikke knækket den.", "da", "dangling"),
        ("Især inden for sikkerhed og data i regionerne.", "da", "dangling"),
        ("vi har brugt mange penge på sikkerhed de seneste år.", "da", "fragment"),
        ("MitID, Digital Post, NemLog-in, Borger.dk og Virk.dk.", "da", "fragment"),
        ("Vi har – jeg tror sist jeg spurte så hadde vi mange systemer.", "nb", "incomplete"),
        ("Vi har talt med Person 43 om de nye systemer i regionen.", "da", "pseudonym"),
        ("Vi er i dialog med KL og Danske Regioner om det.", "da", "dangling"),
        ("Och sedan fick vi en ny budget för digitaliseringen.", "sv", "dangling"),
        ("Yeah, yeah, right, okay, exactly, sure, thanks.", "en", "conversational"),
        ("Undskyld, det lyder som en kliché, men sådan er det.", "da", "meta"),
        ("Det lyder som en kliché, men vi skal have borgerne med.", "da", "meta"),
        ("Vi har brugt penge på sikkerhed, og sådan er det.", "da", "dangling"),
        ("Det er hele pointen med, at vi sidder her.", "da", "dangling"),
        ("Der har vi prøvet at lave tværfaglige teams med jurister.", "da", "dangling"),
        ("Ikke endnu i hvert fald, men snart.", "da", "dangling"),  # an elliptic answer
        ("Jeg vil sige det sådan her: Den største mulighed er ikke teknologien.", "da", "meta"),
        ("Det har vi försökt att göra i många år nu.", "sv", "dangling"),
        ("Vi havde sidste år, øh, et forsøg på et ransomwareangreb mod os.", "da", "disfluent"),
        ("Vi havde for et år siden, d., et forsøg på et ransomwareangreb.", "da", "disfluent"),
        ("We spent, um, most of the budget on security last year.", "en", "disfluent"),
        # leaning on the interviewer's question ("give an example"; "is that right?")
        ("Byggesagerne er faktisk et godt eksempel.", "da", "leaning"),
        ("Byggesagerne er et rigtig godt eksempel på det.", "da", "leaning"),
        ("Hjemmeplejen er et typisk eksempel.", "da", "leaning"),
        ("Sykehusene våre er et godt eksempel.", "nb", "leaning"),
        ("Vården är ett bra exempel på det.", "sv", "leaning"),
        ("Our credit models are a good example.", "en", "leaning"),
        ("That's true for the public sector as well.", "en", "leaning"),
        ("Du har helt ret i, at borgerne bliver glemt.", "da", "leaning"),
        (
            "Tag f.eks. de private sundhedsapps, hvor du kan få en videokonsultation.",
            "da",
            "leaning",
        ),
        # no finite verb in the main clause
        ("Datadeling på tværs af sektorer og myndigheder.", "da", "verbless"),
        ("Parallelle initiativer, der ikke ved noget om hinanden.", "da", "verbless"),
        ("Mangel på digitale kompetencer i hele organisationen.", "da", "verbless"),
        ("Bedre samarbeid mellom kommunene og staten.", "nb", "verbless"),
        ("Stora skillnader mellan regionerna i hela landet.", "sv", "verbless"),
        ("Data sharing across sectors in the region.", "en", "verbless"),
        # a closing object pronoun points back; "the answer is" and an announced list lean
        # on the question; Swedish "då"/"sen" lead back (read off the sample study)
        ("Jeg tror i hvert fald, vi skal kende dem.", "da", "dangling"),
        ("We have to keep a close eye on them.", "en", "dangling"),
        (
            "Jeg kan sige, at det er et ret omfattende arbejde, for svaret er: Meget.",
            "da",
            "leaning",
        ),
        ("Konkret så ser jag tre saker.", "sv", "leaning"),
        ("Då är det lätt att digitalisering blir det första man skär i.", "sv", "dangling"),
        ("Sen har vi problemet med statliga pengar som kommer som projektmedel.", "sv", "dangling"),
        # spoken English read on pdpilot: a restarted subject, a word said twice, "like not"
        ("After feature importance, so we first we get top features.", "en", "disfluent"),
        ("Vi har det det samme system i alle afdelinger i kommunen.", "da", "disfluent"),
        ("I use PDP plots for the models, but like not.", "en", "dangling"),
        (
            "I don't know exactly like what the what they call the different plots.",
            "en",
            "disfluent",
        ),
        ("May look at two way if, for example, we have some features that.", "en", "incomplete"),
        ("Det er noget, vi arbejder rigtig meget med, fordi.", "da", "incomplete"),
        ("I, I have not, I've never used two-way plots.", "en", "disfluent"),
        ("Har vurderet truslen mod sundhedssektoren som meget høj.", "da", "fragment"),
        ("Er det ikke sådan, at kommunerne selv skal betale.", "da", "fragment"),
        ("Har ikke tid til sådanne lange pilotprojekter i staten.", "nb", "fragment"),
        ("Is the data platform going to be shared with the regions.", "en", "fragment"),
        ("Vi har lavet ca. 25 af dem de sidste to år.", "da", "dangling"),
        ("Jeg kan egentlig ikke lide udtrykket, hvis jeg skal være ærlig.", "da", "meta"),
        ("I don't really like the term digital transformation at all.", "en", "meta"),
        ("We have deployed about twenty of them in the last year.", "en", "dangling"),
        (
            "Vi har et veldig godt samarbeid med, bl.a. på, og med næringslivet her.",
            "nb",
            "fragment",
        ),
    ],
)
def test_rejected_with_a_reason(text: str, language: str, reason: str) -> None:
    assert CandidateRules().reason(text, language) == reason


def test_cleaning_removes_stage_directions_and_leading_fillers() -> None:
    assert clean("Øh, altså, (griner) vi har  brugt mange penge.", "da") == (
        "Vi har brugt mange penge."
    )
    assert clean("Um, well, we hired [laughs] two data people.", "en") == (
        "We hired two data people."
    )
    assert clean("Vi har brugt mange penge.", "da") == "Vi har brugt mange penge."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mm.", "da"),
        ("Ja ja, præcis.", "da"),
        ("Kan du gentage spørgsmålet?", "da"),
        ("Takk for at jeg fikk være med.", "nb"),
        ("Tack så mycket, hejdå.", "sv"),
        ("Could you repeat the question?", "en"),
        ("Person 41.", "en"),
    ],
)
def test_conversational_talk_by_the_units_detector(text: str, language: str) -> None:
    rules = CandidateRules()
    assert isinstance(rules.talk, RuleTalkDetector)  # one rule set: the units stage's
    assert rules.talk.detect([text], language=language)[0] is not None
    assert rules.reason(clean(text, language), language) is not None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vi mangler folk med digitale kompetencer i kommunen.", "da"),
        ("Lovverket henger ikke med teknologien.", "nb"),
        ("Budgeten räcker inte till nya system.", "sv"),
        ("Legacy systems block most of our new projects.", "en"),
    ],
)
def test_substantive_talk(text: str, language: str) -> None:
    assert RuleTalkDetector().detect([text], language=language) == [None]
    assert CandidateRules().reason(text, language) is None


def test_the_talk_detector_is_a_component() -> None:
    text = "Ja, det er helt rigtigt, mm, ja okay tak."
    assert CandidateRules().reason(text, "da") == "conversational"
    assert CandidateRules(talk=NullTalkDetector()).reason(text, "da") != "conversational"


@pytest.mark.parametrize(
    ("text", "language", "cleaned"),
    [
        (
            "Men vi mangler sygeplejersker i hele regionen.",
            "da",
            "Vi mangler sygeplejersker i hele regionen.",
        ),
        (
            "Og altså, vi har brugt mange penge på sikkerhed.",
            "da",
            "Vi har brugt mange penge på sikkerhed.",
        ),
        (
            "Vi har ca. 1.700 medarbejdere i kommunen, ik'.",
            "da",
            "Vi har ca. 1.700 medarbejdere i kommunen.",
        ),
        (
            "Det er svært at rekruttere digitale profiler, ikke?",
            "da",
            "Det er svært at rekruttere digitale profiler.",
        ),
        ("Men vi har inte råd med nya system, eller hur?", "sv", "Vi har inte råd med nya system."),
        (
            "But we need better data across sectors, right?",
            "en",
            "We need better data across sectors.",
        ),
    ],
)
def test_cleaning_removes_a_leading_coordinator_and_a_closing_tag(
    text: str, language: str, cleaned: str
) -> None:
    """ "Men vi mangler folk" says what "Vi mangler folk" says; a tag question is talk."""
    assert clean(text, language) == cleaned
    assert CandidateRules().accepts(cleaned, language)


def test_a_sentence_that_is_no_candidate_offers_its_main_clauses() -> None:
    rules = CandidateRules()
    long = (
        "Det er svært at rekruttere digitale profiler, og vi konkurrerer med bankerne og de "
        "store tech-virksomheder om de samme folk hver eneste dag, men vi taber ofte."
    )
    offered, why = rules.offers(long, "da")
    assert why == "length"
    assert offered == [
        "Det er svært at rekruttere digitale profiler.",
        "Vi konkurrerer med bankerne og de store tech-virksomheder om de samme folk hver "
        "eneste dag.",
    ]  # "Vi taber ofte." is too short to stand alone
    whole = "Det er svært at rekruttere digitale profiler, og vi mangler folk."
    assert rules.offers(whole, "da") == ([whole], None)  # a candidate as a whole stays whole
    assert rules.offers("Ja, ja.", "da") == ([], "length")
    assert clauses("We lack data; we lack people to use it.", "en") == [
        "We lack data.",
        "We lack people to use it.",
    ]
