"""The overlap strategy's tiers and the frequent-word guard's trust come from the detectors'
class attributes (``tier``, ``tier_rank``, ``trusted``), not from a list of built-in names:
a plugin's detector takes part as a built-in does."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import ClassVar

import pytest

from indsigt.anonymise.base import PER, TIER_GUESS, TIER_IDENTIFIER, Span
from indsigt.anonymise.detectors import detect
from indsigt.anonymise.frequent import guard_persons
from indsigt.anonymise.gazetteer import GazetteerDetector
from indsigt.anonymise.ranking import Ranking
from indsigt.anonymise.resolve import resolve
from indsigt.hookspecs import hookimpl
from indsigt.plugins import get_plugin_manager

TEXT = "Sagen hedder Viborg 1234 hos os."
CASE = "Viborg 1234"


class _Undeclared:
    """A case reference "<town> <number>" with no tier declared: ranked with the taggers."""

    name: ClassVar[str] = "casefile-plain.v1"

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        at = text.find(CASE)
        return [Span(at, at + len(CASE), "CASENO", 0.9, self.name)] if at >= 0 else []


class _CaseFile(_Undeclared):
    """The same, an identifier: it declares the identifier tier."""

    name: ClassVar[str] = "casefile.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER


class _OurPeople:
    """A plugin's list of the study's own people, trusted as the known participants are."""

    name: ClassVar[str] = "ourpeople.v1"
    trusted: ClassVar[bool] = True

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        at = text.find("Per")
        return [Span(at, at + 3, PER, 1.0, self.name)] if at >= 0 else []


class _Guessing(_OurPeople):
    name: ClassVar[str] = "guessing.v1"
    trusted: ClassVar[bool] = False


def _surfaces(spans: list[Span]) -> list[tuple[str, str]]:
    return [(TEXT[s.start : s.end], s.label) for s in spans]


def _resolved(detector: object, ranking: Ranking | None = None) -> list[tuple[str, str]]:
    spans = detect(TEXT, [GazetteerDetector(), detector])  # type: ignore[list-item]
    return _surfaces(resolve(spans, TEXT, ranking=ranking))


def test_a_detector_declares_its_tier() -> None:
    assert ("Viborg", "MUNICIPALITY") in _surfaces(GazetteerDetector().detect(TEXT))
    assert _resolved(_CaseFile(), Ranking.of([_CaseFile()])) == [(CASE, "CASENO")]
    # Without the tier the gazetteer's place wins and the case keeps what is left of it.
    assert _resolved(_Undeclared(), Ranking.of([_Undeclared()])) == [
        ("Viborg", "MUNICIPALITY"),
        ("1234", "CASENO"),
    ]


@pytest.fixture
def registered() -> Iterator[None]:
    """``_CaseFile`` registered as a plugin's detector for one test."""
    plugin = ModuleType("plugin_casefile")

    def indsigt_detectors() -> dict[str, type[_CaseFile]]:
        return {_CaseFile.name: _CaseFile}

    plugin.indsigt_detectors = hookimpl(indsigt_detectors)  # type: ignore[attr-defined]
    manager = get_plugin_manager()
    manager.register(plugin, name="casefile")
    yield
    manager.unregister(name="casefile")


def test_a_registered_plugin_detector_is_ranked_by_default(registered: None) -> None:
    assert Ranking.of().tiers[_CaseFile.name] == TIER_IDENTIFIER
    assert _resolved(_CaseFile()) == [(CASE, "CASENO")]


def test_a_trusted_detector_keeps_a_frequent_first_name() -> None:
    # a frequent word at a sentence start, before a word that makes it the word ("Per 1.
    # januar"): dropped unless trusted
    text = "Per 1. januar sagde han nej."
    assert [s.detector for s in detect(text, [_OurPeople()])] == [_OurPeople.name]
    assert detect(text, [_Guessing()]) == []
    span = Span(0, 3, PER, 1.0, _OurPeople.name)
    assert guard_persons(text, [span], trusted={_OurPeople.name}) == [span]
    assert guard_persons(text, [span]) == []  # not registered: not known to be trusted


def test_the_builtins_declare_the_former_tiers() -> None:
    """The built-in detectors' class attributes give the table the overlap strategy keyed on
    names before (anonymisation output unchanged)."""
    ranking = Ranking.of()
    former = {
        "review.v1": 6,
        "speaker.v1": 5,
        "cpr.v1": 4,
        "fnr.v1": 4,
        "pnr.v1": 4,
        "iban.v1": 4,
        "email.v1": 4,
        "url.v1": 4,
        "address.v1": 4,
        "cvr.v1": 4,
        "phone.v1": 4,
        "participants.v1": 3,
        "gazetteer.v1": 2,
        "quasi.v1": 2,
        "names.v1": 1,
        "propernoun.v1": 1,
    }
    assert {name: ranking.tiers[name] for name in former} == former
    assert {n: r for n, r in ranking.ranks.items() if r} == {
        "cpr.v1": 3,
        "fnr.v1": 3,
        "pnr.v1": 3,
        "cvr.v1": 2,
        "phone.v1": 1,
    }
    assert ranking.trusted == {"participants.v1", "review.v1"}
    assert ranking.tier(Span(0, 1, PER, 1.0, "e5tagger.v1")) == TIER_GUESS
