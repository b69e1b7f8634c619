"""A coding's stored ``evidence`` in words, for the review queue and the CLI.

Each coder stores its own shape (see ``keyword.py``, ``similarity.py``, ``supervised.py``,
``llm.py``, ``ensemble.py``); this module says what it means in one short line: "keywords:
rekruttere, kompetencer", "similar to the definition, 0.71", "learnt from 12 accepted codings,
0.83". It never shows a raw dict, an embedder id or a reviewer's bookkeeping.

The phrases are gettext message ids (``%(name)s`` fields); :func:`evidence_in_words` takes a
``gettext`` to say them in another language (the web app's catalogues extract them from here).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from indsigt.codebook.texts import all_languages
from indsigt.records import Code

Gettext = Callable[[str], str]
MAX_QUOTE = 120
# What a reviewer adds or a person's coding carries: never evidence of the suggestion.
_BOOKKEEPING = frozenset(
    {"reviewed_by", "reviewed_at", "via", "accepted_suggestion", "accepted_suggestions"}
)


def _short(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: Any) -> str:
    return f"{float(value):.2f}"


def _distinct(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def _same(message: str) -> str:
    return message


def N_(message: str) -> str:
    return message


def _keywords(evidence: Mapping[str, Any], _: Gettext) -> str | None:
    matches = evidence.get("matches")
    words: list[str] = []
    if isinstance(matches, list):
        words = _distinct([str(m.get("keyword", "")) for m in matches if isinstance(m, dict)])
    elif isinstance(evidence.get("keywords"), list):
        words = _distinct([str(word) for word in evidence["keywords"]])
    if not words:
        return None
    line = _(N_("keywords: %(words)s")) % {"words": ", ".join(words)}
    negated = evidence.get("negated")
    if isinstance(negated, list) and negated:
        found = _distinct([str(m.get("keyword", "")) for m in negated if isinstance(m, dict)])
        if found:
            line += " " + _(N_("(negated: %(words)s)")) % {"words": ", ".join(found)}
    return line


def _which_text(nearest: str, code: Code | None) -> str:
    """Which of the code's texts ``nearest`` is (similarity.v1 stores the text itself)."""
    if code is None:
        return N_("similar to the code's description, %(score)s")
    nearest = nearest.strip()
    labels = [label.split(": ")[-1] for label in code.labels.values()]
    if any(nearest.endswith(label) for label in labels if label):
        return N_("similar to the code's label, %(score)s")
    if nearest in all_languages(code.definition):
        return N_("similar to the definition, %(score)s")
    if nearest in all_languages(code.include):
        return N_("similar to the include rule, %(score)s")
    if any(nearest == example.strip()[:300] for example in code.examples):
        return N_("similar to an example, %(score)s")
    return N_("similar to the code's description, %(score)s")


def _similarity(evidence: Mapping[str, Any], code: Code | None, _: Gettext) -> str | None:
    if "similarity" not in evidence:
        return None
    message = _which_text(str(evidence.get("nearest", "")), code)
    return _(message) % {"score": _number(evidence["similarity"])}


def _supervised(evidence: Mapping[str, Any], score: float | None, _: Gettext) -> str | None:
    if "positives" not in evidence:
        return None
    line = _(N_("learnt from %(count)s accepted codings")) % {"count": int(evidence["positives"])}
    if score is not None:
        line += f", {_number(score)}"
    terms = evidence.get("terms")
    if isinstance(terms, list) and terms:
        line += "; " + _(N_("words: %(words)s")) % {"words": ", ".join(str(t) for t in terms)}
    return line


def _llm(evidence: Mapping[str, Any], score: float | None, _: Gettext) -> str | None:
    if "quote" not in evidence:
        return None
    line = _(N_('language model quotes "%(quote)s"')) % {"quote": _short(str(evidence["quote"]))}
    if score is not None:
        line += ", " + _(N_("confidence %(score)s")) % {"score": _number(score)}
    return line


def _ensemble(evidence: Mapping[str, Any], _: Gettext) -> str | None:
    members = evidence.get("members")
    if not isinstance(members, Mapping) or not members:
        return None
    parts = [
        f"{name} {_number(value)}"
        for name, value in sorted(members.items())
        if isinstance(value, int | float)
    ]
    return _(N_("combined from %(parts)s")) % {"parts": ", ".join(parts)} if parts else None


def _generic(evidence: Mapping[str, Any]) -> str:
    """Anything else: its plain scalar fields and lists of words, nothing nested."""
    parts = []
    for key, value in evidence.items():
        if key in _BOOKKEEPING or key in {"embedder", "model", "prompt", "start", "end"}:
            continue
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            parts.append(f"{key.replace('_', ' ')} {_number(value)}")
        elif isinstance(value, str):
            parts.append(f"{key.replace('_', ' ')}: {_short(value, 60)}")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            parts.append(f"{key.replace('_', ' ')}: {', '.join(_distinct(value))}")
    return "; ".join(parts)


def evidence_in_words(
    evidence: Mapping[str, Any] | None,
    *,
    score: float | None = None,
    code: Code | None = None,
    gettext: Gettext = _same,
) -> str:
    """One line saying why a coder proposed a coding ("" when there is nothing to say).
    ``code`` (the coded code) lets a similarity say which of the code's texts was nearest;
    ``gettext`` translates the phrases (default: English)."""
    if not evidence:
        return ""
    for line in (
        _keywords(evidence, gettext),
        _similarity(evidence, code, gettext),
        _supervised(evidence, score, gettext),
        _llm(evidence, score, gettext),
        _ensemble(evidence, gettext),
    ):
        if line:
            return line
    return _generic(evidence)
