#!/usr/bin/env python3
"""Scanned pages, one core: the `tesseract` command vs Tesseract in-process vs `ita extract`.

usage: .venv/bin/python bench/bench_ocr.py [PDF ...] [--pages N]

In one run, on the same pages, every process limited to one core
(``OMP_THREAD_LIMIT=1``, ``ita extract -j 1``):

1. ``tesseract page.png - -l tha+eng``, page by page (the page rendered at 300 dpi
   in greyscale with pypdfium2, as the PDF reader does, before the clock starts);
2. Tesseract in-process (tesserocr), the model loaded once before the clock: plain
   page text, nothing else;
3. ``ita extract`` on the whole document, cold: a new process, everything
   included (start-up, rasterizing, preprocessing, grid, re-reads, repairs, rules).

Prints s/page for each and the ratios, and the peak resident memory of each
process (``wait4`` ru_maxrss: the process and everything it waited for).
Several PDFs are concatenated first (qpdf) into one long document.
PDF defaults to the seed office scan (samples/hinlekfai-2568/scan.pdf, 14 pages).
Timings move with the machine's load: compare the ratios of one run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "samples" / "hinlekfai-2568" / "scan.pdf"
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}

IN_PROCESS = r"""
import sys, time, tesserocr
from PIL import Image
from extractor.read.ocr.engine import tessdata_dir
api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="tha+eng")
t, c = time.perf_counter(), time.process_time()
for f in sys.argv[1:]:
    api.SetImage(Image.open(f))
    api.GetUTF8Text()
print(time.perf_counter() - t, time.process_time() - c)
"""


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _hwm(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), kB."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(l.split()[1]) for l in f if l.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def _cpu(pid: int) -> float:
    """User + system seconds the process has used so far (/proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def run(cmd: list[str], **kw) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system, the process and its waited-for children),
    the peak RSS in MB of the largest process of its tree, stdout.

    CPU time is the figure to compare on a shared machine: wall time moves with
    whatever else runs. Every process of the tree (the batch runner's workers
    included) is sampled for its VmHWM every 50 ms.
    """
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV, text=True, **kw)
    peak, chunks, cpu = 0, [], {}
    reader = threading.Thread(target=lambda: chunks.append(p.stdout.read() if p.stdout else ""))
    reader.start()
    while True:
        tree = _tree(p.pid)
        peak = max([peak] + [_hwm(q) for q in tree])
        for q in tree:  # every process as last seen alive (a batch worker is never waited for here)
            cpu[q] = max(cpu.get(q, 0.0), _cpu(q))
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.05)
    wall = time.perf_counter() - t
    reader.join()
    code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    own = usage.ru_utime + usage.ru_stime  # exact, with the children it waited for
    return wall, max(own, sum(cpu.values())), peak // 1024, "".join(chunks)


def concat(pdfs: list[Path], tmp: Path) -> Path:
    if len(pdfs) == 1:
        return pdfs[0]
    out = tmp / "all.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", *map(str, pdfs), "--", str(out)], check=True)
    return out


def render(pdf: Path, pages: int | None, tmp: Path) -> list[Path]:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    files = []
    for i in range(min(pages or len(doc), len(doc))):
        f = tmp / f"p{i + 1:03d}.png"
        doc[i].render(scale=300 / 72, grayscale=True).to_pil().save(f)
        files.append(f)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages (default: all)")
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="ita-bench-") as t:
        tmp = Path(t)
        pdf = concat(args.pdf, tmp)
        if args.pages:
            cut = tmp / "cut.pdf"
            subprocess.run(["qpdf", str(pdf), "--pages", str(pdf), f"1-{args.pages}", "--", str(cut)], check=True)
            pdf = cut
        files = render(pdf, None, tmp)
        n = len(files)
        load = os.getloadavg()[0]

        cli_s = cli_c = 0.0
        cli_rss = 0
        for f in files:
            s, c, rss, _ = run(["tesseract", str(f), "-", "-l", "tha+eng"])
            cli_s, cli_c, cli_rss = cli_s + s, cli_c + c, max(cli_rss, rss)
        _, _, api_rss, out = run([py, "-c", IN_PROCESS, *map(str, files)], cwd=ROOT)
        api_s, api_c = map(float, out.strip().splitlines()[-1].split())
        ita = shutil.which("ita", path=str(Path(py).parent)) or "ita"
        ita_s, ita_c, ita_rss, _ = run([ita, "extract", str(pdf), "-j", "1", "--force", "-o", str(tmp / "out")])

    print(f"{', '.join(p.name if p.parent == ROOT else str(p) for p in args.pdf)}: {n} pages, 300 dpi, "
          f"one core, load average {load:.1f} at start")
    print("                                    CPU s/page  wall s/page  peak RSS")
    print(f"  tesseract command, page by page : {cli_c / n:9.2f} {cli_s / n:12.2f} {cli_rss:6d} MB")
    print(f"  tesseract in-process (tesserocr): {api_c / n:9.2f} {api_s / n:12.2f} {api_rss:6d} MB")
    print(f"  ita extract, cold, whole doc    : {ita_c / n:9.2f} {ita_s / n:12.2f} {ita_rss:6d} MB")
    print(f"  ratio ita / tesseract command   : {ita_c / cli_c:9.2f} {ita_s / cli_s:12.2f}")
    print(f"  ratio ita / in-process          : {ita_c / api_c:9.2f} {ita_s / api_s:12.2f}")


if __name__ == "__main__":
    main()
