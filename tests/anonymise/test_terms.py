"""Words that name a thing are no person (stop 33, s32 read A3): the real cases of the
PDPilot and GENNOVATE studies stay as written, and a real name in the same place stays
masked."""

from __future__ import annotations

import pytest

from indsigt.anonymise import default_detectors, detect
from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.terms import drop_terms

TAGGER = "e5tagger.v1"


def span(text: str, surface: str, detector: str = TAGGER, after: int = 0) -> Span:
    start = text.index(surface, after)
    return Span(start, start + len(surface), PER, 0.8, detector)


def kept(text: str, surface: str, *, others: tuple[str, ...] = (), after: int = 0) -> bool:
    """Does ``surface`` (a person span of the tagger) survive, beside ``others`` (person
    spans of the tagger elsewhere in the text)?"""
    spans = [span(text, surface, after=after)] + [span(text, o) for o in others]
    found = drop_terms(text, spans, language="en")
    return any(text[s.start : s.end] == surface for s in found)


# P1016 (PDPilot P4): "Shapley" tagged once, written at a dozen other places.
SHAPLEY = (
    "Um, as I said, on the over the, um, chat I usually use {} for\ninterpretation. "
    "So typically, uh, you know, {} for XGBoost. Um, and, you know, um, {} is a great "
    "tool. You can look at {} drift. Usually the {} values, yeah. I look at the {} summary "
    "plot."
)


def test_a_word_called_a_person_at_one_of_its_many_mentions_stays_masked() -> None:
    """ "Shapley" cannot be told from a rare name the tagger missed four times of five: the
    safe side (propagation then masks the other mentions)."""
    text = SHAPLEY.format(*["Shapley"] * 6)
    assert kept(text, "Shapley")


def test_a_name_the_tagger_calls_a_person_at_most_of_its_mentions_stays_masked() -> None:
    text = SHAPLEY.format(*["Nasima"] * 6)
    first = text.index("Nasima")
    spans = [Span(m, m + 6, PER, 0.8, TAGGER) for m in _all(text, "Nasima")]
    found = drop_terms(text, spans, language="en")
    assert any(s.start == first for s in found) and len(found) == 6


def test_a_first_name_at_one_of_its_mentions_stays_masked() -> None:
    text = SHAPLEY.format(*["Mette"] * 6)
    assert kept(text, "Mette")


def _all(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


@pytest.mark.parametrize(
    "text",
    [
        # P1406 (PDPilot P5), with the PDF's line break that hid "Monte" from the lexicon.
        "So I'm not like doing a\nMonte Carlo simulation and like replacing.",
        "So I'm not like doing a Monte Carlo simulation and like replacing.",
    ],
)
def test_monte_carlo_is_no_person(text: str) -> None:
    detectors = default_detectors(tagger=None)
    persons = [text[s.start : s.end] for s in detect(text, detectors, language="en")]
    assert not any("Carlo" in p for p in persons), persons


@pytest.mark.parametrize(
    "text",
    [
        "So I'm not like talking to\nDaniel Carlo and like replacing.",
        "Thanks Carlo and best of luck with it.",
        "Or I don't know if I'm wearing more of a I'm Carlo and I'm trying to bid on homes",
        "Then Uncle Carlo came.",
        "I was doing a\nsimulation with Carlo and like replacing.",
    ],
)
def test_a_name_beside_the_same_words_stays_masked(text: str) -> None:
    detectors = default_detectors(tagger=None)
    persons = [text[s.start : s.end] for s in detect(text, detectors, language="en")]
    assert any("Carlo" in p for p in persons), persons


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # GENNOVATE BD3 F, P44: a Bangla farm word glossed in brackets (and in lower case).
        ("The girls learn farming works like Pani Sech,(irrigation) Nirani Kaaj.", "Pani"),
        ("The girls learn farming works like pani sech,(irrigation) nirani kaaj.", "pani sech"),
        # ET1 M, P1257 and the saying before it.
        ("‘Aheya yelilew ferese yigzal’, literally means the donkey will", "Aheya"),
        ("as the saying goes “Beedilu Yadgal’ literally translated as “a child", "Beedilu Yadgal"),
        ("gift of land and ‘Gebera’ (bridal gift) to give to their daughters", "Gebera"),
        ("a saying: Hasher Baccha Kaak er Bhoy (Ducklings are afraid of Crows) Same", "Bhoy"),
        # PK5 F: "Bhoosa called Parrorhh in the local context".
        ("Wheat Husk (Bhoosa called Parrorhh in the local context) used for food", "Parrorhh"),
        # PDPilot P3, P890: an Ames-housing neighbourhood.
        ("so for the Edwards neighborhood, with total basement area", "Edwards"),
        ("there is no gender equality in Islam. In our community", "Islam"),
    ],
)
def test_a_glossed_term_a_place_or_a_faith_is_no_person(text: str, term: str) -> None:
    assert not kept(text, term)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("You too, Daniel (laughs) and best of luck with it.", "Daniel"),
        ("I spoke to Nasima (her neighbour) about it.", "Nasima"),
        ("I spoke to Nasima (the tailor) about it.", "Nasima"),
        ("Hawa (a farmer) sells the milk.", "Hawa"),
        ("so for the Edwards family, with total basement area", "Edwards"),
        ("Monir would say: Hawa, literally, you do your work", "Hawa"),
        ("I believe in Nasima's plan.", "Nasima's"),
    ],
)
def test_a_name_in_the_same_places_stays_masked(text: str, name: str) -> None:
    assert kept(text, name)


def test_a_glossed_name_the_text_calls_a_person_elsewhere_stays_masked() -> None:
    text = "Rafik (sugarcane trader) will not allow her. Rafik said no."
    assert kept(text, "Rafik", others=("Rafik",), after=0)


def test_trusted_detectors_are_never_second_guessed() -> None:
    text = "so for the Edwards neighborhood, with total basement area"
    found = drop_terms(
        text, [span(text, "Edwards", "participants.v1")], trusted={"participants.v1"}
    )
    assert len(found) == 1


def test_a_name_in_the_genitive_counts_its_mentions_as_the_name() -> None:
    """Regression: GENNOVATE's "Ana’s" (7 mentions) and "Deeni’s" (5) were unmasked when
    the genitive was counted apart from the name the tagger called a person everywhere."""
    text = "Adam will accept Ana’s joining. " * 4 + "Adam may not ask if Ana is busy. " * 3
    spans = [Span(m, m + 5, PER, 0.8, TAGGER) for m in _all(text, "Ana’s")]
    spans += [Span(m, m + 3, PER, 0.8, TAGGER) for m in _all(text, "Ana ")]
    assert len(drop_terms(text, spans, language="en")) == 7


def test_a_word_written_in_lower_case_more_often_is_no_person() -> None:
    """GENNOVATE BD4 M, P954 ("Response Private votingVery easy 1Easy 1…"): a table heading
    capitalises the word the transcript writes "private voting" elsewhere."""
    text = (
        "The result of private voting 5 04 13. Some youth enter private company jobs. "
        "Response Private votingVery easy 1Easy 1"
    )
    assert not kept(text, "Private")


@pytest.mark.parametrize(
    "text",
    [
        # a surname that is also a noun, capitalised more often than not
        "King said no. We asked King again, and King agreed. The king of the village came.",
        # a first name that is also a word
        "Mark will not use the income. He made a mark on the wall.",
    ],
)
def test_a_name_also_written_as_a_word_stays_masked(text: str) -> None:
    assert kept(text, "King" if "King" in text else "Mark", after=0)
