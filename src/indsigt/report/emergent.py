"""The inductive path: findings from the study's emergent themes when no person has coded it.

Without accepted codings (no codebook, or only the machine's unreviewed suggestions) the report
does not stay empty: it reads the latest whole-study run of ``indsigt themes``
(:func:`indsigt.themes.stored.latest_themes`) — or, when none is stored, runs the default
discovery itself (TF-IDF on substantive statements) and stores it, so the web app shows the
same themes — and turns each theme into a finding: its passages stand in for a code's codings,
so prevalence, segment cells, tests, quotes, key points and evidence follow the rules of the
coded path. The method section says that these themes are emergent and unreviewed.

A finding is something several respondents say. A theme is one only when its statements come
from at least :data:`MIN_RESPONDENTS` respondents **and** no one respondent holds more than
:data:`DOMINANT` of its respondent passages (:func:`split_themes`); otherwise it is one
person's subject (on a multilingual study TF-IDF also groups one interview's language on its
own, with a few stray statements of others) and the report lists it under "Øvrige temaer" —
its label and how many respondents it reaches — rather than as a finding section.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from indsigt.analyse.compare import SegmentTable, table_from_counts
from indsigt.analyse.evidence import CodedPassage
from indsigt.analyse.themetable import passage_owners
from indsigt.errors import IndsigtError
from indsigt.report.i18n import Words
from indsigt.report.model import Claim, MethodPart
from indsigt.store import Store, schema
from indsigt.store.speech import speech

if TYPE_CHECKING:
    from indsigt.themes.stored import StoredTheme

THEMES = 8  # finding sections at most: the largest themes
MIN_RESPONDENTS = 2  # a theme must hold statements of at least this many respondents
DOMINANT = 0.6  # … and no respondent may hold more than this share of its respondent passages
EMBEDDER = "tfidf"  # the report's own discovery, when no run is stored: instant, no weights
UNIT = "statement"
CODER = "themes"  # the pseudo coder of a theme's passages (never a person, never counted)
STATUS = "emergent"
ACTOR = "report"  # who stored the run the report found itself (the audit event's actor)


@dataclass(frozen=True)
class Run:
    """How the themes were found (for the method section)."""

    unit: str
    embedder: str
    k: int | None
    components: dict[str, str]
    themes: int  # themes in the run (merged ones excluded)
    discovered: bool  # the report ran the discovery itself (and stored it)


@dataclass(frozen=True)
class Other:
    """A theme that is no finding across respondents (:func:`split_themes`)."""

    label: str
    quoted: bool  # the label is the respondents' words (not renamed by a user)
    respondents: tuple[int, ...]  # respondents with a passage in it
    share: float  # the largest share of its respondent passages that one respondent holds


@dataclass(frozen=True)
class Skipped:
    """A theme that gave its place to the next largest: it had nothing a reader could check."""

    label: str
    quoted: bool
    size: int  # its units (statements, passages or turns)


@dataclass(frozen=True)
class Emergent:
    run: Run
    keys: tuple[str, ...]  # the pseudo code path of each theme shown ("T01", …), largest first
    titles: dict[str, str]  # key → readable label
    terms: dict[str, tuple[str, ...]]
    scopes: dict[str, tuple[int, ...]]  # key → the theme's passages
    coded: list[CodedPassage] = field(default_factory=list)  # respondent passages, as codings
    others: tuple[Other, ...] = ()  # themes of one respondent, or dominated by one, largest first
    more: int = 0  # themes that are findings by the rule but beyond the sections shown
    sizes: dict[str, int] = field(default_factory=dict)  # key → its units (run.unit), as the CLI
    skipped: tuple[Skipped, ...] = ()  # larger themes that had nothing to show (load's shows)


def split_themes(
    themes: Sequence[StoredTheme], owner: Mapping[int, int]
) -> tuple[list[StoredTheme], list[Other]]:
    """The themes that are findings — statements of at least :data:`MIN_RESPONDENTS`
    respondents, none holding more than :data:`DOMINANT` of the theme's respondent passages
    (``owner``: passage id → respondent; interviewer speech is no one's) — and the others,
    each in the given order."""
    shared: list[StoredTheme] = []
    others: list[Other] = []
    for theme in themes:
        said = Counter(owner[p] for p in theme.passage_ids if p in owner)
        total = sum(said.values())
        share = max(said.values()) / total if total else 1.0
        if len(said) >= MIN_RESPONDENTS and share <= DOMINANT:
            shared.append(theme)
        elif total:
            label = theme.label or ", ".join(theme.terms[:3])
            others.append(Other(label, not theme.renamed, tuple(sorted(said)), share))
    return shared, others


def load(
    store: Store,
    study_id: int,
    *,
    limit: int = THEMES,
    shows: Callable[[tuple[int, ...]], bool] | None = None,
) -> Emergent | None:
    """The study's emergent themes (the latest whole-study run, or a new default run stored
    now), the ``limit`` largest by their units — what ``indsigt themes`` counts and orders
    them by —, largest first; None when there are too few statements to look for any.

    ``shows(passage_ids)``: whether a theme has something to show (a key point, a quote),
    asked of the largest themes in order; one that has not gives its place to the next
    (``skipped``): a section of a count with "no key point" and "no quote" under it is no
    finding a reader can check, and showing its central statements instead would print the
    very passages no quote rule let through (pdpilot's "Oh, sorry, it's late.")."""
    from indsigt.themes.stored import latest_themes

    themes = latest_themes(store, study_id)
    if not themes:
        if not _discover(store, study_id):
            return None
        themes = latest_themes(store, study_id)
    live = [t for t in themes if t.status != "merged"]  # latest_themes leaves them out too
    # A theme one respondent voices alone, or mostly, is that person's subject, not a finding
    # of the study (module docstring).
    ordered = sorted(live, key=lambda t: (-t.size, t.number))
    shared, others = split_themes(ordered, passage_owners(store, study_id))
    if not shared:
        return None
    scope = _substantive(store, study_id)
    shown, skipped, examined = _shown(shared, limit, shows, scope)
    keys = {t.number: f"T{i:02d}" for i, t in enumerate(shown, start=1)}
    scopes = {keys[t.number]: scope(t) for t in shown}
    run = _run(store, study_id, len(live))
    return Emergent(
        run,
        tuple(keys[t.number] for t in shown),
        {keys[t.number]: _label(t) for t in shown},
        {keys[t.number]: tuple(t.terms) for t in shown},
        scopes,
        _as_codings(store, study_id, scopes),
        tuple(others[:limit]),
        len(shared) - examined,
        {keys[t.number]: t.size for t in shown},
        tuple(Skipped(_label(t), not t.renamed, t.size) for t in skipped),
    )


def _label(theme: StoredTheme) -> str:
    return theme.label or ", ".join(theme.terms[:3])


def _shown(
    shared: Sequence[StoredTheme],
    limit: int,
    shows: Callable[[tuple[int, ...]], bool] | None,
    scope: Callable[[StoredTheme], tuple[int, ...]],
) -> tuple[list[StoredTheme], list[StoredTheme], int]:
    """The first ``limit`` themes that ``shows`` (asked with the theme's ``scope``), the ones
    passed over before them, and how many themes were looked at."""
    shown: list[StoredTheme] = []
    skipped: list[StoredTheme] = []
    examined = 0
    for theme in shared:
        if len(shown) == limit:
            break
        examined += 1
        if shows is None or shows(scope(theme)):
            shown.append(theme)
        else:
            skipped.append(theme)
    return shown, skipped, examined


def _substantive(store: Store, study_id: int) -> Callable[[StoredTheme], tuple[int, ...]]:
    """A theme's passages less those the units stage marked as talk: a statement is
    passages ``first..last`` of a turn, and its "Ah, yeah." or "So." said nothing the theme
    is about, yet was listed as its evidence (pdpilot E1)."""
    from indsigt.units import conversational_ids

    talk = conversational_ids(store, study_id)
    return lambda theme: tuple(p for p in theme.passage_ids if p not in talk)


def _discover(store: Store, study_id: int) -> bool:
    """Run and store the default theme discovery; False when the study has too few
    statements for it."""
    from indsigt.themes.stored import save_themes
    from indsigt.themes.study import study_themes

    try:
        result = study_themes(store, study_id, embedder=EMBEDDER, unit=UNIT)
    except IndsigtError:
        return False  # "too few statements": the report says it has no findings
    save_themes(
        store,
        study_id,
        result,
        unit=UNIT,
        embedder=EMBEDDER,
        k=None,
        seed=0,
        code=None,
        actor=ACTOR,
    )
    return True


def _run(store: Store, study_id: int, themes: int) -> Run:
    """The latest whole-study run; ``discovered`` when the report itself stored it (now or
    on an earlier report), as its audit event says."""
    from indsigt.themes.stored import latest_run

    run = latest_run(store, study_id)
    if run is None:
        return Run(UNIT, EMBEDDER, None, {}, themes, False)
    e = schema.event
    with store.connect() as connection:
        actor = connection.scalar(
            sa.select(e.c.actor)
            .where(
                e.c.action == "themes.stored",
                e.c.entity == "theme_run",
                e.c.entity_id == str(run.id),
            )
            .limit(1)
        )
    components = {str(k): str(v) for k, v in run.components.items()}
    return Run(run.unit, run.embedder, run.k, components, themes, actor == ACTOR)


def _as_codings(
    store: Store, study_id: int, scopes: Mapping[str, Sequence[int]]
) -> list[CodedPassage]:
    """Each theme's respondent passages as if coded with its key (interviewer speech is no
    one's statement and never counts)."""
    p, s, d = schema.passage, schema.speaker, schema.document
    wanted = {pid for ids in scopes.values() for pid in ids}
    query = speech(
        study_id, p.c.id, p.c.document_id, d.c.name, s.c.respondent_id, speakers="attributed"
    ).order_by(d.c.id, p.c.seq)
    with store.connect() as connection:
        rows = {row[0]: row for row in connection.execute(query) if row[0] in wanted}
    coded = []
    for key, ids in scopes.items():
        for pid in sorted(ids):
            row = rows.get(pid)
            if row is not None:
                coded.append(CodedPassage(pid, row[1], row[2], row[3], {}, key, CODER, STATUS))
    return coded


def table(emergent: Emergent, segment_of: Mapping[int, str], *, by: str, k: int) -> SegmentTable:
    """The segment table of the themes: respondents per segment whose statements fall in
    each theme, with the small-n rules and tests of ``indsigt compare``."""
    totals: dict[str, int] = {}
    for value in segment_of.values():
        totals[value] = totals.get(value, 0) + 1
    counts: dict[str, dict[str, int]] = {}
    for key in emergent.keys:
        respondents = {
            c.respondent_id
            for c in emergent.coded
            if c.code == key and c.respondent_id in segment_of
        }
        cells: dict[str, int] = {}
        for respondent in respondents:
            assert respondent is not None
            cells[segment_of[respondent]] = cells.get(segment_of[respondent], 0) + 1
        if cells:  # a theme only the interviewer or unknown speakers voiced is no finding
            counts[key] = cells
    return table_from_counts(
        by=by, unit="respondents", k=k, suppress=False, statuses=(), totals=totals, counts=counts
    )


def definition(emergent: Emergent, key: str, words: Words) -> str:
    """ "Emergent tema, ikke gennemgået af en person. Nøgleord: …"."""
    terms = ", ".join(emergent.terms.get(key, ())[:6])
    return words("emergent_definition", terms=terms or "–")


def method_part(emergent: Emergent, k: int, words: Words, *, grouped: bool = True) -> MethodPart:
    """What the findings are: emergent and unreviewed; how they were found and counted (and,
    where the respondents fall in groups, ``grouped``, how groups were compared)."""
    run = emergent.run
    components = "; ".join(f"{name}: {value}" for name, value in sorted(run.components.items()))
    claims = [
        Claim(words("emergent_sentence")),
        Claim(
            words(
                "emergent_how",
                unit=words(f"unit_{run.unit}") if f"unit_{run.unit}" in words.strings else run.unit,
                embedder=run.embedder,
                k=run.themes if run.k is None else run.k,
                chosen=words("emergent_k_chosen") if run.k is None else words("emergent_k_given"),
                components=components or "–",
            )
        ),
    ]
    if run.discovered:
        claims.append(Claim(words("emergent_discovered")))
    claims.append(
        Claim(
            words(
                "emergent_shown",
                shown=len(emergent.keys),
                total=run.themes,
                units=words.noun(f"unit_nouns_{run.unit}", 2),
                min=MIN_RESPONDENTS,
                dominant=words.percent(DOMINANT),
            )
        )
    )
    if emergent.skipped:
        claims.append(
            Claim(words("emergent_skipped", min=MIN_RESPONDENTS, themes=_skipped(emergent, words)))
        )
    if emergent.others:
        claims.append(Claim(words("emergent_others")))
    if emergent.more:
        claims.append(Claim(words("emergent_more", more=emergent.more)))
    claims.append(Claim(words("emergent_counts")))
    if grouped:
        claims.append(Claim(words("emergent_tests", k=k)))
    return MethodPart(words("method_emergent"), tuple(claims))


def _skipped(emergent: Emergent, words: Words) -> str:
    """ "»Der er færre …« (73 udsagn)" for each theme that gave its place to the next."""
    unit = emergent.run.unit
    return words.listing(
        [
            f"{_quoted(t.label, t.quoted, words)} "
            f"({t.size} {words.noun(f'unit_nouns_{unit}', t.size)})"
            for t in emergent.skipped
        ]
    )


def _quoted(label: str, quoted: bool, words: Words) -> str:
    """A label in the report's quotation marks where it is the respondents' words."""
    return f"{words('quote_open')}{label}{words('quote_close')}" if quoted else label


def other_claims(
    emergent: Emergent, segment_of: Mapping[int, str], words: Words
) -> tuple[Claim, ...]:
    """The "Øvrige temaer" list: each theme that is no finding, as "»label« — 6 af 15
    ledere; 79 % af passagerne er én leders" (respondents counted like a finding's: those
    with a segment value, of all of them)."""
    claims = []
    for other in emergent.others:
        label = _quoted(other.label, other.quoted, words)
        n = sum(1 for r in other.respondents if r in segment_of)
        claims.append(
            Claim(
                words(
                    "other_theme",
                    label=label,
                    count=words.of_leaders(n, len(segment_of)),
                    share=words.percent(other.share),
                )
            )
        )
    return tuple(claims)
