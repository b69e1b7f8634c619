"""Readable theme labels (``central.v4``): a short central sentence, cleaned and cut."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import indsigt
from indsigt.sample import interview_files, respondents_sheet
from indsigt.themes import discover_themes, study_themes
from indsigt.themes.phrase import CentralStatementLabeller
from indsigt.units.lexicon import PSEUDONYM

from .test_discover import TOPICS


def test_labels_are_sentences_of_the_theme_not_stem_lists() -> None:
    texts = [text for sentences in TOPICS.values() for text in sentences]
    result = discover_themes(texts, language="da", seed=1, k=3)
    assert result.components["phraser"] == "central.v4"
    for theme in result.themes:
        members = [texts[i] for i in theme.members]
        assert any(theme.label.rstrip(" …") in text for text in members), theme.label
        assert theme.label != ", ".join(theme.terms[:3])
        assert len(theme.label.split()) <= 14


def test_fillers_and_leading_conjunctions_are_cleaned() -> None:
    labeller = CentralStatementLabeller(language="da")
    texts = ["Øh, altså, og så mangler vi penge til investeringer i år (griner)."]
    assert labeller.phrase(texts, [0], ["penge"]) == "Mangler vi penge til investeringer i år"


def test_long_sentences_are_cut_at_a_word_boundary() -> None:
    labeller = CentralStatementLabeller(language="en")
    text = (
        "We share data between the departments about every case, and the rules on data "
        "sharing are far too strict for any of us to follow in practice."
    )
    label = labeller.phrase([text], [0], ["data", "sharing"])
    assert label == "We share data between the departments about every case …"
    assert not labeller.cut("I think we use the").endswith(" the")


def test_a_label_never_shows_a_pseudonym_or_placeholder() -> None:
    labeller = CentralStatementLabeller(language="da")
    texts = [
        "Person 41.",
        "Person 30s udspil om data er godt for kommunerne.",
        "I [kommune] deler vi data om borgerne.",
        "XXXX XXXXX XXX data XXXXX.",
    ]
    assert labeller.phrase(texts, [0, 1, 2, 3], ["data", "borgerne"]) == "data, borgerne"
    texts.append("Vi deler data om borgerne på tværs af forvaltningerne.")
    label = labeller.phrase(texts, [0, 1, 2, 3, 4], ["data", "borgerne"])
    assert label == "Vi deler data om borgerne på tværs af forvaltningerne"


def test_mixed_language_studies_drop_every_languages_stop_words() -> None:
    from indsigt.themes.components import stem_words

    surfaces = {w for _, w in stem_words("the data and the budget", "da+en")}
    assert surfaces == {"data", "budget"}
    assert {w for _, w in stem_words("the data", "da")} >= {"the", "data"}


@pytest.mark.slow
def test_sample_study_labels_read_as_phrases(tmp_path: Path) -> None:
    """The bundled sample study (four languages, pseudonyms and placeholders in the text):
    every label is a cleaned phrase of at most 13 words, never a pseudonym or placeholder."""
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as study:
        study.import_files(interview_files(), respondents=respondents_sheet())
        result = study_themes(study.store, study.study.id, embedder="tfidf")
    assert len(result.themes) >= 10
    phrases = [t for t in result.themes if t.label != ", ".join(t.terms[:3])]
    assert len(phrases) == len(result.themes)
    for theme in result.themes:
        words = theme.label.removesuffix(" …").split()
        assert 3 <= len(words) <= 13, theme.label
        assert not PSEUDONYM.search(theme.label) and "[" not in theme.label, theme.label
        assert not {"øh", "um", "eh", "öh"} & {w.strip(",.").lower() for w in words}
    english = [t for t in result.themes if {"the", "and", "that"} & set(t.terms)]
    assert english == []  # stop words of every document language are dropped


def test_a_danish_study_with_english_documents_keeps_danish_er() -> None:
    labeller = CentralStatementLabeller(language="da+en+sv")
    texts = ["Vi har systemer, der er over 20 år gamle, eh, og som er kritiske."]
    assert labeller.phrase(texts, [0], ["systemer"]) == (
        "Vi har systemer, der er over 20 år gamle og som er kritiske"
    )


def test_a_sentence_needs_three_content_words_in_its_own_language() -> None:
    """In a Danish study with Swedish documents, "Jag kan ta ett personligt exempel" is a
    frame sentence ("I can give a personal example"), not a label: by Swedish function words
    it holds two content words, by Danish ones five (it became a label in the sample study)."""
    labeller = CentralStatementLabeller(language="da+en+no+sv")
    texts = ["Jag kan ta ett personligt exempel.", "Vi har ikke råd til nye systemer i år."]
    assert labeller.phrase(texts, [0, 1], ["personligt", "exempel"]) == (
        "Vi har ikke råd til nye systemer i år"
    )
    assert labeller.clean("Jag kan ta ett personligt exempel.") == ""


# Sentence A's weights 1/2 + 1/3 + 1/6 (terms 2, 3 and 6) sum to 1.0 or to 0.999…9 by the order
# they are added in; sentence B's 1/1 (term 1) is 1.0: a tie, which the earlier sentence wins.
TIE_TEXTS = ["Gardens need water daily. Bicycles make cities quieter."]
TIE_TERMS = ["bicycles", "gardens", "water", "xylophone", "yacht", "daily"]


def test_a_tie_keeps_the_earlier_sentence() -> None:
    labeller = CentralStatementLabeller(language="en")
    assert labeller.phrase(TIE_TEXTS, [0], TIE_TERMS) == "Gardens need water daily"


@pytest.mark.slow
def test_the_label_is_the_same_under_every_hash_seed() -> None:
    """The label's score summed the weights of a set of stems in the set's order, which
    changes with PYTHONHASHSEED: seed 1 gave "Bicycles make cities quieter"."""
    src = Path(__file__).resolve().parents[2] / "src"
    script = (
        "from indsigt.themes.phrase import CentralStatementLabeller\n"
        "labeller = CentralStatementLabeller(language='en')\n"
        f"print(labeller.phrase({TIE_TEXTS!r}, [0], {TIE_TERMS!r}))\n"
    )
    labels = set()
    for seed in ("0", "1", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env["PYTHONPATH"] = os.pathsep.join([str(src), *sys.path])
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        labels.add(done.stdout.strip())
    assert labels == {"Gardens need water daily"}


def test_a_wrapped_line_is_no_sentence_of_its_own() -> None:
    # pdpilot's transcripts (text from PDF) wrap lines mid-sentence: "Than three cars" was
    # a theme's label, the tail of "… some had, you know, more\nthan three cars …".
    labeller = CentralStatementLabeller(language="en")
    text = (
        "That's when I found that some of the houses had, you know, more\n"
        "than three cars and the large area."
    )
    label = labeller.phrase([text], [0], ["cars", "area"])
    assert label.startswith("That's when I found"), label


def test_a_question_is_a_label_only_when_nothing_else_is_left() -> None:
    # GENNOVATE: "Why women will go to market for sell her products?" headed a finding.
    labeller = CentralStatementLabeller(language="en")
    texts = [
        "Why women will go to market for sell her products?",
        "Women usually don't go to the market alone in our village.",
    ]
    terms = ["market", "women", "sell"]
    assert labeller.phrase(texts, [0, 1], terms) == texts[1].rstrip(".")
    assert labeller.phrase(texts[:1], [0], terms) == texts[0]


def test_speaker_codes_and_tallies_are_not_labels() -> None:
    labeller = CentralStatementLabeller(language="en")
    assert labeller.clean("R 7 He listens to me and takes action on the decision.").startswith(
        "He listens"
    )
    assert labeller.clean("R.1 = I think twenty years is the best age.").startswith("I think")
    assert labeller.clean("R1. Our elders take the decision about marriage.").startswith("Our")
    tally = "Very Easy 01Easy 09Neither easy nor difficult 0Difficult 0Very difficult 0"
    assert labeller.clean(tally) == ""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("12. Genoptagelse af sag vedr. rute nr. 361", "Genoptagelse af sag vedr. rute nr. 361."),
        ("18. 5 - Godkendelse af anlægsregnskaber 2010-2011", "Godkendelse af anlægsregnskaber"),
        ("Nr. 1: Godkendelse af dagsorden for mødet i januar", "Godkendelse af dagsorden"),
        ("Sag nr. 156 Forslag til Lokalplan nr. 028 for boliger", "Forslag til Lokalplan nr. 028"),
        ("3) Vi mener at skolen skal blive i byen", "Vi mener at skolen"),
        ("Særlig servicevejvisning og skiltning i byen..........396", "Særlig servicevejvisning"),
        ("2019 var et godt år for vores kommune og borgerne", "2019 var et godt år"),
        ("LUKKET PUNKT - ORIENTERING FRA BORGMESTEREN", "Lukket punkt - orientering fra"),
        ("Vi samarbejder med KL og DSB om IT i skolen", "Vi samarbejder med KL og DSB"),
    ],
)
def test_an_items_number_and_a_contents_page_are_no_part_of_a_label(text: str, label: str) -> None:
    """Numbered answers and agenda titles: "12. Genoptagelse …" is labelled "Genoptagelse …";
    a year that starts a sentence stays."""
    cleaned = CentralStatementLabeller(language="da").clean(text)
    assert cleaned.startswith(label), cleaned
    assert not cleaned.rstrip(".").endswith("396")


def test_redactions_stage_directions_and_placeholders_are_no_theme_terms() -> None:
    from indsigt.themes.components import CTfidfLabeller

    texts = [
        "We look at XXXX drift and XXXX scores in the model every week.",
        "The XXXX model drift matters to XXXX.",
        "Plots of the histograms show the outliers (unintelligible) [project].",
        "Histograms and plots (unintelligible) help with outliers in [project].",
    ]
    import numpy as np

    terms = CTfidfLabeller(language="en").label(texts, np.array([0, 0, 1, 1]))
    shown = {t for ts in terms.values() for t in ts}
    assert not any(set(t) == {"x"} for t in shown), terms
    assert not shown & {"unintelligible", "project"}, terms


def test_pseudonyms_are_no_theme_terms_and_no_theme() -> None:
    """The sample study had a theme of sentences that named a pseudonym ("Person 9s holdning
    er …", "Person 24s linje …"), its terms "person, leder": the word the pseudonyms share
    made them alike. A pseudonym, also in the genitive, is neither a term nor a feature."""
    import numpy as np

    from indsigt.nouns import PSEUDONYM as NAMED
    from indsigt.themes.components import CTfidfLabeller, TfidfVectoriser

    assert [NAMED.search(t)[0] for t in ("Person 9s holdning", "Leder As udspil")] == [
        "Person 9s",
        "Leder As",
    ]
    texts = [
        "Person 9s holdning er, at budgettet til skolerne skal hæves.",
        "Person 24s linje er, at hospitalerne mangler sygeplejersker.",
        "Budgettet til skolerne er for lavt efter Leder Bs opfattelse.",
        "Hospitalerne mangler sygeplejersker, siger Leder A.",
    ]
    terms = CTfidfLabeller(language="da").label(texts, np.array([0, 1, 0, 1]))
    assert not {t for ts in terms.values() for t in ts} & {"person", "leder"}, terms
    vectors = TfidfVectoriser(language="da").vectors(texts)
    similar = vectors @ vectors.T
    similar = similar.toarray() if hasattr(similar, "toarray") else similar
    assert similar[0, 2] > similar[0, 1] and similar[1, 3] > similar[1, 0]


def test_a_label_keeps_its_last_negation() -> None:
    """The sample study's theme was titled "Man kan ikke gøre det alene som lille kommune,
    det kan man simpelthen" — the sentence's last word, "ikke", cut as a function word."""
    from indsigt.themes.phrase import CentralStatementLabeller

    danish = CentralStatementLabeller(language="da")
    said = "Den opgave kan en lille kommune simpelthen ikke."
    assert danish.cut(danish.clean(said)) == said.rstrip(".")
    assert CentralStatementLabeller(language="en").cut("We could not") == "We could not"


@pytest.mark.parametrize(
    ("said", "title"),
    [
        # GENNOVATE: the cut dropped the object ("… sell …", "… help …").
        (
            "In the local market, women cannot easily sell anything.",
            "In the local market, women cannot easily sell anything",
        ),
        (
            "If wife asks for help, husband can easily help her out.",
            "If wife asks for help, husband can easily help her out",
        ),
        # Only "things" would go: the whole sentence fits.
        (
            "A woman can't even go to a local market let alone selling things.",
            "A woman can't even go to a local market let alone selling things",
        ),
        # At the clause boundary before "but", not "… how to work …".
        (
            "For tenants’ boys they start learning how to work in the fields but for "
            "landowners they just learn how to get the work done by tenants in the local "
            "context.",
            "For tenants’ boys they start learning how to work in the fields …",
        ),
        # Not "… I want to sell …": the clause ends before "and property".
        (
            "Whatever the doctors and teachers said, I want to sell all things and property "
            "and to get education and have prosperous life.",
            "Whatever the doctors and teachers said, I want to sell all things …",
        ),
    ],
)
def test_an_english_title_does_not_end_mid_thought(said: str, title: str) -> None:
    labeller = CentralStatementLabeller(language="en")
    assert labeller.cut(labeller.clean(said)) == title


@pytest.mark.parametrize(
    ("said", "title"),
    [
        # The sample study: one or two words dropped ("mere", "de") read as broken.
        (
            "Men vi konkurrerer med de store private it-virksomheder i byen, og de betaler mere.",
            "Vi konkurrerer med de store private it-virksomheder i byen, og de betaler mere",
        ),
        ("Det tager nok et år endnu, siger de.", "Det tager nok et år endnu, siger de"),
        # A whole sentence keeps its object and particle ("… og så holde …" before).
        (
            "Jeg ville give linjelederne ansvaret og så holde dem op på det.",
            "Jeg ville give linjelederne ansvaret og så holde dem op på det",
        ),
        # The dash left after "Og så" went is no part of the title.
        (
            "Og så – måske bare at huske, at det jo ikke er teknologien, der er svær.",
            "Måske bare at huske, at det jo ikke er teknologien, der er svær",
        ),
        # Not "… de ting, der ikke betyder …": the main clause after "så" is too long, so the
        # title stops where the first clause ends, on its object.
        (
            "Hvis vi kun eksperimenterer med de ting, der ikke betyder noget, så lærer vi ikke "
            "noget, der betyder noget.",
            "Hvis vi kun eksperimenterer med de ting, der ikke betyder noget …",
        ),
        # Not "… hvor en medarbejder …" (a subject waiting for its verb).
        (
            "Vi havde sidste år et brud, hvor en medarbejder ved en fejl sendte en fil med "
            "oplysninger om ca. 200 borgere til en forkert modtager.",
            "Vi havde sidste år et brud …",
        ),
    ],
)
def test_a_danish_title_does_not_end_mid_thought(said: str, title: str) -> None:
    labeller = CentralStatementLabeller(language="da")
    assert labeller.cut(labeller.clean(said)) == title


def test_a_title_that_waits_for_more_loses_to_a_whole_sentence() -> None:
    """A subordinate clause cut from its main clause ("If the seeds are too expensive in the
    district market …") waits for it: a whole sentence of the same terms, one place further
    from the centre, is the title instead."""
    labeller = CentralStatementLabeller(language="en")
    cut = (
        "If the seeds are too expensive in the district market, farmers stop to buy them and "
        "sell the land."
    )
    assert labeller.cut_how(labeller.clean(cut)) == (
        "If the seeds are too expensive in the district market …",
        "dependent",
    )
    whole = "Farmers buy seeds in the district market."
    assert labeller.phrase([cut, whole], [0, 1], ["seeds", "district", "market"]) == (
        "Farmers buy seeds in the district market"
    )
    danish = CentralStatementLabeller(language="da")
    premise = (
        "Hvis vi kun eksperimenterer med de ting, der ikke betyder noget, så lærer vi ikke "
        "noget, der betyder noget."
    )
    assert danish.cut_how(danish.clean(premise))[1] == "dependent"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # GENNOVATE's "Other themes": a transcriber's aside split across sentences
        (
            "That means practically no women move freely on their own in the village)",
            "That means practically no women move freely on their own in the village",
        ),
        (
            "(Here small fishes indicate girls and herons indicate men)",
            "Here small fishes indicate girls and herons indicate men",
        ),
        ("Women go to the market (alone and sell the vegetables there.", None),
    ],
)
def test_a_title_has_no_bracket_without_its_pair(sentence: str, title: str | None) -> None:
    labeller = CentralStatementLabeller(language="en")
    cut = labeller.cut(labeller.clean(sentence))
    assert cut.count("(") == cut.count(")")
    if title is not None:
        assert cut == title


