"""The study's supervised coder reads the facet of the study's codebook (issue 20): none in a
codebook without topic × stance structure, the facet once such codes are added."""

from __future__ import annotations

import pytest

import indsigt
from indsigt.codebook.edit import add_code
from indsigt.coding.facets import codebook_facet
from indsigt.records import Code


@pytest.mark.slow  # trains the supervised coder on the sample study
def test_the_study_coder_is_factorised_where_the_codebook_has_a_facet(
    sample: indsigt.Project,
) -> None:
    from indsigt.coding.run import build_coder
    from indsigt.coding.settings import CoderSettings
    from indsigt.progress import no_progress

    assert codebook_facet(sample.codebook()) is None  # the sample's codebook: no stances
    sample.code(coders=["keyword"])
    document = sample.documents()[0]
    accepted = [row.id for row in sample.codings(coder="keyword.v1", document=str(document.id))]
    sample.review_codings(accept=accepted, user="anna")
    add_code(sample.store, sample.study.id, Code(0, "normer", labels={"da": "Normer"}))
    for topic in ("ledelse", "data", "borgere"):
        add_code(sample.store, sample.study.id, Code(0, f"normer/{topic}"))
        for stance in ("bekræfter", "nuancerer", "modsiger"):
            add_code(sample.store, sample.study.id, Code(0, f"normer/{topic}/{stance}"))
    coder, _ = build_coder(
        "supervised.v1", sample.store, sample.study.id, CoderSettings(), no_progress
    )
    facet = coder.learner.facet  # type: ignore[attr-defined]
    assert facet is not None
    assert facet.values == ("bekræfter", "modsiger", "nuancerer")
    assert facet.topics == ("normer/borgere", "normer/data", "normer/ledelse")
