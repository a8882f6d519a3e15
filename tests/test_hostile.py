"""Hostile inputs: each one a clear one-line Thai/English reason, exit status 2, never a traceback.

The files are made here from real parts (a sample PDF cut short or encrypted
with qpdf, a PNG header claiming 30000×30000 pixels, a 500-page PDF built with
pypdfium2 from a real page, random bytes) and run through the real CLI, one
batch for all of them, so the worker isolation is tested too. ``build_hostile``
is shared with tests/test_batch.py.
"""
from __future__ import annotations

import json
import random
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

SAMPLE_PDF = SAMPLES / "namcho-2567" / "report.pdf"
SAMPLE_DOCX = SAMPLES / "namcho-2567" / "report.docx"
THAI = set(chr(c) for c in range(0x0E01, 0x0E5C))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A valid PNG header for a huge grey image, with one tiny compressed row: a decompression bomb."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1))) + _png_chunk(b"IEND", b""))


def blank_png(path: Path) -> None:
    from PIL import Image
    Image.new("L", (800, 600), 255).save(path, format="PNG")


def long_pdf(path: Path, pages: int = 500) -> None:
    """``pages`` copies of a real report's first page, written by pdfium (fast, a few hundred KB)."""
    import pypdfium2 as pdfium
    src = pdfium.PdfDocument(str(SAMPLE_PDF))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0] * pages)
    out.save(str(path))
    out.close()
    src.close()


def build_hostile(folder: Path) -> dict[str, str]:
    """Write the hostile inputs into ``folder``; return {file name: a word its reason must contain}."""
    folder.mkdir(parents=True, exist_ok=True)
    data = SAMPLE_PDF.read_bytes()
    (folder / "zero-byte.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                    str(SAMPLE_PDF), str(folder / "encrypted.pdf")], check=True)
    blank_png(folder / "png-named.pdf")  # wrong extension: sniffed as an image, OCR finds no text
    (folder / "bomb.png").write_bytes(bomb_png())
    long_pdf(folder / "five-hundred-pages.pdf")
    (folder / "english.txt").write_text(
        "Annual report of the Springfield water board.\nThe board met four times this year "
        "and approved the budget.\n", encoding="utf-8")
    (folder / "thai-no-table.txt").write_text(
        "วันนี้อากาศแจ่มใส ชาวบ้านออกมาทำบุญตักบาตรที่วัดประจำหมู่บ้าน\n"
        "หลังจากนั้นได้ร่วมกันทำความสะอาดลานวัดและปลูกต้นไม้\n", encoding="utf-8")
    (folder / "garbage.txt").write_bytes(random.Random(7).randbytes(4096) + b"\x00")
    (folder / "truncated.docx").write_bytes(SAMPLE_DOCX.read_bytes()[:5000])
    return {"zero-byte.pdf": "empty", "truncated.pdf": "PDF", "encrypted.pdf": "encrypted",
            "png-named.pdf": "text", "bomb.png": "megapixels", "five-hundred-pages.pdf": "500 pages",
            "english.txt": "memo", "thai-no-table.txt": "memo", "garbage.txt": "binary",
            "truncated.docx": "DOCX"}


def run_cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def check_record(rec: dict) -> None:
    """A clear error record: the fields of the contract, a one-line Thai (English) reason."""
    assert set(rec) >= {"file", "sha256", "reason", "kind", "time"}, rec
    assert rec["kind"] in {"unusable", "crash", "timeout", "memory"}, rec
    reason = rec["reason"]
    assert reason and "\n" not in reason and "Traceback" not in reason, rec
    assert THAI & set(reason) and "(" in reason and reason.rstrip().endswith(")"), rec


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    expect = build_hostile(base / "in")
    p = run_cli("extract", str(base / "in"), "-o", str(base / "out"), "-j", "2", "--max-pages", "200")
    records = [json.loads(ln) for ln in (base / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return base, expect, p, {Path(r["file"]).name: r for r in records}


def test_every_hostile_input_is_one_clear_record(hostile_run):
    base, expect, p, records = hostile_run
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout
    assert set(records) == set(expect), p.stderr
    for name, word in expect.items():
        check_record(records[name])
        assert word.lower() in records[name]["reason"].lower(), records[name]
    assert not list((base / "out").rglob("*.json")), "a hostile input produced an output"


def test_hostile_inputs_are_refused_not_crashed(hostile_run):
    """Each case is a reader's clear refusal ("unusable"), not an exception caught by the batch."""
    _, _, _, records = hostile_run
    crashed = {name: r["reason"] for name, r in records.items() if r["kind"] != "unusable"}
    assert not crashed, crashed


def test_each_failure_is_one_plain_progress_line(hostile_run):
    _, expect, p, _ = hostile_run
    failed = [ln for ln in p.stderr.splitlines() if ln.startswith("[") and " failed " in ln]
    assert len(failed) == len(expect), p.stderr
    assert "done 0, skipped 0, failed 10" in p.stderr  # the summary


@pytest.mark.parametrize("name", ["zero-byte.pdf", "encrypted.pdf", "garbage.txt"])
def test_single_file_to_stdout_fails_cleanly(hostile_run, name):
    base, _, _, _ = hostile_run
    p = run_cli("extract", str(base / "in" / name), "-o", "-", timeout=120)
    assert p.returncode == 2 and p.stdout == ""
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_wrong_extension_good_report_is_read_by_its_bytes(tmp_path):
    """A real PDF report named .txt is still read as a PDF: the readers sniff bytes, not names."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE_PDF, src / "report-really-a-pdf.txt")
    p = run_cli("extract", str(src), "-o", str(tmp_path / "out"))
    assert p.returncode == 0, p.stderr
    doc = json.loads((tmp_path / "out" / "report-really-a-pdf.json").read_text(encoding="utf-8"))
    assert doc["source"]["format"] == "pdf" and len(doc["measures"]) > 0
