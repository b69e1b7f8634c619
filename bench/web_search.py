"""Latency of the search, retrieval and co-occurrence pages on a study of N interviews (a
script, not a timed test), as a ratio to the documents list page in the same run.

Builds the study of `bench/web_queue.py` (N copies of the sample's Viborg interview, made
distinct, the default codebook, keyword and similarity coders), accepts the keyword coder's
suggestions (a reviewed study), starts `indsigt serve` in local mode and asks for: the
documents list (the baseline), searches (a common word, a phrase, OR, a prefix, a rare word,
page 2), the retrieval of a parent code (sub-codes included; with suggestions; filtered by an
attribute; page 2; the CSV export) and the co-occurrence matrix. Prints p50/p95 per view and
p95 as a multiple of the documents list's p95.

    .venv/bin/python bench/web_search.py                  # 100 interviews, 20 rounds
    .venv/bin/python bench/web_search.py --interviews 200 --rounds 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from indsigt.store import Store, schema

sys.path.insert(0, str(Path(__file__).parent))
from web_queue import free_port, percentile, prepare


def accept_keyword_suggestions(db: Path) -> tuple[int, int]:
    """Accept every keyword.v1 suggestion; returns (accepted, code id of 'udfordringer')."""
    store = Store.open(db)
    try:
        with store.begin() as connection:
            accepted = connection.execute(
                schema.coding.update()
                .where(schema.coding.c.coder == "keyword.v1")
                .values(status="accepted")
            ).rowcount
            code_id = connection.scalar(
                sa.select(schema.code.c.id).where(schema.code.c.path == "udfordringer")
            )
        return int(accepted), int(code_id)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="indsigt-search-"))
    try:
        started = time.perf_counter()
        db, study_id, counts = prepare(folder, options.interviews)
        accepted, code_id = accept_keyword_suggestions(db)
        print(
            f"{options.interviews} interviews, suggestions {counts}, {accepted} accepted "
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
            run(port, study_id, code_id, options.rounds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(port: int, study_id: int, code_id: int, rounds: int) -> None:
    s = f"/studies/{study_id}"
    code = f"{s}/codes/{code_id}/passages"
    views = {
        "documents (baseline)": f"{s}/documents",
        "search word": f"{s}/search?q=kompetencer",
        "search phrase": f"{s}/search?q=%22digitale+ambassad%C3%B8rer%22",
        "search OR": f"{s}/search?q=ledelsesinformation+OR+strategi",
        "search prefix": f"{s}/search?q=digital*",
        "search rare": f"{s}/search?q=interview+42",
        "search page 2": f"{s}/search?q=kompetencer&page=2",
        "retrieval": code,
        "retrieval +sugg.": f"{code}?suggestions=1",
        "retrieval level": f"{code}?level=region",
        "retrieval page 2": f"{code}?page=2",
        "retrieval csv": f"{code}.csv",
        "co-occurrence": f"{s}/cooccurrence",
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
    sizes: dict[str, str] = {}
    for _ in range(rounds):
        for name, url in views.items():
            start = time.perf_counter()
            connection.request("GET", url, headers={"Host": "localhost"})
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status == 200, (name, response.status, body[:300])
            timings.setdefault(name, []).append(elapsed)
    for name, url in views.items():
        if "csv" in url:
            continue
        path, _, query = url.partition("?")
        connection.request("GET", f"{path}.json?{query}", headers={"Host": "localhost"})
        data = json.loads(connection.getresponse().read())
        if "total" in data:
            sizes[name] = str(data["total"])
        else:
            sizes[name] = str(len(data.get("codes") or data.get("documents") or []))
    baseline = percentile(timings["documents (baseline)"], 95)
    print(f"{'view':22s} {'items':>6s}   p50 ms   p95 ms   p95 / documents p95")
    for name, values in timings.items():
        p95 = percentile(values, 95)
        print(
            f"{name:22s} {sizes.get(name, ''):>6s} {percentile(values, 50):8.1f} {p95:8.1f}"
            f"   {p95 / baseline:5.2f}"
        )


if __name__ == "__main__":
    main()
