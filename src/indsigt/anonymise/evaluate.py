"""``indsigt eval anonymise``: detection measured against NER gold data.

The detectors run on the gold text; overlaps are resolved as in a real run. Per gold label:
- token level: a gold token of label L is recalled when a predicted span of label L covers it;
  token precision is the share of tokens under predicted L spans that are gold L tokens;
- entity level, strict (same start, end and label) and partial (same label, overlapping);
- F2 (recall weighs four times as much as precision) for each.
Predicted fine labels count as their CoNLL label (a municipality is a LOC, an agency an ORG);
gold GPE_LOC/GPE_ORG (NorNE) count as LOC/ORG. ``leaked_person_tokens`` are gold PER tokens that
no predicted span of any label covers: what would still be readable after anonymisation.
``components`` says, per detector, the share of gold PER tokens it covers (before overlap
resolution) and how many only it covers.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from indsigt.anonymise.base import COARSE, PER, Detector
from indsigt.anonymise.detectors import default_detectors, detect, load_tagger
from indsigt.anonymise.gold import GoldDoc, parse_slice, read_gold
from indsigt.anonymise.resolve import resolve


@dataclass
class _Count:
    gold_tokens: int = 0
    hit_tokens: int = 0
    predicted_tokens: int = 0
    correct_tokens: int = 0
    gold_entities: int = 0
    predicted_entities: int = 0
    strict: int = 0
    partial_gold: int = 0
    partial_predicted: int = 0


@dataclass
class EvalReport:
    gold: str
    documents: int
    tokens: int
    seconds: float
    detectors: list[str]
    per_label: dict[str, dict[str, float | int]] = field(default_factory=dict)
    leaked_person_tokens: list[str] = field(default_factory=list)
    person_tokens_covered: float = 0.0
    components: dict[str, dict[str, float | int]] = field(default_factory=dict)
    protection: dict[str, Any] = field(default_factory=dict)  # with protection=True

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def evaluate_anonymisation(
    gold: str,
    *,
    format: str | None = None,
    language: str = "da",
    model: str | None = None,
    sentences: str | None = None,
    per_document: int = 20,
    names: bool = True,
    detectors: Sequence[Detector] | None = None,
    protection: bool = False,
) -> EvalReport:
    """Read a gold file and measure the detectors on it (see the module docstring); with
    ``protection``, also what a real run leaves readable and how much it masks
    (:mod:`indsigt.anonymise.protection`)."""
    docs = read_gold(
        gold, format, sentences=parse_slice(sentences), sentences_per_document=per_document
    )
    if detectors is None:
        detectors = default_detectors(tagger=load_tagger(model), names=names)
    report = score(docs, detectors, language=language, gold_name=str(gold))
    if protection:
        from indsigt.anonymise.protection import measure_protection

        report.protection = measure_protection(docs, detectors, language=language).as_dict()
    return report


def score(
    docs: Sequence[GoldDoc],
    detectors: Sequence[Detector],
    *,
    language: str = "da",
    gold_name: str = "",
) -> EvalReport:
    started = time.monotonic()
    counts: dict[str, _Count] = {}
    leaked: Counter[str] = Counter()
    person_tokens = covered_any = 0
    component_hits: Counter[str] = Counter()
    component_only: Counter[str] = Counter()
    for doc in docs:
        raw = detect(doc.text, detectors, language=language)
        predicted = [(s.start, s.end, _coarse(s.label)) for s in resolve(raw, doc.text)]
        gold = doc.labelled()
        _entities(gold, predicted, counts)
        _tokens(doc, gold, predicted, counts)
        for start, end in doc.tokens:
            if not any(a <= start and end <= b and lab == PER for a, b, lab in gold):
                continue
            person_tokens += 1
            if any(a < end and start < b for a, b, _ in predicted):
                covered_any += 1
            else:
                leaked[doc.text[start:end]] += 1
            by = {s.detector for s in raw if s.start < end and start < s.end}
            component_hits.update(by)
            if len(by) == 1:
                component_only.update(by)
    per_label = {label: _metrics(c) for label, c in sorted(counts.items())}
    components = {
        name: {
            "person_token_share": round(component_hits[name] / person_tokens, 4)
            if person_tokens
            else 0.0,
            "only_this": component_only[name],
        }
        for name in sorted(component_hits)
    }
    return EvalReport(
        gold=gold_name,
        documents=len(docs),
        tokens=sum(len(d.tokens) for d in docs),
        seconds=round(time.monotonic() - started, 2),
        detectors=[d.name for d in detectors],
        per_label=per_label,
        leaked_person_tokens=[token for token, _ in leaked.most_common()],
        person_tokens_covered=round(covered_any / person_tokens, 4) if person_tokens else 0.0,
        components=components,
    )


def _coarse(label: str) -> str:
    return COARSE.get(label, label)


def _entities(
    gold: list[tuple[int, int, str]],
    predicted: list[tuple[int, int, str]],
    counts: dict[str, _Count],
) -> None:
    predicted_set = set(predicted)
    for a, b, label in gold:
        count = counts.setdefault(label, _Count())
        count.gold_entities += 1
        count.strict += (a, b, label) in predicted_set
        count.partial_gold += any(p < b and a < q and lab == label for p, q, lab in predicted)
    for p, q, label in predicted:
        count = counts.setdefault(label, _Count())
        count.predicted_entities += 1
        count.partial_predicted += any(p < b and a < q and lab == label for a, b, lab in gold)


def _tokens(
    doc: GoldDoc,
    gold: list[tuple[int, int, str]],
    predicted: list[tuple[int, int, str]],
    counts: dict[str, _Count],
) -> None:
    for start, end in doc.tokens:
        gold_label = next((lab for a, b, lab in gold if a <= start and end <= b), None)
        labels = {lab for a, b, lab in predicted if a < end and start < b}
        if gold_label is not None:
            count = counts.setdefault(gold_label, _Count())
            count.gold_tokens += 1
            count.hit_tokens += gold_label in labels
        for label in labels:
            count = counts.setdefault(label, _Count())
            count.predicted_tokens += 1
            count.correct_tokens += label == gold_label


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f2(precision: float, recall: float) -> float:
    return (
        round(5 * precision * recall / (4 * precision + recall), 4) if precision + recall else 0.0
    )


def _metrics(c: _Count) -> dict[str, float | int]:
    token_recall = _ratio(c.hit_tokens, c.gold_tokens)
    token_precision = _ratio(c.correct_tokens, c.predicted_tokens)
    entity_recall = _ratio(c.strict, c.gold_entities)
    entity_precision = _ratio(c.strict, c.predicted_entities)
    partial_recall = _ratio(c.partial_gold, c.gold_entities)
    partial_precision = _ratio(c.partial_predicted, c.predicted_entities)
    return {
        "gold_entities": c.gold_entities,
        "predicted_entities": c.predicted_entities,
        "gold_tokens": c.gold_tokens,
        "token_recall": token_recall,
        "token_precision": token_precision,
        "token_f2": _f2(token_precision, token_recall),
        "entity_recall": entity_recall,
        "entity_precision": entity_precision,
        "entity_f2": _f2(entity_precision, entity_recall),
        "partial_recall": partial_recall,
        "partial_precision": partial_precision,
        "partial_f2": _f2(partial_precision, partial_recall),
    }
