"""Whether a quote says something (quotes/substance.py), on pdpilot's and GENNOVATE's words."""

from __future__ import annotations

import pytest

from indsigt.quotes.substance import echoes, says_little
from indsigt.units.lexicon import discourse_fillers as fillers


@pytest.mark.parametrize(
    ("said", "why"),
    [
        # pdpilot's report printed these as pull quotes (P1764, P1951, P2582, P1985)
        (
            "If there was like something else, I think it would be that would make it.",
            "holds too few content words",
        ),
        (
            "Uh, I wasn't able to perform well, uh, between those you asked me to do no.",
            "talks to the interviewer about the interview",
        ),
        (
            "You know, I mean, like places where we know we have very different and "
            "heterogeneous populations, but I don't think of anything too.",
            "is thick with fillers ('like', 'you know', 'I mean')",
        ),
        # … and with the next passage: three fillers in 27 words, but it opens on them
        (
            "You know, I mean, like places where we know we have very different and "
            "heterogeneous populations, but I don't think of anything too. Cutting edge or "
            "elaborate.",
            "is thick with fillers ('like', 'you know', 'I mean')",
        ),
        (
            "Uh, I would like to know that, uh, note that, uh, with, uh, PDPilot.",
            "holds too few content words",
        ),
        # a halting sentence needs three content words: two said with a stutter are too few
        (
            "So I, I, I'm just going to backtrack a bit on that statement.",
            "holds too few content words",
        ),
        (
            "No, well I mean, you walked me through it very comprehensively, so it wasn't "
            "unclear, no.",
            "talks to the interviewer about the interview",
        ),
        # a key point's hedge is no quote either (pdpilot's theme 2, P2334)
        (
            "I don't know if this is using in this plots with the scatter plots.",
            "opens on the speaker's own uncertainty ('I don't know if …', 'I'm not sure …')",
        ),
    ],
)
def test_a_quote_without_content_says_little(said: str, why: str) -> None:
    assert says_little(said, language="en") == why


@pytest.mark.parametrize(
    "said",
    [
        "Honestly, I don't think we will use ICE plots because our sample size is so huge, we "
        "have to down sample.",
        # "I really like", "looks like": no fillers; one "is like" in 30 words is no thickness
        "I really like using that. because that is something I want to look at is like, given "
        "this feature, I want to look at all the other interactions with it.",
        "I think they were both useful. I think the highlighting was probably more useful, but "
        "the clustering is also quite useful.",
        # GENNOVATE: two content words said cleanly are a focus group's point
        "He can buy anything with that or even he can get another marriage.",
        "Vi bruger data til at planlægge hjemmeplejen i hele kommunen.",
    ],
)
def test_a_quote_with_content_says_enough(said: str) -> None:
    language = "da" if said.startswith("Vi ") else "en"
    assert says_little(said, language=language) == ""


def test_fillers_are_counted_where_they_are_no_verb_comparison_or_noun() -> None:
    assert fillers("I like it, it looks like a tree and I would like more.", language="en") == 0
    assert fillers("What kind of data and a sort of plot?", language="en") == 0
    assert fillers("It's like really easy, kind of, you know.", language="en") == 3
    assert fillers("Altså, vi har ligesom ikke nogen data, du ved.", language="da") == 3
    assert fillers("Det är en typ av data, typ.", language="sv") == 1
    # Norwegian "like" is a word ("like mye": as much); only English phrases are borrowed
    assert fillers("Vi har like mye data, you know.", language="nb") == 1


def test_a_question_the_respondent_repeats_is_an_echo() -> None:
    asked = (
        "So the first question is, I guess, do you use PDP and ICE plots in your work? And if "
        "so, what is your current approach to using them?"
    )
    assert echoes("Do I use both PDP and ICE plots?", asked, language="en")
    assert not echoes("Why would anyone look at residuals?", asked, language="en")
    assert not echoes("We use PDP and ICE plots.", asked, language="en")  # no question
    assert not echoes("Do I use both PDP and ICE plots?", "", language="en")
