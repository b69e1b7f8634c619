"""GENNOVATE's codebook gives its hierarchy, and its norm codes form a stance facet."""

from __future__ import annotations

from conftest import shared
from indsigt.eval.coding import gold_facet, load_gold


def test_gennovate_norm_codes_are_topic_by_stance() -> None:
    gold = load_gold("gennovate", shared("gennovate-focusgroups"))
    assert gold.parents["NRM_MEN_C"] == "NRM_MEN" and gold.parents["ASP_NON"] == "ASP"
    assert gold.labels["NRM_MOB_O"].startswith("Opposing")
    facet = gold_facet(gold)
    assert facet is not None
    assert facet.values == ("c", "n", "o")
    assert len(facet.topics) == 7 and "NRM_EQ" not in facet.topics
    assert facet.code("NRM_STIG", "o") == "NRM_STIG_O"
    assert not any(code.startswith(("ASP", "GAP", "NRM_EQ")) for code in facet.codes)
