"""The summary (resumé), built extractively: it picks sentences the findings already state,
with their evidence refs, and adds no claim of its own. No language model is involved.

Order: what the report rests on; the most widespread themes (their prevalence sentences, most
widespread first); every difference between groups that the tests support, or the statement
that there is none; how far the counts rest on unreviewed machine suggestions; saturation.
"""

from __future__ import annotations

from collections.abc import Sequence

from indsigt.report.i18n import Words
from indsigt.report.model import Claim, Ref, Section

THEMES = 4
DIFFERENCES = 3


def summarise(
    *,
    based_on: str,
    sections: Sequence[Section],
    differences: Sequence[Claim],
    supported: int,
    unreviewed: int,
    saturation: Claim | None,
    words: Words,
) -> tuple[Claim, ...]:
    """``differences`` as built by the findings: intro, verdict, then the ``supported`` ones."""
    claims = [Claim(based_on + ".", (Ref(words("method"), "method"),))]
    if not sections:
        claims.append(Claim(words("summary_no_coding")))
        return tuple(claims)
    ranked = sorted(sections, key=lambda s: -s.respondents)
    claims += [section.claims[0] for section in ranked[:THEMES]]
    if len(differences) >= 2:
        claims.append(differences[1])
        found = list(differences[2 : 2 + supported])
        # Themes before sub-codes (E2 before E2.1), at most DIFFERENCES of them.
        found.sort(key=lambda c: min((r.label.count(".") for r in c.refs), default=9))
        claims += found[:DIFFERENCES]
    if unreviewed:
        claims.append(Claim(words("summary_coding_caveat", n=words.integer(unreviewed))))
    if saturation is not None:
        claims.append(saturation)
    return tuple(claims)
