"""Thai normalization: each step, their order, and idempotence."""
from hypothesis import given, settings, strategies as st

from extractor.text.normalize import fix_sara_am, join_wrapped, map_pua, normalize, remove_space_before_marks, remove_wrap_spaces, strip_tags


def test_pua_glyphs_map_back():
    # ป + ้ (SL, U+F714) ; ญ without descender (U+F70F) + ่ ; ฐ without descender (U+F700)
    assert map_pua("ป\uf714องกัน") == "ป้องกัน"
    assert map_pua("ใหญ\uf70f") == "ใหญญ"  # the glyph is yo ying; repair is per glyph
    assert normalize("ผู\uf70bรับผิดชอบ") == "ผู้รับผิดชอบ"
    assert normalize("ประ\uf700ม") == "ประฐม"


def test_decomposed_sara_am_and_tone_order():
    assert fix_sara_am("ก\u0e4d\u0e32หนด") == "กำหนด"
    assert fix_sara_am("น\u0e4d\u0e49\u0e32") == "น้ำ"  # nikhahit, tone, aa → tone + sara am
    assert fix_sara_am("ท\u0e32\u0e4dให้") == "ทำให้"  # reversed
    assert normalize("ด\u0e4dา เนินการ") == "ดำเนินการ"


def test_space_before_combining_mark_is_removed_without_losing_the_mark():
    assert remove_space_before_marks("ท ี่") == "ที่"
    assert normalize("วันที ่ ๕") == "วันที่ ๕"


def test_wrap_spaces_removed_real_spaces_kept():
    assert normalize("องค์การ บริหารส่วนตำบลหิน เหล็กไฟ") == "องค์การบริหารส่วนตำบลหินเหล็กไฟ"
    assert normalize("จัดทำสื่อที่เข้าใจง่าย ไม่ซับซ้อน เผยแพร่ให้ประชาชนทราบ") == \
        "จัดทำสื่อที่เข้าใจง่าย ไม่ซับซ้อน เผยแพร่ให้ประชาชนทราบ"
    assert normalize("ประ ชาสัมพันธ์") == "ประชาสัมพันธ์"
    assert normalize("ปีงบประมาณ พ.ศ. ๒๕๖๘") == "ปีงบประมาณ พ.ศ. ๒๕๖๘"


def test_narrow_cell_wraps_are_joined_but_phrase_starters_keep_their_space():
    cell = ("แจ้งให้เจ้าหน้าที่ใน หน่วยงานได้รับทราบ ข้อมูลเกี่ยวกับงบประมาณ ของหน่วยงาน โดยแจ้ง "
            "ในประชุมพนักงาน หรือ แจ้งเป็นหนังสือ")
    assert remove_wrap_spaces(cell, cell=True) == (
        "แจ้งให้เจ้าหน้าที่ในหน่วยงานได้รับทราบข้อมูลเกี่ยวกับงบประมาณของหน่วยงาน โดยแจ้ง"
        "ในประชุมพนักงาน หรือแจ้งเป็นหนังสือ")
    # the same words on a memo line are not treated as a narrow column
    assert "ส่วนราชการ งานนิติการ สำนักปลัด" in normalize("ส่วนราชการ งานนิติการ สำนักปลัด องค์การบริหารส่วนตำบลหินเหล็กไฟ")


def test_tags_become_paragraph_breaks():
    assert strip_tags("<p>๔. ส่งเจ้าหน้าที่</p> <p>๕. มีการวัด</p>") == "๔. ส่งเจ้าหน้าที่\n๕. มีการวัด"
    assert strip_tags("A &amp; B<br/>C") == "A & B\nC"


def test_join_wrapped():
    assert join_wrapped(["ประชาสัมพันธ์โครงการให้พนักงาน", "ส่วนท้องถิ่นทราบ"]) == \
        "ประชาสัมพันธ์โครงการให้พนักงานส่วนท้องถิ่นทราบ"
    assert join_wrapped(["ผ่านทาง website ", "บอร์ดประชาสัมพันธ์"]) == "ผ่านทาง website บอร์ดประชาสัมพันธ์"
    assert join_wrapped(["QR", "Code"]) == "QR Code"


thai_text = st.text(alphabet=st.sampled_from(list("กขคงจดตนบปมยรลวสหอะัาำิีึืุูเแโใไ่้๊๋์ํ ๑๒๓ \uf70a\uf710<>p/") ),
                    max_size=60)


@settings(max_examples=200, deadline=None)
@given(thai_text)
def test_normalize_never_fails_and_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
    assert not any("\uf700" <= ch <= "\uf8ff" for ch in once)
