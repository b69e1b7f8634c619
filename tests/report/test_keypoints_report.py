"""Key points in the report: sections open with them, the summary lists the strongest, the
differences chapter names those whose prevalence differs (or says none does)."""

from __future__ import annotations

import re

from .conftest import Written

POINT = re.compile(r"^(\d+) af (\d+) ledere: »(.+)«")


def test_sections_open_with_key_points(sample_da: Written) -> None:
    sections = sample_da.context.sections
    assert sections
    for section in sections:
        assert 2 <= len(section.key_points) <= 6, section.title
        for claim in section.key_points:
            found = POINT.match(claim.text)
            assert found, claim.text
            assert int(found.group(1)) >= 2
            assert 5 <= len(found.group(3).split()) <= 25
            assert claim.refs and all(ref.label.startswith("P") for ref in claim.refs)
    texts = [claim.text.split("»")[1] for s in sections for claim in s.key_points]
    assert len(texts) == len(set(texts))  # one sentence leads one theme
    markdown = (sample_da.folder / "report.md").read_text(encoding="utf-8")
    assert "**Budskaber**" in markdown


def test_summary_lists_the_strongest_key_points(sample_da: Written) -> None:
    texts = [claim.text for claim in sample_da.context.summary]
    start = texts.index("De vigtigste budskaber:")
    assert POINT.match(texts[start + 1])


def test_differences_name_the_key_point_that_differs(small: Written) -> None:
    texts = [claim.text for claim in small.context.differences]
    assert "Budskaberne:" in texts
    after = texts[texts.index("Budskaberne:") + 1 :]
    assert any("Demografien betyder" in text and "holder i testen" in text for text in after)
