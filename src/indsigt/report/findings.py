"""Findings from the segment table: one section per theme, the differences the tests support,
the full code × group table and the codebook rows, each claim carrying its evidence refs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from indsigt.analyse import Cell as TableCell
from indsigt.analyse import CodeRow, SegmentTable
from indsigt.codebook.texts import in_language
from indsigt.records import Code
from indsigt.report.charts import NEUTRAL, Bar, bar_chart, count_chart
from indsigt.report.evidence import EvidenceIndex
from indsigt.report.i18n import Words
from indsigt.report.model import Cell, Chart, Claim, CodebookRow, QuoteView, Ref, Section, TableRow

ALPHA = 0.05


@dataclass
class Findings:
    """What the findings are computed from (``index`` is set once the evidence is built)."""

    table: SegmentTable
    segments: list[str]  # raw values in display order
    titles: dict[str, str]
    words: Words
    colors: dict[str, str]
    index: EvidenceIndex = field(default_factory=EvidenceIndex)
    machine: dict[str, str] = field(default_factory=dict)  # theme → machine estimate, apart
    # The emergent themes' own order and sizes in their units (what `indsigt themes` prints:
    # "94 statements"); a coded theme's size is its passages, and it is ordered by prevalence.
    order: tuple[str, ...] = ()
    sizes: dict[str, int] = field(default_factory=dict)
    unit: str = "passage"

    @property
    def total(self) -> int:
        return sum(self.table.totals.values())

    def row(self, path: str) -> CodeRow | None:
        return next((row for row in self.table.rows if row.code == path), None)

    def n(self, path: str) -> int:
        """Respondents with the code (or one beneath it)."""
        row = self.row(path)
        return (row.total.n or 0) if row else 0

    def tops(self) -> list[str]:
        paths = {row.code for row in self.table.rows if "/" not in row.code}
        if self.order:
            return [path for path in self.order if path in paths]
        return sorted(paths, key=lambda p: (-self.n(p), p))

    def passages(self, path: str) -> int:
        subtree = self.index.subtrees.get(path)
        return len(subtree.passages) if subtree else 0

    def size(self, path: str) -> int:
        """A theme's size: its units (statements) where it has them, else its passages."""
        return self.sizes.get(path, self.passages(path))

    def size_unit(self, path: str) -> str:
        return self.unit if path in self.sizes else "passage"

    def amount(self, path: str) -> str:
        """ "94 statements (205 passages)", or "205 passages" where passages are its units."""
        words, passages = self.words, self.passages(path)
        if path not in self.sizes or self.unit == "passage":
            return words("amount_passages", passages=passages)
        size = self.sizes[path]
        units = words.noun(f"unit_nouns_{self.unit}", size)
        return words("amount_units", size=size, units=units, passages=passages)

    def children(self, path: str) -> list[str]:
        depth = path.count("/") + 1
        found = [
            row.code
            for row in self.table.rows
            if row.code.startswith(path + "/") and row.code.count("/") == depth
        ]
        return sorted(found, key=lambda p: (-self.n(p), p))

    def tested(self) -> int:
        return sum(row.test.p_holm is not None for row in self.table.rows)


def title_of(code: Code | None, path: str, lang: str) -> str:
    labels = code.labels if code else {}
    return (
        labels.get(lang)
        or labels.get("en")
        or labels.get("da")
        or next(iter(labels.values()), "")
        or path.rsplit("/", 1)[-1]
    )


def titles(codes: Sequence[Code], paths: Sequence[str], lang: str) -> dict[str, str]:
    by_path = {code.path: code for code in codes}
    every = {*by_path, *paths}
    every |= {"/".join(p.split("/")[: i + 1]) for p in every for i in range(p.count("/"))}
    return {path: title_of(by_path.get(path), path, lang) for path in every}


def cell(found: TableCell, words: Words) -> Cell:
    shown = f"< {found.n_floor}" if found.n is None else str(found.n)
    text = f"{shown} {words('of')} {found.N}" + (" *" if found.small else "")
    return Cell(text, found.share, found.small)


