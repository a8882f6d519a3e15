"""Run many inputs: one worker process per file, N at a time, each with a time and memory limit.

Why a process per file, managed here rather than a pool: a hostile file can hang
a reader in C code (no Python timeout reaches it), exhaust memory, or segfault.
Each file gets its own guarded worker (:mod:`.pool`, the same as every other entry
point); an overdue one is killed with its process group, a dead one is recorded,
and the batch goes on. Workers are forked from a warm ``forkserver``
(:mod:`.warm`), so a fresh process per file costs milliseconds, not the ~5 s of a
cold start.

Resume: an input whose output already holds the same ``source.sha256`` and tool
version is skipped (``force`` redoes it). Only this process writes outputs, each
with :func:`extractor.output.write_atomic`, so a killed batch leaves finished
files complete and no partial ones. Failures go to ``OUT/errors.jsonl``
(:mod:`.errors`).
"""
from __future__ import annotations

import os
import time
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable

from .. import __version__
from .errors import ErrorLog
from .plan import ERRORS_FILE, Job, previous_result
from .pool import Result, Running, collect, context, default_workers, kill, start, timed_out
from ..options import DEFAULT, ExtractOptions, Limits
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


def run_batch(jobs: list[Job], out_dir: Path, *, workers: int = 0, force: bool = False,
              options: ExtractOptions = DEFAULT, rules_files: list[Path] | tuple | None = None,
              limits: Limits | None = None,
              on_start: Callable[[Job], None] | None = None,
              on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract every job; call ``on_start``/``on_outcome`` for progress; return outcomes in finish order.

    ``rules_files`` and ``limits``, when given, override those of ``options``. The cores are
    shared out: each worker's OCR gets cores ÷ workers processes.
    """
    workers = max(1, workers or default_workers())
    if rules_files is not None:
        options = options.replace(rules_files=rules_files)
    if limits is not None:
        options = options.replace(limits=limits)
    ocr_workers = max(1, default_workers() // min(workers, max(1, len(jobs))))
    options = options.replace(ocr=replace(options.ocr, workers=ocr_workers))
    _clean_temp_files(out_dir)
    errors = ErrorLog(out_dir / ERRORS_FILE, {j.label for j in jobs})
    pending: deque[Job] = deque(jobs)
    running: list[tuple[Job, Running]] = []
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
                ctx = ctx or context()
                try:
                    running.append((job, start(ctx, job.path, options)))
                except OSError as e:  # out of processes or file descriptors: record, go on
                    finish(Outcome(job, "failed", "crash", f"เริ่มโปรแกรมอ่านไฟล์ไม่ได้ (cannot start a worker: {e})"))
                    continue
                if on_start:
                    on_start(job)
            if not running:
                continue
            now = time.monotonic()
            ready = set(wait([r.conn for _, r in running] + [r.proc.sentinel for _, r in running],
                             timeout=max(0.0, min(r.deadline for _, r in running) - now)))
            now = time.monotonic()
            for item in list(running):
                job, r = item
                if r.conn in ready or r.proc.sentinel in ready:
                    running.remove(item)
                    finish(_written(job, collect(r, now)))
                elif now >= r.deadline:
                    running.remove(item)
                    finish(_outcome(job, timed_out(r, options.limits.timeout, now)))
    finally:
        for _, r in running:  # interrupted (Ctrl-C, an error here): leave no worker behind
            kill(r)
    return outcomes


def _outcome(job: Job, result: Result) -> Outcome:
    if not result.ok:
        return Outcome(job, "failed", result.kind, result.reason, seconds=result.seconds)
    return Outcome(job, "done", measures=result.measures, findings=result.findings or {},
                   seconds=result.seconds)


def _written(job: Job, result: Result) -> Outcome:
    """The Outcome of a finished worker, its JSON written to the job's target."""
    if result.ok:
        try:
            write_atomic(job.target, result.json or "")
        except OSError as e:
            return Outcome(job, "failed", "crash", f"เขียนไฟล์ผลลัพธ์ไม่ได้ (cannot write {job.target}: "
                                                   f"{e.strerror or e})", seconds=result.seconds)
    return _outcome(job, result)


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
