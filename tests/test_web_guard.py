"""`ita serve` cannot be taken down by one upload: a real server process, real hostile files.

A zip-bomb DOCX, a 100-megapixel PNG and a 600-page PDF, uploaded one after
another, each end in a clear refusal (or a limited failure) within 30 s; the
server's own resident memory stays under 1 GB the whole time and its upload
page keeps answering; the seed PDF uploaded right after shows its table and
findings within 10 s. The hostile files are made here (tmp_path).
"""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLES
from live_server import MemoryWatch, descendants, request, rss_mb, serve, upload, wait_job
from test_hostile import long_pdf

SEED_PDF = SAMPLES / "hinlekfai-2568" / "report.pdf"
SAMPLE_DOCX = SAMPLES / "namcho-2567" / "report.docx"
MB = 1024 * 1024
REFUSE_WITHIN = 30.0
SEED_WITHIN = 10.0
MAX_SERVER_RSS_MB = 1024


def zip_bomb_docx(path: Path, unzipped_mb: int = 1200) -> None:
    """A real DOCX (every part of a sample) plus one member of zeros that unzips to ``unzipped_mb``."""
    zero = bytes(MB)
    with zipfile.ZipFile(SAMPLE_DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        with out.open("word/media/image1.bin", "w", force_zip64=True) as bomb:
            for _ in range(unzipped_mb):
                bomb.write(zero)


def big_png(path: Path, side: int = 10_000) -> None:
    """A real, complete side×side greyscale PNG (100 megapixels): a page of white with a black band."""
    from PIL import Image, ImageDraw
    im = Image.new("L", (side, side), 255)
    ImageDraw.Draw(im).rectangle((side // 10, side // 2, side - side // 10, side // 2 + 200), fill=0)
    im.save(path, optimize=False, compress_level=1)
    im.close()


def page_answers(base: str) -> float:
    """Seconds the upload page takes to answer."""
    t = time.monotonic()
    status, _ = request(base, "GET", "/", timeout=10)
    assert status == 200
    return time.monotonic() - t


def test_hostile_uploads_are_refused_and_the_seed_still_reads(tmp_path):
    bomb, png, pdf = tmp_path / "bomb.docx", tmp_path / "huge.png", tmp_path / "long.pdf"
    zip_bomb_docx(bomb)
    big_png(png)
    long_pdf(pdf, pages=600)
    assert bomb.stat().st_size < 5 * MB and sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) > 1000 * MB

    with serve(tmp_path / "serve") as (base, proc), MemoryWatch(proc.pid) as mem:
        expected = {bomb: "zip bomb", png: "megapixels", pdf: "600 pages"}
        for path, word in expected.items():
            t0 = time.monotonic()
            status, body = upload(base, path)
            assert status == 202, body
            job = wait_job(base, body["status_url"], REFUSE_WITHIN + 5)
            took = time.monotonic() - t0
            assert job["state"] == "failed", (path.name, job)
            assert took < REFUSE_WITHIN, (path.name, took)
            assert word in job["error"] and job["error"].startswith("ไม่รับไฟล์นี้ (refused)"), job
            status, html = request(base, "GET", body["result_url"])
            assert status == 422 and job["error"] in html.decode() and "Traceback" not in html.decode()
            assert page_answers(base) < 2.0
            print(f"{path.name}: refused in {took:.1f} s — {job['error']}")

        t0 = time.monotonic()
        status, body = upload(base, SEED_PDF)
        assert status == 202, body
        job = wait_job(base, body["status_url"], SEED_WITHIN + 20)
        took = time.monotonic() - t0
        assert job["state"] == "done", job
        assert job["measures"] >= 5 and job["findings"] >= 1, job
        status, html = request(base, "GET", body["result_url"])
        page = html.decode()
        assert status == 200 and 'id="measure-table"' in page and '<mark id="f' in page
        assert took < SEED_WITHIN, took
        print(f"seed PDF: {job['measures']} measures, {job['findings']} findings in {took:.1f} s")
    print(f"server RSS peak {mem.peak:.0f} MB (with its workers: {mem.peak_tree:.0f} MB)")
    assert 0 < mem.peak < MAX_SERVER_RSS_MB


def test_a_slow_upload_is_stopped_at_its_time_limit_and_the_next_one_runs(tmp_path):
    """A 400-page PDF passes the pre-flight (under 500 pages) but not a 3 s limit: "stopped", not queued forever."""
    pdf = tmp_path / "slow.pdf"
    long_pdf(pdf, pages=400)
    with serve(tmp_path / "serve", "--timeout", "3", "--workers", "1") as (base, proc):
        t0 = time.monotonic()
        _, slow = upload(base, pdf)
        _, seed = upload(base, SEED_PDF.with_name("report.txt"))  # queued behind it (text: well under 3 s)
        job = wait_job(base, slow["status_url"], 60)
        assert job["state"] == "failed" and job["error"].startswith("หยุดอ่าน (stopped)"), job
        assert "3 s" in job["error"] and time.monotonic() - t0 < 30
        assert page_answers(base) < 2.0
        job = wait_job(base, seed["status_url"], 60)
        assert job["state"] == "done", job

        # stopping the server while a document is being read ends its worker too, at once
        long_pdf(pdf, pages=450)
        _, slow = upload(base, pdf)
        deadline = time.monotonic() + 30
        while wait_job(base, slow["status_url"], 0)["state"] != "running" and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        tree = descendants(proc.pid)
        assert tree, "no worker processes under the server"
        t0 = time.monotonic()
        proc.terminate()
        proc.wait(10)
        assert time.monotonic() - t0 < 10
        deadline = time.monotonic() + 10
        while any(rss_mb(p) for p in tree) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in tree if rss_mb(p)], "a worker outlived the server"


def test_the_queue_is_bounded_and_a_full_one_says_busy(tmp_path):
    """One running, one waiting: a third upload is turned away at once (503), nothing of it kept."""
    import json
    import threading

    from extractor.web.app import create_app, jobs_of
    release = threading.Event()
    seed_json = json.loads((SAMPLES.parent / "tests" / "data" / "seed.expected.json").read_text(encoding="utf-8"))

    def slow(path: Path) -> dict:
        assert release.wait(30)
        return seed_json
    app = create_app(upload_root=tmp_path, extractor=slow, workers=1, max_queue=1)
    text = SEED_PDF.with_name("report.txt").read_bytes()
    try:
        c = app.test_client()

        def send():
            from io import BytesIO
            return c.post("/upload", data={"file": (BytesIO(text), "r.txt")}, content_type="multipart/form-data",
                          headers={"Accept": "application/json"})
        first, second, third = send(), send(), send()
        assert [first.status_code, second.status_code] == [202, 202]
        assert third.status_code == 503 and "server busy" in third.get_json()["error"]
        assert len(list(jobs_of(app).root.iterdir())) == 2
        release.set()
        for r in (first, second):
            assert wait_status(c, r.get_json()["status_url"]) == "done"
        assert send().status_code == 202  # room again
    finally:
        release.set()
        jobs_of(app).close()


def wait_status(client, url: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(url).get_json()["state"]
        if state in ("done", "failed"):
            return state
        time.sleep(0.05)
    return "timeout"
