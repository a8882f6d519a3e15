"""A batch of 50 mixed inputs through the real CLI: 40 outputs, 10 clear error records.

Good inputs are copies of samples/*/report.{pdf,txt,docx} under nested folders,
a PDF and a text (or DOCX) report side by side with the same stem in each
folder, so output naming is exercised too; hostile ones come from
tests/test_hostile.py. OCR inputs are left out to keep this file fast.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SAMPLES, validate
from test_hostile import build_hostile, check_record

HAS_DOCX = (ROOT / "extractor" / "read" / "docx.py").exists()


def good_sources() -> tuple[list[Path], list[Path]]:
    """(born-digital PDFs, text and DOCX reports) from samples/."""
    pdfs = sorted(SAMPLES.glob("*/report.pdf"))
    others = sorted(SAMPLES.glob("*/report.txt")) + (sorted(SAMPLES.glob("*/report.docx")) if HAS_DOCX else [])
    assert pdfs and others
    return pdfs, others


def build_good(folder: Path, n: int) -> list[Path]:
    """``n`` good inputs, two per folder (``report.pdf`` + ``report.txt|docx``), nested two deep."""
    pdfs, others = good_sources()
    made = []
    for i in range(n):
        src = pdfs[(i // 2) % len(pdfs)] if i % 2 == 0 else others[(i // 2) % len(others)]
        dest = folder / f"region-{(i // 2) % 3}" / f"agency-{i // 2:02d}" / f"report{src.suffix}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(src.read_bytes())
        made.append(dest)
    return made


def cli(*args: str) -> list[str]:
    return [sys.executable, "cli.py", *args]


def outputs(out: Path) -> dict[Path, int]:
    """Every output JSON (not hidden temp files) → its mtime in ns."""
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.json") if not p.name.startswith(".")}


def test_fifty_inputs_forty_outputs_ten_clear_errors(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    good = build_good(src / "good", 40)
    expect = build_hostile(src / "hostile")
    t0 = time.monotonic()
    p = subprocess.run(cli("extract", str(src), "-o", str(out), "-j", "2", "--max-pages", "200"),
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - t0
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr + p.stdout
    assert "done 40, skipped 0, failed 10" in p.stderr, p.stderr[-2000:]

    got = outputs(out)
    assert len(got) == 40
    for path in got:
        doc = json.loads(path.read_text(encoding="utf-8"))
        validate(doc)
        assert doc["measures"], path
        assert path.relative_to(out).parts[0] == "good"  # the input folders are mirrored
    # report.pdf beside report.txt|docx: one keeps the plain name, the other is told apart by extension
    folders = {f.relative_to(src).parent for f in good}
    assert len(folders) == 20
    for rel in folders:
        names = {p.name for p in (out / rel).glob("*.json")}
        assert names in ({"report.json", "report-pdf.json"}, {"report.json", "report-txt.json"}), names

    records = [json.loads(ln) for ln in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["file"]).name for r in records) == sorted(expect)
    for r in records:
        check_record(r)
        assert len(r["sha256"]) == 64
    assert elapsed < 240, f"batch of 50 took {elapsed:.0f} s"
