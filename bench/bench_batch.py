#!/usr/bin/env python3
"""Batch throughput: files per minute for ``ita extract DIR -j N`` on copies of the samples.

usage: bench/bench_batch.py [--files N] [--jobs 1,2] [--kind txt,pdf,docx]

Builds N copies of samples/*/report.{txt,pdf,docx} (born-digital only, no OCR)
in a temporary folder and runs the real CLI once per -j value, then once more
to time a resume where every file is skipped. Prints wall time, files per
minute and the fixed start-up cost (fork server warm-up) measured on one file.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def build(folder: Path, n: int, kinds: list[str]) -> int:
    sources = [p for k in kinds for p in sorted(SAMPLES.glob(f"*/report.{k}"))]
    if not sources:
        sys.exit(f"no samples of kinds {kinds}")
    for i in range(n):
        src = sources[i % len(sources)]
        dest = folder / f"batch-{i // 100:02d}" / f"r{i:05d}{src.suffix}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return n


def run(src: Path, out: Path, jobs: int) -> tuple[float, str]:
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "cli.py", "extract", str(src), "-o", str(out), "-j", str(jobs)],
                       cwd=ROOT, capture_output=True, text=True)
    summary = next((ln for ln in p.stderr.splitlines() if ln.startswith("สรุป")), p.stderr[-300:])
    return time.monotonic() - t0, summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--kind", default="txt,pdf")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ita-bench-") as d:
        src, one = Path(d) / "in", Path(d) / "one"
        n = build(src, a.files, a.kind.split(","))
        build(one, 1, a.kind.split(",")[:1])
        warm, _ = run(one, Path(d) / "out-one", 1)
        print(f"start-up + 1 file: {warm:.1f} s")
        for jobs in (int(j) for j in a.jobs.split(",")):
            out = Path(d) / f"out-j{jobs}"
            secs, summary = run(src, out, jobs)
            print(f"-j {jobs}: {n} files in {secs:.1f} s = {n / secs * 60:.0f} files/min  [{summary}]")
        secs, summary = run(src, out, 2)
        print(f"resume (all skipped): {secs:.1f} s  [{summary}]")


if __name__ == "__main__":
    main()
