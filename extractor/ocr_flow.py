"""OCR'd lines outside tables → paragraphs, the way the PDF reader gives free text.

The memo stage wants a wrapped paragraph whole ("ส่วนราชการ … องค์การบริหารส่วนตำบล"
+ "หินเหล็กไฟ" is one agency name; "จากการประเมิน …" + "… ได้คะแนน ๙๕.๓๓ …" is one
score sentence). The same geometry as :mod:`extractor.read.pdf_flow`, without fonts:
a line joins the one above when that one ran to the right margin (it wrapped)
and this one starts flush left, or under the text after a label's blank (a
hanging indent), at normal line spacing; or when both are centred on one axis
and this one is not wider (a wrapped title). A numbered item, a bracketed
signatory name and a form line with a wide blank ("ที่ … วันที่ …") stand alone.
Sizes are in units of the page's median line height (≈ 1.2 em).
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from .read.base import Line

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class FlowSettings:
    max_pitch: float = 1.9    # × line height between tops: more is a paragraph gap
    wrap_slack: float = 2.5   # × line height: a line ending this close to the right margin wrapped …
    max_slack: float = 5.0    # … or closer than the next line's first word, up to this
    indent: float = 0.8       # × line height: a next line starting further right is a new paragraph
    label_gap: float = 0.55   # × line height: the blank after a memo label ("เรื่อง␣␣รายงาน…")
    form_gap: float = 1.6     # × line height: a blank this wide inside a short line makes a form line
    centre: float = 0.8       # × line height: two centred lines share an axis within this
    # the บันทึกข้อความ form's labels (bold in print, which OCR cannot see) always open a line
    heads: tuple[str, ...] = ("ส่วนราชการ", "ที่ ", "วันที่", "เรื่อง", "เรียน", "อ้างถึง",
                              "สิ่งที่ส่งมาด้วย", "สำเนาเรียน")


@dataclass
class VisLine:
    """One visual OCR line in page units, with the blanks the flow needs."""

    text: str
    box: Box
    conf: float
    gap: float = 0.0                 # widest blank between words (page units)
    first_word: float = 0.0          # width of the text before the first blank
    hang: float | None = None        # x where the text after a label's blank starts


def _starts_item(text: str) -> bool:
    try:
        from .read.pdf_lines import starts_item
    except ImportError:
        from .ocr import starts_item
    return starts_item(text)


def _bracketed(text: str) -> bool:
    t = text.strip()
    return t.startswith("(") and t.endswith(")")


def _right_margin(lines: list[VisLine], size: float) -> float:
    edges = sorted((v.box[2] for v in lines), reverse=True)
    for a, b in zip(edges, edges[1:]):
        if a - b <= 0.5 * size:
            return a
    return edges[0] if edges else 0.0


def _form(v: VisLine, right: float, size: float, fs: FlowSettings) -> bool:
    if v.gap < fs.form_gap * size:
        return False
    return right - v.box[2] > fs.wrap_slack * size or v.gap >= 3 * fs.form_gap * size


def _continues(a: VisLine, b: VisLine, right: float, size: float, fs: FlowSettings) -> bool:
    if not 0 < b.box[1] - a.box[1] <= fs.max_pitch * size:
        return False
    if (_form(a, right, size, fs) or _form(b, right, size, fs) or _starts_item(b.text)
            or _bracketed(a.text) or _bracketed(b.text) or b.text.startswith(fs.heads)):
        return False
    ax0, _, ax1, _ = a.box
    bx0, _, bx1, _ = b.box
    slack = max(fs.wrap_slack * size, min(b.first_word, fs.max_slack * size))
    if right - ax1 <= slack:
        if bx0 <= ax0 + fs.indent * size:
            return True
        if a.hang is not None and abs(bx0 - a.hang) <= 0.5 * size and not _starts_item(a.text):
            return True
    centred = abs((ax0 + ax1) / 2 - (bx0 + bx1) / 2) <= fs.centre * size
    return centred and bx1 - bx0 <= ax1 - ax0 + 0.5 * size


def _join(texts: list[str]) -> str:
    try:
        from .thai import join_wrapped
    except ImportError:
        return " ".join(texts)
    return join_wrapped(texts)


def paragraphs(lines: list[VisLine], fs: FlowSettings = FlowSettings()) -> list[Line]:
    """Visual lines (reading order) → one Line per paragraph, wrapped lines joined."""
    lines = [v for v in lines if v.text.strip()]
    if not lines:
        return []
    size = median(v.box[3] - v.box[1] for v in lines) or 1.0
    right = _right_margin(lines, size)
    groups: list[list[VisLine]] = [[lines[0]]]
    for a, b in zip(lines, lines[1:]):
        if _continues(a, b, right, size, fs):
            groups[-1].append(b)
        else:
            groups.append([b])
    out = []
    for g in groups:
        box = (min(v.box[0] for v in g), min(v.box[1] for v in g),
               max(v.box[2] for v in g), max(v.box[3] for v in g))
        weight = sum(len(v.text) for v in g) or 1
        conf = round(sum(v.conf * len(v.text) for v in g) / weight, 3)
        out.append(Line(_join([v.text for v in g]) if len(g) > 1 else g[0].text, box, conf))
    return out
