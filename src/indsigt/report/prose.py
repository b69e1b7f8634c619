"""An optional prose pass over the extractive summary by a local language model.

The summary (see summary.py) is a list of claims, each with its evidence. A model on an
OpenAI-compatible endpoint (``--llm-url``) may rewrite them as a paragraph, under a versioned
prompt (``prompts/summary.v1.txt``). The paragraph is only used when every sentence passes the
checks, so the link from each sentence to its evidence is never lost:

* every sentence ends with evidence labels in square brackets ("… [E1, E2]");
* every label is one of the summary's own labels;
* every number in the sentence is written in one of the claims those labels come from — a
  model cannot add a figure, and the shares of leaders stay as counted.

Otherwise the report keeps the list alone and says why (``ProseResult.rejected``). The list is
printed in any case; the paragraph comes before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from string import Template

from indsigt.report.model import Claim, Ref

PROMPT = "summary.v1"
Model = Callable[[list[str]], list[str]]
LANGUAGE_NAMES = {"da": "Danish", "en": "English", "no": "Norwegian (bokmål)", "sv": "Swedish"}
_SENTENCE = re.compile(r"\s*(?P<text>[^\[\]]+?)\s*\[(?P<refs>[^\[\]]+)\]\s*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class ProseResult:
    claims: tuple[Claim, ...]  # empty when rejected
    model: str
    prompt: str = PROMPT
    rejected: str = ""  # why the paragraph was not used


def prompt_for(claims: Sequence[Claim], lang: str) -> str:
    facts = "\n".join(
        f"[{', '.join(ref.label for ref in claim.refs)}] {claim.text}"
        for claim in claims
        if claim.refs
    )
    template = (resources.files("indsigt.report") / "prompts" / f"{PROMPT}.txt").read_text(
        encoding="utf-8"
    )
    return Template(template).substitute(language=LANGUAGE_NAMES.get(lang, lang), facts=facts)


def prose_summary(
    claims: Sequence[Claim], model: Model, *, lang: str, model_id: str = "model"
) -> ProseResult:
    """The model's paragraph as claims with refs, or an empty result saying why not."""
    cited = [claim for claim in claims if claim.refs]
    if not cited:
        return ProseResult((), model_id, rejected="the summary has no findings to rewrite")
    try:
        (response,) = model([prompt_for(cited, lang)])
    except Exception as exc:  # the endpoint's own errors name the endpoint
        return ProseResult((), model_id, rejected=f"the model did not answer ({exc})")
    return check_paragraph(response, cited, model_id=model_id)


def check_paragraph(response: str, claims: Sequence[Claim], *, model_id: str) -> ProseResult:
    refs: dict[str, Ref] = {ref.label: ref for claim in claims for ref in claim.refs}
    sources: dict[str, list[str]] = {}
    for claim in claims:
        for ref in claim.refs:
            sources.setdefault(ref.label, []).append(claim.text)
    text = " ".join(response.split())
    out: list[Claim] = []
    position = 0
    for match in _SENTENCE.finditer(text):
        if match.start() != position:
            return _reject(
                model_id, f"text without evidence labels: {text[position : match.start()]!r}"
            )
        position = match.end()
        labels = [label.strip() for label in match.group("refs").split(",") if label.strip()]
        unknown = [label for label in labels if label not in refs]
        if not labels or unknown:
            return _reject(model_id, f"unknown evidence label(s) {', '.join(unknown) or '(none)'}")
        sentence = match.group("text").strip()
        backing = " ".join(t for label in labels for t in sources[label])
        invented = [n for n in _NUMBER.findall(sentence) if n not in _NUMBER.findall(backing)]
        if invented:
            return _reject(
                model_id, f"number(s) {', '.join(invented)} not in the findings cited: {sentence!r}"
            )
        out.append(Claim(sentence, tuple(refs[label] for label in dict.fromkeys(labels))))
    if position != len(text):
        return _reject(model_id, f"text without evidence labels: {text[position:]!r}")
    if not out:
        return _reject(model_id, "the model wrote no sentence")
    return ProseResult(tuple(out), model_id)


def _reject(model_id: str, why: str) -> ProseResult:
    return ProseResult((), model_id, rejected=why)
