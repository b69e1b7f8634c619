"""Quote candidates: coded respondent passages grown to whole quotable sentences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from indsigt._words import words as _words
from indsigt.analyse.keypoints.candidates import UNFINISHED
from indsigt.queries import coded_passage_ids
from indsigt.quotes.substance import asks, echoes, says_little
from indsigt.sealed import neutral_names
from indsigt.store import Store, schema
from indsigt.store.speech import speech
from indsigt.units import publishable

# A quote must stand on its own: these first words point back to something unsaid.
DANGLING = _words(
    """
    og men så eller fordi hvilket hvorfor derfor han hun de dem dette disse ja nej jo altså
    øh præcis netop nemlig også heller
    og men så eller fordi hvilket derfor han hun de dem dette disse ja nei jo altså liksom
    och men så eller eftersom vilket därför han hon de dem detta dessa ja nej ju alltså
    and but so or because which therefore he she they them this these yes no exactly um
    """
)


@dataclass(frozen=True)
class Candidate:
    passage_ids: tuple[int, ...]
    document: str  # the neutral name ("Interview 3"), never the file name
    respondent_id: int
    attributes: dict[str, str]
    text: str
    words: int
    dangling: bool
    question: bool = False  # it ends in a question: the respondent asks, and says nothing
    unfinished: bool = False  # it breaks off: "… But it's typically it looks like."
    language: str = ""  # its document's
    # Why it says too little to quote ("" when it says enough; see quotes/substance.py).
    says_little: str = ""


# The last words of a thought broken off, in any language ("… that they're probably.").
_UNFINISHED = frozenset().union(*UNFINISHED.values())


def breaks_off(text: str) -> bool:
    """Whether ``text`` ends before its thought does: on a trail ("…", "...", a dash) or on a
    word no finished clause ends on (an article, a conjunction, a contraction)."""
    end = text.rstrip(" \"'”»)")
    if end.endswith(("...", "…", "-", "–", "—", ",")):
        return True
    last = end.rstrip(".!?").split()
    return bool(last) and last[-1].lower().strip(",;:\"'“«") in _UNFINISHED


def load_candidates(
    store: Store,
    study_id: int,
    *,
    code: str | None,
    passage_ids: Sequence[int] = (),
    statuses: Sequence[str] = ("accepted", "suggested"),
    coders: Sequence[str] = (),
    min_words: int = 12,
    max_words: int = 60,
    unit: str = "statement",
) -> list[Candidate]:
    """Coded passages spoken by respondents, each extended with neighbouring sentences of
    the same turn until it has at least ``min_words`` words (never more than ``max_words``).

    With ``unit="statement"`` (the default) a quote stays inside one statement, and neither
    a seed nor a quote's first or last sentence is a passage marked conversational (where
    the study has marks and statements; otherwise the turn bounds it). ``unit="passage"``
    or ``"turn"``: the turn bounds it, conversational passages are still never seeds."""
    from indsigt.units.read import conversational_ids, statement_of_passages

    p, s, r = schema.passage, schema.speaker, schema.respondent
    talk = conversational_ids(store, study_id)
    seeds = _seed_passages(store, study_id, code, passage_ids, statuses, coders) - talk
    if not seeds:
        return []
    block_of = statement_of_passages(store, study_id) if unit == "statement" else {}
    query = (
        speech(
            study_id,
            p.c.id,
            p.c.turn_id,
            p.c.seq,
            p.c.text,
            p.c.document_id,
            schema.turn.c.seq.label("turn_seq"),
            s.c.respondent_id,
            r.c.attributes,
            schema.document.c.language,
            speakers="attributed",
        )
        .where(p.c.turn_id.in_(sa.select(p.c.turn_id).where(p.c.id.in_(seeds))))
        .order_by(p.c.turn_id, p.c.seq)
    )
    turns: dict[int, list[Any]] = defaultdict(list)
    with store.connect() as connection:
        names = neutral_names(connection, study_id)  # a file name is personal data too
        for row in connection.execute(query):
            turns[row.turn_id].append(row)
        asked = _questions(connection, study_id, {rows[0].document_id for rows in turns.values()})
    echoed = _echoes(turns, asked)
    return _spans(
        turns, seeds, block_of, talk | echoed, names, min_words=min_words, max_words=max_words
    )


def _questions(
    connection: sa.Connection, study_id: int, documents: set[int]
) -> dict[int, list[tuple[int, str]]]:
    """The interviewers' turns of ``documents``: (turn seq, text) in order, by document."""
    p, t = schema.passage, schema.turn
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    query = (
        speech(study_id, p.c.document_id, t.c.seq, p.c.text, speakers="interviewers")
        .where(p.c.document_id.in_(sorted(documents)))
        .order_by(p.c.document_id, t.c.seq, p.c.seq)
    )
    for document_id, seq, text in connection.execute(query):
        turns = found[document_id]
        if turns and turns[-1][0] == seq:
            turns[-1] = (seq, f"{turns[-1][1]} {text}")
        else:
            turns.append((seq, text))
    return found


