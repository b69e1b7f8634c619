"""The interview guide: its questions read from a file (``parse``), stored per study, and
every turn of an interview aligned to the question it asks or answers (``align``)."""

from __future__ import annotations

from indsigt.guide.model import Guide, GuideQuestion
from indsigt.guide.parse import parse_guide, read_guide

__all__ = ["Guide", "GuideQuestion", "parse_guide", "read_guide"]
