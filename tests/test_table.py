"""Table rebuilding: header variants, repeated headers, continuation rows, item splitting."""
from extractor.read.base import Cell, Line, Page, Row
from extractor.read.text import parse_text
from extractor.table import build_table, header_fields, split_items

H = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "สรุปผลการดำเนินการ",
     "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]


def row(*cells: str) -> Row:
    return Row([Cell(c) for c in cells])


def test_header_variants_match():
    assert header_fields(row(*H))
    spaced = ["มาตรการ / กิจกรรม", "วิธีการ ดำเนินการ", "ผู้รับ ผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ", "ผลลัพธ์"]
    cm = header_fields(row(*spaced))
    assert cm and cm.index == {"measure": 0, "methods": 1, "responsible": 2, "period": 3, "summary": 4,
                               "outcomes": 5}
    with_number = header_fields(row("ที่", *H))
    assert with_number.number_col == 0 and with_number.index["measure"] == 1
    assert header_fields(row("๑. จัดทำสื่อ", "๒. ประชุม", "สำนักปลัด", "ปีงบประมาณ", "", "")) is None


def test_sequence_aware_item_splitter():
    lead, items = split_items("๑. ได้แต่งตั้งคณะกรรมการฯ ที่ ๒๙/๒๕๖๘ ลงวันที่ ๘ มกราคม ๒๕๖๘ "
                              "๒. พนักงาน จำนวน ๘ ราย ผ่าน พ.ศ. ๒๕๖๘ ๓. เผยแพร่")
    assert lead == ""
    assert [i.number for i in items] == [1, 2, 3]
    assert items[0].text.endswith("๘ มกราคม ๒๕๖๘") and "จำนวน ๘ ราย" in items[1].text
    lead, items = split_items("ต่อจากหน้าก่อน 4. ส่งเจ้าหน้าที่อบรม 5. วัดผล", expected=4)
    assert lead == "ต่อจากหน้าก่อน" and [i.number for i in items] == [4, 5]
    # a score or a decimal never starts an item
    assert split_items("ได้คะแนน 95.33 คะแนน")[1] == []


def test_item_continued_across_two_page_breaks_and_arabic_numbering():
    text = "\n".join([
        "\t".join(["มาตรการ / กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ", "ผลลัพธ์"]),
        "\t".join(["1. การประชุมชี้แจงบุคลากร", "1. จัดประชุม 2. แจ้งเวียนหนังสือให้กอง", "กองคลัง",
                   "1 ต.ค. 66 - 30 ก.ย. 67", "1. ประชุมเมื่อวันที่", ""]),
        "",
        "\t".join(H),
        "\t".join(["", "และหน่วยงานในสังกัด", "", "", "๕ มี.ค. ๖๗", ""]),
        "",
        "\t".join(H),
        "\t".join(["", "ทุกแห่ง 3. ติดตามผล", "", "", "2. แจ้งผลให้ทราบ", "บุคลากรเข้าใจ"]),
        "\t".join(["2. มาตรการ No Gift Policy", "1. ประกาศนโยบาย", "สำนักปลัด", "ปีงบประมาณ พ.ศ. 2567",
                   "1. ประกาศแล้ว", "1. ไม่มีการรับของขวัญ"]),
    ])
    t = build_table(parse_text(text))
    assert [m.number for m in t.measures] == [1, 2]
    m1 = t.measures[0]
    assert m1.methods == ["จัดประชุม", "แจ้งเวียนหนังสือให้กองและหน่วยงานในสังกัดทุกแห่ง", "ติดตามผล"]
    assert m1.summary == ["ประชุมเมื่อวันที่ ๕ มี.ค. ๖๗", "แจ้งผลให้ทราบ"]
    assert (m1.period.start, m1.period.end) == ("2023-10-01", "2024-09-30")
    assert t.measures[1].period.start == "2023-10-01" and t.measures[1].outcomes == ["ไม่มีการรับของขวัญ"]


def test_unnumbered_cell_is_one_item_and_empty_cell_is_empty_list():
    t = build_table([Page(1, [row(*H), row("๑. กิจกรรม", "ประชุมชี้แจง", "สำนักปลัด", "ต.ค. ๖๗", "", "")])])
    m = t.measures[0]
    assert m.methods == ["ประชุมชี้แจง"] and m.summary == [] and m.outcomes == [] and m.pages == [1]


