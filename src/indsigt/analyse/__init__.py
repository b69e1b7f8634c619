"""Analysis on coded passages: segment comparison, co-occurrence, saturation."""

from indsigt.analyse.compare import (
    Cell,
    CodeRow,
    SegmentTable,
    TestResult,
    cooccurrence,
    saturation,
    segment_table,
)
from indsigt.analyse.prevalence import (
    Prevalence,
    code_prevalence,
    estimate_prevalence,
    sample_suggestions,
)

__all__ = [
    "Cell",
    "CodeRow",
    "Prevalence",
    "SegmentTable",
    "TestResult",
    "code_prevalence",
    "cooccurrence",
    "estimate_prevalence",
    "sample_suggestions",
    "saturation",
    "segment_table",
]
