#!/usr/bin/env python3
"""Install the package as a user would, and check it works from anywhere (issue 12).

Builds the wheel, installs it with its dependencies into a fresh virtualenv outside
the checkout, then, from an empty temporary folder (so nothing of the checkout can
be imported or read):

- ``ita check --json`` on the seed PDF must give exactly the seed's nine findings
  (rule, measure and field, as in samples/hinlekfai-2568/expected.json), exit 1;
- ``ita extract`` on a scanned page must give JSON valid against the schema the
  wheel carries.

A data file left out of the wheel (rule YAML, the gazetteer, the OCR lexicon, the
schema, web templates) fails here. Run by scripts/test.sh; ~1–2 min (pip reuses its
cache). ``--keep DIR`` builds in DIR and leaves it.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "hinlekfai-2568"
SCAN = SEED / "scan-p5.png"  # one page of the seed's office scan
# what the running package reads, by path inside the wheel
DATA = ["extractor/ita-extract-1.schema.json", "extractor/rules/data/rules.yaml",
        "extractor/rules/data/typos.yaml", "extractor/rules/data/agencies.yaml",
        "extractor/rules/data/ita-levels.yaml", "extractor/rules/data/thai-local-authorities.json",
        "extractor/read/ocr/lexicon.yaml", "extractor/web/templates/", "extractor/web/static/"]
VALIDATE = ("import json, sys, jsonschema, extractor\n"
            "from extractor.resources import SCHEMA_FILE\n"
            "doc = json.load(sys.stdin)\n"
            "jsonschema.validate(doc, json.loads(SCHEMA_FILE.read_text(encoding='utf-8')))\n"
            "print(extractor.__file__, doc['source']['format'], len(doc['measures']), 'measures')\n")


T0 = time.monotonic()


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, text=True, capture_output=True, **kw)


def say(msg: str) -> None:
    print(f"wheel_check [{time.monotonic() - T0:4.0f} s]: {msg}", flush=True)


def must(p: subprocess.CompletedProcess, what: str, codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    if p.returncode not in codes:
        sys.exit(f"wheel_check: {what} failed (exit {p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p


def build_wheel(dist: Path) -> Path:
    must(run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(dist)]), "pip wheel")
    wheel = next(dist.glob("ita_extract-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    missing = [d for d in DATA if not any(n == d or (d.endswith("/") and n.startswith(d)) for n in names)]
    if missing:
        sys.exit(f"wheel_check: the wheel lacks {missing}")
    if any(n.startswith(("rules/", "tests/", "samples/")) for n in names):
        sys.exit("wheel_check: the wheel carries repository folders outside the package")
    return wheel


def install(wheel: Path, env_dir: Path) -> Path:
    """A fresh virtualenv (no pip of its own: this pip installs into it) with the wheel and its deps."""
    venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
    py = env_dir / "bin" / "python"
    must(run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-compile",
              "--disable-pip-version-check", str(wheel)]), "pip install of the wheel")
    return env_dir / "bin"


def key(f: dict) -> tuple:
    return f["rule"], f.get("measure"), f.get("field")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    a = ap.parse_args()
    tmp = Path(a.keep or tempfile.mkdtemp(prefix="ita-wheel-"))
    tmp.mkdir(parents=True, exist_ok=True)
    if ROOT.resolve() in tmp.resolve().parents:
        sys.exit("wheel_check: the work folder must be outside the checkout")
    try:
        wheel = build_wheel(tmp / "dist")
        say(f"built {wheel.name}")
        bin_dir = install(wheel, tmp / "venv")
        say(f"installed it with its dependencies in {tmp / 'venv'}")
        work = tmp / "elsewhere"
        work.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["XDG_CACHE_HOME"] = str(tmp / "cache")  # a new user: no dictionary cache yet
        pdf = work / "report.pdf"
        shutil.copyfile(SEED / "report.pdf", pdf)  # read from here: the checkout is not involved

        p = must(run([str(bin_dir / "ita"), "check", "--json", str(pdf)], cwd=work, env=env),
                 "ita check on the seed PDF", codes=(1,))
        got = Counter(key(f) for f in json.loads(p.stdout))
        want = Counter(key(f) for f in json.loads((SEED / "expected.json").read_text(encoding="utf-8"))["findings"])
        if got != want:
            sys.exit(f"wheel_check: seed findings differ\n  missing: {sorted((want - got).elements())}\n"
                     f"  extra:   {sorted((got - want).elements())}")
        say(f"installed `ita check`, run from {work}, gives the seed's {sum(want.values())} findings")

        scan = work / SCAN.name
        shutil.copyfile(SCAN, scan)
        p = must(run([str(bin_dir / "ita"), "extract", str(scan), "-o", "-"], cwd=work, env=env,
                     timeout=600), "ita extract on a scan")
        v = must(run([str(bin_dir / "python"), "-c", VALIDATE], cwd=work, env=env, input=p.stdout),
                 "schema validation of the scan's JSON")
        where = v.stdout.split()[0]
        if ROOT.resolve() in Path(where).resolve().parents:
            sys.exit(f"wheel_check: the installed ita ran the checkout's code ({where})")
        say(f"installed `ita extract` on a scan gives valid ita-extract/1 "
            f"({' '.join(v.stdout.split()[1:])}); package at {where}")
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    say("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