@pytest.mark.parametrize(
    "talk",
    [
        # pdpilot's titles (report and CLI): replies to the interviewer, not what a theme says
        "No, well I mean, you walked me through it very comprehensively, so it wasn't unclear, no.",
        "No, I think the main, the main one for me was like getting cross eyed on the first page.",
        "But that's super handy wavy right now.",
        "So this is, um, I use the iris flower dataset...",
        "You know, of course, with a model with a hundred features and, you know, five of them "
        "are detected as drifting.",
    ],
)
def test_a_reply_to_the_interviewer_is_a_title_only_when_nothing_else_is_left(talk: str) -> None:
    """The most central sentence was the title; a reply loses to a statement far from the
    centre ("Ja." has no title), and is one only when it is alone."""
    labeller = CentralStatementLabeller(language="en")
    plain = "The feature plots show how the model uses each feature."
    texts = [talk, "Ja.", "Ja.", "Ja.", "Ja.", plain]
    assert labeller.phrase(texts, list(range(6)), ["zzz"]) == plain.rstrip(".")
    assert labeller.phrase([talk], [0], ["zzz"]) != "zzz"


def test_a_cut_never_drops_a_contrast_that_carries_the_point() -> None:
    """GENNOVATE's P2973: the title "It will not be difficult for women to sell in the local
    market …" lost "… but they will never get permission from their family"."""
    labeller = CentralStatementLabeller(language="en")
    said = (
        "It will not be difficult for women to sell in the local market but they will never "
        "get permission from their family"
    )
    assert labeller.cut_how(labeller.clean(said))[1] == "contrast"
    plain = "Women sell vegetables in the local market on Sundays."
    terms = ["sell", "market", "local"]
    assert labeller.phrase([said, plain], [0, 1], terms) == plain.rstrip(".")
    # two sides said plainly may be cut at "but" (see the tenants' boys above)
    tenants = (
        "For tenants’ boys they start learning how to work in the fields but for landowners "
        "they just learn how to get the work done by tenants in the local context."
    )
    assert labeller.cut_how(labeller.clean(tenants))[1] == "clause"


