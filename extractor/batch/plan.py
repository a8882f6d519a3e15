"""Which files a batch reads, and where each one's JSON goes.

Folders are walked recursively for the formats we read; hidden files and
folders and the output folder itself are skipped (so ``ita extract . -o out``
never reads its own results). A file named on the command line is always taken,
whatever its extension: the readers sniff magic bytes, not names.

Output names mirror the input's folder below the folder argument it was found
in: ``archive/2567/a.pdf`` → ``OUT/2567/a.json``, so same-named reports in
different folders never overwrite each other, and a file named directly goes to
``OUT/<stem>.json`` (the single-file behaviour of the SPEC). Names that still
collide in one output folder — ``a.pdf`` beside ``a.docx``, or two folder
arguments with the same layout — are told apart by extension, ``OUT/2567/a-pdf.json``
beside ``OUT/2567/a.json`` (from ``a.docx``, first in sorted order, which keeps the
plain name), or when that is not enough by a short hash of the input's absolute
path, ``OUT/2567/a-3f9c2a1b.json``.
The rule depends only on the set of inputs, so a re-run finds the same names.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..output import safe_stem

INPUT_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".txt"})
ERRORS_FILE = "errors.jsonl"


@dataclass(frozen=True)
class Job:
    path: Path    # the input, as given or as found under a folder argument
    target: Path  # where its ita-extract/1 JSON goes

    @property
    def label(self) -> str:
        return str(self.path)


def walk(folder: Path, skip: Path | None) -> list[Path]:
    """Readable-format files under ``folder``, sorted, without hidden ones or ``skip``'s tree."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _same(here / d, skip))
        found.extend(here / f for f in sorted(files)
                     if not f.startswith(".") and Path(f).suffix.lower() in INPUT_SUFFIXES)
    return found


def _same(a: Path, b: Path | None) -> bool:
    try:
        return b is not None and a.resolve() == b.resolve()
    except OSError:
        return False


def plan(args: list[Path], out_dir: Path) -> list[Job]:
    """One :class:`Job` per distinct input file, in argument order, with collision-free targets."""
    seen: set[Path] = set()
    pairs: list[tuple[Path, Path]] = []  # (input, output folder)
    for arg in args:
        if arg.is_dir():
            found = [(p, out_dir / p.parent.relative_to(arg)) for p in walk(arg, out_dir)]
        else:
            found = [(arg, out_dir)]
        for path, folder in found:
            key = _key(path)
            if key not in seen:
                seen.add(key)
                pairs.append((path, folder))
    taken: dict[Path, list[Path]] = {}
    for path, folder in sorted(pairs, key=lambda pf: str(pf[0])):
        taken.setdefault(folder / f"{safe_stem(path.name)}.json", []).append(path)
    names: dict[Path, Path] = {}
    for target, paths in taken.items():
        names[paths[0]] = target
        suffixes = [safe_stem(p.suffix.lstrip(".").lower()) for p in paths[1:]]
        for path, suffix in zip(paths[1:], suffixes):
            name = target.with_name(f"{target.stem}-{suffix}.json")
            if suffix == "document" or suffixes.count(suffix) > 1 or name in taken:
                digest = hashlib.sha1(str(_key(path)).encode("utf-8", "surrogateescape")).hexdigest()[:8]
                name = target.with_name(f"{target.stem}-{digest}.json")
            names[path] = name
    return [Job(path, names[path]) for path, _ in pairs]


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def previous_result(job: Job, sha256: str, version: str) -> dict | None:
    """``job.target``'s JSON when it is a finished extraction of these bytes by this tool version."""
    try:
        doc = json.loads(job.target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict):
        return None
    source, tool = doc.get("source") or {}, doc.get("tool") or {}
    if source.get("sha256") == sha256 and tool.get("version") == version:
        return doc
    return None
