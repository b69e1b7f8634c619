"""Publishable quotes: fillers and false starts out, omissions marked "[…]"."""

from __future__ import annotations

import pytest

from indsigt.units import publishable


def test_the_sample_studys_false_start_and_laughter() -> None:
    verbatim = (
        "En landmand eller en entreprenør, de forventer at kunne følge sagen, ligesom når de "
        "følger en pakke, der er på vej... øh, nej, det er måske et dårligt eksempel, for det "
        "går jo heller ikke altid godt (griner)."
    )
    assert publishable(verbatim, language="da") == (
        "En landmand eller en entreprenør, de forventer at kunne følge sagen, ligesom når de "
        "følger en pakke, der er på vej […] det er måske et dårligt eksempel, for det går jo "
        "heller ikke altid godt."
    )


@pytest.mark.parametrize(
    ("verbatim", "language", "clean"),
    [
        # never starts inside a filler
        (
            "Øh, altså, der er jo mange muligheder i det.",
            "da",
            "Der er jo mange muligheder i det.",
        ),
        # a filler inside a sentence goes without a mark
        (
            "Vi havde en sagsbehandlingstid på, øh, ni uger.",
            "da",
            "Vi havde en sagsbehandlingstid på ni uger.",
        ),
        # a break-off and correction is an omission; never ends on a tag
        (
            "For jeg er ikke – altså, jeg kan ikke programmere, vel.",
            "da",
            "For jeg er ikke […] jeg kan ikke programmere.",
        ),
        (
            "Um, so I think, I think the plots were, uh, useful for us, you know.",
            "en",
            "So I think the plots were useful for us.",
        ),
        ("But it's it's typically a line plot.", "en", "But it's typically a line plot."),
        (
            "It is a must for girls,because they marry at 1,5 times.",
            "en",
            "It is a must for girls, because they marry at 1,5 times.",
        ),
        (
            "Leaders have to be comfortable with not knowing. Um. In a legalistic organisation.",
            "en",
            "Leaders have to be comfortable with not knowing. In a legalistic organisation.",
        ),
        # a word said again after an adverb: the English verb after it, the Nordic before it
        (
            "I am studying still studying and I want to become a teacher.",
            "en",
            "I am still studying and I want to become a teacher.",
        ),
        (
            "Vi arbejder stadig arbejder med det nye system.",
            "da",
            "Vi arbejder stadig med det nye system.",
        ),
        # Danish "er" (is) is not the English filler "er"
        ("Det er frustrerende, øh.", "da", "Det er frustrerende."),
        ("Ja, altså... sidste forår havde vi en sag.", "da", "Sidste forår havde vi en sag."),
        # a filler between dashes, as transcribers write a hesitation, goes with its dashes
        ("Vi har - øh - skåret i budgettet.", "da", "Vi har skåret i budgettet."),
        ("Vi har – øhm, – skåret (pause) i budgettet.", "da", "Vi har skåret i budgettet."),
    ],
)
def test_fillers_and_false_starts(verbatim: str, language: str, clean: str) -> None:
    assert publishable(verbatim, language=language) == clean


def test_text_without_fillers_is_unchanged() -> None:
    text = "Vi har en nulfejlskultur i det offentlige, og den er ikke kommet ud af ingenting."
    assert publishable(text, language="da") == text


@pytest.mark.parametrize(
    ("verbatim", "language", "clean"),
    [
        # the sample study's report printed "sammen med, og."
        (
            "For det andet har vi et læringsnetværk sammen med [kommune], [kommune] og [kommune].",
            "da",
            "For det andet har vi et læringsnetværk sammen med [kommune], [kommune] og [kommune].",
        ),
        (
            'Vår egen digitala vårdcentral, "[projekt]" kallar vi den [skratt].',
            "sv",
            'Vår egen digitala vårdcentral, "[projekt]" kallar vi den.',
        ),
        (
            "We met [name] (laughs) at the [municipality] office.",
            "en",
            "We met [name] at the [municipality] office.",
        ),
    ],
)
def test_the_anonymisers_placeholders_stay_in_a_quote(
    verbatim: str, language: str, clean: str
) -> None:
    assert publishable(verbatim, language=language) == clean


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Og det skal vi heller ikke.", "da"),  # printed "Og det skal vi heller." before
        ("Det var sådan.", "da"),
        ("Det er det vi satser på.", "no"),
        ("Det är så.", "sv"),
        # a word said twice as grammar is no stutter
        ("Den kan kun tale med præcis det, det skal tale med, og ikke andet.", "da"),
        ("Det är det det handlar om.", "sv"),
        ("And that's the average of the average of what?", "en"),
        ("That's very, very helpful.", "en"),
        ("XXXX XX XX XXXXXXX XXX.", "en"),  # a transcriber's redaction, word by word
    ],
)
def test_grammar_is_no_tag_and_no_stutter(text: str, language: str) -> None:
    assert publishable(text, language=language) == text
