"""OCR'd lines outside tables → paragraphs, with :mod:`extractor.flow`'s geometry.

OCR sees boxes, not fonts: a line's ``size`` is the page's median line height
(≈ 1.2 em, so the thresholds below are the PDF's em ones scaled down), pitch is
measured between tops, and bold is unknown, so the บันทึกข้อความ form's labels,
bold in print, are named instead: they always open a line.
"""
from __future__ import annotations

from ..flow import FlowSettings, VisLine, join_paragraphs
from ..base import Line

__all__ = ["OCR_FLOW", "VisLine", "paragraphs"]

OCR_FLOW = FlowSettings(  # × line height
    max_pitch=1.9, wrap_slack=2.5, max_slack=5.0, indent=0.8, label_gap=0.55, form_gap=1.6, centre=0.8,
    heads=("ส่วนราชการ", "ที่ ", "วันที่", "เรื่อง", "เรียน", "อ้างถึง", "สิ่งที่ส่งมาด้วย", "สำเนาเรียน"))


def paragraphs(lines: list[VisLine], fs: FlowSettings = OCR_FLOW) -> list[Line]:
    """Visual lines (reading order, ``size`` unset) → one Line per paragraph, wrapped lines joined."""
    return join_paragraphs(lines, fs)
