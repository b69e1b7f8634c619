"""keyword.v1: stems in four languages, prefixes, phrases, negation, evidence offsets."""

from __future__ import annotations

from indsigt.codebook import Codebook
from indsigt.coding import KeywordCoder
from indsigt.records import Code, Passage


def passage(text: str, number: int = 1, start: int = 100) -> Passage:
    return Passage(number, 1, 1, number, start, start + len(text), text)


def codebook(*keywords: str) -> Codebook:
    return Codebook.from_codes([Code(0, "x", keywords=tuple(keywords))])


def found(text: str, *keywords: str) -> list[str]:
    codings = KeywordCoder().code([passage(text)], codebook(*keywords))
    return [m["text"] for c in codings for m in c.evidence["matches"]]


def test_stems_in_each_language() -> None:
    assert found("Vi mangler kompetencerne.", "kompetencer") == ["kompetencerne"]
    assert found("Vi mangler kompetanse i kommunene.", "kompetansen") == ["kompetanse"]
    assert found("Digitaliseringen av kommunerna", "digitalisering") == ["Digitaliseringen"]
    assert found("Three automations were built.", "automation") == ["automations"]


def test_stems_do_not_overreach() -> None:
    # Danish Snowball stems "lighed" and "lige" alike; they are different words.
    assert found("Det skal jeg lige sige.", "lighed") == []


def test_prefix_phrase_and_case() -> None:
    assert found("Automatiseringsprojektet kører.", "automatiser*") == ["Automatiseringsprojektet"]
    assert found("Kunstig intelligens og AI.", "kunstig intelligens") == ["Kunstig intelligens"]
    assert found("Kunstig is not intelligens.", "kunstig intelligens") == []
    assert found("Vi arbejder på tværs af sektorer.", "på tværs") == ["på tværs"]


def test_negation() -> None:
    coder = KeywordCoder()
    negated = coder.code([passage("Vi har ingen problemer med GDPR.")], codebook("gdpr"))
    assert negated == []
    both = coder.code(
        [passage("GDPR fylder, men vi har ikke GDPR-ansvar.")], codebook("gdpr", "gdpr-ansvar")
    )
    assert [m["text"] for m in both[0].evidence["matches"]] == ["GDPR"]
    assert [m["text"] for m in both[0].evidence["negated"]] == ["GDPR-ansvar"]
    plain = KeywordCoder(negation=False).code(
        [passage("Vi har ingen problemer med GDPR.")], codebook("gdpr")
    )
    assert len(plain) == 1


def test_score_and_offsets() -> None:
    text = "Robotter og kunstig intelligens: automatisering."
    codings = KeywordCoder().code(
        [passage(text, start=500)], codebook("robot*", "kunstig intelligens", "automatisering")
    )
    (coding,) = codings
    assert coding.coder == "keyword.v1" and coding.status == "suggested"
    assert coding.score == 0.875
    for match in coding.evidence["matches"]:
        assert text[match["start"] - 500 : match["end"] - 500] == match["text"]


def test_default_codebook_on_danish(small: object) -> None:
    from indsigt import Project

    assert isinstance(small, Project)
    coder = KeywordCoder(languages=["da"])
    codings = coder.code(small.passages(), small.codebook())
    codes = small.codebook().by_id()
    by_text = {}
    for coding in codings:
        text = next(p.text for p in small.passages() if p.id == coding.passage_id)
        by_text.setdefault(text, set()).add(codes[coding.code_id].path)
    assert (
        "muligheder/ny-teknologi"
        in by_text[
            "Vi har automatiseret sagsbehandlingen med robotter, og kunstig intelligens hjælper."
        ]
    )
    assert (
        "udfordringer/infrastruktur"
        in by_text["Vores gamle fagsystemer kan ikke tale sammen, og leverandøren låser os fast."]
    )
    assert (
        "udfordringer/databeskyttelse"
        in by_text["GDPR og databeskyttelse gør det svært at dele data med regionen."]
    )
    # "Vi mangler ikke kompetencer": negated; "ingen penge": negated as well.
    assert "mobilisering/kompetencer" not in by_text.get(
        "Vi mangler ikke kompetencer, men vi har ingen penge til investeringer.", set()
    )


def test_pseudonyms_are_not_words() -> None:
    assert found("Leder A og Person 2 fra [kommune] talte med lederne.", "leder*", "kommune*") == [
        "lederne"
    ]
    # Every study noun's pseudonym (nouns.PSEUDONYM), not only "Leder A": a Danish study's
    # default "Deltager B" and a citizens' study's "Borger C" were matched as words.
    said = "Deltager B og Borger C talte om borgerinddragelse og deltagelse."
    assert found(said, "deltage*", "borger*") == ["borgerinddragelse", "deltagelse"]
    assert found("Focus group A said the borders matter.", "focus*") == []
