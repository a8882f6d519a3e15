"""Load test of `ita serve`: 40 uploads (seed text, PDF, DOCX, one scan), 8 at a time.

Every upload must finish (its job "done") and none may be lost (no 5xx, no
job that vanishes); prints the time from upload to result, p50/p95 per kind and
overall, and the server's peak resident memory. Starts its own server unless
``--url`` names a running one (then memory is not measured).

    .venv/bin/python bench/bench_web_load.py                 # 40 uploads, 8 at a time
    .venv/bin/python bench/bench_web_load.py --url http://127.0.0.1:8000 -n 80 -c 16
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from live_server import MemoryWatch, serve, upload, wait_job  # noqa: E402

SEED = ROOT / "samples" / "hinlekfai-2568"
FILES = {"text": SEED / "report.txt", "pdf": SEED / "report.pdf", "docx": SEED / "report.docx"}
SCAN = SEED / "scan.pdf"


def plan(n: int) -> list[tuple[str, Path]]:
    """One scan first (the slow one), then text, PDF and DOCX in turn."""
    kinds = list(FILES)
    return [("scan", SCAN)] + [(kinds[i % len(kinds)], FILES[kinds[i % len(kinds)]]) for i in range(n - 1)]


def one(base: str, kind: str, path: Path, timeout: float) -> tuple[str, str, float, str]:
    t0 = time.monotonic()
    status, body = upload(base, path)
    if status != 202:
        return kind, f"http {status}", time.monotonic() - t0, str(body.get("error"))
    job = wait_job(base, body["status_url"], timeout)
    return kind, job.get("state", "lost"), time.monotonic() - t0, str(job.get("error") or "")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running server (default: start one)")
    ap.add_argument("-n", type=int, default=40, help="uploads (default 40)")
    ap.add_argument("-c", type=int, default=8, help="at a time (default 8)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds to wait for one result, and the started server's --timeout (default 600)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ita-bench-web-") as tmp:
        server = nullcontext((args.url, None)) if args.url else serve(Path(tmp), "--queue", str(args.n),
                                                                         "--timeout", f"{args.timeout:g}")
        with server as (base, proc):
            watch = MemoryWatch(proc.pid) if proc else nullcontext()
            t0 = time.monotonic()
            with watch, ThreadPoolExecutor(args.c) as pool:
                results = list(pool.map(lambda kp: one(base, *kp, args.timeout), plan(args.n)))
            wall = time.monotonic() - t0
    done = [r for r in results if r[1] == "done"]
    for kind in ["scan", *FILES]:
        times = [s for k, st, s, _ in results if k == kind and st == "done"]
        if times:
            print(f"  {kind:<5} {len(times):>3} done   p50 {pct(times, .5):6.2f} s   p95 {pct(times, .95):6.2f} s")
    times = [s for _, _, s, _ in done]
    print(f"web load: {len(done)}/{len(results)} done, {len(results) - len(done)} lost or failed, "
          f"{args.c} at a time, {wall:.1f} s wall; time to result p50 {pct(times, .5):.2f} s, "
          f"p95 {pct(times, .95):.2f} s")
    if proc:
        print(f"server RSS peak {watch.peak:.0f} MB; with its workers {watch.peak_tree:.0f} MB")
    for kind, state, s, err in results:
        if state != "done":
            print(f"  FAILED {kind}: {state} after {s:.1f} s: {err}")
    return 0 if len(done) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
