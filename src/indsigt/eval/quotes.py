"""`indsigt eval quotes`: our quotes against the quotes human coders picked.

Gold: gennovate-focusgroups. For each focus group that has both a transcript
(``transcripts/TRANSCRIPT_<group>.csv``) and a coded template
(``coded_templates/template_<group>.csv``), the template lists the quotes the coders picked
for each indicator (``ASP``, ``GAP``, ``NRM_MOB`` …), and the question (``data_container``,
e.g. ``E.10``) each came from.

The task: for a group and an indicator, the candidates are the participants' passages in the
questions where the coders found that indicator — what a coder would have marked at the
question level. From them, indsigt's quote selector (:func:`indsigt.quotes.select_quotes`,
unchanged) picks ``k`` quotes. A pick is a hit when most of its words lie in passages the
coders quoted for that indicator. The selector is told what the indicator is about (its name
and categories from ``codebook.csv``), as it is told a code's label, definition and examples in
a study. Reported: precision@k for each k, macro-averaged over (group, indicator) pairs,
beside baselines from the same candidate pools — the selector without the description
(``centre_only``: nearness to the centre alone), a random pick (its expected precision: the
share of candidates that are hits) and the first ``k`` candidates in transcript order.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from indsigt.errors import IndsigtError, InputError
from indsigt.eval.gold import read_text
from indsigt.progress import Progress, no_progress
from indsigt.store import schema
from indsigt.store.speech import speech

_SECTION = re.compile(r"\[([A-Z]+\.\d+)\]")


@dataclass(frozen=True)
class QuoteTask:
    group: str
    indicator: str
    sections: frozenset[str]
    quotes: tuple[str, ...]  # the coders' picks, as written in the template
    about: str = ""  # the indicator and its categories, from codebook.csv


def flat(text: str) -> str:
    """Lower-case letters and digits only, single-spaced: the templates replaced apostrophes
    with "?" and re-typed some punctuation, so only the words are compared."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def load_tasks(root: Path) -> tuple[dict[str, Path], list[QuoteTask]]:
    """Transcripts by group, and one task per (group, indicator) with picked quotes."""
    transcripts_dir, templates_dir = root / "transcripts", root / "coded_templates"
    if not transcripts_dir.is_dir() or not templates_dir.is_dir():
        raise InputError(root, "expected transcripts/ and coded_templates/ (gennovate-focusgroups)")
    transcripts = {
        file.stem.split("_", 1)[1]: file
        for file in sorted(transcripts_dir.glob("*.csv"))
        if file.stem.lower().startswith("transcript_") and "communitycode" not in file.stem
    }
    about = _indicators(root)
    tasks: list[QuoteTask] = []
    for template in sorted(templates_dir.glob("template_*.csv")):
        group = template.stem.split("_", 1)[1]
        if group not in transcripts:
            continue
        picked: dict[str, tuple[set[str], list[str]]] = defaultdict(lambda: (set(), []))
        for row in csv.DictReader(io.StringIO(read_text(template))):
            kind = (row.get("quote or transcriber's summary") or "").strip().lower()
            text = " ".join((row.get("text") or "").split())
            indicator = (row.get("indicator_label") or "").strip()
            section = (row.get("data_container") or "").strip()
            if kind != "quote" or not text or not indicator or not section:
                continue
            sections, quotes = picked[indicator]
            sections.add(section)
            if text not in quotes:
                quotes.append(text)
        tasks.extend(
            QuoteTask(
                group, indicator, frozenset(sections), tuple(quotes), about.get(indicator, "")
            )
            for indicator, (sections, quotes) in sorted(picked.items())
        )
    if not tasks:
        raise InputError(root, "no template matches a transcript, or no template picks a quote")
    return {group: transcripts[group] for group in {t.group for t in tasks}}, tasks


def _indicators(root: Path) -> dict[str, str]:
    """Each indicator's name and its categories' descriptions (codebook.csv), as one text."""
    path = root / "codebook.csv"
    if not path.is_file():
        return {}
    texts: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(read_text(path))):
        label = (row.get("indicator_label") or "").strip()
        for part in (row.get("indicator") or "", row.get("indicator_category") or ""):
            if label and part.strip() and part.strip() not in texts[label]:
                texts[label].append(part.strip())
    return {label: ". ".join(parts) for label, parts in texts.items()}


