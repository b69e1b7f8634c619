"""Facets: child codes that are a topic × a stance, read from a codebook's structure (issue 20,
GENNOVATE)."""

from __future__ import annotations

from indsigt.codebook.model import Codebook
from indsigt.coding.facets import codebook_facet, detect_facet
from indsigt.records import Code

GENNOVATE_LIKE = {
    "NRM_MEN_C": ("NRM_MEN", "Confirming norm: Men are (stronger and better) farmers"),
    "NRM_MEN_N": ("NRM_MEN", "Nuancing norm: Men are (stronger and better) farmers"),
    "NRM_MEN_O": ("NRM_MEN", "Opposing norm: Men are (stronger and better) farmers"),
    "NRM_MOB_C": ("NRM_MOB", "Confirming norms restricting young women's mobility"),
    "NRM_MOB_N": ("NRM_MOB", "Nuancing norms restricting young women's mobility"),
    "NRM_MOB_O": ("NRM_MOB", "Opposing norms restricting young women's mobility"),
    "NRM_STIG_C": ("NRM_STIG", "Confirming existence of social stigmas"),
    "NRM_STIG_N": ("NRM_STIG", "Nuancing existence of social stigmas"),
    "NRM_STIG_O": ("NRM_STIG", "Opposing existence of social stigmas"),
    "NRM_EQ_NO": ("NRM_EQ", "Not in favour of gender equality"),
    "NRM_EQ_YS": ("NRM_EQ", "In favour of gender equality"),
    "ASP_NON": ("ASP", "Expression of not having aspirations"),
    "ASP_TRAD": ("ASP", "aspirations in traditional agriculture"),
    "GAP_NON": ("GAP", "no discrepancy"),
    "GAP_WID": ("GAP", "a wide discrepancy"),
}


def test_a_stance_shared_by_three_topics_is_a_facet() -> None:
    parents = {code: parent for code, (parent, _) in GENNOVATE_LIKE.items()}
    labels = {code: text for code, (_, text) in GENNOVATE_LIKE.items()}
    facet = detect_facet(parents, labels)
    assert facet is not None
    assert facet.values == ("c", "n", "o")
    assert facet.topics == ("NRM_MEN", "NRM_MOB", "NRM_STIG")
    assert facet.topic_of["NRM_MOB_N"] == "NRM_MOB" and facet.value_of["NRM_MOB_N"] == "n"
    assert facet.code("NRM_STIG", "o") == "NRM_STIG_O" and facet.code("NRM_STIG", "x") is None
    # Kinds of one topic only (yes/no) or of two (ASP_NON, GAP_NON) are no stance.
    assert not {"NRM_EQ_NO", "NRM_EQ_YS", "ASP_NON", "GAP_NON"} & set(facet.codes)


def test_the_stance_word_of_the_label_when_ids_say_nothing() -> None:
    # Numbered codes: what an id adds to its parent's (1, 2, … 6) is shared by no one.
    parents = {f"{topic}{2 * t + k}": topic for t, topic in enumerate("ABC") for k in (1, 2)}
    labels = {
        f"{topic}{2 * t + k}": f"{'Confirming' if k == 1 else 'Opposing'} the norm {topic}"
        for t, topic in enumerate("ABC")
        for k in (1, 2)
    }
    facet = detect_facet(parents, labels)
    assert facet is not None and facet.values == ("confirming", "opposing")
    assert facet.code("B", "opposing") == "B4"


def test_codebook_paths_topic_slash_stance() -> None:
    codes = [Code(0, topic) for topic in ("norms", "norms/men", "norms/mobility", "norms/work")]
    codes += [
        Code(0, f"norms/{topic}/{stance}")
        for topic in ("men", "mobility", "work")
        for stance in ("confirming", "opposing")
    ]
    facet = codebook_facet(Codebook.from_codes(codes))
    assert facet is not None
    assert facet.topics == ("norms/men", "norms/mobility", "norms/work")
    assert facet.value_of["norms/work/opposing"] == "opposing"


def test_no_facet_in_a_flat_codebook_or_one_without_shared_kinds() -> None:
    flat = Codebook.from_codes(Code(0, p) for p in ("economy", "health", "culture"))
    assert codebook_facet(flat) is None
    tree = Codebook.from_codes(
        Code(0, p)
        for p in (
            "drivers",
            "drivers/technology",
            "drivers/politics",
            "barriers",
            "barriers/money",
            "barriers/skills",
            "leadership",
            "leadership/vision",
        )
    )
    assert codebook_facet(tree) is None
    assert detect_facet({}) is None
