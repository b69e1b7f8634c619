"""``indsigt eval coding --coder llm``: the LLM coder (``llm.v1``, any OpenAI-compatible
endpoint, local unless allowed) on the same gold units as the supervised coder. It learns
nothing from the training units: its codebook is the gold's codes with their descriptions
(where the gold has them), so every unit is coded once, zero-shot."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from indsigt.eval.gold import GoldSet, GoldUnit
from indsigt.progress import Progress, no_progress

Labels = frozenset[str]


def llm_coder(
    *, url: str, model: str, allow_remote: bool = False, cache: str | Path | None = None
) -> object:
    from indsigt.coding.endpoint import OpenAIEndpoint
    from indsigt.coding.llm import LLMCoder, ResponseCache
    from indsigt.coding.run import default_cache

    endpoint = OpenAIEndpoint(url, model, allow_remote=allow_remote)
    folder = Path(cache) if cache is not None else default_cache() / "llm"
    return LLMCoder(endpoint, cache=ResponseCache(folder), language="en")


def llm_codes(
    gold: GoldSet,
    units: Sequence[GoldUnit],
    coder: object,
    *,
    progress: Progress = no_progress,
) -> list[Labels]:
    """The codes ``coder`` (an :class:`~indsigt.coding.llm.LLMCoder`) gives each unit; for
    single-label gold its most confident code (none when it gives none)."""
    from indsigt.codebook.model import Codebook
    from indsigt.coding.llm import LLMCoder
    from indsigt.records import Code, Passage

    assert isinstance(coder, LLMCoder)
    names = list(gold.codes)
    codebook = Codebook.from_codes(
        Code(
            k + 1,
            path=name.replace("/", "-"),
            labels={"en": name},
            definition=gold.descriptions.get(name, ""),
        )
        for k, name in enumerate(names)
    )
    passages = [Passage(k, 0, 0, k, 0, len(u.text), u.text) for k, u in enumerate(units)]
    found: dict[int, dict[str, float]] = {}
    for coding in coder.code(passages, codebook, progress=progress):
        name = names[coding.code_id - 1]
        found.setdefault(coding.passage_id, {})[name] = float(coding.score or 0.0)
    out: list[Labels] = []
    for k in range(len(units)):
        scores = found.get(k, {})
        if gold.single_label and scores:
            out.append(frozenset({max(sorted(scores), key=lambda c: scores[c])}))
        else:
            out.append(frozenset(scores))
    return out
