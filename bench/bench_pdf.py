"""Pages per second of the whole path (read → table → document → rules) on a text PDF.

usage: .venv/bin/python bench/bench_pdf.py [PDF] [--copies N] [--runs N] [--profile]

Without PDF it builds one from the seed report: its 14 pages N times over
(default 2 → 28 pages), so the measure table really runs across 20+ pages.
The first extract in a process loads the Thai dictionary once; it is timed
apart ("cold") from the steady rate ("warm"), which is what a batch sees.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "samples/hinlekfai-2568/report.pdf"  # the seed report, copied in samples/


def build(copies: int, out: Path) -> Path:
    """The seed's pages ``copies`` times over, as one PDF (pypdfium2 import_pages)."""
    import pypdfium2 as pdfium
    src = pdfium.PdfDocument(str(SEED))
    dst = pdfium.PdfDocument.new()
    for _ in range(copies):
        dst.import_pages(src)
    dst.save(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", type=Path)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print the top functions of one warm run")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    from extractor.pipeline import extract
    from extractor.read.pdf.reader import read_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf or build(args.copies, Path(tmp) / "bench.pdf")
        t = time.perf_counter()
        report = extract(pdf)
        cold = time.perf_counter() - t
        pages = report.source.pages or 0
        warm, read_only, cpu = [], [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            extract(pdf)
            warm.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            t = time.perf_counter()
            read_pdf(pdf)
            read_only.append(time.perf_counter() - t)
        best, best_read, best_cpu = min(warm), min(read_only), min(cpu)
        print(f"{pdf.name}: {pages} pages, {len(report.measures)} measures")
        print(f"  cold extract  {cold:6.2f} s  {pages / cold:6.1f} pages/s  (loads the dictionary once)")
        print(f"  warm extract  {best:6.2f} s  {pages / best:6.1f} pages/s  (best of {args.runs})")
        print(f"  warm CPU time {best_cpu:6.2f} s  {pages / best_cpu:6.1f} pages/s  (one core's own work: "
              "what an idle core gives, whatever else the machine runs)")
        print(f"  read_pdf only {best_read:6.2f} s  {pages / best_read:6.1f} pages/s")
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(extract, pdf)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
