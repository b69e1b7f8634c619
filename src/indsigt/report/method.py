"""The method section, written from the data: what was studied, how it was anonymised, who
coded it (people or components, and how much no one reviewed), how reliable the coding is, and
how the figures are counted — or, for each step that did not happen, that it did not."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from indsigt.anonymise.base import ORGANISATIONS, PLACES
from indsigt.records import Study, is_machine_coder
from indsigt.report.data import CoderCount, DocumentFacts
from indsigt.report.i18n import Words
from indsigt.report.model import Claim, MethodPart, Ref
from indsigt.report.reliability import pair_sentences


@dataclass(frozen=True)
class StudyFacts:
    study: Study
    documents: list[DocumentFacts]
    leaders: int
    segments: list[str]
    passages: int
    words: int
    group_interviews: int
    findings: dict[str, int]
    levels: bool = True  # some respondent has a level, which quotes are attributed by
    speaker_labels: int = 0  # speaker labels replaced by pseudonyms (not in ``findings``)


def based_on(facts: StudyFacts, words: Words) -> str:
    return words(
        "based_on",
        interviews=len(facts.documents),
        leaders=facts.leaders,
        levels=words.levels_phrase(facts.segments),
    )


def data_part(facts: StudyFacts, words: Words) -> MethodPart:
    claims = [
        Claim(
            words(
                "data_sentence",
                interviews=len(facts.documents),
                leaders=facts.leaders,
                levels=words.levels_phrase(facts.segments),
                passages=words.integer(facts.passages),
                words=words.integer(facts.words),
            )
        )
    ]
    languages = list(dict.fromkeys(d.language for d in facts.documents))
    if languages:
        names = words.listing([words.language_name(code) for code in languages])
        claims.append(Claim(words("languages_sentence", languages=names)))
    if facts.group_interviews:
        claims.append(Claim(words("group_interviews", n=facts.group_interviews)))
    claims.append(Claim(_period(facts.documents, words)))
    return MethodPart(words("method_data"), tuple(claims))


def _period(documents: Sequence[DocumentFacts], words: Words) -> str:
    dated = sorted(d.interview_date for d in documents if d.interview_date)
    if dated and len(dated) == len(documents):
        return words("period_known", period=_span(dated[0], dated[-1], words))
    imported = sorted(d.imported_at.date().isoformat() for d in documents if d.imported_at)
    if not imported:
        return words("period_unknown", period="–")
    return words("period_unknown", period=_span(imported[0], imported[-1], words))


def _span(first: str, last: str, words: Words) -> str:
    from datetime import date

    start, end = date.fromisoformat(first), date.fromisoformat(last)
    if start == end:
        return words.date(start)
    return f"{words.date(start)} – {words.date(end)}"


def anonymisation_part(facts: StudyFacts, words: Words) -> MethodPart:
    done = [d for d in facts.documents if d.anonymised_at is not None]
    if not facts.study.anonymisation_required:
        text = words("not_required")
        if done:
            text += " " + words("not_required_but_done", documents=len(done))
        return MethodPart(words("method_anonymisation"), (Claim(text),))
    anonymisers = sorted({_component(d.anonymiser) for d in done if d.anonymiser})
    labels = ", ".join(f"{label} {n}" for label, n in facts.findings.items()) or "–"
    text = words(
        "anonymised",
        documents=len(done),
        anonymiser="; ".join(anonymisers) or "–",
        findings=words.integer(sum(facts.findings.values())),
        labels=labels,
        speakers=_speakers(facts.speaker_labels, words),
        places=words(_places(facts.findings)),
    )
    # Quotes carry the level where respondents have one ("— Leder i kommune"), else the noun.
    text += " " + words("attributed_level" if facts.levels else "attributed_noun")
    return MethodPart(words("method_anonymisation"), (Claim(text),))


def _places(findings: dict[str, int]) -> str:
    """Whether places and organisations were generalised: only if a finding of theirs was
    acted on. A GENNOVATE report said they were and printed RDRS, BRAC and World Vision
    (s32 read, A6): nothing had found them, so nothing was generalised."""
    acted = sum(n for label, n in findings.items() if label in PLACES | ORGANISATIONS)
    return "places_generalised" if acted else "places_kept"


def _speakers(n: int, words: Words) -> str:
    """ " and 626 speaker labels replaced by pseudonyms", or nothing."""
    if not n:
        return ""
    return words("speaker_labels_one" if n == 1 else "speaker_labels", n=words.integer(n))


def _component(name: str) -> str:
    """ "anonymise.v1[cpr.v1,phone.v1]" → "anonymise.v1: cpr.v1, phone.v1"."""
    match = re.fullmatch(r"([^\[]+)\[(.*)\]", name)
    if not match:
        return name
    return f"{match.group(1)}: {', '.join(match.group(2).split(','))}"


def coding_part(
    counts: Sequence[CoderCount],
    *,
    coded_passages: int,
    codes: int,
    tops: int,
    statuses: Sequence[str],
    words: Words,
    emergent: bool = False,
    estimates: Sequence[str] = (),
) -> MethodPart:
    """``emergent``: the findings are emergent themes (no coding counted); ``estimates``: the
    machine's separate estimate per codebook theme ("Muligheder: ca. 9 af 15 …")."""
    heading = words("method_coding")
    if not coded_passages:
        claims = [Claim(words("no_coding_emergent" if emergent else "no_coding"))]
        suggested = [c for c in counts if c.status == "suggested"]
        if suggested:
            names = sorted({c.coder for c in suggested})
            claims.append(Claim(words("coders_machine", names=", ".join(names))))
            n = words.integer(sum(c.codings for c in suggested))
            claims.append(Claim(words("unreviewed_excluded", n=n)))
        if estimates:
            claims.append(Claim(words("machine_estimates", estimates="; ".join(estimates))))
        return MethodPart(heading, tuple(claims))
    claims = [
        Claim(
            words("coding_sentence", passages=words.integer(coded_passages), codes=codes, top=tops)
        )
    ]
    coders = sorted({c.coder for c in counts})
    humans = [c for c in coders if not is_machine_coder(c)]
    machines = [c for c in coders if is_machine_coder(c)]
    if humans:
        claims.append(Claim(words("coders_human", names=", ".join(humans))))
    else:
        claims.append(Claim(words("coders_none_human")))
    if machines:
        claims.append(Claim(words("coders_machine", names=", ".join(machines))))
    by_status: Counter[str] = Counter()
    for count in counts:
        by_status[count.status] += count.codings
    if by_status["suggested"]:
        key = "unreviewed" if "suggested" in statuses else "unreviewed_excluded"
        claims.append(Claim(words(key, n=words.integer(by_status["suggested"]))))
    elif set(statuses) <= {"accepted", "suggested"}:
        claims.append(Claim(words("all_reviewed")))
    if by_status["rejected"] and "rejected" not in statuses:
        claims.append(Claim(words("rejected", n=words.integer(by_status["rejected"]))))
    shown = words.listing([words(f"status_{s}") for s in statuses])
    claims.append(Claim(words("statuses", statuses=shown)))
    if estimates:
        claims.append(Claim(words("machine_estimates", estimates="; ".join(estimates))))
    return MethodPart(heading, tuple(claims))


def reliability_part(
    statement: str, found: Sequence[dict[str, Any]], words: Words, *, letter: str = "B"
) -> MethodPart:
    """``letter``: the reliability part's in the appendix (:func:`model.appendix_letters`)."""
    claims = [Claim(statement), *(Claim(text) for text in pair_sentences(found, words))]
    if found:
        claims.append(
            Claim(words("reliability_appendix", letter=letter), (Ref(letter, "reliability"),))
        )
    return MethodPart(words("method_reliability"), tuple(claims))


def analysis_part(k: int, words: Words) -> MethodPart:
    return MethodPart(words("method_analysis"), (Claim(words("analysis_sentence", k=k)),))
