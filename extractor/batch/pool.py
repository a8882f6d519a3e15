"""The guarded call every entry point uses: one document, one isolated worker, a time and memory limit.

``extract``, ``check``, ``text``, ``index``, the batch and the web page all run a
document through here: the worker (:mod:`.worker`) runs ``read()`` (which does the
pre-flight checks) and the pipeline under an address-space limit in its own
process group; an overdue worker is killed with its OCR helpers. What comes back
is a :class:`Result`: the JSON (or text), or a failure with a kind and a one-line
Thai (English) reason — never an exception, never a hung caller.

Workers are forked from a ``forkserver`` that imported and warmed the pipeline
once (:mod:`.warm`): a long-running caller (the batch, the web server) pays the
~5 s cold start once and each document then starts in milliseconds. A one-shot
command uses a plain fork of itself instead (``warm=False``), which costs nothing
up front.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from ..options import DEFAULT, ExtractOptions
from .worker import failure, work


@dataclass(frozen=True)
class Result:
    """What a guarded run gives back: status "done" with ``json``/``text``, or "failed" with a reason."""

    status: str                 # "done" | "failed"
    kind: str | None = None     # failed: "unusable" | "crash" | "timeout" | "memory"
    reason: str | None = None   # failed: one line, Thai (English)
    json: str | None = None     # done, task "extract": the ita-extract/1 JSON text
    text: str | None = None     # done, task "text"
    notes: tuple[str, ...] = ()  # done, task "text": info lines (a page's junk text layer OCR'd instead)
    measures: int = 0
    findings: dict[str, int] | None = None  # by severity
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "done"

    def data(self) -> dict[str, Any]:
        """The ita-extract/1 JSON as a dict."""
        return json.loads(self.json or "{}")


@dataclass
class Running:
    """A started worker: its process, the read end of its pipe, its deadline."""

    proc: Any
    conn: Any
    started: float
    deadline: float


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def context(warm: bool = True) -> Any:
    """``warm``: a forkserver whose server process has the pipeline imported and warm; else plain fork."""
    if not warm:
        try:
            return mp.get_context("fork")
        except ValueError:
            return mp.get_context("spawn")
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:  # no forkserver on this platform
        return mp.get_context("spawn")
    ctx.set_forkserver_preload(["extractor.batch.warm"])
    return ctx


def prestart(ctx: Any) -> None:
    """Start (and warm) the fork server now, in the background, so the first document does not wait."""
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver
    threading.Thread(target=forkserver.ensure_running, name="ita-forkserver-start", daemon=True).start()


def start(ctx: Any, path: Path, options: ExtractOptions = DEFAULT, task: str = "extract") -> Running:
    """Start one worker on ``path`` (OSError when no process or pipe can be had)."""
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=work, args=(str(path), options, task, send), name=f"ita-worker {path.name}")
    proc.start()
    send.close()  # the child holds the only write end: EOF tells us it is gone
    now = time.monotonic()
    return Running(proc, recv, now, now + options.limits.timeout)


def collect(r: Running, now: float | None = None) -> Result:
    """The finished worker's message (or its death) as a Result; the worker is reaped."""
    now = time.monotonic() if now is None else now
    message: dict[str, Any] | None = None
    try:
        if r.conn.poll():
            message = r.conn.recv()
    except (EOFError, OSError):
        message = None
    r.proc.join(timeout=10)
    if r.proc.is_alive():
        kill(r)
    r.conn.close()
    if message is None:
        message = failure(*death(r.proc.exitcode))
    fields = {k: message.get(k) for k in ("kind", "reason", "json", "text")}
    return Result(message.get("status", "failed"), notes=tuple(message.get("notes") or ()),
                  measures=message.get("measures") or 0,
                  findings=message.get("findings"), seconds=now - r.started, **fields)


def timed_out(r: Running, timeout: float, now: float | None = None) -> Result:
    """Kill an overdue worker; its Result."""
    kill(r)
    now = time.monotonic() if now is None else now
    return Result("failed", "timeout", f"ใช้เวลาเกิน {timeout:g} วินาที จึงหยุดอ่าน "
                                      f"(timed out after {timeout:g} s: worker killed)", seconds=now - r.started)


def death(exitcode: int | None) -> tuple[str, str]:
    """Kind and reason for a worker that ended without a message."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        kind = "memory" if name == "SIGKILL" else "crash"  # the kernel's OOM killer sends SIGKILL
        return kind, f"โปรแกรมอ่านไฟล์หยุดทำงานกะทันหัน (worker died: {name})"
    return "crash", f"โปรแกรมอ่านไฟล์หยุดทำงานโดยไม่ส่งผล (worker exited with status {exitcode} and no result)"


def kill(r: Running) -> None:
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


STOPPED = "หยุดอ่านเพราะโปรแกรมกำลังปิด (stopped: the server is shutting down)"


def run_guarded(path: str | Path, options: ExtractOptions = DEFAULT, *, task: str = "extract",
                warm: bool = True, ctx: Any = None, stop: threading.Event | None = None) -> Result:
    """Run ``task`` ("extract" | "text") on one document in an isolated, limited worker; wait for it.

    ``stop``, when set by another thread (a server shutting down), kills the worker at once.
    """
    path = Path(path)
    try:
        r = start(ctx or context(warm), path, options, task)
    except OSError as e:  # out of processes or file descriptors
        return Result("failed", "crash", f"เริ่มโปรแกรมอ่านไฟล์ไม่ได้ (cannot start a worker: {e})")
    try:
        while True:
            left = r.deadline - time.monotonic()
            if left <= 0:
                return timed_out(r, options.limits.timeout)
            if wait([r.conn, r.proc.sentinel], timeout=min(left, 0.5 if stop else left)):
                return collect(r)
            if stop is not None and stop.is_set():
                kill(r)
                return Result("failed", "crash", STOPPED, seconds=time.monotonic() - r.started)
    except BaseException:  # interrupted (Ctrl-C): leave no worker behind
        kill(r)
        raise
