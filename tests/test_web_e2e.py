"""The web page in a real browser: headless Chromium drives `cli.py serve` over loopback (issue 8).

Uses Debian's chromium + chromium-driver through selenium; nothing is
downloaded (the driver path is given, Selenium Manager is kept offline). Skips
only when chromium or its driver is not installed. Saves the result page as
docs/web-screenshot.png.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SEED_PDF = SEED / "report.pdf"
SCREENSHOT = ROOT / "docs" / "web-screenshot.png"
SEED_FINDINGS = 9      # the seed's expected.json: the rules and the PDF reader must find all nine
EXTRACT_TIMEOUT = 120  # seconds for one upload to be read on a busy 2-core machine
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1500,1000", "--lang=th"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`cli.py serve` on a free loopback port; its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    tmp = tmp_path_factory.mktemp("serve-tmp")  # the server's upload folder goes here, and must go away
    env = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONUNBUFFERED="1", TMPDIR=str(tmp))
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {log.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("server did not start in 30 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        left = [p.name for p in tmp.glob("ita-web-*")]
        assert not left, f"upload folder left behind after SIGTERM: {left}"


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch a driver
    profile = tempfile.mkdtemp(prefix="ita-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def upload(browser, base: str, path: Path) -> None:
    browser.get(base + "/?lang=th")
    browser.find_element(By.ID, "file-input").send_keys(str(path))
    assert browser.find_element(By.ID, "chosen-file").text == path.name
    browser.find_element(By.ID, "upload-submit").click()


def test_upload_seed_pdf_and_see_table_and_findings(server, browser):
    upload(browser, server, SEED_PDF)
    WebDriverWait(browser, EXTRACT_TIMEOUT).until(EC.presence_of_element_located((By.ID, "measure-table")))
    assert "/jobs/" in browser.current_url

    rows = browser.find_elements(By.CSS_SELECTOR, "#measure-table tr.measure-row")
    assert [r.get_attribute("data-number") for r in rows] == ["1", "2", "3", "4", "5"]
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#measure-table thead th")]
    assert "มาตรการ/กิจกรรม" in headers and "ผลลัพธ์หรือความสำเร็จของการดำเนินการ" in headers

    items = browser.find_elements(By.CSS_SELECTOR, "#finding-list li.finding-item")
    # every finding is on the page in place: a highlight in its cell or a note on its cell / memo section
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.finding")
    anchored_notes = browser.find_elements(By.CSS_SELECTOR, "aside.note[id]")
    placed = {e.get_attribute("id") for e in marks + anchored_notes}
    assert placed == {f"f{i}" for i in range(len(items))}
    assert len(items) == SEED_FINDINGS, [i.get_attribute("data-rule") for i in items]
    assert any(m.text == "OR Code" for m in marks)
    typo = next(m for m in marks if m.text == "OR Code")
    cell = typo.find_element(By.XPATH, "ancestor::td[1]")
    assert "QR Code" in cell.find_element(By.CSS_SELECTOR, "aside.note").text
    assert cell.find_element(By.XPATH, "ancestor::tr[1]").get_attribute("data-number") == "2"

    # the severity filter hides other findings at once (JS, no reload)
    errors = [i for i in items if i.get_attribute("data-severity") == "error"]
    Select(browser.find_element(By.ID, "filter-severity")).select_by_value("error")
    visible = [i for i in browser.find_elements(By.CSS_SELECTOR, "#finding-list li.finding-item") if i.is_displayed()]
    assert len(visible) == len(errors) and "severity=error" in browser.current_url
    Select(browser.find_element(By.ID, "filter-severity")).select_by_value("")

    # a measure's page links open the uploaded PDF at that page
    link = rows[0].find_element(By.CSS_SELECTOR, "td.col-pages a")
    assert "/source#page=" in link.get_attribute("href")

    # the screenshot for docs/web.md: the measure table with its marks and notes
    browser.set_window_size(1500, 1750)
    browser.execute_script("document.getElementById('measures').scrollIntoView()")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 50_000
    browser.set_window_size(1500, 1000)

    # the English switch keeps the page and changes the words
    browser.find_element(By.ID, "lang-switch").click()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "findings"), "All findings"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#measure-table tr.measure-row")) == 5
    browser.get(server + "/?lang=th")


def test_bad_file_shows_the_reason_and_server_keeps_serving(server, browser, tmp_path):
    bad = tmp_path / "not-a-report.pdf"
    bad.write_bytes(b"\x00\x01binary\x00" * 200)
    upload(browser, server, bad)
    WebDriverWait(browser, 20).until(EC.visibility_of_element_located((By.ID, "upload-error")))
    assert "ไม่ใช่เอกสารที่อ่านได้" in browser.find_element(By.ID, "upload-error").text
    browser.get(server + "/")
    assert browser.find_element(By.ID, "upload-form")
