"""A study's own human coding as gold (``--format study``): any study indsigt holds — coded in
the web app, imported from a REFI-QDA project (``.qdpx``, as NVivo, ATLAS.ti, MAXQDA and
QualCoder export it), or a ``.qdpx`` given directly (imported into a temporary study first).

The unit is the passage. A document counts as coded when a person accepted at least one coding
in it: all its passages are units, those without a person's coding as "no code" (the rule the
study's supervised coder learns by, :mod:`indsigt.coding.training`). Groups are documents.
Context as the study's coder sees it (:func:`~indsigt.coding.training.passage_units`): the
last interviewer turn before the passage, its neighbours in its turn, the passage before it.

Several people: by default their codings are pooled (a passage carries a code when anyone
gave it); ``gold_coder`` takes one person's codings only (and the documents that person
coded). Where two people coded the same documents, their agreement (Cohen's κ over every
passage × code decision, :mod:`indsigt.analyse.reliability`) is given in the notes: the
ceiling the machine is measured against.
"""

from __future__ import annotations

import tempfile
from itertools import combinations
from pathlib import Path

from indsigt import queries
from indsigt.codebook.repository import load_codebook
from indsigt.coding.facets import codebook_tree
from indsigt.coding.training import accepted_codings, passage_units
from indsigt.errors import IndsigtError
from indsigt.eval.gold import GoldSet, GoldUnit, codes_of
from indsigt.store import Store


def load_study(path: str | Path, *, gold_coder: str | None = None) -> GoldSet:
    """The study at ``path`` (a study file, or a ``.qdpx`` project) as gold; see the module
    doc."""
    source = Path(path)
    if source.suffix.lower() == ".qdpx":
        return _from_project(source, gold_coder=gold_coder)
    store = Store.open(source)  # a clear error for a file that is no study
    try:
        return _gold(store, gold_coder=gold_coder, label=str(source))
    finally:
        store.engine.dispose()


def _from_project(project: Path, *, gold_coder: str | None) -> GoldSet:
    from indsigt.interchange import import_qdpx

    with tempfile.TemporaryDirectory(prefix="indsigt-gold-") as folder:
        study = Path(folder) / "gold.db"
        import_qdpx(project, study, anonymisation_required=False)
        store = Store.open(study)
        try:
            gold = _gold(store, gold_coder=gold_coder, label=str(project))
        finally:
            store.engine.dispose()
    return gold


def _gold(store: Store, *, gold_coder: str | None, label: str) -> GoldSet:
    study = queries.study(store)
    people = accepted_codings(store, study.id)
    coders = sorted({coding.coder for coding in people})
    if not coders:
        raise IndsigtError(f"{label}: no person has coded (accepted a coding in) this study")
    if gold_coder is not None and gold_coder not in coders:
        raise IndsigtError(
            f"{label}: no coding by {gold_coder!r} (people who coded: {', '.join(coders)})"
        )
    chosen = [coding for coding in people if gold_coder is None or coding.coder == gold_coder]
    codes: dict[int, set[str]] = {}
    for coding in chosen:
        codes.setdefault(coding.passage_id, set()).add(coding.path)
    passages = queries.passages(store, study.id)
    by_id = {p.id: p for p in passages}
    coded_documents = {by_id[p].document_id for p in codes if p in by_id}
    kept = sorted(
        (p for p in passages if p.document_id in coded_documents),
        key=lambda p: (p.document_id, p.seq),
    )
    known = {p.id: frozenset(codes.get(p.id, ())) for p in kept}
    contexts, _ = passage_units(store, study.id, kept, known)
    units = [
        GoldUnit(
            str(passage.id),
            passage.text,
            str(passage.document_id),
            known[passage.id],
            question=context.question,
            neighbours=context.neighbours,
            previous=(
                str(kept[k - 1].id) if k and kept[k - 1].document_id == passage.document_id else ""
            ),
            position=passage.seq,  # the passage's order: the learner smooths by it
        )
        for k, (passage, context) in enumerate(zip(kept, contexts, strict=True))
    ]
    parents, labels = codebook_tree(load_codebook(store, study.id), language=study.language)
    used = codes_of(units)
    notes = [
        f"gold: {'the codings of ' + gold_coder if gold_coder else 'every person’s codings'}"
        f" in {len(coded_documents)} document(s) (people who coded: {', '.join(coders)})",
        *_agreement_notes(store, study.id, study.language, coders),
    ]
    return GoldSet(
        study.name,
        "passage",
        units,
        used,
        notes=notes,
        parents={c: p for c, p in parents.items() if c in used},
        labels=labels,
    )


def _agreement_notes(store: Store, study_id: int, language: str, coders: list[str]) -> list[str]:
    """How far the people agree with each other where they coded the same documents."""
    from indsigt.analyse.reliability import compare

    notes = []
    for a, b in combinations(coders, 2):
        found = compare(store, study_id, language, a, b)
        if found["documents"]:
            kappa = found["overall"]["cohen_kappa"]
            shown = "undefined" if kappa is None else f"{kappa:.3f}"
            notes.append(
                f"people agree: {a} and {b}, Cohen's κ {shown} over {found['units']} passages "
                f"of {found['documents']} shared document(s)"
            )
    if len(coders) > 1 and not notes:
        notes.append("no two people coded the same document: no human agreement to compare with")
    return notes
