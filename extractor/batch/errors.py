"""``OUT/errors.jsonl``: one line per input that gave no JSON, the current state of the folder.

Each record is ``{"file", "sha256", "reason", "kind", "time"}``; ``kind`` is
"unusable" (not a readable report: the reason says why), "crash" (a reader
raised or the worker died), "timeout" or "memory". Failed inputs are tried
again on every run, so a run first drops the records of the files it is about
to process and keeps the others: the log never lists a file twice, never keeps
a failure that has since succeeded, and keeps what other runs into the same
folder recorded. Records are appended one ``write`` each, so a kill can at
worst cut the last line, which the next run drops.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from ..output import write_atomic


class ErrorLog:
    def __init__(self, path: Path, files: set[str]) -> None:
        """Open the log at ``path``, forgetting earlier records about ``files``."""
        self.path = path
        kept = [r for r in _records(path) if r.get("file") not in files]
        if kept or path.exists():
            write_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))

    def record(self, file: str, sha256: str | None, kind: str, reason: str) -> None:
        rec = {"file": file, "sha256": sha256, "reason": reason, "kind": kind,
               "time": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)


def _records(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    out = []
    for ln in lines:
        try:
            rec = json.loads(ln)
        except ValueError:
            continue  # a line cut by a kill
        if isinstance(rec, dict):
            out.append(rec)
    return out
