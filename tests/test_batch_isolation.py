"""Worker isolation, in process through :func:`extractor.batch.run_batch` (one warm fork server for all).

A hang is killed at its time limit, a memory hog stops at its address-space
limit, a worker killed by a signal is a "crash" record, and in every case the
next file still gets done. Also the output naming of :mod:`extractor.batch_plan`.
"""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

from conftest import SAMPLES, validate
from extractor.batch.run import Limits, run_batch
from extractor.batch.plan import plan
from test_batch_resume import descendants
from test_hostile import check_record, long_pdf

TXT = SAMPLES / "namcho-2567" / "report.txt"


def worker_pids() -> list[int]:
    """Our live batch workers: descendants that lead their own process group."""
    found = []
    for p in descendants(os.getpid()):
        try:
            if os.getpgid(p) == p:
                found.append(p)
        except ProcessLookupError:
            pass
    return found


def errors_of(out: Path) -> list[dict]:
    return [json.loads(ln) for ln in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def test_timeout_kills_the_worker_and_the_batch_goes_on(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    long_pdf(src / "a-long.pdf", pages=400)
    (src / "b.txt").write_bytes(TXT.read_bytes())
    t0 = time.monotonic()
    results = run_batch(plan([src / "a-long.pdf"], out), out, workers=1,
                        limits=Limits(timeout=2.0, max_pages=1000))
    assert time.monotonic() - t0 < 60
    (o,) = results
    assert o.status == "failed" and o.kind == "timeout"
    (rec,) = errors_of(out)
    check_record(rec)
    assert rec["kind"] == "timeout" and "2 s" in rec["reason"]
    assert not worker_pids(), "the killed worker is still there"
    # the same folder again, the text report now too: the log forgets only the files re-run
    results = run_batch(plan([src / "b.txt"], out), out, workers=1)
    assert [o.status for o in results] == ["done"]
    assert [r["kind"] for r in errors_of(out)] == ["timeout"]
    validate(json.loads((out / "b.json").read_text(encoding="utf-8")))


def test_memory_limit_is_recorded_as_memory(tmp_path):
    """A 9000×9000 scan needs hundreds of MB to decode: with a 300 MB limit it fails cleanly."""
    from PIL import Image
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    Image.new("L", (9000, 9000), 255).save(src / "big-scan.png")
    (src / "b.txt").write_bytes(TXT.read_bytes())
    results = run_batch(plan([src], out), out, workers=1,  # 81 Mpx passes a raised pixel limit, not memory
                        limits=Limits(max_memory_mb=300, max_pixels=100_000_000))
    assert {o.job.path.name: (o.status, o.kind) for o in results} == {
        "big-scan.png": ("failed", "memory"), "b.txt": ("done", None)}
    (rec,) = errors_of(out)
    check_record(rec)
    assert "300 MB" in rec["reason"]


def test_a_worker_killed_by_a_signal_is_a_crash_record(tmp_path):
    """SIGSEGV sent to a real worker mid-file: recorded as a crash; the next file still gets done."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    long_pdf(src / "a-long.pdf", pages=400)
    (src / "b.txt").write_bytes(TXT.read_bytes())
    killed: list[int] = []

    def kill_first_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = worker_pids()
            if workers:
                time.sleep(0.5)
                os.kill(workers[0], signal.SIGSEGV)
                killed.append(workers[0])
                return
            time.sleep(0.1)

    killer = threading.Thread(target=kill_first_worker)
    killer.start()
    results = run_batch(plan([src], out), out, workers=1, limits=Limits(max_pages=1000))
    killer.join()
    assert killed
    assert {o.job.path.name: (o.status, o.kind) for o in results} == {
        "a-long.pdf": ("failed", "crash"), "b.txt": ("done", None)}
    (rec,) = errors_of(out)
    check_record(rec)
    assert "SIGSEGV" in rec["reason"] and len(rec["sha256"]) == 64


def test_changed_input_is_redone_and_force_redoes_all(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.pdf").write_bytes((SAMPLES / "namcho-2567" / "report.pdf").read_bytes())
    (src / "b.txt").write_bytes(TXT.read_bytes())
    (src / "empty.txt").write_bytes(b"")

    def statuses(**kw) -> dict[str, str]:
        return {o.job.path.name: o.status for o in run_batch(plan([src], out), out, workers=2, **kw)}

    assert statuses() == {"a.pdf": "done", "b.txt": "done", "empty.txt": "failed"}
    mtime = (out / "a.json").stat().st_mtime_ns
    assert statuses() == {"a.pdf": "skipped", "b.txt": "skipped", "empty.txt": "failed"}
    assert len(errors_of(out)) == 1  # re-tried, recorded once
    (src / "b.txt").write_bytes(TXT.read_bytes() + b"\n")  # new bytes, new sha256: redone
    (src / "empty.txt").unlink()
    assert statuses() == {"a.pdf": "skipped", "b.txt": "done"}
    assert (out / "a.json").stat().st_mtime_ns == mtime
    assert statuses(force=True) == {"a.pdf": "done", "b.txt": "done"}
    assert (out / "a.json").stat().st_mtime_ns > mtime
    # the earlier failure stays on record: the log keeps files a later run did not touch
    assert [Path(r["file"]).name for r in errors_of(out)] == ["empty.txt"]


def test_plan_names_never_collide(tmp_path):
    """Same stem in one folder, same layout under two folder arguments: every input its own output."""
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    for root in (a, b):
        (root / "x").mkdir(parents=True)
        for name in ("report.pdf", "report.docx", "report.txt", ".hidden.pdf", "notes.json"):
            (root / "x" / name).write_bytes(b"%PDF-1.4")
    (a / ".git").mkdir()
    (a / ".git" / "y.pdf").write_bytes(b"%PDF-1.4")
    one = plan([a], out)
    assert sorted(j.target.name for j in one) == ["report-pdf.json", "report-txt.json", "report.json"]
    jobs = plan([a, b, a / "x" / "report.pdf"], out)
    assert len(jobs) == 6  # hidden files and folders, .json and the repeated argument are left out
    assert len({j.target for j in jobs}) == 6
    assert all(j.target.parent == out / "x" for j in jobs)
    assert plan([a, b], out) == plan([a, b], out)  # same inputs, same names: resume finds them


def test_single_files_go_to_the_output_root_and_output_folder_is_not_read(tmp_path):
    (tmp_path / "out" / "sub").mkdir(parents=True)
    (tmp_path / "out" / "sub" / "old.txt").write_text("x")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "r.txt").write_text("x")
    assert [j.path.name for j in plan([tmp_path], tmp_path / "out")] == ["r.txt"]
    (job,) = plan([tmp_path / "deep" / "er" / "r.txt"], tmp_path / "out")
    assert job.target == tmp_path / "out" / "r.json"