def _is_hit(text: str, picked: list[str]) -> bool:
    """Most of the quote's words lie in sentences of a picked quote (or it contains one)."""
    words = flat(text)
    if any(p and (p in words) for p in picked):
        return True
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if flat(s)]
    inside = sum(len(flat(s).split()) for s in sentences if any(flat(s) in p for p in picked))
    return inside * 2 > len(words.split())


def evaluate_quotes(
    path: str | Path,
    *,
    ks: tuple[int, ...] = (1, 3, 5),
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """precision@k of indsigt's quotes, a random pick and the first candidates."""
    from indsigt.project import init_study
    from indsigt.quotes import select_quotes
    from indsigt.quotes.candidates import load_candidates

    root = Path(path)
    transcripts, tasks = load_tasks(root)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="indsigt-eval-quotes-") as tmp:
        # Public, published focus-group data: nothing to anonymise.
        project = init_study(Path(tmp) / "study.db", language="en", anonymisation_required=False)
        try:
            project.import_files(sorted(transcripts.values()), progress=progress)
            passages = _passages_by_section(project.store, project.study.id)
            scores: dict[str, dict[int, list[float]]] = {
                name: {k: [] for k in ks} for name in ("indsigt", "centre_only", "random", "first")
            }
            evaluated = 0
            for done, task in enumerate(tasks, 1):
                progress(done, len(tasks), "choosing quotes")
                seeds = [
                    pid
                    for section in task.sections
                    for pid in passages.get((transcripts[task.group].name, section), [])
                ]
                if not seeds:
                    continue
                picked = [flat(q) for q in task.quotes]
                pool = load_candidates(
                    project.store, project.study.id, code=None, passage_ids=seeds
                )
                if not pool:
                    continue
                evaluated += 1
                hits = [_is_hit(c.text, picked) for c in pool]
                ordered = sorted(range(len(pool)), key=lambda i: min(pool[i].passage_ids))
                for k in ks:
                    for name, about in (("indsigt", task.about), ("centre_only", "")):
                        chosen = select_quotes(
                            project.store,
                            project.study.id,
                            passage_ids=seeds,
                            n=k,
                            lang="en",
                            about=about,
                        )
                        scores[name][k].append(
                            sum(_is_hit(q.text, picked) for q in chosen) / max(len(chosen), 1)
                        )
                    scores["random"][k].append(sum(hits) / len(hits))
                    first = ordered[:k]
                    scores["first"][k].append(sum(hits[i] for i in first) / len(first))
        finally:
            project.close()
    if not evaluated:
        raise IndsigtError(f"{root}: no task had candidate passages to choose from")

    def summary(name: str) -> dict[str, float]:
        return {f"p@{k}": round(sum(v) / len(v), 4) for k, v in scores[name].items()}

    return {
        **summary("indsigt"),
        "tasks": evaluated,
        "groups": sorted(transcripts),
        "quotes_picked_by_coders": sum(len(t.quotes) for t in tasks),
        "seconds": round(time.perf_counter() - started, 3),
        "baselines": {name: summary(name) for name in ("centre_only", "random", "first")},
    }


def _passages_by_section(store: Any, study_id: int) -> dict[tuple[str, str], list[int]]:
    """Respondent passage ids by (document name, question), from the "[E.10]" headings the
    GENNOVATE importer writes before each question's turns."""
    p, t, d = schema.passage, schema.turn, schema.document
    with store.connect() as connection:
        texts = dict(
            connection.execute(sa.select(d.c.id, d.c.text).where(d.c.study_id == study_id)).all()
        )
        rows = connection.execute(
            speech(study_id, p.c.id, p.c.document_id, t.c.start, d.c.name).order_by(
                p.c.document_id, p.c.start
            )
        ).all()
    headings = {
        doc: [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]
        for doc, text in texts.items()
    }
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pid, doc, start, name in rows:
        before = [section for offset, section in headings[doc] if offset < start]
        if before:
            found[(name, before[-1])].append(pid)
    return found
