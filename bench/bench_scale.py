#!/usr/bin/env python3
"""The national-scale figures of issue 14, in one run (docs/scale.md uses them).

1. Batch: files/min of the local pool (``-j 2``) and of Dask with 2 worker
   processes on the same files (copies of the text/PDF/DOCX samples): on a
   running, warmed cluster (``--scheduler``) and end to end (``--cluster dask``,
   starting the cluster). Overhead ratio = local rate / Dask rate (goal ≤ 1.15).
2. Search p50/p95 at N generated reports (default 100,000) on SQLite and on a
   throwaway PostgreSQL server. Rows are generated directly: the seed report is
   varied per fiscal year and segmented once, then each report gets an agency of
   the DLA list substituted into the segmented text (no newmm per report), and
   the rows are bulk-loaded (SQLite: one transaction; PostgreSQL: COPY, indexes
   built after). The queries are bench/bench_history.py's.
3. Index throughput on PostgreSQL with 1 and 4 concurrent writer processes,
   each running the real ``index_report`` (segmenting included) into the big store.

    nice .venv/bin/python bench/bench_scale.py                    # everything (~30 min on 2 busy cores)
    .venv/bin/python bench/bench_scale.py --reports 10000 --files 20
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing as mp
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from bench_batch import build  # noqa: E402
from bench_history import HOME, QUERIES, SEED, authorities, percentile, vary  # noqa: E402

from extractor.history.base import open_store  # noqa: E402
from extractor.history.search import split_agency  # noqa: E402
from extractor.history.segment import display, report_tags, segment  # noqa: E402
from extractor.history.store import prepare  # noqa: E402
from extractor.history.tsvector import tsvector  # noqa: E402

YEARS = range(2563, 2570)
_SEGMENTED: dict[str, tuple[str, str]] = {}  # agency → its segmented full name and name (shared by both loads)


# ---------------------------------------------------------------- 1. batch

def cli(*args: str) -> tuple[float, str]:
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "cli.py", "extract", *args], cwd=ROOT, capture_output=True, text=True)
    summary = next((ln for ln in p.stderr.splitlines() if ln.startswith("สรุป")), p.stderr[-300:])
    return time.monotonic() - t0, summary


def bench_batch(n: int) -> None:
    from distributed import LocalCluster
    with tempfile.TemporaryDirectory(prefix="ita-scale-") as d:
        src, warm = Path(d) / "in", Path(d) / "warm"
        build(src, n, ["txt", "pdf", "docx"])
        build(warm, 4, ["txt"])
        secs, summary = cli(str(src), "-o", f"{d}/local", "-j", "2")
        local = n / secs * 60
        print(f"local pool -j 2: {n} files in {secs:.1f} s = {local:.0f} files/min  [{summary}]")
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit=0,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
            cli(str(warm), "-o", f"{d}/warm-out", "--scheduler", cluster.scheduler_address)  # fork servers warm
            secs, summary = cli(str(src), "-o", f"{d}/dask", "--scheduler", cluster.scheduler_address)
        rate = n / secs * 60
        print(f"Dask, 2 workers (running cluster): {n} files in {secs:.1f} s = {rate:.0f} files/min  [{summary}]")
        secs, summary = cli(str(src), "-o", f"{d}/dask-e2e", "--cluster", "dask", "-j", "2")
        e2e = n / secs * 60
        print(f"Dask, 2 workers (cluster started by the run): {n} files in {secs:.1f} s = {e2e:.0f} files/min")
        same = all((Path(d) / "local" / p.relative_to(Path(d) / "dask")).read_bytes() == p.read_bytes()
                   for p in (Path(d) / "dask").rglob("*.json"))
        print(f"batch overhead ratio (local rate / Dask rate): {local / rate:.2f} on a running cluster, "
              f"{local / e2e:.2f} with cluster start-up (goal <= 1.15); outputs identical: {same}")


# ---------------------------------------------------------------- 2. generated history

class Generator:
    """Rows of N reports made from the seed's per-year templates, segmented once."""

    def __init__(self, seed: dict, rng: random.Random) -> None:
        self.rng = rng
        self.names = authorities()
        self.templates = {}
        for y in YEARS:
            t = vary(seed, HOME, y, rng, 0)
            p = prepare(t)
            blob = zlib.compress(json.dumps(t, ensure_ascii=False).encode("utf-8"))
            self.templates[y] = (t, p.rows, blob)
        self.full_home, self.short_home = segment(HOME), segment(split_agency(HOME)[1])
        self._seg = _SEGMENTED

    def agency_words(self, agency: str) -> tuple[str, str]:
        if agency not in self._seg:
            self._seg[agency] = (segment(agency), segment(split_agency(agency)[1]))
        return self._seg[agency]

    def report(self, i: int) -> tuple[tuple, list[tuple], list[tuple], list[tuple]]:
        """(report row, measure rows, finding rows, passage rows (kind, measure, field, rule, words, tags))."""
        agency, year = self.rng.choice(self.names), self.rng.choice(YEARS)
        t, rows, blob = self.templates[year]
        full, short = self.agency_words(agency)
        findings = [f for f in t["findings"] if self.rng.random() > 0.3 or f["rule"] != "agency-mismatch"]
        tags = report_tags(agency, year, [f["rule"] for f in findings])
        kept = {(f.get("measure"), f.get("field"), f["rule"]) for f in findings}
        passages = [(k, n, f, r, w.replace(self.full_home, full).replace(self.short_home, short), tags)
                    for k, n, f, r, w, _ in rows if k != "finding" or (n, f, r) in kept]
        doc = t["document"]
        sha = hashlib.sha256(f"report {i}".encode()).hexdigest()
        rep = (sha, sha, f"report-{i:06}.json", agency, year, doc.get("date"), doc.get("reference"),
               doc.get("subject"), round(self.rng.uniform(60, 100), 2), doc.get("ita_result"),
               datetime.now(timezone.utc).isoformat(timespec="seconds"), blob)
        measures = [(j, m.get("number"), m.get("measure") or "", None, None) for j, m in enumerate(t["measures"])]
        finds = [(f["rule"], f.get("severity"), f.get("measure"), f.get("field"), f.get("page"), f.get("text"),
                  f.get("suggestion"), f.get("message")) for f in findings]
        return rep, measures, finds, passages


