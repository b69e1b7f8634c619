"""HTML and Markdown: every finding links to its passages, every link has a target, charts
have alt text, and the HTML is one self-contained file."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .conftest import Written


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "img":
            self.images.append(found)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_in_the_html_has_a_target(sample_da: Written) -> None:
    links = _parse(Path(sample_da.result.files["html"]))
    internal = [h for h in links.hrefs if h.startswith("#")]
    assert len(internal) > 50
    missing = {h for h in internal if h[1:] not in links.ids}
    assert not missing


def test_every_finding_links_to_its_passages_with_counts(sample_da: Written) -> None:
    html = Path(sample_da.result.files["html"]).read_text(encoding="utf-8")
    links = _parse(Path(sample_da.result.files["html"]))
    for section in sample_da.context.sections:
        anchor = section.claims[0].refs[0].anchor
        assert f'href="#{anchor}"' in html
        group = re.search(rf'<section class="group depth-0" id="{anchor}">(.*?)</h3>', html, re.S)
        assert group and f"{section.respondents} af 15 ledere" in group.group(1)
    passage_ids = {i for i in links.ids if re.fullmatch(r"e[\d-]+-p\d+", i)}
    assert len(passage_ids) >= sample_da.result.evidence_passages


def test_html_is_self_contained_with_alt_texts(sample_da: Written) -> None:
    links = _parse(Path(sample_da.result.files["html"]))
    assert links.images and all(str(img["src"]).startswith("data:image/") for img in links.images)
    assert all(img.get("alt") for img in links.images)
    html = Path(sample_da.result.files["html"]).read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert '<html lang="da">' in html


def test_markdown_links_and_charts(sample_da: Written) -> None:
    path = Path(sample_da.result.files["md"])
    text = path.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    targets = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert targets and targets <= anchors
    images = re.findall(r"!\[([^\]]+)\]\(([^)]+\.svg)\)", text)
    assert len(images) == len(sample_da.context.charts())
    for alt, src in images:
        assert alt and (path.parent / src).is_file()
    assert text.startswith(f"# {sample_da.context.title}")
    assert "> — Leder i " in text
