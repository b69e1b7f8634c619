"""A code's prevalence among respondents when the machine suggested it and a person reviewed
a random sample of those suggestions.

People's codings are certain: a respondent with an accepted human coding of the code (or one
beneath it) has it. The machine's unreviewed suggestions are not: the share of them a person
accepts in a random sample (:func:`sample_suggestions`, ``indsigt codings STUDY --sample N
--code PATH``) estimates their precision ``p``. A respondent without a human coding but with
``m`` unreviewed suggestions has the code with probability ``1 − (1 − p)^m`` (suggestions
treated as independent). The interval comes from drawing ``p`` from its Beta posterior
(uniform prior; accepted + 1, rejected + 1) and the respondents from those probabilities
(seeded Monte Carlo), so it carries both the sampling error of the review and the chance in
which respondents have the code. Respondents with no suggestion count as not having it (what
the machine missed is not estimated).

Without any review there is no estimate of ``p``: the result is the certain count and, apart,
the respondents the machine suggests it for (``unreviewed``), never one "n af N".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from indsigt.store import Store

if TYPE_CHECKING:
    from indsigt.coding.review import CodingRow


@dataclass(frozen=True)
class Prevalence:
    code: str
    respondents: int  # N
    confirmed: int  # respondents with a person's coding
    suggested: int  # further respondents with only unreviewed machine suggestions
    reviewed: int  # machine suggestions a person reviewed
    accepted: int  # of those, accepted
    estimate: float | None  # expected respondents with the code (None without a review)
    low: int | None
    high: int | None
    level: float = 0.95

    @property
    def precision(self) -> float | None:
        return self.accepted / self.reviewed if self.reviewed else None


def estimate_prevalence(
    code: str,
    *,
    respondents: int,
    confirmed: int,
    suggestions: Mapping[Any, int],
    accepted: int,
    rejected: int,
    level: float = 0.95,
    draws: int = 4000,
    seed: int = 0,
) -> Prevalence:
    """``suggestions``: unreviewed machine suggestions per respondent without a human coding;
    ``accepted``/``rejected``: the reviewed machine suggestions (a random sample of them)."""
    counts = np.array([m for m in suggestions.values() if m > 0], dtype=float)
    reviewed = accepted + rejected
    if reviewed == 0:
        return Prevalence(code, respondents, confirmed, len(counts), 0, 0, None, None, None, level)
    rng = np.random.default_rng(seed)
    p = rng.beta(accepted + 1, rejected + 1, size=draws)
    chance = 1.0 - (1.0 - p[:, None]) ** counts[None, :]
    totals = confirmed + (rng.random(chance.shape) < chance).sum(axis=1)
    tail = (1.0 - level) / 2
    low, high = np.quantile(totals, [tail, 1 - tail])
    expected = confirmed + float(chance.sum(axis=1).mean())
    return Prevalence(
        code,
        respondents,
        confirmed,
        len(counts),
        reviewed,
        accepted,
        round(expected, 2),
        int(np.floor(low)),
        int(np.ceil(high)),
        level,
    )


def _under(path: str, code: str) -> bool:
    return path == code or path.startswith(code + "/")


def code_prevalence(store: Store, study_id: int, code: str, /, **options: Any) -> Prevalence:
    """:func:`estimate_prevalence` for one code (and the codes beneath it) of a study, from
    its codings: people's accepted codings, the machine's suggestions and their reviews."""
    from indsigt import queries
    from indsigt.analyse.evidence import coded_passages
    from indsigt.records import is_machine_coder

    rows = [
        row
        for row in coded_passages(store, study_id, statuses=("accepted", "suggested", "rejected"))
        if _under(row.code, code) and row.respondent_id is not None
    ]
    confirmed = {
        r.respondent_id for r in rows if r.status == "accepted" and not is_machine_coder(r.coder)
    }
    machine = [r for r in rows if is_machine_coder(r.coder)]
    suggestions: dict[Any, int] = {}
    for row in machine:
        if row.status == "suggested" and row.respondent_id not in confirmed:
            suggestions[row.respondent_id] = suggestions.get(row.respondent_id, 0) + 1
    return estimate_prevalence(
        code,
        respondents=len(queries.respondents(store, study_id)),
        confirmed=len(confirmed),
        suggestions=suggestions,
        accepted=sum(r.status == "accepted" for r in machine),
        rejected=sum(r.status == "rejected" for r in machine),
        **options,
    )


def sample_suggestions(
    store: Store, study_id: int, code: str, size: int, *, seed: int = 0
) -> list[CodingRow]:
    """A seeded random sample of ``size`` unreviewed machine suggestions of ``code`` (and the
    codes beneath it), in document order: what a person reviews for :func:`code_prevalence`."""
    from indsigt.coding.review import list_codings
    from indsigt.coding.sampling import draw
    from indsigt.records import is_machine_coder

    rows = [
        row
        for row in list_codings(store, study_id, code=code, status="suggested")
        if is_machine_coder(row.coder)
    ]
    return draw(rows, size, seed=seed)


TEXTS = {
    "da": (
        "ca. {n} af {N} ({low}–{high}), maskinel kodning, {reviewed} forslag gennemgået",
        "{confirmed} af {N} (kodet af personer); maskinelt estimat, ikke gennemgået: yderligere "
        "op til {suggested}",
    ),
    "en": (
        "about {n} of {N} ({low}–{high}), machine coding, {reviewed} suggestions reviewed",
        "{confirmed} of {N} (coded by people); machine estimate, not reviewed: up to "
        "{suggested} more",
    ),
    "no": (
        "ca. {n} av {N} ({low}–{high}), maskinell koding, {reviewed} forslag gjennomgått",
        "{confirmed} av {N} (kodet av personer); maskinelt estimat, ikke gjennomgått: "
        "ytterligere opptil {suggested}",
    ),
    "sv": (
        "cirka {n} av {N} ({low}–{high}), maskinell kodning, {reviewed} förslag granskade",
        "{confirmed} av {N} (kodade av personer); maskinell uppskattning, inte granskad: "
        "ytterligare upp till {suggested}",
    ),
}


def describe(found: Prevalence, lang: str = "da") -> str:
    """ "ca. 9 af 15 (7–11), maskinel kodning, 40 forslag gennemgået"."""
    reviewed, unreviewed = TEXTS.get(lang, TEXTS["en"])
    if found.estimate is None:
        return unreviewed.format(
            confirmed=found.confirmed, N=found.respondents, suggested=found.suggested
        )
    return reviewed.format(
        n=round(found.estimate),
        N=found.respondents,
        low=found.low,
        high=found.high,
        reviewed=found.reviewed,
    )
