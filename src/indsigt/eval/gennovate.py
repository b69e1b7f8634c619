"""GENNOVATE focus groups (``gennovate-focusgroups``): quotes coded with 33 categories of
aspirations, aspiration–attainment gaps and gender norms (``coded_templates/template_*.csv``),
one document per community and gender.

The unit is the quote: a quote coded with several categories is one unit with several
labels. Groups are the documents (``document_code``). Category descriptions come from
``codebook.csv``.
"""

from __future__ import annotations

import csv
import io
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
    quotes: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for file in files:
        for row in csv.DictReader(io.StringIO(read_text(file))):
            document = (row.get("document_code") or "").strip()
            text = (row.get("text") or "").strip()
            label = (row.get("category_label") or "").strip()
            if not document or not text or not label:
                continue
            key = (document, normalise(text))
            quotes.setdefault(key, (text, set()))[1].add(label)
    units = [
        GoldUnit(f"{document}:{number}", text, document, frozenset(labels))
        for number, ((document, _), (text, labels)) in enumerate(sorted(quotes.items()))
    ]
    descriptions = _descriptions(root)
    codes = sorted(set(descriptions) | {label for unit in units for label in unit.labels})
    return GoldSet("gennovate", "quote", units, codes, descriptions=descriptions)