def load_sqlite(db: Path, gen: Generator, n: int) -> float:
    store = open_store(db)
    conn = store.conn
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for i in range(n):
        rep, measures, finds, passages = gen.report(i)
        rid = conn.execute("INSERT INTO reports (content_sha256, json_sha256, source_file, agency, fiscal_year,"
                           " date, reference, subject, ita_score, ita_result, indexed_at, json)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rep).lastrowid
        conn.executemany("INSERT INTO measures VALUES (?,?,?,?,?,?)", [(rid, *m) for m in measures])
        conn.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)", [(rid, *f) for f in finds])
        conn.executemany("INSERT INTO passages (report_id, kind, measure, field, rule, words, tags)"
                         " VALUES (?,?,?,?,?,?,?)", [(rid, *p) for p in passages])
        if (i + 1) % 20000 == 0:
            print(f"  sqlite: {i + 1} reports ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    conn.execute("COMMIT")
    store.optimize()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    store.close()
    return time.perf_counter() - t0


def load_postgres(url: str, gen: Generator, n: int) -> float:
    store = open_store(url)  # migrated: tables and indexes
    c = store.conn
    t0 = time.perf_counter()
    indexes = c.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'passages'"
                        " AND indexname <> 'passages_pkey'").fetchall()
    c.execute("DROP INDEX passages_report, passages_tsv, passages_text_trgm")
    pid = 0
    with c.transaction(), c.cursor() as cur:
        batches = _chunks(n, 5000)
        for lo, hi in batches:
            reps, meas, fins, pas = [], [], [], []
            for i in range(lo, hi):
                rep, measures, finds, passages = gen.report(i)
                rid = i + 1
                reps.append((rid, *rep))
                meas += [(rid, *m) for m in measures]
                fins += [(rid, *f) for f in finds]
                for p in passages:
                    pid += 1
                    pas.append((pid, rid, *p, display(p[4]), tsvector(p[4], p[5])))
            for sql, rows in (
                ("COPY reports (id, content_sha256, json_sha256, source_file, agency, fiscal_year, date,"
                 " reference, subject, ita_score, ita_result, indexed_at, json) FROM STDIN", reps),
                ("COPY measures (report_id, position, number, title, period_start, period_end) FROM STDIN", meas),
                ("COPY findings (report_id, rule, severity, measure, field, page, text, suggestion, message)"
                 " FROM STDIN", fins),
                ("COPY passages (id, report_id, kind, measure, field, rule, words, tags, text, tsv) FROM STDIN", pas)):
                with cur.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            if hi % 20000 == 0:
                print(f"  postgresql: {hi} reports ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    c.execute("SELECT setval('reports_id_seq', %s)", (n,))
    c.execute("SELECT setval('passages_id_seq', %s)", (pid,))
    c.execute("SET maintenance_work_mem = '1GB'")
    for (ddl,) in indexes:
        c.execute(ddl)
    c.execute("VACUUM ANALYZE")
    store.close()
    return time.perf_counter() - t0


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    return [(lo, min(n, lo + size)) for lo in range(0, n, size)]


def time_searches(db, rounds: int) -> tuple[float, float, list[tuple]]:
    store = open_store(db, create=False)
    some = store.search("", limit=1)["hits"][0]["agency"]
    queries = QUERIES + [("คุณธรรม", {"agency": some}), ("", {"rule": "agency-mismatch", "year": 2565})]
    store.search("อุ่นเครื่อง")
    for q, f in queries:  # one untimed pass: both engines start with the same warm caches
        store.search(q, limit=20, **f)
    times, rows = [], []
    for q, f in queries:
        ts = []
        for _ in range(rounds):
            t = time.perf_counter()
            res = store.search(q, limit=20, **f)
            ts.append((time.perf_counter() - t) * 1000)
        times += ts
        rows.append((q, f, res["mode"], res["count"], sorted(ts)[len(ts) // 2]))
    store.close()
    return percentile(times, 50), percentile(times, 95), rows


# ---------------------------------------------------------------- 3. concurrent writers

def _writer(url: str, reports: list[dict], done: mp.Queue) -> None:
    store = open_store(url)
    for r in reports:
        store.index_report(r)
    store.close()
    done.put(len(reports))


def bench_writers(url: str, seed: dict, per_writer: int) -> None:
    rng = random.Random(14)
    names = authorities()
    serial = 900000
    for writers in (1, 4):
        batches = []
        for _ in range(writers):
            batch = []
            for _ in range(per_writer):
                serial += 1
                batch.append(vary(seed, rng.choice(names), rng.choice(YEARS), rng, serial))
            batches.append(batch)
        ctx = mp.get_context("fork")
        q = ctx.Queue()
        procs = [ctx.Process(target=_writer, args=(url, b, q)) for b in batches]
        t0 = time.perf_counter()
        for p in procs:
            p.start()
        total = sum(q.get() for _ in procs)
        for p in procs:
            p.join()
        secs = time.perf_counter() - t0
        print(f"index on PostgreSQL, {writers} writer(s): {total} reports in {secs:.1f} s = "
              f"{total / secs:.1f} reports/s")


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--per-writer", type=int, default=60, help="reports each writer indexes")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-history", action="store_true")
    a = ap.parse_args()
    print(f"load average: {open('/proc/loadavg').read().split()[:3]} (2 cores shared with other jobs)")
    if not a.skip_batch:
        bench_batch(a.files)
    if a.skip_history:
        return 0
    from pgserver import create_database, throwaway_server
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="ita-scale-") as d, \
            throwaway_server("shared_buffers=512MB", "max_wal_size=4GB") as folder:
        url = create_database(folder, "bench")
        gen = Generator(seed, random.Random(2568))
        secs = load_sqlite(Path(d) / "h.sqlite", gen, a.reports)
        size = (Path(d) / "h.sqlite").stat().st_size / 1e9
        print(f"generated {a.reports} reports into SQLite in {secs:.0f} s ({size:.1f} GB)")
        gen = Generator(seed, random.Random(2568))  # the same reports again
        secs = load_postgres(url, gen, a.reports)
        print(f"generated {a.reports} reports into PostgreSQL in {secs:.0f} s")
        figures = {}
        for name, db in (("SQLite", Path(d) / "h.sqlite"), ("PostgreSQL", url)):
            p50, p95, rows = time_searches(db, a.rounds)
            figures[name] = (p50, p95, rows)
        for (q, f, mode, count, med), (_, _, mode2, count2, med2) in zip(figures["SQLite"][2],
                                                                         figures["PostgreSQL"][2]):
            flag = "" if (mode, count) == (mode2, count2) else "  (differs)"
            print(f"  sqlite {med:7.1f} ms  postgresql {med2:7.1f} ms  {mode:9} {count:3} hits  {q!r} {f or ''}{flag}")
        for name, (p50, p95, _) in figures.items():
            print(f"search at {a.reports} reports, {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (goal p95 < 50 ms)")
        bench_writers(url, seed, a.per_writer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
