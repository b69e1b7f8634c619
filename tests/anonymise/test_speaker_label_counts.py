"""The speaker labels an anonymisation run replaces ("Mette Holm:" → "Deltager A:") are counted
apart from the persons found in what was said: in the run's report and in the report's method
(the s28 walk: a study of four focus groups "found 700 names", 626 of them speaker labels)."""

from __future__ import annotations

from pathlib import Path

import indsigt
from indsigt.report import data


def test_speaker_labels_are_no_person_findings(tmp_path: Path) -> None:
    source = tmp_path / "interview.txt"
    source.write_text(
        "Interviewer: Hvad laver du?\n\nMette Holm: Jeg arbejder med data.\n\n"
        "Interviewer: Og ellers?\n\nMette Holm: Jeg cykler hjem.\n",
        encoding="utf-8",
    )
    with indsigt.init_study(tmp_path / "s.db", language="da") as project:
        project.import_files([source])
        report = project.anonymise(detectors=[])
        assert report.findings == {}
        assert report.speaker_labels == 2
        assert data.applied_findings(project.store, project.study.id) == ({}, 2)
        assert "Mette" not in project.documents()[0].text
