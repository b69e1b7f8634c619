"""Markdown: the report as one ``.md`` file with its charts as SVG files beside it
(``<stem>-charts/``), evidence refs as links to anchors in the evidence section."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from indsigt.report.i18n import report_words
from indsigt.report.model import Chart, Claim, Ref, Report, TableRow

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_BLOCK = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def _escape(text: str) -> str:
    """Text as Markdown text: code labels, names, quotes and passages are the users', so none
    of it may become emphasis, links, images or raw HTML (``<img onerror=…>``), nor a heading
    or a list where it starts a line. Every character that means something inline is
    backslash-escaped (``&`` too: no entity is decoded) and line breaks become spaces."""
    text = _INLINE.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))
    return _BLOCK.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"), text, count=1)


def _attribute(value: str) -> str:
    """An anchor in ``<a id="…">``: HTML attribute text."""
    return html.escape(value, quote=True)


def _refs(refs: Sequence[Ref]) -> str:
    return "".join(
        f" [\\[{ref.label}\\]](#{ref.anchor})" if ref.anchor else f" \\[{ref.label}\\]"
        for ref in refs
    )


def _claim(claim: Claim) -> str:
    return _escape(claim.text) + _refs(claim.refs)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: int = 1) -> list[str]:
    align = ["---" if i < numeric else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(_escape(h) for h in header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell for cell in row) + " |" for row in rows]
    return [*lines, ""]


class _Writer:
    def __init__(self, report: Report, charts: str) -> None:
        self.r = report
        self.t = report_words(report)
        self.charts = charts
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def chart(self, chart: Chart) -> None:
        self.add(
            f"![{_escape(chart.alt)}]({self.charts}/{chart.name}.svg)",
            "",
            f"*{_escape(chart.caption)}*",
            "",
        )

    def code_table(self, rows: Sequence[TableRow], tests: bool = False) -> None:
        header = [
            self.t("code"),
            *(_escape(segment) for segment in self.r.segments),
            self.t("all"),
            *([self.t("test")] if tests else []),
            "",
        ]
        body = [
            [
                "&nbsp;&nbsp;" * row.depth + _escape(row.title),
                *(_escape(c.text) for c in row.cells),
                _escape(row.total.text),
                *([_escape(row.test)] if tests else []),
                _refs([row.ref]).strip() if row.ref else "",
            ]
            for row in rows
        ]
        self.add(*_table(header, body))

    def write(self) -> str:
        r, t = self.r, self.t
        self.add(f"# {_escape(r.title)}", "", f"*{t('white_paper')}*", "")
        if r.subtitle != t("white_paper"):
            self.add(f"**{_escape(r.subtitle)}**", "")
        self.add(_escape(r.based_on), "", _escape(r.date), "")
        self.add(f"## {t('summary')}", "")
        if r.summary_prose:
            self.add(
                " ".join(_claim(c) for c in r.summary_prose), "", f"*{_escape(r.prose_note)}*", ""
            )
        self.add(*(f"\n{_claim(c)}\n" if c.lead else f"- {_claim(c)}" for c in r.summary), "")
        self.add('<a id="method"></a>', "", f"## {t('method')}", "")
        for part in r.method:
            self.add(
                f"### {_escape(part.heading)}", "", " ".join(_claim(c) for c in part.claims), ""
            )
        self.findings()
        if r.differences:
            self.add(f"## {t('differences')}", "", *(f"{_claim(c)}\n" for c in r.differences))
        self.appendix()
        self.evidence()
        self.add(f"*{_escape(r.generated)}*", "")
        return "\n".join(self.lines)

    def findings(self) -> None:
        r, t = self.r, self.t
        self.add(f"## {t('findings')}", "")
        if not r.coded:
            self.add(t("no_coding"), "")
            return
        if r.overview_note:
            self.add(_claim(r.overview_note), "")
        if r.overview:
            self.chart(r.overview)
        for number, section in enumerate(r.sections, start=1):
            self.add(
                f'<a id="{_attribute(section.anchor)}"></a>',
                "",
                f"### {number}. {_escape(section.title)}",
                "",
            )
            if section.definition:
                self.add(f"*{_escape(section.definition)}*", "")
            if section.key_points:
                self.add(f"**{t('key_points')}**", "")
                self.add(*(f"- {_claim(c)}" for c in section.key_points), "")
            self.add(*(f"{_claim(c)}\n" for c in section.claims))
            if section.chart:
                self.chart(section.chart)
            if section.rows:
                self.code_table(section.rows)
            for quote in section.quotes:
                text = f"{t('quote_open')}{_escape(quote.text)}{t('quote_close')}"
                attribution = _escape(quote.attribution)
                self.add(f"> {text}", ">", f"> — {attribution}{_refs(quote.refs)}", "")
            if not section.quotes:  # as the HTML and Word say it
                self.add(f"*{t('no_quotes')}*", "")
            if section.difference:
                self.add(_claim(section.difference), "")
        if r.other_themes:
            self.add('<a id="other-themes"></a>', "", f"### {t('other_themes')}", "")
            self.add(_escape(r.other_themes_intro), "")
            self.add(*(f"- {_claim(c)}" for c in r.other_themes), "")
        self.add(f"*{t('quotes_language')}*", "")

    def appendix(self) -> None:
        r, t = self.r, self.t
        letter = r.appendix()
        if not letter:
            return  # nothing to show: no codebook, reliability, saturation or table
        self.add(f"## {t('appendix')}", "")
        if "codebook" in letter:
            self.add('<a id="codebook"></a>', "", f"### {letter['codebook']}. {t('codebook')}", "")
            self.add(
                *_table(
                    [t("code"), t("definition"), t("prevalence"), ""],
                    [
                        [
                            "&nbsp;&nbsp;" * row.depth + _escape(row.title),
                            _escape(row.definition),
                            _escape(row.prevalence),
                            _refs([row.ref]).strip() if row.ref else "",
                        ]
                        for row in r.codebook
                    ],
                    numeric=2,
                )
            )
        if "reliability" in letter:
            self.add(
                '<a id="reliability"></a>',
                "",
                f"### {letter['reliability']}. {t('reliability')}",
                "",
                _escape(r.reliability.statement),
                "",
            )
            rows = [
                [
                    _escape(f"{row.a} / {row.b}"),
                    _escape(row.code) or t("all"),
                    str(row.units),
                    *(_escape(v) for v in (row.agreement, row.kappa, row.alpha, row.ac1)),
                ]
                for row in (*r.reliability.pairs, *r.reliability.codes)
            ]
            self.add(
                *_table(
                    [t("coders"), t("code"), t("units"), t("agreement"), "κ", "α", "AC1"],
                    rows,
                    numeric=2,
                )
            )
        if "saturation" in letter:
            self.add(
                '<a id="saturation"></a>', "", f"### {letter['saturation']}. {t('saturation')}", ""
            )
            if r.saturation_text:
                self.add(_escape(r.saturation_text.text), "")
            if r.saturation_chart:
                self.chart(r.saturation_chart)
            self.add(
                *_table(
                    [t("interview"), t("new_codes"), t("cumulative")],
                    [[_escape(p.interview), str(p.new), str(p.cumulative)] for p in r.saturation],
                )
            )
        if "segment-table" in letter:
            heading = f"### {letter['segment-table']}. {t('segment_table')}"
            self.add('<a id="segment-table"></a>', "", heading, "")
            self.code_table(r.table, tests=True)
            self.add(*(f"*{_escape(note)}*" for note in r.table_notes), "")

    def evidence(self) -> None:
        if not self.r.evidence:
            return
        self.add(f"## {self.t('evidence')}", "", self.t("evidence_intro"), "")
        for group in self.r.evidence:
            level = "#" * min(3 + group.depth, 6)
            self.add(
                f'<a id="{_attribute(group.ref.anchor)}"></a>',
                "",
                f"{level} {group.ref.label} {_escape(group.title)}",
                "",
                f"*{_escape(group.summary)}*",
                "",
            )
            for p in group.passages:
                self.add(
                    f'- <a id="{_attribute(p.ref.anchor)}"></a>**{p.ref.label}** · '
                    f"{_escape(p.interview)} · {_escape(p.who)}: {_escape(p.text)}"
                )
            self.add("")


def write_markdown(report: Report, target: str | Path) -> Path:
    """Write ``target`` (.md) and its charts into ``<stem>-charts/`` beside it."""
    target = Path(target)
    folder = target.with_name(f"{target.stem}-charts")
    charts = report.charts()
    if charts:
        folder.mkdir(parents=True, exist_ok=True)
        for chart in charts:
            (folder / f"{chart.name}.svg").write_text(chart.svg, encoding="utf-8")
    target.write_text(_Writer(report, folder.name).write(), encoding="utf-8")
    return target
