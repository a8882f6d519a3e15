#!/usr/bin/env python3
"""Rules time per report (target: < 50 ms for a 10-measure report, after warm-up).

usage: bench/bench_rules.py [REPORT.json …] [--repeat N]

Without arguments it times the seed (expected JSON minus findings, memo = the
seed's lines before the table) and a 10-measure report made of the seed's
measures twice (renumbered). With JSON files (``ita extract`` output) it times
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
    for name, rep, memo in cases:
        wall, cpu = [], []
        for _ in range(repeat):
            thaitext.tokens.cache_clear()  # every report is new text: no tokenizer cache carried over
            t, c = time.perf_counter(), time.process_time()
            findings = check(rep, memo)
            wall.append(1000 * (time.perf_counter() - t))
            cpu.append(1000 * (time.process_time() - c))
        print(f"{name:<24} {len(rep.get('measures') or []):>3} measures {len(findings):>3} findings  "
              f"wall median {statistics.median(wall):6.1f} ms  cpu median {statistics.median(cpu):6.1f} ms "
              f"(min {min(cpu):.1f})")
    print("cpu time is what the rules cost; wall time grows with whatever else the machine runs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
