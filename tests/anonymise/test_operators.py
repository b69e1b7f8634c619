"""The placeholder operators: a label the policy names, and one it does not (a plugin's)."""

from __future__ import annotations

from indsigt.anonymise.base import MUNICIPALITY, Span
from indsigt.anonymise.operators import Generalise, Redact
from indsigt.anonymise.policy import Policy


def test_redact_and_generalise_share_the_policy_placeholders() -> None:
    policy = Policy(language="da")
    redact = Redact.from_policy(policy, person=lambda surface, span: surface)
    generalise = Generalise.from_policy(policy, person=lambda surface, span: surface)
    assert type(redact) is Redact and type(generalise) is Generalise
    place = Span(0, 6, MUNICIPALITY, 1.0, "gazetteer.v1")
    case = Span(0, 6, "CASENO", 1.0, "caseno.v1")
    assert redact.operate("Viborg", place) == generalise.operate("Viborg", place) == "[kommune]"
    assert redact.operate("SAG-42", case) == "[CASENO]"
    assert generalise.operate("SAG-42", case) == "[caseno]"
    assert (Redact.name, Generalise.name) == ("redact.v1", "generalise.v1")
