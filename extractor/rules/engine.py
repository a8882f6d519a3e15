"""The rule registry and the run: each rule is one function that yields :class:`Hit` s.

A rule module declares its rules with :func:`rule` (id, default severity, Thai
and English message, a docstring in ruff's shape); the engine turns hits into
finding dicts with exactly :class:`extractor.model.Finding`'s keys, applies the
severities and switches from YAML, drops duplicates and sorts by place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator

from ..text.dates import fiscal_year_period
from ..model import FIELDS
from .config import SEVERITIES


@dataclass
class Hit:
    """One place a rule fires; ``severity``/``message`` override the rule's defaults."""

    text: str
    measure: int | None = None
    field: str | None = None
    page: int | None = None
    suggestion: str | None = None
    severity: str | None = None
    message: str | None = None  # a message with details (the period, the item number); else the rule's
    message_en: str | None = None
    variant: str | None = None  # a declared :class:`Variant` key: its severity and message apply


@dataclass(frozen=True)
class Example:
    """A small input that fires the rule: ``text`` placed at ``place`` in a minimal report.

    ``place`` is a measure field (measure 1's cell), a document field, ``"memo"`` (a memo
    line) or ``"plan"`` (the text is the plan's, given in ``plan``); ``document`` and ``measures`` override the minimal report's (see :mod:`.examples`);
    ``history``/``plan``: the context the rule needs (last year's report, the plan).
    """

    text: str
    place: str = "summary"
    document: dict[str, Any] = field(default_factory=dict)
    measures: list[dict[str, Any]] | None = None
    history: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None
    source: dict[str, Any] | None = None


@dataclass(frozen=True)
class Variant:
    """A sub-case with its own severity and message, switched in YAML under
    ``rules.<rule id>.variants.<key>``; the finding keeps the rule's id."""

    key: str
    severity: str
    message: str
    message_en: str
    doc: str = ""
    example: Example | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    message: str
    message_en: str
    run: Callable[["Context"], Iterable[Hit]]
    doc: str = ""
    fixable: bool = False  # its suggestion may be applied to a draft unasked (``ita fix``)
    example: Example | None = None
    variants: tuple[Variant, ...] = ()

    def variant(self, key: str | None) -> Variant | None:
        return next((v for v in self.variants if v.key == key), None) if key else None

    def section(self, title: str) -> str:
        """One part of the docstring in ruff's shape: "what" (the first paragraph), "why", "fix"."""
        if title == "what":
            return " ".join(self.doc.split("\n\n")[0].split())
        m = re.search(r"\*\*" + {"why": r"Why is this bad\?", "fix": "Fix:", "example": "Example:"}[title]
                      + r"\*\*(.*?)(?=\n\s*\n|\Z)", self.doc, re.S)
        return " ".join(m.group(1).split()) if m else ""


RULES: dict[str, Rule] = {}


def rule(id: str, *, severity: str, message: str, message_en: str, fixable: bool = False,
         example: Example | None = None, variants: tuple[Variant, ...] = ()):
    """Register the decorated ``fn(ctx) -> Iterable[Hit]`` as rule ``id``."""
    assert severity in SEVERITIES, severity
    assert all(v.severity in SEVERITIES for v in variants), id

    def register(fn: Callable[[Context], Iterable[Hit]]):
        RULES[id] = Rule(id, severity, message, message_en, fn, (fn.__doc__ or "").strip(), fixable,
                         example, tuple(variants))
        return fn
    return register


@dataclass(frozen=True)
class Segment:
    """A piece of the report's text and where it is: memo (measure None) or a measure cell."""

    text: str
    measure: int | None
    field: str | None
    page: int | None
    parts: tuple[str, str] | None = None  # a wrap junction: the two memo lines joined

    def owns(self, found: str) -> bool:
        """A junction segment only reports what crosses the wrap (the lines report the rest)."""
        return self.parts is None or not (found in self.parts[0] or found in self.parts[1])