def _echoes(turns: dict[int, list[Any]], asked: dict[int, list[tuple[int, str]]]) -> set[int]:
    """Respondents' questions a quote starts after, as the answer does: one that repeats the
    question of the interviewer's turn before theirs ("Do I use both PDP and ICE plots?"),
    and one that opens a turn its answer goes on ("Do you use both one-way and two-way
    plots? Typically, yes, …": the question read aloud, or the interviewer's, transcribed
    into the respondent's turn)."""
    found: set[int] = set()
    for rows in turns.values():
        before = [
            text for seq, text in asked.get(rows[0].document_id, []) if seq < rows[0].turn_seq
        ]
        question = before[-1] if before else ""
        language = rows[0].language or "en"
        for at, row in enumerate(rows):
            opens = at == 0 and len(rows) > 1 and asks(row.text)
            if opens or echoes(row.text, question, language=language):
                found.add(row.id)
    return found


def _spans(
    turns: dict[int, list[Any]],
    seeds: set[int],
    block_of: dict[int, int],
    talk: set[int],
    names: dict[int, str],
    *,
    min_words: int,
    max_words: int,
) -> list[Candidate]:
    """One candidate a seed: its turn's rows (in its statement, where it has one) grown
    around it and trimmed of conversational ends; a span found twice is kept once."""
    candidates: list[Candidate] = []
    seen: set[tuple[int, ...]] = set()
    for turn_rows in turns.values():
        for seed in turn_rows:
            if seed.id not in seeds:
                continue
            block = block_of.get(seed.id)
            rows = [x for x in turn_rows if block is None or block_of.get(x.id) == block]
            index = next(i for i, x in enumerate(rows) if x.id == seed.id)
            span = _grow(rows, index, min_words, max_words)
            if span is None:
                continue
            span = _trim(rows, span, talk)
            ids = tuple(rows[i].id for i in range(span[0], span[1]))
            if ids in seen:
                continue
            seen.add(ids)
            text = " ".join(rows[i].text.strip() for i in range(span[0], span[1]))
            language = seed.language or "en"
            # Read as said and as printed: "Yeah, but of course …" is printed "But of course …".
            said = (text, publishable(text, language=language))
            candidates.append(
                Candidate(
                    ids,
                    names.get(seed.document_id, ""),
                    seed.respondent_id,
                    dict(seed.attributes or {}),
                    text,
                    len(text.split()),
                    any(_first(t) in DANGLING for t in said),
                    any(t.rstrip(" \"'”»)").endswith("?") for t in said),
                    any(breaks_off(t) for t in said),
                    seed.language or "",
                    says_little(text, language=language),
                )
            )
    return candidates


def _first(text: str) -> str:
    words = text.split()
    return words[0].strip(",.;:!?\"'«»–-").lower() if words else ""


def _grow(
    rows: Sequence[Any],
    index: int,
    min_words: int,
    max_words: int,
) -> tuple[int, int] | None:
    start, end = index, index + 1
    count = len(rows[index].text.split())
    while count < min_words:
        if end < len(rows) and count + len(rows[end].text.split()) <= max_words:
            count += len(rows[end].text.split())
            end += 1
        elif start > 0 and count + len(rows[start - 1].text.split()) <= max_words:
            start -= 1
            count += len(rows[start].text.split())
        else:
            return None
    return (start, end) if count <= max_words else None


def _trim(rows: Sequence[Any], span: tuple[int, int], talk: set[int]) -> tuple[int, int]:
    """``span`` without conversational passages at its edges (the seed is not one)."""
    start, end = span
    while start < end - 1 and rows[start].id in talk:
        start += 1
    while end - 1 > start and rows[end - 1].id in talk:
        end -= 1
    return start, end


def _seed_passages(
    store: Store,
    study_id: int,
    code: str | None,
    passage_ids: Sequence[int],
    statuses: Sequence[str],
    coders: Sequence[str],
) -> set[int]:
    if passage_ids:
        return set(passage_ids)
    return coded_passage_ids(store, study_id, code=code, statuses=statuses, coders=coders)
