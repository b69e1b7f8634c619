"""Import throughput: generate synthetic interview transcripts, import them, time it.

The transcripts are built from sentences of REAL interview text, read at run time (never copied
into this repository): the sample interviews bundled with indsigt (``.txt`` and ``.docx``) and,
when the folder exists, transcripts under ``../shared/data`` (``*/transcripts_txt/*.txt``, e.g.
the pdpilot interviews). Each synthetic transcript is a ``.txt`` of alternating speaker turns
("Interviewer: …" / "<Name>: …", 20-250 words a turn, some unlabelled continuation lines), all
sentences from one language. Generation is seeded and deterministic.

The same run also times a parse-only baseline (importers + language guess + segmentation, no
store), so the share of the import spent writing the store shows as a ratio that is less
sensitive to a noisy machine than the raw seconds.

    .venv/bin/python bench/import_bench.py --documents 100 --words 10000
    .venv/bin/python bench/import_bench.py --documents 10 --words 2000 --json
    .venv/bin/python bench/import_bench.py --store postgresql+psycopg://user@host/emptydb
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import indsigt
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.language import guess_language
from indsigt.ingest.registry import importer_for
from indsigt.sample import interview_files
from indsigt.segment import get_segmenter

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
MIN_TURN, MAX_TURN = 20, 250
INTERVIEWER_TURN = (MIN_TURN, 90)  # interviewers talk less than respondents
RESPONDENT_TURN = (40, MAX_TURN)
LINE_BREAK, PARAGRAPH_BREAK = 0.06, 0.03  # chance of an unlabelled continuation line / paragraph

# Reading the sources: a speaker label at the start of a line ("Dan:  …", "[00:01:02] Mette:").
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_LABEL = re.compile(
    rf"^[ \t]*(?:[\[(]?{_TIME}[\])]?[ \t]+)?(?P<label>[^\W_][\w.'’&/\- ]{{0,39}}?)[ \t]*:[ \t]*"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“«(]?[A-ZÆØÅÄÖÜ])")
_TERMINAL = ".!?…"

FIRST_NAMES = {
    "da": "Mette Anders Camilla Søren Lone Jesper Hanne Rasmus Birgitte Mads Pia Henrik Louise "
    "Thomas Susanne Kasper Ida Morten Signe Ulrik",
    "no": "Ingrid Ola Kari Lars Solveig Øystein Marit Håkon Sigrid Bjørn",
    "sv": "Anna Erik Karin Lars Maria Johan Eva Anders Sofia Mikael",
    "en": "Sarah James Emily David Laura Michael Rachel Daniel Hannah Robert",
}
SURNAMES = {
    "da": "Holm Jensen Nielsen Sørensen Kjærgaard Bech Lund Mortensen Østergaard Dahl Friis "
    "Brandt Skov Juhl Møller",
    "no": "Hansen Johansen Olsen Berg Haugen Bakken Solberg Lie",
    "sv": "Andersson Johansson Karlsson Nilsson Lindqvist Berglund Sandberg Ek",
    "en": "Smith Taylor Brown Wilson Clarke Walker Wright Hughes",
}


@dataclass
class Pool:
    """Sentences of one language; questions are the ones ending in a question mark."""

    sentences: list[list[str]] = field(default_factory=list)
    questions: list[list[str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, words: list[str]) -> None:
        self.sentences.append(words)
        if words[-1].endswith("?"):
            self.questions.append(words)


# -- the corpus -----------------------------------------------------------------------------


def source_files(data: Path) -> list[Path]:
    files = [p for p in interview_files() if p.suffix in {".txt", ".docx"}]
    if data.is_dir():
        files += sorted(data.glob("*/transcripts_txt/*.txt"))
    return files


def source_lines(path: Path) -> list[str]:
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        return [paragraph.text for paragraph in document.paragraphs]
    return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()


def source_turns(lines: list[str]) -> list[str]:
    """The text of each speaker turn: lines after a label, joined with their continuations.
    A label counts when it opens at least two lines; lines before the first label and lines
    that are only a number are dropped."""
    matches = [_LABEL.match(line) for line in lines]
    counts = Counter(m.group("label").strip() for m in matches if m)
    turns: list[list[str]] = []
    for line, match in zip(lines, matches, strict=True):
        if line.strip().isdigit():
            continue  # page and line numbers of a PDF export
        if match and counts[match.group("label").strip()] >= 2:
            turns.append([line[match.end() :]])
        elif turns:
            turns[-1].append(line)
    return [" ".join(" ".join(parts).split()) for parts in turns]


def load_corpus(data: Path, languages: set[str] | None) -> dict[str, Pool]:
    pools: dict[str, Pool] = {}
    for path in source_files(data):
        turns = source_turns(source_lines(path))
        language = guess_language(" ".join(turns))
        if languages and language not in languages:
            continue
        pool = pools.setdefault(language, Pool())
        pool.sources.append(str(path))
        for turn in turns:
            for sentence in _SENTENCE_END.split(turn):
                words = sentence.split()
                # Whole sentences only, and none that would read as a speaker label when it
                # starts a continuation line.
                if (
                    2 <= len(words) <= 80
                    and words[-1][-1] in _TERMINAL
                    and not _LABEL.match(sentence)
                ):
                    pool.add(words)
    return {lang: pool for lang, pool in pools.items() if pool.sentences}


# -- generating transcripts -----------------------------------------------------------------


def turn_text(rng: random.Random, pool: Pool, target: int, *, ask: bool) -> str:
    """About ``target`` words (exactly, counting whitespace-separated words) of sentences."""
    closing: list[str] = []
    if ask and pool.questions:
        for _ in range(5):
            question = rng.choice(pool.questions)
            if len(question) <= target:
                closing = question
                break
    chosen: list[list[str]] = []
    count, budget = 0, target - len(closing)
    while count < budget:
        words = rng.choice(pool.sentences)
        if count + len(words) > budget:
            words = words[: budget - count]
            last = words[-1].rstrip(",;:–-") or words[-1]
            words[-1] = last + ("" if last[-1] in _TERMINAL else ".")
        chosen.append(words)
        count += len(words)
    if closing:
        chosen.append(closing)
    parts: list[str] = []
    for index, words in enumerate(chosen):
        if index:
            draw = rng.random()
            parts.append(
                "\n\n"
                if draw < PARAGRAPH_BREAK
                else "\n"
                if draw < PARAGRAPH_BREAK + LINE_BREAK
                else " "
            )
        parts.append(" ".join(words))
    return "".join(parts)


def transcript(seed: int, index: int, words: int, pools: dict[str, Pool]) -> tuple[str, int, str]:
    """One transcript of exactly ``words`` words in its turns: (text, turns, language)."""
    rng = random.Random(f"indsigt-bench:{seed}:{index}")
    languages = sorted(pools)
    language = rng.choices(languages, weights=[len(pools[x].sentences) for x in languages])[0]
    pool = pools[language]
    first = FIRST_NAMES.get(language, FIRST_NAMES["en"]).split()
    last = SURNAMES.get(language, SURNAMES["en"]).split()
    respondent = f"{rng.choice(first)} {rng.choice(last)}"
    blocks = [
        f"Syntetisk interview {index + 1:04d} (bench/import_bench.py, seed {seed}, {language})",
        "",
    ]
    remaining, turns, asking = words, 0, True
    while remaining > 0:
        low, high = INTERVIEWER_TURN if asking else RESPONDENT_TURN
        target = rng.randint(low, high)
        if remaining - target < MIN_TURN:
            target = remaining if remaining <= MAX_TURN else remaining - MIN_TURN
        label = "Interviewer" if asking else respondent
        blocks.append(f"{label}: {turn_text(rng, pool, target, ask=asking)}\n")
        remaining -= target
        turns += 1
        asking = not asking
    return "\n".join(blocks), turns, language


def generate(
    folder: Path, documents: int, words: int, seed: int, pools: dict[str, Pool]
) -> tuple[list[Path], int, Counter[str]]:
    paths: list[Path] = []
    turns = 0
    languages: Counter[str] = Counter()
    for index in range(documents):
        text, count, language = transcript(seed, index, words, pools)
        path = folder / f"interview_{index + 1:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        turns += count
        languages[language] += 1
    return paths, turns, languages


# -- measuring ------------------------------------------------------------------------------


def parse_only(paths: list[Path], unit: str) -> tuple[int, int]:
    """What the import does before it touches the store: importers, language, segmentation."""
    segmenter = get_segmenter(unit)
    options = ImportOptions()
    turns = passages = 0
    for path in paths:
        for doc in importer_for(path).parse(path, path.read_bytes(), options=options):
            guess_language(doc.text)
            turns += len(doc.turns)
            for turn in doc.turns:
                for start, end in segmenter.split(doc.text, turn.start, turn.end):
                    doc.text[start:end]
                    passages += 1
    return turns, passages


def rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def store_location(store: str, folder: Path) -> str:
    if store == "sqlite":
        return str(folder / "study.db")
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100, help="transcripts (default 100)")
    parser.add_argument("--words", type=int, default=10000, help="words a transcript (10000)")
    parser.add_argument("--unit", default="sentence", help="sentence (default), paragraph or turn")
    parser.add_argument(
        "--store",
        default="sqlite",
        help="'sqlite' (a fresh file in the temp folder), a new SQLite PATH, or an empty "
        "PostgreSQL URL",
    )
    parser.add_argument("--seed", type=int, default=1, help="generation seed (default 1)")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"shared data folder ({DEFAULT_DATA})"
    )
    parser.add_argument("--languages", help="only sentences of these, e.g. 'da' or 'da,en'")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temp folder (transcripts, study)"
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="trace the import's memory (about 4x slower; the import/parse ratio is then void)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the parse-only run")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.documents < 1 or args.words < 1:
        parser.error("--documents and --words must be positive")

    languages = set(args.languages.split(",")) if args.languages else None
    pools = load_corpus(args.data, languages)
    if not pools:
        parser.error("no source sentences found")
    folder = Path(tempfile.mkdtemp(prefix="indsigt-bench-"))
    try:
        started = time.perf_counter()
        paths, turns_generated, mix = generate(folder, args.documents, args.words, args.seed, pools)
        seconds_generate = time.perf_counter() - started

        # Load plugins and compile regexes outside the timings (each run pays them once).
        parse_only(paths[:1], args.unit)
        location = store_location(args.store, folder)
        rss_before = rss_mb()
        try:
            study = indsigt.init_study(location)
        except indsigt.IndsigtError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        with study:
            if args.tracemalloc:
                tracemalloc.start()
            started = time.perf_counter()
            report = study.import_files(paths, unit=args.unit)
            seconds_import = time.perf_counter() - started
            traced = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
            if args.tracemalloc:
                tracemalloc.stop()
        rss_after = rss_mb()

        seconds_parse = None
        if not args.no_baseline:
            started = time.perf_counter()
            parse_turns, parse_passages = parse_only(paths, args.unit)
            seconds_parse = time.perf_counter() - started
            if (parse_turns, parse_passages) != (report.turns, report.passages):
                print("warning: parse-only and import counts differ", file=sys.stderr)
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)

    if report.turns != turns_generated:
        print(
            f"warning: generated {turns_generated} turns, the import found {report.turns}",
            file=sys.stderr,
        )
    words_total = args.documents * args.words
    result: dict[str, object] = {
        "documents": len(report.imported),
        "words": words_total,
        "turns": report.turns,
        "passages": report.passages,
        "unit": args.unit,
        "store": "sqlite" if args.store == "sqlite" else "url" if "://" in args.store else "path",
        "seconds_generate": round(seconds_generate, 3),
        "seconds_import": round(seconds_import, 3),
        "seconds_parse": None if seconds_parse is None else round(seconds_parse, 3),
        "import_parse_ratio": None
        if not seconds_parse
        else round(seconds_import / seconds_parse, 2),
        "store_share": None
        if seconds_parse is None
        else round(max(0.0, 1 - seconds_parse / seconds_import), 3),
        "passages_per_second": round(report.passages / seconds_import),
        "words_per_second": round(words_total / seconds_import),
        "peak_rss_mb": round(rss_after, 1),
        "rss_before_import_mb": round(rss_before, 1),
        "tracemalloc_peak_mb": None if traced is None else round(traced / 2**20, 1),
        "languages": dict(sorted(mix.items())),
        "seed": args.seed,
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)
    return 0


def print_table(result: dict[str, object]) -> None:
    rows = [
        ("documents", result["documents"]),
        ("words", result["words"]),
        ("turns", result["turns"]),
        ("passages", f"{result['passages']} ({result['unit']})"),
        ("generate", f"{result['seconds_generate']:.2f} s"),
        ("import", f"{result['seconds_import']:.2f} s"),
        ("  passages/s", result["passages_per_second"]),
        ("  words/s", result["words_per_second"]),
    ]
    if result["seconds_parse"] is not None:
        parse = float(result["seconds_parse"])  # type: ignore[arg-type]
        rows += [
            ("parse only (no store)", f"{parse:.2f} s"),
            ("import / parse", f"{result['import_parse_ratio']:.2f}x"),
            ("  store share of import", f"{result['store_share']:.0%}"),
        ]
    rows.append(
        ("peak RSS", f"{result['peak_rss_mb']} MB (before import {result['rss_before_import_mb']})")
    )
    if result["tracemalloc_peak_mb"] is not None:
        rows.append(("tracemalloc peak (import)", f"{result['tracemalloc_peak_mb']} MB"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    raise SystemExit(main())