def test_text(row: CodeRow, words: Words) -> str:
    test = row.test
    if test.method is None or test.p is None:
        return words("not_tested")
    held = f"p = {words.p_value(test.p)}"
    if test.p_holm is not None:
        held += f" (Holm {words.p_value(test.p_holm)})"
    if test.effect is not None:
        held += f", V = {words.number(test.effect)}"
    return held


def table_rows(found: Findings, paths: Sequence[str]) -> tuple[TableRow, ...]:
    rows = []
    for path in paths:
        row = found.row(path)
        if row is None:
            continue
        rows.append(
            TableRow(
                path,
                found.titles.get(path, path),
                path.count("/"),
                found.index.ref(path),
                tuple(cell(row.cells[s], found.words) for s in found.segments),
                cell(row.total, found.words),
                test_text(row, found.words),
            )
        )
    return tuple(rows)


def ordered_paths(found: Findings) -> list[str]:
    """Every path of the table: themes by prevalence, each followed by its sub-codes."""
    result: list[str] = []

    def walk(path: str) -> None:
        result.append(path)
        for child in found.children(path):
            walk(child)

    for top in found.tops():
        walk(top)
    return result


def _reason(note: str, words: Words) -> str:
    if "too few" in note:
        return words("reason_few", n=note.rsplit("=", 1)[-1].strip(" )"))
    if "two segments" in note:
        return words("reason_segments")
    if "every or no" in note:
        return words("reason_all")
    if "expected" in note:
        return words("reason_expected")
    return words("reason_other", note=note.removeprefix("not tested: "))


def difference(found: Findings, path: str) -> tuple[Claim, bool] | None:
    """The claim about differences between groups for one code, and whether it is one."""
    row, words = found.row(path), found.words
    ref = found.index.ref(path)
    if row is None or ref is None or len(found.segments) < 2:
        return None
    title = found.titles.get(path, path)
    test = row.test
    if test.method is None or test.p_holm is None:
        return Claim(
            words("difference_untested", title=title, reason=_reason(test.note, words)), (ref,)
        ), False
    cells = [(s, row.cells[s]) for s in found.segments if row.cells[s].N > 0]
    if test.p_holm >= ALPHA:
        shown = ", ".join(words.of_group(c.n, c.N, s, floor=c.n_floor) for s, c in cells)
        return Claim(
            words("difference_none", title=title, cells=shown, p=words.p_value(test.p_holm)),
            (ref,),
        ), False
    shares = [c.share or 0.0 for _, c in cells]
    method = words("exact_test") if test.method == "fisher-freeman-halton" else words("chi_square")
    text = words(
        "difference",
        title=title,
        high=_groups(words, [sc for sc in cells if (sc[1].share or 0.0) == max(shares)]),
        low=_groups(words, [sc for sc in cells if (sc[1].share or 0.0) == min(shares)]),
        method=method,
        p=words.p_value(test.p_holm),
        m=found.tested(),
        v=words.number(test.effect or 0.0),
    )
    return Claim(text, (ref,)), True


def _groups(words: Words, cells: Sequence[tuple[str, TableCell]]) -> str:
    """ "ledere i staten (0 af 4 ledere) og ledere i regioner (0 af 4 ledere)"."""
    return words.listing(
        [
            f"{words.segment_group(s)} ({words.of_leaders(c.n, c.N, floor=c.n_floor)})"
            for s, c in cells
        ]
    )


def differences(found: Findings, paths: Sequence[str], *, table: str = "D") -> tuple[Claim, ...]:
    """Intro, the differences the tests support, then the themes the tests find alike (one
    sentence for them all) and those not tested; ``table``: the appendix letter of the table
    with every test."""
    words = found.words
    if len(found.segments) < 2:
        return ()
    supported: list[Claim] = []
    same: dict[str, Claim] = {}  # tested, no difference: each said in its theme's section
    others: list[Claim] = []
    for path in paths:
        result = difference(found, path)
        if result is None:
            continue
        claim, significant = result
        if significant:
            supported.append(claim)
        elif "/" not in path and _p_holm(found, path) is not None:
            same[path] = claim
        elif "/" not in path:
            others.append(claim)
    head = [Claim(words("differences_intro"))]
    refs = (Ref(table, "segment-table"),)  # the appendix table with every test
    if supported:
        noun = words.noun("difference_nouns", len(supported))
        head.append(Claim(words("differences_found", n=len(supported), noun=noun), refs))
    else:
        head.append(Claim(words("differences_none_found", N=found.total), refs))
    return (*head, *supported, *_alike(found, same), *others)


