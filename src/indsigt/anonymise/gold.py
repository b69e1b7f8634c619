"""Reading NER gold data: CoNLL/IOB2 token files, CoNLL-U (``name=B-PER`` in MISC) and the
Danish Anonymization Benchmark's JSON (Label Studio export with character spans).

Everything becomes :class:`GoldDoc`: a text, its tokens as character spans, and the gold entity
spans. Token files are rebuilt as text by joining tokens with one space (CoNLL-U honours
``SpaceAfter=No``); sentences end with a newline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from indsigt.errors import InputError

FORMATS = ("conll", "iob2", "conllu", "dab")


@dataclass(frozen=True)
class GoldSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]  # IOB2: "O", "B-PER", "I-PER", …
    spaces: tuple[bool, ...]  # a space after the token


# Gold label names of other corpora, as the CoNLL names the detectors use.
GOLD_LABELS = {"GPE_LOC": "LOC", "GPE_ORG": "ORG", "PERSON": "PER", "LOCATION": "LOC"}


@dataclass(frozen=True)
class GoldDoc:
    text: str
    tokens: tuple[tuple[int, int], ...]
    spans: tuple[tuple[int, int, str], ...]

    def labelled(self) -> list[tuple[int, int, str]]:
        """The gold spans with their labels as the detectors name them (``GOLD_LABELS``)."""
        return [(a, b, GOLD_LABELS.get(label, label)) for a, b, label in self.spans]


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".conllu":
        return "conllu"
    if suffix == ".json":
        return "dab"
    if suffix == ".iob2":
        return "iob2"
    return "conll"


def read_sentences(path: str | Path, format: str | None = None) -> list[GoldSentence]:
    """Sentences of a token file (conll, iob2 or conllu)."""
    path = Path(path)
    format = format or guess_format(path)
    if format == "dab":
        raise InputError(path, "the dab format has character spans, not sentences")
    if format not in FORMATS:
        raise InputError(path, f"unknown gold format {format!r} ({', '.join(FORMATS)})")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc
    reader = {"conllu": _conllu_row, "iob2": _iob2_row}.get(format, _conll_row)
    sentences = [s for s in _sentences(lines, reader) if s.tokens]
    if not sentences:
        raise InputError(path, f"no sentences found (read as {format})")
    return sentences


Row = tuple[str, str, bool]


def _sentences(lines: Iterable[str], reader: Callable[[str], Row | None]) -> Iterable[GoldSentence]:
    rows: list[Row] = []
    for line in lines:
        if not line.strip():
            if rows:
                yield _sentence(rows)
                rows = []
            continue
        if line.startswith("#"):
            continue
        row = reader(line)
        if row is not None:
            rows.append(row)
    if rows:
        yield _sentence(rows)


def _sentence(rows: list[Row]) -> GoldSentence:
    tokens = tuple(r[0] for r in rows)
    tags = to_iob2([r[1] for r in rows])
    return GoldSentence(tokens, tuple(tags), tuple(r[2] for r in rows))


def _cells(line: str) -> list[str]:
    return [c.strip() for c in (line.split("\t") if "\t" in line else line.split())]


def _conll_row(line: str) -> Row | None:
    """``token TAG [more columns]``, tab- or space-separated (DaNE, DaN+, swedish-ner-corpus)."""
    cells = _cells(line)
    if len(cells) >= 2 and cells[0]:
        return cells[0], cells[1], True
    return None


def _iob2_row(line: str) -> Row | None:
    """UNER: ``index token TAG [more]``; plain ``token TAG`` lines are accepted too."""
    cells = _cells(line)
    if len(cells) >= 3 and cells[0].isdigit() and _is_tag(cells[2]):
        return cells[1], cells[2], True
    return _conll_row(line)


def _conllu_row(line: str) -> Row | None:
    """CoNLL-U: FORM in column 2, the tag as ``name=B-PER`` (or ``NE=``) in MISC."""
    cells = line.split("\t")
    if len(cells) < 10 or not cells[0].isdigit():
        return None  # multiword-token ranges (1-2) and empty nodes (1.1)
    misc = cells[9].split("|")
    tag = "O"
    for item in misc:
        key, _, value = item.partition("=")
        if key in ("name", "NE", "ner"):
            tag = value
    return cells[1], tag, "SpaceAfter=No" not in misc


def _is_tag(cell: str) -> bool:
    return cell in ("O", "0") or re.match(r"^[BIES]-\S+$", cell) is not None or cell.isupper()


def to_iob2(tags: Sequence[str]) -> list[str]:
    """Normalise IO, IOB1 and IOB2 tags (and "0" for outside) to IOB2."""
    out: list[str] = []
    previous = "O"
    for raw in tags:
        tag = "O" if raw in ("O", "0", "_", "") else raw
        if tag == "O":
            out.append("O")
            previous = "O"
            continue
        prefix, _, label = (
            tag.partition("-") if tag[:2] in ("B-", "I-", "E-", "S-") else ("", "", tag)
        )
        if prefix in ("B", "S") or previous == "O" or previous[2:] != label:
            new = f"B-{label}"
        else:
            new = f"I-{label}"
        if prefix == "" and previous[2:] == label:
            new = f"I-{label}"  # IO tags: a run of one type is one entity
        out.append(new)
        previous = new
    return out


def sentence_spans(sentence: GoldSentence) -> list[tuple[int, int, str]]:
    """Entities as token index spans ``(first, last + 1, label)``."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for index, tag in enumerate([*sentence.tags, "O"]):
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((start, index, label))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, label = index, tag[2:]
    return spans


