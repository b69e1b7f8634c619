"""Charts for the report: matplotlib, offline, drawn for print.

Each chart is drawn once at its printed size (16 cm wide, 9 pt text) and saved twice: as SVG
with the text as outlines (so it looks the same without the fonts, in the HTML and the PDF) and
as a 200 dpi PNG for Word. Every chart carries an alt text that states its numbers.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from indsigt.report.model import Chart

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PALETTE = ("#1d4e89", "#d9822b", "#2a9d8f", "#8d5a97", "#c44536", "#6a994e")
NEUTRAL = "#4d4d4d"
INK = "#222222"
GRID = "#d9d9d9"
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with 2.5 cm margins
PNG_DPI = 200


@dataclass(frozen=True)
class Bar:
    label: str
    share: float | None  # 0..1; None when suppressed
    text: str  # printed at the end of the bar, e.g. "5 af 7"
    color: str


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.edgecolor": GRID,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "svg.fonttype": "path",
            "svg.hashsalt": "indsigt",
            "path.simplify": True,
            "text.parse_math": False,  # labels are users' text: "$x$" is not mathtext
        }
    ):
        yield


def _save(figure: Figure, name: str, alt: str, caption: str) -> Chart:
    svg, png = io.BytesIO(), io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None})
    figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return Chart(name, svg.getvalue().decode("utf-8"), png.getvalue(), alt, caption)


def _wrap(label: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def bar_chart(name: str, bars: Sequence[Bar], *, alt: str, caption: str) -> Chart:
    """Horizontal bars of shares (0–100 %), labelled with their counts."""
    from matplotlib.ticker import PercentFormatter

    with _style():
        figure, axes = _bars(bars, [b.share or 0.0 for b in bars], 1.0)
        axes.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        return _save(figure, name, alt, caption)


def count_chart(
    name: str, bars: Sequence[Bar], counts: Sequence[int], *, alt: str, caption: str
) -> Chart:
    """Horizontal bars of counts (the bars' ``share`` is not read), labelled with their text."""
    from matplotlib.ticker import MaxNLocator

    with _style():
        top = float(max(counts, default=1) or 1)
        # more room at the ends than shares need: the texts are longer ("127 statements")
        figure, axes = _bars(bars, [float(c) for c in counts], top, room=1.3)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        return _save(figure, name, alt, caption)


def _bars(
    bars: Sequence[Bar], values: Sequence[float], top: float, *, room: float = 1.18
) -> tuple[Figure, Any]:
    """The figure and axes of horizontal bars, first at the top, each labelled at its end;
    ``top``: the largest value the axis must show, ``room`` × it the axis's length (the
    texts beyond the bars)."""
    from matplotlib.figure import Figure

    lines = max((_wrap(b.label).count("\n") + 1 for b in bars), default=1)
    height = 0.55 + len(bars) * (0.26 + 0.13 * lines)
    figure = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(bars)))
    axes.barh(positions, values, height=0.62, color=[b.color for b in bars], zorder=2)
    for y, bar, value in zip(positions, bars, values, strict=True):
        axes.text(value + 0.012 * top, y, bar.text, va="center", ha="left", fontsize=8.5, color=INK)
    axes.set_yticks(positions, [_wrap(b.label) for b in bars])
    axes.invert_yaxis()
    axes.set_xlim(0, top * room)
    axes.grid(axis="x", color=GRID, linewidth=0.6, zorder=0)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    return figure, axes


def line_chart(
    name: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    alt: str,
    caption: str,
    xlabel: str = "",
    ylabel: str = "",
    color: str = PALETTE[0],
) -> Chart:
    """A step line of cumulative counts over labelled points (the saturation curve)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _style():
        figure = Figure(figsize=(WIDTH_IN, 2.6), layout="constrained")
        axes = figure.subplots()
        positions = list(range(1, len(values) + 1))
        axes.plot(positions, values, color=color, marker="o", markersize=4, linewidth=1.8)
        axes.fill_between(positions, values, color=color, alpha=0.08)
        axes.set_xticks(positions, list(labels))
        axes.set_xlim(0.6, len(values) + 0.4)
        axes.set_ylim(0, max(values, default=1) * 1.15 + 0.5)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        return _save(figure, name, alt, caption)