def _p_holm(found: Findings, path: str) -> float | None:
    """The code's corrected p-value; None where it was not tested."""
    row = found.row(path)
    return None if row is None else row.test.p_holm


def _alike(found: Findings, same: dict[str, Claim]) -> tuple[Claim, ...]:
    """The themes the tests find alike across the groups, in one sentence where they are
    several: eight sentences "For … the difference … is no larger than chance …" said again
    what each theme's section says."""
    if len(same) < 2:
        return tuple(same.values())
    words = found.words
    p = [_p_holm(found, path) or 1.0 for path in same]
    bound = ("= " if min(p) == max(p) else "≥ ") + words.p_value(min(p))
    titles = [
        words("quote_open") + found.titles.get(path, path) + words("quote_close") for path in same
    ]
    text = words("differences_none_themes", n=len(same), p=bound, themes=words.listing(titles))
    return (Claim(text, tuple(ref for claim in same.values() for ref in claim.refs)),)


def section(
    found: Findings,
    top: str,
    number: int,
    codes: dict[str, Code],
    quotes: Callable[[str], tuple[QuoteView, ...]],
) -> Section:
    words, row = found.words, found.row(top)
    ref = found.index.ref(top)
    subtree = found.index.subtrees[top]
    assert row is not None and ref is not None
    title = found.titles.get(top, top)
    n = len(subtree.respondents)
    claims = [Claim(prevalence(found, top, n, len(subtree.documents)), (ref,))]
    if top in found.machine:  # never in the same "n af N": a claim of its own
        claims.append(Claim(words("claim_machine", estimate=found.machine[top]), (ref,)))
    if len(found.segments) >= 2:
        shown = ", ".join(
            words.of_group(row.cells[s].n, row.cells[s].N, s, floor=row.cells[s].n_floor)
            for s in found.segments
        )
        claims.append(Claim(words("claim_by_segment", cells=shown), (ref,)))
    chart = segment_chart(found, top, number) if len(found.segments) >= 2 else None
    result = difference(found, top)
    code = codes.get(top)
    return Section(
        top,
        title,
        f"theme-{number}",
        in_language(code.definition, words.lang) if code else "",
        tuple(claims),
        chart,
        table_rows(found, [p for p in ordered_paths(found) if p.startswith(top + "/")]),
        quotes(top),
        result[0] if result else None,
        n,
    )


def prevalence(found: Findings, top: str, n: int, documents: int) -> str:
    """ "Theme: mentioned by 12 of 14 focus groups (86%) in 101 statements (217 passages) from
    12 discussions."; where every respondent mentions it, "mentioned by all 7 respondents in
    …" (five "7 of 7 respondents (100%) … from 7 interviews" in a row said nothing)."""
    words, total = found.words, found.total
    title, amount = found.titles.get(top, top), found.amount(top)
    if _everyone(n, total):
        return words("claim_prevalence_all", title=title, N=total, amount=amount)
    return words(
        "claim_prevalence",
        title=title,
        count=words.of_leaders(n, total),
        share=words.percent(n / total if total else None),
        amount=amount,
        interviews=documents,
    )


def _everyone(n: int | None, total: int) -> bool:
    return total >= 2 and n == total


def segment_chart(found: Findings, path: str, number: int) -> Chart:
    words, row = found.words, found.row(path)
    assert row is not None
    title = found.titles.get(path, path)
    bars = [
        Bar(
            words.segment_name(s),
            row.cells[s].share,
            cell(row.cells[s], words).text,
            found.colors.get(s, NEUTRAL),
        )
        for s in found.segments
    ]
    bars.append(Bar(words("all"), row.total.share, cell(row.total, words).text, NEUTRAL))
    items = "; ".join(f"{b.label}: {b.text} ({words.percent(b.share)})" for b in bars)
    return bar_chart(
        f"theme-{number}",
        bars,
        alt=words("chart_alt", title=title, items=items),
        caption=words("chart_caption", title=title),
    )


