"""Reading a guide's structure from its text.

Questions are numbered or bracketed (``[Q2.1]``, ``2.1``, ``3.``, ``3)``, ``Spørgsmål 3``,
``Q3``), lettered under a question (``a)`` → sub-question ``3a``) or — in a guide that numbers
nothing — listed as bullets (the outer level a question, the next a sub-question, deeper ones
probes) or written as paragraphs that end in "?". Under a numbered question, bullets,
paragraphs ending in "?" and lines such as ``Probe: …``/``Uddyb: …`` are its probes. Sections
are headings: Markdown ``#``, Word heading styles, a short stand-alone line, or a numbered
line without a question mark that has numbered sub-questions ("2. Muligheder" over "2.1 …").
A line that follows an item without a blank line continues it (wrapped text). Where the
numbering restarts in every section, a repeated label gets ``#2``, ``#3`` … ("1#2": the second
question numbered 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from indsigt.errors import InputError
from indsigt.guide.model import Guide, GuideQuestion
from indsigt.guide.read import read_guide_text

_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_HEADING_MD = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")
_BRACKET = re.compile(r"^\[(?=[^\]]*\d)(?P<label>[^\]\s][^\]]{0,15})\]\s*[.:)\-–]?\s*(?P<text>.*)$")
_WORDNUM = re.compile(
    r"^(?P<label>(?:spørgsmål|spørsmål|spm\.?|question|fråga|frage|q)\s?\d{1,3}(?:\.\d{1,3})*"
    r"[a-h]?)\s*[.:)\-–]?\s+(?P<text>.+)$",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(?P<label>\d{1,3}(?:\.\d{1,3})+)[.):]?\s+(?P<text>.+)$")
_NUMBER = re.compile(r"^(?P<label>\d{1,3})[.)]\s+(?P<text>.+)$")
_LETTER = re.compile(r"^(?P<label>[a-h])[.)]\s+(?P<text>.+)$")
_BULLET = re.compile(r"^[-*•●○■◦▪–·]\s+(?P<text>.+)$")
_PROBE = re.compile(
    r"^(?:probes?|prompts?|follow[- ]?ups?|uddyb(?:ning)?|opfølgning|opfølgende|følg op|"
    r"oppfølging|följdfråga|följdfrågor|sondering)\s*[:–-]\s*(?P<text>.+)$",
    re.IGNORECASE,
)
_SECTION_WORD = re.compile(
    r"^(?:tema|del|afsnit|section|part|theme|seksjon|avsnitt|emne|topic|block|blok)\b",
    re.IGNORECASE,
)


@dataclass
class _Item:
    kind: str  # labelled, letter, bullet, probe, para, heading
    text: str
    indent: int
    label: str = ""
    section: str = ""
    after_blank: bool = True


def read_guide(path: str | Path) -> Guide:
    """Parse a guide file (.txt, .md, .docx, .odt, .rtf, .pdf) into a :class:`Guide`."""
    text, sha256 = read_guide_text(path)
    questions = parse_guide(text)
    if not questions:
        raise InputError(
            path,
            "no questions found: number them ([Q1], 1., 2.1, Spørgsmål 3, Q3), "
            "or list them as bullets or as paragraphs ending in '?'",
        )
    return Guide(questions=tuple(questions), source=Path(path).name, sha256=sha256)


def parse_guide(text: str) -> list[GuideQuestion]:
    """The questions of a guide's text, in guide order."""
    items = _sections(_items(text))
    numbered = any(item.kind == "labelled" for item in items)
    return _numbered(items) if numbered else _unnumbered(items)


def _clean(line: str) -> str:
    line = line.replace("\t", "    ").rstrip()
    stripped = line.lstrip()
    if stripped.startswith(">"):
        stripped = stripped.lstrip("> ")
    return _EMPHASIS.sub("", stripped).strip()


def _classify(line: str) -> tuple[str, str, str]:
    """``(kind, label, text)`` of one cleaned line."""
    heading = _HEADING_MD.match(line)
    if heading:
        return "heading", "", heading.group("text")
    for pattern in (_BRACKET, _WORDNUM, _DOTTED, _NUMBER):
        match = pattern.match(line)
        if match and match.group("text").strip():
            label = re.sub(r"\s+", " ", match.group("label").strip()).rstrip(".:)")
            if pattern is _BRACKET:
                label = re.sub(r"^([A-Za-z]) (?=\d)", r"\1", label)  # "[Q 2.1]" → "Q2.1"
            if pattern is _WORDNUM and label[:1] in "qQ":
                label = "Q" + label[1:].strip()
            return "labelled", label, match.group("text").strip()
    probe = _PROBE.match(line)
    if probe:
        return "probe", "", probe.group("text").strip()
    letter = _LETTER.match(line)
    if letter:
        return "letter", letter.group("label"), letter.group("text").strip()
    bullet = _BULLET.match(line)
    if bullet:
        body = bullet.group("text").strip()
        prefixed = _PROBE.match(body)  # "- Uddyb: …"
        return "bullet", "", prefixed.group("text").strip() if prefixed else body
    return "para", "", line


