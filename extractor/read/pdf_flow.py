"""Free text (outside tables): visual lines → paragraphs, as a DOCX or text reader gives them.

Word wraps a memo paragraph over several lines; the memo stage wants it whole
("ส่วนราชการ … องค์การบริหารส่วนตำบล" + "หินเหล็กไฟ" is one agency name). A line
joins the one above when the one above ran to the right margin (it wrapped) and
this one starts flush left, at normal line spacing, in the same weight; or when
both are centred on one axis and this one is not wider (a wrapped title or a
signature's position). A new numbered item, a bold label, a line in brackets
(a signatory's name) and a form line with wide gaps always stand alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ..thai import join_wrapped
from .base import Line
from .pdf_glyphs import Cluster
from .pdf_lines import LineSettings, line_box, line_text, starts_item


@dataclass(frozen=True)
class FlowSettings:
    join: bool = True  # False: one Line per visual line
    wrap_slack: float = 3.0  # × font size: a line ending this close to the right margin wrapped …
    max_slack: float = 6.0  # … or closer than the next line's first word (Thai runs long), up to this
    max_pitch: float = 2.2  # × font size between baselines: more is a paragraph gap
    indent: float = 1.0  # × font size: a next line starting further right is a new paragraph …
    label_gap: float = 0.7  # … unless it starts under the text after the line's first blank this
    # wide: a memo label's value wraps under itself ("ส่วนราชการ  ฝ่ายนิติการ … องค์การบริหาร"
    # / "ส่วนจังหวัดตรัง"), a hanging indent
    centre: float = 1.0  # × font size: two centred lines share an axis within this
    form_gap: float = 2.0  # × font size: a line short of the margin with a blank this wide inside
    # is a form line ("ที่ … วันที่ …", a tabbed list); a justified line reaching the margin may
    # stretch a blank that wide, so it needs three times the blank to count as a form line


@dataclass
class _Vis:
    clusters: list[Cluster]
    text: str
    box: tuple[float, float, float, float]
    base: float
    size: float
    bold_first: bool
    bold_last: bool
    gap: float  # widest blank inside the line, in em
    first_word: float  # width of the line's first space-delimited word
    hang: float | None  # where the text after a label starts ("เรื่อง␣␣รายงาน…"): a hanging indent


def _vis(line: list[Cluster], ls: LineSettings, fs: FlowSettings) -> _Vis:
    ink = [c for c in line if c.text != " "] or line
    size = median(c.size for c in ink)
    gap = max((b.x0 - a.x1 for a, b in zip(ink, ink[1:])), default=0.0) / size
    first = next((i for i, c in enumerate(line) if c.text == " " and i), len(line))
    first_word = line[first - 1].x1 - line[0].x0
    hang = next((b.x0 for a, b in zip(ink, ink[1:]) if b.x0 - a.x1 >= fs.label_gap * size), None)
    return _Vis(line, line_text(line, ls), line_box(line), median(c.base for c in ink), size,
                ink[0].bold, ink[-1].bold, gap, first_word, hang)


def _form(v: _Vis, right: float, fs: FlowSettings) -> bool:
    if v.gap < fs.form_gap:
        return False
    return right - v.box[2] > fs.wrap_slack * v.size or v.gap >= 3 * fs.form_gap


def _right_margin(lines: list[_Vis]) -> float:
    """The x where wrapped lines end: the rightmost edge that at least two lines reach."""
    edges = sorted((v.box[2] for v in lines), reverse=True)
    tolerance = 0.5 * median(v.size for v in lines)
    for a, b in zip(edges, edges[1:]):
        if a - b <= tolerance:
            return a
    return edges[0] if edges else 0.0


def _bracketed(text: str) -> bool:
    t = text.strip()
    return t.startswith("(") and t.endswith(")")


def _continues(a: _Vis, b: _Vis, right: float, fs: FlowSettings) -> bool:
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 0.15 * size or not 0 < b.base - a.base <= fs.max_pitch * size:
        return False
    if _form(a, right, fs) or _form(b, right, fs) or starts_item(b.text) or _bracketed(a.text) or _bracketed(b.text):
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


def paragraphs(lines: list[list[Cluster]], ls: LineSettings = LineSettings(),
               fs: FlowSettings = FlowSettings()) -> list[tuple[float, Line]]:
    """(top, Line) per paragraph of free text, top to bottom; wrapped lines joined."""
    vis = [v for v in (_vis(line, ls, fs) for line in lines) if v.text.strip()]
    if not vis:
        return []
    right = _right_margin(vis)
    groups: list[list[_Vis]] = [[vis[0]]]
    for a, b in zip(vis, vis[1:]):
        if fs.join and _continues(a, b, right, fs):
            groups[-1].append(b)
        else:
            groups.append([b])
    out: list[tuple[float, Line]] = []
    for g in groups:
        box = (min(v.box[0] for v in g), min(v.box[1] for v in g),
               max(v.box[2] for v in g), max(v.box[3] for v in g))
        text = join_wrapped([v.text for v in g]) if len(g) > 1 else g[0].text.rstrip()
        out.append((box[1], Line(text, box)))
    return out