def overview(found: Findings, color: str) -> tuple[Chart, Claim | None]:
    """The findings' chart and the sentence that introduces it, if one is needed.

    A chart of shares tells themes apart only where their shares differ: when at least half
    the themes are mentioned by every respondent (pdpilot: 5 of 8 bars "7 of 7", the rest "6
    of 7"), the bars all end at or near 100 %. Then one sentence says so, and the chart shows
    what does differ between them: their sizes (:meth:`Findings.size`). One theme alone has
    nothing to tell apart: its share, and no sentence ("Alle 1 temaer nævnes …")."""
    tops = found.tops()
    everyone = [top for top in tops if _everyone(found.n(top), found.total)]
    if len(tops) < 2 or 2 * len(everyone) < len(tops):
        return overview_chart(found, color), None
    return size_chart(found, color), Claim(_everyone_sentence(found, tops, everyone))


def _everyone_sentence(found: Findings, tops: Sequence[str], everyone: Sequence[str]) -> str:
    words, total = found.words, found.total
    units = words.noun(f"unit_nouns_{found.size_unit(tops[0])}", 2)
    if len(everyone) == len(tops):
        return words("overview_everyone_all", shown=len(tops), N=total, units=units)
    rest = sorted({found.n(top) for top in tops if top not in everyone})
    others = (
        f"{rest[0]} {words('of')} {total}"
        if len(rest) == 1
        else words("range_of", low=rest[0], high=rest[-1], N=total)
    )
    return words(
        "overview_everyone", all=len(everyone), shown=len(tops), N=total, rest=others, units=units
    )


def size_chart(found: Findings, color: str) -> Chart:
    """Bars of the themes' sizes: their units, largest first as the findings are."""
    words = found.words
    tops = found.tops()
    unit = found.size_unit(tops[0])
    units = words.noun(f"unit_nouns_{unit}", 2)
    sizes = [found.size(top) for top in tops]
    texts = [f"{size} {words.noun(f'unit_nouns_{unit}', size)}" for size in sizes]
    labels = [found.titles.get(top, top) for top in tops]
    items = "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True))
    return count_chart(
        "overview",
        [Bar(label, None, text, color) for label, text in zip(labels, texts, strict=True)],
        sizes,
        alt=words("size_alt", units=units, items=items),
        caption=words("size_caption", units=units),
    )


def overview_chart(found: Findings, color: str) -> Chart:
    words = found.words
    bars = []
    for top in found.tops():
        row = found.row(top)
        assert row is not None
        bars.append(
            Bar(found.titles.get(top, top), row.total.share, cell(row.total, words).text, color)
        )
    items = "; ".join(f"{b.label}: {b.text}" for b in bars)
    return bar_chart(
        "overview",
        bars,
        alt=words("overview_alt", N=found.total, items=items),
        caption=words("overview_caption"),
    )


def codebook_rows(
    codes: Sequence[Code], found: Findings | None, words: Words, total: int, names: dict[str, str]
) -> tuple[CodebookRow, ...]:
    by_path = {code.path: code for code in codes}

    def key(path: str) -> tuple[str, ...]:
        parts = path.split("/")
        return tuple(names.get("/".join(parts[: i + 1]), "").lower() for i in range(len(parts)))

    paths = sorted({*by_path, *(p.split("/")[0] for p in by_path)}, key=key)
    rows = []
    for path in paths:
        code = by_path.get(path)
        n = found.n(path) if found else 0
        rows.append(
            CodebookRow(
                path,
                names.get(path, path),
                path.count("/"),
                in_language(code.definition, words.lang) if code else "",
                in_language(code.include, words.lang) if code else "",
                in_language(code.exclude, words.lang) if code else "",
                words.of_leaders(n, total),
                found.index.ref(path) if found else None,
            )
        )
    return tuple(rows)
