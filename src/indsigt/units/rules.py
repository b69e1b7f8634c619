"""Rules for conversational talk (``talk.rules.v3``), per language (da, nb/no, sv, en).

A passage is read as words (lower case) after stage directions are taken out. In order:

1. nothing left but punctuation or a stage direction, or a passage wholly in brackets (a
   transcriber's aside of any length, "[Ten participants have agreed and raised their
   hands.]", mixed brackets "(One participant out of 10]." too), or a transcriber's lead-in
   with nothing after its colon ("The participants expressed their responses in a private
   voting as:") → ``nonverbal`` (v3); filler phrases ("hvad skal man sige", "let me see")
   are then taken out, and if nothing is left → ``filler``;
2. talk about the interview ("kan du gentage spørgsmålet", "you're on mute", "give me a
   second", "I was moving on to next question"; every such phrase of the passage taken
   out), or arranging a follow-up by the contact details the anonymiser left ("skriv til
   [E-MAIL]"), with at most ``max_meta_content`` content words besides → ``interview``; a
   non-answer or hedge ("I don't know", "same answer as above", "that rings a bell", "det
   kan jeg ikke svare på", "vet inte", "Somewhat.") with no content word besides it →
   ``non_answer`` (v2);
3. only pseudonyms or speaker labels and function words ("Person 41.") → ``pseudonym``;
4. only fillers → ``filler``; only greetings/thanks (with backchannels and function words)
   → ``greeting``; only sign-offs → ``signoff``; only backchannels and fillers →
   ``backchannel``;
5. no content word at all (every word a function word, backchannel, filler, number or a
   transcriber's redaction such as "XXXX") → ``no_content``;
6. an apology with at most one content word besides ("Oh, sorry, it's late.", "Undskyld,
   jeg glemte det.") → ``interview`` (v3): the respondent speaks to the interviewer.

Anything else is substantive. Fragments are judged by what they hold, not by their length,
so "Yes, we use PDP plots." stays substantive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from indsigt.lexical import TOKEN
from indsigt.units.base import TalkKind
from indsigt.units.lexicon import (
    APOLOGY,
    BACKCHANNEL,
    BRACKETED,
    CONTACT,
    CONTACT_WORDS,
    FILLER,
    FILLER_PHRASES,
    GREETING,
    LEAD_IN,
    NONVERBAL,
    PSEUDONYM,
    SIGNOFF,
    SIGNOFF_PHRASES,
    THANKS,
    function_words,
    interview_pattern,
    lexicon,
    non_answer_pattern,
)


class RuleTalkDetector:
    """Word lists and patterns; no model. See the module docstring for the order of rules."""

    name: ClassVar[str] = "talk.rules.v3"

    def __init__(self, *, max_meta_content: int = 3) -> None:
        self.max_meta_content = max_meta_content

    def detect(self, texts: Sequence[str], *, language: str) -> list[TalkKind | None]:
        return [self.kind(text, language=language) for text in texts]

    def kind(self, text: str, *, language: str) -> TalkKind | None:
        """The kind of conversational talk ``text`` is, or None if it carries content."""
        spoken = NONVERBAL.sub(" ", text)
        if not _words(spoken) or BRACKETED.match(text) or LEAD_IN.match(text):
            return "nonverbal"
        spoken = FILLER_PHRASES.sub(" ", spoken)
        tokens = _words(spoken)
        if not tokens:
            return "filler"
        function = function_words(language)
        fillers = lexicon(FILLER, language)
        backchannels = lexicon(BACKCHANNEL, language)
        empty = function | fillers | backchannels

        masked = _masked(tokens)

        def content(words: list[str]) -> list[str]:
            return [
                w
                for w in words
                if w not in empty and not w.isdigit() and not _redacted(w, masked=masked)
            ]

        meta = interview_pattern(language)
        if (
            meta.search(spoken) is not None
            and len(content(_words(meta.sub(" ", spoken)))) <= self.max_meta_content
        ):
            return "interview"
        answer = non_answer_pattern(language)
        if answer.search(spoken) is not None and not content(_words(answer.sub(" ", spoken))):
            return "non_answer"
        thanks = THANKS.search(spoken)
        if thanks is not None:
            rest = _words(spoken[: thanks.start()] + " " + spoken[thanks.end() :])
            if len(content(rest)) <= self.max_meta_content:
                return "greeting"
        if CONTACT.search(text):  # the placeholder is a bracket: already out of ``spoken``
            rest = [
                w for w in content(_words(PSEUDONYM.sub(" ", spoken))) if w not in CONTACT_WORDS
            ]
            if len(rest) <= self.max_meta_content:
                return "interview"
        if PSEUDONYM.search(spoken):
            rest = _words(PSEUDONYM.sub(" ", spoken))
            if not content(rest):
                return "pseudonym"
        if all(w in fillers for w in tokens):
            return "filler"
        talk = fillers | backchannels | function
        greetings = lexicon(GREETING, language)
        signoffs = lexicon(SIGNOFF, language)
        farewell = SIGNOFF_PHRASES.search(spoken)
        if farewell is not None and all(
            w in talk or w in greetings or w in signoffs
            for w in _words(spoken[: farewell.start()] + " " + spoken[farewell.end() :])
        ):
            return "signoff"
        if any(w in greetings and w not in talk for w in tokens) and all(
            w in greetings or w in talk for w in tokens
        ):
            return "greeting"
        if any(w in signoffs and w not in talk for w in tokens) and all(
            w in signoffs or w in talk or w in greetings for w in tokens
        ):
            return "signoff"
        if all(w in fillers or w in backchannels for w in tokens):
            return "backchannel"
        if not content(tokens):
            return "no_content"
        if APOLOGY.search(spoken) and len(content(_words(APOLOGY.sub(" ", spoken)))) <= 1:
            return "interview"
        return None


def content_words(text: str, *, language: str) -> int:
    """How many content words ``text`` holds: words that are not function words, fillers,
    backchannels, numbers, pseudonyms, stage directions, redactions ("XXXX") or non-answers
    and hedges ("I don't know", "that rings a bell")."""
    spoken = FILLER_PHRASES.sub(" ", PSEUDONYM.sub(" ", NONVERBAL.sub(" ", text)))
    spoken = non_answer_pattern(language).sub(" ", spoken)
    empty = function_words(language) | lexicon(FILLER, language) | lexicon(BACKCHANNEL, language)
    words = _words(spoken)
    masked = _masked(words)
    return sum(
        1
        for w in words
        if w not in empty and not w.isdigit() and len(w) > 1 and not _redacted(w, masked=masked)
    )


def _redacted(word: str, *, masked: bool = False) -> bool:
    """A transcriber's redaction ("XXXX", "XX"): letters blacked out, no content; in a
    passage that has one (``masked``), a lone "X" is a blacked-out letter too ("XXX X
    XXXXXXX"), elsewhere a word ("the x axis")."""
    return set(word) == {"x"} and (len(word) > 1 or masked)


def _masked(words: Sequence[str]) -> bool:
    return any(len(w) > 1 and set(w) == {"x"} for w in words)


def _words(text: str) -> list[str]:
    return [match.group().lower().replace("’", "'") for match in TOKEN.finditer(text)]
