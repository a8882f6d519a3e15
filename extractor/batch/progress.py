"""What a batch tells the person running it: progress while it runs, a summary at the end.

On a terminal: a rich progress bar with the files being read and the rate, and
failures printed above it as they happen. Anywhere else (a log, CI, a pipe):
one plain line per file, ``[3/50] a.pdf ok 5 มาตรการ …``, so logs stay greppable.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

from .run import Outcome, severity_totals
from .plan import Job

SEVERITIES = ("error", "warning", "info")


def describe(o: Outcome) -> str:
    """The one-line result of one file, after its label."""
    if o.status == "failed":
        return f"failed {o.kind}: {o.reason}"
    n = sum(o.findings.values())
    tail = f"{o.measures} มาตรการ, {n} ข้อสังเกต"
    if o.status == "skipped":
        return f"skipped (ทำไว้แล้ว already done: {tail})"
    return f"ok {tail} → {o.job.target} ({o.seconds:.1f} s)"


class PlainProgress:
    """One line per finished file on ``stream``."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.stream, self.count = total, stream, 0

    def __enter__(self) -> "PlainProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def start(self, job: Job) -> None:
        pass

    def finish(self, o: Outcome) -> None:
        self.count += 1
        print(f"[{self.count}/{self.total}] {o.job.label} {describe(o)}", file=self.stream, flush=True)


class RichProgress:
    """A live bar: done/total, files being read now, files per minute, time left."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        self.console = Console(stderr=True)
        self.progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                                 TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[now]}"),
                                 console=self.console, transient=False)
        self.task = self.progress.add_task("อ่านไฟล์", total=total, rate="", now="")
        self.running: list[str] = []
        self.began = time.monotonic()
        self.worked = 0

    def __enter__(self) -> "RichProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, job: Job) -> None:
        self.running.append(job.path.name)
        self._update()

    def finish(self, o: Outcome) -> None:
        if o.job.path.name in self.running:
            self.running.remove(o.job.path.name)
        if o.status != "skipped":
            self.worked += 1
        if o.status == "failed":
            self.progress.console.print(f"[red]✗[/red] {o.job.label}: {o.kind}: {o.reason}", markup=True,
                                        highlight=False)
        self.progress.advance(self.task)
        self._update()

    def _update(self) -> None:
        minutes = (time.monotonic() - self.began) / 60
        rate = f"{self.worked / minutes:.1f} ไฟล์/นาที" if minutes > 0 and self.worked else ""
        now = ", ".join(self.running[:3]) + (" …" if len(self.running) > 3 else "")
        self.progress.update(self.task, rate=rate, now=now)


def progress_for(total: int, stream: TextIO = sys.stderr) -> PlainProgress | RichProgress:
    return RichProgress(total) if stream.isatty() else PlainProgress(total, stream)


def summary_counts(outcomes: list[Outcome]) -> dict[str, int]:
    c = Counter(o.status for o in outcomes)
    return {"done": c["done"], "skipped": c["skipped"], "failed": c["failed"]}


def print_summary(outcomes: list[Outcome], errors_file: str, stream: TextIO = sys.stderr) -> None:
    """Done / skipped / failed and findings by severity, as a table on a terminal, plain otherwise."""
    counts = summary_counts(outcomes)
    sev = severity_totals(outcomes)
    kinds = Counter(o.kind for o in outcomes if o.status == "failed")
    if stream.isatty():
        from rich.console import Console
        from rich.table import Table
        t = Table(title="สรุปผล (summary)", show_header=True)
        t.add_column("รายการ (item)")
        t.add_column("จำนวน", justify="right")
        for label, key in (("เสร็จ (done)", "done"), ("ข้าม ทำไว้แล้ว (skipped)", "skipped"),
                           ("ล้มเหลว (failed)", "failed")):
            t.add_row(label, str(counts[key]))
        for kind, n in sorted(kinds.items()):
            t.add_row(f"  ล้มเหลว: {kind}", str(n))
        for s in SEVERITIES:
            t.add_row(f"ข้อสังเกต {s}", str(sev.get(s, 0)))
        console = Console(file=stream)
        console.print(t)
        if counts["failed"]:
            console.print(f"รายการที่ล้มเหลว (failures): {errors_file}", highlight=False)
        return
    kinds_text = "".join(f" {k}={n}" for k, n in sorted(kinds.items()))
    print(f"สรุป (summary): done {counts['done']}, skipped {counts['skipped']}, failed {counts['failed']}"
          f"{' (' + kinds_text.strip() + ')' if kinds_text else ''}; findings "
          + ", ".join(f"{s} {sev.get(s, 0)}" for s in SEVERITIES), file=stream)
    if counts["failed"]:
        print(f"รายการที่ล้มเหลว (failures): {errors_file}", file=stream)
