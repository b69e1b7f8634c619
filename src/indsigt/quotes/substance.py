"""Whether a quote says something, and where it starts saying it.

A report's pull quote is read apart from the interview, so it must carry the matter itself.
pdpilot's report printed quotes that did not: "If there was like something else, I think it
would be that would make it." (one content word), "You know, I mean, like places where we know
…" (three fillers in 22 words), "I wasn't able to perform well between those you asked me to
do no." (talk about the interview's tasks). And one opened on the respondent repeating the
interviewer's question ("Do I use both PDP and ICE plots? Honestly, …"): the answer starts
after it. The rules are general and work on the quote as the report prints it (spoken
fillers out, :func:`indsigt.units.publishable`).
"""

from __future__ import annotations

import re

from indsigt._words import SAID
from indsigt.analyse.keypoints.candidates import HEDGED
from indsigt.themes.components import stem_words
from indsigt.units import publishable
from indsigt.units.lexicon import (
    discourse_filler_pattern,
    discourse_fillers,
    to_interviewer_pattern,
)
from indsigt.units.rules import content_words

# A quote said haltingly needs at least this many content words ("something", "it", "that",
# "thing" are none); any quote at least two.
MIN_CONTENT = 3
# More than one discourse filler in this many words reads as talk, not as a finding.
WORDS_PER_FILLER = 8


def says_little(text: str, *, language: str) -> str:
    """Why ``text`` says too little to be a quote ("" when it says enough): fewer than two
    content words, or fewer than :data:`MIN_CONTENT` said haltingly (a filler, a stutter or a
    false start: "So I, I, I'm just going to backtrack a bit on that statement."; a focus
    group's clean "He can buy anything with that or even he can get another marriage." is a
    quote); more than one discourse filler in :data:`WORDS_PER_FILLER` words; talk to the
    interviewer about the interview; or an opening on the speaker's own uncertainty ("I don't
    know if this is using in this plots with the scatter plots.", no key point either:
    :data:`indsigt.analyse.keypoints.candidates.HEDGED`)."""
    printed = publishable(text, language=language)
    said = len(SAID.findall(printed))
    content = content_words(printed, language=language)
    fillers = discourse_fillers(printed, language=language)
    halting = fillers > 0 or said < len(SAID.findall(text))
    if content < 2 or (content < MIN_CONTENT and halting):
        return "holds too few content words"
    if fillers * WORDS_PER_FILLER > said or _opens_on_fillers(printed, language):
        return "is thick with fillers ('like', 'you know', 'I mean')"
    if to_interviewer_pattern(language).search(printed):
        return "talks to the interviewer about the interview"
    if HEDGED.search(printed):
        return "opens on the speaker's own uncertainty ('I don't know if …', 'I'm not sure …')"
    return ""


def _opens_on_fillers(text: str, language: str) -> bool:
    """Whether ``text`` opens on two fillers or more in a row: "You know, I mean, like places
    where …" searches for words however long the rest is."""
    pattern = discourse_filler_pattern(language).pattern
    return re.match(rf"\W*(?:{pattern}\W+){{2,}}", text, re.IGNORECASE) is not None


def asks(text: str) -> bool:
    """Whether ``text`` ends in a question mark (a closing quote or bracket after it)."""
    return text.rstrip(" \"'”»)").endswith("?")


def echoes(text: str, question: str, *, language: str) -> bool:
    """Whether ``text`` is the respondent's question repeating the interviewer's ``question``:
    it ends in "?" and at least two thirds of its content words (at least two) are in the
    question ("Do I use both PDP and ICE plots?" after "do you use PDP and ICE plots in your
    work?")."""
    if not asks(text) or not question:
        return False
    own = {stem for stem, _ in stem_words(text, language)}
    asked = {stem for stem, _ in stem_words(question, language)}
    return len(own) >= 2 and 3 * len(own & asked) >= 2 * len(own)
