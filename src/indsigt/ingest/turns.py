"""Speaker turns in running text: "Navn: tekst", "I:", "R1:", "INTERVIEWER:", "[00:01:02] Navn:",
"Navn: (00:03)"; and a speaker's name with a time on a line of its own, the turn on the lines
below ("Mette Hansen   0:03", as Microsoft Teams and Otter.ai write transcripts).

Used by the text, Word and PDF importers. A line that starts with a speaker label opens a turn;
unlabelled lines continue the previous turn. Lines before the first label (a title, a date) are
a preamble and belong to no turn. A candidate label counts when it is a known role word
("I", "Interviewer", "R2", "Moderator", …), when the importer vouches for it (a bold label in
Word), or when it labels at least two lines and reads like a name or a role.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from indsigt._words import words as _words
from indsigt.ingest.base import ParsedTurn
from indsigt.records import SpeakerRole

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"  # a clock time in a transcript, "0:03"
# A name or role, and what a transcriber adds in brackets ("Anne (interviewer)", "Bo (kommune)")
_LABEL = r"(?P<label>[^\W_][\w.'’&/\- ]{0,39}?(?:[ \t]*\([^\W_][\w.'’&/\- ]{0,29}\))?)"
_BOLD = r"(?:\*\*|__)?"  # Markdown: "**Bo:**" or "**Bo**:"
_LABEL_LINE = re.compile(
    rf"^[ \t]*{_BOLD}(?:[\[(]?{TIME}[\])]?[ \t]+)?{_LABEL}"
    rf"[ \t]*(?:[\[(]{TIME}[\])])?[ \t]*{_BOLD}:{_BOLD}[ \t]*(?:[\[(]{TIME}[\])][ \t]*)?",
    re.MULTILINE,
)
_BRACKETED = re.compile(r"^(?P<name>.*?)[ \t]*\((?P<note>[^()]*)\)$")
# A name and a time alone on a line; the turn follows on the next lines. Read before the
# labels above, which would take "Mette Hansen   0" for the label and "03" for the turn.
_HEADER_LINE = re.compile(rf"^[ \t]*{_LABEL}[ \t]+(?:{TIME}|[\[(]{TIME}[\])])[ \t]*$", re.MULTILINE)

INTERVIEWER_WORDS = _words(
    """
    i int interviewer intervieweren interviewer1 interviewer2 moderator moderatoren
    facilitator q spørger intervjuer intervjuare intervjuaren forsker researcher konsulent
    ordstyrer samtaleleder
    """
)
RESPONDENT_WORDS = _words(
    """
    r a respondent respondenten informant informanten deltager deltaker deltagare
    participant interviewee svarperson p
    """
)
_ROLE_WITH_NUMBER = re.compile(r"^(?:(?P<word>[^\W\d_]+)[ \t]*)?(?P<num>\d{1,3})$", re.IGNORECASE)


def role_word(label: str) -> SpeakerRole | None:
    """The role a label names by itself ("I", "R1", "Deltager 2", "Anne (interviewer)"), or
    None for a name."""
    bracketed = _BRACKETED.match(label.strip())
    if bracketed:
        return role_word(bracketed["note"]) or role_word(bracketed["name"])
    key = label.strip().lower().rstrip(".")
    match = _ROLE_WITH_NUMBER.match(key)
    if match:
        key = (match.group("word") or "").lower()
        if not key:
            return None
    compact = key.replace(" ", "")
    if key in INTERVIEWER_WORDS or compact in INTERVIEWER_WORDS:
        return "interviewer"
    if key in RESPONDENT_WORDS or compact in RESPONDENT_WORDS:
        return "respondent"
    return None


_PARTICLES = frozenset({"von", "van", "de", "af"})  # lower-case words inside a name
_INITIAL = re.compile(r"[^\W\d_]\.")  # "Mette Ø."


def speaker_name(label: str) -> str:
    """The name a speaker label gives ("Bo Berg (kommune)" → "Bo Berg", "Anne (interviewer)"
    → "Anne", "Bo"), or "" where it names no one: a role word ("I", "R1"), initials or an
    abbreviation ("IP", "KV"), a role with a number or a letter ("Kvinde 1", "Kommune A").
    What the anonymiser looks for in the text as the speaker, so every word (but particles
    and initials) must be written as a name."""
    name = _without_note(label)
    if role_word(name) is not None or not _looks_like_name(name):
        return ""
    words = [w for w in name.split() if w not in _PARTICLES and not _INITIAL.fullmatch(w)]
    written = bool(words) and all(
        len(part) >= 2 and part[0].isupper() and part[1:].isalpha() and part[1:].islower()
        for word in words
        for part in re.split(r"[-'’]", word)
    )
    return name if written else ""


def _without_note(label: str) -> str:
    """The label without what a transcriber added in brackets ("Bo (kommune)" → "Bo")."""
    bracketed = _BRACKETED.match(label.strip())
    return (bracketed["name"] if bracketed else label).strip()


def _looks_like_name(label: str) -> bool:
    words = _without_note(label).split()
    if not 1 <= len(words) <= 5:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _PARTICLES for w in words)


def find_turns(text: str, *, known_labels: Iterable[str] = ()) -> list[ParsedTurn]:
    """Turns in ``text``; if no line carries a speaker label, one turn of speaker ''."""
    known = {label.strip() for label in known_labels if label.strip()}
    headers = list(_HEADER_LINE.finditer(text))
    taken = {m.start() for m in headers}
    candidates = [m for m in _LABEL_LINE.finditer(text) if m.start() not in taken]
    candidates = sorted([*candidates, *headers], key=lambda m: m.start())
    counts = Counter(m.group("label").strip() for m in candidates)
    accepted = {
        label
        for label, count in counts.items()
        if label in known
        or role_word(label) is not None
        or (count >= 2 and _looks_like_name(label))
    }
    # Lines consisting only of a label the importer vouches for (a bold name on its own line).
    own_line = (
        re.compile(
            r"^[ \t]*(?P<label>"
            + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
            + r")[ \t]*:?[ \t]*$",
            re.MULTILINE,
        )
        if known
        else None
    )

    openings: list[tuple[int, int, str]] = []  # (line start, content start, label)
    for match in candidates:
        label = match.group("label").strip()
        if label in accepted:
            openings.append((match.start(), match.end(), label))
    if own_line is not None:
        for match in own_line.finditer(text):
            if not any(start == match.start() for start, _, _ in openings):
                openings.append((match.start(), match.end(), match.group("label")))
        openings.sort()

    if not openings:
        return [ParsedTurn("", *_strip(text, 0, len(text)))] if text.strip() else []
    turns: list[ParsedTurn] = []
    for index, (_, content, label) in enumerate(openings):
        end = openings[index + 1][0] if index + 1 < len(openings) else len(text)
        start, stop = _strip(text, content, end)
        if start >= stop:
            continue
        # Two labelled paragraphs of one speaker stay two turns: merging them would put the
        # second label inside the turn's text.
        turns.append(ParsedTurn(label, start, stop))
    return turns


def label_spans(text: str, label: str) -> list[tuple[int, int]]:
    """Where ``label`` stands as a speaker label in ``text`` — before a colon (after a time,
    in bold, with a time in brackets), alone on its line, or before a time on its own line —
    as (start, end) of the label's own characters: what the anonymiser replaces by the
    speaker's pseudonym, in every form :func:`find_turns` reads."""
    name = re.escape(label.strip())
    if not name:
        return []
    forms = (
        rf"^[ \t]*{_BOLD}(?:[\[(]?{TIME}[\])]?[ \t]+)?(?P<at>{name})"
        rf"(?=[ \t]*(?:[\[(]{TIME}[\])])?[ \t]*{_BOLD}:)",
        rf"^[ \t]*{_BOLD}(?P<at>{name}){_BOLD}[ \t]*:?[ \t]*$",
        rf"^[ \t]*(?P<at>{name})[ \t]+(?:{TIME}|[\[(]{TIME}[\])])[ \t]*$",
    )
    found = {
        (match.start("at"), match.end("at"))
        for form in forms
        for match in re.finditer(form, text, re.MULTILINE)
    }
    return sorted(found)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def guess_roles(text: str, turns: list[ParsedTurn]) -> dict[str, SpeakerRole]:
    """Interviewer or respondent for each speaker label.

    Role words decide first. Among named speakers, if no interviewer is known yet, the one
    whose turns most often end in a question is the interviewer (when that share is high).
    """
    labels = list(dict.fromkeys(t.speaker for t in turns))
    roles: dict[str, SpeakerRole] = {}
    for label in labels:
        roles[label] = role_word(label) or "respondent"
    if len(labels) >= 2 and "interviewer" not in roles.values():
        share = {label: _question_share(text, turns, label) for label in labels}
        named = [label for label in labels if role_word(label) is None]
        if len(named) == 1 and len(labels) >= 2:
            # "Dan" beside "Participant": the one named speaker asks, if anyone does.
            only = named[0]
            if share[only] > max(share[label] for label in labels if label != only):
                roles[only] = "interviewer"
        elif named:
            best = max(named, key=lambda label: share[label])
            others = [share[label] for label in labels if label != best]
            if share[best] >= 0.35 and share[best] > 2 * max(others, default=0.0):
                roles[best] = "interviewer"
    return roles


def _question_share(text: str, turns: list[ParsedTurn], label: str) -> float:
    own = [t for t in turns if t.speaker == label]
    if not own:
        return 0.0
    asked = sum(1 for t in own if "?" in text[max(t.start, t.end - 200) : t.end])
    return asked / len(own)