_LABEL = re.compile(r"^(?:เรื่อง|เรียน|ส่วนราชการ|ที่|วันที่|สิ่งที่ส่งมาด้วย|ความเห็น)\s*")
DOC_FIELDS = ("subject", "addressee", "division")
FIRST_ROW = ("number", "measure", "period")  # cells a measure's first row always has
WRAP_MIN = 30  # a memo line this long may wrap into the next (a paragraph, not a signature block)


def _bare(text: str) -> str:
    return "".join(text.split())


@dataclass
class Context:
    """What every rule reads: the report JSON, the memo lines and the merged YAML config."""

    report: dict[str, Any]
    memo: list[tuple[str, int | None]]
    config: dict[str, Any]
    items: dict[int, dict[str, list[tuple[int | None, str | None]]]] = field(default_factory=dict)
    item_pages: dict[int, dict[str, list[int | None]]] = field(default_factory=dict)
    previous: dict[str, Any] | None = None  # the same agency's report of the year before (history)
    plan: dict[str, Any] | None = None  # the plan this report answers (``--plan``)

    @property
    def document(self) -> dict[str, Any]:
        return self.report.get("document") or {}

    @property
    def measures(self) -> list[dict[str, Any]]:
        return [m for m in self.report.get("measures") or [] if isinstance(m, dict)]

    def settings(self, key: str) -> dict[str, Any]:
        return self.config.get(key) or {}

    @cached_property
    def fiscal_period(self) -> tuple[Any, Any] | None:
        """The fiscal year reported on, as (start, end) dates; None when unknown."""
        from datetime import date
        fy = self.document.get("fiscal_year")
        if isinstance(fy, int) and 2400 < fy < 2700:
            return fiscal_year_period(fy)
        p = self.document.get("period") or {}
        try:
            return date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
        except (KeyError, TypeError, ValueError):
            return None

    @cached_property
    def doc_segments(self) -> list[Segment]:
        """The memo fields a reader sees first: subject, addressee, division, signatories."""
        doc = self.document
        values = [(doc.get(f), f) for f in DOC_FIELDS]
        values += [((s or {}).get("position"), "signatories") for s in doc.get("signatories") or []]
        return [Segment(v, None, f, self._memo_page(v)) for v, f in values if isinstance(v, str) and v.strip()]

    def _memo_page(self, value: str) -> int | None:
        bare = _bare(value)
        for line, page in self.memo:
            b = _bare(_LABEL.sub("", line))
            if b and (b in bare or bare in b):
                return page
        return None

    def _covered(self, line: str) -> bool:
        """A memo line already read as a document field (the addressee line, a signature)."""
        b = _bare(_LABEL.sub("", line.strip()))
        if not b:
            return True
        return any(b in v or (v in b and len(b) <= len(v) + 20) for v in self._doc_bare)

    @cached_property
    def _doc_bare(self) -> list[str]:
        return [_bare(seg.text) for seg in self.doc_segments]

    @cached_property
    def memo_segments(self) -> list[Segment]:
        """Memo lines not already read as a document field, and the wraps between them.

        Scans and some PDFs give the memo as visual lines, so a name or a doubled
        phrase can be cut by a wrap ("…ส่วนตำบล" / "หินเหล็กไฟ"): each pair of
        consecutive paragraph lines on a page is also read joined.
        """
        lines = [(t.strip(), p) for t, p in self.memo if isinstance(t, str) and t.strip()]
        out = [Segment(t, None, None, p) for t, p in lines if not self._covered(t)]
        for (a, pa), (b, pb) in zip(lines, lines[1:]):
            if pa != pb or len(a) < WRAP_MIN or self._covered(a) and self._covered(b):
                continue
            glue = "" if a[-1].isalpha() and b[0].isalpha() and not (a[-1].isascii() or b[0].isascii()) else " "
            out.append(Segment(a + glue + b, None, None, pa, parts=(a, b)))
        return out

    def measure_page(self, m: dict[str, Any], item: int = 0, field: str | None = None) -> int | None:
        """The page of a measure's cell, when it is known rather than guessed.

        A measure on one page: that page. Over several pages only its first row
        is placed for sure (the number, the name and the period are there); a
        list cell may start in a continuation row on a later page, so it gets None.
        """
        known = (self.item_pages.get(m.get("number")) or {}).get(field or "") or []
        if item < len(known) and known[item] is not None:
            return known[item]  # the table stage saw where this item starts
        pages = [p for p in m.get("pages") or [] if isinstance(p, int)]
        if len(pages) == 1 or (pages and field in FIRST_ROW and item == 0):
            return pages[0]
        return None

    @cached_property
    def cell_segments(self) -> list[Segment]:
        """Every measure cell entry, one segment per list item."""
        out = []
        for m in self.measures:
            no = m.get("number")
            for f in FIELDS:
                v = m.get(f)
                items = [v.get("text")] if isinstance(v, dict) else v if isinstance(v, list) else [v]
                out += [Segment(t, no, f, self.measure_page(m, i, f))
                        for i, t in enumerate(items) if isinstance(t, str) and t.strip()]
        return out

    @property
    def segments(self) -> list[Segment]:
        """All text in reading order: memo fields, memo lines, then the table."""
        return self.doc_segments + self.memo_segments + self.cell_segments


