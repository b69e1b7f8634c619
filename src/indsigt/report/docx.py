"""DOCX: the report as a Word document with real heading styles (Title, Heading 1–3), a
contents field, page numbers, charts with alt text, pull quotes in the Quote style, evidence
ids linked to bookmarks in the evidence appendix."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from indsigt.report.docx_xml import (
    add_bookmark,
    add_field,
    add_link,
    set_alt_text,
    shade,
    update_fields_on_open,
)
from indsigt.report.i18n import report_words
from indsigt.report.model import Chart, Claim, Ref, Report, TableRow

BODY_FONT = "Cambria"
HEADING_FONT = "Calibri"
GREY = "666666"


class _Writer:
    def __init__(self, report: Report) -> None:
        import docx
        from docx.shared import Pt, RGBColor

        self.report = report
        self.t = report_words(report)
        self.accent = str(report.theme.get("accent", "#1d4e89"))
        self.document = docx.Document()
        self.bookmarks = 0
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = str(report.theme.get("docx_font_body", BODY_FONT))
        normal.font.size = Pt(10.5)
        colour = RGBColor.from_string(self.accent.lstrip("#").upper())
        for name, size in (("Title", 28), ("Heading 1", 20), ("Heading 2", 14), ("Heading 3", 11)):
            style = styles[name]
            style.font.name = str(report.theme.get("docx_font_heading", HEADING_FONT))
            style.font.size = Pt(size)
            style.font.color.rgb = colour
        styles["Heading 1"].paragraph_format.page_break_before = True
        styles["Quote"].font.size = Pt(11.5)

    # -- small pieces ------------------------------------------------------------------------
    def claim(self, claim: Claim, *, style: str | None = None) -> Any:
        paragraph = self.document.add_paragraph(claim.text, style=style)
        self.refs(paragraph, claim.refs)
        return paragraph

    def refs(self, paragraph: Any, refs: Sequence[Ref]) -> None:
        for ref in refs:
            paragraph.add_run(" ")
            add_link(paragraph, f"[{ref.label}]", ref.anchor, color=self.accent, size_pt=8)

    def heading(self, text: str, level: int, anchor: str = "") -> Any:
        paragraph = self.document.add_heading(text, level)
        if anchor:
            self.bookmarks += 1
            add_bookmark(paragraph, anchor, self.bookmarks)
        return paragraph

    def chart(self, chart: Chart) -> None:
        from docx.shared import Cm

        picture = self.document.add_paragraph()
        run = picture.add_run()
        run.add_picture(io.BytesIO(chart.png), width=Cm(16))
        set_alt_text(run, chart.alt, chart.caption)
        self.document.add_paragraph(chart.caption, style="Caption")

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: int = 1
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
            shade(cell, self.accent)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        for number, row in enumerate(table.rows):
            for column, cell in enumerate(row.cells):
                for paragraph in cell.paragraphs:
                    if column >= numeric and column < len(header):
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    for run in paragraph.runs:
                        run.font.size = Pt(8.5)
                        if number == 0:
                            run.font.bold = True
                            run.font.color.rgb = _white()
        return table

    def code_table(self, rows: Sequence[TableRow], *, tests: bool = False) -> None:
        header = [self.t("code"), *self.report.segments, self.t("all")]
        if tests:
            header.append(self.t("test"))
        header.append("")
        body = []
        for row in rows:
            values = ["   " * row.depth + row.title, *(c.text for c in row.cells), row.total.text]
            if tests:
                values.append(row.test)
            values.append(row.ref.label if row.ref else "")
            body.append(values)
        self.table(header, body)

    # -- the document ------------------------------------------------------------------------
    def write(self, target: Path) -> Path:
        self.title_page()
        self.contents()
        self.summary()
        self.method()
        self.findings()
        self.differences()
        self.appendix()
        self.evidence()
        self.footer()
        self.document.save(str(target))
        return target

    def title_page(self) -> None:
        from docx.shared import Cm, Pt

        r, document = self.report, self.document
        logo = str(r.theme.get("logo_path") or "")
        if logo and Path(logo).suffix.lower() in (".png", ".jpg", ".jpeg"):
            document.add_picture(logo, height=Cm(1.6))
        kicker = document.add_paragraph()
        run = kicker.add_run(self.t("white_paper").upper())
        run.font.size, run.font.bold = Pt(10), True
        document.add_heading(r.title, 0)
        if r.subtitle != self.t("white_paper"):
            document.add_paragraph(r.subtitle, style="Subtitle")
        document.add_paragraph(r.based_on)
        if r.theme.get("organisation"):
            document.add_paragraph(str(r.theme["organisation"]))
        document.add_paragraph(r.date)

    def contents(self) -> None:
        self.document.add_heading(self.t("contents"), 1)
        add_field(
            self.document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', self.t("toc_placeholder")
        )
        update_fields_on_open(self.document)

    def summary(self) -> None:
        self.heading(self.t("summary"), 1, "summary")
        if self.report.summary_prose:
            paragraph = self.document.add_paragraph()
            for claim in self.report.summary_prose:
                paragraph.add_run(claim.text)
                self.refs(paragraph, claim.refs)
                paragraph.add_run(" ")
            self.document.add_paragraph(self.report.prose_note).runs[0].italic = True
        for claim in self.report.summary:
            self.claim(claim, style=None if claim.lead else "List Bullet")

    def method(self) -> None:
        self.heading(self.t("method"), 1, "method")
        for part in self.report.method:
            self.heading(part.heading, 2)
            for claim in part.claims:
                self.claim(claim)

    def findings(self) -> None:
        r = self.report
        self.heading(self.t("findings"), 1, "findings")
        if not r.coded:
            self.document.add_paragraph(self.t("no_coding"))
            return
        if r.overview_note:
            self.claim(r.overview_note)
        if r.overview:
            self.chart(r.overview)
        for number, section in enumerate(r.sections, start=1):
            self.heading(f"{number}. {section.title}", 2, section.anchor)
            if section.definition:
                self.document.add_paragraph().add_run(section.definition).italic = True
            if section.key_points:
                self.document.add_paragraph().add_run(self.t("key_points")).bold = True
                for claim in section.key_points:
                    self.claim(claim, style="List Bullet")
            for claim in section.claims:
                self.claim(claim)
            if section.chart:
                self.chart(section.chart)
            if section.rows:
                self.code_table(section.rows)
            for quote in section.quotes:
                self.document.add_paragraph(
                    f"{self.t('quote_open')}{quote.text}{self.t('quote_close')}", style="Quote"
                )
                attribution = self.document.add_paragraph(f"— {quote.attribution}")
                self.refs(attribution, quote.refs)
            if not section.quotes:
                self.document.add_paragraph(self.t("no_quotes"))
            if section.difference:
                self.claim(section.difference)
        if r.other_themes:
            self.heading(self.t("other_themes"), 2, "other-themes")
            self.document.add_paragraph(r.other_themes_intro)
            for claim in r.other_themes:
                self.claim(claim, style="List Bullet")
        self.document.add_paragraph(self.t("quotes_language"))

    def differences(self) -> None:
        if not self.report.differences:
            return
        self.heading(self.t("differences"), 1, "differences")
        for claim in self.report.differences:
            self.claim(claim)

    def appendix(self) -> None:
        r, t = self.report, self.t
        letter = r.appendix()
        if not letter:
            return  # nothing to show: no codebook, reliability, saturation or table
        self.heading(t("appendix"), 1, "appendix")
        if "codebook" in letter:
            self.heading(f"{letter['codebook']}. {t('codebook')}", 2, "codebook")
            self.table(
                [t("code"), t("definition"), t("prevalence"), ""],
                [
                    [
                        "   " * row.depth + row.title,
                        row.definition,
                        row.prevalence,
                        row.ref.label if row.ref else "",
                    ]
                    for row in r.codebook
                ],
                numeric=2,
            )
        if "reliability" in letter:
            self.heading(f"{letter['reliability']}. {t('reliability')}", 2, "reliability")
            self.document.add_paragraph(r.reliability.statement)
            rows = []
            for pair in r.reliability.pairs:
                rows.append(
                    [
                        f"{pair.a} / {pair.b}",
                        t("all"),
                        str(pair.units),
                        pair.agreement,
                        pair.kappa,
                        pair.alpha,
                        pair.ac1,
                    ]
                )
                rows += [
                    ["", c.code, str(c.units), c.agreement, c.kappa, c.alpha, c.ac1]
                    for c in r.reliability.codes
                    if (c.a, c.b) == (pair.a, pair.b)
                ]
            self.table(
                [t("coders"), t("code"), t("units"), t("agreement"), "κ", "α", "AC1"],
                rows,
                numeric=2,
            )
        if "saturation" in letter:
            self.heading(f"{letter['saturation']}. {t('saturation')}", 2, "saturation")
            if r.saturation_text:
                self.document.add_paragraph(r.saturation_text.text)
            if r.saturation_chart:
                self.chart(r.saturation_chart)
            self.table(
                [t("interview"), t("new_codes"), t("cumulative")],
                [[p.interview, str(p.new), str(p.cumulative)] for p in r.saturation],
            )
        if "segment-table" in letter:
            heading = f"{letter['segment-table']}. {t('segment_table')}"
            self.heading(heading, 2, "segment-table")
            self.code_table(r.table, tests=True)
            for note in r.table_notes:
                self.document.add_paragraph(note)

    def evidence(self) -> None:
        from docx.shared import Pt, RGBColor

        if not self.report.evidence:
            return
        self.heading(self.t("evidence"), 1, "evidence")
        self.document.add_paragraph(self.t("evidence_intro"))
        for group in self.report.evidence:
            self.heading(
                f"{group.ref.label} {group.title}", min(2 + group.depth, 3), group.ref.anchor
            )
            self.document.add_paragraph(group.summary).runs[0].italic = True
            for passage in group.passages:
                paragraph = self.document.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(3)
                label = paragraph.add_run(passage.ref.label)
                label.bold = True
                label.font.size = Pt(8.5)
                meta = paragraph.add_run(f" · {passage.interview} · {passage.who}  ")
                meta.font.size = Pt(7.5)
                meta.font.color.rgb = RGBColor.from_string(GREY)
                text = paragraph.add_run(passage.text)
                text.font.size = Pt(9)
                self.bookmarks += 1
                add_bookmark(paragraph, passage.ref.anchor, self.bookmarks)

    def footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_field(paragraph, "PAGE", "1")
        header = section.header.paragraphs[0]
        header.text = self.report.title


def _white() -> Any:
    from docx.shared import RGBColor

    return RGBColor(0xFF, 0xFF, 0xFF)


def write_docx(report: Report, target: str | Path) -> Path:
    """Write the report as a Word document."""
    return _Writer(report).write(Path(target))
