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

__all__ = [
    "Cell",
    "CodeRow",
    "SegmentTable",
    "TestResult",
    "cooccurrence",
    "saturation",
    "segment_table",
]
