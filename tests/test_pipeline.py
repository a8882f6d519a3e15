"""End to end on the seed text: the JSON contract, the scores, and the CLI's exit codes."""
import json
import subprocess
import sys

import pytest

from conftest import DATA, ROOT, score, validate
from extractor.errors import UnusableInput
from extractor.pipeline import extract


def test_seed_text_matches_expected(seed_expected):
    got = extract(DATA / "seed.txt").to_json()
    validate(got)
    r = score(seed_expected, got)
    assert r["cell_similarity"] >= 0.99, r
    assert r["item_counts"] == 1.0 and r["doc_fields"] == 1.0, r
    assert got["source"]["format"] == "text" and got["source"]["pages"] is None
    assert len(got["source"]["sha256"]) == 64
    assert [s["name"] for s in got["document"]["signatories"]] == \
        [s["name"] for s in seed_expected["document"]["signatories"]]
    assert got["document"]["division"] == seed_expected["document"]["division"]


def test_memo_only_document_gives_fields_and_no_table_info(tmp_path):
    memo = tmp_path / "memo.txt"
    memo.write_text("บันทึกข้อความ\nส่วนราชการ กองคลัง เทศบาลตำบลบ้านนา\nที่ นย ๕๒๐๐๑/๑๒๓ วันที่ ๕ มี.ค. ๖๗\n"
                    "เรื่อง ขออนุญาตเผยแพร่ข้อมูล\nเรียน นายกเทศมนตรีตำบลบ้านนา\n", encoding="utf-8")
    got = extract(memo).to_json()
    validate(got)
    assert got["measures"] == [] and got["document"]["agency"] == "เทศบาลตำบลบ้านนา"
    assert got["document"]["date"] == "2024-03-05"
    assert [f["rule"] for f in got["findings"] if f["severity"] == "info"].count("no-table") == 1


@pytest.mark.parametrize("content", [b"", b"   \n", b"\x00\x01\x02binary", "สวัสดีครับ ไม่ใช่รายงาน".encode()])
def test_unusable_inputs_raise(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(UnusableInput):
        extract(bad)


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "cli.py", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_cli_extract_stdout_and_folder(tmp_path):
    p = run_cli("extract", str(DATA / "seed.txt"), "-o", "-")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    validate(doc)
    assert len(doc["measures"]) == 5
    p = run_cli("extract", str(DATA / "seed.txt"), "-o", str(tmp_path))
    assert p.returncode == 0, p.stderr
    assert json.loads((tmp_path / "seed.json").read_text(encoding="utf-8"))["schema"] == "ita-extract/1"


def test_cli_bad_input_is_one_line_exit_2_and_batch_goes_on(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    p = run_cli("extract", str(empty), str(DATA / "seed.txt"), "-o", str(tmp_path / "out"))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "empty" in p.stderr
    assert (tmp_path / "out" / "seed.json").exists()


def test_cli_text_prints_repaired_text():
    p = run_cli("text", str(DATA / "seed.txt"))
    assert p.returncode == 0
    assert "องค์การบริหารส่วนตำบลหินเหล็กไฟ" in p.stdout and "<p>" not in p.stdout
