"""Free text (outside tables): visual lines → paragraphs, for every reader that sees geometry.

Word wraps a memo paragraph over several lines; the memo stage wants it whole
("ส่วนราชการ … องค์การบริหารส่วนตำบล" + "หินเหล็กไฟ" is one agency name;
"จากการประเมิน …" + "… ได้คะแนน ๙๕.๓๓ …" is one score sentence). A line joins the
one above when the one above ran to the right margin (it wrapped) and this one
starts flush left, or under the text after a label's blank (a hanging indent), at
normal line spacing, in the same size and weight; or when both are centred on one
axis and this one is not wider (a wrapped title or a signature's position). A new
numbered item, a memo label, a line in brackets (a signatory's name) and a form
line with wide gaps always stand alone.

The PDF reader (:mod:`extractor.read.pdf_flow`) measures fonts; the OCR reader
(:mod:`extractor.ocr_flow`) only boxes, so it leaves ``size`` unset (the page's
median line height stands in) and bold unknown, and names the memo labels bold
print would have shown in :attr:`FlowSettings.heads`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

from .base import BBox, Line
from ..text.items import starts_item
from ..text.normalize import join_wrapped


@dataclass(frozen=True)
class FlowSettings:
    """Every threshold is × the line's ``size``: font size in a PDF (em), line height in OCR."""

    join: bool = True  # False: one Line per visual line
    wrap_slack: float = 3.0  # a line ending this close to the right margin wrapped …
    max_slack: float = 6.0  # … or closer than the next line's first word (Thai runs long), up to this
    max_pitch: float = 2.2  # between the lines' ``y`` (baselines, tops): more is a paragraph gap
    size_change: float = 0.15  # share of the larger size: a bigger step is a heading, not a wrap
    indent: float = 1.0  # a next line starting further right is a new paragraph …
    label_gap: float = 0.7  # … unless it starts under the text after the line's first blank this
    # wide (readers measure ``hang`` with it): a memo label's value wraps under itself
    # ("ส่วนราชการ  ฝ่ายนิติการ … องค์การบริหาร" / "ส่วนจังหวัดตรัง"), a hanging indent
    centre: float = 1.0  # two centred lines share an axis within this
    form_gap: float = 2.0  # a line short of the margin with a blank this wide inside is a form
    # line ("ที่ … วันที่ …", a tabbed list); a justified line reaching the margin may stretch a
    # blank that wide, so it needs three times the blank to count as a form line
    heads: tuple[str, ...] = ()  # a line starting with one of these always opens a paragraph
    # (memo labels, when the reader cannot see that they are bold)


@dataclass
class VisLine:
    """One visual line in page units, with the blanks and fonts the flow looks at."""

    text: str
    box: BBox
    conf: float | None = None  # OCR mean word confidence; None when not OCR'd
    gap: float = 0.0  # widest blank between words
    first_word: float = 0.0  # width of the text before the first blank
    hang: float | None = None  # x where the text after a label's blank starts ("เรื่อง␣␣รายงาน…")
    size: float | None = None  # font size; None: the median line height of the lines joined
    base: float | None = None  # baseline; None: the box's top
    bold_first: bool = False  # weight of the first and last glyph (a bold label ends before
    bold_last: bool = False  # its plain value: "เรื่อง" / "รายงานผล…" do not join)

    @property
    def y(self) -> float:
        return self.box[1] if self.base is None else self.base


def right_margin(lines: list[VisLine]) -> float:
    """The x where wrapped lines end: the rightmost edge that at least two lines reach."""
    edges = sorted((v.box[2] for v in lines), reverse=True)
    tolerance = 0.5 * median(v.size for v in lines)
    for a, b in zip(edges, edges[1:]):
        if a - b <= tolerance:
            return a
    return edges[0] if edges else 0.0


def _form(v: VisLine, right: float, fs: FlowSettings) -> bool:
    if v.gap < fs.form_gap * v.size:
        return False
    return right - v.box[2] > fs.wrap_slack * v.size or v.gap >= 3 * fs.form_gap * v.size


def _bracketed(text: str) -> bool:
    t = text.strip()
    return t.startswith("(") and t.endswith(")")


def _continues(a: VisLine, b: VisLine, right: float, fs: FlowSettings) -> bool:
    size = max(a.size, b.size)
    if abs(a.size - b.size) > fs.size_change * size or not 0 < b.y - a.y <= fs.max_pitch * size:
        return False
    if (_form(a, right, fs) or _form(b, right, fs) or starts_item(b.text) or b.text.startswith(fs.heads)
            or _bracketed(a.text) or _bracketed(b.text)):
        return False
    if b.bold_first != a.bold_last:
        return False
    ax0, _, ax1, _ = a.box
    bx0, _, bx1, _ = b.box
    slack = max(fs.wrap_slack * size, min(b.first_word, fs.max_slack * size))
    if right - ax1 <= slack:
        if bx0 <= ax0 + fs.indent * size:
            return True
        if a.hang is not None and abs(bx0 - a.hang) <= 0.5 * size and not starts_item(a.text):
            return True
    centred = abs((ax0 + ax1) / 2 - (bx0 + bx1) / 2) <= fs.centre * size
    return centred and bx1 - bx0 <= ax1 - ax0 + 0.5 * size


def _paragraph(g: list[VisLine]) -> Line:
    box = (min(v.box[0] for v in g), min(v.box[1] for v in g),
           max(v.box[2] for v in g), max(v.box[3] for v in g))
    text = join_wrapped([v.text for v in g]) if len(g) > 1 else g[0].text.rstrip()
    conf = None
    if all(v.conf is not None for v in g):  # weighted by text length: a long line counts more
        weight = sum(len(v.text) for v in g) or 1
        conf = round(sum(v.conf * len(v.text) for v in g) / weight, 3)
    return Line(text, box, conf)


def join_paragraphs(lines: list[VisLine], fs: FlowSettings = FlowSettings()) -> list[Line]:
    """Visual lines (reading order) → one Line per paragraph, wrapped lines joined."""
    lines = [v for v in lines if v.text.strip()]
    if not lines:
        return []
    height = median(v.box[3] - v.box[1] for v in lines) or 1.0
    lines = [v if v.size is not None else replace(v, size=height) for v in lines]
    right = right_margin(lines)
    groups: list[list[VisLine]] = [[lines[0]]]
    for a, b in zip(lines, lines[1:]):
        if fs.join and _continues(a, b, right, fs):
            groups[-1].append(b)
        else:
            groups.append([b])
    return [_paragraph(g) for g in groups]
