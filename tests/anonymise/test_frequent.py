"""Fillers, interjections, contractions and frequent words are never a person on their own
(issue 15: "I'm", "Yeah", "Like" were pseudonymised in English interviews)."""

from __future__ import annotations

import pytest

from conftest import shared
from indsigt.anonymise import default_detectors, detect, resolve
from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.frequent import frequent_words, guard_persons, is_common
from indsigt.eval.gold import read_text

SPOKEN = [
    "I'm",
    "Yeah",
    "Like",
    "Okay",
    "Thank",
    "Øh",
    "Jamen",
    "Altså",
    "Nå",
    "Ja",
    "Precis",
    "Ok",
    "Hey",
    "Oh",
    "Just",
    "One",
    "It’s",
    "Mhm",
    "Puha",
]


def persons(text: str, spans: list[Span]) -> list[str]:
    return [text[s.start : s.end] for s in spans if s.label == PER]


def test_frequent_lists_come_from_wordfreq() -> None:
    for language in ("da", "no", "nb", "sv", "en"):
        assert len(frequent_words(language)) == 500
    assert "og" in frequent_words("da") and "och" in frequent_words("sv")


@pytest.mark.parametrize("word", SPOKEN)
def test_spoken_words_are_common(word: str) -> None:
    assert is_common(word)


@pytest.mark.parametrize("word", ["Mette", "Frederiksen", "Thorsager", "Peter's", "Oyelaran"])
def test_names_are_not_common(word: str) -> None:
    assert not is_common(word)


def at(text: str, surface: str, detector: str, after: int = 0) -> Span:
    start = text.index(surface, after)
    return Span(start, start + len(surface), PER, 0.9, detector)


def test_guard_drops_trims_and_keeps() -> None:
    text = (
        "Yeah. Thank You. Okay Peter, Mette Frederiksen og Per Hansen. Så sagde Per ja. ICE. "
        "Sine kom. Vi mødte Sine og H. C. Andersen under Christian VI. C. I'm"
    )
    spans = [
        at(text, "Yeah", "names.v1"),
        at(text, "Thank You", "e5tagger.v1"),
        at(text, "Okay Peter", "names.v1"),
        at(text, "Mette Frederiksen", "names.v1"),
        at(text, "Per Hansen", "names.v1"),
        at(text, "Per", "e5tagger.v1", after=text.index("sagde")),  # inside a sentence
        at(text, "ICE", "names.v1"),
        at(text, "Sine", "e5tagger.v1"),  # "sine" (his/her) at a sentence start
        at(text, "Sine", "e5tagger.v1", after=text.index("mødte")),
        at(text, "H. C. Andersen", "names.v1"),
        at(text, "Christian VI", "e5tagger.v1"),
        at(text, "C.", "e5tagger.v1", after=text.index("VI")),
        at(text, "I'm", "e5tagger.v1"),
    ]
    kept = persons(text, guard_persons(text, spans))
    assert kept == [
        "Peter", "Mette Frederiksen", "Per Hansen", "Per", "Sine", "H. C. Andersen",
        "Christian VI", "C.",
    ]  # fmt: skip


def test_a_word_said_before_a_name_at_a_sentence_start_is_no_part_of_it() -> None:
    """A tagger took "Hils" (greet) into "Hils Mette Frederiksen": the word was lost to the
    pseudonym ("Selv tak. Person 3."). A word written like a surname, or one before a surname
    only, stays in the span: cutting it could leave part of a name readable."""
    text = "Selv tak. Hils Mette Frederiksen. Kære Anders, tak. Skov Larsen kom. Hansen Mette kom."
    spans = [
        at(text, "Hils Mette Frederiksen", "e5tagger.v1"),
        at(text, "Kære Anders", "e5tagger.v1"),
        at(text, "Skov Larsen", "e5tagger.v1"),
        at(text, "Hansen Mette", "e5tagger.v1"),
    ]
    kept = persons(text, guard_persons(text, spans))
    assert kept == ["Mette Frederiksen", "Anders", "Skov Larsen", "Hansen Mette"]
    # inside a sentence the capitalised word is written so because it belongs to the name
    text = "Vi mødte Kære Anders."
    assert persons(text, guard_persons(text, [at(text, "Kære Anders", "e5tagger.v1")])) == [
        "Kære Anders"
    ]


def test_a_frequent_first_name_at_a_sentence_start_is_dropped_but_participants_win() -> None:
    text = "Per 1. januar gælder nye regler. Per capita er det mere."
    guessed = [Span(0, 3, PER, 0.9, "names.v1"), at(text, "Per capita", "e5tagger.v1")]
    known = Span(0, 3, PER, 1.0, "participants.v1", "respondent:1")
    assert guard_persons(text, guessed[:1]) == []
    assert persons(text, guard_persons(text, [at(text, "Per", "e5tagger.v1", after=10)])) == []
    assert guard_persons(text, [known]) == [known]


