"""The report context: plain frozen dataclasses that every output format renders.

A claim is one sentence with the evidence it rests on (``refs``): evidence groups ("E2", the
passages coded with a code) or single passages ("P123"). Every format shows the refs; HTML and
DOCX also link them to the evidence appendix, where every passage is listed with its number,
its interview and its (pseudonymised) text.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from indsigt.nouns import RespondentNoun


@dataclass(frozen=True)
class Ref:
    label: str  # "E2", "E2.1" or "P123"
    anchor: str = ""  # "e2", "e2-1", "e2-1-p123"; "" when the target is not in the appendix


@dataclass(frozen=True)
class Claim:
    text: str
    refs: tuple[Ref, ...] = ()
    lead: bool = False  # introduces the lines after it ("De vigtigste budskaber:"): no bullet


@dataclass(frozen=True)
class Chart:
    name: str  # file stem: "overview", "code-1", "saturation"
    svg: str
    png: bytes
    alt: str
    caption: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


@dataclass(frozen=True)
class Cell:
    text: str  # "5 af 7" (with " *" when below k)
    share: float | None
    small: bool = False


@dataclass(frozen=True)
class TableRow:
    code: str
    title: str
    depth: int
    ref: Ref | None
    cells: tuple[Cell, ...]
    total: Cell
    test: str


@dataclass(frozen=True)
class QuoteView:
    text: str
    attribution: str
    refs: tuple[Ref, ...]
    passage_ids: tuple[int, ...] = ()  # what ``refs`` point to (for refs made again)


@dataclass(frozen=True)
class Section:
    """One top-level code (theme): prevalence, chart, sub-codes, quotes, difference."""

    code: str
    title: str
    anchor: str
    definition: str
    claims: tuple[Claim, ...]
    chart: Chart | None
    rows: tuple[TableRow, ...]
    quotes: tuple[QuoteView, ...]
    difference: Claim | None
    respondents: int
    key_points: tuple[Claim, ...] = ()  # "9 af 15 ledere: »…« — …", what the section opens with


@dataclass(frozen=True)
class MethodPart:
    heading: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class ReliabilityRow:
    a: str
    b: str
    documents: int
    units: int
    agreement: str
    kappa: str
    alpha: str
    ac1: str
    code: str = ""  # "" for the overall row of a pair


@dataclass(frozen=True)
class Reliability:
    measured: bool
    statement: str
    pairs: tuple[ReliabilityRow, ...] = ()
    codes: tuple[ReliabilityRow, ...] = ()


@dataclass(frozen=True)
class CodebookRow:
    code: str
    title: str
    depth: int
    definition: str
    include: str
    exclude: str
    prevalence: str
    ref: Ref | None


@dataclass(frozen=True)
class SaturationPoint:
    interview: str
    new: int
    cumulative: int


@dataclass(frozen=True)
class EvidencePassage:
    ref: Ref
    interview: str  # "Interview 3, ¶ 57"
    speaker: str  # the respondent's pseudonym, e.g. "Leder A" (the study's noun)
    attribution: str  # "Leder i kommune"
    text: str

    @property
    def who(self) -> str:
        """ "Leder A, Leder i kommune"; the pseudonym alone where the attribution only repeats
        its noun ("Respondent A", not "Respondent A, Respondent"; "Focus group A")."""
        if not self.attribution or self.speaker.rsplit(" ", 1)[0] == self.attribution:
            return self.speaker
        return f"{self.speaker}, {self.attribution}" if self.speaker else self.attribution


@dataclass(frozen=True)
class EvidenceGroup:
    ref: Ref
    title: str
    depth: int
    summary: str  # "41 passager fra 9 af 15 ledere" (the code and the codes beneath it)
    passages: tuple[EvidencePassage, ...]  # coded with exactly this code


APPENDIX = ("codebook", "reliability", "saturation", "segment-table")  # the appendix's order


def appendix_letters(
    *, codebook: bool, reliability: bool, saturation: bool, segment_table: bool
) -> dict[str, str]:
    """The letter of each part the appendix holds ("reliability" → "A" when the study has no
    codebook): a part with nothing to show is left out rather than printed to say so, and the
    letters after it move up, in every format and in the references to them. Reliability not
    measured is said in the method; its part here would only say it again."""
    present = {
        "codebook": codebook,
        "reliability": reliability,
        "saturation": saturation,
        "segment-table": segment_table,
    }
    shown = [part for part in APPENDIX if present[part]]
    return {part: "ABCDEFGH"[i] for i, part in enumerate(shown)}


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    subtitle: str
    based_on: str
    date: str
    generated: str
    coded: bool
    by: str
    segments: tuple[str, ...]  # display names, in table order
    summary: tuple[Claim, ...]
    method: tuple[MethodPart, ...]
    overview: Chart | None
    sections: tuple[Section, ...]
    differences: tuple[Claim, ...]
    codebook: tuple[CodebookRow, ...]
    reliability: Reliability
    saturation: tuple[SaturationPoint, ...]
    saturation_chart: Chart | None
    saturation_text: Claim | None
    table: tuple[TableRow, ...]
    table_notes: tuple[str, ...]
    evidence: tuple[EvidenceGroup, ...]
    theme: dict[str, Any] = field(default_factory=dict)
    # The optional prose pass (prose.py): the summary as a checked paragraph, and who wrote it.
    summary_prose: tuple[Claim, ...] = ()
    # The grouping attribute's label (indsigt.settings.attribute_label), e.g. "Organisationstype".
    by_label: str = ""
    prose_note: str = ""
    # The study's respondent noun in the report's language, and the word its pseudonyms start
    # with ("Leder" in "Leder A"), for i18n.Words.
    respondent: RespondentNoun | None = None
    pseudonym: str = ""
    # What the documents are: "interviews", "answers" when every document is a written
    # answer (a row of a survey or consultation sheet), or "discussions" when they are focus
    # groups (context._material); i18n.Words words the report by it.
    material: str = "interviews"
    # Emergent themes that are no findings across respondents (one respondent's, or dominated
    # by one: emergent.split_themes), listed after the finding sections with a one-line intro.
    other_themes: tuple[Claim, ...] = ()
    other_themes_intro: str = ""
    # The sentence before the findings' chart where the chart is not of shares: most themes
    # are mentioned by every respondent, so it shows their sizes (findings.overview).
    overview_note: Claim | None = None

    def appendix(self) -> dict[str, str]:
        """The appendix's parts and their letters (:func:`appendix_letters`)."""
        return appendix_letters(
            codebook=bool(self.codebook),
            reliability=self.reliability.measured,
            saturation=bool(self.saturation),
            segment_table=bool(self.table and self.segments),
        )

    def charts(self) -> list[Chart]:
        found = [self.overview, *(s.chart for s in self.sections), self.saturation_chart]
        return [chart for chart in found if chart is not None]
