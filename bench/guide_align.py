"""Guide alignment on the sample study against the hand labels in
tests/guide/data/sample_alignment_gold.json (accuracy over interviewer turns, dev and held out).

    PYTHONPATH=src python bench/guide_align.py WORKDIR [--grid] [--embedder tfidf]

WORKDIR/sample.db is made once (import + anonymise the sample study) and reused; e5 vectors
are cached in it. ``--grid`` searches the path parameters on the dev interviews only."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from indsigt.embed import CachedEmbedder, get_embedder
from indsigt.guide import read_guide
from indsigt.guide.align import AlignParams, AlignTurn, align_turns, similarity
from indsigt.project import init_study, open_study
from indsigt.sample import guide_file, interview_files, respondents_sheet

GOLD = Path(__file__).parent.parent / "tests/guide/data/sample_alignment_gold.json"


def main() -> None:
    folder = Path(sys.argv[1])
    database = folder / "sample.db"
    if not database.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with init_study(database, name="sample", language="da") as project:
            project.import_files(interview_files(), respondents=respondents_sheet())
            project.anonymise()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    guide = read_guide(guide_file())
    with open_study(database) as project:
        name = sys.argv[sys.argv.index("--embedder") + 1] if "--embedder" in sys.argv else "e5"
        embedder = CachedEmbedder(get_embedder(name), project.store)
        docs = {}
        for split in ("dev", "heldout"):
            for name in gold[split]:
                doc = project.document(name)
                roles = {s.id: s.role for s in project.speakers(doc)}
                docs[name] = [
                    (t.seq, AlignTurn(roles[t.speaker_id], doc.text[t.start : t.end]))
                    for t in project.turns(doc)
                ]

        def accuracy(split: str, params: AlignParams, show: bool = False) -> tuple[int, int]:
            right = total = 0
            for name, labels in gold[split].items():
                turns = docs[name]
                found = align_turns([t for _, t in turns], guide, embedder=embedder, params=params)
                for (seq, turn), label in zip(turns, found, strict=True):
                    if turn.role != "interviewer":
                        continue
                    expected = labels[str(seq)]
                    total += 1
                    right += label == expected
                    if show and label != expected:
                        print(f"  {name} turn {seq}: {label} (gold {expected}) {turn.text[:90]!r}")
            return right, total

        params = AlignParams()
        if "--grid" in sys.argv:
            best = None
            table = []
            for stay, skip, back, lex in itertools.product(
                (0.04, 0.06, 0.08, 0.10, 0.12),
                (0.0, 0.01, 0.02),
                (0.02, 0.04, 0.06, 0.1),
                (0.1, 0.25, 0.5),
            ):
                candidate = AlignParams(stay=stay, skip=skip, back=back, lexical_weight=lex)
                right, total = accuracy("dev", candidate)
                table.append((right, stay, skip, back, lex))
                if best is None or right > best[0]:
                    best = (right, candidate)
            for row in sorted(table, reverse=True)[:15]:
                print("  dev", row)
            assert best is not None
            params = best[1]
            print("best on dev:", params)
        for split in ("dev", "heldout"):
            right, total = accuracy(split, params, show=True)
            print(f"{split}: {right}/{total} interviewer turns = {right / total:.3f}")
        # Baseline: the nearest question per turn (same scores, no order), none below the
        # score a turn needs to count as asking.
        for split in ("dev", "heldout"):
            right = total = 0
            for name, labels in gold[split].items():
                asking = [(seq, t) for seq, t in docs[name] if t.role == "interviewer"]
                scores = similarity([t.text for _, t in asking], guide, embedder=embedder)
                for (seq, _), row in zip(asking, scores, strict=True):
                    best = int(row.argmax())
                    label = guide.questions[best].label if row[best] > params.stay else None
                    total += 1
                    right += label == labels[str(seq)]
            print(f"{split} nearest match: {right}/{total} = {right / total:.3f}")


if __name__ == "__main__":
    main()
