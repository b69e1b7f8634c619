"""Automatic coding: coders (``keyword.v1``, ``similarity.v1``, ``supervised.v1``,
``llm.v1``, ``ensemble.v1``) that suggest codings, the run that stores them, and review."""

from __future__ import annotations

from indsigt.coding.base import Coder, NullCoder, suggestion
from indsigt.coding.ensemble import EnsembleCoder
from indsigt.coding.evidence import evidence_in_words
from indsigt.coding.keyword import KeywordCoder
from indsigt.coding.llm import LLMCoder, ResponseCache
from indsigt.coding.queue import QueueFilter, QueueItem, QueuePage, decided_items, suggestion_queue
from indsigt.coding.review import decide, list_codings, review_codings, undo
from indsigt.coding.run import CodingReport, code_study, passages_to_code
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.coding.similarity import SimilarityCoder
from indsigt.coding.supervised import SupervisedCoder

BUILTIN_CODERS: dict[str, type[Coder]] = {
    cls.name: cls
    for cls in (KeywordCoder, SimilarityCoder, SupervisedCoder, LLMCoder, EnsembleCoder, NullCoder)
}

__all__ = [
    "BUILTIN_CODERS",
    "Coder",
    "CoderSettings",
    "CoderStudy",
    "CodingReport",
    "EnsembleCoder",
    "KeywordCoder",
    "LLMCoder",
    "NullCoder",
    "QueueFilter",
    "QueueItem",
    "QueuePage",
    "ResponseCache",
    "SimilarityCoder",
    "SupervisedCoder",
    "code_study",
    "decide",
    "decided_items",
    "evidence_in_words",
    "list_codings",
    "passages_to_code",
    "review_codings",
    "suggestion",
    "suggestion_queue",
    "undo",
]
