"""Latency of the suggestion queue page on a study of N interviews (a script, not a timed test).

Builds a study of N copies of the sample's Viborg interview (each made distinct, its respondent
given ``level`` kommune/region/stat in turn), imports the default codebook, runs the keyword
and similarity (TF-IDF) coders, starts `indsigt serve` in local mode on 127.0.0.1 and asks for
the queue page, HTML and JSON, with the filters a reviewer uses (code, coder, score range,
respondent attribute, sort by score, a later page, a random sample). Prints p50/p95 per view
and over all requests.

    .venv/bin/python bench/web_queue.py                  # 100 interviews, 20 rounds
    .venv/bin/python bench/web_queue.py --interviews 200 --rounds 10
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import indsigt
from indsigt.sample import interview_files

LEVELS = ("kommune", "region", "stat")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(folder: Path, interviews: int) -> tuple[Path, int, dict[str, int]]:
    source = next(f for f in interview_files() if f.name.startswith("dk01"))
    text = source.read_text(encoding="utf-8")
    files, sheet = [], ["respondents:"]
    for number in range(interviews):
        name = f"i{number:03d}"
        path = folder / f"{name}.txt"
        path.write_text(f"{text}\nInterviewer: Tak. (interview {number})\n", encoding="utf-8")
        files.append(path)
        sheet.append(
            f"  - {{respondent: R{number:03d}, document: {name}, "
            f"speaker: Mette Kjærgaard Holm, level: {LEVELS[number % 3]}}}"
        )
    sheet.append("interviewers:")
    sheet += [f"  - {{document: i{n:03d}, speaker: Interviewer}}" for n in range(interviews)]
    respondents = folder / "respondents.yaml"
    respondents.write_text("\n".join(sheet) + "\n", encoding="utf-8")
    db = folder / "study.db"
    with indsigt.init_study(db, name="queue", anonymisation_required=False) as study:
        study.import_files(files, respondents=respondents)
        study.import_codebook(default=True)
        report = study.code(coders=["keyword", "similarity"], embedder="tfidf")
        counts = {name: c["suggested"] for name, c in report.coders.items()}
        return db, study.study.id, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="indsigt-queue-"))
    try:
        started = time.perf_counter()
        db, study_id, counts = prepare(folder, options.interviews)
        print(
            f"{options.interviews} interviews, suggestions {counts} "
            f"(built in {time.perf_counter() - started:.0f} s)"
        )
        port = free_port()
        log = (folder / "serve.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "indsigt", "serve", str(db), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            run(port, study_id, options.rounds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(port: int, study_id: int, rounds: int) -> None:
    base = f"/studies/{study_id}/queue"
    views = {
        "queue": "",
        "code": "?code=udfordringer",
        "coder": "?coder=similarity.v1",
        "score": "?min_score=0.6&max_score=0.95&sort=score",
        "attribute": "?attribute=level%3Dregion",
        "page 10": "?page=10",
        "sample": "?code=udfordringer&sample=50&seed=1",
    }
    deadline = time.monotonic() + 30
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while True:
        try:
            connection.request("GET", "/static/app.css")
            connection.getresponse().read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings: dict[str, list[float]] = {}
    total = None
    for _ in range(rounds):
        for name, query in views.items():
            for suffix in ("", ".json"):
                start = time.perf_counter()
                connection.request("GET", f"{base}{suffix}{query}", headers={"Host": "localhost"})
                response = connection.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status == 200, (name, response.status, body[:300])
                timings.setdefault(f"{name}{suffix or ' (html)'}", []).append(elapsed)
                if name == "queue" and suffix == ".json" and total is None:
                    import json

                    total = json.loads(body)["total"]
    print(f"queue items (merged): {total}")
    everything = []
    for name, values in timings.items():
        everything += values
        print(
            f"{name:22s} p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f} ms"
        )
    print(
        f"all {len(everything)} requests: p50 {percentile(everything, 50):.1f} ms, "
        f"p95 {percentile(everything, 95):.1f} ms, max {max(everything):.1f} ms"
    )


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


if __name__ == "__main__":
    main()
