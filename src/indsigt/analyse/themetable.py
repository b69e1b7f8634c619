"""Emergent themes × a respondent attribute: the segment table of a study that has no codes
yet ("4 of 7 data scientists, 1 of 3 researchers"), counted as the report counts its themes —
respondents whose statements fall in the theme, talk ("Ah, yeah.") left out — with the small-n
rules and tests of the code table (:func:`indsigt.analyse.compare.table_from_counts`)."""

from __future__ import annotations

from collections import Counter

from indsigt.analyse.compare import SegmentTable, table_from_counts
from indsigt.analyse.evidence import respondent_segments
from indsigt.errors import IndsigtError
from indsigt.records import MIN_GROUP
from indsigt.settings import study_segment_by
from indsigt.store import Store, schema
from indsigt.store.speech import speech
from indsigt.themes.stored import StoredTheme, latest_themes


def passage_owners(store: Store, study_id: int) -> dict[int, int]:
    """Respondent passages: passage id → respondent."""
    p, s = schema.passage, schema.speaker
    query = speech(study_id, p.c.id, s.c.respondent_id, speakers="attributed")
    with store.connect() as connection:
        return {row[0]: row[1] for row in connection.execute(query) if row[1] is not None}


def theme_key(theme: StoredTheme) -> str:
    """A theme's row key: its number in its run ("T03"), so rows keep the run's order."""
    return f"T{theme.number:02d}"


def theme_segment_table(
    store: Store, study_id: int, *, by: str | None = None, k: int = MIN_GROUP
) -> tuple[SegmentTable, dict[str, StoredTheme]]:
    """The latest run's themes (merged ones left out) × the values of ``by`` (None: the
    study's, :func:`indsigt.settings.segment_by`), and the theme of each row key. A theme no
    respondent of a segment voiced has no row."""
    from indsigt.units import conversational_ids

    by = by or study_segment_by(store, study_id)
    segment_of = respondent_segments(store, study_id, by)
    if not segment_of:
        raise IndsigtError("the study has no respondents to compare")
    themes = {theme_key(t): t for t in latest_themes(store, study_id) if t.status != "merged"}
    owners = passage_owners(store, study_id)
    talk = conversational_ids(store, study_id)
    counts: dict[str, dict[str, int]] = {}
    for key, theme in themes.items():
        respondents = {owners[p] for p in theme.passage_ids if p in owners and p not in talk}
        cells = Counter(segment_of[r] for r in respondents if r in segment_of)
        if cells:
            counts[key] = dict(cells)
    totals = dict(Counter(segment_of.values()))
    table = table_from_counts(
        by=by, unit="respondents", k=k, suppress=False, statuses=(), totals=totals, counts=counts
    )
    return table, {key: themes[key] for key in counts}
