"""Load test of the review web app (a script, not a timed test).

N simulated coders (default 50) log in to a real `indsigt serve --server` on 127.0.0.1 and write
codings for a bounded time (default 60 s) through the same JSON endpoint the page's script uses,
re-sending some codings they already made (which must stay single). Afterwards every
acknowledged coding is checked in the store: present exactly once, with the id the server
returned, and with one `coding.added` audit event. Prints requests/s and latency percentiles.

    .venv/bin/python bench/web_load.py                       # SQLite (WAL) in a temp folder
    .venv/bin/python bench/web_load.py --db postgresql+psycopg://postgres@127.0.0.1:5432/load

The PostgreSQL database must exist and be empty. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import indsigt
from indsigt.sample import interview_files, respondents_sheet
from indsigt.store import Store, schema
from indsigt.web.auth import add_user
from indsigt.web.data.codes import CodeInput, add_code

PASSWORD = "load-test-password"
CODES = [
    "udfordringer/kompetencer",
    "udfordringer/data",
    "udfordringer/økonomi",
    "drivere/borgere",
    "drivere/teknologi",
    "ledelse/mobilisering",
    "ledelse/strategi",
    "organisering",
    "samarbejde",
    "gevinster",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(location: str, coders: int) -> tuple[int, dict[int, list[int]], list[int]]:
    """A study with the sample interviews, ten codes and ``coders`` coder accounts."""
    with indsigt.init_study(location, name="load", anonymisation_required=False) as study:
        study.import_files(interview_files(), respondents=respondents_sheet())
        code_ids = [
            add_code(study.store, study.study.id, CodeInput(path=p), language="da", actor="load")
            for p in CODES
        ]
        add_user(study.store, "lead", PASSWORD, role="admin", actor="load")
        for number in range(1, coders + 1):
            add_user(study.store, f"coder{number:02d}", PASSWORD, role="coder", actor="load")
        passages: dict[int, list[int]] = {}
        for passage in study.passages():
            passages.setdefault(passage.document_id, []).append(passage.id)
        return study.study.id, passages, code_ids


@dataclass
class Coder:
    name: str
    host: str
    port: int
    study: int
    passages: dict[int, list[int]]
    codes: list[int]
    deadline: float
    seed: int
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    acknowledged: dict[tuple[int, int], int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    cookie: str = ""
    token: str = ""

    def _request(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        connection = self.connection
        headers = {**headers, "Cookie": self.cookie} if self.cookie else headers
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("indsigt_session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, data, response

    def login(self) -> None:
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        _, page, _ = self._request("GET", "/login", None, {})
        token = re.search(rb'name="csrf-token" content="([0-9a-f]+)"', page)
        assert token, page[:200]
        form = urllib.parse.urlencode(
            {"username": self.name, "password": PASSWORD, "csrf_token": token.group(1).decode()}
        ).encode()
        status, data, _ = self._request(
            "POST",
            "/login",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        )
        assert status == 200, data[:300]
        self.token = json.loads(data)["csrf_token"]

    def run(self) -> None:
        rng = random.Random(self.seed)
        documents = sorted(self.passages)
        try:
            self.login()
        except Exception as exc:  # reported, not raised
            self.errors.append(f"login: {exc!r}")
            return
        while time.monotonic() < self.deadline:
            if self.acknowledged and rng.random() < 0.1:
                passage_ids = [rng.choice(list(self.acknowledged))[0]]
                code = next(c for p, c in self.acknowledged if p == passage_ids[0])
            else:
                doc = self.passages[rng.choice(documents)]
                start = rng.randrange(len(doc))
                passage_ids = doc[start : start + rng.randint(1, 3)]
                code = rng.choice(self.codes)
            body = json.dumps({"passage_ids": passage_ids, "code_id": code}).encode()
            began = time.perf_counter()
            try:
                status, data, _ = self._request(
                    "POST",
                    f"/studies/{self.study}/codings",
                    body,
                    {
                        "Content-Type": "application/json",
                        "Accept": "application/json",
                        "X-CSRF-Token": self.token,
                    },
                )
            except (OSError, http.client.HTTPException) as exc:
                self.statuses[0] += 1
                self.errors.append(repr(exc))
                continue
            self.latencies.append(time.perf_counter() - began)
            self.statuses[status] += 1
            if status == 201:
                for row in json.loads(data)["codings"]:
                    key = (row["passage_id"], row["code_id"])
                    previous = self.acknowledged.setdefault(key, row["id"])
                    if previous != row["id"]:
                        self.errors.append(f"{key}: id {row['id']} after {previous}")
            elif len(self.errors) < 20:
                self.errors.append(f"{status}: {data[:200]!r}")


def start_server(location: str, port: int) -> subprocess.Popen[bytes]:
    target = ["--db", location] if "://" in location else [location]
    env = {**os.environ, "INDSIGT_SECRET_KEY": "load-test-secret"}
    process = subprocess.Popen(
        [sys.executable, "-m", "indsigt", "serve", *target, "--server", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise SystemExit(f"indsigt serve exited: {output}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/static/app.css")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("indsigt serve did not start")


def verify(location: str, coders: list[Coder]) -> dict[str, Any]:
    """Every acknowledged coding exactly once, with its id, and audited once."""
    store = Store.open(location)
    c, e = schema.coding, schema.event
    try:
        with store.connect() as connection:
            stored = connection.execute(
                sa.select(c.c.id, c.c.passage_id, c.c.code_id, c.c.coder).where(
                    c.c.coder.like("coder%")
                )
            ).all()
            audited = Counter(
                connection.scalars(sa.select(e.c.entity_id).where(e.c.action == "coding.added"))
            )
    finally:
        store.close()
    by_key = Counter((r.passage_id, r.code_id, r.coder) for r in stored)
    ids = {(r.passage_id, r.code_id, r.coder): r.id for r in stored}
    acknowledged = {
        (passage, code, coder.name): coding_id
        for coder in coders
        for (passage, code), coding_id in coder.acknowledged.items()
    }
    missing = [key for key in acknowledged if key not in ids]
    wrong_id = [
        key for key, coding_id in acknowledged.items() if ids.get(key, coding_id) != coding_id
    ]
    duplicated = [key for key, count in by_key.items() if count > 1]
    unaudited = [key for key, coding_id in acknowledged.items() if audited[str(coding_id)] != 1]
    return {
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "stored_but_not_acknowledged": len(set(ids) - set(acknowledged)),
        "missing": len(missing),
        "wrong_id": len(wrong_id),
        "duplicated": len(duplicated),
        "not_audited_once": len(unaudited),
        "ok": not (missing or wrong_id or duplicated or unaudited),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to write (60)")
    parser.add_argument("--coders", type=int, default=50, help="simulated coders (50)")
    parser.add_argument("--db", help="an empty PostgreSQL database URL (default: SQLite)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    options = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="indsigt-load-")
    location = options.db or str(Path(folder) / "load.db")
    started = time.monotonic()
    study, passages, codes = prepare(location, options.coders)
    print(f"prepared {location} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    port = free_port()
    server = start_server(location, port)
    try:
        deadline = time.monotonic() + options.seconds
        coders = [
            Coder(f"coder{n:02d}", "127.0.0.1", port, study, passages, codes, deadline, seed=n)
            for n in range(1, options.coders + 1)
        ]
        threads = [threading.Thread(target=coder.run) for coder in coders]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = [value for coder in coders for value in coder.latencies]
    statuses = sum((coder.statuses for coder in coders), Counter())
    result = {
        "store": "postgresql" if options.db else "sqlite (WAL)",
        "coders": options.coders,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "latency_ms": {
            "p50": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p95": round(1000 * percentile(latencies, 0.95), 1),
            "p99": round(1000 * percentile(latencies, 0.99), 1),
            "max": round(1000 * max(latencies), 1) if latencies else None,
        },
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": [error for coder in coders for error in coder.errors][:10],
        "check": verify(location, coders),
    }
    if options.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        lat = result["latency_ms"]
        check = result["check"]
        print(
            f"{result['store']}: {result['coders']} coders, {result['seconds']} s, "
            f"{result['requests']} requests, {result['requests_per_second']} requests/s, "
            f"latency p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms, "
            f"max {lat['max']} ms; statuses {result['statuses']}"
        )
        print(
            f"check: {check['acknowledged']} acknowledged codings, {check['missing']} missing, "
            f"{check['duplicated']} duplicated, {check['wrong_id']} with another id, "
            f"{check['not_audited_once']} not audited exactly once -> "
            f"{'OK' if check['ok'] else 'FAILED'}"
        )
        for error in result["errors"]:
            print(f"  error: {error}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if result["check"]["ok"] and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
