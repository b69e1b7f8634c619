"""Publishable quotes: spoken fillers and false starts taken out of a verbatim quote.

The convention ("clean verbatim"): hesitation sounds (øh, um, eh, öh), stage directions
("(griner)", "[laughs]") and stuttered repeats ("I, I think") go without a mark; a false start
— speech that trails off ("på vej... øh, nej, det er") or breaks off to be corrected ("jeg er
ikke – altså, jeg kan ikke") — is replaced by "[…]", the mark for an omission. A quote never
starts or ends inside a filler: leading and trailing fillers, discourse markers and tag
questions ("Øh, altså, …", "…, ik'.", "…, you know.") are trimmed. The verbatim text stays in
the evidence list; a study setting turns this off (see :mod:`indsigt.report.pullquotes`).
"""

from __future__ import annotations

import functools
import re

from indsigt.anonymise.policy import PLACEHOLDER_TEXTS
from indsigt.units.lexicon import (
    BACKCHANNEL,
    FILLER,
    NONVERBAL,
    RESAID,
    SPOKEN_FILLER,
    lexicon,
)

OMISSION = "[…]"
_W = r"\w+(?:['’]\w+)?"  # a word, "it's" one word
# Words that announce a correction after a break: "… nej, det var om affaldsgebyr".
_CORRECTION = (
    r"nej|nei|no|undskyld|unnskyld|förlåt|sorry|jeg mener|jeg mente|jag menar|i mean|eller"
    r"|altså|alltså|hvad hedder det|what's it called"
)


@functools.cache
def _patterns(language: str) -> tuple[re.Pattern[str], ...]:
    spoken = "|".join(sorted(lexicon(SPOKEN_FILLER, language), key=len, reverse=True))
    fillers = "|".join(
        sorted(
            (lexicon(FILLER, language) | lexicon(SPOKEN_FILLER, language)) - {"like"},
            key=len,
            reverse=True,
        )
    )
    backchannels = "|".join(sorted(lexicon(BACKCHANNEL, language), key=len, reverse=True))
    flags = re.IGNORECASE
    filler_run = rf"(?:(?:{spoken})[,.]?\s+)*"
    return (
        # 0: a trail-off (… or ...) inside a sentence, then optional fillers and a correction
        re.compile(
            rf"\s*(?:\.\.\.|…)\s+{filler_run}(?:(?:{_CORRECTION})\b[,.]?\s*)?(?=\w)",
            flags,
        ),
        # 1: a break-off dash followed by fillers and a correction word
        re.compile(
            rf"\s+[–—-]\s+{filler_run}(?:{_CORRECTION})\b,?\s*(?=\w)",
            flags,
        ),
        # 2: a spoken filler inside a sentence, with its commas, or said as a sentence of its
        # own ("… not knowing. Um. In a legalistic organisation …")
        re.compile(rf",?\s*\b(?:{spoken})\b,?(?=\s)|(?<=[.!?])\s+(?:{spoken})[.,!?]*(?=\s)", flags),
        # 3: leading fillers, discourse markers and backchannels ("Øh, altså, ja, …")
        re.compile(
            rf"^\s*(?:(?:{fillers})\b[,.!]*\s+|(?:{backchannels})[,.!]+\s+)+(?=\w|\[)",
            flags,
        ),
        # 4: trailing tag or filler (", ik'.", ", vel.", ", you know.", ", right?", "øh."): a
        # tag or discourse marker only after a comma — "Og det skal vi heller ikke." is no
        # tag, "Det var sådan." and "… det vi satser på." no fillers.
        re.compile(
            rf"(?:,\s*(?:{fillers}|you know|ikke sant|ik'|right|ikke|oder hur)|[,\s]+(?:{spoken}))"
            rf"\s*([.!?]?)\s*$",
            flags,
        ),
        # 5: stuttered repeat of one to three words ("I, I", "for for", "it was, it was"); two
        # or three words only with the comma a stutter has: "the average of the average" is
        # what was said
        re.compile(rf"\b({_W}(?:\s+{_W}){{1,2}}),\s+\1\b|\b({_W}),?\s+\2\b", flags),
    )


# A word said twice that is grammar or emphasis, not a stutter: "præcis det, det skal tale
# med" (that which), "det är det det handlar om", "I think that that is", "we had had", "very,
# very helpful".
_DOUBLED = frozenset({"det", "der", "that", "had", "very", "really", "meget", "mycket", "veldig"})


_RESAID = re.compile(RESAID, re.IGNORECASE)


def _stutter_out(found: re.Match[str]) -> str:
    said = found[1] or found[2]
    if said.lower() in _DOUBLED or not said.strip("Xx "):  # "XX XX": two redacted words
        return found[0]
    return said


def _direction_out(found: re.Match[str]) -> str:
    """A stage direction ("(griner)", "[laughs]") goes; the anonymiser's placeholder stays:
    "sammen med [kommune], [kommune] og [kommune]" printed as "sammen med, og." before."""
    return found[0] if found[0] in PLACEHOLDER_TEXTS else " "


def publishable(text: str, *, language: str = "da") -> str:
    """``text`` without spoken fillers, stage directions and false starts (see the module
    docstring); omissions inside the quote marked "[…]"."""
    trail, dash, spoken, leading, trailing, repeat = _patterns(language)
    out = NONVERBAL.sub(_direction_out, text)
    out = re.sub(r"[ \t]+", " ", out).strip()
    out = trail.sub(f" {OMISSION} ", out)
    out = dash.sub(f" {OMISSION} ", out)
    out = spoken.sub("", out)
    out = re.sub(r"\s[–—-](?:,?\s+[–—-])+(?=\s)", "", out)  # "har - øh - skåret": "har skåret"
    for _ in range(2):  # "for for for"
        out = repeat.sub(_stutter_out, out)
    # "I am studying still studying" → "I am still studying"; a Nordic verb comes second, so
    # "Vi arbejder stadig arbejder med" → "Vi arbejder stadig med"
    out = _RESAID.sub(r"\2 \1" if language == "en" else r"\1 \2", out)
    for _ in range(3):
        out = leading.sub("", out)
        out = re.sub(rf"^{re.escape(OMISSION)}\s*", "", out)
        out = trailing.sub(r"\1", out)
    out = re.sub(r"\s*(?:\.\.\.|…)\s*$", ".", out)  # trailing off at the very end
    out = re.sub(rf"\s*{re.escape(OMISSION)}\s*([.!?]?)$", r"\1", out)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r",\s*,", ",", out)
    out = re.sub(r"(?<=[^\W\d_]),(?=[^\W\d_])", ", ", out)  # "for girls,because" (a typo)
    out = re.sub(r"\s{2,}", " ", out).strip(" ,;:–—-")
    if out and out[0].islower():
        out = out[0].upper() + out[1:]
    if out and out[-1].isalnum():
        out += "."
    return out
