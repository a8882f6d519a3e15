"""Uploaded files and their extraction jobs: a temporary folder, a bounded queue, guarded workers, expiry.

Extraction (OCR above all) can take a minute, longer than a browser should
wait on one request. An upload is saved under a generated name in a private
temporary folder and queued; a few threads each hand one job at a time to the
guarded worker (:func:`extractor.batch.pool.run_guarded`: pre-flight, then an
isolated process with a time and memory limit), so a hostile upload costs the
server nothing but a wait on a pipe. The queue is bounded: when it is full an
upload is turned away at once (HTTP 503) instead of piling up. The page polls
:meth:`Jobs.status`. A job — its file, and its result kept in memory — is
forgotten ``ttl`` seconds after it was created, so nothing an officer uploads
outlives the session for long.
"""
from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import UnusableInput
from ..options import DEFAULT, ExtractOptions
from ..read.sniff import sniff

log = logging.getLogger(__name__)

# Extraction as the web layer sees it: a path in, an ita-extract/1 dict out (UnusableInput on bad input).
Extractor = Callable[[Path], dict[str, Any]]

INTERNAL_ERROR = ("เกิดข้อผิดพลาดภายในระหว่างอ่านเอกสาร กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์นี้ "
                  "(internal error while reading the document)")
EXPIRED_ERROR = "ผลการตรวจหมดอายุแล้ว กรุณาอัปโหลดใหม่ (result expired, upload again)"
JOB_ID_BYTES = 18  # 144 random bits: a job id is also the only key to its result
REFUSED = "ไม่รับไฟล์นี้ (refused): {reason}"   # pre-flight or reader: not a document we can use
STOPPED = "หยุดอ่าน (stopped): {reason}"        # over the time or memory limit, or the worker died


class Busy(Exception):
    """The queue is full: the upload is not kept; the user tries again later."""


class GuardedExtractor:
    """The real extraction, in a guarded worker forked from a warm server: a path in, the JSON out.

    A refusal or a limited failure becomes :class:`UnusableInput` with a "refused:"/"stopped:"
    line; :meth:`close` (the server stopping) ends the workers still running.
    """

    def __init__(self, options: ExtractOptions = DEFAULT) -> None:
        from ..batch.pool import context, prestart
        self.options = options
        self.ctx = context(warm=True)
        self.stop = threading.Event()
        prestart(self.ctx)

    def __call__(self, path: Path) -> dict[str, Any]:
        from ..batch.pool import run_guarded
        result = run_guarded(path, self.options, ctx=self.ctx, stop=self.stop)
        if result.ok:
            return result.data()
        template = REFUSED if result.kind == "unusable" else STOPPED
        raise UnusableInput(template.format(reason=result.reason))

    def close(self) -> None:
        self.stop.set()


@dataclass
class Job:
    """One upload: where it is stored, what it is, and how far its extraction got."""

    id: str
    filename: str          # the name the user gave (display and download names only)
    path: Path             # generated name inside the upload folder
    kind: str              # pdf | docx | image | text (from magic bytes)
    created: float = field(default_factory=time.time)
    state: str = "queued"  # queued | running | done | failed
    started: float | None = None
    finished: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None

    def status(self) -> dict[str, Any]:
        """The JSON the upload page polls."""
        now = self.finished or time.time()
        return {"id": self.id, "state": self.state, "kind": self.kind, "file": self.filename,
                "elapsed": round(now - (self.started or self.created), 1), "error": self.error,
                "measures": len(self.report["measures"]) if self.report else None,
                "findings": len(self.report["findings"]) if self.report else None}


def display_name(filename: str | None) -> str:
    """The user's file name without any folder part ("C:\\fakepath\\ร่าง.pdf" → "ร่าง.pdf")."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "upload"


class Jobs:
    """The upload folder, the jobs in it and the workers that run them."""

    def __init__(self, extractor: Extractor, *, workers: int = 1, ttl: float = 3600,
                 root: Path | None = None, max_queue: int = 20) -> None:
        self.extractor = extractor
        self.ttl = ttl
        self.workers = max(1, workers)
        self.max_queue = max(0, max_queue)  # jobs waiting beyond the ones running
        self.root = Path(tempfile.mkdtemp(prefix="ita-web-", dir=root))
        self.root.chmod(0o700)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ita-extract")
        self._stop = threading.Event()
        # expiry must not wait for the next visitor: a janitor looks a few times per ttl (at most each minute)
        self._janitor = threading.Thread(target=self._sweep, args=(min(max(ttl / 4, 1.0), 60.0),),
                                         name="ita-web-janitor", daemon=True)
        self._janitor.start()

    def submit(self, stream: Any, filename: str) -> Job:
        """Save an uploaded stream under a generated name, check what it is, queue its extraction.

        Raises UnusableInput (and keeps nothing) when the content is not a document we read,
        Busy when the queue is full.
        """
        self.purge()
        if self.pending() >= self.workers + self.max_queue:
            raise Busy()
        job_id = secrets.token_urlsafe(JOB_ID_BYTES)
        suffix = "".join(c for c in Path(filename or "").suffix.lower()[:6] if c.isalnum() or c == ".")
        path = self.root / f"{job_id}{suffix}"  # the suffix only helps a reader that looks at it; sniff decides
        with open(path, "wb") as out:
            shutil.copyfileobj(stream, out, 1 << 20)
        try:
            kind = sniff(path)
        except UnusableInput:
            path.unlink(missing_ok=True)
            raise
        job = Job(job_id, display_name(filename), path, kind)
        with self._lock:
            self._jobs[job_id] = job
        self._pool.submit(self._run, job)
        return job

    def pending(self) -> int:
        """Jobs queued or running."""
        with self._lock:
            return sum(1 for j in self._jobs.values() if j.state in ("queued", "running"))

    def get(self, job_id: str) -> Job | None:
        self.purge()
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job) -> None:
        job.state, job.started = "running", time.time()
        try:
            if not job.path.exists():
                raise UnusableInput(EXPIRED_ERROR)
            report = self.extractor(job.path)
            report.setdefault("source", {})["file"] = job.filename  # the user's name, not ours
            job.report, job.state = report, "done"
        except UnusableInput as e:
            job.error, job.state = e.reason, "failed"
        except Exception:  # a bug in a stage must not take the server down; the log keeps the traceback
            log.exception("extraction failed for upload %s (%s)", job.id, job.filename)
            job.error, job.state = INTERNAL_ERROR, "failed"
        finally:
            job.finished = time.time()

    def _sweep(self, every: float) -> None:
        while not self._stop.wait(every):
            self.purge()

    def purge(self, now: float | None = None) -> int:
        """Forget jobs older than ``ttl`` and delete their files; returns how many went."""
        now = time.time() if now is None else now
        with self._lock:
            old = [j for j in self._jobs.values() if now - j.created > self.ttl and j.state in ("done", "failed")]
            for job in old:
                del self._jobs[job.id]
        for job in old:
            job.path.unlink(missing_ok=True)
        return len(old)

    def close(self) -> None:
        """Stop the workers and the janitor, and remove the upload folder."""
        self._stop.set()
        close = getattr(self.extractor, "close", None)
        if close is not None:
            close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)


def jobs_of(app: Any) -> Jobs:
    """The app's jobs (``app.extensions["ita_jobs"]``)."""
    return app.extensions["ita_jobs"]
