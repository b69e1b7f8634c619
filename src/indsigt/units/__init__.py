"""Units of analysis: conversational-talk marks on passages, and statements (idea units of a
respondent turn with the question that prompted them). See ``study.py`` for the stage."""

from __future__ import annotations

from indsigt.units.base import KINDS, NullTalkDetector, TalkDetector, TalkKind
from indsigt.units.publish import publishable
from indsigt.units.read import (
    UNITS,
    AnalysisUnit,
    MarkedPassage,
    analysis_units,
    conversational_ids,
    marked_ids,
    marks,
    statements,
)
from indsigt.units.rules import RuleTalkDetector
from indsigt.units.study import UnitsReport, build_units, ensure_units, missing_documents

__all__ = [
    "KINDS",
    "UNITS",
    "AnalysisUnit",
    "MarkedPassage",
    "NullTalkDetector",
    "RuleTalkDetector",
    "TalkDetector",
    "TalkKind",
    "UnitsReport",
    "analysis_units",
    "build_units",
    "conversational_ids",
    "ensure_units",
    "marked_ids",
    "marks",
    "missing_documents",
    "publishable",
    "statements",
]
