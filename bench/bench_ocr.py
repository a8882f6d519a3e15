#!/usr/bin/env python3
"""Seconds per scanned page at 300 dpi: one core, then pages spread over the cores.

usage: .venv/bin/python bench/bench_ocr.py [PDF] [--pages N]

PDF defaults to the seed's office scan (samples/hinlekfai-2568/scan.pdf).
Pages are rendered at 300 dpi with pypdfium2 (as the PDF reader does) before the
clock starts; the clock covers preprocessing, Tesseract and the repairs. Target
(issue 4): ≤ 2 s/page on one core. Note the machine's load average: Tesseract's
time doubles when other jobs share the cores.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT / "samples" / "hinlekfai-2568" / "scan.pdf"  # the seed office scan, copied in samples/


def render(pdf: Path, pages: int) -> list:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    n = min(pages, len(doc))
    return [doc[i].render(scale=300 / 72).to_pil() for i in range(n)]


def run(images: list, workers: int) -> float:
    from extractor.read.image import ocr_pages
    t = time.perf_counter()
    ocr_pages(images, list(range(1, len(images) + 1)), workers=workers)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--pages", type=int, default=6)
    args = ap.parse_args()
    images = render(args.pdf, args.pages)
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    run(images[:1], 1)  # warm up: templates, dictionary, lexicon load once per process
    one = run(images, 1)
    run(images[:cores], cores)  # warm the pool of `cores` workers (each loads its models once)
    many = run(images, cores)
    print(f"{args.pdf.name}: {len(images)} pages at 300 dpi, load average {load:.1f}")
    print(f"  one core : {one / len(images):.2f} s/page")
    print(f"  {cores} workers: {many / len(images):.2f} s/page (wall clock)")


if __name__ == "__main__":
    main()
