"""The report names its grouping attribute by the label the web app shows
(:func:`indsigt.settings.attribute_label`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indsigt.report import build_context
from indsigt.report.html import load_theme, render_html
from indsigt.settings import change_setting

from .helpers import small_study


@pytest.mark.slow  # a study of its own, reported twice (key points embed with e5)
def test_the_segment_table_is_headed_by_the_attribute_label(tmp_path: Path) -> None:
    with small_study(tmp_path) as project:
        default = build_context(project.store, project.study.id, lang="da")
        assert default.by_label == "Level"  # the field name, capitalised
        change_setting(project.store, project.study.id, "attribute-label:level", "Niveau")
        labelled = build_context(project.store, project.study.id, lang="da", theme=load_theme(None))
        assert labelled.by_label == "Niveau"
        html = render_html(labelled)
        assert "Koder fordelt på grupper (Niveau)</h2>" in html
