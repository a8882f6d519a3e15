"""`python cli.py check`: the real pipeline on the seed and on a corrected copy of it.

Most tests call :func:`extractor.cli.main` in-process (same code as the
console entry, without paying interpreter start-up per call); one runs the
real ``cli.py`` in a subprocess.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_rules_support import ROOT, SEED_DIR, seed

SEED_TXT = SEED_DIR / "report.txt"

# The seed's nine slips, corrected the way an officer would.
FIXES = [
    ("เรียน นายกองการบริหารส่วนตำบลหินเหล็กไฟ", "เรียน นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ"),
    ("องค์กรปกครองส่วนตำบลหินเหล็กไฟ", "องค์การบริหารส่วนตำบลหินเหล็กไฟ"),
    ("การเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ", "การเปิดเผยข้อมูลสาธารณะ"),
    ("OR Code", "QR Code"),
    ("๘ ธันวาคม ๒๕๖๘ – ๓๐ มิถุนายน ๒๕๖๙", "๘ ธันวาคม ๒๕๖๗ – ๓๐ มิถุนายน ๒๕๖๘"),
    ("๑ เมษายน ๒๕๖๙", "๑ เมษายน ๒๕๖๘"),
    ("หนองตาแต้ม", "หินเหล็กไฟ"),
]


@pytest.fixture
def cli(capsys):
    """Run ``ita ARGS…`` in-process: (exit status, stdout, stderr)."""
    from extractor.cli.main import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.fixture(scope="module")
def corrected(tmp_path_factory) -> str:
    """The seed with its slips fixed; measure 5 gets its own summary and an outcome."""
    text = SEED_TXT.read_text(encoding="utf-8")
    for wrong, right in FIXES:
        assert wrong in text
        text = text.replace(wrong, right)
    lines = text.split("\n")
    last = max(i for i, line in enumerate(lines) if line.count("\t") == 5 and "<p>ป้องกันการทุจริต" in line)
    cells = lines[last].split("\t")
    cells[4] = "<p>เจ้าหน้าที่ได้รับทราบแผนการใช้จ่ายงบประมาณประจำปีและเบิกจ่ายตามระเบียบครบทุกกอง</p>"
    cells[5] = "<p>การใช้จ่ายงบประมาณเป็นไปตามแผน ไม่มีข้อร้องเรียนเรื่องการจัดซื้อจัดจ้าง</p>"
    lines[last] = "\t".join(cells)
    path = tmp_path_factory.mktemp("corrected") / "hinlekfai-corrected.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def test_check_seed_prints_findings_by_measure_and_exits_1():
    p = subprocess.run([sys.executable, "cli.py", "check", str(SEED_TXT)], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stderr
    out = p.stdout
    assert "ผิดพลาด 5, เตือน 4" in out
    assert out.index("บันทึกข้อความ") < out.index("มาตรการที่ 2") < out.index("มาตรการที่ 5")
    assert "«OR Code» → «QR Code»" in out
    assert "«องค์การบริหารส่วนตำบลหนองตาแต้ม» → «องค์การบริหารส่วนตำบลหินเหล็กไฟ»" in out
    assert "\x1b[" not in out  # plain when piped


def test_check_json_is_the_findings_list(cli):
    code, out, err = cli("check", "--json", str(SEED_TXT))
    assert code == 1, err
    got = json.loads(out)
    _, _, expected = seed()
    assert [(f["rule"], f["measure"], f["field"]) for f in got if f["severity"] != "info"] == [
        (f["rule"], f["measure"], f["field"]) for f in expected]


def test_corrected_seed_is_clean_and_exits_0(cli, corrected):
    code, out, _ = cli("check", "--json", corrected)
    assert [f for f in json.loads(out) if f["severity"] != "info"] == []
    assert code == 0


def test_fail_on_warning_and_rules_file(cli, tmp_path):
    seed_copy = tmp_path / "seed.txt"
    seed_copy.write_text(SEED_TXT.read_text(encoding="utf-8").replace("OR Code", "QR Code"), encoding="utf-8")
    quiet = tmp_path / "quiet.yaml"
    quiet.write_text("rules:\n" + "".join(f"  {r}: {{severity: warning}}\n" for r in (
        "agency-mismatch", "agency-name", "date-after-document", "empty-cell")), encoding="utf-8")
    assert cli("check", "--rules", str(quiet), str(seed_copy))[0] == 0
    assert cli("check", "--rules", str(quiet), "--fail-on", "warning", str(seed_copy))[0] == 1


def test_unusable_input_exits_2_and_the_batch_goes_on(cli, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 not really")
    code, out, err = cli("check", str(junk), str(SEED_TXT))
    assert code == 2
    assert err.count("\n") == 1 and "junk.pdf" in err and "Traceback" not in err
    assert "มาตรการที่ 5" in out  # the good file was still checked


def test_broken_rules_file_exits_2(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [", encoding="utf-8")
    code, _, err = cli("check", "--rules", str(bad), str(SEED_TXT))
    assert code == 2 and "rules file" in err and "Traceback" not in err


# A town municipality's report for fiscal 2567 with one slip of each kind, in the
# seed's text layout (tab-separated cells): the real pipeline finds each slip once.
PAYAO = 'บันทึกข้อความ\n\nส่วนราชการ งานนิติการ สำนักปลัดเทศบาล เทศบาลเมืองพะเยา\n\nที่ พย ๕๒๐๐๑/๒๒๑\n\nวันที่ ๒๐ พฤศจิกายน ๒๕๖๗\n\nเรื่อง รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลเมืองพะเยา ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n\nเรียน นายกเทศมนตรีเมืองพะเยา\n\nเรื่องเดิม\n\nตามที่สำนักงาน ป.ป.ช. ได้กำหนดให้หน่วยงานภาครัฐเข้าร่วมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ นั้น\n\nข้อพิจารณา\n\nงานนิติการได้จัดทำรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ของเทศบาลเมืองพะเยา เรียบร้อยแล้ว เพื่อเผยแพร่บนเว็บไซต์หลักของหน่วยงาน\n\nจึงเรียนมาเพื่อโปรดพิจารณา\n\n(นางสาวกมลวรรณ ใจงาม)\n\nนิติกรชำนาญการ\n\n(นายประเสริฐ ศรีสุข)\n\nปลัดเทศบาลเมืองพะเยา\n\n(นายธนพล วงศ์ใหญ่)\n\nนายกเทศมนตรีเมืองพะเยา\n\nรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลเมืองพะเยา\n\nประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n\nจากการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลเมืองพะเยา ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ โดยภาพรวม ได้คะแนน ๘๒.๕๐ คะแนน อยู่ในระดับ ผ่าน เทศบาลเมืองพะเยาจึงได้ดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใส ดังนี้\n\nมาตรการ/กิจกรรม\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tระยะเวลาดำเนินการ\tสรุปผลการดำเนินการ\tผลลัพธ์หรือความสำเร็จของการดำเนินการ\n๑. มาตรการเผยแพร่ข้อมูลข่าวสารของเทศบาลเมืองพะเยา\t๑. จัดทำข้อมูลข่าวสารและเผยแพร่ผ่านเว็บไซต์ของเทศบาล ๒. ติดประกาศ ณ บอร์ดประชาสัมพันธ์\tสำนักปลัด\tปีงบประมาณ พ.ศ. ๒๕๖๗ (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)\t๑. เผยแพร่ข้อมูลข่าวสารผ่านเว็บไซต์ จำนวน ๘๔ เรื่อง ๒. ติดประกาศข้อมูลการจัดซื้อจัดจ้างทุกเดือน\t๑. ประชาชนในเขตเทศบาลเข้าถึงข้อมูลข่าวสารได้สะดวกรวดเร็ว\n๒. กิจกรรมส่งเสริมคุณธรรมจริยธรรมของบุคลากร\t๑. จัดอบรมคุณธรรมจริยธรรมให้แก่พนักงานเทศบาล\tสำนักปลัด\t๑ มกราคม ๒๕๖๗ – ๓๑ มีนาคม ๒๕๖๗\t๑. จัดอบรมตามกฏหมายว่าด้วยมาตรฐานทางจริยธรรม เมื่อวันที่ ๒๐ กุมภาพันธ์ ๒๕๖๗ มีผู้เข้าร่วม ๖๐ คน\t๑. บุคลากรของเทศบาลตำบลแม่ต๋ำ มีความรู้ความเข้าใจเพิ่มขึ้น\n๔. มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง\t๑. จัดทำแผนการจัดซื้อจัดจ้างและเผยแพร่ต่อสาธารณชน\tกองคลัง\t๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘\t๑. ประกาศแผนการจัดซื้อจัดจ้างประจำปี (ดำเนินการเมื่อวันที่ ๑๕ ธันวาคม ๒๕๖๗)\t๑. การจัดซื้อจัดจ้างเป็นไปตามกฎหมายและระเบียบที่เกี่ยวข้อง\n๕. มาตรการจัดการเรื่องร้องเรียนการทุจริต\t๑. เปิดช่องทางร้องเรียนทางโทรศัพท์ เว็บไซต์ และ QR Code\tสำนักปลัด\tปีงบประมาณ พ.ศ. ๒๕๖๗\t๑. เผยแพร่ข้อมูลข่าวสารผ่านเว็บไซต์ จำนวน ๘๔ เรื่อง\t\n'


def test_other_agency_and_year_end_to_end(cli, tmp_path):
    path = tmp_path / "payao-2567.txt"
    path.write_text(PAYAO, encoding="utf-8")
    code, out, _ = cli("check", "--json", str(path))
    got = sorted((f["rule"], f["measure"], f["field"], f["text"]) for f in json.loads(out) if f["severity"] != "info")
    assert got == sorted([
        ("score-result-mismatch", None, "ita_result", "ผ่าน"),
        ("agency-mismatch", 2, "outcomes", "เทศบาลตำบลแม่ต๋ำ"),
        ("known-typo", 2, "summary", "กฏหมาย"),
        ("date-out-of-period", 4, "period", "๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘"),
        ("date-after-document", 4, "summary", "๑๕ ธันวาคม ๒๕๖๗"),
        ("numbering", 4, "number", "๔"),
        ("empty-cell", 5, "outcomes", ""),
        ("duplicate-text", 5, "summary", "เผยแพร่ข้อมูลข่าวสารผ่านเว็บไซต์ จำนวน ๘๔ เรื่อง"),
    ])
    assert code == 1
