"""GENNOVATE focus groups (``gennovate-focusgroups``): quotes coded with 33 categories of
aspirations, aspiration–attainment gaps and gender norms (``coded_templates/template_*.csv``),
one document per community and gender.

The unit is the quote: a quote coded with several categories is one unit with several
labels. Groups are the documents (``document_code``). Category descriptions come from
``codebook.csv``, and so does the hierarchy (``indicator_label`` is a category's parent: the
facets of :mod:`indsigt.coding.facets`).

Context: each quote's ``data_container`` names the question of the focus-group guide it
answers (``E.10``); the guide's wording is read from ``transcripts/QUESTIONS_*.csv`` when
present (the guide is the same in every community). A quote's neighbours are the other quotes
from the same answer (same document and question), its previous unit the last quote of the
document's previous question. Its position orders a document's quotes by the guide's question
and then by their row in the template, so the learner's neighbour smoothing
(:mod:`indsigt.coding.smoothing`) sees the quotes of one answer, and of the answers around
it, as neighbours.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from indsigt.errors import InputError
from indsigt.eval.gold import GoldSet, GoldUnit, normalise, read_text


def _descriptions(root: Path) -> dict[str, str]:
    path = root / "codebook.csv"
    if not path.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(read_text(path)))
    return {
        row[
            "category_label"
        ].strip(): f"{row['indicator'].strip()}: {row['indicator_category'].strip()}"
        for row in rows
        if row.get("category_label")
    }


def _hierarchy(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Category → its indicator (``NRM_MEN_C`` → ``NRM_MEN``), category → its label."""
    path = root / "codebook.csv"
    if not path.is_file():
        return {}, {}
    parents, labels = {}, {}
    for row in csv.DictReader(io.StringIO(read_text(path))):
        code = (row.get("category_label") or "").strip()
        if not code:
            continue
        if parent := (row.get("indicator_label") or "").strip():
            parents[code] = parent
        labels[code] = (row.get("indicator_category") or "").strip()
    return parents, labels


QUESTION = re.compile(r"([A-Z])\.\s*(\d+)")


def _guide(root: Path) -> dict[str, str]:
    """Question id (``E.10``) → the guide's wording, from ``transcripts/QUESTIONS_*.csv``."""
    files = sorted((root / "transcripts").glob("QUESTIONS_*.csv"))
    if not files:
        return {}
    out: dict[str, str] = {}
    rows = [row[0] for row in csv.reader(io.StringIO(read_text(files[0]))) if row and row[0]]
    for number, text in enumerate(rows, start=1):
        found = QUESTION.match(text.strip())
        key = f"{found.group(1)}.{int(found.group(2))}" if found else f"E.{number}"
        out.setdefault(key, re.sub(r"\s+", " ", QUESTION.sub("", text, count=1)).strip())
    return out


def _question_of(container: str) -> tuple[str, int]:
    found = QUESTION.search(container)
    if not found:
        return "", 10_000
    return f"{found.group(1)}.{int(found.group(2))}", int(found.group(2))


def load_gennovate(path: str | Path) -> GoldSet:
    root = Path(path)
    folder = root / "coded_templates" if (root / "coded_templates").is_dir() else root
    if root.is_file():
        files = [root]
        root = root.parent.parent if root.parent.name == "coded_templates" else root.parent
    else:
        files = sorted(folder.glob("template_*.csv"))
    if not files:
        raise InputError(root, "expected coded_templates/template_*.csv (gennovate-focusgroups)")
    quotes: dict[tuple[str, str], tuple[str, set[str], str, int]] = {}
    row_number = 0
    for file in files:
        for row in csv.DictReader(io.StringIO(read_text(file))):
            row_number += 1
            document = (row.get("document_code") or "").strip()
            text = (row.get("text") or "").strip()
            label = (row.get("category_label") or "").strip()
            if not document or not text or not label:
                continue
            key = (document, normalise(text))
            question = _question_of(row.get("data_container") or "")[0]
            quotes.setdefault(key, (text, set(), question, row_number))[1].add(label)
    units = _with_context(quotes, _guide(root))
    descriptions = _descriptions(root)
    codes = sorted(set(descriptions) | {label for unit in units for label in unit.labels})
    parents, labels = _hierarchy(root)
    return GoldSet(
        "gennovate",
        "quote",
        units,
        codes,
        descriptions=descriptions,
        parents=parents,
        labels=labels,
    )


def _with_context(
    quotes: dict[tuple[str, str], tuple[str, set[str], str, int]], guide: dict[str, str]
) -> list[GoldUnit]:
    """The units (ids by sorted key, as before context existed), each with its question, the
    other quotes of its answer (quotes holding it, or held in it, left out) and the last quote
    of the document's previous question."""
    ids = {key: f"{key[0]}:{number}" for number, key in enumerate(sorted(quotes))}
    answers: dict[tuple[str, str], list[tuple[str, str]]] = {}
    order = sorted(quotes, key=lambda k: (k[0], _question_of(quotes[k][2])[1], quotes[k][3]))
    for key in order:
        answers.setdefault((key[0], quotes[key][2]), []).append((ids[key], quotes[key][0]))
    position = {ids[key]: number for number, key in enumerate(order)}  # order in the guide
    previous: dict[str, str] = {}
    last_of: dict[str, tuple[str, str]] = {}  # document → (question, last id of the one before)
    for key in order:
        document, question = key[0], quotes[key][2]
        seen = last_of.get(document)
        if seen is None:
            last_of[document] = (question, "")
        elif seen[0] != question:
            before = answers[(document, seen[0])][-1][0]
            last_of[document] = (question, before)
        previous[ids[key]] = last_of[document][1]
    units = []
    for key in sorted(quotes):
        text, labels, question, _ = quotes[key]
        unit_id = ids[key]
        others = [
            t
            for i, t in answers[(key[0], question)]
            if i != unit_id and key[1] not in normalise(t) and normalise(t) not in key[1]
        ]  # other quotes of the answer (not those overlapping this one)
        others = others if question else []
        asked = f"{question} {guide.get(question, '')}".strip() if question else ""
        units.append(
            GoldUnit(
                unit_id,
                text,
                key[0],
                frozenset(labels),
                question=asked,
                neighbours=" ".join(others),
                previous=previous[unit_id],
                position=position[unit_id],
            )
        )
    return units
