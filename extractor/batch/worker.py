"""The child side of a guarded run: one process reads one file and sends back one message.

Everything a hostile file can do to a reader stays in this process: an
exception becomes a "crash" message, MemoryError (the address-space limit set
here) a "memory" message, and a segfault or a hang ends the process, which the
parent (:mod:`.pool`) sees as a dead or overdue worker. The worker leads its own
process group so a timeout kill also ends its OCR helpers, and dies with its
parent (Linux ``PR_SET_PDEATHSIG``) so a killed batch or server leaves no orphan.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import UnusableInput, missing_package
from ..options import ExtractOptions, Limits

TASKS = ("extract", "text")  # extract: the ita-extract/1 JSON; text: the document's repaired text


def one_line(text: str, limit: int = 300) -> str:
    """An exception message fit for one JSONL field and one terminal line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure(kind: str, reason: str) -> dict[str, Any]:
    return {"status": "failed", "kind": kind, "reason": one_line(reason)}


def memory_failure(limits: Limits) -> dict[str, Any]:
    return failure("memory", f"หน่วยความจำไม่พอ เกิน {limits.max_memory_mb} MB "
                             f"(out of memory: over the {limits.max_memory_mb} MB limit)")


def work(path: str, options: ExtractOptions, task: str, conn: Any) -> None:
    """Process entry point: isolate, run ``task`` on ``path``, send one dict through ``conn``, exit."""
    isolate(options.limits)
    try:
        message = run_task(Path(path), options, task)
    except MemoryError:
        message = memory_failure(options.limits)
    try:
        conn.send(message)
    except MemoryError:
        conn.send(failure("memory", "หน่วยความจำไม่พอ (out of memory while sending the result)"))
    finally:
        conn.close()


def run_task(path: Path, options: ExtractOptions, task: str = "extract") -> dict[str, Any]:
    """One task on one file as a message; every exception but MemoryError becomes a failure message."""
    try:
        return extract_message(path, options) if task == "extract" else text_message(path, options)
    except UnusableInput as e:
        return failure("unusable", e.reason)
    except MemoryError:
        raise
    except ModuleNotFoundError as e:
        return failure("crash", missing_package(e))
    except RecursionError:
        return failure("crash", "เอกสารซ้อนลึกเกินไป (internal error: RecursionError)")
    except Exception as e:  # a reader bug must not stop the caller: report it, go on
        if os.environ.get("ITA_DEBUG"):
            traceback.print_exc()
        first = one_line(str(e), 200) or "-"
        return failure("crash", f"เกิดข้อผิดพลาดภายในขณะอ่านไฟล์ (internal error: {type(e).__name__}: {first})")


def extract_message(path: Path, options: ExtractOptions) -> dict[str, Any]:
    from ..output import dumps
    from ..pipeline import extract

    doc = extract(path, options).to_json()
    severities = Counter(f.get("severity", "info") for f in doc.get("findings", []))
    return {"status": "done", "json": dumps(doc), "sha256": doc["source"]["sha256"],
            "measures": len(doc.get("measures", [])), "findings": dict(severities)}


def text_message(path: Path, options: ExtractOptions) -> dict[str, Any]:
    from ..pipeline import replaced_layers
    from ..read.dump import document_text
    notes: list[str] = []
    text = document_text(path, options, notes)
    return {"status": "done", "text": text,
            "notes": [f"{f.rule}: {f.message} ({f.message_en})" for f in replaced_layers(notes)]}


def isolate(limits: Limits) -> None:
    """Own process group, die with the parent, bounded memory, quiet terminal."""
    parent = os.getppid()
    try:
        os.setpgrp()
    except OSError:
        pass
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    limit_memory(limits.max_memory_mb)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not os.environ.get("ITA_DEBUG"):
        silence()


def limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    soft = mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def silence() -> None:
    """Library chatter (warnings, Tesseract, pdfium) goes nowhere; the result goes by pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
