"""`ita extract INPUT|DIR… [-o DIR|-] [-j N] [--force] …`: one ita-extract/1 JSON per input.

``-o -`` reads one file in one guarded worker and prints its JSON. Otherwise the
inputs (folders walked recursively) run as a batch (:mod:`extractor.batch`): one
worker process per file, N at a time, each under a time and memory limit;
finished outputs are skipped on a re-run, failures go to ``DIR/errors.jsonl``.
``--cluster dask`` / ``--scheduler ADDR`` runs the same batch on a Dask cluster
(:mod:`extractor.batch.dask`); ``--index-db`` indexes each output as it lands.
Exit status 0 when every input gave its JSON, 2 when any was unusable or failed.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .options import add_limit_args, options_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="อ่านรายงานเป็น JSON (extract reports to ita-extract/1 JSON)",
                       description="อ่านรายงานหรือทั้งโฟลเดอร์เป็น JSON ita-extract/1; ทำต่อจากที่ค้างได้ "
                       "(extract files or whole folders; re-runs skip finished files)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path,
                   help="PDF, scan, image, DOCX or text files, or folders (walked recursively)")
    p.add_argument("-o", "--output", default="output", metavar="DIR",
                   help="output folder (default output/), mirroring the input folders; "
                   "'-' prints one input's JSON to stdout")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="files read at once (default: the number of CPU cores)")
    p.add_argument("--force", action="store_true", help="redo files whose output is already there")
    p.add_argument("--rules", action="append", type=Path, default=[], metavar="FILE",
                   help="extra rules YAML (adds to / overrides rules/*.yaml)")
    add_limit_args(p)
    p.add_argument("--cluster", choices=("local", "dask"), default=None,
                   help="where the batch runs: local worker processes (default) or a Dask cluster "
                   "(a local one with -j workers, or --scheduler's; see docs/scale.md)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --cluster dask; "
                   "default $DASK_SCHEDULER_ADDRESS with --cluster dask)")
    p.add_argument("--index-db", metavar="DB", default=None,
                   help="also index each finished report into this history store "
                   "(SQLite file or postgresql://…; on a cluster each worker indexes its own)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.output == "-":
        return _to_stdout(args)
    from ..batch.run import run_batch
    from ..batch.plan import ERRORS_FILE, plan
    from ..batch.progress import print_summary, progress_for

    out_dir = Path(args.output)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"ita: สร้างโฟลเดอร์ผลลัพธ์ไม่ได้ (cannot create output folder {out_dir}: {e.strerror})",
              file=sys.stderr)
        return 2
    jobs = plan(args.inputs, out_dir)
    if not jobs:
        print("ita: ไม่พบไฟล์ที่อ่านได้ (no PDF, image, DOCX or text file found)", file=sys.stderr)
        return 2
    options = options_from(args)
    if args.index_db:  # fail now, with one line, rather than on every worker; and migrate once
        from ..history.base import db_arg, open_store
        args.index_db = db_arg(args.index_db)
        open_store(args.index_db).close()
    with progress_for(len(jobs)) as progress:
        if args.cluster == "dask" or args.scheduler:
            from ..batch.dask import run_dask_batch, scheduler_address
            outcomes = run_dask_batch(jobs, out_dir, workers=args.jobs, scheduler=scheduler_address(args.scheduler),
                                      force=args.force, options=options,
                                      index_db=str(args.index_db) if args.index_db else None,
                                      on_outcome=progress.finish)
        else:
            finish = _indexing(progress.finish, args.index_db) if args.index_db else progress.finish
            outcomes = run_batch(jobs, out_dir, workers=args.jobs, force=args.force, options=options,
                                 on_start=progress.start, on_outcome=finish)
    print_summary(outcomes, str(out_dir / ERRORS_FILE))
    return 2 if any(o.status == "failed" for o in outcomes) else 0


def _indexing(finish, db: str):
    """``--index-db`` on the local batch: this process indexes each output as it lands (or is found done)."""
    from ..errors import UnusableInput
    from ..history.base import open_store, store_errors
    store = open_store(db)

    def on_outcome(o) -> None:
        if o.status in ("done", "skipped"):
            try:
                store.index_report(json.loads(o.job.target.read_text(encoding="utf-8")))
            except (UnusableInput, OSError, ValueError, *store_errors()) as e:
                print(f"ita: {o.job.target}: เก็บเข้าประวัติไม่ได้ (not indexed: {' '.join(str(e).split())[:200]})",
                      file=sys.stderr)
        finish(o)
    return on_outcome


def _to_stdout(args: argparse.Namespace) -> int:
    """``-o -``: exactly one file, read in one guarded worker, its JSON on stdout."""
    from ..batch.pool import default_workers, run_guarded

    if len(args.inputs) != 1 or args.inputs[0].is_dir():
        print("ita: -o - takes exactly one input file", file=sys.stderr)
        return 2
    path = args.inputs[0]
    result = run_guarded(path, options_from(args, ocr_workers=default_workers()), warm=False)
    if not result.ok:
        print(f"ita: {path}: {result.reason}", file=sys.stderr)
        return 2
    sys.stdout.write(result.json or "")
    return 0
