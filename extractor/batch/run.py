"""Run many inputs: one worker process per file, N at a time, each with a time and memory limit.

Why a process per file, managed here rather than a pool: a hostile file can hang
a reader in C code (no Python timeout reaches it), exhaust memory, or segfault.
Each file gets its own process (:mod:`extractor.batch_worker`); an overdue one is
killed with its process group, a dead one is recorded, and the batch goes on.
Workers are forked from a ``forkserver`` that imported and warmed the pipeline
once (:mod:`extractor.batch_warm`), so a fresh process per file costs
milliseconds, not the ~5 s of a cold start.

Resume: an input whose output already holds the same ``source.sha256`` and tool
version is skipped (``force`` redoes it). Only this process writes outputs, each
with :func:`extractor.output.write_atomic`, so a killed batch leaves finished
files complete and no partial ones. Failures go to ``OUT/errors.jsonl``
(:mod:`extractor.batch_errors`).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable

from .. import __version__
from .errors import ErrorLog
from .plan import ERRORS_FILE, Job, previous_result
from .worker import Limits, failure, work
from ..output import write_atomic
from ..pipeline import sha256_of

__all__ = ["Job", "Limits", "Outcome", "run_batch", "default_workers"]


@dataclass
class Outcome:
    job: Job
    status: str                    # "done" | "skipped" | "failed"
    kind: str | None = None        # failed: "unusable" | "crash" | "timeout" | "memory"
    reason: str | None = None
    measures: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # by severity
    seconds: float = 0.0


@dataclass
class _Running:
    job: Job
    proc: Any
    conn: Any
    started: float
    deadline: float


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _context() -> Any:
    """A forkserver whose server process has the pipeline imported and warm."""
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:  # no forkserver on this platform
        return mp.get_context("spawn")
    ctx.set_forkserver_preload(["extractor.batch.warm"])
    return ctx


def run_batch(jobs: list[Job], out_dir: Path, *, workers: int = 0, force: bool = False,
              rules_files: list[Path] | tuple = (), limits: Limits = Limits(),
              on_start: Callable[[Job], None] | None = None,
              on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract every job; call ``on_start``/``on_outcome`` for progress; return outcomes in finish order."""
    workers = max(1, workers or default_workers())
    limits = replace(limits, ocr_workers=max(1, default_workers() // min(workers, max(1, len(jobs)))))
    _clean_temp_files(out_dir)
    errors = ErrorLog(out_dir / ERRORS_FILE, {j.label for j in jobs})
    pending: deque[Job] = deque(jobs)
    running: list[_Running] = []
    outcomes: list[Outcome] = []
    ctx = None

    def finish(outcome: Outcome) -> None:
        if outcome.status == "failed":
            errors.record(outcome.job.label, _sha_or_none(outcome.job.path), outcome.kind or "crash",
                          outcome.reason or "")
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    try:
        while pending or running:
            while pending and len(running) < workers:
                job = pending.popleft()
                done = None if force else _previous(job)
                if done is not None:
                    finish(done)
                    continue
                ctx = ctx or _context()
                try:
                    running.append(_start(ctx, job, rules_files, limits))
                except OSError as e:  # out of processes or file descriptors: record, go on
                    finish(Outcome(job, "failed", "crash", f"เริ่มโปรแกรมอ่านไฟล์ไม่ได้ (cannot start a worker: {e})"))
                    continue
                if on_start:
                    on_start(job)
            if not running:
                continue
            now = time.monotonic()
            ready = set(wait([r.conn for r in running] + [r.proc.sentinel for r in running],
                             timeout=max(0.0, min(r.deadline for r in running) - now)))
            now = time.monotonic()
            for r in list(running):
                if r.conn in ready or r.proc.sentinel in ready:
                    running.remove(r)
                    finish(_collect(r, now))
                elif now >= r.deadline:
                    running.remove(r)
                    _kill(r)
                    finish(Outcome(r.job, "failed", "timeout",
                                   f"ใช้เวลาเกิน {limits.timeout:g} วินาที จึงหยุดอ่าน "
                                   f"(timed out after {limits.timeout:g} s: worker killed)",
                                   seconds=now - r.started))
    finally:
        for r in running:  # interrupted (Ctrl-C, an error here): leave no worker behind
            _kill(r)
    return outcomes


def _start(ctx: Any, job: Job, rules_files: Any, limits: Limits) -> _Running:
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=work, args=(str(job.path), list(rules_files), limits, send),
                       name=f"ita-worker {job.path.name}")
    proc.start()
    send.close()  # the child holds the only write end: EOF tells us it is gone
    now = time.monotonic()
    return _Running(job, proc, recv, now, now + limits.timeout)


def _collect(r: _Running, now: float) -> Outcome:
    """Turn a finished worker's message (or its death) into an Outcome, writing the JSON."""
    message: dict[str, Any] | None = None
    try:
        if r.conn.poll():
            message = r.conn.recv()
    except (EOFError, OSError):
        message = None
    r.proc.join(timeout=10)
    if r.proc.is_alive():
        _kill(r)
    r.conn.close()
    seconds = now - r.started
    if message is None:
        message = failure(*_death(r.proc.exitcode))
    if message.get("status") != "done":
        return Outcome(r.job, "failed", message.get("kind"), message.get("reason"), seconds=seconds)
    try:
        write_atomic(r.job.target, message["json"])
    except OSError as e:
        return Outcome(r.job, "failed", "crash", f"เขียนไฟล์ผลลัพธ์ไม่ได้ (cannot write {r.job.target}: "
                                                 f"{e.strerror or e})", seconds=seconds)
    return Outcome(r.job, "done", measures=message["measures"], findings=message["findings"], seconds=seconds)


def _death(exitcode: int | None) -> tuple[str, str]:
    """Kind and reason for a worker that ended without a message."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        kind = "memory" if name == "SIGKILL" else "crash"  # the kernel's OOM killer sends SIGKILL
        return kind, f"โปรแกรมอ่านไฟล์หยุดทำงานกะทันหัน (worker died: {name})"
    return "crash", f"โปรแกรมอ่านไฟล์หยุดทำงานโดยไม่ส่งผล (worker exited with status {exitcode} and no result)"


def _kill(r: _Running) -> None:
    """SIGKILL the worker's process group (its OCR helpers too), then reap it."""
    pid = r.proc.pid
    if pid:
        try:
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        r.proc.kill()
    except (OSError, ValueError, AttributeError):
        pass
    r.proc.join(timeout=10)
    r.conn.close()


def _previous(job: Job) -> Outcome | None:
    """A "skipped" Outcome when the job's output is already there for these bytes and version."""
    if not job.target.exists():
        return None
    sha = _sha_or_none(job.path)
    doc = previous_result(job, sha, __version__) if sha else None
    if doc is None:
        return None
    findings = Counter(f.get("severity", "info") for f in doc.get("findings") or [] if isinstance(f, dict))
    return Outcome(job, "skipped", measures=len(doc.get("measures") or []), findings=dict(findings))


def _sha_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def _clean_temp_files(out_dir: Path) -> None:
    """Drop write_atomic temp files (``.name.json.*.tmp``) left by a killed run."""
    if not out_dir.is_dir():
        return
    for tmp in out_dir.rglob(".*.json.*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def severity_totals(outcomes: list[Outcome]) -> Counter:
    total: Counter = Counter()
    for o in outcomes:
        total.update(o.findings)
    return total
