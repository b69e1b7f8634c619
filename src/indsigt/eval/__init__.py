"""Evaluation against human gold: ``indsigt eval coding`` (see :mod:`.coding`)."""

from __future__ import annotations

from indsigt.analyse.agreement import cohen_kappa, counts, gwet_ac1, krippendorff_alpha
from indsigt.eval.coding import FORMATS, evaluate_coding, load_gold
from indsigt.eval.gold import GoldSet, GoldUnit
from indsigt.eval.metrics import agreement
from indsigt.eval.report import markdown

__all__ = [
    "FORMATS",
    "GoldSet",
    "GoldUnit",
    "agreement",
    "cohen_kappa",
    "counts",
    "evaluate_coding",
    "gwet_ac1",
    "krippendorff_alpha",
    "load_gold",
    "markdown",
]
