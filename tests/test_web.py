"""The web page through Flask's test client, on real samples and the real pipeline (issue 8).

The seed PDF is uploaded once per module (its extraction takes seconds); the
tests then read its result page, JSON, filters and source link. One OCR test
(the seed's single scanned page) keeps the file under a minute.
"""
from __future__ import annotations

import io
import json
import re
import time
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT, SEED, validate

flask = pytest.importorskip("flask")

from extractor.history.store import connect, index_report  # noqa: E402
from extractor.web.app import create_app, jobs_of  # noqa: E402
from extractor.web.jobs import INTERNAL_ERROR  # noqa: E402
from extractor.web.view import build, locate, page_ranges, snippet_segments  # noqa: E402

SEED_PDF = SEED / "report.pdf"
SEED_DOCX = SEED / "report.docx"
SEED_SCAN_PAGE = SEED / "scan-p5.png"
SEED_TEXT = SEED / "report.txt"
SEED_EXPECTED = SEED / "expected.json"
WAIT_SECONDS = 120


# ---------------------------------------------------------------- helpers

def upload(client, path: Path | None = None, *, data: bytes | None = None, name: str | None = None,
           as_json: bool = True):
    blob = path.read_bytes() if path is not None else data
    headers = {"Accept": "application/json", "X-Requested-With": "fetch"} if as_json else {}
    return client.post("/upload", data={"file": (io.BytesIO(blob), name or path.name)},
                       headers=headers, content_type="multipart/form-data")


def wait(client, status_url: str) -> dict:
    deadline = time.time() + WAIT_SECONDS
    while time.time() < deadline:
        status = client.get(status_url).get_json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"job still running after {WAIT_SECONDS}s: {status}")


def run_upload(client, path: Path, **kw) -> tuple[dict, str]:
    """Upload, wait, and return (status, result page HTML)."""
    r = upload(client, path, **kw)
    assert r.status_code == 202, r.data
    status = wait(client, r.get_json()["status_url"])
    page = client.get(r.get_json()["result_url"])
    return status, page.get_data(as_text=True)


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def marks(html: str) -> dict[str, str]:
    """{finding anchor: highlighted text} for every <mark> of a finding."""
    return {m.group(1): unescape(m.group(2)) for m in
            re.finditer(r'<mark id="(f\d+)"[^>]*>(.*?)</mark>', html, re.S)}


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(upload_root=tmp_path_factory.mktemp("uploads"), ttl=600)
    yield app
    jobs_of(app).close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def seed(client):
    """The seed PDF uploaded once: (status, result HTML, job id)."""
    r = upload(client, SEED_PDF)
    assert r.status_code == 202
    body = r.get_json()
    status = wait(client, body["status_url"])
    html = client.get(body["result_url"]).get_data(as_text=True)
    return status, html, body["id"]


# ---------------------------------------------------------------- upload page and frame

