#!/usr/bin/env bash
# Print every benchmark figure of the README (a few minutes on 2 cores).
# Speed goals live here, not in the tests: PDF pages/s, OCR s/page, rules ms/report,
# history index rate and search p50/p95, batch files/min.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export OMP_THREAD_LIMIT=1
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) (figures slow down when other jobs share the cores)"
echo "== PDF end to end (issue 3; target >= 30 pages/s on one core)"; $PY bench/bench_pdf.py
echo "== OCR of scanned pages at 300 dpi (issue 4; target <= 2 s/page on one core)"; $PY bench/bench_ocr.py --pages 6
echo "== rules per report (issue 5; target < 50 ms for 10 measures)"; $PY bench/bench_rules.py
echo "== history index and search (issue 6; target p95 < 50 ms)"; $PY bench/bench_history.py -n "${ITA_BENCH_REPORTS:-2000}"
echo "== batch throughput (issue 7)"; $PY bench/bench_batch.py --files 30
echo "== web page under load (issue 13; 40 uploads, 8 at a time)"; $PY bench/bench_web_load.py
echo "== cold start: ita check / ita extract vs pdfplumber extract_tables, one 13-page PDF (issue 12)"; $PY bench/bench_startup.py
echo "== national scale: Dask vs local batch, search at 100k reports on SQLite and PostgreSQL, concurrent writers (issue 14)"; $PY bench/bench_scale.py --reports "${ITA_BENCH_SCALE_REPORTS:-100000}"
