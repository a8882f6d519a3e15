"""The batch on a real Dask cluster: a scheduler and two worker processes, one killed mid-file.

Inputs: text, PDF and DOCX samples, the first two pages of a sample scan (OCR) and
two hostile files. The expected outputs come from the local batch (`ita extract
-j 2`) on the same folder. On the cluster, the worker reading the scan is
SIGKILLed while it reads it; its task must be redone elsewhere, every good
output written once and byte-identical to the local run, the hostile files in
errors.jsonl as the local run records them, no temp file left; a second run
through the CLI with ``--scheduler`` skips everything (resume by content hash).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from conftest import ROOT, SAMPLES  # noqa: E402
from test_hostile import bomb_png  # noqa: E402

from extractor.batch.dask import run_dask_batch, task_key  # noqa: E402
from extractor.batch.plan import ERRORS_FILE, plan  # noqa: E402
from extractor.history.base import open_store  # noqa: E402

SCAN = SAMPLES / "samchuk-hospital-2567" / "scan.pdf"
GOOD = {"a-report.txt": SAMPLES / "hinlekfai-2568" / "report.txt",
        "b-report.pdf": SAMPLES / "namcho-2567" / "report.pdf",
        "c-report.docx": SAMPLES / "sila-2569" / "report.docx"}


def build(folder: Path) -> None:
    import pypdfium2 as pdfium
    folder.mkdir(parents=True)
    for name, src in GOOD.items():
        shutil.copyfile(src, folder / name)
    src, out = pdfium.PdfDocument(str(SCAN)), pdfium.PdfDocument.new()
    out.import_pages(src, [0, 1])
    out.save(str(folder / "d-scan.pdf"))
    out.close()
    src.close()
    (folder / "x-random.pdf").write_bytes(os.urandom(4000))
    (folder / "y-bomb.png").write_bytes(bomb_png())


def errors(out: Path) -> dict[str, tuple]:
    recs = [json.loads(ln) for ln in (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    return {Path(r["file"]).name: (r["kind"], r["reason"], r["sha256"]) for r in recs}


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.rglob("*.json"))}


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster
    import logging
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit=0,
                      dashboard_address=":0", silence_logs=logging.ERROR) as c:
        yield c


def test_killed_worker_loses_nothing_and_outputs_match_local(tmp_path: Path, cluster) -> None:
    src = tmp_path / "in"
    build(src)
    local = subprocess.run([sys.executable, "cli.py", "extract", str(src), "-o", str(tmp_path / "local"),
                            "-j", "2"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert local.returncode == 2, local.stderr[-2000:]  # the hostile files failed
    want = outputs(tmp_path / "local")
    assert set(want) == {"a-report.json", "b-report.json", "c-report.json", "d-scan.json"}

    out = tmp_path / "dask"
    jobs = plan([src], out)
    scan_key: list[str] = []
    killed: dict[str, int] = {}

    def kill_the_scan_reader(client) -> None:
        """Wait until a worker is reading the scan, let it get into OCR, SIGKILL that worker process."""
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and not killed:
            for addr, keys in client.processing().items():
                if any(str(k) in scan_key for k in keys):
                    pid = client.run(os.getpid, workers=[addr])[addr]
                    time.sleep(1)
                    if any(str(k) in scan_key for k in client.processing().get(addr, ())):
                        os.kill(pid, signal.SIGKILL)
                        killed[addr] = pid
                    break
            time.sleep(0.2)

    def on_client(client) -> None:
        scan_key.append(task_key(next(j for j in jobs if j.path.name == "d-scan.pdf")))
        threading.Thread(target=kill_the_scan_reader, args=(client,), daemon=True).start()

    history = tmp_path / "history.sqlite"  # the workers index as they extract (--index-db)
    outcomes = run_dask_batch(jobs, out, scheduler=cluster.scheduler_address, on_client=on_client,
                              index_db=str(history))
    assert killed, "no worker was killed while reading the scan"
    by_name = {o.job.path.name: o for o in outcomes}
    assert len(outcomes) == len(jobs) == len(by_name) == 6  # one outcome per file
    assert all(by_name[n].status == "done" for n in (*GOOD, "d-scan.pdf")), \
        {n: (o.status, o.reason) for n, o in by_name.items()}
    assert {n: by_name[n].status for n in ("x-random.pdf", "y-bomb.png")} == {
        "x-random.pdf": "failed", "y-bomb.png": "failed"}
    assert outputs(out) == want  # byte-identical to the local run, each exactly once
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert errors(out) == errors(tmp_path / "local")
    assert set(errors(out)) == {"x-random.pdf", "y-bomb.png"}
    store = open_store(history, create=False)
    assert store.counts()["reports"] == 4  # the killed worker's file too, once
    assert {h["source_file"] for h in store.search("", limit=10)["hits"]} == {
        json.loads(b)["source"]["file"] for b in want.values()}
    store.close()

    # a second run via the CLI on the same cluster: everything already done, nothing rewritten
    inodes = {p.name: p.stat().st_ino for p in out.rglob("*.json")}
    again = subprocess.run([sys.executable, "cli.py", "extract", str(src), "-o", str(out),
                            "--scheduler", cluster.scheduler_address], cwd=ROOT, capture_output=True,
                           text=True, timeout=900)
    assert again.returncode == 2
    assert "done 0, skipped 4, failed 2" in again.stderr, again.stderr[-1000:]
    assert {p.name: p.stat().st_ino for p in out.rglob("*.json")} == inodes
    assert outputs(out) == want


def test_unreachable_scheduler_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(GOOD["a-report.txt"], tmp_path / "in" / "a.txt")
    p = subprocess.run([sys.executable, "cli.py", "extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                        "--scheduler", "tcp://127.0.0.1:9"], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 2
    assert "Dask scheduler" in p.stderr and "Traceback" not in p.stderr