def test_because_of_is_no_conjunction_to_drop() -> None:
    """GENNOVATE's P3102 was titled "Of poverty many families cannot send …"."""
    labeller = CentralStatementLabeller(language="en")
    said = "Because of poverty many families cannot send their children specially girls to school."
    assert labeller.cut(labeller.clean(said)) == said.rstrip(".")
    assert labeller.clean("Because the market is far, women stay at home.").startswith("The ")


def test_a_whole_sentence_that_is_a_subordinate_clause_alone_loses() -> None:
    """GENNOVATE's P253 was a title: "Although a few girls get married at the age of
    fourteen"."""
    labeller = CentralStatementLabeller(language="en")
    alone = "Although a few girls get married at the age of fourteen."
    assert labeller.cut_how(labeller.clean(alone))[1] == "dependent"
    whole = "Most girls get married at the age of eighteen."
    assert labeller.phrase([alone, whole], [0, 1], ["married", "age", "girls"]) == (
        whole.rstrip(".")
    )
    main = "If wife asks for help, husband can easily help her out."
    assert labeller.cut_how(labeller.clean(main))[1] == "whole"


@pytest.mark.parametrize(
    ("halting", "language"),
    [
        # pdpilot's titles (stop 33): a restart, and fillers left in
        ("I think that the main the main use case is the housing data set.", "en"),
        ("For example, like we talked about our model has 300 features.", "en"),
        ("Honestly, like it's a little bit of a kitchen sink approach.", "en"),
        ("The issue with the hypothesis driven approach is that.", "en"),
        ("The options that were available were useful were helpful enough for me.", "en"),
        ("Vi har altså rigtig mange systemer der ikke taler sammen.", "da"),
        # stop 38: back to what was said, a restart after two words, a filler at the end
        ("I think the brushing totally helped in the like I said, for me as an analyst.", "en"),
        ("Det er jo problemet er ikke nødvendigvis at det ikke finnes penger.", "da"),
        ("How does this feature breakdown instead of like.", "en"),
        ("Som sagt har vi mange systemer der ikke taler sammen.", "da"),
    ],
)
def test_a_title_said_haltingly_loses_to_one_said_plainly(halting: str, language: str) -> None:
    labeller = CentralStatementLabeller(language=language)
    assert labeller.halting(labeller.clean(halting))
    plain = {
        "en": "The feature plots show how the model uses each feature.",
        "da": "Borgerne forventer digitale løsninger fra kommunen.",
    }[language]
    texts = [halting, "Ja.", "Ja.", plain]
    assert labeller.phrase(texts, [0, 1, 2, 3], ["zzz"]) == plain.rstrip(".")


@pytest.mark.parametrize(
    "plain",
    [
        "I like the scatter plots a lot for the models.",
        "Fertilizers like D.A.P and urea are too expensive for us.",
        "I have still the ambition to get education and become teacher, doctor etc.",
        "Det var det det handlede om i hele projektet.",
        "We had had the same system for twenty years.",
        "That is what is needed in the model development phase.",
        "The cluster is there, it is just hard to see.",
        "Det er hvad der er brug for i kommunen.",
        "We use SHAP values, PDP plots and the like for every model.",
        "The problem is not the data, it is the people.",
        "Det er et stort problem for os, at det er så dyrt.",
    ],
)
def test_grammar_is_not_said_haltingly(plain: str) -> None:
    labeller = CentralStatementLabeller(language="da" if plain.startswith("Det") else "en")
    assert not labeller.halting(plain)
