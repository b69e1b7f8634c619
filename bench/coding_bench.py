"""Benchmark: code 100,000 passages with the keyword and supervised coders.

    .venv/bin/python bench/coding_bench.py [--passages 100000] [--documents 100] [--keep DIR]

Setup (not timed): a study of ``--documents`` documents whose passages are sentences of the
bundled (fictional) sample interviews, two at a time, written straight into the store; the
default codebook; and a person's codings in four documents (the keyword coder's suggestions
there, accepted), for the supervised coder to learn from.

Timed: ``code_study(coders=["keyword", "supervised"])`` — loading the passages, keyword
matching, training (with its cross-validation), scoring every passage and writing every
suggestion. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

import indsigt
from indsigt.coding import code_study
from indsigt.sample import interview_files
from indsigt.store import schema
from indsigt.store.store import now


def sentences() -> list[str]:
    found: list[str] = []
    for path in interview_files():
        if path.suffix != ".txt":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.split(":", 1)[-1].strip()
            found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]
    return found


def build(path: Path, passages: int, documents: int, seed: int) -> indsigt.Project:
    rng = random.Random(seed)
    pool = sentences()
    study = indsigt.init_study(path, anonymisation_required=False)
    per_document = passages // documents
    with study.store.begin() as connection:
        for number in range(documents):
            texts = [f"{rng.choice(pool)} {rng.choice(pool)}" for _ in range(per_document)]
            body = "\n".join(texts)
            document_id = connection.execute(
                schema.document.insert().values(
                    study_id=study.study.id,
                    name=f"bench{number:03d}",
                    source_path="",
                    sha256=f"{number:064d}",
                    format="txt",
                    language="da",
                    unit="sentence",
                    text=body,
                    meta={},
                    imported_at=now(),
                )
            ).inserted_primary_key[0]
            speaker_id = connection.execute(
                schema.speaker.insert().values(
                    document_id=document_id, label="R", role="respondent"
                )
            ).inserted_primary_key[0]
            turn_id = connection.execute(
                schema.turn.insert().values(
                    document_id=document_id,
                    speaker_id=speaker_id,
                    seq=0,
                    start=0,
                    end=len(body),
                )
            ).inserted_primary_key[0]
            rows, offset = [], 0
            for seq, text in enumerate(texts):
                rows.append(
                    {
                        "document_id": document_id,
                        "turn_id": turn_id,
                        "seq": seq,
                        "start": offset,
                        "end": offset + len(text),
                        "text": text,
                    }
                )
                offset += len(text) + 1
            connection.execute(schema.passage.insert(), rows)
    study.import_codebook(default=True)
    return study


def human_codings(study: indsigt.Project, documents: int) -> int:
    """A person's codings in the first ``documents`` documents (keyword suggestions there,
    accepted), then the keyword suggestions are cleared again."""
    code_study(study.store, study.study.id, coders=["keyword"])
    names = [f"bench{k:03d}" for k in range(documents)]
    ids = [row["id"] for name in names for row in study.codings(coder="keyword.v1", document=name)]
    study.review_codings(accept=ids, user="anna")
    with study.store.begin() as connection:
        connection.execute(
            schema.coding.delete().where(
                schema.coding.c.coder == "keyword.v1", schema.coding.c.status == "suggested"
            )
        )
    return len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--human-documents", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="Leave the study in this folder.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="indsigt-coding-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.db"
    if path.exists():
        sys.exit(f"{path} exists; remove it or choose another --keep folder")
    began = time.perf_counter()
    study = build(path, args.passages, args.documents, args.seed)
    accepted = human_codings(study, args.human_documents)
    setup = time.perf_counter() - began
    began = time.perf_counter()
    report = code_study(study.store, study.study.id, coders=["keyword", "supervised"])
    seconds = time.perf_counter() - began
    with study.store.connect() as connection:
        stored = connection.scalar(sa.select(sa.func.count()).select_from(schema.coding))
    print(
        json.dumps(
            {
                "passages": report.passages,
                "human_codings": accepted,
                "coders": report.coders,
                "notes": report.notes,
                "codings_stored": stored,
                "setup_seconds": round(setup, 1),
                "coding_seconds": round(seconds, 1),
                "passages_per_second": round(report.passages / seconds),
                "under_60_s": seconds < 60,
            },
            indent=2,
        )
    )
    study.close()


if __name__ == "__main__":
    main()
