#!/usr/bin/env python3
"""Rules time per report (target: < 50 ms for a 10-measure report, after warm-up).

usage: bench/bench_rules.py [REPORT.json …] [--repeat N]

Without arguments it times the seed (expected JSON minus findings, memo = the
seed's lines before the table) and a 10-measure report made of the seed's
measures twice (renumbered); each also "with context": last year's report
looked up in a real SQLite history store (``previous_report``, the look-up
timed inside the loop) and the report's plan, so every rule of issue 16 runs. With JSON files (``ita extract`` output) it times
those, using their memo-free form. Prints the one-off start-up cost (loading
the dictionary, gazetteer and tokenizer) apart from the per-report time, as
wall-clock and CPU time (the latter is stable on a shared, busy machine).
"""
from __future__ import annotations

import copy
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "samples" / "hinlekfai-2568"  # the seed report and its expected JSON, copied in samples/


def seed_case() -> tuple[str, dict, list]:
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    rep = {k: v for k, v in expected.items() if k != "findings"}
    memo = []
    for line in (SEED / "report.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            break
        if line.strip():
            memo.append((line.strip(), None))
    return "seed (5 measures)", rep, memo


def ten_measures(rep: dict, memo: list) -> tuple[str, dict, list]:
    big = copy.deepcopy(rep)
    extra = copy.deepcopy(rep["measures"])
    for i, m in enumerate(extra):
        m["number"] = len(rep["measures"]) + i + 1
        m["summary"] = [s + f" (ครั้งที่ {i + 2})" for s in m["summary"]]
    big["measures"] = rep["measures"] + extra
    return "seed x2 (10 measures)", big, memo


def history_store(rep: dict):
    """A real SQLite history holding last year's version of the seed (some results copied)
    and 200 other agencies' reports, in a temporary file."""
    import tempfile
    from extractor.history.store import connect, index_report
    conn = connect(Path(tempfile.mkdtemp(prefix="bench-rules-")) / "history.sqlite")
    last = copy.deepcopy(rep)
    last["document"]["fiscal_year"] -= 1
    last["source"]["file"], last["source"]["sha256"] = "last-year.pdf", None
    for i, m in enumerate(last["measures"]):
        if i % 2:
            m["summary"] = [s + " (ปีก่อน)" for s in m["summary"]]
    index_report(conn, last)
    for k in range(200):
        other = copy.deepcopy(last)
        other["document"]["agency"] = f"องค์การบริหารส่วนตำบลทดสอบ{k}"
        other["source"]["file"] = f"other-{k}.pdf"
        index_report(conn, other)
    return conn


def plan_of(rep: dict) -> dict:
    """The report's plan: its measures without results, the last one dropped."""
    plan = copy.deepcopy(rep)
    plan["document"]["kind"] = "plan"
    plan["measures"] = [dict(m, summary=[], outcomes=[]) for m in plan["measures"][:-1]]
    return plan


def per_rule(case: tuple, repeat: int) -> None:
    """CPU time of each rule (and of the history look-up) on one report with its context."""
    from extractor.history.search import previous_report
    from extractor.rules import RULES, thaitext
    from extractor.rules.config import load
    from extractor.rules.engine import Context
    name, rep, memo, conn = case
    plan = plan_of(rep)
    cost: dict[str, list[float]] = {"(history look-up)": []} | {k: [] for k in RULES}
    for _ in range(repeat):
        thaitext.tokens.cache_clear()
        c = time.process_time()
        prev = previous_report(conn, rep["document"]["agency"], rep["document"]["fiscal_year"])
        cost["(history look-up)"].append(1000 * (time.process_time() - c))
        ctx = Context(report=rep, memo=memo, config=load(), previous=prev, plan=plan)
        for k, r in RULES.items():
            c = time.process_time()
            list(r.run(ctx))
            cost[k].append(1000 * (time.process_time() - c))
    print(f"per rule, {name} (cpu median ms):")
    for k, v in cost.items():
        print(f"  {k:<28} {statistics.median(v):6.2f}")


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 20
    files = [a for a in argv if a.endswith(".json")]
    t0 = time.perf_counter()
    from extractor.rules import check
    from extractor.rules import thaitext
    name, rep, memo = seed_case()
    check(rep, memo)
    print(f"start-up (imports, dictionary, gazetteer, first run): {1000 * (time.perf_counter() - t0):.0f} ms")
    cases = [(name, rep, memo), ten_measures(rep, memo)]
    for f in files:
        doc = json.loads(Path(f).read_text(encoding="utf-8"))
        cases.append((Path(f).name, {k: v for k, v in doc.items() if k != "findings"}, []))
    conn = history_store(rep)
    from extractor.history.search import previous_report
    cases += [(f"{n} + context", r, m, conn) for n, r, m in cases[:2]]
    for name, rep, memo, *store in cases:
        wall, cpu = [], []
        plan = plan_of(rep) if store else None
        for _ in range(repeat):
            thaitext.tokens.cache_clear()  # every report is new text: no tokenizer cache carried over
            t, c = time.perf_counter(), time.process_time()
            doc = rep["document"]
            previous = previous_report(store[0], doc["agency"], doc["fiscal_year"]) if store else None
            findings = check(rep, memo, previous=previous, plan=plan)
            wall.append(1000 * (time.perf_counter() - t))
            cpu.append(1000 * (time.process_time() - c))
        print(f"{name:<34} {len(rep.get('measures') or []):>3} measures {len(findings):>3} findings  "
              f"wall median {statistics.median(wall):6.1f} ms  cpu median {statistics.median(cpu):6.1f} ms "
              f"(min {min(cpu):.1f})")
    print("cpu time is what the rules cost; wall time grows with whatever else the machine runs")
    per_rule(cases[-1], repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