def documents(
    sentences: Sequence[GoldSentence], *, sentences_per_document: int = 1
) -> list[GoldDoc]:
    """Group sentences into documents (one sentence a line)."""
    size = max(1, sentences_per_document)
    return [_document(sentences[i : i + size]) for i in range(0, len(sentences), size)]


def _document(sentences: Sequence[GoldSentence]) -> GoldDoc:
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in sentences:
        first = len(tokens)
        for index, token in enumerate(sentence.tokens):
            tokens.append((offset, offset + len(token)))
            parts.append(token)
            offset += len(token)
            last = index == len(sentence.tokens) - 1
            gap = "\n" if last else (" " if sentence.spaces[index] else "")
            parts.append(gap)
            offset += len(gap)
        for a, b, label in sentence_spans(sentence):
            spans.append((tokens[first + a][0], tokens[first + b - 1][1], label))
    return GoldDoc("".join(parts), tuple(tokens), tuple(spans))


_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)


def read_dab(path: str | Path) -> list[GoldDoc]:
    """DAB / Label Studio JSON: a list of tasks with ``data.text`` and ``annotations[0].result``
    items ``{"value": {"start", "end", "labels"}}``. Also accepted: ``{"text", "spans":
    [{"start", "end", "label"}]}`` items."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(path, f"not a JSON gold file ({exc})") from exc
    if isinstance(data, dict):
        data = data.get("documents") or data.get("data") or [data]
    docs: list[GoldDoc] = []
    for task in data:
        text = (task.get("data") or {}).get("text") if "data" in task else task.get("text")
        if not isinstance(text, str):
            raise InputError(path, "a task without text (expected data.text or text)")
        spans: list[tuple[int, int, str]] = []
        annotations = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        results = annotations[0].get("result", []) if annotations else []
        for item in results:
            value = item.get("value", {})
            labels = value.get("labels") or [value.get("label", "MISC")]
            if "start" in value and "end" in value:
                spans.append((int(value["start"]), int(value["end"]), str(labels[0])))
        for item in task.get("spans", task.get("entities", [])):
            spans.append((int(item["start"]), int(item["end"]), str(item["label"])))
        tokens = tuple((m.start(), m.end()) for m in _TOKEN.finditer(text))
        docs.append(GoldDoc(text, tokens, tuple(sorted(spans))))
    return docs


def read_gold(
    path: str | Path,
    format: str | None = None,
    *,
    sentences: slice | None = None,
    sentences_per_document: int = 1,
) -> list[GoldDoc]:
    """Gold documents from a file of any supported format."""
    path = Path(path)
    format = format or guess_format(path)
    if format == "dab":
        return read_dab(path)
    found = read_sentences(path, format)
    if sentences is not None:
        found = found[sentences]
    return documents(found, sentences_per_document=sentences_per_document)


def parse_slice(text: str | None) -> slice | None:
    """``"5885:"`` → ``slice(5885, None)``; None stays None."""
    if not text:
        return None
    match = re.fullmatch(r"\s*(-?\d*)\s*:\s*(-?\d*)\s*", text)
    if not match:
        raise ValueError(f"not a slice: {text!r} (use START:END, e.g. 5885:)")
    start, end = (int(x) if x else None for x in match.groups())
    return slice(start, end)
