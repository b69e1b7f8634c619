"""Speaker turns in running text, in the forms transcripts are written and exported in:
"Navn: tekst", "I:", "R1:", "INTERVIEWER:", "[00:01:02] Navn:", "Navn: (00:03)", "I - tekst",
"I<tab>tekst";
a speaker's name with a time on a line of its own, the turn on the lines below ("Mette Hansen
  0:03" as Microsoft Teams and Otter.ai write, "00:00:03 Speaker 1" as Word's transcription
does); and a name or role alone on its line above the turn.

Used by the text, Word and PDF importers. A line that starts with a speaker label opens a turn;
unlabelled lines continue the previous turn. Lines before the first label (a title, a date) are
a preamble and belong to no turn. A candidate label counts when it is a known role word
("I", "Interviewer", "R2", "Moderator", …) or a numbered speaker ("Speaker 1", "Taler 2"),
when the importer vouches for it (a bold label in Word), or when it labels at least two lines
and reads like a name or a role (a name with a time alone on a line: once, where two other
lines have that form; a first name before a colon: once, where two other turns open so). A
time in the label is kept as the turn's start.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from indsigt._words import SAID
from indsigt._words import words as _words
from indsigt.firstnames import label_names
from indsigt.ingest.base import ParsedTurn
from indsigt.lexical import stopwords
from indsigt.records import SpeakerRole
from indsigt.segment.marks import TIME, milliseconds, without_marks

# A name or role, and what a transcriber adds in brackets ("Anne (interviewer)", "Bo (kommune)")
_LABEL = r"[^\W_][\w.'’&/\- ]{0,39}?(?:[ \t]*\([^\W_][\w.'’&/\- ]{0,29}\))?"
_BOLD = r"(?:\*\*|__)?"  # Markdown: "**Bo:**" or "**Bo**:"


_UNTIL = r"(?:-->|->|→|–|—|-)"  # between the two times of a span, "00:15 --> 01:02"


def _time(group: str, *, brackets: str = "?") -> str:
    """A time or a span of two, in brackets or not (``brackets=""``: only in brackets), as group
    ``group`` (and the span's end as ``group``_end): "[00:15]", "00:15 → 01:02" (Transcribo),
    "[00:00:15.000 --> 00:01:02.000]" (Whisper's console)."""
    until = rf"(?:[ \t]*{_UNTIL}[ \t]*(?P<{group}_end>{TIME}))?"
    return rf"[\[(]{brackets}(?P<{group}>{TIME}){until}[\])]{brackets}"


def _forms(label: str) -> dict[str, re.Pattern[str]]:
    """The forms a speaker label takes at the start of a line, by kind, the first kind read
    first where two match one line; ``label`` is the pattern of the label itself (any label
    when reading turns, one speaker's when the anonymiser looks for it)."""
    name = rf"{_BOLD}(?P<label>{label})"
    before = rf"(?:{_BOLD}{_time('t0')}[ \t]+)?"
    forms = {
        # "Mette Hansen   0:03" alone on a line (Teams, Otter), the turn below; read before
        # the colon form, which would take "Mette Hansen   0" for the label and "03" for the turn
        "header": rf"\[?{name}\]?{_BOLD}[ \t]+{_time('t1')}[ \t]*$",  # Zoom: "[Name] 10:02:15"
        # "00:00:03 Speaker 1", "[00:00:03] Mette Hansen" alone on a line (Word's transcription)
        "timed": rf"{_BOLD}{_time('t0')}[ \t]+{name}{_BOLD}[ \t]*$",
        "colon": rf"{before}\[?{name}\]?[ \t]*(?:{_time('t1', brackets='')})?[ \t]*{_BOLD}:{_BOLD}"
        rf"[ \t]*(?:{_time('t2', brackets='')}[ \t]*)?",
        "dash": rf"{before}{name}{_BOLD}[ \t]+[-–—][ \t]+",  # "I - Hvad tænker du?"
        "tab": rf"{before}{name}{_BOLD}\t+(?=\S)",  # "I<tab>Hvad?" (a table pasted as text)
        "line": rf"{name}{_BOLD}[ \t]*:?[ \t]*$",  # "INTERVIEWER" alone, the turn below
    }
    return {kind: re.compile(rf"^[ \t]*{form}", re.MULTILINE) for kind, form in forms.items()}


_READ = _forms(_LABEL)
_BRACKETED = re.compile(r"^(?P<name>.*?)[ \t]*\((?P<note>[^()]*)\)$")

INTERVIEWER_WORDS = _words(
    """
    i int interviewer intervieweren interviewer1 interviewer2 moderator moderatoren
    facilitator q spørger intervjuer intervjuare intervjuaren forsker researcher konsulent
    ordstyrer samtaleleder spørgsmål spm spørsmål fråga question
    """
)
RESPONDENT_WORDS = _words(
    """
    r a respondent respondenten informant informanten deltager deltaker deltagare
    participant interviewee svarperson p svar sv answer
    """
)
# Labels of several speakers at once: a focus group's chorus ("Alle: Ja!") or a record that does
# not tell the members apart ("Participants:", GENNOVATE). A role, never a name (the word in
# the text is no one to pseudonymise: "Participants were girls aged 12 to 18" became "Focus
# group B were girls …"); the document's respondent where no one in it speaks alone, and
# nobody's beside people who do (a chorus is no respondent to count, :func:`guess_roles`).
GROUP_WORDS = _words(
    """
    alle all everyone everybody alla samtliga samtlige flere several begge both group gruppe
    gruppen gruppa participants deltagere deltagerne deltakere deltakerne deltagarna
    respondents respondenter respondenterne informants informanter informanterne
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
    if key in RESPONDENT_WORDS or compact in RESPONDENT_WORDS or group_word(key):
        return "respondent"
    return None


def group_word(label: str) -> bool:
    """Whether ``label`` names several speakers at once ("Alle", "Participants")."""
    key = label.strip().lower().rstrip(".")
    return key in GROUP_WORDS or key.replace(" ", "") in GROUP_WORDS


_PARTICLES = frozenset({"von", "van", "de", "af"})  # lower-case words inside a name
_INITIAL = re.compile(r"[^\W\d_]\.")  # "Mette Ø."


def speaker_name(label: str) -> str:
    """The name a speaker label gives ("Bo Berg (kommune)" → "Bo Berg", "Anne (interviewer)"
    → "Anne", "Bo"), or "" where it names no one: a role word ("I", "R1"), initials or an
    abbreviation ("IP", "KV"), a role with a number or a letter ("Kvinde 1", "Kommune A").
    What the anonymiser looks for in the text as the speaker, so every word (but particles
    and initials) must be written as a name; a label in capitals gives the name as the text
    writes it ("LONE DAMGAARD" → "Lone Damgaard")."""
    name = _without_note(label)
    if role_word(name) is not None or not _looks_like_name(name):
        return ""
    if name.isupper() and max(len(word) for word in name.split()) >= 3:
        # a label in capitals ("LONE DAMGAARD:", not initials "KV"): the name as said
        name = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name.split())
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


# A speaker a tool numbers: "Speaker 1", "Taler 2", "SPEAKER_00" (a diarisation's output)
_NUMBERED = re.compile(
    r"(?i)^(?:speaker|taler|talare|talar|talere|stemme|røst|röst|voice|unknown speaker)"
    r"[ \t_]*(?:\d{1,3}|[a-z])$"
)
_TIME_GROUPS = ("t0", "t1", "t2")


@dataclass(frozen=True)
class _Candidate:
    kind: str  # a key of _READ
    line: int  # where its line starts
    content: int  # where the turn's text would start
    label: str
    start_ms: int | None
    end_ms: int | None = None


def numbered_speaker(label: str) -> bool:
    """Whether ``label`` is a speaker a tool numbers ("Speaker 1", "SPEAKER_00", "Taler 2")."""
    return bool(_NUMBERED.match(label.strip()))


def _vouched(label: str, known: set[str]) -> bool:
    """A label that counts wherever it stands: a known label, a role word, a numbered speaker."""
    return label in known or role_word(label) is not None or numbered_speaker(label)


def find_turns(text: str, *, known_labels: Iterable[str] = ()) -> list[ParsedTurn]:
    """Turns in ``text``; if no line carries a speaker label, one turn of speaker ''."""
    known = {label.strip() for label in known_labels if label.strip()}
    found = _candidates(text, known)
    opening = _openings(found, known)
    opening += _once_named(text, found, opening)
    if not opening:  # a name or a role alone on its line, where no line has a label in it
        opening = _line_labels(text, [c for c in found if c.kind == "line"])
    order = {kind: rank for rank, kind in enumerate(_READ)}
    first: dict[int, _Candidate] = {}
    for candidate in sorted(opening, key=lambda c: (c.line, order[c.kind])):
        first.setdefault(candidate.line, candidate)
    openings = sorted(first.values(), key=lambda c: c.line)
    if not openings:
        whole = without_marks(text, *_strip(text, 0, len(text)))
        return [ParsedTurn("", *whole)] if whole[0] < whole[1] else []
    turns: list[ParsedTurn] = []
    for index, candidate in enumerate(openings):
        end = openings[index + 1].line if index + 1 < len(openings) else len(text)
        start, stop, marked, last = without_marks(text, *_strip(text, candidate.content, end))
        if start >= stop:
            continue
        # Two labelled paragraphs of one speaker stay two turns: merging them would put the
        # second label inside the turn's text.
        begins = candidate.start_ms if candidate.start_ms is not None else marked
        ends = candidate.end_ms if candidate.end_ms is not None else last
        turns.append(ParsedTurn(candidate.label, start, stop, begins, ends))
    return turns


def _candidates(text: str, known: set[str]) -> list[_Candidate]:
    """Every line start that one of the label forms matches, with a letter in its label; and
    a label the importer vouches for alone on its line, as it is written (a bold "Mette,
    CFO" in Word)."""
    forms = list(_READ.items())
    if known:
        names = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
        forms.append(("line", re.compile(rf"^[ \t]*(?P<label>{names})[ \t]*:?[ \t]*$", re.M)))
    found = []
    for kind, form in forms:
        for match in form.finditer(text):
            label = match.group("label").strip()
            if any(char.isalpha() for char in label):
                groups = match.groupdict()
                written = next((group for group in _TIME_GROUPS if groups.get(group)), None)
                start_ms = end_ms = None
                if written:
                    start_ms = milliseconds(groups[written])
                    until = groups.get(f"{written}_end")
                    end_ms = milliseconds(until) if until else None
                found.append(_Candidate(kind, match.start(), match.end(), label, start_ms, end_ms))
    return found


def _openings(found: list[_Candidate], known: set[str]) -> list[_Candidate]:
    """The candidates that open turns: vouched labels in any form (a dash only takes those),
    and a name that labels two lines or more — before a colon or with a time on its line, and
    not a word of speech ("Ja", "Okay" twice alone with a time on a line is no speaker)."""
    lines: defaultdict[str, set[int]] = defaultdict(set)
    for candidate in found:
        lines[candidate.label].add(candidate.line)
    common = _common_words()
    taken = []
    for candidate in found:
        label = candidate.label
        if candidate.kind == "line":
            ok = label in known
        elif _vouched(label, known):
            ok = True
        elif candidate.kind == "dash":
            ok = False
        else:
            ok = len(lines[label]) >= 2 and _looks_like_name(label)
            ok = ok and (candidate.kind == "colon" or label.lower() not in common)
        if ok:
            taken.append(candidate)
    # A name and a time alone on a line, where the document writes two labels or more so:
    # its speaker who speaks once is a speaker too
    used = Counter(c.kind for c in taken)
    seen = set(taken)
    taken += [
        c
        for c in found
        if c.kind in ("header", "timed")
        and used[c.kind] >= 2
        and c not in seen
        and speaker_name(c.label)
        and c.label.lower() not in common
    ]
    return taken


def _once_named(text: str, found: list[_Candidate], taken: list[_Candidate]) -> list[_Candidate]:
    """Someone who speaks once in a document of "Name: …" turns ("Søren: Jeg er enig …", his
    only answer beside Mette's): a colon label after the first turn, before a sentence that
    begins with a capital, whose first word is a first name the text never writes in lower case
    as a word ("Dato:" in a preamble, "Konklusion:" are no one; "Bo:" in a text where people
    "bo" stays speech; so does "Karen: hun er chef"). A document of turns is one where two
    colon labels open turns, or a role does ("Interviewer: Hvad fylder?\nLone: Økonomien." —
    a pasted exchange of two lines)."""
    colons = [c for c in taken if c.kind == "colon"]
    if len(colons) < 2 and not any(role_word(c.label) for c in colons):
        return []
    begins = min(c.line for c in taken)
    seen = set(taken)
    once = [
        c
        for c in found
        if c.kind == "colon"
        and c not in seen
        and c.line > begins
        and text[c.content : c.content + 1].isupper()
    ]
    if not once:
        return []
    names = label_names()
    named = [(c, speaker_name(c.label).split()) for c in once]
    named = [(c, words) for c, words in named if words and words[0] in names]
    if not named:
        return []
    lower = {w for w in SAID.findall(text) if w.islower()}  # read once, not once per label
    return [c for c, words in named if not any(w.lower() in lower for w in words)]


@functools.cache
def _common_words() -> frozenset[str]:
    """Words of speech that are no speaker's name ("Ja", "Okay", "Godt"): Nordic stop words."""
    return stopwords("da") | stopwords("no") | stopwords("sv")


def _line_labels(text: str, lines: list[_Candidate]) -> list[_Candidate]:
    """Names or roles alone on their lines that open the turns below: roles, and names each
    on two lines or more, together two labels or more ("Dan" beside "Participant"), on at
    least a tenth of the text's lines; what is speech among them goes (:func:`_speech_out`).
    """
    common = _common_words()
    roles = [c for c in lines if role_word(c.label) is not None or numbered_speaker(c.label)]
    vouched = set(roles)
    names = [
        c
        for c in lines
        if c not in vouched
        and (speaker_name(c.label) or (c.label.isupper() and _looks_like_name(c.label)))
        and c.label.lower() not in common
    ]
    counts = Counter(c.label for c in names)
    labels = roles + [c for c in names if counts[c.label] >= 2]
    labels = _speech_out(text, labels, roles)
    spoken = sum(1 for line in text.splitlines() if line.strip())
    enough = len(roles) >= 2 or len({c.label for c in labels}) >= 2
    if enough and len(labels) * 10 >= spoken:
        return sorted(labels, key=lambda c: c.line)
    return []


def _speech_out(text: str, labels: list[_Candidate], roles: list[_Candidate]) -> list[_Candidate]:
    """A label's line has speech below it. Of two candidates one right above the other, the
    name beside a role is speech, else the rarer name ("Yeah" twice above "Dan" 47 times),
    else both ("Præcis" above "Fint"), in that order, each rule applied before the next is
    tried; two roles one above the other leave no labels at all."""
    freq = Counter(c.label for c in labels)
    vouched = set(roles)
    while True:
        at = {c.line: c for c in labels}
        pairs = [(c, at[n]) for c in labels if (n := _next_line(text, c.content)) in at]
        if not pairs:
            return labels
        both = [(a, b) for a, b in pairs if a not in vouched and b not in vouched]
        said = {
            one.label for a, b in pairs for one, other in ((a, b), (b, a))
            if one not in vouched and other in vouched
        } or {
            one.label for a, b in both for one, other in ((a, b), (b, a))
            if freq[one.label] < freq[other.label]
        } or {c.label for pair in both for c in pair}  # fmt: skip
        if not said:  # two roles one above the other
            return []
        labels = [c for c in labels if c.label not in said]


def _next_line(text: str, at: int) -> int:
    """Where the first line after ``at`` with something on it starts."""
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if text[at:end].strip():
            return at
        at = end + 1
    return len(text)


_CLOCK_SPAN = re.compile(
    rf"{_time('start')}(?:[ \t]*(?:-|–|-->)[ \t]*{_time('end')})?", re.IGNORECASE
)


def clock_span(cell: str) -> tuple[int, int | None] | None:
    """(start, end) in milliseconds of a table cell that holds a time or a span of time
    ("00:00:03", "[0:03]", "00:00:03 - 00:00:08"; end None for one time), or None."""
    match = _CLOCK_SPAN.fullmatch(cell.strip())
    if match is None:
        return None
    end = match["end"]
    return milliseconds(match["start"]), milliseconds(end) if end else None


def clock(ms: int) -> str:
    """A time as transcripts write it: 3 723 000 → "01:02:03"."""
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def label_spans(text: str, label: str) -> list[tuple[int, int]]:
    """Where ``label`` stands as a speaker label in ``text``, in every form :func:`find_turns`
    reads (before a colon, after a time, in bold, alone on its line, beside a time on its
    line, before a dash), as (start, end) of the label's own characters: what the anonymiser
    replaces by the speaker's pseudonym."""
    name = re.escape(label.strip())
    if not name:
        return []
    found = {
        (match.start("label"), match.end("label"))
        for form in _forms(name).values()
        for match in form.finditer(text)
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

    Role words decide first; a group's label ("Alle") is a respondent only where no one
    speaks alone, otherwise "unknown" (no respondent of its own). Among named speakers, if no
    interviewer is known yet, the one whose turns most often end in a question is the
    interviewer (when that share is high); among speakers a tool only numbered, the one who
    also says the fewest words.
    """
    labels = list(dict.fromkeys(t.speaker for t in turns))
    roles: dict[str, SpeakerRole] = {}
    for label in labels:
        roles[label] = role_word(label) or "respondent"
    alone = [label for label in labels if not group_word(label)]
    if any(roles[label] == "respondent" for label in alone):
        roles.update((label, "unknown") for label in labels if group_word(label))
    if len(labels) >= 2 and "interviewer" not in roles.values():
        share = {label: _question_share(text, turns, label) for label in labels}
        named = [label for label in labels if role_word(label) is None]
        if len(named) == 1 and len(labels) >= 2:
            # "Dan" beside "Participant": the one named speaker asks, if anyone does.
            only = named[0]
            if share[only] > max(share[label] for label in labels if label != only):
                roles[only] = "interviewer"
        elif named:
            asker = _asks_most(text, turns, named, labels, share)
            if asker is not None:
                roles[asker] = "interviewer"
        anonymous = all(numbered_speaker(label) for label in labels)
        if anonymous and "interviewer" not in roles.values():
            asking = _asks_most_says_least(text, turns, share)
            if asking is not None:
                roles[asking] = "interviewer"
    return roles


def _asks_most(
    text: str,
    turns: list[ParsedTurn],
    named: list[str],
    labels: list[str],
    share: dict[str, float],
) -> str | None:
    """The named speaker who asks: the one whose turns most often end in a question, at least
    a third of them and twice anyone else's share; or, where someone who spoke once asked
    once ("Kan jeg legge til noe? …", a second leader), the one who asked three questions or
    more, twice as many as anyone else, a third of their turns or more."""
    best = max(named, key=lambda label: share[label])
    others = [share[label] for label in labels if label != best]
    if share[best] >= 0.35 and share[best] > 2 * max(others, default=0.0):
        return best
    asked = Counter(t.speaker for t in turns if _asks(text, t))
    most = max(named, key=lambda label: asked[label])
    rest = [asked[label] for label in labels if label != most]
    if asked[most] >= 3 and share[most] >= 0.35 and asked[most] > 2 * max(rest, default=0):
        return most
    return None


def _asks_most_says_least(
    text: str, turns: list[ParsedTurn], share: dict[str, float]
) -> str | None:
    """Among speakers a tool only numbered ("SPEAKER_00", "Speaker A": a diarised recording),
    the interviewer: the one whose turns most often end in a question (``share``, by label),
    when they also say the fewest words of all — true of every interviewer in the PDPilot
    interviews and the sample study, where the named speakers' rule above misses two of seven
    (an interviewer asking "Okay." between questions, a respondent asking back)."""
    labels = list(share)
    words = dict.fromkeys(labels, 0)
    for turn in turns:
        words[turn.speaker] += len(text[turn.start : turn.end].split())
    best = max(labels, key=lambda label: share[label])
    others = [label for label in labels if label != best]
    if share[best] < 0.2 or share[best] <= max(share[label] for label in others):
        return None
    return best if words[best] < min(words[label] for label in others) else None


def _question_share(text: str, turns: list[ParsedTurn], label: str) -> float:
    own = [t for t in turns if t.speaker == label]
    if not own:
        return 0.0
    return sum(1 for t in own if _asks(text, t)) / len(own)


def _asks(text: str, turn: ParsedTurn) -> bool:
    """Does the turn ask: a question mark in its last 200 characters?"""
    return "?" in text[max(turn.start, turn.end - 200) : turn.end]
