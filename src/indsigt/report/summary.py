"""The summary (resumé), built extractively: it picks sentences the findings already state,
with their evidence refs, and adds no claim of its own. No language model is involved.

Order: what the report rests on; the strongest key points of the study ("De vigtigste
budskaber", :mod:`indsigt.report.keypoints`), or without them the most widespread themes (their
prevalence sentences, most widespread first); the most and least widespread sub-themes
(when themes are broad, every leader touches every one, and the spread lies a level down);
every difference between groups that the tests support, or the statement that there is
none; how far the counts rest on unreviewed machine suggestions; saturation.
"""

from __future__ import annotations

from collections.abc import Sequence

from indsigt.report.i18n import Words
from indsigt.report.model import Claim, Ref, Section, TableRow

THEMES = 4
DIFFERENCES = 3
SPREAD = 2  # sub-themes named at each end


def summarise(
    *,
    based_on: str,
    sections: Sequence[Section],
    differences: Sequence[Claim],
    supported: int,
    unreviewed: int,
    saturation: Claim | None,
    words: Words,
    key_points: Sequence[Claim] = (),
    emergent: bool = False,
) -> tuple[Claim, ...]:
    """``differences`` as built by the findings: intro, verdict, then the ``supported`` ones.
    ``emergent``: the sections are emergent themes no person has reviewed (said second)."""
    claims = [Claim(based_on + ".", (Ref(words("method"), "method"),))]
    if not sections:
        claims.append(Claim(words("summary_no_coding")))
        return tuple(claims)
    if emergent:
        claims.append(Claim(words("summary_emergent"), (Ref(words("method"), "method"),)))
    if key_points:  # the strongest key points instead of the themes' counts
        claims += list(key_points)
    else:
        ranked = sorted(sections, key=lambda s: -s.respondents)
        claims += [section.claims[0] for section in ranked[:THEMES]]
    spread = _spread(sections, words)
    if spread is not None:
        claims.append(spread)
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


def _spread(sections: Sequence[Section], words: Words) -> Claim | None:
    """The sub-themes most and least widespread among the leaders, with their refs; None when
    there are too few sub-themes for two distinct ends, or when they are all equally common."""
    rows = [
        row
        for section in sections
        for row in section.rows
        if row.depth > 0 and row.total.share is not None and not row.total.small
    ]
    if len(rows) < 2 * SPREAD:
        return None
    ranked = sorted(rows, key=lambda r: (-(r.total.share or 0.0), r.code))
    most, least = ranked[:SPREAD], ranked[-SPREAD:][::-1]
    if (most[-1].total.share or 0.0) <= (least[-1].total.share or 0.0):
        return None

    def named(chosen: list[TableRow]) -> str:
        return words.listing([f"{_lower_first(row.title)} ({row.total.text})" for row in chosen])

    refs = tuple(row.ref for row in [*most, *least] if row.ref is not None)
    return Claim(words("summary_spread", most=named(most), least=named(least)), refs)


def _lower_first(title: str) -> str:
    """ "Nationale strategier" → "nationale strategier"; "AI i sagsbehandlingen" stays."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title
