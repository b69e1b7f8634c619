"""Each emergent theme's quotes and key points, found once.

The report chooses the emergent themes it shows by what they have to show
(:func:`indsigt.report.emergent.load`'s ``shows``): a theme with neither a quote nor a key point
gives its place to the next largest. So both are found before the sections are built, theme by
theme in the order the themes are looked at — which is the order of the sections, so the quotes
one theme takes (``used``) and the key points that lead one theme (``said``) are the same as
when they were found section by section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from indsigt.analyse.keypoints.study import KeyPoints
from indsigt.report.model import QuoteView, Ref
from indsigt.report.pullquotes import pull_quotes
from indsigt.store import Store


@dataclass
class ThemeContent:
    """Each emergent theme's quotes and key points, found once, in the order the themes are
    looked at: the report asks for them before it chooses the themes to show (``shows``, for
    :func:`emergent.load`: a theme with neither gives its place to the next), and the sections
    print them after. A quote's refs are made again once the evidence is numbered."""

    store: Store
    study_id: int
    labels: Mapping[int, str]
    statuses: Sequence[str]
    quotes: int
    k: int
    by: str
    key_points: bool
    lang: str
    used: set[int] = field(default_factory=set)  # passages quoted under a theme before
    said: set[str] = field(default_factory=set)  # key points that lead a theme before
    found: dict[tuple[int, ...], tuple[tuple[QuoteView, ...], KeyPoints | None]] = field(
        default_factory=dict
    )

    def of(self, scope: tuple[int, ...]) -> tuple[tuple[QuoteView, ...], KeyPoints | None]:
        """The theme's quotes (refs without anchors) and key points (None: not asked for)."""
        from indsigt.analyse.keypoints.study import study_key_points

        if scope not in self.found:
            quotes: tuple[QuoteView, ...] = ()
            if self.quotes > 0:
                quotes = pull_quotes(
                    self.store,
                    self.study_id,
                    passage_ids=scope,
                    n=self.quotes,
                    lang=self.lang,
                    k=self.k,
                    statuses=self.statuses,
                    labels=self.labels,
                    cite=lambda ids: tuple(Ref(f"P{passage_id}") for passage_id in ids),
                    used=self.used,
                )
            points = None
            if self.key_points:
                points = study_key_points(
                    self.store,
                    self.study_id,
                    passage_ids=scope,
                    by=self.by,
                    k=self.k,
                    statuses=self.statuses,
                    exclude=self.said,
                )
                self.said.update(point.text for point in points.key_points)
            self.found[scope] = (quotes, points)
        return self.found[scope]

    def shows(self, scope: tuple[int, ...]) -> bool:
        """Whether the theme has a quote or a key point; True unless the report asks for both
        (with one of them off, a theme is not judged by the other alone)."""
        if self.quotes <= 0 or not self.key_points:
            return True
        quotes, points = self.of(scope)
        return bool(quotes) or bool(points is not None and points.key_points)
