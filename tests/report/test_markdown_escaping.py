"""User text in ``report.md`` is text, never Markdown or HTML (issue 18, item 13): code
labels, definitions, the study name, quotes and evidence passages are escaped, so that a
label such as ``<img src=x onerror=alert(1)>`` cannot run in a Markdown viewer."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from markdown_it import MarkdownIt

from indsigt.report import write_report
from indsigt.report.charts import Bar, bar_chart, line_chart
from indsigt.store import schema

from .helpers import small_study

HOSTILE = "<img src=x onerror=alert(1)> *fed* [klik](javascript:alert(2)) `kode` &amp; _x_ |"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def rendered_tags(markdown: str) -> list[tuple[str, dict[str, str | None]]]:
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.slow  # a coded study of its own, reported
def test_markdown_escapes_labels_names_and_passages(tmp_path: Path) -> None:
    with small_study(tmp_path) as project:
        with project.store.begin() as connection:
            c = schema.code
            for row in connection.execute(sa.select(c.c.id, c.c.labels)):
                labels = {lang: f"{label} {HOSTILE}" for lang, label in row.labels.items()}
                connection.execute(
                    c.update()
                    .where(c.c.id == row.id)
                    .values(labels=labels, definition=f"Def {HOSTILE}")
                )
            connection.execute(schema.study.update().values(name=f"Studie {HOSTILE}"))
            p = schema.passage
            connection.execute(
                p.update().where(p.c.text.like("%Demografien%")).values(text=f"Tekst {HOSTILE}")
            )
        result = write_report(
            project.store, project.study.id, lang="da", output=tmp_path / "out", format="md"
        )
    markdown = Path(result.files["md"]).read_text(encoding="utf-8")
    tags = rendered_tags(markdown)
    charts = [attrs for tag, attrs in tags if tag == "img"]
    assert charts and all(str(a["src"]).startswith("report-charts/") for a in charts), charts
    assert not [t for t in tags if t[0] in ("code", "script")], tags
    links = [attrs.get("href", "") for tag, attrs in tags if tag == "a"]
    assert not [h for h in links if h and not h.startswith("#")], links  # only evidence links
    assert not [attrs for _, attrs in tags if any(k.startswith("on") for k in attrs)]
    # The text is still there, as text.
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "*fed*" in html and "[klik](javascript:alert(2))" in html


def test_chart_labels_are_text_not_mathtext() -> None:
    """A code label with dollar signs is drawn as written, not parsed as mathtext (where
    ``$\\frac{$`` stopped the whole report with a ValueError)."""
    label = r"Budget $\frac{ og $x kr."
    chart = bar_chart(
        "x", [Bar(label=label, share=0.5, text="1 af 2", color="#333333")], alt="a", caption="c"
    )
    assert chart.svg.startswith("<?xml")
    line_chart("y", [label, "b"], [1, 2], alt="a", caption="c", xlabel=label, ylabel="$")
