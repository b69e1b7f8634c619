"""The conversational-talk rules (talk.rules.v3) in Danish, Norwegian, Swedish and English."""

from __future__ import annotations

import pytest

from indsigt.units import NullTalkDetector, RuleTalkDetector, TalkDetector

DETECTOR = RuleTalkDetector()


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Yeah.", "en", "backchannel"),
        ("Okay.", "en", "backchannel"),
        ("Um, okay.", "en", "backchannel"),
        ("I see.", "en", "backchannel"),
        ("Mm.", "en", "filler"),
        ("Ja.", "da", "backchannel"),
        ("Nå.", "da", "backchannel"),
        ("Præcis.", "da", "backchannel"),
        ("Ja, selvfølgelig.", "da", "backchannel"),
        ("Akkurat.", "nb", "backchannel"),
        ("Precis.", "sv", "backchannel"),
        ("Øh.", "da", "filler"),
        ("Hvad skal man sige.", "da", "filler"),
        ("Thank you so much.", "en", "greeting"),
        ("Tusind tak.", "da", "greeting"),
        ("Tak fordi du ville være med.", "da", "greeting"),
        ("Tusen takk.", "nb", "greeting"),
        ("Takk for at jeg fikk være med.", "nb", "greeting"),  # a respondent's thanks
        ("Tack för att jag fick vara med.", "sv", "greeting"),
        ("Many thanks for being so generous with your time today.", "en", "greeting"),
        ("Ohh, yeah.", "en", "backchannel"),
        ("Bye.", "en", "signoff"),
        ("Hej då.", "sv", "signoff"),
        ("Could you repeat the question?", "en", "interview"),
        ("Kan du gentage spørgsmålet?", "da", "interview"),
        ("I'll stop the recording now.", "en", "interview"),
        ("Da avslutter jeg opptaket.", "nb", "interview"),
        (
            "Skriv til [E-MAIL], eller ring til min sekretær, Person 25, på [TELEFON].",
            "da",
            "interview",
        ),
        ("My e-mail is [E-MAIL], or you can call me on [PHONE].", "en", "interview"),
        ("Person 41.", "en", "pseudonym"),
        ("Leder A.", "da", "pseudonym"),
        ("(griner)", "da", "nonverbal"),
        (".", "en", "nonverbal"),
        ("I don't think so.", "en", "no_content"),
        ("Det er det.", "da", "no_content"),
        # non-answers and hedges with nothing besides (v2): they led themes on raw transcripts
        ("No Same answer as above.", "en", "non_answer"),
        ("I don't have an idea about it.", "en", "non_answer"),
        ("Could be, that rings a bell.", "en", "non_answer"),
        ("I don't know.", "en", "non_answer"),
        ("Hmm, I'm not sure.", "en", "non_answer"),
        ("Jeg ved det ikke.", "da", "non_answer"),
        ("Det kan jeg ikke svare på.", "da", "non_answer"),
        ("Det er svært at sige.", "da", "non_answer"),
        ("Jeg vet ikke helt.", "nb", "non_answer"),
        ("Vet inte.", "sv", "non_answer"),
        ("Det vet jag inte, ingen aning.", "sv", "non_answer"),
        ("Not at the moment.", "en", "non_answer"),
        ("I could send an email if anything comes to mind.", "en", "interview"),
        ("Jeg skriver til dig, hvis jeg kommer i tanke om mere.", "da", "interview"),
        # a transcriber's redaction is not content
        ("XXXX XXXXX XXXXXXXX XX XXX.", "en", "no_content"),
        # … with a lone blacked-out letter (pdpilot P2: became a report quote)
        ("XXX X XXXXXXX XX XXX XXXXXXXXXXX.", "en", "no_content"),
        ("The XX XXXX XXXXXXXXXX XX XXXX XXX XXXXX X XXXX XX XXXXXXX.", "en", "no_content"),
        # v3, from the stop-32 read of two reports: talk about the interview (pdpilot E4) …
        ("Oh, sorry, it's late.", "en", "interview"),
        ("Just give me a second to get it up.", "en", "interview"),
        (
            "No, I was moving on to next question, but if you want to stay on this question, "
            "we can.",
            "en",
            "interview",
        ),
        ("Undskyld, jeg glemte det.", "da", "interview"),
        ("Vent lige, jeg skal lige finde den.", "da", "interview"),
        ("Et øyeblikk, jeg må finne dokumentet.", "nb", "interview"),
        ("Ett ögonblick.", "sv", "interview"),
        # … a hedge of degree as the whole answer …
        ("Somewhat.", "en", "non_answer"),
        ("To some extent.", "en", "non_answer"),
        ("Til dels.", "da", "non_answer"),
        ("Delvis.", "sv", "non_answer"),
        # … and GENNOVATE transcribers' asides wholly in brackets, of any length, mixed
        # brackets too, and a lead-in with nothing after its colon
        ("[Ten participants have agreed and raised their hands.]", "en", "nonverbal"),
        ("(One participant out of 10].", "en", "nonverbal"),
        ("[All participants  agreed]", "en", "nonverbal"),
        ("The participants expressed their responses in a private voting as:", "en", "nonverbal"),
    ],
)
def test_conversational_talk_is_marked(text: str, language: str, kind: str) -> None:
    assert DETECTOR.kind(text, language=language) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Yeah, we use PDP and ICE plots.", "en"),
        ("Thank you for the plots, they made the interactions visible to our clients.", "en"),
        ("That's a good question, and the answer is that the business owns the model.", "en"),
        ("Vi har en nulfejlskultur i det offentlige.", "da"),
        # a filler phrase inside a sentence with content (was marked "interview")
        ("Det er, hvad skal man sige, søjletænkning i sin reneste form.", "da"),
        ("Ja, byggesagerne er faktisk et godt eksempel.", "da"),
        ("Vi mangler folk i helsesektoren.", "nb"),
        ("Vi har för få utvecklare i regionen.", "sv"),
        ("Person 8 leder vores kliniske champions på akutafdelingen.", "da"),
        ("The problem is the data quality.", "en"),
        ("We plot the x axis against the residuals.", "en"),
        ("Thanks to the new data platform we share models across teams.", "en"),
        ("Borgerne kan ringe på [TELEFON] døgnet rundt og få hjælp til deres boligstøtte.", "da"),
        # a hedge with content is an answer
        ("I don't know if the business reads the SHAP plots at all.", "en"),
        ("Det ved jeg ikke, men vi bruger Excel til budgetterne.", "da"),
        ("I'm not sure the model is fair to older customers.", "en"),
        ("Det kan godt være, at borgerne er trætte af digitale løsninger.", "da"),
        ("Vet inte om budgeten räcker till nya system.", "sv"),
        ("It could be better documented.", "en"),
        ("Any tasks that I was unable to perform, none that I can think of.", "en"),
        ("The XX team retrains the models every quarter.", "en"),
        # v3: the new rules leave what is said around them
        ("Sorry, we use SHAP for everything.", "en"),
        ("We hold on to the old models.", "en"),
        ("I was moving on to a new job at the bank.", "en"),
        ("It depends on the client.", "en"),
        ("Det beror på budgeten.", "sv"),
        # a reporter's "said:" keeps the quote after it as speech; an aside inside a row
        # leaves the row's words
        ("Another participant said: it could be about little above 10 percent.", "en"),
        (
            "There will be no restriction if a young woman grows wheat or maize. "
            "[said 1 participant amongst 10].",
            "en",
        ),
        # a one-word answer that names something is an answer ("Is it just like random or
        # is it?" "Random."; GENNOVATE's listed reasons)
        ("Random.", "en"),
        ("Poverty", "en"),
    ],
)
def test_substance_is_not_marked(text: str, language: str) -> None:
    assert DETECTOR.kind(text, language=language) is None


def test_english_words_that_are_nordic_words_do_not_count_as_talk() -> None:
    # "er" is an English filler and the Danish "is"; "i" is the Danish "in".
    assert DETECTOR.kind("Er det i orden med borgerne?", language="da") is None


def test_detectors_follow_the_protocol() -> None:
    for detector in (RuleTalkDetector(), NullTalkDetector()):
        assert isinstance(detector, TalkDetector)
        assert detector.name.startswith("talk.")
    assert NullTalkDetector().detect(["Yeah.", "Ja."], language="da") == [None, None]
    assert RuleTalkDetector().detect(["Yeah.", "We use SHAP."], language="en") == [
        "backchannel",
        None,
    ]


def test_hedges_are_not_content_words() -> None:
    from indsigt.units.rules import content_words

    assert content_words("Could be, that rings a bell.", language="en") == 0
    assert content_words("Jeg ved det ikke, men vi bruger Excel.", language="da") == 2