def test_a_first_name_that_is_a_word_opening_a_sentence_is_a_name_when_a_detector_is_sure() -> None:
    """An English interview: "Per ran the pilot in Aarhus." kept "Per" — "per" is a frequent
    word, so a tagger's sure call at a sentence's start was dropped. Not "Will you …", not
    "Per capita", not a guess below 0.8."""
    text = "Per ran the pilot. Will you come? Per sagde nej. Per the agreement, no."
    spans = [
        at(text, "Per", "e5tagger.v1"),
        at(text, "Will", "e5tagger.v1"),
        at(text, "Per", "e5tagger.v1", after=5),
        at(text, "Per", "e5tagger.v1", after=text.index("nej")),
    ]
    assert persons(text, guard_persons(text, spans, language="en")) == ["Per", "Per"]
    unsure = Span(0, 3, PER, 0.6, "e5tagger.v1")
    assert guard_persons(text, [unsure], language="en") == []


def test_default_detectors_leave_speech_alone() -> None:
    text = (
        "Participant: Yeah. I'm gonna focus on data science, like.\n"
        "Interviewer: Okay. Thank you. One more, just to be sure. Oh, and the ICE plots?\n"
        "Deltager: Øh, jamen altså. Nå ja. Ja, precis. Ok, tak for i dag, Mette Frederiksen."
    )
    found = persons(text, resolve(detect(text, default_detectors(), language="en"), text))
    assert found == ["Mette Frederiksen"]


def test_no_frequent_word_is_a_person_in_a_real_interview() -> None:
    """pdpilot's P1 (English speech): before the guard, "Yeah" (×32 over the 7 interviews),
    "I'm", "Oh", "One" were pseudonymised by the rule-based detectors."""
    text = read_text(shared("pdpilot-interviews", "transcripts_txt", "P1.txt"))
    found = resolve(detect(text, default_detectors(), language="en"), text)
    frequent = frequent_words("en")
    words = [w for s in found if s.label == PER for w in text[s.start : s.end].split()]
    assert not [w for w in words if w.strip(".,").lower() in frequent]


def test_english_title_case_is_not_a_name_but_a_frequent_first_name_is() -> None:
    text = (
        "She cannot.\nEven If she earns. The Middle Class or Moddho. One-way ICE plots. Ask Will."
    )
    spans = [
        at(text, "Even If", "names.v1"),
        at(text, "Class", "names.v1"),
        at(text, "One-way ICE", "names.v1"),
        at(text, "Will", "names.v1"),
    ]
    assert persons(text, guard_persons(text, spans, language="en")) == ["Will"]
    assert persons(text, guard_persons(text, spans, language="da")) == ["Class", "Will"]


def test_a_saints_name_in_a_place_or_holiday_is_no_person() -> None:
    # Issue 15 (DDT, DaNE and DaN+ dev): '"Sankt Markus Nat" bag på omslaget' was a person
    # ("Markus" a first name); every NER set here labels a name after Sankt / St. otherwise.
    text = "Vi læste Sankt Markus Nat og gik til St. Hanshaugen med Markus Nat og Skt. Hans."
    spans = [
        at(text, "Markus Nat", "e5tagger.v1"),
        at(text, "Hanshaugen", "names.v1"),
        at(text, "Markus Nat", "names.v1", after=text.index("med")),
        at(text, "Sankt Markus", "e5tagger.v1"),
        at(text, "Hans", "e5tagger.v1", after=text.index("Skt")),
    ]
    assert persons(text, guard_persons(text, spans)) == ["Markus Nat"]


def test_a_word_in_lower_case_at_a_persons_end_is_cut_but_a_name_written_small_stays() -> None:
    """ "Og hils Søs." became "Og Person 11." (a tagger took "hils" in); a machine transcript's
    "mette frederiksen" in lower case is still a name, and "af" is part of one."""
    text = "Og hils Søs. Vi talte med mette frederiksen og Rasmus af Wedel. Mette sagde det."
    spans = [
        at(text, "hils Søs", "e5tagger.v1"),
        at(text, "mette frederiksen", "names.v1"),
        at(text, "Rasmus af Wedel", "names.v1"),
        at(text, "Mette sagde", "e5tagger.v1"),
    ]
    kept = persons(text, guard_persons(text, spans))
    assert kept == ["Søs", "mette frederiksen", "Rasmus af Wedel", "Mette"]
