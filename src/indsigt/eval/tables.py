"""Gold in one table: Danish municipal agenda titles with Comparative Agendas Project codes
(``cap``), and any CSV with the columns ``id``, ``text`` and ``code`` or ``codes`` (``csv``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

from indsigt.errors import InputError
from indsigt.eval.gold import GoldSet, GoldUnit, codes_of, read_text

# CAP major topics (the Danish Policy Agendas codebook follows the master codebook).
CAP_MAJOR = {
    "1": "Makroøkonomi / Macroeconomics",
    "2": "Borgerrettigheder / Civil rights",
    "3": "Sundhed / Health",
    "4": "Landbrug / Agriculture",
    "5": "Arbejdsmarked / Labour and employment",
    "6": "Uddannelse / Education",
    "7": "Miljø / Environment",
    "8": "Energi / Energy",
    "9": "Indvandring / Immigration",
    "10": "Transport / Transportation",
    "12": "Retsvæsen og kriminalitet / Law and crime",
    "13": "Social velfærd / Social welfare",
    "14": "Bolig og byudvikling / Housing and community development",
    "15": "Erhverv og finans / Banking, finance and commerce",
    "16": "Forsvar / Defence",
    "17": "Forskning og teknologi / Science and technology",
    "18": "Udenrigshandel / Foreign trade",
    "19": "Udenrigspolitik / International affairs",
    "20": "Offentlig forvaltning / Government operations",
    "21": "Natur og fysisk planlægning / Public lands and water management",
    "23": "Kultur / Culture",
}


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(path, "no such file")
    text = read_text(path)
    delimiter = ","
    with contextlib.suppress(csv.Error):
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def cap_major(code: str) -> str:
    """The major topic of a CAP code: its leading digits (``1407`` → ``14``, ``99`` → ``0``)."""
    return str(int(code) // 100)


def load_cap(path: str | Path, *, level: str = "major") -> GoldSet:
    path = Path(path)
    rows = _rows(path)
    if not rows or "text" not in rows[0]:
        raise InputError(path, "expected the columns id, coding, text (dk-municipal-agendas-cap)")
    if "coding" not in rows[0]:
        raise InputError(path, "this file has no 'coding' column: it holds no gold codes")
    if level not in ("major", "minor"):
        raise InputError(path, f"level {level!r}: use major or minor")
    units = []
    for number, row in enumerate(rows, start=2):
        code = (row.get("coding") or "").strip()
        if not re.fullmatch(r"\d+", code):
            raise InputError(path, f"line {number}: coding {code!r} is not a CAP code")
        label = cap_major(code) if level == "major" else code
        item = (row.get("id") or str(number)).strip()
        units.append(GoldUnit(item, row["text"].strip(), item, frozenset({label})))
    descriptions = CAP_MAJOR if level == "major" else {}
    return GoldSet(
        f"cap-{level}",
        "title",
        units,
        codes_of(units),
        single_label=True,
        descriptions=dict(descriptions),
    )


def load_csv(path: str | Path) -> GoldSet:
    """Columns ``id``, ``text``, ``code`` (one per row: single-label) or ``codes`` (separated by
    ``;`` or ``|``: multi-label); an optional ``group`` or ``document`` column keeps units
    together in splits (default: each unit its own group)."""
    path = Path(path)
    rows = _rows(path)
    if not rows:
        raise InputError(path, "no rows")
    columns = {key.strip().lower(): key for key in rows[0]}
    if "text" not in columns or not ({"code", "codes"} & set(columns)):
        raise InputError(path, "expected the columns id, text and code (or codes)")
    single = "code" in columns
    code_column = columns["code" if single else "codes"]
    group_column = columns.get("group") or columns.get("document")
    units = []
    for number, row in enumerate(rows, start=2):
        item = (row.get(columns.get("id", ""), "") or str(number)).strip()
        raw = (row.get(code_column) or "").strip()
        labels = frozenset(c.strip() for c in re.split(r"[;|]", raw) if c.strip())
        if single and len(labels) != 1:
            raise InputError(path, f"line {number}: column 'code' needs exactly one code")
        group = (row.get(group_column) or item).strip() if group_column else item
        units.append(GoldUnit(item, (row.get(columns["text"]) or "").strip(), group, labels))
    return GoldSet(path.stem, "row", units, codes_of(units), single_label=single)
