"""A batch job and ``indsigt anonymise`` on the same study (issue 18, item 1): the job's
driver read the study's pseudonyms and respondent numbers when it started, so a partition
written after another text writer changed the study is refused (nothing written) with the
resume hint; the resumed job finishes and the study passes ``indsigt db check``. Against
SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.batch import InProcessEngine
from indsigt.store.textlock import StaleStudyError

from .helpers import QUESTIONS


def test_anonymise_between_partitions_stops_the_job_cleanly(
    coded_study: indsigt.Project, sheet: Path
) -> None:
    written: list[int] = []

    def meanwhile(done: int, total: int, what: str) -> None:
        if what.startswith("batch:"):
            written.append(done)
            if len(written) == 2:  # another writer, between two partitions of the job
                coded_study.anonymise()

    with pytest.raises(StaleStudyError, match=r"another run changed.*--resume 1"):
        coded_study.batch(
            sheet,
            text_columns=QUESTIONS,
            id_column="svar_id",
            engine=InProcessEngine(),
            partition_size=40,
            progress=meanwhile,
        )
    assert coded_study.check().ok
    report = coded_study.batch(
        sheet,
        text_columns=QUESTIONS,
        id_column="svar_id",
        engine=InProcessEngine(),
        partition_size=40,
        resume=1,
    )
    assert report.status == "done" and report.resumed == 2
    check = coded_study.check()
    assert check.ok, check.problems
    assert check.documents == len(coded_study.documents()) > 200