def test_pages_and_measure_cell_split_across_pages():
    pages = [
        Page(2, [Line("รายงานผล"), row(*H), row("๑. มาตรการส่งเสริม", "๑. ประชุม", "กองช่าง", "ปีงบประมาณ ๒๕๖๗", "๑. ทำแล้ว", "๑. ดี")]),
        Page(3, [row(*H), row("คุณธรรมในองค์กร", "๒. ติดตาม", "", "", "", "")]),
    ]
    t = build_table(pages)
    assert len(t.measures) == 1
    m = t.measures[0]
    assert m.measure == "มาตรการส่งเสริมคุณธรรมในองค์กร" and m.methods == ["ประชุม", "ติดตาม"] and m.pages == [2, 3]
    assert m.item_pages["methods"] == [2, 3] and m.item_pages["summary"] == [2]
    assert (0, 0) not in t.table_blocks  # the title line stays memo text


def test_repeated_or_skipped_item_numbers_still_split_and_are_kept_for_the_numbering_rule():
    lead, items = split_items("๑. จัดทำคู่มือ ๒. เปิดให้บริการช่วงพักกลางวัน ๒. จัดทำแบบประเมิน")
    assert [i.text for i in items] == ["จัดทำคู่มือ", "เปิดให้บริการช่วงพักกลางวัน", "จัดทำแบบประเมิน"]
    assert [i.raw for i in items] == ["๑.", "๒.", "๒."]
    t = build_table([Page(1, [row(*H), row("๑. กิจกรรม", "1. ประชุม 2. ติดตาม 4. ประเมิน", "กองคลัง", "", "", "")])])
    assert t.measures[0].methods == ["ประชุม", "ติดตาม", "ประเมิน"]
    assert t.measures[0].item_numbers == {"methods": [(1, "1."), (2, "2."), (4, "4.")]}


def test_numbering_rule_reports_the_repeated_item(tmp_path):
    from extractor.pipeline import extract
    report = tmp_path / "r.txt"
    report.write_text("\n".join([
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลตำบลบ้านนา ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        "\t".join(H),
        "\t".join(["๑. กิจกรรมประชุม", "๑. จัดทำคู่มือ ๒. เปิดบริการ ๒. ประเมินผล", "สำนักปลัด",
                   "ปีงบประมาณ พ.ศ. ๒๕๖๗", "๑. ดำเนินการแล้ว", "๑. ประชาชนพึงพอใจ"])]), encoding="utf-8")
    found = [f for f in extract(report).findings if f.rule == "numbering"]
    assert [(f.measure, f.field, f.text, f.suggestion) for f in found] == [(1, "methods", "๒.", "๓.")]


def test_number_column_and_form_feed_page_breaks():
    text = "\n".join([
        "\t".join(["ลำดับ"] + H),
        "\t".join(["1", "กิจกรรมเผยแพร่ข้อมูล", "1. จัดทำสื่อ", "สำนักปลัด", "ปีงบประมาณ พ.ศ. 2568", "1. เผยแพร่แล้ว", "ประชาชนทราบ"]),
        "\f" + "\t".join(["ลำดับ"] + H),
        "\t".join(["", "", "2. ติดตามผล", "", "", "", ""]),
        "\t".join(["2", "กิจกรรมประชุม", "1. ประชุม", "กองคลัง", "ต.ค. 67", "1. ประชุมแล้ว", "บุคลากรเข้าใจ"]),
    ])
    t = build_table(parse_text(text))
    assert [(m.number, m.measure) for m in t.measures] == [(1, "กิจกรรมเผยแพร่ข้อมูล"), (2, "กิจกรรมประชุม")]
    assert t.measures[0].methods == ["จัดทำสื่อ", "ติดตามผล"]


def test_a_narrower_shifted_page_is_mapped_by_header_geometry():
    xs = [(0, 100), (100, 200), (200, 260), (260, 320), (320, 420), (420, 520)]
    header = Row([Cell(h, (a, 0, b, 10)) for h, (a, b) in zip(H, xs)])
    first = Row([Cell(t, (a, 10, b, 20)) for t, (a, b) in
                 zip(["๑. กิจกรรม", "๑. ประชุม", "กองคลัง", "ต.ค. ๖๗", "๑. ทำแล้ว", "๑. ดี"], xs)])
    # next page: five cells, the empty period column missing, the rest shifted by 5 points
    shifted = [(5, 105), (105, 205), (205, 262), (325, 425), (425, 525)]
    cont = Row([Cell(t, (a, 0, b, 10)) for t, (a, b) in
                zip(["", "๒. ติดตาม", "", "๒. รายงานผล", "๒. เข้าใจ"], shifted)])
    t = build_table([Page(1, [header, first]), Page(2, [cont])])
    m = t.measures[0]
    assert m.methods == ["ประชุม", "ติดตาม"] and m.summary == ["ทำแล้ว", "รายงานผล"] and m.outcomes == ["ดี", "เข้าใจ"]
    assert m.pages == [1, 2]