def test_upload_page_is_thai_local_and_locked_down(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'lang="th"' in html and "ตรวจร่างรายงานก่อนเผยแพร่" in html
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    # nothing is fetched from another origin: no absolute URLs in the page or its static files
    static = ROOT / "extractor" / "web" / "static"
    for text in [html] + [p.read_text(encoding="utf-8") for p in static.iterdir()]:
        assert not re.search(r"(src|href)=\"(https?:)?//|url\((https?:)?//|@import", text)
    for name in ("style.css", "print.css", "app.js"):
        assert client.get(f"/static/{name}").status_code == 200


def test_english_switch_by_query_then_cookie(client):
    r = client.get("/?lang=en")
    assert 'lang="en"' in r.get_data(as_text=True) and "Check a draft before publishing" in r.get_data(as_text=True)
    assert "ita_lang=en" in r.headers["Set-Cookie"]
    assert "Check a draft" in client.get("/").get_data(as_text=True)  # the cookie keeps it
    back = client.get("/?lang=th").get_data(as_text=True)
    assert "ตรวจร่างรายงานก่อนเผยแพร่" in back


def test_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


# ---------------------------------------------------------------- the seed PDF

def test_seed_pdf_status_and_table(seed):
    status, html, _ = seed
    assert status["state"] == "done" and status["kind"] == "pdf", status
    assert status["measures"] == 5
    rows = re.findall(r'<tr class="measure-row" id="m(\d+)"', html)
    assert rows == ["1", "2", "3", "4", "5"]
    header = text_of(re.search(r"<thead>.*?</thead>", html, re.S).group(0))
    for col in ("มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ",
                "สรุปผลการดำเนินการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"):
        assert col in header
    assert "กิจกรรมการยกย่องเชิดชูเกียรติ" in text_of(html)
    # memo fields, with the report's own (misspelt) addressee
    memo = text_of(re.search(r'<section class="panel memo".*?</section>', html, re.S).group(0))
    assert "องค์การบริหารส่วนตำบลหินเหล็กไฟ" in memo and "ปข ๗๕๐๐๑/๓๘๙" in memo


def test_seed_pdf_findings_are_marked_in_their_cells(seed):
    status, html, _ = seed
    n = status["findings"]
    assert n >= 1
    assert len(re.findall(r'<li class="finding-item', html)) == n
    # every finding has exactly one place on the page: a highlight or a note carrying its anchor
    anchors = re.findall(r'id="(f\d+)"', html)
    assert sorted(anchors, key=lambda a: int(a[1:])) == [f"f{i}" for i in range(n)]
    marked = marks(html)
    rules = dict(re.findall(r'<li class="finding-item[^"]*" data-finding="(\d+)" data-rule="([^"]+)"', html))
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["findings"]
    assert sorted(rules.values()) == sorted(f["rule"] for f in expected)  # the seed's nine slips
    by_rule = {rules[a[1:]]: text for a, text in marked.items()}
    assert by_rule["known-typo"] == "OR Code"
    assert by_rule["agency-mismatch"] == "องค์การบริหารส่วนตำบลหนองตาแต้ม"
    row2 = re.search(r'<tr class="measure-row" id="m2".*?</tr>', html, re.S).group(0)
    summary = re.search(r'<td class="cell f-summary[^"]*".*?</td>', row2, re.S).group(0)
    assert "OR Code</mark>" in summary and "QR Code" in text_of(summary)  # the note with the suggestion sits in the cell
    row4 = re.search(r'<tr class="measure-row" id="m4".*?</tr>', html, re.S).group(0)
    outcomes = re.search(r'<td class="cell f-outcomes[^"]*".*?</td>', row4, re.S).group(0)
    assert "องค์การบริหารส่วนตำบลหนองตาแต้ม</mark>" in outcomes
    assert "ชื่อหน่วยงานไม่ตรงกับหน่วยงานเจ้าของรายงาน" in text_of(outcomes)
    row5 = re.search(r'<tr class="measure-row" id="m5".*?</tr>', html, re.S).group(0)
    assert re.search(r'<td class="cell f-outcomes flagged', row5)  # the empty cell itself is flagged
    memo = re.search(r'<tr id="memo-addressee">.*?</tr>', html, re.S).group(0)
    assert "นายกองการบริหารส่วนตำบลหินเหล็กไฟ</mark>" in memo and "นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ" in memo


def test_seed_pdf_filters_by_severity_and_rule(client, seed):
    status, html, job_id = seed
    errors = len(re.findall(r'<li class="finding-item sev-error"', html))
    page = client.get(f"/jobs/{job_id}?severity=error").get_data(as_text=True)
    shown = re.findall(r'<li class="finding-item (sev-\w+)"[^>]*>', page)
    hidden = re.findall(r'<li class="finding-item sev-\w+"[^>]*hidden>', page)
    assert len(shown) == status["findings"] and len(shown) - len(hidden) == errors
    assert all("sev-error" in li for li in re.findall(r'<li class="finding-item[^>]*>', page) if "hidden" not in li)
    rule = re.search(r'data-rule="([^"]+)"', html).group(1)
    page = client.get(f"/jobs/{job_id}?rule={rule}").get_data(as_text=True)
    visible = [li for li in re.findall(r'<li class="finding-item[^>]*>', page) if "hidden" not in li]
    assert visible and all(f'data-rule="{rule}"' in li for li in visible)


def test_seed_pdf_json_download_and_page_links(client, seed):
    status, html, job_id = seed
    r = client.get(f"/jobs/{job_id}/report.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert "attachment" in r.headers["Content-Disposition"] and "report.json" in r.headers["Content-Disposition"]
    data = json.loads(r.data)
    validate(data)
    assert data["source"]["file"] == SEED_PDF.name and data["source"]["format"] == "pdf"
    assert len(data["measures"]) == 5 and len(data["findings"]) == status["findings"]
    assert f'href="/jobs/{job_id}/report.json"' in html
    # each measure's pages link into the uploaded PDF itself
    links = re.findall(rf'href="/jobs/{job_id}/source#page=(\d+)"', html)
    assert links and {int(p) for p in links} <= set(range(1, data["source"]["pages"] + 1))
    first = data["measures"][0]["pages"]
    assert str(first[0]) in links
    src = client.get(f"/jobs/{job_id}/source")
    assert src.status_code == 200 and src.mimetype == "application/pdf" and src.data[:5] == b"%PDF-"


def test_print_stylesheet_is_linked_for_the_summary(seed):
    _, html, _ = seed
    assert 'media="print"' in html and 'data-action="print"' in html


# ---------------------------------------------------------------- other inputs

def test_docx_draft(client):
    status, html = run_upload(client, SEED_DOCX)
    assert status["state"] == "done", status
    assert len(re.findall(r'<tr class="measure-row"', html)) == 5
    assert "source#page=" not in html  # a DOCX has no pages to link to
    assert "<b>docx</b>" in html


def test_plain_text_report(client):
    status, html = run_upload(client, SEED_TEXT)
    assert status["state"] == "done" and status["measures"] == 5, status
    assert "<b>text</b>" in html and "source#page=" not in html
    assert len(re.findall(r'<li class="finding-item', html)) == status["findings"]


def test_scanned_page_is_read_by_ocr(client):
    status, html = run_upload(client, SEED_SCAN_PAGE)
    assert status["state"] == "done" and status["kind"] == "image", status
    assert "อ่านด้วย OCR" in html
    assert status["measures"] >= 1 and len(re.findall(r'<tr class="measure-row"', html)) == status["measures"]


# ---------------------------------------------------------------- bad input, limits, expiry

def test_binary_garbage_is_refused_with_the_cli_message(client):
    r = upload(client, data=b"\x00\x01\x02\x03" * 100, name="virus.pdf", as_json=False)
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "ไม่ใช่เอกสารที่อ่านได้" in html and 'role="alert"' in html
    r = upload(client, data=b"\x00\x01\x02\x03" * 100, name="virus.pdf")
    assert r.status_code == 400 and "binary data" in r.get_json()["error"]
    assert client.get("/").status_code == 200


def test_hostile_files_fail_cleanly_and_escape_their_text(client):
    # a fake PDF: passes the magic-byte check, fails in the PDF reader
    status, html = run_upload(client, None, data=b"%PDF-1.7\n" + b"\xde\xad\xbe\xef" * 500, name="fake.pdf")
    assert status["state"] == "failed" and status["error"], status
    assert status["error"] in text_of(html) and "Traceback" not in html
    # markup in a text upload is shown as text, never run
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)> ไม่ใช่รายงาน".encode()
    status, html = run_upload(client, None, data=payload, name="<i>evil<i>.txt")
    assert status["state"] == "failed"
    assert "<script>alert" not in html and "<img src=x" not in html and "<i>evil" not in html
    assert "&lt;i&gt;evil&lt;i&gt;.txt" in html
    assert client.get("/").status_code == 200


def test_empty_request_and_empty_file(client):
    r = client.post("/upload", data={}, content_type="multipart/form-data")
    assert r.status_code == 400 and "กรุณาเลือกไฟล์ก่อน" in r.get_data(as_text=True)
    r = upload(client, data=b"", name="empty.pdf")
    assert r.status_code == 400 and "ไฟล์ว่างเปล่า" in r.get_json()["error"]


def test_size_limit(tmp_path):
    small = create_app(max_mb=0.01, upload_root=tmp_path)  # 10 KB
    try:
        c = small.test_client()
        r = upload(c, SEED_PDF, as_json=False)  # 64 KB
        assert r.status_code == 413
        assert "ไฟล์ใหญ่เกินกำหนด (0.01 MB)" in r.get_data(as_text=True)
        r = upload(c, SEED_PDF)
        assert r.status_code == 413 and "file too large" in r.get_json()["error"]
        assert list(jobs_of(small).root.iterdir()) == []  # nothing stored
        assert 'data-max-bytes="10485"' in c.get("/").get_data(as_text=True)
        assert c.get("/").status_code == 200
    finally:
        jobs_of(small).close()
    assert not jobs_of(small).root.exists()


def test_uploads_get_generated_names_and_expire(tmp_path):
    app = create_app(upload_root=tmp_path, ttl=60, extractor=lambda p: json.loads(SEED_EXPECTED.read_text()))
    try:
        c = app.test_client()
        r = upload(c, SEED_TEXT, name="../../etc/passwd.txt")
        job_id = r.get_json()["id"]
        wait(c, r.get_json()["status_url"])
        stored = list(jobs_of(app).root.iterdir())
        assert [p.name for p in stored] == [f"{job_id}.txt"]
        assert (jobs_of(app).root.stat().st_mode & 0o777) == 0o700
        assert c.get(f"/jobs/{job_id}").status_code == 200
        assert jobs_of(app).purge(now=time.time() + 61) == 1
        assert not stored[0].exists()
        assert c.get(f"/jobs/{job_id}").status_code == 404
        assert c.get(f"/jobs/{job_id}/status").status_code == 404
        assert c.get("/jobs/not-a-job/report.json").status_code == 404
    finally:
        jobs_of(app).close()


def test_expired_uploads_go_without_any_visit(tmp_path):
    app = create_app(upload_root=tmp_path, ttl=0.5, extractor=lambda p: json.loads(SEED_EXPECTED.read_text()))
    try:
        c = app.test_client()
        r = upload(c, SEED_TEXT, name="เอกสาร/ร่าง/ร่างรายงาน.txt")
        status = wait(c, r.get_json()["status_url"])
        assert status["file"] == "ร่างรายงาน.txt"
        stored = jobs_of(app).root / f"{status['id']}.txt"
        deadline = time.time() + 10
        while stored.exists() and time.time() < deadline:
            time.sleep(0.2)  # no request in between: the janitor thread removes it
        assert not stored.exists()
    finally:
        jobs_of(app).close()


def test_progress_page_while_running_then_result(tmp_path):
    import threading
    release = threading.Event()

    def slow(path: Path) -> dict:
        assert release.wait(30)
        return json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    app = create_app(upload_root=tmp_path, extractor=slow)
    try:
        c = app.test_client()
        r = upload(c, SEED_TEXT, as_json=False)  # the no-script form post
        assert r.status_code == 303 and r.headers["Location"].startswith("/jobs/")
        job_url = r.headers["Location"]
        page = c.get(job_url).get_data(as_text=True)
        assert 'id="progress"' in page and f'data-status-url="{job_url}/status"' in page
        assert 'http-equiv="refresh"' in page  # without script the page reloads itself
        assert c.get(job_url + "/status").get_json()["state"] in ("queued", "running")
        assert c.get(job_url + "/report.json").status_code == 404  # not ready yet
        release.set()
        assert wait(c, job_url + "/status")["state"] == "done"
        assert 'id="measure-table"' in c.get(job_url).get_data(as_text=True)
    finally:
        release.set()
        jobs_of(app).close()


def test_a_crashing_stage_is_reported_and_the_server_keeps_serving(tmp_path):
    def broken(path: Path) -> dict:
        raise RuntimeError("boom")
    app = create_app(upload_root=tmp_path, extractor=broken)
    try:
        c = app.test_client()
        status, html = run_upload(c, SEED_TEXT)
        assert status["state"] == "failed" and status["error"] == INTERNAL_ERROR
        assert "เกิดข้อผิดพลาดภายใน" in html and "boom" not in html
        assert c.get("/").status_code == 200
    finally:
        jobs_of(app).close()


# ---------------------------------------------------------------- search (--db)

@pytest.fixture(scope="module")
def store_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "history.sqlite"
    conn = connect(db)
    index_report(conn, json.loads(SEED_EXPECTED.read_text(encoding="utf-8")))
    conn.close()
    app = create_app(db=db, upload_root=tmp_path_factory.mktemp("uploads2"))
    yield app
    jobs_of(app).close()


def test_search_page_highlights_and_links_to_the_stored_report(store_app):
    c = store_app.test_client()
    page = c.get("/search").get_data(as_text=True)
    assert 'name="q"' in page and "องค์การบริหารส่วนตำบลหินเหล็กไฟ" in page  # agency choices
    assert '<option value="2568"' in page
    r = c.get("/search?q=หนองตาแต้ม")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and '<ol class="hits"' in html
    assert re.search(r"<mark>[^<]*หนองตาแต้ม[^<]*</mark>", html)
    link = re.search(r'href="(/reports/(\d+))(#m4)?"', html)
    assert link
    stored = c.get(link.group(1)).get_data(as_text=True)
    assert len(re.findall(r'<tr class="measure-row"', stored)) == 5
    assert "รายงานที่เก็บไว้" in stored
    js = c.get(f"/reports/{link.group(2)}.json")
    assert js.status_code == 200 and len(json.loads(js.data)["measures"]) == 5


def test_search_filters(store_app):
    c = store_app.test_client()
    html = c.get("/search?q=&rule=known-typo&year=๒๕๖๘").get_data(as_text=True)
    assert '<li class="hit">' in html
    html = c.get("/search?q=คุณธรรม&year=2560").get_data(as_text=True)
    assert 'id="search-none"' in html
    html = c.get("/search?q=คุณธรรม&agency=เทศบาลนครไม่มีจริง").get_data(as_text=True)
    assert "ไม่พบหน่วยงาน" in html
    html = c.get("/search?year=abc").get_data(as_text=True)
    assert "ปีงบประมาณไม่ถูกต้อง" in html
    assert c.get("/reports/999").status_code == 404


def test_search_is_off_without_a_store(client):
    r = client.get("/search")
    assert r.status_code == 404 and "--db" in r.get_data(as_text=True)
    assert 'href="/search"' not in client.get("/").get_data(as_text=True)


def test_missing_store_fails_at_start(tmp_path):
    from extractor.errors import UnusableInput
    with pytest.raises(UnusableInput):
        create_app(db=tmp_path / "none.sqlite", upload_root=tmp_path)


# ---------------------------------------------------------------- the layout functions

def test_locate_ignores_whitespace_and_case():
    assert locate("สแกน OR Code ได้", "OR Code") == (5, 12)
    assert locate("สแกน OR  Code ได้", "or code") == (5, 13)
    assert locate("องค์การบริหาร ส่วนตำบล", "บริหารส่วน") == (7, 18)
    assert locate("abc", "xyz") is None and locate("abc", "  ") is None


def test_low_ocr_confidence_cells_are_shown_as_doubtful():
    report = {"measures": [{"number": 1, "measure": "ก", "methods": ["ข"], "confidence": {"measure": 0.95, "methods": 0.5}}]}
    cells = {c.field: c for c in build(report).rows[0].cells}
    assert not cells["measure"].doubtful and cells["methods"].doubtful and cells["summary"].confidence is None


def test_page_ranges_and_snippets():
    assert page_ranges([4, 5, 6, 7, 9]) == [(4, 7), (9, 9)]
    assert page_ranges([]) == []
    assert snippet_segments("ก ข ค", [[2, 3]]) == [("ก ", None), ("ข", 1), (" ค", None)]


def test_view_places_memo_row_and_orphan_findings():
    report = {"source": {}, "document": {"addressee": "นายกองการบริหาร", "subject": "เรื่องหนึ่ง"},
              "measures": [{"number": 1, "measure": "ก", "methods": ["ข้อหนึ่ง", "ข้อสอง OR Code"],
                            "responsible": [], "period": {"text": None}, "summary": [], "outcomes": [],
                            "pages": [2]}],
              "findings": [
                  {"rule": "agency-name", "severity": "error", "message": "m", "measure": None,
                   "field": "addressee", "text": "นายกองการบริหาร"},
                  {"rule": "known-typo", "severity": "error", "message": "m", "measure": 1,
                   "field": "methods", "text": "OR Code", "suggestion": "QR Code"},
                  {"rule": "empty-cell", "severity": "error", "message": "m", "measure": 1,
                   "field": "summary", "text": ""},
                  {"rule": "numbering", "severity": "warning", "message": "m", "measure": 7,
                   "field": None, "text": "๗."},
                  {"rule": "repeated-phrase", "severity": "warning", "message": "m", "measure": None,
                   "field": None, "text": "ไม่อยู่ในช่องใด"}]}
    v = build(report)
    assert [f.placed for f in v.findings] == ["memo", "cell", "cell", "report", "memo"]
    assert [f.marked for f in v.findings] == [True, True, False, False, False]
    methods = v.rows[0].cells[1]
    assert methods.items[1] == [("ข้อสอง ", None), ("OR Code", 1)] and methods.notes == [1]
    assert v.rows[0].cells[4].flagged and v.report_notes == [3] and v.memo_notes == [4]
    assert v.counts == {"error": 3, "warning": 2, "info": 0}
    assert v.rules == ["agency-name", "empty-cell", "known-typo", "numbering", "repeated-phrase"]
