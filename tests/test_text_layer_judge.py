"""Text layers that lie: a scanned page whose text layer is junk is OCR'd instead.

The junk below is real: what Tesseract with the English model alone (as many
scanners' "searchable PDF" mode runs it) reads from a Thai memo page, and a
broken font map's symbol soup. The test PDF is written by hand: the scanned
page image of a sample under an invisible text layer (text render mode 3), the
way a scanner makes a searchable PDF.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import SAMPLES
from extractor.read.pdf.judge import clean_latin_share, judge_layer, judge_text, soup_share

ROOT = Path(__file__).resolve().parent.parent
from conftest import REAL_PDFS as REAL

# Tesseract -l eng on a Thai memo page (samples/samchuk-hospital-2567/scan.pdf, page 1)
ENG_JUNK = """qa Y
URWNNVVIAIIN
aawsiw0is nqusmusnraN la Taawenuramagn
Nl AW comm.mo@.0e/oding WN wo WHAIMUY lacdey
L309 vaayNRMGUWITWIMHAMITAUAUNIsIMadsaIQMTTINUAL
anwluslamplunvassm Used ioudsen7oe W.4. let ooy
uuun?Jon?13J a'l1.Jt't % n15"""
FONT_SOUP = "1>@0>11/@1@1@?/0@1@ 1>@0>11/@1@1@?/0@1@ @?/0@1@>11/@1 1>@0>@1@1@?/0"


def test_judge_tells_junk_from_text():
    assert judge_text(ENG_JUNK) == "latin junk"
    assert judge_text(FONT_SOUP) == "symbol soup"
    assert judge_text("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 4) == "symbol soup"
    assert judge_text("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ" * 2) == "not thai words"
    # real text stays: Thai prose (even with Latin terms), English prose, a short stamp
    assert judge_text("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                      "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (Integrity and Transparency Assessment : ITA)") is None
    assert judge_text("The Integrity and Transparency Assessment (ITA) is carried out every year by "
                      "the Office of the National Anti-Corruption Commission of Thailand.") is None
    assert judge_text("สำเนา") is None
    assert clean_latin_share(ENG_JUNK) < 0.6 < clean_latin_share("Integrity and Transparency Assessment")
    assert soup_share(FONT_SOUP) > 0.25
    # a born-digital page (little image) is never judged, whatever its text
    assert judge_layer(ENG_JUNK, image_cover=0.1) is None
    assert judge_layer(ENG_JUNK, image_cover=0.95) == "latin junk"


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def scanned_pdf_with_layer(image_pdf: Path, page: int, layer: str, out: Path, dpi: int = 200) -> Path:
    """One scanned page under an invisible Helvetica text layer, as a searchable-PDF scanner writes it."""
    doc = pdfium.PdfDocument(str(image_pdf))
    try:
        img = doc[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    jpeg = buf.getvalue()
    w, h = img.size
    W, H = w * 72 / dpi, h * 72 / dpi
    lines = [ln for ln in layer.splitlines() if ln.strip()]
    text_ops = b"".join(b"1 0 0 1 %.1f %.1f Tm %s Tj\n" % (60, H - 80 - 22 * k, _pdf_string(ln))
                        for k, ln in enumerate(lines))
    content = (b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\nBT 3 Tr /F1 11 Tf\n" % (W, H)) + text_ops + b"ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> "
        b"/Font << /F1 5 0 R >> >> /Contents 6 0 R >>" % (W, H),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(jpeg)) + jpeg + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    body += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    out.write_bytes(body)
    return out


def test_hand_made_pdf_really_has_the_junk_layer(tmp_path):
    """The fixture itself: pdfium reads the junk as the page's text, over a full-page image."""
    pdf = scanned_pdf_with_layer(SAMPLES / "samchuk-hospital-2567" / "scan.pdf", 0, ENG_JUNK, tmp_path / "j.pdf")
    from extractor.read.pdf.glyphs import read_page
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pc = read_page(doc, 0)
    finally:
        doc.close()
    text = "".join(c.text for c in pc.clusters)
    assert "URWNNVVIAIIN" in text and pc.image_cover > 0.9
    assert judge_layer(text, pc.image_cover) == "latin junk"


@pytest.mark.slow
@pytest.mark.parametrize("layer", [ENG_JUNK, FONT_SOUP], ids=["english-ocr-junk", "font-map-soup"])
def test_junk_layer_over_a_scan_is_ocrd_in_text_and_extract(tmp_path, layer):
    pdf = scanned_pdf_with_layer(SAMPLES / "samchuk-hospital-2567" / "scan.pdf", 0, layer, tmp_path / "junk.pdf")
    text = subprocess.run([sys.executable, "cli.py", "text", str(pdf)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert text.returncode == 0, text.stderr
    assert "URWNNVVIAIIN" not in text.stdout and "@1@1@" not in text.stdout
    assert "ส่วนราชการกลุ่มงานบริหารทั่วไปโรงพยาบาลสามชุก" in text.stdout.replace(" ", "")
    assert "ocr-text-layer-replaced" in text.stderr

    got = subprocess.run([sys.executable, "cli.py", "extract", str(pdf), "-o", "-"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert got.returncode == 0, got.stderr
    report = json.loads(got.stdout)
    assert report["source"]["ocr"] is True
    assert report["document"]["agency"] == "โรงพยาบาลสามชุก"
    replaced = [f for f in report["findings"] if f["rule"] == "ocr-text-layer-replaced"]
    assert [(f["severity"], f["page"]) for f in replaced] == [("info", 1)]


@pytest.mark.skipif(not REAL.is_dir(), reason="the real agency PDFs are not beside the repository")
def test_real_text_layers_are_judged_right():
    """Of the real agency PDFs' pages with a text layer, only one is junk: 06's page 6, a scanned
    signed page (seen by eye) under a scanner's failed OCR ("F.t''-b-. o dt ia e v 6b."). Every
    other layer, damaged as it may be (sara am, PUA marks, cid glyphs), is kept."""
    from extractor.read.pdf.glyphs import read_page
    from extractor.read.pdf.reader import needs_ocr
    judged = []
    for pdf in sorted(REAL.glob("*.pdf")):
        doc = pdfium.PdfDocument(str(pdf))
        try:
            for i in range(len(doc)):
                pc = read_page(doc, i)
                if not needs_ocr(pc):
                    why = judge_layer("".join(c.text for c in pc.clusters), pc.image_cover)
                    if why:
                        judged.append((pdf.name, i + 1, why))
        finally:
            doc.close()
    assert judged == [("06-phichai-moph-ethics-code-pua.pdf", 6, "latin junk")]
