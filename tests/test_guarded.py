"""One guarded path for every command: pre-flight in read(), then an isolated, limited worker.

``check``, ``text`` and ``index`` refuse the same hostile files as ``extract`` with
the same one line, and stop at the same time limit; the worker's JSON is
byte-for-byte the in-process pipeline's.
"""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import ROOT, SAMPLES
from extractor.batch.pool import run_guarded
from extractor.errors import UnusableInput
from extractor.options import DEFAULT
from extractor.output import dumps
from extractor.pipeline import extract
from extractor.read import read
from test_hostile import long_pdf
from test_web_guard import big_png, zip_bomb_docx

TXT = SAMPLES / "namcho-2567" / "report.txt"


def cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    zip_bomb_docx(d / "bomb.docx", unzipped_mb=300)
    big_png(d / "huge.png")
    long_pdf(d / "long.pdf", pages=600)
    return {d / "bomb.docx": "zip bomb", d / "huge.png": "megapixels", d / "long.pdf": "600 pages"}


def test_the_worker_gives_the_pipelines_json_byte_for_byte():
    result = run_guarded(TXT, warm=False)
    assert result.ok and result.measures > 0
    assert result.json == dumps(extract(TXT).to_json())


def test_preflight_is_inside_read(hostile):
    for path, word in hostile.items():
        with pytest.raises(UnusableInput, match=word):
            read(path)
    limits = DEFAULT.limits.with_overrides(max_unzipped_mb=2000, max_pixels=200_000_000, max_pages=1000)
    assert DEFAULT.replace(limits=limits).limits.max_pages == 1000


@pytest.mark.parametrize("command", ["check", "text", "index"])
def test_every_command_refuses_hostile_files_in_one_line(command, hostile, tmp_path):
    for path, word in hostile.items():
        args = [command, str(path)] + (["--db", str(tmp_path / "h.sqlite")] if command == "index" else [])
        p = cli(*args)
        assert p.returncode == 2, (command, path.name, p.stderr)
        assert word in p.stderr and "Traceback" not in p.stderr, (command, p.stderr)


@pytest.mark.parametrize("command", ["check", "text"])
def test_every_command_stops_at_its_time_limit(command, tmp_path):
    slow = tmp_path / "slow.pdf"
    long_pdf(slow, pages=400)
    t0 = time.monotonic()
    p = cli(command, str(slow), "--timeout", "2")
    assert time.monotonic() - t0 < 60
    assert p.returncode == 2 and "timed out after 2 s" in p.stderr, p.stderr


def test_a_scanned_page_too_big_to_render_is_refused_before_drawing(tmp_path):
    """One 2 m × 2 m image-only page: at 300 dpi it would be 560 megapixels; refused, never rendered."""
    import pypdfium2 as pdfium
    from PIL import Image
    Image.new("L", (400, 400), 128).save(tmp_path / "grey.jpg")
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(5700, 5700)
    image = pdfium.PdfImage.new(pdf)
    image.load_jpeg(str(tmp_path / "grey.jpg"))
    image.set_matrix(pdfium.PdfMatrix().scale(5700, 5700))
    page.insert_obj(image)
    page.gen_content()
    pdf.save(str(tmp_path / "poster.pdf"))
    t0 = time.monotonic()
    with pytest.raises(UnusableInput, match="page 1 would render to over 60 megapixels"):
        read(tmp_path / "poster.pdf")
    assert time.monotonic() - t0 < 10
