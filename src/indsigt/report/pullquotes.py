"""Pull quotes for a theme: chosen by :func:`indsigt.quotes.select_quotes`, then checked again
for re-identification before they are printed.

A quote that still names a place, an organisation, an identifier, a person or a local project
(:func:`indsigt.anonymise.attribution.check_quote`) is left out; the attribution is the report's
own label for the respondent, which falls back to the bare respondent noun ("Leder")
where a level covers fewer than k respondents.

Quotes come from substantive statements (never a conversational passage at either end) and
are printed publishable: spoken fillers and false starts taken out, an omission marked "[…]"
(:func:`indsigt.units.publishable`); the evidence list keeps the verbatim passages. The study
setting ``publishable_quotes`` = false prints them verbatim.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from indsigt.anonymise.attribution import check_quote
from indsigt.nouns import PSEUDONYM
from indsigt.quotes import select_quotes
from indsigt.report.model import QuoteView, Ref
from indsigt.store import Store

SPARE = 3


def pull_quotes(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    passage_ids: Collection[int] | None = None,
    n: int,
    lang: str,
    k: int,
    statuses: Sequence[str],
    labels: Mapping[int, str],
    cite: Callable[[Sequence[int]], tuple[Ref, ...]],
    used: set[int] | None = None,
) -> tuple[QuoteView, ...]:
    """Up to ``n`` quotes for ``code`` (and its sub-codes), or from ``passage_ids`` (an
    emergent theme's passages), that pass the check and share no passage with the quotes
    already ``used`` (which this call extends); ``cite`` gives a quote's references from its
    passages (`EvidenceIndex.cites`)."""
    if (code is None) == (passage_ids is None):
        raise ValueError("pull_quotes takes either a code or passage_ids")
    if passage_ids is not None and not passage_ids:
        return ()
    from threadpoolctl import threadpool_limits

    # A few spares for quotes the check leaves out. One BLAS thread: selection makes many tiny
    # dot products, and on a busy machine spinning BLAS threads made it 10-40 times slower.
    with threadpool_limits(limits=1):
        candidates = select_quotes(
            store,
            study_id,
            code=code,
            passage_ids=sorted(passage_ids or ()),
            n=n + SPARE,
            lang=lang,
            k=k,
            statuses=statuses,
        )
    chosen: list[QuoteView] = []
    seen: set[str] = set()
    for quote in candidates:
        if len(chosen) == n:
            break
        if quote.respondent_id not in labels or quote.text.strip() in seen:
            continue
        if used is not None and used.intersection(quote.passage_ids):
            continue  # already quoted under another theme
        if PSEUDONYM.search(quote.text):
            continue  # "Jeg hedder Leder C": a pseudonym reads badly and ties quote to speaker
        if check_quote(quote.text, language=quote.language or lang):
            continue
        seen.add(quote.text.strip())
        if used is not None:
            used.update(quote.passage_ids)
        chosen.append(
            QuoteView(
                quote.printed,
                labels[quote.respondent_id],
                cite(quote.passage_ids),
                tuple(quote.passage_ids),
            )
        )
    return tuple(chosen)