def run(ctx: Context) -> list[dict[str, Any]]:
    """Every enabled rule over ``ctx``: finding dicts, de-duplicated, memo first then by measure."""
    switches = ctx.config.get("rules") or {}
    findings: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    order = [rid for rid in switches if rid in RULES] + [rid for rid in RULES if rid not in switches]
    for rid in order:
        r = RULES[rid]
        conf = switches.get(rid) or {}
        if conf.get("enabled", True) is False:
            continue
        severity = conf.get("severity", r.severity)
        try:
            hits = list(r.run(ctx))
        except Exception as e:  # a rule bug must not cost the user the extraction
            hits = [Hit(text=f"{type(e).__name__}: {e}", severity="info",
                        message=f"กฎ {rid} ทำงานผิดพลาด", message_en=f"rule {rid} failed")]
            rid = "rule-failed"
        for h in hits:
            key = (rid, h.measure, h.field, h.text)
            if key in seen:
                continue
            seen.add(key)
            v = r.variant(h.variant)
            vconf = ((conf.get("variants") or {}).get(v.key) or {}) if v else {}
            if vconf.get("enabled", True) is False:
                continue
            findings.append(_finding(rid, r, severity, h, v, vconf.get("severity")))
    findings.sort(key=lambda f: (f["measure"] is not None, f["measure"] if isinstance(f["measure"], int) else 0))
    return findings


def _finding(rid: str, r: Rule, severity: str, h: Hit, v: Variant | None = None,
             v_severity: str | None = None) -> dict[str, Any]:
    shade = v.severity if v else h.severity
    sev = v_severity or shade or severity
    if shade and not v_severity and severity != r.severity and shade != "info":
        sev = severity  # the user's YAML severity wins over a rule's own shading
    return {"rule": rid, "severity": sev, "message": h.message or (v.message if v else r.message),
            "message_en": h.message_en or (v.message_en if v else r.message_en),
            "measure": h.measure, "field": h.field,
            "page": h.page, "text": h.text, "suggestion": h.suggestion}


def iter_hits(segments: Iterable[Segment], find: Callable[[str], Iterator[tuple[str, str | None]]]) -> Iterator[Hit]:
    """Hits for a text-only rule: ``find(text)`` yields (offending text, suggestion)."""
    for seg in segments:
        for text, suggestion in find(seg.text):
            if not seg.owns(text):
                continue
            yield Hit(text=text, measure=seg.measure, field=seg.field, page=seg.page, suggestion=suggestion)
