"""Anonymisation: detectors → findings → overlap resolution → policy and operators.

Detectors (``base.Detector``) find spans; ``resolve`` picks among overlapping ones; the
``Policy`` says what each label gets; operators replace the spans from the end of the text
backwards; ``anonymise_study`` does all of it for a study and moves turns and passages with the
text. ``attribution`` makes quote labels and checks them for re-identification risks.
"""

from __future__ import annotations

from indsigt.anonymise.attribution import (
    ReidentificationWarning,
    attribution_label,
    attribution_labels,
    check_labels,
    check_quote,
    check_reidentification,
)
from indsigt.anonymise.base import Detector, NullDetector, Span
from indsigt.anonymise.detectors import default_detectors, detect, rule_detectors
from indsigt.anonymise.policy import ALLOW, Policy
from indsigt.anonymise.resolve import resolve
from indsigt.anonymise.study import AnonymiseReport, anonymise_study

__all__ = [
    "ALLOW",
    "AnonymiseReport",
    "Detector",
    "NullDetector",
    "Policy",
    "ReidentificationWarning",
    "Span",
    "anonymise_study",
    "attribution_label",
    "attribution_labels",
    "check_labels",
    "check_quote",
    "check_reidentification",
    "default_detectors",
    "detect",
    "resolve",
    "rule_detectors",
]
