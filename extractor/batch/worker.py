"""The child side of a batch: one process reads one file and sends back one message.

Everything a hostile file can do to a reader stays in this process: an
exception becomes a "crash" message, MemoryError (the address-space limit set
here) a "memory" message, and a segfault or a hang ends the process, which the
parent sees as a dead or overdue worker. The worker leads its own process group
so a timeout kill also ends its OCR helpers, and dies with its parent (Linux
``PR_SET_PDEATHSIG``) so a killed batch leaves no orphan still writing.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UnusableInput


@dataclass(frozen=True)
class Limits:
    timeout: float = 300.0        # seconds of wall time per file; OCR of a long scan is the slow case
    max_memory_mb: int = 4096     # address space of the worker and of each OCR helper (RLIMIT_AS)
    max_pages: int | None = None  # None: the readers' own limit (ITA_MAX_PAGES, else 500)
    ocr_workers: int = 1          # Tesseract processes per worker: the batch already fills the cores


def one_line(text: str, limit: int = 300) -> str:
    """An exception message fit for one JSONL field and one terminal line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure(kind: str, reason: str) -> dict[str, Any]:
    return {"status": "failed", "kind": kind, "reason": one_line(reason)}


def work(path: str, rules_files: list[Path], limits: Limits, conn: Any) -> None:
    """Process entry point: isolate, extract, send one dict through ``conn``, exit."""
    _isolate(limits)
    try:
        message = extract_one(Path(path), rules_files, limits)
    except MemoryError:
        message = failure("memory", f"หน่วยความจำไม่พอ เกิน {limits.max_memory_mb} MB "
                                    f"(out of memory: over the {limits.max_memory_mb} MB limit)")
    try:
        conn.send(message)
    except MemoryError:
        conn.send(failure("memory", "หน่วยความจำไม่พอ (out of memory while sending the result)"))
    finally:
        conn.close()


def extract_one(path: Path, rules_files: list[Path], limits: Limits) -> dict[str, Any]:
    """Read one file into a result message; every exception becomes a failure message."""
    from ..read.guard import preflight, set_max_pages
    from ..output import dumps
    from ..pipeline import extract

    set_max_pages(limits.max_pages)
    try:
        preflight(path)
        report = extract(path, rules_files=rules_files)
        doc = report.to_json()
        text = dumps(doc)
    except UnusableInput as e:
        return failure("unusable", e.reason)
    except MemoryError:
        raise
    except RecursionError:
        return failure("crash", "เอกสารซ้อนลึกเกินไป (internal error: RecursionError)")
    except Exception as e:  # a reader bug must not stop the batch: record it, go on
        first = one_line(str(e), 200) or "-"
        return failure("crash", f"เกิดข้อผิดพลาดภายในขณะอ่านไฟล์ (internal error: {type(e).__name__}: {first})")
    severities = Counter(f.get("severity", "info") for f in doc.get("findings", []))
    return {"status": "done", "json": text, "sha256": doc["source"]["sha256"],
            "measures": len(doc.get("measures", [])), "findings": dict(severities)}


def _isolate(limits: Limits) -> None:
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
    _limit_memory(limits.max_memory_mb)
    os.environ["ITA_OCR_WORKERS"] = str(max(1, limits.ocr_workers))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not os.environ.get("ITA_DEBUG"):
        _silence()


def _limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    soft = mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _silence() -> None:
    """Library chatter (warnings, Tesseract, pdfium) goes nowhere; the result goes by pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
