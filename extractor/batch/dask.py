"""A batch on a Dask cluster: ``ita extract DIR… -o OUT --cluster dask [--scheduler tcp://HOST:8786]``.

The same guarantees as the local batch (:mod:`.run`), with Dask distributed
moving the files between machines:

- One Dask task per input, given the *path* (workers read from a shared
  folder: inputs never travel through the scheduler). The task does what the
  local batch does for one file: resume check by content hash and tool
  version, then the same isolated child (:mod:`.worker`, forked from the same
  warm fork server) under the same time and memory limits, killed with its
  process group when overdue.
- The task writes the output itself, atomically (temp file + ``os.replace``),
  on the shared folder. A Dask worker killed mid-file (by a person, the OOM
  killer, a lost machine) has written nothing for that file; the scheduler
  gives its tasks to another worker (``distributed.scheduler.allowed-failures``
  deaths per task), and a retry of a file whose output did land finds it done
  by content hash and skips it: every output is written exactly once.
- Only this process, the client, writes ``errors.jsonl`` and drives the
  progress bar, fed by ``as_completed``.
- ``index_db``: each worker also indexes the report it wrote into the history
  store (PostgreSQL for many writers), one connection per worker process.

Without a scheduler address, a local cluster of ``workers`` single-threaded
worker processes is started for the run and stopped after it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from .. import __version__
from ..errors import UnusableInput
from .errors import ErrorLog
from .plan import ERRORS_FILE, Job
from ..options import DEFAULT, ExtractOptions
from .pool import context, run_guarded
from .run import Outcome, _clean_temp_files, _previous, _sha_or_none, _written

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
TASK_RETRIES = 1  # an exception in the task itself (not a dead worker: Dask reschedules those anyway)
_STORES: dict[str, Any] = {}  # one history-store connection per worker process and store


def run_dask_batch(jobs: list[Job], out_dir: Path, *, workers: int = 0, scheduler: str | None = None,
                   force: bool = False, options: ExtractOptions = DEFAULT,
                   index_db: str | None = None,
                   on_outcome: Callable[[Outcome], None] | None = None,
                   on_client: Callable[[Any], None] | None = None) -> list[Outcome]:
    """Extract every job on a Dask cluster; outcomes in finish order, like :func:`.run.run_batch`.

    ``on_client`` is called with the connected ``distributed.Client`` before
    any task is submitted (tests use it to find and kill a worker).
    """
    from distributed import as_completed

    options = options.replace(ocr=replace(options.ocr, workers=1))  # one task per worker: the cluster fills the cores
    _clean_temp_files(out_dir)
    errors = ErrorLog(out_dir / ERRORS_FILE, {j.label for j in jobs})
    outcomes: list[Outcome] = []
    client, cluster = connect(scheduler, workers)
    try:
        if on_client:
            on_client(client)
        keys = [task_key(j) for j in jobs]
        futures = client.map(extract_task, jobs, key=keys, retries=TASK_RETRIES, pure=False,
                             options=options, force=force, version=__version__, index_db=index_db)
        job_of = {f.key: j for f, j in zip(futures, jobs)}
        for future in as_completed(futures):
            job = job_of[future.key]
            try:
                outcome = future.result()
            except Exception as e:  # the task died with its workers too often (KilledWorker), or raised
                outcome = Outcome(job, "failed", "crash", f"งานบนคลัสเตอร์ล้มเหลว (cluster task failed: "
                                                          f"{type(e).__name__}: {' '.join(str(e).split())[:200]})")
            future.release()
            if outcome.status == "failed":
                errors.record(job.label, _sha_or_none(job.path), outcome.kind or "crash", outcome.reason or "")
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    _clean_temp_files(out_dir)  # every task is over: a temp file now is one a killed worker left
    return outcomes


def task_key(job: Job) -> str:
    """The Dask key of a job's task: named by its output, so the dashboard and logs say which file."""
    return f"ita-extract-{hashlib.sha1(str(job.target).encode('utf-8', 'surrogateescape')).hexdigest()[:16]}"


def connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client of the cluster at ``scheduler``, or of a new local one with ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as e:
            raise UnusableInput(f"เชื่อมต่อคลัสเตอร์ Dask ไม่ได้ (cannot reach the Dask scheduler at "
                                f"{scheduler}: {' '.join(str(e).split())[:200]})") from None
    from .run import default_workers
    cluster = LocalCluster(n_workers=max(1, workers or default_workers()), threads_per_worker=1, processes=True,
                           memory_limit=0, dashboard_address=":0", silence_logs=logging.ERROR)
    return Client(cluster), cluster


def extract_task(job: Job, *, options: ExtractOptions, force: bool, version: str,
                 index_db: str | None) -> Outcome:
    """One input on a Dask worker: skip if done, else the guarded worker (the same isolated, limited
    child as a local batch), the atomic write, the index."""
    if version != __version__:
        return Outcome(job, "failed", "crash", f"เครื่องในคลัสเตอร์ใช้ ita รุ่นอื่น (worker runs ita {__version__}, "
                                               f"the client {version}: install the same version everywhere)")
    done = None if force else _previous(job)
    if done is not None:  # resumed, or a retry after the first try's worker died between write and index
        return _index(done, index_db) if index_db else done
    # Dask runs its worker processes as daemons, which multiprocessing forbids to have children.
    # Ours are safe to allow: each child dies with the fork server, which dies with this worker.
    mp.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
    outcome = _written(job, run_guarded(job.path, options, ctx=context()))
    if index_db and outcome.status == "done":
        outcome = _index(outcome, index_db)
    return outcome


def _index(outcome: Outcome, db: str) -> Outcome:
    """Index the output (idempotent: an unchanged report is not rewritten); a store failure is
    logged on the worker, the extraction stays done."""
    from ..history.base import open_store, store_errors

    try:
        store = _STORES.get(db)
        if store is None:
            store = _STORES[db] = open_store(db)
        store.index_report(json.loads(outcome.job.target.read_text(encoding="utf-8")))
    except (UnusableInput, OSError, ValueError, *store_errors()) as e:
        _STORES.pop(db, None)
        logging.getLogger("ita").warning("index %s into history failed: %s", outcome.job.target, e)
    return outcome


def scheduler_address(arg: str | None) -> str | None:
    """``--scheduler``, else ``DASK_SCHEDULER_ADDRESS``, else None (start a local cluster)."""
    return arg or os.environ.get(SCHEDULER_ENV) or None
