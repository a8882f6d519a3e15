"""Benchmark the history store: index N generated reports, then time a set of searches.

Reports are the seed's expected JSON made into other agencies (the DLA list of
local authorities), fiscal years 2563–2569 and shuffled, renumbered measures.
Prints index throughput (reports/s) and search latency p50/p95 (target p95 < 50 ms).

    .venv/bin/python bench/bench_history.py            # 10,000 reports
    .venv/bin/python bench/bench_history.py -n 2000 --keep /tmp/h.sqlite
    .venv/bin/python bench/bench_history.py --keep /tmp/h.sqlite --search-only   # re-time searches
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.history.store import connect, counts, index_report, optimize  # noqa: E402
from extractor.history.search import agency_history, search  # noqa: E402
from extractor.resources import GAZETTEER  # noqa: E402  (the DLA list inside the package)

SEED = Path(__file__).resolve().parents[1] / "samples" / "hinlekfai-2568" / "expected.json"  # the seed's expected JSON
HOME = "องค์การบริหารส่วนตำบลหินเหล็กไฟ"
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

QUERIES: list[tuple[str, dict]] = [
    ("คุณธรรม", {}),                       # in every report, many passages each
    ("ความโปร่งใส", {}),
    ("หนองตาแต้ม", {}),                    # a place name newmm cuts in three
    ("เชิดชูเกียรติ", {}),
    ("การเปิดเผยข้อมูล", {}),
    ("จัดซื้อจัดจ้าง", {"year": 2567}),
    ("ช่องทางการร้องเรียน", {"rule": "agency-mismatch"}),
    ("ผู้มีคุณธรรมและจริยธรรม", {}),
    ("QR Code", {}),
    ("OR Code", {"rule": "known-typo"}),
    ("Facebook", {}),
    ("ITA", {"year": 2569}),
    ("website", {}),
    ("2568", {}),                          # Arabic digits also find Thai ones
    ("ไซต์หลัก", {}),                      # not a newmm word boundary: trigram fallback
    ("ไม่มีข้อความนี้ในรายงาน", {}),        # no hit at all (both indexes tried)
]


def authorities() -> list[str]:
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    types = data["types"]
    return [types[a["type"]] + a["name"] if a["type"] != "special_admin_area" else types[a["type"]]
            for a in data["local_authorities"]]


def _replace(obj, pairs: list[tuple[str, str]]):
    if isinstance(obj, str):
        for old, new in pairs:
            obj = obj.replace(old, new)
        return obj
    if isinstance(obj, list):
        return [_replace(v, pairs) for v in obj]
    if isinstance(obj, dict):
        return {k: _replace(v, pairs) for k, v in obj.items()}
    return obj


def vary(seed: dict, agency: str, year: int, rng: random.Random, serial: int) -> dict:
    """The seed as ``agency`` reporting on fiscal ``year``, its measures shuffled and renumbered."""
    shift = year - 2568
    pairs = [(HOME, agency), ("หินเหล็กไฟ", agency.replace("องค์การบริหารส่วนตำบล", ""))]
    pairs += [(str(y).translate(THAI), str(y + shift).translate(THAI)) for y in (2569, 2568, 2567)] if shift else []
    d = _replace(seed, pairs)
    order = list(range(len(d["measures"])))
    rng.shuffle(order)
    renumber = {d["measures"][old]["number"]: new + 1 for new, old in enumerate(order)}
    d["measures"] = [dict(d["measures"][old], number=new + 1) for new, old in enumerate(order)]
    for f in d["findings"]:
        if f.get("measure") is not None:
            f["measure"] = renumber.get(f["measure"], f["measure"])
    if rng.random() < 0.3:  # not every report copied another agency's template
        d["findings"] = [f for f in d["findings"] if f["rule"] != "agency-mismatch"]
    d["document"]["fiscal_year"] = year
    d["document"]["ita_score"] = round(rng.uniform(60, 100), 2)
    d["source"]["file"] = f"report-{serial:05}.json"
    return d


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="reports to generate (default 10000)")
    ap.add_argument("--rounds", type=int, default=5, help="times each query is run")
    ap.add_argument("--keep", type=Path, help="write the store here instead of a temp file")
    ap.add_argument("--search-only", action="store_true", help="only time the searches on the --keep store")
    args = ap.parse_args()
    if args.search_only and not (args.keep and args.keep.is_file()):
        ap.error("--search-only needs an existing --keep store")

    seed = json.loads(SEED.read_text(encoding="utf-8"))
    rng = random.Random(2568)
    names = authorities()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "history.sqlite"
        conn = connect(db)
        if not args.search_only:
            index_all(conn, db, seed, names, rng, args.n)
        time_searches(conn, args.rounds)
        conn.close()
    return 0


def index_all(conn, db: Path, seed: dict, names: list[str], rng: random.Random, n: int) -> None:
    """Generate and index ``n`` reports, then merge the FTS indexes; print the figures."""
    reports = [vary(seed, rng.choice(names), rng.randint(2563, 2569), rng, i) for i in range(n)]
    t0 = time.perf_counter()
    for i, r in enumerate(reports):
        index_report(conn, r)
        if (i + 1) % 1000 == 0:
            print(f"  indexed {i + 1} ({(i + 1) / (time.perf_counter() - t0):.0f}/s)", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    optimize(conn)  # what `ita index` does after a large batch
    merge_s = time.perf_counter() - t1
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = Path(db).stat().st_size / 1e6
    c = counts(conn)
    print(f"index: {n} reports in {elapsed:.1f} s = {n / elapsed:.0f} reports/s; "
          f"{c['passages']} passages, store {size_mb:.0f} MB; FTS optimize {merge_s:.1f} s")


def time_searches(conn, rounds: int) -> None:
    """Run every query ``rounds`` times; print per-query medians and overall p50/p95."""
    some_agency = conn.execute("SELECT agency FROM reports ORDER BY id LIMIT 1").fetchone()[0]
    queries = QUERIES + [("คุณธรรม", {"agency": some_agency}), ("", {"rule": "agency-mismatch", "year": 2565})]
    search(conn, "อุ่นเครื่อง")  # load newmm's dictionary once, outside the timing
    times: list[float] = []
    rows = []
    for q, filters in queries:
        ts = []
        for _ in range(rounds):
            t = time.perf_counter()
            res = search(conn, q, limit=20, **filters)
            ts.append((time.perf_counter() - t) * 1000)
        times += ts
        rows.append((q, filters, res["mode"], res["count"], statistics.median(ts)))
    t = time.perf_counter()
    hist = agency_history(conn, some_agency)
    hist_ms = (time.perf_counter() - t) * 1000
    for q, filters, mode, count, med in rows:
        print(f"  {med:7.1f} ms  {mode:9} {count:3} hits  {q!r} {filters or ''}")
    print(f"search: {len(times)} runs of {len(queries)} queries: p50 {percentile(times, 50):.1f} ms, "
          f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms")
    print(f"history: {some_agency}: {len(hist['reports'])} reports in {hist_ms:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
