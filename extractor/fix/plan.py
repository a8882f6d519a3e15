"""Which edits to make in which paragraph, and why (the rule behind each).

For every body paragraph: its text ``R`` as printed, ``C`` = ``R`` with the Thai
damage repaired (:func:`.edits.repair`), then the fixable rules of the registry
(``RULES[id].fixable``) run on ``C`` one paragraph at a time — the same rule
code as ``ita check``, so what is fixed is exactly what is reported. A hit is
applied only when it is safe and unambiguous:

- it has a suggestion and is the rule's main case (a variant with its own
  message — "perhaps the name before an upgrade", "an OCR misread", "a partner
  agency" — needs a person);
- ``agency-mismatch``: the suggestion is the report's own agency;
- each occurrence of the quoted text in the paragraph is a hit (if the rule
  flags one "หนองตาแต้ม" but not another, neither is changed: a comment asks).

The corrected text ``F`` is ``C`` with the hits replaced; the edits are
:func:`.edits.diff` of ``R`` and ``F``, each credited to the hit it touches or to
``text-damage``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..rules import RULES
from ..rules.agency import own_agency
from ..rules.config import load
from ..rules.engine import Context, Hit, Segment
from .edits import SEPARATORS, diff, repair
from .locate import Para
from .model import DAMAGE, Edit, FixOptions


@dataclass
class _ByParagraph(Context):
    """A rule context whose text segments are the draft's paragraphs (field = "p<index>")."""

    paragraph_segments: list[Segment] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        return self.paragraph_segments


@dataclass
class Plan:
    edits: dict[int, list[Edit]] = field(default_factory=dict)  # paragraph index → edits, in order


def fixable_rules(config: dict[str, Any]) -> list[str]:
    switches = config.get("rules") or {}
    return [rid for rid, r in RULES.items()
            if r.fixable and (switches.get(rid) or {}).get("enabled", True) is not False]


def make_plan(paras: list[Para], report: dict[str, Any], options: FixOptions) -> Plan:
    config = load(list(options.rules_files))
    raw = {p.index: p.text for p in paras}
    fixed = {i: (repair(t) if options.repair_text else t) for i, t in raw.items()}
    segs = [Segment(t.replace("\t", " "), None, f"p{i}", None) for i, t in fixed.items() if t.strip()]
    ctx = _ByParagraph(report=report, memo=[], config=config, paragraph_segments=segs)
    own = own_agency(ctx)
    hits: dict[int, list[tuple[str, Hit]]] = {}
    for rid in fixable_rules(config):
        for h in RULES[rid].run(ctx):
            if _safe(rid, h, own) and isinstance(h.field, str) and h.field.startswith("p"):
                hits.setdefault(int(h.field[1:]), []).append((rid, h))
    plan = Plan()
    for i, r_text in raw.items():
        spans = _spans(fixed[i], hits.get(i, []))
        final = _apply(fixed[i], spans)
        if final == r_text:
            continue
        edits = _credit(r_text, fixed[i], diff(r_text, final), spans)
        if edits:
            plan.edits[i] = edits
    return plan


def _safe(rid: str, h: Hit, own) -> bool:
    if not h.suggestion or h.message is not None or h.severity == "info" or h.suggestion == h.text:
        return False
    if rid == "agency-mismatch":
        return own is not None and h.suggestion.endswith(own.name)
    return True


def _spans(text: str, hits: list[tuple[str, Hit]]) -> list[tuple[int, int, str, str, str]]:
    """(start, end, rule, quoted text, suggestion) of each hit in ``text``; all occurrences of a
    quoted text must be hits, spans never overlap, and none crosses a tab or line break."""
    by_text: dict[str, list[tuple[str, Hit]]] = {}
    for rid, h in hits:
        by_text.setdefault(h.text, []).append((rid, h))
    out: list[tuple[int, int, str, str, str]] = []
    for quoted, hs in by_text.items():
        occ, pos = [], text.find(quoted)
        while pos >= 0:
            occ.append(pos)
            pos = text.find(quoted, pos + len(quoted))
        rules = {rid for rid, _ in hs}
        per_rule = {rid: [h for r, h in hs if r == rid] for rid in rules}
        for rid, hrs in per_rule.items():
            if len(hrs) != len(occ) or len({h.suggestion for h in hrs}) != 1:
                continue  # some occurrences are not flagged, or flagged differently: a person decides
            for p in occ:
                out.append((p, p + len(quoted), rid, quoted, hrs[0].suggestion))
    out.sort()
    kept: list[tuple[int, int, str, str, str]] = []
    for s in out:
        if kept and s[0] < kept[-1][1]:
            continue
        if any(ch in SEPARATORS for ch in text[s[0]:s[1]] + s[4]):
            continue
        kept.append(s)
    return kept


def _apply(text: str, spans: list[tuple[int, int, str, str, str]]) -> str:
    out, last = [], 0
    for s, e, _, _, sug in spans:
        out += [text[last:s], sug]
        last = e
    return "".join(out + [text[last:]])


def _credit(raw: str, fixed: str, edits: list[tuple[int, int, str]],
            spans: list[tuple[int, int, str, str, str]]) -> list[Edit]:
    """Each edit of ``raw`` with the rule whose hit it touches (positions through ``fixed``)."""
    to_fixed = [0] * (len(raw) + 1)
    for op, a0, a1, b0, b1 in SequenceMatcher(None, raw, fixed, autojunk=False).get_opcodes():
        for k in range(a0, a1 + 1):
            to_fixed[k] = b0 + (k - a0 if op == "equal" else 0)
    out = []
    for a, b, new in edits:
        if any(ch in SEPARATORS for ch in raw[a:b] + new):
            continue
        c0, c1 = to_fixed[a], to_fixed[b]
        rule = next((rid for s, e, rid, _, _ in spans if (s < c1 and c0 < e if c0 < c1 else s <= c0 <= e)),
                    DAMAGE)
        out.append(Edit(a, b, new, rule))
    return out