def _items(text: str) -> list[_Item]:
    items: list[_Item] = []
    open_item: _Item | None = None
    blank = True
    for raw in text.split("\n"):
        line = _clean(raw)
        if not line:
            open_item = None
            blank = True
            continue
        indent = len(raw.replace("\t", "    ")) - len(raw.replace("\t", "    ").lstrip())
        kind, label, body = _classify(line)
        if kind == "para" and open_item is not None and open_item.kind != "heading":
            open_item.text = f"{open_item.text} {body}"
            continue
        item = _Item(kind=kind, text=body, indent=indent, label=label, after_blank=blank)
        items.append(item)
        open_item = item
        blank = False
    return items


def _is_heading_line(item: _Item) -> bool:
    if item.kind == "heading":
        return True
    if item.kind != "para":
        return False
    text = item.text
    if text.endswith(("?", ".", ":", ",", ";", "!")) or len(text.split()) > 8:
        return False
    return item.after_blank or _SECTION_WORD.match(text) is not None


def _sections(items: list[_Item]) -> list[_Item]:
    """Mark headings and give every item its section; drop headings' own lines."""
    children = {
        item.label.split(".", 1)[0]
        for item in items
        if item.kind == "labelled" and "." in item.label
    }
    section = ""
    previous: _Item | None = None
    kept: list[_Item] = []
    for item in items:
        numbered_heading = (
            item.kind == "labelled"
            and item.label in children
            and "?" not in item.text
            and len(item.text.split()) <= 8
        )
        if numbered_heading or _is_heading_line(item):
            # "Duration: 20 minutes" under a heading is its subtitle, not a new section.
            subtitle = (
                item.kind == "para"
                and ":" in item.text
                and previous is not None
                and previous.kind == "heading"
            )
            if not subtitle:
                section = item.text
            item.kind = "heading"
            previous = item
            continue
        item.section = section
        kept.append(item)
        previous = item
    return kept


class _Builder:
    def __init__(self) -> None:
        self.order: list[str] = []
        self.records: dict[str, dict[str, object]] = {}

    def add(self, label: str, text: str, section: str, parent: str | None) -> str:
        base, n = label, 1
        while label in self.records:  # a repeated label (numbering restarts per section)
            n += 1
            label = f"{base}#{n}"
        self.order.append(label)
        self.records[label] = {"text": text, "section": section, "parent": parent, "probes": []}
        return label

    def probe(self, label: str | None, text: str) -> None:
        if label is not None:
            probes = self.records[label]["probes"]
            assert isinstance(probes, list)
            probes.append(text)

    def build(self) -> list[GuideQuestion]:
        found = []
        for label in self.order:
            record = self.records[label]
            parent = record["parent"]
            found.append(
                GuideQuestion(
                    label=label,
                    text=str(record["text"]),
                    section=str(record["section"]),
                    parent=parent if isinstance(parent, str) else None,
                    probes=tuple(str(p) for p in record["probes"]),  # type: ignore[attr-defined]
                )
            )
        return found


def _parent_label(label: str, known: dict[str, str]) -> str | None:
    """The longest known label that ``label`` extends by ``.N`` ("Q2.1" → "Q2")."""
    head = label
    while "." in head:
        head = head.rsplit(".", 1)[0]
        if head in known:
            return known[head]
    return None


def _numbered(items: list[_Item]) -> list[GuideQuestion]:
    builder = _Builder()
    own: dict[str, str] = {}  # the guide's label → the stored (unique) label
    current: str | None = None  # the innermost question probes attach to
    top: str | None = None  # the last question without a parent (letters attach here)
    section: str | None = None
    for item in items:
        if item.section != section:
            section, current, top = item.section, None, None
        if item.kind == "labelled":
            parent = _parent_label(item.label, own)
            stored = builder.add(item.label, item.text, item.section, parent)
            own[item.label] = stored
            current = stored
            if parent is None:
                top = stored
        elif item.kind == "letter" and top is not None:
            label = f"{top}{item.label}"
            current = builder.add(label, item.text, item.section, top)
        elif item.kind in ("bullet", "probe", "letter") or (
            item.kind == "para" and item.text.endswith("?")
        ):
            builder.probe(current, item.text)
    return builder.build()


def _unnumbered(items: list[_Item]) -> list[GuideQuestion]:
    builder = _Builder()
    count = 0
    top: str | None = None
    sub: str | None = None
    subs = 0
    indents: list[int] = []  # the indents of the open bullet levels
    for item in items:
        if item.kind != "bullet":
            indents = []
        if item.kind == "bullet":
            while indents and indents[-1] > item.indent:
                indents.pop()
            if not indents or indents[-1] < item.indent:
                indents.append(item.indent)
            level = len(indents) - 1
            if level == 0 or top is None:
                count += 1
                top = builder.add(f"Q{count}", item.text, item.section, None)
                sub, subs = None, 0
            elif level == 1:
                subs += 1
                sub = builder.add(f"{top}.{subs}", item.text, item.section, top)
            else:
                builder.probe(sub or top, item.text)
        elif item.kind == "para" and item.text.endswith("?"):
            count += 1
            top = builder.add(f"Q{count}", item.text, item.section, None)
            sub, subs = None, 0
        elif item.kind in ("probe", "letter"):
            builder.probe(sub or top, item.text)
    return builder.build()
