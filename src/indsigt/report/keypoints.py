"""Key points in the report: each finding section opens with its key points, the summary
lists the strongest ("De vigtigste budskaber"), and the differences chapter names key points
whose prevalence differs between groups where the tests allow — or says plainly that none do.

The key points come from :func:`indsigt.analyse.keypoints.study.study_key_points` for each
theme (top-level code); their tests are Holm-corrected again over all key points of the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from indsigt.analyse.keypoints.study import KeyPoint, KeyPoints
from indsigt.analyse.stats_tests import holm
from indsigt.report.i18n import Words
from indsigt.report.model import Claim, Ref

ALPHA = 0.05
STRONGEST = 5
EVIDENCE = 3  # passage refs shown with a key point: one per best-matching statement


@dataclass(frozen=True)
class ThemePoints:
    top: str
    title: str
    ref: Ref | None
    found: KeyPoints


def point_claim(
    point: KeyPoint,
    found: KeyPoints,
    segments: Sequence[str],
    words: Words,
    refs: Sequence[Ref],
    *,
    title: str = "",
) -> Claim:
    """ "9 af 15 ledere: »…« — 6 af 7 ledere i kommuner, 1 af 4 ledere i staten"."""
    text = words(
        "key_point",
        count=words.of_leaders(point.total.n, point.total.N),
        text=f"{words('quote_open')}{point.text}{words('quote_close')}",
    )
    shown = [s for s in segments if s in point.cells and point.cells[s].N > 0]
    if len(shown) >= 2:
        text += " — " + ", ".join(
            words.of_group(point.cells[s].n, point.cells[s].N, s, floor=found.k) for s in shown
        )
    if title and not _restates(title, point.text):
        text += f" ({title})"
    return Claim(text, tuple(refs))


def _restates(title: str, text: str) -> bool:
    """Whether a theme's title is its key point again: a theme is often titled by its most
    central statement, which is then also its strongest key point, and the summary read
    "»Vi konkurrerer … betaler mere.« (Vi konkurrerer … og de betaler …)"."""
    head, said = title.rstrip(" .…").casefold(), text.rstrip(" .…").casefold()
    return bool(head) and (said.startswith(head) or head.startswith(said))


def section_points(
    theme: ThemePoints,
    segments: Sequence[str],
    words: Words,
    cite: Callable[[Sequence[int]], tuple[Ref, ...]],
) -> tuple[Claim, ...]:
    """The theme's key points, or one line saying plainly that it has none. ``cite`` gives
    the references of those passages the theme's evidence lists (`EvidenceIndex.cites`)."""
    if not theme.found.key_points:
        return (Claim(words("key_points_none", min=2), ()),)
    return tuple(
        point_claim(point, theme.found, segments, words, _evidence(point, cite))
        for point in theme.found.key_points
    )


def _evidence(point: KeyPoint, cite: Callable[[Sequence[int]], tuple[Ref, ...]]) -> list[Ref]:
    """One reference for each of the best-matching statements: its best-matching passage that
    the theme's evidence lists. A statement's first passage may be one the theme's coder left
    uncoded, and a reference to it led nowhere."""
    return [cite(ids)[0] for ids in point.cited(EVIDENCE)]


def summary_points(
    themes: Sequence[ThemePoints], segments: Sequence[str], words: Words
) -> tuple[Claim, ...]:
    """The intro and the most widespread key points of the study, one per line: each theme's
    strongest first, a second one of a theme only after them."""
    every = [(point, theme) for theme in themes for point in theme.found.key_points]
    if not every:
        return ()
    every.sort(key=lambda item: (-(item[0].total.n or 0), item[1].top))
    # The summary speaks of as many themes as it can: a theme's second key point only once
    # every theme has had its first (two lines from one theme said the same thing twice).
    nth: Counter[str] = Counter()
    ranked = []
    for order, (point, theme) in enumerate(every):
        ranked.append((nth[theme.top], order, point, theme))
        nth[theme.top] += 1
    strongest = [(point, theme) for *_, point, theme in sorted(ranked, key=lambda r: r[:2])]
    strongest = strongest[:STRONGEST]
    # An introduction, not a claim: the lines after it carry the references ("The main
    # messages: E2 E3 E8 E1 E4" read as a bullet of labels).
    claims = [Claim(words("summary_key_points"), lead=True)]
    for point, theme in strongest:
        refs = (theme.ref,) if theme.ref else ()
        claims.append(point_claim(point, theme.found, (), words, refs, title=theme.title))
    return tuple(claims)


def point_differences(
    themes: Sequence[ThemePoints], segments: Sequence[str], words: Words
) -> tuple[Claim, ...]:
    """The key points whose prevalence differs between groups (Holm over all of them), or
    the plain statement that none does."""
    if len(segments) < 2:
        return ()
    every = [(point, theme) for theme in themes for point in theme.found.key_points]
    if not every:
        return ()
    adjusted = holm([point.test.p for point, _ in every])
    tested = sum(p is not None for p in adjusted)
    found = []
    for (point, theme), p in zip(every, adjusted, strict=True):
        if p is None or p >= ALPHA:
            continue
        cells = ", ".join(
            words.of_group(point.cells[s].n, point.cells[s].N, s)
            for s in segments
            if s in point.cells
        )
        text = words(
            "key_point_difference",
            text=f"{words('quote_open')}{point.text}{words('quote_close')}",
            cells=cells,
            p=words.p_value(p),
            m=tested,
        )
        found.append(Claim(text, (theme.ref,) if theme.ref else ()))
    refs = _theme_refs(theme for _, theme in every)
    intro = Claim(words("key_points_differences_intro"), refs)
    if found:
        return (intro, *found)
    return (intro, Claim(words("key_points_no_difference", n=len(every), m=tested), refs))


def _theme_refs(themes: Iterable[ThemePoints]) -> tuple[Ref, ...]:
    """The evidence groups of the themes, each once, in order."""
    seen: dict[str, Ref] = {}
    for theme in themes:
        if theme.ref is not None:
            seen.setdefault(theme.ref.label, theme.ref)
    return tuple(seen.values())
