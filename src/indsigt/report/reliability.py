"""Reliability for the report: agreement between every pair of coders who coded the same
interviews, a person among them, with the same figures (and the same unit, the passage) as
the web app's page: both call :func:`indsigt.analyse.reliability.compare`. Two machine coders
agreeing with each other (the keyword and the similarity coder over every passage) is no
measure of how reliable the coding is: the web app shows that pair, the report does not."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from indsigt.analyse.reliability import compare
from indsigt.records import is_machine_coder
from indsigt.report.i18n import Words
from indsigt.report.model import Reliability, ReliabilityRow
from indsigt.store import Store, schema
from indsigt.store.speech import study_codings

MAX_PAIRS = 6


def coder_documents(store: Store, study_id: int) -> dict[str, set[int]]:
    """coder → the documents they coded (any status)."""
    c, p = schema.coding, schema.passage
    query = study_codings(study_id, c.c.coder, p.c.document_id).distinct()
    found: dict[str, set[int]] = {}
    with store.connect() as connection:
        for coder, document_id in connection.execute(query):
            found.setdefault(coder, set()).add(int(document_id))
    return found


def pairs(documents: dict[str, set[int]], *, machines: bool = False) -> list[tuple[str, str]]:
    """Pairs of coders (of ``coder_documents``) with at least one interview in common, a
    person among them (only machine coders with ``machines``), most shared first."""
    shared = [
        (len(documents[a] & documents[b]), a, b)
        for a, b in combinations(sorted(documents), 2)
        if documents[a] & documents[b] and (is_machine_coder(a) and is_machine_coder(b)) == machines
    ]
    shared.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [(a, b) for _, a, b in shared[:MAX_PAIRS]]


def reliability(
    store: Store, study_id: int, words: Words, titles: dict[str, str]
) -> tuple[Reliability, list[dict[str, Any]]]:
    """The report's reliability view and the raw figures (for the method section)."""
    documents = coder_documents(store, study_id)
    found = [compare(store, study_id, words.lang, a, b) for a, b in pairs(documents)]
    found = [result for result in found if result["units"]]
    if not found:
        if pairs(documents, machines=True):
            key = "reliability_machines_only"
        elif documents:
            key = "reliability_not_measured"
        else:
            key = "reliability_no_coding"
        return Reliability(False, words(key)), []
    rows = [_row(result, result["overall"], words) for result in found]
    codes = [
        _row(result, figures, words, titles.get(figures["path"], figures["label"]))
        for result in found
        for figures in result["codes"]
    ]
    statement = words(
        "reliability_measured", pairs=len(found), noun=words.noun("pair_nouns", len(found))
    )
    return Reliability(True, statement, tuple(rows), tuple(codes)), found


def _row(
    result: dict[str, Any], figures: dict[str, Any], words: Words, code: str = ""
) -> ReliabilityRow:
    return ReliabilityRow(
        a=result["a"],
        b=result["b"],
        documents=int(result["documents"]),
        units=int(figures.get("decisions", result["units"])) if code else int(result["units"]),
        agreement=words.percent(figures["percent_agreement"]),
        kappa=words.figure(figures["cohen_kappa"]),
        alpha=words.figure(figures["krippendorff_alpha"]),
        ac1=words.figure(figures["gwet_ac1"]),
        code=code,
    )


def pair_sentences(found: Sequence[dict[str, Any]], words: Words) -> list[str]:
    return [
        words(
            "reliability_pair",
            a=result["a"],
            b=result["b"],
            kappa=words.figure(result["overall"]["cohen_kappa"]),
            alpha=words.figure(result["overall"]["krippendorff_alpha"]),
            ac1=words.figure(result["overall"]["gwet_ac1"]),
            agreement=words.percent(result["overall"]["percent_agreement"]),
            units=words.integer(int(result["units"])),
            documents=result["documents"],
        )
        for result in found
    ]
